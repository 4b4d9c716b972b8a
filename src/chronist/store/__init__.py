"""Article stores: :func:`open_store` picks the backend from a path or URL.

A plain path, ``sqlite:///relative.db`` or ``sqlite:////absolute.db`` opens SQLite (one file);
``postgresql://user:password@host:port/database`` (or ``postgres://``, libpq's URL form, with
any of its parameters) opens PostgreSQL. Any other scheme is refused in one line, with the
password never shown.
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
    "is_url",
    "open_store",
    "redact",
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
    if scheme in ("postgresql", "postgres"):
        from chronist.store.postgres import PostgresStore

        return PostgresStore(target)
    raise ChronistError(
        f"{redact(target)}: unknown store scheme {scheme!r} "
        "(use a file path, sqlite:///path or postgresql://...)"
    )


def is_url(target: str | Path) -> bool:
    """Whether ``target`` is a store URL rather than a file path."""
    return isinstance(target, str) and _URL.match(target) is not None


def redact(url: str) -> str:
    """The URL with any password replaced (``user:pw@`` or ``?password=``), so it can go into
    a message."""
    url = re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", url)
