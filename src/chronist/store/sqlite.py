"""The SQLite store: one file, WAL mode, an FTS5 index over title and body.

Each article is one row of ``articles``: query columns plus ``record``, the full JSON record. The
FTS5 table ``articles_fts`` is an external-content index over the view ``article_text`` (title and
the body read out of ``record``), kept in step by triggers, so the body is stored once. It is keyed
by ``seq``, an explicit integer column, because implicit rowids may change on VACUUM.

Beside it, the normalised tables of :mod:`chronist.store.sql` (actors, mentions, quotes, events,
event participants, dyads) are written in the same transaction.

Writes are one ``BEGIN IMMEDIATE ... COMMIT`` per article. ``synchronous=NORMAL`` keeps every
commit atomic; a power cut may lose the last few commits, which re-running the (idempotent)
ingest restores. Several writers may share the file: each waits for the others' short write
transactions (up to :data:`BUSY_TIMEOUT`), and readers never wait (WAL).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chronist.errors import ChronistError
from chronist.store.rows import article_rows
from chronist.store.sql import (
    ARTICLE_COLUMNS,
    RHETORIC_DDL,
    STORIES_DDL,
    STREAM_BATCH,
    TABLES_DDL,
    SQLStore,
    now,
    write_rows,
)

#: Seconds a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT = 60.0

SCHEMA_VERSION = 5

#: The triggers that keep the full-text index in step with ``articles`` (on a table rebuild,
#: made again).
_FTS_TRIGGERS = """
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.seq, new.title, json_extract(new.record, '$.body'));
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, json_extract(old.record, '$.body'));
END;
"""

#: The first schema (version 1): articles, their full-text index and its triggers. A new store
#: is made by creating it and applying every migration, so new and upgraded stores match.
_BASE = (
    """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    input TEXT,
    title TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id),
    seq INTEGER NOT NULL UNIQUE
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published, id);
CREATE VIEW article_text AS
    SELECT seq, title, json_extract(record, '$.body') AS body FROM articles;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='article_text', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);
"""
    + _FTS_TRIGGERS
)

#: Schema changes by the version they bring a store to. Version 2 added a view of events read
#: out of the JSON records; version 3 replaces it with normalised, indexed tables (filled from
#: the stored records when an older store is opened) and rebuilds ``articles`` with the large
#: ``record`` column last: SQLite reads a row's columns in order, so a column stored after a
#: 50 KB record costs a walk through its overflow pages. The full-text index is keyed by
#: ``seq``, which the rebuild keeps.
_MIGRATIONS = {
    2: """
CREATE VIEW events AS
    SELECT a.id AS article_id, json_extract(e.value, '$.id') AS event_id,
           json_extract(e.value, '$.type') AS type, e.value AS event
    FROM articles AS a, json_each(a.record, '$.events') AS e;
""",
    3: """
DROP VIEW IF EXISTS events;
DROP VIEW article_text;
DROP TRIGGER IF EXISTS articles_ai;
DROP TRIGGER IF EXISTS articles_ad;
DROP TRIGGER IF EXISTS articles_au;
CREATE TABLE articles_v3 (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    input TEXT,
    title TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    day TEXT,
    language TEXT,
    home_country TEXT,
    authors TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles(id),
    record TEXT NOT NULL
);
INSERT INTO articles_v3 (id, seq, input, title, outlet, url, published, language, content_hash,
                         ingested_at, duplicate_of, record)
    SELECT id, seq, input, title, outlet, url, published, language, content_hash, ingested_at,
           duplicate_of, record
    FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
CREATE VIEW article_text AS
    SELECT seq, title, json_extract(record, '$.body') AS body FROM articles;
CREATE INDEX articles_hash_seq ON articles(content_hash, seq);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_outlet_day ON articles(outlet, day);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_language ON articles(language);
CREATE TRIGGER articles_au AFTER UPDATE OF title, record ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, json_extract(old.record, '$.body'));
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.seq, new.title, json_extract(new.record, '$.body'));
END;
"""
    + _FTS_TRIGGERS
    + TABLES_DDL.replace("{real}", "REAL"),
    4: STORIES_DDL.replace("{real}", "REAL")
    .replace("{blob}", "BLOB")
    .replace("{bigint}", "INTEGER"),
    5: RHETORIC_DDL.replace("{real}", "REAL"),
}

_INSERT = """
INSERT INTO articles (id, input, title, outlet, url, published, day, language, home_country,
                      authors, content_hash, record, ingested_at, duplicate_of, seq)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        (SELECT coalesce(max(seq), 0) + 1 FROM articles))
"""


class SQLiteStore(SQLStore):
    """A :class:`Store` in one SQLite file (or ``:memory:``)."""

    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(
                str(path), isolation_level=None, timeout=BUSY_TIMEOUT, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ChronistError(f"{path}: cannot open the store: {exc}") from exc
        try:
            _retry_locked(lambda: self._conn.execute("PRAGMA journal_mode=WAL"))
            self._conn.execute("PRAGMA synchronous=NORMAL")
            # 64 MB of page cache (the default is 2 MB): index inserts into large tables
            self._conn.execute("PRAGMA cache_size=-65536")
            self._conn.execute("PRAGMA foreign_keys=ON")
            _retry_locked(self._migrate)
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise ChronistError(f"{path}: cannot open the store: {exc}") from exc
            raise

    def _migrate(self) -> None:
        """Create the schema in a new file and bring an older store up to date, filling the
        tables a new version adds from the stored records; refuse a file written by a newer
        version. A current store is only read here, so opening one to search takes no write
        lock. Two processes opening one new file at once create it once (the second waits for
        the first's write lock, then finds the tables).
        """
        version = self._version()
        if version is None or version < SCHEMA_VERSION:
            with self._write():
                version = self._version()
                if version is None:
                    tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master")}
                    if tables:
                        raise ChronistError(f"{self.path}: not a chronist store (unknown tables)")
                    for statement in _split_sql(_BASE):
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO schema_version VALUES (1, ?)", (now(),))
                    version = 1
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _split_sql(_MIGRATIONS[step]):
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO schema_version VALUES (?, ?)", (step, now()))
                if version < 3:
                    # once every table exists: the rows of the records stored before them
                    self._fill_tables()
                # (version 5's rhetoric tables start empty: no older record has a genre)
            version = self._version()
        if version is None or version > SCHEMA_VERSION:
            raise ChronistError(
                f"{self.path}: store schema version {version} is not supported by this chronist "
                f"(supports {SCHEMA_VERSION}); upgrade chronist"
            )

    def _fill_tables(self) -> None:
        """Version 3: the new article columns and normalised rows of every stored record."""
        cur = self._conn.cursor()
        for aid, record in self._conn.execute("SELECT id, record FROM articles").fetchall():
            rows = article_rows(json.loads(record))
            a = rows.article
            cur.execute(
                "UPDATE articles SET day = ?, home_country = ?, authors = ? WHERE id = ?",
                (a["day"], a["home_country"], a["authors"], aid),
            )
            write_rows(cur, rows)

    def _version(self) -> int | None:
        """The schema version recorded in the file, or None when there is no version table."""
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return None
        return self._conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, committed on success and rolled back on any exception."""
        _retry_locked(lambda: self._conn.execute("BEGIN IMMEDIATE"))
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._write():
            yield self._conn.cursor()

    def _insert_article(
        self, cur: sqlite3.Cursor, row: dict[str, Any], record: str, digest: str
    ) -> bool:
        if cur.execute("SELECT 1 FROM articles WHERE id = ?", (row["id"],)).fetchone():
            return False
        values = [row["id"], *(row[c] for c in ARTICLE_COLUMNS)]
        cur.execute(_INSERT, (*values, digest, record, now(), row["duplicate_of"]))
        return True

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """See :meth:`SQLStore.fetch`."""
        return self._conn.execute(sql, tuple(params)).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """See :meth:`SQLStore.stream` (a private cursor: other reads may interleave)."""
        cur = self._conn.execute(sql, tuple(params))
        try:
            while batch := cur.fetchmany(STREAM_BATCH):
                yield from batch
        finally:
            cur.close()

    def search_sql(self) -> tuple[str, str, str, str]:
        """See :meth:`SQLStore.search_sql`: the FTS5 index, BM25 with titles weighted 2."""
        return (
            "JOIN articles_fts ON articles_fts.rowid = a.seq",
            "articles_fts MATCH ?",
            "bm25(articles_fts, 2.0, 1.0)",
            "snippet(articles_fts, -1, '\ue000', '\ue001', '…', 12)",
        )

    def search_error(self, exc: Exception) -> bool:
        """Whether ``exc`` is FTS5 rejecting the query's syntax (retried as plain terms)."""
        return isinstance(exc, sqlite3.OperationalError)

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


def _retry_locked(call: Callable[[], Any], wait: float = BUSY_TIMEOUT) -> Any:
    """``call()``, retried while SQLite reports the file locked (another process is creating
    or migrating it; the busy handler does not cover every such case)."""
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            return call()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _split_sql(script: str) -> list[str]:
    """The statements of a script (``executescript`` would commit our transaction)."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
