"""Helpers the benchmark scripts share: progress lines, aligned tables, one-to-one matching,
the CoNLL reader."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def progress(msg: str) -> None:
    print(f"  .. {msg}", file=sys.stderr, flush=True)


def table(headers: list[str], rows: list[list[Any]], indent: str = "  ") -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        parts = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        lines.append(indent + "  ".join(parts).rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def one_to_one(candidates: list[tuple[int, int, int]]) -> dict[int, int]:
    """One-to-one matching of ``(overlap, pred index, gold index)`` candidates, largest overlap
    first (ties by index): {pred index: gold index}."""
    used_p: dict[int, int] = {}
    used_g: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_p and j not in used_g:
            used_p[i] = j
            used_g.add(j)
    return used_p


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """A CoNLL file of ``token tag`` lines, sentences separated by blank lines (ConfliBERT's
    ``cameo_ner``)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, _, label = line.rpartition(" ")
        cur.append((tok, label))
    if cur:
        sents.append(cur)
    return sents
