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


FEATURES: Counter | None = None


def _verdict(s: str, t) -> str:
    from tracker.extract import triggers

    why = triggers.blocked_by(s, t, 0)
    if why == "negated":
        from tracker.extract import patterns
        from tracker.extract.text import word_start

        window = s[word_start(s, max(0, t.start - 45)):t.start]
        words = [m.group(0).lower() for m in patterns.NEGATION.finditer(window + " " + t.text)]
        return f"no (negated by {words[-1] if words else '?'}; trigger mode {t.mode})"
    if why:
        return f"no ({why})"
    k = triggers.adjust_kind(s, t, 0)
    return "yes" if k == t.kind else f"kind changed to {k}"


def _names(s: str) -> list:
    from tracker.extract import names

    return names.find_names(s, None)


def link_features(s: str, place: str, trigs: list, gold: dict | None = None, date: str = "2024-01-01") -> list[str]:
    """Shape of an unlinked (trigger, place) pair, as counts a held half can show without its text."""
    import re as _re

    from tracker.extract import patterns

    at = s.index(place)
    near = min(trigs, key=lambda t: min(abs(t.start - at), abs(t.end - at)))
    side = "place after trigger" if at >= near.end else "place before trigger"
    lo, hi = (near.end, at) if at >= near.end else (at + len(place), near.start)
    gap = s[lo:hi]
    words = len(gap.split())
    prep = _re.search(r"(\w+)\s*$", s[:at])
    brk = patterns.BREAK.search(gap)
    broken = bool(brk) or any(c in gap for c in ";:")
    kind_of_break = (brk.group(0).strip(" ,").split() or [";"])[0].lower() if brk else "-"
    return [side, f"gap {'0-3' if words <= 3 else '4-8' if words <= 8 else '9+'} words",
            f"word before place: {prep.group(1).lower() if prep else '-'}",
            "clause break between" if broken else "no break between",
            f"nearest trigger kind {near.kind}", f"break word: {kind_of_break}",
            f"other names between: {sum(1 for n in _names(s) if lo <= n.start < hi)}",
            f"trigger mode {near.mode}", f"nearest trigger allowed: {_verdict(s, near)}", f"comma in gap: {',' in gap}",
            f"sentence words {'<25' if len(s.split()) < 25 else '25-40' if len(s.split()) <= 40 else '>40'}",
            *_sentence_reading(s, gold, date)]


def _sentence_reading(s: str, gold: dict | None, date: str) -> list[str]:
    """What the sentence read alone gives: events at other places of the gold kind, other kinds, none."""
    from tracker.extract import extract_mentions

    if gold is None:
        return []
    ms = extract_mentions(s, date)
    if not ms:
        return ["sentence alone: no event at all"]
    kinds = {m.kind for m in ms}
    sides = {m.side for m in ms if m.kind == gold["kind"]}
    return [f"sentence alone: {'an event of the gold kind' if gold['kind'] in kinds else 'only other kinds'}"
            + (f", {'same' if gold['side'] in sides else 'other'} side" if sides else "")]


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
    trigs = triggers.find_triggers(s)
    if trigs:
        if FEATURES is not None:
            FEATURES.update(link_features(s, gold["place"], trigs, gold, item["report_date"]))
        return f"rule trigger present, place not linked ({gold['kind']})"
    if deps.may_hold_event(s):
        return f"parse cue only, place not linked ({gold['kind']})"
    return f"no cue at all ({gold['kind']})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dev")
    ap.add_argument("--half", choices=("tune", "held"))
    ap.add_argument("--show", action="store_true", help="name each missed event (never on a held half)")
    ap.add_argument("--features", action="store_true",
                    help="also count the shape of each trigger-present, place-not-linked miss")
    args = ap.parse_args(argv)
    global FEATURES
    FEATURES = Counter() if args.features else None
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
    if FEATURES:
        print("shape of the trigger-present, place-not-linked misses:")
        for what, n in sorted(FEATURES.items()):
            print(f"{n:4d}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
