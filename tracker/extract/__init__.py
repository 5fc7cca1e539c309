"""Report text -> dated, geocoded events (advances, attacks, deployments).

``extract_events`` reads text; ``extract_file`` reads a file (plain text or
saved HTML); ``extract_mentions`` stops before the gazetteer (the language
side only, useful to test and to score).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
from typing import Any

from ..errors import ExtractionError, InputError
from ..event import Event
from . import deps as DEPS
from . import names as N
from .dates import date_from_filename, find_report_date
from .mentions import Mention, SentenceParser, may_parse
from .text import read_report, split_sentences

__all__ = ["extract_events", "extract_file", "extract_mentions", "explain_events", "read_report", "Mention",
           "report_date_of"]

log = logging.getLogger(__name__)
_UPPER = re.compile(r"[A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄҐ]")


def _check_date(report_date: str | None, text: str) -> dt.date:
    if report_date is None:
        report_date = find_report_date(text)
        if report_date is None:
            raise ExtractionError(
                "no report date: none given and none found in the first lines of the text "
                "(like 'October 24, 2024'); pass report_date='YYYY-MM-DD' (CLI: --report-date)")
    try:
        return dt.date.fromisoformat(str(report_date).strip())
    except ValueError:
        raise InputError(f"report date {report_date!r} is not a date; use YYYY-MM-DD") from None


def extract_mentions(text: str, report_date: str | None = None) -> list[Mention]:
    """Event mentions with places as written, in text order (no gazetteer)."""
    if not isinstance(text, str):
        raise InputError("report text must be a str; decode bytes first or use extract_file()")
    rd = _check_date(report_date, text)
    parser = SentenceParser(rd)
    out: list[Mention] = []
    sents = split_sentences(text)
    # the sentences the parser will likely parse, parsed ahead in one batch (~2.5x faster per sentence);
    # one it parses unforeseen is parsed alone
    ahead = (s.text for s in sents if len(s.text) >= 12 and _UPPER.search(s.text, 1) and may_parse(s.text)) \
        if DEPS.enabled() else ()
    with DEPS.prefetched(ahead):
        for sent in sents:
            if len(sent.text) < 12 or not (_UPPER.search(sent.text, 1) or
                                           (parser.last_place and N.has_anaphor(sent.text))):
                continue  # no proper name and no "the town" after one: no place, skip cheaply
            out.extend(parser.parse(sent))
    return out


def extract_events(text: str, report_date: str | None = None, source: str | None = None,
                   gazetteer: Any = None, skipped: dict[str, str] | None = None) -> list[Event]:
    """Events in report ``text``: one per side, kind, place, relation, date, status and claimant.

    ``report_date`` is ISO (YYYY-MM-DD); when None it is read from the text's
    first lines, else ``ExtractionError``. ``quote_start``/``quote_end`` index
    ``text`` as given. Places the gazetteer could not settle are named in one logged
    warning; given a dict as ``skipped``, they go there instead ({place: why}), for a
    caller that reports them itself.
    """
    return [ev for ev, _ in explain_events(text, report_date, source, gazetteer, skipped)]


def skipped_message(skipped: dict[str, str]) -> str:
    """The places left out and why, in one line, with the cure when the gazetteer lacks them."""
    # villages under 500 people are not in the default gazetteer: say which names and the cure
    hint = (" (villages: `frontline gazetteer import` a GeoNames country dump, or "
            "`frontline gazetteer add`)" if any("gazetteer" in why for why in skipped.values())
            else "")
    return "; ".join(f"{p}: {why}" for p, why in skipped.items()) + hint


def explain_events(text: str, report_date: str | None = None, source: str | None = None,
                   gazetteer: Any = None,
                   skipped: dict[str, str] | None = None) -> list[tuple[Event, str]]:
    """``extract_events`` with, for each event, why it was made: the rule's trigger, or the
    parse's cue word, dependency path and claimant (``Mention.why``)."""
    from .resolve import Resolver

    if not isinstance(text, str):
        raise InputError("report text must be a str; decode bytes first or use extract_file()")
    rd = _check_date(report_date, text)
    mentions = extract_mentions(text, rd.isoformat())
    resolver = Resolver(gazetteer)
    events: list[tuple[Event, str]] = []
    seen: set[str] = set()
    for m in mentions:
        ev = resolver.event(m, text, rd.isoformat(), source or "<text>")
        if ev is None or ev.id in seen:
            continue
        seen.add(ev.id)
        events.append((ev, m.why))
    events = _without_containers(events)
    if skipped is not None:
        skipped.update(resolver.skipped)
    elif resolver.skipped:
        # an analyst must know what the map lacks
        log.warning("%s: events left out at %d place(s) the gazetteer could not settle: %s",
                    source or "text", len(resolver.skipped), skipped_message(resolver.skipped))
    return events


def _without_containers(events: list[tuple[Event, str]]) -> list[tuple[Event, str]]:
    """Drop a district event when the same sentence puts the same event at a place inside it:
    in "advanced in Glushkovo district near Tyotkino" the district only says where Tyotkino is."""
    from gazetteer.distance import haversine_km

    def inside(e: Event, area: Event) -> bool:
        return (e is not area and e.quote_start == area.quote_start and e.side == area.side
                and e.kind == area.kind and e.precision not in ("district", "region")
                and haversine_km(e.lat, e.lon, area.lat, area.lon) <= area.uncertainty_km + 10)
    areas = [e for e, _ in events if e.precision == "district"]
    return [(e, why) for e, why in events if not any(inside(o, e) for o, _ in events if e in areas)]


def report_date_of(text: str, path: str | os.PathLike | None = None,
                   report_date: str | None = None) -> str:
    """The report date: given, else in the text's first lines, else YYYY-MM-DD in the file name."""
    if report_date:
        return _check_date(report_date, text).isoformat()
    found = find_report_date(text) or (date_from_filename(path) if path is not None else None)
    if not found:
        where = f"{os.fspath(path)}: " if path is not None else ""
        raise ExtractionError(
            f"{where}no report date found in the first lines (like 'October 24, 2024') "
            "or in the file name (YYYY-MM-DD); give --report-date YYYY-MM-DD")
    return found


def extract_file(path: str | os.PathLike, report_date: str | None = None,
                 source: str | None = None, gazetteer: Any = None, explain: bool = False) -> list:
    """Events in a report file (text or saved HTML); ``source`` defaults to the path as given.

    With ``explain``, (event, why) pairs as ``explain_events`` gives them.
    """
    text = read_report(path)
    rd = report_date_of(text, path, report_date)
    run = explain_events if explain else extract_events
    return run(text, rd, source if source is not None else os.fspath(path), gazetteer)
