"""Console helpers the benchmark scripts share: progress lines and aligned tables."""

from __future__ import annotations

import sys
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
