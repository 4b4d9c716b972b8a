"""The query layer: one object over a store that the CLI, exports, HTTP API and web pages use.

:class:`Chronicle` (as datasette's ``Datasette`` over its ``Database``) answers the questions an
analyst asks of a corpus: the articles (filtered, or by full-text search), one article, the
events (by actor, country, dyad, type, quad, mode, modality, date range, outlet), the actors
and the quotes (by speaker, outlet), and counts over time (articles per outlet and day; events
per country dyad and week, by quad, with summed Goldstein-style scores). Every filter runs in
SQL on the store's normalised, indexed tables (:mod:`chronist.store.rows`), the same SQL on
SQLite and PostgreSQL; only full-text search differs (FTS5 or tsvector), behind the backend.
Dates are ISO prefixes: ``until="2016-09"`` includes all of September.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from chronist.errors import ChronistError
from chronist.store import SearchHit, Stats, Store, open_store
from chronist.store.rows import name_key
from chronist.store.sql import SQLStore
from chronist.stories.read import (
    StoryQuery,
    get_story,
    list_stories,
    resolve_story,
    story_of,
    timeline,
)

#: Sorts after any character of an ISO date, so ``x <= until + _END`` keeps every date that
#: starts with ``until``.
_END = "~"
_TERM = re.compile(r"\w+")
_MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical", "alleged")
_ARTICLE_META = (
    "a.id, a.input, a.title, a.outlet, a.url, a.published, a.language, a.authors, a.home_country"
)


_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(name: str, value: str | None) -> None:
    """Refuse a date filter that is no ISO date or prefix of one (``yesterday``,
    ``2019-13-45``): it would silently match nothing, or everything."""
    if value is None:
        return
    found = _ISO_PREFIX.fullmatch(value)
    if found:
        year, month, day = found.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
            return
        except ValueError:
            pass
    raise ChronistError(f"{name} {value!r} is no date: give YYYY, YYYY-MM or YYYY-MM-DD")


def _meta(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("id", "input", "title", "outlet", "url", "published", "language", "authors")
    meta = dict(zip(keys, row[:8], strict=True))
    meta["authors"] = json.loads(meta["authors"]) if meta["authors"] else []
    meta["home_country"] = row[8]
    return meta


def _contains(text: str) -> str:
    """A LIKE pattern for a case-insensitive substring (wildcards in ``text`` kept literal)."""
    key = name_key(text) or ""
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: A name key that contains the filter's words: the substring scan runs over the distinct
#: names (table ``names``), and the matching keys are then looked up by index.
_NAMED = "{} IN (SELECT name_key FROM names WHERE name_key LIKE ? ESCAPE '\\')"


class _Where:
    """Conditions and their parameters, joined with AND."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.parts.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1 = 1"

    def dates(self, column: str, since: str | None, until: str | None) -> None:
        if since:
            self.add(f"{column} >= ?", since)
        if until:
            self.add(f"{column} <= ?", until + _END)


#: How many of the articles found the actor, country and event-type facets count.
FACET_SAMPLE = 1000


@dataclass(frozen=True)
class Facets:
    """Facet counts: ``counts[name]`` lists ``(value, articles)``, most first, for outlet,
    language, month, actor, country and type; ``sampled_from`` is set when the actor,
    country and type counts cover only that many first results."""

    counts: dict[str, list[tuple[str, int]]]
    sampled_from: int | None = None


@dataclass(frozen=True)
class ArticleQuery:
    """Which articles: outlet and language match exactly (case-insensitive); ``actor`` is part
    of an actor's name; ``country`` an actor's or the story's home country (ISO alpha-3);
    ``since``/``until`` bound the publication date; ``event_type`` a PLOVER type one of its
    events has."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    country: str | None = None
    event_type: str | None = None

    def __post_init__(self) -> None:
        check_date("since", self.since)
        check_date("until", self.until)
        _check_type(self.event_type)

    def where(self) -> _Where:
        w = _Where()
        if self.outlet:
            w.add("lower(a.outlet) = ?", self.outlet.lower())
        if self.event_type:
            w.add("a.id IN (SELECT article_id FROM events WHERE type = ?)", self.event_type.upper())
        if self.language:
            w.add("lower(a.language) = ?", self.language.lower())
        w.dates("a.day", self.since, self.until)
        if self.actor:
            w.add(
                "a.id IN (SELECT article_id FROM actors WHERE {})".format(
                    _NAMED.format("name_key")
                ),
                _contains(self.actor),
            )
        if self.country:
            code = self.country.upper()
            w.add(
                "(a.home_country = ? OR a.id IN (SELECT article_id FROM actors WHERE country = ?))",
                code,
                code,
            )
        return w


@dataclass(frozen=True)
class EventQuery:
    """Which events. ``actor``: part of an actor's or recipient's name; ``country``: an actor's
    or recipient's country; ``dyad``: ``(source, target)`` countries, actor to recipient;
    ``type``/``mode``: PLOVER type and mode; ``quad``: 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict; ``modality``: ``asserted`` (none of
    the flags) or one flag (negated, future, hypothetical, historical, alleged);
    ``since``/``until``: the event's date; ``outlet``, ``article``: where it was reported;
    ``role``: ``actor`` or ``recipient``, the side ``actor`` must be on."""

    actor: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    quad: int | None = None
    mode: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    article: str | None = None
    role: str | None = None

    def __post_init__(self) -> None:
        check_date("since", self.since)
        check_date("until", self.until)
        _check_type(self.type)
        if self.role not in (None, "actor", "recipient"):
            raise ChronistError(f"role must be actor or recipient, not {self.role!r}")
        if self.modality and self.modality not in _MODALITIES:
            raise ChronistError(
                f"unknown modality {self.modality!r} (choose from {', '.join(_MODALITIES)})"
            )
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise ChronistError(f"quad must be 1, 2, 3 or 4, not {self.quad}")

    def where(self) -> _Where:
        w = _Where()
        pair = "(e.article_id, e.event_id) IN (SELECT article_id, event_id FROM {} WHERE {})"
        if self.type:
            w.add("e.type = ?", self.type.upper())
        if self.quad is not None:
            w.add("e.quad = ?", self.quad)
        if self.mode:
            w.add("lower(e.mode) = ?", self.mode.lower())
        if self.modality == "asserted":
            w.add(
                "e.negated = 0 AND e.future = 0 AND e.hypothetical = 0 AND e.historical = 0"
                " AND e.alleged = 0"
            )
        elif self.modality:
            w.add(f"e.{self.modality} = 1")
        w.dates("e.day", self.since, self.until)
        if self.actor and self.role:
            w.add(
                pair.format("event_participants", "role = ? AND " + _NAMED.format("name_key")),
                self.role,
                _contains(self.actor),
            )
        elif self.actor:
            w.add(
                pair.format("event_participants", _NAMED.format("name_key")),
                _contains(self.actor),
            )
        if self.country:
            w.add(pair.format("event_participants", "country = ?"), self.country.upper())
        if self.dyad:
            source, target = (c.upper() for c in self.dyad)
            w.add(pair.format("dyads", "source = ? AND target = ?"), source, target)
        if self.outlet:
            w.add("lower(a.outlet) = ?", self.outlet.lower())
        if self.article:
            w.add("e.article_id = ?", self.article)
        return w


@dataclass(frozen=True)
class QuoteQuery:
    """Which quotes: ``speaker`` is part of the speaker's name; ``country`` the speaker's
    country; ``outlet``, ``since``/``until`` (publication date) and ``article`` where and when
    it was reported."""

    speaker: str | None = None
    country: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None

    def __post_init__(self) -> None:
        check_date("since", self.since)
        check_date("until", self.until)

    def where(self) -> _Where:
        w = _Where()
        if self.speaker:
            w.add(_NAMED.format("q.speaker_key"), _contains(self.speaker))
        if self.country:
            w.add("q.speaker_country = ?", self.country.upper())
        if self.outlet:
            w.add("lower(a.outlet) = ?", self.outlet.lower())
        w.dates("a.day", self.since, self.until)
        if self.article:
            w.add("q.article_id = ?", self.article)
        return w


def _check_type(value: str | None) -> None:
    """Refuse an event type that is none of PLOVER's (it would match nothing, silently)."""
    from chronist.events.ontology import PLOVER_TYPES

    if value and value.upper() not in PLOVER_TYPES:
        raise ChronistError(f"unknown event type {value!r} (choose from {', '.join(PLOVER_TYPES)})")


class Chronicle:
    """Queries over one store (SQLite or PostgreSQL), the same answers on both."""

    def __init__(self, store: Store) -> None:
        if not isinstance(store, SQLStore):
            raise ChronistError(f"{type(store).__name__} has no query layer")
        self.store: SQLStore = store
        #: Refuse a full-text query the backend's syntax rejects instead of retrying it as
        #: plain words (which turns "NOT Kerry" into "Kerry"): what the web app does.
        self.strict_search = False

    @classmethod
    def open(cls, target: str) -> Chronicle:
        """The chronicle of the store at ``target`` (a path or URL, see :func:`open_store`)."""
        return cls(open_store(target))

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Chronicle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles
    def article(self, id_or_prefix: str) -> dict[str, Any] | None:
        """One article's full record, by id or unique prefix."""
        return self.store.get_record(id_or_prefix)

    def articles(
        self, where: ArticleQuery | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Article metadata (no body), newest first, undated last."""
        w = (where or ArticleQuery()).where()
        sql = (
            f"SELECT {_ARTICLE_META} FROM articles AS a WHERE {w.sql()}"
            " ORDER BY a.published IS NULL, a.published DESC, a.id"
        )
        sql, params = _page(sql, w.params, limit, offset)
        return [_meta(r) for r in self.store.fetch(sql, params)]

    def articles_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """Metadata (no body) of the articles with these ids, in no particular order."""
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        sql = f"SELECT {_ARTICLE_META} FROM articles AS a WHERE a.id IN ({marks})"
        return [_meta(r) for r in self.store.fetch(sql, list(ids))]

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        """The copies linked to an article (its reposts, and the first copy it repeats), with
        their similarity and outlet."""
        rows = self.store.fetch(
            "SELECT c.article_id, c.copy_of, c.similarity, a.outlet, a.title FROM copies AS c"
            " JOIN articles AS a ON a.id = CASE WHEN c.article_id = ? THEN c.copy_of"
            " ELSE c.article_id END WHERE c.article_id = ? OR c.copy_of = ?",
            [article_id, article_id, article_id],
        )
        keys = ("article_id", "copy_of", "similarity", "outlet", "title")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def count_articles(self, where: ArticleQuery | None = None) -> int:
        """How many articles ``where`` accepts."""
        w = (where or ArticleQuery()).where()
        return int(
            self.store.fetch(f"SELECT count(*) FROM articles AS a WHERE {w.sql()}", w.params)[0][0]
        )

    def search(
        self,
        query: str,
        where: ArticleQuery | None = None,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Full-text search over titles and bodies, best first (``sort="date"``: newest
        first), within ``where``. A query the backend's syntax rejects (an unbalanced quote, a
        stray operator) is retried as plain terms that must all occur. Matches in the snippet
        stand between ``marks``."""
        join, match, rank, snippet = self.store.search_sql()
        w = (where or ArticleQuery()).where()
        order = "a.published IS NULL, a.published DESC, a.id" if sort == "date" else "score, a.id"
        # The page first, ranked without snippets; then the snippets of that page only (a
        # snippet for each of thousands of matches was most of a common word's search).
        sql = (
            f"SELECT a.id, a.title, a.outlet, a.published, {rank} AS score"
            f" FROM articles AS a {join} WHERE {match} AND {w.sql()}"
            f" ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = self._search_rows(sql, query, [*w.params, limit, offset])
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks_sql = ", ".join("?" for _ in ids)
        snippets = dict(
            self._search_rows(
                f"SELECT a.id, {snippet} FROM articles AS a {join} WHERE {match}"
                f" AND a.id IN ({marks_sql})",
                query,
                ids,
            )
        )
        return [
            SearchHit(r[0], r[1], r[2], r[3], _marked(snippets.get(r[0]), marks), float(r[4]))
            for r in rows
        ]

    def count_search(self, query: str, where: ArticleQuery | None = None) -> int:
        """How many articles the full-text ``query`` finds within ``where``."""
        join, match, _, _ = self.store.search_sql()
        w = (where or ArticleQuery()).where()
        sql = f"SELECT count(*) FROM articles AS a {join} WHERE {match} AND {w.sql()}"
        rows = self._search_rows(sql, query, w.params)
        return int(rows[0][0]) if rows else 0

    def facets(
        self,
        query: str | None = None,
        where: ArticleQuery | None = None,
        limit: int = 10,
        sample: int = FACET_SAMPLE,
    ) -> Facets:
        """Counts of the articles that ``query`` (full text, or none) finds within ``where``,
        the commonest ``limit`` values of each facet, most articles first. Outlet, language
        and month count every article found; actor, country and event type count the first
        ``sample`` (best ranked, or newest) when more are found, and say so, since counting
        those over tens of thousands of articles takes seconds."""
        join, match, rank, _ = self.store.search_sql()
        w = (where or ArticleQuery()).where()
        source = f"articles AS a {join} WHERE {match}" if query else "articles AS a WHERE 1 = 1"

        def rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
            return self._search_rows(sql, query, params) if query else self.store.fetch(sql, params)

        out: dict[str, list[tuple[str, int]]] = {}
        for name, value in (("outlet", "a.outlet"), ("language", "a.language"),
                            ("month", "substr(a.day, 1, 7)")):  # fmt: skip
            found = rows(
                f"SELECT {value} AS v, count(*) AS n FROM {source} AND {w.sql()}"
                f" AND {value} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
                [*w.params, limit],
            )
            out[name] = [(str(v), int(n)) for v, n in found if v not in (None, "")]
        order = f"{rank}, a.id" if query else "a.published IS NULL, a.published DESC, a.id"
        ids = [
            r[0]
            for r in rows(
                f"SELECT a.id FROM {source} AND {w.sql()} ORDER BY {order} LIMIT ?",
                [*w.params, sample + 1],
            )
        ]
        sampled = len(ids) > sample
        ids = ids[:sample]
        marks = ", ".join("?" for _ in ids) or "NULL"
        sampled_facets = (
            ("actor", "x.name", "actors"),
            ("country", "x.country", "actors"),
            ("type", "x.type", "events"),
        )
        for name, value, table in sampled_facets:
            found = self.store.fetch(
                f"SELECT {value} AS v, count(DISTINCT x.article_id) AS n FROM {table} AS x"
                f" WHERE x.article_id IN ({marks}) AND {value} IS NOT NULL"
                " GROUP BY v ORDER BY n DESC, v LIMIT ?",
                [*ids, limit],
            )
            out[name] = [(str(v), int(n)) for v, n in found if v not in (None, "")]
        return Facets(out, sample if sampled else None)

    def _search_rows(self, sql: str, query: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """Rows of a full-text ``sql`` whose first parameter is ``query``; a query the
        backend's syntax rejects is retried as plain terms that must all occur, or, with
        :attr:`strict_search`, refused with a :class:`ChronistError` saying so."""
        try:
            return self.store.search_fetch(sql, [query, *params])
        except Exception as exc:
            if not self.store.search_error(exc):
                raise
            if self.strict_search:
                raise ChronistError(
                    f"the search {query[:80]!r} is not valid full-text syntax ({exc}); use "
                    'words, "a phrase", OR between words, or NOT before a word after another'
                ) from None
            plain = " ".join(f'"{term}"' for term in _TERM.findall(query))
            if not plain:
                return []
            return self.store.search_fetch(sql, [plain, *params])

    def records(self, where: ArticleQuery | None = None) -> Iterator[dict[str, Any]]:
        """Full records, oldest first (undated last), streamed: exports use this."""
        w = (where or ArticleQuery()).where()
        # Two reads that each follow the (published, id) index: one ORDER BY over the
        # "undated last" expression made the database sort every full record first.
        for part in (
            "a.published IS NOT NULL ORDER BY a.published, a.id",
            "a.published IS NULL ORDER BY a.id",
        ):
            sql = f"SELECT a.record FROM articles AS a WHERE {w.sql()} AND {part}"
            for (record,) in self.store.stream(sql, w.params):
                yield json.loads(record)

    # ------------------------------------------------------------------ events
    def events(
        self,
        where: EventQuery | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """``(article metadata, event)`` pairs, streamed, by event date (undated last; one of
        :data:`EVENT_SORTS`: ``-date`` newest first, ``score`` most conflictual first,
        ``-score`` most cooperative first, ``type``)."""
        if sort not in EVENT_SORTS:
            raise ChronistError(f"unknown sort {sort!r} (choose from {', '.join(EVENT_SORTS)})")
        w = (where or EventQuery()).where()
        # First the page of keys, sorted on the narrow columns; then the wide rows of that
        # page only (sorting every match with its JSON is what made a page slow).
        order = EVENT_SORTS[sort] + ", {0}.article_id, {0}.start, {0}.event_id"
        join = " JOIN articles AS a ON a.id = e.article_id" if _uses_articles(w) else ""
        keys, params = _page(
            "SELECT e.article_id, e.event_id, e.day, e.start, e.score, e.type FROM events AS e"
            f"{join} WHERE {w.sql()} ORDER BY {order.format('e')}",
            w.params,
            limit,
            offset,
        )
        sql = (
            f"SELECT {_ARTICLE_META}, j.event FROM ({keys}) AS k"
            " JOIN event_json AS j ON j.article_id = k.article_id AND j.event_id = k.event_id"
            f" JOIN articles AS a ON a.id = k.article_id ORDER BY {order.format('k')}"
        )
        for row in self.store.stream(sql, params):
            yield _meta(row), json.loads(row[-1])

    def events_per_period(
        self, where: EventQuery | None = None, by: str = "week"
    ) -> list[dict[str, Any]]:
        """Events ``where`` accepts per day, week (its Monday) or month of their date, with
        counts per quad (events with a full date only)."""
        _check_period(by)
        w = (where or EventQuery()).where()
        join = " JOIN articles AS a ON a.id = e.article_id" if _uses_articles(w) else ""
        rows = self.store.fetch(
            f"SELECT e.day, e.quad, count(*) FROM events AS e{join}"
            f" WHERE e.day IS NOT NULL AND length(e.day) = 10 AND {w.sql()}"
            " GROUP BY e.day, e.quad",
            w.params,
        )
        buckets: dict[str, dict[str, int]] = {}
        for day, quad, n in rows:
            key = period(str(day), by)
            row = buckets.setdefault(key, {"events": 0, "quad1": 0, "quad2": 0, "quad3": 0,
                                           "quad4": 0})  # fmt: skip
            row["events"] += int(n)
            if quad in (1, 2, 3, 4):
                row[f"quad{quad}"] += int(n)
        return [{by: key, **row} for key, row in sorted(buckets.items())]

    def count_events(self, where: EventQuery | None = None) -> int:
        """How many events ``where`` accepts."""
        w = (where or EventQuery()).where()
        join = " JOIN articles AS a ON a.id = e.article_id" if _uses_articles(w) else ""
        sql = f"SELECT count(*) FROM events AS e{join} WHERE {w.sql()}"
        return int(self.store.fetch(sql, w.params)[0][0])

    # ------------------------------------------------------------------ actors, quotes
    def actors(
        self,
        name: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        limit: int | None = 50,
    ) -> list[dict[str, Any]]:
        """Actors across articles (one row per name, country and sector), most articles first:
        ``articles`` they appear in, ``mentions`` in all, ``events`` they take part in."""
        w = _Where()
        if name:
            w.add(_NAMED.format("name_key"), _contains(name))
        if country:
            w.add("country = ?", country.upper())
        if sector:
            w.add("sector = ?", sector.upper())
        sql = (
            "SELECT min(name), country, sector, min(kind), count(DISTINCT article_id),"
            f" sum(mentions) FROM actors WHERE {w.sql()}"
            " GROUP BY name_key, country, sector"
            " ORDER BY count(DISTINCT article_id) DESC, sum(mentions) DESC, min(name)"
        )
        sql, params = _page(sql, w.params, limit, 0)
        keys = ("name", "country", "sector", "kind", "articles", "mentions")
        return [dict(zip(keys, r, strict=True)) for r in self.store.fetch(sql, params)]

    def quotes(
        self, where: QuoteQuery | None = None, limit: int | None = 50, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Quotes with their speaker, the article they are in and their offsets in its body,
        newest article first."""
        w = (where or QuoteQuery()).where()
        # quotes carry their article's publication date, so a page of keys needs the
        # articles table only for an outlet or date filter
        order = "{0}.published IS NULL, {0}.published DESC, {0}.article_id, {0}.quote_id"
        join = " JOIN articles AS a ON a.id = q.article_id" if _uses_articles(w) else ""
        keys, params = _page(
            f"SELECT q.article_id, q.quote_id, q.published FROM quotes AS q{join}"
            f" WHERE {w.sql()} ORDER BY {order.format('q')}",
            w.params,
            limit,
            offset,
        )
        sql = (
            "SELECT q.article_id, q.quote_id, q.kind, q.speaker, q.speaker_actor,"
            ' q.speaker_country, q.speaker_sector, q.cue, q.start, q."end", q.text,'
            f" a.outlet, a.title, a.published, a.url FROM ({keys}) AS k"
            " JOIN quotes AS q ON q.article_id = k.article_id AND q.quote_id = k.quote_id"
            f" JOIN articles AS a ON a.id = q.article_id ORDER BY {order.format('k')}"
        )
        keys = (
            "article_id", "quote_id", "kind", "speaker", "speaker_actor", "speaker_country",
            "speaker_sector", "cue", "start", "end", "text", "outlet", "title", "published",
            "url",
        )  # fmt: skip
        for row in self.store.stream(sql, params):
            yield dict(zip(keys, row, strict=True))

    # ------------------------------------------------------------------ counts
    def stats(self) -> Stats:
        """Counts of articles by outlet, language and year (see :class:`Stats`)."""
        return self.store.stats()

    def articles_per_day(self, where: ArticleQuery | None = None) -> list[dict[str, Any]]:
        """Articles per outlet and publication day (undated articles left out)."""
        w = (where or ArticleQuery()).where()
        sql = (
            "SELECT a.outlet, a.day, count(*) FROM articles AS a"
            f" WHERE a.day IS NOT NULL AND {w.sql()}"
            " GROUP BY a.outlet, a.day ORDER BY a.day, a.outlet"
        )
        keys = ("outlet", "day", "articles")
        return [dict(zip(keys, r, strict=True)) for r in self.store.fetch(sql, w.params)]

    def attention(
        self, query: str | None, where: ArticleQuery | None = None, by: str = "week"
    ) -> list[dict[str, Any]]:
        """Articles per day, week (its Monday) or month that the full-text ``query`` finds
        within ``where``, beside all articles ``where`` accepts then: ``share`` is the
        attention normalised by volume (dated articles only)."""
        _check_period(by)
        w = (where or ArticleQuery()).where()
        dated = "a.day IS NOT NULL AND length(a.day) = 10"
        totals = self.store.fetch(
            f"SELECT a.day, count(*) FROM articles AS a WHERE {dated} AND {w.sql()} GROUP BY a.day",
            w.params,
        )
        found = totals
        if query:
            join, match, _, _ = self.store.search_sql()
            found = self._search_rows(
                f"SELECT a.day, count(*) FROM articles AS a {join} WHERE {match} AND {dated}"
                f" AND {w.sql()} GROUP BY a.day",
                query,
                w.params,
            )
        buckets: dict[str, list[int]] = {}
        for rows, index in ((totals, 0), (found, 1)):
            for day, n in rows:
                key = period(str(day), by)
                buckets.setdefault(key, [0, 0])[index] += int(n)
        return [
            {by: key, "articles": total, "matching": hits, "share": hits / total if total else 0.0}
            for key, (total, hits) in sorted(buckets.items())
        ]

    def rhetoric_rates(
        self,
        where: ArticleQuery | None = None,
        by: str = "month",
        technique: str | None = None,
        voice: str | None = None,
        level: str | None = None,
    ) -> list[dict[str, Any]]:
        """Persuasion techniques per outlet and period (day, week, month; undated articles
        under ``None``), among the articles ``where`` accepts that the rhetoric stage read:
        ``articles``, ``words``, ``techniques`` (items counted), ``per_1000_words``, the
        articles by ``genre`` and the counts ``by_technique``. ``technique``, ``voice``
        ("author" or "speaker") and ``level`` ("paragraph" or "span") narrow what is counted."""
        _check_period(by)
        w = (where or ArticleQuery()).where()
        on, params = "", []
        for column, value in (("technique", technique), ("voice", voice), ("level", level)):
            if value is not None:
                on += f" AND t.{column} = ?"
                params.append(value)
        sql = (
            "SELECT a.outlet, a.day, r.article_id, r.words, r.genre, t.technique,"
            " count(t.technique)"
            " FROM article_rhetoric AS r JOIN articles AS a ON a.id = r.article_id"
            f" LEFT JOIN rhetoric AS t ON t.article_id = r.article_id{on}"
            f" WHERE {w.sql()}"
            " GROUP BY a.outlet, a.day, r.article_id, r.words, r.genre, t.technique"
        )
        buckets: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        seen: set[str] = set()
        for outlet, day, aid, words, genre, name, n in self.store.stream(sql, [*params, *w.params]):
            key = (outlet, period(str(day), by) if day else None)
            b = buckets.setdefault(
                key, {"articles": 0, "words": 0, "techniques": 0, "genre": {}, "by_technique": {}}
            )
            if aid not in seen:
                seen.add(aid)
                b["articles"] += 1
                b["words"] += int(words)
                b["genre"][genre] = b["genre"].get(genre, 0) + 1
            if name is not None:
                b["techniques"] += int(n)
                b["by_technique"][name] = b["by_technique"].get(name, 0) + int(n)
        out = []
        for (outlet, when), b in sorted(
            buckets.items(), key=lambda kv: (kv[0][1] or "", str(kv[0][0]))
        ):
            rate = 1000.0 * b["techniques"] / b["words"] if b["words"] else 0.0
            out.append({"outlet": outlet, by: when, **b, "per_1000_words": round(rate, 2)})
        return out

    def dyads_per_week(
        self,
        source: str | None = None,
        target: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events per country dyad (actor's country → recipient's) and ISO week (its Monday),
        with counts per quad and the summed scores (cooperation positive, conflict negative).
        ``country`` keeps dyads it is on either side of."""
        w = _Where()
        if source:
            w.add("d.source = ?", source.upper())
        if target:
            w.add("d.target = ?", target.upper())
        if country:
            w.add("(d.source = ? OR d.target = ?)", country.upper(), country.upper())
        w.dates("d.week", since, until)
        quads = ", ".join(f"sum(CASE WHEN d.quad = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
        sql = (
            f"SELECT d.week, d.source, d.target, count(*), {quads}, sum(d.score) FROM dyads AS d"
            f" WHERE d.week IS NOT NULL AND {w.sql()}"
            " GROUP BY d.week, d.source, d.target ORDER BY d.week, d.source, d.target"
        )
        sql, params = _page(sql, w.params, limit, 0)
        keys = ("week", "source", "target", "events", "quad1", "quad2", "quad3", "quad4", "score")
        out = []
        for r in self.store.fetch(sql, params):
            row = dict(zip(keys, r, strict=True))
            row["score"] = round(float(row["score"] or 0.0), 3)
            out.append(row)
        return out

    # ------------------------------------------------------------------ stories
    def stories(
        self, where: StoryQuery | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stories across outlets (see :mod:`chronist.stories`), the widest told first."""
        return list_stories(self.store, where, limit, offset)

    def story(self, id_or_prefix: str) -> dict[str, Any] | None:
        """One story: articles, chronicle events with their reports, outlets side by side,
        and its timeline; None when there is no such story."""
        return get_story(self.store, id_or_prefix)

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article is in."""
        return story_of(self.store, article_id)

    def timeline(
        self,
        by: str = "week",
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        country: str | None = None,
        story: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Chronicle events per day, week or month by quad, each act counted once however
        many outlets report it (:func:`chronist.stories.read.timeline`)."""
        if story:
            story = resolve_story(self.store, story) or story
        return timeline(self.store, by=by, dyad=dyad, actor=actor, country=country,
                        story=story, since=since, until=until)  # fmt: skip


#: How events can be ordered: SQL over the page of keys ({0}: its alias).
EVENT_SORTS = {
    "date": "{0}.day IS NULL, {0}.day",
    "-date": "{0}.day IS NULL, {0}.day DESC",
    "score": "{0}.score IS NULL, {0}.score",
    "-score": "{0}.score IS NULL, {0}.score DESC",
    "type": "{0}.type IS NULL, {0}.type, {0}.day",
}


def _check_period(by: str) -> None:
    if by not in ("day", "week", "month"):
        raise ChronistError(f"by must be day, week or month, not {by!r}")


def period(day: str, by: str) -> str:
    """The day, its week's Monday or its month (a date without its day: its month)."""
    if by == "month" or len(day) != 10:
        return day[:7]
    if by == "week":
        d = date.fromisoformat(day)
        return (d - timedelta(days=d.weekday())).isoformat()
    return day


def _marked(snippet: str | None, marks: tuple[str, str]) -> str:
    """A snippet on one line, its matches between ``marks``."""
    text = " ".join((snippet or "").split())
    return text.replace("\ue000", marks[0]).replace("\ue001", marks[1])


def _uses_articles(w: _Where) -> bool:
    """Whether a filter needs the articles table (outlet, or a quote's dates)."""
    return re.search(r"\ba\.", w.sql()) is not None


def _page(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return sql, params
    return f"{sql} LIMIT ? OFFSET ?", [*params, 2**62 if limit is None else limit, offset]


__all__ = [
    "EVENT_SORTS",
    "FACET_SAMPLE",
    "Facets",
    "ArticleQuery",
    "Chronicle",
    "EventQuery",
    "QuoteQuery",
    "StoryQuery",
]
