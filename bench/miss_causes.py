"""Where extraction loses the gold events it misses: counts per cause, at the language level.

Usage: python bench/miss_causes.py DEV.jsonl [--half tune|held] [--show]

For each gold event no mention matches (same place as written, kind and side), one cause:
the place is not read as a name; no cue at all; a rule trigger or a parse cue is there but the
place is not linked to it; or the place is read with the wrong side or kind. Without --show only
counts are printed, so the held half of a file can be diagnosed without reading it.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def norm(s: str | None) -> str:
    return (s or "").casefold().replace("’", "'")


def cause(item: dict, gold: dict, mentions: list) -> str | None:
    from tracker.extract import deps, names, triggers
    from tracker.extract.text import split_sentences

    place = norm(gold["place"])
    same = [m for m in mentions if norm(m.place) == place or place in norm(m.place)]
    if any(m.kind == gold["kind"] and m.side == gold["side"] for m in same):
        return None
    if same:
        if any(m.kind == gold["kind"] for m in same):
            return "read, wrong side"
        if any(m.side == gold["side"] for m in same):
            return f"read, wrong kind (gold {gold['kind']})"
        return "read, wrong kind and side"
    sents = [s.text for s in split_sentences(item["text"]) if gold["place"] in s.text]
    if not sents:
        return "place not in any sentence as written"
    s = sents[0]
    if not any(place in norm(n.text) for n in names.find_names(s, None)):
        return "place not read as a name"
    if triggers.find_triggers(s):
        return f"rule trigger present, place not linked ({gold['kind']})"
    if deps.may_hold_event(s):
        return f"parse cue only, place not linked ({gold['kind']})"
    return f"no cue at all ({gold['kind']})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev")
    ap.add_argument("--half", choices=("tune", "held"))
    ap.add_argument("--show", action="store_true", help="name each missed event (never on a held half)")
    args = ap.parse_args(argv)
    from tracker.extract import extract_mentions

    lines = [line for line in pathlib.Path(args.dev).read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [json.loads(line) for i, line in enumerate(lines)
             if args.half is None or (i % 2 == 0) == (args.half == "tune")]
    counts: Counter = Counter()
    for item in items:
        mentions = extract_mentions(item["text"], item["report_date"])
        for gold in item["events"]:
            why = cause(item, gold, mentions)
            counts[why or "found"] += 1
            if why and args.show:
                print(f"{item['id']}: {gold['side']} {gold['kind']} {gold['place']}: {why}")
    for why, n in counts.most_common():
        print(f"{n:4d}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
