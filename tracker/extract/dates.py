"""Dates in reports: the report's own date, and event dates relative to it."""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .triggers import Trig

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_FULL_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")

# A date phrase inside a sentence: "on October 23", "October 23", "on Tuesday", "23 October"
EVENT_DATE = re.compile(
    rf"\b(?:on|from|since|as of)?\s*(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>(?:19|20)\d\d))?)\b"
    r"|\bon\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<rel>yesterday|today|last night|overnight)\b")
RECENT = re.compile(r"\b(?:recently|in recent days|in the past (?:day|few days|week)|over the past (?:day|few days|week))\b",
                    re.IGNORECASE)


def _mk(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:4] if name.lower().startswith("sept") else name.lower().rstrip(".")[:3]]


def find_report_date(text: str, lines: int = 25) -> str | None:
    """The first full date in the first non-blank lines of a report ("October 24, 2024"), ISO, or None.

    Saved web pages start with menus, so a few dozen lines are searched, not just the first.
    """
    head_lines = []
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            head_lines.append(line)
            if len(head_lines) >= lines:
                break
    head = "\n".join(head_lines)
    for m in _FULL_DATE.finditer(head):
        if m.group("iso"):
            try:
                return dt.date.fromisoformat(m.group("iso")).isoformat()
            except ValueError:
                continue
        if m.group("m1"):
            d = _mk(int(m.group("y1")), _month(m.group("m1")), int(m.group("d1")))
        else:
            d = _mk(int(m.group("y2")), _month(m.group("m2")), int(m.group("d2")))
        if d:
            return d.isoformat()
    return None


def date_from_filename(path: str | os.PathLike) -> str | None:
    """A YYYY-MM-DD (or YYYYMMDD) date in a file name, ISO, or None."""
    name = os.path.basename(os.fspath(path))
    for m in _NAME_DATE.finditer(name):
        d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d.isoformat()
    return None


def resolve_day(month: int, day: int, report: dt.date, year: int | None = None) -> dt.date | None:
    """A month/day without a year is the latest such day not long after the report date.

    A report of January 2 speaking of "December 30" means the previous year.
    """
    if year:
        return _mk(year, month, day)
    d = _mk(report.year, month, day)
    if d is None:
        return _mk(report.year - 1, month, day)
    if d > report + dt.timedelta(days=7):
        return _mk(report.year - 1, month, day) or d
    return d


def date_of_match(m: re.Match, report: dt.date) -> dt.date | None:
    if m.group("wd"):
        back = (report.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        return report - dt.timedelta(days=back)
    if m.group("rel"):
        return report - dt.timedelta(days=0 if m.group("rel").lower() == "today" else 1)
    if m.group("m1"):
        y = m.group("y1")
        return resolve_day(_month(m.group("m1")), int(m.group("d1")), report, int(y) if y else None)
    y = m.group("y2")
    return resolve_day(_month(m.group("m2")), int(m.group("d2")), report, int(y) if y else None)


# "in May 2023", "by October 2024", "in early 2023": a past month or year an event is dated by
# ("since October 2024" starts a period that runs to the report, so it dates nothing).
MONTH_YEAR = re.compile(
    rf"(?<![\w-])(?:[Ii]n|[Bb]y|[Dd]uring)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:(?P<m>{_MONTH})\s+)?(?P<y>(?:19|20)\d\d)(?![\w-])")
_MONTH_YEAR_AFTER = re.compile(r"\s+" + MONTH_YEAR.pattern[len("(?<![\\w-])"):])


def month_year_date(m: re.Match, report: dt.date) -> dt.date | None:
    """The last day of the month (or year) a MONTH_YEAR match names; None when it is after the report.

    The event happened no later than that day; a month still running at the report date is
    bounded by the report date itself.
    """
    year = int(m.group("y"))
    if m.group("m"):
        month = _month(m.group("m"))
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        first = dt.date(year, month, 1)
    else:
        last, first = dt.date(year, 12, 31), dt.date(year, 1, 1)
    if first > report:
        return None
    return min(last, report)


def month_year_after(s: str, pos: int, report: dt.date) -> dt.date | None:
    """The date of a month/year phrase right after ``pos`` ("Avdiivka in February 2024"), else None."""
    m = _MONTH_YEAR_AFTER.match(s, pos)
    return month_year_date(m, report) if m else None


def without_month_years(gap: str) -> str:
    """``gap`` with its month/year phrases blanked: "Bakhmut in May 2023 and Avdiivka" lists two places."""
    return MONTH_YEAR.sub(lambda m: " " * len(m.group(0)), gap)


# trigger_date: words just before a date tell whether the event fell on that day or before it
_SAID_END = re.compile(r"(?:said|claimed|announced|reported|stated)\s*$")
_FOOTAGE_END = re.compile(r"(?:footage|video|images|imagery|photos?|published|posted|released|from)\s*$", re.I)
_FOOTAGE_WORDS_END = re.compile(r"(?:footage|video|images|photos?)\s+(?:\w+\s+){0,2}$", re.I)
_STATED_END = re.compile(r"(?:said|claimed|announced|reported|stated|wrote|noted)\s*$", re.I)


def trigger_date(s: str, t: Trig, cs: int, ce: int, nxt: int | None, report_date: dt.date) -> tuple[str, str]:
    """(ISO date, precision) of the event a trigger states in clause cs..ce; ``nxt``: where the next trigger starts."""
    rd = report_date
    nxt = len(s) if nxt is None else nxt
    best = None
    for m in EVENT_DATE.finditer(s, cs, ce):
        if not m.group(0).strip():
            continue
        best = m
        if m.start() > t.start:
            break
    if best is None:  # "captured Bakhmut in May 2023": no later than the month's last day
        # after the verb up to the next one, or opening the clause ("In May 2023, ...")
        my = MONTH_YEAR.search(s, t.start, min(ce, nxt)) or MONTH_YEAR.match(s, cs + len(s[cs:]) - len(s[cs:].lstrip()))
        d = month_year_date(my, rd) if my else None
        if d is not None:
            return d.isoformat(), "before"
    if best is None and RECENT.search(s, cs, ce):
        return rd.isoformat(), "recent"
    if best is None:
        ms = [m for m in EVENT_DATE.finditer(s) if m.group(0).strip()]
        if len(ms) == 1 and not _SAID_END.search(s[max(0, ms[0].start() - 30):ms[0].start()]):
            best = ms[0]
    if best is not None:
        d = date_of_match(best, rd)
        if d is not None and d <= rd + dt.timedelta(days=1):
            before = s[max(0, best.start() - 40):best.start()]
            if _FOOTAGE_END.search(before) \
                    or _FOOTAGE_WORDS_END.search(before):
                return d.isoformat(), "before"
            if _STATED_END.search(before):
                return d.isoformat(), "before"  # the day of the statement bounds the event
            return d.isoformat(), "day"
    if RECENT.search(s, cs, ce) or RECENT.search(s):
        return rd.isoformat(), "recent"
    return rd.isoformat(), "before"
