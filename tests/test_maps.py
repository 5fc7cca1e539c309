"""maps.render_map / save_map without a browser: structure, assets, data, errors."""
from __future__ import annotations

import json
import re

import pytest

import maps
from ft_fixtures.maps import HOSTILE_QUOTE, PAYLOADS, TORETSK, map_events, map_gdf, sample_events  # noqa: F401
from maps.errors import MapError
from maps.layers import encode_events, script_json
from maps.timeslider import time_steps
from tracker.frame import to_geodataframe


def _html(gdf, **kw) -> str:
    kw.setdefault("tiles", None)
    return maps.map_html(maps.render_map(gdf, **kw))


def _data_block(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="frontline-data-[^"]+">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_self_contained_map_loads_nothing_from_the_network(map_gdf):
    page = _html(map_gdf)
    assert not re.findall(r'<script[^>]+src=', page)
    assert not re.findall(r'<link[^>]+href=', page)
    assert "L.version" in page or 't.version="' in page  # Leaflet itself is inlined
    # the only image references are data URIs (leaflet.css icons)
    assert not re.findall(r"url\((?!data:|#default#VML)", page)


def test_cdn_map_links_leaflet_instead_of_inlining(map_gdf):
    page = _html(map_gdf, cdn=True)
    from maps.assets import leaflet_version

    v = leaflet_version()
    assert f'src="https://cdn.jsdelivr.net/npm/leaflet@{v}/dist/leaflet.js"' in page
    assert f'href="https://cdn.jsdelivr.net/npm/leaflet@{v}/dist/leaflet.css"' in page
    assert len(page) < len(_html(map_gdf)) - 100_000
    for unused in ("bootstrap", "font-awesome", "fontawesome", "jquery"):
        assert unused not in page.lower()


def test_one_layer_per_side_and_kind_in_the_layer_control(map_gdf, map_events):
    page = _html(map_gdf)
    data = _data_block(page)
    keys = [layer["key"] for layer in data["layers"]]
    expected = {f"{e.side}-{e.kind}" for e in map_events}
    assert sorted(keys) == sorted(expected)
    assert sum(layer["count"] for layer in data["layers"]) == len(map_events)
    assert "Ukrainian advances (2)" in page
    assert "Russian attacks (2)" in page
    assert "North Korean deployments and training grounds (1)" in page
    assert "L.control.layers" in page


def test_coordinates_keep_latitude_and_longitude_apart():
    name, lat, lon = TORETSK
    gdf = to_geodataframe([e for e in sample_events() if e.place == name])
    data = encode_events(gdf).data
    assert data["ev"]["lat"] == [lat] and data["ev"]["lon"] == [lon]


def test_events_are_grouped_by_layer_and_ordered_by_date(map_gdf):
    data = encode_events(map_gdf).data
    ev, strings = data["ev"], data["strings"]
    for layer in data["layers"]:
        dates = [strings[ev["event_date"][i]] for i in range(layer["start"], layer["end"])]
        assert dates == sorted(dates)
        assert {ev["layer"][i] for i in range(layer["start"], layer["end"])} == {data["layers"].index(layer)}
        assert layer["cum"][-1] == layer["count"]
        assert layer["cum"] == sorted(layer["cum"])


def test_time_steps_accumulate_by_day_or_week():
    unit, labels, index = time_steps(["2024-10-03", "2024-10-01", "2024-10-03"], "day")
    assert unit == "day" and labels == ["2024-10-01", "2024-10-02", "2024-10-03"]
    assert list(index) == [2, 0, 2]
    # 2024-10-01 is a Tuesday: its week ends on Sunday 2024-10-06; the last label is the last date.
    unit, labels, index = time_steps(["2024-10-01", "2024-10-07", "2024-10-15"], "week")
    assert unit == "week" and labels == ["2024-10-06", "2024-10-13", "2024-10-15"]
    assert list(index) == [0, 1, 2]
    assert time_steps(["2023-01-01", "2024-12-31"], "auto")[0] == "week"
    assert time_steps(["2024-10-01", "2024-10-24"], "auto")[0] == "day"


def test_slider_counts_match_the_events_dated_through_each_step(map_gdf, map_events):
    data = encode_events(map_gdf, step="day").data
    for s, label in enumerate(data["steps"]):
        shown = sum(layer["cum"][s] for layer in data["layers"])
        assert shown == sum(1 for e in map_events if e.event_date <= label)


def test_report_text_never_appears_as_markup(map_gdf):
    page = _html(map_gdf, title="Title " + PAYLOADS[0])
    for payload in PAYLOADS[:2]:
        assert payload not in page
    # exactly the script elements we wrote: no report text closed one early
    data = _data_block(page)
    assert HOSTILE_QUOTE in data["strings"]
    assert "<title>Title &lt;img" in page


def test_script_json_cannot_close_a_script_element():
    text = script_json({"q": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"q": "</script><!-- & \u2028"}


def test_title_carries_the_date_range(map_gdf):
    page = _html(map_gdf, title="Donetsk front")
    assert "<title>Donetsk front (2024-10-01 – 2024-10-24)</title>" in page
    assert '"Donetsk front"' in page and "2024-10-01 \\u2013 2024-10-24" in page


def test_legend_lists_only_what_is_on_the_map(map_events):
    gdf = to_geodataframe([e for e in map_events if e.side == "ukraine"])
    page = _html(gdf)
    legend = json.loads(re.search(r"\.addLegend\((\{.*?\})\);", page, re.S).group(1))
    labels = [item["label"] for section in legend["sections"] for item in section["items"]]
    assert "Ukraine" in labels and "Russia" not in labels and "North Korea" not in labels
    assert any("region" in label for label in labels)


def test_empty_frame_renders_an_empty_map():
    page = _html(to_geodataframe([]))
    data = _data_block(page)
    assert data["layers"] == [] and data["ev"]["lat"] == []
    assert "no events" in page


def test_frame_without_required_columns_is_refused(map_gdf):
    with pytest.raises(MapError, match="lacks column"):
        maps.render_map(map_gdf.drop(columns=["side"]), tiles=None)


def test_bad_event_date_is_refused_with_the_date(map_gdf):
    map_gdf.loc[0, "event_date"] = "yesterday"
    with pytest.raises(MapError, match="'yesterday' is not an ISO date"):
        maps.render_map(map_gdf, tiles=None)


def test_projected_frame_is_brought_back_to_wgs84(map_gdf):
    name, lat, lon = TORETSK
    data = encode_events(map_gdf.to_crs("EPSG:3857")).data
    pairs = set(zip(data["ev"]["lat"], data["ev"]["lon"]))
    assert (lat, lon) in pairs


def test_unknown_tiles_are_a_map_error(map_gdf):
    with pytest.raises(MapError, match="cannot use tiles"):
        maps.render_map(map_gdf, tiles="no-such-provider")


def test_tile_url_template_is_credited_to_its_host(map_gdf):
    page = _html(map_gdf, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "tiles.example.org" in page


def test_save_map_writes_atomically_and_reports_bad_paths(tmp_path, map_gdf):
    m = maps.render_map(map_gdf, tiles=None)
    out = maps.save_map(m, tmp_path / "map.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    with pytest.raises(MapError, match="does not exist"):
        maps.save_map(m, tmp_path / "missing" / "map.html")
    with pytest.raises(MapError, match="is a directory"):
        maps.save_map(m, tmp_path)


def test_importing_maps_does_not_import_folium():
    import subprocess
    import sys

    code = "import sys, maps; print('folium' in sys.modules, 'geopandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__('pathlib').Path(__file__).resolve().parent.parent))
    assert out.stdout.split() == ["False", "False"]


def test_retracted_events_are_marked_and_explained(map_events):
    events = [map_events[0].replace(retracted=True)] + map_events[1:]
    page = _html(to_geodataframe(events))
    data = _data_block(page)
    assert sum(data["ev"]["retracted"]) == 1
    assert "retracted by an analyst" in page
    assert "retracted by an analyst" not in _html(to_geodataframe(map_events))


def test_hidden_layers_start_switched_off(map_gdf):
    page = _html(map_gdf, hidden_layers=("russia-attack",))
    names = re.findall(r"var (event_layer_\w+) = ", page)
    added = set(re.findall(r"(event_layer_\w+)\.addTo\(", page))
    assert len(names) == len(_data_block(page)["layers"])
    assert len(added) == len(names) - 1


def test_template_syntax_in_report_text_stays_literal(map_events):
    # The page is assembled with Jinja: report text must never be parsed as a template.
    text = "{{ 7*7 }} {% if true %}x{% endif %} {# c #}"
    events = [map_events[0].replace(quote=text, place="{{ cycler.__init__ }}")] + map_events[1:]
    page = _html(to_geodataframe(events), title="{{ 6*7 }}")
    data = _data_block(page)
    assert text in data["strings"] and "{{ cycler.__init__ }}" in data["strings"]
    assert "{{ 6*7 }}" in page and ">42<" not in page


def test_layer_names_from_data_are_escaped_for_the_layer_control(map_events):
    events = [map_events[0].replace(side="<b onmouseover=alert(1)>wagner</b>")] + map_events[1:]
    page = _html(to_geodataframe(events))
    assert "<b onmouseover" not in page
    assert "&lt;B Onmouseover=Alert(1)&gt;Wagner&lt;/B&gt; advances (1)" in page.replace("\\u0026", "&")
