"""Accuracy of the gazetteer on the labelled development set (../shared/examples/dev-sentences.jsonl).

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


def main() -> int:
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
