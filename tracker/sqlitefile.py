"""Is an SQLite file (a GeoPackage) whole? Checks that read it and change nothing.

A GeoPackage cut short by a failed copy or download still starts with a valid
header, and the SQLite library then fails deep inside a query with "database
disk image is malformed". The header says how long the file must be, so a
truncated file is told apart before any query; ``PRAGMA quick_check`` (pages and
b-trees, in time linear in the file) and ``PRAGMA integrity_check`` (also every
index against its table) find damage inside.
"""
from __future__ import annotations

import os
import sqlite3
import struct

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
MAX_REPORTED = 3  # problems named in one line; `frontline store check` lists them all


def header_problem(path: str | os.PathLike) -> str | None:
    """Why the file at ``path`` is not a whole SQLite database, or None when its size and
    header agree. OSError if it cannot be read."""
    with open(path, "rb") as fh:
        head = fh.read(HEADER_BYTES)
        size = os.fstat(fh.fileno()).st_size
    if len(head) < HEADER_BYTES or head[:16] != SQLITE_MAGIC:
        return "not an SQLite file"
    (page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    (counter,) = struct.unpack(">I", head[24:28])
    (pages,) = struct.unpack(">I", head[28:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    # The page count in the header is trusted by SQLite only when written by the same change.
    expected = pages * page_size if pages and counter == valid_for else None
    if size % page_size:
        return f"truncated? {size:,} bytes is not a whole number of {page_size}-byte pages"
    if expected is not None and size < expected and not _wal_pending(path):
        # (a checkpoint cut short by a crash writes page 1 before the pages that grow the file;
        # the WAL still holds them, and SQLite replays it on open: not damage)
        return f"truncated? {size:,} of {expected:,} bytes"
    return None


def _wal_pending(path: str | os.PathLike) -> bool:
    try:
        return os.path.getsize(f"{os.fspath(path)}-wal") > 0
    except OSError:
        return False


def connect_readonly(path: str | os.PathLike, *, immutable: bool = False,
                     **kwargs) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` also skips locks and the WAL index, for a file on
    a read-only disk or folder, where SQLite could not create its -shm file."""
    from pathlib import Path
    from urllib.parse import quote

    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, **kwargs)


def check(con: sqlite3.Connection, full: bool = False) -> list[str]:
    """Problems ``PRAGMA quick_check`` (or, with ``full``, ``integrity_check``) finds; [] if none."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:  # damage deep enough that the check cannot run
        return [str(exc)]
    if rows == ["ok"]:
        return []
    # Some SQLite versions answer in one row of many lines, headed by the schema's name.
    lines = [line.strip() for row in rows for line in str(row).splitlines()]
    return [line for line in lines if line and not line.startswith("*** in database")]


def summary(problems: list[str]) -> str:
    """The first problems, for one line."""
    shown = "; ".join(problems[:MAX_REPORTED])
    more = len(problems) - MAX_REPORTED
    return shown + (f"; and {more} more" if more > 0 else "")
