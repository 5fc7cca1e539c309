"""``frontline export`` / ``frontline import`` against real stores, through tracker.cli.main."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ft_fixtures.export import sample_events
from tracker.cli import main
from tracker.query import Query
from tracker.store import open_store


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def filled_store(tmp_path) -> str:
    path = str(tmp_path / "store.gpkg")
    with open_store(path) as s:
        s.add(sample_events(), analyst="test")
    return path


@pytest.fixture
def any_filled_store(store_location) -> str:
    """The sample events in a GeoPackage and in a PostGIS store (filters run as SQL in each)."""
    with open_store(store_location) as s:
        s.add(sample_events(), analyst="test")
    return store_location


def _ids(path) -> list[str]:
    return [f["id"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def test_export_writes_the_format_of_the_extension(capsys, tmp_path, filled_store) -> None:
    import pyogrio

    visible = [e for e in sample_events() if not e.retracted]
    for ext, driver in (("geojson", "GeoJSON"), ("gpkg", "GPKG"), ("csv", "CSV"), ("kml", "LIBKML")):
        out = tmp_path / f"out.{ext}"
        code, _, err = run(capsys, "export", "-o", str(out), "--store", filled_store)
        assert code == 0, err
        assert f"exported {len(visible)} events" in err
        info = pyogrio.read_info(str(out), layer="events" if ext in ("gpkg", "kml") else None)
        assert info["driver"] == driver and info["features"] == len(visible)


def test_format_option_wins_over_extension(capsys, tmp_path, filled_store) -> None:
    out = tmp_path / "events.txt"
    code, _, err = run(capsys, "export", "-o", str(out), "--format", "geojsonseq", "--store", filled_store)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("\x1e{")


@pytest.mark.parametrize("args", [
    ("--side", "russia"),
    ("--side", "ukraine", "--kind", "advance"),
    ("--since", "2024-10-20", "--until", "2024-10-22"),
    ("--status", "claimed"),
    ("--bbox", "36,51,37,52"),
    ("--include-retracted",),
    ("--near", "48.39,37.85", "--within", "100"),
])
def test_filters_select_exactly_what_they_say(capsys, tmp_path, any_filled_store, args) -> None:
    import click

    from tracker.cli.options import filter_options

    @click.command()
    @filter_options
    def probe(query):  # the same option parsing the export command uses
        probe.query = query

    probe.main(list(args), standalone_mode=False)
    expected = [e.id for e in sample_events() if probe.query.matches(e)]
    out = tmp_path / "f.geojson"
    code, _, err = run(capsys, "export", "-o", str(out), "--store", any_filled_store, *args)
    assert code == 0, err
    assert sorted(_ids(out)) == sorted(expected)
    assert expected, "each filter here should match something"


def test_stdout_export(capsys, filled_store) -> None:
    code, out, err = run(capsys, "export", "-o", "-", "--side", "russia", "--store", filled_store)
    assert code == 0, err
    doc = json.loads(out)
    assert {f["properties"]["side"] for f in doc["features"]} == {"russia"}
    assert "exported" in err and "exported" not in out


def test_binary_format_to_stdout(tmp_path, filled_store) -> None:
    import pyogrio

    proc = subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "export",
                           "-o", "-", "--format", "gpkg", "--store", filled_store],
                          capture_output=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "piped.gpkg"
    out.write_bytes(proc.stdout)
    assert pyogrio.read_info(str(out), layer="events")["features"] == sum(
        1 for e in sample_events() if not e.retracted)


def test_areas_option(capsys, tmp_path, filled_store) -> None:
    out = tmp_path / "a.geojson"
    code, _, err = run(capsys, "export", "-o", str(out), "--areas", "--store", filled_store)
    assert code == 0, err
    feats = json.loads(out.read_text(encoding="utf-8"))["features"]
    areas = [f for f in feats if f["properties"]["geometry_role"] == "area"]
    assert areas and all(f["geometry"]["type"] == "Polygon" for f in areas)
    assert "uncertainty areas" in err


def test_no_match_writes_an_empty_valid_file_and_a_note(capsys, tmp_path, filled_store) -> None:
    for ext in ("geojson", "gpkg", "csv", "kml", "parquet", "geojsonseq"):
        out = tmp_path / f"none.{ext}"
        code, stdout, err = run(capsys, "export", "-o", str(out), "--since", "2030-01-01",
                                "--store", filled_store)
        assert code == 0 and out.exists()
        assert err.count("\n") == 1 and "note: no stored events match" in err
    assert json.loads((tmp_path / "none.geojson").read_text()) == {"type": "FeatureCollection",
                                                                   "features": []}


@pytest.mark.parametrize("args, message", [
    (("--format", "shapefile"), "unknown export format 'shapefile'"),
    (("-o", "x.docx"), "cannot tell the format"),
    (("-o", "/nonexistent-dir/x.geojson"), "/nonexistent-dir does not exist"),
    (("-o", "/proc/frontline-export-test.gpkg"), "cannot write /proc/frontline-export-test.gpkg"),
    (("-o", "/proc/frontline-export-test.csv"), "cannot write /proc/frontline-export-test.csv"),
])
def test_bad_export_arguments_give_one_line(capsys, tmp_path, filled_store, args, message) -> None:
    if any(a.startswith("/proc/") for a in args) and not os.path.isdir("/proc"):
        pytest.skip("needs Linux's /proc, where no file can be created")
    argv = ["export", "--store", filled_store] + (["-o", str(tmp_path / "x.geojson")] if "-o" not in args else [])
    code, out, err = run(capsys, *argv, *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_export_never_overwrites_the_store(capsys, filled_store) -> None:
    with open(filled_store, "rb") as fh:
        before = fh.read()
    code, _, err = run(capsys, "export", "-o", filled_store, "--store", filled_store)
    assert code == 1 and "refusing to export over the store" in err
    with open(filled_store, "rb") as fh:
        assert fh.read() == before


def test_missing_store_is_not_created(capsys, tmp_path) -> None:
    store = tmp_path / "nothing.gpkg"
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "x.geojson"), "--store", str(store))
    assert code == 1 and "no store at" in err
    assert not store.exists()


def test_import_round_trip_into_another_store(capsys, tmp_path, filled_store, store_location) -> None:
    out = tmp_path / "all.geojson"
    code, _, err = run(capsys, "export", "-o", str(out), "--include-retracted", "--store", filled_store)
    assert code == 0, err
    code, stdout, err = run(capsys, "import", str(out), "--store", store_location)
    assert code == 0, err
    assert f"imported {len(sample_events())} events" in stdout
    everything = Query(include_retracted=True)
    with open_store(filled_store) as a, open_store(store_location) as b:
        original = sorted(a.query(everything), key=lambda e: e.id)
        copied = sorted(b.query(everything), key=lambda e: e.id)
    assert copied == original
    assert len(copied) == len(sample_events())
    # Importing the same file again adds nothing.
    code, stdout, _ = run(capsys, "import", str(out), "--store", store_location)
    assert code == 0 and "0 new" in stdout


def test_import_bad_file_gives_one_line_and_stores_nothing(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"', encoding="utf-8")
    store = tmp_path / "s.gpkg"
    code, _, err = run(capsys, "import", str(bad), "--store", str(store))
    assert code == 1 and err.count("\n") == 1 and "not JSON" in err
    assert not store.exists()


def test_reader_closing_the_pipe_early_is_not_an_error(tmp_path) -> None:
    """`frontline export -o - | head`: the export stops quietly with exit 0."""
    store = str(tmp_path / "big.gpkg")
    base = sample_events()[1]
    with open_store(store) as s:
        s.add([base.replace(id=f"e{i:05d}", place=f"Place {i}") for i in range(3000)], analyst="test")
    proc = subprocess.Popen([sys.executable, "-c", "from tracker.cli import main; main()", "export",
                             "-o", "-", "--store", store], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # far more than a pipe buffer is still unwritten
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.startswith(b'{"type":"FeatureCollection"')
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception" not in err
    assert "exported" not in err  # it did stop early, at the broken pipe


def test_output_under_a_file_is_refused(capsys, tmp_path, filled_store) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    code, _, err = run(capsys, "export", "-o", str(a_file / "x.geojson"), "--store", filled_store)
    assert code == 1 and "is not a directory" in err and err.count("\n") == 1


def test_csv_has_a_bom_in_a_file_but_not_on_standard_output(tmp_path, filled_store) -> None:
    """The BOM helps a spreadsheet open a file; in a pipe the reader would take it for text."""
    cmd = [sys.executable, "-c", "from tracker.cli import main; main()"]
    piped = subprocess.run(cmd + ["export", "-o", "-", "--format", "csv", "--store", filled_store],
                           capture_output=True, check=True).stdout
    listed = subprocess.run(cmd + ["list", "--format", "csv", "--store", filled_store],
                            capture_output=True, check=True).stdout
    assert piped.startswith(b"id,") and listed.startswith(b"id,")
    out = tmp_path / "events.csv"
    subprocess.run(cmd + ["export", "-o", str(out), "--store", filled_store], capture_output=True,
                   check=True)
    assert out.read_bytes() == b"\xef\xbb\xbf" + piped  # the same rows, BOM only in the file


def test_import_into_a_database_never_prints_its_password(capsys, tmp_path, filled_store, pg_server):
    from ft_fixtures.store import fresh_schema_url

    out = tmp_path / "all.geojson"
    code, _, err = run(capsys, "export", "-o", str(out), "--store", filled_store)
    assert code == 0, err
    # The test server trusts local connections, so the password is carried but never checked.
    url = fresh_schema_url(pg_server).replace("postgres@", "postgres:s3cret@", 1)
    code, stdout, err = run(capsys, "import", str(out), "--store", url)
    assert code == 0, err
    assert "imported" in stdout and "s3cret" not in stdout + err
