"""Stories: articles on the same real-world story, clustered across outlets and days.

Clustering is online, one article at a time in storing order, as news arrives (the
single-pass scheme of Miranda et al., "Multilingual clustering of streaming news", 2018): an
article joins the most similar open story when the similarity reaches :data:`THRESHOLD`, else
it opens a story. A story is compared by its centroid: the mean of its articles' sentence
embeddings (MiniLM on title and lead), the sum of their TF-IDF terms and the weights of their
key actors and places. Only stories that are open for the article are compared: those whose
days come within :data:`MAX_GAP_DAYS` of it, or, when a date is missing on either side, those
that took an article among the last :data:`RECENT_ARTICLES` stored. So a batch loads a bounded
window of stories, never the corpus, and a new batch joins existing stories without
recomputing anything. Copies (see :mod:`chronist.stories.copies`) join their original's story
without moving its centroid.

The weights of the similarity and the threshold were fitted on the first half of the English
SemEval-2022 Task 8 pairs and checked on the second (``bench/stories.py --fit`` prints both).
Shared actors and places are computed and kept (they label a story and its outlets), but on
those pairs their overlap did not add to the text's similarity (its fitted weight was below
zero: credit lines such as "MENAFN - Gulf Times" read as shared actors), so their weight is
zero until data shows otherwise.
scikit-learn's clustering is batch-only (it reclusters the corpus); this is a few lines of
numpy over a window.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from chronist.stories.features import TOP_KEYS, ArticleFeatures, cosine, norm, overlap

#: Similarity = W_EMBED · embedding cosine + W_TERMS · term cosine + W_KEYS · key overlap
#: (``bench/stories.py --fit``: logistic regression on the first half of the SemEval pairs;
#: the key overlap's weight came out below zero there and is held at zero).
W_EMBED = 0.83
W_TERMS = 0.17
W_KEYS = 0.0
#: Similarity from which an article joins a story (see the module docstring).
THRESHOLD = 0.50
#: Days beyond a story's first and last article within which it is open to a dated article.
MAX_GAP_DAYS = 21
#: Similarity lost per day beyond :data:`GRACE_DAYS` of a story's span.
GAP_COST = 0.002
GRACE_DAYS = 2
#: Where a date is missing: stories that took one of the last so many stored articles.
RECENT_ARTICLES = 5000
#: Stories given the full similarity per article (the best by embedding).
SHORTLIST = 8
#: Terms and keys a story keeps.
STORY_TERMS = 100
STORY_KEYS = 30
EMBED_DIM = 384


def ordinal(day: str | None) -> int | None:
    """Days since year 1 of an ISO day (None when missing or not a full date)."""
    if not day or len(day) != 10:
        return None
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def iso(n: int | None) -> str | None:
    return date.fromordinal(n).isoformat() if n is not None else None


@dataclass
class Story:
    """A story's running state."""

    story_id: str
    centroid: np.ndarray  # sum of its (non-copy) articles' embeddings
    members: int = 0  # articles in the centroid (copies left out)
    articles: int = 0  # every article, copies included
    terms: dict[str, float] = field(default_factory=dict)
    keys: dict[str, list] = field(default_factory=dict)  # key → [name, weight]
    start: int | None = None
    end: int | None = None
    last_seq: int = 0
    outlets: dict[str, int] = field(default_factory=dict)
    #: The language of its first article (stories hold one language; see :func:`compared`).
    language: str | None = None
    changed: bool = False
    #: The length of ``terms`` (None: to be computed).
    terms_norm: float | None = None

    def add(self, f: ArticleFeatures, vector: np.ndarray | None, copy: bool) -> None:
        """Take an article in (a copy adds its outlet and day, not its text)."""
        self.articles += 1
        self.last_seq = max(self.last_seq, f.seq)
        if f.outlet:
            self.outlets[f.outlet] = self.outlets.get(f.outlet, 0) + 1
        day = ordinal(f.day)
        if day is not None:
            self.start = day if self.start is None else min(self.start, day)
            self.end = day if self.end is None else max(self.end, day)
        if not copy:
            self.terms_norm = None
            self.members += 1
            if vector is not None:
                self.centroid = self.centroid + vector
            for w, v in f.terms.items():
                self.terms[w] = self.terms.get(w, 0.0) + v
            if len(self.terms) > STORY_TERMS * 2:
                self.terms = dict(_top(self.terms, STORY_TERMS))
            for k, (name, weight) in f.keys.items():
                entry = self.keys.setdefault(k, [name, 0.0])
                entry[1] += weight
            if len(self.keys) > STORY_KEYS * 2:
                self.keys = dict(sorted(self.keys.items(), key=lambda kv: -kv[1][1])[:STORY_KEYS])
        self.changed = True

    def top_keys(self, n: int = TOP_KEYS) -> dict[str, list]:
        return dict(sorted(self.keys.items(), key=lambda kv: (-kv[1][1], kv[0]))[:n])

    def label(self) -> str:
        """Key actors and places, then the top terms: "Russia, United States, Aleppo ·
        ceasefire, kerry, lavrov"."""
        names: list[str] = []
        for _, (name, _) in sorted(self.keys.items(), key=lambda kv: (-kv[1][1], kv[0])):
            if name not in names:
                names.append(name)
            if len(names) == 3:
                break
        lowered = {n.lower() for n in names}
        terms = [w for w, _ in _top(self.terms, 8) if w not in lowered][:4]
        return " · ".join(part for part in (", ".join(names), ", ".join(terms)) if part)

    def row(self) -> tuple:
        """The ``stories`` row."""
        return (
            self.story_id, self.label(), iso(self.start), iso(self.end), self.articles,
            len(self.outlets), self.members, self.last_seq,
            self.centroid.astype(np.float32).tobytes(),
            json.dumps(dict(_top(self.terms, STORY_TERMS)), ensure_ascii=False),
            json.dumps(self.top_keys(STORY_KEYS), ensure_ascii=False),
            json.dumps(self.outlets, ensure_ascii=False), self.language,
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple) -> Story:
        (sid, _, start, end, articles, _, members, last_seq, centroid, terms, keys, outlets,
         language) = row  # fmt: skip
        return cls(
            story_id=sid,
            centroid=np.frombuffer(bytes(centroid), dtype=np.float32).copy(),
            members=int(members),
            articles=int(articles),
            terms=json.loads(terms),
            keys=json.loads(keys),
            start=ordinal(start),
            end=ordinal(end),
            last_seq=int(last_seq),
            outlets=json.loads(outlets),
            language=language,
        )


#: The ``stories`` columns, in :meth:`Story.row` order.
STORY_COLUMNS = (
    "story_id", "label", "start", "end", "articles", "outlets", "members", "last_seq",
    "centroid", "terms", "keys", "outlet_counts", "language",
)  # fmt: skip


def _top(weights: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def similarity(
    f: ArticleFeatures, vector: np.ndarray | None, s: Story, embed_sim: float | None = None
) -> float:
    """How much an article belongs to a story (before the time cost)."""
    if embed_sim is None:
        length = float(np.linalg.norm(s.centroid))
        embed_sim = float(vector @ s.centroid) / length if vector is not None and length else 0.0
    if s.terms_norm is None:
        s.terms_norm = norm(s.terms)
    score = W_EMBED * embed_sim + W_TERMS * cosine(f.terms, s.terms, s.terms_norm)
    return score + W_KEYS * overlap(f.keys, s.top_keys()) if W_KEYS else score


def pair_similarity(
    a: ArticleFeatures, va: np.ndarray | None, b: ArticleFeatures, vb: np.ndarray | None
) -> float:
    """The similarity of two articles: the second as a story of one (before the time cost)."""
    s = Story(story_id="", centroid=np.zeros(EMBED_DIM, np.float32))
    s.add(b, vb, copy=False)
    return similarity(a, va, s)


def gap_days(day: int | None, s: Story) -> int | None:
    """Days from a story's span to a day (0 inside it), None when either is undated."""
    if day is None or s.start is None or s.end is None:
        return None
    return max(0, s.start - day, day - s.end)


class StoryIndex:
    """The open stories of a batch, with their unit centroids in one matrix."""

    def __init__(self, stories: Iterable[Story] = ()) -> None:
        self.stories: list[Story] = []
        self.by_id: dict[str, int] = {}
        self._unit = np.zeros((64, EMBED_DIM), dtype=np.float32)
        self._start = np.zeros(64, dtype=np.int64)
        self._end = np.zeros(64, dtype=np.int64)
        self._dated = np.zeros(64, dtype=bool)
        self._last = np.zeros(64, dtype=np.int64)
        self._english = np.zeros(64, dtype=bool)
        #: A batch's embedding similarities to the stories open when it began (see
        #: :meth:`prepare`), with the stories changed since marked dirty.
        self._pre: np.ndarray | None = None
        self._base = 0
        self._dirty = np.zeros(0, dtype=bool)
        for s in stories:
            self.add(s)

    def prepare(self, vectors: np.ndarray) -> None:
        """Compute a batch's embedding similarities to every open story in one product (one
        matrix product for the batch instead of one per article)."""
        n = len(self.stories)
        self._pre = vectors.astype(np.float32) @ self._unit[:n].T if n else None
        self._base = n
        self._dirty = np.zeros(n, dtype=bool)

    def _embed_sims(self, vector: np.ndarray, row: int | None) -> np.ndarray:
        """Embedding similarity of a vector to every story, from :meth:`prepare` where it
        still holds."""
        n = len(self.stories)
        if self._pre is None or row is None:
            return self._unit[:n] @ vector
        sims = np.empty(n, dtype=np.float32)
        sims[: self._base] = self._pre[row]
        stale = np.flatnonzero(self._dirty)
        if len(stale):
            sims[stale] = self._unit[stale] @ vector
        if n > self._base:
            sims[self._base :] = self._unit[self._base : n] @ vector
        return sims

    def add(self, s: Story) -> None:
        i = len(self.stories)
        if i == len(self._unit):
            self._unit = np.concatenate([self._unit, np.zeros_like(self._unit)])
            for name in ("_start", "_end", "_dated", "_last", "_english"):
                old = getattr(self, name)
                setattr(self, name, np.concatenate([old, np.zeros_like(old)]))
        self.stories.append(s)
        self.by_id[s.story_id] = i
        self.refresh(i)

    def refresh(self, i: int) -> None:
        s = self.stories[i]
        norm = float(np.linalg.norm(s.centroid))
        self._unit[i] = s.centroid / norm if norm else 0.0
        self._dated[i] = s.start is not None
        self._start[i] = s.start or 0
        self._end[i] = s.end or 0
        self._last[i] = s.last_seq
        self._english[i] = compared(s.language)
        if i < self._base:
            self._dirty[i] = True

    def best(
        self, f: ArticleFeatures, vector: np.ndarray | None, row: int | None = None
    ) -> tuple[Story | None, float]:
        """The most similar open story and the similarity (None below :data:`THRESHOLD`);
        ``row``: the article's row in the vectors given to :meth:`prepare`."""
        n = len(self.stories)
        if not n or not compared(f.language):
            return None, 0.0
        day = ordinal(f.day)
        recent = self._last[:n] >= f.seq - RECENT_ARTICLES
        if day is None:
            open_ = recent
        else:
            gap = np.maximum(0, np.maximum(self._start[:n] - day, day - self._end[:n]))
            open_ = np.where(self._dated[:n], gap <= MAX_GAP_DAYS, recent)
        candidates = np.flatnonzero(open_ & self._english[:n])
        if not len(candidates):
            return None, 0.0
        if vector is not None:
            sims = self._embed_sims(vector, row)[candidates]
            if len(sims) > SHORTLIST:
                part = np.argpartition(-sims, SHORTLIST - 1)[:SHORTLIST]
                order = part[np.argsort(-sims[part], kind="stable")]
            else:
                order = np.argsort(-sims, kind="stable")
            shortlist = [(int(candidates[j]), float(sims[j])) for j in order]
        else:
            shortlist = [(int(j), 0.0) for j in candidates[-SHORTLIST:]]
        best: Story | None = None
        best_score = 0.0
        for i, embed_sim in shortlist:
            if vector is not None and W_EMBED * embed_sim + W_TERMS + W_KEYS < THRESHOLD:
                break  # not even the same words could bring this story (or the rest) up
            s = self.stories[i]
            score = similarity(f, vector, s, embed_sim)
            gap_n = gap_days(day, s)
            if gap_n is not None:
                score -= GAP_COST * max(0, gap_n - GRACE_DAYS)
            if score > best_score:
                best, best_score = s, score
        if best is None or best_score < THRESHOLD:
            return None, best_score
        return best, best_score

    def join(self, s: Story, f: ArticleFeatures, vector: np.ndarray | None, copy: bool) -> None:
        s.add(f, vector, copy)
        self.refresh(self.by_id[s.story_id])

    def open_story(self, f: ArticleFeatures, vector: np.ndarray | None) -> Story:
        s = Story(story_id=story_id(f.article_id), centroid=np.zeros(EMBED_DIM, np.float32),
                  language=f.language)  # fmt: skip
        s.add(f, vector, copy=False)
        self.add(s)
        return s


#: Languages whose articles are compared at all (the sentence encoder reads English; an
#: article whose language is unknown is read as English).
COMPARED_LANGUAGES = frozenset({"en"})


def compared(language: str | None) -> bool:
    """Whether articles (and stories) of a language are compared for stories. On the
    SemEval-2022 pairs in eight other languages the similarity separated stories with a
    precision of 0.55 at best (two unrelated Russian texts score as high as two tellings of
    one English story), so an article in another language forms a story with its copies
    only, until a multilingual encoder is pinned."""
    return language is None or language in COMPARED_LANGUAGES


def story_id(first_article: str) -> str:
    """A story's id: ``s`` and its first article's id (stable across re-runs; commands take
    any unambiguous prefix)."""
    return "s" + first_article


def window(batch: list[ArticleFeatures]) -> tuple[str | None, str | None, int]:
    """The days and the first ``seq`` a batch's open stories must come within."""
    days = [d for d in (ordinal(f.day) for f in batch) if d is not None]
    lo = iso(min(days) - MAX_GAP_DAYS) if days else None
    hi = iso(max(days) + MAX_GAP_DAYS) if days else None
    first = min((f.seq for f in batch), default=0)
    return lo, hi, first - RECENT_ARTICLES
