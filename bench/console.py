"""Helpers the benchmark scripts share: progress lines, aligned tables, one-to-one matching,
and the CoNLL reader of ``tools/buildutil.py`` (the training scripts read the same files)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from buildutil import read_conll  # noqa: E402

__all__ = ["one_to_one", "progress", "read_conll", "table"]


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
