"""Every export format read back with GDAL (pyogrio, ogrinfo) with the same count, values and types."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET

import pytest

from ft_fixtures.export import NASTY, expected_value, same, sample_events
from ft_fixtures.gdal import VALIDATOR, gdal_tool
from tracker.errors import ExportError, InputError
from tracker.event import FIELDS
from tracker.export import FORMATS, export_events, import_events, uncertainty_areas

pyogrio = pytest.importorskip("pyogrio")

GDAL_FORMATS = ("geojson", "geojsonseq", "gpkg", "csv", "kml")
ARROW_TYPES = {str: ("string", "large_string"), float: ("double",), int: ("int32", "int64"),
               bool: ("bool",)}
KML = "{http://www.opengis.net/kml/2.2}"


def _read(path, fmt: str, layer=None):
    """Rows as dicts and the arrow schema, through GDAL; dates kept as text."""
    kwargs = {"layer": layer} if layer else {}
    if fmt == "geojson":
        kwargs["DATE_AS_STRING"] = "YES"  # GDAL would otherwise guess a Date type
    _meta, table = pyogrio.read_arrow(str(path), **kwargs)
    return table.to_pylist(), table.schema


def _gdal_value(row: dict, fmt: str, name: str):
    if fmt == "kml" and name == "id":
        return row["id2"]  # LIBKML keeps the Placemark's own id in "id" and renames ours
    value = row[name]
    if isinstance(value, dt.date):
        # GDAL's GeoJSONSeq reader has no DATE_AS_STRING and guesses a Date from ISO text.
        return value.isoformat()
    if fmt == "csv" and isinstance(value, str) and value[:1] == "'" and value[1:2] in "=+-@'":
        value = value[1:]  # the documented guard against spreadsheet formulas
    if name == "sources" and isinstance(value, list):  # GeoJSON: GDAL reads a StringList
        return tuple(value)
    if name == "sources":
        return tuple(json.loads(value))
    return value


@pytest.mark.parametrize("fmt", GDAL_FORMATS)
def test_gdal_reads_back_every_value_with_its_type(tmp_path, fmt: str) -> None:
    events = sample_events()
    path = tmp_path / f"events.{fmt}"
    export_events(events, path)
    rows, schema = _read(path, fmt, "events" if fmt in ("gpkg", "kml") else None)
    assert len(rows) == len(events)
    for f in FIELDS:
        if f.name == "sources" and fmt in ("geojson", "geojsonseq"):
            continue  # a list: GDAL's StringList
        name = "id2" if (fmt == "kml" and f.name == "id") else f.name
        if fmt == "geojsonseq" and f.name in ("event_date", "report_date"):
            assert str(schema.field(name).type).startswith("date")
            continue
        assert str(schema.field(name).type) in ARROW_TYPES[f.type], (f.name, schema.field(name).type)
    for row, e in zip(rows, events):
        for f in FIELDS:
            want = expected_value(e, f.name)
            if fmt == "kml" and f.name == "quote":
                want = want.replace("\x01", "")  # not allowed in XML 1.0
            got = _gdal_value(row, fmt, f.name)
            if want is None or (want == "" and f.type is str and fmt in ("csv",)):
                assert got in (None, ""), (fmt, f.name, got)
                continue
            assert same(got, want), (fmt, f.name, got, want)
        assert f.type  # keep flake quiet about the loop variable


@pytest.mark.parametrize("fmt", GDAL_FORMATS)
def test_gdal_geometry_is_lon_lat(tmp_path, fmt: str) -> None:
    import shapely

    events = sample_events()
    path = tmp_path / f"events.{fmt}"
    export_events(events, path)
    gdf = pyogrio.read_dataframe(str(path), **({"layer": "events"} if fmt in ("gpkg", "kml") else {}))
    assert gdf.crs is None or gdf.crs.to_epsg() == 4326
    for geom, e in zip(gdf.geometry, events):
        assert isinstance(geom, shapely.Point)
        assert (round(geom.x, 6), round(geom.y, 6)) == (round(e.lon, 6), round(e.lat, 6))


def test_geoparquet_reads_back_with_metadata(tmp_path) -> None:
    import geopandas as gpd
    import pyarrow.parquet as pq

    events = sample_events()
    path = tmp_path / "events.parquet"
    export_events(events, path, areas=True)
    # Debian's GDAL has no Parquet driver, so the file is checked with Arrow and geopandas.
    schema = pq.read_schema(path)
    geo = json.loads(schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]
    assert set(geo["columns"]["area"]["geometry_types"]) == {"Polygon"}
    for f in FIELDS:
        assert str(schema.field(f.name).type) in ARROW_TYPES[f.type], f.name
    gdf = gpd.read_parquet(path)
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == len(events)
    table = pq.read_table(path).to_pylist()
    for row, geom, e in zip(table, gdf.geometry, events):
        assert (geom.x, geom.y) == (round(e.lon, 6), round(e.lat, 6))
        for f in FIELDS:
            got = tuple(json.loads(row[f.name])) if f.name == "sources" else row[f.name]
            assert same(got, expected_value(e, f.name)), f.name


def test_geopackage_is_a_valid_1_3_file(tmp_path) -> None:
    path = tmp_path / "events.gpkg"
    export_events(sample_events(), path, areas=True)
    with sqlite3.connect(path) as con:
        app_id, = con.execute("PRAGMA application_id").fetchone()
        version, = con.execute("PRAGMA user_version").fetchone()
        tables = {r[0]: r[1] for r in con.execute("SELECT table_name, data_type FROM gpkg_contents")}
        srs = {r[0] for r in con.execute("SELECT srs_id FROM gpkg_geometry_columns")}
    assert app_id == 0x47504B47 and version == 10300
    assert tables == {"events": "features", "event_areas": "features"}
    assert srs == {4326}
    info = subprocess.run([gdal_tool("ogrinfo"), "-ro", "-so", str(path), "events"], capture_output=True,
                          text=True, check=True).stdout
    assert "Geometry: Point" in info and f"Feature Count: {len(sample_events())}" in info
    validator = VALIDATOR
    if not os.path.exists(validator):
        pytest.skip("GDAL's validate_gpkg.py (python3-gdal) is not installed")
    run = subprocess.run(["/usr/bin/python3", validator, str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_csv_opens_in_a_spreadsheet_and_gdal(tmp_path) -> None:
    import csv

    events = sample_events()
    path = tmp_path / "events.csv"
    export_events(events, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need for UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert [r["id"] for r in rows] == [e.id for e in events]
    assert {"lat", "lon", "WKT"} <= set(rows[0])
    for r, e in zip(rows, events):
        assert r["WKT"] == f"POINT ({round(e.lon, 6)!r} {round(e.lat, 6)!r})"
        for cell in r.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell  # no formula runs on opening
    assert (tmp_path / "events.csvt").exists()
    gdf = pyogrio.read_dataframe(str(path))
    assert len(gdf) == len(events) and gdf.geometry.geom_type.eq("Point").all()


def test_kml_is_valid_xml_with_named_styled_placemarks(tmp_path) -> None:
    events = sample_events()
    path = tmp_path / "events.kml"
    export_events(events, path, areas=True)
    root = ET.parse(path).getroot()
    styles = {s.get("id") for s in root.iter(f"{KML}Style")}
    marks = list(root.iter(f"{KML}Placemark"))
    points = [m for m in marks if m.find(f"{KML}Point") is not None]
    assert len(points) == len(events)
    assert len(marks) - len(points) == sum(1 for e in events if e.uncertainty_km > 0)
    sides_seen = set()
    for m, e in zip(points, events):
        name = m.findtext(f"{KML}name")
        assert e.place in name and e.event_date in name
        style = m.findtext(f"{KML}styleUrl").lstrip("#")
        assert style in styles and style == f"side-{e.side}"
        sides_seen.add(style)
        desc = m.findtext(f"{KML}description")
        if e.quote:
            assert "<b>" not in desc and "&lt;b&gt;" in desc if "<b>" in e.quote else True
        href_links = [s for s in e.sources if s.startswith("http")]
        for link in href_links:
            assert 'href="' + link.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in desc
        for s in e.sources:
            if not s.startswith("http"):
                assert f'href="{s}"' not in desc
        assert m.findtext(f"{KML}TimeStamp/{KML}when") == e.event_date
    assert len(sides_seen) == len({e.side for e in events})
    # Both of GDAL's KML readers open it.
    ogrinfo = gdal_tool("ogrinfo")
    libkml = subprocess.run([ogrinfo, "-ro", "-so", str(path), "events"], capture_output=True,
                            text=True, check=True).stdout
    assert "LIBKML" in libkml and f"Feature Count: {len(events)}" in libkml
    plain = subprocess.run([ogrinfo, "--config", "GDAL_SKIP", "LIBKML", "-ro", "-so", str(path), "events"],
                           capture_output=True, text=True, check=True).stdout
    assert "driver `KML'" in plain and f"Feature Count: {len(events)}" in plain


def test_kml_description_escapes_report_text(tmp_path) -> None:
    e = sample_events()[0]
    assert e.quote == NASTY
    path = tmp_path / "one.kml"
    export_events([e, e.replace(id="x", source="javascript:alert(1)", sources=("javascript:alert(1)",))], path)
    root = ET.parse(path).getroot()
    descs = [m.findtext(f"{KML}description") for m in root.iter(f"{KML}Placemark")]
    assert "<b>near</b>" not in descs[0] and "&lt;b&gt;near&lt;/b&gt;" in descs[0]
    assert "Торецьк" in descs[0]
    assert "href" not in descs[1]  # only http(s) sources become links


@pytest.mark.parametrize("fmt", ["geojson", "geojsonseq", "gpkg", "csv", "parquet"])
def test_round_trip_gives_back_the_same_events(tmp_path, fmt: str) -> None:
    events = sample_events()
    path = tmp_path / f"events.{fmt}"
    export_events(events, path, areas=True)  # areas in the file must not come back as events
    back = import_events(path)
    assert back == events


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_export_is_a_valid_file(tmp_path, fmt: str) -> None:
    path = tmp_path / f"empty.{fmt}"
    result = export_events([], path, areas=True)
    assert result.count == 0 and path.exists()
    if fmt == "parquet":
        import geopandas as gpd
        assert len(gpd.read_parquet(path)) == 0
    elif fmt == "geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc == {"type": "FeatureCollection", "features": []}
    elif fmt == "geojsonseq":
        assert path.read_bytes() == b""
    elif fmt == "kml":
        ET.parse(path)
    else:
        layer = {"layer": "events"} if fmt == "gpkg" else {}
        _meta, table = pyogrio.read_arrow(str(path), **layer)
        assert table.num_rows == 0
        if fmt == "gpkg":
            assert pyogrio.read_info(str(path), layer="events")["geometry_type"] == "Point"


def test_areas_are_geodesic_circles() -> None:
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    events = sample_events()
    areas = uncertainty_areas(events)
    assert set(areas) == {e.id for e in events if e.uncertainty_km > 0}
    for e in events:
        if e.id not in areas:
            continue
        ring = areas[e.id].rings[0].tolist()
        assert ring[0] == ring[-1] and len(ring) > 16
        for lon, lat in ring[:-1]:
            _, _, dist = geod.inv(e.lon, e.lat, lon, lat)
            assert abs(dist / 1000 - e.uncertainty_km) < e.uncertainty_km * 0.001 + 0.001
        assert areas[e.id].shape().exterior.is_ccw
        assert areas[e.id].shape().contains(__import__("shapely").Point(e.lon, e.lat))


def test_area_across_the_antimeridian_is_split() -> None:
    e = sample_events()[0].replace(id="fiji", lat=-17.0, lon=179.9, uncertainty_km=50.0)
    area = uncertainty_areas([e])["fiji"]
    assert len(area.rings) == 2
    for ring in area.rings:
        assert all(-180 <= x <= 180 for x, _ in ring)
    geo = area.geojson()
    assert geo["type"] == "MultiPolygon"


# --- bad input ------------------------------------------------------------------------------

def test_unknown_format_and_extension(tmp_path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'shp'"):
        export_events(sample_events(), tmp_path / "a.geojson", fmt="shp")
    with pytest.raises(ExportError, match="cannot tell the format"):
        export_events(sample_events(), tmp_path / "a.txt")


def test_unwritable_targets(tmp_path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_events(sample_events(), tmp_path / "missing" / "a.geojson")
    (tmp_path / "dir.geojson").mkdir()
    with pytest.raises(ExportError, match="is a directory"):
        export_events(sample_events(), tmp_path / "dir.geojson")
    if os.path.isdir("/proc"):  # no file can be created there, not even by root
        for fmt in ("geojson", "gpkg"):
            with pytest.raises(ExportError, match="cannot write /proc/"):
                export_events(sample_events(), f"/proc/frontline-test.{fmt}")


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_a_failed_export_leaves_the_old_file_alone(tmp_path, fmt: str) -> None:
    path = tmp_path / f"events.{fmt}"
    export_events(sample_events(), path)
    before = path.read_bytes()
    broken = sample_events() + [sample_events()[0].replace(id="bad", lat=float("nan"))]
    with pytest.raises(ExportError, match="no valid position"):
        export_events(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"events.{fmt}"]  # no temp files left


def test_import_refuses_bad_files(tmp_path) -> None:
    bad_json = tmp_path / "bad.geojson"
    bad_json.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(InputError, match="not JSON"):
        import_events(bad_json)
    lacking = tmp_path / "lacking.geojson"
    lacking.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.85, 48.39]},
         "properties": {"side": "russia"}}]}), encoding="utf-8")
    with pytest.raises(InputError, match="feature 1: event lacks"):
        import_events(lacking)
    wrong = tmp_path / "wrong.geojson"
    doc = {"type": "FeatureCollection", "features": [sample_events()[0].to_feature()]}
    doc["features"][0]["properties"]["kind"] = "strike"
    wrong.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="kind 'strike'"):
        import_events(wrong)
    with pytest.raises(InputError, match="no such file"):
        import_events(tmp_path / "absent.geojson")
    not_kml = tmp_path / "a.kml"
    not_kml.write_text("<kml><Placemark>", encoding="utf-8")
    with pytest.raises(InputError, match="a.kml is not KML"):
        import_events(not_kml)
    foreign = tmp_path / "foreign.kml"  # what Google Earth writes: a name and a point, no fields
    foreign.write_text('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
                       "<Placemark><name>pin</name><Point><coordinates>37.8,48.3</coordinates>"
                       "</Point></Placemark></Document></kml>", encoding="utf-8")
    with pytest.raises(InputError, match="feature 1: event lacks side, kind"):
        import_events(foreign)


@pytest.mark.parametrize("areas", [False, True], ids=["points", "with-areas"])
def test_kml_imports_back_every_value_it_holds(tmp_path, areas: bool) -> None:
    events = sample_events()
    path = tmp_path / "events.kml"
    export_events(events, path, areas=areas)
    back = import_events(path)
    assert [e.id for e in back] == [e.id for e in events]  # areas are not events
    for got, e in zip(back, events):
        for f in FIELDS:
            want = expected_value(e, f.name)
            if f.name == "quote" and want:
                want = want.replace("\x01", "")  # XML 1.0 cannot hold it: the export drops it
            assert same(getattr(got, f.name), want), (f.name, getattr(got, f.name), want)


def test_import_reads_gdal_written_geojson(tmp_path) -> None:
    """A file another tool rewrote (here ogr2ogr) still imports to the same events."""
    ogr2ogr = gdal_tool("ogr2ogr")
    events = [e for e in sample_events()]
    src = tmp_path / "a.geojson"
    export_events(events, src)
    out = tmp_path / "b.geojson"
    subprocess.run([ogr2ogr, "-f", "GeoJSON", "-lco", "RFC7946=YES", str(out), str(src)], check=True,
                   capture_output=True)
    back = import_events(out)
    assert [e.id for e in back] == [e.id for e in events]
    assert back == events


@pytest.mark.parametrize("lat", [87.0, -87.0])
def test_area_around_a_pole_is_a_valid_cap(lat: float) -> None:
    import shapely

    e = sample_events()[0].replace(id="polar", lat=lat, lon=6.0, uncertainty_km=500.0)
    area = uncertainty_areas([e])["polar"]
    shape = area.shape()
    assert shape.is_valid and shape.exterior.is_ccw
    assert shape.contains(shapely.Point(e.lon, e.lat))
    assert shape.contains(shapely.Point(-170.0, 89.9 if lat > 0 else -89.9))
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in area.rings[0].tolist())


def test_repeated_events_are_exported_once_with_every_source(tmp_path) -> None:
    first = sample_events()[1]
    again = first.replace(source="reports/z.txt", sources=("reports/z.txt",))
    path = tmp_path / "dup.geojson"
    result = export_events([first, again, first], path)
    feats = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert result.count == len(feats) == 1
    assert feats[0]["properties"]["sources"] == ["reports/a.txt", "reports/z.txt"]


def test_kml_sides_wear_the_map_colours(tmp_path) -> None:
    from maps.legend import colour as side_colour

    path = tmp_path / "events.kml"
    export_events(sample_events(), path)
    text = path.read_text(encoding="utf-8")
    for side in {e.side for e in sample_events()}:
        rgb = side_colour(side)[1:]
        kml = "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]  # KML is aabbggrr
        assert f'<Style id="side-{side}"><IconStyle><color>{kml}</color>' in text, side
