"""What a new user trips over on day one (issue 14), through the real `frontline` command:
one GeoJSON document for several reports, one clear line for empty or broken input,
consistent tables, and every file the command writes announced."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ft_fixtures.store import make_event
from tracker.store import open_store

REPORT_A = ("Assessment, October 24, 2024\n\n"
            "Russian forces recently advanced near Siversk. Ukrainian forces attacked near Toretsk.\n")
REPORT_B = ("Assessment, October 25, 2024\n\n"
            "Ukrainian forces recently advanced near Kupiansk.\n")


def frontline() -> list[str]:
    exe = shutil.which("frontline")
    return [exe] if exe else [sys.executable, "-c", "from tracker.cli import main; main()"]


def run(argv: list[str], cwd: Path, stdin: bytes | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ)
    full.pop("FRONTLINE_STORE", None)
    full.update(env or {})
    return subprocess.run(frontline() + argv, cwd=cwd, input=stdin if stdin is not None else b"",
                          capture_output=True, env=full, timeout=300)


@pytest.fixture
def reports(tmp_path, gazetteer) -> Path:
    (tmp_path / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT_B, encoding="utf-8")
    return tmp_path


# --- 1. several reports, one GeoJSON document ------------------------------------------------
def test_extract_of_several_files_is_one_feature_collection(reports):
    res = run(["extract", "a.txt", "b.txt", "--format", "geojson"], reports)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)  # one document: json.load must not find "Extra data"
    assert doc["type"] == "FeatureCollection"
    sources = [f["properties"]["source"] for f in doc["features"]]
    assert set(sources) == {"a.txt", "b.txt"}
    one = [json.loads(run(["extract", name], reports).stdout)["features"] for name in ("a.txt", "b.txt")]
    assert [f["id"] for f in doc["features"]] == [f["id"] for fs in one for f in fs]


def test_extract_geojson_of_several_files_imports_in_one_go(reports):
    res = run(["extract", "a.txt", "b.txt"], reports)
    imp = run(["import", "-", "--store", "s.gpkg"], reports, stdin=res.stdout)
    assert imp.returncode == 0, imp.stderr
    with open_store(reports / "s.gpkg") as s:
        assert {e.source for e in s.query()} == {"a.txt", "b.txt"}


@pytest.mark.parametrize("fmt", ["jsonl", "geojsonseq"])
def test_extract_sequences_stay_one_feature_per_record(reports, fmt):
    res = run(["extract", "a.txt", "b.txt", "--format", fmt], reports)
    assert res.returncode == 0, res.stderr
    text = res.stdout.decode("utf-8")
    records = [r for r in text.replace("\x1e", "\n").split("\n") if r.strip()]
    feats = [json.loads(r) for r in records]
    assert feats and all(f["type"] == "Feature" for f in feats)
    assert {f["properties"]["source"] for f in feats} == {"a.txt", "b.txt"}
    if fmt == "geojsonseq":  # RFC 8142: every record starts with RS
        assert text.count("\x1e") == len(feats) and text.startswith("\x1e")


def test_extract_with_one_bad_file_still_prints_one_document(reports):
    res = run(["extract", "a.txt", "missing.txt", "b.txt"], reports)
    assert res.returncode == 1
    assert len(res.stderr.decode().splitlines()) == 1 and "missing.txt" in res.stderr.decode()
    doc = json.loads(res.stdout)
    assert {f["properties"]["source"] for f in doc["features"]} == {"a.txt", "b.txt"}


# --- 9. empty standard input ----------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"  \n\n\t"], ids=["nothing", "blank"])
def test_empty_stdin_says_it_is_empty(tmp_path, data):
    res = run(["extract", "-"], tmp_path, stdin=data)
    err = res.stderr.decode()
    assert res.returncode == 1
    assert err == "frontline: error: standard input: is empty; give a report with text in it\n"


# --- 10. tables that agree, files that are announced ----------------------------------------
def test_extract_and_list_tables_show_the_same_place_columns_and_the_claimant(tmp_path, gazetteer):
    report = ("Assessment, October 24, 2024\n\nThe Russian MoD claimed that Russian forces "
              "captured Siversk. Geolocated footage indicates that Russian forces recently "
              "advanced near Toretsk.\n")
    (tmp_path / "r.txt").write_text(report, encoding="utf-8")
    ext = run(["extract", "r.txt", "--format", "table"], tmp_path)
    assert ext.returncode == 0, ext.stderr
    ing = run(["ingest", "r.txt", "--store", "s.gpkg"], tmp_path)
    assert ing.returncode == 0, ing.stderr
    lst = run(["list", "--store", "s.gpkg"], tmp_path)
    assert lst.returncode == 0, lst.stderr

    def columns(text: bytes) -> list[str]:
        return text.decode().splitlines()[0].split()

    for head in (columns(ext.stdout), columns(lst.stdout)):
        assert {"place", "place_name", "claimant"} <= set(head), head
    with open_store(tmp_path / "s.gpkg") as s:
        events = s.query()
    claimed = [e for e in events if e.claimant]
    assert claimed, "the report has a claimed advance"
    for out in (ext.stdout.decode(), lst.stdout.decode()):
        lines = out.splitlines()
        head = lines[0]
        at = {name: head.index(name) for name in ("place", "place_name", "claimant")}
        for e in events:
            row = next(line for line in lines[1:] if e.event_date in line and e.kind in line
                       and (e.claimant or "") in line and e.place in line)
            assert row[at["place"]:].startswith(e.place)
            assert row[at["place_name"]:].startswith(e.place_name or "")
            if e.claimant:
                assert row[at["claimant"]:].startswith(e.claimant)


def test_csv_export_announces_its_type_sidecar(tmp_path):
    with open_store(tmp_path / "s.gpkg") as s:
        s.add([make_event(i) for i in range(3)])
    res = run(["export", "--store", "s.gpkg", "-o", "events.csv"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "events.csvt").exists()
    assert "events.csvt" in res.stderr.decode()
    help_text = run(["export", "--help"], tmp_path).stdout.decode()
    assert ".csvt" in help_text


# --- 3. a machine without GDAL's command-line tools ------------------------------------------
GDAL_TESTS = ("tests/test_store_gpkg.py::test_ogrinfo_uses_the_spatial_index",
              "tests/test_export_formats.py::test_geopackage_is_a_valid_1_3_file",
              "tests/test_export_formats.py::test_kml_is_valid_xml_with_named_styled_placemarks",
              "tests/test_export_formats.py::test_import_reads_gdal_written_geojson")
GDAL_TOOLS = ("ogrinfo", "ogr2ogr", "gdalinfo", "gdal_translate")


def path_without(tools: tuple[str, ...], into: Path) -> str:
    """PATH as now, but every folder holding one of ``tools`` replaced by a folder of links to
    everything else in it: a machine where those tools were never installed."""
    dirs = []
    for i, d in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        if not d or not any(os.path.exists(os.path.join(d, t)) for t in tools):
            dirs.append(d)
            continue
        farm = into / f"bin{i}"
        farm.mkdir()
        for name in os.listdir(d):
            if name not in tools:
                os.symlink(os.path.join(d, name), farm / name)
        dirs.append(str(farm))
    return os.pathsep.join(dirs)


def test_gdal_read_back_tests_skip_with_the_reason_without_gdal_bin(tmp_path):
    from conftest import REPO

    env = dict(os.environ, PATH=path_without(GDAL_TOOLS, tmp_path))
    assert all(shutil.which(t, path=env["PATH"]) is None for t in GDAL_TOOLS)
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                          *GDAL_TESTS], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=600)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out
    assert f"{len(GDAL_TESTS)} skipped" in out, out
    for tool in ("ogrinfo", "ogr2ogr"):
        assert f"{tool} is not on PATH (GDAL's command-line tools: apt-get install gdal-bin)" in out, out


# --- 7. KML: offered for import, and imported --------------------------------------------------
def test_kml_export_imports_through_the_command(tmp_path):
    with open_store(tmp_path / "s.gpkg") as s:
        s.add([make_event(i) for i in range(5)])
        # every export rounds coordinates to 6 decimals (~0.1 m)
        want = {e.id: e.replace(lat=round(e.lat, 6), lon=round(e.lon, 6)) for e in s.query()}
    assert run(["export", "--store", "s.gpkg", "-o", "events.kml"], tmp_path).returncode == 0
    res = run(["import", "events.kml", "--store", "other.gpkg"], tmp_path)
    assert res.returncode == 0, res.stderr
    with open_store(tmp_path / "other.gpkg") as s:
        got = {e.id: e for e in s.query()}
    assert got == want
    (tmp_path / "events.unknownext").write_text("x")
    odd = run(["import", "events.unknownext", "--store", "other.gpkg"], tmp_path)
    assert "--format" in odd.stderr.decode() and "kml" in odd.stderr.decode()
