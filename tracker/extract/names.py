"""Place names in a sentence: capitalised runs cleaned of what is not the name.

Also the names a sentence gives without spelling them: "the town" refers back
to the last place, and a training ground names the settlement it lies in.
``mentions`` asks for these once per sentence; ``places`` picks the ones a
trigger governs.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import locators as L
from . import patterns as P


@dataclass
class Name:
    start: int
    end: int
    text: str
    is_region: bool = False
    is_direction: bool = False
    is_area: bool = False            # "the Kupiansk area"
    anaphor: bool = False
    host: "Name | None" = None
    region: "Name | None" = None
    tg: bool = False


# Patterns compiled once: the module-level re functions would look each one up in
# re's cache on every call, tens of thousands of times per MB.
_CLEAN_LEAD = re.compile(r"^(?:(?:" + "|".join(sorted(P.SENTENCE_STARTERS, key=len, reverse=True)) +
                         r")\s+)+", re.I)
_COUNTRY_OWNER = re.compile(r"^(?:Russia|Ukraine|Belarus)['’]s\s+")
# "the town" refers back, but "the town of Graivoron" names its place
_ANAPHOR = re.compile(r"(?<![\w-])the\s+(?:\w+\s+)?(town|village|city|settlement)(?:['’]s)?(?![\w-])"
                      r"(?!\s+of\s+(?-i:[A-Z]))", re.I)
_HELD = re.compile(r"^(?:Russian|Ukrainian)-(?:held|occupied|controlled)\s+")
_REGIONISH = re.compile(r"(?:Oblast|Krai|Kray|Republic|Okrug|Raion|Oblasts)$|^Republic of", re.I)
PLACE_SLOT = re.compile(r"(?:\b(?:in|into|near|of|at|around|toward|towards|from|to|outside|on|through|"
                        r"entered|seized|captured|liberated|took|taken|reached|surrounded|encircled)\s+"
                        r"(?:the\s+)?(?:[\w-]+\s+){0,2}|,\s*|\band\s+)$", re.I)
_REGION_WORD_AFTER = re.compile(r"\s+(oblasts?|krai|regions?|raions?|districts?|provinces?)\b", re.I)
_REGION_WORD_END = re.compile(r"\b(?:regions?|oblasts?|krai|raions?|districts?|provinces?)$", re.I)
# "the Sudzhansky and Korenevsky districts", "Kharkiv, Sumy and Chernihiv oblasts": one head, many regions
_PLURAL_HEAD = re.compile(r"\s(oblast|region|raion|district|province)s$", re.I)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.I)
# capitals usually stand for their governments ("Kyiv said", "Moscow's forces"); after a preposition
# of place they are the cities ("retook areas around Kyiv", "the approaches to Kyiv")
_CAPITAL = re.compile(r"Kyiv|Kiev|Moscow")
_CAPITAL_AS_PLACE = re.compile(r"(?<![\w-])(?:around|near|toward|towards|outside|into|approaches\s+to|"
                               r"(?:north|south|east|west)(?:\w*)?\s+of|outskirts\s+of|(?:capture|encirclement|"
                               r"siege|battle|defen[cs]e|liberation)\s+of|(?:withdr\w+|retreat\w*|pull\w*\s+(?:back|out))"
                               r"\s+from)\s+$", re.I)
_HOST_GAP = re.compile(r"\s+(?:in|near|at|outside)\s+(?:the\s+)?", re.I)


def has_anaphor(s: str) -> bool:
    """True when ``s`` names a place only as "the town", "the village", ..."""
    return _ANAPHOR.search(s) is not None


def _clean_name(text: str, start: int) -> tuple[str, int] | None:
    cleaned = _cleaned(text)
    return None if cleaned is None else (cleaned[0], start + cleaned[1])


@functools.lru_cache(maxsize=8192)
def _cleaned(text: str) -> tuple[str, int] | None:
    """The name in a capitalised run and its offset in it; cached, since a report repeats its names."""
    start = 0
    m = _COUNTRY_OWNER.match(text)  # "Russia's Kursk region"
    if m:
        start += m.end()
        text = text[m.end():]
    m = _CLEAN_LEAD.match(text)
    if m:
        start += m.end()
        text = text[m.end():]
    m = _HELD.match(text)
    if m:
        start += m.end()
        text = text[m.end():]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    if not text:
        return None
    words = text.replace("-", " ").split()
    low = text.lower()
    if low in P.NOT_PLACES:
        return None
    if _REGIONISH.search(text):
        return text, start
    if any(w.lower() in P.NOT_PLACE_WORDS for w in words):
        return None
    return text, start


def _share_plural_heads(s: str, names: list[Name]) -> None:
    """Names coordinated before a plural head are regions of that head, each in the singular:
    in "the Sudzhansky and Korenevsky districts" Sudzhansky is a district too."""
    for i in range(len(names) - 1, 0, -1):
        head = _PLURAL_HEAD.search(names[i].text)
        if not head:
            continue
        singular = head.group(1)
        names[i].text = names[i].text[:head.start()] + " " + singular
        j = i - 1
        while j >= 0 and not names[j].is_region and not names[j].tg and \
                _COORDINATION.fullmatch(s[names[j].end:names[j + 1].start]):
            names[j].text = f"{names[j].text} {singular}"
            names[j].is_region = True
            j -= 1


_APPOSITION_GAP = re.compile(r",\s*")
_GROUPING_AFTER = re.compile(r"\s+(?:group|grouping|battlegroup)\b(?!\s+of\s+(?:settlements|villages))", re.I)


def find_names(s: str, last_place: str | None) -> list[Name]:
    """Names in text order; "the town" stands for ``last_place`` when no place came before it."""
    names: list[Name] = []
    taken: list[tuple[int, int]] = []
    for m in (P.TRAINING_GROUND.finditer(s) if P.TG_HINT.search(s) else ()):
        tg = m.group("tg")
        lead = _CLEAN_LEAD.match(tg)
        tstart = m.start("tg") + (lead.end() if lead else 0)
        n = Name(tstart, m.end("tg"), s[tstart:m.end("tg")], tg=True)
        names.append(n)
        taken.append((m.start(), m.end()))
    for m in P.NAME.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.end() < len(s) and s[m.end()].isalnum():
            continue  # "MoD", "Tor-M2": part of a longer token
        if s.startswith("-", m.end()) and s[m.end() + 1:m.end() + 2].isdigit():
            continue  # "Su-35", "Ka-52", "Iskander-M": a model designation
        raw = L.strip_closing_quote(s, m.start(), m.group(0))  # "‘... for Russia’"
        mend = m.start() + len(raw)
        cleaned = _clean_name(raw, m.start())
        if not cleaned and _CAPITAL.fullmatch(raw) and _CAPITAL_AS_PLACE.search(s, 0, m.start()):
            cleaned = (raw, m.start())  # "the battle around Kyiv": the city, not its government
        if not cleaned:
            continue
        text, start = cleaned
        end = start + len(text)
        after = s[mend:mend + 40]
        if _GROUPING_AFTER.match(after):
            continue  # "Vostok group units", "the Dnepr grouping": a force named after a region, no place
        n = Name(start, end, text)
        rw = _REGION_WORD_AFTER.match(after)
        if rw and not _REGIONISH.search(text):
            n.end = mend + rw.end()
            n.text = s[start:n.end]
        if _REGIONISH.search(n.text) or _REGION_WORD_END.search(n.text) \
                or L.is_bare_region(n.text):
            n.is_region = True
        if P.DIRECTION_SUFFIX.match(s[mend:]):
            n.is_direction = True
        elif P.AREA_SUFFIX.match(s[mend:]):
            n.is_area = True
        names.append(n)
    for m in _ANAPHOR.finditer(s):
        if any(n.start <= m.start() < n.end for n in names):
            continue
        if any(_APPOSITION_GAP.fullmatch(s, n.end, m.start()) for n in names if n.end <= m.start()):
            continue  # "Kurakhovo, the largest settlement in ...": the name's appositive, no reference back
        earlier = [n for n in names if n.end <= m.start() and not n.is_region and not n.tg and not n.anaphor
                   and PLACE_SLOT.search(s, max(0, n.start - 40), n.start)
                   and not P.DISTANCE.search(s, max(0, n.start - 40), n.start)]
        ante = earlier[-1].text if earlier else last_place
        if ante:
            names.append(Name(m.start(), m.end(), ante, anaphor=True))
    names.sort(key=lambda n: n.start)
    _share_plural_heads(s, names)
    # "the Baranovsky training ground in Ussuriysk, Primorsky Krai": host and region are context.
    for i, n in enumerate(names):
        if n.tg and i + 1 < len(names):
            nxt = names[i + 1]
            if _HOST_GAP.fullmatch(s[n.end:nxt.start]):
                n.host = nxt
    return names
