"""The PostgreSQL store (psycopg 3), for a team sharing one chronicle.

The same tables as the SQLite store (:mod:`chronist.store.sql`), so the query layer runs the
same SQL on both. Differences that stay inside this module:

- full-text search is a ``tsvector`` column generated from the title (weight A) and body
  (weight B) with the ``simple`` configuration (no stemming, like SQLite's FTS5 here), under a
  GIN index; queries go through ``websearch_to_tsquery``, which accepts any text, so no query
  is rejected;
- ``seq`` is an identity column; ingest processes write concurrently. ``INSERT ... ON CONFLICT
  DO NOTHING`` stores an id once however many processes race for it, and a transaction-scoped
  advisory lock on the body hash makes "duplicate of" exact under concurrency;
- reads that stream (exports, event listings) use a server-side cursor, so memory stays flat.

The schema is versioned like SQLite's; a database is created on first open (under an advisory
lock, so two processes opening a new database at once create it once).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from typing import Any

from chronist.errors import ChronistError
from chronist.store import redact
from chronist.store.sql import (
    ARTICLE_COLUMNS,
    RHETORIC_DDL,
    STORIES_DDL,
    STREAM_BATCH,
    TABLES_DDL,
    SQLStore,
    now,
)

SCHEMA_VERSION = 5
#: Advisory lock key held while a database's schema is created or migrated.
_SCHEMA_LOCK = 0x6368726F6E697374  # "chronist"

_BASE = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    input TEXT, title TEXT, outlet TEXT, url TEXT, published TEXT, day TEXT, language TEXT,
    home_country TEXT, authors TEXT,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    body TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id),
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', body), 'B')
    ) STORED
);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_hash_seq ON articles(content_hash, seq);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_outlet_day ON articles(outlet, day);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_language ON articles(language);
""" + TABLES_DDL.replace("{real}", "DOUBLE PRECISION")

#: Version 4: the stories step's tables (PostgreSQL stores start at version 3).
_STORIES = (
    STORIES_DDL.replace("{real}", "DOUBLE PRECISION")
    .replace("{blob}", "BYTEA")
    .replace("{bigint}", "BIGINT")
)
#: Version 5: the rhetoric stage's tables.
_RHETORIC = RHETORIC_DDL.replace("{real}", "DOUBLE PRECISION")
_BASE += _STORIES + _RHETORIC
#: Schema changes by the version they bring a store to (a new store is made at the current
#: version by ``_BASE``).
_MIGRATIONS: dict[int, str] = {4: _STORIES, 5: _RHETORIC}

_INSERT = f"""
INSERT INTO articles (id, {", ".join(ARTICLE_COLUMNS)}, content_hash, record, body, ingested_at,
                      duplicate_of)
VALUES ({", ".join(["%s"] * (len(ARTICLE_COLUMNS) + 6))})
ON CONFLICT (id) DO NOTHING RETURNING seq
"""

_cursor_names = count()


class PostgresStore(SQLStore):
    """A :class:`Store` in a PostgreSQL database, given by its URL."""

    backend = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.label = redact(url)
        try:
            import psycopg
        except ImportError:
            raise ChronistError(
                f"{self.label}: the PostgreSQL store needs psycopg "
                '(pip install "chronist[postgresql]")'
            ) from None
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split())
            raise ChronistError(f"{self.label}: cannot open the store: {reason}") from None
        try:
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, psycopg.Error):
                reason = " ".join(str(exc).split())
                raise ChronistError(f"{self.label}: cannot open the store: {reason}") from None
            raise

    def _migrate(self) -> None:
        version = self._version()
        if version is None or version < SCHEMA_VERSION:
            # A session lock taken before the transaction: a transaction that waited for the
            # lock inside itself could look the tables up in a catalog snapshot from before
            # the other process created them.
            self._conn.execute("SELECT pg_advisory_lock(%s)", (_SCHEMA_LOCK,))
            try:
                self._create_or_upgrade()
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (_SCHEMA_LOCK,))
            version = self._version()
        if version is None or version > SCHEMA_VERSION:
            raise ChronistError(
                f"{self.label}: store schema version {version} is not supported by this "
                f"chronist (supports {SCHEMA_VERSION}); upgrade chronist"
            )

    def _create_or_upgrade(self) -> None:
        with self._conn.transaction(), self._conn.cursor() as cur:
            version = self._version()
            if version is None:
                cur.execute(
                    "SELECT count(*) FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                    " AND table_name IN ('articles', 'events', 'actors', 'quotes')"
                )
                if cur.fetchone()[0]:
                    raise ChronistError(f"{self.label}: not a chronist store (unknown tables)")
                cur.execute(_BASE)
                cur.execute("INSERT INTO schema_version VALUES (%s, %s)", (SCHEMA_VERSION, now()))
                version = SCHEMA_VERSION
            for step in range(version + 1, SCHEMA_VERSION + 1):
                cur.execute(_MIGRATIONS[step])
                cur.execute("INSERT INTO schema_version VALUES (%s, %s)", (step, now()))

    def _version(self) -> int | None:
        with self._conn.cursor() as cur:
            cur.execute("SELECT to_regclass('schema_version') IS NOT NULL")
            if not cur.fetchone()[0]:
                return None
            cur.execute("SELECT max(version) FROM schema_version")
            return cur.fetchone()[0]

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield _Cursor(cur, self._sql)

    def _lock_content(self, cur: Any, digest: str) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (digest,))

    def _insert_article(self, cur: Any, row: dict[str, Any], record: str, digest: str) -> bool:
        values = [row["id"], *(row[c] for c in ARTICLE_COLUMNS)]
        body = row.get("body") or ""
        cur.raw.execute(_INSERT, (*values, digest, record, body, now(), row["duplicate_of"]))
        return cur.raw.fetchone() is not None

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """See :meth:`SQLStore.fetch`."""
        with self._conn.cursor() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return cur.fetchall()

    def search_fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """See :meth:`SQLStore.search_fetch`. The planner prices a sequential scan that tests
        every article's tsvector as cheap, but each test reads a TOASTed vector (a few kB per
        article): on a common word it took 140 ms where the GIN index takes 40 ms. So full-text
        queries run with sequential scans off, in their own transaction."""
        with self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute(self._sql(sql), tuple(params))
            return cur.fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """See :meth:`SQLStore.stream`: a server-side cursor in its own transaction."""
        with self._conn.transaction():
            with self._conn.cursor(name=f"chronist_{next(_cursor_names)}") as cur:
                cur.itersize = STREAM_BATCH
                cur.execute(self._sql(sql), tuple(params))
                yield from cur

    def records_since(self, seq: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """See :meth:`SQLStore.records_since`. Identity values are taken at insert and
        committed in any order, so first wait for every write in flight (a SHARE lock on
        ``articles``, released at once): after it, no article with a lower ``seq`` than the
        newest one can still appear."""
        with self._conn.transaction(), self._conn.cursor() as cur:
            cur.execute("LOCK TABLE articles IN SHARE MODE")
            cur.execute("SELECT coalesce(max(seq), 0) FROM articles")
            newest = cur.fetchone()[0]
        sql = "SELECT seq, record FROM articles WHERE seq > ? AND seq <= ? ORDER BY seq"

        for n, record in self.stream(sql, (seq, newest)):
            yield int(n), json.loads(record)

    def search_sql(self) -> tuple[str, str, str, str]:
        """See :meth:`SQLStore.search_sql`: tsvector, GIN, ``ts_rank_cd`` (negated)."""
        return (
            "CROSS JOIN websearch_to_tsquery('simple', ?) AS query",
            "a.tsv @@ query",
            "-ts_rank_cd(a.tsv, query)",
            "ts_headline('simple', a.body, query,"
            " 'StartSel=\ue000, StopSel=\ue001, MaxWords=24, MinWords=8, MaxFragments=1')",
        )

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


class _Cursor:
    """A psycopg cursor that takes ``?`` placeholders (the shared SQL's style)."""

    def __init__(self, cur: Any, convert: Any) -> None:
        self.raw = cur
        self._convert = convert

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self._convert(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        return self.raw.executemany(self._convert(sql), rows)

    def fetchone(self) -> Any:
        return self.raw.fetchone()

    def fetchall(self) -> list[Any]:
        return self.raw.fetchall()
