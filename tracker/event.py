"""The event schema: defined once here, used by extraction, the stores, export and maps.

An event is one reported fact about ground forces at a place on a date: an
advance, an attack or a deployment. Besides where and when, it keeps how sure
the report is (``status``/``claimant``), how precise the place is
(``precision``/``uncertainty_km``) and the sentence it came from (``quote``
with its character span in the input).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from collections.abc import Iterator
from typing import Any, Iterable, Mapping

SIDES = ("ukraine", "russia", "north_korea", "belarus")
# One colour per side for every output that draws (maps, KML): Ukraine blue, Russia red,
# North Korea purple, Belarus orange (distinct from Russia's red though they fight together).
SIDE_COLOURS: dict[str, str] = {
    "ukraine": "#1f5fbf",
    "russia": "#d0231f",
    "north_korea": "#7b2fa0",
    "belarus": "#e07800",
}
OTHER_COLOUR = "#555555"
KINDS = ("advance", "attack", "deployment")
STATUSES = ("confirmed", "assessed", "claimed")
# hromada: a village known only by its hromada (the KATOTTG settlement layer), somewhere within
# uncertainty_km of the point; district: a whole raion or Russian district
PRECISIONS = ("point", "near", "offset", "direction", "hromada", "district", "region")
DATE_PRECISIONS = ("day", "recent", "before")
# What a person made of an extracted or logged event (``frontline serve``): not yet looked at,
# accepted as extracted, corrected (some field changed by an analyst), or retracted.
REVIEW_STATES = ("unreviewed", "accepted", "corrected", "retracted")


@dataclass(frozen=True)
class Field:
    name: str
    type: type  # str, float, int or bool: what GeoPackage, CSV and GeoJSON columns hold
    doc: str
    required: bool = False


# The one list of event properties, in the order every output uses.
# Geometry is a Point(lon, lat) built from ``lon``/``lat`` in tracker.frame.
FIELDS: tuple[Field, ...] = (
    Field("id", str, "stable id: a hash of side, kind, place, relation, date, status and claimant", True),
    Field("side", str, "the force's nationality, lowercase: ukraine, russia, north_korea, belarus, ...", True),
    Field("actor", str, "the force as written in the report, e.g. 'Ukrainian forces'"),
    Field("kind", str, "advance | attack | deployment", True),
    Field("status", str, "advances only: confirmed (footage) | assessed (the report's own view) | claimed"),
    Field("claimant", str, "who makes a claimed advance (a ministry, milbloggers, ...)"),
    Field("place", str, "the place as written in the report", True),
    Field("place_id", str, "gazetteer id, e.g. geonames:713174, katottg:UA14160270050047478, region:UA-14, tg:baranovsky"),
    Field("place_name", str, "the place's name in the gazetteer"),
    Field("admin1", str, "first-level region of the place, e.g. Donetsk Oblast"),
    Field("country", str, "ISO 3166-1 alpha-2 code of the place's country"),
    Field("relation", str, "in, near, into, east of, ..., direction, toward", True),
    Field("precision", str, "point | near | offset | direction | hromada (village placed by its hromada) | district | region", True),
    Field("uncertainty_km", float, "radius in km within which the event most likely lies", True),
    Field("lat", float, "latitude of the event point (WGS 84)", True),
    Field("lon", float, "longitude of the event point (WGS 84)", True),
    Field("event_date", str, "ISO date of the event", True),
    Field("date_precision", str, "day (stated) | recent (report says 'recently') | before (no better than the report date)", True),
    Field("report_date", str, "ISO date of the report the event came from", True),
    Field("source", str, "where the event came from: a file path or URL", True),
    Field("quote", str, "the sentence the event came from"),
    Field("quote_start", int, "character offset of the quote in the input text"),
    Field("quote_end", int, "character offset just past the quote in the input text"),
    Field("place_note", str, "why the place is uncertain, when the gazetteer could not settle it"),
    Field("sources", str, "JSON list of every source that reported this event (stores merge duplicates)"),
    Field("retracted", bool, "true once an analyst retracted the event (kept, hidden by default)"),
    Field("review_state", str, "unreviewed | accepted | corrected | retracted: what an analyst made of the event"),
    Field("reviewed_by", str, "the analyst who last accepted, corrected or retracted the event"),
    Field("reviewed_at", str, "when (UTC, ISO 8601) the event was last reviewed"),
    Field("version", int, "row version, raised by every change: two analysts editing one event conflict instead of overwriting"),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
FIELD_TYPES: dict[str, type] = {f.name: f.type for f in FIELDS}


def event_id(side: str, kind: str, place_key: str, relation: str, event_date: str,
             status: str | None, claimant: str | None) -> str:
    """The stable id of an event: the same fact always gets the same id.

    Status and claimant are part of the identity because a claim and a
    confirmation of the same advance are different facts an analyst must keep
    apart; two reports of the same fact share one id and so merge in a store.
    """
    key = "|".join([side, kind, place_key.casefold(), relation, event_date,
                    status or "", (claimant or "").casefold()])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


_FEATURE_KEYS = ("type", "id", "geometry", "properties")


@dataclass(frozen=True)
class Event(Mapping):
    """One event. Read-only, and at the same time a GeoJSON Feature: ``event["properties"]``,
    ``dict(event)`` and ``event.__geo_interface__`` give the Feature of ``to_feature()``, so
    the events of ``extract_events`` can go straight to ``json.dumps`` (via ``dict``),
    ``shapely.geometry.shape`` or ``GeoDataFrame.from_features``; attributes
    (``event.side``) give the values themselves.
    """
    side: str
    kind: str
    place: str
    relation: str
    lat: float
    lon: float
    event_date: str
    report_date: str
    source: str
    actor: str = ""
    status: str | None = None
    claimant: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str = "point"
    uncertainty_km: float = 0.0
    date_precision: str = "day"
    quote: str = ""
    quote_start: int | None = None
    quote_end: int | None = None
    place_note: str | None = None
    sources: tuple[str, ...] = ()
    retracted: bool = False
    review_state: str = "unreviewed"
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    version: int = 0
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", event_id(
                self.side, self.kind, self.place_id or self.place, self.relation,
                self.event_date, self.status, self.claimant))
        if not self.sources:
            object.__setattr__(self, "sources", (self.source,))
        if self.retracted and self.review_state == "unreviewed":
            # a store or file from before review states: retracted is the state
            object.__setattr__(self, "review_state", "retracted")

    def replace(self, **changes: Any) -> "Event":
        """A copy with ``changes``; the id stays unless ``id`` is given."""
        return dataclasses.replace(self, **changes)

    def properties(self) -> dict[str, Any]:
        """Flat properties in schema order, as stored and exported (``sources`` as JSON text)."""
        out: dict[str, Any] = {}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            if name == "sources":
                value = json.dumps(list(value), ensure_ascii=False)
            out[name] = value
        return out

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature (RFC 7946: lon, lat order; ``sources`` as a real list)."""
        props = self.properties()
        props["sources"] = list(self.sources)
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": props,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return self.to_feature()

    def __getitem__(self, key: str) -> Any:
        if key not in _FEATURE_KEYS:
            raise KeyError(key)
        return self.to_feature()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_FEATURE_KEYS)

    def __len__(self) -> int:
        return len(_FEATURE_KEYS)

    @classmethod
    def from_properties(cls, props: Mapping[str, Any]) -> "Event":
        """Build an event from flat properties (a store row, a GeoJSON feature, a CSV row)."""
        kwargs: dict[str, Any] = {}
        for f in FIELDS:
            if f.name not in props:
                continue
            value = props[f.name]
            if value is None or (isinstance(value, float) and value != value):  # None or NaN
                continue
            if f.name == "sources":
                if isinstance(value, str):
                    value = json.loads(value) if value.strip().startswith("[") else [value]
                value = tuple(value)
            elif f.type is float:
                value = float(value)
            elif f.type is int:
                value = int(value)
            elif f.type is bool:
                value = value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
            else:
                value = str(value)
            kwargs[f.name] = value
        missing = [n for n in ("side", "kind", "place", "relation", "lat", "lon", "event_date",
                               "report_date", "source") if n not in kwargs]
        if missing:
            raise ValueError("event lacks " + ", ".join(missing))
        return cls(**kwargs)

    @classmethod
    def from_feature(cls, feature: Mapping[str, Any]) -> "Event":
        props = dict(feature.get("properties") or {})
        geom = feature.get("geometry") or {}
        if geom.get("type") == "Point" and "lat" not in props:
            props["lon"], props["lat"] = geom["coordinates"][:2]
        if "id" not in props and feature.get("id") is not None:
            props["id"] = feature["id"]
        return cls.from_properties(props)


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [e.to_feature() for e in events]}
