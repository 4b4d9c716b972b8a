"""The stage registry: what each analysis stage and store step needs and adds.

Two kinds of step are registered here, as spaCy registers its pipeline components
(``Language.factory``):

- **Article stages** (:class:`StageSpec`) run on batches of articles after extraction. Each
  declares the article fields it ``requires``, the ones it reads when present (``reads``) and
  the ones it ``assigns``; :func:`plan` orders any selection of stages from those declarations
  and refuses one whose requirements no earlier stage (and not extraction) provides. A stage's
  ``process`` returns new articles (``dataclasses.replace``), never changes the ones it is given,
  so a batch that fails half-way leaves no half-annotated article behind. A stage that adds a
  field the data model does not know keeps it in ``article.ext[<stage name>]``.
- **Store steps** (:class:`StepSpec`) run over the whole store after ingest (the coming
  stories step: clustering articles across outlets). Each sees only the articles stored since
  its last run (see :func:`chronist.steps.run_store_steps`), so re-running is cheap.

Third-party packages register either kind through the entry-point group ``chronist.stages``:
an entry point names a :class:`StageSpec` or :class:`StepSpec` object (or a function returning
one), e.g. in ``pyproject.toml``::

    [project.entry-points."chronist.stages"]
    sentiment = "my_package.chronist_stage:SPEC"

Factories take the run's :class:`~chronist.settings.Settings` and are called once per process
and settings (spaCy and the knowledge base load once per worker).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Protocol

from chronist.errors import ChronistError
from chronist.model import Article
from chronist.settings import Settings

if TYPE_CHECKING:
    from chronist.store import Store

#: The entry-point group third-party stages and steps register in.
ENTRY_POINT_GROUP = "chronist.stages"

#: Article fields extraction fills, which any stage may require.
EXTRACTED: frozenset[str] = frozenset(
    {
        "id", "input", "format", "body", "title", "authors", "outlet", "url", "published",
        "published_after", "language", "captions", "tags", "metadata_evidence",
    }
)  # fmt: skip


class Stage(Protocol):
    """An analysis stage: a batch of articles in, new annotated articles out."""

    name: str

    def process(self, articles: list[Article]) -> list[Article]:
        """New articles with this stage's fields (same order, same length)."""
        ...


class StoreStep(Protocol):
    """A step over the whole store, run after ingest on what is new since its last run."""

    name: str

    def update(self, store: Store, new: list[dict[str, Any]]) -> None:
        """Bring the step's results up to date with ``new`` (stored article records)."""
        ...


@dataclass(frozen=True)
class StageSpec:
    """A registered article stage: its name, factory and declared fields."""

    name: str
    factory: Callable[[Settings], Stage]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class StepSpec:
    """A registered store step: its name, factory and the article fields it reads."""

    name: str
    factory: Callable[[Settings], StoreStep]
    requires: tuple[str, ...] = ()
    description: str = ""


_STAGES: dict[str, StageSpec] = {}
_STEPS: dict[str, StepSpec] = {}
_LOADED = False
#: Plug-ins whose entry point failed to load, with the reason.
_BROKEN: dict[str, str] = {}


def register(spec: StageSpec | StepSpec) -> StageSpec | StepSpec:
    """Register (or replace) a stage or store step; returns it."""
    table: dict[str, Any] = _STAGES if isinstance(spec, StageSpec) else _STEPS
    table[spec.name] = spec
    _load.cache_clear()
    return spec


def unregister(name: str) -> None:
    """Remove a stage or store step by name (tests and plug-in reloads)."""
    _STAGES.pop(name, None)
    _STEPS.pop(name, None)
    _load.cache_clear()


def stage(
    name: str,
    *,
    requires: tuple[str, ...] = (),
    assigns: tuple[str, ...] = (),
    reads: tuple[str, ...] = (),
    description: str = "",
) -> Callable[[Callable[[Settings], Stage]], Callable[[Settings], Stage]]:
    """Decorator registering a stage factory: ``@stage("sentiment", requires=("sentences",),
    assigns=("ext.sentiment",))``."""

    def wrap(factory: Callable[[Settings], Stage]) -> Callable[[Settings], Stage]:
        register(StageSpec(name, factory, requires, assigns, reads, description))
        return factory

    return wrap


def _load_entry_points() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        # A broken plug-in does not stop chronist: selecting it names the reason.
        try:
            found = point.load()
            spec = found() if callable(found) and not isinstance(found, StageSpec) else found
        except Exception as exc:
            _BROKEN[point.name] = f"{point.value} failed to load ({type(exc).__name__}: {exc})"
            continue
        if isinstance(spec, StageSpec | StepSpec):
            register(spec)
        else:
            _BROKEN[point.name] = f"{point.value} is not a StageSpec or StepSpec"


def stages() -> dict[str, StageSpec]:
    """Every registered article stage by name (built-ins and plug-ins)."""
    _load_entry_points()
    return dict(_STAGES)


def steps() -> dict[str, StepSpec]:
    """Every registered store step by name."""
    _load_entry_points()
    return dict(_STEPS)


def plan(names: tuple[str, ...] | list[str], strict: bool = True) -> tuple[StageSpec, ...]:
    """The named stages in an order where each runs after those providing what it requires
    or reads; raises ChronistError naming an unknown stage or (``strict``) an unmet
    requirement. Not ``strict``: the articles already carry fields earlier runs assigned
    (re-running the events stage on analysed articles), so only the order is planned."""
    known = stages()
    chosen: list[StageSpec] = []
    for name in dict.fromkeys(names):
        if name in _BROKEN:
            raise ChronistError(f"stage {name!r} is not usable: {_BROKEN[name]}")
        if name not in known:
            raise ChronistError(f"unknown stage {name!r} (registered: {', '.join(sorted(known))})")
        chosen.append(known[name])
    ordered: list[StageSpec] = []
    provided = set(EXTRACTED)
    pending = list(chosen)
    while pending:
        later = {f for s in pending for f in s.assigns}
        ready = next(
            (
                s
                for s in pending
                if all(f in provided for f in s.requires)
                and not any(f in later and f not in s.assigns for f in s.reads)
            ),
            None,
        )
        if ready is None:
            ready = next((s for s in pending if all(f in provided for f in s.requires)), None)
        if ready is None and not strict:
            ready = pending[0]
        if ready is None:
            spec = pending[0]
            missing = [f for f in spec.requires if f not in provided and f not in later]
            providers = sorted(s.name for s in known.values() if set(missing) & set(s.assigns)) or [
                "none registered"
            ]
            if not missing:
                raise ChronistError(f"stages {[s.name for s in pending]} require each other")
            raise ChronistError(
                f"stage {spec.name!r} requires {', '.join(missing)}, which no selected stage "
                f"assigns (add: {', '.join(providers)})"
            )
        ordered.append(ready)
        provided.update(ready.assigns)
        pending.remove(ready)
    return tuple(ordered)


def load_stage(name: str, settings: Settings) -> Stage:
    """The stage object for ``name`` under ``settings`` (built once per process)."""
    spec = stages().get(name)
    if spec is None:
        raise ChronistError(f"unknown stage {name!r}")
    return _load(spec, settings)


def load_step(spec: StepSpec, settings: Settings) -> StoreStep:
    """The store step object of ``spec`` under ``settings`` (built once per process)."""
    return _load(spec, settings)


@cache
def _load(spec: StageSpec | StepSpec, settings: Settings) -> Any:
    # one cache for both kinds, cleared whenever the registry changes
    return spec.factory(settings)


# ---------------------------------------------------------------------------- built-in stages
# Factories import their stage lazily: importing the registry loads neither spaCy nor the KB.

LANGUAGE_FIELDS = ("sentences", "clauses", "entities", "actors", "dates", "places", "home_country")


@stage(
    "language",
    requires=("body",),
    assigns=LANGUAGE_FIELDS,
    description="sentences, clauses, entities, actors, dates, places and home country (spaCy)",
)
def _language(settings: Settings) -> Stage:
    from chronist.language import LanguageStage

    return LanguageStage(kb=settings.knowledge_base())


@stage(
    "quotes",
    requires=("sentences", "clauses", "entities", "actors"),
    assigns=("quotes",),
    description="direct, partial and reported quotes with their speakers",
)
def _quotes(settings: Settings) -> Stage:
    from chronist.quotes import QuoteStage

    return QuoteStage()


@stage(
    "rhetoric",
    requires=("body", "sentences"),
    reads=("quotes",),
    assigns=("genre", "frames", "rhetoric"),
    description="genre, frames, persuasion techniques and loaded language, with their voice",
)
def _rhetoric(settings: Settings) -> Stage:
    from chronist.rhetoric import RhetoricStage

    return RhetoricStage(encoder=settings.rhetoric_encoder)


@stage(
    "events",
    requires=("sentences", "clauses", "entities", "actors", "dates", "places"),
    reads=("quotes", "genre"),
    assigns=("events",),
    description="PLOVER events: who did what to whom, when and where",
)
def _events(settings: Settings) -> Stage:
    from chronist.events import EventStage
    from chronist.events.coder import EventCoder

    kb = settings.knowledge_base()
    if not settings.classifier:
        return EventStage(EventCoder(classifier=None, kb=kb))
    return EventStage(EventCoder(kb=kb))


# ------------------------------------------------------------------------ built-in store steps


def _stories(settings: Settings) -> StoreStep:
    from chronist.stories.step import StoryStep

    return StoryStep(settings)


register(
    StepSpec(
        "stories",
        _stories,
        requires=("body", "actors", "places", "events"),
        description="copies (MinHash LSH), stories across outlets, chronicle events",
    )
)
