"""The SQLite store: one file, WAL mode, an FTS5 index over title and body.

Each article is one row of ``articles``: query columns plus ``record``, the full JSON record. The
FTS5 table ``articles_fts`` is an external-content index over the view ``article_text`` (title and
the body read out of ``record``), kept in step by triggers, so the body is stored once. It is keyed
by ``seq``, an explicit integer column, because implicit rowids may change on VACUUM.

Writes are one ``BEGIN IMMEDIATE ... COMMIT`` per article. ``synchronous=NORMAL`` keeps every
commit atomic; a power cut may lose the last few commits, which re-running the (idempotent)
ingest restores. Safe for one writer; readers in other processes may share the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chronist.errors import ChronistError
from chronist.model import Article, content_hash
from chronist.store.base import MIN_PREFIX, UNKNOWN, PutResult, SearchHit, Stats, Store

SCHEMA_VERSION = 2

_SCHEMA = """
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
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.seq, new.title, json_extract(new.record, '$.body'));
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, json_extract(old.record, '$.body'));
END;
CREATE VIEW events AS
    SELECT a.id AS article_id, json_extract(e.value, '$.id') AS event_id,
           json_extract(e.value, '$.type') AS type, json_extract(e.value, '$.mode') AS mode,
           json_extract(e.value, '$.quad') AS quad, json_extract(e.value, '$.date') AS date,
           json_extract(e.value, '$.date_source') AS date_source,
           json_extract(e.value, '$.actors') AS actors,
           json_extract(e.value, '$.recipients') AS recipients,
           json_extract(e.value, '$.location.name') AS location,
           json_extract(e.value, '$.confidence') AS confidence,
           json_extract(e.value, '$.start') AS start, json_extract(e.value, '$.end') AS "end",
           e.value AS event
    FROM articles AS a, json_each(a.record, '$.events') AS e;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.seq, old.title, json_extract(old.record, '$.body'));
    INSERT INTO articles_fts(rowid, title, body)
    VALUES (new.seq, new.title, json_extract(new.record, '$.body'));
END;
"""

#: Schema changes by the version they bring a store to (the new-store schema has them all).
_MIGRATIONS = {
    2: _SCHEMA[_SCHEMA.index("CREATE VIEW events") : _SCHEMA.index("CREATE TRIGGER articles_au")]
}

_INSERT = """
INSERT INTO articles (id, input, title, outlet, url, published, language, content_hash, record,
                      ingested_at, duplicate_of, seq)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM articles))
"""

_SEARCH = """
SELECT a.id, a.title, a.outlet, a.published,
       snippet(articles_fts, -1, '[', ']', '…', 12), bm25(articles_fts, 2.0, 1.0) AS score
FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH ? ORDER BY score, a.id LIMIT ?
"""

_INPUT_SUFFIX = re.compile(r"(:\d+|#\d+)$")
_TERM = re.compile(r"\w+")


class SQLiteStore(Store):
    """A :class:`Store` in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise ChronistError(f"{path}: cannot open the store: {exc}") from exc
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise ChronistError(f"{path}: cannot open the store: {exc}") from exc
            raise

    def _migrate(self) -> None:
        """Create the schema in a new file, bring an older store up to date (version 2 adds the
        ``events`` view: one row per event, ``SELECT * FROM events WHERE type = 'CONSULT'``);
        refuse a file written by a newer version. A current store is only read here, so
        opening one to search takes no write lock.
        """
        version = self._version()
        if version is None:
            with self._write():
                tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master")}
                if "schema_version" not in tables:
                    if tables:
                        raise ChronistError(f"{self.path}: not a chronist store (unknown tables)")
                    for statement in _split_sql(_SCHEMA):
                        self._conn.execute(statement)
                    self._conn.execute(
                        "INSERT INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION, _now())
                    )
            version = self._version()
        if version is not None and version < SCHEMA_VERSION:
            with self._write():
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _split_sql(_MIGRATIONS[step]):
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO schema_version VALUES (?, ?)", (step, _now()))
            version = self._version()
        if version is None or version > SCHEMA_VERSION:
            raise ChronistError(
                f"{self.path}: store schema version {version} is not supported by this chronist "
                f"(supports {SCHEMA_VERSION}); upgrade chronist"
            )

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
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def put(self, article: Article) -> PutResult:
        """See :meth:`Store.put`."""
        record = json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":"))
        digest = content_hash(article.body)
        with self._write():
            row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,))
            if row.fetchone() is not None:
                return PutResult("exists", article.id)
            earlier = self._conn.execute(
                "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1", (digest,)
            ).fetchone()
            duplicate_of = earlier[0] if earlier else None
            self._conn.execute(
                _INSERT,
                (
                    article.id,
                    article.input,
                    article.title,
                    article.outlet,
                    article.url,
                    article.published,
                    article.language,
                    digest,
                    record,
                    _now(),
                    duplicate_of,
                ),
            )
        if duplicate_of is not None:
            return PutResult("duplicate", article.id, duplicate_of)
        return PutResult("new", article.id)

    def resolve(self, id_or_prefix: str) -> str | None:
        """See :meth:`Store.resolve`."""
        if self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (id_or_prefix,)).fetchone():
            return id_or_prefix
        if len(id_or_prefix) < MIN_PREFIX:
            raise ChronistError(
                f"id prefix {id_or_prefix!r} is too short (give at least {MIN_PREFIX} characters)"
            )
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id >= ? ORDER BY id LIMIT 2", (id_or_prefix,)
        ).fetchall()
        matches = [r[0] for r in rows if r[0].startswith(id_or_prefix)]
        if len(matches) > 1:
            raise ChronistError(f"id prefix {id_or_prefix!r} is ambiguous; give more characters")
        return matches[0] if matches else None

    def get_record(self, id_or_prefix: str) -> dict[str, Any] | None:
        """See :meth:`Store.get_record`."""
        full_id = self.resolve(id_or_prefix)
        if full_id is None:
            return None
        row = self._conn.execute("SELECT record FROM articles WHERE id = ?", (full_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """See :meth:`Store.search`."""
        try:
            rows = self._conn.execute(_SEARCH, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            plain = " ".join(f'"{term}"' for term in _TERM.findall(query))
            if not plain:
                return []
            rows = self._conn.execute(_SEARCH, (plain, limit)).fetchall()
        return [
            SearchHit(r[0], r[1], r[2], r[3], " ".join((r[4] or "").split()), float(r[5]))
            for r in rows
        ]

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """See :meth:`Store.iter_records`."""
        for sql in (
            "SELECT record FROM articles WHERE published IS NOT NULL ORDER BY published, id",
            "SELECT record FROM articles WHERE published IS NULL ORDER BY id",
        ):
            for (record,) in self._conn.execute(sql):
                yield json.loads(record)

    def count(self) -> int:
        """See :meth:`Store.count`."""
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def stats(self) -> Stats:
        """See :meth:`Store.stats`."""
        one = self._conn.execute(
            "SELECT count(*), count(published), count(DISTINCT input), count(duplicate_of),"
            " min(published), max(published) FROM articles"
        ).fetchone()
        inputs = self._conn.execute("SELECT DISTINCT input FROM articles WHERE input IS NOT NULL")
        files = {_INPUT_SUFFIX.sub("", name) for (name,) in inputs}
        return Stats(
            articles=one[0],
            by_outlet=self._group("outlet"),
            by_language=self._group("language"),
            by_year=self._by_year(),
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
        sql = f"SELECT {column}, count(*) AS n FROM articles GROUP BY 1 ORDER BY n DESC, 1"
        return {(k if k is not None else UNKNOWN): n for k, n in self._conn.execute(sql)}

    def _by_year(self) -> dict[str, int]:
        """Counts by the year of ``published``, oldest first (undated articles left out)."""
        sql = (
            "SELECT substr(published, 1, 4) AS y, count(*) FROM articles"
            " WHERE published IS NOT NULL GROUP BY y ORDER BY y"
        )
        return dict(self._conn.execute(sql).fetchall())

    def close(self) -> None:
        """See :meth:`Store.close`."""
        self._conn.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _split_sql(script: str) -> list[str]:
    """The statements of a script (``executescript`` would commit our transaction)."""
    statements, current = [], ""
    for line in script.strip().splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements
