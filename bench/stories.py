"""The stories benchmark: same-story similarity, clustering quality and the speed of the
``stories`` store step (:mod:`chronist.stories`).

What is measured, and why:

* **Same-story similarity**: the 354 English-English pairs of the SemEval-2022 Task 8 sample
  (``../shared/corpora/semeval2022-task8-sample``, read in place). ``Overall`` is 1 (very
  similar) to 4; a pair with Overall <= 1.5 is "same story". chronist's
  :func:`~chronist.stories.cluster.pair_similarity` (MiniLM on title and lead, TF-IDF terms,
  key actors and places) is scored by |Pearson r| against Overall and by F1 of "same story" at
  :data:`~chronist.stories.cluster.THRESHOLD`, beside TF-IDF cosine (scikit-learn, sublinear tf,
  English stop words, fitted on the pair texts) in the same run. Every figure is printed for
  the pairs of ``training_set.csv`` (the "fit half"), of ``testing_set.csv`` (the "check
  half") and for all. The texts carry title and body with no separator, so each is stored as a
  body with no title. The language stage gives the actors and places (the keys); records and
  embeddings are cached in ``bench/.cache/`` (git ignores it).
* ``--fit``: logistic regression of "same story" on (embedding cosine, term cosine, key
  overlap) on the fit half only, its weights scaled to sum to 1, and the F1-best threshold of
  that sum on the fit half; printed with their check-half figures.
* **Clustering quality**: the 700 English articles of the pairs, the two seeds of
  ``../shared/seeds`` (one story) and the shipped ``examples/articles`` (the two fisheries
  articles are one story, every other one its own), stored in a temporary SQLite store and
  placed by the step. Gold stories are the connected components of the same-story links.
  BCubed over all articles and pairwise precision/recall/F1 over the 354 labelled pairs, beside
  "every article alone" and a TF-IDF-only single-pass clustering (the same online scheme,
  TF-IDF cosine against story centroids, its threshold chosen on the fit-half pairs).
* **Speed**: the step on ``--speed-n`` synthetic articles (bodies and titles sampled from the
  SemEval sentences, 30 outlets, 365 days), with random unit vectors for embeddings (the encoder
  is left out), in batches of 500 as :mod:`chronist.steps` hands them; articles/s and peak RSS
  after a tenth of them and after all.

Usage::

    python bench/stories.py                  # all three parts (speed on 100,000 articles)
    python bench/stories.py --fit            # and the fitted weights and threshold
    python bench/stories.py --speed-n 20000  # a smaller speed run
    python bench/stories.py --parts sim,cluster
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from console import progress, table  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SEMEVAL = SHARED / "corpora" / "semeval2022-task8-sample"
HALVES = (("fit", "training_set.csv"), ("check", "testing_set.csv"))
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples" / "articles"
#: Example inputs that tell one story (every other example is its own story).
EXAMPLE_STORIES = (("summit-communique.html", "fisheries-pact-tidewater.txt"),)
CACHE_DIR = HERE / ".cache"
SAME_STORY = 1.5  # Overall <= this: same story
TARGET_R = 0.82
TARGET_F1 = 0.85
TARGET_RATE = 1000.0
STEP_BATCH = 500
OUTLETS = 30
SPREAD_DAYS = 365
BASE_DAY = date(2023, 1, 1)


# --------------------------------------------------------------------------- data


@dataclass
class Pair:
    pair_id: str
    half: str
    a: str
    b: str
    overall: float

    @property
    def same(self) -> bool:
        return self.overall <= SAME_STORY


def load_pairs() -> tuple[list[Pair], dict[str, str]]:
    """The English-English pairs (first occurrence of a pair_id wins) and each article's text."""
    csv.field_size_limit(1 << 30)
    pairs: dict[str, Pair] = {}
    texts: dict[str, str] = {}
    for half, name in HALVES:
        with open(SEMEVAL / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["lang1"] != "en" or row["lang2"] != "en" or row["pair_id"] in pairs:
                    continue
                a, b = row["pair_id"].split("_")
                pairs[row["pair_id"]] = Pair(row["pair_id"], half, a, b, float(row["Overall"]))
                texts.setdefault(a, row["text1"].strip())
                texts.setdefault(b, row["text2"].strip())
    return list(pairs.values()), texts


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()[:12]


def semeval_records(texts: dict[str, str], refresh: bool) -> dict[str, dict[str, Any]]:
    """Records of the SemEval articles (body only, no title; the language stage run), cached."""
    path = CACHE_DIR / f"stories_semeval_{_digest(texts)}.json"
    if path.exists() and not refresh:
        return json.loads(path.read_text())
    from chronist.model import Article
    from chronist.pipeline import run_stages
    from chronist.settings import Settings

    progress(f"language stage on {len(texts)} SemEval articles (once; cached)")
    ids = sorted(texts)
    articles = [
        Article(id=i, input=f"semeval:{i}", format="text", body=texts[i], language="en")
        for i in ids
    ]
    out: dict[str, dict[str, Any]] = {}
    for k in range(0, len(articles), 50):
        for art in run_stages(articles[k : k + 50], stages=("language",), settings=Settings()):
            rec = art.to_dict()
            rec["language"] = "en"
            out[rec["id"]] = rec
    CACHE_DIR.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False))
    return out


def pipeline_records(refresh: bool) -> list[tuple[str, dict[str, Any]]]:
    """(gold group, record) of the seeds and examples, through the full pipeline, cached."""
    inputs = sorted(SEEDS.glob("*.txt")) + sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    inputs = [p for p in inputs if p.name != "README.md"]
    key = _digest([[p.name, p.stat().st_size] for p in inputs])
    path = CACHE_DIR / f"stories_examples_{key}.json"
    if path.exists() and not refresh:
        return [tuple(x) for x in json.loads(path.read_text())]  # type: ignore[misc]
    from chronist.model import Article
    from chronist.pipeline import run
    from chronist.settings import Settings

    progress(f"full pipeline on {len(inputs)} seed and example inputs (once; cached)")
    out: list[tuple[str, dict[str, Any]]] = []
    for item in run([str(p) for p in inputs], Settings()):
        if not isinstance(item, Article):
            continue
        rec = item.to_dict()
        src = Path(rec["input"].split(":")[0].split("#")[0]).name
        if Path(rec["input"]).parent.name == "seeds" or SEEDS.name in rec["input"]:
            group = "g:seeds"
        else:
            group = next(
                ("g:" + "+".join(g) for g in EXAMPLE_STORIES if src in g), "x:" + rec["input"]
            )
        out.append((group, rec))
    CACHE_DIR.mkdir(exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False))
    return out


def embeddings(texts: list[str]) -> np.ndarray:
    """MiniLM unit vectors of these texts (chronist's own encoder), cached by text."""
    from chronist.stories.step import minilm

    path = CACHE_DIR / "stories_vectors.npz"
    cache: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            cache = dict(zip(z["keys"].tolist(), z["vectors"], strict=True))
    keys = [hashlib.sha256(t.encode()).hexdigest()[:20] for t in texts]
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if todo:
        progress(f"MiniLM on {len(todo)} texts (once; cached)")
        vecs = minilm([t for _, t in todo])
        cache.update(zip([k for k, _ in todo], vecs, strict=True))
        CACHE_DIR.mkdir(exist_ok=True)
        np.savez(path, keys=np.array(list(cache)), vectors=np.stack(list(cache.values())))
    return np.stack([cache[k] for k in keys]).astype(np.float32)


# --------------------------------------------------------------------------- measures


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(abs(np.corrcoef(x, y)[0, 1]))


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(pred & gold))
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int(gold.sum()))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_f1(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """The best F1 over all thresholds (in-sample) and its threshold."""
    best = (0.0, 0.0)
    for t in np.unique(scores):
        f = prf(scores >= t, gold)[2]
        if f > best[0]:
            best = (f, float(t))
    return best


def fmt(x: float, n: int = 3) -> str:
    return f"{x:.{n}f}"


# --------------------------------------------------------------------------- part 1


@dataclass
class Semeval:
    pairs: list[Pair]
    texts: dict[str, str]
    records: dict[str, dict[str, Any]]
    feats: dict[str, Any]
    vectors: dict[str, np.ndarray]


def load_semeval(refresh: bool) -> Semeval:
    from chronist.stories.features import DocFreq, features

    pairs, texts = load_pairs()
    records = semeval_records(texts, refresh)
    ids = sorted(texts)
    feats = {i: features(records[i], n) for n, i in enumerate(ids)}
    df = DocFreq()
    df.add([feats[i] for i in ids])
    for i in ids:
        df.weigh(feats[i])
    vecs = embeddings([feats[i].embed_text() for i in ids])
    return Semeval(pairs, texts, records, feats, dict(zip(ids, vecs, strict=True)))


def components(se: Semeval, p: Pair) -> tuple[float, float, float]:
    """(embedding cosine, term cosine, key overlap) of a pair, as cluster.similarity sees them."""
    from chronist.stories.features import cosine, overlap

    fa, fb = se.feats[p.a], se.feats[p.b]
    return (
        float(se.vectors[p.a] @ se.vectors[p.b]),
        cosine(fa.terms, fb.terms),
        overlap(fa.keys, fb.keys),
    )


def tfidf_pair_scores(se: Semeval) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = sorted({i for p in se.pairs for i in (p.a, p.b)})
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    m = vec.fit_transform([se.texts[i] for i in ids])
    row = {i: k for k, i in enumerate(ids)}
    return np.array([float((m[row[p.a]] @ m[row[p.b]].T).toarray()[0, 0]) for p in se.pairs])


def part_similarity(se: Semeval, fit: bool) -> tuple[list[str], dict[str, Any]]:
    from chronist.stories import cluster

    t0 = time.perf_counter()
    comps = np.array([components(se, p) for p in se.pairs])
    chron = np.array(
        [
            cluster.pair_similarity(se.feats[p.a], se.vectors[p.a], se.feats[p.b], se.vectors[p.b])
            for p in se.pairs
        ]
    )
    w = np.array([cluster.W_EMBED, cluster.W_TERMS, cluster.W_KEYS])
    drift = float(np.max(np.abs(comps @ w - chron)))
    tfidf = tfidf_pair_scores(se)
    overall = np.array([p.overall for p in se.pairs])
    gold = np.array([p.same for p in se.pairs])
    halves = {
        "fit half": np.array([p.half == "fit" for p in se.pairs]),
        "check half": np.array([p.half == "check" for p in se.pairs]),
        "all": np.ones(len(se.pairs), dtype=bool),
    }
    rows = []
    figures: dict[str, Any] = {}
    for name, m in halves.items():
        f_at = prf(chron[m] >= cluster.THRESHOLD, gold[m])
        bf, bt = best_f1(chron[m], gold[m])
        tbf, tbt = best_f1(tfidf[m], gold[m])
        figures[name] = {
            "r": pearson(chron[m], overall[m]),
            "r_tfidf": pearson(tfidf[m], overall[m]),
            "r_embed": pearson(comps[m, 0], overall[m]),
            "f1": f_at[2],
            "p": f_at[0],
            "rec": f_at[1],
            "best_f1": bf,
            "best_t": bt,
            "tfidf_best_f1": tbf,
        }
        rows.append(
            [
                name, int(m.sum()), int(gold[m].sum()),
                fmt(figures[name]["r"]), fmt(figures[name]["r_tfidf"]),
                fmt(figures[name]["r_embed"]),
                f"{fmt(f_at[2])} (P {fmt(f_at[0], 2)} R {fmt(f_at[1], 2)})",
                f"{fmt(bf)} @ {fmt(bt, 2)}", f"{fmt(tbf)} @ {fmt(tbt, 2)}",
            ]
        )  # fmt: skip
    lines = [
        "1. Same-story similarity: SemEval-2022 Task 8, English-English pairs "
        f"(same story: Overall <= {SAME_STORY})",
        table(
            [
                "pairs",
                "n",
                "same",
                "|r| chronist",
                "|r| TF-IDF",
                "|r| emb only",
                f"F1 @ THRESHOLD {cluster.THRESHOLD}",
                "best F1 (in-sample)",
                "TF-IDF best F1 (in-sample)",
            ],
            rows,
        ),  # fmt: skip
        f"  weights W_EMBED {cluster.W_EMBED}, W_TERMS {cluster.W_TERMS}, W_KEYS "
        f"{cluster.W_KEYS}; components recombined match pair_similarity to {drift:.1e}",
    ]
    if fit:
        lines += fit_weights(comps, gold, overall, halves)
    lines.append(f"  ({time.perf_counter() - t0:.1f} s)")
    return lines, figures


def fit_weights(
    comps: np.ndarray, gold: np.ndarray, overall: np.ndarray, halves: dict[str, np.ndarray]
) -> list[str]:
    from sklearn.linear_model import LogisticRegression

    fit_m = halves["fit half"]
    lr = LogisticRegression(C=1e4, max_iter=10000).fit(comps[fit_m], gold[fit_m])
    coef = lr.coef_[0]
    pos = np.clip(coef, 0, None)
    w = pos / pos.sum() if pos.sum() else np.full(3, 1 / 3)
    score = comps @ w
    _, t = best_f1(score[fit_m], gold[fit_m])
    rows = []
    for name, m in halves.items():
        p, r, f = prf(score[m] >= t, gold[m])
        rows.append([name, fmt(pearson(score[m], overall[m])), fmt(f), fmt(p, 2), fmt(r, 2)])
    return [
        "  --fit: logistic regression on the fit half only "
        f"(raw coefficients {', '.join(fmt(c) for c in coef)}; intercept "
        f"{fmt(float(lr.intercept_[0]))}"
        + ("; negative ones set to 0" if (coef < 0).any() else "")
        + ")",
        f"  fitted W_EMBED {w[0]:.3f}  W_TERMS {w[1]:.3f}  W_KEYS {w[2]:.3f}  "
        f"THRESHOLD {t:.3f} (F1-best on the fit half)",
        table(["pairs", "|r|", "F1", "P", "R"], rows, indent="    "),
    ]


# --------------------------------------------------------------------------- part 2


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for a, c in pred.items():
        by_pred.setdefault(c, set()).add(a)
    for a, c in gold.items():
        by_gold.setdefault(c, set()).add(a)
    ps, rs = [], []
    for a in gold:
        inter = len(by_pred[pred[a]] & by_gold[gold[a]])
        ps.append(inter / len(by_pred[pred[a]]))
        rs.append(inter / len(by_gold[gold[a]]))
    p, r = float(np.mean(ps)), float(np.mean(rs))
    return p, r, 2 * p * r / (p + r)


def pairwise(pred: dict[str, str], pairs: list[Pair]) -> tuple[float, float, float]:
    guess = np.array([pred[p.a] == pred[p.b] for p in pairs])
    return prf(guess, np.array([p.same for p in pairs]))


def gold_stories(pairs: list[Pair], texts: dict[str, str]) -> dict[str, str]:
    """Connected components of the same-story links (articles with one text linked too)."""
    parent = {i: i for i in texts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for p in pairs:
        if p.same:
            union(p.a, p.b)
    first: dict[str, str] = {}
    for i in sorted(texts):
        first.setdefault(texts[i], i)
        union(i, first[texts[i]])
    return {i: "g:" + find(i) for i in texts}


def tfidf_gram(docs: list[str]) -> np.ndarray:
    """Cosines of every two documents' TF-IDF vectors (unit length, so dot products)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(docs)
    return (m @ m.T).toarray()


def tfidf_single_pass(gram: np.ndarray, threshold: float) -> list[int]:
    """Online clustering by TF-IDF cosine against story centroids (the sum of the members'
    vectors), in storing order; a centroid's dot products come from the Gram matrix."""
    n_docs = len(gram)
    dots = np.zeros((n_docs, n_docs))  # story x document: centroid . document
    norms2 = np.zeros(n_docs)  # |centroid|^2
    n = 0
    out = []
    for i in range(n_docs):
        j = -1
        if n:
            sims = dots[:n, i] / np.sqrt(np.maximum(norms2[:n], 1e-12))
            j = int(np.argmax(sims))
            if sims[j] < threshold:
                j = -1
        if j < 0:
            j, n = n, n + 1
        norms2[j] += 2 * dots[j, i] + gram[i, i]
        dots[j] += gram[i]
        out.append(j)
    return out


def part_clustering(se: Semeval, refresh: bool) -> tuple[list[str], dict[str, Any]]:
    from chronist.store import open_store
    from chronist.stories.features import features
    from chronist.stories.step import StoryStep

    t0 = time.perf_counter()
    extra = pipeline_records(refresh)
    gold = gold_stories(se.pairs, se.texts)
    ordered: list[dict[str, Any]] = [rec for _, rec in extra]
    for group, rec in extra:
        gold[rec["id"]] = group
    # SemEval ids grow with the time the organisers collected the article: a stand-in for
    # storing order (the records carry no dates).
    ordered += [se.records[i] for i in sorted(se.texts, key=int)]
    known = {
        se.feats[i].embed_text(): se.vectors[i] for i in se.texts
    }  # the cached vectors; seeds and examples are embedded (and cached) here
    extra_feats = [features(rec) for _, rec in extra]
    for f, v in zip(extra_feats, embeddings([f.embed_text() for f in extra_feats]), strict=True):
        known[f.embed_text()] = v

    def embed(texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in known]
        if missing:
            for t, v in zip(missing, embeddings(missing), strict=True):
                known[t] = v
        return np.stack([known[t] for t in texts])

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "clusters.db")
        for rec in ordered:
            store.put_record(rec)
        t1 = time.perf_counter()
        step = StoryStep(embed=embed)
        for k in range(0, len(ordered), STEP_BATCH):
            step.update(store, ordered[k : k + STEP_BATCH])
        t_step = time.perf_counter() - t1
        pred = dict(store.fetch("SELECT article_id, story_id FROM story_articles"))
        n_copies = store.fetch("SELECT COUNT(*) FROM copies")[0][0]
        store.close() if hasattr(store, "close") else None
    ids = [r["id"] for r in ordered]
    missing = [i for i in ids if i not in pred]
    for i in missing:
        pred[i] = "unplaced:" + i
    together = []
    for group in sorted({g for g, _ in extra if g.startswith("g:")}):
        members = [rec["id"] for g, rec in extra if g == group]
        verdict = "one story" if len({pred[m] for m in members}) == 1 else "split"
        together.append(f"{group[2:]}: {verdict}")
    alone = {i: i for i in ids}

    # the TF-IDF baseline's threshold: best pairwise F1 on the fit-half pairs
    docs = [((r.get("title") or "") + "\n" + (r.get("body") or "")) for r in ordered]
    fit_pairs = [p for p in se.pairs if p.half == "fit"]
    best_t, best_f = 0.0, -1.0
    gram = tfidf_gram(docs)
    for t in np.arange(0.10, 0.85, 0.05):
        lab = tfidf_single_pass(gram, float(t))
        f = pairwise(dict(zip(ids, map(str, lab), strict=True)), fit_pairs)[2]
        if f > best_f:
            best_t, best_f = float(t), f
    tfidf_pred = dict(zip(ids, map(str, tfidf_single_pass(gram, best_t)), strict=True))

    rows = []
    figures: dict[str, Any] = {}
    for name, pr in (
        ("chronist stories step", pred),
        (f"TF-IDF single pass (t={best_t:.2f})", tfidf_pred),
        ("every article alone", alone),
    ):
        b = bcubed(pr, gold)
        row = [name, len(set(pr.values())), fmt(b[0]), fmt(b[1]), fmt(b[2])]
        figures[name.split(" (")[0]] = {"bcubed": b}
        for half in ("fit", "check", None):
            sub = [p for p in se.pairs if half is None or p.half == half]
            pw = pairwise(pr, sub)
            row.append(f"{fmt(pw[0], 2)}/{fmt(pw[1], 2)}/{fmt(pw[2], 2)}")
            figures[name.split(" (")[0]][f"pairwise_{half or 'all'}"] = pw
        rows.append(row)
    n_gold = len(set(gold.values()))
    lines = [
        f"2. Clustering: {len(ids)} articles ({len(se.texts)} SemEval, {len(extra)} seeds and "
        f"examples), {n_gold} gold stories, {len(se.pairs)} labelled pairs",
        table(
            [
                "clustering",
                "stories",
                "B3 P",
                "B3 R",
                "B3 F1",
                "pairs P/R/F1 fit",
                "pairs P/R/F1 check",
                "pairs P/R/F1 all",
            ],
            rows,
        ),  # fmt: skip
        "  Gold stories are the components of the positive links only: two SemEval articles never"
        " paired count as different stories even when they tell one, so BCubed precision is"
        " pessimistic (a right merge of unpaired articles is counted wrong) and, as components"
        " chain links, BCubed recall can be optimistic or pessimistic; the pairwise figures are"
        " exact on the labelled pairs.",
        f"  seeds and examples told as one story: {'; '.join(together)}",
        f"  step: {len(ids)} articles placed in {t_step:.1f} s (embedding cached), "
        f"{n_copies} copies found, {len(missing)} not placed; part "
        f"{time.perf_counter() - t0:.1f} s",
    ]
    return lines, figures


# --------------------------------------------------------------------------- part 3


def sentences_of(texts: list[str]) -> list[str]:
    out = []
    for t in texts:
        for s in re.split(r"(?<=[.!?])\s+", t):
            s = s.strip()
            if 40 <= len(s) <= 400:
                out.append(s)
    return out


def synthetic(n: int, sents: list[str], seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        body = " ".join(rng.choice(sents) for _ in range(rng.randint(6, 18)))
        title = rng.choice(sents)[:90].rstrip(" ,;:")
        day = BASE_DAY + timedelta(days=rng.randrange(SPREAD_DAYS))
        out.append(
            {
                "id": f"syn{k:08d}",
                "title": title,
                "body": body,
                "outlet": f"outlet{rng.randrange(OUTLETS):02d}.example",
                "published": day.isoformat(),
                "language": "en",
                "actors": [],
                "places": [],
                "events": [],
            }
        )
    out.sort(key=lambda r: (r["published"], r["id"]))  # stored as they were published
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed_child(n: int, db: str) -> None:
    """Run the step over the prepared store and print JSON figures (a fresh process, so the
    peak RSS is the step's own plus the records read)."""
    from chronist.store import open_store
    from chronist.stories.step import StoryStep

    rng = np.random.default_rng(3)

    def embed(texts: list[str]) -> np.ndarray:
        v = rng.standard_normal((len(texts), 384)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    store = open_store(db)
    step = StoryStep(embed=embed)
    marks = {max(STEP_BATCH, n // 10), n}
    out: dict[str, Any] = {"points": []}
    spent = 0.0
    done = 0
    batch: list[dict[str, Any]] = []
    # records are read a batch at a time, as chronist.steps hands them; only update is timed
    for _, record in store.records_since(0):
        batch.append(record)
        if len(batch) < STEP_BATCH and done + len(batch) < n:
            continue
        t = time.perf_counter()
        step.update(store, batch)
        spent += time.perf_counter() - t
        done += len(batch)
        batch = []
        if done in marks:
            stories = store.fetch("SELECT COUNT(*) FROM stories")[0][0]
            out["points"].append([done, spent, _rss_mb(), stories])
    print(json.dumps(out))


def part_speed(n: int, sents: list[str]) -> tuple[list[str], dict[str, Any]]:
    from chronist.store import open_store

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "speed.db")
        store = open_store(db)
        progress(f"storing {n} synthetic articles")
        for rec in synthetic(n, sents):
            store.put_record(rec)
        if hasattr(store, "close"):
            store.close()
        t_fill = time.perf_counter() - t0
        progress(f"stored in {t_fill:.0f} s; timing the stories step")
        res = subprocess.run(
            [sys.executable, __file__, "--speed-child", str(n), db],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(res.stdout.strip().splitlines()[-1])
    rows = []
    for done, spent, rss, stories in data["points"]:
        rows.append([done, f"{spent:.1f}", f"{done / spent:,.0f}", stories, f"{rss:.0f}"])
    rate = data["points"][-1][0] / data["points"][-1][1]
    lines = [
        f"3. Speed: the step on {n:,} synthetic articles (random unit vectors for embeddings, "
        f"batches of {STEP_BATCH}; {OUTLETS} outlets over {SPREAD_DAYS} days)",
        table(["articles", "step s", "articles/s", "stories", "peak RSS MB"], rows),
        f"  store filled in {t_fill:.0f} s; part {time.perf_counter() - t0:.0f} s",
        "  random vectors share no story, so nearly every article opens one: the window of"
        " open stories is as large as it gets (a worst case for the step)",
    ]
    return lines, {"rate": rate, "points": data["points"]}


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", action="store_true", help="fit weights and threshold")
    parser.add_argument("--speed-n", type=int, default=100000, help="articles for speed")
    parser.add_argument("--parts", default="sim,cluster,speed", help="parts to run")
    parser.add_argument("--refresh", action="store_true", help="re-analyse cached records")
    parser.add_argument("--speed-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_child:
        speed_child(int(args.speed_child[0]), args.speed_child[1])
        return
    if not SEMEVAL.exists():
        print(f"stories: {SEMEVAL} is absent; nothing to measure")
        return
    from chronist.stories import cluster

    parts = set(args.parts.split(","))
    t0 = time.perf_counter()
    se = load_semeval(args.refresh)
    progress(f"SemEval loaded in {time.perf_counter() - t0:.1f} s")
    summary: list[list[Any]] = []

    def met(ok: bool) -> str:
        return "yes" if ok else "NO"

    if "sim" in parts:
        lines, fig = part_similarity(se, args.fit)
        print("\n".join(lines) + "\n", flush=True)
        for half in ("fit half", "check half", "all"):
            f = fig[half]
            summary.append(
                [f"|Pearson r| vs Overall, {half}", fmt(f["r"]), f"{fmt(f['r_tfidf'])} TF-IDF",
                 f">= {TARGET_R}", met(f["r"] >= TARGET_R)]
            )  # fmt: skip
        for half in ("fit half", "check half", "all"):
            f = fig[half]
            summary.append(
                [f"same-story F1 @ {cluster.THRESHOLD}, {half}", fmt(f["f1"]),
                 f"{fmt(f['tfidf_best_f1'])} TF-IDF best*", f">= {TARGET_F1}",
                 met(f["f1"] >= TARGET_F1)]
            )  # fmt: skip
    if "cluster" in parts:
        lines, fig = part_clustering(se, args.refresh)
        print("\n".join(lines) + "\n", flush=True)
        c, t = fig["chronist stories step"], fig["TF-IDF single pass"]
        summary.append(
            ["BCubed F1", fmt(c["bcubed"][2]), f"{fmt(t['bcubed'][2])} TF-IDF", "-", "-"]
        )
        summary.append(
            ["pairwise F1, check half", fmt(c["pairwise_check"][2]),
             f"{fmt(t['pairwise_check'][2])} TF-IDF", "-", "-"]
        )  # fmt: skip
    if "speed" in parts:
        sents = sentences_of(list(se.texts.values()))
        lines, fig = part_speed(args.speed_n, sents)
        print("\n".join(lines) + "\n", flush=True)
        summary.append(
            [f"step articles/s at {args.speed_n:,}", f"{fig['rate']:,.0f}", "-",
             f">= {TARGET_RATE:,.0f}", met(fig["rate"] >= TARGET_RATE)]
        )  # fmt: skip
        pts = fig["points"]
        if len(pts) > 1:
            summary.append(
                [f"peak RSS MB at {pts[0][0]:,} / {pts[-1][0]:,}", f"{pts[-1][2]:.0f}",
                 f"{pts[0][2]:.0f} at {pts[0][0]:,}", "bounded", "-"]
            )  # fmt: skip
    print("Summary (* best over all thresholds, in-sample)")
    print(table(["figure", "chronist", "baseline", "target", "met?"], summary))
    print(f"\n  total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
