"""Filters shared by ``list``, ``map`` and ``export``, and the stores that apply them."""
from __future__ import annotations

import math
from dataclasses import dataclass

from gazetteer.distance import haversine_km

from .event import Event


@dataclass(frozen=True)
class Query:
    since: str | None = None          # ISO date, inclusive
    until: str | None = None          # ISO date, inclusive
    sides: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    near: tuple[float, float] | None = None                # (lat, lon)
    within_km: float | None = None
    include_retracted: bool = False
    review_states: tuple[str, ...] = ()   # unreviewed, accepted, corrected, retracted

    def matches(self, e: Event) -> bool:
        """The same filter in Python, for in-memory events; stores translate it to SQL."""
        if e.retracted and not self.shows_retracted:
            return False
        if self.review_states and e.review_state not in self.review_states:
            return False
        if self.since and e.event_date < self.since:
            return False
        if self.until and e.event_date > self.until:
            return False
        if self.sides and e.side not in self.sides:
            return False
        if self.kinds and e.kind not in self.kinds:
            return False
        if self.statuses and (e.status or "") not in self.statuses:
            return False
        if self.bbox:
            x0, y0, x1, y1 = self.bbox
            if not (x0 <= e.lon <= x1 and y0 <= e.lat <= y1):
                return False
        if self.near is not None and self.within_km is not None:
            if haversine_km(self.near[0], self.near[1], e.lat, e.lon) > self.within_km:
                return False
        return True

    @property
    def shows_retracted(self) -> bool:
        """Retracted events are shown when asked for, or when their review state is."""
        return self.include_retracted or "retracted" in self.review_states

    def search_bbox(self) -> tuple[float, float, float, float] | None:
        """The bbox a spatial index should scan: the given bbox, or one around ``near``."""
        boxes = []
        if self.bbox:
            boxes.append(self.bbox)
        if self.near is not None and self.within_km is not None:
            lat, lon = self.near
            dlat = self.within_km / 111.0
            dlon = self.within_km / max(1e-6, 111.320 * math.cos(math.radians(lat)))
            boxes.append((lon - dlon, lat - dlat, lon + dlon, lat + dlat))
        if not boxes:
            return None
        return (max(b[0] for b in boxes), max(b[1] for b in boxes),
                min(b[2] for b in boxes), min(b[3] for b in boxes))
