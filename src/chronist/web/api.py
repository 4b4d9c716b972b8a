"""The HTTP API under ``/api/``: the query layer as JSON, with the pages' filters.

Lists answer ``{"total", "page", "size", "items"}``; ids are the store's (an article's content
hash, an event's ``E1`` within its article, a story's ``s…``), stable across runs. Every filter
is checked by :mod:`chronist.web.params` (400 with a message when unusable).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from chronist.errors import InputError
from chronist.model import RawDocument
from chronist.query import Chronicle, QuoteQuery, StoryQuery
from chronist.web.app import check_token
from chronist.web.params import (
    MAX_API_PAGE_SIZE,
    ArticleFilters,
    BadRequest,
    EventFilters,
    api_articles,
    api_events,
    parse_dyad,
)

router = APIRouter(prefix="/api", tags=["api"])


def chronicle(request: Request) -> Chronicle:
    """The request's view of the store."""
    return request.app.state.backend.chronicle()


def article_hits(ch: Chronicle, f: ArticleFilters) -> tuple[int, list[dict[str, Any]]]:
    """The page of articles ``f`` asks for and how many there are in all: full-text hits
    (with a snippet, matches between U+E000 and U+E001) or the filtered listing, newest first."""
    where = f.query()
    if f.q:
        hits = ch.search(f.q, where, limit=f.size, offset=f.offset, sort=f.sort,
                         marks=("\ue000", "\ue001"))  # fmt: skip
        meta = {m["id"]: m for m in ch.articles_by_id([h.id for h in hits])}
        items = [
            {**meta.get(h.id, {"id": h.id}), "snippet": h.snippet, "rank": h.rank} for h in hits
        ]
        return ch.count_search(f.q, where), items
    return ch.count_articles(where), ch.articles(where, limit=f.size, offset=f.offset)


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    if "snippet" in item:
        item = {**item, "snippet": item["snippet"].replace("\ue000", "[").replace("\ue001", "]")}
    return item


@router.get("/articles", summary="Search or list articles")
def articles(
    f: ArticleFilters = Depends(api_articles), ch: Chronicle = Depends(chronicle)
) -> dict[str, Any]:
    """Full-text search (``q``) or the listing, filtered; snippets mark matches in
    [brackets]."""
    total, items = article_hits(ch, f)
    return {"total": total, "page": f.page, "size": f.size, "items": [_plain(i) for i in items]}


@router.get("/facets", summary="Facet counts of a search")
def facets(
    f: ArticleFilters = Depends(api_articles), ch: Chronicle = Depends(chronicle)
) -> dict[str, Any]:
    """How many of the articles found fall under each outlet, language, month, actor,
    country and event type (the ten commonest of each). When more than 1,000 are found, the
    actor, country and type counts cover the first 1,000 and ``sampled_from`` says so."""
    found = ch.facets(f.q or None, f.query())
    out: dict[str, Any] = {
        name: [{"value": v, "articles": n} for v, n in rows] for name, rows in found.counts.items()
    }
    out["sampled_from"] = found.sampled_from
    return out


@router.get("/articles/{article_id}", summary="One article's full record")
def article(article_id: str, ch: Chronicle = Depends(chronicle)) -> dict[str, Any]:
    """The record as ``chronist analyze --format jsonl`` writes it, with its story's id."""
    record = ch.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return {**record, "story": ch.story_of(record["id"])}


@router.get("/events", summary="Events, filtered")
def events(
    f: EventFilters = Depends(api_events), ch: Chronicle = Depends(chronicle)
) -> dict[str, Any]:
    """Events with the article they were reported in (``article``: id, outlet, published,
    title, url)."""
    where = f.query()
    items = [
        {**event, "article": _article_meta(meta)}
        for meta, event in ch.events(where, limit=f.size, offset=f.offset, sort=f.sort)
    ]
    return {"total": ch.count_events(where), "page": f.page, "size": f.size, "items": items}


def _article_meta(meta: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "outlet", "published", "title", "url", "language")
    return {k: meta.get(k) for k in keys}


@router.get("/quotes", summary="Quotes, filtered")
def quotes(
    speaker: str = Query("", max_length=200, description="part of the speaker's name"),
    country: str = Query("", max_length=3, description="the speaker's country (alpha-3)"),
    outlet: str = Query("", max_length=200),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    article: str = Query("", max_length=100, description="one article's id"),
    page: int = Query(1, ge=1, le=1000),
    size: int = Query(20, ge=1, le=MAX_API_PAGE_SIZE),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """Quotes with their speaker, offsets and article."""
    where = QuoteQuery(
        speaker=speaker or None,
        country=country or None,
        outlet=outlet or None,
        since=since or None,
        until=until or None,
        article=article or None,
    )
    items = list(ch.quotes(where, limit=size, offset=(page - 1) * size))
    return {"page": page, "size": size, "items": items}


@router.get("/actors", summary="Actors across articles")
def actors(
    name: str = Query("", max_length=200, description="part of the name"),
    country: str = Query("", max_length=3),
    sector: str = Query("", max_length=5),
    size: int = Query(50, ge=1, le=MAX_API_PAGE_SIZE),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """One row per name, country and sector, most articles first."""
    items = ch.actors(name or None, country or None, sector or None, limit=size)
    return {"size": size, "items": items}


@router.get("/stories", summary="Stories across outlets")
def stories(
    page: int = Query(1, ge=1, le=1000),
    size: int = Query(20, ge=1, le=MAX_API_PAGE_SIZE),
    outlet: str = Query("", max_length=200),
    actor: str = Query("", max_length=200),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    min_outlets: int = Query(1, ge=1, le=1000),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """The widest told first."""
    where = StoryQuery(
        since=since or None,
        until=until or None,
        outlet=outlet or None,
        actor=actor or None,
        min_outlets=min_outlets,
    )
    return {"page": page, "size": size,
            "items": ch.stories(where, limit=size, offset=(page - 1) * size)}  # fmt: skip


@router.get("/stories/{story_id}", summary="One story")
def story(story_id: str, ch: Chronicle = Depends(chronicle)) -> dict[str, Any]:
    """Articles, chronicle events with their reports, outlets side by side, timeline."""
    found = ch.story(story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return found


@router.get("/timeline", summary="Chronicle events over time")
def timeline(
    by: str = Query("week", pattern="^(day|week|month)$"),
    dyad: str = Query("", max_length=7, description="e.g. USA-RUS"),
    actor: str = Query("", max_length=200),
    country: str = Query("", max_length=3),
    story: str = Query("", max_length=100),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """Each act once however many outlets report it, per period, by quad."""
    pair = parse_dyad(dyad) if dyad else None
    rows = ch.timeline(by=by, dyad=pair, actor=actor or None, country=country or None,
                       story=story or None, since=since or None, until=until or None)  # fmt: skip
    return {"by": by, "items": rows}


@router.get("/attention", summary="Attention over time for one or two queries")
def attention(
    f: ArticleFilters = Depends(api_articles),
    q2: str = Query("", max_length=500, description="a second query, side by side"),
    by: str = Query("week", pattern="^(day|week|month)$"),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """Articles per period that each query finds, beside all articles then (``share``)."""
    series = [
        {"query": q, "items": ch.attention(q, f.query(), by)} for q in (f.q, q2) if q or q == f.q
    ]
    return {"by": by, "series": series}


@router.get("/dyads", summary="Events per country dyad and week")
def dyads(
    source: str = Query("", max_length=3),
    target: str = Query("", max_length=3),
    country: str = Query("", max_length=3),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    ch: Chronicle = Depends(chronicle),
) -> dict[str, Any]:
    """Counts per quad and summed scores, by ISO week."""
    rows = ch.dyads_per_week(source or None, target or None, country or None,
                             since or None, until or None, limit=5000)  # fmt: skip
    return {"items": rows}


@router.get("/stats", summary="What the store holds")
def stats(ch: Chronicle = Depends(chronicle)) -> dict[str, Any]:
    """Articles by outlet, language and year, dated and undated."""
    return asdict(ch.stats())


@router.post("/articles", summary="Analyse and store one article (with --allow-ingest)",
             dependencies=[Depends(check_token)], status_code=201)  # fmt: skip
def ingest(
    request: Request,
    content: str = Body(..., max_length=5_000_000, description="the page or text"),
    input: str = Body("api", max_length=500, description="a name for the input"),
    kind: str = Body("text", pattern="^(text|html)$"),
    url: str = Body("", max_length=2000),
    outlet: str = Body("", max_length=200),
    published: str = Body("", max_length=30),
) -> dict[str, Any]:
    """Refused (403) unless the server was started with ``--allow-ingest``; needs
    ``Authorization: Bearer <token>``. The article is analysed with the server's settings
    and stored in one transaction; the same content again is answered ``exists``."""
    from chronist.pipeline import analyze_document
    from chronist.steps import run_store_steps

    fields = {k: v for k, v in (("url", url), ("outlet", outlet), ("date", published)) if v}
    raw = RawDocument(input, content, kind, fields, "api" if fields else None)  # type: ignore[arg-type]
    settings = request.app.state.settings
    try:
        analysed = analyze_document(raw, settings=settings)
    except InputError as exc:
        raise BadRequest(str(exc)) from None
    store = chronicle(request).store
    result = store.put(analysed)
    run_store_steps(store, settings)
    return {"status": result.status, "id": result.id, "duplicate_of": result.duplicate_of}


__all__ = ["article_hits", "router"]
