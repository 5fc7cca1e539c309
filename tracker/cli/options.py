"""Option decorators and small helpers shared by several commands (as in fio and sqlite-utils)."""
from __future__ import annotations

import datetime as dt
import functools
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import click

from ..event import KINDS, REVIEW_STATES, SIDES, STATUSES
from ..geometry import DIRECTION_RELATIONS, NEAR_RELATIONS, POINT_RELATIONS, bearing_of, on_globe
from ..query import Query
from ..store.base import DEFAULT_STORE

if TYPE_CHECKING:
    from ..store import Store

store_option = click.option(
    "--store", "store", envvar="FRONTLINE_STORE", default=DEFAULT_STORE, show_default=True,
    help="GeoPackage path or postgresql:// URL (env FRONTLINE_STORE).")

analyst_option = click.option(
    "--analyst", envvar="FRONTLINE_ANALYST",
    help="Name kept in the history (default: env FRONTLINE_ANALYST, else the login name).")


def table_lines(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A header and rows as aligned text columns (two spaces apart; None shows as nothing)."""
    cells = [list(head)] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(head))]
    return ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]


def open_existing(location: str, *, readonly: bool = False) -> "Store":
    """Open a store that must already exist: reading or correcting never creates one.
    ``readonly`` for commands that only read, so a store on a read-only disk still opens."""
    from ..store import Store, check_location

    check_location(location, exists=True, readonly=readonly)
    return Store.open(location, readonly=readonly)


def check_output(output: str, store: str, *, example: str, verb: str) -> Path:
    """The -o FILE to write, checked before any work: InputError for an empty name, a
    directory, a missing or unwritable folder, or the store itself."""
    from ..errors import InputError
    from ..store import is_database_url

    if not output.strip():
        raise InputError(f"-o needs a file name, e.g. -o {example}")
    target = Path(output)
    try:
        if target.is_dir():
            raise InputError(f"{output} is a directory; give a file name such as {target / example}")
        parent = target.parent
        if not parent.is_dir():
            what = "is not a directory" if parent.exists() else "does not exist"
            raise InputError(f"cannot write {output}: {parent} {what}")
        if not os.access(parent, os.W_OK):
            raise InputError(f"cannot write {output}: directory {parent} is not writable")
        exists = target.exists()
    except OSError as exc:  # a name too long, a loop of links, ...
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    if exists and not is_database_url(store):
        try:
            same = os.path.samefile(target, store)
        except OSError:  # no store there (yet): nothing to overwrite
            same = False
        if same:
            raise InputError(f"refusing to {verb} over the store itself ({store}); "
                             "choose another -o FILE")
    return target


def iso_date(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> str | None:
    """Click callback: a YYYY-MM-DD date, checked, returned as an ISO string."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def relation(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> str | None:
    """Click callback: a relation the map can place ('in', 'near', 'north of', 'direction', ...)."""
    if value is None:
        return None
    rel = " ".join(str(value).split()).lower()
    if rel in POINT_RELATIONS | NEAR_RELATIONS | DIRECTION_RELATIONS or bearing_of(rel) is not None:
        return rel
    shown = rel if len(rel) <= 40 else rel[:40] + "..."
    raise click.BadParameter(f"{shown!r} is not a relation; use in, near, outskirts of, "
                             "north of (or another compass point), direction or toward")


def read_stdin() -> str:
    """A report or sentence piped in, decoded like a report file (UTF-8, UTF-16, cp1252, HTML)."""
    from ..extract.text import decode_bytes, html_to_text, looks_like_html, normalize_newlines

    stdin = sys.stdin
    raw = getattr(stdin, "buffer", None)
    # A text stream in place of stdin (an embedding program, a test) is taken as it reads.
    data = raw.read() if raw is not None else stdin.read().encode("utf-8", "surrogatepass")
    text = decode_bytes(data, "standard input")
    text = normalize_newlines(html_to_text(text) if looks_like_html(data) else text)
    if not text.strip():  # said as for an empty file, not as a report without a date
        from ..errors import InputError

        raise InputError("standard input: is empty; give a report with text in it")
    return text


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter("use MINLON,MINLAT,MAXLON,MAXLAT, e.g. 37,47.5,39,49") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise click.BadParameter("use MINLON,MINLAT,MAXLON,MAXLAT with min <= max, in degrees")
    return (x0, y0, x1, y1)


def _km(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a distance; give kilometres, e.g. 25")
    return value


def filter_options(f: Callable) -> Callable:
    """Add --since/--until/--side/--kind/--status/--near/--within/--bbox/--all, passed as ``query``."""
    opts = [
        click.option("--since", callback=iso_date, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=iso_date, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--side", "sides", multiple=True, type=click.Choice(SIDES), help="Repeatable."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Repeatable."),
        click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Repeatable."),
        click.option("--near", "near_place", metavar="PLACE", help="Only events near this place (with --within)."),
        click.option("--within", "within_km", type=click.FloatRange(min=0), default=None, callback=_km,
                     metavar="KM", help="Distance from --near in km (default 25)."),
        click.option("--bbox", callback=_bbox, metavar="MINLON,MINLAT,MAXLON,MAXLAT"),
        click.option("--include-retracted", is_flag=True, help="Also show retracted events."),
        click.option("--review-state", "review_states", multiple=True,
                     type=click.Choice(REVIEW_STATES),
                     help="Only events in this review state (repeatable; 'retracted' shows them)."),
        click.option("--unreviewed", is_flag=True, help="Only events no analyst has reviewed yet."),
    ]

    @functools.wraps(f)
    def wrapper(*args: Any, since, until, sides, kinds, statuses, near_place, within_km, bbox,
                include_retracted, review_states=(), unreviewed=False, **kwargs: Any):
        if since and until and since > until:
            raise click.BadParameter(f"--since {since} is after --until {until}")
        near = None
        if near_place is not None and not near_place.strip():
            raise click.BadParameter("--near needs a place name or LAT,LON")
        if near_place:
            near = resolve_point(near_place)
            within_km = 25.0 if within_km is None else within_km
        elif within_km is not None:
            raise click.UsageError("--within needs --near PLACE")
        kwargs["query"] = Query(since=since, until=until, sides=tuple(sides), kinds=tuple(kinds),
                                statuses=tuple(statuses), bbox=bbox, near=near, within_km=within_km,
                                include_retracted=include_retracted,
                                review_states=tuple(dict.fromkeys(
                                    tuple(review_states) + (("unreviewed",) if unreviewed else ()))))
        return f(*args, **kwargs)

    for opt in reversed(opts):
        wrapper = opt(wrapper)
    return wrapper


def resolve_point(text: str) -> tuple[float, float]:
    """A place name or 'LAT,LON' -> (lat, lon), through the gazetteer."""
    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if on_globe(lat, lon):
                return lat, lon
            from ..errors import InputError

            raise InputError(f"--near {text.strip()}: LAT,LON needs latitude -90..90 and "
                             "longitude -180..180")
    from gazetteer import Gazetteer

    place = Gazetteer.default().resolve(text).place
    return place.lat, place.lon
