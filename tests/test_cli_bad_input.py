"""Bad input, through the real `frontline` command: one line on stderr, a non-zero exit, no
traceback, and the store exactly as it was.

Each case runs `frontline` in a subprocess against a store of 20 events (plus the gazetteer
the session builds), and counts the store's events and history rows before and after.
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ft_fixtures.store import make_event
from tracker.store import open_store

LONG = "a" * 100_000  # one argument may be 128 KiB on Linux: the 10 MB name goes through a file
BAD_URL = "postgresql://nobody@127.0.0.1:1/x"


def _frontline() -> list[str]:
    exe = shutil.which("frontline")
    return [exe] if exe else [sys.executable, "-c", "from tracker.cli import main; main()"]


@pytest.fixture(scope="module")
def work(tmp_path_factory, gazetteer) -> Path:
    """A folder with a store of 20 events and every kind of wrong file."""
    w = tmp_path_factory.mktemp("bad-input")
    with open_store(w / "s.gpkg") as s:
        events = [make_event(i) for i in range(20)]
        s.add(events, analyst="test")
    (w / "event_id").write_text(events[0].id)
    (w / "bin.dat").write_bytes(bytes(range(256)) * 8)
    (w / "empty.txt").write_bytes(b"")
    (w / "adir").mkdir()
    (w / "notgpkg.gpkg").write_text("hello\n")
    (w / "plain.txt").write_text("a plain file, not a folder\n")
    with open(w / "bigname.txt", "w") as fh:  # a 10 MB single-line name
        fh.write("a" * 10_000_000)
    (w / "other.csv").write_text("a,b\n1,2\n")
    (w / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [')
    return w


def _counts(store: Path) -> tuple[int, int]:
    con = sqlite3.connect(store)
    try:
        return (con.execute("SELECT COUNT(*) FROM events").fetchone()[0],
                con.execute("SELECT COUNT(*) FROM event_history").fetchone()[0])
    finally:
        con.close()


def _run(work: Path, argv: list[str], stdin: str | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("FRONTLINE_STORE", None)
    fin = open(work / stdin, "rb") if stdin else subprocess.DEVNULL
    try:
        return subprocess.run(_frontline() + argv, cwd=work, stdin=fin, capture_output=True,
                              env=env, timeout=timeout)
    finally:
        if stdin:
            fin.close()


S = ["--store", "s.gpkg"]
ID = "{id}"
SIVERSK = ["--side", "russia", "--kind", "advance", "--place", "Siversk", "--date", "2024-10-10"]

CASES: list[tuple[str, list[str], str | None]] = [
    # extract
    ("extract-missing", ["extract", "nofile.txt"], None),
    ("extract-dir", ["extract", "adir"], None),
    ("extract-binary", ["extract", "bin.dat"], None),
    ("extract-empty", ["extract", "empty.txt"], None),
    ("extract-10mb-line", ["extract", "bigname.txt"], None),
    ("extract-binary-stdin", ["extract", "-"], "bin.dat"),
    ("extract-long-name", ["extract", LONG], None),
    ("extract-bad-date", ["extract", "--report-date", "2024-13-45", "empty.txt"], None),
    ("extract-word-date", ["extract", "--report-date", "yesterday", "empty.txt"], None),
    ("extract-bad-format", ["extract", "--format", "unknown", "empty.txt"], None),
    # ingest
    ("ingest-missing", ["ingest", *S, "nofile.txt"], None),
    ("ingest-dir", ["ingest", *S, "adir"], None),
    ("ingest-binary", ["ingest", *S, "bin.dat"], None),
    ("ingest-empty", ["ingest", *S, "empty.txt"], None),
    ("ingest-10mb-line", ["ingest", *S, "bigname.txt"], None),
    ("ingest-stdin", ["ingest", *S, "-"], "bin.dat"),
    ("ingest-bad-date", ["ingest", *S, "--report-date", "2024-13-45", "empty.txt"], None),
    ("ingest-store-not-gpkg", ["ingest", "--store", "notgpkg.gpkg", "empty.txt"], None),
    ("ingest-store-dir", ["ingest", "--store", "adir", "empty.txt"], None),
    ("ingest-store-under-file", ["ingest", "--store", "plain.txt/x.gpkg", "empty.txt"], None),
    ("ingest-store-no-dir", ["ingest", "--store", "nodir/x.gpkg", "empty.txt"], None),
    ("ingest-store-long", ["ingest", "--store", LONG, "empty.txt"], None),
    ("ingest-store-url", ["ingest", "--store", BAD_URL, "empty.txt"], None),
    # log
    ("log-bad-date", ["log", *S, "--date", "2024-13-45", "Russian forces advanced near Siversk."], None),
    ("log-word-date", ["log", *S, "--date", "yesterday", "Russian forces advanced near Siversk."], None),
    ("log-binary-stdin", ["log", *S, "--date", "2024-10-10", "-"], "bin.dat"),
    ("log-10mb-stdin", ["log", *S, "--date", "2024-10-10", "-"], "bigname.txt"),
    ("log-no-event", ["log", *S, "--date", "2024-10-10", "hello world"], None),
    ("log-unknown-place", ["log", *S, *SIVERSK[:4], "--place", "Nowhereville", "--date", "2024-10-10"], None),
    ("log-long-place", ["log", *S, *SIVERSK[:4], "--place", LONG, "--date", "2024-10-10"], None),
    ("log-unknown-region", ["log", *S, *SIVERSK, "--region", "Narnia"], None),
    ("log-unknown-relation", ["log", *S, *SIVERSK, "--relation", "sideways of"], None),
    ("log-store-not-gpkg", ["log", "--store", "notgpkg.gpkg", *SIVERSK], None),
    ("log-store-url", ["log", "--store", BAD_URL, *SIVERSK], None),
    # edit, retract, history
    ("edit-unknown-id", ["edit", *S, "nosuchid", "--side", "ukraine", "--reason", "x"], None),
    ("edit-long-id", ["edit", *S, LONG, "--side", "ukraine", "--reason", "x"], None),
    ("edit-blank-reason", ["edit", *S, ID, "--side", "ukraine", "--reason", " "], None),
    ("edit-bad-date", ["edit", *S, ID, "--date", "2024-13-45", "--reason", "x"], None),
    ("edit-nan-lat", ["edit", *S, ID, "--lat", "nan", "--lon", "30", "--reason", "x"], None),
    ("edit-unknown-place", ["edit", *S, ID, "--place", "Nowhereville", "--reason", "x"], None),
    ("edit-unknown-relation", ["edit", *S, ID, "--relation", "sideways of", "--reason", "x"], None),
    ("edit-no-store", ["edit", "--store", "nostore.gpkg", ID, "--side", "ukraine", "--reason", "x"], None),
    ("edit-store-long", ["edit", "--store", LONG, ID, "--side", "ukraine", "--reason", "x"], None),
    ("retract-unknown-id", ["retract", *S, "nosuchid", "--reason", "x"], None),
    ("retract-empty-reason", ["retract", *S, ID, "--reason", ""], None),
    ("retract-store-url", ["retract", "--store", BAD_URL, ID, "--reason", "x"], None),
    ("history-unknown-id", ["history", *S, "nosuchid"], None),
    ("history-store-binary", ["history", "--store", "bin.dat", ID], None),
    # list (and the filters every reading command shares)
    ("list-bad-date", ["list", *S, "--since", "2024-13-45"], None),
    ("list-word-date", ["list", *S, "--until", "yesterday"], None),
    ("list-since-after-until", ["list", *S, "--since", "2024-10-20", "--until", "2024-10-01"], None),
    ("list-bbox-short", ["list", *S, "--bbox", "1,2,3"], None),
    ("list-bbox-reversed", ["list", *S, "--bbox", "40,50,30,45"], None),
    ("list-bbox-nan", ["list", *S, "--bbox", "nan,nan,nan,nan"], None),
    ("list-near-unknown", ["list", *S, "--near", "Nowhereville"], None),
    ("list-near-empty", ["list", *S, "--near", ""], None),
    ("list-near-off-globe", ["list", *S, "--near", "95,30"], None),
    ("list-within-negative", ["list", *S, "--near", "Siversk", "--within", "-5"], None),
    ("list-within-nan", ["list", *S, "--near", "Siversk", "--within", "nan"], None),
    ("list-within-alone", ["list", *S, "--within", "5"], None),
    ("list-bad-format", ["list", *S, "--format", "unknown"], None),
    ("list-no-store", ["list", "--store", "nostore.gpkg"], None),
    ("list-store-empty-file", ["list", "--store", "empty.txt"], None),
    ("list-store-long", ["list", "--store", LONG], None),
    ("list-store-url", ["list", "--store", BAD_URL], None),
    # map
    ("map-under-file", ["map", *S, "-o", "plain.txt/x.html"], None),
    ("map-no-dir", ["map", *S, "-o", "nodir/x.html"], None),
    ("map-dir", ["map", *S, "-o", "adir"], None),
    ("map-empty-name", ["map", *S, "-o", ""], None),
    ("map-long-name", ["map", *S, "-o", LONG], None),
    ("map-over-store", ["map", *S, "-o", "s.gpkg"], None),
    ("map-bad-step", ["map", *S, "--step", "month"], None),
    ("map-no-store", ["map", "--store", "nostore.gpkg", "-o", "m.html"], None),
    # export
    ("export-under-file", ["export", *S, "-o", "plain.txt/x.geojson"], None),
    ("export-no-dir", ["export", *S, "-o", "nodir/x.geojson"], None),
    ("export-dir", ["export", *S, "-o", "adir"], None),
    ("export-empty-name", ["export", *S, "-o", ""], None),
    ("export-long-name", ["export", *S, "-o", LONG + ".geojson"], None),
    ("export-over-store", ["export", *S, "-o", "s.gpkg"], None),
    ("export-unknown-ext", ["export", *S, "-o", "out.unknownext"], None),
    ("export-bad-format", ["export", *S, "-o", "-", "--format", "unknown"], None),
    ("export-bad-bbox", ["export", *S, "-o", "-", "--bbox", "a"], None),
    ("export-store-not-gpkg", ["export", "--store", "notgpkg.gpkg", "-o", "-"], None),
    ("export-store-url", ["export", "--store", BAD_URL, "-o", "-"], None),
    # import
    ("import-missing", ["import", *S, "nofile.geojson"], None),
    ("import-dir", ["import", *S, "adir"], None),
    ("import-binary", ["import", *S, "bin.dat"], None),
    ("import-10mb-line", ["import", *S, "bigname.txt", "--format", "geojson"], None),
    ("import-broken-json", ["import", *S, "broken.geojson"], None),
    ("import-other-csv", ["import", *S, "other.csv"], None),
    ("import-not-gpkg", ["import", *S, "notgpkg.gpkg"], None),
    ("import-long-name", ["import", *S, LONG], None),
    ("import-bad-format", ["import", *S, "broken.geojson", "--format", "unknown"], None),
    ("import-binary-stdin", ["import", *S, "-"], "bin.dat"),
    # gazetteer
    ("gz-lookup-unknown", ["gazetteer", "lookup", "Nowhereville"], None),
    ("gz-lookup-long", ["gazetteer", "lookup", LONG], None),
    ("gz-lookup-empty", ["gazetteer", "lookup", ""], None),
    ("gz-lookup-unknown-region", ["gazetteer", "lookup", "Siversk", "--region", "Narnia"], None),
    ("gz-lookup-bad-near", ["gazetteer", "lookup", "Siversk", "--near", "95,30"], None),
    ("gz-region-unknown", ["gazetteer", "region", "Narnia"], None),
    ("gz-import-missing", ["gazetteer", "import", "nofile.zip"], None),
    ("gz-import-dir", ["gazetteer", "import", "adir"], None),
    ("gz-import-binary", ["gazetteer", "import", "bin.dat"], None),
    ("gz-import-10mb-line", ["gazetteer", "import", "bigname.txt"], None),
    ("gz-import-long-name", ["gazetteer", "import", LONG], None),
    ("gz-add-off-globe", ["gazetteer", "add", "Testplace", "--lat", "95", "--lon", "30"], None),
    ("gz-add-empty-name", ["gazetteer", "add", "", "--lat", "48", "--lon", "37"], None),
    ("gz-suggest-empty", ["gazetteer", "suggest", ""], None),
    ("gz-unknown-command", ["gazetteer", "nosuch"], None),
    # demo, and the command itself
    ("demo-under-file", ["demo", "--out", "plain.txt/x"], None),
    ("demo-file", ["demo", "--out", "plain.txt"], None),
    ("demo-empty", ["demo", "--out", ""], None),
    ("unknown-command", ["nosuch"], None),
    ("unknown-option", ["--store", "x"], None),
]


@pytest.mark.parametrize("argv,stdin", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_changes_nothing(work, argv, stdin):
    store = work / "s.gpkg"
    event_id = (work / "event_id").read_text()
    argv = [event_id if a == ID else a for a in argv]
    before = _counts(store)
    res = _run(work, argv, stdin)
    err = res.stderr.decode("utf-8", "replace")
    assert res.returncode != 0, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert len(err) < 3000  # a 100 KB argument is not echoed whole
    assert _counts(store) == before
    assert not (work / "m.html").exists() and not (work / "x.geojson").exists()


def test_bare_command_shows_help_not_an_error(work):
    res = _run(work, [])
    err = res.stderr.decode()
    assert res.returncode == 2 and err.startswith("Usage: frontline") and "error:" not in err
    res = _run(work, ["gazetteer"])
    assert res.stderr.decode().startswith("Usage: frontline gazetteer")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> Path:
    """Far more output than a pipe buffer holds."""
    path = tmp_path_factory.mktemp("big") / "big.gpkg"
    with open_store(path) as s:
        s.add([make_event(i, place=f"Place {i}") for i in range(3000)], analyst="test")
    return path


@pytest.mark.parametrize("argv", [
    ["export", "-o", "-"],
    ["export", "-o", "-", "--format", "csv"],
    ["export", "-o", "-", "--format", "kml"],
    ["list"],
    ["list", "--format", "csv"],
    ["list", "--format", "geojson"],
], ids=" ".join)
def test_reader_closing_the_pipe_ends_quietly(big_store, argv):
    """`frontline ... | head -c 10`: exit 0, nothing on stderr (Python's advice: devnull on stdout)."""
    proc = subprocess.Popen(_frontline() + argv + ["--store", str(big_store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert len(first) == 10
    assert proc.returncode == 0, err
    assert err == ""


@pytest.mark.parametrize("argv", [
    ["extract", "--report-date", "2024-10-10", "-"],
    ["log", "--store", "s.gpkg", "--date", "2024-10-10", "-"],
], ids=lambda a: a[0])
def test_ctrl_c_is_one_line_and_exit_130(work, argv):
    store = work / "s.gpkg"
    before = _counts(store)
    proc = subprocess.Popen(_frontline() + argv, cwd=work, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(2)  # started, and waiting for the report on stdin
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err.decode() == "frontline: interrupted\n"
    assert _counts(store) == before
