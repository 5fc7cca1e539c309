"""Ranking candidates for a name, and saying why the winner won.

Order of evidence, strongest first: kind asked for (a 'training ground' in the
text), the explicit region, match quality (exact before fuzzy, fewer edits
first), proximity to the given point(s), the theater, own name before a
variant unless the variant's place is far larger (see ``prominence``).
Proximity is bucketed so that two places a few km apart fall back to theater
and population rather than to metres of centroid noise.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .distance import haversine_km
from .index import HOW_ALIAS, HOW_NAME, HOW_ONLINE, HOW_SKELETON, HOW_TRANSLIT
from .model import Match, Place
from .normalize import fold

# Beyond ~300 km a context point no longer says "near": such candidates share the last bucket and
# theater and prominence decide (Brest in Belarus, not a Poltava village once called Brest, when
# the sentence also names Kupiansk).
BUCKETS_KM = (10, 25, 50, 100, 200, 300)
# A candidate within this distance of the given points is "in context" and beats any candidate
# beyond it, even one matching the name more exactly: a Ukrainian village 20 km from the places
# named alongside, spelled the Russian way, over an exact namesake in Siberia.
CONTEXT_KM = 300.0
SHADOW_KM = 30.0
# Consonant-skeleton matches (a weak kind of evidence) are taken only this close to the context.
SKELETON_KM = 60.0
GROUND_KINDS = ("training_ground", "military_site")


@dataclass
class Candidate:
    place: Place
    how: int           # index.HOW_* of the best key that matched
    edits: int         # 0 = exact folded name
    score: float       # 0..100
    matched: str       # the folded key that matched


def distance_to(place: Place, points: Sequence[tuple[float, float]]) -> float:
    d = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in points)
    if place.kind == "region" and place.radius_km:
        d = max(0.0, d - place.radius_km)
    return d


def prominence(c: Candidate) -> float:
    """log10(population), plus one when the name is the place's own.

    So a town's own name beats a former name of a town under ten times larger
    (Pokrovsk, not Engels, once called Pokrovsk), while a large town's variant
    beats a hamlet's own name (Krasnyi Lyman is Lyman, not a 600-people village).
    """
    return round(math.log10((c.place.population or 0) + 1) + (1.0 if c.how == HOW_NAME else 0.0), 3)


def _bucket(d: float) -> int:
    for i, edge in enumerate(BUCKETS_KM):
        if d <= edge:
            return i
    return len(BUCKETS_KM)


def rank(cands: list[Candidate], *, region: Place | None, points: Sequence[tuple[float, float]],
         theater: Sequence[str], ground: bool, limit: int, query: str = "") -> list[Match]:
    def in_region(p: Place) -> bool:
        return region is not None and p.country == region.country and (
            region.admin1 is None or p.admin1 == region.admin1)

    theater = frozenset(theater)
    own = [c.place for c in cands if c.how == HOW_NAME and c.edits == 0 and c.place.kind == "settlement"]
    scored = []
    for c in cands:
        p = c.place
        d = distance_to(p, points) if points else None
        # a town's variant that is a neighbour's own name ("Hrodivka", once a name of Myrnohrad, is
        # the village 10 km away) means the neighbour: writers on that front use it for the village
        shadowed = c.how != HOW_NAME and any(
            o.id != p.id and o.country == p.country and haversine_km(o.lat, o.lon, p.lat, p.lon) <= SHADOW_KM
            for o in own)
        key = (
            (0 if p.kind in GROUND_KINDS else 1) if ground else (1 if p.kind in GROUND_KINDS else 0),
            0 if region is None or in_region(p) else 1,
            0 if d is None or d <= CONTEXT_KM else 1,
            c.edits,
            1 if shadowed else 0,
            _bucket(d) if d is not None else 0,
            0 if p.country in theater else 1,
            -prominence(c),
            c.how,
            p.id,
        )
        scored.append((key, c, d))
    scored.sort(key=lambda t: t[0])
    out = []
    for _, c, d in scored[:limit]:
        out.append(Match(place=c.place, score=c.score, reason=_reason(c, d, region, in_region(c.place), theater, query),
                         distance_km=None if d is None else round(d, 1)))
    return out


def _reason(c: Candidate, d: float | None, region: Place | None, in_region: bool,
            theater: Sequence[str], query: str = "") -> str:
    p = c.place
    if c.how == HOW_SKELETON:
        parts = [f"Russian/Ukrainian spelling of {c.matched!r} ({c.edits} letters differ), found near the context"]
    elif c.edits:
        parts = [f"fuzzy match for {c.matched!r} ({c.edits} edit{'s' if c.edits > 1 else ''})"]
    elif c.how == HOW_NAME:
        parts = ["exact name"]
    elif c.how == HOW_ALIAS:
        parts = [f"curated alias {c.matched!r}"]
    elif c.how == HOW_ONLINE:
        parts = [f"online answer ({p.source})"]
    elif c.how == HOW_TRANSLIT:
        parts = [f"romanized Cyrillic name {c.matched!r} of {p.name}"]
    else:
        # an exact match means the query itself folds to this key: show it as the user wrote it
        shown = query.strip() if query and fold(query) == c.matched else \
            next((v for v in p.variants if fold(v) == c.matched), c.matched)
        parts = [f"variant {shown!r} of {p.name}"]
    if region is not None:
        parts.append(f"in {region.name} (given region)" if in_region else f"not in the given region {region.name}")
    elif p.admin1:
        parts.append(f"in {p.admin1}")
    if d is not None:
        parts.append(f"{d:,.0f} km from the given point(s)")
    parts.append("in theater" if p.country in theater else f"outside theater ({p.country})")
    if p.population:
        parts.append(f"population {p.population:,}")
    if p.precision == "host_settlement" and p.host:
        parts.append(f"placed at host settlement {p.host}")
    elif p.kind != "region" and p.precision == "region":
        parts.append("exact site unknown: placed at the region's point")
    return "; ".join(parts)
