"""Many writers: two ingests into one store at once, and searches while they run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from chronist.query import Chronicle
from chronist.store.sqlite import SCHEMA_VERSION

TOWNS = ["Vell", "Riverton", "Kessa", "Orlin", "Maddox", "Tarn", "Lusk", "Pellam"]


def _feed(path: Path, start: int, n: int) -> None:
    """A JSON Lines feed of ``n`` short harbour reports of our own, numbered from ``start``."""
    with path.open("w") as fh:
        for i in range(start, start + n):
            town = TOWNS[i % len(TOWNS)]
            body = (
                f"The harbour council of {town} met on Tuesday for the {i}th time this year to "
                f"discuss berth fees, and dockworkers in {town} said talks would go on.\n\n"
                f"Council clerk Mara Venn said report number {i} would be published on Friday."
            )
            record = {
                "title": f"{town} council meeting {i}",
                "text": body,
                "url": f"https://harbour.example/{i}",
                "outlet": "Harbour Wire",
                "published": f"2024-03-{1 + i % 28:02d}",
            }
            fh.write(json.dumps(record) + "\n")


def _ingest(db: str, feed: Path) -> subprocess.Popen:
    code = "from chronist.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "ingest", str(feed), "--db", db, "--no-language"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_ingests_and_a_search_at_once(store_url: str, tmp_path: Path) -> None:
    # two feeds that overlap by half: every article must land exactly once
    _feed(tmp_path / "a.jsonl", 0, 300)
    _feed(tmp_path / "b.jsonl", 150, 300)
    Chronicle.open(store_url).close()  # both processes find the schema made
    procs = [_ingest(store_url, tmp_path / f) for f in ("a.jsonl", "b.jsonl")]
    searches = 0
    with Chronicle.open(store_url) as chronicle:
        while any(p.poll() is None for p in procs):
            chronicle.search("dockworkers")
            chronicle.count_articles()
            searches += 1
            time.sleep(0.01)
        outputs = [p.communicate() for p in procs]
        for proc, (_, err) in zip(procs, outputs, strict=True):
            assert proc.returncode == 0, err
            assert "locked" not in err.lower() and "traceback" not in err.lower()
        assert chronicle.count_articles() == 450
        ids = [a["id"] for a in chronicle.articles(limit=None)]
        assert len(ids) == len(set(ids)) == 450
        assert len(chronicle.search("Mara", limit=1000)) == 450
    assert searches > 0
    summaries = [
        re.search(r"(\d+) new, (\d+) already stored", " ".join(e.split())) for _, e in outputs
    ]
    new = sum(int(m[1]) for m in summaries if m)
    stored = sum(int(m[2]) for m in summaries if m)
    assert (new, stored) == (450, 150)


def test_two_processes_opening_a_new_store_create_it_once(store_url: str) -> None:
    code = (
        "import sys; from chronist.store import open_store\n"
        "for _ in range(5): open_store(sys.argv[1]).close()\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, store_url], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate()
        assert proc.returncode == 0, err
    with Chronicle.open(store_url) as chronicle:
        rows = chronicle.store.fetch("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows][-1] == SCHEMA_VERSION
        assert chronicle.count_articles() == 0
