"""`chronist ingest --dask`: a local Dask cluster stores the same records as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronist.cli import app

from .conftest import EXAMPLES, SEEDS

pytest.importorskip("distributed")
runner = CliRunner()


def _export(db: Path) -> list[dict]:
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return sorted(records, key=lambda r: r["id"])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, the seeds where ../shared has them, and one input that is no article."""
    folder = tmp_path_factory.mktemp("inputs")
    for path in EXAMPLES.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    if SEEDS.is_dir():
        for path in SEEDS.iterdir():
            shutil.copy(path, folder / f"seed-{path.name}")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def test_dask_ingest_stores_what_one_process_stores(inputs: Path, tmp_path: Path) -> None:
    one, dask = tmp_path / "one.db", tmp_path / "dask.db"
    single = runner.invoke(app, ["ingest", str(inputs), "--db", str(one)])
    cluster = runner.invoke(app, ["ingest", str(inputs), "--db", str(dask), "--dask"])
    # the broken input fails in both, named on one line, and nothing else does
    assert single.exit_code == cluster.exit_code == 1, cluster.output
    for result in (single, cluster):
        failures = [line for line in result.stderr.splitlines() if "broken.html" in line]
        assert len(failures) == 1 and "Traceback" not in result.stderr
    records = _export(dask)
    assert len(records) >= 10
    assert records == _export(one)
    assert any(record["events"] for record in records)

    # re-running is idempotent: everything is found stored, nothing analysed or added
    again = runner.invoke(app, ["ingest", str(inputs), "--db", str(dask), "--dask"])
    assert "0 new" in again.stderr and f"{len(records)} already stored" in again.stderr
    assert _export(dask) == records


def test_dask_errors_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    story = EXAMPLES / "harbour-strike.txt"
    result = runner.invoke(
        app, ["ingest", str(story), "--db", db, "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert "no Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
    result = runner.invoke(app, ["ingest", "-", "--db", db, "--dask"], input="Some text.\n")
    assert result.exit_code == 2 and "standard input" in result.stderr
