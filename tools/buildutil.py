"""What the build scripts share: deterministic gzipped JSON, installed package versions, the
ConfliBERT CAMEO files the training scripts read."""

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


def read_class_set(path: Path) -> tuple[list[str], list[int]]:
    """A ConfliBERT ``cameo_class`` file: sentences and their penta classes."""
    rows = [line.rstrip("\r\n").split("\t") for line in path.open(encoding="utf-8") if line.strip()]
    return [r[0] for r in rows], [int(r[1]) for r in rows]


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """A CoNLL file of ``token tag`` lines, sentences separated by blank lines."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, _, tag = line.rpartition(" ")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences
