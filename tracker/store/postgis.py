"""The shared store: the same tables and behaviour on a PostgreSQL + PostGIS database.

Tables ``events`` (geometry(Point, 4326) with a GiST index, one column per
event field) and ``event_history`` live in the connection's current schema
(set it with ``?options=-csearch_path%3Dmyschema,public`` in the URL).
Writers take a transaction-scoped advisory lock so two analysts adding the
same fact at once still merge it into one event. psycopg is imported here
only, so the GeoPackage path never pays for it.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Iterable, Iterator

from ..errors import StoreError
from ..event import FIELD_NAMES, FIELDS, Event
from ..query import Query
from .base import (HISTORY_COLUMNS, AddResult, Store, event_row, merge_batch, parse_sources,
                   plan_add, resolve_analyst, row_event, sources_json, utc_now)

log = logging.getLogger(__name__)

TABLE = "events"
HISTORY = "event_history"
_SQL_TYPES = {str: "text", float: "double precision", int: "bigint", bool: "boolean"}
_COLUMNS = ", ".join(f'"{n}"' for n in FIELD_NAMES)
# Serialises writers of one schema: merging needs "is this id stored?" to stay true until commit.
_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.frontline-events'))"


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _first_line(exc: Exception) -> str:
    """What a database error says, in one line (libpq adds context lines and hints)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _schema_sql() -> list[str]:
    cols = ",\n  ".join(
        f'"{f.name}" {_SQL_TYPES[f.type]}' + (" NOT NULL UNIQUE" if f.name == "id" else
                                             " NOT NULL" if f.required else "")
        for f in FIELDS)
    return [
        f"""CREATE TABLE IF NOT EXISTS "{TABLE}" (
  fid bigserial PRIMARY KEY,
  geom geometry(Point, 4326) NOT NULL,
  {cols})""",
        f'CREATE INDEX IF NOT EXISTS "{TABLE}_geom_idx" ON "{TABLE}" USING gist (geom)',
        f'CREATE INDEX IF NOT EXISTS "{TABLE}_event_date_idx" ON "{TABLE}" (event_date)',
        f"""CREATE TABLE IF NOT EXISTS "{HISTORY}" (
  fid bigserial PRIMARY KEY,
  event_id text NOT NULL, action text NOT NULL, field text, old text, new text,
  analyst text NOT NULL, at text NOT NULL, reason text)""",
        f'CREATE INDEX IF NOT EXISTS "{HISTORY}_event_id_idx" ON "{HISTORY}" (event_id)',
    ]


class PostGISStore(Store):
    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise StoreError("the PostGIS store needs psycopg: pip install 'frontline-tracker[postgis]'") from None
        self._psycopg = psycopg
        self.location = redact(url)
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            # libpq may quote the whole URL, password and all: show it redacted, like location.
            first = _first_line(exc).replace(url, self.location)
            raise StoreError(f"cannot connect to the database {self.location}: {first}") from None
        try:
            self._setup()
        except psycopg.Error as exc:
            self.con.close()
            raise self._wrap("prepare the event tables", exc) from None
        except BaseException:
            self.con.close()
            raise

    def _wrap(self, what: str, exc: Exception) -> StoreError:
        return StoreError(f"could not {what} in {self.location}: {_first_line(exc)}; nothing was changed")

    def _setup(self) -> None:
        con = self.con
        has_postgis = con.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone()
        if not has_postgis:
            try:
                con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except self._psycopg.Error as exc:
                raise StoreError(f"the database {self.location} lacks PostGIS and it could not be "
                                 f"added ({_first_line(exc)}); ask its admin to run "
                                 "CREATE EXTENSION postgis") from None
        exists = con.execute("SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL",
                             (f'"{TABLE}"', f'"{HISTORY}"')).fetchone()[0]
        if exists:
            self._check_columns()
            return
        with con.transaction():
            con.execute(_LOCK)
            for sql in _schema_sql():
                con.execute(sql)
        log.info("created event tables in %s", self.location)

    def _check_columns(self) -> None:
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s", (TABLE,)).fetchall()
        cols = {r[0] for r in rows}
        missing = [n for n in ("fid", "geom", "id", "side", "kind", "lat", "lon", "event_date")
                   if n not in cols]
        if missing:
            raise StoreError(f"the table {TABLE} in {self.location} is not an event store "
                             f"(no {', '.join(missing)} column); it was left untouched")
        extra = [f for f in FIELDS if f.name not in cols]
        if extra:  # written by an older version: add the newer columns
            with self.con.transaction():
                self.con.execute(_LOCK)
                for f in extra:
                    self.con.execute(f'ALTER TABLE "{TABLE}" ADD COLUMN IF NOT EXISTS '
                                     f'"{f.name}" {_SQL_TYPES[f.type]}')

    # --- writing -----------------------------------------------------------------------
    def add(self, events: Iterable[Event], *, analyst: str | None = None) -> AddResult:
        batch = merge_batch(events)
        if not batch:
            return AddResult()
        who, at = resolve_analyst(analyst), utc_now()
        con = self.con
        try:
            with con.transaction():
                con.execute(_LOCK)
                stored = {eid: parse_sources(s, src) for eid, s, src in con.execute(
                    f'SELECT id, sources, source FROM "{TABLE}" WHERE id = ANY(%s)', (list(batch),))}
                inserts, updates, history, result = plan_add(batch, stored, who, at)
                with con.cursor() as cur:
                    with cur.copy(f'COPY "{TABLE}" (geom, {_COLUMNS}) FROM STDIN') as copy:
                        for e in inserts:
                            copy.write_row((f"SRID=4326;POINT({e.lon!r} {e.lat!r})",
                                            *event_row(e)))
                    if updates:
                        cur.executemany(f'UPDATE "{TABLE}" SET sources = %s WHERE id = %s',
                                        [(sources_json(s), eid) for eid, s in updates.items()])
                    self._append_history(cur, history)
        except self._psycopg.Error as exc:
            raise self._wrap("store the events", exc) from None
        log.info("stored %d new events, %d already known", len(result.new), len(result.known))
        return result

    def _append_history(self, cur: Any, rows: list[dict]) -> None:
        with cur.copy(f'COPY "{HISTORY}" ({", ".join(HISTORY_COLUMNS)}) FROM STDIN') as copy:
            for r in rows:
                copy.write_row([r[c] for c in HISTORY_COLUMNS])

    def _update(self, event_id: str, before: Event, after: Event, rows: list[dict]) -> Event:
        names = [n for n in FIELD_NAMES if n != "id"]
        sets = ", ".join(f'"{n}" = %s' for n in names)
        props = after.properties()
        con = self.con
        try:
            with con.transaction():
                con.execute(_LOCK)
                current = self._get(event_id)
                if current != before:
                    raise StoreError(f"event {event_id} was changed by someone else meanwhile; "
                                     "run the command again")
                con.execute(f'UPDATE "{TABLE}" SET geom = ST_SetSRID(ST_MakePoint(%s, %s), 4326), '
                            f'{sets} WHERE id = %s',
                            (after.lon, after.lat, *[props[n] for n in names], event_id))
                with con.cursor() as cur:
                    self._append_history(cur, rows)
        except self._psycopg.Error as exc:
            raise self._wrap(f"change event {event_id}", exc) from None
        return after

    # --- reading -----------------------------------------------------------------------
    def _read(self, sql: str, params: Any = ()) -> list[tuple]:
        try:
            return self.con.execute(sql, params).fetchall()
        except self._psycopg.Error as exc:
            raise StoreError(f"could not read {self.location}: {_first_line(exc)}") from None

    def _get(self, event_id: str) -> Event | None:
        rows = self._read(f'SELECT {_COLUMNS} FROM "{TABLE}" WHERE id = %s', (event_id,))
        return row_event(rows[0]) if rows else None

    def _where(self, query: Query) -> tuple[str, list[Any]]:
        where, params = [], []
        if not query.include_retracted:
            where.append("retracted IS NOT TRUE")
        if query.since:
            where.append("event_date >= %s")
            params.append(query.since)
        if query.until:
            where.append("event_date <= %s")
            params.append(query.until)
        for col, values in (("side", query.sides), ("kind", query.kinds)):
            if values:
                where.append(f"{col} = ANY(%s)")
                params.append(list(values))
        if query.statuses:
            where.append("COALESCE(status, '') = ANY(%s)")
            params.append(list(query.statuses))
        box = query.search_bbox()
        if box is not None:
            # && compares float4 boxes (index-friendly, rounded outwards); the exact test follows.
            where.append("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
            where.append("lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s")
            params.extend([*box, box[0], box[2], box[1], box[3]])
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _select(self, query: Query) -> Iterator[Event]:
        where, params = self._where(query)
        rows = self._read(f'SELECT {_COLUMNS} FROM "{TABLE}"{where} ORDER BY event_date, fid', params)
        return (row_event(r) for r in rows)

    def _count(self, query: Query) -> int:
        where, params = self._where(query)
        return self._read(f'SELECT COUNT(*) FROM "{TABLE}"{where}', params)[0][0]

    def history(self, event_id: str) -> list[dict]:
        event_id = str(event_id).strip()
        self.get(event_id)
        rows = self._read(f'SELECT {", ".join(HISTORY_COLUMNS)} FROM "{HISTORY}" '
                          "WHERE event_id = %s ORDER BY fid", (event_id,))
        return [dict(zip(HISTORY_COLUMNS, r)) for r in rows]

    def close(self) -> None:
        con, self.con = getattr(self, "con", None), None
        if con is not None:
            con.close()
