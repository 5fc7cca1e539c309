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

from ..errors import ConflictError, EventNotFound, StoreError
from ..event import FIELD_NAMES, FIELDS, Event
from ..query import Query
from .base import (HISTORY_COLUMNS, AddResult, Report, Store, check_report, check_user_name,
                   event_row, merge_batch, parse_sources, plan_add, resolve_analyst, row_event,
                   sources_json, utc_now)

log = logging.getLogger(__name__)

TABLE = "events"
HISTORY = "event_history"
REPORTS = "reports"
USERS = "users"
REPORT_COLUMNS = ("id", "source", "report_date", "text", "added_by", "added_at", "event_ids")
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
        *_review_sql(),
    ]


def _review_sql() -> list[str]:
    """The tables of ``frontline serve``: reports' text and accounts."""
    return [
        f"""CREATE TABLE IF NOT EXISTS "{REPORTS}" (
  fid bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE, source text NOT NULL, report_date text NOT NULL, text text NOT NULL,
  added_by text NOT NULL, added_at text NOT NULL, event_ids text NOT NULL DEFAULT '[]')""",
        f"""CREATE TABLE IF NOT EXISTS "{USERS}" (
  fid bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE, password_hash text NOT NULL, added_at text NOT NULL)""",
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
            review = con.execute("SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL",
                                 (f'"{REPORTS}"', f'"{USERS}"')).fetchone()[0]
            if not review:  # a store from before the review: add its tables
                with con.transaction():
                    con.execute(_LOCK)
                    for sql in _review_sql():
                        con.execute(sql)
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
                if "review_state" not in cols:  # events stored before review states
                    self.con.execute(f"""UPDATE "{TABLE}" SET review_state = CASE WHEN retracted
                        THEN 'retracted' ELSE 'unreviewed' END, version = COALESCE(version, 0)""")

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
                result = self._add_batch(batch, who, at)
        except self._psycopg.Error as exc:
            raise self._wrap("store the events", exc) from None
        log.info("stored %d new events, %d already known", len(result.new), len(result.known))
        return result

    def _add_batch(self, batch: dict[str, Event], who: str, at: str) -> AddResult:
        """Insert or merge ``batch`` inside the open, locked transaction."""
        con = self.con
        stored = {eid: parse_sources(s, src) for eid, s, src in con.execute(
            f'SELECT id, sources, source FROM "{TABLE}" WHERE id = ANY(%s)', (list(batch),))}
        inserts, updates, history, result = plan_add(batch, stored, who, at)
        with con.cursor() as cur:
            with cur.copy(f'COPY "{TABLE}" (geom, {_COLUMNS}) FROM STDIN') as copy:
                for e in inserts:
                    copy.write_row((f"SRID=4326;POINT({e.lon!r} {e.lat!r})", *event_row(e)))
            if updates:
                cur.executemany(f'UPDATE "{TABLE}" SET sources = %s WHERE id = %s',
                                [(sources_json(s), eid) for eid, s in updates.items()])
            self._append_history(cur, history)
        return result

    # --- reports and accounts ----------------------------------------------------------
    def add_report(self, report: Report, events: Iterable[Event], *,
                   analyst: str | None = None) -> tuple[Report, AddResult]:
        import json

        check_report(report)
        batch = merge_batch(events)
        who, at = resolve_analyst(analyst), utc_now()
        con = self.con
        try:
            with con.transaction():
                con.execute(_LOCK)
                result = self._add_batch(batch, who, at) if batch else AddResult()
                row = con.execute(f'SELECT event_ids FROM "{REPORTS}" WHERE id = %s',
                                  (report.id,)).fetchone()
                ids = list(json.loads(row[0])) if row else []
                ids += [i for i in batch if i not in ids]
                if row:
                    con.execute(f'UPDATE "{REPORTS}" SET event_ids = %s WHERE id = %s',
                                (json.dumps(ids), report.id))
                else:
                    con.execute(f'INSERT INTO "{REPORTS}" (id, source, report_date, text, added_by, '
                                'added_at, event_ids) VALUES (%s, %s, %s, %s, %s, %s, %s)',
                                (report.id, report.source, report.report_date, report.text,
                                 who, at, json.dumps(ids)))
        except self._psycopg.Error as exc:
            raise self._wrap("store the report", exc) from None
        return self.get_report(report.id), result

    def get_report(self, report_id: str) -> Report:
        import json

        rows = self._read(f'SELECT {", ".join(REPORT_COLUMNS)} FROM "{REPORTS}" WHERE id = %s',
                          (str(report_id),))
        if not rows:
            raise EventNotFound(f"no report with id {report_id!r} in {self.location}")
        d = dict(zip(REPORT_COLUMNS, rows[0]))
        d["event_ids"] = tuple(json.loads(d["event_ids"] or "[]"))
        return Report(**d)

    def reports(self, limit: int = 50, offset: int = 0) -> list[Report]:
        import json

        rows = self._read(f"SELECT id, source, report_date, '', added_by, added_at, event_ids "
                          f'FROM "{REPORTS}" ORDER BY fid DESC LIMIT %s OFFSET %s',
                          (int(limit), int(offset)))
        return [Report(*r[:6], tuple(json.loads(r[6] or "[]"))) for r in rows]

    def link_event(self, report_id: str, event_id: str) -> None:
        import json

        con = self.con
        with con.transaction():
            con.execute(_LOCK)
            row = con.execute(f'SELECT event_ids FROM "{REPORTS}" WHERE id = %s FOR UPDATE',
                              (report_id,)).fetchone()
            if row is None:
                raise EventNotFound(f"no report with id {report_id!r} in {self.location}")
            ids = json.loads(row[0] or "[]")
            if event_id not in ids:
                ids.append(event_id)
                con.execute(f'UPDATE "{REPORTS}" SET event_ids = %s WHERE id = %s',
                            (json.dumps(ids), report_id))

    def get_many(self, ids: Iterable[str]) -> dict[str, Event]:
        rows = self._read(f'SELECT {_COLUMNS} FROM "{TABLE}" WHERE id = ANY(%s)', (list(ids),))
        return {e.id: e for e in map(row_event, rows)}

    def review_states_of(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self._read(f"SELECT id, COALESCE(review_state, 'unreviewed'), retracted "
                          f'FROM "{TABLE}" WHERE id = ANY(%s)', (list(ids),))
        return {eid: "retracted" if r and st == "unreviewed" else st for eid, st, r in rows}

    def add_user(self, name: str, password_hash: str) -> None:
        name = check_user_name(name)
        try:
            self.con.execute(f'INSERT INTO "{USERS}" (name, password_hash, added_at) '
                             "VALUES (%s, %s, %s) ON CONFLICT (name) DO UPDATE "
                             "SET password_hash = excluded.password_hash",
                             (name, password_hash, utc_now()))
        except self._psycopg.Error as exc:
            raise self._wrap("store the account", exc) from None

    def user_hash(self, name: str) -> str | None:
        rows = self._read(f'SELECT password_hash FROM "{USERS}" WHERE name = %s', (str(name),))
        return rows[0][0] if rows else None

    def users(self) -> list[str]:
        return [r[0] for r in self._read(f'SELECT name FROM "{USERS}" ORDER BY name')]

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
                    raise ConflictError(f"event {event_id} was changed by someone else meanwhile; "
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
        if not query.shows_retracted:
            where.append("retracted IS NOT TRUE")
        if query.review_states:
            where.append("COALESCE(review_state, 'unreviewed') = ANY(%s)")
            params.append(list(query.review_states))
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
