"""The GeoPackage store as GIS tools and concurrent, crashing processes see it."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from ft_fixtures.gdal import gdal_tool
from ft_fixtures.store import make_event

from tracker.errors import StoreError
from tracker.query import Query
from tracker.store import open_store

REPO = Path(__file__).resolve().parent.parent
VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def gpkg(tmp_path) -> Path:
    path = tmp_path / "events.gpkg"
    toretsk = make_event(0, place="Toretsk", lat=48.39, lon=37.85, relation="in", precision="point")
    with open_store(path) as s:
        s.add([toretsk] + [make_event(i) for i in range(1, 40)], analyst="ana")
        s.retract(make_event(1).id, reason="test")
    return path


def test_gdal_reads_the_layer_as_it_is(gpkg):
    import pyogrio

    layers = {name: geom for name, geom in pyogrio.list_layers(gpkg)}
    assert layers["events"] == "Point" and "event_history" in layers
    info = pyogrio.read_info(gpkg, layer="events")
    assert info["crs"] == "EPSG:4326" and info["features"] == 40
    assert info["geometry_type"] == "Point"
    df = pyogrio.read_dataframe(gpkg, layer="events")
    row = df[df["place"] == "Toretsk"].iloc[0]
    # x is longitude, y latitude: Toretsk lies at lon 37.85, lat 48.39
    assert (row.geometry.x, row.geometry.y) == (37.85, 48.39)
    assert df["retracted"].dtype == bool and df["retracted"].sum() == 1
    assert df["uncertainty_km"].dtype.kind == "f"
    hist = pyogrio.read_dataframe(gpkg, layer="event_history")
    # 40 adds, and the retraction's rows: review_state, reviewed_by, reviewed_at, retracted
    assert set(hist["action"]) == {"add", "retract"} and len(hist) == 44
    assert {"reports", "users"} <= set(layers)  # attributes tables GDAL lists too
    assert (df["review_state"] == "retracted").sum() == 1


def test_ogrinfo_uses_the_spatial_index(gpkg):
    ogrinfo = gdal_tool("ogrinfo")
    out = subprocess.run([ogrinfo, "-ro", "-so", str(gpkg), "events"], capture_output=True,
                         text=True, check=True).stdout
    assert "Geometry: Point" in out and "Feature Count: 40" in out and 'ID["EPSG",4326]' in out
    assert "FID Column = fid" in out
    for name in ("id", "event_date", "uncertainty_km", "retracted", "quote_start"):
        assert f"\n{name}:" in out
    assert "uncertainty_km: Real" in out and "quote_start: Integer" in out
    assert "retracted: Integer(Boolean)" in out
    spat = subprocess.run([ogrinfo, "-ro", "-q", str(gpkg), "events", "-spat", "37.8", "48.3",
                           "37.9", "48.45", "-fields=NO", "-geom=NO"],
                          capture_output=True, text=True, check=True).stdout
    with open_store(gpkg) as s:
        expected = s.count(Query(bbox=(37.8, 48.3, 37.9, 48.45), include_retracted=True))
    assert spat.count("OGRFeature(events)") == expected > 0
    con = sqlite3.connect(gpkg)
    assert con.execute("SELECT COUNT(*) FROM rtree_events_geom").fetchone()[0] == 40
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert con.execute("PRAGMA user_version").fetchone()[0] == 10300
    con.close()


@pytest.mark.skipif(not VALIDATOR.exists() or not Path("/usr/bin/python3").exists(),
                    reason="GDAL's validate_gpkg.py (python3-gdal) is not installed")
def test_gdal_validator_accepts_the_file(gpkg, tmp_path):
    with open_store(gpkg) as s:  # the bulk path too
        s.add([make_event(i, place=f"bulk {i}") for i in range(3000)])
    proc = subprocess.run(["/usr/bin/python3", str(VALIDATOR), str(gpkg)], capture_output=True,
                          text=True, cwd=tmp_path)
    if "No module named 'osgeo'" in proc.stderr:
        pytest.skip("python3-gdal is not importable by /usr/bin/python3")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "" and proc.stderr.strip() == ""


def test_bulk_add_fills_the_index_like_the_triggers(tmp_path):
    path = tmp_path / "bulk.gpkg"
    with open_store(path) as s:
        s.add([make_event(i, place=f"one {i}") for i in range(10)])
        s.add([make_event(i, place=f"bulk {i}", lat=46 + i * 1e-4, lon=33 + i * 1e-4)
               for i in range(5000)])
        s.add([make_event(i, place=f"after {i}") for i in range(10)])  # trigger is back
        assert s.count(Query(bbox=(33 - 1e-9, 46 - 1e-9, 33.1, 46.1), include_retracted=True)) == 1001
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM rtree_events_geom").fetchone()[0] == 5020
    assert con.execute("SELECT COUNT(*) FROM events e LEFT JOIN rtree_events_geom r ON r.id = e.fid "
                       "WHERE r.id IS NULL OR NOT (r.minx <= e.lon AND e.lon <= r.maxx AND "
                       "r.miny <= e.lat AND e.lat <= r.maxy)").fetchone()[0] == 0
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert "rtree_events_geom_insert" in triggers
    assert con.execute("SELECT min_x, min_y FROM gpkg_contents WHERE table_name = 'events'"
                       ).fetchone() == (33.0, 46.0)
    con.close()


def test_a_file_that_is_not_a_geopackage_is_refused_untouched(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("these are my notes, not a database\n" * 10)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    for path, message in ((text, "not a GeoPackage"), (other, "not a GeoPackage")):
        before = _digest(path)
        with pytest.raises(StoreError, match=message):
            open_store(path)
        assert _digest(path) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.gpkg", "other.sqlite"]


def test_unusable_paths_give_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing-dir" / "x.gpkg")
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)
    if os.geteuid() != 0:  # root writes anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(StoreError, match="not writable"):
            open_store(ro / "x.gpkg")


_LOGGER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
    from ft_fixtures.store import make_event
    from tracker.store import open_store
    path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open_store(path) as s:
        for i in range(n):
            s.add([make_event(i, place=f"{{who}} {{i}}")], analyst=who)
            if i % 10 == 0:
                s.count()  # readers alongside writers
    print("done", who)
""")


def test_two_processes_logging_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.gpkg"
    script = _LOGGER.format(repo=str(REPO), tests=str(REPO / "tests"))
    n = 150
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), who, str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in ("ana", "bob")]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    with open_store(path) as s:
        assert s.count(Query(include_retracted=True)) == 2 * n
        assert len({e.place for e in s.query(Query(include_retracted=True))}) == 2 * n
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM event_history").fetchone()[0] == 2 * n
    assert con.execute("SELECT COUNT(*) FROM rtree_events_geom").fetchone()[0] == 2 * n
    con.close()


_INGESTER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
    from ft_fixtures.store import make_event
    from tracker.store import open_store
    path = sys.argv[1]
    with open_store(path) as s:
        for batch in range(10_000):
            # bulk-sized batches: the kill may land while the index trigger is dropped
            s.add([make_event(i, place=f"b{{batch}} {{i}}") for i in range(2500)])
            print(batch + 1, flush=True)
""")


def test_sigkill_mid_ingest_leaves_a_valid_file_with_all_committed(tmp_path):
    path = tmp_path / "killed.gpkg"
    script = _INGESTER.format(repo=str(REPO), tests=str(REPO / "tests"))
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                            text=True)
    committed = 0
    deadline = time.time() + 120
    while committed < 2 and time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed = int(line)
    time.sleep(0.3)  # into the next batch
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rest = proc.stdout.read().split()
    committed = int(rest[-1]) if rest else committed
    assert committed >= 2
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in tmp_path.glob("killed.gpkg*"):  # check a copy, WAL included, as a fresh reader would
        shutil.copy(f, copy / f.name)
    con = sqlite3.connect(copy / "killed.gpkg")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert n % 2500 == 0 and n >= committed * 2500  # whole batches only, none lost
    assert con.execute("SELECT COUNT(*) FROM rtree_events_geom").fetchone()[0] == n
    assert "rtree_events_geom_insert" in {
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    con.close()
    with open_store(path) as s:  # and the store opens and takes more
        s.add([make_event(0, place="after the crash")])
        assert s.count(Query(include_retracted=True)) == n + 1


@pytest.mark.parametrize("narrower", [True, False])
def test_both_query_plans_give_the_same_events(tmp_path, monkeypatch, narrower):
    """Date + bbox queries run on the R-tree or on the (date, lon, lat) index: same answers."""
    from tracker.store.gpkg import GeoPackageStore

    events = [make_event(i, place=f"p{i}", lat=46 + (i * 37 % 600) / 100, lon=32 + (i * 53 % 800) / 100,
                         event_date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(1500)]
    with open_store(tmp_path / "plans.gpkg") as s:
        s.add(events)
        monkeypatch.setattr(GeoPackageStore, "_box_is_narrower", lambda self, q, box: narrower)
        for q in (Query(bbox=(35, 47, 37.5, 49.5), since="2024-03-01", until="2024-06-30"),
                  Query(bbox=(32, 46, 40, 52), since="2024-12-01"),
                  Query(bbox=(33.2, 48.1, 33.9, 48.6), until="2024-02-10")):
            target, where, params = s._where(q)
            plan = " ".join(r[-1] for r in s.con.execute(f"EXPLAIN QUERY PLAN SELECT e.fid FROM {target}{where}",
                                                        params))
            assert ("rtree_events_geom" in plan) == narrower, plan
            expected = sorted(e.id for e in events if q.matches(e))
            assert sorted(e.id for e in s.query(q)) == expected
            assert s.count(q) == len(expected)


def test_an_exported_geopackage_can_become_a_store(tmp_path):
    """A file written by `frontline export` (GDAL) has the events layer: adopt it, stay valid."""
    import pyogrio

    from tracker.export import export_events

    path = tmp_path / "exported.gpkg"
    export_events([make_event(i) for i in range(5)], path)
    with open_store(path) as s:
        result = s.add([make_event(i) for i in range(3, 3010)], analyst="ana")  # bulk path too
        assert len(result.known) == 2 and len(result.new) == 3005
        assert s.history(make_event(100).id)[0]["analyst"] == "ana"
    assert pyogrio.read_info(path, layer="events")["features"] == 3010
    assert len(pyogrio.read_dataframe(path, layer="events")) == 3010
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM rtree_events_geom").fetchone()[0] == 3010
    con.close()


def test_a_file_shorter_than_its_header_with_its_wal_beside_it_is_not_called_truncated(tmp_path):
    # a checkpoint killed mid-way has written page 1 (the new page count) before the pages that
    # grow the file; the WAL still holds them and SQLite replays it, so this is no damage
    from tracker.sqlitefile import header_problem

    db = tmp_path / "x.gpkg"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    con.commit()
    con.close()
    data = db.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    db.write_bytes(data[:-page])  # one page short of what the header says
    assert header_problem(db).startswith("truncated?")
    (tmp_path / "x.gpkg-wal").write_bytes(b"\0" * 32)
    assert header_problem(db) is None
