"""Export events for GIS tools, and import them back.

``export_events(events, "out.geojson")`` writes GeoJSON (RFC 7946), GeoJSON
Text Sequences, GeoPackage 1.3, CSV, KML or GeoParquet; the format follows the
extension unless ``fmt`` is given. ``areas=True`` adds each event's uncertainty
area as a polygon (see docs/export.md for where each format puts it).
``import_events("in.geojson")`` reads events back, equal to those exported.

Files are written to a temporary name beside the target and renamed into place,
so a failed export never leaves a half-written file or clobbers the old one.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import math
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator, Union

from ..errors import ExportError, InputError
from ..event import DATE_PRECISIONS, KINDS, PRECISIONS, STATUSES, Event
from ..geometry import on_globe
from ..store.base import add_sources
from . import csvfile, frames, geojson, kml
from .areas import Area, uncertainty_areas

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["FORMATS", "EXTENSIONS", "ExportResult", "export_events", "import_events",
           "format_for_path", "check_format", "uncertainty_areas"]

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("geojson", "geojsonseq", "gpkg", "csv", "kml", "parquet")
EXTENSIONS: dict[str, str] = {
    ".geojson": "geojson", ".json": "geojson",
    ".geojsonseq": "geojsonseq", ".geojsons": "geojsonseq", ".geojsonl": "geojsonseq",
    ".ndjson": "geojsonseq", ".jsonl": "geojsonseq",
    ".gpkg": "gpkg", ".csv": "csv", ".kml": "kml",
    ".parquet": "parquet", ".geoparquet": "parquet",
}
IMPORTABLE: tuple[str, ...] = ("geojson", "geojsonseq", "gpkg", "csv", "kml", "parquet")

_TEXT_WRITERS: dict[str, Callable[..., Iterator[str]]] = {
    "geojson": geojson.iter_geojson, "geojsonseq": geojson.iter_geojsonseq,
    "csv": csvfile.iter_csv, "kml": kml.iter_kml,
}
_FILE_WRITERS: dict[str, Callable[..., None]] = {"gpkg": frames.write_gpkg, "parquet": frames.write_parquet}

PathOrStream = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]


@dataclass(frozen=True)
class ExportResult:
    path: str        # the path written, or "-" for a stream
    format: str
    count: int       # events written (point features / rows)
    areas: int       # uncertainty areas written (0 without areas=True)
    bytes: int | None  # size of the file written; None for a stream


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for, by its extension."""
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted(EXTENSIONS))
    raise ExportError(f"cannot tell the format of {os.fspath(path)!r} from its extension "
                      f"(known: {known}); give --format {'|'.join(FORMATS)}")


def check_format(fmt: str, what: str = "export") -> str:
    """The canonical name of an export format given by name or extension; ExportError if unknown."""
    name = fmt.lower().lstrip(".")
    name = EXTENSIONS.get("." + name, name)
    if name not in FORMATS:
        known = FORMATS if what == "export" else IMPORTABLE
        raise ExportError(f"unknown {what} format {fmt!r}; use one of {', '.join(known)}")
    return name


def _as_events(events: "Iterable[Event] | gpd.GeoDataFrame") -> list[Event]:
    """Checked events, one per id: repeats merge their sources as a store would merge them,
    so every file has unique ids and nothing reported is lost."""
    if hasattr(events, "geometry") and hasattr(events, "columns"):
        from ..frame import from_geodataframe
        events = from_geodataframe(events)  # type: ignore[arg-type]
    merged: dict[str, Event] = {}
    for e in events:
        if not isinstance(e, Event):
            raise ExportError(f"can only export Event objects, not {type(e).__name__}")
        if not on_globe(e.lat, e.lon):
            raise ExportError(f"event {e.id} has no valid position (lat {e.lat}, lon {e.lon}); "
                              "edit or retract it before exporting")
        seen = merged.get(e.id)
        if seen is None:
            merged[e.id] = e
        else:
            merged[e.id] = add_sources(seen, e)
            log.info("event %s given more than once: exported once, with every source", e.id)
    return list(merged.values())


def export_events(events: "Iterable[Event] | gpd.GeoDataFrame", path_or_stream: PathOrStream,
                  fmt: str | None = None, areas: bool = False) -> ExportResult:
    """Write ``events`` to a file path or an open stream in ``fmt`` (default: by extension;
    GeoJSON for a stream). With ``areas``, add uncertainty areas as polygons."""
    is_stream = hasattr(path_or_stream, "write")
    if fmt is None:
        fmt = "geojson" if is_stream else format_for_path(path_or_stream)  # type: ignore[arg-type]
    fmt = check_format(fmt)
    evs = _as_events(events)
    area_map: dict[str, Area] | None = uncertainty_areas(evs) if areas else None
    n_areas = len(area_map) if area_map is not None else 0
    if is_stream:
        _to_stream(evs, path_or_stream, fmt, area_map)  # type: ignore[arg-type]
        log.info("exported %d events (%d areas) as %s to a stream", len(evs), n_areas, fmt)
        return ExportResult("-", fmt, len(evs), n_areas, None)
    path = Path(os.fspath(path_or_stream))  # type: ignore[arg-type]
    _to_path(evs, path, fmt, area_map)
    size = path.stat().st_size
    log.info("exported %d events (%d areas) as %s to %s (%d bytes)", len(evs), n_areas, fmt, path, size)
    return ExportResult(str(path), fmt, len(evs), n_areas, size)


def _to_stream(evs: list[Event], stream: IO[Any], fmt: str, area_map: dict[str, Area] | None) -> None:
    if fmt in _TEXT_WRITERS:
        text = isinstance(stream, io.TextIOBase) or (
            hasattr(stream, "encoding") and not isinstance(stream, (io.RawIOBase, io.BufferedIOBase)))
        # No BOM on a stream: it helps a spreadsheet open a file, but in a pipe it is noise.
        chunks = (csvfile.iter_csv(evs, area_map, bom=False) if fmt == "csv"
                  else _TEXT_WRITERS[fmt](evs, area_map))
        for chunk in chunks:
            stream.write(chunk if text else chunk.encode("utf-8"))
        stream.flush()
        return
    out = stream.buffer if isinstance(stream, io.TextIOBase) and hasattr(stream, "buffer") else stream
    if isinstance(out, io.TextIOBase):
        raise ExportError(f"{fmt} is a binary format: write it to a file or a binary stream")
    with tempfile.TemporaryDirectory(prefix="frontline-export-") as tmp:
        tmp_path = Path(tmp) / f"events.{fmt}"
        _write_file(evs, tmp_path, fmt, area_map)
        with open(tmp_path, "rb") as fh:
            shutil.copyfileobj(fh, out)
    out.flush()


def _to_path(evs: list[Event], path: Path, fmt: str, area_map: dict[str, Area] | None) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory; give a file name")
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise ExportError(f"cannot write {path}: {parent} {what}")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}", dir=parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt in _FILE_WRITERS:
            tmp.unlink()  # GDAL must create the GeoPackage itself: a NEW file, never an append
        _write_file(evs, tmp, fmt, area_map)
        if fmt == "csv":
            # The type sidecar GDAL and QGIS read beside a CSV; written first, so a CSV never lacks it.
            _replace_text(path.with_suffix(".csvt"), csvfile.csvt(area_map is not None))
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except Exception as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"could not write {fmt} to {path}: {exc}") from exc
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            if leftover.exists():
                leftover.unlink()


def _mode_for(path: Path) -> int:
    """Keep an overwritten file's mode; a new one gets the umask's (mkstemp would make it 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _replace_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _write_file(evs: list[Event], path: Path, fmt: str, area_map: dict[str, Area] | None) -> None:
    if fmt in _FILE_WRITERS:
        _FILE_WRITERS[fmt](evs, str(path), area_map)
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for chunk in _TEXT_WRITERS[fmt](evs, area_map):
            fh.write(chunk)


# --- import -------------------------------------------------------------------------------

def import_events(path: str | os.PathLike[str], fmt: str | None = None) -> list[Event]:
    """Events from a file written by ``export_events`` (GeoJSON, GeoJSONSeq, GeoPackage, CSV,
    KML, GeoParquet) or any GeoJSON whose features carry the schema's properties. ``"-"`` reads
    GeoJSON from standard input. Uncertainty areas in the file are skipped."""
    where = os.fspath(path)
    if where != "-":
        try:
            is_dir, is_file = Path(where).is_dir(), Path(where).is_file()
        except OSError as exc:  # a name too long, ...
            raise InputError(f"cannot import {where}: {exc.strerror or exc}") from None
        if not is_file:
            raise InputError(f"cannot import {where}: " + ("it is a directory; give an exported file"
                                                           if is_dir else "no such file"))
    fmt = check_format(fmt or ("geojson" if where == "-" else format_for_path(where)), "import")
    try:
        if fmt in ("geojson", "geojsonseq", "csv"):
            if where == "-":
                text = sys.stdin.read()
            else:
                # newline="": CSV cells may hold "\r" and "\r\n", which universal newlines would rewrite.
                with open(where, encoding="utf-8", newline="") as fh:
                    text = fh.read()
            if fmt == "csv":
                rows = csvfile.parse(text, where)
                events = [_event(lambda r=r: Event.from_properties(r), where, n)
                          for n, r in enumerate(rows, 1)]
            else:
                feats = geojson.parse(text, where)
                events = [_event(lambda f=f: Event.from_feature(f), where, n)
                          for n, f in enumerate(feats, 1)]
        elif fmt == "kml":
            if where == "-":
                data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
            else:
                with open(where, "rb") as fh:
                    data = fh.read()
            events = [_event(lambda r=r: Event.from_properties(r), where, n)
                      for n, r in enumerate(kml.parse(data, where), 1)]
        elif fmt == "gpkg":
            events = frames.read_gpkg(where)
        else:
            events = frames.read_parquet(where)
    except UnicodeDecodeError:
        raise InputError(f"cannot import {where}: it is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot import {where}: {exc.strerror or exc}") from None
    except (InputError, ExportError):
        raise
    except Exception as exc:  # GDAL/arrow errors on a damaged file: their first sentence
        reason = str(exc).strip().split("\n")[0].split("; ")[0].replace(f"'{where}' ", "")
        raise InputError(f"cannot import {where} as {fmt}: {reason or type(exc).__name__}") from None
    for n, e in enumerate(events, 1):
        _check(e, where, n)
    log.info("read %d events from %s", len(events), where)
    return events


def _event(build: Callable[[], Event], where: str, n: int) -> Event:
    try:
        return build()
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise InputError(f"{where}: feature {n}: {exc}") from None


def _check(e: Event, where: str, n: int) -> None:
    """Values a store could not use are refused here, with the feature's number."""
    problems = []
    if e.kind not in KINDS:
        problems.append(f"kind {e.kind!r} is not one of {', '.join(KINDS)}")
    if e.status is not None and e.status not in STATUSES:
        problems.append(f"status {e.status!r} is not one of {', '.join(STATUSES)}")
    if e.precision not in PRECISIONS:
        problems.append(f"precision {e.precision!r} is not one of {', '.join(PRECISIONS)}")
    if e.date_precision not in DATE_PRECISIONS:
        problems.append(f"date_precision {e.date_precision!r} is not one of {', '.join(DATE_PRECISIONS)}")
    if not on_globe(e.lat, e.lon):
        problems.append(f"position lat {e.lat}, lon {e.lon} is not on the globe")
    for name in ("event_date", "report_date"):
        try:
            dt.date.fromisoformat(getattr(e, name))
        except ValueError:
            problems.append(f"{name} {getattr(e, name)!r} is not a YYYY-MM-DD date")
    if not math.isfinite(e.uncertainty_km) or e.uncertainty_km < 0:
        problems.append(f"uncertainty_km {e.uncertainty_km} is not a distance")
    if problems:
        raise InputError(f"{where}: feature {n} (id {e.id}): " + "; ".join(problems))
