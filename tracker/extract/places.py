"""Which names a trigger governs, and how: "advanced north of Toretsk" -> (Toretsk, "north of").

Forward triggers ("advanced into X") take the names after them, backward ones
("X was captured") the names before. Names after the first that only locate it
("Volokhiv Yar, east of Kharkiv"), measure distance, or say where forces came
from are no places of the event; a region next to a place is kept as its context.
"""
from __future__ import annotations

import re

from . import dates as D
from . import locators as L
from . import patterns as P
from ..geometry import bearing_of
from .names import Name
from .triggers import Trig


_COUNTRY_GAP = re.compile(r"(?:Russia|Ukraine|Belarus)['’]s\s+$")
_DATE_WORD = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)"
# ("near the town of X" keeps its "near": the words before "town" describe it, they do not locate it)
_TOWN_OF = re.compile(r"\s*(?:the\s+)?(?:(?:(?!(?:near|around|outside|close|next|by|toward|towards)\b)\w+[- ]){0,3}?"
                      r"(?:town|village|city|settlement)\s+of\s+)", re.I)
_OF_HEADS = re.compile(r"(?:\d[\d,.]*|percent|capture|liberation|control|outskirts|most|half|part|parts|rest|remainder|fall|loss|"
                       r"edge|edges|defen[cs]es?|center|centre|village|town|city|settlement|vicinity|direction|areas?|"
                       r"districts?|streets?|neighborhoods?|microdistricts?|blocks?|approaches|remaining|entire|much)\s+of\s+(?:the\s+)?$", re.I)
_NEW_VERB = re.compile(r"\b(?:will|would|may|might|could|should|can|is|are|was|were|has|have|had|did|does|do|"
                       r"been|being|said|says|claimed|reported)\b|\band\s+(?!also\b)\w+ed\b", re.I)
_AND_VERB = re.compile(r"\band\s+(?!also\b)\w+ed\b", re.I)
_OUTSKIRTS_AFTER = re.compile(r"(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:outskirts|outer\s+districts)\b", re.I)
_DISTRICT_END = re.compile(r"\b(?:district|raion)$", re.I)
_NEAR_GAP = re.compile(r"\s+(?:near|around|outside)\s+")
_LOCATOR_GAP = re.compile(r",?\s*(?:just\s+|about\s+|roughly\s+|right\s+|directly\s+)?(?:" + P._COMPASS +
                          r"\s+of|next\s+to|near|close\s+to|outside)\s+(?:the\s+)?(?:[\w-]+\s+)?", re.I)
_ANOTHER_PLACE = re.compile(r",?\s+(?:and\s+|or\s+)?(?:in|near|around|into|toward|towards|on|north|south|east|west)\b"
                            r"(?!\s+(?:the\s+)?" + _DATE_WORD + r")"  # ", on Tuesday" is a date, not another place
                            # "on the west bank of the Oskil": a side of a river, no settlement
                            r"(?!\s+the\s+(?:(?:west|east|left|right|north|south)(?:ern)?\s+)?(?:bank|shore|side)s?\b)",
                            re.I)
# "Karlivka, southeast of Pokrovsk in Pokrovsk Raion": what follows the locator is a region, no new place
_REGION_NEXT = re.compile(r",?\s+in\s+(?:the\s+)?(?:\w+ern\s+)?(?:[A-ZА-ЯІЇЄҐ][\w'’-]+\s+){1,3}?"
                          r"(?:Raion|Oblast|Krai|District|raion|district|oblast|region)\b")
_FROM_THE = re.compile(r"\bfrom\s+(?:the\s+)?$|\bto\s+its\b")
_SPACES = re.compile(r"\s+")
_OUTSKIRTS_OF = re.compile(r"outskirts\s+of", re.I)
_ON_END = re.compile(r"\bon\s+(?:the\s+)?$", re.I)
_BARE_GAP = re.compile(r"\s*(?:the\s+)?(?:(?:\w+[- ]){0,3}?(?:town|village|city|settlement)\s+of\s+)?(?:the\s+)?"
                       r"(?:(?:central|(?:north|south)?(?:east|west)?ern|northern|southern)\s+)?", re.I)
_THE_END = re.compile(r"(?<![\w-])the\s+$", re.I)
_SURROUND = re.compile(r"surround|encircl", re.I)
_COMMA_GAP = re.compile(r"\s*(?:,\s*)?")
_BACK_GAP = re.compile(r"\s*(?:,\s*)?(?:\w+\s+){0,2}"
                       # "X is reported to have been captured", "X is said to have fallen"
                       r"|\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:reported|said|believed|claimed|alleged|thought)\s+to\s+")
_BACK_ASIDE_GAP = re.compile(r"\s*,[^,;]{1,120},\s*(?:\w+\s+){0,2}")
_IN_GAP = re.compile(r"\s+in\s+(?:the\s+)?|,\s*")
_AGENT_END = re.compile(r"\b(?:by|from|with)\s+(?:the\s+)?$", re.I)


def _narrowest(box: list, region: Name) -> None:
    """Keep the narrowest region written after a place: in "Novopokrovka in Polohy Raion,
    Zaporizhzhia Oblast" the raion says more than the oblast (which the raion implies)."""
    if box[0] is None or not _DISTRICT_END.search(box[0].text):
        box[0] = region


# a comparison or a time just before the name: the event does not happen there
_NOT_LOCATIVE = re.compile(r"\b(?:" + "|".join(P.NOT_LOCATIVE_WORDS) + r")\s+(?:at\s+|in\s+|near\s+|around\s+)?(?:the\s+)?$",
                           re.I)


def places_fwd(s: str, t: Trig, stop: int, names: list[Name], kind: str):
    """(name, relation, region) for the names after a forward trigger, up to ``stop``."""
    out = []
    anchor = t.end
    prev = None          # (name, relation)
    prev_skipped: bool | str = False
    last_good = None
    for n in names:
        if n.start < t.end or n.start >= stop:
            continue
        if n.tg is False and any(x.host is n for x in names):
            anchor = n.end
            continue
        # "into Russia's Kursk region"; ", including ... ," asides say nothing about the place
        gap = D.without_month_years(L.drop_asides(_COUNTRY_GAP.sub(" ", s[anchor:n.start])))
        rel = None
        skip = False
        if prev is not None and P.JOINER.match(gap):
            if prev_skipped == "yardstick" and last_good is not None and "and" in gap:
                rel = last_good[1]
            elif prev_skipped:
                skip = True
                rel = prev[1]
            else:
                rel = prev[1]
            # "in Ukrainsk in Donetsk Oblast", "Mulino, Nizhny Novgorod Oblast": region as context
            if n.is_region and not prev[0].is_region and gap.strip() in (",", ""):
                _narrowest(prev[2], n)
                anchor = n.end
                continue
        else:
            if prev is not None and n.is_region and not prev[0].is_region and \
                    (L.REGION_AFTER_PLACE.fullmatch(gap) or L.REGION_APPOSITIVE.fullmatch(gap)):
                # "near Dzhankoi in northern Crimea", "Ugledar, a mining town in the Donetsk region"
                _narrowest(prev[2], n)
                anchor = n.end
                continue
            if prev is not None and not prev_skipped and _DISTRICT_END.search(prev[0].text) \
                    and out and out[-1][0] is prev[0] and _NEAR_GAP.fullmatch(gap):
                out.pop()  # "in Glushkovo district near Tyotkino": the settlement is the place
                rel = ["near"]
                region_box = [n.region]
                out.append((n, "near", region_box))
                prev, prev_skipped, anchor = (n, "near", region_box), False, n.end
                last_good = prev
                continue
            # a settlement after a region narrows the event down ("into Kursk Oblast near Sudzha");
            # after a settlement it only says where that one lies
            if prev is not None and not prev_skipped and not (prev[0].is_region and not n.is_region) and (
                    _LOCATOR_GAP.fullmatch(gap)
                    or L.APPOSITIVE_LOCATOR.fullmatch(gap)) \
                    and bearing_of(prev[1]) is None and not (_ANOTHER_PLACE.match(s[n.end:n.end + 30])
                                                             and not _REGION_NEXT.match(s, n.end)):
                # "Volokhiv Yar, east of Kharkiv": a locator of the previous place
                anchor = n.end
                continue
            if _NOT_LOCATIVE.search(gap):
                continue  # "faster than at Bakhmut", "the biggest gain since Avdiivka": no place of it
            if P.DISTANCE.search(gap) and (prev is not None or "," in gap or
                                           _FROM_THE.search(gap)):
                skip = "yardstick"
            m = P.RELATION.search(gap)
            if m and prev is None and _TOWN_OF.fullmatch(gap):
                m = None  # "pushed into the town of Graivoron": the verb's own relation
            if m:
                head = gap[:m.start()]
                if len(head.split()) > 8 and prev is None:
                    skip = True
                if (_NEW_VERB if prev is not None else _AND_VERB).search(head):
                    break  # "... in Kursk Oblast and will probably move against Sudzha": a new clause
                if m.group("compass"):
                    rels = _split_compass(m.group("compass"))
                elif m.group("outskirts"):
                    rels = ["outskirts of"]
                elif m.group("vicinity"):
                    v = m.group("vicinity").lower()
                    rels = ["near"]  # "around Kupiansk" is near it; "surrounded" is what makes 'around'
                elif m.group("direction"):
                    rels = ["direction" if "direction" in m.group("direction").lower() else "toward"]
                else:
                    p = _SPACES.sub(" ", m.group("prep").lower())
                    if p == "of" and not _OF_HEADS.search(gap):
                        skip = True
                    if p in ("from", "beyond", "past", "between", "over", "under"):
                        skip = True
                    if p == "out of" and kind == "deployment":
                        skip = True  # "units moved out of Kherson Oblast": where they came from
                    rels = [{"out of": "in", "into": "into", "inside": "in", "within": "in", "on": "on", "at": "in",
                             "to": "to", "through": "in", "throughout": "in", "across": "in",
                             "along": "near", "of": "in", "against": "toward", "for": "on"}.get(p, "in")]
                    if p == "of" and _OUTSKIRTS_OF.search(gap):
                        rels = ["outskirts of"]
                    if p == "on" and not _ON_END.search(gap):
                        rels = ["on"]
                rel = rels
            elif prev is None and not gap.strip():
                rel = [_bare_relation(t.text, kind)]
            elif prev is None and _BARE_GAP.fullmatch(gap):
                rel = [_bare_relation(t.text, kind)]
            elif prev is None and len(gap.split()) <= 8 and not _NEW_VERB.search(gap):
                continue  # a name that is no place of this verb ("15 Tor-M2 systems ... to Brest")
            else:
                break
        if isinstance(rel, str):
            rel = [rel]
        if n.is_direction:
            rel = ["direction"]
        elif n.is_area and rel in (["in"], ["on"], ["to"], ["into"]):
            rel = ["near"]  # "in the Kupiansk area", "reserves brought to the Avdiivka area"
        elif _OUTSKIRTS_AFTER.match(s, n.end):
            rel = ["outskirts of"]  # "on the town's eastern outskirts"
        if rel == ["on"] and kind == "advance" and not n.anaphor:
            rel = ["in"]
        region_box = [n.region]
        if n.anaphor and any(o[0].text == n.text for o in out):
            skip = skip or True  # "north of Oleshky and up to the edge of the settlement": said already
        if not (n.is_region or n.is_direction or n.is_area or n.tg or n.anaphor) and \
                _THE_END.search(s[max(0, n.start - 5):n.start]):
            skip = skip or True  # "the Dnipro", "the Siverskyi Donets": rivers and features, not settlements
        if not skip and n.text.lower() not in P.NOT_PLACES:
            for r in rel:
                out.append((n, r, region_box))
        prev = (n, rel[-1], region_box)
        prev_skipped = skip
        if not skip:
            last_good = prev
        anchor = n.end
        if n.host is not None:
            anchor = max(anchor, n.host.end)
    if kind == "deployment" and P.TRANSFER_VERB.match(t.text):
        # "moved units from X to Y", "shifted its units in X to Y": only destinations
        dest = [o for o in out if o[1] in ("to", "into", "toward", "direction")]
        if dest:
            out = dest
    return [(n, r, box[0]) for n, r, box in out]


def places_back(s: str, t: Trig, cs: int, names: list[Name]):
    """(name, relation, region) for the names before a backward trigger ("X was captured") in its clause."""
    rel = "around" if _SURROUND.search(t.text) else "near" if t.kind == "attack" else "in"
    inside = [n for n in names if t.start <= n.start < t.end and not n.tg]
    if inside:  # "declared Ugledar liberated"
        return [(n, rel, None) for n in inside]
    before = [n for n in names if cs <= n.start and n.end <= t.start and not n.tg]
    out: list[Name] = []
    region = None
    anchor = t.start
    for n in reversed(before):
        gap = s[n.end:anchor]
        if not out:
            if n.is_region and _COMMA_GAP.fullmatch(gap):
                pass
            elif not _BACK_GAP.fullmatch(gap) and \
                    not _BACK_ASIDE_GAP.fullmatch(gap):
                break
            if n.is_region and any(x for x in before if x.end <= n.start and
                                   _IN_GAP.fullmatch(s[x.end:n.start])):
                region = n
                anchor = n.start
                continue
        elif not P.JOINER.match(gap):
            if n.is_region is False and _IN_GAP.fullmatch(gap) and region is None:
                pass
            else:
                break
        out.append(n)
        anchor = n.start
    if region is None:
        for n in before:
            if n.is_region and out and n.start > out[-1].end:
                region = n
    prefix = s[cs:out[-1].start] if out else ""
    if out and _AGENT_END.search(prefix):
        return []
    return [(n, rel, region) for n in reversed(out)]


def _split_compass(text: str) -> list[str]:
    words = re.findall(P._COMPASS, re.sub(r"\b(?:to\s+the|just|directly|further|farther)\b", " ", text, flags=re.I),
                       flags=re.I)
    return [w.lower().replace(" ", "") + " of" for w in words] or ["near"]


def _bare_relation(trigger: str, kind: str) -> str:
    for rx, rel in P.BARE_RELATION:
        if rx.search(trigger):
            return rel
    return "near" if kind == "attack" else "in"
