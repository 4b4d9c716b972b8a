"""One explicit settings object for a chronist run.

The CLI builds a :class:`Settings` once from its options (later the HTTP API or a Dask worker
will build or receive one) and passes it to :func:`chronist.pipeline.run` and through it to
every stage factory. It is frozen and picklable, so a process pool or a cluster worker gets the
same configuration as the parent without any environment variable being written: chronist
reads ``CHRONIST_DB`` as the default store and writes nothing to the environment.

Loaded resources that depend on settings (the knowledge base with the user's ``--kb`` files)
are cached per process by the settings values that define them, so a worker loads each once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronist.sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from chronist.language.kb import KnowledgeBase

#: Analysis stages run after extraction when none are named.
DEFAULT_STAGES: tuple[str, ...] = ("language", "quotes", "rhetoric", "events")
#: Articles per batch handed to each stage (spaCy batches within it).
DEFAULT_BATCH_SIZE = 16


@dataclass(frozen=True)
class Settings:
    """How articles are analysed: which stages run, with which knowledge and limits.

    ``kb_files``: user knowledge-base files (YAML or CSV) merged over the shipped KB; every
    stage that looks names up sees them. ``classifier``: whether the events stage's sentence
    classifier confirms, retypes and adds events (off: lexicon only). ``stages``: analysis
    stages after extraction, by registered name (see :mod:`chronist.registry`); their order
    follows from what each requires. ``batch_size``: articles per stage call. ``max_bytes``:
    the largest input accepted. ``workers``: processes to analyse with (same results).
    ``rhetoric_encoder``: whether the rhetoric stage also reads each paragraph with the MiniLM
    encoder (better technique detection, about twice the analysis time).
    ``options``: per-stage options for third-party stages, as ``(stage, key, value)`` triples
    (a tuple, so the object stays hashable).
    """

    kb_files: tuple[Path, ...] = ()
    classifier: bool = True
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = DEFAULT_BATCH_SIZE
    max_bytes: int = DEFAULT_MAX_BYTES
    workers: int = 1
    rhetoric_encoder: bool = False
    options: tuple[tuple[str, str, Any], ...] = field(default=())

    def __post_init__(self) -> None:
        # Accept lists and strings from callers; store tuples of resolved paths.
        object.__setattr__(self, "kb_files", tuple(Path(p).resolve() for p in self.kb_files))
        object.__setattr__(self, "stages", tuple(self.stages))
        if self.batch_size < 1 or self.workers < 1 or self.max_bytes < 1:
            raise ValueError("batch_size, workers and max_bytes must be at least 1")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def option(self, stage: str, key: str, default: Any = None) -> Any:
        """A third-party stage's option, or ``default``."""
        for name, k, value in self.options:
            if name == stage and k == key:
                return value
        return default

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base these settings describe (loaded once per process)."""
        return _knowledge_base(self.kb_files)


@cache
def _knowledge_base(kb_files: tuple[Path, ...]) -> KnowledgeBase:
    from chronist.language.kb import KnowledgeBase

    return KnowledgeBase.load(list(kb_files)) if kb_files else KnowledgeBase.default()
