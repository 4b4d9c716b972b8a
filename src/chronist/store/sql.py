"""What the SQLite and PostgreSQL stores share: the normalised tables and the write path.

Each backend subclasses :class:`SQLStore` and supplies its connection, transactions, article
insert and full-text search; the tables that queries filter on (actors, mentions, quotes,
events, event participants, dyads, see :mod:`chronist.store.rows`) are created by the same DDL
and written by the same code, so the same corpus answers the same queries on both. SQL here
uses ``?`` placeholders; the PostgreSQL backend converts them.
"""

from __future__ import annotations

import json
import re
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from chronist.errors import ChronistError
from chronist.model import Article, content_hash
from chronist.store.base import MIN_PREFIX, UNKNOWN, PutResult, SearchHit, Stats, Store
from chronist.store.rows import COLUMNS, TABLES, ArticleRows, article_rows

#: The normalised tables and their indexes ({real}: the backend's double type). Indexes carry
#: the keys a filter hands on (``article_id``, ``event_id``), so a filter's subquery reads
#: the index alone.
TABLES_DDL = """
CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL, name TEXT, name_key TEXT, kind TEXT, country TEXT, sector TEXT,
    role TEXT, kb_id TEXT, mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX actors_name_key ON actors(name_key, article_id);
-- covering: "actors of a country" groups and counts without reading the table
CREATE INDEX actors_country ON actors(country, name_key, sector, article_id, mentions, name, kind);
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT
);
CREATE INDEX mentions_actor ON mentions(article_id, actor_id);
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id INTEGER NOT NULL, kind TEXT, speaker TEXT, speaker_key TEXT, speaker_actor TEXT,
    speaker_country TEXT, speaker_sector TEXT, cue TEXT, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT, published TEXT,
    PRIMARY KEY (article_id, quote_id)
);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key, published, article_id, quote_id);
CREATE INDEX quotes_speaker_country ON quotes(speaker_country, published, article_id, quote_id);
CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL, type TEXT, mode TEXT, quad INTEGER, score {real}, date TEXT,
    day TEXT, week TEXT, date_source TEXT, confidence {real}, negated INTEGER NOT NULL,
    future INTEGER NOT NULL, hypothetical INTEGER NOT NULL, historical INTEGER NOT NULL,
    alleged INTEGER NOT NULL, location TEXT, location_country TEXT, start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (article_id, event_id)
);
CREATE TABLE event_json (
    article_id TEXT NOT NULL, event_id TEXT NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, event_id) ON DELETE CASCADE
);
CREATE INDEX events_type_day ON events(type, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_quad_day ON events(quad, day);
CREATE TABLE event_participants (
    article_id TEXT NOT NULL, event_id TEXT NOT NULL, role TEXT NOT NULL,
    position INTEGER NOT NULL, actor_id TEXT, name TEXT, name_key TEXT, country TEXT,
    sector TEXT,
    PRIMARY KEY (article_id, event_id, role, position),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, event_id) ON DELETE CASCADE
);
CREATE INDEX participants_country ON event_participants(country, article_id, event_id);
CREATE INDEX participants_name_key ON event_participants(name_key, article_id, event_id);
CREATE TABLE dyads (
    article_id TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, week TEXT, day TEXT, quad INTEGER, score {real},
    PRIMARY KEY (article_id, event_id, source, target),
    FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, event_id) ON DELETE CASCADE
);
CREATE INDEX dyads_pair_week ON dyads(source, target, week, article_id, event_id);
CREATE INDEX dyads_week ON dyads(week);
CREATE TABLE names (name_key TEXT PRIMARY KEY);
CREATE TABLE step_state (
    step TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, updated_at TEXT NOT NULL
);
"""

#: The stories step's tables (schema version 4; see :mod:`chronist.stories`): copies and their
#: MinHash signatures and LSH bands, stories, each article's story, and the chronicle events
#: that merge a story's reports ({real}, {blob}, {bigint}: the backend's types).
STORIES_DDL = """
CREATE TABLE minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature {blob} NOT NULL
);
CREATE TABLE minhash_bands (
    key {bigint} NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_key ON minhash_bands(key, article_id);
CREATE TABLE copies (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    copy_of TEXT NOT NULL, similarity {real} NOT NULL
);
CREATE INDEX copies_of ON copies(copy_of);
CREATE TABLE stories (
    story_id TEXT PRIMARY KEY, label TEXT, start TEXT, "end" TEXT, articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL, members INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    centroid {blob} NOT NULL, terms TEXT NOT NULL, keys TEXT NOT NULL,
    outlet_counts TEXT NOT NULL, language TEXT
);
CREATE INDEX stories_end ON stories("end", start);
CREATE INDEX stories_last_seq ON stories(last_seq);
CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL, similarity {real}, copy_of TEXT, seq INTEGER NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id, seq);
CREATE TABLE story_events (
    story_id TEXT NOT NULL, chronicle_id TEXT NOT NULL, type TEXT, mode TEXT, quad INTEGER,
    score {real}, day TEXT, week TEXT, reports INTEGER NOT NULL, outlets INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (story_id, chronicle_id)
);
CREATE INDEX story_events_day ON story_events(day);
CREATE TABLE story_event_actors (
    story_id TEXT NOT NULL, chronicle_id TEXT NOT NULL, role TEXT NOT NULL, country TEXT,
    name_key TEXT
);
CREATE INDEX story_event_actors_story ON story_event_actors(story_id, chronicle_id);
CREATE INDEX story_event_actors_country ON story_event_actors(country, role, story_id);
CREATE INDEX story_event_actors_name ON story_event_actors(name_key, role, story_id);
CREATE TABLE story_reports (
    story_id TEXT NOT NULL, chronicle_id TEXT NOT NULL, article_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX story_reports_story ON story_reports(story_id, chronicle_id);
CREATE TABLE story_state (name TEXT PRIMARY KEY, value {blob} NOT NULL);
"""


#: The rhetoric stage's tables (schema version 5): each analysed article's genre, frames and
#: word count, and its persuasion techniques (paragraphs and spans) with their voice.
RHETORIC_DDL = """
CREATE TABLE article_rhetoric (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    genre TEXT NOT NULL, genre_confidence {real}, words INTEGER NOT NULL, frames TEXT
);
CREATE INDEX article_rhetoric_genre ON article_rhetoric(genre, article_id);
CREATE TABLE rhetoric (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, technique TEXT NOT NULL, level TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, paragraph INTEGER, voice TEXT,
    speaker_actor TEXT, confidence {real},
    PRIMARY KEY (article_id, position)
);
CREATE INDEX rhetoric_technique ON rhetoric(technique, article_id);
"""


#: Article query columns besides id, in insert order (see rows.article_rows).
ARTICLE_COLUMNS = (
    "input", "title", "outlet", "url", "published", "day", "language", "home_country",
    "authors",
)  # fmt: skip


#: Rows a streaming read fetches at a time: full records are ~50 kB each, so a batch of them
#: is what an export holds in memory.
STREAM_BATCH = 100


def now() -> str:
    """The current UTC time, ISO, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def insert_sql(table: str) -> str:
    """``INSERT INTO table (...) VALUES (?, ...)`` for a normalised table (names already
    known are skipped: the ``names`` table holds each once)."""
    cols = COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in cols)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"
    return sql + " ON CONFLICT DO NOTHING" if table == "names" else sql


def write_rows(cur: Any, rows: ArticleRows) -> None:
    """An article's rows in every normalised table (its ``articles`` row is written apart)."""
    for table in TABLES:
        if rows.tables[table]:
            cur.executemany(insert_sql(table), rows.tables[table])


class SQLStore(Store):
    """The write path and the generic reads of a SQL store; backends supply the rest."""

    #: The backend's name in messages and benchmarks.
    backend = "sql"
    #: What :meth:`describe` shows instead of the target (a URL without its password).
    label = ""

    # ------------------------------------------------------------- backend primitives
    @abstractmethod
    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a read query (``?`` placeholders)."""

    def lock(self, cur: Any, name: str) -> None:
        """Hold a named lock until the transaction of ``cur`` ends (on SQLite the write
        transaction is the lock already)."""
        self._lock_content(cur, name)

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction for a store step: a cursor taking ``?`` placeholders
        (execute, executemany, fetchone, fetchall), committed on success, rolled back on any
        exception."""
        return self._transaction()

    @abstractmethod
    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a read query, fetched in batches (flat memory for exports)."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """One write transaction; yields a cursor taking ``?`` placeholders (execute,
        executemany, fetchone)."""

    @abstractmethod
    def _insert_article(self, cur: Any, row: dict[str, Any], record: str, digest: str) -> bool:
        """Insert the article row unless its id exists; whether it was inserted."""

    @abstractmethod
    def search_sql(self) -> tuple[str, str, str, str]:
        """Full-text search fragments for :mod:`chronist.query`: what to join to ``articles
        AS a``, the match condition, the rank expression (lower is better) and a snippet
        expression (matches between the private-use marks U+E000 and U+E001). The join and
        the condition hold one ``?`` between them, for the query text."""

    def search_fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of a full-text search query (a backend may steer its planner)."""
        return self.fetch(sql, params)

    def search_error(self, exc: Exception) -> bool:
        """Whether ``exc`` is the backend rejecting a search query's syntax."""
        return False

    # ------------------------------------------------------------------- writing
    def put(self, article: Article) -> PutResult:
        """See :meth:`Store.put`."""
        return self.put_record(article.to_dict())

    def put_record(self, record: dict[str, Any]) -> PutResult:
        """Store one article record (``Article.to_dict()``) and its normalised rows in one
        transaction; see :meth:`Store.put`."""
        rows = article_rows(record)
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        digest = content_hash(record.get("body") or "")
        with self._transaction() as cur:
            self._lock_content(cur, digest)
            duplicate_of = self._first_with_hash(cur, digest)
            row = dict(rows.article, duplicate_of=duplicate_of, body=record.get("body") or "")
            if not self._insert_article(cur, row, text, digest):
                return PutResult("exists", record["id"])
            write_rows(cur, rows)
        if duplicate_of is not None:
            return PutResult("duplicate", record["id"], duplicate_of)
        return PutResult("new", record["id"])

    def _first_with_hash(self, cur: Any, digest: str) -> str | None:
        cur.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1", (digest,)
        )
        found = cur.fetchone()
        return found[0] if found else None

    def _lock_content(self, cur: Any, digest: str) -> None:
        """Serialise writers of the same body, so "duplicate of" is exact (a no-op where
        writers are serialised anyway)."""

    # ------------------------------------------------------------------- reading
    def resolve(self, id_or_prefix: str) -> str | None:
        """See :meth:`Store.resolve`."""
        if self.fetch("SELECT 1 FROM articles WHERE id = ?", (id_or_prefix,)):
            return id_or_prefix
        if len(id_or_prefix) < MIN_PREFIX:
            raise ChronistError(
                f"id prefix {id_or_prefix!r} is too short (give at least {MIN_PREFIX} characters)"
            )
        rows = self.fetch(
            "SELECT id FROM articles WHERE id >= ? ORDER BY id LIMIT 2", (id_or_prefix,)
        )
        matches = [r[0] for r in rows if r[0].startswith(id_or_prefix)]
        if len(matches) > 1:
            raise ChronistError(f"id prefix {id_or_prefix!r} is ambiguous; give more characters")
        return matches[0] if matches else None

    def get_record(self, id_or_prefix: str) -> dict[str, Any] | None:
        """See :meth:`Store.get_record`."""
        full_id = self.resolve(id_or_prefix)
        if full_id is None:
            return None
        rows = self.fetch("SELECT record FROM articles WHERE id = ?", (full_id,))
        return json.loads(rows[0][0]) if rows else None

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """See :meth:`Store.search` (the query layer adds filters)."""
        from chronist.query import Chronicle

        return Chronicle(self).search(query, limit=limit)

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """See :meth:`Store.iter_records` (the query layer's unfiltered records)."""
        from chronist.query import Chronicle

        return Chronicle(self).records()

    def records_since(self, seq: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(seq, record)`` of every article stored after ``seq``, in storing order."""
        sql = "SELECT seq, record FROM articles WHERE seq > ? ORDER BY seq"
        for n, record in self.stream(sql, (seq,)):
            yield int(n), json.loads(record)

    def step_position(self, step: str) -> int:
        """The last article ``seq`` a store step has seen (0: none)."""
        rows = self.fetch("SELECT last_seq FROM step_state WHERE step = ?", (step,))
        return int(rows[0][0]) if rows else 0

    def set_step_position(self, step: str, seq: int) -> None:
        """Record that a store step has seen every article up to ``seq``."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM step_state WHERE step = ?", (step,))
            cur.execute(
                "INSERT INTO step_state (step, last_seq, updated_at) VALUES (?, ?, ?)",
                (step, seq, now()),
            )

    def count(self) -> int:
        """See :meth:`Store.count`."""
        return int(self.fetch("SELECT count(*) FROM articles")[0][0])

    def stats(self) -> Stats:
        """See :meth:`Store.stats`."""
        one = self.fetch(
            "SELECT count(*), count(published), count(DISTINCT input), count(duplicate_of),"
            " min(published), max(published) FROM articles"
        )[0]
        inputs = self.fetch("SELECT DISTINCT input FROM articles WHERE input IS NOT NULL")
        files = {_input_file(name) for (name,) in inputs}
        return Stats(
            articles=one[0],
            by_outlet=self._group("outlet"),
            by_language=self._group("language"),
            by_year=dict(
                self.fetch(
                    "SELECT substr(published, 1, 4) AS y, count(*) FROM articles"
                    " WHERE published IS NOT NULL GROUP BY substr(published, 1, 4) ORDER BY y"
                )
            ),
            with_date=one[1],
            without_date=one[0] - one[1],
            inputs=one[2],
            input_files=len(files),
            duplicates=one[3],
            earliest=one[4],
            latest=one[5],
        )

    def _group(self, column: str) -> dict[str, int]:
        """Counts by a column, largest first, NULL counted under ``UNKNOWN``."""
        sql = f"SELECT {column}, count(*) AS n FROM articles GROUP BY {column} ORDER BY n DESC"
        rows = sorted(self.fetch(sql), key=lambda r: (-r[1], r[0] is None, r[0] or ""))
        return {(k if k is not None else UNKNOWN): n for k, n in rows}


def _input_file(name: str) -> str:
    """The file an input name came from ("feed.jsonl:12" → "feed.jsonl")."""
    return re.sub(r"(:\d+|#\d+)$", "", name)
