"""Gazetteer speed: index build, cold CLI lookup, warm exact/fuzzy lookups per second, memory.

    python bench/gazetteer_bench.py [--skip-build]

Goals (issue 2): cold `frontline gazetteer lookup` under 0.3 s once built; warm
20,000 exact and 2,000 fuzzy lookups per second.
"""
from __future__ import annotations

import os
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
_HOME = pathlib.Path(tempfile.mkdtemp(prefix="gz-bench-"))
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_parts() -> tuple[float, float]:
    vals = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("RssAnon:", "RssFile:")):
                vals[line.split(":")[0]] = int(line.split()[1]) / 1024
    return vals.get("RssAnon", float("nan")), vals.get("RssFile", float("nan"))


def main() -> None:
    skip_build = "--skip-build" in sys.argv
    home = _HOME
    os.environ.setdefault("FRONTLINE_CACHE_DIR", str(home / "cache"))
    os.environ.setdefault("FRONTLINE_DATA_DIR", str(home / "data"))
    from gazetteer import index

    if not skip_build or not index.index_path().exists():
        # in a child process, so the memory figure below is that of a process that only looks up
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from gazetteer import index; index.build()"],
                       check=True, cwd=REPO, stderr=subprocess.DEVNULL)
        print(f"index build: {time.perf_counter() - t:.1f} s "
              f"({index.index_path().stat().st_size / 1e6:.0f} MB at {index.index_path()})")

    # cold CLI: a fresh interpreter each time, as a user's shell runs it
    cmd = [sys.executable, "-c", "from tracker.cli import main; main()", "gazetteer", "lookup"]
    for name in ("Toretsk", "Yekaterinslavka"):
        walls = []
        for _ in range(5):
            t = time.perf_counter()
            proc = subprocess.run(cmd + [name], capture_output=True, cwd=REPO)
            walls.append(time.perf_counter() - t)
            assert proc.returncode == 0, proc.stderr
        print(f"cold CLI lookup {name!r}: median {statistics.median(walls):.3f} s, best {min(walls):.3f} s "
              f"(goal < 0.3 s)")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(f"  (bare python start: {time.perf_counter() - t:.3f} s)")

    from gazetteer import Gazetteer

    anon0, _ = rss_parts()
    gz = Gazetteer.default()
    rows = gz._conn.execute("SELECT name FROM places WHERE kind = 'settlement' AND country IN "
                            "('UA','RU','BY','MD') ORDER BY pid").fetchall()
    rng = random.Random(7)
    names = [r[0] for r in rng.sample(rows, 2000)]
    for n in rng.sample([r[0] for r in rows], 200):
        gz.lookup(n)  # a warm process: index pages mapped, code paths hot
    t = time.perf_counter()
    for n in names:
        gz.lookup(n)
    dt = time.perf_counter() - t
    print(f"warm exact lookups, each name first seen: {len(names) / dt:,.0f}/s over {len(names)} theater names")
    t = time.perf_counter()
    count = 0
    for _ in range(5):
        for n in names:
            gz.lookup(n)
            count += 1
    dt = time.perf_counter() - t
    print(f"warm exact lookups, names seen before (as in a report batch): {count / dt:,.0f}/s (goal 20,000/s)")

    def typo(s: str) -> str:
        i = rng.randrange(1, len(s) - 1)
        return s[:i] + s[i + 1:]  # drop one inner letter

    long_names = [n for n in names if len(n) >= 9][:500]
    typos = [typo(n) for n in long_names]
    t = time.perf_counter()
    count, found = 0, 0
    for _ in range(3):
        for n in typos:
            found += bool(gz.lookup(n))
            count += 1
    dt = time.perf_counter() - t
    print(f"warm fuzzy lookups: {count / dt:,.0f}/s over {len(typos)} misspelt names; "
          f"{found / count:.0%} found something (goal 2,000/s)")
    anon, file_ = rss_parts()
    print(f"resident memory: {rss_mb():.0f} MB, of which {anon:.0f} MB private (gazetteer share "
          f"~{anon - anon0:.0f} MB) and {file_:.0f} MB the memory-mapped index (shared page cache)")


if __name__ == "__main__":
    try:
        main()
    finally:
        import shutil
        shutil.rmtree(_HOME, ignore_errors=True)
