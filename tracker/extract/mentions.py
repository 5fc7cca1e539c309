"""Sentences -> event mentions: who did what, where (as written), how sure, and when.

This is the language side only: places stay as written (with the region and
nearby places the text gives as context); ``resolve`` turns them into points.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from . import implied as IMP
from . import names as N
from . import triggers as T
from . import patterns as P
from . import places as PL
from . import dates as D
from .dates import EVENT_DATE, RECENT, date_of_match
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
_NOMINAL = re.compile(r"^(?:advances?|gains?|progress|assaults?|attacks?|counterattacks?|offensive|counteroffensive|"
                      r"breakthrough|ground\s+attacks?|ground\s+assaults?|mechanized\s+assaults?|capture|the\s+capture|seizure|"
                      r"liberation|build-?up|buildup|deployment|redeployment|offensive\s+operations|clashes|fighting|"
                      r"(?:\w+\s+)?(?:attacks?|assaults?))", re.I)


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
            side, actor = self._actor(s, t, cs, ce, actors)
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
            date, dprec = self._date(s, t, cs, ce, nxt)
            sides = [(side, actor)]
            if kind == "attack" and t.mode == "fwd":
                sides += self._co_actors(s, t, cs, actors, side)
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
                sd = self._actor_side(s, a)
                if sd and not _is_object(s, a[0]):
                    self.last_side = sd
                    break
        return out

    # -- actors ----------------------------------------------------------------
    def _side_of_actor(self, s: str, a) -> str | None:
        m = a[3]
        if m.group("nat"):
            return P.side_of(m.group("nat"))
        if m.group("word"):
            return P.side_of(m.group("word"))
        if m.group("unit"):
            return P.side_of(m.group("unit"))
        return None

    def _actor(self, s: str, t: T.Trig, cs: int, ce: int, actors) -> tuple[str | None, str]:
        if t.kind == "attack":  # "repelled 12 enemy attacks", "came under Russian assaults"
            implied = IMP.attack_side(s, t.start, t.end, t.text, t.mode, cs, actors, self._actor_side)
            if implied:
                return implied
        # nominal triggers take the adjective just before them: "Russian assaults", "Ukrainian gains"
        pre = s[max(0, t.start - 40):t.start]
        if _NOMINAL.match(t.text):
            m = _NAT_BEFORE.search(pre)
            if m:
                sd = P.side_of(m.group(1))
                if sd:
                    return sd, m.group(1)
            # "a build-up of Russian equipment", "the deployment of North Korean troops"
            m = _OF_NAT_AFTER.match(s[t.end:ce])
            if m:
                sd = P.side_of(m.group(2))
                if sd:
                    return sd, m.group(1)
        if t.mode == "back":
            m = _IN_HANDS.search(t.text)
            if m:
                return P.side_of(m.group(1)), m.group(1)
            m = _BY_AGENT.match(s[t.end:ce])
            if m:
                for a in actors:
                    if t.end <= a[0] < t.end + len(m.group(0)) + 2:
                        sd = self._actor_side(s, a)
                        if sd:
                            return sd, a[2]
        bare = [a for a in actors if a[3].group("nat") and not a[3].group("noun")]
        inside = [a for a in actors if t.start < a[0] < t.end and not (a[3].group("nat") and not a[3].group("noun"))
                  and t.kind == "deployment"]
        for a in inside:  # "the grouping of Russian forces ... sits"
            sd = self._actor_side(s, a)
            if sd:
                return sd, a[2]
        actors = [a for a in actors if not (a[3].group("nat") and not a[3].group("noun"))
                  and (t.mode == "withdraw" or not _is_object(s, a[0]))]
        cands = [a for a in actors if cs <= a[0] < t.start]
        if not cands:
            cands = [a for a in actors if a[0] < t.start]
        for a in reversed(cands):
            sd = self._actor_side(s, a)
            if sd:
                return sd, a[2]
        for a in actors:
            if t.end <= a[0] < min(ce, t.end + 30) and not _SPEAKS.match(s, a[1]):
                sd = self._actor_side(s, a)
                if sd:
                    return sd, a[2]
        # only an adjective names a side ("Russian claims ... an attempt to advance"); the
        # nationality of a source ("Russian milbloggers said the fighting ...") is weaker than
        # the side the paragraph was about
        weak = None
        for a in reversed([a for a in bare if cs <= a[0] < t.start] or [a for a in bare if a[0] < t.start]):
            sd = self._side_of_actor(s, a)
            if sd:
                if _SOURCE_NOUN.match(s, a[1]):
                    weak = weak or (sd, a[2])
                    continue
                return sd, a[2]
        if weak and t.kind == "advance":
            return weak  # "Russian milbloggers claimed a 500-meter advance": their own side's gain
        implied = IMP.enemy_subject(s, cs, t.start) or IMP.passive_speaker_side(s, t.end, t.text, t.mode)
        if implied:
            return implied
        if self.last_side:
            return self.last_side, ""
        if weak:
            return weak
        return None, ""

    def _co_actors(self, s: str, t: T.Trig, cs: int, actors, side: str) -> list[tuple[str, str]]:
        """Forces fighting alongside the subject: "Russian infantry, joined by North Korean units, attacked"."""
        out = []
        for i, a in enumerate(actors):
            if not cs <= a[0] < t.start:
                continue
            # "North Korean and Russian units attacked", "Russian forces and DPRK troops attacked":
            # coordinated subjects, the second naming forces
            nxt = actors[i + 1] if i + 1 < len(actors) else None
            shared = (nxt is not None and nxt[0] < t.start and not a[3].group("pron")
                      and (nxt[3].group("noun") or nxt[3].group("unit"))
                      and _SHARED_NOUN.fullmatch(s, a[1], nxt[0])
                      # "repelled Russian and North Korean assaults": adjectives of the trigger noun itself
                      and (not _is_object(s, a[0]) or (_NOMINAL.match(t.text) and nxt[1] > t.start)))
            if shared or _ALONGSIDE.search(s, max(0, a[0] - 40), a[0]) or IMP.joins(s, a[1], t.start):
                sd = self._actor_side(s, a)
                if sd and sd != side and sd not in [x[0] for x in out]:
                    out.append((sd, a[2]))
        return out

    def _actor_side(self, s: str, a) -> str | None:
        m = a[3]
        if m.group("pron"):
            if re.match(r"our\b", m.group("pron"), re.I):
                sd = _speaker_side(s, a[1])
                if sd:  # "'Our units liberated X,' the Russian MoD said": the speaker's forces
                    return sd
            # "its troops" after "Russia's Defense Ministry": the owner's side
            before = s[:a[0]]
            for rx_m in reversed(list(P.ACTOR.finditer(before))):
                if rx_m.group("pron"):
                    continue
                sd = self._side_of_actor(before, (0, 0, rx_m.group(0), rx_m))
                if sd:
                    return sd
            if re.search(r"Wagner|Prigozhin|Pushilin|Rogov|Saldo|Balitsky|Kadyrov|Gerasimov|Shoigu|Belousov|Putin",
                         before):
                return "russia"
            return self.last_side
        return self._side_of_actor(s, a)



    # -- dates -----------------------------------------------------------------
    def _date(self, s: str, t: T.Trig, cs: int, ce: int, nxt: int | None = None) -> tuple[str, str]:
        rd = self.report_date
        nxt = len(s) if nxt is None else nxt
        best = None
        for m in EVENT_DATE.finditer(s, cs, ce):
            if not m.group(0).strip():
                continue
            best = m
            if m.start() > t.start:
                break
        if best is None:  # "captured Bakhmut in May 2023": no later than the month's last day
            # after the verb up to the next one, or opening the clause ("In May 2023, ...")
            my = D.MONTH_YEAR.search(s, t.start, min(ce, nxt)) or D.MONTH_YEAR.match(s, cs + len(s[cs:]) - len(s[cs:].lstrip()))
            d = D.month_year_date(my, rd) if my else None
            if d is not None:
                return d.isoformat(), "before"
        if best is None and RECENT.search(s, cs, ce):
            return rd.isoformat(), "recent"
        if best is None:
            ms = [m for m in EVENT_DATE.finditer(s) if m.group(0).strip()]
            if len(ms) == 1 and not _SAID_END.search(s[max(0, ms[0].start() - 30):ms[0].start()]):
                best = ms[0]
        if best is not None:
            d = date_of_match(best, rd)
            if d is not None and d <= rd + dt.timedelta(days=1):
                before = s[max(0, best.start() - 40):best.start()]
                if _FOOTAGE_END.search(before) \
                        or _FOOTAGE_WORDS_END.search(before):
                    return d.isoformat(), "before"
                if _STATED_END.search(before):
                    return d.isoformat(), "before"  # the day of the statement bounds the event
                return d.isoformat(), "day"
        if RECENT.search(s, cs, ce) or RECENT.search(s):
            return rd.isoformat(), "recent"
        return rd.isoformat(), "before"


_OBJECT_SLOT = re.compile(r"\b(?:drive|drove|driven|driving|push|pushed|pushing|forced?|forcing|repel|repelled|"
                          r"repelling|against|from|with|by|out|hit|hitting|toward|towards|encircle|encircled|"
                          r"encircling|trap|trapped|surround|surrounded|attacked|attacking|engaged|engaging|defeat|"
                          r"defeated|expel|expelled|into|at|between|alongside|join|joined|ambushed|targeted|"
                          r"targeting|blocked|blockaded|encircled|cut\s+off|pinned|pinning)\s+(?:the\s+|a\s+|an\s+|several\s+|two\s+|three\s+|some\s+|many\s+|"
                          r"as\s+many\s+as\s+\w+\s+)?(?:(?!(?:that|and|but|who|which)\b)(?-i:[a-z])[\w-]*\s+){0,2}$", re.I)


_SOURCE_NOUN = re.compile(r"\s+(?:\w+\s+)?(?:milbloggers?|sources?|officials?|media|outlets?|channels?|bloggers?|"
                          r"Defen[cs]e|MoD|Ministry|General|state|authorities|commanders?|command|"
                          r"correspondents?|insiders?|analysts?|observers?)\b")


_SPEAKS = re.compile(r"\s+(?:\w+\s+)?(?:said|says|reported|reports|claimed|claims|stated|announced|added|noted)\b", re.I)
_BARE_NAT = re.compile(r"(?:the\s+)?(?:" + P._NAT + r")")


_SHARED_NOUN = re.compile(r"\s*(?:,\s*|,?\s+and\s+)(?:the\s+)?")
_ALONGSIDE = re.compile(r"\b(?:joined|accompanied|supported|reinforced|backed)\s+by\s+(?:[\w,]+\s+){0,4}?$|"
                        r"\b(?:alongside|together\s+with|along\s+with)\s+(?:[\w,]+\s+){0,4}?$", re.I)


_SPEAKER_AFTER = re.compile(r"[,'’\"”]\s+(?P<sp>[^,;.'’\"”]{1,60}?)\s+(?:said|says|stated|states|claimed|claims|"
                            r"reported|reports|announced|wrote|added|noted)\b")


def _speaker_side(s: str, start: int) -> str | None:
    """Side of whoever a quoted first-person statement is attributed to after it."""
    m = _SPEAKER_AFTER.search(s, start)
    if not m:
        return None
    for a in P.ACTOR.finditer(m.group("sp")):
        if not a.group("pron"):
            sd = P.side_of(a.group("unit") or a.group("nat") or a.group("word") or "")
            if sd:
                return sd
    return None


def _is_object(s: str, start: int) -> bool:
    """True when an actor phrase is the object of a verb ('drive Ukrainian units out')."""
    return bool(_OBJECT_SLOT.search(s, max(0, start - 40), start))


_LOCATIVE = re.compile(r"\b(?:in|In|across|throughout|of|within)\s+(?:the\s+)?(?:\w+ern\s+)?$")


# _actor
_NAT_BEFORE = re.compile(r"(?:^|[\s(])(?:the\s+|a\s+|an\s+|confirmed\s+|recent\s+|new\s+|marginal\s+|failed\s+|"
                         r"\w+\s+)?((?:" + P._NAT + r"|Ukrainian-led|Russian-led))\s+(?:\w+\s+)?$")
_OF_NAT_AFTER = re.compile(r"\s+of\s+(?:the\s+|some\s+|more\s+|additional\s+|\d[\d,]*\s+)?((" + P._NAT +
                           r")\s+[\w-]+)")
_IN_HANDS = re.compile(r"(?:in|under)\s+(Russian|Ukrainian)\s+(?:hands|control)")
_BY_AGENT = re.compile(r"\s+by\s+((?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)")
# _date
_SAID_END = re.compile(r"(?:said|claimed|announced|reported|stated)\s*$")
_FOOTAGE_END = re.compile(r"(?:footage|video|images|imagery|photos?|published|posted|released|from)\s*$", re.I)
_FOOTAGE_WORDS_END = re.compile(r"(?:footage|video|images|photos?)\s+(?:\w+\s+){0,2}$", re.I)
_STATED_END = re.compile(r"(?:said|claimed|announced|reported|stated|wrote|noted)\s*$", re.I)


