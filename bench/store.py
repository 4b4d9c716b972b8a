"""The article store benchmark (issue 15): ingest rate, query latency and export memory, on
SQLite and PostgreSQL.

What is measured, and why:

* **Ingest**: ``put_record`` (one transaction per article, with its normalised rows) for
  20,000 article records, in articles/s and events/s. The records are real chronist outputs
  (``examples/articles``, ``../shared/seeds`` and the ``../shared/realnews`` articles, analysed
  once and cached in ``bench/.cache/``, which git ignores) replicated under new ids: each copy
  gets a new id, a publication date and event dates shifted by a copy-dependent number of days
  (spreading them over about two years and many weeks) and one of twenty outlet names; bodies
  and offsets stay as they are. When the real records carry fewer than five events per article,
  events are copied within each record under new ids (``E3-r1``) so the corpus reaches about
  100,000 events, the size the issue asks for; the output says so.
* **Queries**: ten typical questions of the query layer (:class:`chronist.query.Chronicle`:
  full-text search, filtered search, events by type, country, actor and dyad, quotes by
  speaker, dyads per week, articles per day, actors by country, and a count by quad), each run
  ``--repeat`` times after two warm-ups, with p50/p95 latency and the rows returned. Target:
  p95 <= 50 ms on SQLite for every query; PostgreSQL's p95 within 2x of SQLite's.
* **Baseline, same run**: the previous release's way to list events, streaming every stored
  record's JSON and filtering in Python (``EventFilter`` + ``iter_events``), on the same event
  queries, on SQLite.
* **Export memory**: ``export_records(chronicle.records(), fmt, path)`` as JSONL and CSV, for
  the first 2,000 articles and for all of them, each in a fresh child process (so the figures
  are its own): peak Python allocation (tracemalloc) and the growth of peak RSS. Streaming
  means ten times the articles should not take anywhere near ten times the memory.

Usage::

    python bench/store.py                      # both backends, 20,000 articles (a few minutes)
    python bench/store.py --quick              # 2,000 articles, a smoke run
    python bench/store.py --backend sqlite     # SQLite only
    python bench/store.py --postgres URL       # an existing, empty PostgreSQL database
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console import progress, table  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CACHE_DIR = HERE / ".cache"
CACHE = CACHE_DIR / "store_records.json"

OUTLETS = tuple(
    f"{name}.example"
    for name in (
        "northgazette", "eastbridgepost", "borderlandherald", "lakeshoretimes", "islandsobserver",
        "coastlinechronicle", "continentalledger", "harbourline", "meridian", "riverton-daily",
        "capitalwire", "steppe-review", "baltic-monitor", "levant-dispatch", "atlantic-record",
        "pacific-courier", "alpine-journal", "delta-news", "highland-tribune", "union-bulletin",
    )
)  # fmt: skip
#: Undated real articles (the realnews set carries no date) start from this day.
UNDATED_BASE = date(2022, 6, 1)
SPREAD_DAYS = 730
EVENTS_PER_ARTICLE = 5.0
TARGET_P95_MS = 50.0
PG_FACTOR = 2.0
WARMUPS = 2
#: A PostgreSQL query under this p95 (ms) that misses the ratio is a round trip, not a plan.
SUB_MS = 1.0


# ----------------------------------------------------------------------------- corpus
def _inputs(work: Path) -> list[str]:
    """The real article inputs: the examples, the seeds, and the realnews articles rebuilt from
    the shared corpus into ``work`` (a temporary folder, never the project)."""
    paths = [str(ROOT / "examples" / "articles")]
    if (SHARED / "seeds").is_dir():
        paths.append(str(SHARED / "seeds"))
    builder = SHARED / "realnews" / "articles.py"
    if builder.is_file():
        spec = importlib.util.spec_from_file_location("realnews_articles", builder)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        gold = json.loads((SHARED / "realnews" / "gold.json").read_text(encoding="utf-8"))
        ids = [k.removeprefix("article").removesuffix(".txt") for k in gold if k[:7] == "article"]
        try:
            for name, text in module.rebuild(ids).items():
                (work / name).write_text(text, encoding="utf-8")
            paths.append(str(work))
        except (SystemExit, OSError) as exc:
            progress(f"realnews articles unavailable ({exc}); going on without them")
    return paths


def real_records(refresh: bool = False) -> list[dict[str, Any]]:
    """chronist's records of the real articles, analysed once and cached."""
    if CACHE.is_file() and not refresh:
        return json.loads(CACHE.read_text(encoding="utf-8"))["records"]
    from chronist.pipeline import run
    from chronist.settings import Settings

    with tempfile.TemporaryDirectory(prefix="chronist-bench-") as tmp:
        paths = _inputs(Path(tmp))
        progress(f"analysing the real articles under {len(paths)} inputs (once; cached)")
        records = [
            item.to_dict()
            for item in run(paths, Settings(classifier=False))
            if hasattr(item, "to_dict")
        ]
    for record in records:  # the temporary folder's name is no part of the record
        name = record.get("input") or ""
        if name.startswith(tmp):
            record["input"] = "realnews/" + Path(name).name
    CACHE_DIR.mkdir(exist_ok=True)
    (CACHE_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    CACHE.write_text(json.dumps({"records": records}, ensure_ascii=False), encoding="utf-8")
    return records


def shift_date(value: str | None, days: int) -> str | None:
    """An ISO date, month, year or range moved by ``days``, keeping its precision."""
    if not value:
        return value
    parts = []
    for part in value.split("/"):
        head, sep, tail = part.partition("T")
        try:
            if len(head) == 10:
                head = (date.fromisoformat(head) + timedelta(days=days)).isoformat()
            elif len(head) == 7:
                moved = date(int(head[:4]), int(head[5:7]), 15) + timedelta(days=days)
                head = moved.isoformat()[:7]
            elif len(head) == 4:
                head = str((date(int(head), 7, 1) + timedelta(days=days)).year)
        except ValueError:
            pass
        parts.append(head + sep + tail)
    return "/".join(parts)


@dataclass
class Corpus:
    """``articles`` records replicated from ``base``, generated lazily (20,000 records of
    ~55 kB each are not held in memory)."""

    base: list[dict[str, Any]]
    articles: int
    factor: float = 1.0
    events: int = 0
    plan: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        real = sum(len(r.get("events") or []) for r in self.base) / len(self.base)
        self.factor = max(1.0, EVENTS_PER_ARTICLE / real) if real else 1.0
        carry = 0.0
        for k in range(self.articles):
            n = len(self.base[k % len(self.base)].get("events") or [])
            want = n * self.factor + carry
            m = max(n, int(want))
            carry = want - m
            self.plan.append(m)
        self.events = sum(self.plan)

    def real_events_per_article(self) -> float:
        return sum(len(r.get("events") or []) for r in self.base) / len(self.base)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for k in range(self.articles):
            yield self.record(k)

    def record(self, k: int) -> dict[str, Any]:
        base = self.base[k % len(self.base)]
        copy = k // len(self.base)
        new_id = hashlib.sha256(f"{base['id']}:{copy}".encode()).hexdigest()[:16]
        shift = int(new_id[:8], 16) % SPREAD_DAYS
        published = base.get("published")
        if published:
            published = shift_date(published, shift)
        else:
            published = (UNDATED_BASE + timedelta(days=shift)).isoformat()
        originals = base.get("events") or []
        events = []
        for j in range(self.plan[k]):
            event = originals[j % len(originals)]
            eid = (
                event.get("id")
                if j < len(originals)
                else f"{event.get('id')}-r{j // len(originals)}"
            )
            events.append(dict(event, id=eid, date=shift_date(event.get("date"), shift)))
        outlet = OUTLETS[(k + copy) % len(OUTLETS)]
        return dict(base, id=new_id, published=published, outlet=outlet, events=events)


# ----------------------------------------------------------------------------- measuring
def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Timing:
    label: str
    rows: int
    p50: float
    p95: float
    sql: tuple[str, list[Any]] | None = None


def time_call(label: str, call: Callable[[], int], repeat: int, warmups: int = WARMUPS) -> Timing:
    """p50/p95 in ms of ``call`` (which returns the rows it consumed)."""
    rows = 0
    for _ in range(warmups):
        rows = call()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = call()
        samples.append((time.perf_counter() - t0) * 1000)
    return Timing(label, rows, statistics.median(samples), percentile(samples, 95))


class Recorder:
    """Remembers the last SQL a store ran, to explain a slow query's plan."""

    def __init__(self, store: Any) -> None:
        self.last: tuple[str, list[Any]] | None = None
        fetch, stream = store.fetch, store.stream

        def rec_fetch(sql: str, params: Any = ()) -> Any:
            self.last = (sql, list(params))
            return fetch(sql, params)

        def rec_stream(sql: str, params: Any = ()) -> Any:
            self.last = (sql, list(params))
            return stream(sql, params)

        store.fetch, store.stream = rec_fetch, rec_stream
        self.fetch = fetch


def queries(ch: Any) -> list[tuple[str, Callable[[], int]]]:
    """The ten typical queries (and a count), over names and countries the corpus holds."""
    from chronist.query import ArticleQuery, EventQuery, QuoteQuery

    def n(it: Any) -> int:
        return sum(1 for _ in it)

    outlet = OUTLETS[0]
    return [
        ("1 search 'talks' (20)", lambda: len(ch.search("talks", limit=20))),
        (
            f"2 search 'Aleppo', outlet {outlet.split('.')[0]}, 2016-12..2018-11",
            lambda: len(
                ch.search(
                    "Aleppo", ArticleQuery(outlet=outlet, since="2016-12", until="2018-11"), 50
                )
            ),
        ),
        (
            "3 events type CONSULT (first 100)",
            lambda: n(ch.events(EventQuery(type="CONSULT"), 100)),
        ),
        ("4 events country RUS (first 100)", lambda: n(ch.events(EventQuery(country="RUS"), 100))),
        ("5 events actor 'Lavrov' (all)", lambda: n(ch.events(EventQuery(actor="Lavrov")))),
        (
            "6 events dyad USA->RUS, 2017-01..2017-03",
            lambda: n(ch.events(EventQuery(dyad=("USA", "RUS"), since="2017-01", until="2017-03"))),
        ),
        (
            "7 quotes speaker 'Lavrov' (100)",
            lambda: n(ch.quotes(QuoteQuery(speaker="Lavrov"), 100)),
        ),
        ("8 dyads per week, country USA", lambda: len(ch.dyads_per_week(country="USA"))),
        (
            "9 articles per day, 2017-03",
            lambda: len(ch.articles_per_day(ArticleQuery(since="2017-03", until="2017-03"))),
        ),
        ("10 actors country RUS (50)", lambda: len(ch.actors(country="RUS", limit=50))),
        ("11 count events quad 4", lambda: ch.count_events(EventQuery(quad=4))),
    ]


def baseline_queries(store: Any) -> dict[str, Callable[[], int]]:
    """The previous release's way for queries 3-5: every record's JSON, filtered in Python."""
    from chronist.events.records import EventFilter, iter_events

    def scan(where: Any, limit: int | None) -> int:
        return sum(1 for _ in itertools.islice(iter_events(store.iter_records(), where), limit))

    return {
        "3": lambda: scan(EventFilter(type="CONSULT"), 100),
        "4": lambda: scan(EventFilter(country="RUS"), 100),
        "5": lambda: scan(EventFilter(actor="Lavrov"), None),
    }


def explain(store: Any, recorder: Recorder, sql: str, params: list[Any]) -> str:
    """The plan of one query: EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL."""
    if store.backend == "sqlite":
        rows = recorder.fetch("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(f"    {r[-1]}" for r in rows)
    rows = recorder.fetch("EXPLAIN ANALYZE " + sql, params)
    return "\n".join(f"    {r[0]}" for r in rows)


# ----------------------------------------------------------------------------- exports
def _rss_mb(field_name: str) -> float:
    """A field of /proc/self/status (VmRSS, VmHWM) in MB; 0 where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def export_child(target: str, fmt: str, limit: int, trace: bool) -> None:
    """In a fresh process: export the first ``limit`` articles (0: all) and print the figures
    as one JSON line: RSS before, peak RSS during the export (the peak is reset first, through
    /proc/self/clear_refs) and, with ``trace``, tracemalloc's peak (slower)."""
    from chronist.export import export_records
    from chronist.query import Chronicle

    ch = Chronicle.open(target)
    records = ch.records()
    if limit:
        records = itertools.islice(records, limit)
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    before = _rss_mb("VmRSS")
    with tempfile.TemporaryDirectory(prefix="chronist-export-") as tmp:
        out = Path(tmp) / f"out.{fmt}"
        if trace:
            tracemalloc.start()
        t0 = time.perf_counter()
        written = export_records(records, fmt, out)
        seconds = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        tracemalloc.stop()
        size = out.stat().st_size
    figures = {
        "written": written,
        "seconds": seconds,
        "rss_before_mb": before,
        "peak_rss_mb": _rss_mb("VmHWM"),
        "peak_py_mb": peak,
        "file_mb": size / 2**20,
    }
    ch.close()
    print(json.dumps(figures))


def export_figures(target: str, articles: int, trace: bool) -> list[list[Any]]:
    rows = []
    small = min(2000, articles)
    for fmt in ("jsonl", "csv"):
        for limit in (small, 0):
            progress(f"export {fmt}, {limit or articles} articles")
            command = [sys.executable, __file__, "--export-child", target, fmt, str(limit)]
            proc = subprocess.run(
                command + (["--tracemalloc"] if trace else []),
                capture_output=True,
                text=True,
                check=True,
            )
            f = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append(
                [
                    fmt,
                    f["written"],
                    f"{f['file_mb']:.0f}",
                    f"{f['seconds']:.1f}",
                    f"{f['written'] / f['seconds']:.0f}",
                    f"{f['rss_before_mb']:.0f}",
                    f"{f['peak_rss_mb']:.0f}",
                    "" if f["peak_py_mb"] is None else f"{f['peak_py_mb']:.0f}",
                ]
            )
    return rows


# ----------------------------------------------------------------------------- one backend
@dataclass
class Result:
    backend: str
    ingest_s: float = 0.0
    timings: list[Timing] = field(default_factory=list)
    baseline: dict[str, Timing] = field(default_factory=dict)
    exports: list[list[Any]] = field(default_factory=list)
    plans: dict[str, str] = field(default_factory=dict)
    sub_ms: list[str] = field(default_factory=list)
    recorder: Recorder | None = None
    store: Any = None


def bench_backend(
    name: str, target: str, corpus: Corpus, args: argparse.Namespace
) -> Result | None:
    from chronist.query import Chronicle
    from chronist.store import open_store

    store = open_store(target)
    if store.count():
        print(f"  {name}: the database already holds {store.count()} articles; give an empty one")
        store.close()
        return None
    res = Result(name)
    progress(f"{name}: ingesting {corpus.articles} articles")
    spent = 0.0
    kinds: dict[str, int] = {}
    for k, record in enumerate(corpus):
        t0 = time.perf_counter()
        put = store.put_record(record)
        spent += time.perf_counter() - t0
        kinds[put.status] = kinds.get(put.status, 0) + 1
        if (k + 1) % 5000 == 0:
            progress(f"{name}: {k + 1} articles, {spent:.0f} s")
    res.ingest_s = spent
    assert store.count() == corpus.articles, (store.count(), corpus.articles)
    stored_events = store.fetch("SELECT count(*) FROM events")[0][0]
    assert stored_events == corpus.events, (stored_events, corpus.events)
    print(
        f"  {name}: ingest {corpus.articles} articles in {spent:.1f} s = "
        f"{corpus.articles / spent:.0f} articles/s, {corpus.events / spent:.0f} events/s "
        f"({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))})"
    )
    if name == "postgresql":
        # what autovacuum does soon after a bulk insert: planner statistics, and the
        # visibility map that lets index-only scans skip the table
        store._conn.execute("VACUUM ANALYZE")
    ch = Chronicle(store)
    res.recorder = Recorder(store)
    res.store = store
    progress(f"{name}: queries, {args.repeat} runs each after {WARMUPS} warm-ups")
    for label, call in queries(ch):
        timing = time_call(label, call, args.repeat)
        timing.sql = res.recorder.last
        res.timings.append(timing)
    if name == "sqlite" and not args.no_baseline:
        progress(
            f"sqlite: baseline (records streamed, filtered in Python), {args.base_repeat} runs"
        )
        for key, call in baseline_queries(store).items():
            res.baseline[key] = time_call(key, call, args.base_repeat, warmups=1)
    if not args.no_export:
        res.exports = export_figures(target, corpus.articles, args.tracemalloc)
    return res


def report(res: Result, sqlite: Result | None) -> list[str]:
    """Print one backend's table; the labels of queries that miss their target."""
    headers = ["query", "rows", "p50 ms", "p95 ms"]
    if res.baseline:
        headers += ["baseline p50", "baseline p95", "speed-up p50"]
    if res.backend == "postgresql" and sqlite:
        headers += ["sqlite p95", "ratio"]
    headers += ["target", "ok"]
    rows, misses = [], []
    for i, t in enumerate(res.timings):
        row: list[Any] = [t.label, t.rows, f"{t.p50:.1f}", f"{t.p95:.1f}"]
        if res.baseline:
            b = res.baseline.get(t.label.split()[0])
            row += [f"{b.p50:.0f}", f"{b.p95:.0f}", f"{b.p50 / t.p50:.0f}x"] if b else ["", "", ""]
        if res.backend == "postgresql" and sqlite:
            ref = sqlite.timings[i]
            ratio = t.p95 / ref.p95
            row += [f"{ref.p95:.1f}", f"{ratio:.1f}x"]
            ok = ratio <= PG_FACTOR
            note = "" if ok or t.p95 >= SUB_MS else " (sub-ms)"
            row += [f"<= {PG_FACTOR:.0f}x sqlite", ("yes" if ok else "NO") + note]
        elif res.backend == "postgresql":
            ok = True
            row += ["(needs sqlite)", ""]
        else:
            ok = t.p95 <= TARGET_P95_MS
            row += [f"<= {TARGET_P95_MS:.0f} ms", "yes" if ok else "NO"]
        if not ok and t.p95 >= SUB_MS:
            misses.append(t.label)
        elif not ok:
            res.sub_ms.append(t.label)
        rows.append(row)
    print(table(headers, rows))
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000, help="articles to store")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    parser.add_argument("--base-repeat", type=int, default=3, help="timed runs per baseline")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres", metavar="URL", help="an existing, empty database")
    parser.add_argument("--quick", action="store_true", help="2,000 articles (a smoke run)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline")
    parser.add_argument("--no-export", action="store_true", help="skip the export figures")
    parser.add_argument("--refresh", action="store_true", help="re-analyse the real articles")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python's peak in exports (slower)"
    )
    parser.add_argument("--export-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_child:
        target, fmt, limit = args.export_child
        export_child(target, fmt, int(limit), args.tracemalloc)
        return
    if args.quick:
        args.articles = 2000
    started = time.perf_counter()

    base = real_records(args.refresh)
    corpus = Corpus(base, args.articles)
    print(f"chronist store benchmark (issue 15), {os.cpu_count()} CPUs")
    print(
        f"  corpus: {len(base)} real records ({corpus.real_events_per_article():.2f} events per "
        f"article) replicated to {corpus.articles} articles under new ids, dates shifted over "
        f"{SPREAD_DAYS} days, {len(OUTLETS)} outlets"
    )
    if corpus.factor > 1:
        print(
            f"  events replicated within records (x{corpus.factor:.2f}, new ids like E3-r1) to "
            f"reach {EVENTS_PER_ARTICLE:.0f} per article"
        )
    print(f"  events: {corpus.events}")

    results: dict[str, Result] = {}
    with tempfile.TemporaryDirectory(prefix="chronist-bench-") as tmp:
        if args.backend in ("sqlite", "both"):
            res = bench_backend("sqlite", str(Path(tmp) / "bench.db"), corpus, args)
            if res:
                results["sqlite"] = res
                _finish(results, "sqlite")
        if args.backend in ("postgresql", "both"):
            if args.postgres:
                res = bench_backend("postgresql", args.postgres, corpus, args)
                if res:
                    results["postgresql"] = res
            else:
                from chronist.store.pgcluster import ClusterUnavailable, throwaway_cluster

                try:
                    with throwaway_cluster() as url:
                        res = bench_backend("postgresql", url, corpus, args)
                        if res:
                            results["postgresql"] = res
                            _finish(results, "postgresql")
                except ClusterUnavailable as exc:
                    print(f"  postgresql: no throwaway cluster here ({exc}); SQLite only")
        _summary(results, corpus, args)
    print(f"\n  total: {time.perf_counter() - started:.0f} s")


def _finish(results: dict[str, Result], name: str) -> None:
    """Print a backend's tables and plans while its store is still open, then close it."""
    res = results.get(name)
    if res is None or res.store is None:
        return
    print(f"\n{name}: {len(res.timings)} queries, p50/p95 over the timed runs")
    misses = report(res, results.get("sqlite"))
    for t in res.timings:
        if t.label in misses and t.sql and res.recorder:
            res.plans[t.label] = explain(res.store, res.recorder, *t.sql)
    res.store.close()
    res.store = None
    if res.exports:
        print(f"\n{name}: export memory (each run in a fresh process)")
        print(
            table(
                [
                    "format",
                    "articles",
                    "file MB",
                    "s",
                    "articles/s",
                    "RSS before MB",
                    "peak RSS MB",
                    "tracemalloc peak MB",
                ],
                res.exports,
            )
        )


def _summary(results: dict[str, Result], corpus: Corpus, args: argparse.Namespace) -> None:
    if not results:
        return
    print("\nsummary")
    for name, res in results.items():
        misses = [label for label in res.plans]
        verdict = "all queries meet the target" if not misses else f"{len(misses)} miss"
        print(f"  {name}: {verdict}")
        if res.sub_ms:
            print(
                f"  {name}: over {PG_FACTOR:.0f}x SQLite but under {SUB_MS:.0f} ms (client/server"
                f" round trip against an in-process library): {'; '.join(res.sub_ms)}"
            )
        for label, plan in res.plans.items():
            print(f"  plan of '{label}' on {name}:\n{plan}")


if __name__ == "__main__":
    main()
