"""The store's commands through ``tracker.cli.main``: output, exit codes, one-line errors."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from ft_fixtures.store import make_event

from tracker.cli import main
from tracker.query import Query
from tracker.store import open_store


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return info.value.code or 0, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(err: str) -> str:
    """The one line that says what is wrong (click's usage errors add a usage hint above it)."""
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if l.strip()]
    if lines and lines[0].startswith("Usage:"):
        lines = [l for l in lines if l.startswith("Error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.gpkg"
    with open_store(path) as s:
        s.add([make_event(i) for i in range(6)], analyst="ana")
    monkeypatch.setenv("FRONTLINE_STORE", str(path))
    monkeypatch.delenv("FRONTLINE_ANALYST", raising=False)
    return path


def test_list_table_geojson_csv(db, capsys):
    code, out, err = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["id", "date", "side", "kind"]
    assert len(lines) == 7 and "6 events" in err
    code, out, _ = run(capsys, "list", "--format", "geojson", "--side", "russia")
    fc = json.loads(out)
    expected = [e for e in (make_event(i) for i in range(6)) if e.side == "russia"]
    assert sorted(f["properties"]["id"] for f in fc["features"]) == sorted(e.id for e in expected)
    feat = fc["features"][0]
    assert feat["geometry"]["coordinates"] == [pytest.approx(feat["properties"]["lon"]),
                                               pytest.approx(feat["properties"]["lat"])]
    code, out, _ = run(capsys, "list", "--format", "csv", "--since", "2024-10-03")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert sorted(r["id"] for r in rows) == sorted(
        make_event(i).id for i in range(6) if make_event(i).event_date >= "2024-10-03")


def test_list_bbox_filter_and_store_option(db, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FRONTLINE_STORE")
    code, out, _ = run(capsys, "list", "--store", str(db), "--format", "geojson",
                       "--bbox", "37.17,48.27,37.205,48.305")
    ids = [f["properties"]["id"] for f in json.loads(out)["features"]]
    with open_store(db) as s:
        assert ids == [e.id for e in s.query(Query(bbox=(37.17, 48.27, 37.205, 48.305)))]
    assert 0 < len(ids) < 6


def test_edit_retract_history(db, capsys):
    e = make_event(0)
    code, out, err = run(capsys, "edit", e.id, "--kind", "attack", "--lat", "48.5", "--lon",
                         "37.6", "--reason", "wrong kind and spot", "--analyst", "lead")
    assert code == 0, err
    assert "kind advance -> attack" in out and "lat" in out
    with open_store(db) as s:
        got = s.get(e.id)
    assert (got.kind, got.lat, got.lon, got.id) == ("attack", 48.5, 37.6, e.id)
    code, out, err = run(capsys, "retract", e.id, "--reason", "duplicate")
    assert code == 0 and "retracted" in out
    code, out, _ = run(capsys, "list")
    assert e.id not in out
    code, out, _ = run(capsys, "list", "--include-retracted")
    assert e.id + "*" in out
    code, out, _ = run(capsys, "history", e.id)
    assert code == 0
    lines = out.splitlines()
    assert "[retracted]" in lines[0]
    assert "ana  added from" in lines[1]
    assert any("lead  edit kind: advance -> attack  (wrong kind and spot)" in l for l in lines)
    assert "retract retracted: false -> true  (duplicate)" in lines[-1]


@pytest.mark.parametrize("args, needle", [
    (["edit", "nope", "--kind", "attack", "--reason", "x"], "no event with id 'nope'"),
    (["retract", "nope", "--reason", "x"], "no event with id 'nope'"),
    (["history", "nope"], "no event with id 'nope'"),
    (["edit", "{id}", "--date", "2024-02-30", "--reason", "x"], "not a date"),
    (["edit", "{id}", "--lat", "95", "--lon", "37", "--reason", "x"], "out of range"),
    (["edit", "{id}", "--lat", "48", "--reason", "x"], "--lat and --lon go together"),
    (["edit", "{id}", "--reason", "x"], "nothing to change"),
    (["list", "--since", "last week"], "not a date"),
    (["retract", "{id}", "--reason", "x"], "already retracted"),
])
def test_bad_input_one_line_store_untouched(db, capsys, args, needle):
    e = make_event(1)
    if "already retracted" in needle:
        assert run(capsys, "retract", e.id, "--reason", "first")[0] == 0
    before = _digest(db)
    code, out, err = run(capsys, *[a.format(id=e.id) for a in args])
    assert code != 0
    assert needle in _one_error_line(err)
    assert _digest(db) == before


def test_not_a_geopackage_and_bad_paths(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    notes = tmp_path / "notes.gpkg"
    notes.write_text("not a database at all\n" * 20)
    before = _digest(notes)
    for cmd in (["list"], ["history", "abc"], ["retract", "abc", "--reason", "x"]):
        code, _, err = run(capsys, *cmd, "--store", str(notes))
        assert code == 1 and "not a GeoPackage" in _one_error_line(err)
    assert _digest(notes) == before
    code, _, err = run(capsys, "list", "--store", str(tmp_path / "nowhere" / "x.gpkg"))
    assert code == 1 and "no store at" in _one_error_line(err)
    code, _, err = run(capsys, "log", "--store", str(tmp_path / "nowhere" / "x.gpkg"),
                       "--side", "russia", "--kind", "attack", "--place", "X", "--date", "2024-01-01",
                       "--relation", "near")
    assert code == 1 and "does not exist" in _one_error_line(err)
    assert not (tmp_path / "nowhere").exists()


def test_wrong_database_url_is_one_line(capsys, pg_server):
    url = pg_server.url.rsplit("/", 1)[0] + "/no_such_db"
    code, _, err = run(capsys, "list", "--store", url)
    assert code == 1
    line = _one_error_line(err)
    assert "cannot connect to the database" in line and "no_such_db" in line
    bad_port = "postgresql://postgres:secret@127.0.0.1:1/frontline"
    code, _, err = run(capsys, "list", "--store", bad_port)
    line = _one_error_line(err)
    assert code == 1 and "cannot connect" in line and "secret" not in line


def test_cli_against_postgis(capsys, pg_server):
    from ft_fixtures.store import fresh_schema_url

    url = fresh_schema_url(pg_server)
    with open_store(url) as s:
        s.add([make_event(i) for i in range(4)])
    e = make_event(2)
    code, out, err = run(capsys, "edit", e.id, "--side", "ukraine", "--reason", "misread",
                         "--store", url)
    assert code == 0, err
    code, out, _ = run(capsys, "list", "--store", url, "--side", "ukraine", "--format", "csv")
    ids = {r["id"] for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert e.id in ids
    code, out, _ = run(capsys, "history", e.id, "--store", url)
    assert "edit side: russia -> ukraine  (misread)" in out


def test_read_commands_do_not_create_a_store(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "list")
    assert code == 1 and "no store at frontline.gpkg" in err
    assert not (tmp_path / "frontline.gpkg").exists()


def test_stored_gpkg_stays_consistent_after_cli_changes(db, capsys):
    e = make_event(3)
    run(capsys, "edit", e.id, "--lat", "47.0", "--lon", "35.0", "--reason", "moved")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    row = con.execute("SELECT r.minx, r.miny FROM events e JOIN rtree_events_geom r ON r.id = e.fid "
                      "WHERE e.id = ?", (e.id,)).fetchone()
    assert row == (pytest.approx(35.0, abs=1e-5), pytest.approx(47.0, abs=1e-5))
    con.close()


# --- log and ingest: through the real extraction and gazetteer -------------------------------
SHARED_EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"


def test_log_fields_shows_the_resolved_place_and_stores_it(db, capsys, gazetteer):
    args = ["log", "--side", "russia", "--kind", "advance", "--place", "Siversk",
            "--region", "Donetsk Oblast", "--relation", "near", "--date", "2024-10-24",
            "--source", "https://example.org/r1", "--analyst", "ana"]
    code, out, err = run(capsys, *args, "--dry-run")
    assert code == 0, err
    match = gazetteer.lookup("Siversk", region="Donetsk Oblast")[0].place
    assert "would store" in out and "Siversk, Donetsk Oblast" in out
    assert f"{match.lat:.4f}" in out and "(near" in out
    with open_store(db) as s:
        assert s.count() == 6  # dry run stored nothing
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out.startswith("stored ")
    eid = out.split()[1]
    with open_store(db) as s:
        e = s.get(eid)
        assert (e.place_name, e.admin1, e.precision, e.status) == ("Siversk", "Donetsk Oblast", "near", "assessed")
        assert abs(e.lat - match.lat) < 0.2 and abs(e.lon - match.lon) < 0.2
        assert s.history(eid)[0]["analyst"] == "ana"
    code, out, _ = run(capsys, *args[:-4], "--source", "https://example.org/r2")
    assert out.startswith("known, source added")
    with open_store(db) as s:
        assert s.get(eid).sources == ("https://example.org/r1", "https://example.org/r2")


def test_log_fields_refuses_to_guess_between_namesakes(db, capsys, gazetteer):
    args = ["log", "--side", "ukraine", "--kind", "advance", "--place", "Terny", "--date", "2024-10-20"]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    line = _one_error_line(err)
    assert "'Terny' is ambiguous" in line and "Donetsk Oblast" in line and "--region" in line
    with open_store(db) as s:
        assert s.count() == 6
    code, out, err = run(capsys, *args, "--region", "Donetsk Oblast")
    assert code == 0, err
    assert "Terny, Donetsk Oblast" in out
    code, out, err = run(capsys, *args[:6], "Kupyansk", "--date", "2024-10-20")  # one Kupyansk
    assert code == 0 and "Kupyansk, Kharkiv Oblast" in out, err


def test_log_sentence(db, capsys, gazetteer):
    code, out, err = run(capsys, "log", "Ukrainian forces recently advanced near Toretsk.",
                         "--date", "2024-10-24")
    assert code == 0, err
    assert "ukraine advance" in out and "Toretsk" in out
    with open_store(db) as s:
        assert s.count() == 7
    code, out, err = run(capsys, "log", "The weather was fine.", "--date", "2024-10-24")
    assert code == 1 and "no event found" in _one_error_line(err)


def test_log_unknown_place_and_bad_usage(db, capsys, gazetteer):
    before = _digest(db)
    code, _, err = run(capsys, "log", "--side", "russia", "--kind", "attack", "--place",
                       "Qwxzyville", "--date", "2024-10-24")
    assert code == 1 and "no place matches 'Qwxzyville'" in _one_error_line(err)
    code, _, err = run(capsys, "log", "Russian forces attacked near Siversk.", "--side", "russia",
                       "--date", "2024-10-24")
    assert code == 2 and "not both" in _one_error_line(err)
    code, _, err = run(capsys, "log", "--side", "russia", "--place", "Siversk", "--date", "2024-10-24")
    assert code == 2 and "--kind" in _one_error_line(err)
    code, _, err = run(capsys, "log", "--side", "russia", "--kind", "attack", "--place", "Siversk",
                       "--date", "24.10.2024")
    assert code == 2 and "not a date" in _one_error_line(err)
    assert _digest(db) == before


def test_edit_place_through_the_gazetteer(db, capsys, gazetteer):
    e = make_event(2)
    code, out, err = run(capsys, "edit", e.id, "--place", "Toretsk", "--region", "Donetsk Oblast",
                         "--reason", "wrong town")
    assert code == 0, err
    toretsk = gazetteer.lookup("Toretsk", region="Donetsk Oblast")[0].place
    with open_store(db) as s:
        got = s.get(e.id)
        fields = {h["field"] for h in s.history(e.id) if h["action"] == "edit"}
    assert got.id == e.id and got.place == "Toretsk" and got.place_name == toretsk.name
    assert abs(got.lat - toretsk.lat) < 0.2 and abs(got.lon - toretsk.lon) < 0.2
    assert {"place", "place_name", "lat", "lon"} <= fields


def _reports(tmp_path: Path, n: int) -> list[Path]:
    towns = ["Siversk", "Toretsk", "Pokrovsk", "Kurakhove", "Vuhledar", "Chasiv Yar", "Selydove"]
    paths = []
    for i in range(n):
        p = tmp_path / f"report-{i}.txt"
        p.write_text(f"Russian forces recently advanced near {towns[i % len(towns)]}. "
                     f"Ukrainian forces recently attacked near {towns[(i + 3) % len(towns)]}.\n")
        paths.append(p)
    return paths


def test_ingest_is_idempotent_and_skips_bad_files(tmp_path, capsys, gazetteer, monkeypatch):
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    store = tmp_path / "ingest.gpkg"
    files = _reports(tmp_path, 3)
    code, out, err = run(capsys, "ingest", *map(str, files), "--report-date", "2024-10-24",
                         "--store", str(store))
    assert code == 0, err
    with open_store(store) as s:
        n = s.count()
        stored = s.query()
    assert n >= 5 and f"{n} new, 0 already known" in out and "new by kind/side:" in out
    assert "advance/russia" in out and "attack/ukraine" in out
    assert {e.source for e in stored} == {str(f) for f in files}
    code, out, err = run(capsys, "ingest", *map(str, files), "--report-date", "2024-10-24",
                         "--store", str(store))
    assert code == 0 and f"0 new, {n} already known" in out
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    missing = tmp_path / "missing.txt"
    (tmp_path / "more").mkdir()
    good = tmp_path / "more" / "new.txt"
    good.write_text("North Korean forces deployed to Kursk Oblast.\n")
    code, out, err = run(capsys, "ingest", str(bad), str(missing), str(good),
                         "--report-date", "2024-11-02", "--store", str(store))
    assert code == 1
    errors = [l for l in err.splitlines() if l.startswith("frontline: error:")]
    assert len(errors) == 2 and str(bad) in errors[0] and str(missing) in errors[1]
    assert "2 files failed" in err and "Traceback" not in err
    assert "ingested 1 of 3 files" in out
    with open_store(store) as s:
        assert s.count() > n  # the good file was stored
        assert all(e.source != str(bad) for e in s.query())


def test_ingest_many_files_shows_progress_and_summary(tmp_path, capsys, gazetteer, monkeypatch):
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    files = _reports(tmp_path, 7)
    code, out, err = run(capsys, "ingest", *map(str, files), "--report-date", "2024-10-24",
                         "--store", str(tmp_path / "s.gpkg"))
    assert code == 0, err
    assert "ingesting" in err  # the progress bar's label, on stderr
    assert out.startswith("ingested 7 of 7 files")


def test_ingest_with_jobs_stores_what_one_process_stores(tmp_path, capsys, gazetteer, monkeypatch):
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    files = _reports(tmp_path, 4)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    args = [*map(str, files[:2]), str(bad), *map(str, files[2:]), "--report-date", "2024-10-24"]
    code1, out1, _ = run(capsys, "ingest", *args, "--store", str(tmp_path / "one.gpkg"))
    code2, out2, err2 = run(capsys, "ingest", *args, "--jobs", "2", "--store", str(tmp_path / "two.gpkg"))
    assert code1 == code2 == 1  # the bad file is told and skipped either way
    assert str(bad) in err2 and "Traceback" not in err2 and "ingested 4 of 5 files" in out2
    with open_store(tmp_path / "one.gpkg") as a, open_store(tmp_path / "two.gpkg") as b:
        assert sorted(e.id for e in a.query()) == sorted(e.id for e in b.query()) != []


def test_ingest_jobs_extract_in_worker_processes_in_order(tmp_path, gazetteer, monkeypatch):
    import concurrent.futures as cf

    from tracker.cli import store_cmd

    pools = []
    real = cf.ProcessPoolExecutor

    def counting(*a, **kw):  # the pool really is made, with N workers
        pools.append(kw.get("max_workers"))
        return real(*a, **kw)

    monkeypatch.setattr(cf, "ProcessPoolExecutor", counting)
    files = tuple(str(p) for p in _reports(tmp_path, 3))
    with store_cmd._extracted(files, "2024-10-24", None, 2) as results:
        got = list(results)
    assert pools == [2]
    assert [p for p, _, _ in got] == list(files)  # in the given order
    assert all(err is None and events for _, events, err in got)


def test_ingest_the_example_report(tmp_path, capsys, gazetteer, monkeypatch):
    report = SHARED_EXAMPLES / "isw-2024-10-24.txt"
    if not report.exists():
        pytest.skip(f"{SHARED_EXAMPLES} does not exist next to the repo (example input)")
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    store = tmp_path / "isw.gpkg"
    code, out, err = run(capsys, "ingest", str(report), "--store", str(store))
    assert code == 0, err
    with open_store(store) as s:
        events = s.query()
    assert events and {e.report_date for e in events} == {"2024-10-24"}
    code, out, _ = run(capsys, "ingest", str(report), "--store", str(store))
    assert f"0 new, {len(events)} already known" in out


def test_list_near_a_place(tmp_path, capsys, gazetteer, monkeypatch):
    siversk = gazetteer.lookup("Siversk", region="Donetsk Oblast")[0].place
    near = make_event(0, place="close", lat=siversk.lat + 0.05, lon=siversk.lon + 0.05)
    far = make_event(1, place="far", lat=siversk.lat + 1.0, lon=siversk.lon)
    store = tmp_path / "near.gpkg"
    with open_store(store) as s:
        s.add([near, far])
    monkeypatch.delenv("FRONTLINE_STORE", raising=False)
    code, out, err = run(capsys, "list", "--store", str(store), "--near", "Siversk",
                         "--within", "30", "--format", "geojson")
    assert code == 0, err
    assert [f["properties"]["id"] for f in json.loads(out)["features"]] == [near.id]
