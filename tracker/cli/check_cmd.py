"""``frontline store check``: a full check of a GeoPackage store, reading only."""
from __future__ import annotations

import click

from .options import store_option


@click.group("store")
def store() -> None:
    """Look after the event store itself."""


@store.command("check")
@store_option
def check(store: str) -> None:
    """Check every page, index and layer of a GeoPackage store; change nothing.

    Reading and writing commands run SQLite's quick check already; this runs the
    full PRAGMA integrity_check (every index against its table) and checks that
    the spatial index holds every event. Each problem is printed on a line; the
    exit status is 1 when there is any.
    """
    from ..errors import InputError, StoreError
    from ..store import check_location, is_database_url
    from ..store.gpkg import check_store_file

    if is_database_url(store):
        raise InputError("store check reads GeoPackage files; PostgreSQL checks its own pages "
                         "(see its amcheck module)")
    check_location(store, exists=True, readonly=True)
    report = check_store_file(store)
    for problem in report.problems:
        click.echo(problem)
    if report.problems:
        n = len(report.problems)
        raise StoreError(f"the store {store} has {n} problem{'s' if n != 1 else ''} (listed above); "
                         "restore it from a copy, or export what still reads and import it anew")
    click.echo(f"ok: {store}: {report.events:,} events, {report.history:,} history rows; "
               "integrity check passed, spatial index complete")
