"""Store bench: prints figures for the GeoPackage and PostGIS backends.

    python bench/store_bench.py [--backend gpkg|postgis|both] [--big 1000000] [--batch 100000]

Measures (issue 4 goals in brackets):
  * storing 100,000 events in one add                        [GeoPackage < 5 s]
  * one `frontline log` call, wall time, as a new process
  * a bbox + date-range query over 1,000,000 stored events   [< 100 ms]
PostGIS runs on a temporary server this script starts on 127.0.0.1 and removes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker.event import Event  # noqa: E402
from tracker.query import Query  # noqa: E402
from tracker.store import open_store  # noqa: E402

DAY0 = dt.date(2022, 2, 24)


def events(n: int, seed: int, tag: str) -> list[Event]:
    """Synthetic events over the front (lon 31-40, lat 46-52) across ~3.5 years."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = ("advance", "attack", "deployment")[i % 3]
        out.append(Event(
            side=("russia", "ukraine")[rng.random() < 0.3], kind=kind,
            status=("assessed" if kind == "advance" else None),
            place=f"{tag} place {i}", relation="near",
            lat=rng.uniform(46.0, 52.0), lon=rng.uniform(31.0, 40.0),
            event_date=(DAY0 + dt.timedelta(days=rng.randrange(1300))).isoformat(),
            report_date="2025-09-30", source=f"bench-{tag}.txt", precision="near",
            uncertainty_km=5.0, quote="Synthetic bench sentence about forces near a place."))
    return out


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def bench_backend(name: str, location: str, big: int, batch: int) -> None:
    print(f"\n== {name}: {location}")
    first = events(batch, seed=1, tag="b0")
    with open_store(location) as s:
        secs, result = timed(lambda: s.add(first, analyst="bench"))
        print(f"add {len(first):,} events in one transaction: {secs:.2f} s "
              f"({len(result.new):,} new; {secs / len(first) * 1e6:.0f} µs/event)")
        secs, result = timed(lambda: s.add(first[:1000], analyst="bench"))
        print(f"re-add 1,000 known events (idempotent): {secs * 1000:.0f} ms, {len(result.new)} new")
        one = events(1, seed=99, tag="single")
        secs, _ = timed(lambda: s.add(one, analyst="bench"))
        print(f"add 1 event to {s.count():,} stored (store call only): {secs * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        if name == "gpkg":
            store_arg = str(Path(tmp) / "log.gpkg")
        else:
            store_arg = location
        wall = []
        for i in range(3):
            cmd = [sys.executable, "-c", "from tracker.cli import main; main()", "log",
                   "--store", store_arg, "--date", f"2024-10-{20 + i}",
                   "Russian forces recently advanced near Siversk."]
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
            wall.append(time.perf_counter() - t)
            if proc.returncode != 0:
                print(f"`frontline log` failed: {(proc.stderr or proc.stdout).strip()[:200]}")
                break
        else:
            print(f"`frontline log \"...near Siversk.\"` wall time, new process: "
                  f"median {statistics.median(wall):.2f} s (runs: {', '.join(f'{w:.2f}' for w in wall)})")
    with open_store(location) as s:
        have = s.count(Query(include_retracted=True))
        k = 1
        t0 = time.perf_counter()
        while have < big:
            n = min(batch, big - have)
            s.add(events(n, seed=100 + k, tag=f"b{k}"), analyst="bench")
            have += n
            k += 1
        print(f"filled to {have:,} events in {time.perf_counter() - t0:.1f} s")
        queries = {
            "bbox 0.5°x0.5° + 1 month": Query(bbox=(37.5, 48.2, 38.0, 48.7),
                                             since="2024-10-01", until="2024-10-31"),
            "bbox 2°x2° + 3 months": Query(bbox=(36.0, 47.5, 38.0, 49.5),
                                          since="2024-07-01", until="2024-09-30"),
            "bbox 0.5°x0.5°, all dates": Query(bbox=(37.5, 48.2, 38.0, 48.7)),
            "1 week, no bbox": Query(since="2024-10-01", until="2024-10-07"),
        }
        for label, q in queries.items():
            s.query(q)  # warm the cache: a map or list runs after other reads
            runs = []
            for _ in range(5):
                secs, found = timed(lambda: s.query(q))
                runs.append(secs)
            print(f"query {label} over {have:,}: median {statistics.median(runs) * 1000:.1f} ms, "
                  f"{len(found):,} events returned")
    if name == "gpkg":
        print(f"file size: {os.path.getsize(location) / 1e6:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["gpkg", "postgis", "both"], default="both")
    ap.add_argument("--big", type=int, default=1_000_000, help="events stored for the query figures")
    ap.add_argument("--batch", type=int, default=100_000, help="events per add")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontline-bench-") as tmp:
        if args.backend in ("gpkg", "both"):
            bench_backend("gpkg", str(Path(tmp) / "bench.gpkg"), args.big, args.batch)
        if args.backend in ("postgis", "both"):
            from tracker.store.pgserver import TempPostgres, binaries_missing

            reason = binaries_missing()
            if reason:
                print(f"\n== postgis: skipped ({reason})")
                return
            with TempPostgres() as pg:
                bench_backend("postgis", pg.url, args.big, args.batch)


if __name__ == "__main__":
    main()
