"""Article stores: :func:`open_store` picks the backend from a path or URL.

A plain path or ``sqlite:///relative.db`` / ``sqlite:////absolute.db`` opens SQLite;
``postgresql://...`` is reserved for a later PostgreSQL backend.
"""

from __future__ import annotations

import re
from pathlib import Path

from chronist.errors import ChronistError
from chronist.store.base import MIN_PREFIX, UNKNOWN, PutResult, SearchHit, Stats, Store

__all__ = [
    "MIN_PREFIX",
    "UNKNOWN",
    "PutResult",
    "SearchHit",
    "Stats",
    "Store",
    "open_store",
]

_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)$", re.DOTALL)


def open_store(target: str | Path) -> Store:
    """Open (creating if needed) the store at ``target``: a path, ``sqlite:///path`` or a URL."""
    from chronist.store.sqlite import SQLiteStore

    if isinstance(target, Path):
        return SQLiteStore(target)
    match = _URL.match(target)
    if match is None:
        return SQLiteStore(Path(target))
    scheme = match["scheme"].lower()
    if scheme == "sqlite":
        rest = match["rest"]
        if not rest.startswith("/") or rest == "/":
            raise ChronistError(f"{target}: a SQLite URL needs a path, e.g. sqlite:///chronicle.db")
        return SQLiteStore(Path(rest[1:]))
    if scheme.split("+")[0] in ("postgresql", "postgres"):
        raise ChronistError(
            f"{_redact(target)}: the PostgreSQL store is not available yet; "
            "use a SQLite file path (e.g. chronicle.db) instead"
        )
    raise ChronistError(f"{_redact(target)}: unknown store scheme {scheme!r} (use a file path)")


def _redact(url: str) -> str:
    """The URL with any password replaced, so it can go into an error message."""
    return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)
