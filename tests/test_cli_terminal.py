"""What the commands print when the data holds Rich markup and terminal escape sequences (an
outlet called ``[/quote]`` stopped ``show``, ``search``, ``stats`` and ``events`` with
``MarkupError``; ``\\x1b[2J`` in a body cleared the screen), and what ``search`` does with a
query the full-text syntax rejects. The article is written for these tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronist.cli import app
from chronist.cli.safe import plain

runner = CliRunner()

ESC = "\x1b"
ARTICLE = {
    "title": f"Harbour [/quote] talks {ESC}[2J{ESC}]0;owned{ESC}\\ resume",
    "outlet": "[/quote] Gazette [bold]",
    "authors": [f"{ESC}]8;;https://evil.example{ESC}\\Ana Ruiz{ESC}]8;;{ESC}\\"],
    "date": "2024-05-02",
    "text": (
        f"Harbour [/quote] talks {ESC}[2J resume\n\n"
        "The Vell government accused the Harrow council [/quote] of blocking the ferry on "
        f"Monday. {ESC}[31mMayor Odile Brant said the council would not give in.{ESC}[0m\n\n"
        "Odile Brant met Jonas Eklund in Harrow on May 1, 2024, and the two sides agreed to "
        "reopen the pier [red]."
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("terminal")
    source = folder / "hostile.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    target = str(folder / "t.db")
    result = runner.invoke(app, ["ingest", str(source), "--db", target, "--no-classifier"])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def escaped_db(db: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A store holding a record whose text carries escape sequences, as a record stored by a
    plug-in or an older release may (extraction itself strips them)."""
    from chronist.query import Chronicle
    from chronist.store import open_store

    with Chronicle.open(db) as ch:
        (meta,) = ch.articles()
        record = ch.article(meta["id"])
    assert ESC not in json.dumps(record), "extraction let an escape sequence into the record"
    record = {**record, "id": "e5c0000000000001", "outlet": f"Evil {ESC}[2J Gazette",
              "title": f"Harbour {ESC}]0;owned{ESC}\\ talks",
              "body": record["body"].replace("Harrow", f"Harrow{ESC}[31m", 1)}  # fmt: skip
    target = str(tmp_path_factory.mktemp("escaped") / "e.db")
    store = open_store(target)
    store.put_record(record)
    store.close()
    return target, record["id"]


def _clean_output(result: object) -> str:
    output = result.output  # type: ignore[attr-defined]
    assert result.exception is None or isinstance(result.exception, SystemExit), (  # type: ignore[attr-defined]
        repr(result.exception)  # type: ignore[attr-defined]
    )
    assert ESC not in output, "a raw escape sequence reached the terminal"
    return output


def test_plain_shows_control_characters_and_keeps_the_text() -> None:
    assert plain(f"a{ESC}[2Jb\x00c\td\ne\x9b") == "a\u241b[2Jb\u2400c\td\ne\ufffd"
    assert plain("[/quote] ok") == "[/quote] ok"


def test_markup_and_escapes_in_data_print_as_text(db: str) -> None:
    from chronist.query import Chronicle

    with Chronicle.open(db) as ch:
        (article,) = ch.articles()
    for args in (
        ["show", article["id"], "--db", db],
        ["search", "Harbour", "--db", db],
        ["stats", "--db", db],
        ["events", "--db", db],
        ["quotes", "--db", db],
        ["actors", "--db", db],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output, repr(result.exception))
        output = _clean_output(result)
        if args[0] in ("show", "search", "stats"):
            assert "[/quote] Gazette [bold]" in output.replace("\n", " ") or "[/quote]" in output


def test_escape_sequences_in_stored_records_never_reach_the_terminal(
    escaped_db: tuple[str, str],
) -> None:
    db, article_id = escaped_db
    shown = _clean_output(runner.invoke(app, ["show", article_id, "--db", db]))
    assert "\u241b[2J" in shown and "\u241b[31m" in shown  # visible, harmless
    for args in (["search", "Harbour", "--db", db], ["stats", "--db", db], ["events", "--db", db]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        _clean_output(result)


def test_analyze_prints_hostile_text_as_text(tmp_path: Path) -> None:
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(source), "--no-classifier"])
    assert result.exit_code == 0, (result.output, repr(result.exception))
    assert "[/quote]" in _clean_output(result)


def test_search_refuses_a_query_the_syntax_rejects(db: str) -> None:
    for query in ("NOT Harbour", '"unbalanced', "[/quote]"):
        result = runner.invoke(app, ["search", query, "--db", db])
        assert result.exit_code == 2, (query, result.output)
        assert "not valid full-text syntax" in result.output
        _clean_output(result)
    found = runner.invoke(app, ["search", "Harbour NOT ferry", "--db", db])
    assert found.exit_code == 0 and "No article matches" in found.output


def test_the_events_table_stays_readable_at_80_columns() -> None:
    from rich.console import Console

    from chronist.cli.report import render_events

    event = {
        "date": "2016-12-09", "date_source": "publication", "type": "THREATEN",
        "mode": "ultimatum",
        "actors": [{"name": "Russian Ministry of Foreign Affairs officials", "country": "RUS"}],
        "recipients": [{"name": "United States Department of State", "country": "USA"}],
        "location": {"name": "Geneva"}, "modality": {"alleged": True, "future": True},
        "text": "They have repeatedly condemned America for failing to act and threatened more.",
        "start": 2726, "end": 2960,
    }  # fmt: skip
    console = Console(width=80, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    render_events(console, [({"id": "a1"}, event)])
    text = console.export_text()
    assert "2016-12-09" in text and "THREATEN" in text and "ultimatum" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    # no heading or short value is broken inside a word ("recipien / ts", "Gen / eva")
    for word in ("recipients", "evidence", "Geneva", "alleged", "Ministry", "[2726:2960]"):
        assert word in text, word
