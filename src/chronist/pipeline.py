"""The pipeline: sources → extract → the registered analysis stages.

Stages after extraction are registered in :mod:`chronist.registry` with what they require and
assign; :func:`chronist.registry.plan` orders the ones a :class:`~chronist.settings.Settings`
names. A stage object is built once per process and settings (spaCy and the knowledge base
load once) and its ``process`` takes a batch of articles, so spaCy can batch with
``nlp.pipe``. Every stage is a pure function of the articles and settings it is given: the same
code runs in one process, in a pool (``workers``) or on a cluster, with the same results. Every
failure becomes an :class:`InputError` naming the input, so one broken article never stops a
batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from chronist import settings as settings_module
from chronist.errors import InputError
from chronist.extract import extract
from chronist.model import Article, RawDocument
from chronist.registry import Stage, load_stage, plan
from chronist.settings import Settings
from chronist.sources import expand_paths, input_size, read_path

__all__ = [
    "FileDone",
    "Item",
    "Known",
    "Settings",
    "Stage",
    "StoredIn",
    "analyze_document",
    "chunked",
    "run",
    "run_stages",
]


#: Kept for callers of earlier releases: the default analysis stages and batch size.
DEFAULT_STAGES = settings_module.DEFAULT_STAGES
BATCH_SIZE = settings_module.DEFAULT_BATCH_SIZE


def analyze_document(
    raw: RawDocument, stages: Sequence[str] | None = None, settings: Settings | None = None
) -> Article:
    """Extract one raw document and run the stages of ``settings`` (or the named ``stages``)."""
    return run_stages([_extract(raw)], stages, settings)[0]


def _extract(raw: RawDocument) -> Article:
    article = extract(raw)
    if not article.body.strip():
        raise InputError(raw.input, "no article text found")
    if raw.kind == "html" and not any(
        len(p.split()) >= _PROSE_WORDS for p in article.body.split("\n\n")
    ):
        # a page of menus, links and headings: what is left of it is no article
        raise InputError(raw.input, "no article text found (only links, menus or headings)")
    return article


#: Words of the longest paragraph below which a web page holds no prose at all.
_PROSE_WORDS = 8


def run_stages(
    articles: list[Article], stages: Sequence[str] | None = None, settings: Settings | None = None
) -> list[Article]:
    """The stages over a batch of articles: ``stages`` by name if given, else those of
    ``settings``, in the order their declarations give (see :func:`chronist.registry.plan`).
    The articles may come from an earlier run: a stage may be re-run on its own
    (``("events",)`` on analysed articles)."""
    settings = settings or Settings()
    names = tuple(stages) if stages is not None else settings.stages
    for spec in plan(names, strict=False):
        if articles:
            articles = load_stage(spec.name, settings).process(articles)
    # the language stage's parse served the later stages; it is never stored or pickled
    return [replace(a, doc=None) if a.doc is not None else a for a in articles]


def _safe_extract(raw: RawDocument) -> Article | InputError:
    try:
        return _extract(raw)
    except InputError as err:
        return err
    except Exception as exc:  # a bug or an odd page must not stop the batch
        return InputError(raw.input, f"extraction failed ({type(exc).__name__}: {exc})")


def _safe_stages(articles: list[Article], settings: Settings) -> list[Article | InputError]:
    try:
        return list(run_stages(articles, settings=settings))
    except Exception:
        # Find the article that fails; the others go on. Stages return new articles, so the
        # failed batch left none of these half-annotated.
        out: list[Article | InputError] = []
        for article in articles:
            try:
                out.extend(run_stages([article], settings=settings))
            except Exception as exc:
                reason = f"analysis failed ({type(exc).__name__}: {exc})"
                out.append(InputError(article.input, reason))
        return out


@dataclass(frozen=True)
class FileDone:
    """Marker yielded after each input file, carrying its size for progress bars."""

    path: str
    size: int


@dataclass(frozen=True)
class Known:
    """Marker for an input whose article the store already holds: extracted (its id is its
    content's), not analysed again."""

    input: str
    id: str


Item = Article | InputError | FileDone | Known


class StoredIn:
    """Whether the store at ``target`` holds an article id; picklable, so a worker process
    opens its own connection on first use. Passed to :func:`run` as ``skip`` by an ingest, so
    re-running an interrupted one analyses only what is missing."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._store: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"target": self.target, "_store": None}

    def __call__(self, article: Article) -> bool:
        if self._store is None:
            from chronist.store import open_store

            self._store = open_store(self.target)
        return self._store.resolve(article.id) == article.id


def _process_paths(
    paths: Iterable[str], settings: Settings, skip: Callable[[Article], bool] | None = None
) -> Iterator[Item]:
    """Everything the input files yield, stages applied in batches that span files, in order;
    an article ``skip`` accepts is yielded as :class:`Known`, unanalysed."""
    pending: list[Item] = []

    def flush() -> Iterator[Item]:
        articles = [a for a in pending if isinstance(a, Article)]
        done = iter(_safe_stages(articles, settings) if articles else ())
        for item in pending:
            yield next(done) if isinstance(item, Article) else item
        pending.clear()

    for path in paths:
        for raw in read_path(path, settings.max_bytes):
            item = raw if isinstance(raw, InputError) else _safe_extract(raw)
            if skip is not None and isinstance(item, Article) and skip(item):
                item = Known(item.input, item.id)
            pending.append(item)
            if not isinstance(pending[0], Article):
                # nothing waits for analysis before it: an error or a stored input is told
                # now, not after the next batch of new articles (a re-run names its bad
                # inputs as it meets them)
                yield from flush()
            elif sum(isinstance(a, Article) for a in pending) >= settings.batch_size:
                yield from flush()
        pending.append(FileDone(path, input_size(path)))
        if not isinstance(pending[0], Article):
            yield from flush()
    yield from flush()


def _process_chunk(
    args: tuple[list[str], Settings, Callable[[Article], bool] | None],
) -> list[Item]:
    paths, settings, skip = args
    return list(_process_paths(paths, settings, skip))


def chunked(files: list[str], batch_size: int, workers: int) -> list[list[str]]:
    """Files cut into chunks for ``workers`` parallel workers: about four chunks per worker,
    none longer than a batch."""
    size = max(1, min(batch_size, -(-len(files) // (workers * 4))))
    return [files[i : i + size] for i in range(0, len(files), size)]


def limit_threads(threads: int) -> None:
    """Cap BLAS, OpenMP and onnxruntime threads in this process: worker processes share the
    machine's cores, and OpenBLAS's spinning threads made two workers slower than one."""
    from threadpoolctl import threadpool_limits

    from chronist.events.onnxgraph import set_threads

    threadpool_limits(limits=max(1, threads))
    set_threads(max(1, threads))  # the events encoder's onnxruntime session, when it loads


def run(
    paths: Iterable[str],
    settings: Settings | None = None,
    skip: Callable[[Article], bool] | None = None,
) -> Iterator[Item]:
    """Articles and errors for every input under ``paths``, with a marker after each file.

    ``settings`` (default: :class:`Settings()`) names the stages, knowledge base, limits and
    workers. With ``settings.workers`` > 1, groups of files are analysed in a process pool
    (each worker receives the settings, and loads spaCy and the knowledge base once) and
    results come back in input order, identical to one process. Standard input is always read
    in this process. An unknown stage or an unmet requirement raises ChronistError before any
    input is read. ``skip`` (e.g. :class:`StoredIn`) is asked about each extracted article;
    those it accepts come back as :class:`Known` markers, not analysed.
    """
    settings = settings or Settings()
    plan(settings.stages)
    files = list(expand_paths(paths))
    if settings.workers <= 1 or len(files) < 2 or "-" in files:
        yield from _process_paths(files, settings, skip)
        return
    chunks = chunked(files, settings.batch_size, settings.workers)
    threads = max(1, (os.cpu_count() or 1) // settings.workers)
    with ProcessPoolExecutor(
        max_workers=settings.workers, initializer=limit_threads, initargs=(threads,)
    ) as pool:
        for items in pool.map(_process_chunk, [(chunk, settings, skip) for chunk in chunks]):
            yield from items
