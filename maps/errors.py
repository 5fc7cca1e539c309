"""Errors of the maps package."""
from __future__ import annotations

from gazetteer.errors import FrontlineError


class MapError(FrontlineError):
    """A map could not be built from the given events or written to disk."""
