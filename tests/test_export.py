"""Exports: jsonl/csv/parquet round trips, streams vs paths, and no half-written files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from chronist.errors import ChronistError
from chronist.export import FLAT_COLUMNS, WRITERS, export_records
from chronist.model import Article, Evidence, article_id
from chronist.store import open_store

BODIES = [
    (
        "Harbour Pilots Vote to Extend Strike",
        "The pilots' union in the port of Vell voted on Tuesday to extend its strike by a week, "
        "leaving 14 container ships waiting outside the breakwater.\n\n"
        'Union secretary Ilse Marran said the vote was "unanimous", and that talks would resume.',
    ),
    (
        "Hafen von Zürich geschlossen",
        "Der Hafen von Zürich blieb am Mittwoch wegen Sturmwarnung geschlossen.\n\n"
        "Die Fähren nach Rapperswil fahren ab Donnerstag wieder.\n\n"
        "Городской совет утвердил бюджет; the ferry operator, Lacus AG, declined to comment.",
    ),
]


def make_record(n: int, title: str, body: str) -> dict:
    url = f"https://news.example/{n}"
    article = Article(
        id=article_id(body, "News Example", url),
        input=f"feed.jsonl:{n}",
        format="text",
        body=body,
        title=title,
        authors=["Ilse Marran", "Tom Vey"] if n % 2 else [],
        outlet="News Example",
        url=url,
        published=f"2024-03-{n % 28 + 1:02d}" if n % 3 else None,
        language="en",
        captions=["Ships wait outside the breakwater.", "The union hall, Tuesday."],
        tags=["strike", "ports"],
        metadata_evidence={"title": Evidence("title-line", title)},
    )
    record = article.to_dict()
    record["entities"] = [{"text": "Vell", "label": "GPE", "start": 30, "end": 34}]
    return record


@pytest.fixture
def records() -> list[dict]:
    return [make_record(n, *BODIES[n % 2]) for n in range(1, 5)]


def test_registry_and_unknown_format(records: list[dict]) -> None:
    assert set(WRITERS) == {"jsonl", "csv", "parquet", "plover"}
    with pytest.raises(ChronistError, match="unknown export format 'xml'"):
        export_records(records, "xml", io.StringIO())


def test_jsonl_round_trip_to_path(tmp_path: Path, records: list[dict]) -> None:
    out = tmp_path / "out" / "articles.jsonl"
    assert export_records(iter(records), "jsonl", out) == len(records)
    text = out.read_text(encoding="utf-8")
    assert "Zürich" in text and "Городской" in text
    assert [json.loads(line) for line in text.splitlines()] == records
    assert not list(out.parent.glob("*.part"))


def test_jsonl_to_text_and_binary_streams(records: list[dict]) -> None:
    text, raw = io.StringIO(), io.BytesIO()
    export_records(records, "jsonl", text)
    export_records(records, "jsonl", raw)
    assert not raw.closed
    assert raw.getvalue().decode("utf-8") == text.getvalue()
    assert [json.loads(line) for line in text.getvalue().splitlines()] == records


def test_jsonl_to_stdout(records: list[dict], capsys: pytest.CaptureFixture[str]) -> None:
    export_records(records[:1], "jsonl", None)
    assert json.loads(capsys.readouterr().out) == records[0]


def test_csv_header_and_rows(tmp_path: Path, records: list[dict]) -> None:
    out = tmp_path / "articles.csv"
    assert export_records(records, "csv", out) == len(records)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert len(rows) == len(records) + 1
    parsed = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    for row, record in zip(parsed, records, strict=True):
        assert row["id"] == record["id"]
        assert row["body"] == record["body"]
        assert row["authors"] == "; ".join(record["authors"])
        assert row["tags"] == "strike; ports"
        assert row["captions"] == "Ships wait outside the breakwater. | The union hall, Tuesday."
        assert row["published"] == (record["published"] or "")
        assert row["n_paragraphs"] == str(record["body"].count("\n\n") + 1)


def test_parquet_round_trip(tmp_path: Path) -> None:
    records = [make_record(n, *BODIES[n % 2]) for n in range(2500)]  # several 1,000-row batches
    out = tmp_path / "articles.parquet"
    assert export_records(records, "parquet", out) == 2500
    table = pq.read_table(out)
    assert table.column_names == [*FLAT_COLUMNS, "record"]
    assert table.num_rows == 2500
    rows = table.to_pylist()
    for row, record in zip(rows, records, strict=True):
        assert json.loads(row["record"]) == record
        for name in ("id", "input", "format", "title", "outlet", "url", "published", "body"):
            assert row[name] == record[name]
        assert row["authors"] == record["authors"]
        assert row["captions"] == record["captions"]
        assert row["n_paragraphs"] == record["body"].count("\n\n") + 1


def test_parquet_of_nothing_is_a_valid_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert export_records([], "parquet", out) == 0
    assert pq.read_table(out).num_rows == 0


@pytest.mark.parametrize("out", [None, io.BytesIO()])
def test_parquet_needs_a_path(out: io.BytesIO | None, records: list[dict]) -> None:
    with pytest.raises(ChronistError, match="file path"):
        export_records(records, "parquet", out)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_failed_export_leaves_no_file(tmp_path: Path, records: list[dict], fmt: str) -> None:
    def broken() -> Iterator[dict]:
        yield records[0]
        raise RuntimeError("store went away")

    out = tmp_path / f"articles.{fmt}"
    with pytest.raises(RuntimeError, match="went away"):
        export_records(broken(), fmt, out)
    assert list(tmp_path.iterdir()) == []


def test_export_from_store(tmp_path: Path, records: list[dict]) -> None:
    with open_store(tmp_path / "chronicle.db") as store:
        for record in records:
            store.put(Article.from_dict(record))
        export_records(store.iter_records(), "jsonl", tmp_path / "all.jsonl")
        expected = list(store.iter_records())
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == expected
    assert {r["id"] for r in expected} == {r["id"] for r in records}
