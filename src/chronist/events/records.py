"""Events out of article records: filters, PLOVER JSON records and flat rows.

A PLOVER record follows the fields of the PLOVER manual's event records (``id``, ``date``,
``event``, ``mode``, ``context``, the actor and recipient with their codes, ``text``, the
trigger as ``event_text``) and adds what makes it checkable: ``text_info`` (the article id and
the character offsets of the sentence, the evidence and the trigger in the clean body) and
``cite_info`` (outlet, title, URL, publication date, input), plus chronist's ``modality``,
``reported_by``, ``location`` and ``confidence``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

PLOVER_VERSION = "2.0"

#: Columns of the flat events table (``chronist events --format csv``).
EVENT_COLUMNS = (
    "article_id",
    "event_id",
    "type",
    "mode",
    "quad",
    "score",
    "date",
    "date_source",
    "actors",
    "actor_countries",
    "recipients",
    "recipient_countries",
    "location",
    "location_country",
    "negated",
    "future",
    "hypothetical",
    "historical",
    "alleged",
    "reported_by",
    "voice",
    "confidence",
    "mentions",
    "start",
    "end",
    "sentence",
    "outlet",
    "published",
)


@dataclass(frozen=True)
class EventFilter:
    """Which events to keep: every field that is set must hold (names match case-insensitively
    anywhere in an actor's or recipient's name; dates are ISO prefixes compared as text)."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None

    def accepts(self, event: dict[str, Any]) -> bool:
        """Whether ``event`` passes every set condition."""
        people = list(event.get("actors") or []) + list(event.get("recipients") or [])
        if self.type and (event.get("type") or "").upper() != self.type.upper():
            return False
        if self.actor and not any(
            self.actor.lower() in (p.get("name") or "").lower() for p in people
        ):
            return False
        if self.country and not any(
            (p.get("country") or "").upper() == self.country.upper() for p in people
        ):
            return False
        date = (event.get("date") or "").split("/")[0]
        if self.since and (not date or date < self.since):
            return False
        return not (self.until and (not date or date[: len(self.until)] > self.until))


def iter_events(
    records: Iterable[dict[str, Any]], where: EventFilter | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """``(record, event)`` for every event of every record that ``where`` accepts."""
    where = where or EventFilter()
    for record in records:
        for event in record.get("events") or []:
            if where.accepts(event):
                yield record, event


def _names(people: list[dict[str, Any]]) -> str:
    return "; ".join(p.get("name") or "" for p in people)


def event_row(record: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """One flat row of :data:`EVENT_COLUMNS`."""
    modality = event.get("modality") or {}
    reporter = event.get("reported_by") or {}
    location = event.get("location") or {}
    actors = event.get("actors") or []
    recipients = event.get("recipients") or []
    return {
        "article_id": record.get("id"),
        "event_id": event.get("id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "quad": event.get("quad"),
        "score": event.get("score"),
        "date": event.get("date"),
        "date_source": event.get("date_source"),
        "actors": _names(actors),
        "actor_countries": "; ".join(p.get("country") or "" for p in actors),
        "recipients": _names(recipients),
        "recipient_countries": "; ".join(p.get("country") or "" for p in recipients),
        "location": location.get("name"),
        "location_country": location.get("country_code"),
        "negated": modality.get("negated"),
        "future": modality.get("future"),
        "hypothetical": modality.get("hypothetical"),
        "historical": modality.get("historical"),
        "alleged": modality.get("alleged", False),
        "reported_by": reporter.get("speaker"),
        "voice": event.get("voice"),
        "confidence": event.get("confidence"),
        "mentions": len(event.get("mentions") or []),
        "start": event.get("start"),
        "end": event.get("end"),
        "sentence": (event.get("sentence") or {}).get("text"),
        "outlet": record.get("outlet"),
        "published": record.get("published"),
    }


def _plover_actor(person: dict[str, Any]) -> dict[str, Any]:
    mention = person.get("mention") or {}
    return {
        "text": mention.get("text"),
        "name": person.get("name"),
        "country": person.get("country"),
        "sector": person.get("sector"),
        "actor_id": person.get("actor"),
        "start": mention.get("start"),
        "end": mention.get("end"),
    }


def plover_record(record: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER JSON record of one event of an article record."""
    sentence = event.get("sentence") or {}
    trigger = event.get("trigger") or {}
    return {
        "id": f"{record.get('id')}-{event.get('id')}",
        "date": event.get("date"),
        "date_source": event.get("date_source"),
        "event": event.get("type"),
        "mode": event.get("mode"),
        "context": [],
        "quad_class": event.get("quad"),
        "score": event.get("score"),
        "actor": [_plover_actor(p) for p in event.get("actors") or []],
        "recipient": [_plover_actor(p) for p in event.get("recipients") or []],
        "location": event.get("location"),
        "modality": event.get("modality"),
        "reported_by": event.get("reported_by"),
        "text": sentence.get("text"),
        "event_text": trigger.get("text"),
        "text_info": {
            "article_id": record.get("id"),
            "sentence_start": sentence.get("start"),
            "sentence_end": sentence.get("end"),
            "start": event.get("start"),
            "end": event.get("end"),
            "event_text_start": trigger.get("start"),
            "event_text_end": trigger.get("end"),
            "mentions": [[m.get("start"), m.get("end")] for m in event.get("mentions") or []],
        },
        "cite_info": {
            "outlet": record.get("outlet"),
            "title": record.get("title"),
            "url": record.get("url"),
            "published": record.get("published"),
            "authors": record.get("authors") or [],
            "input": record.get("input"),
        },
        "confidence": event.get("confidence"),
        "cameo": event.get("cameo"),
        "coder": "chronist",
        "method": event.get("method"),
        "version": PLOVER_VERSION,
        "language": record.get("language"),
    }
