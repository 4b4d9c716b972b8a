"""Analysis on a Dask cluster: ``chronist ingest PATH... --dask [--scheduler ADDRESS]``.

The input files are cut into chunks; each chunk is one Dask task that runs the same function a
local worker process runs (:func:`chronist.pipeline._process_chunk`: read, extract, the stages
of the settings object, the store's ``skip`` check), so a cluster stores the same records as one
process. The settings object travels with every task (it is frozen and picklable); no
environment variable is read or written on the workers. A worker plugin
(:class:`ChronistModels`) loads spaCy, the knowledge base and the events classifier once per
worker process when it joins, before its first task, and caps the numeric libraries' threads
at the worker's thread count so that the workers of one machine do not fight over cores.

Results come back to the client in input order and the client writes them to the store, one
transaction per article, as a single-process ingest does: SQLite takes one writer, and input
order keeps "exact duplicate of" links the same as a single-process run. Analysis (about 0.5-1
s of CPU per article) costs 100 times more than a store write (a few ms), so one writer keeps up
with many workers; the README's "Scale" section gives the figures. The client holds at most
``2 x workers`` chunks in flight, so memory stays flat however many files there are.

No cluster engine is written here: Dask's ``distributed`` scheduler places, retries and reports
tasks (a lost worker's chunks are re-run elsewhere); ``LocalCluster`` when no address is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from chronist.errors import ChronistError
from chronist.model import Article
from chronist.pipeline import Item, _process_chunk, chunked, limit_threads
from chronist.registry import load_stage, plan
from chronist.settings import Settings
from chronist.sources import expand_paths

__all__ = ["ChronistModels", "run_dask"]

try:  # the plugin base class, when distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - run_dask says how to install it
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ChronistModels(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the stages of a settings object on a worker once, when the worker starts."""

    name = "chronist-models"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        limit_threads(getattr(worker.state, "nthreads", None) or 1)
        for spec in plan(self.settings.stages):
            load_stage(spec.name, self.settings)


def run_dask(
    paths: Iterable[str],
    settings: Settings | None = None,
    skip: Callable[[Article], bool] | None = None,
    address: str | None = None,
) -> Iterator[Item]:
    """What :func:`chronist.pipeline.run` yields, computed on a Dask cluster: the scheduler at
    ``address``, or a ``LocalCluster`` of the settings' ``workers`` processes (at least 2, one
    thread each). Standard input cannot be sent to a cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ChronistError(
            "--dask needs Dask's distributed scheduler: pip install 'chronist[dask]'"
        ) from None
    settings = settings or Settings()
    plan(settings.stages)
    files = list(expand_paths(paths))
    if "-" in files:
        raise ChronistError("standard input cannot be analysed on a Dask cluster")
    if not files:
        return
    cluster = None
    try:
        if address:
            client = Client(address, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=max(2, settings.workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
    except OSError as exc:
        raise ChronistError(f"no Dask scheduler at {address}: {exc}") from None
    try:
        client.register_plugin(ChronistModels(settings), name=ChronistModels.name)
        slots = max(1, sum(client.nthreads().values()))
        # small chunks spread the work; each carries its files' FileDone markers
        chunks = chunked(files, settings.batch_size, slots)
        window: deque[Any] = deque()
        for chunk in chunks:
            window.append(client.submit(_process_chunk, (chunk, settings, skip), pure=False))
            if len(window) >= 2 * slots:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
