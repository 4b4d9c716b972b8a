"""Rhetoric: how an article tells its story — genre, frames, persuasion techniques, loaded words.

An analyst compares outlets by how they tell a story as much as by what they report: an opinion
piece's own sentences are commentary, not wire facts, and "terrorist-controlled", the so-called
«moderate» opposition or "liberation" tell the reader what to think. The stage adds, with
evidence:

- ``genre``: reporting, opinion or satire, for the whole article (SemEval-2023 Task 3 subtask 1);
- ``frames``: the generic frames of Boydstun et al. the article uses (subtask 2);
- ``rhetoric``: persuasion techniques of subtask 3's 23 — per paragraph (``level:
  "paragraph"``, the paragraph's offsets), and as spans of words (``level: "span"``): the
  loaded words the span tagger finds, and terms the writer puts in scare quotes or calls
  "so-called". Each item says whose voice it is in: the outlet's own text (``"author"``) or a
  quoted speaker (``"speaker"``, with the quotes stage's speaker and actor id).

The events stage reads the genre: events in the writer's own text of an opinion piece get
``voice: "author"``, so an analyst can keep reported acts apart from commentary.

Why chronist has its own models: the published systems for these tasks are multilingual
transformers fine-tuned on a GPU (XLM-RoBERTa large), far heavier than the analysis itself;
nothing on PyPI detects persuasion techniques offline. The models here are linear classifiers
over TF-IDF features (:mod:`chronist.rhetoric.linear`) and a token tagger
(:mod:`chronist.rhetoric.spans`), trained with scikit-learn on the SemEval-2023 and PTC
training sets by ``tools/train_rhetoric.py`` and shipped as plain arrays; ``MODEL_CARD.md``
says what each was trained on and how well it does.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np

from chronist.language.nlp import load_nlp
from chronist.model import Article, Frame, Genre, Quote, Technique
from chronist.rhetoric.linear import LinearModel, read_model
from chronist.rhetoric.spans import SpanTagger, load_tagger

__all__ = ["RhetoricStage", "analyse"]

#: A frame is listed when its probability reaches the model's threshold; at most this many.
MAX_FRAMES = 6
#: A paragraph shorter than this (in characters) is a heading or a caption: not classified.
MIN_PARAGRAPH = 20
#: Quote kinds whose words are a speaker's (a scare quote is the writer's own marking).
_SPOKEN = ("direct", "partial")
_SO_CALLED = re.compile(
    r"\bso-called\s+([«“\"'‘]?)([\w-]+(?:\s+[\w-]+){0,3}?)\1(?=[\s,.;:!?»”\"'’)]|$)", re.I
)


class RhetoricStage:
    """Pipeline stage: fills ``genre``, ``frames`` and ``rhetoric`` (needs sentences; reads the
    quotes stage's quotes for the voice). With ``encoder``, each paragraph is also read by the
    pinned MiniLM encoder and the techniques are the mean of both models' probabilities (dev
    micro-F1 0.31 against 0.26, at about twice the analysis time; see the README)."""

    name = "rhetoric"

    def __init__(
        self,
        genre: LinearModel | None = None,
        frames: LinearModel | None = None,
        techniques: LinearModel | None = None,
        encoder: bool = False,
    ) -> None:
        self.genre = genre or read_model("genre")
        self.frames = frames or read_model("frames")
        self.techniques = techniques or read_model("techniques")
        self.span_types = read_model("span_types")
        self.tagger = load_tagger()
        self.minilm: MiniLMMember | None = MiniLMMember.load() if encoder else None

    def process(self, articles: list[Article]) -> list[Article]:
        """Every article with its genre, frames and techniques (new articles)."""
        return [analyse(article, self) for article in articles]


@dataclass(frozen=True)
class MiniLMMember:
    """The MiniLM half of the techniques' slower mode: a logistic regression over the base
    all-MiniLM-L6-v2 paragraph vector, averaged with the TF-IDF model's probabilities, and
    the thresholds tuned for that average."""

    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    mix: float
    encoder: Any

    @classmethod
    def load(cls) -> MiniLMMember:
        from chronist.events.encoder import SentenceEncoder

        raw = resources.files("chronist.rhetoric").joinpath("data/techniques_minilm.npz")
        with np.load(io.BytesIO(raw.read_bytes()), allow_pickle=False) as a:
            return cls(a["weights"], a["bias"], a["thresholds"], float(a["mix"]), SentenceEncoder())

    def mixed(self, texts: list[str], words: np.ndarray) -> np.ndarray:
        """The average of the TF-IDF model's probabilities ``words`` and this member's."""
        vectors = self.encoder.encode(texts)
        own = 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.bias)))
        return self.mix * own + (1.0 - self.mix) * words


def style_features(text: str) -> list[float]:
    """What the genre model reads besides the words: length (log words), the rates per word of
    first- and second-person pronouns, of "I", of quotation marks, of "?" and "!", and of words
    in capitals."""
    words = text.split()
    n = max(1, len(words))
    return [
        math.log1p(len(words)),
        len(_PERSONAL.findall(text)) / n,
        len(re.findall(r"\bI\b", text)) / n,
        (text.count('"') + text.count("\u201c") + text.count("\u201d")) / n,
        text.count("?") / n,
        text.count("!") / n,
        sum(1 for w in words if len(w) > 1 and w.isupper() and w.isalpha()) / n,
    ]


_PERSONAL = re.compile(r"\b(i|me|my|mine|we|us|our|you|your)\b", re.I)


def analyse(article: Article, stage: RhetoricStage) -> Article:
    """One article's rhetoric (an article in another language than English gets none: the
    models read English)."""
    if not article.in_english() or not article.body.strip():
        return replace(article, genre=None, frames=[], rhetoric=[])
    text = f"{article.title or ''}\n\n{article.body}"
    style = stage.genre.about.get("style")
    dense = None
    if style:
        values = (np.array(style_features(text)) - style["mean"]) / style["scale"]
        dense = (values * style["weight"]).astype(np.float32)[None, :]
    genre_p = stage.genre.probabilities([text], dense)[0]
    best = int(np.argmax(genre_p))
    genre: Genre = {"label": stage.genre.labels[best], "confidence": round(float(genre_p[best]), 3)}
    frame_p = stage.frames.probabilities([text])[0]
    order = np.argsort(-frame_p)
    frames: list[Frame] = [
        {"label": stage.frames.labels[i], "confidence": round(float(frame_p[i]), 3)}
        for i in order[:MAX_FRAMES]
        if frame_p[i] >= stage.frames.thresholds[i]
    ]
    marked = marked_terms(article)
    doc = article.doc if article.doc is not None else load_nlp()(article.body)
    tagged = [
        t
        for t in tagged_spans(article, doc, stage.tagger, stage.span_types)
        if not any(m["start"] < t["end"] and t["start"] < m["end"] for m in marked)
    ]
    items = paragraph_techniques(article, stage.techniques, stage.minilm) + marked + tagged
    items.sort(key=lambda t: (t["start"], t["level"] != "paragraph", t["end"]))
    return replace(article, genre=genre, frames=frames, rhetoric=items)


def paragraph_techniques(
    article: Article, model: LinearModel, minilm: MiniLMMember | None = None
) -> list[Technique]:
    """The techniques each paragraph uses, above the model's per-technique thresholds."""
    spans = article.paragraphs()
    chosen = [(n, s, e) for n, (s, e) in enumerate(spans) if e - s >= MIN_PARAGRAPH]
    if not chosen:
        return []
    texts = [article.body[s:e] for _, s, e in chosen]
    probabilities = model.probabilities(texts)
    thresholds = model.thresholds
    if minilm is not None:
        probabilities = minilm.mixed(texts, probabilities)
        thresholds = minilm.thresholds
    out: list[Technique] = []
    for (n, start, end), row in zip(chosen, probabilities, strict=True):
        for i in np.flatnonzero(row >= thresholds):
            label, p = model.labels[i], float(row[i])
            out.append(_item(article, label, "paragraph", start, end, n, p, "paragraph classifier"))
    return out


def tagged_spans(
    article: Article, doc: Any, tagger: SpanTagger, types: LinearModel
) -> list[Technique]:
    """The span tagger's loaded words, each with the technique the span-type model gives its
    words (confidence: the tagger's score times that technique's probability)."""
    found = tagger.spans(doc)
    if not found:
        return []
    paragraphs = article.paragraphs()
    kinds = types.probabilities([article.body[s:e] for s, e, _ in found])
    out: list[Technique] = []
    flat = " ".join(article.body.lower().split())
    for (start, end, score), row in zip(found, kinds, strict=True):
        best = span_technique(article.body[start:end], flat, row, types.labels)
        n, p = _paragraph_of(paragraphs, start), score * float(row[best])
        out.append(_item(article, types.labels[best], "span", start, end, n, p, "span tagger"))
    return out


#: A short span written this often in its article is Repetition, whatever its words say; one
#: written once is not (chosen on out-of-fold predictions for the PTC train spans: 3 times
#: 0.568 accuracy, 2 times 0.557, 4 times 0.567, never 0.546; see the model card).
REPEATED, REPETITION_WORDS = 3, 4


def span_technique(
    text: str, flat_body: str, probabilities: np.ndarray, labels: tuple[str, ...]
) -> int:
    """The technique of a span: the span-type model's likeliest, except that Repetition is
    decided by the article (the model reads only the span's words): a span of at most
    REPETITION_WORDS words written at least REPEATED times is Repetition, and one written
    once is not. ``flat_body``: the body lower-cased, spaces collapsed."""
    order = np.argsort(-probabilities)
    best = int(order[0])
    if "Repetition" not in labels:
        return best
    phrase = " ".join(text.lower().split())
    times = (
        len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", flat_body)) if len(phrase) >= 3 else 0
    )
    repetition = labels.index("Repetition")
    if times >= REPEATED and len(phrase.split()) <= REPETITION_WORDS:
        return repetition
    if best == repetition and times < 2:
        return int(order[1])
    return best


def marked_terms(article: Article) -> list[Technique]:
    """Terms the writer marks as not their own: scare quotes (the quotes stage's ``scare``
    kind: «moderate» opposition) and "so-called X", as loaded language in the author's voice
    (inside someone's quote, in the speaker's)."""
    out: list[Technique] = []
    paragraphs = article.paragraphs()
    seen: list[tuple[int, int]] = []

    def add(start: int, end: int, cue: str) -> None:
        # one item per marked term: "so-called «moderate»" holds the scare quote
        if end <= start or any(s < end and start < e for s, e in seen):
            return
        seen.append((start, end))
        n = _paragraph_of(paragraphs, start)
        out.append(_item(article, "Loaded_Language", "span", start, end, n, 0.9, cue))

    for match in _SO_CALLED.finditer(article.body):
        add(match.start(), match.end(), "so-called")
    for quote in article.quotes:
        if quote["kind"] == "scare":
            add(quote["start"], quote["end"], "scare quotes")
    return out


def _item(
    article: Article,
    technique: str,
    level: str,
    start: int,
    end: int,
    paragraph: int,
    confidence: float,
    cue: str,
) -> Technique:
    """One rhetoric item with its words and whose voice they are in."""
    voice, quote = _voice(article.quotes, start, end)
    return {
        "technique": technique,
        "level": level,
        "start": start,
        "end": end,
        "text": article.body[start:end],
        "paragraph": paragraph,
        "voice": voice,
        "speaker": quote["speaker"] if quote else None,
        "speaker_actor": quote["speaker_actor"] if quote else None,
        "confidence": round(confidence, 3),
        "cue": cue,
    }


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for n, (start, end) in enumerate(paragraphs):
        if start <= offset < end + 2:
            return n
    return max(len(paragraphs) - 1, 0)


def _voice(quotes: list[Quote], start: int, end: int) -> tuple[str, Quote | None]:
    """ "speaker" and the quote when most of start..end lies inside one speaker's quoted words,
    else "author"."""
    best: Quote | None = None
    best_overlap = 0
    for quote in quotes:
        if quote["kind"] not in _SPOKEN:
            continue
        overlap = min(end, quote["end"]) - max(start, quote["start"])
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    if best is not None and best_overlap * 2 >= end - start:
        return "speaker", best
    return "author", None
