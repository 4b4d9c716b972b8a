"""Inputs and options a user gets wrong, from the reliability reading of issue 18: JSON Lines
fields of the wrong type, relative dates, unsafe URLs, filters that are no filters, and an
export aimed at a folder or at the store itself. The articles are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronist.cli import app
from chronist.query import Chronicle

runner = CliRunner()
TEXT = (
    "Harbour talks resume\n\n"
    "The Vell government accused the Harrow council of blocking the ferry on Monday. Mayor "
    "Odile Brant said the council would not give in.\n\n"
    "Odile Brant met Jonas Eklund in Harrow on May 1, 2024, and the two sides agreed to reopen "
    "the pier."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("faults")
    lines = [
        {"text": TEXT, "authors": 5, "date": "yesterday", "title": {}, "outlet": ["x"],
         "url": "javascript:alert(1)"},
        {"text": TEXT.replace("Harrow", "Tessaly"), "date": True, "url": "file:///etc/passwd",
         "tags": {"a": 1}},
        {"text": TEXT.replace("Harrow", "Ostrel"), "date": 1714608000,
         "url": "https://news.example/ostrel", "authors": ["Ana Ruiz", 7]},
    ]  # fmt: skip
    source = folder / "odd.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    target = str(folder / "f.db")
    result = runner.invoke(app, ["ingest", str(source), "--db", target, "--no-classifier"])
    assert result.exit_code == 0, result.output
    return target


def test_fields_of_the_wrong_type_lose_the_field_not_the_article(db: str) -> None:
    with Chronicle.open(db) as ch:
        records = [ch.article(a["id"]) for a in ch.articles(limit=None)]
    assert len(records) == 3
    by_place = {next(w for w in ("Harrow", "Tessaly", "Ostrel") if w in r["body"]): r
                for r in records}  # fmt: skip
    harrow, tessaly, ostrel = by_place["Harrow"], by_place["Tessaly"], by_place["Ostrel"]
    # a relative date is no publication date; an object is no title; 5 is no author
    assert harrow["published"] is None and harrow["title"] == "Harbour talks resume"
    assert harrow["authors"] == [] and harrow["url"] is None and harrow["outlet"] != "['x']"
    # true is no 1970-01-01; a file: URL is no address
    assert tessaly["published"] is None and tessaly["url"] is None
    assert ostrel["published"] == "2024-05-02" and ostrel["url"] == "https://news.example/ostrel"
    assert ostrel["authors"] == ["Ana Ruiz"] and ostrel["outlet"] == "news.example"


def test_filters_that_are_no_filters_are_usage_errors(db: str) -> None:
    for args, words in [
        (["events", "--type", "BOGUS"], "unknown event type"),
        (["events", "--since", "yesterday"], "is no date"),
        (["events", "--since", "2019-13-45"], "is no date"),
        (["search", "Harbour", "--until", "2016-02-30"], "is no date"),
        (["quotes", "--since", "last week"], "is no date"),
        (["export", "--format", "jsonl", "--since", "soon"], "is no date"),
    ]:
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output and "Traceback" not in result.output
    assert runner.invoke(app, ["events", "--since", "2024-05", "--db", db]).exit_code == 0


def test_export_never_overwrites_the_store_or_a_folder(db: str, tmp_path: Path) -> None:
    before = Path(db).read_bytes()
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", db, "--out", db])
    assert result.exit_code == 2 and "refusing to overwrite" in result.output
    assert Path(db).read_bytes() == before
    result = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--out", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output
    out = tmp_path / "all.jsonl"
    assert (
        runner.invoke(app, ["export", "-f", "jsonl", "--db", db, "--out", str(out)]).exit_code == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("chronist ")


def test_a_second_ingest_analyses_only_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chronist.pipeline as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    target = str(tmp_path / "s.db")
    first = runner.invoke(app, ["ingest", str(folder), "--db", target, "--no-classifier"])
    assert first.exit_code == 0 and "1 new" in first.output
    (folder / "b.txt").write_text(TEXT.replace("Harrow", "Ostrel"), encoding="utf-8")
    analysed: list[str] = []
    real = pipeline._safe_stages

    def counting(articles: list, settings: object) -> list:
        analysed.extend(a.input for a in articles)
        return real(articles, settings)

    monkeypatch.setattr(pipeline, "_safe_stages", counting)
    second = runner.invoke(app, ["ingest", str(folder), "--db", target, "--no-classifier"])
    assert second.exit_code == 0, second.output
    assert "1 new, 1 already stored" in second.output
    assert [Path(x).name for x in analysed] == ["b.txt"]  # a.txt was not analysed again


def test_a_web_archive_capture_keeps_the_archived_outlet() -> None:
    from chronist.extract.metadata import domain_of

    capture = "https://web.archive.org/web/20161209123456/https://www.rt.com/news/aleppo/"
    assert domain_of(capture) == "rt.com"
    assert domain_of("http://archive.org/web/20161209id_/http://sputniknews.com/a") == (
        "sputniknews.com"
    )
    assert domain_of("https://archive.org/details/some-book") == "archive.org"


def test_stats_lists_years_in_order(tmp_path: Path) -> None:
    dates = ["2024-05-02", "2024-06-01", "2024-07-01", "2017-05-01", "2022-01-09", "2022-02-09"]
    source = tmp_path / "years.jsonl"
    source.write_text(
        "".join(
            json.dumps({"text": TEXT.replace("Harrow", f"Harrow {i}"), "date": d}) + "\n"
            for i, d in enumerate(dates)
        ),  # fmt: skip
        encoding="utf-8",
    )
    target = str(tmp_path / "y.db")
    assert (
        runner.invoke(app, ["ingest", str(source), "--db", target, "--no-language"]).exit_code == 0
    )
    result = runner.invoke(app, ["stats", "--db", target])
    assert result.exit_code == 0
    years = [line.split("│")[1].strip() for line in result.output.splitlines()
             if line.count("│") >= 3 and line.split("│")[1].strip().isdigit()]  # fmt: skip
    assert years == ["2017", "2022", "2024"]  # not by count (2024 has the most)


def test_a_failing_store_step_is_one_line_and_the_articles_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chronist.cli as cli

    def broken(store: object, settings: object, names: object = None) -> dict:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(cli, "run_store_steps", broken)
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    target = str(tmp_path / "s.db")
    result = runner.invoke(app, ["ingest", str(source), "--db", target, "--no-language"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "a store step failed (RuntimeError: database is locked)" in result.output
    with Chronicle.open(target) as ch:
        assert ch.count_articles() == 1
