"""The HTML pages: overview, search, article, events, actors, stories, and the API docs.

Each page reads its filters through :mod:`chronist.web.params` and the store through the
query layer; the templates only lay out what the route hands them. Downloads stream exactly
the filtered rows (up to :data:`~chronist.web.params.MAX_DOWNLOAD`).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from chronist.events.records import EVENT_COLUMNS, event_row, plover_record
from chronist.query import ArticleQuery, Chronicle, EventQuery, QuoteQuery, StoryQuery, period
from chronist.web.api import article_hits
from chronist.web.app import HERE
from chronist.web.params import (
    MAX_DOWNLOAD,
    ArticleFilters,
    BadRequest,
    EventFilters,
    parse_dyad,
    single,
)
from chronist.web.render import QUAD_COLOURS, bar_chart, highlighted, line_chart, marks

router = APIRouter(include_in_schema=False)
#: Downloads are sent in pieces of about this many characters.
_CHUNK = 64 * 1024


def _chronicle(request: Request) -> Chronicle:
    return request.app.state.backend.chronicle()


def _page(request: Request, template_name: str, **context: Any) -> HTMLResponse:
    template = request.app.state.templates.get_template(template_name)
    context.setdefault("db", request.app.state.backend.label)
    context.setdefault("path", request.url.path)
    return HTMLResponse(template.render(**context))


# ---------------------------------------------------------------------------- overview
@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """What the store holds, articles per day by outlet, attention over time for one or two
    queries (normalised by volume) and a dyad's events per week by quad."""
    ch = _chronicle(request)
    params = single(request.query_params)
    q1 = (params.get("q1") or "").strip()[:200]
    q2 = (params.get("q2") or "").strip()[:200]
    by = params.get("by") or "week"
    if by not in ("day", "week", "month"):
        raise BadRequest("by must be day, week or month")
    dyad = (params.get("dyad") or "").strip().upper()[:7]
    backend = request.app.state.backend
    stats = backend.cached(("stats",), ch.stats)
    per_day = backend.cached(("articles_per_day",), ch.articles_per_day)
    outlets = [o for o, _ in Counter({r["outlet"]: r["articles"] for r in per_day}).most_common()]
    top = outlets[:4]
    periods: dict[str, Counter[str]] = defaultdict(Counter)
    for row in per_day:
        key = period(row["day"], by)
        outlet = row["outlet"] if row["outlet"] in top else "other"
        periods[key][outlet] += row["articles"]
    labels = _continuous(sorted(periods), by)
    colours = ["#1f6f8b", "#c0392b", "#4c9a2a", "#8e44ad", "#999999"]
    names = [*top, "other"] if len(outlets) > len(top) else top
    volume = bar_chart(
        labels,
        [
            (name or "unknown", [periods[k][name] for k in labels], c)
            for name, c in zip(names, colours, strict=False)
        ],  # fmt: skip
        f"Articles per {by} by outlet",
    )
    attention = None
    if q1 or q2:
        series = [(q, ch.attention(q, None, by)) for q in (q1, q2) if q]
        keys = _continuous(sorted({row[by] for _, rows in series for row in rows}), by)
        lines = []
        for q, rows in series:
            share = {row[by]: row["share"] for row in rows}
            lines.append((q, [share.get(k, 0.0) for k in keys]))
        attention = line_chart(keys, lines, "Share of articles per period", percent=True)
    dyad_chart = None
    if dyad:
        source, target = parse_dyad(dyad)
        dyad_chart = quad_chart(
            ch.dyads_per_week(source, target, limit=5000), "week",
            f"{dyad} events per week by quad",
        )  # fmt: skip
    return _page(
        request,
        "overview.html",
        stats=stats,
        volume=volume,
        attention=attention,
        dyad_chart=dyad_chart,
        q1=q1,
        q2=q2,
        by=by,
        dyad=dyad,
        stories=ch.stories(StoryQuery(min_outlets=2), limit=5),
    )


def quad_chart(rows: list[dict[str, Any]], by: str, title: str) -> Any:
    """Counts per period by quad (rows keyed by ``by``, with quad1..quad4) as a stacked bar
    chart on a continuous time axis (empty periods drawn empty)."""
    found = {r[by]: r for r in rows}
    labels = _continuous(sorted(found), by)
    zero = dict.fromkeys(("quad1", "quad2", "quad3", "quad4"), 0)
    filled = [found.get(label, zero) for label in labels]
    return bar_chart(
        labels,
        [(f"quad {q}", [r[f"quad{q}"] for r in filled], QUAD_COLOURS[q]) for q in (1, 2, 3, 4)],
        title,
    )


def _continuous(labels: list[str], by: str, most: int = 400) -> list[str]:
    """``labels`` (sorted periods) with the empty periods between them, so bars stand on a
    time axis; left as they are when that would make more than ``most`` bars."""
    if len(labels) < 2 or any(len(x) != (7 if by == "month" else 10) for x in labels):
        return labels
    out: list[str] = []
    if by == "month":
        year, month = int(labels[0][:4]), int(labels[0][5:7])
        while len(out) <= most:
            out.append(f"{year:04d}-{month:02d}")
            if out[-1] >= labels[-1]:
                return out
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return labels
    step = timedelta(days=7 if by == "week" else 1)
    day, last = date.fromisoformat(labels[0]), date.fromisoformat(labels[-1])
    while day <= last and len(out) <= most:
        out.append(day.isoformat())
        day += step
    return out if day > last else labels


# ---------------------------------------------------------------------------- search
@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    """Full-text search with facets, highlighted snippets, paging and sort."""
    f = ArticleFilters.parse(single(request.query_params))
    ch = _chronicle(request)
    total, items = article_hits(ch, f)
    for item in items:
        item["snippet_html"] = _snippet(item.get("snippet"))
    facets = ch.facets(f.q or None, f.query())
    return _page(request, "search.html", f=f, total=total, items=items, facets=facets,
                 pages=_pages(total, f.size))  # fmt: skip


def _snippet(snippet: str | None) -> Any:
    from markupsafe import Markup, escape

    if not snippet:
        return None
    html = str(escape(snippet)).replace("\ue000", "<mark>").replace("\ue001", "</mark>")
    return Markup(html)


def _pages(total: int, size: int) -> int:
    return max(1, min(1000, -(-total // size)))


@router.get("/search/download")
def search_download(request: Request) -> Response:
    """The search's articles, every page, as CSV or JSON Lines (metadata, and the snippet for
    a full-text search)."""
    params = single(request.query_params)
    fmt = params.pop("format", "csv")
    if fmt not in ("csv", "jsonl"):
        raise BadRequest("format must be csv or jsonl")
    f = ArticleFilters.parse({**params, "page": "1", "size": "100"})
    ch = _chronicle(request)

    def rows() -> Iterator[dict[str, Any]]:
        done = 0
        page = 1
        while done < MAX_DOWNLOAD:
            chunk = ArticleFilters.parse({**params, "page": str(page), "size": "100"})
            _, items = article_hits(ch, chunk)
            for item in items:
                snippet = item.get("snippet")
                if snippet is not None:
                    item["snippet"] = snippet.replace("\ue000", "[").replace("\ue001", "]")
                yield item
            done += len(items)
            if len(items) < 100 or page >= 1000:
                return
            page += 1

    columns = ["id", "title", "outlet", "published", "language", "url", "input"]
    if f.q:
        columns += ["snippet", "rank"]
    return _download(rows(), fmt, columns, "articles")


def _download(
    rows: Iterator[dict[str, Any]], fmt: str, columns: list[str], name: str
) -> StreamingResponse:
    if fmt == "csv":

        def lines() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(
                    [
                        json.dumps(v) if isinstance(v, list | dict) else v
                        for v in (row.get(c) for c in columns)
                    ]  # fmt: skip
                )
                if buffer.tell() > _CHUNK:  # one send per 64 kB, not per row
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()

        media, ext = "text/csv; charset=utf-8", "csv"
        body: Iterator[str] = lines()
    else:

        def chunks() -> Iterator[str]:
            lines: list[str] = []
            size = 0
            for row in rows:
                lines.append(json.dumps(row, ensure_ascii=False) + "\n")
                size += len(lines[-1])
                if size > _CHUNK:
                    yield "".join(lines)
                    lines, size = [], 0
            yield "".join(lines)

        body = chunks()
        media, ext = "application/x-ndjson; charset=utf-8", "jsonl"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


# ---------------------------------------------------------------------------- article
@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """The clean body with every fact highlighted, and each fact's record and evidence."""
    if len(article_id) > 100:
        raise HTTPException(404, "no such article")
    ch = _chronicle(request)
    record = ch.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    body = record.get("body") or ""
    quotes = record.get("quotes") or []
    return _page(
        request,
        "article.html",
        r=record,
        body=highlighted(body, marks(record)),
        quotes=quotes,
        story=ch.story_of(record["id"]),
        copies=ch.copies(record["id"]),
    )


# ---------------------------------------------------------------------------- events
@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    """The events table: filters, dyad, quad, modality, sort, each row linked to its
    sentence."""
    f = EventFilters.parse(single(request.query_params))
    ch = _chronicle(request)
    where = f.query()
    total = ch.count_events(where)
    rows = list(ch.events(where, limit=f.size, offset=f.offset, sort=f.sort))
    return _page(request, "events.html", f=f, total=total, rows=rows,
                 pages=_pages(total, f.size))  # fmt: skip


@router.get("/events/download")
def events_download(request: Request) -> Response:
    """The filtered events, every page, as CSV, JSON Lines or PLOVER JSON."""
    params = single(request.query_params)
    fmt = params.pop("format", "csv")
    if fmt not in ("csv", "jsonl", "plover"):
        raise BadRequest("format must be csv, jsonl or plover")
    f = EventFilters.parse({**params, "page": "1"})
    ch = _chronicle(request)
    pairs = ch.events(f.query(), limit=MAX_DOWNLOAD, sort=f.sort)
    if fmt == "csv":
        return _download((event_row(meta, e) for meta, e in pairs), "csv",
                         list(EVENT_COLUMNS), "events")  # fmt: skip
    if fmt == "plover":
        return _download(
            (plover_record(meta, e) for meta, e in pairs), "jsonl", [], "events-plover"
        )
    return _download(({**e, "article": meta} for meta, e in pairs), "jsonl", [], "events")


# ---------------------------------------------------------------------------- actors
@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    """Actors across the store, by name, country and sector."""
    params = single(request.query_params)
    name = (params.get("name") or "").strip()[:200]
    country = (params.get("country") or "").strip()[:3]
    ch = _chronicle(request)
    rows = request.app.state.backend.cached(
        ("actors", name, country), lambda: ch.actors(name or None, country or None, limit=100)
    )
    return _page(request, "actors.html", rows=rows, name=name, country=country)


@router.get("/actor", response_class=HTMLResponse)
def actor(request: Request) -> HTMLResponse:
    """One actor (by name, optionally country): articles, quotes, events as actor and as
    recipient, and events per week by quad."""
    params = single(request.query_params)
    name = (params.get("name") or "").strip()[:200]
    if not name:
        raise BadRequest("name is required")
    ch = _chronicle(request)
    data = request.app.state.backend.cached(("actor", name), lambda: _actor_data(ch, name))
    return _page(request, "actor.html", name=name, **data)


def _actor_data(ch: Chronicle, name: str) -> dict[str, Any]:
    """What the actor page shows: articles, quotes, events on each side, the weekly chart
    (a summary of the whole store, kept by the app until the store changes)."""
    found = ArticleQuery(actor=name)
    sides = {}
    for role in ("actor", "recipient"):
        where = EventQuery(actor=name, role=role)
        sides[role] = (list(ch.events(where, limit=50, sort="-date")), ch.count_events(where))
    chart = quad_chart(
        ch.events_per_period(EventQuery(actor=name), "week"), "week", f"Events of {name} per week"
    )
    return {
        "articles": ch.articles(found, limit=20),
        "n_articles": ch.count_articles(found),
        "quotes": list(ch.quotes(QuoteQuery(speaker=name), limit=20)),
        "as_actor": sides["actor"][0],
        "as_recipient": sides["recipient"][0],
        "n_actor": sides["actor"][1],
        "n_recipient": sides["recipient"][1],
        "chart": chart,
    }


# ---------------------------------------------------------------------------- stories
@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    """Stories, the widest told first."""
    params = single(request.query_params)
    f = ArticleFilters.parse({"page": params.get("page", "1"), "size": "30"})
    rows = _chronicle(request).stories(limit=f.size, offset=f.offset)
    return _page(request, "stories.html", rows=rows, page=f.page, size=f.size)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    """A story: its timeline, merged events with their reports, outlets side by side."""
    if len(story_id) > 100:
        raise HTTPException(404, "no such story")
    ch = _chronicle(request)
    found = request.app.state.backend.cached(("story", story_id), lambda: ch.story(story_id))
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    chart = quad_chart(found["timeline"], "day", "Events per day by quad")
    return _page(request, "story.html", s=found, chart=chart)


@router.get("/favicon.ico")
def favicon() -> Response:
    """The icon browsers ask for on pages without a link to one (the API's JSON)."""
    icon = (HERE / "static" / "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml")


# ---------------------------------------------------------------------------- docs
@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API's OpenAPI document as a page (``/openapi.json`` is the document itself)."""
    spec = request.app.openapi()
    routes = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"),
                    "where": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description")
                    or (p.get("schema") or {}).get("description")
                    or "",
                    "default": (p.get("schema") or {}).get("default"),
                }
                for p in op.get("parameters", [])
            ]
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary"),
                           "description": op.get("description"), "params": params})  # fmt: skip
    return _page(request, "docs.html", routes=routes, info=spec.get("info", {}))


__all__ = ["router"]
