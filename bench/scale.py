"""Scale-out on Dask: 1 and 2 workers measured here, 10 and 100 projected on paper.

Usage::

    python bench/scale.py [--articles N] [--json OUT]

Reads the PTC articles in place from ``<repo>/../shared/corpora/ptc/train-articles``. In one
run it measures:

1. ``chronist.cluster.run_dask`` on a ``LocalCluster`` of 1 and of 2 worker processes (one
   thread each), the first N files; wall time from submitting to the last result, the workers'
   start-up (model loading, timed apart on an empty run) left out, and articles/s.
2. The store's cost: the same analysed articles written to a fresh SQLite store by one client,
   one transaction per article (``Store.put``), in ms per article.

Then it projects, on paper, 10 and 100 workers: analysis throughput grows with the workers
times the measured per-worker rate times the 2-worker efficiency, and one client writes at
most 1000 / (store ms per article) articles/s; the store's share of the cost is the writer's
busy fraction. The projection assumes workers on their own cores (this machine has 2) and the
client on a core of its own; it says nothing about a network between them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from console import progress, table

HERE = Path(__file__).resolve().parent
PTC = HERE.parent.parent / "shared" / "corpora" / "ptc" / "train-articles"


def on_cluster(files: list[str], workers: int) -> tuple[float, list]:
    """Seconds to analyse ``files`` on a LocalCluster of ``workers`` processes (models loaded
    before the clock starts) and the articles."""
    from distributed import Client, LocalCluster

    from chronist.cluster import ChronistModels
    from chronist.model import Article
    from chronist.pipeline import _process_chunk, chunked
    from chronist.settings import Settings

    settings = Settings()
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            client.register_plugin(ChronistModels(settings), name=ChronistModels.name)
            # warm every worker on one small file so the clock sees analysis only
            warm = [client.submit(_process_chunk, (files[:1], settings, None), pure=False,
                                  workers=[w]) for w in client.nthreads()]  # fmt: skip
            client.gather(warm)
            start = time.perf_counter()
            chunks = chunked(files, settings.batch_size, workers)
            futures = [client.submit(_process_chunk, (c, settings, None), pure=False)
                       for c in chunks]  # fmt: skip
            items = [item for batch in client.gather(futures) for item in batch]
            seconds = time.perf_counter() - start
    return seconds, [item for item in items if isinstance(item, Article)]


def store_cost(articles: list) -> float:
    """Milliseconds per article for one client writing them to a fresh SQLite store."""
    from chronist.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "scale.db"))
        with store:
            start = time.perf_counter()
            for article in articles:
                store.put(article)
            seconds = time.perf_counter() - start
    return 1000 * seconds / max(1, len(articles))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--json", type=Path, default=None, metavar="OUT")
    args = ap.parse_args()
    if not PTC.is_dir():
        sys.exit(f"scale: {PTC} not found (read in place from ../shared)")
    files = [str(p) for p in sorted(PTC.glob("*.txt"))[: args.articles]]
    figures: dict[str, object] = {"articles": len(files)}
    rates = {}
    articles: list = []
    for workers in (1, 2):
        progress(f"LocalCluster, {workers} worker(s), {len(files)} articles")
        seconds, articles = on_cluster(files, workers)
        rates[workers] = len(articles) / seconds
        figures[f"workers_{workers}"] = {"seconds": seconds, "articles_per_s": rates[workers]}
    progress("store writes")
    ms = store_cost(articles)
    figures["store_ms_per_article"] = ms
    efficiency = rates[2] / (2 * rates[1])
    rows = [[f"{w} (measured)", f"{rates[w]:.2f}", f"{rates[w] / rates[1]:.2f}",
             f"{100 * rates[w] * ms / 1000:.1f}%"] for w in (1, 2)]  # fmt: skip
    writer = 1000 / ms
    for workers in (10, 100):
        analysed = rates[1] * workers * efficiency
        rate = min(analysed, writer)
        rows.append([f"{workers} (projected)", f"{rate:.1f}", f"{rate / rates[1]:.1f}",
                     f"{100 * rate * ms / 1000:.1f}%"])  # fmt: skip
        figures[f"projected_{workers}"] = {"articles_per_s": rate, "writer_share": rate * ms / 1000}
    print(f"Dask LocalCluster on this machine, {len(articles)} PTC articles; one client writes "
          f"SQLite at {ms:.1f} ms per article (at most {writer:,.0f} articles/s)")  # fmt: skip
    print(table(["workers", "articles/s", "x 1 worker", "writer busy"], rows))
    print(
        f"  2-worker efficiency {efficiency:.2f} (of a perfect 2x); the projection applies it "
        "to every added worker on its own core; a day at 100 workers: "
        f"{86400 * min(rates[1] * 100 * efficiency, writer):,.0f} articles"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
