"""Where the gazetteer keeps its files and which countries it favours.

Settings are read from the environment when asked for, never cached in
module globals, so tests and callers can change them per call.
"""
from __future__ import annotations

import functools
import os
import pathlib

DEFAULT_THEATER = ("UA", "RU", "BY", "MD")
APP = "frontline-tracker"


def cache_dir() -> pathlib.Path:
    """$FRONTLINE_CACHE_DIR, else the user cache dir: the rebuildable index lives here."""
    env = os.environ.get("FRONTLINE_CACHE_DIR")
    if env:
        return pathlib.Path(env)
    import platformdirs
    return pathlib.Path(platformdirs.user_cache_dir(APP))


def data_dir() -> pathlib.Path:
    """$FRONTLINE_DATA_DIR, else the user data dir: the analyst's own places and imports live here."""
    env = os.environ.get("FRONTLINE_DATA_DIR")
    if env:
        return pathlib.Path(env)
    import platformdirs
    return pathlib.Path(platformdirs.user_data_dir(APP))


def theater() -> tuple[str, ...]:
    """ISO2 codes ranking favours, from $FRONTLINE_THEATER ('UA,RU,BY,MD' by default)."""
    return _parse_theater(os.environ.get("FRONTLINE_THEATER", ""))


@functools.lru_cache(maxsize=8)
def _parse_theater(env: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in env.replace(";", ",").split(",") if c.strip())
    return codes or DEFAULT_THEATER


def online_enabled() -> bool:
    """The online fallback runs only when FRONTLINE_ONLINE is set to 1/true/yes."""
    return os.environ.get("FRONTLINE_ONLINE", "").strip().lower() in ("1", "true", "yes", "on")
