"""Time each action of `frontline serve` on a store of 100,000 events, through the real server.

Usage: python bench/review_bench.py [--events 100000] [--per-report 100] [--repeat 20]
                                    [--backend gpkg|postgis]

Builds a throwaway store (events spread over reports of --per-report events each, every
report with its text), starts the app under waitress on 127.0.0.1, logs in to nothing
(loopback) and times each action over HTTP as the page calls it: the median and the
slowest of --repeat runs, against the goal of 200 ms per action.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import pathlib
import re
import statistics
import sys
import tempfile
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

GOAL_MS = 200.0
PLACES = ["Pokrovsk", "Toretsk", "Siversk", "Kupyansk", "Chasiv Yar", "Kurakhove", "Lyman",
          "Vuhledar", "Selydove", "Bakhmut"]


def build(location: str, n: int, per_report: int) -> list[str]:
    """A store of ``n`` events over reports of ``per_report``; returns the report ids."""
    from tracker.event import Event
    from tracker.store import open_store
    from tracker.store.base import Report

    t0 = time.perf_counter()
    events, reports = [], []
    for r in range(0, n, per_report):
        day = 1 + (r // per_report) % 28
        parts, evs = [f"October {day}, 2024\n\n"], []
        pos = len(parts[0])
        for i in range(r, min(n, r + per_report)):
            place = f"{PLACES[i % len(PLACES)]}-{i}"
            sentence = f"Russian forces recently advanced near {place}. "
            evs.append(Event(side=("russia", "ukraine")[i % 2], kind="advance", status="assessed",
                             place=place, relation="near", lat=47.5 + (i % 300) * 0.01,
                             lon=36.5 + (i % 400) * 0.008, event_date=f"2024-10-{day:02d}",
                             report_date=f"2024-10-{day:02d}", source=f"bench-report-{r}",
                             precision="near", uncertainty_km=5.0, quote=sentence.strip(),
                             quote_start=pos, quote_end=pos + len(sentence.strip())))
            parts.append(sentence)
            pos += len(sentence)
        text = "".join(parts)
        reports.append((Report(Report.make_id(f"bench-report-{r}", evs[0].report_date, text),
                               f"bench-report-{r}", evs[0].report_date, text), evs))
        events.extend(evs)
    with open_store(location) as s:
        s.add(events, analyst="bench")
        t1 = time.perf_counter()
        for rep, evs in reports:
            s.add_report(rep, evs, analyst="bench")
    print(f"built {len(events):,} events in {len(reports):,} reports: events {t1 - t0:.1f} s, "
          f"reports {time.perf_counter() - t1:.1f} s")
    return [rep.id for rep, _ in reports]


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/")[1]
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=60) as r:
            return r.status, r.read().decode("utf-8")

    def post(self, path: str, payload: dict) -> tuple[int, dict]:
        req = urllib.request.Request(self.base + path, data=json.dumps(payload).encode(),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "X-CSRFToken": self.token})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--per-report", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--backend", choices=("gpkg", "postgis"), default="gpkg")
    args = ap.parse_args(argv)

    from tracker.review.app import create_app
    from tracker.review.local import background_server

    tmp = tempfile.TemporaryDirectory(prefix="review-bench-")
    pg = None
    if args.backend == "postgis":
        from tracker.store.pgserver import TempPostgres

        pg = TempPostgres().start()
        location = pg.url
    else:
        location = str(pathlib.Path(tmp.name) / "bench.gpkg")
    try:
        report_ids = build(location, args.events, args.per_report)
        app = create_app(location, analyst="bench")
        serving = background_server(app)
        base = serving.__enter__()  # left at the end of the timings, below
        c = Client(base)
        from gazetteer import Gazetteer

        Gazetteer.default().lookup("Pokrovsk")  # loaded once per server, at start in `serve`
        rid = report_ids[len(report_ids) // 2]
        events = json.loads(c.get(f"/api/reports/{rid}")[1])["events"]
        place_id = Gazetteer.default().lookup("Novoselivka", region="Donetsk Oblast")[0].place.id
        c.post(f"/api/events/{events[-1]['id']}/accept", {"version": 0})  # first write: quick_check
        results: dict[str, list[float]] = {}

        def run(name, fn):
            results.setdefault(name, []).append(timed(fn))

        n = min(args.repeat, len(events) // 4)
        for i in range(n):
            a, b, r = events[i], events[n + i], events[2 * n + i]
            run("report page (queue, 100 events)", lambda: c.get(f"/reports/{rid}"))
            run("report list page (counts over the store)", lambda: c.get("/"))
            run("accept", lambda: c.post(f"/api/events/{a['id']}/accept", {"version": a["version"]}))
            run("correct place (gazetteer id)", lambda: c.post(
                f"/api/events/{b['id']}/correct", {"version": b["version"], "place_id": place_id,
                                                   "reason": "bench"}))
            run("correct kind", lambda: c.post(
                f"/api/events/{a['id']}/correct", {"version": a["version"] + 1, "kind": "attack",
                                                   "reason": "bench"}))
            run("retract", lambda: c.post(f"/api/events/{r['id']}/retract",
                                          {"version": r["version"], "reason": "bench"}))
            run("undo (a retraction)", lambda: c.post(f"/api/events/{r['id']}/undo",
                                                      {"version": r["version"] + 1}))
            run("history", lambda: c.get(f"/api/events/{a['id']}/history"))
            run("gazetteer search (homonyms + distance)", lambda: c.get(
                f"/api/places?q=Novoselivka&lat={a['lat']}&lon={a['lon']}"))
            run("nearest place (map click)", lambda: c.get(
                f"/api/places/nearest?lat={a['lat']}&lon={a['lon']}"))
        other = report_ids[: args.repeat]
        for o in other:  # first view of a report's map: rendered (then cached)
            run("report map, first render", lambda: c.get(f"/reports/{o}/map"))
            run("report map, cached", lambda: c.get(f"/reports/{o}/map"))
        serving.__exit__(None, None, None)
        app.extensions["frontline"]["store"].close()
    finally:
        if pg is not None:
            pg.stop()
        tmp.cleanup()

    print(f"\n{args.backend}, {args.events:,} events, {args.repeat} runs each, real server on 127.0.0.1")
    print(f"{'action':<44}{'median ms':>10}{'max ms':>9}  goal < {GOAL_MS:.0f} ms")
    for name, times in results.items():
        med, worst = statistics.median(times), max(times)
        print(f"{name:<44}{med:10.1f}{worst:9.1f}  {'ok' if med < GOAL_MS else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
