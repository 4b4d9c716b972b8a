"""The fault benchmark of issue 18: a generated corpus of malformed inputs through
``chronist ingest``, on SQLite and PostgreSQL, with a ``kill -9`` in the middle.

What is checked, and how:

* **Corpus** (``faultcorpus.py``): ``--inputs`` malformed inputs (default 10,000) of 26
  kinds (empty, binary, broken gzip and WARC, JSON Lines with broken lines, fields of the wrong
  type or 2,000-deep nesting, bad encodings, a stray NUL, 20,000 ``!``, files over the size
  limit, file names with Rich markup, escapes or invalid UTF-8, FIFOs, dangling and looping
  symlinks) and ``--good`` plain articles, all written by the generator. Each input says what a
  user expects: an ``error`` line on stderr naming it and nothing stored, an ``article`` stored
  once with no error line, or ``either``.
* **Limits, per kind** (SQLite): one ``chronist ingest KIND_FOLDER`` process per kind into a
  fresh store; ``os.wait4`` gives its wall time and peak RSS. The start-up time (a run on an
  empty folder) is subtracted to give ms per input. Checks: at most ``--per-input`` seconds per
  input on average within a kind, each kind's process under a hard cap (start-up + 5 s per
  input + 120 s; it is killed past it), peak RSS <= 1.5 GB.
* **kill -9 and re-run, per backend**: ``chronist ingest <every kind folder> --max-size 1``
  into a fresh store, killed with SIGKILL once half the expected articles are stored, then
  the same command run to completion. Checks: no ``Traceback`` on any stderr; the completing
  run exits 0 or 1 (1: some inputs failed); every ``article`` input stored exactly once (stored
  records are matched to inputs by their ``input`` field); no input stored twice; every
  ``error`` input named in exactly one ``error:`` line of the completing run and not stored;
  every ``either`` input exactly one of the two; no ``error:`` line that names no input;
  nothing half-written (every stored article has its body, and as many rows in ``events`` and
  ``quotes`` as its record holds).

The analysis runs with ``--no-classifier`` unless ``--classifier`` is given: on two cores the
event classifier costs about 1.2 s per article, which turns the ~1,400 articles of a full run
into half an hour per run (three runs per backend); the checks here are about inputs, not
about events. The PostgreSQL store is a throwaway cluster
(``chronist.store.pgcluster.throwaway_cluster``); without one the bench says why and goes on
with SQLite.

Usage::

    python bench/faults.py                       # 10,000 inputs, both backends (~9 min)
    python bench/faults.py --inputs 1000 --good 20 --backend sqlite   # a smoke run
    python bench/faults.py --keep DIR            # keep the corpus, stores and stderr logs
    python bench/faults.py --classifier          # the default analysis, event classifier on
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console import progress, table  # noqa: E402
from faultcorpus import KINDS, SKIPPED, Input, build, error_names  # noqa: E402

from chronist.cli.safe import plain  # noqa: E402

MAX_RSS_MB = 1500.0
HARD_CAP_PER_INPUT_S = 5.0
HARD_CAP_EXTRA_S = 120.0


def chronist_command() -> list[str]:
    """The ``chronist`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("chronist")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from chronist.cli import app; app()"]


@dataclass
class Proc:
    """One finished (or killed) chronist process."""

    returncode: int
    wall_s: float
    peak_mb: float
    stderr: str
    killed: bool = False


def run_chronist(args: list[str], log: Path, timeout_s: float | None = None,
                 kill_after_s: float | None = None,
                 kill_when: Callable[[], bool] | None = None) -> Proc:  # fmt: skip
    """Run chronist with ``args``, stderr to ``log``; SIGKILL it once ``kill_when()`` holds
    (asked every second: the kill -9 test), after ``kill_after_s``, or past ``timeout_s`` (a
    hard cap). Wall time and peak RSS by ``wait4``."""
    started = time.perf_counter()
    with log.open("wb") as err, open(os.devnull, "wb") as out:
        proc = subprocess.Popen(
            [*chronist_command(), *args], stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        limit = min(x for x in (timeout_s, kill_after_s, 1e9) if x is not None)
        killed = False
        asked = started
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            due = time.perf_counter() - started >= limit
            if kill_when is not None and time.perf_counter() - asked >= 1.0:
                asked = time.perf_counter()
                due = due or kill_when()
            if due:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    return Proc(proc.returncode, wall, usage.ru_maxrss / 1024, text, killed)


# ----------------------------------------------------------------------------- checking
@dataclass
class Verdict:
    """What happened to the inputs of one run, and what went wrong."""

    stored: Counter[str] = field(default_factory=Counter)
    named: Counter[str] = field(default_factory=Counter)
    violations: list[tuple[Input | None, str]] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    articles: int = 0


def read_store(db: str) -> tuple[list[tuple[str, str, dict]], dict[str, dict[str, int]]]:
    """Every stored article (id, input, record) and the rows per article of the tables a
    record's lists are written to."""
    from chronist.query import Chronicle

    with Chronicle.open(db) as ch:
        rows = [(i, n, json.loads(r)) for i, n, r in
                ch.store.fetch("SELECT id, input, record FROM articles", [])]  # fmt: skip
        counts = {
            t: dict(ch.store.fetch(f"SELECT article_id, count(*) FROM {t} GROUP BY article_id", []))
            for t in ("events", "quotes")
        }
    return rows, counts


def judge(inputs: list[Input], stderr: str, db: str) -> Verdict:
    """Hold the completing run's stderr and the store against each input's expectation."""
    v = Verdict()
    v.named, v.unattributed = error_names(stderr, inputs)
    rows, counts = read_store(db)
    v.articles = len(rows)
    known = {i.name for i in inputs}
    for art_id, name, record in rows:
        v.stored[name] += 1
        if name not in known:
            v.violations.append((None, f"stored under a name no input has: {name!r}"))
        if not (record.get("body") or "").strip():
            v.half_written.append(f"{name}: empty body")
        for table_name, key in (("events", "events"), ("quotes", "quotes")):
            want = len(record.get(key) or [])
            have = int(counts[table_name].get(art_id, 0))
            if want != have:
                v.half_written.append(f"{name}: {have} {table_name} rows, record has {want}")
    for i in inputs:
        s, e = v.stored[i.name], v.named[i.name]
        if s > 1:
            v.violations.append((i, f"stored {s} times"))
        if e > 1:
            v.violations.append((i, f"named in {e} error lines"))
        if i.expect == "error" and (s or e != 1):
            what = "stored" if s else "neither stored nor named (silently dropped)"
            v.violations.append((i, f"expected an error line, {what}"))
        elif i.expect == "article" and (s != 1 or e):
            what = f"error line instead: {_line_of(stderr, i)}" if e else "not stored, no error"
            v.violations.append((i, f"expected stored, {what}"))
        elif i.expect == "either" and (s, e) not in ((1, 0), (0, 1)):
            v.violations.append((i, f"expected stored or an error line, got {s} / {e}"))
    return v


def _line_of(stderr: str, i: Input) -> str:
    shown = f"error: {plain(i.name)}: "
    return next((ln for ln in stderr.splitlines() if ln.startswith(shown)), "?")[:160]


# ----------------------------------------------------------------------------- phases
@dataclass
class KindRun:
    kind: str
    inputs: list[Input]
    proc: Proc
    verdict: Verdict
    ms_per_input: float
    startup_s: float


def per_kind(corpus: Path, inputs: list[Input], work: Path, extra: list[str]) -> tuple[
        list[KindRun], Proc, Proc]:  # fmt: skip
    """One ingest process per kind folder into a fresh SQLite store, and the two start-up
    runs: an empty folder, and one good article (models loaded, store steps run)."""
    empty = corpus.parent / "empty-folder"
    empty.mkdir(exist_ok=True)
    one = corpus.parent / "one-article"
    one.mkdir(exist_ok=True)
    good = sorted((corpus / "good").iterdir())
    if good:
        shutil.copy(good[0], one / "one.txt")
    base = run_chronist(
        ["ingest", str(empty), "--db", str(work / "k-startup.db"), *extra],
        work / "k-startup.err",
    )
    # a run that stores an article also loads the models and runs the store steps
    base_article = run_chronist(
        ["ingest", str(one), "--db", str(work / "k-startup1.db"), *extra],
        work / "k-startup1.err",
    )
    by_kind: dict[str, list[Input]] = defaultdict(list)
    for i in inputs:
        by_kind[i.kind].append(i)
    runs = []
    for kind in sorted(by_kind):
        mine = by_kind[kind]
        db = work / f"k-{kind}.db"
        cap = base_article.wall_s + HARD_CAP_PER_INPUT_S * len(mine) + HARD_CAP_EXTRA_S
        progress(f"per kind: {kind} ({len(mine)} inputs)")
        proc = run_chronist(
            ["ingest", str(corpus / kind), "--db", str(db), *extra],
            work / f"k-{kind}.err",
            timeout_s=cap,
        )
        verdict = judge(mine, proc.stderr, str(db))
        start = base_article if verdict.articles else base
        ms = max(0.0, proc.wall_s - start.wall_s) * 1000 / len(mine)
        runs.append(KindRun(kind, mine, proc, verdict, ms, start.wall_s))
    return runs, base, base_article


@dataclass
class BackendRun:
    backend: str
    kill: Proc
    stored_after_kill: int
    final: Proc
    verdict: Verdict


def kill_and_rerun(backend: str, db: str, corpus: Path, work: Path, extra: list[str],
                   kill_after_s: float) -> BackendRun:  # fmt: skip
    folders = sorted(str(p) for p in corpus.iterdir() if p.is_dir())
    args = ["ingest", *folders, "--db", db, *extra]
    from chronist.query import Chronicle

    half = sum(i.expect == "article" for i in _INPUTS) // 2

    def half_stored() -> bool:
        try:
            with Chronicle.open(db) as ch:
                return ch.count_articles() >= half
        except Exception:  # noqa: BLE001 - the store may not exist yet
            return False

    progress(f"{backend}: full ingest, kill -9 once {half} articles are stored")
    killed = run_chronist(args, work / f"{backend}-killed.err", kill_after_s=kill_after_s,
                          kill_when=half_stored)  # fmt: skip

    with Chronicle.open(db) as ch:
        after = ch.count_articles()
    progress(f"{backend}: {after} articles stored when killed; re-running to completion")
    final = run_chronist(args, work / f"{backend}-final.err")
    inputs_all = _INPUTS
    return BackendRun(backend, killed, after, final, judge(inputs_all, final.stderr, db))


_INPUTS: list[Input] = []


# ----------------------------------------------------------------------------- report
def expect_label(inputs: list[Input]) -> str:
    return "+".join(sorted({i.expect for i in inputs}))


def report_kinds(runs: list[KindRun], base: Proc, base_article: Proc,
                 per_input_s: float) -> list[tuple[str, bool]]:  # fmt: skip
    rows = []
    for r in runs:
        n_stored = sum(r.verdict.stored[i.name] for i in r.inputs)
        n_named = sum(r.verdict.named[i.name] for i in r.inputs)
        rows.append([r.kind, len(r.inputs), expect_label(r.inputs), n_stored, n_named,
                     len(r.verdict.violations) + len(r.verdict.half_written),
                     r.proc.returncode, f"{r.ms_per_input:.1f}",
                     f"{r.proc.peak_mb:.0f}"])  # fmt: skip
    heads = ["kind", "inputs", "expect", "stored", "error lines", "violations", "exit",
             "ms/input", "peak MB"]  # fmt: skip
    print(f"\nper kind (SQLite, one process each; start-up subtracted: {base.wall_s:.1f} s, or "
          f"{base_article.wall_s:.1f} s where the kind stores articles)")  # fmt: skip
    print(table(heads, rows))
    for r in runs:
        if "Traceback" in r.proc.stderr:
            print(f"  {r.kind}: Traceback, the run stopped: {crash(r.proc.stderr)}")
    slow = [r.kind for r in runs if r.ms_per_input > per_input_s * 1000]
    capped = [r.kind for r in runs if r.proc.killed]
    fat = [r.kind for r in runs if r.proc.peak_mb > MAX_RSS_MB]
    tb = [r.kind for r in runs if "Traceback" in r.proc.stderr]
    bad_rc = [r.kind for r in runs if not finished(r.proc) and r.kind not in tb]
    return [
        (f"per kind: <= {per_input_s:g} s per input on average {_which(slow)}", not slow),
        (f"per kind: every process under its hard cap {_which(capped)}", not capped),
        (f"per kind: peak RSS <= {MAX_RSS_MB:.0f} MB "
         f"(max {max(r.proc.peak_mb for r in runs):.0f} MB) {_which(fat)}", not fat),
        (f"per kind: no Traceback, every run finished (summary line, exit 0 or 1) "
         f"{_which(tb + bad_rc)}", not tb and not bad_rc),
    ]  # fmt: skip


def finished(proc: Proc) -> bool:
    """Whether ingest ran to its end: its summary line printed, exit 0 or 1 (1: some inputs
    failed; a traceback also exits 1, so the code alone says nothing)."""
    return proc.returncode in (0, 1) and " failed \u2192 " in proc.stderr


def crash(stderr: str) -> str:
    """The exception line that ends the first traceback in ``stderr``."""
    lines = stderr.split("Traceback (most recent call last):", 1)[1].splitlines()
    last = next((ln for ln in lines if ln and not ln.startswith((" ", "\t"))), "?")
    return plain(last)[:200]


def _which(kinds: list[str]) -> str:
    return f"[{', '.join(kinds)}]" if kinds else ""


def report_backend(b: BackendRun, inputs: list[Input]) -> list[tuple[str, bool]]:
    v = b.verdict
    n_art = sum(i.expect == "article" for i in inputs)
    n_err = sum(i.expect == "error" for i in inputs)
    first = (f"kill -9 after {b.kill.wall_s:.1f} s" if b.kill.killed else
             f"the first run ended by itself after {b.kill.wall_s:.1f} s, exit "
             f"{b.kill.returncode}")  # fmt: skip
    print(
        f"\n{b.backend}: {first} ({b.stored_after_kill} articles stored then), re-run "
        f"{b.final.wall_s:.1f} s, exit {b.final.returncode}, peak "
        f"{max(b.kill.peak_mb, b.final.peak_mb):.0f} MB; {v.articles} articles stored"
    )
    for what, proc in (("first run", b.kill), ("re-run", b.final)):
        if "Traceback" in proc.stderr:
            print(f"  {what}: Traceback, the run stopped: {crash(proc.stderr)}")
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for inp, why in v.violations:
        by_kind[inp.kind if inp else "?"][why.split(":")[0]] += 1
    examples: dict[str, str] = {}
    for inp, why in v.violations:
        key = inp.kind if inp else "?"
        examples.setdefault(key, f"{inp.name if inp else ''} -> {why}")
    for kind, reasons in sorted(by_kind.items()):
        for why, n in reasons.items():
            print(f"  violation [{kind}] x{n}: {why}")
        print(f"    e.g. {plain(examples[kind])[:300]}")
    for line in v.half_written[:5]:
        print(f"  half-written: {line}")
    for line in v.unattributed[:5]:
        print(f"  error line naming no input: {line[:200]}")
    art_ok = all(v.stored[i.name] == 1 for i in inputs if i.expect == "article")
    art_n = sum(v.stored[i.name] == 1 for i in inputs if i.expect == "article")
    err_ok = [i for i in inputs if i.expect == "error" and v.stored[i.name] == 0
              and v.named[i.name] == 1]  # fmt: skip
    either = [i for i in inputs if i.expect == "either"]
    either_ok = all((v.stored[i.name], v.named[i.name]) in ((1, 0), (0, 1)) for i in either)
    twice = [n for n, c in v.stored.items() if c > 1]
    tb = "Traceback" in b.kill.stderr or "Traceback" in b.final.stderr
    name = b.backend
    return [
        (f"{name}: kill -9 landed mid-run ({b.stored_after_kill} of {v.articles} articles "
         "stored then)", b.kill.killed and 0 < b.stored_after_kill < v.articles),
        (f"{name}: no Traceback on stderr (killed run and re-run)", not tb),
        (f"{name}: re-run finished: summary line, exit 0 or 1 (was {b.final.returncode})",
         finished(b.final)),
        (f"{name}: every article input stored exactly once ({art_n} of {n_art})", art_ok),
        (f"{name}: no input stored twice ({len(twice)})", not twice),
        (f"{name}: every error input named in one line, not stored ({len(err_ok)} of {n_err})",
         len(err_ok) == n_err),
        (f"{name}: every 'either' input one of the two ({len(either)} inputs)", either_ok),
        (f"{name}: every error line names an input ({len(v.unattributed)} do not)",
         not v.unattributed),
        (f"{name}: nothing half-written ({len(v.half_written)} articles)", not v.half_written),
    ]  # fmt: skip


# ----------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=10_000, help="malformed inputs (10,000)")
    ap.add_argument("--good", type=int, default=100, help="plain good articles (100)")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="write the corpus, stores and logs here and keep them")  # fmt: skip
    ap.add_argument("--classifier", action="store_true",
                    help="run the event classifier (~1.2 s per article on 2 cores)")  # fmt: skip
    ap.add_argument("--per-input", type=float, default=5.0, metavar="S",
                    help="limit on the average seconds per input within a kind (5)")  # fmt: skip
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    started = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chronist-faults-"))
    work = work.resolve()
    if (work / "corpus").exists():
        shutil.rmtree(work / "corpus")
    for old in work.glob("*.db*"):
        old.unlink()
    work.mkdir(parents=True, exist_ok=True)
    extra = ["--max-size", "1"] + ([] if args.classifier else ["--no-classifier"])
    try:
        return run_all(args, work, extra, started)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run_all(args: argparse.Namespace, work: Path, extra: list[str], started: float) -> int:
    corpus = work / "corpus"
    progress(f"writing the corpus under {corpus}")
    inputs = build(corpus, args.inputs, args.good, seed=args.seed)
    _INPUTS[:] = inputs
    malformed = [i for i in inputs if i.kind != "good"]
    n_art = sum(i.expect == "article" for i in inputs)
    print(f"corpus: {len(malformed)} malformed inputs of {len(KINDS) - len(SKIPPED)} kinds and "
          f"{args.good} good articles ({n_art} inputs expected stored, "
          f"{sum(i.expect == 'error' for i in inputs)} expected as error lines); "
          f"ingest {' '.join(extra)}")  # fmt: skip
    for kind, why in SKIPPED.items():
        print(f"  kind {kind} skipped: {why}")
    checks: list[tuple[str, bool]] = []
    runs, base, base_article = per_kind(corpus, inputs, work, extra)
    checks += report_kinds(runs, base, base_article, args.per_input)
    # a full run: one start-up with the models, and each kind's own time
    total_s = base_article.wall_s + sum(max(0.0, r.proc.wall_s - r.startup_s) for r in runs)
    kill_after = max(2.0, total_s * 2)
    print(f"\nfull run estimated at {total_s:.0f} s from the per-kind runs; kill -9 once half "
          "the articles are stored (or at twice the estimate)")  # fmt: skip
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        if backend == "sqlite":
            res = kill_and_rerun("sqlite", str(work / "all.db"), corpus, work, extra, kill_after)
            checks += report_backend(res, inputs)
            continue
        from chronist.store.pgcluster import ClusterUnavailable, throwaway_cluster

        try:
            with throwaway_cluster() as url:
                res = kill_and_rerun("postgresql", url, corpus, work, extra, kill_after)
                checks += report_backend(res, inputs)
        except ClusterUnavailable as exc:
            print(f"\npostgresql: no throwaway cluster here ({exc}); SQLite only")
    print("\nchecks")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    failed = sum(not ok for _, ok in checks)
    print(f"\n  {len(checks) - failed} of {len(checks)} checks pass; total "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    if args.keep:
        print(f"  corpus, stores and stderr logs kept in {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
