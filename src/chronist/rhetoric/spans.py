"""The loaded-language span tagger: which words of the article carry the persuasion.

PTC (SemEval-2020 Task 11) marks the exact words of each propaganda technique; most are loaded
language and name calling ("the hellish", "so-called «moderate»", "terrorist-controlled").
The tagger reads the language stage's spaCy parse and decides, token by token, whether it lies
inside such a span, with a logistic regression over sparse features of the token and its
neighbourhood: the word, its part of speech, tag, dependency and head, its shape and suffix,
whether it stands inside quotation marks, capitals, intensifiers, entity type, its position in
the sentence, the neighbouring words, and how often the word lay inside a span in the training
articles (its "span rate", also summarised over the sentence and a ±3 window). Tokens scoring
at least the tuned threshold are joined within a sentence (bridging short gaps), trimmed of
punctuation, kept when long enough, and grown to the noun chunks they touch.

No library does this offline: the published taggers are fine-tuned transformers. Trained by
``tools/train_rhetoric.py`` on the PTC train articles; the features, threshold, gap and length
were chosen by 5-fold cross-validation on train (folds by article). On the PTC dev articles it
finds spans with F1 0.38 (P 0.31, R 0.47; see the README), at about 0.03 s per 1,000 words
besides the parse.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

#: Quotation marks (a token inside a pair of them is in quotes).
QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_QUOTE_TOKENS = QUOTES | {"'", "''", "``"}
#: Words that intensify what follows.
INTENSIFIERS = frozenset(
    "very so too extremely really totally completely utterly absolutely entirely truly deeply "
    "highly incredibly most more ever never always all every nothing everything anyone nobody "
    "only just even".split()
)

Feature = tuple[str, float]


def token_features(
    tokens: list[Any], rate: dict[str, tuple[float, int]]
) -> tuple[list[int], list[list[Feature]]]:
    """Each token's sentence number and (name, value) features; ``rate``: word → (span rate,
    occurrences) in the training articles."""
    n = len(tokens)
    low = [t.lower_ for t in tokens]
    pos = [t.pos_ for t in tokens]
    r = [rate.get(w, (0.0, 0)) for w in low]
    quoted = [0] * n  # 0 outside quotes, 1 inside, 2 a quotation mark
    sentence = [0] * n
    sentences: list[list[int]] = []
    inside = 0
    for i, t in enumerate(tokens):
        if i == 0 or t.is_sent_start or t.sent.start != tokens[i - 1].sent.start:
            sentences.append([])
            inside = 0
        sentence[i] = len(sentences) - 1
        sentences[-1].append(i)
        if t.text in _QUOTE_TOKENS:
            inside ^= 1
            quoted[i] = 2
        else:
            quoted[i] = inside
    whole: list[list[Feature]] = []
    for members in sentences:
        rates = sorted((r[i][0] for i in members if r[i][1] >= 3), reverse=True)
        whole.append(
            [
                ("S:mx", rates[0] if rates else 0.0),
                ("S:top3", sum(rates[:3]) / 3 if rates else 0.0),
                (f"S:len{min(len(members) // 10, 5)}", 1.0),
                ("S:end=" + low[members[-1]][:2], 1.0),
                ("S:quote", 1.0 if any(quoted[i] == 2 for i in members) else 0.0),
                ("S:adjfrac", sum(pos[i] in ("ADJ", "ADV") for i in members) / len(members)),
                ("S:excl", 1.0 if any(low[i] == "!" for i in members) else 0.0),
            ]
        )
    out: list[list[Feature]] = []
    for i, t in enumerate(tokens):
        w, s = low[i], sentence[i]
        f: list[Feature] = [
            ("b", 1.0), ("w=" + w, 1.0), ("p=" + pos[i], 1.0), ("t=" + t.tag_, 1.0),
            ("d=" + t.dep_, 1.0), ("sh=" + t.shape_[:4], 1.0), (f"q={quoted[i]}", 1.0),
            ("r", r[i][0]), (f"rb={int(r[i][0] * 10)}", 1.0),
            (f"rc={min(int(math.log2(r[i][1] + 1)), 8)}", 1.0), ("hw=" + t.head.lower_, 1.0),
            ("dh=" + t.dep_ + "|" + t.head.pos_, 1.0), ("pd=" + pos[i] + "|" + t.dep_, 1.0),
            ("suf=" + w[-3:], 1.0),
        ]  # fmt: skip
        if t.is_title and i > 0 and not t.is_sent_start:
            f.append(("title", 1.0))
        if t.is_upper and len(w) > 1:
            f.append(("upper", 1.0))
        if w in INTENSIFIERS:
            f.append(("intens", 1.0))
        if t.ent_type_:
            f.append(("ent=" + t.ent_type_, 1.0))
        if pos[i] in ("ADJ", "ADV") and r[i][0] > 0.3:
            f.append(("strongadj", 1.0))
        if s == 0:
            f.append(("first", 1.0))
        members = sentences[s]
        f.append((f"relpos={int((i - members[0]) / max(len(members) - 1, 1) * 4)}", 1.0))
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n and sentence[j] == s:
                f += [(f"w{k:+d}={low[j]}", 1.0), (f"p{k:+d}={pos[j]}", 1.0), (f"r{k:+d}", r[j][0])]
            else:
                f.append((f"w{k:+d}=<s>", 1.0))
        if i > 0 and sentence[i - 1] == s:
            f.append(("bg-=" + low[i - 1] + "|" + w, 1.0))
        if i + 1 < n and sentence[i + 1] == s:
            f.append(("bg+=" + w + "|" + low[i + 1], 1.0))
        window = range(max(0, i - 3), min(n, i + 4))
        f.append(("rwin", max(r[j][0] for j in window if sentence[j] == s)))
        f.extend(whole[s])
        out.append(f)
    return sentence, out


def decode(
    tokens: list[Any],
    sentence: list[int],
    p: np.ndarray,
    threshold: float,
    gap: int,
    min_chars: int,
) -> list[tuple[int, int, float]]:
    """Spans of tokens scoring at least ``threshold``: joined within a sentence across gaps of
    up to ``gap`` tokens, punctuation trimmed from the ends (quotation marks kept), at least
    ``min_chars`` long; (start, end, mean score)."""
    on = p >= threshold
    n = len(tokens)
    spans = []
    i = 0
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = i
        k = i + 1
        while k < n and sentence[k] == sentence[i]:
            if on[k]:
                j, k = k, k + 1
                continue
            g = k
            while g < n and g - j - 1 < gap and not on[g] and sentence[g] == sentence[i]:
                g += 1
            if g < n and on[g] and sentence[g] == sentence[i] and g - j - 1 <= gap:
                j, k = g, g + 1
            else:
                break
        a, b = i, j
        while a < b and tokens[a].is_punct and tokens[a].text not in QUOTES:
            a += 1
        while b > a and tokens[b].is_punct and tokens[b].text not in QUOTES:
            b -= 1
        start, end = tokens[a].idx, tokens[b].idx + len(tokens[b].text)
        if end - start >= min_chars:
            spans.append((start, end, float(np.mean(p[i : j + 1]))))
        i = j + 1
    return spans


def grow_to_chunks(doc: Any, spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Each span grown to cover every noun chunk it overlaps ("the hellish" → "the hellish
    view")."""
    chunks = [(c.start_char, c.end_char) for c in doc.noun_chunks]
    out = []
    for start, end, score in spans:
        for cs, ce in chunks:
            if cs < end and ce > start:
                start, end = min(start, cs), max(end, ce)
        out.append((start, end, score))
    return out


@dataclass(frozen=True)
class SpanTagger:
    """The packaged tagger: feature weights, word span rates and the decoding settings."""

    index: dict[str, int]
    weights: np.ndarray
    bias: float
    rate: dict[str, tuple[float, int]]
    threshold: float
    gap: int
    min_chars: int
    chunks: bool

    def probabilities(self, tokens: list[Any]) -> tuple[list[int], np.ndarray]:
        """Each (non-space) token's sentence number and probability of lying in a span."""
        sentence, features = token_features(tokens, self.rate)
        z = np.full(len(tokens), self.bias)
        for i, f in enumerate(features):
            z[i] += sum(
                self.weights[j] * v for name, v in f if (j := self.index.get(name)) is not None
            )
        return sentence, 1.0 / (1.0 + np.exp(-z))

    def spans(self, doc: Any) -> list[tuple[int, int, float]]:
        """(start, end, score) of the loaded words in a parsed ``doc`` (offsets into its text)."""
        tokens = [t for t in doc if not t.is_space]
        if not tokens:
            return []
        sentence, p = self.probabilities(tokens)
        found = decode(tokens, sentence, p, self.threshold, self.gap, self.min_chars)
        return grow_to_chunks(doc, found) if self.chunks else found


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def overlap_scores(
    found: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 as SemEval-2020 Task 11 scores span identification: each
    found span earns the share of it that gold spans cover, each gold span the share of it
    found (spans merged per article first)."""
    p_sum = r_sum = 0.0
    n_found = n_gold = 0
    for key in set(found) | set(gold):
        mine, theirs = merge_spans(found.get(key, [])), merge_spans(gold.get(key, []))
        n_found += len(mine)
        n_gold += len(theirs)
        for s, e in mine:
            for gs, ge in theirs:
                overlap = min(e, ge) - max(s, gs)
                if overlap > 0:
                    p_sum += overlap / (e - s)
                    r_sum += overlap / (ge - gs)
    p, r = p_sum / max(n_found, 1), r_sum / max(n_gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-12)


@cache
def load_tagger() -> SpanTagger:
    """The packaged tagger (``data/spans.json.gz`` and ``data/spans.npz``), once per process."""
    folder = resources.files("chronist.rhetoric").joinpath("data")
    meta = json.loads(gzip.decompress(folder.joinpath("spans.json.gz").read_bytes()))
    with np.load(io.BytesIO(folder.joinpath("spans.npz").read_bytes()), allow_pickle=False) as a:
        weights, bias = a["weights"].astype(np.float64), float(a["bias"])
    post = meta["decode"]
    return SpanTagger(
        index=meta["features"],
        weights=weights,
        bias=bias,
        rate={w: (float(v[0]), int(v[1])) for w, v in meta["rate"].items()},
        threshold=float(post["threshold"]),
        gap=int(post["gap"]),
        min_chars=int(post["min_chars"]),
        chunks=bool(post["chunks"]),
    )
