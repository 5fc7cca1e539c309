"""What the review pages do, without the web: read an upload, extract in the background,
resolve a corrected place, make an event from selected words, and write the labels.

Kept apart from Flask so the CLI (``frontline review export-labels``) and the tests use
the same code; the extraction is ``tracker.extract_events``, as ``frontline ingest`` runs it.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..errors import FrontlineError, InputError
from ..event import KINDS, REVIEW_STATES, SIDES, STATUSES, Event
from ..store.base import Report, Store, check_report

log = logging.getLogger(__name__)

# An estimate for the progress bar: characters of report text extracted per second once the
# parser is loaded, measured on the development machine (the 10,680-character ISW report of
# 2024-10-24 in 0.1 s), kept low so the bar rarely runs ahead.
EXTRACT_CHARS_PER_S = 40_000
WARMUP_S = 3.0  # the first extraction of a process loads spaCy and the gazetteer


# --- reading what was pasted or uploaded --------------------------------------------------
def report_text(pasted: str | None, upload: bytes | None, filename: str | None) -> tuple[str, str]:
    """(text, name) from pasted text or an uploaded file (plain text or saved HTML), decoded
    and cleaned as ``frontline ingest`` reads a report file; InputError for a bad one."""
    from ..extract.text import decode_bytes, html_to_text, looks_like_html, normalize_newlines

    if upload:
        name = filename or "upload"
        text = decode_bytes(upload, name)
        if looks_like_html(upload, name):
            text = html_to_text(text)
    elif pasted and pasted.strip():
        name, text = "pasted text", pasted
        if looks_like_html(pasted.encode("utf-8", "surrogatepass")[:2048]):
            text = html_to_text(pasted)
    else:
        raise InputError("nothing to ingest: paste the report's text or choose a file")
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: is empty; give a report with text in it")
    if "\x00" in text:
        raise InputError(f"{name}: has a NUL character; give a plain-text or HTML report")
    return text, name


def report_for(text: str, name: str, source: str | None, report_date: str | None,
               filename: str | None = None) -> Report:
    """The Report to store: its date given, else found in the text or the file name."""
    from ..extract import report_date_of

    rd = report_date_of(text, filename, report_date or None)
    src = (source or "").strip() or (filename or "").strip() or f"pasted {rd}"
    rep = Report(Report.make_id(src, rd, text), src, rd, text)
    check_report(rep)
    return rep


# --- extraction in the background -----------------------------------------------------------
@dataclass
class Job:
    id: str
    chars: int
    started: float = field(default_factory=time.monotonic)
    stage: str = "queued"       # queued, extracting, storing, done, failed
    report_id: str | None = None
    error: str | None = None
    summary: str = ""
    skipped: dict[str, str] = field(default_factory=dict)
    estimate_s: float = 1.0
    finished: float | None = None

    def status(self) -> dict[str, Any]:
        elapsed = (self.finished or time.monotonic()) - self.started
        if self.stage == "done":
            fraction = 1.0
        elif self.stage == "failed":
            fraction = 0.0
        else:
            fraction = min(0.95, elapsed / max(self.estimate_s, 0.1))
        return {"id": self.id, "stage": self.stage, "report_id": self.report_id,
                "error": self.error, "summary": self.summary, "chars": self.chars,
                "elapsed_s": round(elapsed, 1), "estimate_s": round(self.estimate_s, 1),
                "fraction": round(fraction, 3), "skipped": self.skipped}


class Jobs:
    """Extraction jobs run one at a time in a worker thread (the parser is not re-entrant and
    the machine has few cores); each stores its report and events in one transaction."""

    def __init__(self, open_store: Callable[[], Store]):
        self._open_store = open_store
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._warm = False

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def start(self, report: Report, analyst: str) -> Job:
        job = Job(uuid.uuid4().hex[:12], len(report.text))
        job.estimate_s = len(report.text) / EXTRACT_CHARS_PER_S + (0 if self._warm else WARMUP_S)
        with self._lock:
            self._jobs[job.id] = job
            if len(self._jobs) > 200:  # keep the newest
                for old in list(self._jobs)[:-200]:
                    self._jobs.pop(old, None)
        threading.Thread(target=self._run, args=(job, report, analyst), daemon=True,
                         name=f"extract-{job.id}").start()
        return job

    def run_now(self, report: Report, analyst: str) -> Job:
        """The same work in the calling thread (tests, the bench)."""
        job = Job(uuid.uuid4().hex[:12], len(report.text))
        self._jobs[job.id] = job
        self._run(job, report, analyst)
        return job

    def _run(self, job: Job, report: Report, analyst: str) -> None:
        from ..extract import extract_events, skipped_message

        with self._run_lock:
            job.started = time.monotonic()
            job.stage = "extracting"
            try:
                skipped: dict[str, str] = {}
                events = extract_events(report.text, report.report_date, report.source,
                                        skipped=skipped)
                self._warm = True
                job.skipped = skipped
                job.stage = "storing"
                store = self._open_store()
                try:
                    stored, result = store.add_report(report, events, analyst=analyst)
                finally:
                    store.close()
                job.report_id = stored.id
                job.summary = (f"{len(events)} event{'s' if len(events) != 1 else ''} found: "
                               + result.summary()) if events else "no events found in this report"
                if skipped:
                    job.summary += "; left out (place not settled): " + skipped_message(skipped)
                job.stage = "done"
            except FrontlineError as exc:
                job.error, job.stage = str(exc), "failed"
            except Exception as exc:  # a bug: say so in one line, keep the server up
                log.exception("extraction job %s failed", job.id)
                job.error, job.stage = f"internal error: {type(exc).__name__}: {exc}", "failed"
            finally:
                job.finished = time.monotonic()


# --- events as the page sees them ------------------------------------------------------------
def event_json(e: Event) -> dict[str, Any]:
    out = e.properties()
    out["sources"] = list(e.sources)
    return out


def history_json(rows: Iterable[dict]) -> list[dict]:
    return [dict(r) for r in rows]


def place_json(p: Any, distance_km: float | None = None, reason: str = "") -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "kind": p.kind, "admin1": p.admin1, "country": p.country,
            "lat": p.lat, "lon": p.lon, "precision": p.precision, "population": p.population,
            "distance_km": None if distance_km is None else round(distance_km, 1),
            "reason": reason}


def search_places(query: str, near: tuple[float, float] | None, limit: int = 12) -> list[dict]:
    """Gazetteer candidates for a name, homonyms included, with their oblast and the distance
    from ``near`` (the event's current point)."""
    from gazetteer import Gazetteer
    from gazetteer.distance import haversine_km

    query = (query or "").strip()
    if not query:
        return []
    matches = Gazetteer.default().lookup(query, near=near, limit=limit)
    out = []
    for m in matches:
        d = m.distance_km
        if d is None and near is not None:
            d = haversine_km(near[0], near[1], m.place.lat, m.place.lon)
        out.append(place_json(m.place, d, m.reason))
    return out


def nearest_place(lat: float, lon: float) -> dict | None:
    from gazetteer import Gazetteer
    from gazetteer.distance import haversine_km

    p = Gazetteer.default().nearest(lat, lon, max_km=25.0)
    return None if p is None else place_json(p, haversine_km(lat, lon, p.lat, p.lon))


def place_changes(e_relation: str, place_id: str | None = None, lat: float | None = None,
                  lon: float | None = None, uncertainty_km: float | None = None,
                  place_text: str | None = None) -> dict[str, Any]:
    """Event fields for a corrected place: a gazetteer entry (its point, precision and
    uncertainty follow the relation, as ``frontline edit --place``), or a raw point clicked on
    the map (precision point, the uncertainty given)."""
    from ..geometry import locate

    if place_id:
        from gazetteer import Gazetteer

        try:
            p = Gazetteer.default().get(place_id)
        except (KeyError, LookupError, FrontlineError):
            raise InputError(f"no place with id {place_id!r} in the gazetteer") from None
        loc = locate(p.lat, p.lon, e_relation, place_kind=p.kind, place_precision=p.precision,
                     radius_km=p.radius_km)
        out = {"place_id": p.id, "place_name": p.name, "admin1": p.admin1, "country": p.country,
               "lat": loc.lat, "lon": loc.lon, "precision": loc.precision,
               "uncertainty_km": loc.uncertainty_km}
        if place_text:
            out["place"] = place_text
        return out
    if lat is None or lon is None:
        raise InputError("give a place from the search, or a point on the map")
    try:
        lat, lon = float(lat), float(lon)
        unc = float(uncertainty_km if uncertainty_km is not None else 1.0)
    except (TypeError, ValueError):
        raise InputError("the point needs numbers: lat, lon and an uncertainty in km") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"the point {lat}, {lon} is not on the globe")
    if not (0 <= unc <= 500):
        raise InputError("the uncertainty is between 0 and 500 km")
    from gazetteer import Gazetteer

    near = Gazetteer.default().nearest(lat, lon, max_km=60.0)
    out = {"lat": round(lat, 5), "lon": round(lon, 5), "precision": "point",
           "uncertainty_km": unc, "place_id": None,
           "place_name": None, "admin1": near.admin1 if near else None,
           "country": near.country if near else None,
           "place_note": "placed by an analyst on the map"}
    if place_text:
        out["place"] = place_text
    return out


FIELD_CHOICES = {"side": SIDES, "kind": KINDS, "status": STATUSES}


def field_changes(data: dict[str, Any]) -> dict[str, Any]:
    """The side/kind/status/claimant/date/relation part of a correction, checked."""
    from ..cli.options import relation as check_relation

    out: dict[str, Any] = {}
    for name in ("side", "kind", "status"):
        if name in data:
            value = data[name] or None
            if value is not None and value not in FIELD_CHOICES[name]:
                raise InputError(f"{name} must be one of {', '.join(FIELD_CHOICES[name])}")
            out[name] = value
    if "claimant" in data:
        out["claimant"] = (data["claimant"] or "").strip() or None
    if data.get("event_date"):
        out["event_date"] = str(data["event_date"]).strip()
    if data.get("relation"):
        import click

        try:
            out["relation"] = check_relation(None, None, data["relation"])
        except click.BadParameter as exc:
            raise InputError(exc.format_message()) from None
    if out.get("kind") and out["kind"] != "advance":
        out["status"], out["claimant"] = None, None
    elif out.get("kind") == "advance" and "status" in out and not out["status"]:
        out["status"] = "claimed" if out.get("claimant") else "assessed"
    if out.get("claimant") and out.get("status") not in (None, "claimed"):
        raise InputError("a claimant goes with status claimed")
    return out


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) holding ``text[start:end]``: a logged event's quote is a
    whole sentence, like an extracted one's."""
    from ..extract.text import split_sentences

    covering = [s for s in split_sentences(text) if s.end > start and s.start < end]
    if not covering:
        return start, end
    return min(s.start for s in covering), max(s.end for s in covering)


def missed_event(report: Report, data: dict[str, Any]) -> Event:
    """An event an analyst makes from selected words of the report."""
    try:
        start, end = int(data["start"]), int(data["end"])
    except (KeyError, TypeError, ValueError):
        raise InputError("select words in the report text first") from None
    if not (0 <= start < end <= len(report.text)):
        raise InputError("the selection is outside the report's text")
    q0, q1 = sentence_span(report.text, start, end)
    fields = field_changes(data)
    for name in ("side", "kind"):
        if not fields.get(name):
            raise InputError(f"choose the {name} of the event")
    relation = fields.pop("relation", None) or "near"
    place_text = (data.get("place") or "").strip() or report.text[start:end].strip()
    placed = place_changes(relation, data.get("place_id"), data.get("lat"), data.get("lon"),
                           data.get("uncertainty_km"), place_text)
    if fields["kind"] == "advance" and not fields.get("status"):
        fields["status"] = "claimed" if fields.get("claimant") else "assessed"
    event_date = fields.pop("event_date", None) or report.report_date
    return Event(**fields, relation=relation, **placed, event_date=event_date,
                 report_date=report.report_date, source=report.source, actor="",
                 date_precision="day" if event_date != report.report_date else "before",
                 quote=report.text[q0:q1], quote_start=q0, quote_end=q1,
                 review_state="corrected")


# --- labels out --------------------------------------------------------------------------------
LABEL_STATES = ("accepted", "corrected")


def label_items(store: Store) -> list[dict[str, Any]]:
    """Reviewed events as evaluation items in the format of the shared dev set
    (``dev-sentences.jsonl``): one item per quoted sentence holding accepted or corrected
    events, with every such event of that sentence; the text is the sentence as reported."""
    from ..query import Query

    events = store.query(Query(review_states=LABEL_STATES))
    items: dict[tuple, dict[str, Any]] = {}
    for e in events:
        if not e.quote:
            continue
        key = (e.report_date, e.quote)
        item = items.get(key)
        if item is None:
            item = items[key] = {"id": "", "report_date": e.report_date, "text": e.quote,
                                 "events": [], "sources": []}
        if e.source not in item["sources"]:
            item["sources"].append(e.source)
        region = e.precision == "region"
        gid = e.place_id.split(":", 1)[1] if (e.place_id or "").startswith("geonames:") else None
        item["events"].append({
            "side": e.side, "kind": e.kind, "status": e.status, "claimant": e.claimant,
            "place": e.place, "relation": e.relation,
            "gold_name": e.admin1 if region else (e.place_name or e.place),
            "geonameid": int(gid) if gid and gid.isdigit() and not region else None,
            "lat": e.lat, "lon": e.lon, "admin1": e.admin1, "region_level": region,
            "place_id": e.place_id, "review_state": e.review_state,
            "reviewed_by": e.reviewed_by, "event_id": e.id,
        })
    out = sorted(items.values(), key=lambda i: (i["report_date"], i["text"]))
    for n, item in enumerate(out, 1):
        item["id"] = f"r{n:04d}"
    return out


def write_labels(store: Store, stream) -> int:
    items = label_items(store)
    for item in items:
        stream.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def today() -> str:
    return dt.date.today().isoformat()


__all__ = ["Jobs", "report_text", "report_for", "search_places", "nearest_place", "place_changes",
           "field_changes", "missed_event", "label_items", "write_labels", "REVIEW_STATES"]
