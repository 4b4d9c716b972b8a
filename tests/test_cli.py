"""The command line as a user drives it: analyze, ingest, search, show, export, stats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from chronist.cli import app

from .conftest import EXAMPLES

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "src/chronist/schema/article.schema.json").read_text()
)
STORY = (
    "Harbour Pilots Vote to Extend Strike\n\n"
    "The pilots' union in the port of Vell voted on Tuesday to extend its strike by a week, "
    "leaving 14 container ships waiting outside the breakwater.\n\n"
    "Union secretary Ilse Marran said the vote was unanimous and that talks with the port "
    "authority would resume on Friday.\n\n"
    "Share this article\n"
)
runner = CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_analyze_jsonl_matches_schema_on_examples():
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert len(records) >= 8
    for record in records:
        jsonschema.validate(record, SCHEMA)
    inputs = {r["input"].rsplit("/", 1)[-1] for r in records}
    assert {"feed.jsonl:1", "crawl.warc.gz#1"} <= inputs


def test_analyze_jsonl_matches_schema_on_seeds(seeds_dir):
    result = runner.invoke(app, ["analyze", str(seeds_dir), "--format", "jsonl"])
    assert result.exit_code == 0
    records = _jsonl(result.stdout)
    assert len(records) == 2
    for record in records:
        jsonschema.validate(record, SCHEMA)


def test_analyze_report_is_readable(tmp_path):
    (tmp_path / "story.txt").write_text(STORY)
    result = runner.invoke(app, ["analyze", str(tmp_path / "story.txt")])
    assert result.exit_code == 0
    assert "Harbour Pilots Vote to Extend Strike" in result.stdout
    assert "Ilse Marran" in result.stdout
    assert "Share this article" not in result.stdout


def test_stdin_input():
    result = runner.invoke(app, ["analyze", "-", "--format", "jsonl"], input=STORY)
    assert result.exit_code == 0
    (record,) = _jsonl(result.stdout)
    assert record["input"] == "<stdin>"
    assert record["title"] == "Harbour Pilots Vote to Extend Strike"


def test_exit_codes_and_one_line_errors(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(_jsonl(result.stdout)) == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"error: {tmp_path / 'empty.txt'}: empty file"]
    usage = runner.invoke(app, ["analyze", str(tmp_path), "--format", "yaml"])
    assert usage.exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_ingest_is_idempotent_and_reports_duplicates(tmp_path):
    db = tmp_path / "c.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY)
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps({"text": STORY, "url": "https://vell.example/2024/03/05/pilots"}) + "\n"
    )
    (tmp_path / "in" / "broken.jsonl").write_text("{oops\n")
    first = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert first.exit_code == 1  # the broken line
    assert "broken.jsonl:1: invalid JSON" in first.stderr
    assert "duplicate:" in first.stderr  # same body, different URL
    assert "1 new, 0 already stored, 1 exact duplicates" in first.stderr
    second = runner.invoke(app, ["ingest", str(tmp_path / "in" / "a.txt"), "--db", str(db)])
    assert second.exit_code == 0
    assert "0 new, 1 already stored" in second.stderr
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert stats.exit_code == 0 and "vell.example" in stats.stdout


@pytest.fixture()
def store_with_examples(tmp_path):
    db = tmp_path / "ex.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db


def test_search_show_export(store_with_examples, tmp_path):
    db = str(store_with_examples)
    records = _jsonl(runner.invoke(app, ["export", "--format", "jsonl", "--db", db]).stdout)
    assert len(records) >= 8
    word = records[0]["body"].split()[5].strip(".,;:\"'“”«»")
    hits = runner.invoke(app, ["search", word, "--db", db])
    assert hits.exit_code == 0 and records[0]["id"] in hits.stdout
    shown = runner.invoke(app, ["show", records[0]["id"][:8], "--db", db, "--format", "jsonl"])
    assert _jsonl(shown.stdout)[0]["id"] == records[0]["id"]
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", db])
    assert missing.exit_code == 1
    csv_out = tmp_path / "out.csv"
    assert (
        runner.invoke(app, ["export", "-f", "csv", "-o", str(csv_out), "--db", db]).exit_code == 0
    )
    assert csv_out.read_text().splitlines()[0].startswith("id,")
    pq = tmp_path / "out.parquet"
    assert runner.invoke(app, ["export", "-f", "parquet", "-o", str(pq), "--db", db]).exit_code == 0
    import pyarrow.parquet as papq

    assert papq.read_table(pq).num_rows == len(records)


def test_commands_on_a_missing_store_say_so(tmp_path):
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store" in result.stderr


def test_workers_give_the_same_results_as_one_process():
    one = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "jsonl"])
    two = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert _jsonl(one.stdout) == _jsonl(two.stdout)
    assert any(record["actors"] for record in _jsonl(one.stdout))


def test_no_language_skips_the_stage():
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "jsonl", "--no-language"])
    assert result.exit_code == 0
    records = _jsonl(result.stdout)
    assert records and all(r["actors"] == [] and r["sentences"] == [] for r in records)


def test_user_knowledge_base_file_changes_the_coding(tmp_path):
    story = (
        "Delegates Meet in Vell\n\n"
        "Harbour commissioner Odile Brant met union leaders in Vell on Tuesday to discuss the "
        "strike, and Odile Brant said the port would reopen next week.\n"
    )
    (tmp_path / "story.txt").write_text(story)
    kb = tmp_path / "kb.csv"
    kb.write_text("type,name,aliases,country,sector\nperson,Odile Brant,,FRA,GOV\n")
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "story.txt"), "--format", "jsonl", "--kb", str(kb)]
    )
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    brant = next(a for a in record["actors"] if a["name"] == "Odile Brant")
    assert (brant["country"], brant["sector"]) == ("FRA", "GOV")
    assert brant["kb_id"]


@pytest.fixture
def filled_store(store_url, analysed_records):
    """A store on each backend holding the analysed examples and seeds."""
    from chronist.store import open_store

    with open_store(store_url) as store:
        for record in analysed_records:
            store.put_record(record)
    return store_url


def test_query_commands_on_both_backends(filled_store, analysed_records, tmp_path):
    db = filled_store
    people = [
        p for r in analysed_records for e in r["events"] for p in e["actors"] + e["recipients"]
    ]
    country = max({p["country"] for p in people if p["country"]}, key=str)
    events = _jsonl(
        runner.invoke(app, ["events", "--db", db, "--country", country, "-f", "jsonl"]).stdout
    )
    assert events and all(
        any(p["country"] == country for p in e["actors"] + e["recipients"]) for e in events
    )
    bad = runner.invoke(app, ["events", "--db", db, "--dyad", "USA"])
    assert bad.exit_code == 2 and "two countries" in bad.output
    bad = runner.invoke(app, ["events", "--db", db, "--modality", "perhaps"])
    assert bad.exit_code == 2 and "unknown modality" in bad.output
    speaker = next(q["speaker"] for r in analysed_records for q in r["quotes"] if q["speaker"])
    quotes = _jsonl(
        runner.invoke(app, ["quotes", "--db", db, "--speaker", speaker, "-f", "jsonl"]).stdout
    )
    assert quotes and all(speaker.lower() in q["speaker"].lower() for q in quotes)
    out = tmp_path / "dyads.csv"
    result = runner.invoke(app, ["dyads", "--db", db, "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    header = out.read_text().splitlines()[0]
    assert header == "week,source,target,events,quad1,quad2,quad3,quad4,score"
    actors = runner.invoke(app, ["actors", "--db", db, "--limit", "5"])
    assert actors.exit_code == 0 and "articles" in actors.stdout
    per_day = _jsonl(runner.invoke(app, ["stats", "--db", db, "--per-day", "-f", "jsonl"]).stdout)
    assert sum(r["articles"] for r in per_day) == sum(1 for r in analysed_records if r["published"])
    outlet = next(r["outlet"] for r in analysed_records if r["outlet"])
    exported = _jsonl(
        runner.invoke(app, ["export", "-f", "jsonl", "--db", db, "--outlet", outlet]).stdout
    )
    assert exported and all(r["outlet"] == outlet for r in exported)


def test_ingest_into_postgresql_by_url(postgres_db, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Harbour Talks\n\nThe harbour council of Vell met on Tuesday.\n"
    )
    args = ["ingest", str(tmp_path / "a.txt"), "--db", postgres_db, "--no-language"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 0
    assert "1 new" in first.output and "1 already stored" in second.output
    hits = runner.invoke(app, ["search", "harbour", "--db", postgres_db])
    assert "Harbour Talks" in hits.stdout


def test_store_urls_that_cannot_work_fail_in_one_line(tmp_path):
    result = runner.invoke(app, ["stats", "--db", "postgresql://u:secret@127.0.0.1:1/x"])
    assert result.exit_code == 2 and "secret" not in result.output
    assert result.output.count("\n") == 1 and "cannot open the store" in result.output
    result = runner.invoke(app, ["search", "x", "--db", "mysql://h/db"])
    assert result.exit_code == 2 and "unknown store scheme" in result.output
    (tmp_path / "a.txt").write_text("Harbour Talks\n\nThe harbour council of Vell met.\n")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--db", "oracle://h/db", "--no-language"]
    )
    assert result.exit_code == 2 and "unknown store scheme" in result.output
    assert not list(tmp_path.glob("oracle*"))
