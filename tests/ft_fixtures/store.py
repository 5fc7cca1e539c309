"""Fixtures for store tests: a real PostgreSQL + PostGIS server, fresh stores of each backend."""
from __future__ import annotations

import uuid
from typing import Iterator
from urllib.parse import quote

import pytest

from tracker.event import Event
from tracker.store.pgserver import TempPostgres, binaries_missing

BACKENDS = ("gpkg", "postgis")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    """One PostgreSQL 15 + PostGIS server on 127.0.0.1 for the whole session, removed at the end."""
    reason = binaries_missing()
    if reason:
        pytest.skip(f"PostGIS tests skipped: {reason}")
    server = TempPostgres().start()
    try:
        yield server
    finally:
        server.stop()


def fresh_schema_url(server: TempPostgres) -> str:
    """A URL whose tables land in a new, empty schema (each test gets its own)."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server.url, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA "{schema}"')
    return server.url + "?options=" + quote(f"-csearch_path={schema},public")


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path) -> str:
    """A location for a new, empty store: a GeoPackage path or a PostGIS URL."""
    if request.param == "gpkg":
        return str(tmp_path / "events.gpkg")
    server = request.getfixturevalue("pg_server")
    return fresh_schema_url(server)


@pytest.fixture
def store(store_location: str):
    from tracker.store import open_store

    s = open_store(store_location)
    try:
        yield s
    finally:
        s.close()


def make_event(i: int = 0, **kw) -> Event:
    """A plausible event near Pokrovsk, varied by ``i``; keywords override fields."""
    base = dict(side=("russia", "ukraine")[i % 2], kind=("advance", "attack", "deployment")[i % 3],
                place=f"Place {i}", relation="near", lat=48.28 + (i % 50) * 0.01,
                lon=37.18 + (i % 70) * 0.01, event_date=f"2024-10-{1 + i % 28:02d}",
                report_date="2024-10-29", source="report-a.txt", actor="forces",
                status=None, precision="near", uncertainty_km=5.0)
    if base["kind"] == "advance":
        base["status"] = "assessed"
    base.update(kw)
    return Event(**base)
