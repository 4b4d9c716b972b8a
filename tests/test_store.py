"""The SQLite store: idempotent puts, duplicates, atomic writes, search, prefixes, stats."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from chronist.errors import ChronistError
from chronist.model import Article, Evidence, article_id
from chronist.store import UNKNOWN, Store, open_store
from chronist.store.sqlite import SCHEMA_VERSION, SQLiteStore

STRIKE = (
    "The pilots' union in the port of Vell voted on Tuesday to extend its strike by a week, "
    "leaving 14 container ships waiting outside the breakwater.\n\n"
    "Union secretary Ilse Marran said the vote was unanimous and that talks with the port "
    "authority would resume on Friday."
)
WATER = (
    "Riverton's council and the regional water board failed on Monday to agree on who pays for "
    "the new treatment plant, the third round of talks to end without a deal.\n\n"
    "Mayor Odile Brant said the town could not carry the cost alone.\n\n"
    "The board will put a revised offer to the council in April."
)
ZURICH = (
    "Der Hafen von Zürich blieb am Mittwoch wegen Sturmwarnung geschlossen.\n\n"
    "Die Fähren nach Rapperswil fahren ab Donnerstag wieder nach Fahrplan."
)


def make(
    body: str,
    *,
    outlet: str | None = "Vell Harbour Gazette",
    url: str | None = "https://gazette.example/strike",
    title: str | None = "Harbour Pilots Vote to Extend Strike",
    published: str | None = "2024-03-05",
    language: str | None = "en",
    input: str = "feed.jsonl:1",
) -> Article:
    return Article(
        id=article_id(body, outlet, url),
        input=input,
        format="text",
        body=body,
        title=title,
        authors=["Ilse Marran", "Tom Vey"],
        outlet=outlet,
        url=url,
        published=published,
        language=language,
        captions=["Ships wait outside the breakwater. Photo: Port of Vell"],
        tags=["strike", "ports"],
        metadata_evidence={"published": Evidence("dateline", "VELL, March 5")},
    )


@pytest.fixture
def store(store_url: str) -> Store:
    """A fresh store on each backend (see conftest.store_url)."""
    with open_store(store_url) as opened:
        yield opened


def fts_rowids(store: Store, term: str) -> list[int]:
    """Article positions straight from the full-text index (no join to ``articles`` on
    SQLite), to see what the index itself holds."""
    if isinstance(store, SQLiteStore):
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        return [r[0] for r in store._conn.execute(sql, (term,))]
    sql = "SELECT seq FROM articles WHERE tsv @@ websearch_to_tsquery('simple', ?)"
    return [r[0] for r in store.fetch(sql, (term,))]


def test_put_twice_stores_once(store: Store) -> None:
    article = make(STRIKE)
    assert store.put(article).status == "new"
    again = store.put(article)
    assert (again.status, again.id, again.duplicate_of) == ("exists", article.id, None)
    assert store.count() == 1
    assert store.get(article.id) == article
    assert len(fts_rowids(store, "breakwater")) == 1


def test_same_body_elsewhere_is_a_reported_duplicate(store: Store) -> None:
    first = make(STRIKE)
    wire = make(STRIKE.replace("\n\n", "\n\n  "), outlet="Coast Daily", url="https://cd.example/1")
    third = make(STRIKE, outlet="Northern Post", url=None)
    assert store.put(first).status == "new"
    result = store.put(wire)
    assert (result.status, result.id, result.duplicate_of) == ("duplicate", wire.id, first.id)
    assert store.put(third).duplicate_of == first.id
    assert store.count() == 3
    assert store.stats().duplicates == 2


def test_failed_put_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # the last table of the article's rows fails to insert, after the article row, its
    # full-text entry and every other table's rows were written
    import chronist.store.sql as sql

    real = sql.insert_sql
    monkeypatch.setattr(
        sql,
        "insert_sql",
        lambda t: real(t).replace("dyads", "no_such_table") if t == "dyads" else real(t),
    )
    article = make(STRIKE)
    event = {
        "id": "E1", "type": "CONSULT", "quad": 1, "score": 1.0, "date": "2024-03-04",
        "actors": [{"actor": None, "name": "Vell", "country": "NOR", "sector": None}],
        "recipients": [{"actor": None, "name": "Rive", "country": "SWE", "sector": None}],
        "start": 0, "end": 5,
    }  # fmt: skip
    with pytest.raises(Exception, match="no_such_table"):
        store.put(replace(article, events=[event]))
    monkeypatch.setattr(sql, "insert_sql", real)
    assert store.count() == 0
    assert fts_rowids(store, "breakwater") == []
    assert store.search("breakwater") == []
    assert store.fetch("SELECT count(*) FROM events")[0][0] == 0
    assert store.put(replace(article, events=[event])).status == "new"
    assert store.fetch("SELECT count(*) FROM dyads")[0][0] == 1
    if isinstance(store, SQLiteStore):
        store._conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_search_finds_body_words_with_snippet(store: Store) -> None:
    store.put(make(STRIKE))
    store.put(make(WATER, title="Water Talks Fail Again", url="https://gazette.example/water"))
    store.put(make(ZURICH, title="Hafen geschlossen", url="https://zh.example/1", language="de"))
    hits = store.search("treatment plant")
    assert [h.title for h in hits] == ["Water Talks Fail Again"]
    assert "[treatment] [plant]" in hits[0].snippet
    assert isinstance(hits[0].rank, float)
    if isinstance(store, SQLiteStore):  # FTS5 folds accents; PostgreSQL's "simple" does not
        assert [h.title for h in store.search("zurich")] == ["Hafen geschlossen"]
    assert [h.title for h in store.search("Zürich")] == ["Hafen geschlossen"]
    assert len(store.search("breakwater OR council")) == 2
    assert len(store.search("breakwater OR council", limit=1)) == 1


@pytest.mark.parametrize("query", ['"unanimous', "unanimous AND", "secretary: unanimous", "(vote"])
def test_bad_fts_syntax_is_retried_as_plain_terms(store: Store, query: str) -> None:
    store.put(make(STRIKE))
    hits = store.search(query)
    assert len(hits) == 1
    assert "[" in hits[0].snippet


def test_search_with_no_terms_is_empty(store: Store) -> None:
    store.put(make(STRIKE))
    assert store.search('"') == []
    assert store.search("nothingmatchesthis") == []


def test_get_by_prefix(store: Store) -> None:
    article = make(STRIKE)
    store.put(article)
    assert store.get(article.id[:6]) == article
    assert store.get_record(article.id[:4])["id"] == article.id
    assert store.get("zzzz") is None
    assert store.get_record("not-an-id") is None
    with pytest.raises(ChronistError, match="too short"):
        store.get(article.id[:3])


def test_ambiguous_prefix_is_an_error(store: Store) -> None:
    seen: dict[str, Article] = {}
    for n in itertools.count():
        article = make(f"{STRIKE}\n\nCorrection number {n}.")
        other = seen.setdefault(article.id[:4], article)
        if other is not article:
            break
    store.put(other)
    store.put(article)
    with pytest.raises(ChronistError, match="ambiguous"):
        store.get(article.id[:4])
    assert store.get(article.id) == article


def test_record_keeps_fields_added_by_later_stages(store: Store) -> None:
    @dataclass
    class Annotated(Article):
        stories: list[dict] = field(default_factory=list)

    article = Annotated(**vars(make(WATER)), stories=[{"text": "Odile Brant", "start": 0}])
    store.put(article)
    record = store.get_record(article.id)
    assert record["stories"] == [{"text": "Odile Brant", "start": 0}]
    assert record["schema_version"] == 1
    assert store.get(article.id) == make(WATER)


def test_iter_records_orders_by_date_undated_last(store: Store) -> None:
    undated = make(ZURICH, published=None, url="https://zh.example/1")
    late = make(WATER, published="2024-04-02", url="https://gazette.example/water")
    early = make(STRIKE, published="2023-11-30")
    for article in (undated, late, early):
        store.put(article)
    assert [r["id"] for r in store.iter_records()] == [early.id, late.id, undated.id]


def test_stats(store: Store) -> None:
    store.put(make(STRIKE, published="2023-11-30", input="feed.jsonl:1"))
    store.put(make(WATER, url="https://g.example/w", published="2024-04-02", input="feed.jsonl:2"))
    store.put(make(ZURICH, outlet=None, language="de", published=None, input="crawl.warc.gz#3"))
    store.put(make(STRIKE, outlet="Coast Daily", language=None, input="strike.txt"))
    stats = store.stats()
    assert stats.articles == 4
    assert stats.by_outlet == {"Vell Harbour Gazette": 2, "Coast Daily": 1, UNKNOWN: 1}
    assert stats.by_language == {"en": 2, "de": 1, UNKNOWN: 1}
    assert stats.by_year == {"2023": 1, "2024": 2}
    assert (stats.with_date, stats.without_date) == (3, 1)
    assert (stats.inputs, stats.input_files) == (4, 3)
    assert stats.duplicates == 1
    assert (stats.earliest, stats.latest) == ("2023-11-30", "2024-04-02")
    assert stats.to_dict()["by_year"] == {"2023": 1, "2024": 2}


def test_sqlite_store_persists_and_opens_by_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///data/chronicle.db") as store:
        store.put(make(STRIKE))
    with open_store(f"sqlite:///{tmp_path}/data/chronicle.db") as store:
        assert store.count() == 1
        mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_unreachable_postgresql_and_unknown_schemes_fail_in_one_line() -> None:
    with pytest.raises(ChronistError, match="cannot open the store") as info:
        open_store("postgresql://chronist:s3cret@127.0.0.1:1/news")
    assert "s3cret" not in str(info.value) and "***" in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(ChronistError, match="unknown store scheme 'mysql'") as info:
        open_store("mysql://root:pw@db.example/news")
    assert "pw@" not in str(info.value)
    with pytest.raises(ChronistError, match="needs a path"):
        open_store("sqlite://")


def test_postgresql_refuses_a_newer_schema(postgres_db: str) -> None:
    open_store(postgres_db).close()
    with open_store(postgres_db) as store:
        with store._transaction() as cur:
            cur.execute("INSERT INTO schema_version VALUES (99, '2099-01-01')")
    with pytest.raises(ChronistError, match="schema version 99"):
        open_store(postgres_db)


def test_refuses_newer_schema_and_foreign_files(tmp_path: Path) -> None:
    path = tmp_path / "chronicle.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, '2099-01-01')")
    conn.close()
    with pytest.raises(ChronistError, match="schema version 99"):
        open_store(path)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    with pytest.raises(ChronistError, match="not a chronist store"):
        open_store(other)
    (tmp_path / "junk.db").write_text("this is not a database, it is a shopping list " * 20)
    with pytest.raises(ChronistError, match="cannot open"):
        open_store(tmp_path / "junk.db")


def test_a_store_made_by_the_previous_release_upgrades_in_place(tmp_path: Path) -> None:
    # tests/data/store_v2.db: the project's ten example articles ingested by chronist at
    # schema version 2 (commit aefa85c), events kept only inside the JSON records
    import shutil

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "store_v2.db", path)
    with sqlite3.connect(path) as conn:
        before = sorted(conn.execute("SELECT id, record FROM articles").fetchall())
        old_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    assert old_events > 0
    with open_store(path) as store:
        assert store.fetch("SELECT max(version) FROM schema_version")[0][0] == SCHEMA_VERSION
        assert sorted(store.fetch("SELECT id, record FROM articles")) == before
        assert store.fetch("SELECT count(*) FROM events")[0][0] == old_events
        from chronist.query import Chronicle, EventQuery

        chronicle = Chronicle(store)
        consult = list(chronicle.events(EventQuery(type="CONSULT")))
        assert consult and all(e["type"] == "CONSULT" for _, e in consult)
        assert store.search("strike")  # the full-text index still answers
        records = {r["id"]: r for r in store.iter_records()}
        quotes = sum(len(r["quotes"]) for r in records.values())
        assert store.fetch("SELECT count(*) FROM quotes")[0][0] == quotes
        # new articles go in beside the old ones
        assert store.put(make(STRIKE)).status == "new"
    with open_store(path) as store:  # opening again changes nothing
        assert store.count() == len(before) + 1


def test_passwords_never_reach_a_message() -> None:
    from chronist.store import redact

    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    assert redact("postgresql://h/db?sslmode=require&password=abc&x=1") == (
        "postgresql://h/db?sslmode=require&password=***&x=1"
    )
    with pytest.raises(ChronistError) as info:
        open_store("postgresql://127.0.0.1:1/db?password=hunter2&connect_timeout=2")
    assert "hunter2" not in str(info.value)
