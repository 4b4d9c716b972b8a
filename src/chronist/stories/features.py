"""What the stories step compares articles by: terms, key actors and places, and the text the
sentence encoder embeds.

The term weights are TF-IDF, but incremental: document frequencies are counted in a hashed
table of :data:`BUCKETS` counters that grows with each batch the step sees (kept in the store,
so a new batch is weighted against the whole corpus without refitting a vocabulary), and each
article keeps its :data:`TOP_TERMS` heaviest words. scikit-learn's vectorizers fit a fixed
vocabulary or hash without document frequencies, neither of which updates in place.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chronist.language.places import iso3
from chronist.store.rows import day_of, name_key

#: Hashed document-frequency counters (collisions blur rare words only).
BUCKETS = 1 << 20
#: Words an article keeps for term similarity and labels.
TOP_TERMS = 40
#: Actors and places an article keeps as its keys.
TOP_KEYS = 12
#: Characters of the body the terms are counted in (the lead carries the story).
TERM_CHARS = 6000
#: Characters of the body the encoder sees after the title (it reads 128 word pieces).
LEAD_CHARS = 700

#: Words of three characters or more (shorter ones are never kept), apostrophes straightened.
_WORD = re.compile(r"[^\W\d_][\w'-]+[^\W_]", re.UNICODE)

# fmt: off
STOP_WORDS = frozenset("""
a about above after again against all almost also although am among an and another any are
around as at be became because become been before being below between both but by can could
did do does doing done down during each either else even ever every few for from further
get gets got had has have having he her here hers herself him himself his how however i if in
into is it its itself just last least less let like made make many may me might more most
mr mrs ms much must my myself near new no nor not now of off often on once one only or other
others our ours ourselves out over own per said same say says she should since so some still
such than that the their theirs them themselves then there these they this those though
through thus to too two under until up upon us very via was we were what when where whether
which while who whom whose why will with within without would year years yet you your yours
told according added week day days time people news
""".split())
# fmt: on


@dataclass
class ArticleFeatures:
    """One article as the stories step sees it."""

    article_id: str
    seq: int
    outlet: str | None
    day: str | None
    title: str
    lead: str
    #: Word counts of the title and the body's first :data:`TERM_CHARS` characters.
    counts: Counter[str] = field(default_factory=Counter)
    #: The heaviest words, TF-IDF weighted, unit length (filled by :meth:`DocFreq.weigh`).
    terms: dict[str, float] = field(default_factory=dict)
    #: Key actors and places: key → (display name, weight).
    keys: dict[str, tuple[str, float]] = field(default_factory=dict)
    duplicate_of: str | None = None
    #: The article's language (ISO 639-1), as extraction found it.
    language: str | None = None
    #: The counters of ``counts``' words, in its order (filled by :meth:`DocFreq.add`).
    buckets: np.ndarray | None = None

    def embed_text(self) -> str:
        """Title and lead, the text the sentence encoder embeds."""
        return f"{self.title}. {self.lead}" if self.title else self.lead


def words(text: str) -> list[str]:
    """Lower-cased content words (stop words and words of one or two letters left out)."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    return [
        w
        for w in (w[:-2] if w.endswith("'s") else w for w in found)
        if len(w) > 2 and w not in STOP_WORDS
    ]


def features(record: dict[str, Any], seq: int = 0) -> ArticleFeatures:
    """The features of one stored article record."""
    body = record.get("body") or ""
    title = record.get("title") or ""
    lead = body[:LEAD_CHARS]
    counts = Counter(words(title))
    counts.update(counts)  # the title counts twice
    counts.update(words(body[:TERM_CHARS]))
    return ArticleFeatures(
        article_id=record["id"],
        seq=seq,
        outlet=record.get("outlet"),
        day=day_of(record.get("published")),
        title=title,
        lead=lead,
        counts=counts,
        keys=article_keys(record),
        duplicate_of=record.get("duplicate_of"),
        language=record.get("language"),
    )


def article_keys(record: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """The article's most mentioned actors and places, keyed so that two articles naming the
    same one share the key: a knowledge-base id, a country code, else the name."""
    title = (record.get("title") or "").lower()
    outlet = re.sub(r"\W", "", (record.get("outlet") or "").lower().split(".")[0])
    scored: dict[str, tuple[str, float]] = {}
    for actor in record.get("actors") or []:
        name = actor.get("name") or ""
        unplaced = not actor.get("country") and not actor.get("kb_id")
        if not name[:1].isupper() or unplaced and actor.get("kind") in ("group", "government"):
            continue  # a description ("Ministers", "both parties") says nothing of the story
        if outlet and re.sub(r"\W", "", name.lower()) == outlet:
            continue  # the outlet naming itself ("told the Tidewater Courier")
        if actor.get("kb_id"):
            key = f"kb:{actor['kb_id']}"
        elif actor.get("kind") == "country" and actor.get("country"):
            key = f"c:{actor['country']}"
        else:
            key = f"n:{name_key(name)}"
        _keep(scored, key, name, _weight(actor, name, title))
    for place in record.get("places") or []:
        name = place.get("name") or ""
        if not name:
            continue
        if place.get("feature_class") == "A" and place.get("country_code"):
            key = f"c:{iso3(place['country_code']) or place['country_code']}"
        else:
            key = f"g:{place.get('geonameid') or name_key(name)}"
        _keep(scored, key, name, _weight(place, name, title))
    top = sorted(scored.items(), key=lambda kv: (-kv[1][1], kv[0]))[:TOP_KEYS]
    return dict(top)


def _weight(item: dict[str, Any], name: str, title: str) -> float:
    """How much an actor or place marks the article: its mentions, and 2 more in the title."""
    return len(item.get("mentions") or []) + (2.0 if name.lower() in title else 0.0)


def _keep(scored: dict[str, tuple[str, float]], key: str, name: str, weight: float) -> None:
    """Keep a key once: the first name seen for it, the largest weight."""
    old = scored.get(key)
    scored[key] = (old[0], max(old[1], weight)) if old else (name, weight)


_BUCKET_OF: dict[str, int] = {}


def bucket(word: str) -> int:
    """The document-frequency counter of a word (remembered for the words seen most)."""
    found = _BUCKET_OF.get(word)
    if found is None:
        if len(_BUCKET_OF) > 500_000:
            _BUCKET_OF.clear()
        found = _BUCKET_OF[word] = zlib.crc32(word.encode("utf-8")) & (BUCKETS - 1)
    return found


class DocFreq:
    """Document frequencies in hashed counters, updated batch by batch."""

    def __init__(self, counts: np.ndarray | None = None, docs: int = 0) -> None:
        self.counts = counts if counts is not None else np.zeros(BUCKETS, dtype=np.int32)
        self.docs = docs

    def add(self, batch: list[ArticleFeatures]) -> None:
        """Count the batch's articles (each word once per article)."""
        for f in batch:
            f.buckets = np.fromiter((bucket(w) for w in f.counts), dtype=np.int64,
                                    count=len(f.counts))  # fmt: skip
            np.add.at(self.counts, f.buckets, 1)
        self.docs += len(batch)

    def weigh(self, f: ArticleFeatures) -> None:
        """Fill ``f.terms``: sublinear TF times smoothed IDF, the top words, unit length."""
        if not f.counts:
            f.terms = {}
            return
        vocab = list(f.counts)
        if f.buckets is None:
            f.buckets = np.fromiter((bucket(w) for w in vocab), dtype=np.int64, count=len(vocab))
        tf = np.fromiter(f.counts.values(), dtype=np.float64, count=len(vocab))
        df = self.counts[f.buckets].astype(np.float64)
        weights = (1.0 + np.log(tf)) * (np.log((1 + self.docs) / (1 + df)) + 1.0)
        keep = np.arange(len(vocab))
        if len(vocab) > TOP_TERMS:  # the heaviest, and every word tied with the last of them
            cut = -np.partition(-weights, TOP_TERMS - 1)[TOP_TERMS - 1]
            keep = np.flatnonzero(weights >= cut)
        top = sorted(keep.tolist(), key=lambda i: (-weights[i], vocab[i]))[:TOP_TERMS]
        norm = math.sqrt(sum(weights[i] ** 2 for i in top)) or 1.0
        f.terms = {vocab[i]: float(weights[i]) / norm for i in top}


def norm(v: dict[str, float]) -> float:
    """The length of a sparse vector."""
    return math.sqrt(sum(x * x for x in v.values()))


def cosine(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    """Cosine of two sparse vectors (``b_norm``: the second's length, when known)."""
    get = b.get
    dot = sum([v * get(k, 0.0) for k, v in a.items()])
    if not dot:
        return 0.0
    nb = norm(b) if b_norm is None else b_norm
    na = norm(a)
    return dot / (na * nb) if na and nb else 0.0


def overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Shared keys over the smaller set (1.0: one names nothing the other does not)."""
    if not a or not b:
        return 0.0
    return len(a.keys() & b.keys()) / min(len(a), len(b))
