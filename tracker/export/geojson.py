"""GeoJSON (RFC 7946) and GeoJSON Text Sequences (RFC 8142): written and read with the stdlib.

No GDAL here on purpose: a FeatureCollection is plain JSON, and writing it
ourselves keeps the member order, the id and the lon/lat rounding exactly as
documented in docs/export.md.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Iterable, Iterator, Mapping

from ..event import Event
from .areas import AREA_FIELDS, Area

log = logging.getLogger(__name__)

# 6 decimals is ~0.1 m: far finer than any report, and what RFC 7946 (11.2) suggests.
COORD_DECIMALS = 6
RS = "\x1e"  # RFC 8142 record separator


def round_coord(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def event_properties(e: Event) -> dict[str, Any]:
    """The properties of an exported feature: schema order, ``sources`` a list, lat/lon rounded
    like the geometry so the two never disagree."""
    props = e.properties()
    props["sources"] = list(e.sources)
    props["lat"] = round_coord(e.lat)
    props["lon"] = round_coord(e.lon)
    return props


def point_feature(e: Event, role: bool = False) -> dict[str, Any]:
    props = event_properties(e)
    if role:
        props["geometry_role"] = "point"
    return {"type": "Feature", "id": e.id,
            "geometry": {"type": "Point", "coordinates": [props["lon"], props["lat"]]},
            "properties": props}


def area_feature(e: Event, area: Area) -> dict[str, Any]:
    props: dict[str, Any] = {name: getattr(e, name) for name in AREA_FIELDS}
    props["geometry_role"] = "area"
    return {"type": "Feature", "id": f"{e.id}:area", "geometry": area.geojson(),
            "properties": props}


def features(events: Iterable[Event], areas: Mapping[str, Area] | None) -> Iterator[dict[str, Any]]:
    """Point features first, then (with ``areas``) one polygon per event that has an area."""
    events = list(events)
    with_role = areas is not None
    for e in events:
        yield point_feature(e, with_role)
    if areas is not None:
        for e in events:
            area = areas.get(e.id)
            if area is not None:
                yield area_feature(e, area)


def _dump(obj: Any) -> str:
    # allow_nan=False: NaN is not JSON, and a GIS reader would reject the whole file.
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def iter_geojson(events: Iterable[Event], areas: Mapping[str, Area] | None = None) -> Iterator[str]:
    """Chunks of one FeatureCollection, one feature per line (diffable, streamable)."""
    yield '{"type":"FeatureCollection","features":['
    first = True
    for feat in features(events, areas):
        yield ("\n" if first else ",\n") + _dump(feat)
        first = False
    yield "\n]}\n"


def iter_geojsonseq(events: Iterable[Event], areas: Mapping[str, Area] | None = None) -> Iterator[str]:
    """RFC 8142: each feature preceded by a record separator and ended by a newline."""
    for feat in features(events, areas):
        yield RS + _dump(feat) + "\n"


def parse(text: str, where: str) -> list[dict[str, Any]]:
    """Features from GeoJSON or GeoJSON Text Sequence text (areas left out)."""
    from ..errors import InputError

    stripped = text.lstrip("\ufeff \t\r\n")
    feats: list[dict[str, Any]] = []
    if stripped.startswith(RS) or _looks_like_sequence(stripped):
        # Split on RS and "\n" only: str.splitlines() would also cut at U+2028 and U+0085,
        # which JSON leaves raw inside strings.
        for n, line in enumerate(stripped.replace(RS, "\n").split("\n"), 1):
            if not line.strip():
                continue
            try:
                feats.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: record {n} is not JSON ({exc.msg})") from None
    else:
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
            feats = doc.get("features") or []
        elif isinstance(doc, dict) and doc.get("type") == "Feature":
            feats = [doc]
        else:
            raise InputError(f"{where} is not a GeoJSON FeatureCollection or Feature")
    for n, feat in enumerate(feats, 1):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise InputError(f"{where}: item {n} is not a GeoJSON Feature")
    return [f for f in feats if (f.get("properties") or {}).get("geometry_role") != "area"]


def _looks_like_sequence(text: str) -> bool:
    # Newline-delimited features (GDAL's GeoJSONSeq writes no RS): the first line is a whole object.
    first, _, rest = text.partition("\n")  # JSON text never holds a raw newline
    if not rest.strip():
        return False
    try:
        obj = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and obj.get("type") == "Feature"
