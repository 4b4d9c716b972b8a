"""Shared fixtures: paths to the project's examples and to ../shared (skipped when absent), and
the shipped knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronist.language.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"


def need_shared(path: Path) -> Path:
    """Skip the calling test with a clear message when ../shared data is not there."""
    if not path.exists():
        pytest.skip(f"{path} is absent: benchmark data from ../shared is not available here")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_shared(SEEDS)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once."""
    return KnowledgeBase.default()
