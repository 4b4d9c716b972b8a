"""Copies and reposts: the same text under other chrome, lightly edited, found with MinHash LSH.

Signatures are datasketch's :class:`~datasketch.MinHash` over word 5-shingles of the clean
body (each word hashed once with CRC-32, the shingle's hashes folded together in numpy:
stable across processes and fast); the banding is
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

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, scheme=SCHEME)


#: Odd multipliers that fold a shingle's token hashes into one (a polynomial hash mod 2^64).
_FOLD = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD], dtype=np.uint64)  # fmt: skip


def shingle_hashes(body: str) -> np.ndarray:
    """One stable 32-bit hash per distinct word 5-shingle of a body: each word hashed once
    (zlib's CRC-32, in C), the five hashes of a shingle folded together with numpy."""
    tokens = _TOKEN.findall(body.lower())
    words = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64,
                        count=len(tokens))  # fmt: skip
    if len(words) < SHINGLE:
        words = np.concatenate([words, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    n = len(words) - SHINGLE + 1
    folded = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            folded += words[k : k + n] * _FOLD[k]
    return np.unique(folded >> np.uint64(32))


def signature(body: str) -> np.ndarray:
    """The MinHash signature (uint32) of a body's word shingles."""
    from datasketch import MinHash

    template = _template()
    mh = MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=int,  # the values are hashed already
        permutations=template.permutations,
        scheme=SCHEME,
    )
    mh.update_batch(shingle_hashes(body).tolist())
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
        sigs = [signature(body) for _, body, _ in batch]
        keys = [band_keys(sig) for sig in sigs]
        stored = self._stored({k for ks in keys for k in ks})
        copies: list[Copy] = []
        sig_rows: list[tuple[Any, ...]] = []
        band_rows: list[tuple[Any, ...]] = []
        pending: dict[int, list[tuple[int, str, np.ndarray]]] = {}  # band key → this batch's
        for (article_id, _, duplicate_of), sig, ks in zip(batch, sigs, keys, strict=True):
            if duplicate_of:
                copies.append(Copy(article_id, duplicate_of, 1.0))
            else:
                candidates = {c[1]: c for k in ks for c in stored.get(k, []) + pending.get(k, [])}
                for _, aid, other in sorted(candidates.values(), key=lambda c: c[0]):
                    sim = similarity(sig, other)  # the earliest copy above the threshold
                    if sim >= THRESHOLD and aid != article_id:
                        copies.append(Copy(article_id, aid, round(sim, 3)))
                        break
            sig_rows.append((article_id, sig.tobytes()))
            band_rows.extend((k, article_id) for k in ks)
            for k in ks:
                pending.setdefault(k, []).append((2**62 + len(sig_rows), article_id, sig))
        return copies, sig_rows, band_rows

    def _stored(self, keys: set[int]) -> dict[int, list[tuple[int, str, np.ndarray]]]:
        """Stored articles sharing a band with the batch: band key → (seq, id, signature)."""
        out: dict[int, list[tuple[int, str, np.ndarray]]] = {}
        ordered = sorted(keys)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            rows = self.store.fetch(
                "SELECT b.key, a.seq, m.article_id, m.signature FROM minhash_bands AS b"
                " JOIN minhash AS m ON m.article_id = b.article_id"
                " JOIN articles AS a ON a.id = m.article_id"
                f" WHERE b.key IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for key, seq, aid, raw in rows:
                sig = np.frombuffer(bytes(raw), dtype=np.uint32)
                out.setdefault(key, []).append((int(seq), aid, sig))
        return out
