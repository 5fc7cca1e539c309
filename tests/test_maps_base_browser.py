"""The offline base map in headless Chromium with every request blocked: it draws, places are
named, the first view holds the main cluster, and far-away events are one click away."""
from __future__ import annotations

import pytest

import maps
from ft_fixtures.maps import KURSK_OBLAST, map_events, map_gdf, sample_events  # noqa: F401
from tracker.event import Event
from tracker.frame import to_geodataframe

pytestmark = pytest.mark.browser

# Pixels of the base canvas by what they are: land, water and dark border strokes.
BASE_PIXELS = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const c = document.querySelector('canvas.fl-base');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const near = (i, r, g, b, t) => Math.abs(d[i] - r) <= t && Math.abs(d[i + 1] - g) <= t && Math.abs(d[i + 2] - b) <= t;
    let land = 0, river = 0, border = 0;
    for (let i = 0; i < d.length; i += 4) {
        if (!d[i + 3]) continue;
        if (near(i, 0xf4, 0xf1, 0xe8, 3)) land++;
        else if (near(i, 0x6f, 0x9c, 0xc7, 25)) river++;
        else if (near(i, 0x4a, 0x4a, 0x4a, 25)) border++;
    }
    resolve({land, river, border});
})))"""


def _open(tmp_path, offline_page, gdf, name="map.html", **kw):
    path = maps.save_map(maps.render_map(gdf, **kw), tmp_path / name)
    offline_page.open(path)
    offline_page.page.wait_for_function("window.frontline !== undefined && frontline.base !== undefined")
    offline_page.page.wait_for_timeout(200)
    return offline_page.page


def _labels(page, kind=None) -> list[str]:
    labels = page.evaluate("frontline.drawnLabels()")
    return [lab["text"] for lab in labels if kind is None or lab["kind"] == kind]


def test_base_draws_offline_by_default_with_no_request_or_error(tmp_path, offline_page, map_gdf):
    page = _open(tmp_path, offline_page, map_gdf)
    px = page.evaluate(BASE_PIXELS)
    assert px["land"] > 200_000 and px["river"] > 500 and px["border"] > 500, px
    assert offline_page.blocked == [] and offline_page.errors() == []


def test_event_places_and_towns_are_named_without_a_click(tmp_path, offline_page, map_gdf):
    page = _open(tmp_path, offline_page, map_gdf)
    events = _labels(page, "event")
    assert {"Pokrovsk", "Kupyansk", "Chasiv Yar", "Kursk Oblast"} <= set(events), events
    towns = _labels(page, "town")
    assert "Kharkiv" in towns and len(towns) >= 10
    assert {"Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast"} & set(_labels(page, "region"))
    # labels do not overlap: each one's text box is apart from the others
    boxes = page.evaluate("frontline.drawnLabels()")
    assert len({(round(b["x"]), round(b["y"])) for b in boxes}) == len(boxes)
    # zooming in names smaller towns
    page.evaluate("frontline.map.setView([48.39, 37.85], 10, {animate: false})")
    page.wait_for_timeout(300)
    assert len(_labels(page, "town")) > 0 and "Toretsk" in _labels(page)
    assert offline_page.errors() == []


def test_hiding_a_layer_removes_its_place_labels(tmp_path, offline_page, map_gdf):
    page = _open(tmp_path, offline_page, map_gdf)
    assert "Kupyansk" in _labels(page, "event")
    page.locator(".leaflet-control-layers-overlays label", has_text="Russian attacks").locator("input").click()
    page.wait_for_timeout(300)
    assert "Kupyansk" not in _labels(page, "event")


def _layer_pixels_x(page, key: str, lat: float, lon: float, half: int = 25) -> list[int]:
    """x offsets (from the point) of the painted pixels of one event layer's canvas near a place."""
    return page.evaluate("""([key, lat, lon, half]) => {
        const c = document.querySelector(`canvas.fl-events[data-layer="${key}"]`);
        const map = frontline.map, p = map.latLngToContainerPoint([lat, lon]);
        const cr = c.getBoundingClientRect(), mr = map.getContainer().getBoundingClientRect();
        const scale = c.width / cr.width;
        const x0 = Math.round((p.x + mr.left - cr.left - half) * scale), y0 = Math.round((p.y + mr.top - cr.top - half) * scale);
        const n = Math.round(2 * half * scale), d = c.getContext('2d').getImageData(x0, y0, n, n).data, out = [];
        for (let i = 3; i < d.length; i += 4) if (d[i] > 128) out.push(((i - 3) / 4) % n / scale - half);
        return out;
    }""", [key, lat, lon, half])


def test_events_of_two_layers_at_one_place_are_both_visible(tmp_path, offline_page, map_gdf):
    page = _open(tmp_path, offline_page, map_gdf)
    lat, lon = KURSK_OBLAST[1], KURSK_OBLAST[2]
    ua = _layer_pixels_x(page, "ukraine-advance", lat, lon)
    nk = _layer_pixels_x(page, "north_korea-deployment", lat, lon)
    assert len(ua) > 20 and len(nk) > 20
    ua_x, nk_x = sum(ua) / len(ua), sum(nk) / len(nk)
    assert abs(ua_x - nk_x) > 6, (ua_x, nk_x)  # side by side, not one hidden under the other
    # and a click on each symbol opens its own event (centred first: the first view may put the
    # place under a panel)
    page.evaluate(f"frontline.map.setView([{lat}, {lon}], frontline.map.getZoom(), {{animate: false}})")
    page.wait_for_timeout(200)
    p = page.evaluate(f"frontline.map.latLngToContainerPoint([{lat}, {lon}])")
    box = page.locator("#" + page.evaluate("frontline.map.getContainer().id")).bounding_box()
    kinds = set()
    for dx in (ua_x, nk_x):
        page.mouse.click(box["x"] + p["x"] + dx, box["y"] + p["y"])
        page.wait_for_selector(".fl-popup")
        kinds.add(page.locator(".fl-popup-head").first.inner_text())
        page.keyboard.press("Escape")
        page.evaluate("frontline.map.closePopup()")
        page.wait_for_function("document.querySelectorAll('.fl-popup').length === 0")  # fades out
    assert len(kinds) == 2, kinds


def test_first_view_holds_the_front_and_announces_far_events(tmp_path, offline_page, map_events):
    far = [Event(side="north_korea", kind="deployment", place=name, place_name=name, admin1=region,
                 relation="in", lat=lat, lon=lon, event_date="2024-10-24", report_date="2024-10-24",
                 source="x", precision="point", uncertainty_km=2)
           for name, region, lat, lon in [("248th training ground", "Khabarovsk Krai", 48.47, 135.45),
                                          ("249th training ground", "Primorsky Krai", 43.11, 131.87)]]
    page = _open(tmp_path, offline_page, to_geodataframe(map_events + far))
    bounds = page.evaluate("(() => { const b = frontline.map.getBounds(); "
                           "return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
    s, w, n, e = bounds
    for ev in map_events:
        assert s <= ev.lat <= n and w <= ev.lon <= e, ev.place
    assert e < 60  # the Far East is not in the first view
    note = page.locator(".fl-outside")
    assert "2 events outside the view" in note.inner_text()
    note.locator("button", has_text="Khabarovsk Krai").click()
    page.wait_for_function("frontline.map.getBounds().contains([48.47, 135.45])", timeout=10_000)
    note.locator("button", has_text="back to the front").click()
    page.wait_for_function("frontline.map.getBounds().contains([48.39, 37.85])", timeout=10_000)
    assert offline_page.errors() == [] and offline_page.blocked == []


def test_seed_report_map_names_the_front(tmp_path, offline_page):
    from conftest import SHARED_EXAMPLES
    from tracker.extract import extract_events

    path = SHARED_EXAMPLES / "isw-2024-10-24.txt"
    if not path.exists():
        pytest.skip(f"{path} does not exist (the shared examples are not next to this checkout)")
    events = extract_events(path.read_text(encoding="utf-8"), source=str(path))
    page = _open(tmp_path, offline_page, to_geodataframe(events), title="ISW 2024-10-24")
    named = set(_labels(page, "event"))
    assert {"Toretsk", "Pokrovsk", "Kreminna", "Siversk", "Kursk Oblast"} <= named, named
    # the front's cities and oblasts are named too, and no city district stands in for its city
    towns, regions = set(_labels(page, "town")), set(_labels(page, "region"))
    assert {"Kharkiv", "Donetsk", "Luhansk"} <= towns, towns
    assert {"Donetsk Oblast", "Kharkiv Oblast"} <= regions, regions
    assert not {"Rutchenkivskyi", "Pravyi Bereh"} & towns
    # the first view is the front, not the Far East training grounds
    s, w, n, e = page.evaluate("(() => { const b = frontline.map.getBounds(); "
                               "return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
    for ev in events:
        if ev.lon < 60:
            assert s <= ev.lat <= n and w <= ev.lon <= e, ev.place
    assert e < 60 and "5 events outside the view" in page.locator(".fl-outside").inner_text()
    page.screenshot(path=str(tmp_path / "seed.png"))
    from PIL import Image

    shot = Image.open(tmp_path / "seed.png").convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20)
    count = {c: k for k, c in colours}
    assert count.get((0xf4, 0xf1, 0xe8), 0) > 100_000  # the base's land fills the view
    assert offline_page.errors() == [] and offline_page.blocked == []


# Screen rectangles of the page's panels (legend, layers, time bar, notes) and where each
# event in the first view is drawn.
HIDDEN_EVENTS = """() => {
    const f = window.frontline, m = f.map, size = m.getSize();
    const boxes = [...document.querySelectorAll('.leaflet-control')].map(e => e.getBoundingClientRect())
        .filter(r => r.width > 0 && r.height > 0);
    const origin = m.getContainer().getBoundingClientRect();
    const hidden = [];
    let shown = 0;
    for (let i = 0; i < f.data.ev.lat.length; i++) {
        const p = m.latLngToContainerPoint([f.data.ev.lat[i], f.data.ev.lon[i]]);
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
        shown++;
        const x = p.x + origin.left, y = p.y + origin.top;
        if (boxes.some(r => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) hidden.push(i);
    }
    return {shown, hidden};
}"""


def test_no_panel_covers_an_event_of_the_first_view(tmp_path, offline_page):
    # a legend grown by one long line once covered Toretsk and Chasiv Yar in the demo's map
    from importlib import resources

    from tracker.extract import extract_events

    text = resources.files("tracker").joinpath("data", "demo_report.txt").read_text(encoding="utf-8")
    events = extract_events(text, source="demo")
    page = _open(tmp_path, offline_page, to_geodataframe(events), title="demo")
    got = page.evaluate(HIDDEN_EVENTS)
    assert got["shown"] >= 10 and got["hidden"] == [], got
