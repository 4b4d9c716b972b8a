"""The PostgreSQL test fixtures and the throwaway cluster behind them (chronist.store.pgcluster)."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chronist.store.pgcluster import ClusterUnavailable, throwaway_cluster

from .conftest import postgres_unavailable


def _psycopg():
    try:
        import psycopg
    except ImportError as exc:
        postgres_unavailable(f"psycopg is not installed ({exc})")
    return psycopg


def test_postgres_db_is_a_fresh_database_one_can_create_a_table_in(postgres_db):
    psycopg = _psycopg()
    with psycopg.connect(postgres_db) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)
        conn.execute("CREATE TABLE events (id serial PRIMARY KEY, label text NOT NULL)")
        conn.execute("INSERT INTO events (label) VALUES (%s), (%s)", ("résumé", "b"))
        rows = conn.execute("SELECT label FROM events ORDER BY id").fetchall()
    assert rows == [("résumé",), ("b",)]


def test_throwaway_cluster_leaves_no_directory_and_no_listener():
    psycopg = _psycopg()
    try:
        with throwaway_cluster() as url:
            parts = urlsplit(url)
            assert (parts.scheme, parts.hostname, parts.path) == (
                "postgresql",
                "127.0.0.1",
                "/chronist_test",
            )
            with psycopg.connect(url) as conn:
                (data_dir,) = conn.execute("SHOW data_directory").fetchone()
            assert Path(data_dir).is_dir()
    except ClusterUnavailable as exc:
        postgres_unavailable(str(exc))
    assert not Path(data_dir).exists()
    assert not Path(data_dir).parent.exists()  # the whole temporary directory
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()
