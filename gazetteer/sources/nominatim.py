"""Opt-in online fallback: Nominatim through geopy, rate-limited, every answer cached.

Off unless asked for (``--online`` or FRONTLINE_ONLINE=1). Answers, empty ones
included, are kept in the data dir, so a name never goes online twice.
Settings: FRONTLINE_NOMINATIM_URL (default https://nominatim.openstreetmap.org),
FRONTLINE_USER_AGENT, FRONTLINE_ONLINE_DELAY (seconds between requests; 1 by
Nominatim's usage policy).
"""
from __future__ import annotations

import json
import logging
import os
import pathlib
import sqlite3
import time
from urllib.parse import urlsplit

from .. import settings
from ..errors import GazetteerError
from ..model import Place
from ..normalize import fold

log = logging.getLogger(__name__)

DEFAULT_URL = "https://nominatim.openstreetmap.org"
DEFAULT_AGENT = "frontline-tracker/0.1 (offline-first gazetteer; online fallback)"
SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "suburb", "neighbourhood", "quarter",
                    "isolated_dwelling", "locality", "municipality", "borough", "settlement"}


class OnlineLookupError(GazetteerError):
    """The online geocoder could not be reached or answered badly."""


class OnlineGeocoder:
    def __init__(self, url: str | None = None, user_agent: str | None = None,
                 min_delay: float | None = None, cache_path: "os.PathLike[str] | None" = None):
        self.url = url or os.environ.get("FRONTLINE_NOMINATIM_URL") or DEFAULT_URL
        self.user_agent = user_agent or os.environ.get("FRONTLINE_USER_AGENT") or DEFAULT_AGENT
        self.min_delay = float(min_delay if min_delay is not None else os.environ.get("FRONTLINE_ONLINE_DELAY", "1"))
        self.cache_path = pathlib.Path(cache_path) if cache_path else settings.data_dir() / "online-cache.sqlite"
        self._geocode = None

    def _cache(self) -> sqlite3.Connection:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.cache_path)
        conn.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, url TEXT, body TEXT, fetched TEXT)")
        return conn

    def _client(self):
        if self._geocode is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            parts = urlsplit(self.url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise OnlineLookupError(f"FRONTLINE_NOMINATIM_URL {self.url!r} is not an http(s) URL")
            geocoder = Nominatim(user_agent=self.user_agent, domain=parts.netloc + parts.path.rstrip("/"),
                                 scheme=parts.scheme, timeout=10)
            self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=self.min_delay,
                                        max_retries=1, error_wait_seconds=self.min_delay,
                                        swallow_exceptions=False)
        return self._geocode

    def search(self, name: str, region: Place | None = None) -> list[Place]:
        query = name if region is None else f"{name}, {region.name}"
        countries = [region.country] if region is not None else list(settings.theater())
        key = f"{fold(query)}|{','.join(countries)}"
        with self._cache() as conn:
            row = conn.execute("SELECT body FROM answers WHERE query = ? AND url = ?", (key, self.url)).fetchone()
        if row is not None:
            log.info("online cache hit for %r", query)
            return [self._place(r) for r in json.loads(row[0])]
        from geopy.exc import GeopyError

        log.info("asking %s for %r", self.url, query)
        try:
            found = self._client()(query, exactly_one=False, limit=5, addressdetails=True,
                                   country_codes=[c.lower() for c in countries]) or []
        except GeopyError as exc:
            raise OnlineLookupError(f"online lookup of {query!r} at {self.url} failed: "
                                    f"{type(exc).__name__}: {exc}; run without --online to stay offline") from None
        raws = [loc.raw for loc in found]
        with self._cache() as conn:
            conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                         (key, self.url, json.dumps(raws, ensure_ascii=False),
                          time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        return [self._place(r) for r in raws]

    @staticmethod
    def _place(raw: dict) -> Place:
        addr = raw.get("address") or {}
        kind_type = raw.get("addresstype") or raw.get("type") or ""
        if raw.get("class") == "military" or raw.get("type") == "military":
            kind = "military_site"
        elif raw.get("class") == "place" or kind_type in SETTLEMENT_TYPES:
            kind = "settlement"
        else:
            kind = "other"
        name = raw.get("name") or str(raw.get("display_name", "?")).split(",")[0]
        return Place(id=f"osm:{raw.get('osm_type', 'x')}/{raw.get('osm_id', raw.get('place_id'))}", name=name,
                     kind=kind, country=str(addr.get("country_code", "")).upper(), admin1=addr.get("state"),
                     lat=float(raw["lat"]), lon=float(raw["lon"]), population=None,
                     source="Nominatim (OpenStreetMap contributors, ODbL)", precision="point")
