"""One article record as rows of the store's normalised tables.

Both backends store each article's full JSON record and, beside it, the rows queries filter
on: its actors and their mentions, its quotes, its events with their participants, each
event's country dyads, and its genre, frames and persuasion techniques (rhetoric stage). The
rows are computed here, in Python, once for both backends, so the same record gives the same
rows on SQLite and PostgreSQL; derived keys that SQL dialects compute differently (the ISO
week of an event, the day of a date, lower-cased name keys) are computed here too, so queries
on either backend compare plain columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

#: Columns of each normalised table, in insert order (``article_id`` first, except in
#: ``names``: every distinct name key of actors, participants and speakers, once, which a
#: "name contains" filter scans instead of every mention of every name).
COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": (
        "article_id", "actor_id", "name", "name_key", "kind", "country", "sector", "role",
        "kb_id", "mentions",
    ),
    "mentions": ("article_id", "actor_id", "start", "end", "text"),
    "quotes": (
        "article_id", "quote_id", "kind", "speaker", "speaker_key", "speaker_actor",
        "speaker_country", "speaker_sector", "cue", "start", "end", "text", "published",
    ),
    "events": (
        "article_id", "event_id", "type", "mode", "quad", "score", "date", "day", "week",
        "date_source", "confidence", "negated", "future", "hypothetical", "historical",
        "alleged", "location", "location_country", "start", "end",
    ),
    "event_json": ("article_id", "event_id", "event"),
    "event_participants": (
        "article_id", "event_id", "role", "position", "actor_id", "name", "name_key",
        "country", "sector",
    ),
    "dyads": ("article_id", "event_id", "source", "target", "week", "day", "quad", "score"),
    "article_rhetoric": ("article_id", "genre", "genre_confidence", "words", "frames"),
    "rhetoric": (
        "article_id", "position", "technique", "level", "start", "end", "paragraph", "voice",
        "speaker_actor", "confidence",
    ),
    "names": ("name_key",),
}  # fmt: skip
#: Tables in the order rows are written (and deleted in reverse).
TABLES = tuple(COLUMNS)


@dataclass
class ArticleRows:
    """The article's own query columns and its rows in every normalised table."""

    article: dict[str, Any]
    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


def name_key(name: str | None) -> str | None:
    """The form names are matched in: lower case, spaces collapsed."""
    return " ".join(name.lower().split()) if name else None


def day_of(value: str | None) -> str | None:
    """The first date of an ISO date or range ("2016-09-12/2016-09-14" → "2016-09-12"),
    keeping its precision ("2016-09"), or None."""
    if not value:
        return None
    return value.split("/")[0].split("T")[0] or None


def week_of(day: str | None) -> str | None:
    """The Monday of the ISO week of a full date ("2016-09-14" → "2016-09-12"), else None."""
    if not day or len(day) != 10:
        return None
    try:
        d = date.fromisoformat(day)
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def _flag(value: Any) -> int:
    return 1 if value else 0


def article_rows(record: dict[str, Any]) -> ArticleRows:
    """The rows of one stored record (as :meth:`Article.to_dict` makes it)."""
    aid = record["id"]
    actors = record.get("actors") or []
    by_actor = {a.get("id"): a for a in actors}
    out = ArticleRows(
        article={
            "id": aid,
            "input": record.get("input"),
            "title": record.get("title"),
            "outlet": record.get("outlet"),
            "url": record.get("url"),
            "published": record.get("published"),
            "day": day_of(record.get("published")),
            "language": record.get("language"),
            "home_country": record.get("home_country"),
            "authors": json.dumps(record.get("authors") or [], ensure_ascii=False),
        }
    )
    t: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for actor in actors:
        mentions = actor.get("mentions") or []
        t["actors"].append(
            (
                aid, actor.get("id"), actor.get("name"), name_key(actor.get("name")),
                actor.get("kind"), actor.get("country"), actor.get("sector"), actor.get("role"),
                actor.get("kb_id"), len(mentions),
            )
        )  # fmt: skip
        for m in mentions:
            t["mentions"].append((aid, actor.get("id"), m["start"], m["end"], m.get("text")))
    for i, quote in enumerate(record.get("quotes") or []):
        speaker = by_actor.get(quote.get("speaker_actor")) or {}
        t["quotes"].append(
            (
                aid, i, quote.get("kind"), quote.get("speaker"), name_key(quote.get("speaker")),
                quote.get("speaker_actor"), speaker.get("country"), speaker.get("sector"),
                quote.get("cue"), quote["start"], quote["end"], quote.get("text"),
                record.get("published"),
            )
        )  # fmt: skip
    for event in record.get("events") or []:
        eid = event.get("id")
        modality = event.get("modality") or {}
        location = event.get("location") or {}
        day = day_of(event.get("date"))
        week = week_of(day)
        t["events"].append(
            (
                aid, eid, event.get("type"), event.get("mode"), event.get("quad"),
                event.get("score"), event.get("date"), day, week, event.get("date_source"),
                event.get("confidence"), _flag(modality.get("negated")),
                _flag(modality.get("future")), _flag(modality.get("hypothetical")),
                _flag(modality.get("historical")), _flag(modality.get("alleged")),
                location.get("name"), location.get("country_code"), event.get("start"),
                event.get("end"),
            )
        )  # fmt: skip
        # the event's full record apart, so the table filters scan stays narrow
        t["event_json"].append(
            (aid, eid, json.dumps(event, ensure_ascii=False, separators=(",", ":")))
        )
        sides = {"actor": event.get("actors") or [], "recipient": event.get("recipients") or []}
        for role, people in sides.items():
            for position, p in enumerate(people):
                t["event_participants"].append(
                    (
                        aid, eid, role, position, p.get("actor"), p.get("name"),
                        name_key(p.get("name")), p.get("country"), p.get("sector"),
                    )
                )  # fmt: skip
        sources = dict.fromkeys(p["country"] for p in sides["actor"] if p.get("country"))
        targets = dict.fromkeys(p["country"] for p in sides["recipient"] if p.get("country"))
        for source in sources:
            for target in targets:
                t["dyads"].append(
                    (aid, eid, source, target, week, day, event.get("quad"), event.get("score"))
                )
    if record.get("genre"):
        # the rhetoric stage ran: its genre, frames and the body's words (rates per 1,000)
        genre = record["genre"]
        frames = [f["label"] for f in record.get("frames") or []]
        words = len((record.get("body") or "").split())
        t["article_rhetoric"].append(
            (aid, genre["label"], genre["confidence"], words, json.dumps(frames))
        )
    for i, item in enumerate(record.get("rhetoric") or []):
        t["rhetoric"].append(
            (
                aid, i, item["technique"], item["level"], item["start"], item["end"],
                item["paragraph"], item["voice"], item.get("speaker_actor"), item["confidence"],
            )
        )  # fmt: skip
    keys = {row[3] for row in t["actors"]} | {row[4] for row in t["quotes"]}
    keys |= {row[6] for row in t["event_participants"]}
    # sorted: concurrent writers insert shared names in one order, so they never deadlock
    t["names"] = [(k,) for k in sorted(k for k in keys if k)]
    out.tables = t
    return out
