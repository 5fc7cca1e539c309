"""What `frontline` says besides its output (issue 14, item 6), through the real command in a
subprocess: routine messages are plain one-line notes ("note: ..."), not `WARNING logger: ...`;
a sentence naming an unknown place fails in one line; -q silences notes, -vv keeps logger names;
and the gazetteer build states an honest estimate and, on a terminal, shows a progress line.
"""
from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gazetteer import index

UNKNOWN = "Xyzzyplace"
REPORT = ("Assessment, October 24, 2024\n\n"
          f"Russian forces recently advanced near Siversk and {UNKNOWN}.\n")


def frontline() -> list[str]:
    exe = shutil.which("frontline")
    return [exe] if exe else [sys.executable, "-c", "from tracker.cli import main; main()"]


def run(argv: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ)
    full.pop("FRONTLINE_STORE", None)
    full.update(env or {})
    return subprocess.run(frontline() + argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env=full, timeout=300)


@pytest.fixture
def work(tmp_path, gazetteer) -> Path:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


def test_log_of_a_sentence_with_an_unknown_place_is_one_line(work):
    res = run(["log", f"Russian forces advanced near {UNKNOWN}.", "--date", "2024-10-24",
               "--store", "s.gpkg"], work)
    assert res.returncode == 1
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr  # the error alone, not a WARNING line before it
    assert lines[0].startswith("frontline: error:") and UNKNOWN in lines[0]
    assert "not in the gazetteer" in lines[0] and "gazetteer add" in lines[0]  # why, and the cure
    assert not (work / "s.gpkg").exists() or res.stdout == ""


def test_log_that_stores_an_event_notes_the_place_it_left_out(work):
    res = run(["log", f"Russian forces advanced near Siversk and {UNKNOWN}.", "--date", "2024-10-24",
               "--store", "s.gpkg"], work)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("stored ")
    assert res.stderr.splitlines() == [l for l in res.stderr.splitlines() if l.startswith("note: ")]
    assert len(res.stderr.splitlines()) == 1 and UNKNOWN in res.stderr


def test_routine_messages_are_plain_notes(work):
    res = run(["extract", "r.txt", "--format", "table"], work)
    assert res.returncode == 0, res.stderr
    assert "Siversk" in res.stdout
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("note: r.txt: events left out at 1 place(s)") and UNKNOWN in lines[0]
    assert "WARNING" not in res.stderr and "tracker.extract" not in res.stderr


def test_quiet_silences_notes_and_verbose_keeps_them_plain(work):
    quiet = run(["-q", "extract", "r.txt", "--format", "table"], work)
    assert quiet.returncode == 0 and quiet.stderr == "" and "Siversk" in quiet.stdout
    verbose = run(["-v", "extract", "r.txt", "--format", "table"], work)
    lines = verbose.stderr.splitlines()
    assert verbose.returncode == 0 and len(lines) >= 2  # -v adds the info notes
    assert all(l.startswith("note: ") for l in lines), verbose.stderr
    assert any(f"no place for '{UNKNOWN}'" in l for l in lines)  # an INFO record, shown by -v
    debug = run(["-vv", "extract", "r.txt", "--format", "table"], work)
    assert debug.returncode == 0
    assert re.search(r"^WARNING tracker\.extract: r\.txt: events left out", debug.stderr, re.M)
    assert re.search(r"^INFO tracker\.extract\.resolve: no place for", debug.stderr, re.M)


def test_export_info_notes_with_v(work):
    run(["log", "Russian forces advanced near Siversk.", "--date", "2024-10-24", "--store", "s.gpkg"],
        work)
    res = run(["-v", "export", "--store", "s.gpkg", "-o", "e.geojson"], work)
    assert res.returncode == 0, res.stderr
    assert re.search(r"^note: exported 1 events \(0 areas\) as geojson to e\.geojson", res.stderr, re.M)
    assert "INFO" not in res.stderr and "tracker.export" not in res.stderr


# --- progress ----------------------------------------------------------------------------------
def _read_all(fd: int, proc: subprocess.Popen | None = None, seconds: float = 5.0) -> bytes:
    """Everything written to the pty's other end until the process ends (or ``seconds`` pass)."""
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the other end is closed
                break
            if not chunk:
                break
            out += chunk
        elif proc is not None and proc.poll() is not None:
            break
    return out


def test_progress_line_is_drawn_on_a_terminal_and_erased():
    master, slave = pty.openpty()
    try:
        with open(slave, "w", closefd=False) as tty:
            with index.showing_progress("testing work", "1-2 s", stream=tty, interval=0.05):
                index.progress("halfway", 5, 10)
                time.sleep(0.4)
        text = _read_all(master, seconds=0.5).decode()
    finally:
        os.close(master)
        os.close(slave)
    assert "\rtesting work: halfway [##########          ]  50% 0 s (usually 1-2 s)" in \
        text.replace("\x1b[K", "")
    assert text.endswith("\r\x1b[K")  # erased at the end: the next line starts clean


def test_progress_is_silent_when_not_a_terminal(tmp_path):
    with open(tmp_path / "log.txt", "w") as fh:
        with index.showing_progress("testing work", "1-2 s", stream=fh, interval=0.05):
            index.progress("halfway", 5, 10)
            time.sleep(0.2)
    assert (tmp_path / "log.txt").read_text() == ""


def _fresh_cache(tmp_path: Path) -> dict:
    return {"FRONTLINE_CACHE_DIR": str(tmp_path / "cache"), "FRONTLINE_DATA_DIR": str(tmp_path / "data")}


def test_gazetteer_build_notes_are_plain_with_an_honest_estimate(tmp_path):
    res = run(["gazetteer", "lookup", "Toretsk"], tmp_path, env=_fresh_cache(tmp_path))
    assert res.returncode == 0, res.stderr
    lines = res.stderr.splitlines()
    assert lines[0].startswith("note: building the gazetteer index from GeoNames cities500 "
                               "(once; about 20-40 s)")
    assert re.fullmatch(r"note: gazetteer index ready: [\d,]+ places in [\d.]+ s", lines[-1])
    assert "\r" not in res.stderr and "WARNING" not in res.stderr and "few seconds" not in res.stderr


def test_gazetteer_build_on_a_terminal_shows_progress(tmp_path):
    master, slave = pty.openpty()
    env = dict(os.environ, **_fresh_cache(tmp_path))
    env.pop("TERM", None)
    proc = subprocess.Popen(frontline() + ["gazetteer", "lookup", "Toretsk"], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    try:
        err = _read_all(master, proc, seconds=300).decode()
        proc.wait(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 0, err
    drawn = re.findall(r"\r\x1b\[Kbuilding the gazetteer index: (\d+) s \(usually 20-40 s\)", err)
    assert drawn and int(drawn[-1]) >= 1, err  # redrawn while the build ran, with the time so far
    # the notes still come out whole, each on its own line, the progress line erased before them
    notes = [l.split("\x1b[K")[-1] for l in err.replace("\r\n", "\n").split("\n") if "note:" in l]
    assert notes[0].startswith("note: building the gazetteer index") and "about 20-40 s" in notes[0]
    assert notes[-1].startswith("note: gazetteer index ready:")
    assert err.replace("\r\n", "\n").rstrip("\n").endswith(notes[-1])
