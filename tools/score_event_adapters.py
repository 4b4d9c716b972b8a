"""Score event adapters, or their soup, on the held-out tenth of the train sets, as chronist runs.

Usage::

    python tools/score_event_adapters.py A.npz [B.npz ...] [--hold-out 0.1] [--shared ../shared]

Each adapter is scored alone, and when there are two or more, their soup
(:func:`soup_event_adapters.soup`) too. The adapters must have been trained with the same
``--hold-out`` (``tools/train_event_encoder.py``), so the rows scored here were not trained on.
The scoring is chronist's own numpy path, not the trainer's JAX one: the sentence head's
likeliest class (macro-F1 over the 5 penta classes) and the token head's spans decoded by
:func:`chronist.events.classifier.tagged_spans` from the words joined by spaces (exact span F1,
role and words). This is how the soup's ingredients were chosen without the test sets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from buildutil import read_class_set, read_conll  # noqa: E402
from soup_event_adapters import soup  # noqa: E402
from train_event_encoder import bio_spans, split_off  # noqa: E402

from chronist.events.classifier import EventClassifier, read_heads  # noqa: E402
from chronist.events.encoder import TAGS, SentenceEncoder  # noqa: E402


def scores(
    adapter: dict[str, np.ndarray],
    classes: tuple[list[str], list[int]],
    tagged: list[list[tuple[str, str]]],
) -> tuple[float, float]:
    """(class macro-F1, exact span F1) of one adapter on held-out rows."""
    from sklearn.metrics import f1_score

    model = EventClassifier(_no_heads(), SentenceEncoder(adapter=adapter), adapter)
    texts, gold = classes
    probabilities, _ = model.heads(texts)  # type: ignore[misc]
    class_f1 = f1_score(
        gold, probabilities.argmax(1), labels=list(range(5)), average="macro", zero_division=0
    )
    sentences = [" ".join(w for w, _ in words) for words in tagged]
    _, spans = model.heads(sentences)  # type: ignore[misc]
    found = predicted = expected = 0
    for words, mine in zip(tagged, spans, strict=True):
        starts, position = [], 0
        for word, _ in words:
            starts.append(position)
            position += len(word) + 1
        ours = set()
        for role, start, end in mine:
            first = max(k for k, s in enumerate(starts) if s <= start)
            last = max(k for k, s in enumerate(starts) if s < end)
            ours.add((role, first, last + 1))
        theirs = bio_spans([TAGS.index(tag) for _, tag in words])
        found += len(ours & theirs)
        predicted += len(ours)
        expected += len(theirs)
    return float(class_f1), 2 * found / (predicted + expected) if predicted + expected else 0.0


def _no_heads() -> dict[str, np.ndarray]:
    """Empty logistic-regression heads: only the fine-tuned ones are scored."""
    empty = np.zeros((0, 0), np.float32)
    return {
        "class_coef": empty,
        "class_intercept": empty,
        "type_coef": empty,
        "type_intercept": empty,
        "types": np.array([], dtype=str),
        "meta": np.array("{}"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("adapters", type=Path, nargs="+")
    parser.add_argument("--hold-out", type=float, default=0.1)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    cameo = args.shared / "corpora" / "conflibert-cameo"
    texts, labels = read_class_set(cameo / "cameo_class/train.tsv")
    held_texts, _ = split_off(texts, args.hold_out)
    held_labels, _ = split_off(labels, args.hold_out)
    held_tags, _ = split_off(read_conll(cameo / "cameo_ner/train.txt"), args.hold_out)
    if not held_texts:
        print("score: --hold-out must be above 0", file=sys.stderr)
        return 2
    adapters = {path.name: read_heads(path.read_bytes()) for path in args.adapters}
    if len(adapters) > 1:
        adapters["soup of all"] = soup(list(adapters.values()))
    print(f"held out: {len(held_texts)} class sentences, {len(held_tags)} span sentences")
    for name, adapter in adapters.items():
        class_f1, span_f1 = scores(adapter, (held_texts, held_labels), held_tags)
        print(f"{name:40s} class macro-F1 {class_f1:.3f}  span F1 {span_f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
