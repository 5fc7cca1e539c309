"""The project's one error root and the gazetteer's own errors.

``FrontlineError`` lives here because the gazetteer is the bottom layer every
other package builds on; ``tracker`` and ``maps`` subclass it. Every message
says what was tried and what the user can do about it: the CLI prints it as
one line.
"""
from __future__ import annotations


class FrontlineError(Exception):
    """Root of every error frontline-tracker raises on purpose."""


class GazetteerError(FrontlineError):
    """The gazetteer could not be built, opened or queried."""


class PlaceNotFound(GazetteerError, LookupError):
    """No place matches a name. ``suggestions`` holds near misses, best first."""

    def __init__(self, name: str, suggestions: list[str] | None = None, hint: str = ""):
        self.name = name
        self.suggestions = list(suggestions or [])
        msg = f"no place matches {name!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(self.suggestions[:5]) + "?"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class AmbiguousPlace(GazetteerError):
    """Several places match equally well; ``candidates`` holds them, best first."""

    def __init__(self, name: str, candidates: list):
        self.name = name
        self.candidates = list(candidates)
        where = ", ".join(f"{getattr(c, 'name', c)} ({getattr(c, 'admin1', None) or getattr(c, 'country', '?')})"
                          for c in self.candidates[:5])
        more = f" and {len(self.candidates) - 5} more" if len(self.candidates) > 5 else ""
        super().__init__(f"{name!r} is ambiguous: {where}{more}; give --region")


class InvalidName(GazetteerError, ValueError):
    """A name given to the gazetteer cannot be a place name (empty, huge, binary)."""


class UnknownRegion(GazetteerError, LookupError):
    """A region given to narrow a lookup is not a known first-level unit."""

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = list(suggestions or [])
        msg = f"unknown region {name!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(self.suggestions[:5]) + "?"
        else:
            msg += "; give e.g. 'Donetsk Oblast', 'Kursk Oblast', 'Primorsky Krai' or 'UA-14'"
        super().__init__(msg)
