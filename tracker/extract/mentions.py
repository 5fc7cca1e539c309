"""Sentences -> event mentions: who did what, where (as written), how sure, and when.

This is the language side only: places stay as written (with the region and
nearby places the text gives as context); ``resolve`` turns them into points.
``SentenceParser.parse`` puts the pieces together: the trigger words
(``triggers``), the place names (``names``), which names each trigger governs
(``places``), who acts (``actors``), how sure (``status``) and when (``dates``).
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from . import actors as A
from . import dates as D
from . import names as N
from . import patterns as P
from . import places as PL
from . import triggers as T
from .status import StatusReader
from .text import Sentence

log = logging.getLogger(__name__)


@dataclass
class Mention:
    """One event as the text states it, before the place is located."""
    side: str
    actor: str
    kind: str
    place: str
    relation: str
    status: str | None
    claimant: str | None
    event_date: str
    date_precision: str
    quote_start: int
    quote_end: int
    region: str | None = None          # "Donetsk Oblast" given next to the place
    host: str | None = None            # settlement a training ground lies in
    is_region: bool = False
    near: list[str] = field(default_factory=list)   # places named alongside (homonym context)
    regions: list[str] = field(default_factory=list)  # regions named in the sentence
    paragraph: int = 0


_WITHIN = ("in", "into", "on")  # relations that put an event inside its place
_BARE_NAT = re.compile(r"(?:the\s+)?(?:" + P._NAT + r")")
_LOCATIVE = re.compile(r"\b(?:in|In|across|throughout|of|within)\s+(?:the\s+)?(?:\w+ern\s+)?$")


class SentenceParser:
    """Finds mentions in one sentence, keeping paragraph context between calls."""

    def __init__(self, report_date: dt.date):
        self.report_date = report_date
        self.paragraph = -1
        self.last_side: str | None = None
        self.last_place: str | None = None
        self._status = StatusReader()

    # the trigger search, reachable from a parser as before (a test compares its fast and full scans)
    _triggers = staticmethod(T.find_triggers)

    def parse(self, sent: Sentence, base: int = 0) -> list[Mention]:
        s = sent.text
        if sent.paragraph != self.paragraph:
            self.paragraph = sent.paragraph
            self.last_side = None
            self.last_place = None
            self._status.last_claimant = None
        trigs = T.find_triggers(s)
        if not trigs:
            return []
        names = [n for n in N.find_names(s, self.last_place) if len(n.text) > 1]
        # a trigger word inside a training ground's or a multi-word name is part of the name
        spans = [(n.start, n.end) for n in names if n.tg or " " in n.text]
        trigs = [t for t in trigs if not any(a <= t.start < b for a, b in spans)]
        actors = [(m.start(), m.end(), m.group(0), m) for m in P.ACTOR.finditer(s)]
        breaks = [(m.start(), m.end()) for m in P.BREAK.finditer(s)]
        bstarts = [b[0] for b in breaks]
        out: list[Mention] = []
        place_names = [n.text for n in names if not n.tg and (n.is_region or n.is_direction or n.is_area or n.anaphor or
                                                                not s[max(0, n.start - 4):n.start].lower().endswith("the "))]
        used: set[int] = set()
        for ti, t in enumerate(trigs):
            cs = 0
            ce = len(s)
            i = bisect.bisect_right(bstarts, t.start) - 1
            if i >= 0 and breaks[i][1] <= t.start:
                cs = breaks[i][1]
            elif i >= 0:
                cs = breaks[i][1] if breaks[i][1] <= t.start else cs
            j = bisect.bisect_left(bstarts, t.end)
            if j < len(breaks):
                ce = breaks[j][0]
            kind = t.kind
            if not T.allowed(s, t, cs):
                continue
            kind = T.adjust_kind(s, t, cs)
            if kind is None:
                continue
            side, actor = A.actor(s, t, cs, ce, actors, self.last_side)
            if side is None:
                continue
            if kind == "deployment" and actor and _BARE_NAT.fullmatch(actor):
                continue  # "a North Korean delegation arrived in ...": forces must be named to deploy
            if t.mode == "withdraw":
                side = P.OPPOSITE.get(side)
                if side is None:
                    continue
            nxt = trigs[ti + 1].start if ti + 1 < len(trigs) else len(s)
            if t.mode == "back":
                places = PL.places_back(s, t, cs, names)
            else:
                places = PL.places_fwd(s, t, min(ce, max(nxt, t.end)), names, kind)
            if not places:
                continue
            status = claimant = None
            if kind == "advance":
                status, claimant = self._status(s, t.start, t.end, cs, ce, breaks)
            date, dprec = D.trigger_date(s, t, cs, ce, nxt, self.report_date)
            sides = [(side, actor)]
            if kind == "attack" and t.mode == "fwd":
                sides += A.co_actors(s, t, cs, actors, side, self.last_side)
            for (side, actor), (n, rel, region) in ((a, p) for a in sides for p in places):
                key = (id(n), kind, side, rel)
                if key in used:
                    continue
                if n.anaphor and rel in _WITHIN and any(
                        o.place == n.text and o.relation in _WITHIN and
                        (o.kind, o.side, o.status, o.claimant) == (kind, side, status, claimant) for o in out):
                    continue  # "withdrew from Sudzha as Ukrainian troops entered the town": one gain, said twice
                used.add(key)
                near = [p for p in place_names if p != n.text][:6]
                own = D.month_year_after(s, n.end, self.report_date)  # "Avdiivka in February 2024"
                mention = Mention(
                    side=side, actor=actor, kind=kind, place=n.text, relation=rel, status=status,
                    claimant=claimant, event_date=own.isoformat() if own else date,
                    date_precision="before" if own else dprec,
                    quote_start=base + sent.start, quote_end=base + sent.end,
                    region=region.text if region else None,
                    host=n.host.text if n.host else None,
                    is_region=n.is_region, near=near, paragraph=sent.paragraph,
                    regions=[x.text for x in names if x.is_region and x is not n and
                             _LOCATIVE.search(s, max(0, x.start - 12), x.start)])
                out.append(mention)
            self.last_side = sides[0][0]
        for n in names:
            if not n.tg and not n.is_region and not n.anaphor and N.PLACE_SLOT.search(s, max(0, n.start - 40), n.start):
                self.last_place = n.text
        if not out:
            for a in actors:
                sd = A.actor_side(s, a, self.last_side)
                if sd and not A.is_object(s, a[0]):
                    self.last_side = sd
                    break
        return out
