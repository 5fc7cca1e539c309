"""Property test: any event, with any text, comes back equal from every importable format."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.event import DATE_PRECISIONS, KINDS, PRECISIONS, STATUSES, Event
from tracker.export import export_events, import_events

# GDAL ends GeoPackage text at a NUL character (documented); every other format keeps it.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NO_NUL_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
dates = st.dates().map(lambda d: d.isoformat())


@st.composite
def events(draw, text=ANY_TEXT) -> Event:
    opt_text = st.none() | text.filter(bool)
    source = draw(text.filter(bool))
    return Event(
        side=draw(st.sampled_from(("russia", "ukraine", "north_korea", "belarus"))),
        kind=draw(st.sampled_from(KINDS)), place=draw(text.filter(bool)), relation=draw(text.filter(bool)),
        lat=draw(st.floats(-90, 90).map(lambda v: round(v, 6))),
        lon=draw(st.floats(-180, 180).map(lambda v: round(v, 6))),
        event_date=draw(dates), report_date=draw(dates), source=source, actor=draw(text),
        status=draw(st.none() | st.sampled_from(STATUSES)), claimant=draw(opt_text),
        place_id=draw(opt_text), place_name=draw(opt_text), admin1=draw(opt_text), country=draw(opt_text),
        precision=draw(st.sampled_from(PRECISIONS)),
        uncertainty_km=draw(st.floats(0, 500, allow_nan=False)),
        date_precision=draw(st.sampled_from(DATE_PRECISIONS)), quote=draw(text),
        quote_start=draw(st.none() | st.integers(0, 2**31 - 1)),
        quote_end=draw(st.none() | st.integers(0, 2**31 - 1)), place_note=draw(opt_text),
        sources=tuple(draw(st.lists(text.filter(bool), min_size=1, max_size=3))),
        retracted=draw(st.booleans()),
    )


@pytest.mark.parametrize("fmt", ["geojson", "geojsonseq", "csv", "gpkg", "parquet"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_event_round_trips(fmt: str, data) -> None:
    text = NO_NUL_TEXT if fmt == "gpkg" else ANY_TEXT
    batch = data.draw(st.lists(events(text), min_size=1, max_size=4, unique_by=lambda e: e.id))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"e.{fmt}"
        export_events(batch, path, areas=True)
        assert import_events(path) == batch


@settings(max_examples=60, deadline=None)
@given(batch=st.lists(events(), min_size=1, max_size=4))
def test_any_events_give_rfc7946_geojson_with_valid_areas(batch: list[Event]) -> None:
    import io
    import json

    import shapely.geometry as sg

    from test_export_geojson import rfc7946_problems

    buf = io.StringIO()
    export_events(batch, buf, areas=True)
    doc = json.loads(buf.getvalue())
    assert rfc7946_problems(doc) == []
    for f in doc["features"]:
        if f["properties"]["geometry_role"] == "area":
            assert sg.shape(f["geometry"]).is_valid


@settings(max_examples=40, deadline=None)
@given(batch=st.lists(events(), min_size=1, max_size=4))
def test_any_text_gives_valid_kml(batch: list[Event]) -> None:
    import xml.etree.ElementTree as ET

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "e.kml"
        export_events(batch, path, areas=True)
        root = ET.parse(path).getroot()
        marks = [m for m in root.iter("{http://www.opengis.net/kml/2.2}Placemark")
                 if m.find("{http://www.opengis.net/kml/2.2}Point") is not None]
        assert len(marks) == len({e.id for e in batch})  # repeats are merged into one
