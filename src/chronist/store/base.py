"""The store interface every backend implements, and the small result types it returns.

The CLI, the steps and the query layer talk to :class:`Store` only; SQLite and PostgreSQL
implement it (:mod:`chronist.store.sql` holds what they share). A store keeps each article's
full JSON record (whatever :meth:`Article.to_dict` produced, including fields later stages add)
plus the normalised rows queries filter on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from types import TracebackType
from typing import Any, Literal, Self

from chronist.model import Article

PutStatus = Literal["new", "exists", "duplicate"]

#: Key used in :class:`Stats` counts for articles without an outlet or language.
UNKNOWN = "(unknown)"

#: Shortest id prefix :meth:`Store.get` accepts.
MIN_PREFIX = 4


@dataclass(frozen=True)
class PutResult:
    """What :meth:`Store.put` did with one article.

    ``status`` is ``new`` (stored), ``exists`` (that id was already stored; nothing written) or
    ``duplicate`` (stored, but an earlier article, ``duplicate_of``, has the same body).
    """

    status: PutStatus
    id: str
    duplicate_of: str | None = None


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result; ``rank``: lower is better (SQLite: BM25 as FTS5 reports
    it; PostgreSQL: ``ts_rank_cd`` negated)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float


@dataclass(frozen=True)
class Stats:
    """A summary of a store's contents (counts keyed by value, ``UNKNOWN`` for missing ones)."""

    articles: int
    by_outlet: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)
    with_date: int = 0
    without_date: int = 0
    inputs: int = 0
    input_files: int = 0
    duplicates: int = 0
    earliest: str | None = None
    latest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for ``--json`` output)."""
        return asdict(self)


class Store(ABC):
    """A place articles are written to once and read back, searched and exported from."""

    @abstractmethod
    def put(self, article: Article) -> PutResult:
        """Store one article in a single transaction: the whole record lands or nothing does.

        Idempotent: an id already stored writes nothing and returns status ``exists``. A new id
        whose body hash matches an earlier article is stored and reported as ``duplicate``.
        """

    @abstractmethod
    def resolve(self, id_or_prefix: str) -> str | None:
        """The full id for an exact id or a unique prefix of at least ``MIN_PREFIX`` characters.

        Returns None when nothing matches; raises ChronistError when the prefix is too short or
        matches more than one article.
        """

    @abstractmethod
    def get_record(self, id_or_prefix: str) -> dict[str, Any] | None:
        """The full stored JSON record of one article (id or unique prefix), or None."""

    def get(self, id_or_prefix: str) -> Article | None:
        """The stored article for an id or unique prefix (see :meth:`resolve`), or None."""
        record = self.get_record(id_or_prefix)
        return Article.from_dict(record) if record is not None else None

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over title and body, best first.

        A query the backend's syntax rejects (an unbalanced quote, a stray operator) is retried as
        plain terms that must all occur, rather than failing.
        """

    @abstractmethod
    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Stream all stored records ordered by ``published`` then id (undated ones last)."""

    @abstractmethod
    def records_since(self, seq: int) -> Iterator[tuple[int, dict[str, Any]]]:
        """``(seq, record)`` of every article stored after position ``seq``, in storing order
        (store steps catch up with these)."""

    @abstractmethod
    def step_position(self, step: str) -> int:
        """The last article position a store step has seen (0: none)."""

    @abstractmethod
    def set_step_position(self, step: str, seq: int) -> None:
        """Record that a store step has seen every article up to position ``seq``."""

    @abstractmethod
    def count(self) -> int:
        """Number of stored articles."""

    @abstractmethod
    def stats(self) -> Stats:
        """Summary counts over the stored articles."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; calling it twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
