"""Export time and file size for N synthetic events (default 100,000) in every format.

    python bench/export_bench.py [--events N] [--areas] [--dir DIR]

Events are spread over the Donbas front with every field filled as a real
extraction would fill it (quotes ~150 characters). Prints one row per format:
seconds to write, MB on disk, and microseconds per event.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.event import Event  # noqa: E402
from tracker.export import FORMATS, export_events  # noqa: E402

PLACES = [("Toretsk", 48.39, 37.85), ("Pokrovsk", 48.28225, 37.17585), ("Selydove", 48.1465, 37.3007),
          ("Kupiansk", 49.71, 37.6156), ("Vuhledar", 47.7795, 37.2484), ("Chasiv Yar", 48.5866, 37.8354)]
RELATIONS = [("near", "near", 5.0), ("in", "point", 2.0), ("southeast of", "offset", 5.0),
             ("direction", "direction", 20.0)]


def synthetic_events(n: int, seed: int = 1) -> list[Event]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        place, lat, lon = rnd.choice(PLACES)
        relation, precision, unc = rnd.choice(RELATIONS)
        side = rnd.choice(("russia", "ukraine"))
        kind = rnd.choice(("advance", "attack", "deployment"))
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(Event(
            side=side, kind=kind, place=f"{place} {i}", relation=relation,
            lat=round(lat + rnd.uniform(-0.3, 0.3), 6), lon=round(lon + rnd.uniform(-0.3, 0.3), 6),
            event_date=day, report_date=day, source=f"https://example.org/report/{i // 20}",
            actor=f"{side.title()} forces", status="assessed" if kind == "advance" else None,
            place_id=f"geonames:{700000 + i % 5000}", place_name=place, admin1="Donetsk", country="UA",
            precision=precision, uncertainty_km=unc,
            quote=f"{side.title()} forces reportedly {kind}d {relation} {place} on {day}, according to "
                  f"geolocated footage published by several sources on the same day (item {i}).",
            quote_start=i * 10, quote_end=i * 10 + 150))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--areas", action="store_true", help="also write uncertainty areas")
    ap.add_argument("--dir", help="where to write (default: a temporary directory)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    events = synthetic_events(args.events)
    print(f"{len(events):,} events built in {time.perf_counter() - t0:.1f} s"
          f"{' (with uncertainty areas)' if args.areas else ''}")
    with tempfile.TemporaryDirectory(prefix="export-bench-") as tmp:
        out_dir = Path(args.dir or tmp)
        print(f"{'format':<11} {'seconds':>8} {'MB':>8} {'us/event':>9}")
        for fmt in FORMATS:
            path = out_dir / f"events.{fmt}"
            t0 = time.perf_counter()
            result = export_events(events, path, areas=args.areas)
            secs = time.perf_counter() - t0
            size = os.path.getsize(path)
            print(f"{fmt:<11} {secs:8.2f} {size / 1e6:8.1f} {secs / len(events) * 1e6:9.1f}", flush=True)
            assert result.count == len(events)


if __name__ == "__main__":
    main()
