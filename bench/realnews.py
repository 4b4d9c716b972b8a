"""Real news: chronist's main job on the hand-annotated 2022 articles of ``../shared/realnews``.

The first benchmark for events, quotes and actors. It rebuilds the dev articles with the set's own
``articles.py``, runs ``chronist analyze --format jsonl`` on them (the command an analyst runs) and
scores the output with the set's ``score.py``, per article and in total. Beside chronist it runs
the lexicon-only events coder (``--no-classifier``) in the same run, and prints the figures the
issue started from and its targets.

    python bench/realnews.py              # both runs, the table
    python bench/realnews.py --errors     # and every miss and false item of chronist's run
    python bench/realnews.py --keep DIR   # keep the articles and JSONL output in DIR
    python bench/realnews.py --json figures.json
    python bench/realnews.py --set check  # the check set: our own gold on 10 other articles

A held-out set of other articles is scored the same way outside the project: rules that help
here and nowhere else do not count. The articles are copyrighted news read in place; nothing of
them is copied into the project.

``--set check`` scores the same way on a second, independent set: our own annotation (the rules
of the set's ``ANNOTATION.md``) of 10 SemEval-2023 dev articles, read in place from
``../shared/corpora``. ``data/realnews_check.json`` stores it as character offsets into the
article files, with no text; a score.py ``gold.json`` is rebuilt from them in the work folder.
A figure that rises on the dev set and not here is likely overfitting.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REALNEWS = HERE.parent.parent / "shared" / "realnews"
CHECK_GOLD = HERE / "data" / "realnews_check.json"
CHECK_ARTICLES = (
    HERE.parent.parent / "shared" / "corpora" / "semeval2023-task3-en" / "dev-articles-subtask-3"
)
#: the train set: our events annotation of 60 SemEval-2023 train articles (PTC, 2017-2019)
TRAIN_GOLD = HERE.parent / "tools" / "event_data" / "news_events.json"
TRAIN_ARTICLES = CHECK_ARTICLES.parent / "train-articles-subtask-3"
#: the keys of the check set's gold whose values are {start, end} offsets into the article
_SPANS = {"events": "anchor", "quotes": "text", "quotes_optional": "text", "dates": "text"}

#: measure -> (figure when issue 14 was filed, target); the key is the name printed by score.py.
MEASURES: dict[str, tuple[str, float, float, bool]] = {
    "ev_type_p": ("events: type right, precision", 0.20, 0.75, True),
    "ev_full_p": ("events: type + countries right, precision", 0.01, 0.60, True),
    "ev_type_r": ("required events, type right (recall)", 0.20, 0.70, True),
    "ev_full_r": ("required events, type + countries (recall)", 0.00, 0.50, True),
    "noev": ("events in no-event sentences (count)", 18, 3, False),
    "q_spk": ("quotes: speaker right", 0.50, 0.85, True),
    "q_p": ("quotes: emitted that are quotes (precision)", 0.76, 0.92, True),
    "actors": ("main actors with country and sector right", 0.25, 0.75, True),
}

_TOTAL = re.compile(
    r"events type R (?P<ev_type_r>[\d.]+) P (?P<ev_type_p>[\d.]+); with parties "
    r"R (?P<ev_full_r>[\d.]+) P (?P<ev_full_p>[\d.]+) \((?P<emitted>\d+) emitted, "
    r"(?P<required>\d+) required, (?P<noev>\d+) in no-event sentences\); quotes speaker "
    r"(?P<q_spk>[\d.]+) P (?P<q_p>[\d.]+); actors coded (?P<actors>[\d.]+)"
)


def analyze(articles: list[Path], out: Path, *extra: str) -> float:
    """Run the main job on the article files; the JSONL goes to ``out``; seconds taken."""
    start = time.perf_counter()
    with out.open("w") as fh:
        subprocess.run(
            ["chronist", "analyze", *sorted(map(str, articles)), "-f", "jsonl", *extra],
            stdout=fh,
            check=False,
        )
    return time.perf_counter() - start


def _cut(text: str, span: dict[str, int]) -> str:
    return text[span["start"] : span["end"]]


def check_gold(
    gold: Path, stored_at: Path = CHECK_GOLD, folder: Path = CHECK_ARTICLES
) -> list[Path]:
    """Rebuild a stored set's score.py gold.json at ``gold`` from the offsets; the articles.

    The train set holds events and no-event sentences only; its other keys stay empty."""
    stored = json.loads(stored_at.read_text(encoding="utf-8"))
    out: dict[str, object] = {"_about": stored.pop("_about", {})}
    paths = []
    for name, entry in stored.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        if "title" in entry:
            entry = {**entry, "title": _cut(text, entry["title"])}
        for key, field in _SPANS.items():
            entry[key] = [{**item, field: _cut(text, item[field])} for item in entry.get(key, [])]
        entry["no_event_sentences"] = [_cut(text, span) for span in entry["no_event_sentences"]]
        out[name] = entry
        paths.append(path)
    gold.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def score(
    output: Path, gold: Path, verbose: bool = False
) -> tuple[dict[str, float], list[str], list[str]]:
    """score.py's totals, its per-article lines and (verbose) its misses and false items."""
    args = [sys.executable, str(REALNEWS / "score.py"), str(output), str(gold)]
    text = subprocess.run(args + (["-v"] if verbose else []), capture_output=True, text=True).stdout
    lines = text.splitlines()
    match = _TOTAL.search(lines[-1]) if lines else None
    if not match:
        raise SystemExit(f"score.py printed no totals: {text[-500:]}")
    totals = {k: float(v) for k, v in match.groupdict().items()}
    articles = [ln for ln in lines if re.match(r"article\S+\.txt: events", ln)]
    errors = [ln for ln in lines if ln.startswith("  ")]
    return totals, articles, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--errors", action="store_true", help="list chronist's misses and false items"
    )
    parser.add_argument("--keep", type=Path, help="keep articles and outputs in this folder")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--set",
        choices=["dev", "check", "train"],
        default="dev",
        help="dev: the 12 articles of ../shared/realnews (default); check: our gold on 10 "
        "others; train: our events gold on 60 train articles (rules may be fitted there)",
    )
    parser.add_argument(
        "--chronist-only", action="store_true", help="skip the lexicon-only run (faster)"
    )
    args = parser.parse_args()
    check = args.set != "dev"
    stored, folder = (
        (TRAIN_GOLD, TRAIN_ARTICLES) if args.set == "train" else (CHECK_GOLD, CHECK_ARTICLES)
    )
    if not (REALNEWS / "score.py").exists() or (check and not folder.exists()):
        missing = folder if check else REALNEWS
        print(f"realnews: {missing} is not there; nothing to measure.")
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="chronist-realnews-"))
    work.mkdir(parents=True, exist_ok=True)
    if check:
        gold = work / "gold.json"
        articles = check_gold(gold, stored, folder)
        where = f"{folder}, gold {stored.relative_to(HERE.parent)}"
    else:
        gold, folder, where = REALNEWS / "gold.json", work / "articles", str(REALNEWS)
        subprocess.run(
            [sys.executable, str(REALNEWS / "articles.py"), str(folder)],
            check=True,
            capture_output=True,
        )
        articles = list(folder.glob("*.txt"))
    runs = {"chronist": [], "lexicon only": ["--no-classifier"]}
    if args.chronist_only:
        del runs["lexicon only"]
    figures: dict[str, dict[str, float]] = {}
    per_article: dict[str, list[str]] = {}
    errors: list[str] = []
    for name, extra in runs.items():
        out = work / f"{name.replace(' ', '-')}.jsonl"
        seconds = analyze(articles, out, *extra)
        totals, lines, errs = score(out, gold, verbose=args.errors and name == "chronist")
        figures[name] = {**totals, "seconds": round(seconds, 1)}
        per_article[name] = lines
        errors = errors or errs

    print(f"Real-news {args.set} set: {len(per_article['chronist'])} articles ({where})\n")
    print("chronist, per article:")
    for line in per_article["chronist"]:
        print("  " + line)
    head = f"{'measure':46} {'chronist':>9} {'lexicon only':>13} {'at issue 14':>12} {'target':>7}"
    print("\n" + head + "\n" + "-" * len(head))
    for key, (label, then, target, higher) in MEASURES.items():
        if args.set == "train" and not key.startswith(("ev_", "noev")):
            continue  # the train set has events gold only
        now = figures["chronist"][key]
        lex = figures.get("lexicon only", {}).get(key, float("nan"))
        fmt = (lambda v: f"{v:.2f}") if higher else (lambda v: f"{v:.0f}")
        met = now >= target if higher else now <= target
        issue = "" if check else fmt(then)  # the issue-14 figures are the dev set's
        row = f"{label:46} {fmt(now):>9} {fmt(lex):>13} {issue:>12} {fmt(target):>7}"
        print(row + ("  met" if met else ""))
    c = figures["chronist"]
    print(
        f"\nchronist emitted {c['emitted']:.0f} events ({c['required']:.0f} required in gold); "
        f"analysis took {c['seconds']} s"
        + (f" (lexicon only {figures['lexicon only']['seconds']} s)." if len(runs) > 1 else ".")
    )
    if errors:
        print("\nchronist's misses and false items:")
        print("\n".join(errors))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
