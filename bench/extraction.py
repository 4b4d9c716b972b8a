"""Extraction benchmark: chronist vs trafilatura / htmldate, measured side by side in one run.

Usage::

    python bench/extraction.py [--limit N] [--quick] [--worst K] [--json OUT]
                               [--only html,text,dates,speed] [--stand-in]

Reads the corpora in place from ``<repo>/../shared/corpora/`` (nothing is copied into the repo):

1. **HTML body** on ``zyte-article-extraction`` (181 pages): chronist ``extract`` on the HTML (with
   the page URL) vs ``trafilatura.extract(html, url=url)`` (defaults, and ``favor_recall=True``).
   Without ``--quick`` also ``include_comments=False``, the setting of the benchmark's own
   trafilatura runner (reproduces its published F1). Metric of the Zyte article-extraction-
   benchmark (``evaluate.py``): tokens = ``\\w+``, multiset of 4-token shingles, per-page TP/FP/FN
   normalised to sum 1, P/R = means over pages, F1 of the means, ``±`` = 1.96 x std over 1000
   bootstrap resamples of pages (as the benchmark prints it; the plain std is in the JSON output).
2. **Plain text** on the same pages rendered to full-page text (``bench/render.py``, browser
   innerText rules: nav, footer, comments... all kept): chronist ``extract`` on
   ``RawDocument(kind="text")`` with no URL, same metric (target F1 >= 0.95); the trivial "whole
   rendered page as body" baseline as reference.
3. **Publication date** on ``htmldate-dates`` (1,000 pages, ``manifest.json``): chronist
   ``.published`` vs ``htmldate.find_date(html, url=url)`` (extensive, and
   ``extensive_search=False``). Per page: no output -> FN, gold day -> TP, else FP;
   accuracy = TP / pages. Without ``--quick`` also htmldate's own published setting
   (``original_date=True``, no URL) to check the number reproduces.
4. **Speed** (single process, ``time.perf_counter`` around each call) on the zyte pages: articles/s,
   body words/s and input words/s (words = whitespace-separated tokens of the body / of the rendered
   page text), compared with spaCy small's ~4,000 words/s per core.

``--stand-in`` (or env ``CHRONIST_BENCH_STAND_IN=1``) replaces a missing ``chronist.extract`` by a
trafilatura/htmldate stand-in, only to test the harness; rows are then labelled ``STAND-IN``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
ZYTE = CORPORA / "zyte-article-extraction"
DATES = CORPORA / "htmldate-dates"
TRAF_EVAL = CORPORA / "trafilatura-eval"

# benchmark the working tree, not whatever chronist happens to be installed
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

from render import render_page_text  # noqa: E402

SPACY_SM_WORDS_PER_S = 4000.0
BODY_WORDS_PER_S_TARGET = 40000.0
TEXT_F1_TARGET = 0.95

# --------------------------------------------------------------------------------------------
# Zyte article-extraction-benchmark metric (re-implementation of its evaluate.py)
# --------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN_RE.findall(text or "")
    out: Counter = Counter()
    for i in range(0, max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i : i + n])
        if sh:
            out[sh] += 1
    return out


def shingle_match(gold: str, pred: str) -> TpFpFn:
    """Per-page TP/FP/FN on 4-token shingles, normalised to sum 1."""
    g, p = _shingles(gold), _shingles(pred)
    tp = fp = fn = 0.0
    for key in g.keys() | p.keys():
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_f1(t: TpFpFn) -> float:
    p, r = _precision(*t), _recall(*t)
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp_fp_fns: list[TpFpFn]) -> tuple[float, float, float]:
    ps = [_precision(*t) for t in tp_fp_fns if t[0] + t[1] > 0]
    rs = [_recall(*t) for t in tp_fp_fns if t[0] + t[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def body_metrics(tp_fp_fns: list[TpFpFn], n_bootstrap: int, seed: int = 0) -> dict[str, float]:
    p, r, f1 = prf(tp_fp_fns)
    rng = random.Random(seed)
    n = len(tp_fp_fns)
    bp: list[float] = []
    br: list[float] = []
    bf: list[float] = []
    for _ in range(n_bootstrap if n > 1 else 0):
        sample = [tp_fp_fns[rng.randrange(n)] for _ in range(n)]
        sp, sr, sf = prf(sample)
        bp.append(sp)
        br.append(sr)
        bf.append(sf)

    def sd(v: list[float]) -> float:
        return statistics.stdev(v) if len(v) > 1 else 0.0

    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "precision_std": sd(bp),
        "recall_std": sd(br),
        "f1_std": sd(bf),
        "precision_ci": 1.96 * sd(bp),
        "recall_ci": 1.96 * sd(br),
        "f1_ci": 1.96 * sd(bf),
        "pages": n,
    }


def n_words(text: str) -> int:
    return len(text.split()) if text else 0


# --------------------------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------------------------


@dataclass
class Page:
    id: str
    url: str
    html: str
    gold: Any = None  # zyte: article body; dates: YYYY-MM-DD or None; held-out: snippets
    text: str = ""  # rendered full-page plain text (zyte only)


def load_zyte(limit: int | None) -> list[Page]:
    gt = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, rec in gt.items():
        if limit is not None and len(pages) >= limit:
            break
        raw = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages.append(Page(key, rec.get("url", ""), html, rec.get("articleBody", "")))
    return pages


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}


def decode_html(data: bytes) -> str:
    """Charset of the first ``<meta charset>`` if it decodes cleanly, else UTF-8 (replace)."""
    m = _META_CHARSET.search(data[:20000])
    if m:
        label = m.group(1).decode("ascii", "ignore").strip().lower()
        candidates = [label]
        if label in _LATIN1_LABELS:  # WHATWG: these labels mean windows-1252
            candidates = ["cp1252", "latin-1"]
        for enc in candidates:
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("utf-8", errors="replace")


def load_dates(limit: int | None) -> list[Page]:
    manifest = json.loads((DATES / "manifest.json").read_text(encoding="utf-8"))
    pages = []
    for url, rec in manifest.items():
        if limit is not None and len(pages) >= limit:
            break
        data = (DATES / rec["path"]).read_bytes()
        if rec["path"].endswith(".gz"):
            data = gzip.decompress(data)
        pages.append(Page(rec.get("file", url), url, decode_html(data), rec.get("date")))
    return pages


# --------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------


def load_chronist(stand_in: bool) -> tuple[Callable | None, Any, str]:
    """Return (extract, RawDocument, label); extract is None when chronist cannot be used."""
    from chronist.model import RawDocument

    try:
        from chronist.extract import extract

        return extract, RawDocument, "chronist"
    except ImportError as err:
        if not stand_in:
            print(f"!! chronist.extract is not importable ({err}); chronist rows are skipped.")
            print("!! (use --stand-in to test the harness with a trafilatura stand-in)")
            return None, RawDocument, "chronist"
        print(f"!! chronist.extract is not importable ({err}).")
        print("!! STAND-IN: 'chronist' rows below are trafilatura/htmldate, NOT chronist.")
        return _stand_in_extract, RawDocument, "chronist[STAND-IN]"


def _stand_in_extract(raw: Any) -> SimpleNamespace:
    import htmldate
    import trafilatura

    url = (raw.fields or {}).get("url")
    if raw.kind == "html":
        body = trafilatura.extract(raw.content, url=url) or ""
        try:
            published = htmldate.find_date(raw.content, url=url)
        except Exception:
            published = None
    else:
        from html import escape

        paras = [p for p in raw.content.split("\n") if p.strip()]
        html = "<html><body>" + "".join(f"<p>{escape(p)}</p>" for p in paras) + "</body></html>"
        body = trafilatura.extract(html) or ""
        published = None
    body = "\n\n".join(p.strip() for p in body.split("\n") if p.strip())
    return SimpleNamespace(body=body, published=published)


@dataclass
class Run:
    name: str
    outputs: list[str | None] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    first_error: str = ""


def run_system(name: str, fn: Callable[[Page], str | None], pages: list[Page]) -> Run:
    """Call ``fn`` on every page, timing each call; an exception counts as no output."""
    run = Run(name)
    if pages:  # warm-up (lazy imports, compiled regexes, models): not timed, not scored
        try:
            fn(pages[0])
        except Exception:
            pass
    for page in pages:
        t0 = time.perf_counter()
        try:
            out = fn(page)
        except Exception as err:  # noqa: BLE001 - a crash is a miss, counted and reported
            out = None
            run.errors += 1
            if not run.first_error:
                run.first_error = f"{page.id}: {type(err).__name__}: {err}"[:200]
        run.seconds += time.perf_counter() - t0
        run.outputs.append(out)
    if run.errors:
        print(f"   {name}: {run.errors} exception(s), first: {run.first_error}")
    return run


def progress(msg: str) -> None:
    print(f"-- {msg}", flush=True)


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


def speed_figures(run: Run, pages: list[Page]) -> dict[str, float]:
    n = len(pages)
    body_words = sum(n_words(o or "") for o in run.outputs)
    input_words = sum(n_words(p.text) for p in pages)
    s = run.seconds or 1e-9
    return {
        "seconds": run.seconds,
        "articles_per_s": n / s,
        "body_words_per_s": body_words / s,
        "input_words_per_s": input_words / s,
        "body_words": body_words,
        "input_words": input_words,
        "x_spacy_sm": (body_words / s) / SPACY_SM_WORDS_PER_S,
        "ms_per_article": 1000 * s / n if n else 0.0,
    }


def score_body_runs(
    runs: list[Run], pages: list[Page], n_bootstrap: int
) -> tuple[dict[str, dict], dict[str, list[TpFpFn]]]:
    results: dict[str, dict] = {}
    per_page: dict[str, list[TpFpFn]] = {}
    for run in runs:
        tpf = [
            shingle_match(p.gold or "", o or "") for p, o in zip(pages, run.outputs, strict=True)
        ]
        m = body_metrics(tpf, n_bootstrap)
        m["exact"] = sum(
            _TOKEN_RE.findall(p.gold or "") == _TOKEN_RE.findall(o or "")
            for p, o in zip(pages, run.outputs, strict=True)
        ) / max(1, len(pages))
        m["errors"] = run.errors
        m.update(speed_figures(run, pages))
        results[run.name] = m
        per_page[run.name] = tpf
    return results, per_page


def score_dates(run: Run, pages: list[Page]) -> dict[str, float]:
    tp = fp = fn = 0
    for page, out in zip(pages, run.outputs, strict=True):
        day = (out or "")[:10] or None
        if day is None:
            fn += 1
        elif day == (page.gold or "")[:10]:
            tp += 1
        else:
            fp += 1
    n = len(pages)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "pages": n,
        "accuracy": tp / n if n else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if n else 0.0,
        "errors": run.errors,
        "seconds": run.seconds,
        "ms_per_page": 1000 * run.seconds / n if n else 0.0,
    }


# --------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------


def load_trafilatura_eval(limit: int | None) -> list[Page]:
    """trafilatura's evaluation pages, rendered to text, with their snippets as ``gold``."""
    data = json.loads((TRAF_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in list(data.items())[:limit]:
        path = TRAF_EVAL / "html" / f"{entry['file']}.gz"
        if not path.is_file():
            continue
        html = decode_html(gzip.decompress(path.read_bytes()))
        page = Page(id=entry["file"], url=key if key.startswith("http") else "", html=html)
        page.gold = {"with": entry.get("with", []), "without": entry.get("without", [])}
        page.text = render_page_text(html)
        pages.append(page)
    return pages


def score_snippets(run: Run, pages: list[Page]) -> dict[str, float]:
    """trafilatura's metric: must-keep snippets found = TP, must-drop snippets found = FP."""
    tp = fn = fp = 0

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text or "").strip()

    for page, out in zip(pages, run.outputs, strict=True):
        body = norm(out)
        tp_page = sum(norm(s) in body for s in page.gold["with"])
        tp += tp_page
        fn += len(page.gold["with"]) - tp_page
        fp += sum(norm(s) in body for s in page.gold["without"])
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _row(cells: list[str], widths: list[int]) -> str:
    out = []
    for i, (c, w) in enumerate(zip(cells, widths, strict=True)):
        out.append(c.ljust(w) if i == 0 else c.rjust(w))
    return "  ".join(out)


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    print(title)
    print(_row(header, widths))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(_row(r, widths))


def body_rows(results: dict[str, dict]) -> list[list[str]]:
    rows = []
    for name, m in results.items():
        rows.append(
            [
                name,
                f"{m['precision']:.3f} ± {m['precision_ci']:.3f}",
                f"{m['recall']:.3f} ± {m['recall_ci']:.3f}",
                f"{m['f1']:.3f} ± {m['f1_ci']:.3f}",
                f"{m['exact']:.3f}",
                str(m["pages"]),
                str(m["errors"]),
            ]
        )
    return rows


BODY_HEADER = ["system", "precision", "recall", "F1", "exact", "pages", "errors"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="200 bootstrap resamples; skip trafilatura favor_recall / no-comments, "
        "htmldate fast and the htmldate-published-setting rows",
    )
    ap.add_argument("--worst", type=int, default=0, metavar="K", help="K worst plain-text pages")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write figures")
    ap.add_argument(
        "--only",
        default="html,text,dates,heldout,speed",
        help="comma list of sections: html,text,dates,heldout,speed (default: all)",
    )
    ap.add_argument(
        "--stand-in",
        action="store_true",
        default=os.environ.get("CHRONIST_BENCH_STAND_IN") == "1",
        help="if chronist.extract is missing, use a trafilatura stand-in (harness testing only)",
    )
    ap.add_argument("--bootstrap", type=int, default=None, help="bootstrap resamples (1000)")
    args = ap.parse_args(argv)

    if not ZYTE.is_dir() and not DATES.is_dir():
        print(f"Benchmark corpora not found under {CORPORA} (expected zyte-article-extraction/")
        print("and htmldate-dates/ in the shared folder next to the repo); nothing to do.")
        return 0

    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    n_boot = args.bootstrap if args.bootstrap is not None else (200 if args.quick else 1000)
    t_start = time.perf_counter()

    import htmldate
    import trafilatura

    extract, RawDocument, cname = load_chronist(args.stand_in)
    versions = {
        "trafilatura": getattr(trafilatura, "__version__", "?"),
        "htmldate": getattr(htmldate, "__version__", "?"),
        "python": sys.version.split()[0],
    }
    report: dict[str, Any] = {"versions": versions, "chronist_label": cname, "limit": args.limit}
    print(
        f"chronist extraction benchmark  (trafilatura {versions['trafilatura']}, "
        f"htmldate {versions['htmldate']}, python {versions['python']}, "
        f"bootstrap {n_boot})"
    )

    html_results: dict[str, dict] = {}
    text_results: dict[str, dict] = {}
    text_per_page: dict[str, list[TpFpFn]] = {}
    render_seconds = 0.0
    zyte: list[Page] = []

    # ---------------------------------------------------------------- 1 + 2: zyte bodies
    want_zyte = sections & {"html", "text", "speed"}
    if want_zyte and not ZYTE.is_dir():
        print(f"!! {ZYTE} not found: HTML/plain-text/speed sections skipped")
    elif want_zyte:
        zyte = load_zyte(args.limit)
        progress(f"zyte: {len(zyte)} pages; rendering to plain text")
        t0 = time.perf_counter()
        for p in zyte:
            p.text = render_page_text(p.html)
        render_seconds = time.perf_counter() - t0

        html_runs: list[Run] = []
        if sections & {"html", "speed"}:
            if extract is not None:
                progress(f"{cname} extract (html)")

                def chronist_html(p: Page) -> str:
                    raw = RawDocument(
                        input=p.id,
                        content=p.html,
                        kind="html",
                        fields={"url": p.url},
                        fields_source="bench",
                    )
                    return extract(raw).body

                html_runs.append(run_system(f"{cname} (html)", chronist_html, zyte))
            progress("trafilatura.extract (default)")
            html_runs.append(
                run_system(
                    "trafilatura (default)",
                    lambda p: trafilatura.extract(p.html, url=p.url),
                    zyte,
                )
            )
            if not args.quick and "html" in sections:
                progress("trafilatura.extract (favor_recall)")
                html_runs.append(
                    run_system(
                        "trafilatura (favor_recall)",
                        lambda p: trafilatura.extract(p.html, url=p.url, favor_recall=True),
                        zyte,
                    )
                )
                progress("trafilatura.extract (benchmark's own setting: include_comments=False)")
                html_runs.append(
                    run_system(
                        "trafilatura (no comments)",
                        lambda p: trafilatura.extract(p.html, url=p.url, include_comments=False),
                        zyte,
                    )
                )
            html_results, _ = score_body_runs(html_runs, zyte, n_boot)

        text_runs: list[Run] = []
        if sections & {"text", "speed"}:
            if extract is not None:
                progress(f"{cname} extract (plain text, no url)")

                def chronist_text(p: Page) -> str:
                    raw = RawDocument(input=p.id, content=p.text, kind="text", fields={})
                    return extract(raw).body

                text_runs.append(run_system(f"{cname} (text)", chronist_text, zyte))
            whole = Run("whole rendered page", [p.text for p in zyte], render_seconds)
            text_runs.append(whole)
            text_results, text_per_page = score_body_runs(text_runs, zyte, n_boot)

        if "html" in sections and html_results:
            print_table(
                f"1. HTML body extraction — zyte article-extraction-benchmark "
                f"({len(zyte)} pages; ± = 1.96·bootstrap std)",
                BODY_HEADER,
                body_rows(html_results),
            )
            ck, tk = f"{cname} (html)", "trafilatura (default)"
            if ck in html_results and tk in html_results:
                ratio = html_results[ck]["f1"] / max(1e-9, html_results[tk]["f1"])
                report["html_f1_ratio_vs_trafilatura"] = ratio
                print(f"   F1 ratio {cname} / trafilatura (default) = {ratio:.3f}")
            tk2 = "trafilatura (no comments)"
            if ck in html_results and tk2 in html_results:
                ratio = html_results[ck]["f1"] / max(1e-9, html_results[tk2]["f1"])
                print(
                    f"   F1 ratio {cname} / trafilatura (no comments; the setting behind the "
                    f"benchmark's published 0.958) = {ratio:.3f}"
                )
        if "text" in sections and text_results:
            print_table(
                f"2. Plain-text body extraction — same pages rendered as full-page text "
                f"(innerText rules), no url  [target F1 >= {TEXT_F1_TARGET}]",
                BODY_HEADER,
                body_rows(text_results),
            )
            ck = f"{cname} (text)"
            if ck in text_results:
                f1 = text_results[ck]["f1"]
                ok = "PASS" if f1 >= TEXT_F1_TARGET else "FAIL"
                print(f"   {ok}: plain-text F1 {f1:.3f} vs target {TEXT_F1_TARGET}")
                if "trafilatura (default)" in html_results:
                    ratio = f1 / max(1e-9, html_results["trafilatura (default)"]["f1"])
                    report["text_f1_ratio_vs_trafilatura_html"] = ratio
                    print(f"   F1 ratio {cname} plain text / trafilatura on HTML = {ratio:.3f}")

        if args.worst and text_per_page:
            key = f"{cname} (text)" if f"{cname} (text)" in text_per_page else None
            if key is None:
                print("\n(--worst: no chronist plain-text run; showing the whole-page baseline)")
                key = "whole rendered page"
            scored = sorted((page_f1(t), i) for i, t in enumerate(text_per_page[key]))[: args.worst]
            print(f"\nWorst {len(scored)} plain-text pages for {key} (page F1 / P / R):")
            worst = []
            for f1, i in scored:
                t = text_per_page[key][i]
                p = zyte[i]
                print(
                    f"  {p.id}  F1 {f1:.3f}  P {_precision(*t):.3f}  R {_recall(*t):.3f}  "
                    f"gold {n_words(p.gold or ''):>5}w  {p.url}"
                )
                worst.append({"id": p.id, "url": p.url, "f1": f1})
            report["worst_text_pages"] = worst

    # ---------------------------------------------------------------- 3: dates
    date_results: dict[str, dict] = {}
    if "dates" in sections and not DATES.is_dir():
        print(f"!! {DATES} not found: date section skipped")
    elif "dates" in sections:
        dpages = load_dates(args.limit)
        gold_null = sum(p.gold is None for p in dpages)
        date_runs: list[Run] = []
        if extract is not None:
            progress(f"{cname} extract (dates, {len(dpages)} pages)")

            def chronist_date(p: Page) -> str | None:
                raw = RawDocument(
                    input=p.id,
                    content=p.html,
                    kind="html",
                    fields={"url": p.url},
                    fields_source="bench",
                )
                return extract(raw).published

            date_runs.append(run_system(f"{cname} .published", chronist_date, dpages))
        progress("htmldate.find_date (extensive, url)")
        date_runs.append(
            run_system(
                "htmldate (default, url)",
                lambda p: htmldate.find_date(p.html, url=p.url),
                dpages,
            )
        )
        if not args.quick:
            progress("htmldate.find_date (fast, url)")
            date_runs.append(
                run_system(
                    "htmldate (fast, url)",
                    lambda p: htmldate.find_date(p.html, url=p.url, extensive_search=False),
                    dpages,
                )
            )
            progress("htmldate.find_date (published setting: original_date, no url)")
            date_runs.append(
                run_system(
                    "htmldate (orig_date, no url)",
                    lambda p: htmldate.find_date(p.html, original_date=True),
                    dpages,
                )
            )
        for run in date_runs:
            date_results[run.name] = score_dates(run, dpages)
        rows = [
            [
                name,
                f"{m['accuracy']:.3f}",
                f"{m['precision']:.3f}",
                f"{m['recall']:.3f}",
                f"{m['f1']:.3f}",
                f"{m['tp']}/{m['fp']}/{m['fn']}",
                f"{m['ms_per_page']:.1f}",
                str(m["errors"]),
            ]
            for name, m in date_results.items()
        ]
        print_table(
            f"3. Publication date — htmldate benchmark ({len(dpages)} pages, "
            f"{gold_null} with null gold)",
            ["system", "accuracy", "P", "R", "F1", "TP/FP/FN", "ms/page", "errors"],
            rows,
        )

    # ---------------------------------------------------------------- 3b: held-out plain text
    if "heldout" in sections and not TRAF_EVAL.is_dir():
        print(f"!! {TRAF_EVAL} not found: held-out section skipped")
    elif "heldout" in sections and extract is not None:
        hpages = load_trafilatura_eval(args.limit)
        progress(f"held-out: {len(hpages)} trafilatura-eval pages, rendered")

        def chronist_heldout(p: Page) -> str:
            return extract(RawDocument(input=p.id, content=p.text, kind="text", fields={})).body

        runs = [run_system(f"{cname} (text, rendered)", chronist_heldout, hpages)]
        if not args.quick:
            progress("held-out: trafilatura on the HTML (reference)")
            runs.append(
                run_system(
                    "trafilatura (html, no comments)",
                    lambda p: trafilatura.extract(p.html, url=p.url, include_comments=False),
                    hpages,
                )
            )
        rows = []
        for run in runs:
            m = score_snippets(run, hpages)
            report.setdefault("heldout", {})[run.name] = m
            rows.append([run.name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}"])
        print_table(
            f"3b. Held-out plain text — trafilatura-eval ({len(hpages)} pages, must-keep / "
            "must-drop snippets; not used while writing the rules)",
            ["system", "P", "R", "F1"],
            rows,
        )

    # ---------------------------------------------------------------- 4: speed
    speed: dict[str, dict] = {}
    if "speed" in sections and zyte:
        for res in (html_results, text_results):
            for name, m in res.items():
                if name == "whole rendered page":
                    continue
                speed[name] = {
                    k: m[k]
                    for k in (
                        "seconds",
                        "articles_per_s",
                        "body_words_per_s",
                        "input_words_per_s",
                        "x_spacy_sm",
                        "ms_per_article",
                    )
                }
        speed["render_page_text (bench helper)"] = {
            "seconds": render_seconds,
            "articles_per_s": len(zyte) / max(1e-9, render_seconds),
            "input_words_per_s": sum(n_words(p.text) for p in zyte) / max(1e-9, render_seconds),
        }
        rows = []
        for name, m in speed.items():
            rows.append(
                [
                    name,
                    f"{m['seconds']:.2f}",
                    f"{m.get('ms_per_article', 1000 / m['articles_per_s']):.1f}",
                    f"{m['articles_per_s']:.1f}",
                    f"{m['body_words_per_s']:,.0f}" if "body_words_per_s" in m else "-",
                    f"{m['input_words_per_s']:,.0f}",
                    f"{m['x_spacy_sm']:.1f}x" if "x_spacy_sm" in m else "-",
                ]
            )
        print_table(
            f"4. Speed — zyte pages, single process ({len(zyte)} pages; words = whitespace tokens; "
            f"input = rendered page text)",
            ["system", "s", "ms/art", "art/s", "body w/s", "input w/s", "vs spaCy sm"],
            rows,
        )
        for name in (f"{cname} (html)", f"{cname} (text)"):
            if name in speed:
                bw = speed[name]["body_words_per_s"]
                ok = "PASS" if bw > BODY_WORDS_PER_S_TARGET else "FAIL"
                print(
                    f"   {ok}: {name} {bw:,.0f} body words/s "
                    f"(target > {BODY_WORDS_PER_S_TARGET:,.0f}, i.e. < 1/10 of spaCy sm's "
                    f"~{SPACY_SM_WORDS_PER_S:,.0f} w/s)"
                )
        tk = "trafilatura (default)"
        for name in (f"{cname} (html)", f"{cname} (text)"):
            if name in speed and tk in speed:
                r = speed[tk]["seconds"] / max(1e-9, speed[name]["seconds"])
                print(f"   {name} is {r:.2f}x the speed of trafilatura (default) on HTML")

    elapsed = time.perf_counter() - t_start
    print(f"\ntotal wall time {elapsed:.1f} s")

    report.update(
        {
            "html": html_results,
            "text": text_results,
            "dates": date_results,
            "speed": speed,
            "render_seconds": render_seconds,
            "wall_seconds": elapsed,
            "bootstrap": n_boot,
        }
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
