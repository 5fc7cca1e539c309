"""``Gazetteer``: the public face over the local index."""
from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from typing import Iterable, Sequence

from . import index, settings
from .errors import GazetteerError, InvalidName, PlaceNotFound, UnknownRegion
from .model import Match, Place
from .normalize import fold, names_a_ground, strip_ground_words
from .rank import Candidate, rank

log = logging.getLogger(__name__)

MAX_NAME = 200
_DIRECTIONS = re.compile(
    r"^(?:the\s+)?(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
    r"(?:north|south)-(?:east|west)(?:ern)?)\s+", re.IGNORECASE)
_REGION_WORDS = re.compile(r"\b(?:oblast|oblasti|region|krai|kray|province|voblast|republic|of|the|"
                           r"autonomous|okrug|territory|raion|district|oblast's)\b", re.IGNORECASE)
_CITY_WORDS = re.compile(r"\b(?:city|town|village|settlement|urban-type|hromada|of|the)\b", re.IGNORECASE)
_PLACE_COLS = "pid, id, name, kind, country, a1, admin1, lat, lon, population, variants, source, precision, radius_km, host"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
_EXACT_SQL = ("SELECT n.how, " + ", ".join(f"p.{c.strip()}" for c in _PLACE_COLS.split(","))
              + " FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?")
_DEFAULT: dict[str, "Gazetteer"] = {}
_LOCK = threading.Lock()


def max_edits(n: int) -> int:
    """Edits a fuzzy match may need for a key of ``n`` characters.

    Short names get none: one edit turns 'Kyiv' into 'Kiyk' and 'Spirne' into
    'Smirne' (Izmir); across 235,000 places a six-letter typo almost always
    lands on some other real place.
    """
    if n <= 6:
        return 0
    if n <= 9:
        return 1
    if n <= 13:
        return 2
    return 3


def check_name(name: object, what: str = "place name") -> str:
    """The name as clean text, or InvalidName with a message a user can act on."""
    if isinstance(name, (bytes, bytearray)):
        try:
            name = bytes(name).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidName(f"{what} is not UTF-8 text (binary data?)") from None
    if not isinstance(name, str):
        raise InvalidName(f"{what} must be text, not {type(name).__name__}")
    text = name.strip()
    if not text:
        raise InvalidName(f"empty {what}; give a name such as 'Toretsk'")
    if len(text) > MAX_NAME:
        raise InvalidName(f"{what} is {len(text):,} characters long; place names are at most {MAX_NAME}")
    if _CONTROL.search(text):
        raise InvalidName(f"{what} contains control characters or binary data")
    if not fold(text) or not any(ch.isalnum() for ch in text):
        raise InvalidName(f"{what} {text!r} has no letters")
    return text


def _points(near) -> list[tuple[float, float]]:
    """near: (lat, lon) or a list of (lat, lon) -> list of checked points."""
    if near is None:
        return []
    if isinstance(near, Place):
        return [(near.lat, near.lon)]
    items = list(near)
    if len(items) == 2 and all(isinstance(v, (int, float)) for v in items):
        items = [tuple(items)]
    out = []
    for item in items:
        if isinstance(item, Place):
            item = (item.lat, item.lon)
        try:
            lat, lon = float(item[0]), float(item[1])
        except (TypeError, ValueError, IndexError):
            raise InvalidName(f"near must be (lat, lon) or a list of them, got {item!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidName(f"near point {item!r} is not a (lat, lon) in degrees")
        out.append((lat, lon))
    return out


class Gazetteer:
    """Offline place lookup: settlements (GeoNames cities500 + imports), regions, training grounds.

    >>> gz = Gazetteer.default()                                  # doctest: +SKIP
    >>> gz.lookup("Dzerzhinsk", region="Donetsk Oblast")[0].place.name   # doctest: +SKIP
    'Toretsk'
    """

    def __init__(self, conn: sqlite3.Connection | None = None):
        self._conn = conn if conn is not None else index.connect()
        self._places: dict[int, Place] = {}
        self._fz: dict[tuple, list[str]] = {}
        self._memo: dict[tuple, tuple[Match, ...]] = {}
        self._rkeys: dict[str, int] | None = None
        self._lock = threading.RLock()
        self._online = None

    # ------------------------------------------------------------ construction
    @classmethod
    def default(cls) -> "Gazetteer":
        """The process-wide gazetteer over the index in the cache dir (built on first use)."""
        key = f"{index.index_path()}|{settings.data_dir()}"
        with _LOCK:
            gz = _DEFAULT.get(key)
            if gz is None:
                gz = _DEFAULT[key] = cls()
            else:
                gz.refresh()
            return gz

    @classmethod
    def rebuild(cls) -> "Gazetteer":
        """Build the index from scratch and return a gazetteer over it."""
        with _LOCK:
            _DEFAULT.clear()
        conn = index.connect(rebuild=True)
        return cls(conn)

    def refresh(self) -> None:
        """Pick up user places/imports another process added since this one opened the index."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'user_stamp'").fetchone()
        if (row[0] if row else "") != index.user_stamp():
            with self._lock:
                index.reload_user_layer(self._conn)
                self._clear_caches()

    def _clear_caches(self) -> None:
        self._memo.clear()
        self._places.clear()
        self._fz.clear()

    def close(self) -> None:
        self._conn.close()

    # ------------------------------------------------------------ rows -> places
    def _remember(self, r: tuple) -> Place:
        """A Place from a row of _PLACE_COLS, kept for the life of this gazetteer."""
        p = self._places.get(r[0])
        if p is None:
            p = self._places[r[0]] = Place(
                id=r[1], name=r[2], kind=r[3], country=r[4] or "", admin1=r[6], lat=r[7], lon=r[8],
                population=r[9], variants=tuple(v for v in (r[10] or "").split(index.SEP) if v),
                source=r[11] or "", precision=r[12] or "point", radius_km=r[13], host=r[14])
        return p

    def _load(self, pids: Iterable[int]) -> dict[int, Place]:
        pids = list(pids)
        want = [p for p in set(pids) if p not in self._places]
        for i in range(0, len(want), 500):
            chunk = want[i:i + 500]
            q = f"SELECT {_PLACE_COLS} FROM places WHERE pid IN ({','.join('?' * len(chunk))})"
            for r in self._conn.execute(q, chunk):
                self._remember(r)
        return {p: self._places[p] for p in pids if p in self._places}

    def get(self, place_id: str) -> Place:
        """The place with this id ('geonames:709354', 'region:UA-14', 'tg:baranovsky', 'user:...')."""
        row = self._conn.execute("SELECT pid FROM places WHERE id = ?", (str(place_id),)).fetchone()
        if row is None:
            raise PlaceNotFound(str(place_id), hint="no place has this id; ids look like geonames:709354, "
                                                    "region:UA-14, tg:baranovsky")
        return self._load([row[0]])[row[0]]

    # ------------------------------------------------------------ matching
    def _exact(self, key: str, with_short: bool = False) -> list[tuple[int, int]]:
        """(pid, how) of places answering to ``key``; their Places are loaded in the same query."""
        out = []
        for r in self._conn.execute(_EXACT_SQL, (key,)):
            if with_short or r[0] != index.HOW_REGION_SHORT:
                self._remember(r[1:])
                out.append((r[1], r[0]))
        return out

    def _bucket(self, first: str, n: int, th: int | None = None) -> list[str]:
        """Fuzzy keys starting with ``first`` of length ``n`` (th=1: theater keys, 0: the rest, None: all)."""
        if th is None:
            return self._bucket(first, n, 1) + self._bucket(first, n, 0)
        keys = self._fz.get((first, n, th))
        if keys is None:
            keys = [r[0] for r in self._conn.execute(
                "SELECT key FROM fkeys WHERE first = ? AND len = ? AND th = ?", (first, n, th))]
            self._fz[(first, n, th)] = keys
        return keys

    def _fuzzy_keys(self, key: str, extra_edits: int = 0, limit: int = 30) -> list[tuple[str, int]]:
        """Keys within the allowed edits of ``key`` (same first letter, nearby length).

        Theater keys are searched first and the rest of the world only when they
        give nothing: a fifth of the keys, five times the speed, and the theater
        would win the ranking anyway.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        k = max_edits(len(key)) + extra_edits
        if k <= 0 or len(key) < 4:
            return []
        lengths = range(max(1, len(key) - k), len(key) + k + 1)
        passes = (1, 0) if set(settings.theater()) == set(settings.DEFAULT_THEATER) else (None,)
        for th in passes:
            choices: list[str] = []
            for n in lengths:
                choices.extend(self._bucket(key[0], n, th))
            hits = process.extract(key, choices, scorer=OSA.distance, score_cutoff=k, limit=limit)
            out = [(choice, int(dist)) for choice, dist, _ in hits if choice != key]
            if out:
                return out
        return []

    def _candidates(self, key: str, kinds: Sequence[str] | None, fuzzy: bool,
                    region: Place | None, points: Sequence[tuple[float, float]] = ()) -> list[Candidate]:
        best: dict[int, tuple[int, int, float, str]] = {}
        for pid, how in self._exact(key):
            if pid not in best or how < best[pid][1]:
                best[pid] = (0, how, 100.0, key)
        places = self._load(best)
        if kinds:
            best = {p: v for p, v in best.items() if places[p].kind in kinds}
        contextual = region is not None or bool(points)
        # Spelling help is sought when nothing matches, or nothing matches where the context is
        # (a region, or points named alongside): 'Novomikhaylovka' near Marinka is not in Altai Krai.
        need_more = not best or (contextual and not any(self._in_context(places[p], region, points) for p in best))
        if fuzzy and need_more:
            fkeys = self._fuzzy_keys(key)
            if fkeys:
                from rapidfuzz import fuzz
                q = f"SELECT key, pid, how FROM names WHERE key IN ({','.join('?' * len(fkeys))})"
                edits = dict(fkeys)
                for fk, pid, how in self._conn.execute(q, [k for k, _ in fkeys]):
                    if how == index.HOW_REGION_SHORT:
                        continue
                    cand = (edits[fk], how, float(fuzz.ratio(key, fk)), fk)
                    if pid not in best or cand[:2] < best[pid][:2]:
                        best[pid] = cand
                places = self._load(best)
                if kinds:
                    best = {p: v for p, v in best.items() if places[p].kind in kinds}
            if contextual and not any(self._in_context(places[p], region, points) for p in best):
                for pid, cand in self._skeleton_candidates(key, region, points).items():
                    if (not kinds or self._places[pid].kind in kinds) and (pid not in best or cand[:2] < best[pid][:2]):
                        best[pid] = cand
                places = self._load(best)
        return [Candidate(place=places[p], how=v[1], edits=v[0], score=v[2], matched=v[3])
                for p, v in best.items()]

    def _in_context(self, p: Place, region: Place | None, points: Sequence[tuple[float, float]],
                    km: float | None = None) -> bool:
        from .rank import CONTEXT_KM, distance_to
        if region is not None and not self._in_region(p, region):
            return False
        return not points or distance_to(p, points) <= (CONTEXT_KM if km is None else km)

    def _skeleton_candidates(self, key: str, region: Place | None,
                             points: Sequence[tuple[float, float]]) -> dict[int, tuple[int, int, float, str]]:
        """Places in the context whose consonant skeleton equals the query's (Russian vs Ukrainian forms)."""
        from rapidfuzz import fuzz
        from rapidfuzz.distance import OSA
        from .normalize import skeleton
        from .rank import SKELETON_KM

        sk = skeleton(key)
        if len(sk) < 4 or len(key) < 6:
            return {}
        pids = [r[0] for r in self._conn.execute("SELECT DISTINCT pid FROM skel WHERE sk = ?", (sk,))]
        out = {}
        for pid, p in self._load(pids).items():
            if not self._in_context(p, region, points, SKELETON_KM):
                continue
            # the closest spelling of this place, to report and to score
            spellings = {fold(v) for v in (p.name, *p.variants)}
            near_key = max(spellings, key=lambda s: fuzz.ratio(key, s))
            score = float(fuzz.ratio(key, near_key))
            if score < 60:
                continue
            out[pid] = (int(OSA.distance(key, near_key)), index.HOW_SKELETON, score, near_key)
        return out

    @staticmethod
    def _in_region(p: Place, region: Place) -> bool:
        return p.country == region.country and p.admin1 == region.admin1

    def lookup(self, name: str, region: str | Place | None = None,
               near: tuple[float, float] | Sequence[tuple[float, float]] | None = None,
               limit: int = 5, kinds: Sequence[str] | None = None, fuzzy: bool = True,
               online: bool | None = None) -> list[Match]:
        """Ranked candidates for ``name``, best first; [] when nothing matches.

        ``region`` narrows by first-level unit ('Donetsk Oblast', 'UA-14', 'Primorsky Krai');
        ``near`` is a (lat, lon) or a list of them (places named alongside);
        ``kinds`` keeps only some kinds ('settlement', 'region', 'training_ground', ...).
        Words like 'training ground', 'range' or 'polygon' in ``name`` favour training grounds.
        ``online`` (default: $FRONTLINE_ONLINE) asks Nominatim when nothing local matches.
        """
        text = check_name(name)
        if not isinstance(limit, int) or limit < 1:
            raise InvalidName(f"limit must be a positive whole number, got {limit!r}")
        region_place = self._region_arg(region)
        points = _points(near)
        use_online = online if online is not None else settings.online_enabled()
        memo_key = (text, region_place.id if region_place else None, tuple(points), limit,
                    tuple(kinds) if kinds else None, fuzzy, use_online, settings.theater())
        hit = self._memo.get(memo_key)
        if hit is not None:
            return list(hit)
        matches = self._lookup(text, region_place, points, limit, kinds, fuzzy, use_online)
        if len(self._memo) >= 50_000:  # a report batch repeats the same towns; bound the memory
            self._memo.clear()
        self._memo[memo_key] = tuple(matches)
        return matches

    def _lookup(self, text: str, region_place: Place | None, points: list, limit: int,
                kinds, fuzzy: bool, use_online: bool) -> list[Match]:
        ground = names_a_ground(text)
        key = fold(text)
        with self._lock:
            cands = self._candidates(key, kinds, fuzzy and not ground, region_place, points)
            stripped = fold(strip_ground_words(text))
            if stripped != key and (ground or not cands):
                seen = {c.place.id for c in cands}
                cands += [c for c in self._candidates(stripped, kinds, fuzzy, region_place, points)
                          if c.place.id not in seen]
            if not cands and fuzzy and ground:
                cands = self._candidates(key, kinds, True, region_place, points)
            if not cands:
                cands = self._qualified(text, kinds, fuzzy, region_place)
        if not cands and use_online:
            cands = self._online_candidates(text, region_place)
        return rank(cands, region=region_place, points=points, theater=settings.theater(),
                    ground=ground, limit=limit, query=text)

    def _qualified(self, text: str, kinds, fuzzy: bool, region_place: Place | None) -> list[Candidate]:
        """'western Donetsk Oblast' -> the region; 'Donetsk City', 'city of Kherson' -> the town."""
        out: list[Candidate] = []
        if not kinds or "region" in kinds:
            if _DIRECTIONS.match(text) or _REGION_WORDS.search(text):
                reg = self.region(text)
                if reg is not None:
                    out.append(Candidate(place=reg, how=index.HOW_VARIANT, edits=0, score=95.0,
                                         matched=fold(reg.name)))
        if not out:
            bare = _CITY_WORDS.sub(" ", _DIRECTIONS.sub("", text))
            bare = re.sub(r"\s+", " ", bare).strip(" ,-")
            if bare and fold(bare) != fold(text):
                out = self._candidates(fold(bare), kinds, fuzzy, region_place)
        return out

    def resolve_many(self, names: Sequence[str], region: str | Place | None = None,
                     near: tuple[float, float] | Sequence[tuple[float, float]] | None = None,
                     radius_km: float = 60.0) -> dict[str, Match | None]:
        """Resolve names mentioned together (one sentence or paragraph), each in the light of the others.

        Homonyms are settled jointly: a candidate near some candidate of the other
        names wins over one that stands alone (Novoselivka and Lyman named together
        are the pair ten km apart in Donetsk Oblast, not two villages elsewhere);
        then each name is looked up again with the others' picks as ``near`` context.
        Returns {name: best Match or None}.
        """
        from .distance import haversine_km

        distinct = list(dict.fromkeys(names))
        given = _points(near)
        cands = {n: self.lookup(n, region=region, near=given or None, limit=10) for n in distinct}
        if len(distinct) < 2:
            return {n: (m[0] if m else None) for n, m in cands.items()}

        def close(p: Place, q: Place) -> bool:
            reach = radius_km + (q.radius_km or 0 if q.kind == "region" else 0)
            return haversine_km(p.lat, p.lon, q.lat, q.lon) <= reach

        # Settle the least ambiguous names first; each later name is looked up near the ones settled.
        # (villages of the settlement layer, placed only roughly, do not count as rivals)
        order = sorted((n for n in distinct if cands[n]),
                       key=lambda n: sum(m.place.precision != "hromada" for m in cands[n]))
        fixed: dict[str, Place] = {}
        out: dict[str, Match | None] = {n: None for n in distinct}
        for n in order:
            ctx = [(p.lat, p.lon) for p in fixed.values() if p.kind != "region"]
            if ctx:
                ms = self.lookup(n, region=region, near=given + ctx, limit=1)
                out[n] = ms[0] if ms else None
            else:
                ms = cands[n]
                top_edits = 100 - ms[0].score  # only candidates as good a name match as the best
                pool = [m for m in ms if 100 - m.score <= top_edits]
                support = [sum(any(close(m.place, o.place) for o in cands[other])
                               for other in distinct if other != n and cands[other]) for m in pool]
                out[n] = pool[max(range(len(pool)), key=lambda i: (support[i], -i))]
            if out[n] is not None:
                fixed[n] = out[n].place
        return out

    def resolve(self, name: str, **kwargs: object) -> Match:
        """The best match, or PlaceNotFound carrying suggestions."""
        matches = self.lookup(name, limit=1, **kwargs)
        if not matches:
            raise PlaceNotFound(name, self.suggest(name))
        return matches[0]

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Names close to ``name`` (for 'did you mean ...?'), best first, each once."""
        try:
            text = check_name(name)
        except InvalidName:
            return []
        key = fold(strip_ground_words(text))
        if len(key) < 3:
            return []
        from rapidfuzz import fuzz, process

        with self._lock:
            fkeys = self._fuzzy_keys(key, extra_edits=1 if len(key) > 4 else 0, limit=50) if len(key) >= 4 else []
            if not fkeys and len(key) >= 3:  # short names: nearest keys by similarity, tight cutoff
                choices = [k for n in range(len(key) - 1, len(key) + 2) for k in self._bucket(key[0], n)]
                fkeys = [(c, 1) for c, s, _ in process.extract(key, choices, scorer=fuzz.ratio,
                                                               score_cutoff=75, limit=20)]
            if not fkeys:
                return []
            edits = dict(fkeys)
            q = f"SELECT key, pid, how FROM names WHERE key IN ({','.join('?' * len(fkeys))}) AND how != ?"
            rows = self._conn.execute(q, [k for k, _ in fkeys] + [index.HOW_REGION_SHORT]).fetchall()
            places = self._load(r[1] for r in rows)
        theater = settings.theater()
        ranked = sorted(rows, key=lambda r: (edits[r[0]], places[r[1]].country not in theater,
                                             -(places[r[1]].population or 0)))
        out: list[str] = []
        seen: set[int] = set()
        for fk, pid, how in ranked:
            if pid in seen:
                continue
            seen.add(pid)
            p = places[pid]
            n = p.name
            if how != index.HOW_NAME and fold(n) != fk:  # matched a variant: show it, with the place's own name
                shown = next((v for v in p.variants if fold(v) == fk), fk)
                n = f"{shown} ({p.name})"
            if n not in out and fold(n) != key:
                out.append(n)
            if len(out) >= limit:
                break
        return out

    # ------------------------------------------------------------ regions
    def _region_arg(self, region: str | Place | None) -> Place | None:
        if region is None:
            return None
        if isinstance(region, Place):
            return region
        text = check_name(region, "region")
        found = self.region(text)
        if found is None:
            raise UnknownRegion(text, self.suggest_region(text))
        return found

    def region(self, name: str) -> Place | None:
        """The first-level unit called ``name`` ('Kursk Oblast', 'Buryatia', 'UA-14', 'Donetska oblast'),
        or None. Bare names ('Zaporizhzhia') count as regions here only."""
        text = check_name(name, "region")
        tries = [text]
        bare = _DIRECTIONS.sub("", text)
        if bare != text:
            tries.append(bare)
        core = re.sub(r"\s+", " ", _REGION_WORDS.sub(" ", bare)).strip(" ,-")
        if core and core not in tries:
            tries.append(core)
        with self._lock:
            for t in tries:
                rows = [(pid, how) for pid, how in self._exact(fold(t), with_short=True)]
                places = self._load(pid for pid, _ in rows)
                regs = [(how, -(places[pid].radius_km or 0), places[pid].id, places[pid])
                        for pid, how in rows if places[pid].kind == "region"]
                if regs:
                    return min(regs)[3]
            # misspelled region names: fuzzy over the few hundred region keys only
            from rapidfuzz import fuzz, process
            keys = self._region_keys()
            for t in tries:
                hit = process.extractOne(fold(t), list(keys), scorer=fuzz.ratio, score_cutoff=88)
                if hit:
                    return self._load([keys[hit[0]]])[keys[hit[0]]]
        return None

    def _region_keys(self) -> dict[str, int]:
        if self._rkeys is None:
            self._rkeys = {k: pid for k, pid in self._conn.execute(
                "SELECT n.key, n.pid FROM names n JOIN places p ON p.pid = n.pid WHERE p.kind = 'region' "
                "AND length(n.key) >= 5")}
        return self._rkeys

    def suggest_region(self, name: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process
        keys = self._region_keys()
        hits = process.extract(fold(name), list(keys), scorer=fuzz.ratio, score_cutoff=70, limit=20)
        out: list[str] = []
        for k, _, _ in hits:
            n = self._load([keys[k]])[keys[k]].name
            if n not in out:
                out.append(n)
        return out[:limit]

    def regions(self, country: str | None = None) -> list[Place]:
        """Every region in the index (of one country when given)."""
        q = "SELECT pid FROM places WHERE kind = 'region'" + (" AND country = ?" if country else "")
        pids = [r[0] for r in self._conn.execute(q, (country.upper(),) if country else ())]
        places = self._load(pids)
        return sorted(places.values(), key=lambda p: (p.country, p.name))

    # ------------------------------------------------------------ the analyst's layer
    def nearest(self, lat: float, lon: float, max_km: float = 60.0,
                kinds: Sequence[str] = ("settlement",)) -> Place | None:
        """The closest place of ``kinds`` within ``max_km`` (used to give added places a region)."""
        from .distance import haversine_km
        dlat = max_km / 111.0
        rows = self._conn.execute(
            "SELECT pid FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND kind IN (%s)"
            % ",".join("?" * len(kinds)), (lat - dlat, lat + dlat, lon - 3 * dlat, lon + 3 * dlat, *kinds)).fetchall()
        places = self._load(r[0] for r in rows)
        best = min(places.values(), key=lambda p: haversine_km(lat, lon, p.lat, p.lon), default=None)
        if best is None or haversine_km(lat, lon, best.lat, best.lon) > max_km:
            return None
        return best

    def add(self, name: str, lat: float, lon: float, kind: str = "settlement",
            aliases: Sequence[str] = (), note: str = "") -> Place:
        """Add an analyst's place to places.csv in the data dir (kept across rebuilds); returns it."""
        from . import user

        text = check_name(name)
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            raise InvalidName(f"latitude/longitude must be numbers, got {lat!r}, {lon!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat != lat or lon != lon:
            raise InvalidName(f"({lat}, {lon}) is not a latitude/longitude in degrees (lat -90..90, lon -180..180)")
        kind = kind or "settlement"
        if not re.fullmatch(r"[a-z_]{1,40}", kind):
            raise InvalidName(f"kind {kind!r} must be a lowercase word such as settlement or training_ground")
        aliases = [check_name(a, "alias") for a in aliases]
        near = self.nearest(lat, lon)
        with self._lock:
            taken = {r["id"] for r in user.read_places()}
            base = user.slug(text)
            pid, i = base, 2
            while pid in taken:
                pid, i = f"{base}-{i}", i + 1
            a1 = None
            if near is not None:
                row = self._conn.execute("SELECT a1 FROM places WHERE id = ?", (near.id,)).fetchone()
                a1 = row[0] if row else None
            user.append_place({"id": pid, "name": text, "kind": kind, "lat": repr(lat), "lon": repr(lon),
                               "country": near.country if near else "", "a1": a1 or "",
                               "admin1": (near.admin1 or "") if near else "", "aliases": "|".join(aliases),
                               "note": note.replace("\n", " ")})
            index.reload_user_layer(self._conn)
            self._clear_caches()
        return self.get(f"user:{pid}")

    def import_dump(self, path: "str | os.PathLike[str]") -> int:
        """Load a GeoNames country dump (UA.zip / UA.txt) into the data dir; returns places kept."""
        import pathlib
        from . import user
        from .sources.geonames_dump import read_dump

        src = pathlib.Path(path)
        dest_dir = user.imports_dir()
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot create {dest_dir}: {exc}") from exc
        stem = re.sub(r"[^\w.-]+", "_", src.name.split(".")[0])[:64] or "dump"  # a file name, not a path
        dest = dest_dir / f"{stem}.tsv"
        tmp = dest.with_name(dest.name + ".part")
        n = 0
        try:
            with tmp.open("w", encoding="utf-8") as out:
                for cols in read_dump(src):
                    out.write("\t".join(c.replace("\t", " ") for c in cols) + "\n")
                    n += 1
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
        with self._lock:
            index.reload_user_layer(self._conn)
            self._clear_caches()
        log.info("imported %d places from %s", n, src)
        return n

    # ------------------------------------------------------------ online fallback
    def _online_candidates(self, text: str, region: Place | None) -> list[Candidate]:
        from .sources.nominatim import OnlineGeocoder
        fresh = OnlineGeocoder()  # reads its settings now; keep the old one (and its rate limiter) if unchanged
        if self._online is None or (self._online.url, self._online.user_agent, self._online.min_delay,
                                    self._online.cache_path) != (fresh.url, fresh.user_agent, fresh.min_delay,
                                                                 fresh.cache_path):
            self._online = fresh
        places = self._online.search(text, region=region)
        for p in places:
            r = self.region(p.admin1) if p.admin1 else None
            if r is not None:
                object.__setattr__(p, "admin1", r.name)
        return [Candidate(place=p, how=index.HOW_ONLINE, edits=0, score=80.0, matched=fold(text)) for p in places]

    def info(self) -> dict:
        meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        counts = dict(self._conn.execute("SELECT kind || '/' || layer, COUNT(*) FROM places GROUP BY 1"))
        return {"index": str(index.index_path()), "built": meta.get("built"), "stamp": meta.get("stamp"),
                "data_dir": str(settings.data_dir()), "theater": list(settings.theater()), "places": counts}
