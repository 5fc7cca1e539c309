"""The JSON Schema of an exported GeoJSON feature, generated from tracker.event.FIELDS.

docs/event-schema.json is this module's output (``python -m tracker.export.schema``);
a test compares the two, so the documented schema cannot drift from the code.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..event import DATE_PRECISIONS, FIELDS, KINDS, PRECISIONS, STATUSES, Event
from .areas import AREA_FIELDS

_JSON_TYPES = {str: "string", float: "number", int: "integer", bool: "boolean"}
_ENUMS: dict[str, tuple[str, ...]] = {
    "kind": KINDS, "status": STATUSES, "precision": PRECISIONS, "date_precision": DATE_PRECISIONS,
}
_DATES = ("event_date", "report_date")


def _nullable() -> set[str]:
    """Fields an event may leave empty: those whose default is None."""
    return {f.name for f in dataclasses.fields(Event)
            if f.default is None and f.default_factory is dataclasses.MISSING}


def _property(f, nullable: bool) -> dict[str, Any]:
    if f.name == "sources":
        # Stored as JSON text; in GeoJSON it is a real list.
        return {"description": "every source that reported this event (stores merge duplicates)",
                "type": "array", "items": {"type": "string"}, "minItems": 1}
    prop: dict[str, Any] = {"description": f.doc}
    jtype = _JSON_TYPES[f.type]
    prop["type"] = [jtype, "null"] if nullable else jtype
    if f.name in _ENUMS:
        prop["enum"] = list(_ENUMS[f.name]) + ([None] if nullable else [])
    if f.name in _DATES:
        prop["format"] = "date"
    if f.name == "lat":
        prop.update(minimum=-90, maximum=90)
    if f.name == "lon":
        prop.update(minimum=-180, maximum=180)
    if f.name == "uncertainty_km":
        prop["minimum"] = 0
    return prop


def event_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the ``properties`` of one exported GeoJSON feature."""
    nullable = _nullable()
    props = {f.name: _property(f, f.name in nullable) for f in FIELDS}
    props["geometry_role"] = {
        "description": "only with --areas: 'point' for the event's point, 'area' for its uncertainty "
                       "polygon (a geodesic circle of uncertainty_km around the point; an area "
                       "carries only " + ", ".join(AREA_FIELDS) + ", joined to its point by id)",
        "enum": ["point", "area"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "frontline-tracker event (GeoJSON feature properties)",
        "description": "Properties of each Feature in a frontline GeoJSON export, in this order. "
                       "Generated from tracker.event.FIELDS by `python -m tracker.export.schema`.",
        "type": "object",
        "properties": props,
        # A point carries every field (null when empty); an area only those to style and join by.
        "if": {"properties": {"geometry_role": {"const": "area"}}, "required": ["geometry_role"]},
        "then": {"required": list(AREA_FIELDS) + ["geometry_role"]},
        "else": {"required": [f.name for f in FIELDS]},
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(event_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
