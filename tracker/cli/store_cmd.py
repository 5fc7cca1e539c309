"""``ingest``, ``log``, ``edit``, ``retract``, ``history`` and ``list``: thin over tracker.store.

Each command opens the store first, so a wrong --store fails before any work;
commands that only read or change existing events never create a store.
"""
from __future__ import annotations

import contextlib
import logging
import sys
from typing import TYPE_CHECKING, Any

import click

from ..event import KINDS, SIDES, STATUSES
from .options import (analyst_option, filter_options, iso_date, open_existing, read_stdin,
                      store_option, table_lines)
from .options import relation as relation_option

if TYPE_CHECKING:
    from gazetteer import Place

    from ..event import Event
    from ..store import Store

_log = logging.getLogger(__name__)

PROGRESS_FROM = 5  # files: fewer finish before a bar would help
HOMONYM_KM = 30.0  # namesakes farther apart than this are different places, not one town's spread


def _describe(e: "Event") -> str:
    """One line about an event: who did what where, and how precisely it is placed."""
    what = f"{e.side} {e.kind}" + (f" ({e.status})" if e.status else "")
    where = e.place_name or e.place
    if e.admin1:
        where += f", {e.admin1}"
    return (f"{what} {e.relation} {e.place} on {e.event_date} -> {where} at "
            f"{e.lat:.4f}, {e.lon:.4f} ({e.precision}, ±{e.uncertainty_km:g} km)")


# --- ingest ------------------------------------------------------------------------------
@click.command("ingest")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--report-date", callback=iso_date, metavar="YYYY-MM-DD",
              help="Date of the reports when their text does not say it.")
@click.option("--source", help="Source recorded for the events (default: the file path).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, metavar="N",
              help="Extract with N processes (an archive of reports); the store is written by one.")
@analyst_option
@store_option
def ingest(files: tuple[str, ...], report_date: str | None, source: str | None,
           analyst: str | None, store: str, jobs: int = 1) -> None:
    """Extract events from report files and store them.

    Ingesting a report again adds nothing; each file is stored all-or-nothing;
    a file that cannot be read is reported and skipped while the others are stored
    (the exit status is then 1).
    """
    from ..errors import FrontlineError, InputError
    from ..store import AddResult, Store

    total, failures, empty = AddResult(), [], []
    show_bar = len(files) >= PROGRESS_FROM
    with Store.open(store) as s, _extracted(files, report_date, source, jobs) as results:
        bar = (click.progressbar(results, length=len(files), label="ingesting", file=sys.stderr)
               if show_bar else contextlib.nullcontext(results))
        with bar as items:
            for path, events, exc in items:
                try:
                    if exc is not None:
                        raise exc
                    result = s.add(events, analyst=analyst)
                except (FrontlineError, OSError, UnicodeError) as err:
                    msg = getattr(err, "strerror", None) or str(err)
                    line = msg if msg.startswith(f"{path}:") else f"{path}: {msg}"
                    if len(files) == 1:  # nothing else to go on with: one line, as for any error
                        raise InputError(f"{line}; nothing was stored") from None
                    failures.append(line)
                    if not show_bar:  # a bar owns the line: its failures are told after it
                        click.echo(f"frontline: error: {line}; skipped", err=True)
                    continue
                if not events:
                    empty.append(path)
                total.extend(result)
    if show_bar:
        for line in failures:
            click.echo(f"frontline: error: {line}; skipped", err=True)
    for path in empty:
        click.echo(f"frontline: note: no events found in {path}", err=True)
    stored = len(files) - len(failures)
    click.echo(f"ingested {stored} of {len(files)} file{'s' if len(files) != 1 else ''} "
               f"into {s.location}: {total.summary()}")
    if failures:
        click.echo(f"frontline: {len(failures)} file{'s' if len(failures) != 1 else ''} failed "
                   "and stored nothing", err=True)
        # Not ctx.exit(1): with standalone_mode=False (tracker.cli.main) click returns that
        # code instead of exiting, and the failure would end with status 0.
        raise SystemExit(1)


def _extract_one(path: str, report_date: str | None, source: str | None):
    """(path, events, None) or (path, None, error) for one file: what a worker process returns."""
    from ..errors import FrontlineError, InputError
    from ..extract import extract_file

    try:
        if path == "-":
            raise InputError("ingest reads report files, not standard input; save the "
                             "report to a file (`frontline extract -` prints its events)")
        return path, extract_file(path, report_date=report_date, source=source), None
    except (FrontlineError, OSError, UnicodeError) as exc:
        return path, None, exc


@contextlib.contextmanager
def _extracted(files: tuple[str, ...], report_date: str | None, source: str | None, jobs: int):
    """(path, events, error) per file in the given order, extracted by ``jobs`` processes.

    Extraction is the costly part (the parse, the gazetteer); storing stays in this process,
    one file at a time, so each file is still stored all-or-nothing and in order.
    """
    if jobs <= 1 or len(files) <= 1:
        yield (_extract_one(p, report_date, source) for p in files)
        return
    import concurrent.futures as cf
    import functools
    import multiprocessing as mp

    # fork would copy this process's open store; a fresh interpreter per worker shares nothing
    with cf.ProcessPoolExecutor(max_workers=min(jobs, len(files)),
                                mp_context=mp.get_context("spawn")) as pool:
        yield pool.map(functools.partial(_extract_one, report_date=report_date, source=source), files)


# --- log ---------------------------------------------------------------------------------
@click.command("log")
@click.argument("text", required=False)
@click.option("--date", "date", callback=iso_date, required=True, metavar="YYYY-MM-DD",
              help="Report date of the sentence; with fields, the event's date.")
@click.option("--source", help="Where it was reported (URL or file); default: log:<analyst>.")
@click.option("--side", type=click.Choice(SIDES))
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--status", type=click.Choice(STATUSES),
              help="Advances only (default: assessed).")
@click.option("--claimant", help="Who claims a claimed advance.")
@click.option("--place", help="Place name, as in the gazetteer.")
@click.option("--region", help="Oblast or region, to tell homonyms apart.")
@click.option("--relation", default="in", show_default=True, callback=relation_option,
              help="in, near, outskirts of, north of, ..., direction.")
@click.option("--dry-run", is_flag=True, help="Show what would be stored; store nothing.")
@analyst_option
@store_option
def log(text: str | None, date: str, source: str | None, side: str | None, kind: str | None,
        status: str | None, claimant: str | None, place: str | None, region: str | None,
        relation: str, dry_run: bool, analyst: str | None, store: str) -> None:
    """Log one event from a sentence, or field by field.

    \b
    frontline log "Russian forces recently advanced near Siversk." --date 2024-10-24
    frontline log --side russia --kind advance --place Siversk --relation near --date 2024-10-24
    """
    from ..errors import ExtractionError
    from ..store import Store, check_location, resolve_analyst

    fields = {"--side": side, "--kind": kind, "--place": place, "--region": region,
              "--claimant": claimant, "--status": status}
    if text is not None and any(fields.values()):
        given = ", ".join(k for k, v in fields.items() if v)
        raise click.UsageError(f"give either a sentence or fields, not both (got text and {given})")
    if not dry_run:
        check_location(store)  # a wrong --store fails before the gazetteer is loaded
    who = resolve_analyst(analyst)
    source = source or f"log:{who}"
    if text is not None:
        if text == "-":
            text = read_stdin()
        if not text.strip():
            raise click.UsageError("the sentence is empty")
        from ..extract import extract_events, skipped_message

        skipped: dict[str, str] = {}
        events = extract_events(text, report_date=date, source=source, skipped=skipped)
        if not events and skipped:  # one line: the place is why nothing was found
            raise ExtractionError(f"no event logged: the gazetteer could not settle "
                                  f"{skipped_message(skipped)}")
        if not events:
            raise ExtractionError("no event found in the sentence (an advance, attack or "
                                  "deployment at a named place); log it with --side --kind --place")
        if skipped:
            _log.warning("left out %d place(s) the gazetteer could not settle: %s",
                         len(skipped), skipped_message(skipped))
    else:
        missing = [k for k in ("--side", "--kind", "--place") if not fields[k]]
        if missing:
            raise click.UsageError("give a sentence, or at least " + ", ".join(missing))
        events = [_event_from_fields(side, kind, status, claimant, place, region, relation,
                                     date, source)]
    if dry_run:
        for e in events:
            click.echo(f"would store {e.id}  {_describe(e)}")
        click.echo("dry run: nothing stored", err=True)
        return
    with Store.open(store) as s:
        result = s.add(events, analyst=who)
    for e in events:
        state = ("stored" if e.id in result.new else
                 "known, source added" if e.id in result.merged else "already stored")
        click.echo(f"{state} {e.id}  {_describe(e)}")


def _resolve_place(place: str, region: str | None) -> "Place":
    """The best gazetteer match for ``place`` (in ``region``), or PlaceNotFound with suggestions."""
    from gazetteer import Gazetteer
    from gazetteer.errors import AmbiguousPlace, PlaceNotFound

    gz = Gazetteer.default()
    matches = gz.lookup(place, region=region, limit=10)
    if not matches:
        raise PlaceNotFound(place, gz.suggest(place),
                            hint=f"in {region}" if region else "add --region to narrow it")
    best = matches[0]
    if region is None:
        # an analyst's entry has no sentence to settle a homonym: never guess between
        # namesakes (Terny is in three oblasts), ask for the region instead
        namesakes = [x for x in matches[1:] if round(x.score) == round(best.score)
                     and x.place.kind == best.place.kind == "settlement"
                     and _km(x.place, best.place) > HOMONYM_KM]
        if namesakes:
            raise AmbiguousPlace(place, [best.place] + [x.place for x in namesakes])
    return best.place


def _km(a: "Place", b: "Place") -> float:
    from gazetteer.distance import haversine_km

    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _located(place: str, region: str | None, relation: str) -> dict[str, Any]:
    """Event fields for ``relation`` to a named place: where, how precise, which gazetteer entry."""
    from ..geometry import locate

    p = _resolve_place(place, region)
    loc = locate(p.lat, p.lon, relation, place_kind=p.kind, place_precision=p.precision,
                 radius_km=p.radius_km)
    return {"place": place, "place_id": p.id, "place_name": p.name, "admin1": p.admin1,
            "country": p.country, "lat": loc.lat, "lon": loc.lon, "precision": loc.precision,
            "uncertainty_km": loc.uncertainty_km}


def _event_from_fields(side: str, kind: str, status: str | None, claimant: str | None,
                       place: str, region: str | None, relation: str, date: str,
                       source: str) -> "Event":
    from ..event import Event

    if kind != "advance" and (status or claimant):
        raise click.UsageError("--status and --claimant apply to advances only")
    if kind == "advance":
        status = status or ("claimed" if claimant else "assessed")
    if claimant and status != "claimed":
        raise click.UsageError("--claimant goes with --status claimed")
    relation = relation.strip().lower()
    return Event(side=side, kind=kind, status=status, claimant=claimant, relation=relation,
                 event_date=date, report_date=date, source=source, date_precision="day",
                 **_located(place, region, relation))


# --- edit, retract, history ----------------------------------------------------------------
@click.command("edit")
@click.argument("event_id", metavar="ID")
@click.option("--place", help="Move the event to this place (through the gazetteer).")
@click.option("--region", help="Region of --place, to tell homonyms apart.")
@click.option("--relation", callback=relation_option,
              help="New relation to the place (in, near, north of, ...).")
@click.option("--lat", type=float, help="New latitude (with --lon).")
@click.option("--lon", type=float, help="New longitude (with --lat).")
@click.option("--side", type=click.Choice(SIDES))
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--date", "date", callback=iso_date, metavar="YYYY-MM-DD", help="New event date.")
@click.option("--reason", required=True, help="Why: kept in the event's history.")
@analyst_option
@store_option
def edit(event_id: str, place: str | None, region: str | None, relation: str | None,
         lat: float | None, lon: float | None, side: str | None, kind: str | None,
         status: str | None, date: str | None, reason: str, analyst: str | None, store: str) -> None:
    """Correct a stored event; its id stays and its history keeps the old values."""
    if place and (lat is not None or lon is not None):
        raise click.UsageError("give --place or --lat/--lon, not both")
    if (lat is None) != (lon is None):
        raise click.UsageError("--lat and --lon go together")
    if region and not place:
        raise click.UsageError("--region goes with --place")
    changes: dict[str, Any] = {}
    for name, value in (("side", side), ("kind", kind), ("status", status), ("event_date", date)):
        if value is not None:
            changes[name] = value
    if lat is not None:
        changes.update(lat=lat, lon=lon)
    if not changes and not place and not relation:
        raise click.UsageError("nothing to change: give --place, --lat/--lon, --relation, "
                               "--side, --kind, --status or --date")
    with open_existing(store) as s:
        before = s.get(event_id)
        if place or relation:
            rel = (relation or before.relation).strip().lower()
            changes.update(_located(place or before.place_name or before.place,
                                    region or (None if place else before.admin1), rel))
            changes["relation"] = rel
            if not place:
                changes["place"] = before.place
        after = s.edit(before.id, changes, reason=reason, analyst=analyst)
    diff = [f"{k} {getattr(before, k)} -> {getattr(after, k)}"
            for k in changes if getattr(before, k) != getattr(after, k)]
    if not diff:
        click.echo(f"{before.id} unchanged: it already has these values")
        return
    click.echo(f"edited {after.id}: " + "; ".join(diff))


@click.command("retract")
@click.argument("event_id", metavar="ID")
@click.option("--reason", required=True, help="Why: kept in the event's history.")
@analyst_option
@store_option
def retract(event_id: str, reason: str, analyst: str | None, store: str) -> None:
    """Retract a stored event: kept, with the reason, but hidden from lists and maps by default."""
    with open_existing(store) as s:
        e = s.retract(event_id, reason=reason, analyst=analyst)
    click.echo(f"retracted {e.id}  {_describe(e)}")
    click.echo("it stays in the store: `frontline list --include-retracted` shows it", err=True)


@click.command("history")
@click.argument("event_id", metavar="ID")
@store_option
def history(event_id: str, store: str) -> None:
    """Show every change made to an event: when (UTC), who, what, old -> new, why."""
    with open_existing(store, readonly=True) as s:
        e = s.get(event_id)
        rows = s.history(e.id)
    click.echo(f"{e.id}  {_describe(e)}" + ("  [retracted]" if e.retracted else ""))
    for h in rows:
        if h["action"] == "add":
            what = f"added from {h['new']}"
        else:
            what = f"{h['action']} {h['field']}: {h['old']} -> {h['new']}"
        why = f"  ({h['reason']})" if h["reason"] else ""
        click.echo(f"{h['at']}  {h['analyst']}  {what}{why}")


# --- list --------------------------------------------------------------------------------
@click.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "geojson", "csv"]), default="table",
              show_default=True)
@store_option
@filter_options
def list_(fmt: str, store: str, query: Any) -> None:
    """List stored events, oldest first (retracted ones only with --include-retracted)."""
    with open_existing(store, readonly=True) as s:
        events = s.query(query)
    if fmt != "table":
        from ..export import export_events

        export_events(events, sys.stdout, fmt=fmt)
        return
    if not events:
        click.echo("no stored events match", err=True)
        return
    # place as reported and place_name as placed, under the names `extract` uses
    head = ("id", "date", "side", "kind", "status", "claimant", "relation", "place", "place_name",
            "region", "lat", "lon", "precision", "review")
    rows = ((e.id + ("*" if e.retracted else ""), e.event_date, e.side, e.kind, e.status,
             e.claimant, e.relation, e.place, e.place_name, e.admin1, f"{e.lat:.4f}",
             f"{e.lon:.4f}", e.precision, e.review_state) for e in events)
    for line in table_lines(head, rows):
        click.echo(line)
    retracted = sum(e.retracted for e in events)
    note = f" ({retracted} retracted, marked *)" if retracted else ""
    click.echo(f"{len(events)} event{'s' if len(events) != 1 else ''}{note}", err=True)
