"""The pipeline: sources → extract → the registered analysis stages, one article at a time.

Stages after extraction (language, quotes, events, …) register themselves in :data:`STAGES` by
name; each is a pure function of an article, so the same code runs in one process, a pool or on
a cluster. Every failure is turned into an :class:`InputError` naming the input, so one broken
article never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from chronist.errors import InputError
from chronist.extract import extract
from chronist.model import Article, RawDocument
from chronist.sources import DEFAULT_MAX_BYTES, expand_paths, input_size, read_path

Stage = Callable[[Article], Article]

#: Analysis stages run after extraction, in registration order.
STAGES: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register an analysis stage under ``name``."""

    def register(func: Stage) -> Stage:
        STAGES[name] = func
        return func

    return register


def analyze_document(raw: RawDocument) -> Article:
    """Extract one raw document and run every registered stage on it."""
    article = extract(raw)
    if not article.body.strip():
        raise InputError(raw.input, "no article text found")
    for func in STAGES.values():
        article = func(article)
    return article


def _safe(raw: RawDocument) -> Article | InputError:
    try:
        return analyze_document(raw)
    except InputError as err:
        return err
    except Exception as exc:  # a bug or an odd page must not stop the batch
        return InputError(raw.input, f"extraction failed ({type(exc).__name__}: {exc})")


@dataclass(frozen=True)
class FileDone:
    """Marker yielded after each input file, carrying its size for progress bars."""

    path: str
    size: int


def run(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError | FileDone]:
    """Articles and errors for every input under ``paths``, with a marker after each file."""
    for path in expand_paths(paths):
        for item in read_path(path, max_bytes):
            yield item if isinstance(item, InputError) else _safe(item)
        yield FileDone(path, input_size(path))
