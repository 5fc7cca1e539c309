"""Where an event lies, given a place and how the report relates the event to it.

"near Toretsk" is not a pinpoint, "southeast of Selydove" is somewhere a few km
in that direction, "in the Pokrovsk direction" is an axis, "in Kursk Oblast" a
whole region. ``locate`` turns each into a point with a precision and an
uncertainty radius, so maps and exports can say honestly how precise it is.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# How far from the named place a compass relation puts the event, and how sure
# that is. Reports use "X of Y" for positions within a few km of Y; the point moves
# only ~3 km (its uncertainty circle still covers Y) so that it never lands nearer a
# neighbouring village than the place the report named.
OFFSET_KM = 2.0
OFFSET_UNCERTAINTY_KM = 5.0
NEAR_UNCERTAINTY_KM = 5.0
OUTSKIRTS_UNCERTAINTY_KM = 3.0
POINT_UNCERTAINTY_KM = 2.0
DIRECTION_UNCERTAINTY_KM = 20.0
HOST_SETTLEMENT_UNCERTAINTY_KM = 10.0
REGION_UNCERTAINTY_KM = 100.0
DISTRICT_UNCERTAINTY_KM = 40.0
HROMADA_UNCERTAINTY_KM = 20.0

_POINTS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
_COMPASS = re.compile(r"^(north|south|east|west)(?:[- ]?(north|south|east|west))?(?:[- ]?(east|west))?\s+of$")

POINT_RELATIONS = {"in", "into", "on", "at", "of"}
NEAR_RELATIONS = {"near", "around", "outskirts of", "vicinity of"}
DIRECTION_RELATIONS = {"direction", "toward", "towards", "to"}


def on_globe(lat: float, lon: float) -> bool:
    """True for a WGS 84 position in degrees (NaN and infinities fail the range test too)."""
    return -90 <= lat <= 90 and -180 <= lon <= 180


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    precision: str         # point | near | offset | direction | hromada | district | region
    uncertainty_km: float


@functools.lru_cache(maxsize=1)
def _wgs84():
    """The WGS-84 geodesic in km, as geopy's ``geodesic`` builds it (geopy computes with it).

    Called directly: importing geopy.distance pulls in geopy's geocoders and requests, some
    0.13 s the first time a report places an offset; lazy, since only offsets need it.
    """
    from geographiclib.geodesic import Geodesic
    return Geodesic(6378.137, 1 / 298.257223563), Geodesic.LATITUDE | Geodesic.LONGITUDE


def _destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    geod, mask = _wgs84()
    dest = geod.Direct(lat, lon, bearing, km, mask)
    return dest["lat2"], dest["lon2"]


def bearing_of(relation: str) -> float | None:
    """Compass bearing in degrees for 'north of', 'southeast of', 'west-northwest of'; else None."""
    m = _COMPASS.match(relation.strip().lower())
    if not m:
        return None
    words = [w for w in m.groups() if w]
    if len(words) == 1:
        return _POINTS[words[0]]
    if len(words) == 2:
        a, b = (_POINTS[w] for w in words)
        if {words[0], words[1]} <= {"north", "south"} or {words[0], words[1]} <= {"east", "west"}:
            return None  # "north-south of" is not a direction
        if words[0] == "north" and words[1] == "west":
            return 315.0
        return (a + b) / 2
    # three words: e.g. north-northeast -> between north and northeast
    first = _POINTS[words[0]]
    second = bearing_of(f"{words[1]}{words[2]} of")
    if second is None:
        return None
    if first == 0.0 and second > 180:
        first = 360.0
    return ((first + second) / 2) % 360


def locate(lat: float, lon: float, relation: str, *, place_kind: str = "settlement",
           place_precision: str = "point", radius_km: float | None = None) -> Location:
    """The event's point, precision and uncertainty for ``relation`` to a place at (lat, lon)."""
    relation = relation.strip().lower()
    if place_kind == "region" or place_precision == "region":
        return Location(lat, lon, "region", float(radius_km or REGION_UNCERTAINTY_KM))
    if place_kind == "district" or place_precision == "district":
        return Location(lat, lon, "district", float(radius_km or DISTRICT_UNCERTAINTY_KM))
    if place_precision == "hromada":
        # a village known only by its hromada: "east of" or "near" it cannot be told apart
        # within the uncertainty of the village itself
        return Location(lat, lon, "hromada", float(radius_km or HROMADA_UNCERTAINTY_KM))
    floor = HOST_SETTLEMENT_UNCERTAINTY_KM if place_precision == "host_settlement" else 0.0
    size = float(radius_km or POINT_UNCERTAINTY_KM)

    bearing = bearing_of(relation)
    if bearing is not None:
        dlat, dlon = _destination(lat, lon, bearing, OFFSET_KM + size / 2)
        return Location(round(dlat, 6), round(dlon, 6), "offset",
                        max(OFFSET_UNCERTAINTY_KM, floor))
    if relation in DIRECTION_RELATIONS:
        return Location(lat, lon, "direction", max(DIRECTION_UNCERTAINTY_KM, floor))
    if relation == "outskirts of":
        return Location(lat, lon, "near", max(OUTSKIRTS_UNCERTAINTY_KM + size / 2, floor))
    if relation in NEAR_RELATIONS:
        return Location(lat, lon, "near", max(NEAR_UNCERTAINTY_KM + size / 2, floor))
    # "in", "into", "at" and anything unknown: the place itself
    if floor:
        return Location(lat, lon, "near", floor)
    return Location(lat, lon, "point", size)
