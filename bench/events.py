"""Events benchmark: chronist's events stage on the ConfliBERT CAMEO sets and the PLOVER GSR.

Usage::

    python bench/events.py [--limit N] [--json OUT] [--errors K] [--gsr-exclude FILE]
                           [--no-baseline] [--stand-in]

Reads the corpora in place from ``<repo>/../shared/corpora/`` (nothing is copied into the repo:
the ConfliBERT sets carry no data licence and most sentences are edited CAMEO-manual examples;
error listings go to the console only and ``--json`` holds figures, line numbers, GSR ids and
labels, never text). chronist runs through ``chronist.pipeline.run_stages(articles, ("language",
"events"))`` in batches of 32; each sentence is the ``body`` of its own ``Article``
(``format="text"``, ``published=None``). A batch that raises is re-run sentence by sentence and a
sentence that still raises is a crash: it counts as "no event" everywhere. chronist's events are
``article.events``, a list of dicts with at least ``type`` (a PLOVER 2.0 event type, compared
upper-cased) and ``confidence`` (a number); the *top event* of a sentence is the one with the
highest confidence (the first in list order on ties) among those whose type is one of the 16
PLOVER types. Events breaking that contract are counted and shown (offsets and reasons only).

Data (read as UTF-8 bytes; both ``.tsv`` files have CRLF line ends, the ``\\r`` is dropped):

- ``conflibert-cameo/cameo_class/{train,test}.tsv``: ``sentence<TAB>label``, 1,349 train and 451
  test sentences, labels 0-4 = the CAMEO penta class (0 neutral statement or appeal, CAMEO 01-02;
  1 verbal cooperation, 03-05; 2 material cooperation, 06-08; 3 verbal conflict, 09-13 and 16;
  4 material conflict, 14-15 and 17-20). The sentence is kept as it is (a few end with a space).
  The test set holds one sentence twice (both kept, as the published scores keep them) and ends
  with ~37 hand-made probe sentences ("Obama wants to attack Switzerland.") whose labels are
  debatable.
- ``conflibert-cameo/cameo_ner/test.txt``: CoNLL ``token label`` lines, a blank line between
  sentences; the same 451 sentences as ``cameo_class/test.tsv``, in the same order, tokenised
  (spaces around punctuation, "'s" split). The body is the tokens joined by single spaces, so
  token ``i`` lies at known character offsets. Gold spans come from the tags: ``B-X`` opens a
  span of role X, ``I-X`` continues a span of role X and opens one otherwise; S = source actor,
  T = target, R = reciprocal/compound actor (888 spans: 409 S, 428 T, 51 R).
- ``plover-gsr/PLOVER_GSR_CAMEO.json``: 322 gold events (the ``DOCUMENT`` header record is
  skipped) in 316 distinct sentences (6 sentences carry 2 events); one unit per distinct
  sentence, in file order, gold = the set of its event types renamed to PLOVER 2.0 names
  (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). 258 of
  them are also in ``cameo_class/test.tsv`` (244 byte for byte; the others differ in quote
  marks, hyphens or a stray ``{``).

Sections, each printed side by side from this run:

1. **CAMEO penta-class macro-F1** on ``cameo_class/test.tsv``. chronist's class is derived from
   its top event with the table below, "no event" = class 0. The table follows the observed
   GSR -> class pairs in ``conflibert-cameo/SOURCE.md`` (the 258 shared sentences: AGREE, CONSULT,
   SUPPORT -> 1; AID, COOPERATE, RETREAT, CONCEDE -> 2; DEMAND, DISAPPROVE, REJECT, THREATEN,
   INVESTIGATE, SANCTION -> 3; PROTEST, MOBILIZE, COERCE, ASSAULT, FIGHT -> 4; 3 outliers) and
   CAMEO2PLOVER, where CAMEO 01-02 (statements, appeals) have no PLOVER type::

       PLOVER type                               class
       AGREE, CONSULT, SUPPORT                   1  verbal cooperation
       CONCEDE, COOPERATE, AID, RETREAT          2  material cooperation
       REQUEST, ACCUSE, REJECT, THREATEN,
       SANCTION                                  3  verbal conflict
       PROTEST, MOBILIZE, COERCE, ASSAULT        4  material conflict
       (no event)                                0  neutral statement / appeal

   An event whose ``cameo`` code (the lexicon pattern it came from) is 01x or 02x is class 0:
   PLOVER's REQUEST covers CAMEO's appeals (class 0) and demands (class 3).

   Beside it: scikit-learn ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)`` +
   ``LogisticRegression(max_iter=2000, C=10, class_weight="balanced")`` fitted in this run on
   ``cameo_class/train.tsv`` and evaluated on the same test sentences. Macro-F1 over the five
   classes (sklearn's definition: the unweighted mean of per-class F1), per-class F1, accuracy,
   and chronist's confusion matrix. Anchor: ConfliBERT-2021 0.895 macro-F1 (third-party re-run,
   aunabilChakmaArizona/ConfliBERT-v2 ``analysis/data/corrected_summary.csv``, mean of 3 seeds,
   fine-tuned on train; not measured here). Target: macro-F1 >= 0.85.
2. **PLOVER type accuracy on the GSR**: a sentence is correct when chronist's top event type is
   one of its gold types; a sentence with no event is wrong. chronist's lexicon is built from
   the CAMEO dictionary, not trained on the GSR, so every GSR sentence is held out unless
   ``--gsr-exclude FILE`` names GSR ids used in training (one id per line, ``#`` comments; a
   sentence is left out when any of its event ids is listed). Note that the GSR sentences are
   examples from the CAMEO manual, written beside the verb dictionary chronist's lexicon comes
   from. Beside it (the penta-class baseline predicts classes, not types): the same TF-IDF +
   LR pipeline trained on the GSR itself, 5-fold stratified cross-validation (shuffled, seed 0,
   stratified on the first gold type, fitted on the first gold type), its out-of-fold
   predictions scored the same way; labelled "5-fold CV on the GSR".
3. **Actor / recipient spans** on ``cameo_ner/test.txt``. chronist's spans: for every event,
   each item of ``event["actors"]`` (role S) and ``event["recipients"]`` (role T) has a
   ``mention`` dict ``{"start", "end", "text"}`` of character offsets into the body; it becomes
   the token span of the tokens it overlaps (a mention overlapping no token is dropped and
   counted). Predicted spans are deduplicated per role (the same mention as the actor of two
   events counts once; without roles, per span). Matching is one to one, per sentence, greedy
   by token overlap (largest first, then order): *exact* = same first and last token;
   *head overlap* = any shared token (lenient). *With roles* a source matches an actor, a target
   a recipient and a compound (R) span either; *without roles* any span matches any span.
   P/R/F1 micro over all spans. Anchor: ConfliBERT-2021 0.740 (same re-run; seqeval micro-F1,
   exact spans with the S/T/R type, so stricter on R than "exact, with roles" here). Target: F1
   (exact, with roles) >= 0.75.
   Diagnostic rows in sections 1 and 3 read chronist's fine-tuned model alone, without the
   coder's rules (``EventClassifier.heads``): the sentence head's likeliest class, and the
   token head's spans as participants (an R span counts as S, which a gold R also matches).
4. **Speed**: sentences/s and words/s of the ``run_stages(..., ("language", "events"))`` calls
   over the cameo_class test sentences (one process; spaCy and the stage loaded by a warm-up call
   first and excluded), and of the events stage alone, re-run on the analysed articles (which
   also checks that it gives the same events twice); beside it the TF-IDF + LR prediction time.

``--limit N`` takes N sentences of each test set (and of the GSR, after ``--gsr-exclude``),
evenly spread over it (the files are sorted by class or type, so the first N would hold one or
two classes); the class and span sets take the same lines. The penta-class baseline is still
fitted on all of train. ``--stand-in``
(or env ``CHRONIST_BENCH_STAND_IN=1``) registers a naive keyword stage as ``events`` (verbs of
the language stage's clauses looked up in a short keyword list; subject -> actor, object or
passive subject -> recipient) to test the harness; its rows are labelled ``STAND-IN``. Without
it, when no ``events`` stage is registered the script says so, prints the baseline figures and
exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
CAMEO_CLASS = CORPORA / "conflibert-cameo" / "cameo_class"
CAMEO_NER = CORPORA / "conflibert-cameo" / "cameo_ner" / "test.txt"
GSR = CORPORA / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
EVENTS_SRC = REPO / "src" / "chronist" / "events"

# benchmark the working tree, not whatever chronist happens to be installed
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

from console import one_to_one, progress, read_conll, table  # noqa: E402

from chronist.events.classifier import TYPE_CLASS as STAGE_TYPE_CLASS  # noqa: E402
from chronist.events.classifier import event_class as class_of  # noqa: E402
from chronist.settings import Settings  # noqa: E402

BATCH = 32
STAGE_NAMES = ("language", "events")
#: The run's settings (the lexicon-only rows switch the classifier off).
SETTINGS = Settings()
#: Label of the rows with the events stage's sentence classifier off (lexicon only).
LEXICON_ONLY = "chronist, lexicon only"
SEED = 0
FOLDS = 5

#: Penta class of each PLOVER 2.0 type (module docstring; the events stage's own table, so the
#: benchmark and the stage's classifier agree); no event -> 0.
TYPE_CLASS = STAGE_TYPE_CLASS
PLOVER_TYPES = tuple(TYPE_CLASS)
CLASSES = (0, 1, 2, 3, 4)
CLASS_NAMES = {
    0: "neutral",
    1: "verbal coop",
    2: "material coop",
    3: "verbal conflict",
    4: "material conflict",
}
#: GSR (PLOVER 0.5b1) names -> PLOVER 2.0.
GSR_RENAME = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: Diagnostic rows: chronist's fine-tuned heads read alone, without the coder's rules.
SENTENCE_HEAD = "chronist, sentence head alone"
TOKEN_HEAD = "chronist, token head alone"
ANCHOR_CLASS_F1 = 0.895  # ConfliBERT-2021, cameo_class macro-F1 (third-party re-run)
TARGET_CLASS_F1 = 0.85
ANCHOR_SPAN_F1 = 0.740  # ConfliBERT-2021, cameo_ner seqeval micro-F1 (same re-run)
TARGET_SPAN_F1 = 0.75
BASELINE = "TF-IDF+LR"

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass
class ClassItem:
    line: int  # 0-based line of the .tsv
    text: str
    label: int


@dataclass
class GoldSpan:
    role: str  # S, T or R
    start: int  # first token
    end: int  # last token + 1


@dataclass
class NerItem:
    index: int  # 0-based sentence number (= line of cameo_class/test.tsv)
    tokens: list[str]
    offsets: list[Span]  # character span of each token in ``text``
    text: str
    gold: list[GoldSpan]


@dataclass
class GsrItem:
    ids: list[str]
    text: str
    types: list[str]  # PLOVER 2.0 names, in file order, duplicates kept


def load_class(split: str) -> list[ClassItem]:
    raw = (CAMEO_CLASS / f"{split}.tsv").read_bytes().decode("utf-8")
    out = []
    for n, line in enumerate(raw.split("\n")):
        line = line.removesuffix("\r")
        if not line:
            continue
        text, _, label = line.rpartition("\t")
        out.append(ClassItem(n, text, int(label)))
    return out


def load_ner() -> list[NerItem]:
    sents = read_conll(CAMEO_NER)
    out = []
    for i, sent in enumerate(sents):
        tokens = [t for t, _ in sent]
        offsets, pos = [], 0
        for t in tokens:
            offsets.append((pos, pos + len(t)))
            pos += len(t) + 1
        gold: list[GoldSpan] = []
        open_role: str | None = None
        for k, (_, tag) in enumerate(sent):
            prefix, _, role = tag.partition("-")
            if prefix == "B" or (prefix == "I" and role != open_role):
                gold.append(GoldSpan(role, k, k + 1))
                open_role = role
            elif prefix == "I":
                gold[-1].end = k + 1
            else:
                open_role = None
        out.append(NerItem(i, tokens, offsets, " ".join(tokens), gold))
    return out


def load_gsr() -> list[GsrItem]:
    records = json.loads(GSR.read_bytes().decode("utf-8"))
    by_text: dict[str, GsrItem] = {}
    for r in records:
        if r.get("event") == "DOCUMENT":
            continue
        item = by_text.setdefault(r["text"], GsrItem([], r["text"], []))
        item.ids.append(r["id"])
        item.types.append(GSR_RENAME.get(r["event"], r["event"]))
    return list(by_text.values())


def read_exclude(path: Path) -> set[str]:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ids.add(line)
    return ids


# --------------------------------------------------------------------------------------------
# The stand-in stage
# --------------------------------------------------------------------------------------------

_STAND_IN_VERBS = {
    "AGREE": "agree promise pledge offer vow",
    "CONSULT": "meet visit discuss host negotiate talk",
    "SUPPORT": "praise support endorse welcome sign recognize back",
    "CONCEDE": "ease lift release allow",
    "COOPERATE": "cooperate",
    "AID": "aid donate provide supply",
    "RETREAT": "withdraw retreat evacuate",
    "REQUEST": "demand urge ask call appeal request",
    "ACCUSE": "accuse criticize condemn denounce charge blame investigate",
    "REJECT": "reject refuse deny decline oppose",
    "THREATEN": "threaten warn",
    "PROTEST": "protest demonstrate march rally",
    "MOBILIZE": "mobilize deploy",
    "SANCTION": "sanction expel suspend halt recall",
    "COERCE": "arrest detain seize ban impose blockade occupy deport",
    "ASSAULT": "attack kill bomb shoot fire wound shell clash fight abduct kidnap",
}
_STAND_IN_LEMMA = {w: t for t, ws in _STAND_IN_VERBS.items() for w in ws.split()}
_STAND_IN_NOUN = re.compile(
    r"\b(attack|protest|talks|sanctions|aid|agreement|demonstration|clash(?:es)?)\b", re.I
)
_STAND_IN_NOUN_TYPE = {
    "attack": "ASSAULT",
    "protest": "PROTEST",
    "talks": "CONSULT",
    "sanctions": "SANCTION",
    "aid": "AID",
    "agreement": "AGREE",
    "demonstration": "PROTEST",
    "clash": "ASSAULT",
    "clashes": "ASSAULT",
}


class StandInEventStage:
    """Harness-testing fake: clause verbs in a keyword list, subject/object as participants."""

    name = "events"

    def process(self, articles: list[Any]) -> list[Any]:
        for art in articles:
            events = []
            for c in art.clauses:
                etype = _STAND_IN_LEMMA.get(c["lemma"])
                if etype is None:
                    continue
                who, whom = c.get("subject"), c.get("object")
                if c.get("passive"):
                    who, whom = c.get("agent"), c.get("subject")
                events.append(
                    {
                        "type": etype,
                        "confidence": 0.6 if who and whom else 0.4,
                        "trigger": dict(c["verb"]),
                        "actors": [{"mention": dict(who)}] if who else [],
                        "recipients": [{"mention": dict(whom)}] if whom else [],
                    }
                )
            if not events:
                m = _STAND_IN_NOUN.search(art.body)
                if m:
                    span = {"start": m.start(), "end": m.end(), "text": m.group()}
                    etype = _STAND_IN_NOUN_TYPE[m.group().lower()]
                    events.append(
                        {
                            "type": etype,
                            "confidence": 0.2,
                            "trigger": span,
                            "actors": [],
                            "recipients": [],
                        }
                    )
            art.events = events
        return articles


# --------------------------------------------------------------------------------------------
# Running chronist
# --------------------------------------------------------------------------------------------


def make_article(ident: str, text: str) -> Any:
    from chronist.model import Article

    return Article(
        id=hashlib.sha1(ident.encode()).hexdigest()[:16],
        input=ident,
        format="text",
        body=text,
        published=None,
    )


@dataclass
class Analysed:
    """chronist's articles for one set, aligned with its items (None: crashed)."""

    what: str
    arts: list[Any]
    crashes: list[tuple[int, str]]  # (item index, reason)
    seconds: float
    contract: list[tuple[int, str]] = field(default_factory=list)  # (item index, problem)


def events_of(art: Any) -> list[Any]:
    evs = getattr(art, "events", None) if art is not None else None
    return evs if isinstance(evs, list) else []


def _mention_ok(m: Any, body: str) -> str | None:
    if not isinstance(m, dict):
        return "mention is not a dict"
    s, e = m.get("start"), m.get("end")
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(body)):
        return f"mention {s}:{e} outside the body"
    if m.get("text") != body[s:e]:
        return f"mention {s}:{e} text != body[start:end]"
    return None


def contract_problems(art: Any) -> list[str]:
    """Ways the article's events break the contract the benchmark reads (no text)."""
    if not isinstance(getattr(art, "events", None), list):
        return ["article.events missing or not a list"]
    out = []
    for k, ev in enumerate(art.events):
        if not isinstance(ev, dict):
            out.append(f"event {k} is not a dict")
            continue
        t = ev.get("type")
        if not isinstance(t, str) or t.upper() not in TYPE_CLASS:
            out.append(f"event {k}: type {t!r} is not a PLOVER type")
        c = ev.get("confidence")
        if isinstance(c, bool) or not isinstance(c, int | float):
            out.append(f"event {k}: confidence {c!r} is not a number")
        for role in ("actors", "recipients"):
            items = ev.get(role)
            if not isinstance(items, list):
                out.append(f"event {k}: {role} is not a list")
                continue
            for it in items:
                why = _mention_ok(it.get("mention") if isinstance(it, dict) else None, art.body)
                if why:
                    out.append(f"event {k} {role}: {why}")
    return out


def top_event(art: Any) -> dict | None:
    """The valid event with the highest confidence (first on ties), or None."""
    best, best_c = None, None
    for ev in events_of(art):
        if not isinstance(ev, dict) or not isinstance(ev.get("type"), str):
            continue
        if ev["type"].upper() not in TYPE_CLASS:
            continue
        c = ev.get("confidence")
        c = float(c) if isinstance(c, int | float) and not isinstance(c, bool) else 0.0
        if best_c is None or c > best_c:
            best, best_c = ev, c
    return best


def event_class(event: dict | None) -> int:
    """The penta class of an event: its type's, except that a REQUEST coded from a CAMEO 02
    pattern (an appeal) is class 0, as CAMEO counts appeals; no event is class 0."""
    if not event:
        return 0
    return class_of(event["type"].upper(), str(event.get("cameo") or ""))


def top_type(art: Any) -> str | None:
    ev = top_event(art)
    return ev["type"].upper() if ev else None


def warm_up() -> float:
    from chronist.pipeline import run_stages

    t0 = time.perf_counter()
    run_stages(
        [make_article("warmup", "The ministers met in Paris on Monday.")], STAGE_NAMES, SETTINGS
    )
    return time.perf_counter() - t0


def analyse(what: str, texts: list[str], label: str) -> Analysed:
    from chronist.pipeline import run_stages

    arts: list[Any] = []
    crashes: list[tuple[int, str]] = []
    seconds = 0.0
    for i in range(0, len(texts), BATCH):
        batch = texts[i : i + BATCH]
        progress(f"{label}: {what} sentences {i + 1}-{i + len(batch)} of {len(texts)}")
        made = [make_article(f"{what}:{i + k + 1}", t) for k, t in enumerate(batch)]
        t0 = time.perf_counter()
        try:
            done = list(run_stages(made, STAGE_NAMES, SETTINGS))
            if len(done) != len(made):
                raise RuntimeError(f"{len(done)} articles back for {len(made)}")
        except Exception:
            done = []
            for k, t in enumerate(batch):
                try:
                    done.append(
                        run_stages([make_article(f"{what}:{i + k + 1}", t)], STAGE_NAMES, SETTINGS)[
                            0
                        ]
                    )
                except Exception as exc:
                    crashes.append((i + k, f"{type(exc).__name__}: {exc}"[:200]))
                    done.append(None)
        seconds += time.perf_counter() - t0
        arts.extend(done)
    run = Analysed(what, arts, crashes, seconds)
    for n, art in enumerate(arts):
        if art is not None:
            run.contract.extend((n, p) for p in contract_problems(art))
    return run


def events_alone(arts: list[Any]) -> dict[str, Any]:
    """The events stage re-run on analysed articles: its own cost, and whether it repeats."""
    from chronist.pipeline import run_stages

    arts = [a for a in arts if a is not None]
    before = [json.dumps(events_of(a), sort_keys=True, default=str) for a in arts]
    raised = 0
    t0 = time.perf_counter()
    for i in range(0, len(arts), BATCH):
        try:
            run_stages(arts[i : i + BATCH], ("events",), SETTINGS)
        except Exception:
            raised += 1
    seconds = time.perf_counter() - t0
    after = [json.dumps(events_of(a), sort_keys=True, default=str) for a in arts]
    return {
        "seconds": seconds,
        "sentences": len(arts),
        "batches_raising": raised,
        "differs": sum(a != b for a, b in zip(before, after, strict=True)),
    }


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def tfidf_lr() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, C=10, class_weight="balanced"),
    )


def class_baseline(train: list[ClassItem], test: list[ClassItem]) -> dict[str, Any]:
    model = tfidf_lr()
    t0 = time.perf_counter()
    model.fit([x.text for x in train], [x.label for x in train])
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = [int(p) for p in model.predict([x.text for x in test])]
    return {"pred": pred, "fit_seconds": fit_s, "predict_seconds": time.perf_counter() - t0}


def gsr_cv(items: list[GsrItem]) -> dict[str, Any]:
    """Out-of-fold type predictions of TF-IDF + LR on the GSR sentences."""
    from sklearn.model_selection import StratifiedKFold

    texts = [g.text for g in items]
    y = [g.types[0] for g in items]
    counts = Counter(y)
    pred: list[str | None] = [None] * len(items)
    with warnings.catch_warnings():
        # the rarest type has fewer sentences than folds: sklearn warns, the split still works
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
        try:
            splits = list(folds.split(texts, y))
        except ValueError as exc:
            return {"pred": pred, "error": str(exc), "smallest": min(counts.values())}
    for train_idx, test_idx in splits:
        model = tfidf_lr()
        model.fit([texts[i] for i in train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, model.predict([texts[i] for i in test_idx]), strict=True):
            pred[i] = str(p)
    rare = sorted(t for t, n in counts.items() if n < FOLDS)
    return {"pred": pred, "error": None, "rare": {t: counts[t] for t in rare}}


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "p": p, "r": r, "f1": f}


def class_scores(gold: list[int], pred: list[int]) -> dict[str, Any]:
    per = {}
    for c in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == c)
        per[c] = prf(tp, pred.count(c), gold.count(c))
    return {
        "macro_f1": sum(per[c]["f1"] for c in CLASSES) / len(CLASSES),
        "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        if gold
        else 0.0,
        "per_class": {str(c): per[c] for c in CLASSES},
        "confusion": [
            [sum(1 for g, p in zip(gold, pred, strict=True) if g == a and p == b) for b in CLASSES]
            for a in CLASSES
        ],
    }


def type_scores(items: list[GsrItem], pred: list[str | None]) -> dict[str, Any]:
    ok = [p is not None and p in g.types for g, p in zip(items, pred, strict=True)]
    by_type: dict[str, list[int]] = {}
    for g, good in zip(items, ok, strict=True):
        by_type.setdefault(g.types[0], [0, 0])
        by_type[g.types[0]][0] += good
        by_type[g.types[0]][1] += 1
    confusions = Counter(
        (g.types[0], p or "(none)") for g, p, good in zip(items, pred, ok, strict=True) if not good
    )
    return {
        "sentences": len(items),
        "correct": sum(ok),
        "accuracy": sum(ok) / len(items) if items else 0.0,
        "no_event": sum(p is None for p in pred),
        "by_first_type": by_type,
        "confusions": confusions,
        "ok": ok,
    }


def token_span(item: NerItem, s: int, e: int) -> Span | None:
    """The tokens a character span overlaps, as (first, last + 1)."""
    hit = [k for k, (a, b) in enumerate(item.offsets) if a < e and s < b]
    return (hit[0], hit[-1] + 1) if hit else None


def predicted_spans(item: NerItem, art: Any) -> tuple[list[tuple[str, int, int]], int]:
    """(role, first, end) of every actor (S) and recipient (T) mention, deduplicated."""
    out: list[tuple[str, int, int]] = []
    dropped = 0
    for ev in events_of(art):
        if not isinstance(ev, dict):
            continue
        for key, role in (("actors", "S"), ("recipients", "T")):
            items = ev.get(key)
            for it in items if isinstance(items, list) else []:
                m = it.get("mention") if isinstance(it, dict) else None
                if _mention_ok(m, item.text):
                    dropped += 1
                    continue
                span = token_span(item, m["start"], m["end"])
                if span is None:
                    dropped += 1
                elif (role, *span) not in out:
                    out.append((role, *span))
    return out, dropped


def match_spans(
    preds: list[tuple[str, int, int]], golds: list[GoldSpan], exact: bool, roles: bool
) -> dict[int, int]:
    """One-to-one matching, largest token overlap first: {pred index: gold index}."""
    cands = []
    for i, (role, s, e) in enumerate(preds):
        for j, g in enumerate(golds):
            if roles and not (g.role == "R" or g.role == role):
                continue
            if exact and (s, e) != (g.start, g.end):
                continue
            ov = min(e, g.end) - max(s, g.start)
            if ov > 0:
                cands.append((ov, i, j))
    return one_to_one(cands)


SPAN_MODES = (
    ("exact, with roles", True, True),
    ("exact, any role", True, False),
    ("head overlap, with roles", False, True),
    ("head overlap, any role", False, False),
)


def span_scores(items: list[NerItem], run: Analysed) -> tuple[dict[str, Any], list]:
    totals = {name: [0, 0, 0] for name, _, _ in SPAN_MODES}  # tp, pred, gold
    by_role = {r: [0, 0] for r in "STR"}  # exact with roles: found, total
    dropped = 0
    missed: list[tuple[NerItem, GoldSpan, list[tuple[str, int, int]]]] = []
    for item, art in zip(items, run.arts, strict=True):
        preds, d = predicted_spans(item, art)
        dropped += d
        for name, exact, roles in SPAN_MODES:
            ps = preds
            if not roles:  # one prediction per span
                seen: list[tuple[str, int, int]] = []
                for p in preds:
                    if all(p[1:] != q[1:] for q in seen):
                        seen.append(("*", *p[1:]))
                ps = seen
            m = match_spans(ps, item.gold, exact, roles)
            totals[name][0] += len(m)
            totals[name][1] += len(ps)
            totals[name][2] += len(item.gold)
            if exact and roles:
                found = set(m.values())
                for j, g in enumerate(item.gold):
                    by_role[g.role][1] += 1
                    by_role[g.role][0] += j in found
                    if j not in found:
                        missed.append((item, g, preds))
    rep: dict[str, Any] = {name: prf(*totals[name]) for name, _, _ in SPAN_MODES}
    rep["recall_by_role"] = {r: (f / n if n else 0.0, n) for r, (f, n) in by_role.items()}
    rep["mentions_dropped"] = dropped
    return rep, missed


# --------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------

PRF_HEAD = ["", "gold", "pred", "match", "P", "R", "F1"]


def prf_row(name: str, m: dict) -> list[Any]:
    return [name, m["gold"], m["pred"], m["tp"], f"{m['p']:.3f}", f"{m['r']:.3f}", f"{m['f1']:.3f}"]


def class_row(name: str, n: int, s: dict) -> list[Any]:
    return [name, n, f"{s['macro_f1']:.3f}", f"{s['accuracy']:.3f}"] + [
        f"{s['per_class'][str(c)]['f1']:.3f}" for c in CLASSES
    ]


def _snip(text: str, n: int = 90) -> str:
    return repr(text if len(text) <= n else text[: n - 1] + "…")


def _spread(items: list, k: int) -> list:
    """``k`` items evenly spread over the list (deterministic, not only the first ones)."""
    if len(items) <= k:
        return items
    step = len(items) / k
    return [items[int(i * step)] for i in range(k)]


def pick(items: list, limit: int | None) -> list:
    """``--limit``: that many items evenly spread over the set (all when None)."""
    return items if limit is None else _spread(items, max(limit, 0))


def meets(value: float, target: float) -> str:
    return "meets" if value >= target else "misses"


def print_contract(run: Analysed, label: str) -> None:
    if run.crashes:
        print(f"  !! {label}: {len(run.crashes)} {run.what} sentences raised (counted as no event)")
        for n, why in run.crashes[:5]:
            print(f"     line {n + 1}: {why}")
    if run.contract:
        print(f"  !! {label}: {len(run.contract)} contract problems in {run.what}")
        for n, why in run.contract[:10]:
            print(f"     sentence {n + 1}: {why}")


def events_notes() -> list[str]:
    """Files of the events package that mention the GSR (a model card may list training ids)."""
    if not EVENTS_SRC.is_dir():
        return []
    out = []
    for p in sorted(EVENTS_SRC.rglob("*")):
        if p.suffix.lower() in (".md", ".txt", ".yaml", ".yml", ".json") and p.is_file():
            try:
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if re.search(r"\bGSR\b|PLOVER_GSR", text):
                out.append(str(p.relative_to(REPO)))
    return out


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--limit", type=int, default=None, help="N sentences of each set, evenly spread"
    )
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write figures")
    ap.add_argument("--errors", type=int, default=0, metavar="K", help="print K errors per section")
    ap.add_argument(
        "--gsr-exclude",
        type=Path,
        default=None,
        metavar="FILE",
        help="GSR ids used in training (one per line); their sentences are not scored",
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip TF-IDF + LR")
    ap.add_argument(
        "--stand-in",
        action="store_true",
        default=os.environ.get("CHRONIST_BENCH_STAND_IN") == "1",
        help="register a naive keyword events stage to test the harness",
    )
    args = ap.parse_args(argv)

    needed = [CAMEO_CLASS / "train.tsv", CAMEO_CLASS / "test.tsv", CAMEO_NER, GSR]
    if not all(p.is_file() for p in needed):
        print(f"Benchmark corpora not found under {CORPORA} (the shared folder next to the repo):")
        for p in needed:
            if not p.is_file():
                print(f"  missing {p}")
        print("nothing to do.")
        return 0

    t_start = time.perf_counter()
    from chronist import registry

    if args.stand_in:
        spec = registry.stages()["events"]
        registry.register(replace(spec, factory=lambda settings: StandInEventStage()))
        label = "STAND-IN"
    elif "events" in registry.stages():
        label = "chronist"
    else:
        label = None
    broken = None  # why a registered events stage could not run its warm-up sentence
    load_s = 0.0
    if label:
        try:
            load_s = warm_up()
        except Exception as exc:
            broken = f"{type(exc).__name__}: {exc}"[:300]
            label = None

    # ---- data
    train = load_class("train")
    test = pick(load_class("test"), args.limit)
    ner = pick(load_ner(), args.limit)
    gsr_all = load_gsr()
    excluded_ids = read_exclude(args.gsr_exclude) if args.gsr_exclude else set()
    gsr = pick([g for g in gsr_all if not excluded_ids.intersection(g.ids)], args.limit)
    known_ids = {i for g in gsr_all for i in g.ids}

    baseline = not args.no_baseline
    if baseline:
        try:
            import sklearn
        except ImportError:
            print('  scikit-learn is not installed (pip install -e ".[bench]"): baselines skipped')
            baseline = False
    import spacy

    report: dict[str, Any] = {
        "label": label or ("(events stage broken)" if broken else "(no events stage)"),
        "stage_error": broken,
        "limit": args.limit,
        "versions": {"python": sys.version.split()[0], "spacy": spacy.__version__},
    }
    if baseline:
        report["versions"]["scikit-learn"] = sklearn.__version__
    print(
        f"events benchmark: {report['label']} on ConfliBERT cameo_class test "
        f"({len(test)}), cameo_ner test ({len(ner)}), PLOVER GSR ({len(gsr)} sentences); "
        f"spaCy {spacy.__version__}"
        + (f", scikit-learn {report['versions']['scikit-learn']}" if baseline else "")
    )
    if label == "STAND-IN":
        print("  STAND-IN: clause verbs in a keyword list, subject/object as participants")
    if broken:
        print(
            "  !! chronist's events stage is registered but fails on a warm-up sentence "
            f"({broken}): only the baseline figures follow."
        )
    elif label is None:
        print(
            "  !! chronist's events stage is not registered in chronist.registry yet: "
            "only the baseline figures follow (run with --stand-in to test the harness)."
        )

    # ---- chronist
    runs: dict[str, Analysed] = {}
    alone: dict[str, Any] = {}
    if label:
        runs["class"] = analyse("cameo_class", [x.text for x in test], label)
        alone = events_alone(runs["class"].arts)
        runs["ner"] = analyse("cameo_ner", [x.text for x in ner], label)
        runs["gsr"] = analyse("gsr", [g.text for g in gsr], label)
    lexicon_runs: dict[str, Analysed] = {}
    if label == "chronist":
        # The same stage with its sentence classifier off, for the side-by-side rows.
        global SETTINGS
        SETTINGS = Settings(classifier=False)
        try:
            lexicon_runs["class"] = analyse("cameo_class", [x.text for x in test], LEXICON_ONLY)
            lexicon_runs["gsr"] = analyse("gsr", [g.text for g in gsr], LEXICON_ONLY)
        finally:
            SETTINGS = Settings()

    # ---- the fine-tuned heads alone (diagnostic rows: the model without the coder's rules)
    heads_class = heads_ner = None
    if label == "chronist":
        from chronist.events.classifier import load_classifier

        model = load_classifier()
        read_class = model.heads([x.text for x in test]) if model else None
        read_ner = model.heads([x.text for x in ner]) if model else None
        if read_class and read_ner:
            heads_class = [int(p.argmax()) for p in read_class[0]]
            heads_ner = [
                [(("S" if r == "R" else r), *t) for r, a, b in spans if (t := token_span(x, a, b))]
                for x, spans in zip(ner, read_ner[1], strict=True)
            ]

    # ---- baselines
    base_class = class_baseline(train, test) if baseline and test else None
    base_gsr = gsr_cv(gsr) if baseline and gsr else None

    # ---- 1. penta class
    gold = [x.label for x in test]
    print(f"\n1. CAMEO penta-class macro-F1 (cameo_class test, {len(test)} sentences)")
    rows = []
    if label:
        c_pred = [event_class(top_event(a)) for a in runs["class"].arts]
        c_sc = class_scores(gold, c_pred)
        rows.append(class_row(label, len(test), c_sc))
        report["cameo_class"] = {label: {**c_sc, "pred": c_pred}}
    if "class" in lexicon_runs:
        l_pred = [event_class(top_event(a)) for a in lexicon_runs["class"].arts]
        l_sc = class_scores(gold, l_pred)
        rows.append(class_row(LEXICON_ONLY, len(test), l_sc))
        report["cameo_class"][LEXICON_ONLY] = l_sc
    if heads_class is not None:
        h_sc = class_scores(gold, heads_class)
        rows.append(class_row(SENTENCE_HEAD, len(test), h_sc))
        report["cameo_class"][SENTENCE_HEAD] = h_sc
    if base_class:
        b_sc = class_scores(gold, base_class["pred"])
        rows.append(class_row(f"{BASELINE} (fit on train, {len(train):,})", len(test), b_sc))
        report.setdefault("cameo_class", {})[BASELINE] = {
            **b_sc,
            "pred": base_class["pred"],
            "fit_seconds": base_class["fit_seconds"],
        }
    head = ["", "sentences", "macro-F1", "accuracy"] + [f"F1 {c}" for c in CLASSES]
    if rows:
        print(table(head, rows))
    print(
        "  classes: "
        + ", ".join(f"{c} {CLASS_NAMES[c]}" for c in CLASSES)
        + f"; gold counts {dict(sorted(Counter(gold).items()))}"
    )
    print(
        f"  anchor: ConfliBERT-2021 {ANCHOR_CLASS_F1:.3f} macro-F1 (published re-run, not measured)"
    )
    if label:
        print(
            f"  target macro-F1 >= {TARGET_CLASS_F1}: {meets(c_sc['macro_f1'], TARGET_CLASS_F1)}; "
            f"{sum(top_event(a) is None for a in runs['class'].arts)} sentences without an event"
        )
        print(f"  {label} confusion (rows gold, columns predicted class):")
        print(
            table(
                ["gold"] + [str(c) for c in CLASSES],
                [[f"{c} {CLASS_NAMES[c]}"] + c_sc["confusion"][c] for c in CLASSES],
                indent="    ",
            )
        )
        print_contract(runs["class"], label)

    # ---- 2. GSR types
    print(f"\n2. PLOVER type accuracy on the GSR ({len(gsr)} sentences scored)")
    if excluded_ids:
        unknown = len(excluded_ids - known_ids)
        print(
            f"  --gsr-exclude {args.gsr_exclude}: {len(excluded_ids)} ids, "
            f"{len(gsr_all) - len([g for g in gsr_all if not excluded_ids.intersection(g.ids)])} "
            f"sentences left out of {len(gsr_all)}"
            + (f"; !! {unknown} ids are not in the GSR" if unknown else "")
        )
    else:
        print(
            f"  all {len(gsr_all)} distinct GSR sentences are held out (no --gsr-exclude: "
            "chronist's lexicon comes from the CAMEO dictionary, not the GSR)"
        )
        notes = events_notes()
        if notes:
            print(f"  note: {', '.join(notes)} mention the GSR: check for ids used in training")
    rows = []
    t_sc = b_tsc = None
    if label:
        t_pred = [top_type(a) for a in runs["gsr"].arts]
        t_sc = type_scores(gsr, t_pred)
        rows.append(
            [label, t_sc["sentences"], t_sc["correct"], f"{t_sc['accuracy']:.3f}", t_sc["no_event"]]
        )
    if "gsr" in lexicon_runs:
        l_tsc = type_scores(gsr, [top_type(a) for a in lexicon_runs["gsr"].arts])
        rows.append(
            [
                LEXICON_ONLY,
                l_tsc["sentences"],
                l_tsc["correct"],
                f"{l_tsc['accuracy']:.3f}",
                l_tsc["no_event"],
            ]
        )
    if base_gsr and base_gsr["error"] is None:
        b_tsc = type_scores(gsr, base_gsr["pred"])
        rows.append(
            [
                f"{BASELINE} ({FOLDS}-fold CV on the GSR)",
                b_tsc["sentences"],
                b_tsc["correct"],
                f"{b_tsc['accuracy']:.3f}",
                "-",
            ]
        )
    if rows:
        print(table(["", "sentences", "correct", "accuracy", "no event"], rows))
    if base_gsr and base_gsr["error"]:
        print(f"  {BASELINE} CV skipped: {base_gsr['error']}")
    elif base_gsr and base_gsr["rare"]:
        print(
            f"  {BASELINE} CV: types with fewer than {FOLDS} sentences (not in every fold): "
            + ", ".join(f"{t} {n}" for t, n in base_gsr["rare"].items())
        )
    if t_sc or b_tsc:
        any_sc = t_sc or b_tsc
        types = sorted(any_sc["by_first_type"], key=lambda t: PLOVER_TYPES.index(t))
        rows = []
        for t in types:
            n = any_sc["by_first_type"][t][1]
            row = [t, TYPE_CLASS[t], n]
            for sc in (t_sc, b_tsc):
                if sc:
                    row.append(f"{sc['by_first_type'][t][0] / n:.2f}")
            rows.append(row)
        head = ["first gold type", "class", "sentences"]
        head += [label] if t_sc else []
        head += [f"{BASELINE} CV"] if b_tsc else []
        print(table(head, rows))
    if t_sc:
        top = t_sc["confusions"].most_common(8)
        print(
            f"  {label} commonest errors (gold -> predicted): "
            + ", ".join(f"{g}->{p} {n}" for (g, p), n in top)
        )
        print_contract(runs["gsr"], label)
        report["gsr"] = {
            label: {k: v for k, v in t_sc.items() if k not in ("confusions", "ok")},
            "pred": {g.ids[0]: p for g, p in zip(gsr, t_pred, strict=True)},
        }
    if b_tsc:
        report.setdefault("gsr", {})[f"{BASELINE} CV"] = {
            k: v for k, v in b_tsc.items() if k not in ("confusions", "ok")
        }
    report.setdefault("gsr", {})["excluded_ids"] = sorted(excluded_ids)

    # ---- 3. spans
    n_gold = Counter(g.role for x in ner for g in x.gold)
    print(
        f"\n3. Actor / recipient spans (cameo_ner test, {len(ner)} sentences, "
        f"{sum(n_gold.values())} gold spans: {n_gold['S']} S, {n_gold['T']} T, {n_gold['R']} R)"
    )
    s_sc = s_missed = None
    if label:
        s_sc, s_missed = span_scores(ner, runs["ner"])
        span_rows = [prf_row(f"{label} {name}", s_sc[name]) for name, _, _ in SPAN_MODES]
        if heads_ner is not None:
            tp = n_pred = 0
            for x, preds in zip(ner, heads_ner, strict=True):
                tp += len(match_spans(preds, x.gold, True, True))
                n_pred += len(preds)
            h_prf = prf(tp, n_pred, sum(len(x.gold) for x in ner))
            span_rows.append(prf_row(f"{TOKEN_HEAD} exact, with roles", h_prf))
            s_sc[TOKEN_HEAD] = h_prf
        print(table(PRF_HEAD, span_rows))
        rr = s_sc["recall_by_role"]
        print(
            "  exact, with roles: recall by gold role "
            + ", ".join(f"{r} {rr[r][0]:.3f} ({rr[r][1]})" for r in "STR")
            + f"; {s_sc['mentions_dropped']} mentions dropped (bad offsets or no token)"
        )
        f1 = s_sc["exact, with roles"]["f1"]
        print(f"  target F1 (exact, with roles) >= {TARGET_SPAN_F1}: {meets(f1, TARGET_SPAN_F1)}")
        print_contract(runs["ner"], label)
        report["cameo_ner"] = {label: s_sc}
    print(
        f"  anchor: ConfliBERT-2021 {ANCHOR_SPAN_F1:.3f} (seqeval micro-F1, exact span + "
        "S/T/R type; published re-run, not measured)"
    )

    # ---- 4. speed
    print(f"\n4. Speed (cameo_class test, {len(test)} sentences, one process)")
    rows = []
    words = sum(len(x.text.split()) for x in test)

    def speed_row(name: str, sentences: int, seconds: float) -> list[Any]:
        rates = [f"{n / seconds:,.0f}" if seconds else "-" for n in (sentences, words)]
        return [name, sentences, f"{seconds:.2f}", *rates]

    if label:
        rows.append(speed_row(f"{label}: language + events", len(test), runs["class"].seconds))
        rows.append(speed_row(f"{label}: events stage alone", alone["sentences"], alone["seconds"]))
    if base_class:
        rows.append(speed_row(f"{BASELINE} predict", len(test), base_class["predict_seconds"]))
    if rows:
        print(table(["", "sentences", "seconds", "sentences/s", "words/s"], rows))
    if label:
        print(
            f"  load (warm-up call) {load_s:.1f} s; events re-run differs on {alone['differs']} "
            f"sentences, {alone['batches_raising']} re-run batches raised; crashes: "
            + ", ".join(f"{r.what} {len(r.crashes)}" for r in runs.values())
        )
        report["speed"] = {
            label: {
                "seconds": runs["class"].seconds,
                "sentences_per_s": len(test) / runs["class"].seconds
                if runs["class"].seconds
                else None,
                "load_seconds": load_s,
                "events_alone": alone,
            }
        }
        report["crashes"] = {r.what: [n for n, _ in r.crashes] for r in runs.values()}
        report["contract_problems"] = {r.what: r.contract for r in runs.values()}
    if base_class:
        report.setdefault("speed", {})[BASELINE] = {
            "fit_seconds": base_class["fit_seconds"],
            "predict_seconds": base_class["predict_seconds"],
        }

    # ---- errors
    if label and args.errors:
        k = args.errors
        wrong = [
            (x, p, art)
            for x, p, art in zip(test, c_pred, runs["class"].arts, strict=True)
            if x.label != p
        ]
        print(f"\n  {label}: {min(k, len(wrong))} of {len(wrong)} misclassified sentences")
        for x, p, art in _spread(wrong, k):
            print(
                f"   line {x.line + 1:>4} gold {x.label} got {p} ({top_type(art)}) {_snip(x.text)}"
            )
        misses = [(g, p) for g, p, ok in zip(gsr, t_pred, t_sc["ok"], strict=True) if not ok]
        print(f"\n  {label}: {min(k, len(misses))} of {len(misses)} GSR sentences typed wrong")
        for g, p in _spread(misses, k):
            print(f"   {g.ids[0]:30} {'/'.join(g.types)} -> {p} {_snip(g.text, 70)}")
        print(f"\n  {label}: {min(k, len(s_missed))} of {len(s_missed)} gold spans missed (exact)")
        for item, g, preds in _spread(s_missed, k):
            got = "; ".join(f"{r}:{' '.join(item.tokens[s:e])}" for r, s, e in preds) or "-"
            print(
                f"   {item.index + 1:>4} {g.role}:{' '.join(item.tokens[g.start : g.end])!r:40}"
                f" got {got[:80]}"
            )

    report["total_seconds"] = time.perf_counter() - t_start
    print(f"\ntotal {report['total_seconds']:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
