"""The event is a GeoJSON Feature as the extraction issue promises, and its id is stable."""
from __future__ import annotations

import json

from tracker import Event


def _event(**over) -> Event:
    base = dict(side="russia", kind="advance", place="Siversk", relation="near", lat=48.86476,
                lon=38.09683, event_date="2024-10-24", report_date="2024-10-24", source="r.txt",
                status="assessed", quote="Russian forces recently advanced near Siversk.")
    base.update(over)
    return Event(**base)


def test_event_reads_as_a_geojson_feature():
    ev = _event()
    assert ev["type"] == "Feature"
    assert ev["geometry"] == {"type": "Point", "coordinates": [38.09683, 48.86476]}  # lon, lat
    assert ev["properties"]["side"] == "russia" and ev["properties"]["quote"].startswith("Russian")
    assert ev["id"] == ev.id
    assert json.loads(json.dumps(dict(ev))) == ev.to_feature()
    assert ev.__geo_interface__ == ev.to_feature()


def test_event_feature_works_with_shapely_and_geopandas():
    import geopandas as gpd
    from shapely.geometry import shape

    events = [_event(), _event(place="Kreminna", lat=49.048, lon=38.215)]
    assert shape(events[0]["geometry"]).x == 38.09683
    frame = gpd.GeoDataFrame.from_features(events)
    assert list(frame["place"]) == ["Siversk", "Kreminna"]
    assert frame.geometry.iloc[1].y == 49.048


def test_same_fact_same_id_and_equal():
    a, b = _event(), _event(source="other.txt")
    assert a.id == b.id and len({a.id, _event(status="claimed", claimant="Russian milbloggers").id}) == 2
    assert a == _event() and hash(a) == hash(_event())
