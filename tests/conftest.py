"""Shared fixtures: paths to the project's examples and to ../shared (skipped when absent), and
the shipped knowledge base."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chronist.language.kb import KnowledgeBase
from chronist.store.pgcluster import ClusterUnavailable, throwaway_cluster

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


def postgres_unavailable(reason: str) -> None:
    """Fail (CHRONIST_REQUIRE_POSTGRES=1, as in CI) or skip a test that needs PostgreSQL."""
    if os.environ.get("CHRONIST_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL required (CHRONIST_REQUIRE_POSTGRES=1) but: {reason}")
    pytest.skip("PostgreSQL tests skipped: " + reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a PostgreSQL server for the session: $CHRONIST_TEST_POSTGRES if set, else a
    throwaway cluster (chronist.store.pgcluster) started once and removed at the end."""
    existing = os.environ.get("CHRONIST_TEST_POSTGRES")
    if existing:
        yield existing
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_cluster())
        except ClusterUnavailable as exc:
            postgres_unavailable(str(exc))
        yield url


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[str]:
    """URL of a fresh, empty database on the session's server, dropped after the test."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError as exc:
        postgres_unavailable(f"psycopg is not installed ({exc})")
    name = f"chronist_t_{uuid.uuid4().hex[:16]}"
    server = urlsplit(postgres_url)
    admin_url = server._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server._replace(path="/" + name).geturl()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store's target on each backend: a SQLite file path, then a PostgreSQL
    database (skipped, or failed in CI, when no server can be started)."""
    if request.param == "sqlite":
        return str(tmp_path / "chronicle.db")
    return request.getfixturevalue("postgres_db")


@pytest.fixture(scope="session")
def analysed_records() -> list[dict]:
    """Full records of the project's example articles and the two seed articles (when
    ../shared is here), analysed once with every stage: real outputs for store tests."""
    from chronist.pipeline import run
    from chronist.settings import Settings

    paths = [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    items = run(paths, Settings(classifier=False))
    return [item.to_dict() for item in items if hasattr(item, "to_dict")]
