"""Filters from a query string: validated, bounded, and turned back into links.

Every page and API route reads its filters through one of the dataclasses here, so a filter
means the same on the search page, the events table, their downloads and the API. A value the
query layer could not use (a date that is no ISO prefix, a country that is no alpha-3 code, an
unknown event type, a page beyond the bound) raises :class:`BadRequest`, which the app answers
with 400 and the message, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import Query

from chronist.events.ontology import PLOVER_TYPES
from chronist.query import EVENT_SORTS, ArticleQuery, EventQuery

#: The largest page a page or an API route returns, and the deepest page it goes to.
MAX_PAGE_SIZE = 100
MAX_API_PAGE_SIZE = 500
MAX_PAGE = 1000
#: The most rows a download streams.
MAX_DOWNLOAD = 100_000
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_COUNTRY = re.compile(r"[A-Za-z]{3}")
_DYAD = re.compile(r"([A-Za-z]{3})-([A-Za-z]{3})")
MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical", "alleged")


class BadRequest(ValueError):
    """A query string the routes cannot answer; the message says which parameter and why."""


def _text(name: str, value: str | None, limit: int = 200) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is longer than {limit} characters")
    return value


def _date(name: str, value: str | None) -> str:
    value = _text(name, value, 10)
    if value and not _DATE.fullmatch(value):
        raise BadRequest(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def _country(name: str, value: str | None) -> str:
    value = _text(name, value, 40)
    if value and not _COUNTRY.fullmatch(value):
        raise BadRequest(f"{name} must be a three-letter country code such as USA, not {value!r}")
    return value.upper()


def _type(value: str | None) -> str:
    value = _text("type", value, 20).upper()
    if value and value not in PLOVER_TYPES:
        raise BadRequest(f"type must be a PLOVER type ({', '.join(PLOVER_TYPES)}), not {value!r}")
    return value


def _page(page: int, size: int, max_size: int) -> tuple[int, int]:
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest(f"page must be between 1 and {MAX_PAGE}")
    if not 1 <= size <= max_size:
        raise BadRequest(f"size must be between 1 and {max_size}")
    return page, size


@dataclass(frozen=True)
class Filters:
    """What all filters share: paging and links."""

    page: int = 1
    size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def link(self, **changes: Any) -> str:
        """This filter's query string with ``changes`` (page back to 1 unless given), empty
        values left out."""
        if "page" not in changes:
            changes["page"] = 1
        own = {k: v for k, v in changes.items() if k in self.__dataclass_fields__}
        extra = {k: v for k, v in changes.items() if k not in own}
        values = asdict(replace(self, **own))
        defaults = asdict(type(self)())
        kept = {k: v for k, v in values.items() if v not in ("", None) and v != defaults[k]}
        return urlencode({**kept, **extra})


@dataclass(frozen=True)
class ArticleFilters(Filters):
    """Search and article listing: full text ``q``, facets, sort."""

    q: str = ""
    outlet: str = ""
    language: str = ""
    since: str = ""
    until: str = ""
    actor: str = ""
    country: str = ""
    type: str = ""
    sort: str = "relevance"

    @classmethod
    def parse(cls, params: dict[str, str], max_size: int = MAX_PAGE_SIZE) -> ArticleFilters:
        sort = _text("sort", params.get("sort"), 20) or "relevance"
        if sort not in ("relevance", "date"):
            raise BadRequest(f"sort must be relevance or date, not {sort!r}")
        page, size = _page(_int(params, "page", 1), _int(params, "size", 20), max_size)
        return cls(
            page=page,
            size=size,
            q=_text("q", params.get("q"), 500),
            outlet=_text("outlet", params.get("outlet")),
            language=_text("language", params.get("language"), 20),
            since=_date("since", params.get("since")),
            until=_date("until", params.get("until")),
            actor=_text("actor", params.get("actor")),
            country=_country("country", params.get("country")),
            type=_type(params.get("type")),
            sort=sort,
        )

    def query(self) -> ArticleQuery:
        return ArticleQuery(
            outlet=self.outlet or None,
            language=self.language or None,
            since=self.since or None,
            until=self.until or None,
            actor=self.actor or None,
            country=self.country or None,
            event_type=self.type or None,
        )


@dataclass(frozen=True)
class EventFilters(Filters):
    """The events table: who, what, when, where reported, how sure, sort."""

    actor: str = ""
    country: str = ""
    dyad: str = ""
    type: str = ""
    quad: str = ""
    mode: str = ""
    modality: str = ""
    since: str = ""
    until: str = ""
    outlet: str = ""
    article: str = ""
    sort: str = "date"

    @classmethod
    def parse(cls, params: dict[str, str], max_size: int = MAX_PAGE_SIZE) -> EventFilters:
        dyad = _text("dyad", params.get("dyad"), 7).upper()
        if dyad:
            parse_dyad(dyad)
        quad = _text("quad", params.get("quad"), 1)
        if quad and quad not in "1234":
            raise BadRequest("quad must be 1, 2, 3 or 4")
        modality = _text("modality", params.get("modality"), 20)
        if modality and modality not in MODALITIES:
            raise BadRequest(f"modality must be one of {', '.join(MODALITIES)}")
        sort = _text("sort", params.get("sort"), 10) or "date"
        if sort not in EVENT_SORTS:
            raise BadRequest(f"sort must be one of {', '.join(EVENT_SORTS)}")
        page, size = _page(_int(params, "page", 1), _int(params, "size", 20), max_size)
        return cls(
            page=page,
            size=size,
            actor=_text("actor", params.get("actor")),
            country=_country("country", params.get("country")),
            dyad=dyad,
            type=_type(params.get("type")),
            quad=quad,
            mode=_text("mode", params.get("mode"), 30),
            modality=modality,
            since=_date("since", params.get("since")),
            until=_date("until", params.get("until")),
            outlet=_text("outlet", params.get("outlet")),
            article=_text("article", params.get("article"), 100),
            sort=sort,
        )

    def query(self) -> EventQuery:
        return EventQuery(
            actor=self.actor or None,
            country=self.country or None,
            dyad=parse_dyad(self.dyad) if self.dyad else None,
            type=self.type or None,
            quad=int(self.quad) if self.quad else None,
            mode=self.mode or None,
            modality=self.modality or None,
            since=self.since or None,
            until=self.until or None,
            outlet=self.outlet or None,
            article=self.article or None,
        )


def parse_dyad(value: str) -> tuple[str, str]:
    """``USA-RUS`` as (actor country, recipient country), upper case; BadRequest otherwise."""
    found = _DYAD.fullmatch(value.strip())
    if found is None:
        raise BadRequest(f"dyad must be two country codes as USA-RUS, not {value!r}")
    return found.group(1).upper(), found.group(2).upper()


def _int(params: dict[str, str], name: str, default: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 7:
        raise BadRequest(f"{name} must be a whole number, not {raw[:20]!r}")
    return int(raw)


def single(params: Any) -> dict[str, str]:
    """A request's query parameters, one value each (the last one given)."""
    return {key: value for key, value in params.items()}


# Dependencies for the API routes: the same parsing, with each parameter declared so that the
# OpenAPI document lists it. Values arrive as text and are checked here (400, not 422).
def api_articles(
    q: str = Query("", description='full-text query (words, "a phrase", OR, -word)'),
    outlet: str = Query("", description="outlet, exactly (any case)"),
    language: str = Query("", description="language code, e.g. en"),
    since: str = Query("", description="published on or after: YYYY, YYYY-MM or YYYY-MM-DD"),
    until: str = Query(
        "", description="published on or before (a prefix: 2016-09 is all of September)"
    ),
    actor: str = Query("", description="part of an actor's name"),
    country: str = Query("", description="an actor's or the article's home country (alpha-3)"),
    type: str = Query("", description="a PLOVER event type one of its events has"),
    sort: str = Query("relevance", description="relevance (with q) or date"),
    page: str = Query("1", description=f"page number, 1 to {MAX_PAGE}"),
    size: str = Query("20", description=f"rows per page, 1 to {MAX_API_PAGE_SIZE}"),
) -> ArticleFilters:
    """Article filters of an API request."""
    values = dict(locals())
    return ArticleFilters.parse(values, MAX_API_PAGE_SIZE)


def api_events(
    actor: str = Query("", description="part of an actor's or recipient's name"),
    country: str = Query("", description="an actor's or recipient's country (alpha-3)"),
    dyad: str = Query("", description="actor country to recipient country, e.g. USA-RUS"),
    type: str = Query("", description="PLOVER event type"),
    quad: str = Query(
        "",
        description="1 verbal cooperation, 2 material cooperation, "
        "3 verbal conflict, 4 material conflict",
    ),
    mode: str = Query("", description="PLOVER mode"),
    modality: str = Query(
        "", description="asserted, negated, future, hypothetical, historical or alleged"
    ),
    since: str = Query("", description="event date on or after"),
    until: str = Query("", description="event date on or before"),
    outlet: str = Query("", description="the reporting outlet"),
    article: str = Query("", description="one article's id"),
    sort: str = Query("date", description="date, -date, score, -score or type"),
    page: str = Query("1", description=f"page number, 1 to {MAX_PAGE}"),
    size: str = Query("20", description=f"rows per page, 1 to {MAX_API_PAGE_SIZE}"),
) -> EventFilters:
    """Event filters of an API request."""
    values = dict(locals())
    return EventFilters.parse(values, MAX_API_PAGE_SIZE)


__all__ = [
    "MAX_API_PAGE_SIZE",
    "MAX_DOWNLOAD",
    "MAX_PAGE_SIZE",
    "ArticleFilters",
    "BadRequest",
    "EventFilters",
    "parse_dyad",
    "single",
]
