"""Score extraction on the labelled dev set and print the figures.

Usage: python bench/score_dev.py [DEV.jsonl] [--mentions] [--show] [--half tune|held]

--half splits a file in two by line: "tune" is the even lines (0, 2, ...),
"held" the odd ones. Tune on one half; read and score the other only to
measure, so its figure stays a reading on text the rules were not fitted to.

Matching: a predicted event matches a gold event of the same kind and side
whose place agrees: same GeoNames id, or, for region-level gold, the same
admin1 region; without the gazetteer (--mentions) by the place as written.
Each gold event matches at most one prediction (greedy, best place first).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from gazetteer.distance import haversine_km  # noqa: E402
DEFAULT = REPO.parent / "shared" / "examples" / "dev-sentences.jsonl"


def km(a, b):
    return haversine_km(a[0], a[1], b[0], b[1])


def norm(s):
    return (s or "").casefold().replace("’", "'").strip()


def place_agrees(pred, gold, mentions_only):
    if mentions_only:
        return norm(pred["place"]) == norm(gold["place"]) or norm(gold["place"]) in norm(pred["place"])
    if gold["region_level"]:
        # the README: compare region-level events by region, not by distance
        # (a region, or a site GeoNames lacks, such as a training ground, placed in that region)
        return norm(pred.get("admin1")) == norm(gold["admin1"]) and (
            pred.get("precision") == "region" or not str(pred.get("place_id") or "").startswith("geonames:"))
    pid = str(pred.get("place_id") or "")
    if gold.get("geonameid") and pid.endswith(f":{gold['geonameid']}"):
        return True
    if pred.get("lat") is not None and pred.get("precision") != "region":
        return km((pred["lat"], pred["lon"]), (gold["lat"], gold["lon"])) <= 10
    return False


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", default=str(DEFAULT))
    ap.add_argument("--mentions", action="store_true", help="score the language side only (no gazetteer)")
    ap.add_argument("--show", action="store_true", help="print misses and false alarms per item")
    ap.add_argument("--half", choices=("tune", "held"), help="score only the even (tune) or odd (held) lines")
    args = ap.parse_args(argv)
    path = pathlib.Path(args.dev)
    if not path.exists():
        print(f"dev set not found: {path}")
        return 1
    from tracker.extract import extract_events, extract_mentions

    tp, fp, fn = Counter(), Counter(), Counter()
    status_ok = status_n = 0
    claim_ok = claim_n = 0
    rel_ok = rel_n = 0
    dists = []
    region_ok = region_n = 0
    adv_status_tp = 0  # matched advances whose status (and claim) is right
    lines = path.read_text(encoding="utf-8").splitlines()
    if args.half:
        lines = lines[0 if args.half == "tune" else 1::2]
    for line in lines:
        item = json.loads(line)
        if args.mentions:
            preds = [vars(m) | {} for m in extract_mentions(item["text"], item["report_date"])]
            # the language side may repeat a place: count one per identity
            uniq, seen = [], set()
            for p in preds:
                k = (p["side"], p["kind"], norm(p["place"]), p["relation"], p["status"], norm(p["claimant"]))
                if k not in seen:
                    seen.add(k)
                    uniq.append(p)
            preds = uniq
        else:
            preds = [e.properties() for e in extract_events(item["text"], item["report_date"], source=item["id"])]
        golds = list(item["events"])
        used = set()
        misses = []
        wrong = []  # matched advances whose status or claimant differs
        for g in golds:
            best = None
            for i, p in enumerate(preds):
                if i in used or p["kind"] != g["kind"] or p["side"] != g["side"]:
                    continue
                if not place_agrees(p, g, args.mentions):
                    continue
                score = (p["relation"] == g["relation"]) + (p.get("status") == g["status"])
                if best is None or score > best[0]:
                    best = (score, i)
            if best is None:
                fn[g["kind"]] += 1
                misses.append(g)
                continue
            i = best[1]
            used.add(i)
            p = preds[i]
            tp[g["kind"]] += 1
            if g["kind"] == "advance":
                if p.get("status") != g["status"] or (g["status"] == "claimed" and norm(p.get("claimant")) != norm(g["claimant"])):
                    wrong.append((g, p))
                status_n += 1
                status_ok += p.get("status") == g["status"]
                adv_status_tp += p.get("status") == g["status"]
                if g["status"] == "claimed" and p.get("status") == "claimed":
                    claim_n += 1
                    claim_ok += norm(p.get("claimant")) == norm(g["claimant"])
            rel_n += 1
            rel_ok += p["relation"] == g["relation"]
            if not args.mentions:
                if g["region_level"]:
                    region_n += 1
                    region_ok += norm(p.get("admin1")) == norm(g["admin1"])
                elif p.get("lat") is not None:
                    dists.append(km((p["lat"], p["lon"]), (g["lat"], g["lon"])))
        extra = [p for i, p in enumerate(preds) if i not in used]
        for p in extra:
            fp[p["kind"]] += 1
        if args.show and (misses or extra or wrong):
            print(f"--- {item['id']}: {item['text']}")
            for g in misses:
                print(f"   MISS {g['side']} {g['kind']} {g['status']} | {g['place']} | {g['relation']}")
            for g, p in wrong:
                print(f"   STATUS {g['place']}: gold {g['status']} / {g['claimant']!r}, "
                      f"got {p.get('status')} / {p.get('claimant')!r}")
            for p in extra:
                print(f"   FALSE {p['side']} {p['kind']} {p.get('status')} | {p['place']} | {p['relation']}"
                      f" | {p.get('place_name') or ''} {p.get('admin1') or ''}")
    print(f"dev set: {path.name}  ({'mentions, places as written' if args.mentions else 'events, via gazetteer'})")
    print(f"{'kind':<11}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for kind in ("advance", "attack", "deployment", "all"):
        if kind == "all":
            t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t, f, n = tp[kind], fp[kind], fn[kind]
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:<11}{p:7.3f}{r:7.3f}{f1:7.3f}{t:5}{f:5}{n:5}")
    t, f, n = tp["advance"], fp["advance"], fn["advance"]
    if t + f and t + n:
        # status-aware: an advance with the wrong status is both a miss and a false event
        wrong_status = t - adv_status_tp
        p_, r_ = adv_status_tp / (t + f), adv_status_tp / (t + n)
        f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
        print(f"advance F1, status-aware: {f1:.3f} (P {p_:.3f} R {r_:.3f}; {wrong_status} matched with a wrong status)")
    if status_n:
        print(f"status accuracy (matched advances): {status_ok}/{status_n} = {status_ok / status_n:.3f}")
    if claim_n:
        print(f"claimant exactly as labelled (matched claims): {claim_ok}/{claim_n} = {claim_ok / claim_n:.3f}")
    if rel_n:
        print(f"relation accuracy (matched events): {rel_ok}/{rel_n} = {rel_ok / rel_n:.3f}")
    if dists:
        dists.sort()
        within = lambda k: sum(d <= k for d in dists) / len(dists)
        print(f"place distance (matched point events, n={len(dists)}): median {dists[len(dists) // 2]:.1f} km, "
              f"<=2 km {within(2):.2f}, <=5 km {within(5):.2f}, <=10 km {within(10):.2f}")
    if region_n:
        print(f"region-level events with the right admin1: {region_ok}/{region_n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
