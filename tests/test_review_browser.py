"""frontline serve end to end: the real waitress server on 127.0.0.1, a real store (GeoPackage,
and PostGIS), headless Chromium with every request to another origin blocked."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Iterator

import pytest

from ft_fixtures.maps import PAYLOADS
from tracker.query import Query
from tracker.store import open_store

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SEED = (REPO / "tracker" / "data" / "demo_report.txt").read_text(encoding="utf-8")


@contextlib.contextmanager
def live_server(location: str, **kw: Any) -> Iterator[str]:
    """The app under waitress on a free port of 127.0.0.1, as `frontline serve` runs it."""
    from tracker.review.app import create_app
    from tracker.review.local import background_server

    app = create_app(location, analyst=kw.pop("analyst", "ana"), **kw)
    try:
        with background_server(app) as base:
            yield base
    finally:
        app.extensions["frontline"]["store"].close()


class Tab:
    """A page that may talk to the server only; records errors, dialogs, blocked requests."""

    def __init__(self, browser: Any, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith((base + "/", "data:", "about:", "blob:")):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def close(self) -> None:
        self.context.close()

    def ingest(self, text: str, source: str) -> None:
        p = self.page
        p.goto(self.base + "/")
        p.fill("textarea[name=text]", text)
        p.fill("input[name=source]", source)
        p.click("#ingest-form button[type=submit]")
        p.wait_for_url("**/reports/**", timeout=90_000)
        self.wait_map()

    def wait_map(self) -> None:
        self.page.wait_for_function("() => window.frontlineReview && window.frontlineReview.map()",
                                    timeout=60_000)

    def wait_map_ready(self) -> None:
        """The map frame loaded again (it reloads after a change that moves a symbol)."""
        self.page.wait_for_function("""() => { const f = document.getElementById('map'), m = window.frontlineReview.map();
            return m && f.contentDocument && f.contentDocument.readyState === 'complete'
                && m.getContainer().ownerDocument === f.contentDocument; }""", timeout=60_000)
        self.page.wait_for_timeout(300)  # its canvas draws on the next animation frame

    def events(self) -> list[dict]:
        return self.page.evaluate("window.frontlineReview.events()")

    def states(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.events():
            out[e["review_state"]] = out.get(e["review_state"], 0) + 1
        return out

    def wait_state(self, event_id: str, state: str) -> None:
        self.page.wait_for_function(
            "([id, st]) => window.frontlineReview.events().some(e => e.id === id && e.review_state === st)",
            arg=[event_id, state], timeout=15_000)

    def select(self, event_id: str) -> None:
        self.page.click(f'#event-list li[data-id="{event_id}"]')

    def pwned(self) -> Any:
        frames = self.page.frames
        return [f.evaluate("window.__pwned") for f in frames]


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def location(request, tmp_path, gazetteer) -> str:
    if request.param == "gpkg":
        return str(tmp_path / "review.gpkg")
    from ft_fixtures.store import fresh_schema_url

    return fresh_schema_url(request.getfixturevalue("pg_server"))


def test_review_the_seed_report_in_the_browser(browser, location):
    with live_server(location) as base:
        tab = Tab(browser, base)
        tab.ingest(SEED, "seed-report")
        p = tab.page
        events = tab.events()
        assert len(events) >= 10 and tab.states() == {"unreviewed": len(events)}
        # the text is the report's, highlighted sentences and underlined places built as spans
        assert p.inner_text("#report-text").strip() == SEED.strip()
        assert p.locator("#report-text .hl").count() >= len({e["quote_start"] for e in events})
        assert p.locator("#report-text .pl").count() >= 5

        # accept three with the keyboard: each 'a' moves to the next unreviewed event
        first = [e["id"] for e in events[:3]]
        for eid in first:
            p.keyboard.press("a")
            tab.wait_state(eid, "accepted")
        assert tab.states()["accepted"] == 3

        # correct one place through the gazetteer search (homonyms with oblast and distance)
        target = events[3]
        tab.select(target["id"])
        p.keyboard.press("e")
        p.fill("#place-q", "Novoselivka")
        p.click("#place-go")
        p.wait_for_selector("#place-results button.pick-place")
        items = p.locator("#place-results button.pick-place")
        assert items.count() >= 3
        texts = [items.nth(i).inner_text() for i in range(items.count())]
        assert all("km from the event's point" in t for t in texts) and any("Donetsk Oblast" in t for t in texts)
        items.nth(1).click()
        p.fill("#f-reason", "wrong homonym")
        p.click("#btn-save")
        tab.wait_state(target["id"], "corrected")

        # correct one by clicking the map
        moved = events[4]
        tab.select(moved["id"])
        p.keyboard.press("e")
        tab.wait_map_ready()
        p.click("#place-map")
        box = p.locator("#map").bounding_box()
        p.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.75)
        p.wait_for_selector("#place-results button.pick-point")
        p.click("#place-results button.pick-point")
        p.click("#btn-save")
        tab.wait_state(moved["id"], "corrected")

        # retract one with a reason (keyboard r)
        gone = events[5]
        tab.select(gone["id"])
        p.keyboard.press("r")
        p.fill("#retract-reason", "a forecast, not an event")
        p.keyboard.press("Enter")
        tab.wait_state(gone["id"], "retracted")

        # log a missed event: double-click selects the word in the report text
        rect = p.evaluate("""(word) => {
            for (const seg of document.querySelectorAll('#report-text .seg')) {
              const at = seg.textContent.indexOf(word);
              if (at >= 0) {
                const r = document.createRange();
                r.setStart(seg.firstChild, at); r.setEnd(seg.firstChild, at + word.length);
                const b = r.getBoundingClientRect();
                return {x: b.x + b.width / 2, y: b.y + b.height / 2};
              }
            }
        }""", "Kostiantynivka")
        p.mouse.dblclick(rect["x"], rect["y"])
        p.wait_for_selector("#selection-bar:not([hidden])")
        assert "Kostiantynivka" in p.inner_text("#selection-text")
        p.click("#log-selection")
        p.select_option("#f-side", "russia")
        p.select_option("#f-kind", "attack")
        p.select_option("#f-relation", "toward")
        p.wait_for_selector("#place-results button.pick-place")
        p.locator("#place-results button.pick-place").first.click()
        n_before = len(tab.events())
        p.click("#btn-save")
        p.wait_for_function("(n) => window.frontlineReview.events().length === n || "
                            "document.querySelector('#banner.error:not([hidden])')", arg=n_before + 1)
        assert len(tab.events()) == n_before + 1, p.inner_text("#banner-text")
        logged = [e for e in tab.events() if e["id"] not in {x["id"] for x in events}]
        assert len(logged) == 1 and logged[0]["place"] == "Kostiantynivka"
        assert SEED[logged[0]["quote_start"]:logged[0]["quote_end"]] == logged[0]["quote"]

        # a click on an event's symbol on the map selects it in the list (once the map, redrawn
        # after the new event, is loaded again)
        tab.wait_map_ready()
        p.evaluate("""(id) => { const m = window.frontlineReview.map(),
            e = window.frontlineReview.events().find(x => x.id === id);
            m.setView([e.lat, e.lon], 9, {animate: false}); }""", first[1])
        p.wait_for_timeout(500)  # the canvas redraws on the next animation frame
        spot = p.evaluate("""(id) => {
            const m = window.frontlineReview.map(), e = window.frontlineReview.events().find(x => x.id === id);
            const fl = document.getElementById('map').contentWindow.frontline;
            const pt = m.latLngToContainerPoint([e.lat, e.lon]);
            const r = document.getElementById('map').getBoundingClientRect();
            const hit = fl.hits(m.latLngToLayerPoint([e.lat, e.lon]));
            return {x: r.x + pt.x, y: r.y + pt.y, id: hit.length ? fl.data.ev.id[hit[0]] : null};
        }""", first[1])
        assert spot["id"] is not None
        p.mouse.click(spot["x"], spot["y"])
        p.wait_for_selector(f'#event-list li.selected[data-id="{spot["id"]}"]')

        # undo the retraction
        tab.select(gone["id"])
        p.keyboard.press("u")
        tab.wait_state(gone["id"], "unreviewed")
        p.wait_for_selector("#history-list li.h-undo")
        assert "a forecast" in p.inner_text("#history-list")

        assert tab.errors == [] and tab.blocked == [] and tab.dialogs == []
        tab.close()

    with open_store(location) as s:
        for eid in first:
            assert s.get(eid).review_state == "accepted" and s.get(eid).reviewed_by == "ana"
        t = s.get(target["id"])
        assert t.place_id != target["place_id"] and "Novoselivka" in (t.place_name or "")
        assert any(h["reason"] == "wrong homonym" for h in s.history(t.id))
        m = s.get(moved["id"])
        assert m.precision == "point" and (m.lat, m.lon) != (moved["lat"], moved["lon"])
        g = s.get(gone["id"])
        actions = [h["action"] for h in s.history(g.id)]
        assert not g.retracted and "retract" in actions and actions[-1] == "undo"
        from tracker.review.service import label_items

        items = label_items(s)
        labelled = {ev["event_id"] for i in items for ev in i["events"]}
        assert set(first) | {t.id, m.id, logged[0]["id"]} == labelled


def test_two_analysts_editing_one_event(browser, location):
    with live_server(location) as base:
        a, b = Tab(browser, base), Tab(browser, base)
        a.ingest(SEED, "seed-report")
        url = a.page.url
        b.page.goto(url)
        b.wait_map()
        e = a.events()[0]
        a.select(e["id"])
        b.select(e["id"])
        # both open the correction form on the same version; A saves first
        a.page.keyboard.press("e")
        a.page.select_option("#f-kind", "attack")
        a.page.fill("#f-reason", "A: an assault, no gain")
        b.page.keyboard.press("e")
        b.page.select_option("#f-side", "russia" if e["side"] != "russia" else "ukraine")
        b.page.fill("#f-reason", "B: the other side")
        a.page.click("#btn-save")
        a.wait_state(e["id"], "corrected")
        b.page.click("#btn-save")
        b.page.wait_for_selector("#banner.conflict:not([hidden])")
        msg = b.page.inner_text("#banner-text")
        assert "Conflict" in msg and "changed by ana" in msg and "nothing was written" in msg
        # B's form is kept; the page now holds A's version: saving again applies B's change
        b.page.wait_for_function("([id, v]) => window.frontlineReview.events().some(x => x.id === id && x.version === v)",
                                 arg=[e["id"], e["version"] + 1])
        b.page.click("#btn-save")
        b.page.wait_for_function("([id, v]) => window.frontlineReview.events().some(x => x.id === id && x.version === v)",
                                 arg=[e["id"], e["version"] + 2])
        # the browser logs B's refused request (409) itself; nothing else went wrong
        assert a.errors == [] and [x for x in b.errors if "409" not in x] == []
        assert a.blocked == [] and b.blocked == []
        a.close()
        b.close()
    with open_store(location) as s:
        got = s.get(e["id"])
        assert got.kind == "attack" and got.side != e["side"]  # 0 lost edits
        reasons = [h["reason"] for h in s.history(e["id"]) if h["action"] == "edit"]
        assert any(r.startswith("A:") for r in reasons) and any(r.startswith("B:") for r in reasons)


def test_payloads_in_text_and_source_run_nowhere(browser, tmp_path, gazetteer):
    location = str(tmp_path / "xss.gpkg")
    text = ("October 24, 2024\n\nRussian forces recently advanced near Siversk. "
            + " ".join(PAYLOADS) + "\n\nUkrainian forces advanced near Kupyansk " + PAYLOADS[0] + ".")
    with live_server(location) as base:
        tab = Tab(browser, base)
        tab.ingest(text, PAYLOADS[1] + PAYLOADS[0] + PAYLOADS[2])
        p = tab.page
        assert p.inner_text("#report-text").strip() == text.strip()
        for e in tab.events():
            tab.select(e["id"])
            p.keyboard.press("e")
            p.keyboard.press("Escape")
        p.goto(base + "/")
        p.wait_for_load_state("load")
        assert PAYLOADS[0] in p.inner_text("table.list")
        assert set(tab.pwned()) == {None} and tab.dialogs == [] and tab.blocked == []
        tab.close()


def test_login_off_loopback_and_csrf_in_the_browser(browser, tmp_path, gazetteer):
    from werkzeug.security import generate_password_hash

    location = str(tmp_path / "team.gpkg")
    with open_store(location) as s:
        s.add_user("bob", generate_password_hash("correct horse"))
    with live_server(location, require_login=True) as base:
        tab = Tab(browser, base)
        p = tab.page
        p.goto(base + "/")
        assert "/login" in p.url
        p.fill("input[name=name]", "bob")
        p.fill("input[name=password]", "correct horse")
        p.click("#login-form button[type=submit]")
        p.wait_for_selector("#ingest-form")
        # a fetch without the token, and a form posted from another origin, are refused
        status = p.evaluate("""() => fetch('/reports', {method: 'POST', body: new URLSearchParams(
            {text: 'October 24, 2024. Russian forces advanced near Siversk.', source: 'forged'})})
            .then(r => r.status)""")
        assert status == 400
        attacker = tab.context.new_page()
        attacker.set_content(f"""<form id=f method=post action="{base}/reports">
            <input name=text value="October 24, 2024. Russian forces advanced near Siversk.">
            <input name=source value=forged></form>""")
        with attacker.expect_navigation():
            attacker.evaluate("document.getElementById('f').submit()")
        assert "CSRF" in attacker.content() or "/login" in attacker.url
        tab.close()
    with open_store(location) as s:
        assert s.reports() == [] and s.count(Query(include_retracted=True)) == 0
