"""Linear text classifiers read from plain arrays: TF-IDF features and logistic regression.

The rhetoric models are trained with scikit-learn (``tools/train_rhetoric.py``) but shipped as
numbers, not pickles: each vectoriser's vocabulary, idf weights and settings in JSON, each
classifier's weights in an ``.npz``. This module rebuilds the features exactly as
scikit-learn's ``TfidfVectorizer`` makes them (the same token pattern, word n-grams,
``char_wb`` n-grams, sublinear tf, idf, l2 norm; a test checks it against scikit-learn) and
scores them with numpy, so chronist needs neither scikit-learn nor scipy at run time, and a
model file can never run code when it is loaded.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

#: scikit-learn's default token pattern: words of two or more word characters.
TOKEN = re.compile(r"(?u)\b\w\w+\b")
_WHITE = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Vectoriser:
    """One TF-IDF vectoriser: ``analyzer`` "word" or "char_wb", its n-gram range, vocabulary
    (term → column), idf per column, and whether tf is sublinear (1 + log tf)."""

    analyzer: str
    ngram: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray
    sublinear_tf: bool = True
    lowercase: bool = True

    @classmethod
    def from_json(cls, raw: dict[str, Any], idf: np.ndarray) -> Vectoriser:
        return cls(
            analyzer=raw["analyzer"],
            ngram=(int(raw["ngram"][0]), int(raw["ngram"][1])),
            vocabulary={str(k): int(v) for k, v in raw["vocabulary"].items()},
            idf=idf.astype(np.float32),
            sublinear_tf=bool(raw.get("sublinear_tf", True)),
            lowercase=bool(raw.get("lowercase", True)),
        )

    @property
    def width(self) -> int:
        return len(self.idf)

    def terms(self, text: str) -> list[str]:
        """The n-grams of ``text`` as scikit-learn's analyzer makes them."""
        if self.lowercase:
            text = text.lower()
        low, high = self.ngram
        if self.analyzer == "word":
            tokens = TOKEN.findall(text)
            out: list[str] = []
            for n in range(low, high + 1):
                out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
            return out
        if self.analyzer == "char_wb":
            out = []
            for word in _WHITE.sub(" ", text).split():
                padded = f" {word} "
                for n in range(low, high + 1):
                    if len(padded) <= n:
                        out.append(padded)  # a word no longer than n counts once, whole
                        break
                    out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
            return out
        raise ValueError(f"unknown analyzer {self.analyzer!r}")

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's l2-normalised TF-IDF vector, as (columns, values)."""
        counts = Counter(
            column for term in self.terms(text) if (column := self.vocabulary.get(term)) is not None
        )
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        if self.sublinear_tf:
            tf = 1.0 + np.log(tf)
        values = tf * self.idf[columns]
        return columns, values / max(float(np.linalg.norm(values)), 1e-12)


@dataclass(frozen=True)
class LinearModel:
    """One-vs-rest logistic regression over the concatenated vectorisers' features (and any
    dense features appended after them): ``probabilities(texts)`` → (texts, labels)."""

    labels: tuple[str, ...]
    vectorisers: tuple[Vectoriser, ...]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,)
    softmax: bool = False
    #: what the training tool recorded: data, threshold provenance, dense-feature scaling
    about: dict[str, Any] = field(default_factory=dict)

    def scores(self, texts: list[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Decision values, one row per text."""
        out = np.tile(self.bias, (len(texts), 1)).astype(np.float32)
        for row, text in enumerate(texts):
            offset = 0
            for vectoriser in self.vectorisers:
                columns, values = vectoriser.transform(text)
                if len(columns):
                    out[row] += values @ self.weights[offset + columns]
                offset += vectoriser.width
        if dense is not None and dense.size:
            start = sum(v.width for v in self.vectorisers)
            out += dense @ self.weights[start : start + dense.shape[1]]
        return out

    def probabilities(self, texts: list[str], dense: np.ndarray | None = None) -> np.ndarray:
        z = self.scores(texts, dense)
        if self.softmax:
            z = np.exp(z - z.max(axis=1, keepdims=True))
            return z / z.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-z))


def read_model(name: str) -> LinearModel:
    """A packaged model (``data/<name>.json.gz``: labels, vectorisers; ``data/<name>.npz``:
    weights, bias, thresholds), read once per process."""
    return _read(name)


@cache
def _read(name: str) -> LinearModel:
    folder = resources.files("chronist.rhetoric").joinpath("data")
    meta = json.loads(gzip.decompress(folder.joinpath(f"{name}.json.gz").read_bytes()))
    raw = folder.joinpath(f"{name}.npz").read_bytes()
    with np.load(io.BytesIO(raw), allow_pickle=False) as arrays:
        vectorisers = tuple(
            Vectoriser.from_json(v, arrays[f"idf{n}"]) for n, v in enumerate(meta["vectorisers"])
        )
        return LinearModel(
            labels=tuple(meta["labels"]),
            vectorisers=vectorisers,
            weights=arrays["weights"].astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
            thresholds=arrays["thresholds"].astype(np.float32),
            softmax=bool(meta.get("softmax", False)),
            about=meta.get("about") or {},
        )
