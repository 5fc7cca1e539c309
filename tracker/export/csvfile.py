"""CSV for spreadsheets and GDAL: every schema column, then ``WKT`` (and ``area_wkt``).

A UTF-8 byte order mark makes spreadsheets read place names with diacritics
correctly; GDAL and Python's csv ("utf-8-sig") skip it. Only files get one: on
a stream (standard output, a pipe) it would be a stray character for the reader. GDAL takes a column
named ``WKT`` as the geometry, and a ``.csvt`` sidecar (written next to a file
path) tells GDAL and QGIS each column's type.
"""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Iterator, Mapping

from ..errors import InputError
from ..event import FIELDS, FIELD_NAMES, Event
from .areas import Area
from .geojson import round_coord

BOM = "\ufeff"
# A cell starting with one of these runs as a formula in a spreadsheet: report
# text is outside input, so such cells get a leading apostrophe (OWASP's advice)
# that the importer takes off again. Excel and LibreOffice hide that apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Columns an event cannot be read without (the rest have defaults).
REQUIRED_COLUMNS = ("side", "kind", "place", "relation", "lat", "lon", "event_date",
                    "report_date", "source")
_CSVT = {str: "String", float: "Real", int: "Integer", bool: "Integer(Boolean)"}


def columns(areas: bool) -> list[str]:
    return list(FIELD_NAMES) + ["WKT"] + (["area_wkt"] if areas else [])


def csvt(areas: bool) -> str:
    """The GDAL/QGIS column-type sidecar for a CSV written with ``columns(areas)``."""
    types = [_CSVT[f.type] for f in FIELDS] + ["WKT"] + (["String"] if areas else [])
    return ",".join(f'"{t}"' for t in types) + "\n"


def _cell(value: Any, ftype: type) -> str:
    if value is None:
        return ""
    if ftype is bool:
        return "true" if value else "false"
    if ftype is float:
        return repr(float(value))
    if ftype is int:
        return str(int(value))
    text = str(value)
    # A leading apostrophe of the text itself is doubled, so reading back is exact.
    return "'" + text if text.startswith(_FORMULA_START + ("'",)) else text


def iter_csv(events: Iterable[Event], areas: Mapping[str, Area] | None = None,
             bom: bool = True) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(columns(areas is not None))
    yield (BOM if bom else "") + buf.getvalue()
    types = [f.type for f in FIELDS]
    for e in events:
        buf.seek(0)
        buf.truncate()
        props = e.properties()
        props["lat"], props["lon"] = round_coord(e.lat), round_coord(e.lon)
        row = [_cell(props[name], t) for name, t in zip(FIELD_NAMES, types)]
        row.append(f"POINT ({props['lon']!r} {props['lat']!r})")
        if areas is not None:
            area = areas.get(e.id)
            row.append(area.wkt() if area else "")
        writer.writerow(row)
        yield buf.getvalue()


def parse(text: str, where: str = "CSV") -> list[dict[str, Any]]:
    """Rows as flat properties for ``Event.from_properties`` (empty cells are absent values)."""
    reader = csv.DictReader(io.StringIO(text.lstrip(BOM)))
    missing = [n for n in REQUIRED_COLUMNS if n not in (reader.fieldnames or ())]
    if missing:
        raise InputError(f"{where}: not a CSV export of events (no {', '.join(missing)} "
                         "column); export one with `frontline export -o FILE.csv`")
    rows = []
    for raw in reader:
        row: dict[str, Any] = {}
        for name in FIELD_NAMES:
            value = raw.get(name)
            if value is None or value == "":
                continue
            if value.startswith("'") and value[1:].startswith(_FORMULA_START + ("'",)):
                value = value[1:]
            row[name] = value
        rows.append(row)
    return rows
