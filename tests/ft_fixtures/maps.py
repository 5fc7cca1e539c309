"""Events for map tests: real places, hand-written sentences, and hostile payloads.

Imported by tests/test_maps*.py (``from ft_fixtures.maps import ...``).
"""
from __future__ import annotations

from typing import Any

import pytest

from tracker.event import Event

# (name, lat, lon) of real places; GeoJSON/shapely order is the reverse.
TORETSK = ("Toretsk", 48.39, 37.85)
POKROVSK = ("Pokrovsk", 48.28, 37.18)
SELYDOVE = ("Selydove", 48.15, 37.30)
KUPYANSK = ("Kupyansk", 49.71, 37.61)
CHASIV_YAR = ("Chasiv Yar", 48.59, 37.84)
VUHLEDAR = ("Vuhledar", 47.78, 37.25)
KURSK_OBLAST = ("Kursk Oblast", 51.6, 36.1)

# Every way report text has broken out of a folium map: markup that runs on
# insertion, a script end tag, template-literal interpolation, and escaped '<'.
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2</script>",
    "${window.__pwned=3}",
    "\\u003cimg src=x onerror=window.__pwned=4\\u003e",
    "`;window.__pwned=5;`",
)
HOSTILE_QUOTE = "Forces advanced near Vuhledar " + " ".join(PAYLOADS)


def _event(where: tuple[str, float, float], **kw: Any) -> Event:
    name, lat, lon = where
    base = dict(side="ukraine", kind="advance", place=name, relation="near", lat=lat, lon=lon,
                event_date="2024-10-20", report_date="2024-10-24",
                source="https://example.org/assessment-2024-10-24", precision="near",
                uncertainty_km=5.0, quote=f"Test sentence about {name}.")
    base.update(kw)
    return Event(**base)


def sample_events() -> list[Event]:
    """Eight events over four weeks: every side colour, kind, status and precision."""
    return [
        _event(TORETSK, status="confirmed", event_date="2024-10-01", actor="Ukrainian forces"),
        _event(POKROVSK, side="russia", status="claimed", claimant="Russian milbloggers",
               relation="southeast of", precision="offset", event_date="2024-10-08"),
        _event(SELYDOVE, side="russia", status="assessed", relation="in", precision="point",
               uncertainty_km=2.0, event_date="2024-10-15"),
        _event(KUPYANSK, side="russia", kind="attack", event_date="2024-10-16"),
        _event(CHASIV_YAR, side="russia", kind="attack", relation="direction", precision="direction",
               uncertainty_km=20.0, event_date="2024-10-22"),
        _event(KURSK_OBLAST, side="north_korea", kind="deployment", relation="in", precision="region",
               uncertainty_km=100.0, event_date="2024-10-23", place_id="region:RU-KRS"),
        _event(KURSK_OBLAST, status="assessed", relation="in", precision="region",
               uncertainty_km=100.0, event_date="2024-10-24", place_id="region:RU-KRS"),
        _event(VUHLEDAR, side="russia", status="claimed", claimant=PAYLOADS[0],
               event_date="2024-10-24", quote=HOSTILE_QUOTE, place="Vuhledar " + PAYLOADS[1],
               place_name="Vuhledar " + PAYLOADS[2], actor=PAYLOADS[3],
               source="javascript:window.__pwned=6", sources=("javascript:window.__pwned=6",
                                                              "https://example.org/other?a=1&b=<x>"),
               place_note=PAYLOADS[4]),
    ]


@pytest.fixture
def map_events() -> list[Event]:
    return sample_events()


@pytest.fixture
def map_gdf(map_events: list[Event]):
    from tracker.frame import to_geodataframe

    return to_geodataframe(map_events)
