"""The fast sample of issue 18's fault benchmark (``bench/faults.py``): the generated corpus of
malformed inputs (``bench/faultcorpus.py``) at about two inputs per kind and four good
articles, through one ``chronist ingest`` into SQLite. No traceback; every input expected as
an article stored once and named in no error line; every input expected as an error named in
exactly one error line and not stored; nothing stored twice. The articles are generated."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronist.cli import app
from chronist.query import Chronicle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from faultcorpus import Input, build, error_names  # noqa: E402


class Run:
    def __init__(self, inputs: list[Input], output: str, exit_code: int, db: str) -> None:
        self.inputs, self.output, self.exit_code = inputs, output, exit_code
        with Chronicle.open(db) as ch:
            rows = ch.store.fetch("SELECT input, record FROM articles", [])
        self.stored = Counter(name for name, _ in rows)
        self.bodies = [json.loads(record).get("body") or "" for _, record in rows]
        self.named, self.loose = error_names(output, inputs)

    def wrong(self, kinds: set[str] | None = None, skip: set[str] = frozenset()) -> list[str]:
        out = []
        for i in self.inputs:
            if i.kind in skip or (kinds is not None and i.kind not in kinds):
                continue
            got = (self.stored[i.name], self.named[i.name])
            want = {"article": [(1, 0)], "error": [(0, 1)], "either": [(1, 0), (0, 1)]}
            if got not in want[i.expect]:
                out.append(f"{i.kind}: {i.name!r} expected {i.expect}, stored/named {got}")
        return out


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("fault-corpus")
    inputs = build(root / "corpus", n_inputs=50, n_good=4)
    folders = sorted(str(p) for p in (root / "corpus").iterdir() if p.is_dir())
    db = str(root / "faults.db")
    args = ["ingest", *folders, "--db", db, "--max-size", "1", "--no-classifier"]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return Run(inputs, result.output, result.exit_code, db)


def test_the_sample_covers_every_kind(run: Run) -> None:
    kinds = Counter(i.kind for i in run.inputs)
    assert len(kinds) >= 24 and all(n >= 2 for n in kinds.values()), kinds
    assert sum(i.expect == "error" for i in run.inputs) >= 30


def test_no_traceback_and_failed_inputs_say_so_in_the_exit_code(run: Run) -> None:
    assert "Traceback" not in run.output
    assert run.exit_code == 1  # some inputs failed: 1, not 0 and not a crash


def test_every_input_is_stored_once_or_named_in_one_error_line(run: Run) -> None:
    assert run.wrong() == []
    assert [n for n, c in run.stored.items() if c > 1] == []
    assert run.loose == []
    assert all(body.strip() for body in run.bodies)


def test_a_page_of_links_is_no_article_and_an_odd_warc_record_no_crash(run: Run) -> None:
    # a page of scripts and navigation links was stored with its link texts as the body (and
    # every other such page skipped as "already stored"); a WARC response record with no HTTP
    # status line raised in warcio and stopped the run, every input after it unread
    assert run.wrong(kinds={"html_noprose", "warc_not_http", "warc_random"}) == []
    pages = [i for i in run.inputs if i.kind == "html_noprose"]
    assert pages and all(run.named[i.name] == 1 for i in pages)
