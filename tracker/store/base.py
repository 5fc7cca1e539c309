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

from ..errors import ConflictError, EventNotFound, InputError
from ..event import (DATE_PRECISIONS, FIELD_NAMES, FIELD_TYPES, KINDS, PRECISIONS, REVIEW_STATES,
                     STATUSES, Event)
from ..geometry import on_globe
from ..query import Query

log = logging.getLogger(__name__)

DEFAULT_STORE = "frontline.gpkg"

# Fields an analyst may change with edit(); id, sources, retracted and the review fields have
# their own paths (retract, review, undo), and the row version is the store's own.
REVIEW_FIELDS = ("review_state", "reviewed_by", "reviewed_at")
EDITABLE = tuple(n for n in FIELD_NAMES
                 if n not in ("id", "sources", "retracted", "version") + REVIEW_FIELDS)
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
    if e.review_state not in REVIEW_STATES:
        raise InputError(f"event {e.id} has review_state {e.review_state!r}; use one of "
                         + ", ".join(REVIEW_STATES))
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
            if name in REVIEW_FIELDS + ("version",):
                raise InputError(f"{name} is set by reviewing (accept, correct, retract), not edited")
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
    if "version" in d:
        d["version"] = int(d["version"])
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
             analyst: str | None = None, expected_version: int | None = None,
             review: bool = False) -> Event:
        """Change fields of a stored event; its id stays and history keeps old and new values.

        ``expected_version``: the row version the caller saw; ConflictError if the event has
        changed since. ``review``: the change is an analyst's correction of an extracted event
        (``frontline serve``), so the event becomes ``corrected`` by ``analyst``."""
        if not reason or not reason.strip():
            raise InputError("an edit needs a reason (--reason), kept in the event's history")
        changes = check_changes(changes)
        before = self._current(event_id, expected_version)
        diff = {k: v for k, v in changes.items() if getattr(before, k) != v}
        if not diff:
            log.info("edit of %s changes nothing", event_id)
            return before
        who, at = resolve_analyst(analyst), self._stamp(before.id)
        if review:
            diff.update(review_state="corrected", reviewed_by=who, reviewed_at=at)
        return self._change(before, diff, "edit", who, at, reason.strip())

    def retract(self, event_id: str, *, reason: str, analyst: str | None = None,
                expected_version: int | None = None) -> Event:
        """Hide an event from maps and lists by default; it stays stored, with the reason."""
        if not reason or not reason.strip():
            raise InputError("a retraction needs a reason (--reason), kept in the event's history")
        before = self._current(event_id, expected_version)
        if before.retracted:
            raise InputError(f"event {before.id} is already retracted")
        who, at = resolve_analyst(analyst), self._stamp(before.id)
        # the review fields first: the retraction itself is the last row a person reads
        diff = {"review_state": "retracted", "reviewed_by": who, "reviewed_at": at,
                "retracted": True}
        return self._change(before, diff, "retract", who, at, reason.strip())

    def accept(self, event_id: str, *, analyst: str | None = None,
               expected_version: int | None = None, reason: str | None = None) -> Event:
        """An analyst read the event against its sentence and agrees with it as stored."""
        before = self._current(event_id, expected_version)
        if before.retracted:
            raise InputError(f"event {before.id} is retracted; undo the retraction first")
        who, at = resolve_analyst(analyst), self._stamp(before.id)
        state = "corrected" if before.review_state == "corrected" else "accepted"
        diff = {"review_state": state, "reviewed_by": who, "reviewed_at": at}
        return self._change(before, diff, "review", who, at, (reason or "").strip() or state)

    def undo(self, event_id: str, *, analyst: str | None = None,
             expected_version: int | None = None) -> tuple[Event, list[dict]]:
        """Undo the last change to an event that is not yet undone (an edit, a review, a
        retraction, a merge): its fields get their old values back, and the undo is itself a
        change in the history. Returns the event and the history rows that were undone."""
        before = self._current(event_id, expected_version)
        group = undoable_change(self.history(before.id))
        if group is None:
            raise InputError(f"event {before.id} has no change to undo (only how it was added)")
        diff: dict[str, Any] = {}
        for row in reversed(group):
            name = row["field"]
            if name in FIELD_TYPES:
                diff[name] = from_text(name, row["old"])
        if "sources" in diff:
            diff["sources"] = tuple(json.loads(diff["sources"])) if diff["sources"] else ()
        diff = {k: v for k, v in diff.items() if getattr(before, k) != v}
        who, at = resolve_analyst(analyst), self._stamp(before.id)
        first = group[0]
        reason = f"undo of {first['action']} by {first['analyst']} at {first['at']}"
        if not diff:  # the fields hold their old values already: still record the undo
            diff = {"reviewed_at": before.reviewed_at}
        return self._change(before, diff, "undo", who, at, reason, force_rows=True), group

    def merge_into(self, event_id: str, target_id: str, *, reason: str,
                   analyst: str | None = None, expected_version: int | None = None,
                   target_version: int | None = None) -> tuple[Event, Event]:
        """Two events are one fact: ``event_id`` is retracted (merged into ``target_id``) and
        the target gains its sources. Returns (retracted, target)."""
        if event_id == target_id:
            raise InputError("an event cannot be merged into itself")
        if not reason or not reason.strip():
            raise InputError("a merge needs a reason, kept in both events' history")
        target = self._current(target_id, target_version)
        dropped = self.retract(event_id, reason=f"merged into {target.id}: {reason.strip()}",
                               analyst=analyst, expected_version=expected_version)
        extra = tuple(x for x in dropped.sources if x not in target.sources)
        if not extra:
            return dropped, target
        who, at = resolve_analyst(analyst), self._stamp(target.id)
        kept = self._change(target, {"sources": target.sources + extra}, "merge-events", who, at,
                            f"merged {dropped.id} into it: {reason.strip()}")
        return dropped, kept

    def add_derived(self, event: Event, *, reason: str, analyst: str | None = None) -> Event:
        """Store an event an analyst made (split from another, or logged from selected text):
        reviewed by them as it is stored; ConflictError-free (a new id), InputError if known."""
        who, at = resolve_analyst(analyst), utc_now()
        if self._get(event.id) is not None:
            raise InputError(f"this event is already stored as {event.id}; accept or correct it there")
        event = event.replace(reviewed_by=who, reviewed_at=at,
                              review_state=event.review_state if event.review_state != "unreviewed"
                              else "corrected")
        result = self.add([event], analyst=who)
        stored = result.events[event.id]
        self._note(stored.id, "note", None, None, reason, who, at)
        return stored

    def _note(self, event_id: str, action: str, field_name: str | None, new: Any, reason: str,
              who: str, at: str) -> None:
        """Append one history row that changes no field (why an event was made)."""
        before = self.get(event_id)
        self._update(event_id, before, before, [history_row(event_id, action, field_name, None,
                                                            new, who, at, reason)])

    def _stamp(self, event_id: str) -> str:
        """The time of a change to an event: now, but after its newest history row, so every
        change (what undo takes back) has its own time even within one millisecond."""
        at = utc_now()
        rows = self.history(event_id)
        if rows and rows[-1]["at"] >= at:
            last = dt.datetime.fromisoformat(rows[-1]["at"].replace("Z", "+00:00"))
            at = (last + dt.timedelta(milliseconds=1)).isoformat(timespec="milliseconds") \
                .replace("+00:00", "Z")
        return at

    def _current(self, event_id: str, expected_version: int | None) -> Event:
        before = self.get(event_id)
        if expected_version is not None and int(expected_version) != before.version:
            raise self._conflict(before)
        return before

    def _conflict(self, current: Event) -> ConflictError:
        groups = change_groups(self.history(current.id))
        who = ""
        if groups:
            last = groups[-1]
            head = last[0]
            fields = [r["field"] for r in last if r["field"] and r["field"] not in REVIEW_FIELDS]
            what = {"review": "accepted it", "retract": "retracted it", "undo": "undid a change",
                    "merge-events": "merged another event into it"}.get(
                head["action"], f"{head['action']} {', '.join(fields)}".strip())
            who = f" by {head['analyst']} at {head['at']} ({what})"
        return ConflictError(f"event {current.id} was changed{who} since you loaded it; nothing "
                             "was written: reload it, check the change, and make yours again")

    def _change(self, before: Event, diff: dict[str, Any], action: str, who: str, at: str,
                reason: str | None, force_rows: bool = False) -> Event:
        after = before.replace(**diff, version=before.version + 1)
        rows = [history_row(before.id, action, k, getattr(before, k), v, who, at, reason)
                for k, v in diff.items() if force_rows or getattr(before, k) != v]
        try:
            return self._update(before.id, before, after, rows)
        except ConflictError:
            raise self._conflict(self.get(before.id)) from None

    # --- reports and accounts (frontline serve) -----------------------------------------
    def add_report(self, report: "Report", events: Iterable[Event], *,
                   analyst: str | None = None) -> tuple["Report", AddResult]:
        """Store a report's text and its events in one transaction. The same text from the
        same source again adds nothing new: the stored report comes back."""
        raise NotImplementedError

    def get_report(self, report_id: str) -> "Report":
        raise NotImplementedError

    def reports(self, limit: int = 50, offset: int = 0) -> list["Report"]:
        """Reports, newest added first, without their text's weight (``text`` is '')."""
        raise NotImplementedError

    def link_event(self, report_id: str, event_id: str) -> None:
        """Add ``event_id`` to the events of a report (a missed event logged from its text)."""
        raise NotImplementedError

    def get_many(self, ids: Iterable[str]) -> dict[str, Event]:
        """Stored events by id (unknown ids left out)."""
        raise NotImplementedError

    def review_states_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The review state of each stored id (unknown ids left out), without building events."""
        return {i: e.review_state for i, e in self.get_many(ids).items()}

    def add_user(self, name: str, password_hash: str) -> None:
        raise NotImplementedError

    def user_hash(self, name: str) -> str | None:
        raise NotImplementedError

    def users(self) -> list[str]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"


def from_text(name: str, value: str | None) -> Any:
    """A field value back from its history text (the inverse of ``text_value``)."""
    if value is None:
        return None
    typ = FIELD_TYPES[name]
    if typ is bool:
        return value == "true"
    if typ is float:
        return float(value)
    if typ is int:
        return int(value)
    return value


def change_groups(rows: list[dict]) -> list[list[dict]]:
    """History rows grouped into changes: one action by one analyst at one time."""
    groups: list[list[dict]] = []
    for r in rows:
        if groups and (groups[-1][0]["action"], groups[-1][0]["analyst"], groups[-1][0]["at"]) == \
                (r["action"], r["analyst"], r["at"]):
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


UNDOABLE = ("edit", "retract", "review", "merge-events")


def undoable_change(rows: list[dict]) -> list[dict] | None:
    """The newest change not yet undone, walking back over undos (each names what it undid)."""
    undone: set[tuple[str, str, str]] = set()
    for group in reversed(change_groups(rows)):
        head = group[0]
        if head["action"] == "undo":
            reason = head["reason"] or ""
            # "undo of ACTION by ANALYST at AT"
            try:
                what, rest = reason[len("undo of "):].split(" by ", 1)
                who, when = rest.rsplit(" at ", 1)
                undone.add((what, who, when))
            except ValueError:
                pass
            continue
        key = (head["action"], head["analyst"], head["at"])
        if key in undone:
            continue
        if head["action"] in UNDOABLE:
            return group
        if head["action"] == "add":
            return None  # how it was added: nothing older to undo
    return None
    return None


@dataclass(frozen=True)
class Report:
    """A report's text as ingested in ``frontline serve``: the events' quote offsets index it."""
    id: str
    source: str
    report_date: str
    text: str
    added_by: str = ""
    added_at: str = ""
    event_ids: tuple[str, ...] = ()

    @staticmethod
    def make_id(source: str, report_date: str, text: str) -> str:
        import hashlib

        key = "\x1f".join([source, report_date, text])
        return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "report_date": self.report_date,
                "text": self.text, "added_by": self.added_by, "added_at": self.added_at,
                "event_ids": list(self.event_ids)}


def check_report(report: Report) -> None:
    if not report.text.strip():
        raise InputError("the report is empty; paste text or choose a file with text in it")
    if "\x00" in report.text or "\x00" in report.source:
        raise InputError("the report has a NUL character; it was not stored")
    if not report.source.strip():
        raise InputError("a report needs a source (a URL or a name for where it came from)")
    _check_date("report_date", report.report_date)


def check_user_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c.isspace() or ord(c) < 32 for c in name):
        raise InputError("a user name is 1-64 characters without spaces, e.g. ana or j.smith")
    return name
