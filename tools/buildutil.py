"""What the build scripts share: deterministic gzipped JSON, installed package versions."""

from __future__ import annotations

import gzip
import importlib.metadata
import io
import json
from pathlib import Path
from typing import Any


def write_gzip_json(data: dict[str, Any], out: Path) -> None:
    """Sorted keys, compact separators, gzip with mtime 0 and no file name: same bytes each run."""
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(payload.encode("utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


def package_version(name: str) -> str:
    """The installed version of a package, or "not installed"."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
