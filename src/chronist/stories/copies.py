"""Copies and reposts: the same text under other chrome, lightly edited, found with MinHash LSH.

Signatures are datasketch's :class:`~datasketch.MinHash` over word 5-shingles of the clean
body (shingles hashed with CRC-32, stable across processes and fast); the banding is
datasketch's own choice of bands and rows for the threshold. The bands
are kept in the store (table ``minhash_bands``, one indexed hash per band and article) instead
of datasketch's in-memory :class:`~datasketch.MinHashLSH`, so a new batch is matched against
the whole store without loading it, on SQLite and PostgreSQL alike; candidates are confirmed
with the estimated Jaccard similarity of the stored signatures.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

#: Permutations per signature.
NUM_PERM = 64
#: Estimated Jaccard similarity of shingle sets from which two bodies are copies.
THRESHOLD = 0.8
#: datasketch's permutation scheme (32-bit values; fixed, since stored signatures must match).
SCHEME = "affine32"
#: Words per shingle.
SHINGLE = 5
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Copy:
    """An article found to copy an earlier one."""

    article_id: str
    copy_of: str
    similarity: float


@cache
def _bands() -> tuple[int, int]:
    """datasketch's (bands, rows) for :data:`THRESHOLD` and :data:`NUM_PERM`."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@cache
def _template() -> Any:
    """A MinHash whose permutations every signature reuses (drawing them costs more than
    hashing an article)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_crc32, scheme=SCHEME)


def _crc32(data: bytes) -> int:
    """A stable 32-bit hash of a shingle (zlib's CRC-32, in C)."""
    return zlib.crc32(data)


def signature(body: str) -> np.ndarray:
    """The MinHash signature (uint32) of a body's word shingles."""
    from datasketch import MinHash

    template = _template()
    tokens = _TOKEN.findall(body.lower())
    if len(tokens) < SHINGLE:
        shingles = {" ".join(tokens)}
    else:
        shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    mh = MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=_crc32,
        permutations=template.permutations,
        scheme=SCHEME,
    )
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band (the band's number is hashed in)."""
    bands, rows = _bands()
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(sig[b * rows : (b + 1) * rows].tobytes(), digest_size=8,
                                 person=b.to_bytes(2, "little"))  # fmt: skip
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


class CopyFinder:
    """Finds, for each new article in storing order, the earliest stored article it copies."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def find(
        self, batch: Sequence[tuple[str, str, str | None]]
    ) -> tuple[list[Copy], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """``batch``: (article id, body, exact duplicate of) in storing order. Returns the
        copies found and the signature and band rows to store (earlier articles of the same
        batch count as stored)."""
        copies: list[Copy] = []
        sig_rows: list[tuple[Any, ...]] = []
        band_rows: list[tuple[Any, ...]] = []
        pending: dict[int, list[str]] = {}  # band key → ids of this batch
        pending_sigs: dict[str, np.ndarray] = {}
        for article_id, body, duplicate_of in batch:
            sig = signature(body)
            keys = band_keys(sig)
            if duplicate_of:
                copies.append(Copy(article_id, duplicate_of, 1.0))
            else:
                found = self._best(article_id, sig, keys, pending, pending_sigs)
                if found is not None:
                    copies.append(found)
            sig_rows.append((article_id, sig.tobytes()))
            band_rows.extend((k, article_id) for k in keys)
            pending_sigs[article_id] = sig
            for k in keys:
                pending.setdefault(k, []).append(article_id)
        return copies, sig_rows, band_rows

    def _best(
        self,
        article_id: str,
        sig: np.ndarray,
        keys: list[int],
        pending: dict[int, list[str]],
        pending_sigs: dict[str, np.ndarray],
    ) -> Copy | None:
        marks = ", ".join("?" * len(keys))
        stored = self.store.fetch(
            "SELECT m.article_id, m.signature, a.seq FROM minhash AS m"
            " JOIN articles AS a ON a.id = m.article_id"
            f" WHERE m.article_id IN (SELECT article_id FROM minhash_bands WHERE key IN ({marks}))"
            " ORDER BY a.seq",
            keys,
        )
        candidates = [(aid, np.frombuffer(bytes(raw), dtype=np.uint32)) for aid, raw, _ in stored]
        seen = {aid for aid, _ in candidates}
        for k in keys:
            for aid in pending.get(k, []):
                if aid not in seen:
                    seen.add(aid)
                    candidates.append((aid, pending_sigs[aid]))
        for aid, other in candidates:  # the earliest copy above the threshold
            sim = similarity(sig, other)
            if sim >= THRESHOLD and aid != article_id:
                return Copy(article_id, aid, round(sim, 3))
        return None
