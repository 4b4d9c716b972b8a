"""The pipeline: sources → extract → the registered analysis stages.

Stages after extraction register a factory in :data:`STAGES` by name; the factory runs once per
process (spaCy and the knowledge base load once) and the stage object's ``process`` takes a
batch of articles, so spaCy can batch with ``nlp.pipe``. Every stage is a pure function of the
articles it is given: the same code runs in one process, in a pool (``workers``) or on a
cluster, with the same results. Every failure becomes an :class:`InputError` naming the input,
so one broken article never stops a batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from chronist.errors import InputError
from chronist.extract import extract
from chronist.model import Article, RawDocument
from chronist.sources import DEFAULT_MAX_BYTES, expand_paths, input_size, read_path


class Stage(Protocol):
    """An analysis stage: a batch of articles in, the same articles annotated out."""

    name: str

    def process(self, articles: list[Article]) -> list[Article]:
        """Annotate a batch of articles (same order, same length)."""
        ...


def _language() -> Stage:
    from chronist.language import LanguageStage
    from chronist.language.kb import KnowledgeBase

    extra = [Path(p) for p in os.environ.get(KB_ENV, "").split(os.pathsep) if p]
    return LanguageStage(kb=KnowledgeBase.load(extra) if extra else None)


def _quotes() -> Stage:
    from chronist.quotes import QuoteStage

    return QuoteStage()


def _events() -> Stage:
    from chronist.events import EventStage
    from chronist.events.coder import EventCoder

    if os.environ.get(CLASSIFIER_ENV, "1") == "0":
        return EventStage(EventCoder(classifier=None))
    return EventStage()


#: Stage factories by name, in pipeline order (each needs those before it).
STAGES: dict[str, Callable[[], Stage]] = {
    "language": _language,
    "quotes": _quotes,
    "events": _events,
}
DEFAULT_STAGES: tuple[str, ...] = ("language", "quotes", "events")
BATCH_SIZE = 16


#: Extra knowledge-base files (``--kb``), os.pathsep-separated; worker processes inherit it.
KB_ENV = "CHRONIST_KB"
#: "0" turns the events stage's sentence classifier off (``--no-classifier``): lexicon only.
CLASSIFIER_ENV = "CHRONIST_EVENT_CLASSIFIER"


def _stage(name: str) -> Stage:
    # Only the events stage depends on the classifier setting: the others stay loaded.
    classifier = os.environ.get(CLASSIFIER_ENV, "1") if name == "events" else ""
    return _stage_for(name, os.environ.get(KB_ENV, ""), classifier)


@cache
def _stage_for(name: str, kb_files: str, classifier: str) -> Stage:
    return STAGES[name]()


def analyze_document(raw: RawDocument, stages: Sequence[str] = DEFAULT_STAGES) -> Article:
    """Extract one raw document and run the named stages on it."""
    return run_stages([_extract(raw)], stages)[0]


def _extract(raw: RawDocument) -> Article:
    article = extract(raw)
    if not article.body.strip():
        raise InputError(raw.input, "no article text found")
    return article


def run_stages(articles: list[Article], stages: Sequence[str]) -> list[Article]:
    """The named stages over a batch of articles."""
    for name in stages:
        if articles:
            articles = _stage(name).process(articles)
    return articles


def _safe_extract(raw: RawDocument) -> Article | InputError:
    try:
        return _extract(raw)
    except InputError as err:
        return err
    except Exception as exc:  # a bug or an odd page must not stop the batch
        return InputError(raw.input, f"extraction failed ({type(exc).__name__}: {exc})")


def _safe_stages(articles: list[Article], stages: Sequence[str]) -> list[Article | InputError]:
    try:
        return list(run_stages(articles, stages))
    except Exception:
        # Find the article that fails; the others go on.
        out: list[Article | InputError] = []
        for article in articles:
            try:
                out.extend(run_stages([article], stages))
            except Exception as exc:
                reason = f"analysis failed ({type(exc).__name__}: {exc})"
                out.append(InputError(article.input, reason))
        return out


@dataclass(frozen=True)
class FileDone:
    """Marker yielded after each input file, carrying its size for progress bars."""

    path: str
    size: int


Item = Article | InputError | FileDone


def _process_paths(
    paths: Iterable[str], max_bytes: int, stages: Sequence[str], batch_size: int
) -> Iterator[Item]:
    """Everything the input files yield, stages applied in batches that span files, in order."""
    pending: list[Item] = []

    def flush() -> Iterator[Item]:
        articles = [a for a in pending if isinstance(a, Article)]
        done = iter(_safe_stages(articles, stages))
        for item in pending:
            yield next(done) if isinstance(item, Article) else item
        pending.clear()

    for path in paths:
        for raw in read_path(path, max_bytes):
            pending.append(raw if isinstance(raw, InputError) else _safe_extract(raw))
            if sum(isinstance(a, Article) for a in pending) >= batch_size:
                yield from flush()
        pending.append(FileDone(path, input_size(path)))
    yield from flush()


def _process_chunk(args: tuple[list[str], int, tuple[str, ...], int]) -> list[Item]:
    paths, max_bytes, stages, batch_size = args
    return list(_process_paths(paths, max_bytes, stages, batch_size))


def run(
    paths: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    stages: Sequence[str] = DEFAULT_STAGES,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Item]:
    """Articles and errors for every input under ``paths``, with a marker after each file.

    With ``workers`` > 1, groups of files are analysed in a process pool (each worker loads
    spaCy and the knowledge base once) and results come back in input order, identical to one
    process. Standard input is always read in this process.
    """
    stages = tuple(stages)
    files = list(expand_paths(paths))
    if workers <= 1 or len(files) < 2 or "-" in files:
        yield from _process_paths(files, max_bytes, stages, batch_size)
        return
    size = max(1, min(batch_size, -(-len(files) // (workers * 4))))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    jobs = [(chunk, max_bytes, stages, batch_size) for chunk in chunks]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for items in pool.map(_process_chunk, jobs):
            yield from items
