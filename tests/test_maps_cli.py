"""`frontline map`: stored events -> HTML file, filters, and one-line errors."""
from __future__ import annotations

import json
import re

import pytest

from ft_fixtures.maps import sample_events
from tracker.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def _fill(location: str) -> list:
    from tracker.store import open_store

    events = sample_events()
    s = open_store(location)
    try:
        s.add(events, analyst="test")
    finally:
        s.close()
    return events


def _data(path) -> dict:
    page = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="frontline-data-[^"]+">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_map_writes_every_stored_event(tmp_path, capsys, store_location):
    events = _fill(store_location)
    out = tmp_path / "map.html"
    code, _, err = _run(capsys, "map", "--store", store_location, "-o", str(out), "--tiles", "none",
                        "--title", "Kursk and Donetsk")
    assert code == 0, err
    assert f"wrote {out}: {len(events)} events" in err and "self-contained" in err
    data = _data(out)
    assert len(data["ev"]["id"]) == len(events)
    assert sorted(data["ev"]["id"]) == sorted(e.id for e in events)
    assert "<title>Kursk and Donetsk (2024-10-01 – 2024-10-24)</title>" in out.read_text(encoding="utf-8")


def test_map_filters_like_list(tmp_path, capsys):
    store = str(tmp_path / "events.gpkg")
    events = _fill(store)
    out = tmp_path / "ua.html"
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(out), "--side", "ukraine",
                        "--since", "2024-10-02", "--step", "week", "--cdn")
    assert code == 0, err
    data = _data(out)
    want = [e for e in events if e.side == "ukraine" and e.event_date >= "2024-10-02"]
    assert sorted(data["ev"]["id"]) == sorted(e.id for e in want)
    assert {layer["key"] for layer in data["layers"]} == {"ukraine-advance"}
    assert data["unit"] == "week"
    assert "cdn.jsdelivr.net/npm/leaflet@" in out.read_text(encoding="utf-8")


def test_no_matching_events_writes_an_empty_map_with_a_note(tmp_path, capsys):
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    out = tmp_path / "none.html"
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(out), "--since", "2030-01-01")
    assert code == 0
    assert "no stored events match" in err
    assert _data(out)["layers"] == []


@pytest.mark.parametrize("args, message", [
    (["--store", "{tmp}/missing.gpkg"], "no store at"),
    (["-o", "{tmp}/no/such/dir/map.html"], "does not exist"),
    (["-o", "{tmp}"], "is a directory"),
    (["--tiles", "no-such-provider"], "cannot use tiles"),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path, capsys, args, message):
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    before = (tmp_path / "events.gpkg").read_bytes()
    argv = ["map", "--store", store, "-o", str(tmp_path / "m.html")] + [a.format(tmp=tmp_path) for a in args]
    code, out, err = _run(capsys, *argv)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("frontline: error:") and message in lines[0], err
    assert "Traceback" not in err
    assert (tmp_path / "events.gpkg").read_bytes() == before
    assert not (tmp_path / "m.html").exists()


def test_map_refuses_to_overwrite_the_store(tmp_path, capsys):
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    before = (tmp_path / "events.gpkg").read_bytes()
    code, _, err = _run(capsys, "map", "--store", store, "-o", store)
    assert code == 1 and "over the store itself" in err
    assert (tmp_path / "events.gpkg").read_bytes() == before


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    code, _, err = _run(capsys, "map", "--store", str(tmp_path / "x.gpkg"), "--since", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_self_contained_is_printed_only_when_no_request_is_made(tmp_path, capsys):
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    out = tmp_path / "m.html"
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(out))
    assert code == 0 and "self-contained" in err
    assert "tile.openstreetmap.org" not in out.read_text(encoding="utf-8")
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(out), "--tiles", "osm")
    assert code == 0 and "self-contained" not in err and "needs a network for tiles" in err
    assert "tile.openstreetmap.org" in out.read_text(encoding="utf-8")


def test_map_writes_a_png_of_the_size_asked(tmp_path, capsys):
    from PIL import Image

    store = str(tmp_path / "events.gpkg")
    events = _fill(store)
    out = tmp_path / "front.png"
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(out), "--width", "6", "--height", "4",
                        "--dpi", "50", "--title", "Front")
    assert code == 0, err
    assert f"wrote {out}: {len(events)} events" in err
    assert Image.open(out).size == (300, 200)


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/front.png", "--dpi", "1"], "dpi"),
    (["-o", "{tmp}/front.png", "--width", "0"], "size"),
    (["-o", "{tmp}/no/such/dir/front.png"], "does not exist"),
])
def test_bad_picture_options_are_one_line(tmp_path, capsys, args, message):
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    code, _, err = _run(capsys, "map", "--store", store, *[a.format(tmp=tmp_path) for a in args])
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("frontline: error:") and message in lines[0], err
    assert not (tmp_path / "front.png").exists()


def test_cdn_says_it_needs_a_network_when_the_map_is_opened(tmp_path, capsys):
    code, out, _ = _run(capsys, "map", "--help")
    assert code == 0
    help_text = " ".join(out.split())
    assert "--cdn" in help_text and "needs a network whenever the map is opened" in help_text
    store = str(tmp_path / "events.gpkg")
    _fill(store)
    code, _, err = _run(capsys, "map", "--store", store, "-o", str(tmp_path / "m.html"), "--cdn")
    assert code == 0 and "self-contained" not in err
    assert "needs a network for Leaflet when opened (without --cdn it opens offline)" in err
