"""The Store contract shared by the GeoPackage and PostGIS backends.

Both backends keep the same rules, so they live here once: how a batch is
merged into what is already stored (the same fact from several reports is one
event listing every source), which fields an analyst may edit and what counts
as a valid value, who the analyst is, and what a history row looks like.
"""
from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import logging
import operator
import os
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..errors import EventNotFound, InputError
from ..event import DATE_PRECISIONS, FIELD_NAMES, FIELD_TYPES, KINDS, PRECISIONS, STATUSES, Event
from ..geometry import on_globe
from ..query import Query

log = logging.getLogger(__name__)

DEFAULT_STORE = "frontline.gpkg"

# Fields an analyst may change with edit(); id, sources and retracted have their own paths.
EDITABLE = tuple(n for n in FIELD_NAMES if n not in ("id", "sources", "retracted"))
_TEXT_FIELDS = tuple(n for n in FIELD_NAMES if FIELD_TYPES[n] is str and n != "sources")
REQUIRED = ("side", "kind", "place", "relation", "event_date", "report_date", "source")


@dataclass
class AddResult:
    """What one ``Store.add`` did: ids newly stored, ids already known, ids that gained a source."""

    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)   # known ids whose ``sources`` gained an entry
    events: dict[str, Event] = field(default_factory=dict, repr=False)  # id -> event as stored now

    @property
    def total(self) -> int:
        return len(self.new) + len(self.known)

    def counts(self, which: str = "new") -> Counter:
        """Count of (kind, side) pairs among the ``new`` (or ``known``/``merged``/``all``) events."""
        ids = (self.new + self.known) if which == "all" else getattr(self, which)
        return Counter((self.events[i].kind, self.events[i].side) for i in ids if i in self.events)

    def extend(self, other: "AddResult") -> None:
        self.new += other.new
        self.known += other.known
        self.merged += other.merged
        self.events.update(other.events)

    def summary(self) -> str:
        """One line for people: '3 new, 1 already known (1 gained a source); new: advance/russia 2, ...'."""
        text = f"{len(self.new)} new, {len(self.known)} already known"
        if self.merged:
            text += f" ({len(self.merged)} gained a source)"
        per = self.counts("new")
        if per:
            text += "; new by kind/side: " + ", ".join(
                f"{k}/{s} {n}" for (k, s), n in sorted(per.items()))
        return text


def resolve_analyst(analyst: str | None = None) -> str:
    """The name history rows carry: the given one, else $FRONTLINE_ANALYST, else the login name."""
    if analyst and analyst.strip():
        return analyst.strip()
    env = os.environ.get("FRONTLINE_ANALYST", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers: still record something honest
        return "unknown"


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@functools.lru_cache(maxsize=8192)  # a batch repeats few dates: check each once
def _iso_date(value: str) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


DATE_WINDOW_ENV = "FRONTLINE_DATE_WINDOW"
EARLIEST_DATE = "1900-01-01"
FUTURE_DAYS = 366  # a report may be dated ahead by a time zone or a typo'd year, not by more


@functools.lru_cache(maxsize=16)
def _window(setting: str, today: dt.date) -> tuple[str, str]:
    first, last = EARLIEST_DATE, (today + dt.timedelta(days=FUTURE_DAYS)).isoformat()
    if setting.strip():
        lo, sep, hi = setting.strip().partition("..")
        lo_iso, hi_iso = _iso_date(lo.strip()) if lo.strip() else first, \
            _iso_date(hi.strip()) if hi.strip() else last
        if not sep or lo_iso is None or hi_iso is None or lo_iso > hi_iso:
            raise InputError(f"{DATE_WINDOW_ENV}={setting!r} is not a date window; use "
                             "FIRST..LAST, e.g. 2014-01-01..2030-12-31 (either side may be empty)")
        first, last = lo_iso, hi_iso
    return first, last


def date_window() -> tuple[str, str]:
    """The first and last date an event may carry: $FRONTLINE_DATE_WINDOW ('FIRST..LAST'),
    else 1900-01-01 to a year from today. Year 1 or 9999 is a typo, not a report, and would
    make every time slider span millennia."""
    return _window(os.environ.get(DATE_WINDOW_ENV, ""), dt.date.today())


def _check_date(name: str, value: Any) -> str:
    iso = _iso_date(str(value))
    if iso is None:
        raise InputError(f"{name} {value!r} is not a date; use YYYY-MM-DD")
    first, last = date_window()
    if not first <= iso <= last:
        raise InputError(f"{name} {iso} is outside the dates events may have ({first} to {last}); "
                         f"check the date, or widen the window with {DATE_WINDOW_ENV}=FIRST..LAST")
    return iso


def check_event(e: Event) -> None:
    """Refuse an event the store must not hold (bad coordinates or dates, missing fields)."""
    for name in REQUIRED:
        if not getattr(e, name):
            raise InputError(f"event {e.id} has no {name}; it was not stored")
    if not (isinstance(e.lat, (int, float)) and isinstance(e.lon, (int, float))
            and on_globe(e.lat, e.lon)):
        raise InputError(f"event {e.id} has coordinates out of range (lat {e.lat}, lon {e.lon})")
    _check_date("event_date", e.event_date)
    _check_date("report_date", e.report_date)
    texts = [getattr(e, n) for n in _TEXT_FIELDS]
    if "\x00" in "".join(t for t in texts if t) or any("\x00" in x for x in e.sources):
        # PostgreSQL cannot store NUL in text and GDAL cuts strings at it: refuse for both.
        raise InputError(f"event {e.id} has a NUL character in its text; it was not stored")


def check_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and coerce an edit; unknown fields and bad values raise InputError."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE:
            if name in ("id", "sources", "retracted"):
                raise InputError(f"{name} cannot be edited (ids are stable; use retract to hide an event)")
            raise InputError(f"unknown field {name!r}; editable fields: {', '.join(EDITABLE)}")
        typ = FIELD_TYPES[name]
        if value is not None:
            try:
                value = typ(value) if typ is not bool else bool(value)
            except (TypeError, ValueError):
                raise InputError(f"{name} must be a {typ.__name__}, not {value!r}") from None
        if isinstance(value, str) and "\x00" in value:
            raise InputError(f"{name} has a NUL character; it cannot be stored")
        if name in REQUIRED and (value is None or value == ""):
            raise InputError(f"{name} cannot be empty")
        if name in ("event_date", "report_date"):
            value = _check_date(name, value)
        elif name == "kind" and value not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}, not {value!r}")
        elif name == "status" and value is not None and value not in STATUSES:
            raise InputError(f"status must be one of {', '.join(STATUSES)}, not {value!r}")
        elif name == "precision" and value not in PRECISIONS:
            raise InputError(f"precision must be one of {', '.join(PRECISIONS)}, not {value!r}")
        elif name == "date_precision" and value not in DATE_PRECISIONS:
            raise InputError(f"date_precision must be one of {', '.join(DATE_PRECISIONS)}")
        elif name == "lat" and (value is None or not (-90 <= value <= 90)):
            raise InputError(f"latitude {value} is out of range (-90..90)")
        elif name == "lon" and (value is None or not (-180 <= value <= 180)):
            raise InputError(f"longitude {value} is out of range (-180..180)")
        elif name == "side" and value != str(value).lower():
            raise InputError(f"side must be lowercase, e.g. russia, ukraine; not {value!r}")
        out[name] = value
    return out


def text_value(value: Any) -> str | None:
    """How a field value is written into the history table: plain text a person can read."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def history_row(event_id: str, action: str, field_name: str | None, old: Any, new: Any,
                analyst: str, at: str, reason: str | None) -> dict[str, Any]:
    return {"event_id": event_id, "action": action, "field": field_name,
            "old": text_value(old), "new": text_value(new),
            "analyst": analyst, "at": at, "reason": reason}


@functools.lru_cache(maxsize=4096)
def sources_json(sources: tuple[str, ...]) -> str:
    """``sources`` as stored: a JSON list (cached: a report's events share their sources)."""
    return json.dumps(list(sources), ensure_ascii=False)


_ATTRS = operator.attrgetter(*FIELD_NAMES)
_SOURCES_AT = FIELD_NAMES.index("sources")


def event_row(e: Event) -> list[Any]:
    """Field values in schema order, as stored (``sources`` as JSON); faster than properties()."""
    row = list(_ATTRS(e))
    row[_SOURCES_AT] = sources_json(e.sources)
    return row


@functools.lru_cache(maxsize=4096)
def parse_sources(sources: str | None, source: str | None) -> tuple[str, ...]:
    """The stored ``sources`` JSON list as a tuple (falling back to the single ``source``)."""
    if sources and sources.strip().startswith("["):
        return tuple(json.loads(sources))
    if sources:
        return (sources,)
    return (source,) if source else ()


def row_event(row: Iterable[Any]) -> Event:
    """An Event from a stored row in FIELD_NAMES order: the backends store proper types, so
    this skips from_properties' coercions (reading is where lists and maps spend their time)."""
    d = {n: v for n, v in zip(FIELD_NAMES, row) if v is not None}
    d["sources"] = parse_sources(d.get("sources"), d.get("source"))
    d["retracted"] = bool(d.get("retracted", False))
    return Event(**d)


HISTORY_COLUMNS = ("event_id", "action", "field", "old", "new", "analyst", "at", "reason")


def add_sources(seen: Event, again: Event) -> Event:
    """``seen`` with the sources of ``again`` (the same fact, reported again) it lacks."""
    extra = tuple(s for s in again.sources if s not in seen.sources)
    return seen.replace(sources=seen.sources + extra) if extra else seen


def merge_batch(events: Iterable[Event]) -> dict[str, Event]:
    """One event per id, in first-seen order; repeats within the batch add their sources."""
    batch: dict[str, Event] = {}
    for e in events:
        if not isinstance(e, Event):
            raise InputError(f"the store takes Event objects, not {type(e).__name__}")
        check_event(e)
        seen = batch.get(e.id)
        batch[e.id] = e if seen is None else add_sources(seen, e)
    return batch


def plan_add(batch: dict[str, Event], stored: dict[str, tuple[str, ...]], analyst: str,
             at: str) -> tuple[list[Event], dict[str, tuple[str, ...]], list[dict], AddResult]:
    """Split a batch against the stored sources of its ids: rows to insert, sources to update,
    history rows, and the result. Pure, so both backends merge the same way."""
    result = AddResult()
    inserts: list[Event] = []
    updates: dict[str, tuple[str, ...]] = {}
    history: list[dict] = []
    for eid, e in batch.items():
        if eid not in stored:
            inserts.append(e)
            result.new.append(eid)
            result.events[eid] = e
            history.append({"event_id": eid, "action": "add", "field": None, "old": None,
                            "new": sources_json(e.sources), "analyst": analyst, "at": at,
                            "reason": None})
            continue
        old = stored[eid]
        result.known.append(eid)
        extra = tuple(s for s in e.sources if s not in old)
        if extra:
            new = old + extra
            updates[eid] = new
            result.merged.append(eid)
            history.append(history_row(eid, "merge", "sources", old, new, analyst, at,
                                       "reported again by " + ", ".join(extra)))
        result.events[eid] = e.replace(sources=updates.get(eid, old))
    return inserts, updates, history, result


class Store(ABC):
    """An event store. Open with ``Store.open(location)``; use as a context manager."""

    location: str

    @staticmethod
    def open(location: str | os.PathLike | None = None, *, readonly: bool = False) -> "Store":
        from . import open_store
        return open_store(location, readonly=readonly)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- what each backend implements -------------------------------------------------
    @abstractmethod
    def add(self, events: Iterable[Event], *, analyst: str | None = None) -> AddResult:
        """Store a batch in one transaction; known ids gain the new sources instead of a copy."""

    @abstractmethod
    def _get(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def _select(self, query: Query) -> Iterator[Event]:
        """Events matching every filter of ``query`` but ``near`` (the bbox around it is enough)."""

    @abstractmethod
    def _count(self, query: Query) -> int: ...

    @abstractmethod
    def _update(self, event_id: str, before: Event, after: Event, rows: list[dict]) -> Event:
        """Write ``after`` over ``before`` and append history ``rows``, in one transaction;
        fail with StoreError if the stored event is no longer ``before`` (a concurrent edit)."""

    @abstractmethod
    def history(self, event_id: str) -> list[dict]:
        """Every change to an event, oldest first: event_id, action, field, old, new, analyst, at, reason."""

    @abstractmethod
    def close(self) -> None: ...

    # --- shared behaviour ------------------------------------------------------------
    def get(self, event_id: str) -> Event:
        e = self._get(str(event_id).strip())
        if e is None:
            raise EventNotFound(f"no event with id {event_id!r} in {self.location}; "
                                "`frontline list` shows the stored ids")
        return e

    def query(self, query: Query | None = None) -> list[Event]:
        query = query or Query()
        events = self._select(query)
        if query.near is not None and query.within_km is not None:
            return [e for e in events if query.matches(e)]
        return list(events)

    def count(self, query: Query | None = None) -> int:
        query = query or Query()
        if query.near is not None and query.within_km is not None:
            return len(self.query(query))
        return self._count(query)

    def edit(self, event_id: str, changes: dict[str, Any], *, reason: str,
             analyst: str | None = None) -> Event:
        """Change fields of a stored event; its id stays and history keeps old and new values."""
        if not reason or not reason.strip():
            raise InputError("an edit needs a reason (--reason), kept in the event's history")
        changes = check_changes(changes)
        before = self.get(event_id)
        diff = {k: v for k, v in changes.items() if getattr(before, k) != v}
        if not diff:
            log.info("edit of %s changes nothing", event_id)
            return before
        after = before.replace(**diff)
        who, at = resolve_analyst(analyst), utc_now()
        rows = [history_row(before.id, "edit", k, getattr(before, k), v, who, at, reason.strip())
                for k, v in diff.items()]
        return self._update(before.id, before, after, rows)

    def retract(self, event_id: str, *, reason: str, analyst: str | None = None) -> Event:
        """Hide an event from maps and lists by default; it stays stored, with the reason."""
        if not reason or not reason.strip():
            raise InputError("a retraction needs a reason (--reason), kept in the event's history")
        before = self.get(event_id)
        if before.retracted:
            raise InputError(f"event {before.id} is already retracted")
        after = before.replace(retracted=True)
        row = history_row(before.id, "retract", "retracted", False, True,
                          resolve_analyst(analyst), utc_now(), reason.strip())
        return self._update(before.id, before, after, [row])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"
