"""Full names for speakers the actors stage knows by one word only.

The named-entity tagger sometimes keeps only a surname ("the Syrian Ambassador to Russia Riyad
Haddad" gives the person "Haddad": "Russia Riyad" reads as one place). A quote's speaker is then
printed as the article writes the person in full, when it does so exactly one way: a
capitalised first name right before the surname, on the same line, that is no title or role
("President", "Minister"), no function word ("The", "If") and no part of another actor's
mention ("Russia").
"""

from __future__ import annotations

import re

from chronist.model import Quote
from chronist.quotes.speakers import _SPEAKER_NOUN, Speakers

#: Titles and honorifics written before a name that are not a first name.
_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady st rep sen gov gen lt col maj capt sgt adm prof rev "
    "president pope prince princess king queen emperor sheikh emir sultan shah imam rabbi "
    "father brother sister saint cardinal bishop archbishop patriarch chairman chairwoman "
    "chair secretary general justice governor mayor speaker senators senator congressman "
    "congresswoman deputy premier chancellor commissioner emeritus colonel major captain "
    "sergeant lieutenant admiral marshal corporal private crown vice acting former late "
    "uncle aunt tues".split()
)
#: Capitalised words that open a sentence or a clause rather than a name.
_FUNCTION = frozenset(
    "the a an this that these those if in on at as of for from to by with and but or so "
    "which who when while although though because after before since then there here it he "
    "she they we i you his her their our its my your some one all any every no not also "
    "only even just why how what where whether thank dear says said yes".split()
)
_FIRST = re.compile(r"((?:[A-Z][a-zà-ÿ’'-]{1,20}[^\S\n]){1,2})$")


def _is_first_name(speakers: Speakers, actor: str, word: str, start: int) -> bool:
    """``word`` at ``start`` may be a first name of ``actor``'s."""
    return not (
        word.lower() in _TITLES
        or word.lower() in _FUNCTION
        or _SPEAKER_NOUN.fullmatch(word)
        or re.search(r"(?:[’']s?|ly)$", word)
        or re.search(rf"(?<![\w’'-]){re.escape(word.lower())}(?![\w’'-])", speakers.body)
        or any(
            m[0] < start + len(word) and start < m[1] and m[2] != actor
            for m in speakers.mentions_between(start - 80, start + len(word))
        )
    )  # a word the article also writes in lower case ("whether") is no first name


def _first_names(speakers: Speakers, actor: str, surname: str) -> set[str]:
    """The first names (one or two words) written right before ``surname`` in the body."""
    body = speakers.body
    found: set[str] = set()
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", body):
        before = _FIRST.search(body[max(0, match.start() - 44) : match.start()])
        if before is None:
            continue
        start = match.start() - len(before.group())
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", before.group())]
        kept: list[str] = []
        for offset, word in reversed(words):
            if not _is_first_name(speakers, actor, word, offset):
                break
            kept.insert(0, word)
        if kept:
            found.add(" ".join(kept))
    return found


def full_names(speakers: Speakers, quotes: list[Quote]) -> None:
    """A quote's speaker known by a surname alone ("Haddad") takes the full name the article
    gives it ("Riyad Haddad") when exactly one first name is written before it."""
    cache: dict[str, str | None] = {}
    for quote in quotes:
        actor = quote["speaker_actor"]
        if not actor or speakers.kinds.get(actor, ("",))[0] != "person":
            continue
        name = speakers.name(actor) or ""
        if not re.fullmatch(r"[A-Z][a-zà-ÿ’'-]+", name):
            continue
        if actor not in cache:
            firsts = _first_names(speakers, actor, name)
            cache[actor] = f"{firsts.pop()} {name}" if len(firsts) == 1 else None
        if cache[actor]:
            quote["speaker"] = cache[actor]
