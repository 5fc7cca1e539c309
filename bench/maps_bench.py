"""Map scale figures: build time, file size and time to first drawn markers in headless Chromium.

    python bench/maps_bench.py [--sizes 1000,10000,100000] [--keep DIR]

Events are synthetic (random points over eastern Ukraine, a pool of made-up
sentences, two years of dates), built through tracker.frame like real ones.
"Draw" is measured from navigation start to the moment the runtime has added
every marker and both the event canvas and the offline base canvas hold
coloured pixels, with all network blocked. "base kB" is what the base layer
adds to the file. Then the pictures: a PNG of the seed report (when
../shared/examples is there) and a GIF of 1,000 events over 100 days, at the
CLI's default size and DPI. Each figure is printed with issue 13's goal and
whether it was met.
"""
from __future__ import annotations

import argparse
import pathlib
import random
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

# issue 13's goals
GOALS = {"build": 10.0, "draw": 5.0, "base_mb": 1.0, "png": 5.0, "gif": 60.0}


def verdict(value: float, limit: float) -> str:
    return f"(goal < {limit:g}: {'met' if value < limit else 'MISSED'})" if value == value else "(not measured)"


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic_events(n: int, seed: int = 7) -> list:
    import datetime as dt

    from tracker.event import Event

    rng = random.Random(seed)
    sides = ["ukraine", "russia", "russia", "north_korea"]
    kinds = ["advance", "advance", "attack", "deployment"]
    precisions = ["point", "near", "offset", "direction", "region"]
    quotes = [f"Synthetic sentence {i}: forces reportedly moved near settlement {i % 97}." for i in range(2000)]
    start = dt.date(2023, 1, 1)
    out = []
    for i in range(n):
        side, kind = rng.choice(sides), rng.choice(kinds)
        prec = rng.choice(precisions)
        status = rng.choice(["confirmed", "assessed", "claimed"]) if kind == "advance" else None
        date = (start + dt.timedelta(days=rng.randrange(730))).isoformat()
        out.append(Event(
            side=side, kind=kind, place=f"Place {i % 5000}", relation="near" if prec == "near" else "in",
            lat=rng.uniform(47.0, 51.5), lon=rng.uniform(35.0, 39.5), event_date=date,
            report_date=date, source=f"https://example.org/report/{i % 700}", status=status,
            claimant="a ministry" if status == "claimed" else None, precision=prec,
            uncertainty_km={"point": 2, "near": 5, "offset": 5, "direction": 20, "region": 100}[prec],
            quote=rng.choice(quotes), id=f"{i:016x}"))
    return out


def draw_seconds(browser, path: pathlib.Path) -> tuple[float, int]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    page.wait_for_function("window.frontline && window.frontline.visibleCount() > 0", timeout=600_000)
    # Wait for the canvas frame that paints the markers and the base, then read both back.
    painted = page.evaluate("""() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
        const count = sel => { const c = document.querySelector(sel); if (!c) return 0;
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; };
        const ev = count('canvas.fl-events'), base = count('canvas.fl-base');
        resolve(ev && base ? ev : 0);
    })))""")
    seconds = time.perf_counter() - t0
    shown = page.evaluate("window.frontline.visibleCount()")
    page.close()
    if not painted:
        raise SystemExit(f"{path}: the canvas is empty")
    return seconds, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--keep", help="directory to keep the maps in")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()

    import maps
    from tracker.frame import to_geodataframe

    out_dir = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="maps-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pw = browser = None
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    from maps.base_layer import encode_base
    from maps.layers import script_json

    base_mb = len(script_json(encode_base())) / 1e6
    print(f"offline base layer: {base_mb * 1e3:.0f} kB added to each map "
          f"(goal <= {GOALS['base_mb']:g} MB: {'met' if base_mb <= GOALS['base_mb'] else 'MISSED'})")
    print(f"{'events':>8} {'frame s':>8} {'build s':>8} {'MB':>7} {'draw s':>7} {'shown':>8}")
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            events = synthetic_events(n)
            t0 = time.perf_counter()
            gdf = to_geodataframe(events)
            t1 = time.perf_counter()
            path = out_dir / f"map-{n}.html"
            maps.save_map(maps.render_map(gdf, title=f"bench {n}"), path)  # base layer on
            t2 = time.perf_counter()
            mb = path.stat().st_size / 1e6
            draw, shown = draw_seconds(browser, path) if browser else (float("nan"), 0)
            print(f"{n:>8} {t1 - t0:>8.2f} {t2 - t1:>8.2f} {mb:>7.1f} {draw:>7.2f} {shown:>8}", flush=True)
            if n >= 100_000:
                print(f"  {n:,} events: build (frame + HTML) {t2 - t0:.2f} s {verdict(t2 - t0, GOALS['build'])}, "
                      f"first draw {draw:.2f} s {verdict(draw, GOALS['draw'])}", flush=True)
    finally:
        if browser:
            browser.close()
            pw.stop()
    pictures(out_dir)


def pictures(out_dir: pathlib.Path) -> None:
    import dataclasses
    import datetime as dt

    from maps.figure import write_figure
    from tracker.frame import to_geodataframe

    seed = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "isw-2024-10-24.txt"
    if seed.exists():
        from tracker.extract import extract_events

        events = extract_events(seed.read_text(encoding="utf-8"), source=str(seed))
        gdf = to_geodataframe(events)
        write_figure(gdf, out_dir / "warmup.png", width=4, height=3, dpi=50)  # base cache, imports
        t0 = time.perf_counter()
        write_figure(gdf, out_dir / "seed.png")
        png = time.perf_counter() - t0
        print(f"PNG of the seed report ({len(events)} events, 11x8 in at 150 dpi): {png:.2f} s "
              f"{verdict(png, GOALS['png'])}")
    else:
        print(f"PNG of the seed report: skipped ({seed} does not exist)")
    rng = random.Random(3)
    start = dt.date(2024, 7, 1)
    events = [dataclasses.replace(e, event_date=(start + dt.timedelta(days=rng.randrange(100))).isoformat())
              for e in synthetic_events(1000)]
    gdf = to_geodataframe(events)
    for dpi in (150, 80):  # the CLI's default, and a lighter one for the web
        t0 = time.perf_counter()
        write_figure(gdf, out_dir / f"advances-{dpi}.gif", step="day", dpi=dpi)
        gif = time.perf_counter() - t0
        print(f"GIF of 1,000 events over 100 days (day by day, 11x8 in at {dpi} dpi): {gif:.2f} s "
              f"{verdict(gif, GOALS['gif'])}", flush=True)


if __name__ == "__main__":
    main()
