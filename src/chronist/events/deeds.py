"""Whose deed a reaction is aimed at, and who gives what a verb of receiving receives.

PLOVER codes a reaction to someone's act as aimed at them: "praised the judge's decision" is
SUPPORT of the judge, "Parliament rejected her plan to take Britain out of the EU" a REJECT
of her, not of Britain (:func:`owner`). A verb of receiving turns the roles round: in "won the
backing of UK MPs" the MPs support her (:func:`givers`). The CAMEO dictionary has the patterns
("receive … backing") but not the direction, and no library reads deeds' owners, so chronist
reads them from the clause's words: a possessive ("'s", her/his/its/their), a role noun
before the deed ("the police investigation"), "from/by" after it; never "of", which says what
a deed is about ("an investigation of Trump").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chronist.events.phrases import (
    actor_participant,
    names_someone,
    unresolved_participant,
)
from chronist.language import resolve_pronoun
from chronist.language.kb import KnowledgeBase
from chronist.model import Article, Clause, Participant, Span

#: A relative clause after the verb: its words are no longer the verb's phrases.
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b")

#: Verbs of receiving (CAMEO's RECEIVE synset): their aid or support is given to the subject.
RECEIVING = {
    "receive", "win", "gain", "earn", "obtain", "acquire", "attain", "procure", "secure",
    "garner", "get",
}  # fmt: skip
#: Where a verb of receiving names the giver: "the backing of", "weapons from", "… by".
_FROM_GIVER = re.compile(r"\b(?:from|of|by)\s+", re.I)
#: Where the giver's phrase ends: punctuation, or a preposition or clause word after it.
_PHRASE_END = re.compile(
    r"[,.;:!?()]|\s(?:on|in|at|for|after|before|to|and|that|which|who|as|over|during)\s"
)
#: Types of a reaction to someone's act, aimed at whoever did it (:func:`owner`).
REACTIONS = {
    "SUPPORT", "REJECT", "ACCUSE", "AGREE", "COOPERATE", "CONCEDE", "RETREAT", "PROTEST",
    "REQUEST", "SANCTION",
}  # fmt: skip
#: What someone decided, ordered, proposed or said: a reaction to it is aimed at its owner.
_DEED_NOUNS = (
    r"(?:decisions?|orders?|rulings?|verdicts?|judg(?:e)?ments?|investigations?|inquiry|"
    r"inquiries|probes?|plans?|proposals?|polic(?:y|ies)|remarks?|comments?|statements?|"
    r"claims?|allegations?|accusations?|offers?|requests?|demands?|calls?|moves?|actions?|"
    r"conduct|handling|stance|position|nominations?|bills?|laws?|bans?|deals?|decrees?|"
    r"announcements?|appointments?|choices?|subpoenas?|injunctions?|lawsuits?|suits?|"
    r"complaints?|reports?|findings|budget|reforms?|agenda|ultimatum|sanctions|measures)"
)
OWNED_DEED = re.compile(rf"\b{_DEED_NOUNS}\b", re.I)
#: Right after an actor's mention: its deed ("'s recent decision"; group 1), or a deed the
#: name qualifies ("the police investigation").
_OWNS_DEED = re.compile(rf"(?:(['’]s?\s+(?:[\w-]+\s+){{0,2}}?)|\s+){_DEED_NOUNS}\b", re.I)
#: Right before an actor's mention: a deed from or by it ("a court order from a … judge").
_DEED_BY = rf"\b{_DEED_NOUNS}\s+(?:issued\s+|made\s+|filed\s+)?(?:from|by)\s+"
_DEED_FROM = re.compile(rf"{_DEED_BY}(?:the\s+|a\s+|an\s+)?$", re.I)
#: A phrase headed by a deed: "her original plan to …", "Theresa May's rejigged Brexit deal".
DEED_PHRASE = re.compile(
    rf"(?:the\s+|a\s+|an\s+|her\s+|his\s+|its\s+|their\s+)?(?:[\w'’.-]+\s+){{0,4}}?"
    rf"{_DEED_NOUNS}\b(?!['’])",
    re.I,
)
#: A possessive pronoun before a deed: "her original plan", "their demands".
_PRONOUN_OWNER = re.compile(rf"\b(her|his|its|their)\s+(?:[\w-]+\s+){{0,2}}?{_DEED_NOUNS}\b", re.I)
#: Someone no actor covers, after a deed and "from/by": "an order from a district court judge".
_DEED_FROM_SOMEONE = re.compile(rf"{_DEED_BY}(?:the|a|an)\s+((?:[\w-]+\s+){{0,3}}[\w-]+)", re.I)
#: A role noun no actor covers, before a deed: "the police investigation".
_OWNER_BEFORE = re.compile(
    rf"\b(?:the|a|an)\s+((?:[\w-]+\s+){{0,2}}?[\w-]+)\s+{_DEED_NOUNS}\b", re.I
)
#: Role nouns that before a deed qualify it ("an executive order", "an official statement").
_DEED_ADJECTIVES = {
    "executive", "official", "independent", "special", "criminal", "civil", "public", "private",
    "joint", "federal", "national", "royal", "military", "judicial", "legislative",
}  # fmt: skip
#: A possessor no actor covers, before a deed: "the judge's decision".
_POSSESSOR = re.compile(
    rf"\b(?:the|a|an)\s+((?:[\w-]+\s+){{0,2}}?[\w-]+)['’]s?\s+(?:[\w-]+\s+){{0,2}}?"
    rf"{_DEED_NOUNS}\b",
    re.I,
)


def after_verb_end(article: Article, clause: Clause) -> int:
    """Where the verb's own phrases end: its complement, a relative clause ("a conference that
    was hosted by a French think tank favoring cooperation with Russia": no talk with Russia),
    another clause inside its own, after that clause's subject ("criticised the decision and
    said they were coming to the UK": nothing done to the UK; "sent troops to Liberia to
    help"; "call for Muslims to engage": the call is to Muslims), or the clause's end."""
    body, verb = article.body, clause["verb"]
    stop = clause["complement"]["start"] if clause["complement"] else clause["extent"]["end"]
    relative = _RELATIVE.search(body, verb["end"], stop)
    if relative:
        stop = relative.start()
    inner = [
        _after_own_subject(c)
        for c in article.clauses
        if verb["end"] < c["extent"]["start"] < stop and c["verb"]["start"] > verb["end"]
    ]
    return min([stop, *inner])


def _after_own_subject(clause: Clause) -> int:
    """Where an inner clause stops being the outer verb's: after its own subject, which the
    outer verb may still address ("call for Muslims to engage": the call is to Muslims)."""
    start, subject = clause["extent"]["start"], clause["subject"]
    if subject and start <= subject["start"] and subject["end"] < clause["verb"]["start"]:
        return subject["end"]
    return start


def givers(
    article: Article,
    clause: Clause,
    subject: list[Participant],
    participants: Callable[[Article, Span], list[Participant]],
) -> list[Participant]:
    """Who gives what a verb of receiving receives: the actors after "from", "of" or "by"
    ("the backing of UK MPs", "weapons from the US"), or the owner written before it
    ("won Britain's backing"). None where the text names no one."""
    body = article.body
    verb = clause["verb"]
    stop = after_verb_end(article, clause)
    taken = {p["actor"] for p in subject}
    for source in _FROM_GIVER.finditer(body, verb["end"], stop):
        end = _PHRASE_END.search(body, source.end(), stop)
        span: Span = {
            "start": source.end(),
            "end": end.start() if end else stop,
            "text": body[source.end() : end.start() if end else stop],
        }
        found = [p for p in participants(article, span) if p["actor"] not in taken]
        if found and (found[0]["actor"] is not None or found[0]["mention"]["text"]):
            return found
    for actor in article.actors:
        if actor["id"] in taken:
            continue
        for mention in actor["mentions"]:
            if verb["end"] <= mention["start"] and mention["end"] <= stop:
                if re.match(r"['’]s?\s", body[mention["end"] : mention["end"] + 3]):
                    return [actor_participant(actor, mention)]
    return []


def owner(
    article: Article, clause: Clause, actors: list[Participant], kb: KnowledgeBase
) -> list[Participant]:
    """Whose decision, order, plan or remarks the verb reacts to: the owner of a deed
    named after the verb ("praised the judge's decision", "cooperating with the police
    investigation", "defy a court order from a district court judge", "rejected her
    plan"), or in a passive's subject ("her deal was rejected by Parliament"). PLOVER codes
    a reaction to someone's act as aimed at them. Only "'s", a possessive pronoun, a noun
    before the deed and "from/by" after it: the actor "of" a deed is what it is about ("an
    investigation of Trump")."""
    body = article.body
    verb = clause["verb"]
    if clause["passive"]:
        start, stop = clause["subject"]["start"], clause["subject"]["end"]
    else:
        start, stop = verb["end"], after_verb_end(article, clause)
    taken = {p["actor"] for p in actors}
    pronoun = _PRONOUN_OWNER.search(body, start, stop)
    if pronoun is not None and pronoun.start() - start < 40:
        # "rejected her original plan": whom the pronoun stands for
        owner = resolve_pronoun(article, pronoun.start(1), pronoun.group(1).lower())
        actor = next((a for a in article.actors if a["id"] == owner), None)
        if actor is not None and actor["id"] not in taken:
            span: Span = {
                "start": pronoun.start(1),
                "end": pronoun.end(1),
                "text": pronoun.group(1),
            }
            return [actor_participant(actor, span)]
    for actor in article.actors:
        if actor["id"] in taken:
            continue
        for mention in actor["mentions"]:
            if not (start <= mention["start"] and mention["end"] <= stop):
                continue
            before = body[max(start, mention["start"] - 50) : mention["start"]]
            owns = _OWNS_DEED.match(body, mention["end"], stop)
            if owns and not owns.group(1) and actor["kind"] in ("person", "country"):
                owns = None  # "the Russia investigation", "the Khashoggi probe": about them
            if owns or _DEED_FROM.search(before):
                return [actor_participant(actor, mention)]
    # an owner no actor covers: "the judge's decision", "an order from a district judge"
    for pattern in (_POSSESSOR, _DEED_FROM_SOMEONE, _OWNER_BEFORE):
        for match in pattern.finditer(body, start, stop):
            words = match.group(1).split()
            ends = [i for i, w in enumerate(words) if kb.agent_sector(w) is not None]
            if pattern is _OWNER_BEFORE and (
                not ends or ends[-1] != len(words) - 1 or words[-1].lower() in _DEED_ADJECTIVES
            ):
                continue  # "the police investigation", not "the Russia investigation"
            first = match.start(1)
            if ends:
                end = first + len(" ".join(words[: ends[-1] + 1]))
            elif pattern is _POSSESSOR:
                end = match.end(1)
            else:
                continue
            span = {"start": first, "end": end, "text": body[first:end]}
            if ends or names_someone(article, span):
                participant = unresolved_participant(span["text"], span, kb)
                if ends:
                    participant["sector"] = participant["sector"] or kb.agent_sector(
                        words[ends[-1]]
                    )
                return [participant]
    return []
