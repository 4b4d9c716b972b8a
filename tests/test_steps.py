"""Store steps: run after ingest, on what is new since their last run, on both backends."""

from __future__ import annotations

from typing import Any

import pytest

from chronist import registry, steps
from chronist.registry import StepSpec
from chronist.settings import Settings
from chronist.store import Store, open_store

#: Only the test's step (the built-in stories step has tests of its own).
TALLY = ("outlet_tally",)


class OutletTally:
    """A store-wide step that records which new articles it was given, batch by batch."""

    name = "outlet_tally"
    seen: list[list[str]] = []

    def update(self, store: Store, new: list[dict[str, Any]]) -> None:
        OutletTally.seen.append([r["id"] for r in new])


@pytest.fixture
def tally() -> type[OutletTally]:
    OutletTally.seen = []
    registry.register(StepSpec("outlet_tally", lambda settings: OutletTally()))
    yield OutletTally
    registry.unregister("outlet_tally")


def _record(i: int) -> dict[str, Any]:
    return {
        "id": f"{i:016x}",
        "input": f"feed.jsonl:{i}",
        "title": f"Report {i}",
        "outlet": "Harbour Wire" if i % 2 else "Coast Daily",
        "published": f"2024-03-{1 + i % 28:02d}",
        "body": f"Report number {i} on the harbour of Vell.",
    }


def test_steps_see_each_article_once_in_storing_order(store_url: str, tally) -> None:  # noqa: ANN001
    settings = Settings()
    with open_store(store_url) as store:
        for i in range(3):
            store.put_record(_record(i))
        assert steps.run_store_steps(store, settings, TALLY) == {"outlet_tally": 3}
        assert steps.run_store_steps(store, settings, TALLY) == {}  # nothing new: nothing to do
        for i in range(3, 5):
            store.put_record(_record(i))
        store.put_record(_record(1))  # already stored: not new
        assert steps.run_store_steps(store, settings, TALLY) == {"outlet_tally": 2}
    assert tally.seen == [
        [_record(i)["id"] for i in range(3)],
        [_record(3)["id"], _record(4)["id"]],
    ]
    with open_store(store_url) as store:  # the position survives reopening
        assert store.step_position("outlet_tally") == 5
        assert steps.run_store_steps(store, settings, TALLY) == {}


def test_a_failing_step_keeps_its_position_for_the_next_run(store_url: str, tally) -> None:  # noqa: ANN001
    calls = {"n": 0}

    def flaky(store: Store, new: list[dict[str, Any]]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full (simulated)")
        tally.seen.append([r["id"] for r in new])

    step = OutletTally()
    step.update = flaky  # type: ignore[method-assign]
    registry.register(StepSpec("outlet_tally", lambda settings: step))
    with open_store(store_url) as store:
        store.put_record(_record(0))
        steps.run_store_steps(store, Settings(), TALLY)
        store.put_record(_record(1))
        with pytest.raises(RuntimeError, match="simulated"):
            steps.run_store_steps(store, Settings(), TALLY)
        assert store.step_position("outlet_tally") == 1
        assert steps.run_store_steps(store, Settings(), TALLY) == {"outlet_tally": 1}
    assert tally.seen == [[_record(0)["id"]], [_record(1)["id"]]]


def test_ingest_runs_registered_steps(tmp_path, tally) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from chronist.cli import app

    (tmp_path / "a.txt").write_text(
        "Harbour Talks\n\nThe harbour council of Vell met on Tuesday.\n"
    )
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-language"]
    )
    assert result.exit_code == 0, result.output
    assert "store step outlet_tally: 1 new articles" in result.output
    assert len(tally.seen) == 1
