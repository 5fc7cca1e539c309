"""The event store: a GeoPackage file by default, a PostGIS database for teams.

``open_store(location)`` picks the backend: ``None`` means $FRONTLINE_STORE or
``./frontline.gpkg``; a ``postgresql://`` URL opens PostGIS; anything else is a
GeoPackage path, created if missing.
"""
from __future__ import annotations

import os

from .base import AddResult, Store, resolve_analyst

__all__ = ["Store", "open_store", "AddResult", "resolve_analyst", "is_database_url", "check_location"]


def is_database_url(location: str) -> bool:
    return location.split("://", 1)[0].lower() in ("postgresql", "postgres") and "://" in location


def open_store(location: str | os.PathLike | None = None) -> Store:
    """Open (creating if needed) the store at ``location``; StoreError if it cannot be used."""
    if location is None or str(location).strip() == "":
        location = os.environ.get("FRONTLINE_STORE", "").strip() or "frontline.gpkg"
    location = os.fspath(location)
    if is_database_url(location):
        from .postgis import PostGISStore
        return PostGISStore(location)
    from .gpkg import GeoPackageStore
    return GeoPackageStore(location)


def check_location(location: str | os.PathLike | None = None) -> None:
    """Fail early (StoreError) for a GeoPackage path that cannot be used, creating nothing."""
    if location is None or str(location).strip() == "":
        location = os.environ.get("FRONTLINE_STORE", "").strip() or "frontline.gpkg"
    location = os.fspath(location)
    if not is_database_url(location):
        from pathlib import Path

        from .gpkg import _check_file
        _check_file(Path(location).expanduser())
