"""KML 2.2 for Google Earth and GIS: named placemarks styled per side, with the quote and a
source link in the description, every schema field as typed ExtendedData, and the
event date as a TimeStamp (Google Earth's time slider).

All report text is escaped twice over: as HTML inside the description, then as
XML text. Characters XML 1.0 forbids are dropped so the file always parses.
"""
from __future__ import annotations

import html
import re
from typing import Iterable, Iterator, Mapping
from xml.sax.saxutils import escape, quoteattr

from ..event import FIELDS, OTHER_COLOUR, SIDE_COLOURS, Event
from .areas import AREA_FIELDS, Area
from .geojson import round_coord


def _kml_colour(hex_rgb: str) -> str:
    """'#rrggbb' as KML's opaque aabbggrr."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"ff{b}{g}{r}"


# the maps' colours, so a side looks the same in Google Earth as in the HTML map
SIDE_COLORS = {side: _kml_colour(c) for side, c in SIDE_COLOURS.items()}
OTHER_COLOR = _kml_colour(OTHER_COLOUR)

_KML_TYPES = {str: "string", float: "double", int: "int", bool: "bool"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def _text(value: object) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _style_id(side: str) -> str:
    return "side-" + (_SAFE_ID.sub("_", side) if side in SIDE_COLORS else "other")


def placemark_name(e: Event) -> str:
    """e.g. 'Ukraine advance near Toretsk, 2024-10-23'."""
    side = e.side.replace("_", " ").title()
    what = e.kind + (f" ({e.status})" if e.status else "")
    return f"{side} {what} {e.relation} {e.place}, {e.event_date}"


def description_html(e: Event) -> str:
    """The balloon: quote, where it came from (linked only when http/https), how precise."""
    parts = []
    if e.quote:
        parts.append(f"<p><i>{html.escape(e.quote)}</i></p>")
    links = []
    for src in e.sources or (e.source,):
        if re.match(r"https?://", src, re.I):
            links.append(f'<a href="{html.escape(src, quote=True)}">{html.escape(src)}</a>')
        else:
            links.append(html.escape(src))
    parts.append("<p>Source: " + "<br/>".join(links) + "</p>")
    parts.append(f"<p>Precision: {html.escape(e.precision)}, within about "
                 f"{e.uncertainty_km:g} km. Reported {html.escape(e.report_date)}.</p>")
    if e.place_note:
        parts.append(f"<p>{html.escape(e.place_note)}</p>")
    return "".join(parts)


def _styles(sides: set[str]) -> str:
    out = []
    for side in sorted({s if s in SIDE_COLORS else "other" for s in sides} | {"other"}):
        color = SIDE_COLORS.get(side, OTHER_COLOR)
        # Areas: the side's colour, mostly transparent, so points under them stay visible.
        fill = "40" + color[2:]
        out.append(f'<Style id="{_style_id(side)}"><IconStyle><color>{color}</color><scale>0.9</scale>'
                   f'</IconStyle><LineStyle><color>{color}</color><width>1.5</width></LineStyle>'
                   f'<PolyStyle><color>{fill}</color></PolyStyle></Style>')
    return "\n".join(out)


def _schema() -> str:
    fields = "".join(f'<SimpleField name="{f.name}" type="{_KML_TYPES[f.type]}"/>' for f in FIELDS)
    return f'<Schema name="events" id="events">{fields}</Schema>'


def _extended(e: Event, only: tuple[str, ...] | None = None) -> str:
    out = ['<ExtendedData><SchemaData schemaUrl="#events">']
    props = e.properties()
    props["lat"], props["lon"] = round_coord(e.lat), round_coord(e.lon)
    for f in FIELDS:
        if only is not None and f.name not in only:
            continue
        value = props[f.name]
        if value is None:
            continue
        if f.type is bool:
            value = "1" if value else "0"
        elif f.type is float:
            value = repr(float(value))
        out.append(f'<SimpleData name="{f.name}">{_text(value)}</SimpleData>')
    out.append("</SchemaData></ExtendedData>")
    return "".join(out)


def _placemark(e: Event, geometry: str, area: bool = False) -> str:
    pid = quoteattr("event-" + _SAFE_ID.sub("_", e.id) + ("-area" if area else ""))
    # An area's balloon would repeat its point's; it carries only the fields to style and join by.
    desc = "" if area else f"<description>{_text(description_html(e))}</description>"
    return (f"<Placemark id={pid}><name>{_text(placemark_name(e))}</name>{desc}"
            f"<TimeStamp><when>{_text(e.event_date)}</when></TimeStamp>"
            f"<styleUrl>#{_style_id(e.side)}</styleUrl>{_extended(e, AREA_FIELDS if area else None)}"
            f"{geometry}</Placemark>\n")


def iter_kml(events: Iterable[Event], areas: Mapping[str, Area] | None = None) -> Iterator[str]:
    events = list(events)
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
           "<Document><name>frontline events</name>\n")
    yield _styles({e.side for e in events}) + "\n" + _schema() + "\n"
    yield "<Folder><name>events</name>\n"
    for e in events:
        lon, lat = round_coord(e.lon), round_coord(e.lat)
        yield _placemark(e, f"<Point><coordinates>{lon!r},{lat!r}</coordinates></Point>")
    yield "</Folder>\n"
    if areas is not None:
        yield "<Folder><name>uncertainty areas</name>\n"
        for e in events:
            area = areas.get(e.id)
            if area is None:
                continue
            polys = "".join(
                "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
                + " ".join(f"{x!r},{y!r}" for x, y in ring)
                + "</coordinates></LinearRing></outerBoundaryIs></Polygon>" for ring in area.rings)
            geom = polys if len(area.rings) == 1 else f"<MultiGeometry>{polys}</MultiGeometry>"
            yield _placemark(e, geom, area=True)
        yield "</Folder>\n"
    yield "</Document>\n</kml>\n"


# --- reading back -------------------------------------------------------------------------
_NS = "{http://www.opengis.net/kml/2.2}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _point_lonlat(mark) -> tuple[float, float] | None:
    """The Placemark's own Point (not a polygon's ring): lon, lat."""
    for el in mark.iter():
        if _local(el.tag) == "Point":
            for c in el.iter():
                if _local(c.tag) == "coordinates" and c.text and c.text.strip():
                    lon, lat = c.text.strip().split()[0].split(",")[:2]
                    return float(lon), float(lat)
    return None


def parse(data: bytes, where: str) -> list[dict]:
    """Flat event properties from the point placemarks of a KML file (areas left out).

    Every schema field comes back from the typed ExtendedData this module writes (or from
    Google Earth's <Data><value>); what XML cannot hold never made it into the file
    (control characters; a carriage return reads back as a newline). A placemark without
    event fields, as other tools write them, is refused by the importer with what it lacks.
    """
    import xml.etree.ElementTree as ET

    from ..errors import InputError

    try:
        # expat resolves no external entities and refuses entity expansion bombs
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{where} is not KML (XML error: {exc})") from None
    if _local(root.tag) != "kml":
        raise InputError(f"{where} is not KML (its root element is <{_local(root.tag)}>)")
    rows = []
    for mark in root.iter():
        if _local(mark.tag) != "Placemark":
            continue
        xy = _point_lonlat(mark)
        if xy is None:  # an uncertainty area (polygon) or a placemark with no point
            continue
        props: dict = {}
        for el in mark.iter():
            name = _local(el.tag)
            if name == "SimpleData" and el.get("name"):
                props[el.get("name")] = el.text or ""
            elif name == "Data" and el.get("name"):
                value = next((v.text for v in el if _local(v.tag) == "value"), None)
                props[el.get("name")] = value or ""
        props = {k: v for k, v in props.items() if v != ""}
        props.setdefault("lon", xy[0])
        props.setdefault("lat", xy[1])
        rows.append(props)
    return rows
