"""The verb lexicon: CAMEO verb patterns converted to PLOVER types, looked up by verb lemma.

The data (``data/lexicon.json.gz``) is built by ``tools/build_event_lexicon.py`` from the
PETRARCH CAMEO verb dictionary (MIT, Open Event Data Alliance) and the CAMEO→PLOVER conversion
table (CC BY-SA 4.0, Open Event Data Alliance); ``data/PROVENANCE.md`` says where they came from.

Each verb lemma (lower case, as spaCy's English rule lemmatizer gives it: "froze" → ``freeze``)
has entries: a PLOVER type with the CAMEO code it came from, a mode and a context, the words a
pattern wants before and after the verb, and a particle for phrasal verbs ("stir up": lemma
``stir``, particle ``up``). An entry with no words is the verb's default.

:meth:`Lexicon.match` picks one entry for a verb in its clause:

- an entry with a particle needs that particle, given as ``particle`` or as the first words of
  ``after``;
- its ``after`` words must occur in ``after`` in their order and its ``before`` words in
  ``before``, each as a whole word; a pattern word also matches a longer token that starts with
  it by an inflection ("sanction" matches "sanctions", "aid" matches "aided"; not "aide", nor
  "law" "lawyer": see ``_ENDINGS``), except words of one or two letters ("to", "on") and
  function words ("for", "out", "the": see ``_WHOLE_WORDS``), which must match exactly
  (chronist's choice: "on" must not match "one", nor "for" "forum");
- a pattern word ``&name`` stands for the dictionary's synonym set ``name`` (``&weapon``: "rifle",
  "ak 47", "mortar", ...; the sets are :attr:`Lexicon.sets`): it matches where any one member's
  words match, in order. The sets stay sets in the data: spelled out, ``&weapon`` and
  ``&aircraft`` alone would multiply the file tenfold;
- at most :data:`MAX_GAP` (4) tokens may lie between the verb and the pattern's first word,
  and between two of its words: the patterns describe the verb's own phrase, and matched across
  a whole clause they coded "expressed condolences … after the attack" as an attack and
  "said he would call on the Security Council to restore sanctions" as a sanction. The limit
  was chosen on 700 sentences of ConfliBERT's ``cameo_class`` train split, coded by the lexicon
  alone: macro-F1 0.591 with no limit, 0.595 at 7, 0.599 at 4, 0.591 at 2;
- the entry with the most words (particle words included) wins; on a tie an entry of
  chronist's news verbs (``data/news_verbs.tsv``, no CAMEO code: "strike a deal" is AGREE where
  the dictionary's STRIKE … WITH is an attack), then the more specific CAMEO code (the longer
  one), then the entry stored first. A default (no words) only wins when no pattern matched.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: Synonym set name (without "&") → its members, each a tuple of words.
Sets = dict[str, tuple[tuple[str, ...], ...]]

_WORD = re.compile(r"[^\W_]+")
#: How many tokens may come between the verb (or its particle) and a pattern's first word, and
#: between two of its words (see the module docstring).
MAX_GAP = 4
_JOINERS = re.compile(r"[.'\u2019]")


def words(text: str) -> tuple[str, ...]:
    """The lower-case words of ``text``: full stops and apostrophes inside a word are dropped
    ("U.N." → ``un``), any other punctuation separates words ("sit-in" → ``sit``, ``in``)."""
    return tuple(_WORD.findall(_JOINERS.sub("", text.lower())))


@dataclass(frozen=True)
class Entry:
    """One pattern of a verb: what it codes and the words it needs around the verb."""

    cameo: str
    type: str
    mode: str | None = None
    context: str | None = None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    particle: str | None = None

    @property
    def size(self) -> int:
        """How many words the pattern needs (particle words included): 0 for a default."""
        return len(self.before) + len(self.after) + len(words(self.particle or ""))

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Entry:
        return cls(
            cameo=raw["cameo"],
            type=raw["type"],
            mode=raw.get("mode"),
            context=raw.get("context"),
            before=tuple(raw.get("before") or ()),
            after=tuple(raw.get("after") or ()),
            particle=raw.get("particle"),
        )


#: "strike a deal", "struck an agreement": a strike that is no strike for any pattern word
#: (CAMEO's PUT … STRIKE coded "putting efforts to strike a deal" as a protest).
_IDIOM_HEADS = frozenset({"strike", "strikes", "struck", "striking"})
_IDIOM_OBJECTS = frozenset({"deal", "deals", "agreement", "accord", "bargain", "compromise"})


#: "a legal fight", "a political battle", "trade war": no one is attacked.
_FIGHTS = frozenset(
    {"fight", "fights", "fighting", "battle", "battles", "war", "wars", "warfare", "struggle"}
)
_BLOODLESS = frozenset(
    {"legal", "court", "courtroom", "political", "electoral", "election", "budget", "trade",
     "tariff", "price", "culture", "cultural", "uphill", "bidding", "custody", "verbal",
     "ratings", "legislative", "procedural", "funding", "spending", "public-relations"}
)  # fmt: skip


#: "gun rights advocate", "arms control talks": a weapon word that modifies a policy noun.
_WEAPON_WORDS = frozenset({"gun", "guns", "firearm", "firearms", "arms", "weapon", "weapons"})
_WEAPON_POLICY = frozenset(
    {"rights", "control", "owners", "ownership", "law", "laws", "lobby", "violence", "safety",
     "reform", "shop", "shops", "store", "stores", "show", "shows", "license", "licence",
     "permit", "permits", "advocate", "advocates", "activist", "activists", "group", "groups"}
)  # fmt: skip


def _unidiomatic(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` with the head of an idiom masked, so no pattern word matches it ("strike a
    deal"; "a legal fight", "trade war": a fight or war of no arms; "gun rights advocate",
    "arms control": a policy, not a weapon in use)."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token in _FIGHTS and i > 0 and tokens[i - 1] in _BLOODLESS:
            out[i] = "_"
        if token in _WEAPON_WORDS and i + 1 < len(tokens) and tokens[i + 1] in _WEAPON_POLICY:
            out[i] = "_"
        if token in _IDIOM_HEADS:
            rest = [t for t in tokens[i + 1 : i + 4] if t not in ("a", "an", "the", "new")]
            if rest and rest[0] in _IDIOM_OBJECTS:
                out[i] = "_"
    return tuple(out)


#: Function words a pattern writes whole: "for" is not "forum" or "forces", "out" not "outside".
_WHOLE_WORDS = frozenset(
    {"for", "out", "off", "the", "and", "but", "nor", "per", "via", "its", "not", "all", "any",
     "who", "how", "why", "can", "may", "was", "are", "has", "had", "his", "her", "our", "own"}
)  # fmt: skip


#: What a pattern word may grow by: an inflection ("sanctions", "aided", "attacking"), not
#: another word ("aid" is not "aide", "law" not "lawyer", "war" not "warn").
_ENDINGS = frozenset({"", "s", "ed", "d", "ing", "n", "en"})
#: Words that take "es" in the plural or third person ("marches", "taxes", "pushes").
_ES_WORD = re.compile(r"(?:s|x|z|ch|sh)$")


def _word_matches(word: str, token: str) -> bool:
    if len(word) <= 2 or word in _WHOLE_WORDS:
        return token == word
    if not token.startswith(word):
        return False
    ending = token[len(word) :]
    return ending in _ENDINGS or (ending == "es" and bool(_ES_WORD.search(word)))


def _end_of(pattern: tuple[str, ...], tokens: tuple[str, ...], start: int, sets: Sets) -> int:
    """Where the earliest in-order match of ``pattern`` in ``tokens[start:]`` ends, or -1."""
    i = start
    for word in pattern:
        if word.startswith("&"):
            # The member whose match ends first leaves the most room for the rest.
            ends = [_end_of(member, tokens, i, sets) for member in sets.get(word[1:], ())]
            i = min((end for end in ends if end >= 0), default=-1)
            if i < 0:
                return -1
            continue
        limit = min(len(tokens), i + MAX_GAP + 1)
        while i < limit and not _word_matches(word, tokens[i]):
            i += 1
        if i == limit:
            return -1
        i += 1
    return i


def _in_order(
    pattern: tuple[str, ...], tokens: tuple[str, ...], start: int = 0, sets: Sets | None = None
) -> bool:
    """Every word of ``pattern`` matches a token of ``tokens[start:]``, in order."""
    return _end_of(pattern, tokens, start, sets or {}) >= 0


class Lexicon:
    """Verb lemma → its entries, and the matcher that picks one for a clause."""

    def __init__(
        self,
        verbs: dict[str, tuple[Entry, ...]],
        sets: Sets | None = None,
        about: dict[str, Any] | None = None,
    ) -> None:
        self.verbs = verbs
        self.sets = sets or {}
        self.about = about or {}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lexicon:
        verbs = {
            lemma: tuple(Entry.from_json(raw) for raw in entries)
            for lemma, entries in data["verbs"].items()
        }
        sets = {
            name: tuple(tuple(member) for member in members)
            for name, members in (data.get("sets") or {}).items()
        }
        return cls(verbs, sets, data.get("about"))

    def __len__(self) -> int:
        return len(self.verbs)

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and lemma.strip().lower() in self.verbs

    def entries(self, lemma: str) -> tuple[Entry, ...]:
        """Every entry of ``lemma`` (empty when the verb is not in the lexicon)."""
        return self.verbs.get(lemma.strip().lower(), ())

    def match(
        self, lemma: str, after: str, before: str = "", particle: str | None = None
    ) -> Entry | None:
        """The entry of ``lemma`` that fits its clause best, or None.

        ``after`` and ``before`` are the clause's text after and before the verb; ``particle``
        the verb's particle when the caller knows it ("up" in "stirred up")."""
        entries = self.entries(lemma)
        if not entries:
            return None
        after_words = _unidiomatic(words(after))
        before_words = _unidiomatic(words(before))
        given = words(particle) if particle else ()
        best: Entry | None = None
        best_key: tuple[int, bool, int] = (-1, False, -1)
        for entry in entries:
            start = 0
            if entry.particle:
                needed = words(entry.particle)
                if after_words[: len(needed)] == needed:
                    start = len(needed)
                elif needed != given:
                    continue
            if entry.after and not _in_order(entry.after, after_words, start, self.sets):
                continue
            if entry.before and not _in_order(entry.before, before_words, 0, self.sets):
                continue
            # on a tie a news verb of chronist's own (no CAMEO code) corrects the dictionary
            key = (entry.size, not entry.cameo, len(entry.cameo))
            if key > best_key:
                best, best_key = entry, key
        return best


def read_lexicon(raw: bytes) -> Lexicon:
    """A lexicon from the bytes of a ``lexicon.json.gz`` (or of plain JSON)."""
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return Lexicon.from_json(json.loads(raw))


def with_news_verbs(lexicon: Lexicon, table: str) -> Lexicon:
    """``lexicon`` with the entries of a news-verbs table (``data/news_verbs.tsv``): each line
    replaces the entry of the same lemma, particle and words, or adds one. Words before the
    verb are written before a ``_`` that stands for the verb ("minister _")."""
    verbs = dict(lexicon.verbs)
    for line in table.splitlines():
        if not line.strip() or line.startswith(("#", "lemma\t")):
            continue
        lemma, particle, after, type_name = line.split("\t")[:4]
        # "minister _": words before the verb ("_"), then words after it
        tokens = [] if after == "-" else after.split()
        cut = tokens.index("_") if "_" in tokens else -1
        entry = Entry(
            cameo="",
            type=type_name,
            particle=None if particle == "-" else particle,
            after=tuple(tokens[cut + 1 :]),
            before=tuple(tokens[:cut]) if cut >= 0 else (),
        )
        same = (entry.particle, entry.after, entry.before)
        kept = [e for e in verbs.get(lemma, ()) if (e.particle, e.after, e.before) != same]
        verbs[lemma] = (entry, *kept)
    return Lexicon(verbs, lexicon.sets, lexicon.about)


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon with chronist's news verbs, read once per process."""
    data = resources.files("chronist.events").joinpath("data")
    lexicon = read_lexicon(data.joinpath("lexicon.json.gz").read_bytes())
    return with_news_verbs(lexicon, data.joinpath("news_verbs.tsv").read_text(encoding="utf-8"))
