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


# --- 8. dates no conflict report carries ------------------------------------------------------
def _count(store: Path) -> int:
    if not store.exists():
        return 0
    with open_store(store) as s:
        return s.count()


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1850-06-01"])
def test_log_refuses_a_date_outside_the_window_in_one_line(tmp_path, gazetteer, date):
    with open_store(tmp_path / "s.gpkg") as s:
        s.add([make_event(1)])
    argv = ["log", "--store", "s.gpkg", "--side", "russia", "--kind", "advance", "--place",
            "Siversk", "--date", date]
    res = run(argv, tmp_path)
    err = res.stderr.decode()
    assert res.returncode == 1 and len(err.splitlines()) == 1, err
    assert f"event_date {date} is outside" in err and "FRONTLINE_DATE_WINDOW" in err
    assert _count(tmp_path / "s.gpkg") == 1
    # The window is the user's to widen.
    wide = run(argv, tmp_path, env={"FRONTLINE_DATE_WINDOW": "0001-01-01..9999-12-31"})
    assert wide.returncode == 0, wide.stderr
    assert _count(tmp_path / "s.gpkg") == 2


def test_the_window_applies_to_imports_and_edits(tmp_path):
    from tracker.errors import InputError

    with open_store(tmp_path / "s.gpkg") as s:
        s.add([make_event(1)])
        with pytest.raises(InputError, match="report_date 9999-01-01 is outside"):
            s.add([make_event(2, report_date="9999-01-01")])
        with pytest.raises(InputError, match="event_date 0001-01-01 is outside"):
            s.edit(make_event(1).id, {"event_date": "0001-01-01"}, reason="typo")
        assert s.count() == 1 and s.get(make_event(1).id).event_date == make_event(1).event_date
    res = run(["log", "--store", "s.gpkg", "--side", "russia", "--kind", "attack", "--place",
               "Siversk", "--date", "2024-10-10"], tmp_path, env={"FRONTLINE_DATE_WINDOW": "2025"})
    assert res.returncode == 1 and "is not a date window" in res.stderr.decode()


def test_slider_cost_follows_the_events_not_the_span():
    from maps.timeslider import time_steps

    for step in ("day", "week", "auto"):
        unit, labels, index = time_steps(["0001-01-01", "2024-10-01", "9999-12-31"], step)
        assert labels[0] <= "0001-01-07" and labels[-1] == "9999-12-31" and len(labels) == 3
        assert list(index) == [0, 1, 2]
    # a short span keeps every day, so playing moves at an even pace
    unit, labels, _ = time_steps(["2024-10-01", "2024-10-24"], "day")
    assert len(labels) == 24


def test_a_map_spanning_millennia_is_as_small_as_one_spanning_days(tmp_path):
    import maps
    from tracker.frame import to_geodataframe

    near = [make_event(i, event_date=f"2024-10-{1 + i:02d}") for i in range(3)]
    far = [make_event(0, event_date="0001-01-01"), near[1], make_event(2, event_date="9999-12-31")]
    sizes = []
    for events in (near, far):
        html = maps.map_html(maps.render_map(to_geodataframe(events), tiles=None, step="day"))
        sizes.append(len(html))
    assert sizes[1] < sizes[0] * 1.05


# --- 4. a truncated GeoPackage given to import -------------------------------------------------
@pytest.mark.parametrize("cut", ["mid-page", "on-a-page"])
def test_import_of_a_truncated_geopackage_is_one_line(tmp_path, cut):
    from ft_fixtures.export import sample_events
    from tracker.export import export_events

    whole = tmp_path / "whole.gpkg"
    export_events(sample_events(), whole, areas=True)
    data = whole.read_bytes()
    keep = len(data) // 2 + (123 if cut == "mid-page" else 0)
    keep -= keep % 4096 if cut == "on-a-page" else 0
    (tmp_path / "cut.gpkg").write_bytes(data[:keep])
    res = run(["import", "cut.gpkg", "--store", "s.gpkg"], tmp_path)
    err = res.stderr.decode()
    assert res.returncode == 1 and len(err.splitlines()) == 1, err
    assert err.startswith("frontline: error: cannot import cut.gpkg: not a valid GeoPackage (truncated?")
    assert "Warning" not in err and "sqlite3_" not in err
    assert not (tmp_path / "s.gpkg").exists()


# --- 2. a store on a read-only disk -------------------------------------------------------------
def _digest(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def read_only_runner(folder: Path):
    """run() with ``folder`` read-only: a read-only bind mount for root (whom file modes do not
    stop), file modes for anyone else."""
    if os.geteuid() != 0:
        def go(argv, cwd, **kw):
            modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
            for p in modes:
                p.chmod(0o555 if p.is_dir() else 0o444)
            try:
                return run(argv, cwd, **kw)
            finally:
                for p, mode in modes.items():
                    p.chmod(mode)
        return go
    unshare = shutil.which("unshare")
    probe = unshare and subprocess.run([unshare, "-m", "--propagation", "private", "true"],
                                       capture_output=True)
    if not probe or probe.returncode != 0:
        pytest.skip("running as root without `unshare -m`: no way to make a read-only folder")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'

    def go(argv, cwd, **kw):
        full = [unshare, "-m", "--propagation", "private", "sh", "-c", script, "sh", str(folder),
                *frontline(), *argv]
        env = dict(os.environ)
        env.pop("FRONTLINE_STORE", None)
        return subprocess.run(full, cwd=cwd, input=b"", capture_output=True, env=env, timeout=300)
    return go


@pytest.fixture
def ro_store(tmp_path) -> Path:
    folder = tmp_path / "RO"
    folder.mkdir()
    with open_store(folder / "s.gpkg") as s:
        s.add([make_event(i) for i in range(12)], analyst="ana")
    return folder


def test_reading_commands_read_a_store_on_a_read_only_disk(ro_store, tmp_path):
    ro = read_only_runner(ro_store)
    before = _digest(ro_store)
    res = ro(["list", "--store", "RO/s.gpkg", "--format", "csv"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.decode("utf-8-sig").splitlines()) == 13
    res = ro(["export", "--store", "RO/s.gpkg", "-o", "out.geojson"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert len(json.loads((tmp_path / "out.geojson").read_text())["features"]) == 12
    res = ro(["map", "--store", "RO/s.gpkg", "-o", "map.html", "--tiles", "none"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "map.html").stat().st_size > 10_000
    res = ro(["history", "--store", "RO/s.gpkg", make_event(3).id], tmp_path)
    assert res.returncode == 0 and b"added from" in res.stdout, res.stderr
    assert _digest(ro_store) == before


def test_writing_commands_on_a_read_only_store_fail_in_one_line(ro_store, tmp_path, gazetteer):
    ro = read_only_runner(ro_store)
    with open_store(tmp_path / "other.gpkg") as s:
        s.add([make_event(40)])
    assert run(["export", "--store", "other.gpkg", "-o", "in.geojson"], tmp_path).returncode == 0
    (tmp_path / "r.txt").write_text(REPORT_A, encoding="utf-8")
    before = _digest(ro_store)
    eid = make_event(3).id
    for argv in (["log", "--side", "russia", "--kind", "attack", "--place", "Siversk",
                  "--date", "2024-10-10"],
                 ["edit", eid, "--side", "ukraine", "--reason", "x"],
                 ["retract", eid, "--reason", "x"],
                 ["import", "in.geojson"],
                 ["ingest", "r.txt"]):
        res = ro(argv + ["--store", "RO/s.gpkg"], tmp_path)
        err = res.stderr.decode()
        assert res.returncode == 1 and len(err.splitlines()) == 1, (argv, err)
        assert "cannot write the store RO/s.gpkg" in err and "read-only" in err, (argv, err)
    assert _digest(ro_store) == before


# --- 5. a damaged store -------------------------------------------------------------------------
def _store(folder: Path, n: int = 30) -> Path:
    path = folder / "s.gpkg"
    with open_store(path) as s:
        s.add([make_event(i, place=f"Place {i}") for i in range(n)], analyst="ana")
    return path


def _garble_page_of(path: Path, index: str) -> None:
    """Overwrite the b-tree header of ``index``'s root page: damage no event read touches."""
    import sqlite3

    con = sqlite3.connect(path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    (size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size + 8)
        fh.write(b"\xff" * 64)


def test_a_damaged_store_is_refused_in_one_line_and_left_alone(tmp_path, gazetteer):
    path = _store(tmp_path)
    _garble_page_of(path, "event_history_event_id")
    before = path.read_bytes()
    for argv in (["list"], ["map", "-o", "m.html"], ["export", "-o", "e.geojson"],
                 ["log", "--side", "russia", "--kind", "attack", "--place", "Siversk",
                  "--date", "2024-10-10"]):
        res = run(argv + ["--store", "s.gpkg"], tmp_path)
        err = res.stderr.decode()
        assert res.returncode == 1 and len(err.splitlines()) == 1, (argv, err)
        assert "the store s.gpkg is damaged" in err and "frontline store check" in err, (argv, err)
    assert path.read_bytes() == before
    assert not (tmp_path / "m.html").exists() and not (tmp_path / "e.geojson").exists()
    res = run(["store", "check", "--store", "s.gpkg"], tmp_path)
    assert res.returncode == 1 and len(res.stderr.decode().splitlines()) == 1
    assert "problem" in res.stderr.decode() and res.stdout.strip()
    assert path.read_bytes() == before


def test_store_check_finds_what_the_quick_check_does_not(tmp_path):
    import sqlite3

    path = _store(tmp_path)
    res = run(["store", "check", "--store", "s.gpkg"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode().startswith("ok: s.gpkg: 30 events, 30 history rows")
    # An index whose definition no longer matches its rows: pages fine, answers wrong.
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema = ON")
    con.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX \"events_date_xy\" ON \"events\" "
                "(event_date, lat, lon)' WHERE name = 'events_date_xy'")
    con.commit()
    con.close()
    res = run(["store", "check", "--store", "s.gpkg"], tmp_path)
    assert res.returncode == 1
    assert "missing from index events_date_xy" in res.stdout.decode()


def test_a_truncated_store_is_refused_in_one_line(tmp_path):
    path = _store(tmp_path, 300)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    before = path.read_bytes()
    for argv in (["list"], ["log", "--side", "russia", "--kind", "attack", "--place", "Siversk",
                            "--date", "2024-10-10"], ["store", "check"]):
        res = run(argv + ["--store", "s.gpkg"], tmp_path)
        err = res.stderr.decode()
        assert res.returncode == 1 and len(err.splitlines()) == 1, (argv, err)
        assert "truncated?" in res.stdout.decode() + err, (argv, err)
    assert path.read_bytes() == before
