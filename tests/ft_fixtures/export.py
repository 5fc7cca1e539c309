"""Events for export tests: real places, every field type, awkward text. Imported directly by
tests/test_export*.py (not a conftest plugin)."""
from __future__ import annotations

import math
from typing import Any

from tracker.event import Event

# Real coordinates (GeoNames), lon/lat as GeoJSON wants them checked.
TORETSK = (48.39, 37.85)       # lat, lon
POKROVSK = (48.28225, 37.17585)
SELYDOVE = (48.1465, 37.3007)
KUPIANSK = (49.71, 37.6156)
KURSK = (51.7373, 36.1874)     # regional centre, stands for Kursk Oblast
VUHLEDAR = (47.7795, 37.2484)

# Text a careless writer would break on: markup, a template literal, a CDATA end, a formula,
# quotes, a newline, Cyrillic and an XML-invalid control character.
NASTY = 'Forces "advanced" <b>near</b> & around ${alert(1)} ]]> \x01 Торецьк\nnext line'


def sample_events() -> list[Event]:
    return [
        Event(side="ukraine", kind="advance", place="Toretsk", relation="near", lat=TORETSK[0],
              lon=TORETSK[1], event_date="2024-10-23", report_date="2024-10-24",
              source="https://example.org/isw?id=1&x=<2>", actor="Ukrainian forces", status="assessed",
              place_id="geonames:704679", place_name="Toretsk", admin1="Donetsk", country="UA",
              precision="near", uncertainty_km=5.0, quote=NASTY, quote_start=120, quote_end=201,
              sources=("https://example.org/isw?id=1&x=<2>", "notes/second-report.txt")),
        Event(side="russia", kind="attack", place="Pokrovsk", relation="toward", lat=POKROVSK[0],
              lon=POKROVSK[1], event_date="2024-10-22", report_date="2024-10-24", source="reports/a.txt",
              actor="Russian forces", precision="direction", uncertainty_km=20.0, quote="Russian forces attacked toward Pokrovsk.",
              quote_start=0, quote_end=40, country="UA"),
        Event(side="russia", kind="advance", place="Selydove", relation="southeast of", lat=SELYDOVE[0],
              lon=SELYDOVE[1], event_date="2024-10-21", report_date="2024-10-24", source="reports/a.txt",
              status="confirmed", precision="offset", uncertainty_km=5.0, date_precision="recent"),
        Event(side="ukraine", kind="advance", place="Kursk Oblast", relation="in", lat=KURSK[0],
              lon=KURSK[1], event_date="2024-10-20", report_date="2024-10-24", source="reports/b.txt",
              status="claimed", claimant="=Russian MoD", place_id="region:RU-KRS", precision="region",
              uncertainty_km=100.0, place_note="-region level: the point is the regional centre"),
        Event(side="north_korea", kind="deployment", place="Kursk Oblast", relation="in", lat=KURSK[0],
              lon=KURSK[1], event_date="2024-10-19", report_date="2024-10-24", source="reports/b.txt",
              precision="region", uncertainty_km=100.0, date_precision="before"),
        Event(side="russia", kind="advance", place="Kupiansk", relation="in", lat=KUPIANSK[0],
              lon=KUPIANSK[1], event_date="2024-09-30", report_date="2024-10-01", source="reports/c.txt",
              status="assessed", precision="point", uncertainty_km=0.0, retracted=True,
              quote="'quoted' start"),
        Event(side="ukraine", kind="attack", place="Vuhledar", relation="near", lat=VUHLEDAR[0],
              lon=VUHLEDAR[1], event_date="2024-09-15", report_date="2024-09-16", source="reports/d.txt",
              precision="near", uncertainty_km=5.0),
    ]


def expected_value(e: Event, name: str) -> Any:
    """A field as every export should give it back (coordinates rounded to 6 decimals)."""
    value = getattr(e, name)
    if name in ("lat", "lon"):
        return round(value, 6)
    return value


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
    return a == b
