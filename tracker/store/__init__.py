"""The event store: a GeoPackage file by default, a PostGIS database for teams.

``open_store(location)`` picks the backend: ``None`` means $FRONTLINE_STORE or
``./frontline.gpkg``; a ``postgresql://`` URL opens PostGIS; anything else is a
GeoPackage path, created if missing.
"""
from __future__ import annotations

import os

from .base import DEFAULT_STORE, AddResult, Store, resolve_analyst

__all__ = ["Store", "open_store", "AddResult", "resolve_analyst", "is_database_url", "check_location"]


def is_database_url(location: str) -> bool:
    return location.split("://", 1)[0].lower() in ("postgresql", "postgres") and "://" in location


def _location(location: str | os.PathLike | None) -> str:
    """The store to use: ``location``, else $FRONTLINE_STORE, else ./frontline.gpkg."""
    if location is None or str(location).strip() == "":
        location = os.environ.get("FRONTLINE_STORE", "").strip() or DEFAULT_STORE
    return os.fspath(location)


def open_store(location: str | os.PathLike | None = None, *, readonly: bool = False) -> Store:
    """Open (creating if needed) the store at ``location``; StoreError if it cannot be used.
    ``readonly``: the caller only reads, so a GeoPackage on a read-only file, folder or disk
    opens too (writing to it then fails with StoreError)."""
    location = _location(location)
    if is_database_url(location):
        from .postgis import PostGISStore
        return PostGISStore(location)  # the database's roles decide who may write
    from .gpkg import GeoPackageStore
    return GeoPackageStore(location, readonly=readonly)


def check_location(location: str | os.PathLike | None = None, *, exists: bool = False,
                   readonly: bool = False) -> None:
    """Fail early (StoreError) for a GeoPackage path that cannot be used, creating nothing;
    with ``exists``, also for one that is not there yet (reading never creates a store);
    without ``readonly``, also for one that cannot be written."""
    location = _location(location)
    if not is_database_url(location):
        from pathlib import Path

        from .gpkg import _check_file

        path = Path(location).expanduser()
        try:
            missing = exists and not path.exists()
        except OSError:  # a name too long, ...: _check_file says so
            missing = False
        if missing:
            from ..errors import StoreError
            raise StoreError(f"no store at {location}; ingest, log or import events first, "
                             "or give --store (or set FRONTLINE_STORE)")
        if not _check_file(path) and not readonly:
            from ..errors import StoreError
            from .gpkg import read_only_reason

            reason = read_only_reason(path)
            if reason is not None:
                raise StoreError(f"cannot write the store {location}: {reason}; nothing was "
                                 "changed (list, map and export can still read it)")
