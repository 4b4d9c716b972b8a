"""Sources: turn paths (files, directories, ``-`` for stdin) into a stream of raw documents.

Formats are detected by content (see :mod:`chronist.sources.detect`): plain-text scrapes, HTML,
JSON Lines, WARC and WARC.gz, and any of them gzipped. Problems come back as
:class:`~chronist.errors.InputError` items in the same stream, never as exceptions, so one bad
input never stops a batch.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chronist.errors import InputError
from chronist.model import RawDocument
from chronist.sources.readers import JSONL_FIELDS, read_bytes

__all__ = ["DEFAULT_MAX_BYTES", "JSONL_FIELDS", "expand_paths", "iter_documents", "read_bytes"]

DEFAULT_MAX_BYTES = 50_000_000
STDIN = "-"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and every file under a directory (recursive, sorted, hidden files skipped)."""
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            unreadable: list[str] = []
            for root, dirs, files in os.walk(path, onerror=_collect(unreadable)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for fname in sorted(files):
                    if not fname.startswith("."):
                        yield str(Path(root) / fname)
            yield from unreadable  # read_path says why each cannot be read
        else:
            yield raw


def _collect(into: list[str]) -> Callable[[OSError], None]:
    """An ``os.walk`` error handler keeping the folders it could not list."""

    def keep(error: OSError) -> None:
        into.append(str(error.filename))

    return keep


def input_name(path: str) -> str:
    """``path`` as the input's name in records and messages: a file name that is not valid
    UTF-8 keeps its odd bytes as ``\\xff`` escapes (the raw bytes cannot be stored as text)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def input_size(path: str) -> int:
    """Size in bytes of a file input (0 for stdin or a missing file)."""
    if path == STDIN:
        return 0
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """Every raw document in one file (or stdin), errors included as items."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        name = input_name(path)
        try:
            info = os.stat(path)
        except OSError as exc:
            yield InputError(name, f"cannot read ({exc.strerror or exc})")
            return
        if stat.S_ISDIR(info.st_mode):
            yield InputError(name, "cannot read this folder (permission denied); skipped")
            return
        if not stat.S_ISREG(info.st_mode):
            # a FIFO, socket or device would block the run or never end
            yield InputError(name, "not a regular file (a pipe, socket or device); skipped")
            return
        size = info.st_size
        if size > max_bytes:
            yield InputError(
                name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit"
            )
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield InputError(name, f"cannot read ({exc.strerror or exc})")
            return
    if len(data) > max_bytes:
        yield InputError(name, f"input is over the {max_bytes / 1e6:g} MB limit")
        return
    if not data.strip():
        yield InputError(name, "empty file")
        return
    yield from read_bytes(name, data, max_bytes)


def iter_documents(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """Every raw document under ``paths``, in order, with errors as items."""
    for path in expand_paths(paths):
        yield from read_path(path, max_bytes)
