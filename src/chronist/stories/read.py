"""Reading stories back: the listing, one story with its merged events and its outlets side by
side, and timelines of chronicle events. :class:`chronist.query.Chronicle` exposes these; the
CLI, exports and web pages go through it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from chronist.errors import ChronistError
from chronist.stories.features import words

#: Words shown per outlet as its own.
OUTLET_TERMS = 12
PERIODS = {"day": "se.day", "week": "se.week", "month": "substr(se.day, 1, 7)"}


@dataclass(frozen=True)
class StoryQuery:
    """Which stories: ``since``/``until`` bound their span of days (a story overlapping the
    range is kept); ``outlet`` ran one of their articles; ``actor`` is part of the name of an
    actor in one of them; ``min_articles``, ``min_outlets``: their size."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    actor: str | None = None
    min_articles: int = 1
    min_outlets: int = 1

    def where(self) -> tuple[str, list[Any]]:
        parts = ["s.articles >= ?", "s.outlets >= ?"]
        params: list[Any] = [self.min_articles, self.min_outlets]
        if self.since:
            parts.append('s."end" >= ?')
            params.append(self.since)
        if self.until:
            from chronist.query import _END

            parts.append("s.start <= ?")
            params.append(self.until + _END)
        if self.outlet:
            parts.append(
                "s.story_id IN (SELECT sa.story_id FROM story_articles AS sa"
                " JOIN articles AS a ON a.id = sa.article_id WHERE lower(a.outlet) = ?)"
            )
            params.append(self.outlet.lower())
        if self.actor:
            from chronist.query import _NAMED, _contains

            parts.append(
                "s.story_id IN (SELECT sa.story_id FROM story_articles AS sa WHERE sa.article_id"
                " IN (SELECT article_id FROM actors WHERE {}))".format(_NAMED.format("name_key"))
            )
            params.append(_contains(self.actor))
        return " AND ".join(parts), params


def list_stories(
    store: Any, where: StoryQuery | None = None, limit: int | None = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Stories, the largest (most outlets, then articles) and latest first."""
    from chronist.query import _page

    sql, params = (where or StoryQuery()).where()
    query, params = _page(
        'SELECT s.story_id, s.label, s.start, s."end", s.articles, s.outlets, s.outlet_counts'
        f" FROM stories AS s WHERE {sql}"
        ' ORDER BY s.outlets DESC, s.articles DESC, s."end" DESC, s.story_id',
        params,
        limit,
        offset,
    )
    keys = ("id", "label", "start", "end", "articles", "outlets")
    out = []
    for row in store.fetch(query, params):
        item = dict(zip(keys, row[:6], strict=True))
        item["by_outlet"] = json.loads(row[6])
        out.append(item)
    return out


def resolve_story(store: Any, id_or_prefix: str) -> str | None:
    """A story's full id from its id or an unambiguous prefix (``s`` and 4+ characters)."""
    if store.fetch("SELECT 1 FROM stories WHERE story_id = ?", (id_or_prefix,)):
        return id_or_prefix
    if len(id_or_prefix) < 5:
        raise ChronistError(f"story id prefix {id_or_prefix!r} is too short")
    rows = store.fetch(
        "SELECT story_id FROM stories WHERE story_id >= ? ORDER BY story_id LIMIT 2",
        (id_or_prefix,),
    )
    found = [r[0] for r in rows if r[0].startswith(id_or_prefix)]
    if len(found) > 1:
        raise ChronistError(f"story id prefix {id_or_prefix!r} is ambiguous")
    return found[0] if found else None


def story_of(store: Any, article_id: str) -> str | None:
    """The story an article is in (None before the stories step has placed it)."""
    rows = store.fetch("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
    return rows[0][0] if rows else None


def chronicle_events(store: Any, story_id: str) -> list[dict[str, Any]]:
    """A story's chronicle events, by date (undated last), each with its reports."""
    rows = store.fetch(
        "SELECT event FROM story_events WHERE story_id = ? ORDER BY day IS NULL, day,"
        " outlets DESC, reports DESC, chronicle_id",
        (story_id,),
    )
    return [json.loads(r[0]) for r in rows]


def get_story(store: Any, id_or_prefix: str) -> dict[str, Any] | None:
    """One story: its articles with outlets, its chronicle events with their reports, what each
    outlet tells (see :func:`outlets_view`) and its weekly timeline."""
    sid = resolve_story(store, id_or_prefix)
    if sid is None:
        return None
    head = store.fetch(
        'SELECT story_id, label, start, "end", articles, outlets, keys, terms FROM stories'
        " WHERE story_id = ?",
        (sid,),
    )[0]
    articles = [
        dict(
            zip(
                ("id", "input", "outlet", "published", "title", "similarity", "copy_of"),
                r,
                strict=True,
            )
        )  # fmt: skip
        for r in store.fetch(
            "SELECT a.id, a.input, a.outlet, a.published, a.title, sa.similarity, sa.copy_of"
            " FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY sa.seq",
            (sid,),
        )
    ]
    events = chronicle_events(store, sid)
    keys = json.loads(head[6])
    return {
        "id": sid,
        "label": head[1],
        "start": head[2],
        "end": head[3],
        "n_articles": head[4],
        "n_outlets": head[5],
        "key_actors": [v[0] for v in keys.values()][:8],
        "articles": articles,
        "events": events,
        "outlets": outlets_view(store, sid, articles, events),
        "timeline": timeline(store, story=sid, by="day"),
    }


def outlets_view(
    store: Any, story_id: str, articles: list[dict[str, Any]], events: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Who tells it how: per outlet, its articles, the chronicle events it reports and those
    other outlets report that it leaves out, the words it uses for each shared act, what it
    calls the actors others also name, whose voices it quotes, its own words, and how it
    tells the story (``rhetoric``: its articles' genres, the persuasion techniques in its own
    voice per 1,000 words, the commonest, and the loaded words it uses most; None where the
    rhetoric stage did not read its articles)."""
    by_outlet: dict[str, list[str]] = {}
    for a in articles:
        by_outlet.setdefault(a["outlet"] or "?", []).append(a["id"])
    view: dict[str, dict[str, Any]] = {
        o: {"articles": ids, "events": [], "leaves_out": [], "acts": {}, "names": {},
            "quotes": 0, "voices": [], "terms": [], "rhetoric": None}
        for o, ids in by_outlet.items()
    }  # fmt: skip
    for ce in events:
        told = {r["outlet"] or "?" for r in ce["reports"]}
        for o in told & view.keys():
            view[o]["events"].append(ce["id"])
            if len(ce["outlets"]) > 1:
                view[o]["acts"][ce["id"]] = sorted(
                    {
                        r["trigger"]
                        for r in ce["reports"]
                        if (r["outlet"] or "?") == o and r["trigger"]
                    }  # fmt: skip
                )
        if len(told) > 1 or len(view) > 1:
            for o in view.keys() - told:
                if told - {o}:
                    view[o]["leaves_out"].append(ce["id"])
    _names(store, story_id, view)
    _voices(store, story_id, view)
    bodies = _Bodies(store)  # _terms and _rhetoric read the same articles' bodies
    _terms(bodies, view)
    _rhetoric(store, story_id, view, bodies)
    return view


class _Bodies:
    """Article bodies read from the store once each (``bodies[article_id]``)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.read: dict[str, str] = {}

    def __getitem__(self, article_id: str) -> str:
        if article_id not in self.read:
            rows = self.store.fetch("SELECT record FROM articles WHERE id = ?", (article_id,))
            self.read[article_id] = (json.loads(rows[0][0]).get("body") or "") if rows else ""
        return self.read[article_id]


def _names(store: Any, story_id: str, view: dict[str, dict[str, Any]]) -> None:
    """What each outlet calls the actors that more than one outlet names: by knowledge-base
    id for people and bodies, by country and sector for groups and governments."""
    rows = store.fetch(
        "SELECT a.outlet, ac.name, ac.kb_id, ac.kind, ac.country, ac.sector, m.text"
        " FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id"
        " JOIN actors AS ac ON ac.article_id = sa.article_id"
        " JOIN mentions AS m ON m.article_id = ac.article_id AND m.actor_id = ac.actor_id"
        " WHERE sa.story_id = ? AND sa.copy_of IS NULL",
        (story_id,),
    )
    groups: dict[str, dict[str, Counter[str]]] = {}
    labels: dict[str, str] = {}
    for outlet, name, kb_id, kind, country, sector, text in rows:
        if kb_id:
            key = f"kb:{kb_id}"
        elif kind != "person" and country:
            key = f"{kind}:{country}:{sector or ''}"
        else:
            continue
        label = name if kb_id else f"{country} {kind}" + (f" ({sector})" if sector else "")
        labels.setdefault(key, label)
        groups.setdefault(key, {}).setdefault(outlet or "?", Counter())[" ".join(text.split())] += 1
    for key, per_outlet in groups.items():
        forms = {o: {t for t in c} for o, c in per_outlet.items()}
        if len(per_outlet) < 2 or len(set.union(*forms.values())) < 2:
            continue
        for o, counts in per_outlet.items():
            if o in view:
                view[o]["names"][labels[key]] = [t for t, _ in counts.most_common(6)]


def _voices(store: Any, story_id: str, view: dict[str, dict[str, Any]]) -> None:
    rows = store.fetch(
        "SELECT a.outlet, q.speaker, q.speaker_country, q.speaker_sector, count(*)"
        " FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id"
        " JOIN quotes AS q ON q.article_id = sa.article_id"
        " WHERE sa.story_id = ? AND sa.copy_of IS NULL"
        " GROUP BY a.outlet, q.speaker, q.speaker_country, q.speaker_sector",
        (story_id,),
    )
    for outlet, speaker, country, sector, n in sorted(rows, key=lambda r: -r[4]):
        v = view.get(outlet or "?")
        if v is None:
            continue
        v["quotes"] += n
        v["voices"].append({"speaker": speaker, "country": country, "sector": sector, "quotes": n})


def _rhetoric(store: Any, story_id: str, view: dict[str, dict[str, Any]], bodies: _Bodies) -> None:
    """Each outlet's genres and techniques in its own voice (the rhetoric stage's rows)."""
    articles = store.fetch(
        "SELECT a.outlet, r.genre, r.words FROM story_articles AS sa"
        " JOIN articles AS a ON a.id = sa.article_id"
        " JOIN article_rhetoric AS r ON r.article_id = sa.article_id"
        " WHERE sa.story_id = ? AND sa.copy_of IS NULL",
        (story_id,),
    )
    for outlet, genre, n_words in articles:
        v = view.get(outlet or "?")
        if v is None:
            continue
        r = v["rhetoric"] = v["rhetoric"] or {
            "genres": {}, "words": 0, "techniques": 0, "per_1000_words": 0.0, "top": [],
            "loaded": [],
        }  # fmt: skip
        r["genres"][genre] = r["genres"].get(genre, 0) + 1
        r["words"] += int(n_words)
    found = store.fetch(
        'SELECT a.outlet, t.technique, t.level, t.start, t."end", t.article_id'
        " FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id"
        " JOIN rhetoric AS t ON t.article_id = sa.article_id"
        " WHERE sa.story_id = ? AND sa.copy_of IS NULL AND t.voice = 'author'",
        (story_id,),
    )
    techniques: dict[str, Counter[str]] = {}
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for outlet, technique, level, start, end, aid in found:
        key = outlet or "?"
        if key not in view or view[key]["rhetoric"] is None:
            continue
        techniques.setdefault(key, Counter())[technique] += 1
        if level == "span":
            spans.setdefault(key, []).append((aid, start, end))
    for outlet, counts in techniques.items():
        r = view[outlet]["rhetoric"]
        r["techniques"] = sum(counts.values())
        r["per_1000_words"] = round(1000 * r["techniques"] / max(r["words"], 1), 2)
        r["top"] = [t for t, _ in counts.most_common(3)]
        words: Counter[str] = Counter()
        for aid, start, end in spans.get(outlet, []):
            words[" ".join(bodies[aid][start:end].lower().split())] += 1
        r["loaded"] = [w for w, _ in words.most_common(OUTLET_TERMS)]


def _terms(bodies: _Bodies, view: dict[str, dict[str, Any]]) -> None:
    """Each outlet's own words: frequent in its articles, rare in the other outlets'."""
    if len(view) < 2:
        return
    counts: dict[str, Counter[str]] = {}
    for outlet, v in view.items():
        c: Counter[str] = Counter()
        for aid in v["articles"]:
            c.update(words(bodies[aid]))
        counts[outlet] = c
    for outlet, c in counts.items():
        total = sum(c.values()) or 1
        rest: Counter[str] = Counter()
        for other, oc in counts.items():
            if other != outlet:
                rest.update(oc)
        rest_total = sum(rest.values()) or 1
        scored = {w: (n / total) / ((rest[w] + 0.5) / rest_total) for w, n in c.items() if n >= 2}
        top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:OUTLET_TERMS]
        view[outlet]["terms"] = [w for w, _ in top]


def timeline(
    store: Any,
    *,
    by: str = "week",
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    country: str | None = None,
    story: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Chronicle events (each act once, however many outlets report it) per day, week (its
    Monday) or month, with counts per quad and summed scores. ``dyad``: actor's country to
    recipient's; ``actor``: part of a participant's name; ``country``: on either side."""
    if by not in PERIODS:
        raise ChronistError(f"--by must be day, week or month, not {by!r}")
    period = PERIODS[by]
    parts = [f"{period} IS NOT NULL"]
    if by == "day":
        parts.append("length(se.day) = 10")
    params: list[Any] = []
    pair = "(se.story_id, se.chronicle_id) IN (SELECT story_id, chronicle_id FROM story_event_actors WHERE {})"  # noqa: E501
    if dyad:
        parts.append(pair.format("role = 'actors' AND country = ?"))
        parts.append(pair.format("role = 'recipients' AND country = ?"))
        params += [dyad[0].upper(), dyad[1].upper()]
    if country:
        parts.append(pair.format("country = ?"))
        params.append(country.upper())
    if actor:
        from chronist.query import _contains

        parts.append(pair.format("name_key LIKE ? ESCAPE '\\'"))
        params.append(_contains(actor))
    if story:
        parts.append("se.story_id = ?")
        params.append(story)
    if since:
        parts.append(f"{period} >= ?")
        params.append(since)
    if until:
        from chronist.query import _END

        parts.append(f"{period} <= ?")
        params.append(until + _END)
    quads = ", ".join(f"sum(CASE WHEN se.quad = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
    sql = (
        f"SELECT {period} AS period, count(*), {quads}, sum(se.score), sum(se.reports)"
        f" FROM story_events AS se WHERE {' AND '.join(parts)}"
        f" GROUP BY {period} ORDER BY period"
    )
    keys = (by, "events", "quad1", "quad2", "quad3", "quad4", "score", "reports")
    out = []
    for r in store.fetch(sql, params):
        row = dict(zip(keys, r, strict=True))
        row["score"] = round(float(row["score"] or 0.0), 3)
        out.append(row)
    return out
