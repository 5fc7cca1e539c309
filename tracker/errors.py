"""Errors of the tracker package, all under the project's one root."""
from __future__ import annotations

from gazetteer.errors import FrontlineError

__all__ = [
    "FrontlineError",
    "InputError",
    "ExtractionError",
    "StoreError",
    "EventNotFound",
    "ConflictError",
    "ExportError",
]


class InputError(FrontlineError):
    """A file, date or argument given by the user cannot be used."""


class ExtractionError(FrontlineError):
    """A report could not be read into events."""


class StoreError(FrontlineError):
    """The event store could not be opened, read or written."""


class EventNotFound(StoreError, LookupError):
    """No stored event has the given id."""


class ConflictError(StoreError):
    """Someone else changed the event since it was read: nothing was written (versioned rows)."""


class ExportError(FrontlineError):
    """Events could not be written in the requested format."""
