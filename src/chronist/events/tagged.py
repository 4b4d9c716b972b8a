"""The token head's spans as the participants of a sentence's principal event.

The fine-tuned encoder's token head (:mod:`chronist.events.classifier`) marks one event per
sentence, as its training data (ConfliBERT's ``cameo_ner``) does: S source, T target and R
compound actor spans. :func:`tagged_participants` makes them the participants of the event
they describe and widens the other events' mentions to them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from chronist.events.phrases import (
    NAMES,
    PRONOUNS,
    REPORTING,
    actor_participant,
    actor_within,
    in_dateline,
    in_span,
    kb_name,
    names_someone,
    plural_head,
    proper_name,
    sentence_span,
    unresolved_participant,
)
from chronist.language.kb import KnowledgeBase
from chronist.model import Article, Event, Participant, Span


def tagged_participants(
    article: Article,
    events: list[Event],
    spans: list[tuple[str, int, int]],
    offset: int,
    kb: KnowledgeBase,
) -> None:
    """The token head's spans (``offset``: the sentence's start) shape the participants of
    the sentence's events: a participant whose mention lies inside a span of its role rests on
    that span ("U.S. military chief General Colin Powell", as the training data marks it). The
    head marks one event per sentence, the principal one: its actors and recipients are the
    S/R and T spans, where the head has spans of that role."""
    if not events or not spans:
        return
    sources = [(offset + s, offset + e) for role, s, e in spans if role in ("S", "R")]
    usable = usable_spans(article, spans, offset, kb)
    # The principal event is the one whose actor the head marks as its source (by these words
    # or by name: "The RUF announced it will return weapons" - "it" is the RUF), else the
    # surest on a clause spanning most of the sentence or reported by it. Another event, or
    # one in an embedded clause ("Washington appears oblivious to the fact that Damascus and
    # Moscow have opened …"), only has its mentions widened.
    named = {t.actor["id"] for t in usable if t.role in ("S", "R") and t.actor is not None}
    marked = [
        event
        for event in events
        if any(
            s < p["mention"]["end"] and p["mention"]["start"] < e
            for p in event["actors"]
            for s, e in sources
        )
        or any(p["actor"] in named for p in event["actors"])
    ]
    main = marked or [event for event in events if in_main_clause(article, event)]
    principal = max(main, key=lambda e: e["confidence"]) if main else None
    for event in events:
        tagged_event(event, _not_reporters(event, usable), kb, principal=event is principal)


#: Material acts: their reporter is not their actor by saying so.
_MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "COOPERATE", "SANCTION"}


def _not_reporters(event: Event, usable: list[Tagged]) -> list[Tagged]:
    """The head's spans without those outside what a material act's reporter says ("The
    Kurds said Baghdad's forces had attacked", "Police said Campos was shot"): the head,
    trained on wire statements, marks the speaker as the source; the act has its own actor, or
    none, and its recipient is in the reported words too ("The New York Times … changed its
    headline to say that Israel was actually killing people" is done to no newspaper). A
    verbal act stays the speaker's: "X said Y must go" is X's demand, and "CNN's suit
    says the suspension violates the First Amendment" CNN's accusation."""
    reporter = event["reported_by"]
    if event["type"] not in _MATERIAL or not reporter or reporter.get("quote_start") is None:
        return usable
    if any(p["mention"]["text"].lower() in PRONOUNS for p in event["actors"]):
        return usable  # "Whataburger told Fox News that it is cooperating": it is the speaker
    start, end = reporter["quote_start"], reporter["quote_end"]
    return [t for t in usable if start <= t.span["start"] and t.span["end"] <= end]


def in_main_clause(article: Article, event: Event) -> bool:
    """Whether the event's clause spans most of its sentence (the root's does; a clause inside
    a noun phrase or under another verb does not) or is what the sentence reports ("France is
    ready to contribute troops, Defence Minister Pierre Joxe said")."""
    trigger, sentence = event["trigger"]["start"], event["sentence"]
    for clause in article.clauses:
        if clause["verb"]["start"] == trigger:
            extent = clause["extent"]
            governor = clause["governor"]
            return (
                extent["end"] - extent["start"] >= 0.8 * (sentence["end"] - sentence["start"])
                or governor is not None
                and governor["lemma"] in REPORTING
            )
    return False


def _reporters(article: Article, offset: int) -> list[tuple[int, int]]:
    """The subjects of the sentence's "reported that …" clauses ("an Iraqi group reported
    that advisers … arrived"): the source of the news, not an actor in it. A "said that …"
    subject stays: it is the actor of what it says when that is an accusation or a demand, as
    the CAMEO annotators mark it."""
    end = sentence_span(article, offset)["end"]
    return [
        (clause["subject"]["start"], clause["subject"]["end"])
        for clause in article.clauses
        if offset <= clause["verb"]["start"] < end
        and clause["lemma"] == "report"
        and clause["complement"]
        and clause["subject"]
    ]


class Tagged(NamedTuple):
    """One of the token head's spans the coder may use."""

    role: str  # S, T or R
    span: Span
    #: the actor with a mention inside the span, if any
    actor: dict | None
    #: the span names an actor (an actor's mention, an agent noun, an entity, a country or
    #: organisation of the knowledge base, a capitalised name or acronym); else it is a plural
    #: group ("about 550 households"), which may only be a recipient of an event with an actor
    named: bool


def usable_spans(
    article: Article, spans: list[tuple[str, int, int]], offset: int, kb: KnowledgeBase
) -> list[Tagged]:
    """The head's spans, trimmed of punctuation, that name someone or (targets only) a
    group: the head is trained on wire sentences, and on other text it can mark "at", "the"
    or "the local economy"."""
    body = article.body
    usable: list[Tagged] = []
    reporters = _reporters(article, offset)
    for role, s, e in spans:
        start, end = offset + s, offset + e
        while start < end and not body[start].isalnum():
            start += 1
        while end > start and not body[end - 1].isalnum() and body[end - 1] not in ".)":
            end -= 1
        if end <= start or in_dateline(article, start):
            continue
        if role in ("S", "R") and any(a <= start and end <= b for a, b in reporters):
            continue  # "Ashab al-Kahf reported that advisors … arrived": not the actor
        if _WHERE.search(body[max(0, start - 12) : start]) and _place_only(article, start, end):
            continue  # "arrested … in Florida": where it happened, not to whom
        for entity in article.entities:  # a span does not cut a name in two
            if entity["label"] not in NAMES:
                continue
            if entity["start"] < start < entity["end"]:
                start = entity["start"]
            if entity["start"] < end < entity["end"]:
                end = entity["end"]
        span: Span = {"start": start, "end": end, "text": body[start:end]}
        actor = actor_within(article, span)
        if (
            actor is not None
            or names_someone(article, span)
            or kb_name(span["text"], kb)
            or proper_name(article, span)
        ):
            usable.append(Tagged(role, span, actor, True))
        elif role == "T" and plural_head(span):
            usable.append(Tagged(role, span, None, False))
    return usable


def tagged_event(event: Event, usable: list[Tagged], kb: KnowledgeBase, principal: bool) -> None:
    """Widen the event's participant mentions to the head's spans; the ``principal`` event's
    actors or recipients become the spans of their role, where there are any (the parse's
    participants on a span stay, all of them: "Lavrov and Kerry" is two actors on one
    compound span). A group that names no actor is a recipient only of an event with an
    actor."""
    roles = {"actors": ("S", "R"), "recipients": ("T",)}

    def holds(span: Span, key: str) -> bool:
        return any(
            in_span(p["mention"]["start"], p["mention"]["end"], span)
            for p in event[key]  # type: ignore[literal-required]
        )

    # R marks a compound actor ("Israel and Lebanon agreed"); an R span holding the parse's
    # object and none of its subjects ("Odile Brant met Jonas Eklund") is a recipient.
    usable = [
        t._replace(role="T")
        if t.role == "R" and holds(t.span, "recipients") and not holds(t.span, "actors")
        else t
        for t in usable
    ]
    # The parse knows the voice: "John Carver was arrested" makes Carver a recipient, and
    # the head's span on him alone does not make him the actor (nor a parse actor a
    # recipient).
    parsed = {
        key: [(p["mention"]["start"], p["mention"]["end"]) for p in event[key]]  # type: ignore[literal-required]
        for key in ("actors", "recipients")
    }

    def crosses(t: Tagged) -> bool:
        mine, other = ("actors", "recipients") if t.role in ("S", "R") else ("recipients", "actors")
        span = t.span
        return any(span["start"] < e and s < span["end"] for s, e in parsed[other]) and not any(
            span["start"] < e and s < span["end"] for s, e in parsed[mine]
        )

    if event["type"] != "CONSULT":  # a meeting has no direction: both sides are actors
        usable = [t for t in usable if not crosses(t)]
    taken: list[tuple[int, int]] = []
    for key in ("actors", "recipients"):
        tagged = [
            t
            for t in usable
            if t.role in roles[key] and (t.named or key == "recipients" and event["actors"])
        ]
        participants: list[Participant] = event[key]  # type: ignore[literal-required]
        for participant in participants:
            mention = participant["mention"]
            for t in tagged:
                if t.span["start"] < mention["end"] and mention["start"] < t.span["end"]:
                    if in_span(mention["start"], mention["end"], t.span):
                        participant["mention"] = t.span  # type: ignore[typeddict-item]
                    break
        if principal and tagged:
            kept: dict[tuple[int, int], list[Participant]] = {}
            for participant in participants:
                mention = participant["mention"]
                kept.setdefault((mention["start"], mention["end"]), []).append(participant)
            participants.clear()
            for t in tagged:
                span = t.span
                if any(span["start"] < e and s < span["end"] for s, e in taken):
                    continue  # an actor's span is not also a recipient
                participants.extend(
                    kept.get((span["start"], span["end"]))
                    or [
                        actor_participant(t.actor, span)
                        if t.actor is not None
                        else unresolved_participant(span["text"], span, kb)
                    ]
                )
        taken.extend((p["mention"]["start"], p["mention"]["end"]) for p in participants)


#: Words before a span that make it the event's place ("in Florida", "outside the embassy").
_WHERE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$", re.I)


def _place_only(article: Article, start: int, end: int) -> bool:
    """Whether the words between ``start`` and ``end`` are only a place the text names."""
    return any(
        m["start"] <= start and end <= m["end"]
        for place in article.places
        for m in place["mentions"]
    ) or any(
        e["label"] in ("GPE", "LOC", "FAC") and e["start"] <= start and end <= e["end"]
        for e in article.entities
    )
