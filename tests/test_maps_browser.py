"""Generated maps in headless Chromium with every network request blocked.

Markers must draw, a layer toggle must hide them, the slider must change what
is visible, popups must show report text as text, and nothing may log an error.
"""
from __future__ import annotations

import pytest

import maps
from ft_fixtures.maps import HOSTILE_QUOTE, PAYLOADS, VUHLEDAR, map_events, map_gdf  # noqa: F401

pytestmark = pytest.mark.browser

# Non-transparent pixels on the event canvases (one per shown layer).
PAINTED = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const out = {};
    for (const c of document.querySelectorAll('canvas.fl-events')) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
        out[c.dataset.layer] = n;
    }
    resolve(out);
})))"""


# Non-transparent pixels on the base map canvas.
BASE_PAINTED = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const c = document.querySelector('canvas.fl-base');
    if (!c) { resolve(0); return; }
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    resolve(n);
})))"""


@pytest.fixture
def map_page(tmp_path, offline_page, map_gdf):
    path = maps.save_map(maps.render_map(map_gdf, title="Test map", tiles=None), tmp_path / "map.html")
    offline_page.open(path)
    offline_page.page.wait_for_function("window.frontline !== undefined")
    return offline_page


def _visible(op) -> int:
    return op.page.evaluate("frontline.visibleCount()")


def test_markers_draw_offline_without_errors(map_page, map_events):
    painted = map_page.page.evaluate(PAINTED)
    layers = {f"{e.side}-{e.kind}" for e in map_events}
    assert set(painted) == layers
    assert all(n > 0 for n in painted.values()), painted
    assert _visible(map_page) == len(map_events)
    assert map_page.page.locator(".fl-title-main").inner_text() == "Test map"
    assert "2024-10-01 – 2024-10-24" in map_page.page.locator(".fl-title-sub").inner_text()
    assert map_page.page.locator(".fl-legend").is_visible()
    assert map_page.errors() == [] and map_page.blocked == []


def test_layer_toggle_hides_and_shows_its_events(map_page, map_events):
    page = map_page.page
    russian_advances = sum(1 for e in map_events if (e.side, e.kind) == ("russia", "advance"))
    box = page.locator(".leaflet-control-layers-overlays label", has_text="Russian advances").locator("input")
    box.click()
    painted = page.evaluate(PAINTED)
    assert "russia-advance" not in painted and all(n > 0 for n in painted.values())
    assert _visible(map_page) == len(map_events) - russian_advances
    box.click()
    assert page.evaluate(PAINTED)["russia-advance"] > 0
    assert _visible(map_page) == len(map_events)
    assert map_page.errors() == []


def test_slider_shows_events_accumulating(map_page, map_events):
    page = map_page.page
    before = sum(page.evaluate(PAINTED).values())
    slider = page.locator(".fl-range")
    slider.focus()
    slider.press("Home")  # the first day
    first_day = min(e.event_date for e in map_events)
    assert _visible(map_page) == sum(1 for e in map_events if e.event_date == first_day)
    assert f"through {first_day}" in page.locator(".fl-slider-label").inner_text()
    assert sum(page.evaluate(PAINTED).values()) < before
    for _ in range(14):
        slider.press("ArrowRight")
    assert _visible(map_page) == sum(1 for e in map_events if e.event_date <= "2024-10-15")
    page.locator(".fl-all").click()
    assert _visible(map_page) == len(map_events)
    assert "all dates" in page.locator(".fl-slider-label").inner_text()
    assert sum(page.evaluate(PAINTED).values()) == before
    assert map_page.errors() == []


def test_popup_shows_report_text_as_text_and_runs_nothing(map_page):
    page = map_page.page
    _, lat, lon = VUHLEDAR
    page.evaluate(f"frontline.map.setView([{lat}, {lon}], 11, {{animate: false}})")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate(f"frontline.map.latLngToContainerPoint([{lat}, {lon}])")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = page.locator(".leaflet-popup-content .fl-popup")
    popup.wait_for(timeout=5000)
    assert popup.locator(".fl-quote").inner_text() == HOSTILE_QUOTE
    text = popup.inner_text()
    for payload in PAYLOADS:
        assert payload in text
    assert "claimed" in text and "Russian advance" in text and "Event id" in text
    # a javascript: source stays text; the http(s) one is a link
    hrefs = popup.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/other?a=1&b=<x>"]
    assert "javascript:window.__pwned=6" in text
    assert popup.locator("img, script").count() == 0
    page.wait_for_timeout(300)  # an injected <img onerror> fires once its load fails
    assert page.evaluate("window.__pwned") is None
    assert map_page.dialogs == [] and map_page.errors() == []


def test_events_and_base_draw_when_opt_in_tiles_cannot_load(tmp_path, offline_page, map_gdf):
    path = maps.save_map(maps.render_map(map_gdf, tiles="osm"), tmp_path / "tiles.html")
    offline_page.open(path)
    offline_page.page.wait_for_function("window.frontline !== undefined")
    assert all(n > 0 for n in offline_page.page.evaluate(PAINTED).values())
    assert offline_page.page.evaluate(BASE_PAINTED) > 100_000
    assert offline_page.blocked and all("tile.openstreetmap.org" in u for u in offline_page.blocked)
    assert offline_page.page_errors == []


def test_uncertainty_circle_draws_once_zoomed_in(map_page):
    from ft_fixtures.maps import CHASIV_YAR

    page = map_page.page
    _, lat, lon = CHASIV_YAR
    page.evaluate(f"frontline.map.setView([{lat}, {lon}], 7, {{animate: false}})")
    far = page.evaluate(PAINTED)["russia-attack"]
    page.evaluate(f"frontline.map.setView([{lat}, {lon}], 10, {{animate: false}})")
    near = page.evaluate(PAINTED)["russia-attack"]
    # a 20 km circle is ~190 px across at zoom 10: far more pixels than two markers
    assert near > 20 * far and near > 50_000
    assert map_page.errors() == []


def _gold_events():
    """Events from the labelled dev set's gold answers (real places, sides, statuses, dates)."""
    import json

    from conftest import SHARED_EXAMPLES
    from tracker.event import Event

    path = SHARED_EXAMPLES / "dev-sentences.jsonl"
    if not path.exists():
        pytest.skip(f"{path} does not exist (the shared examples are not next to this checkout)")
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for g in item["events"]:
            if g.get("lat") is None or g.get("lon") is None:
                continue
            region = bool(g.get("region_level"))
            events.append(Event(
                side=g["side"], kind=g["kind"], status=g.get("status"), claimant=g.get("claimant"),
                place=g["place"], place_name=g.get("gold_name"), admin1=g.get("admin1"),
                relation=g.get("relation") or "in", lat=float(g["lat"]), lon=float(g["lon"]),
                precision="region" if region else ("near" if g.get("relation") == "near" else "point"),
                uncertainty_km=100.0 if region else 5.0, event_date=item["report_date"],
                report_date=item["report_date"], source=f"dev-sentences.jsonl#{item['id']}",
                quote=item["text"]))
    return events


def test_dev_set_gold_events_render_over_four_years(tmp_path, offline_page):
    from tracker.frame import to_geodataframe

    events = _gold_events()
    assert len(events) > 100
    path = maps.save_map(maps.render_map(to_geodataframe(events), tiles=None), tmp_path / "gold.html")
    offline_page.open(path)
    page = offline_page.page
    page.wait_for_function("window.frontline !== undefined")
    assert page.evaluate("frontline.data.unit") == "week"
    assert _visible(offline_page) == len(events)
    assert sum(page.evaluate(PAINTED).values()) > 0
    slider = page.locator(".fl-range")
    slider.focus()
    slider.press("Home")
    first = min(e.event_date for e in events)
    assert _visible(offline_page) == sum(1 for e in events if e.event_date <= page.evaluate("frontline.data.steps[0]"))
    assert 0 < _visible(offline_page) < len(events) and first <= page.evaluate("frontline.data.steps[0]")
    assert offline_page.errors() == [] and offline_page.blocked == []


def test_events_on_the_same_spot_share_one_popup_newest_first(map_page, map_events):
    from ft_fixtures.maps import KURSK_OBLAST

    page = map_page.page
    _, lat, lon = KURSK_OBLAST
    here = sorted((e for e in map_events if (e.lat, e.lon) == (lat, lon)), key=lambda e: e.event_date,
                  reverse=True)
    assert len(here) == 2
    page.evaluate(f"frontline.map.setView([{lat}, {lon}], 9, {{animate: false}})")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate(f"frontline.map.latLngToContainerPoint([{lat}, {lon}])")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.locator(".fl-popup-list").wait_for(timeout=5000)
    assert page.locator(".fl-popup-count").inner_text() == "2 events here"
    ids = page.locator(".fl-popup").evaluate_all("els => els.map(e => e.dataset.eventId)")
    assert ids == [e.id for e in here]
    # hiding one layer leaves one event under the cursor
    page.evaluate("frontline.map.closePopup()")  # its close button may sit under the title
    page.wait_for_function("document.querySelectorAll('.fl-popup').length === 0")  # fades out
    page.locator(".leaflet-control-layers-overlays label",
                 has_text="North Korean deployments").locator("input").click()
    point = page.evaluate(f"frontline.map.latLngToContainerPoint([{lat}, {lon}])")  # popups auto-pan
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.locator(".fl-popup").first.wait_for(timeout=5000)
    assert page.locator(".fl-popup-list").count() == 0
    assert page.locator(".fl-popup").evaluate_all("els => els.map(e => e.dataset.eventId)") == [here[0].id]
    assert map_page.errors() == []


def test_play_button_steps_through_time_and_pauses(map_page, map_events):
    page = map_page.page
    play = page.locator(".fl-play")
    play.click()  # from the all-time view, playing starts again at the first day
    first_day = min(e.event_date for e in map_events)
    assert f"through {first_day}" in page.locator(".fl-slider-label").inner_text()
    page.wait_for_function("frontline.step >= 2", timeout=10_000)
    play.click()
    paused_at = page.evaluate("frontline.step")
    page.wait_for_timeout(1000)
    assert page.evaluate("frontline.step") == paused_at
    assert play.inner_text() == "▶"
    assert map_page.errors() == []


def test_cdn_map_opened_offline_says_why_instead_of_script_errors(tmp_path, offline_page, map_gdf):
    # --cdn links Leaflet; with no network the page must explain, not throw "L is not defined"
    path = maps.save_map(maps.render_map(map_gdf, title="CDN map", cdn=True), tmp_path / "cdn.html")
    offline_page.open(path)
    note = offline_page.page.locator(".fl-no-leaflet")
    note.wait_for(state="visible")
    assert "--cdn" in note.inner_text() and "network" in note.inner_text()
    assert offline_page.page_errors == []  # no script ran into the missing Leaflet
    assert any("cdn.jsdelivr.net" in url for url in offline_page.blocked)
    # the only console error left is the browser's own for the download it could not make
    assert all("Failed to load resource" in e for e in offline_page.console_errors), offline_page.console_errors


def test_cdn_map_works_when_leaflet_arrives(tmp_path, offline_page, map_gdf, map_events):
    import pathlib

    import xstatic.pkg.leaflet as xleaflet

    base = pathlib.Path(xleaflet.BASE_DIR)

    def serve(route) -> None:  # the CDN, answered from the same Leaflet release on disk
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(path=str(base / name),
                      content_type="text/css" if name.endswith(".css") else "application/javascript")

    offline_page.page.route("https://cdn.jsdelivr.net/**", serve)
    path = maps.save_map(maps.render_map(map_gdf, title="CDN map", cdn=True), tmp_path / "cdn.html")
    offline_page.open(path)
    offline_page.page.wait_for_function("window.frontline !== undefined")
    painted = offline_page.page.evaluate(PAINTED)
    assert painted and all(n > 0 for n in painted.values()), painted
    assert _visible(offline_page) == len(map_events)
    assert offline_page.page.locator(".fl-no-leaflet").count() == 0
    assert offline_page.errors() == [] and offline_page.blocked == []
