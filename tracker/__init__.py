"""Events from report text: extraction, the store, export and the ``frontline`` command.

Public API: ``extract_events``, ``Store``, ``Event``. Heavy modules load on first use so
``frontline --help`` stays fast.
"""
from __future__ import annotations

from typing import Any

from .event import Event, FIELDS
from .errors import FrontlineError

__all__ = ["Event", "FIELDS", "FrontlineError", "extract_events", "Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "extract_events":
        from .extract import extract_events
        return extract_events
    if name in ("Store", "open_store"):
        from . import store
        return getattr(store, name)
    raise AttributeError(name)
