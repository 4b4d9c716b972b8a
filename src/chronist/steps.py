"""Store steps: work over the whole store after ingest, on what is new since the last run.

A store step (registered in :mod:`chronist.registry` as a :class:`~chronist.registry.StepSpec`,
built-in or through the ``chronist.stages`` entry-point group) sees the records stored since
its last run, in storing order, in batches; after each batch the store records how far the
step has got (table ``step_state``), so an interrupted run resumes where it stopped and a
re-run with nothing new does nothing. The coming stories step (clustering articles across
outlets) is one; ``chronist ingest`` runs every registered step when it has stored its inputs.
"""

from __future__ import annotations

from typing import Any

from chronist.registry import EXTRACTED, StoreStep, load_step, plan, steps
from chronist.settings import Settings
from chronist.store import Store

#: Records handed to a step per call.
STEP_BATCH = 500


def run_store_steps(
    store: Store, settings: Settings, names: tuple[str, ...] | None = None
) -> dict[str, int]:
    """Run the store steps on the records each has not seen: the named ones, or else every
    registered step whose requirements the settings' stages produce (``ingest
    --no-language`` runs none that need actors). Returns how many records each step was
    given (steps given none left out)."""
    done: dict[str, int] = {}
    produced = set(EXTRACTED) | {f for s in plan(settings.stages, strict=False) for f in s.assigns}
    for name, spec in steps().items():
        if names is not None and name not in names:
            continue
        if names is None and not set(spec.requires) <= produced:
            continue
        given = _catch_up(store, name, load_step(spec, settings))
        if given:
            done[name] = given
    return done


def _catch_up(store: Store, name: str, step: StoreStep) -> int:
    """Hand ``step`` the records stored since its position, a batch at a time."""
    batch: list[dict[str, Any]] = []
    given = 0
    newest = position = store.step_position(name)
    for seq, record in store.records_since(position):
        batch.append(record)
        newest = seq
        if len(batch) >= STEP_BATCH:
            step.update(store, batch)
            store.set_step_position(name, newest)
            given += len(batch)
            batch = []
    if batch:
        step.update(store, batch)
        store.set_step_position(name, newest)
        given += len(batch)
    return given
