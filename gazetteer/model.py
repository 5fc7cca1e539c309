"""The gazetteer's answers: a ``Place`` and a ranked ``Match``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Place:
    """One place: a settlement, a region or a training ground, in WGS 84 (lat, lon)."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int | None = None
    variants: tuple[str, ...] = ()
    source: str = ""
    precision: str = "point"
    radius_km: float | None = None
    host: str | None = None  # training grounds: the settlement they are placed at or named after

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["variants"] = list(self.variants)
        return out


@dataclass(frozen=True)
class Match:
    """A candidate for a looked-up name: the place, how well the name matched, and why it ranks here."""

    place: Place
    score: float
    reason: str
    distance_km: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready dict: the CLI's ``--format json`` rows."""
        p = self.place
        return {
            "id": p.id, "name": p.name, "kind": p.kind, "country": p.country, "admin1": p.admin1,
            "lat": p.lat, "lon": p.lon, "score": round(self.score, 1), "reason": self.reason,
            "population": p.population, "precision": p.precision, "radius_km": p.radius_km,
            "source": p.source,
        }
