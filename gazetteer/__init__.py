"""Offline gazetteer: resolve settlements, regions and training grounds named in reports.

    from gazetteer import Gazetteer
    gz = Gazetteer.default()
    gz.lookup("Dzerzhinsk", region="Donetsk Oblast")[0].place   # Toretsk, lat 48.39, lon 37.85
"""
from __future__ import annotations

from .errors import AmbiguousPlace, GazetteerError, InvalidName, PlaceNotFound, UnknownRegion
from .model import Match, Place

__all__ = ["Gazetteer", "Place", "Match", "GazetteerError", "PlaceNotFound", "AmbiguousPlace",
           "InvalidName", "UnknownRegion", "fold"]


def __getattr__(name: str):
    # keep `import gazetteer` light: the index code loads on first use
    if name == "Gazetteer":
        from .core import Gazetteer
        return Gazetteer
    if name == "fold":
        from .normalize import fold
        return fold
    raise AttributeError(name)
