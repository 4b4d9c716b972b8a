"""One event, many reports: the events of a story's articles that describe the same act.

Two coded events are reports of one act when they have the same type, the same modality
(negated, future or hypothetical alike; an alleged report may join an asserted one, and the
difference is kept), and compatible participants and circumstances: each side (actors,
recipients) either names a country or person the other names or is left unnamed by one of
them (where both name people, one person must be on both), at least one side is shared, the
dates (when both are known) are at most :data:`DATE_WINDOW` days apart (or agree to the
coarser date's precision) and the places (when both are known) are in one country.
Events are taken in storing order; each joins the first chronicle event whose first report it
is compatible with. Where reports disagree (another date, another actor of the same country,
alleged by some and asserted by others) the chronicle event keeps every version under
``conflicts``: nothing is averaged away.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chronist.store.rows import day_of, name_key, week_of

#: Days two reports' dates may differ by and still be one act.
DATE_WINDOW = 3


@dataclass
class Report:
    """One article's coded event, as a report of an act."""

    article_id: str
    event_id: str
    outlet: str | None
    seq: int
    event: dict[str, Any]
    copy_of: str | None = None
    #: The kind of each of the article's actors (``person``, ``country``, …) by actor id.
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> str | None:
        return day_of(self.event.get("date"))

    @property
    def coded(self) -> bool:
        """False for a sentence that names the act without the events stage coding it
        (see :mod:`chronist.stories.mentions`)."""
        return self.event.get("coded", True) is not False

    def side(self, role: str) -> set[str]:
        """The countries and names of one side ("actors" or "recipients")."""
        return side_keys(self.event, role)

    def persons(self, role: str) -> set[str]:
        """The names of the people on one side."""
        return {
            name_key(p["name"]) or ""
            for p in self.event.get(role) or []
            if p.get("name") and self.kinds.get(p.get("actor") or "") == "person"
        }

    def modality(self) -> dict[str, bool]:
        return {k: bool(v) for k, v in (self.event.get("modality") or {}).items()}

    def as_json(self) -> dict[str, Any]:
        e = self.event
        sentence = e.get("sentence") or {}
        trigger = e.get("trigger") or {}
        return {
            "article": self.article_id,
            "event": self.event_id,
            "outlet": self.outlet,
            "sentence": {k: sentence.get(k) for k in ("start", "end", "text")},
            "trigger": trigger.get("text"),
            "date": e.get("date"),
            "actors": [_person(p) for p in e.get("actors") or []],
            "recipients": [_person(p) for p in e.get("recipients") or []],
            "reported_by": e.get("reported_by"),
            "modality": [k for k, v in self.modality().items() if v],
            "copy_of": self.copy_of,
            "coded": self.coded,
            **({"shared_words": e["shared_words"]} if "shared_words" in e else {}),
        }


def who(country: str | None, name: str | None) -> set[str]:
    """The keys a participant is matched by: its country and its name."""
    out: set[str] = set()
    if country:
        out.add("c:" + country)
    if name:
        out.add("n:" + (name_key(name) or ""))
    return out


def side_keys(event: dict[str, Any], role: str) -> set[str]:
    """The keys of everyone on one side of an event ("actors" or "recipients")."""
    out: set[str] = set()
    for p in event.get(role) or []:
        out |= who(p.get("country"), p.get("name"))
    return out


def _person(p: dict[str, Any]) -> dict[str, Any]:
    return {"name": p.get("name"), "country": p.get("country"), "sector": p.get("sector")}


@dataclass
class ChronicleEvent:
    """An act and every report of it."""

    reports: list[Report] = field(default_factory=list)

    @property
    def first(self) -> Report:
        return self.reports[0]

    @property
    def chronicle_id(self) -> str:
        return f"{self.first.article_id[:12]}:{self.first.event_id}"

    def accepts(self, r: Report) -> bool:
        return compatible(self.first, r)

    def day(self) -> str | None:
        """The date most reports give (the earliest of a tie)."""
        days = Counter(d for d in (r.day for r in self.reports if r.coded) if d)
        if not days:
            return None
        top = max(days.values())
        return min(d for d, n in days.items() if n == top)

    def participants(self, role: str) -> list[dict[str, Any]]:
        """Everyone named on one side, with the reports naming them, most named first."""
        seen: dict[tuple, dict[str, Any]] = {}
        for r in self.reports:
            for p in {(_person(p)["name"], p.get("country"), p.get("sector")): p
                      for p in r.event.get(role) or []}:  # fmt: skip
                entry = seen.setdefault(
                    p, {"name": p[0], "country": p[1], "sector": p[2], "reports": 0}
                )
                entry["reports"] += 1
        return sorted(seen.values(), key=lambda e: -e["reports"])

    def conflicts(self) -> list[dict[str, Any]]:
        """Where the reports disagree: each version with the outlets that give it."""
        out = []
        coded = [r for r in self.reports if r.coded]
        by_day: dict[str, set[str]] = {}
        for r in coded:
            if r.day:
                by_day.setdefault(r.day, set()).add(r.outlet or "?")
        if len(by_day) > 1:
            out.append({"field": "date", "versions": _versions(by_day)})
        for role in ("actors", "recipients"):
            names: dict[str, set[str]] = {}
            for r in coded:
                named = sorted({p.get("name") for p in r.event.get(role) or [] if p.get("name")})
                if named:
                    names.setdefault("; ".join(named), set()).add(r.outlet or "?")
            if len(names) > 1:
                out.append({"field": role, "versions": _versions(names)})
        alleged: dict[str, set[str]] = {}
        for r in coded:
            key = "alleged" if r.modality().get("alleged") else "asserted"
            alleged.setdefault(key, set()).add(r.outlet or "?")
        if len(alleged) > 1:
            out.append({"field": "modality", "versions": _versions(alleged)})
        return out

    def as_json(self, story_id: str) -> dict[str, Any]:
        e = self.first.event
        return {
            "id": self.chronicle_id,
            "story": story_id,
            "type": e.get("type"),
            "mode": e.get("mode"),
            "quad": e.get("quad"),
            "score": e.get("score"),
            "date": self.day(),
            "actors": self.participants("actors"),
            "recipients": self.participants("recipients"),
            "outlets": sorted({r.outlet or "?" for r in self.reports}),
            "conflicts": self.conflicts(),
            "reports": [r.as_json() for r in self.reports],
        }


def _versions(groups: dict[str, set[str]]) -> list[dict[str, Any]]:
    return [{"value": k, "outlets": sorted(v)} for k, v in sorted(groups.items())]


def _sides_fit(a: Report, b: Report, role: str) -> bool:
    """One side leaves it open, or they share someone; two named people must be one."""
    sa, sb = a.side(role), b.side(role)
    if not sa or not sb:
        return True
    pa, pb = a.persons(role), b.persons(role)
    if pa and pb:
        return bool(pa & pb)
    return bool(sa & sb)


def _dates_fit(a: str | None, b: str | None) -> bool:
    """Two full dates at most :data:`DATE_WINDOW` days apart, or dates that agree to the
    coarser one's precision ("2016-10" and "2016-11-22" do not)."""
    if not a or not b:
        return True
    da, db = _ordinal(a), _ordinal(b)
    if da is not None and db is not None:
        return abs(da - db) <= DATE_WINDOW
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports can describe one act (see the module docstring)."""
    ea, eb = a.event, b.event
    if ea.get("type") != eb.get("type") or not ea.get("type"):
        return False
    ma, mb = a.modality(), b.modality()
    for flag in ("negated", "future", "hypothetical"):
        if ma.get(flag, False) != mb.get(flag, False):
            return False
    if not (_sides_fit(a, b, "actors") and _sides_fit(a, b, "recipients")):
        return False
    if not (a.side("actors") & b.side("actors") or a.side("recipients") & b.side("recipients")):
        return False
    if not _dates_fit(a.day, b.day):
        return False
    la = (ea.get("location") or {}).get("country_code")
    lb = (eb.get("location") or {}).get("country_code")
    return not (la and lb and la != lb)


def _ordinal(day: str | None) -> int | None:
    from chronist.stories.cluster import ordinal

    return ordinal(day)


def add_mentions(events: list[ChronicleEvent], records: dict[str, dict[str, Any]],
                 outlets: dict[str, str | None]) -> None:  # fmt: skip
    """Add to each act the sentences of the story's other articles that name it by a noun
    (``records``: the story's articles by id; ``outlets``: their outlets). A sentence is a
    report of one act at most."""
    from chronist.stories import mentions

    taken: set[tuple[str, int]] = set()
    cache: dict[str, Any] = {}
    for ce in events:
        if not ce.first.coded:
            continue
        told = {r.article_id for r in ce.reports}
        for aid, record in records.items():
            if aid in told:
                continue
            found = mentions.find(ce.first.event, record)
            found += mentions.find_retold(ce.first.event, record, cache)
            for event in found:
                key = (aid, event["sentence"]["start"])
                if key not in taken:
                    taken.add(key)
                    ce.reports.append(Report(aid, event["id"], outlets.get(aid), 0, event))


def merge(reports: list[Report]) -> list[ChronicleEvent]:
    """Group a story's reports (in storing order) into chronicle events. A report is only
    compared with the acts of its type that share a country or name with it (one side must
    be shared) and whose month is its month or next to it (or unknown), so a story of
    thousands of reports merges in near-linear time."""
    events: list[ChronicleEvent] = []
    index: dict[tuple[str, str, str], dict[str, list[int]]] = {}
    for r in sorted(reports, key=lambda r: (r.seq, r.event.get("start") or 0, r.event_id)):
        kind = r.event.get("type") or ""
        keys = [(kind, role, k) for role in ("actors", "recipients") for k in r.side(role)]
        month = _month(r.day)
        near = None if month is None else {month, *_next_months(month), "*"}
        candidates: set[int] = set()
        for key in keys:
            for m, found in index.get(key, {}).items():
                if near is None or m in near:
                    candidates.update(found)
        ce = next((events[i] for i in sorted(candidates) if events[i].accepts(r)), None)
        if ce is not None:
            ce.reports.append(r)
            continue
        events.append(ChronicleEvent([r]))
        for key in keys:
            index.setdefault(key, {}).setdefault(month or "*", []).append(len(events) - 1)
    return events


def _month(day: str | None) -> str | None:
    """The year and month of a date ("2016-09-12" → "2016-09"); None for a date without
    both ("2016", or "--01-01": a day of a year not written)."""
    return day[:7] if day and re.match(r"\d{4}-\d{2}", day) else None


def _next_months(month: str) -> tuple[str, str]:
    """The months before and after ("2016-01" → "2015-12", "2016-02")."""
    year, m = int(month[:4]), int(month[5:7])
    before = f"{year - 1}-12" if m == 1 else f"{year}-{m - 1:02d}"
    after = f"{year + 1}-01" if m == 12 else f"{year}-{m + 1:02d}"
    return before, after


def rows(story_id: str, events: list[ChronicleEvent]) -> dict[str, list[tuple]]:
    """The rows of a story's chronicle events in ``story_events``, ``story_event_actors`` and
    ``story_reports``."""
    import json

    out: dict[str, list[tuple]] = {"story_events": [], "story_event_actors": [],
                                   "story_reports": []}  # fmt: skip
    for ce in events:
        cid = ce.chronicle_id
        data = ce.as_json(story_id)
        day = data["date"]
        out["story_events"].append(
            (
                story_id, cid, data["type"], data["mode"], data["quad"], data["score"], day,
                week_of(day), len(ce.reports), len(data["outlets"]),
                json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            )
        )  # fmt: skip
        seen: set[tuple] = set()
        for role in ("actors", "recipients"):
            for p in data[role]:
                key = (role, p["country"], name_key(p["name"]))
                if key not in seen:
                    seen.add(key)
                    out["story_event_actors"].append((story_id, cid, *key))
        for r in ce.reports:
            out["story_reports"].append((story_id, cid, r.article_id, r.event_id))
    return out
