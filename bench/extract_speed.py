"""Extraction throughput, and the wall time of `frontline extract` on one report from a cold start.

Usage: python bench/extract_speed.py [--mb 4] [--report FILE]

Goals (issue 11, with the dependency parse on): end to end at least 0.5 MB/s per core on a mixed
corpus of real reporting (the seed report plus the labelled sets' texts, in ../shared/examples
where it exists, and tests/data), and one 100 kB report in under 2 s cold (a new process).

Also printed: a generated corpus written here from templates (no report text is copied), daily
report-like paragraphs mixing advances, claims, attacks, deployments, strikes, forecasts and
unrelated prose over real front-line place names (issue 3's measure).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PLACES = ["Toretsk", "Pokrovsk", "Siversk", "Kreminna", "Kupyansk", "Chasiv Yar", "Vovchansk", "Lyptsi",
          "Kurakhove", "Selydove", "Velyka Novosilka", "Robotyne", "Huliaipole", "Myrnohrad", "Avdiivka",
          "Bakhmut", "Lyman", "Terny", "Bilohorivka", "Krynky", "Stepnohirsk", "Kostiantynivka", "Vuhledar",
          "Orikhiv", "Hlushkove", "Sudzha", "Korenevo", "Tetkino", "Novoselivka", "Andriivka"]
REGIONS = ["Kursk Oblast", "Donetsk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast", "Belgorod Oblast"]
SIDES = [("Russian", "forces"), ("Ukrainian", "forces"), ("Russian", "troops"), ("Ukrainian", "troops")]
COMPASS = ["north", "south", "east", "west", "northeast", "southwest", "southeast", "northwest"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def sentence(r: random.Random) -> str:
    adj, noun = r.choice(SIDES)
    a, b, c = r.sample(PLACES, 3)
    day = f"{r.choice(MONTHS)} {r.randint(1, 28)}"
    return r.choice([
        f"{adj} {noun} recently advanced near {a} and {b}.",
        f"Geolocated footage published on {day} indicates that {adj} {noun} advanced {r.choice(COMPASS)} of {a}.",
        f"{adj} milbloggers claimed that {adj} {noun} seized {a}, but ISW has not observed confirmation.",
        f"{adj} {noun} attacked near {a}, {b}, and {c} on {day}.",
        f"{adj} {noun} continued assaults in the {a} direction but did not make confirmed advances.",
        f"Elements of a {adj} brigade arrived in {r.choice(REGIONS)} on {day}.",
        f"{adj} {noun} will likely try to seize {a} in the coming weeks.",
        f"{adj} {noun} struck {a} with drones and glide bombs overnight.",
        "The ministry published a statement about grain exports and shipping insurance rates.",
        f"{adj} {noun} conducted ground attacks {r.choice(COMPASS)} of {a} and toward {b}.",
        "Officials discussed budget plans, energy prices and a new school building programme.",
    ])


PEOPLE = ["Vladimir Putin", "Volodymyr Zelensky", "Alexander Lukashenko", "Dmitry Peskov", "Sergei Lavrov",
          "Andrii Sybiha", "Kim Jong Un", "Olaf Scholz"]
CITIES = ["Moscow", "Kyiv", "Minsk", "Brussels", "Washington", "Beijing", "Kazan", "St. Petersburg"]


def prose(r: random.Random) -> str:
    """Report sentences that carry no ground event: politics, economy, information operations, strikes."""
    p, q = r.sample(PEOPLE, 2)
    c = r.choice(CITIES)
    day = f"{r.choice(MONTHS)} {r.randint(1, 28)}"
    return r.choice([
        f"{p} met with {q} in {c} on {day} to discuss economic cooperation and energy exports.",
        f"The Kremlin continued efforts to portray the summit in {c} as evidence of international support.",
        f"{p} claimed on {day} that Western sanctions have failed and that the economy is growing.",
        f"Russian state media amplified a narrative that the West is preparing to escalate the war.",
        f"Ukrainian officials reported that Russian forces launched drones and missiles against {r.choice(PLACES)} overnight.",
        f"The Russian Duma adopted a law on {day} that expands the powers of regional authorities.",
        f"{p} stated that negotiations are possible only on terms that {c} considers acceptable.",
        f"Russian milbloggers criticized the Russian military command for poor logistics and high losses.",
        f"Ukrainian authorities are investigating reports of executed prisoners of war near {r.choice(PLACES)}.",
        f"Russian occupation officials continued to deport children from occupied territories to Russia.",
        f"Russia continues to recruit personnel with large one-time payments, according to independent outlets.",
        f"ISW assessed that the Kremlin is unlikely to change its war aims in the near term.",
    ])


def corpus(mb: float, seed: int = 7, event_share: float = 1.0) -> str:
    r = random.Random(seed)
    parts, size = [], 0
    day = 0
    while size < mb * 1_000_000:
        day += 1
        para = [f"{MONTHS[day % 12]} {day % 28 + 1}, 2024", ""]
        for _ in range(40):
            para.append(" ".join(sentence(r) if r.random() < event_share else prose(r)
                                 for _ in range(r.randint(2, 5))))
            para.append("")
        block = "\n".join(para) + "\n\n"
        parts.append(block)
        size += len(block.encode())
    return "".join(parts)


def mixed_reports(report: pathlib.Path) -> list[str]:
    """The seed report and the labelled sets' texts, grouped into report-sized documents (~10 kB)."""
    items: list[str] = []
    for folder in (REPO.parent / "shared" / "examples", REPO / "tests" / "data"):
        for f in sorted(folder.glob("*.jsonl")):
            items += [json.loads(line)["text"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs, cur = [], []
    for text in items:
        cur.append(text)
        if sum(map(len, cur)) > 10_000:
            docs.append("\n\n".join(cur))
            cur = []
    docs += ["\n\n".join(cur)] if cur else []
    if report.exists():
        docs.append(report.read_text(encoding="utf-8"))
    return docs


def throughput(reports: list[str], gz, passes: int = 3) -> list[tuple[float, float, int]]:
    """(wall s, CPU s, events) per pass; the first pass asks the gazetteer, later ones hit its caches."""
    from tracker.extract import extract_events

    runs = []
    for _ in range(passes):
        n = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for rep in reports:  # one call per report, as an ingest does
            n += len(extract_events(rep, "2024-10-24", source="bench", gazetteer=gz))
        runs.append((time.perf_counter() - t0, time.process_time() - c0, n))
    return runs


def cold_extract(path: pathlib.Path) -> tuple[float, int] | None:
    """Best of 3 wall times of `frontline extract` in a new process, and its event count."""
    cmd = [sys.executable, "-c", "from tracker.cli import main; main()", "extract", "--format", "jsonl",
           "--report-date", "2024-10-24", str(path)]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if res.returncode:
            print("frontline extract failed:", res.stderr.strip())
            return None
    return min(times), len(res.stdout.splitlines())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--report", default=str(REPO.parent / "shared" / "examples" / "isw-2024-10-24.txt"))
    args = ap.parse_args(argv)
    # the generated corpus pairs places at random: its 'left out' warnings are noise here
    logging.getLogger("tracker.extract").setLevel(logging.ERROR)
    from gazetteer import Gazetteer
    from tracker.extract import extract_events

    gz = Gazetteer.default()
    # warm up: the gazetteer and the parser load once per process (the cold figure below counts them)
    extract_events("Russian forces advanced near Toretsk. Russian troops overran Pokrovsk, the ministry said.",
                   "2024-10-24", gazetteer=gz)

    report = pathlib.Path(args.report)
    mixed = mixed_reports(report)
    nbytes = sum(len(r.encode()) for r in mixed)
    runs = throughput(mixed, gz)
    (w1, c1, n), (wb, cb, _) = runs[0], min(runs[1:])
    print(f"mixed real reporting (seed report + labelled sets' texts): {nbytes / 1e6:.2f} MB in "
          f"{len(mixed)} documents, {n} events")
    print(f"  first pass: {nbytes / 1e6 / c1:.2f} MB/s per core (CPU), {nbytes / 1e6 / w1:.2f} MB/s wall;  "
          f"warm: {nbytes / 1e6 / cb:.2f} MB/s per core  (goal >= 0.5 MB/s per core)")
    dense = "\n\n".join(mixed)
    while len(dense.encode()) < 100_000:
        dense += "\n\n" + dense
    # a report's own mix: the seed report, then generated paragraphs with 1 in 4 event sentences
    sparse = (report.read_text(encoding="utf-8") if report.exists() else "") + "\n\n" + corpus(0.1, event_share=0.25)
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in (("every sentence from the labelled sets", dense), ("report-like mix", sparse)):
            path = pathlib.Path(tmp) / "report-100kB.txt"
            path.write_text(text.encode()[:100_000].decode("utf-8", "ignore").rsplit("\n\n", 1)[0], encoding="utf-8")
            cold = cold_extract(path)
            if cold is None:
                return 1
            print(f"`frontline extract` on a {path.stat().st_size / 1000:.0f} kB report ({label}) from a cold "
                  f"start: {cold[0]:.2f} s best of 3 ({cold[1]} events)  (goal < 2 s)")

    for label, share in (("report-like mix (1 in 4 sentences an event sentence)", 0.25),
                         ("dense (every sentence an event sentence)", 1.0)):
        text = corpus(args.mb, event_share=share)
        reports = [r for r in text.split("\n\n\n") if r.strip()]
        nbytes = sum(len(r.encode()) for r in reports)
        runs = throughput(reports, gz)
        (w1, c1, n), (wb, cb, _) = runs[0], min(runs[1:])
        print(f"generated, {label}: {nbytes / 1e6:.2f} MB in {len(reports)} reports, {n} events "
              f"({n / (nbytes / 1000):.1f} per kB)")
        print(f"  first pass: {nbytes / 1e6 / c1:.2f} MB/s per core, warm: {nbytes / 1e6 / cb:.2f} MB/s per core")

    if not report.exists():
        with tempfile.NamedTemporaryFile("w", suffix="-2024-10-24.txt", delete=False) as fh:
            fh.write(corpus(0.06, event_share=0.25).split("\n\n\n")[0])
            report = pathlib.Path(fh.name)
    cold = cold_extract(report)
    if cold is None:
        return 1
    print(f"`frontline extract` on {report.name} ({report.stat().st_size / 1000:.1f} kB) from a cold start: "
          f"{cold[0]:.2f} s best of 3 ({cold[1]} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
