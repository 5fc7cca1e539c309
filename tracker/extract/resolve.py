"""Mentions -> events: settle each place with the gazetteer, then place the event point.

Context decides homonyms: the region written next to the place, regions named
in the sentence, and other places named in the sentence or paragraph are passed
to the gazetteer. When context cannot settle a name, the event is still
reported, with lower precision and a ``place_note`` saying why.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
import weakref
from typing import Any, NamedTuple

from ..event import Event
from ..geometry import locate
from .mentions import Mention

log = logging.getLogger(__name__)

# Where the war's ground events happen; settlements elsewhere need their country named.
# Moldova is in the gazetteer's default theater (it ranks its names) but sees no fighting.
# A theater set by the user ($FRONTLINE_THEATER) replaces this.
THEATER = ("UA", "RU", "BY")
# Two candidates this far apart with equal scores are a real homonym problem.
HOMONYM_KM = 30.0
AMBIGUOUS_UNCERTAINTY_KM = 25.0
MIN_SCORE = 88.0
SEAT_RADIUS_KM = 30.0  # a district placed at its seat: about a raion's reach
_DISTRICT_WORD = re.compile(r"\s+(?:district|raion|rayon)$", re.I)
_ADJECTIVE_END = re.compile(r"(?:s['’]?k(?:yi|iy|yy|y|ii|i))$", re.I)
CACHE_MAX = 50_000
# Regions where the genre's ground fighting happens: among namesakes that context cannot tell
# apart, the one in these regions is the likelier subject of a front-line report.
FRONT_REGIONS = frozenset({
    "Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast", "Kherson Oblast",
    "Sumy Oblast", "Dnipropetrovsk Oblast", "Mykolaiv Oblast", "Kursk Oblast", "Belgorod Oblast",
    "Bryansk Oblast", "Chernihiv Oblast", "Kyiv Oblast"})
# The long-running front: where a neighbour's namesake most likely lies when nothing else tells.
CORE_FRONT = frozenset({
    "Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast", "Kherson Oblast",
    "Sumy Oblast", "Dnipropetrovsk Oblast", "Kursk Oblast", "Belgorod Oblast"})
# Towns along the line of contact held since 2023 (lat, lon; Kursk incursion included): among
# namesakes context cannot tell apart, the one nearer the fighting is the likelier subject.
FRONT_LINE = (
    (50.291, 36.941), (50.209, 36.421), (49.710, 37.616), (49.409, 38.155), (49.048, 38.216),
    (48.990, 37.808), (48.865, 38.097), (48.594, 37.999), (48.395, 37.848), (48.140, 37.750),
    (48.280, 37.177), (47.985, 37.281), (47.780, 37.250), (47.843, 36.836), (47.667, 36.256),
    (47.576, 35.783), (47.442, 35.282), (46.760, 33.356), (46.637, 32.615), (51.191, 35.271),
    (48.254, 36.732), (48.944, 38.488))
FUZZY_CONTEXT_KM = 100.0
# a village known only by its hromada must lie this close (plus its radius) to the places named
# with it to be preferred over a namesake GeoNames places exactly
LAYER_CONTEXT_KM = 40.0
# a village of a named raion lies within the raion's radius of its seat, give or take this
DISTRICT_SLACK_KM = 20.0
FAR_KM = 150.0
# "Krymske (northeast of Toretsk)": a place the report locates by another lies within this of it
REFERENCE_KM = 50.0
APPOSITION_KM = 120.0  # "X, east of Kharkiv": the region's city may be the yardstick
PARAGRAPH_FAR_KM = 300.0
_COMPASS_WORD = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?(?:[- ]?(?:east|west))?"
REF_BUCKET_KM = 40.0
TOWN_POP = 10000  # towns this size are named with far-away places; villages rarely are
CITY_POP = 100_000  # a city this size named as written is meant over a town bearing its former name
LIMIT = 300  # every namesake context may pick from: the settlement layer holds 125 Ivanivkas
_CACHES = weakref.WeakKeyDictionary()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@functools.lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if c.isalnum())


@functools.lru_cache(maxsize=16384)
def _front_rank(lat: float, lon: float) -> int:
    """0 within 50 km of the line of contact, 1 within 150 km, else 2."""
    km = min(_km((lat, lon), pt) for pt in FRONT_LINE)
    return 0 if km <= 50 else 1 if km <= 150 else 2


# what follows a place that a report locates by another: "Krymske (northeast of Toretsk)", "Krymske
# (about 5 km northeast of Toretsk)", "Krymske (near Toretsk)"; and the wire stories' apposition:
# "Andriivka, south of Bakhmut", "Kruhliakivka, a village of about 1,200 people some 20 kilometers
# south of Kupiansk"
_APPOSITION = (r"(?:(?:a|the)\s+(?:small\s+|large\s+|key\s+|frontline\s+|front-line\s+)?"
               r"(?:village|town|settlement|city|hamlet|stronghold)\s+"
               r"(?:of\s+(?:about\s+|some\s+|around\s+|nearly\s+)?[\d,.]+\s+(?:people|residents|inhabitants)\s+)?)?"
               r"(?:(?:about|some|roughly|around|nearly|just|located|lying|barely|only)\s+)*"
               r"(?:[\d.,]+\s*(?:km|kilometers|kilometres|miles)\s+)?")
_REFERENCE_AFTER = re.compile(
    r"\s*\((?:[^()]{0,30}?\s)?(?:" + _COMPASS_WORD + r"\s+of|near)\s+(?P<paren>[A-Z][^(),;]{1,40}?)\s*(?:[,;][^()]*)?\)"
    r"|,\s+" + _APPOSITION + r"(?:" + _COMPASS_WORD + r"\s+of|near)\s+"
    r"(?:the\s+(?:city|town)\s+of\s+)?(?P<appos>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)")
_LOCATOR_BEFORE = re.compile(r"\b(?:of|near|around|toward|towards|outside)\s+$", re.I)


def _reference(place: str, quote: str) -> "Reference | None":
    """The place a report locates ``place`` by, in a parenthesis or an apposition right after it."""
    at = quote.find(place)
    while at >= 0:
        m = _REFERENCE_AFTER.match(quote, at + len(place))
        if m and not (m.group("appos") and _LOCATOR_BEFORE.search(quote, max(0, at - 25), at)):
            # (not "advances northeast of Kupyansk, north of Bakhmut": a list of locators)
            name = re.split(r"\s+and\s+", m.group("paren") or m.group("appos"))[0]
            stated = _DISTANCE.search(m.group(0))
            if stated:  # "Kalynivske, around 70 kilometers north of Kherson"
                km = float(stated.group(1).replace(",", "")) * (1.609 if stated.group(2) == "miles" else 1.0)
                return Reference(name, max(REFERENCE_KM, 1.5 * km + 10), True, True)
            # an apposition without a distance may be a region's city ("Volokhiv Yar, east of
            # Kharkiv", 75 km away): looser, and never a reason to drop the place
            return Reference(name, REFERENCE_KM if m.group("paren") else APPOSITION_KM, bool(m.group("paren")))
        at = quote.find(place, at + 1)
    return None


class Reference(NamedTuple):
    """A place the report locates another by, how far off the other may lie, and whether a
    namesake beyond that is certainly not the one meant."""
    name: str
    reach_km: float
    strict: bool
    distance_given: bool = False  # "10 km west of Y", not only "west of Y"


_DISTANCE = re.compile(r"([\d][\d,]*(?:\.\d+)?)\s*(km|kilometers|kilometres|miles)\b")


@functools.lru_cache(maxsize=16384)
def _locate(lat: float, lon: float, relation: str, kind: str, precision: str, radius_km: float | None):
    # offsets cost a geodesic each; the same place and relation recur across reports
    return locate(lat, lon, relation, place_kind=kind, place_precision=precision, radius_km=radius_km)


def layer_note(place) -> str:
    """Why a village's point is rough, and how to make it exact."""
    basis = place.source.split("placed by ", 1)[-1]
    return (f"{place.name} is not in GeoNames cities500: placed by the KATOTTG settlement layer "
            f"({basis}), within {place.radius_km:.0f} km; `frontline gazetteer import UA.zip` "
            "(a GeoNames country dump) gives exact points")


class Resolver:
    """Turns mentions into events; caches gazetteer answers for the whole run."""

    def __init__(self, gazetteer: Any = None):
        if gazetteer is None:
            from gazetteer import Gazetteer
            gazetteer = Gazetteer.default()
        self.gz = gazetteer
        from gazetteer import settings
        chosen = settings.theater()
        self.theater = THEATER if set(chosen) == set(settings.DEFAULT_THEATER) else chosen
        # answers are kept across reports of one run (a batch ingest asks the same names again);
        # the gazetteer ranks by theater, so each theater keeps its own
        try:
            caches = _CACHES.setdefault(gazetteer, {}).setdefault(chosen, ({}, {}, {}, {}))
        except TypeError:
            caches = ({}, {}, {}, {})
        for c in caches:
            if len(c) > CACHE_MAX:
                c.clear()
        self._lookups, self._regions, self._anchors, self._settled = caches
        self._para: int | None = None
        self._para_points: list[tuple[float, float]] = []
        self.skipped: dict[str, str] = {}  # place as written -> why no event was made there

    # -- gazetteer with caches ---------------------------------------------------
    def region(self, name: str):
        key = name.casefold()
        if key not in self._regions:
            try:
                self._regions[key] = self.gz.region(name)
            except Exception as exc:  # a bad name is "no region", never a crash
                log.debug("region %r: %s", name, exc)
                self._regions[key] = None
        return self._regions[key]

    def district(self, name: str):
        """A raion or district ('Pokrovsk Raion', 'Sudzhansky district'), or None."""
        key = ("district", name.casefold())
        if key not in self._regions:
            try:
                hits = self.gz.lookup(name, kinds=("district",), limit=1, fuzzy=False)
            except Exception as exc:
                log.debug("district %r: %s", name, exc)
                hits = []
            self._regions[key] = hits[0].place if hits and hits[0].score >= 99 else None
        return self._regions[key]

    def lookup(self, name: str, region=None) -> list:
        """Candidates for a name (cached per name and region); context ranks them in ``settle``."""
        key = (name.casefold(), region.id if region is not None else None)
        hit = self._lookups.get(key)
        if hit is None:
            try:
                hit = self.gz.lookup(name, region=region, limit=LIMIT)
            except Exception as exc:  # an odd name is "no place", never a crash
                log.debug("lookup %r: %s", name, exc)
                hit = []
            self._lookups[key] = hit
        return hit

    def _strong_points(self, m: Mention) -> list[tuple[float, float]]:
        """Points of unambiguous settlements named in the same sentence (a paragraph may move on
        to another sector, so only the sentence counts here)."""
        self._anchor_points(m)
        return [self._anchors[o.casefold()] for o in m.near if self._anchors.get(o.casefold())]

    def _anchor_points(self, m: Mention) -> list[tuple[float, float]]:
        """Points of places named alongside that are themselves unambiguous."""
        pts: list[tuple[float, float]] = []
        for other in m.near:
            key = other.casefold()
            if key not in self._anchors:
                matches = [x for x in self.lookup(other) if x.place.kind == "settlement"
                           and x.place.country in self.theater and x.score >= 99]
                core = [x for x in matches if x.place.admin1 in CORE_FRONT]
                if len(core) == 1:  # one namesake on the front line: "Pokrovsk" beside Toretsk
                    matches = core
                one = len(matches) == 1 or (matches and len({(round(x.place.lat), round(x.place.lon))
                                                             for x in matches[:3]}) == 1)
                trusted = one and (matches[0].place.admin1 in CORE_FRONT
                                   or (matches[0].place.population or 0) >= TOWN_POP)
                self._anchors[key] = (matches[0].place.lat, matches[0].place.lon) if trusted else None
            if self._anchors[key] is not None:
                pts.append(self._anchors[key])
        if not pts:
            # no unambiguous neighbour: the likeliest reading of each neighbour (front prior) still helps
            for other in m.near:
                cands = [x for x in self.lookup(other) if x.place.kind == "settlement" and x.score >= 99
                         and x.place.country in self.theater]
                front = [x for x in cands if x.place.admin1 in CORE_FRONT]
                pts.extend((x.place.lat, x.place.lon) for x in front[:3])
        for r in m.regions:  # only regions named as a location ("In Donetsk Oblast, ...")
            if m.region:
                break  # the place's own oblast binds it; the oblast's centre says nothing of where in it
            reg = self.region(r)
            if reg is not None:
                pts.append((reg.lat, reg.lon))
        if m.paragraph == self._para:
            pts.extend(self._para_points[-4:])
        return pts[:8]

    def _reference_point(self, ref: str | None) -> tuple[float, float] | None:
        """Where the place a report locates another by lies: its likeliest front-line reading."""
        if not ref:
            return None
        cands = [x for x in self.lookup(ref) if x.score >= 99 and x.place.country in self.theater
                 and x.place.kind in ("settlement", "region")]
        if not cands:
            return None
        front = [x for x in cands if x.place.admin1 in CORE_FRONT]
        best = (front or cands)[0].place
        return None if best.kind == "region" else (best.lat, best.lon)

    # -- one mention -----------------------------------------------------------------
    def settle(self, m: Mention, reference: Reference | None = None):
        """(place, note) for a mention, or (None, reason); cached per name and context.

        ``reference`` is a place the report locates this one by ("X (north of Y)": Y)."""
        near = () if m.is_region else tuple(self._anchor_points(m))
        ref_pt = None if m.is_region or m.region or not reference else self._reference_point(reference.name)
        key = (m.place, m.region, m.is_region, m.host, m.kind == "deployment",
               tuple((round(a, 1), round(b, 1)) for a, b in near), ref_pt, reference if ref_pt else None)
        hit = self._settled.get(key)
        if hit is None:
            hit = self._settled[key] = self._settle(m, list(near), reference, ref_pt)
        return hit

    def _seat(self, name: str, region):
        """The town a district the gazetteer lacks is named after, with a district's radius:
        raions abolished in 2020 ("Novoazovsk district", "Bakhmutskyi raion") are still written."""
        word = _DISTRICT_WORD.search(name)
        if not word:
            return None
        stem = name[:word.start()].strip()
        adj = _ADJECTIVE_END.search(stem)
        forms = [stem[:adj.start()] + "sk", stem[:adj.start()]] if adj else [stem]  # Novoazovskyi: Novoazovsk
        for form in forms:
            hits = [x for x in self.lookup(form, region=region) if x.score >= 99 and
                    x.place.kind == "settlement" and x.place.country in self.theater]
            if hits:
                return dataclasses.replace(hits[0].place, precision="district", radius_km=SEAT_RADIUS_KM)
        return None

    def _settle(self, m: Mention, near: list, reference: Reference | None = None,
                ref_pt: tuple[float, float] | None = None):
        if m.is_region:
            reg = self.region(m.place) or self.district(m.place)
            if reg is not None:
                return reg, None
            seat = self._seat(m.place, self.region(m.region) if m.region else None)
            if seat is not None:
                return seat, f"district not in the gazetteer: placed at {seat.name}, the town it is named after"
            return None, "unknown region"
        region = self.region(m.region) if m.region else None
        district = self.district(m.region) if m.region and region is None else None
        if district is not None:
            region = self.region(district.admin1) if district.admin1 else None
        matches = self.lookup(m.place, region=region)
        ground = "ground" in m.place.lower() or "range" in m.place.lower() or "polygon" in m.place.lower()
        good = [x for x in matches if x.score >= MIN_SCORE and (
            x.place.country in self.theater or ground or region is not None)]
        if ground:
            tg = [x for x in good if x.place.kind == "training_ground"]
            if tg:
                return tg[0].place, None
            if m.host:
                host = [x for x in self.lookup(m.host, region=region) if x.score >= MIN_SCORE]
                if host:
                    return host[0].place, f"training ground not in the gazetteer: placed at {m.host}"
            if region is not None:
                return region, "training ground not in the gazetteer: placed at the region"
            return None, "unknown training ground"
        grounds = [x for x in good if x.place.kind == "training_ground" and x.score >= 99]
        good = [x for x in good if x.place.kind != "training_ground"]
        if not good and grounds and m.kind == "deployment":
            # "a battalion tactical group has arrived near Pogonovo": no settlement of that name,
            # the range named after it
            return grounds[0].place, None
        if region is not None:
            # the oblast written next to the place is binding: never a namesake elsewhere
            good = [x for x in good if x.place.country == region.country and x.place.admin1 == region.admin1]
        if district is not None:
            # so is the raion: its namesakes elsewhere in the oblast are other villages
            reach = (district.radius_km or 30.0) + DISTRICT_SLACK_KM
            good = [x for x in good if _km((x.place.lat, x.place.lon), (district.lat, district.lon)) <= reach]
            if not good:
                return district, f"no {m.place!r} in {district.name} in the gazetteer: placed at the district"
        if region is not None and not good:
            return region, f"no {m.place!r} in {region.name} in the gazetteer: placed at the region"
        if not good:
            if region is not None:
                return region, f"{m.place!r} not in the gazetteer: placed at the region"
            return None, "not in the gazetteer"
        if ref_pt is not None:
            close = [x for x in good if _km((x.place.lat, x.place.lon), ref_pt) <= reference.reach_km]
            if not close and reference.strict:
                # the report says where it is, and no namesake lies there: it is missing
                return None, (f"no {m.place!r} within {reference.reach_km:.0f} km of {reference.name}, "
                              "where the report puts it")
            if close:
                good = close
            else:
                ref_pt = None
        q = _fold(m.place)

        # The gazetteer's order already weighs region, proximity, theater and size;
        # among equal scores a name spelled exactly as written beats a variant.
        order = {id(x): i for i, x in enumerate(good)}
        def dist(x) -> float:
            if not near:
                return 0.0
            return min(_km((x.place.lat, x.place.lon), pt) for pt in near) // 50

        def fine(x) -> float:
            if not near or x.place.precision != "hromada":
                return 0.0
            return min(_km((x.place.lat, x.place.lon), pt) for pt in near) // 10

        def unsupported(x) -> bool:
            # a village of the settlement layer (placed only by its hromada) is taken over a
            # namesake with a real point only where the text's context puts it
            # (settlements named with it: a region's centre says nothing of where a village lies)
            # A town of that very name outweighs it unless the village's own sentence names its
            # neighbours: "the Zaporizhzhia direction" is the city, though a village of that name
            # lies near a place the paragraph named before.
            if x.place.precision != "hromada" or region is not None:
                return False
            return not (close_to(x, sentence) or (not town_named and close_to(x, paragraph)))

        def former_name(x) -> bool:
            # "Kaliningrad" is the city of 475,000, not Korolev near Moscow that once bore the name,
            # unless the text's places lie by Korolev or it is on the front (MoD digests'
            # "Dzerzhinsk" for Toretsk)
            # A front-line village that only shares the spelling ("Voronezh" for Voronizh in Sumy
            # Oblast) is not meant over the city either.
            return (city_named and _fold(x.place.name) != q
                    and (x.place.admin1 not in FRONT_REGIONS or (x.place.population or 0) < TOWN_POP)
                    and not (near and min(_km((x.place.lat, x.place.lon), pt) for pt in near) <= 60))

        def close_to(x, pts) -> bool:
            return bool(pts) and min(_km((x.place.lat, x.place.lon), pt) for pt in pts) \
                <= LAYER_CONTEXT_KM + (x.place.radius_km or 0)

        town_named = any(x.place.precision != "hromada" and (x.place.population or 0) >= TOWN_POP
                         and x.score >= 99 for x in good)
        city_named = any(_fold(x.place.name) == q and (x.place.population or 0) >= CITY_POP for x in good)
        sentence = self._strong_points(m)
        paragraph = sentence + (self._para_points[-4:] if m.paragraph == self._para else [])

        if len(good) > 1 and ref_pt is not None:
            # the report says where it lies: the namesake nearest that spot, spelled as written
            # a yardstick with no distance ("Shevchenkove, west of Kupiansk") says no more than 40 km:
            # within that a real point beats a village placed only by its hromada
            bucket = 1.0 if reference.distance_given else REF_BUCKET_KM
            good.sort(key=lambda x: (-round(x.score), _fold(x.place.name) != q,
                                     _km((x.place.lat, x.place.lon), ref_pt) // bucket,
                                     x.place.precision == "hromada",
                                     _km((x.place.lat, x.place.lon), ref_pt)))
        elif len(good) > 1:
            # villages of the layer differ by kilometres, not by 50 km buckets: the nearest of
            # several Holubivkas to Kupiansk and Kindrashivka is the one named with them
            good.sort(key=lambda x: (-round(x.score), unsupported(x), former_name(x), dist(x), fine(x),
                                     _front_rank(x.place.lat, x.place.lon), order[id(x)]))
        strong = self._strong_points(m)
        far_note = None
        if strong and region is None and max((x.place.population or 0) for x in good) < TOWN_POP:
            close = [x for x in good if min(_km((x.place.lat, x.place.lon), pt) for pt in strong) <= FAR_KM]
            if not close:
                if len(good) > 1 or _fold(good[0].place.name) != q:
                    # every namesake lies far from the places this sentence names with it:
                    # the one meant is missing from the gazetteer, so no point beats a wrong one
                    return None, f"no {m.place!r} within {FAR_KM:.0f} km of the places named with it"
                # the only place of that very name: reports do name two fronts in one
                # sentence, so keep it, flagged
                far_note = (f"ambiguous: the only {m.place!r} in the gazetteer lies over {FAR_KM:.0f} km "
                            "from the places named with it; a village missing from the gazetteer may be meant")
        best = good[0]
        note = far_note
        if near and not strong and region is None and (best.place.population or 0) < TOWN_POP \
                and _fold(best.place.name) != q \
                and min(_km((best.place.lat, best.place.lon), pt) for pt in near) > PARAGRAPH_FAR_KM:
            # a village found only under another spelling, hundreds of km from everything its
            # paragraph names ("Makhnovka" in a Kursk paragraph, a Makhnivka in Vinnytsia Oblast):
            # the one meant is missing from the gazetteer
            return None, (f"only {best.place.name} ({best.place.admin1}) matches, "
                          f"over {PARAGRAPH_FAR_KM:.0f} km from the places its paragraph names")
        namesakes = [x for x in good[1:] if round(x.score) >= round(best.score) - 1
                     and x.place.admin1 in FRONT_REGIONS]
        if strong and region is None and namesakes:
            far = min(_km((best.place.lat, best.place.lon), pt) for pt in strong)
            if far > FUZZY_CONTEXT_KM:
                # a name several front-line places share, far from the places this sentence
                # names with it: the namesake meant may be a village missing from the gazetteer
                note = (f"ambiguous: {best.place.name} ({best.place.admin1 or best.place.country}) lies "
                        f"{far:.0f} km from the places named with it; {len(namesakes) + 1} places "
                        f"match {m.place!r} and the one meant may be missing from the gazetteer")
        # a Russian spelling of one front-line town, in a text naming nothing else ("reached the
        # outskirts of Velikaya Novosyolka"): no other place contradicts it
        lone_front = not near and best.score >= 85 and best.place.admin1 in FRONT_REGIONS and not any(
            x is not best and x.score >= best.score - 5 for x in good)
        if best.score < 99 and region is None and not lone_front and not (
                near and min(_km((best.place.lat, best.place.lon), pt) for pt in near) < FUZZY_CONTEXT_KM):
            # a spelling guess far from everything else the text names: more likely a wrong place
            return None, f"only a loose match ({best.place.name}) far from the places named alongside"
        front = best.place.admin1 in FRONT_REGIONS
        # a town outweighs villages of its name, but not when it only bears the name as a variant
        # (a former name: Khutir-Mykhaylivskyi was Druzhba)
        big = (best.place.population or 0) if _fold(best.place.name) == q else 0
        rivals = [x for x in good[1:] if round(x.score) >= round(best.score) - 1
                  and (x.place.admin1 in FRONT_REGIONS) == front
                  and not (big >= 5000 and (x.place.population or 0) * 4 <= big)
                  and _km((x.place.lat, x.place.lon), (best.place.lat, best.place.lon)) > HOMONYM_KM]
        settled_by_context = bool(near) and min(_km((best.place.lat, best.place.lon), pt) for pt in near) < 60
        if rivals and not settled_by_context and region is None and note is None:
            others = ", ".join(f"{x.place.name} ({x.place.admin1 or x.place.country})" for x in rivals[:3])
            note = (f"ambiguous: {len(rivals) + 1} places match {m.place!r}; context did not settle it; "
                    f"picked {best.place.name} ({best.place.admin1 or best.place.country}) over {others}")
        if best.place.precision == "hromada" and note is None:
            note = layer_note(best.place)
        return best.place, note

    def event(self, m: Mention, text: str, report_date: str, source: str) -> Event | None:
        if m.paragraph != self._para:
            self._para = m.paragraph
            self._para_points = []
        place, note = self.settle(m, _reference(m.place, text[m.quote_start:m.quote_end]))
        if place is None:
            log.info("no place for %r (%s): skipped", m.place, note)
            self.skipped.setdefault(m.place, note or "")
            return None
        # forces sent "to" a place are then at it: a destination, not a direction of attack
        rel = "in" if m.kind == "deployment" and m.relation in ("to", "toward", "towards") else m.relation
        loc = _locate(place.lat, place.lon, rel, place.kind, place.precision, place.radius_km)
        precision, unc = loc.precision, loc.uncertainty_km
        if note and note.startswith("ambiguous") and precision in ("point", "near", "offset"):
            precision, unc = "near", max(unc, AMBIGUOUS_UNCERTAINTY_KM)
        if place.kind != "region":
            self._para_points.append((place.lat, place.lon))
        return Event(
            side=m.side, kind=m.kind, place=m.place, relation=m.relation,
            lat=loc.lat, lon=loc.lon, event_date=m.event_date, report_date=report_date,
            source=source, actor=m.actor, status=m.status, claimant=m.claimant,
            place_id=place.id, place_name=place.name, admin1=place.admin1, country=place.country,
            precision=precision, uncertainty_km=float(unc), date_precision=m.date_precision,
            quote=text[m.quote_start:m.quote_end], quote_start=m.quote_start, quote_end=m.quote_end,
            place_note=note)
