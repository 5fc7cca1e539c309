"""Uncertainty areas: a geodesic circle of ``uncertainty_km`` around each event's point.

"near Toretsk" is a disc a few km wide, not a pinpoint; a region-level event
("in Kursk Oblast") is a disc of its region's uncertainty. Circles are built
on the WGS 84 ellipsoid (pyproj.Geod), so they are true circles on the ground
at any latitude, and wound counterclockwise as RFC 7946 asks of exteriors.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from ..event import Event

# 32 sides keep every edge within 0.5 % of the radius (500 m on a 100 km region circle), far
# inside the uncertainty itself, at half the size and time of 64.
VERTICES = 32
# Below 10 m a circle drawn with 6-decimal coordinates (~0.1 m) degenerates: such events are points.
MIN_RADIUS_KM = 0.01
log = logging.getLogger(__name__)
_DECIMALS = 6

# The properties an area carries: enough to style and filter it, and ``id`` to join it to its
# point (which has them all). Copying every field, quote included, would double the file.
AREA_FIELDS: tuple[str, ...] = ("id", "side", "kind", "status", "place", "precision",
                                "uncertainty_km", "event_date", "date_precision", "retracted")


@dataclass(frozen=True, eq=False)
class Area:
    """One event's area: closed exterior rings as (k, 2) lon/lat arrays (more than one only when
    split at the antimeridian)."""
    rings: tuple[Any, ...]

    def geojson(self) -> dict[str, Any]:
        if len(self.rings) == 1:
            return {"type": "Polygon", "coordinates": [self.rings[0].tolist()]}
        return {"type": "MultiPolygon", "coordinates": [[r.tolist()] for r in self.rings]}

    def wkt(self) -> str:
        def ring(r):
            return "(" + ", ".join(f"{x!r} {y!r}" for x, y in r.tolist()) + ")"
        if len(self.rings) == 1:
            return "POLYGON (" + ring(self.rings[0]) + ")"
        return "MULTIPOLYGON (" + ", ".join("(" + ring(r) + ")" for r in self.rings) + ")"

    def shape(self):
        import shapely
        polys = [shapely.Polygon(r) for r in self.rings]
        return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def uncertainty_areas(events: Iterable[Event], vertices: int = VERTICES) -> dict[str, Area]:
    """Event id -> its area; events with less than 10 m of uncertainty have none: they are points."""
    import numpy as np
    from pyproj import Geod

    events = [e for e in events if e.uncertainty_km >= MIN_RADIUS_KM]
    if not events:
        return {}
    geod = Geod(ellps="WGS84")
    n = len(events)
    # Decreasing azimuths walk the circle counterclockwise (azimuth is clockwise from north).
    az = np.linspace(360.0, 0.0, vertices, endpoint=False)
    lon0 = np.repeat(np.array([e.lon for e in events], float), vertices)
    lat0 = np.repeat(np.array([e.lat for e in events], float), vertices)
    dist = np.repeat(np.array([e.uncertainty_km * 1000.0 for e in events], float), vertices)
    lons, lats, _ = geod.fwd(lon0, lat0, np.tile(az, n), dist)
    lons = np.round(lons.reshape(n, vertices), _DECIMALS)
    lats = np.round(np.clip(lats, -90.0, 90.0).reshape(n, vertices), _DECIMALS)
    # Closed rings for all events at once: (n, vertices + 1, 2).
    rings = np.stack([lons, lats], axis=-1)
    rings = np.concatenate([rings, rings[:, :1]], axis=1)
    # A ring crosses the 180th meridian where consecutive vertices jump by more than 180 degrees:
    # twice for a circle straddling it, once for a circle around a pole.
    jumps = (np.abs(np.diff(rings[:, :, 0], axis=1)) > 180.0).sum(axis=1)
    out: dict[str, Area] = {}
    for i, e in enumerate(events):
        try:
            if jumps[i] == 0:
                out[e.id] = Area((rings[i],))
            elif jumps[i] % 2:
                out[e.id] = _polar_cap(lons[i], lats[i], e.lat > 0)
            else:
                out[e.id] = _split_antimeridian(lons[i], lats[i])
        except Exception as exc:  # a degenerate circle must not stop the export of the rest
            log.warning("no uncertainty area for event %s (%s km at %s, %s): %s",
                        e.id, e.uncertainty_km, e.lat, e.lon, exc)
    return out


def _polar_cap(lons, lats, north: bool) -> Area:
    """A circle around a pole: its edge from -180 to 180 degrees, closed along the pole's line."""
    import numpy as np

    order = np.argsort(lons)
    lon_s, lat_s = lons[order], lats[order]
    # The edge's latitude at +-180, interpolated across the meridian between the outermost vertices.
    span = (lon_s[0] + 360.0) - lon_s[-1]
    t = (180.0 - lon_s[-1]) / span if span else 0.5
    lat_edge = round(float(lat_s[-1] + t * (lat_s[0] - lat_s[-1])), _DECIMALS)
    edge = [(-180.0, lat_edge)] + list(zip(lon_s.tolist(), lat_s.tolist())) + [(180.0, lat_edge)]
    pole = 90.0 if north else -90.0
    if not north:
        edge = edge[::-1]  # walking west along the edge keeps a southern cap on the left
    ring = edge + [(edge[-1][0], pole), (edge[0][0], pole), edge[0]]
    return Area((np.array(ring, dtype=float),))


def _split_antimeridian(lons, lats) -> Area:
    """RFC 7946 (3.1.9): a shape crossing 180 degrees is cut in two rather than wrapped."""
    import numpy as np
    import shapely
    from shapely.affinity import translate
    from shapely.geometry.polygon import orient

    unwrapped = np.where(lons < 0, lons + 360.0, lons)
    poly = shapely.Polygon(list(zip(unwrapped, lats)))
    east = shapely.box(-180.0, -90.0, 180.0, 90.0).intersection(poly)
    west = translate(shapely.box(180.0, -90.0, 540.0, 90.0).intersection(poly), -360.0)
    rings = []
    for part in (east, west):
        for p in getattr(part, "geoms", [part]):
            if p.is_empty or p.geom_type != "Polygon":
                continue
            p = orient(p, 1.0)
            rings.append(np.round(np.asarray(p.exterior.coords)[:, :2], _DECIMALS))
    return Area(tuple(rings))
