"""End to end on the real example report: ingest, export every format with areas, import back."""
from __future__ import annotations

import json
import pathlib

import pytest

from tracker.cli import main
from tracker.query import Query
from tracker.store import open_store
from test_export_geojson import rfc7946_problems

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "examples"
REPORT = EXAMPLES / "isw-2024-10-24.txt"

pytestmark = pytest.mark.skipif(not REPORT.exists(),
                                reason="../shared/examples (the real example report) is not next to the repo")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_example_report_exports_and_round_trips(capsys, tmp_path, gazetteer) -> None:
    import pyogrio

    store = str(tmp_path / "store.gpkg")
    code, _, err = run(capsys, "ingest", str(REPORT), "--store", store)
    assert code == 0, err
    with open_store(store) as s:
        stored = s.query(Query(include_retracted=True))
    if not stored:
        pytest.skip("extraction found no events in the example report; nothing to export")

    out = tmp_path / "isw.geojson"
    code, _, err = run(capsys, "export", "-o", str(out), "--areas", "--store", store)
    assert code == 0, err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert rfc7946_problems(doc) == []
    points = [f for f in doc["features"] if f["properties"]["geometry_role"] == "point"]
    assert {f["id"] for f in points} == {e.id for e in stored if not e.retracted}
    # Every point lies inside its own uncertainty area.
    import shapely.geometry as sg
    areas = {f["properties"]["id"]: sg.shape(f["geometry"]) for f in doc["features"]
             if f["properties"]["geometry_role"] == "area"}
    for f in points:
        if f["id"] in areas:
            assert areas[f["id"]].contains(sg.shape(f["geometry"]))

    for ext in ("gpkg", "csv", "kml"):
        path = tmp_path / f"isw.{ext}"
        code, _, err = run(capsys, "export", "-o", str(path), "--store", store)
        assert code == 0, err
        info = pyogrio.read_info(str(path), layer="events" if ext in ("gpkg", "kml") else None)
        assert info["features"] == len(points)

    copy = str(tmp_path / "copy.gpkg")
    code, out_text, err = run(capsys, "import", str(out), "--store", copy)
    assert code == 0, err
    with open_store(copy) as s:
        assert sorted(s.query(), key=lambda e: e.id) == sorted(
            (e for e in stored if not e.retracted), key=lambda e: e.id)
