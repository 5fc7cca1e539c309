"""GeoJSON exports checked against RFC 7946 rules and the published property schema."""
from __future__ import annotations

import io
import json
import math
import pathlib
from typing import Any

import pytest

from ft_fixtures.export import TORETSK, sample_events
from tracker.event import FIELDS, FIELD_NAMES
from tracker.export import export_events
from tracker.export.areas import AREA_FIELDS
from tracker.export.schema import schema_text

REPO = pathlib.Path(__file__).resolve().parent.parent


def _positions_ok(pos: Any) -> list[str]:
    if not (isinstance(pos, list) and 2 <= len(pos) <= 3 and all(isinstance(v, (int, float))
                                                                 and not isinstance(v, bool) for v in pos)):
        return [f"position {pos!r} is not 2-3 numbers"]
    lon, lat = pos[0], pos[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return [f"position {pos!r} is outside lon [-180,180] / lat [-90,90]"]
    return []


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:])) / 2


def _polygon_problems(rings: Any) -> list[str]:
    out: list[str] = []
    if not isinstance(rings, list) or not rings:
        return ["polygon without rings"]
    for i, ring in enumerate(rings):
        for pos in ring:
            out += _positions_ok(pos)
        if len(ring) < 4:
            out.append("linear ring with fewer than 4 positions")
        elif ring[0] != ring[-1]:
            out.append("linear ring not closed")
        else:
            area = _signed_area(ring)
            # RFC 7946 3.1.6: exterior counterclockwise, holes clockwise.
            if (i == 0 and area <= 0) or (i > 0 and area >= 0):
                out.append(f"ring {i} breaks the right-hand rule")
    return out


def rfc7946_problems(doc: Any) -> list[str]:
    """Every RFC 7946 rule this project's exports must keep; empty when the document is fine."""
    out: list[str] = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection"]
    if "crs" in doc:
        out.append("FeatureCollection has a crs member (removed in RFC 7946)")
    feats = doc.get("features")
    if not isinstance(feats, list):
        return out + ["features is not an array"]
    ids = []
    for n, f in enumerate(feats):
        where = f"feature {n}"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            out.append(f"{where} is not a Feature")
            continue
        if "crs" in f:
            out.append(f"{where} has a crs member")
        if "id" in f:
            if not isinstance(f["id"], (str, int, float)) or isinstance(f["id"], bool):
                out.append(f"{where}: id is neither string nor number")
            ids.append(f["id"])
        if "properties" not in f or not (f["properties"] is None or isinstance(f["properties"], dict)):
            out.append(f"{where}: properties missing or not an object")
        g = f.get("geometry", "missing")
        if g == "missing":
            out.append(f"{where} has no geometry member")
            continue
        if g is None:
            continue
        t, coords = g.get("type"), g.get("coordinates")
        if t == "Point":
            out += [f"{where}: {p}" for p in _positions_ok(coords)]
        elif t == "Polygon":
            out += [f"{where}: {p}" for p in _polygon_problems(coords)]
        elif t == "MultiPolygon":
            for poly in coords:
                out += [f"{where}: {p}" for p in _polygon_problems(poly)]
        else:
            out.append(f"{where}: unexpected geometry type {t!r}")
    if len(ids) != len(set(ids)):
        out.append("feature ids are not unique")
    if any("id" not in f for f in feats if isinstance(f, dict)):
        out.append("some features lack an id")
    return out


def test_checker_catches_broken_documents() -> None:
    good = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [37.85, 48.39]},
         "properties": {}}]}
    assert rfc7946_problems(good) == []
    cw = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    bad = [
        dict(good, crs={"type": "name"}),
        {"type": "FeatureCollection", "features": good["features"] * 2},  # duplicate id
        {"type": "FeatureCollection", "features": [dict(good["features"][0], geometry={
            "type": "Point", "coordinates": [48.39, 237.85]})]},
        {"type": "FeatureCollection", "features": [dict(good["features"][0], geometry={
            "type": "Polygon", "coordinates": [cw]})]},
        {"type": "FeatureCollection", "features": [dict(good["features"][0], geometry={
            "type": "Polygon", "coordinates": [cw[:-1]]})]},
    ]
    for doc in bad:
        assert rfc7946_problems(doc), doc


@pytest.mark.parametrize("areas", [False, True])
def test_geojson_follows_rfc7946(tmp_path, areas: bool) -> None:
    events = sample_events()
    path = tmp_path / "events.geojson"
    result = export_events(events, path, areas=areas)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert rfc7946_problems(doc) == []
    points = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
    assert len(points) == len(events) == result.count
    if areas:
        polys = [f for f in doc["features"] if f["geometry"]["type"] != "Point"]
        with_area = [e for e in events if e.uncertainty_km > 0]
        assert len(polys) == len(with_area) == result.areas
        assert {f["properties"]["geometry_role"] for f in polys} == {"area"}
        assert {f["properties"]["geometry_role"] for f in points} == {"point"}
        assert {f["properties"]["id"] for f in polys} == {e.id for e in with_area}
        for f in polys:  # areas carry the fields to style and join by, not the quote again
            assert list(f["properties"]) == list(AREA_FIELDS) + ["geometry_role"]
    else:
        assert all("geometry_role" not in f["properties"] for f in doc["features"])


def test_geojson_order_types_and_values(tmp_path) -> None:
    events = sample_events()
    path = tmp_path / "events.geojson"
    export_events(events, path)
    feats = json.loads(path.read_text(encoding="utf-8"))["features"]
    toretsk = next(f for f in feats if f["properties"]["place"] == "Toretsk")
    lon, lat = toretsk["geometry"]["coordinates"]
    assert (lat, lon) == TORETSK  # lon first: Toretsk is lon 37.85, lat 48.39
    for f, e in zip(feats, events):
        props = f["properties"]
        assert f["id"] == e.id == props["id"]
        assert list(props) == list(FIELD_NAMES)  # schema order
        assert props["sources"] == list(e.sources)
        for fld in FIELDS:
            value = props[fld.name]
            if value is None or fld.name == "sources":
                continue
            assert type(value) is fld.type, (fld.name, value)
        assert props["event_date"] == e.event_date and len(props["event_date"]) == 10
        assert props["quote"] == e.quote
        # Coordinates rounded to 6 decimals, and the lat/lon properties agree with the geometry.
        assert [props["lon"], props["lat"]] == f["geometry"]["coordinates"]
        for v in f["geometry"]["coordinates"]:
            assert round(v, 6) == v


def test_geojson_properties_match_published_schema(tmp_path) -> None:
    import jsonschema
    schema = json.loads((REPO / "docs" / "event-schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    path = tmp_path / "events.geojson"
    export_events(sample_events(), path, areas=True)
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        errors = [e.message for e in validator.iter_errors(f["properties"])]
        assert errors == [], errors
    # And the schema does reject a wrong value, so the check above means something.
    point = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert list(validator.iter_errors(dict(point, kind="strike")))
    assert list(validator.iter_errors({k: v for k, v in point.items() if k != "quote"}))
    assert list(validator.iter_errors(dict(point, lat=91.0)))


def test_schema_file_is_generated_from_fields() -> None:
    on_disk = (REPO / "docs" / "event-schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(), "regenerate: python -m tracker.export.schema > docs/event-schema.json"
    assert set(json.loads(on_disk)["properties"]) == set(FIELD_NAMES) | {"geometry_role"}


def test_geojsonseq_is_rfc8142(tmp_path) -> None:
    events = sample_events()
    path = tmp_path / "events.geojsonseq"
    export_events(events, path)
    raw = path.read_text(encoding="utf-8")
    records = raw.split("\x1e")[1:]
    assert raw.startswith("\x1e") and len(records) == len(events)
    for rec, e in zip(records, events):
        assert rec.endswith("\n")
        feat = json.loads(rec)
        assert feat["id"] == e.id
        assert rfc7946_problems({"type": "FeatureCollection", "features": [feat]}) == []


def test_stream_output_text_and_binary() -> None:
    events = sample_events()
    text, binary = io.StringIO(), io.BytesIO()
    export_events(events, text)
    export_events(events, binary)
    assert text.getvalue().encode("utf-8") == binary.getvalue()
    assert len(json.loads(text.getvalue())["features"]) == len(events)


def test_geodataframe_input_gives_the_same_file(tmp_path) -> None:
    from tracker.frame import to_geodataframe

    events = sample_events()
    export_events(events, tmp_path / "a.geojson")
    export_events(to_geodataframe(events), tmp_path / "b.geojson")
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()


def test_no_nan_or_infinity_in_json(tmp_path) -> None:
    path = tmp_path / "e.geojson"
    export_events(sample_events(), path, areas=True)
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    assert not any(isinstance(v, float) and not math.isfinite(v)
                   for f in json.loads(text)["features"] for v in f["properties"].values())
