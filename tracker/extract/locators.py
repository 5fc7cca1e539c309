"""Names that only frame another name: quoted words, appositive locators, asides, regions.

Reports locate one place by another ("Selydove, a mining town southeast of
Pokrovsk"), set asides between a verb and its place (", including ... ,") and
quote headlines ("... would be ‘undesirable for Russia’"). These helpers keep
such framing out of the event places; ``names`` and ``places`` call them.
"""
from __future__ import annotations

import re

from . import patterns as P

# An opening quote mark: a curly one anywhere, a straight one only after a space or bracket
# (a straight apostrophe inside or after a word is a transliterated soft sign: "Homyel'").
_OPEN_QUOTE = re.compile(r"[‘“]|(?:^|(?<=[\s(\[]))['\"]")
_CLOSE_QUOTE = re.compile(r"[’'”\"](?![\w])")


def strip_closing_quote(s: str, start: int, text: str) -> str:
    """``text`` (a name found at ``start`` in ``s``) without a closing quote mark glued to it.

    "‘undesirable for Russia’" must give the name "Russia", but "Homyel'" keeps its
    apostrophe: the mark is only dropped when a quote opened before the name is still open.
    """
    if not text or text[-1] not in "’'":
        return text
    opened = None
    for m in _OPEN_QUOTE.finditer(s, 0, start):
        opened = m
    if opened is None:
        return text
    if any(True for _ in _CLOSE_QUOTE.finditer(s, opened.end(), start)):
        return text  # the quote closed before the name
    return text[:-1]


# ", a mining town southeast of Pokrovsk", ", the village of ... west of X": the name after the
# compass phrase locates the place before it.
APPOSITIVE_LOCATOR = re.compile(
    r",\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:town|village|city|settlement|hamlet|suburb)\s+"
    r"(?:(?:just|about|roughly|some|around|\S*\d\S*|\w+)\s+){0,3}?(?:kilometers?\s+|km\s+|miles?\s+)?"
    r"(?:" + P._COMPASS + r"\s+of|near|outside|next\s+to|close\s+to)\s+(?:the\s+)?$", re.I)

# ", a hilltop mining town in the Donetsk region": the region only says where the place before lies.
REGION_APPOSITIVE = re.compile(
    r",\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:town|village|city|settlement|hamlet|suburb)\s+in\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+)?"
    # ", the largest settlement in the south-western part of the Donetsk People's Republic"
    r"(?:(?:(?:north|south)?[\s-]?(?:east|west)?(?:ern)?|central)\s+(?:part|corner|edge)\s+of\s+(?:the\s+)?)?$", re.I)

# An aside between commas that names neither place nor relation:
# "a build-up of Russian equipment, including roughly a brigade's worth of tanks, at the ...".
ASIDE = re.compile(r",\s+(?:including|includ(?:es|ed)|mostly|mainly|chiefly|primarily|reportedly|such\s+as|"
                   r"among\s+them)\b[^,;:()]{0,120},", re.I)


def drop_asides(gap: str) -> str:
    """The text between a verb and a place with its comma-bounded asides removed."""
    return ASIDE.sub(" ", gap)


# "near Dzhankoi in northern Crimea": the region only says where the settlement lies.
REGION_AFTER_PLACE = re.compile(
    r"\s*(?:,\s*|\s+in\s+|\s+of\s+)(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+)?", re.I)
# Regions written without "Oblast", "Krai" etc.
BARE_REGIONS = frozenset({"Crimea"})


def is_bare_region(text: str) -> bool:
    return text in BARE_REGIONS
