"""Train the rhetoric stage's models and write them as plain arrays (no pickles).

    python tools/train_rhetoric.py [--data ../shared/corpora/semeval2023-task3-en]
                                   [--ptc ../shared/corpora/ptc] [--out src/chronist/rhetoric/data]

Trains on the SemEval-2023 Task 3 English *train* files only (the dev articles are the
benchmark; the two subtask-1 articles that are subtask-3 dev articles are left out):

- ``genre``: subtask 1 (reporting / opinion / satire) with our own labels of 242 more
  articles (``rhetoric_data/genre_labels.tsv``: mostly news reports, which subtask 1 nearly
  lacks), multinomial logistic regression over word TF-IDF and style features;
- ``frames``: subtask 2 (14 frames), one-vs-rest logistic regression, one threshold chosen
  on out-of-fold probabilities of a 5-fold cross-validation on train;
- ``techniques``: subtask 3 paragraphs (23 techniques), one-vs-rest logistic regression, the
  thresholds chosen the same way (folds grouped by article);
- ``spans``: the loaded-language span tagger (:mod:`chronist.rhetoric.spans`), on the PTC
  *train* articles' technique-agnostic spans, and the span-type model that names each span's
  technique, on their technique-labelled spans.

Needs scikit-learn (``pip install -e ".[train]"``). What each model was trained on and how
well it does is in ``MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from buildutil import write_gzip_json  # a sibling module

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "corpora"
#: subtask-1 articles that are subtask-3 dev articles (SOURCE.md): never trained on
DEV_IN_SUBTASK1 = {"814777937", "821744708"}


# ------------------------------------------------------------------------------- data
def read_paragraphs(data: Path, split: str) -> tuple[list[str], list[str], list[list[str]]]:
    """(article ids, paragraph texts, technique lists) of a subtask-3 split."""
    labels = {}
    for line in (data / f"{split}-labels-subtask-3.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        found = parts[2] if len(parts) > 2 else ""
        labels[(parts[0], parts[1])] = [t for t in found.split(",") if t]
    ids, texts, gold = [], [], []
    template = (data / f"{split}-labels-subtask-3.template").read_text(encoding="utf-8")
    for line in template.splitlines():
        parts = line.split("\t", 2)
        if len(parts) < 3 or (parts[0], parts[1]) not in labels:
            continue
        ids.append(parts[0])
        texts.append(parts[2])
        gold.append(labels[(parts[0], parts[1])])
    return ids, texts, gold


def techniques(data: Path) -> list[str]:
    return [t for t in (data / "techniques_subtask3.txt").read_text().split() if t]


def read_articles(data: Path, labels_file: str) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, label strings) of subtask 1 or 2 (the same 433 train articles)."""
    ids, texts, labels = [], [], []
    for line in (data / labels_file).read_text(encoding="utf-8").splitlines():
        aid, _, label = line.partition("\t")
        if not aid or aid in DEV_IN_SUBTASK1:
            continue
        path = data / "train-articles-subtask-1" / f"article{aid}.txt"
        ids.append(aid)
        texts.append(path.read_text(encoding="utf-8"))
        labels.append(label.strip())
    return ids, texts, labels


# ------------------------------------------------------------------------------ export
def vectoriser_json(vectoriser: object) -> tuple[dict, np.ndarray]:
    """A fitted TfidfVectorizer as the settings and vocabulary chronist.rhetoric.linear reads."""
    v = vectoriser
    assert v.norm == "l2" and v.use_idf and v.token_pattern == r"(?u)\b\w\w+\b"  # type: ignore[attr-defined]
    return (
        {
            "analyzer": v.analyzer,  # type: ignore[attr-defined]
            "ngram": list(v.ngram_range),  # type: ignore[attr-defined]
            "lowercase": v.lowercase,  # type: ignore[attr-defined]
            "sublinear_tf": v.sublinear_tf,  # type: ignore[attr-defined]
            "vocabulary": {k: int(i) for k, i in v.vocabulary_.items()},  # type: ignore[attr-defined]
        },
        v.idf_.astype(np.float32),  # type: ignore[attr-defined]
    )


def write_model(
    out: Path,
    name: str,
    labels: list[str],
    vectorisers: list[object],
    coef: np.ndarray,
    intercept: np.ndarray,
    thresholds: np.ndarray,
    softmax: bool = False,
    about: dict | None = None,
) -> None:
    meta = {"labels": labels, "softmax": softmax, "vectorisers": [], "about": about or {}}
    arrays: dict[str, np.ndarray] = {}
    for n, v in enumerate(vectorisers):
        raw, idf = vectoriser_json(v)
        meta["vectorisers"].append(raw)
        arrays[f"idf{n}"] = idf
    arrays["weights"] = np.ascontiguousarray(coef.T.astype(np.float16))
    arrays["bias"] = intercept.astype(np.float32)
    arrays["thresholds"] = np.asarray(thresholds, dtype=np.float32)
    write_gzip_json(meta, out / f"{name}.json.gz")
    np.savez_compressed(out / f"{name}.npz", **arrays)
    size = (out / f"{name}.json.gz").stat().st_size + (out / f"{name}.npz").stat().st_size
    print(f"{name}: {len(labels)} labels, {coef.shape[1]:,} features, {size / 1e6:.1f} MB")


# ------------------------------------------------------------------------------ models
#: The techniques' word features: uni- and bigrams seen twice, raw term counts.
TECHNIQUE_WORDS = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": False}
#: The article-level features of genre and frames: uni- and bigrams, sublinear tf, 20,000.
ARTICLE_WORDS = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True, "max_features": 20000}
#: A technique is learnt when train has at least this many paragraphs of it.
MIN_EXAMPLES = 5


def tfidf(settings: dict) -> object:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(**settings)


def micro_f1(y: np.ndarray, predicted: np.ndarray) -> float:
    tp = float((y & predicted).sum())
    wrong = float(((1 - y) & predicted).sum() + (y & (1 - predicted)).sum())
    return 2 * tp / max(2 * tp + wrong, 1)


def tuned_thresholds(y: np.ndarray, p: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Thresholds that maximise micro-F1 on out-of-fold probabilities: the best global one,
    then each active label's own by coordinate ascent (twice over the labels)."""
    grid = np.arange(0.05, 0.96, 0.01)
    best_global = max(grid, key=lambda t: micro_f1(y, (p >= t).astype(int)))
    th = np.full(y.shape[1], 1.01, dtype=np.float32)  # an inactive label is never predicted
    th[active] = best_global
    best = micro_f1(y, (p >= th).astype(int))
    for _ in range(2):
        for j in active:
            for t in grid:
                old, th[j] = th[j], t
                score = micro_f1(y, (p >= th).astype(int))
                if score > best + 1e-9:
                    best = score
                else:
                    th[j] = old
    return th


def one_vs_rest(
    x: object, y: np.ndarray, active: np.ndarray, c: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per active label a balanced logistic regression; (coef: labels × features, bias), an
    inactive label's bias far below zero."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)  # type: ignore[attr-defined]
    bias = np.full(y.shape[1], -30.0, dtype=np.float32)
    for j in active:
        model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000)
        model.fit(x, y[:, j])
        coef[j], bias[j] = model.coef_[0], model.intercept_[0]
    return coef, bias


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def train_techniques(data: Path, out: Path, embeddings: Path | None = None) -> None:
    """The TF-IDF model and, beside it, the MiniLM member of the slower, better mode."""
    from sklearn.model_selection import GroupKFold

    names = techniques(data)
    ids, texts, gold = read_paragraphs(data, "train")
    y = np.array([[int(n in g) for n in names] for g in gold])
    active = np.flatnonzero(y.sum(0) >= MIN_EXAMPLES)
    vectoriser = tfidf(TECHNIQUE_WORDS)
    x = vectoriser.fit_transform(texts)  # type: ignore[attr-defined]
    if embeddings is not None and embeddings.exists():
        e = np.load(embeddings)
    else:
        from chronist.events.encoder import SentenceEncoder

        e = SentenceEncoder().encode(texts)  # the base all-MiniLM-L6-v2, as the stage runs it
        if embeddings is not None:
            np.save(embeddings, e)
    oof_words = np.zeros(y.shape, dtype=np.float32)
    oof_minilm = np.zeros(y.shape, dtype=np.float32)
    for train, test in GroupKFold(5).split(texts, groups=ids):
        coef, bias = one_vs_rest(x[train], y[train], active, TECHNIQUE_C)
        oof_words[test] = sigmoid(x[test] @ coef.T + bias)
        coef, bias = one_vs_rest(e[train], y[train], active, MINILM_C)
        oof_minilm[test] = sigmoid(e[test] @ coef.T + bias)
    coef, bias = one_vs_rest(x, y, active, TECHNIQUE_C)
    about = {
        "trained_on": f"SemEval-2023 Task 3 subtask 3 English train: {len(y)} paragraphs",
        "thresholds": "per technique, maximising micro-F1 on 5-fold out-of-fold probabilities"
        " (folds grouped by article), train only",
        "active": [names[j] for j in active],
    }
    write_model(out, "techniques", names, [vectoriser], coef, bias,
                tuned_thresholds(y, oof_words, active), about=about)  # fmt: skip
    e_coef, e_bias = one_vs_rest(e, y, active, MINILM_C)
    mixed = MINILM_WEIGHT * oof_minilm + (1 - MINILM_WEIGHT) * oof_words
    np.savez_compressed(
        out / "techniques_minilm.npz",
        weights=e_coef.T.astype(np.float32),
        bias=e_bias,
        thresholds=tuned_thresholds(y, mixed, active),
        mix=np.float32(MINILM_WEIGHT),
    )
    print(f"techniques_minilm: {e_coef.shape[1]} features, mixed {MINILM_WEIGHT}")


#: The techniques' regularisation (TF-IDF and MiniLM members) and the MiniLM member's weight.
TECHNIQUE_C, MINILM_C, MINILM_WEIGHT = 4.0, 1.0, 0.5
#: Genre: regularisation, and the weight of the scaled style features beside the TF-IDF ones.
GENRE_C, STYLE_WEIGHT = 10.0, 0.3
FRAMES_C = 10.0


#: Our genre labels of other articles (see rhetoric_data/DATA_CARD.md): id, label, reason.
GENRE_LABELS = HERE / "rhetoric_data" / "genre_labels.tsv"


def read_own_genres(shared: Path = SHARED) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, labels) of our genre annotation, the texts read in place from ../shared:
    PolNeAR train articles (``polnear:<file>``) and SemEval-2022 Task 8 sample texts
    (``s22:<pair_id>:1``, the pair's first text)."""
    import csv

    csv.field_size_limit(1 << 30)
    pairs = shared / "semeval2022-task8-sample" / "training_set.csv"
    with pairs.open(encoding="utf-8", newline="") as f:
        s22 = {f"s22:{r['pair_id']}:1": r["text1"] for r in csv.DictReader(f)}
    ids, texts, labels = [], [], []
    for line in GENRE_LABELS.read_text(encoding="utf-8").splitlines():
        aid, label, *_ = line.split("\t")
        if aid.startswith("polnear:"):
            path = shared / "polnear" / "data" / "train" / "text" / f"{aid[8:]}.txt"
            texts.append(path.read_text(encoding="utf-8"))
        else:
            texts.append(s22[aid])
        ids.append(aid)
        labels.append(label)
    return ids, texts, labels


def train_genre(data: Path, out: Path) -> None:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    from chronist.rhetoric import style_features

    _, texts, labels = read_articles(data, "train-labels-subtask-1.txt")
    semeval = len(labels)
    _, more, more_labels = read_own_genres(data.parent)
    texts, labels = texts + more, labels + more_labels
    names = sorted(set(labels))
    vectoriser = tfidf(ARTICLE_WORDS)
    x = vectoriser.fit_transform(texts)  # type: ignore[attr-defined]
    style = np.array([style_features(t) for t in texts])
    mean, scale = style.mean(0), style.std(0) + 1e-9
    x = hstack([x, csr_matrix((style - mean) / scale * STYLE_WEIGHT)]).tocsr()
    model = LogisticRegression(C=GENRE_C, class_weight="balanced", max_iter=3000).fit(x, labels)
    about = {
        "trained_on": f"SemEval-2023 Task 3 subtask 1 English train: {semeval} articles;"
        f" our labels of {len(more)} PolNeAR and SemEval-2022 articles",
        "style": {"mean": mean.tolist(), "scale": scale.tolist(), "weight": STYLE_WEIGHT},
    }
    write_model(out, "genre", list(model.classes_), [vectoriser], model.coef_, model.intercept_,
                np.zeros(len(names)), softmax=True, about=about)  # fmt: skip


def train_frames(data: Path, out: Path) -> None:
    from sklearn.model_selection import KFold

    _, texts, labels = read_articles(data, "train-labels-subtask-2.txt")
    names = sorted({f for x in labels for f in x.split(",") if f})
    y = np.array([[int(n in x.split(",")) for n in names] for x in labels])
    vectoriser = tfidf(ARTICLE_WORDS)
    x = vectoriser.fit_transform(texts)  # type: ignore[attr-defined]
    every = np.arange(len(names))
    oof = np.zeros(y.shape, dtype=np.float32)
    for train, test in KFold(5, shuffle=True, random_state=0).split(texts):
        coef, bias = one_vs_rest(x[train], y[train], every, FRAMES_C)
        oof[test] = sigmoid(x[test] @ coef.T + bias)
    grid = np.arange(0.05, 0.95, 0.01)
    best = float(max(grid, key=lambda t: micro_f1(y, (oof >= t).astype(int))))
    coef, bias = one_vs_rest(x, y, every, FRAMES_C)
    about = {
        "trained_on": f"SemEval-2023 Task 3 subtask 2 English train: {len(y)} articles",
        "thresholds": "one, maximising micro-F1 on 5-fold out-of-fold probabilities, train only",
    }
    write_model(out, "frames", names, [vectoriser], coef, bias, np.full(len(names), best),
                about=about)  # fmt: skip


#: PTC's technique names as SemEval-2023 Task 3 names them (its merged classes by their first).
PTC_TECHNIQUES = {
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Flag-Waving": "Flag_Waving",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Slogans": "Slogans",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Bandwagon,Reductio_ad_hitlerum": "Appeal_to_Popularity",
}
#: The span-type features: the span's words, and its characters (word-bounded 2-4 grams).
SPAN_WORDS = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True}
SPAN_CHARS = {"analyzer": "char_wb", "ngram_range": (2, 4), "min_df": 3, "sublinear_tf": True}
SPAN_TYPE_C = 2.0


def read_technique_spans(ptc: Path, split: str) -> tuple[list[str], list[str]]:
    """(span texts, SemEval-2023 technique names) of PTC's technique-labelled spans."""
    texts: dict[str, str] = {}
    spans, labels = [], []
    for line in (ptc / f"{split}-task-flc-tc.labels").read_text(encoding="utf-8").splitlines():
        aid, technique, start, end = line.split("\t")
        if aid not in texts:
            path = ptc / f"{split}-articles" / f"article{aid}.txt"
            texts[aid] = path.read_text(encoding="utf-8")
        spans.append(texts[aid][int(start) : int(end)])
        labels.append(PTC_TECHNIQUES[technique])
    return spans, labels


def train_span_types(ptc: Path, out: Path) -> None:
    """Which technique a tagged span is: multinomial logistic regression on its words and
    characters, trained on the PTC train articles' technique spans."""
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    texts, labels = read_technique_spans(ptc, "train")
    vectorisers = [tfidf(SPAN_WORDS), tfidf(SPAN_CHARS)]
    x = hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()  # type: ignore[attr-defined]
    model = LogisticRegression(C=SPAN_TYPE_C, max_iter=3000).fit(x, labels)
    about = {"trained_on": f"PTC train technique spans: {len(labels)}"}
    names = list(model.classes_)
    write_model(out, "span_types", names, vectorisers, model.coef_, model.intercept_,
                np.zeros(len(names)), softmax=True, about=about)  # fmt: skip


#: The tagger: regularisation, cross-validation folds, and the decoding settings searched.
TAGGER_C, TAGGER_FOLDS = 0.03, 5
TAGGER_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
TAGGER_GAPS, TAGGER_MIN_CHARS = (0, 1, 2, 3, 5), (1, 5, 10, 20)


def read_si(path: Path) -> dict[str, list[tuple[int, int]]]:
    """PTC's technique-agnostic spans (``article_id, start, end``) per article."""
    out: dict[str, list[tuple[int, int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        aid, start, end = line.split("\t")[:3]
        out.setdefault(aid, []).append((int(start), int(end)))
    return out


def train_tagger(ptc: Path, out: Path) -> None:
    """The span tagger (:mod:`chronist.rhetoric.spans`) on the PTC train articles: features of
    each token with the words' span rates counted out of fold, a logistic regression, and the
    decoding settings (threshold, gap, length, noun chunks) that give the best out-of-fold
    span F1 (the task's scorer), folds by article."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from chronist.language.nlp import load_nlp
    from chronist.rhetoric.spans import decode, grow_to_chunks, overlap_scores, token_features

    gold = read_si(ptc / "train-task-si.labels")
    paths = sorted((ptc / "train-articles").glob("article*.txt"))
    ids = [p.stem.removeprefix("article") for p in paths]
    docs = list(load_nlp().pipe((p.read_text(encoding="utf-8") for p in paths), batch_size=16))
    tokens = [[t for t in d if not t.is_space] for d in docs]
    inside = []
    for aid, doc, toks in zip(ids, docs, tokens, strict=True):
        marked = np.zeros(len(doc.text) + 1, dtype=bool)
        for s, e in gold.get(aid, []):
            marked[s:e] = True
        inside.append(np.array([marked[t.idx : t.idx + len(t.text)].any() for t in toks]))

    def rates(members: list[int]) -> dict[str, tuple[float, int]]:
        seen: dict[str, list[int]] = {}
        for k in members:
            for t, y in zip(tokens[k], inside[k], strict=True):
                c = seen.setdefault(t.lower_, [0, 0])
                c[0] += int(y)
                c[1] += 1
        return {w: (round((a + 0.1) / (n + 1), 5), n) for w, (a, n) in seen.items()}

    fold = np.arange(len(docs)) % TAGGER_FOLDS
    # each article's features use the span rates of the other folds' articles only
    fold_rate = {
        k: rates([i for i in range(len(docs)) if fold[i] != k]) for k in range(TAGGER_FOLDS)
    }
    sentences: list[list[int]] = []
    rows: list[dict[str, float]] = []
    for i in range(len(docs)):
        sentence, features = token_features(tokens[i], fold_rate[fold[i]])
        sentences.append(sentence)
        rows.extend(dict(f) for f in features)
    counts = Counter(name for r in rows for name in r)
    rows = [{n: v for n, v in r.items() if counts[n] >= 2} for r in rows]
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform(rows).tocsr()
    # liblinear takes 32-bit indices only (the matrix has over 2**31 stored values' room)
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    y = np.concatenate(inside).astype(int)
    token_fold = np.concatenate([[fold[i]] * len(tokens[i]) for i in range(len(docs))])
    oof = np.zeros(len(y))
    for k in range(TAGGER_FOLDS):
        model = LogisticRegression(C=TAGGER_C, solver="liblinear")
        model.fit(x[token_fold != k], y[token_fold != k])
        oof[token_fold == k] = model.predict_proba(x[token_fold == k])[:, 1]
    starts = np.cumsum([0] + [len(t) for t in tokens])
    best = (-1.0, ())
    for chunks in (False, True):
        for threshold in TAGGER_THRESHOLDS:
            for gap in TAGGER_GAPS:
                for min_chars in TAGGER_MIN_CHARS:
                    found = {}
                    for i, aid in enumerate(ids):
                        p = oof[starts[i] : starts[i + 1]]
                        spans = decode(tokens[i], sentences[i], p, threshold, gap, min_chars)
                        if chunks:
                            spans = grow_to_chunks(docs[i], spans)
                        found[aid] = [(s, e) for s, e, _ in spans]
                    f1 = overlap_scores(found, gold)[2]
                    best = max(best, (f1, (threshold, gap, min_chars, chunks)))
    threshold, gap, min_chars, chunks = best[1]
    model = LogisticRegression(C=TAGGER_C, solver="liblinear").fit(x, y)
    weights = model.coef_[0].astype(np.float32)
    names = vectoriser.get_feature_names_out()
    kept = np.flatnonzero(np.abs(weights) >= 1e-4)
    meta = {
        "about": {
            "trained_on": f"PTC train articles: {len(docs)}, technique-agnostic spans",
            "C": TAGGER_C,
            "cv_f1": round(best[0], 4),
        },
        "decode": {"threshold": threshold, "gap": gap, "min_chars": min_chars, "chunks": chunks},
        "features": {str(names[j]): n for n, j in enumerate(kept)},
        "rate": {w: list(v) for w, v in rates(list(range(len(docs)))).items()},
    }
    write_gzip_json(meta, out / "spans.json.gz")
    np.savez_compressed(
        out / "spans.npz", weights=weights[kept], bias=np.float64(model.intercept_[0])
    )
    print(f"spans: {len(kept):,} features, CV F1 {best[0]:.3f}, decode {meta['decode']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "semeval2023-task3-en")
    parser.add_argument("--ptc", type=Path, default=SHARED / "ptc")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "chronist" / "rhetoric" / "data")
    parser.add_argument("--only", choices=("genre", "frames", "techniques", "spans"))
    parser.add_argument(
        "--embeddings", type=Path, help="a .npy cache of the train paragraphs' MiniLM vectors"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "genre"):
        train_genre(args.data, args.out)
    if args.only in (None, "frames"):
        train_frames(args.data, args.out)
    if args.only in (None, "techniques"):
        train_techniques(args.data, args.out, args.embeddings)
    if args.only in (None, "spans"):
        train_tagger(args.ptc, args.out)
        train_span_types(args.ptc, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
