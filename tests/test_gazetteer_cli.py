"""`frontline gazetteer ...` through the real entry point (errors become one line and an exit code)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tracker.cli import main

REQUIRED = ("id", "name", "kind", "country", "admin1", "lat", "lon", "score", "reason")


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_lookup_json_shape(gazetteer, capsys):
    code, out, err = run(capsys, "gazetteer", "lookup", "Dzerzhinsk", "--region", "Donetsk Oblast",
                         "--format", "json", "--limit", "3")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list) and 1 <= len(rows) <= 3
    for row in rows:
        assert all(k in row for k in REQUIRED)
    best = rows[0]
    assert (best["id"], best["name"], best["kind"], best["country"], best["admin1"]) == \
        ("geonames:709354", "Toretsk", "settlement", "UA", "Donetsk Oblast")
    assert (round(best["lat"], 2), round(best["lon"], 2)) == (48.39, 37.85)
    assert "given region" in best["reason"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True) or rows[0]["score"] == 100


def test_lookup_near_and_kind(gazetteer, capsys):
    code, out, _ = run(capsys, "gazetteer", "lookup", "Pokrovsk", "--near", "62.03,129.73", "--format", "json")
    assert code == 0 and json.loads(out)[0]["admin1"] == "Sakha Republic"
    code, out, _ = run(capsys, "gazetteer", "lookup", "Baranovsky", "--kind", "training_ground", "--format", "json")
    assert code == 0 and json.loads(out)[0]["id"] == "tg:baranovsky"


def test_lookup_table(gazetteer, capsys):
    code, out, _ = run(capsys, "gazetteer", "lookup", "Kursk Oblast")
    assert code == 0
    header, first = out.splitlines()[:2]
    assert header.split()[:3] == ["score", "id", "name"]
    assert "region:RU-KRS" in first


def test_no_match_is_one_line_with_suggestions(gazetteer, capsys):
    code, out, err = run(capsys, "gazetteer", "lookup", "Toretskxyz")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("frontline: error: no place matches 'Toretskxyz'")
    assert "did you mean Toretsk" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args, needle", [
    (["gazetteer", "lookup", ""], "empty place name"),
    (["gazetteer", "lookup", "x" * 10_000_000], "characters long"),
    (["gazetteer", "lookup", "\udcff\udcfe"], "control characters or binary"),
    (["gazetteer", "lookup", "Toretsk", "--region", "Narnia"], "unknown region 'Narnia'"),
    (["gazetteer", "region", "Narnia"], "unknown region"),
    (["gazetteer", "add", "Somewhere", "--lat", "123", "--lon", "37"], "not a latitude/longitude"),
    (["gazetteer", "import", "/nonexistent/UA.zip"], "no such file"),
])
def test_bad_input_is_one_line(gazetteer, capsys, args, needle):
    code, out, err = run(capsys, *args)
    assert code == 1
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err
    assert len(err) < 400


def test_usage_errors_exit_2(gazetteer, capsys):
    code, _, err = run(capsys, "gazetteer", "lookup", "Toretsk", "--near", "north")
    assert code == 2 and "LAT,LON" in err
    code, _, _ = run(capsys, "gazetteer", "lookup", "Toretsk", "--limit", "0")
    assert code == 2


def test_binary_argument_in_a_real_process(gazetteer, tmp_path):
    # undecodable bytes on the command line, as a shell would pass them
    code = "import sys; from tracker.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, "gazetteer", "lookup", b"\xff\xfe\xfa"],
                          capture_output=True, env=os.environ.copy(), timeout=120)
    assert proc.returncode == 1
    err = proc.stderr.decode("utf-8", "replace")
    assert err.count("\n") == 1 and "binary" in err


def test_region_and_info(gazetteer, capsys):
    code, out, _ = run(capsys, "gazetteer", "region", "Buryatia", "--format", "json")
    assert code == 0 and json.loads(out)["id"] == "region:RU-BU"
    code, out, _ = run(capsys, "gazetteer", "info")
    info = json.loads(out)
    assert code == 0 and info["places"]["settlement/base"] > 200_000


def test_cold_cli_does_not_import_heavy_libraries(gazetteer):
    code = ("import sys; from tracker.cli import main\n"
            "try:\n    main(['gazetteer', 'lookup', 'Toretsk'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('geopandas', 'pandas', 'shapely', 'folium', 'geopy', 'pyogrio') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_unwritable_cache_dir_is_one_line(gazetteer, tmp_path):
    env = dict(os.environ, FRONTLINE_CACHE_DIR=str(tmp_path / "file" / "cache"))
    (tmp_path / "file").write_text("not a directory")
    proc = subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "gazetteer", "lookup",
                           "Toretsk"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "FRONTLINE_CACHE_DIR" in proc.stderr
