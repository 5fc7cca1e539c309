"""Sentences -> event mentions: who did what, where (as written), how sure, and when.

This is the language side only: places stay as written (with the region and
nearby places the text gives as context); ``resolve`` turns them into points.
``SentenceParser.parse`` puts the pieces together: the trigger words
(``triggers``), the place names (``names``), which names each trigger governs
(``places``), who acts (``actors``), how sure (``status``) and when (``dates``).
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from . import actors as A
from . import dates as D
from . import implied as IMP
from . import deps as DEPS
from . import names as N
from . import patterns as P
from . import places as PL
from . import triggers as T
from . import status as S
from .status import StatusReader
from .text import Sentence, word_start

log = logging.getLogger(__name__)


# a reporting verb whose subject is visual evidence ("footage shows") confirms; it names no claimant
_EVIDENCE = re.compile(r"\b(?:footage|videos?|imagery|images|photos?|evidence)\b", re.I)


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
    why: str = ""                      # the evidence: which rule or parse relation stated it (--explain)


_WITHIN = ("in", "into", "on")  # relations that put an event inside its place
_CONTINGENT = re.compile(r"contingents?$", re.I)  # "the North Korean contingent": the word names the force
_BARE_NAT = re.compile(r"(?:the\s+)?(?:" + P._NAT + r")")
_LOCATIVE = re.compile(r"\b(?:in|In|across|throughout|of|within)\s+(?:the\s+)?(?:\w+ern\s+)?$")


# "near Kozinka in Belgorod Oblast", "Toretsk, Donetsk Oblast": the region locates the place before it
_REGION_AFTER_PLACE = re.compile(r"\s*(?:,|\s+in|\s+of)\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_FRAME = re.compile(r"^\s*(?:In|Across|Throughout)\s+(?:the\s+)?(?:\w+ern\s+)?$")


# "Udachne, southwest of Pokrovsk", "(west of Selydove)", "10 km from Lyman": another place's yardstick
_YARDSTICK_BEFORE = re.compile(r"(?:,|\()\s*(?:just\s+|some\s+|about\s+|roughly\s+|directly\s+|a\s+\w+\s+)?"
                               r"(?:[\w.,-]+\s+(?:km|kilometers?|kilometres?|miles?)\s+(?:\(\w+\s+\w+\)\s+)?)?"
                               r"(?:(?:north|south|east|west)[\w-]*\s+of|from|outside|near)\s+(?:the\s+\w+\s+of\s+)?$", re.I)
_DISTANCE_BEFORE = re.compile(r"(?<!square\s)\b(?:km|kilometers?|kilometres?|miles?)\s+(?:\w+\s+){0,2}?(?:of|from|to)\s+(?:the\s+\w+\s+of\s+)?$",
                              re.I)
# a person or an office, not a place: "Mayor Oleksandr Striuk", "Syrsky said"
_TITLE_BEFORE = re.compile(r"\b(?:President|Mayor|Governor|governor|mayor|spokesman|spokeswoman|spokesperson|commander|"
                           r"Commander|Minister|minister|head|Head|chief|Chief|General|Gen\.|Colonel|Col\.|"
                           r"correspondent|blogger|milblogger|official|officer|MP|deputy|Deputy|analyst|founder|"
                           r"leader|Leader|Secretary|secretary|envoy|ambassador|Speaker)\s+$")
_SPEAKS_AFTER = re.compile(r"\s*,?\s+(?:\w+\s+)?(?:said|says|told|wrote|writes|claimed|claims|stated|announced|added|noted|"
                           r"reported|insisted|acknowledged|admitted|posted|shared|conceded)\b")


# "Kharkiv regional governor Oleh Syniehubov": the name of an office's seat, not a place of action
_FORMATION_AFTER = re.compile(r"\s+(?:corps|brigade|regiment|battalion|division)\b", re.I)
_TITLE_AFTER = re.compile(r"\s+(?:regional\s+|city\s+|oblast\s+|military\s+)*(?:governor|mayor|head|official|"
                          r"administration|council|authorities|spokesperson|spokesman|commander)\b", re.I)
# "Andrei Marochko, a retired LNR militia officer, told": a person described
_APPOSITIVE_PERSON = re.compile(r",\s+(?:a|an|the)\s+[^,]{3,60}?(?:officer|official|spokesperson|spokesman|commander|"
                                r"blogger|milblogger|correspondent|analyst|head|chief|adviser|advisor|deputy|leader)\b"
                                r"(?![^,]{0,40}\b(?:said|says|told|wrote|reported|claimed|stated|added)\b)[^,]{0,40},")
# a capitalised first word that is an ordinary word: "Newly mobilized ...", "Heavy fighting ..."
_ORDINARY_START = re.compile(r"^(?:[A-Z][a-z]+(?:ly|ed|ing|ers|ists|ions|ments|ness|ive|al|ous|ful)|Elements|Fighting|"
                             r"Fighters|Heavy|Visual|Analysts|Freedom|Units|Troops|Forces|Soldiers)$")


# a place the sentence opens with, before its clause: "Near Siversk, Ukrainian troops repelled ...",
# "Around Kreminna, Russian forces are trying to ...", "In the Lyman direction, the enemy attacked"
_FRONTED = re.compile(r"\s*(?P<prep>In|Near|Around|Outside|Close\s+to|On|(?:North|South|East|West|Northeast|Northwest|"
                      r"Southeast|Southwest)\s+of)\s+(?:the\s+)?$")
_FRAME_OPEN = re.compile(r"\s*(?:In|On)\s+(?:the\s+)?")
_FRONTED_HEAD = re.compile(r"\s+(?P<head>direction|axis|front|sector|area)\b", re.I)


def _without_frame(s: str, out: list) -> list:
    """Drop the event at a sentence's opening direction or sector ("In the Avdiivka direction, ...")
    when the same side's event of the same kind is placed at the settlements the sentence names."""
    m = _FRAME_OPEN.match(s)
    if not m:
        return out
    head = _FRONTED_HEAD.search(s, m.end(), m.end() + 60)
    if not head or "," in s[m.end():head.start()] or not s.startswith(",", head.end()):
        return out
    frame = s[m.end():head.start()].strip()
    rel = "direction" if head.group("head").lower() in ("direction", "axis") else "in"

    def framed(x) -> bool:
        return x.place == frame and x.relation in ("direction", rel)
    return [x for x in out if not (framed(x) and any(
        (o.kind, o.side) == (x.kind, x.side) and not framed(o) and o.relation != "direction" for o in out))]


def _at_grounds(out: list, names: list) -> list:
    """Forces shown or moving at a training ground are stationed there: nobody gains ground
    on a range behind the lines ("state TV showed Russian troops unloading tanks at the Gozhsky
    training ground")."""
    grounds = {n.text for n in names if n.tg}
    return [dataclasses.replace(m, kind="deployment", status=None, claimant=None, relation="in",
                                why=m.why + "; at a training ground: a deployment")
            if m.kind == "advance" and m.place in grounds else m for m in out]


def _fronted_place(s: str, names: list, before: int) -> list:
    """[(name, relation, None)] for a place that opens the sentence ahead of the trigger's clause."""
    for n in names:
        if n.start >= before or n.tg:
            break
        m = _FRONTED.fullmatch(s, 0, n.start)
        if not m:
            continue
        end = n.end
        head = _FRONTED_HEAD.match(s, end)
        if head:
            end = head.end()
        if not s.startswith(",", end) or "," in s[end + 1:before]:
            return []  # the frame must be the clause's own: "Near X, ... troops attacked"
        prep = re.sub(r"\s+", " ", m.group("prep").lower())  # a compass relation stays as written
        rel = "direction" if head and head.group("head").lower() in ("direction", "axis") else \
            {"on": "in", "outside": "near", "close to": "near"}.get(prep, prep)
        return [(n, rel, None)]
    return []


# ", where Russian troops made gains": the relative adverb stands for the place just before it
_WHERE = re.compile(r"\s*,\s*(?:\w+\s+){0,3}?where\s*$", re.I)


def _where_antecedent(s: str, names: list, cs: int) -> list:
    """[(name, "in", None)] for the place a ", where ..." clause starting at ``cs`` refers back to."""
    before = [n for n in names if n.end <= cs and not n.tg]
    if not before or not _WHERE.fullmatch(s, before[-1].end, cs):
        return []
    # "Petropavlivka, east of Kupiansk, where ...": the place the yardstick locates
    while len(before) > 1 and _YARDSTICK_BEFORE.fullmatch(s, before[-2].end, before[-1].start):
        before.pop()
    return [(before[-1], "in", None)]


_ARRIVES = re.compile(r"(?:reached|reaching|entered|entering|crossed\s+into|moved\s+into)\b", re.I)
# the presence trigger of footage: "footage shows troops in ...", "places soldiers near ..."


_HEADING_AFTER = re.compile(r"(?:\s+(?:direction|axis|sector|front|area|Oblast|region))?\s*:\s", re.I)


# a count of the events just named, placed after it: "two of them near X", "most of these in X"
_OF_THEM = re.compile(r"(?<![\w-])(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                      r"dozens|some|most|many|several|all|half|the\s+(?:majority|bulk|rest))\s+of\s+"
                      r"(?:them|these|those|which)(?![\w-])", re.I)
# the capitalised noun phrase a sentence opens with: "The Russian Defence Ministry (made ...)"
_LEAD_SUBJECT = re.compile(r"((?:The\s+)?(?:[A-Z][\w'’.-]*\s+){1,6})(?=[a-z])")
# "on the Zaporizhzhia border", "the Kupiansk front": the name qualifies a line, it is no place "the
# village" can refer back to
_MODIFIES_LINE = re.compile(r"\s+(?:border|frontier|boundary|front|frontline|sector|axis|line)s?\b", re.I)


def _is_yardstick(s: str, n, names) -> bool:
    """A name that only locates another place: "Udachne, southwest of Pokrovsk", "10 km from Lyman"."""
    prev = [x for x in names if x.end <= n.start and not x.tg and x is not n]
    if prev and _YARDSTICK_BEFORE.search(s, prev[-1].end, n.start) and \
            _YARDSTICK_BEFORE.search(s[prev[-1].end:n.start]):
        return True
    return bool(_DISTANCE_BEFORE.search(s[word_start(s, max(0, n.start - 60)):n.start]))


def _context_names(s: str, names) -> list[str]:
    """The names that may place a sentence's other places: not training grounds, and not "the X"
    unless X is a region, direction or area ("the Dnipro river line" names a river)."""
    return [n.text for n in names if not n.tg and (n.is_region or n.is_direction or n.is_area or n.anaphor or
                                                  not s[max(0, n.start - 4):n.start].lower().endswith("the "))]


def _not_a_candidate(s: str, n, names) -> bool:
    """Names the parse need not read: a yardstick of another place, a person or a speaker."""
    before = s[word_start(s, max(0, n.start - 60)):n.start]
    if _is_yardstick(s, n, names):
        return True
    if _FORMATION_AFTER.match(s, n.end) and not n.is_region:
        return True  # "units of the Azov corps": a formation's name
    if _TITLE_BEFORE.search(before) or _SPEAKS_AFTER.match(s, n.end) or _TITLE_AFTER.match(s, n.end) \
            or _APPOSITIVE_PERSON.match(s, n.end):
        return True
    if not s[:n.start].strip(" \t•-*'\"‘“") and (_ORDINARY_START.match(n.text) or _HEADING_AFTER.match(s, n.end)):
        return True  # also "Pokrovsk direction: Russian forces advanced near X": a heading, not a place of it
    return _locator_region(s, n, names)


def _locator_region(s: str, n, names) -> bool:
    """True for a region that only says where another place is, or frames the sentence ("In X Oblast, ...")."""
    if not n.is_region:
        return False
    prev = [x for x in names if x.end <= n.start and not x.tg and x is not n]
    if prev and _REGION_AFTER_PLACE.fullmatch(s[prev[-1].end:n.start]):
        return True
    return bool(_FRAME.fullmatch(s[:n.start]) and s[n.end:n.end + 2].startswith(",") and
                any(x.start > n.end and not x.is_region for x in names))


def may_parse(s: str) -> bool:
    """A forecast, before the rules run, that ``SentenceParser`` will parse ``s``: it may hold a
    lexicon word and names a candidate place that no allowed trigger before it in its clause can
    link to an event, so the rules leave the place to the parse. Only a forecast, to parse ahead in
    a batch (``DEPS.prefetched``): the paragraph's context is not known yet, and a sentence parsed
    without it being forecast is parsed alone."""
    if not DEPS.may_hold_event(s):
        return False
    names = [n for n in N.find_names(s, None) if len(n.text) > 1]
    cands = [n for n in names if not _not_a_candidate(s, n, names)]
    if not cands:
        return False
    ends = [m.end() for m in P.BREAK.finditer(s)]

    def clause(i: int) -> int:  # where the clause holding position i starts
        j = bisect.bisect_right(ends, i) - 1
        return ends[j] if j >= 0 else 0

    trigs = [t for t in T.find_triggers(s) if T.allowed(s, t, clause(t.start))]
    return any(not any(t.end <= n.start and clause(t.start) == clause(n.start) for t in trigs) for n in cands)


class SentenceParser:
    """Finds mentions in one sentence, keeping paragraph context between calls."""

    def __init__(self, report_date: dt.date):
        self.report_date = report_date
        self.paragraph = -1
        self.last_side: str | None = None
        self.last_place: str | None = None
        self._status = StatusReader()
        self._reader: DEPS.SentenceReader | None = None
        self._doc = None
        self._last_events: list[Mention] = []  # the paragraph's last sentence with events

    # the trigger search, reachable from a parser as before (a test compares its fast and full scans)
    _triggers = staticmethod(T.find_triggers)

    def parse(self, sent: Sentence, base: int = 0) -> list[Mention]:
        s = sent.text
        if sent.paragraph != self.paragraph:
            self.paragraph = sent.paragraph
            self.last_side = None
            self.last_place = None
            self._status.last_claimant = None
            self._last_events = []
        out = self._parse(sent, base)
        if out:
            self._last_events = out
        return out

    def _parse(self, sent: Sentence, base: int) -> list[Mention]:
        s = sent.text
        trigs = T.find_triggers(s)
        if not trigs:
            if self.last_side is None:
                # "The Russian Defence Ministry made several claims. It said its forces had ...": a
                # sentence with no event still says whose paragraph it is, until a side acts, and
                # who "it" is when it speaks next
                self.last_side = self._subject_side(s)
                lead = _LEAD_SUBJECT.match(s)
                if lead and self._status.last_claimant is None and S._ORG_WORD.search(lead.group(1)):
                    self._status.last_claimant = S._claimant(lead.group(1))
            if not (DEPS.enabled() and DEPS.may_hold_event(s)):
                return []
            names = [n for n in N.find_names(s, self.last_place) if len(n.text) > 1]
            out = self._from_parse(sent, base, names, [], [])
            out += self._of_them(sent, base, names, out, [])
            if out:  # a sentence no rule reads keeps the paragraph's context as it was
                self._after(s, names, [], out)
            return out
        names = [n for n in N.find_names(s, self.last_place) if len(n.text) > 1]
        # a trigger word inside a training ground's or a multi-word name is part of the name
        spans = [(n.start, n.end) for n in names if n.tg or " " in n.text]
        spans += [m.span() for m in P.FORMATION.finditer(s)]
        trigs = [t for t in trigs if not any(a <= t.start < b for a, b in spans)]
        actors = [(m.start(), m.end(), m.group(0), m) for m in P.ACTOR.finditer(s)]
        breaks = [(m.start(), m.end()) for m in P.BREAK.finditer(s)]
        bstarts = [b[0] for b in breaks]
        out: list[Mention] = []
        place_names = _context_names(s, names)
        used: set[int] = set()
        cues: list[tuple[Mention, int, int]] = []  # each rule mention with its trigger's span
        unplaced: list[tuple[int, Mention]] = []  # events whose trigger governs no place
        def clause(t) -> tuple[int, int]:
            cs = 0
            ce = len(s)
            i = bisect.bisect_right(bstarts, t.start) - 1
            if i >= 0 and breaks[i][1] <= t.start:
                cs = breaks[i][1]
            j = bisect.bisect_left(bstarts, t.end)
            if j < len(breaks):
                ce = breaks[j][0]
            return cs, ce

        for ti, t in enumerate(trigs):
            cs, ce = clause(t)
            kind = t.kind
            if not T.allowed(s, t, cs):
                continue
            kind = T.adjust_kind(s, t, cs)
            if kind is None:
                continue
            side, actor = A.actor(s, t, cs, ce, actors, self.last_side)
            neutral = IMP.is_neutral_combat(t.text) or T.fought_over(s, t, cs)
            if kind == "attack" and neutral and not (actor and actor in s[cs:t.start]):
                # "heavy fighting raged around X as Russian troops tried to storm ...", "fighting near X,
                # where Ukrainian troops repelled Russian assaults": fighting with no subject of its
                # own is the attack of whoever the sentence says is attacking
                # (or gaining: "fighting around Sudzha, where Ukrainian forces had made an incursion")
                others = sorted((o for o in trigs if o is not t and o.kind in ("attack", "advance")
                                 and o.mode != "withdraw" and not IMP.is_neutral_combat(o.text)
                                 and not T.fought_over(s, o, clause(o)[0])),
                                key=lambda o: o.kind != "attack")
                for o in others:
                    if T.allowed(s, o, clause(o)[0]):
                        attacker = A.actor(s, o, *clause(o), actors, self.last_side)[0]
                        if attacker:
                            side, actor = attacker, ""
                            break
            if side is None:
                continue
            if kind == "deployment" and actor and _BARE_NAT.fullmatch(actor) and not _CONTINGENT.match(t.text):
                continue  # "a North Korean delegation arrived in ...": forces must be named to deploy
            if kind == "deployment" and P.PRESENCE.match(t.text) and side not in P.THIRD_PARTIES:
                continue
            if kind == "advance" and P.SHOWS_FORCES.match(t.text) and (side in P.THIRD_PARTIES or
                                                                       P.SATELLITE.search(s)):
                # "satellite images showed North Korean troops at the Sergeevsky training ground": a
                # third country's forces seen somewhere are deployed there, not gaining it
                kind = "deployment"
            if t.mode == "withdraw":
                side = P.OPPOSITE.get(side)
                if side is None:
                    continue
            nxt = trigs[ti + 1].start if ti + 1 < len(trigs) else len(s)
            if t.mode == "back":
                places = PL.places_back(s, t, cs, names)
            else:
                places = PL.places_fwd(s, t, min(ce, max(nxt, t.end)), names, kind)
            if not places and t.mode == "fwd":
                places = _fronted_place(s, names, t.start)
                if not places:
                    # "efforts near Selydove, where 12 clashes were recorded": said once already
                    places = [p for p in _where_antecedent(s, names, cs)
                              if not any(o.place == p[0].text and (o.kind, o.side) == (kind, side) for o in out)]
            if not places:
                if t.mode == "fwd" and kind in ("attack", "advance"):
                    # "repelled several Ukrainian attacks on the southern front, ..., two of them near
                    # X": an event placed only later, by a count of it
                    date, dprec = D.trigger_date(s, t, cs, ce, nxt, self.report_date)
                    status, claimant = self._status(s, t.start, t.end, cs, ce, breaks) if kind == "advance" \
                        else (None, None)
                    unplaced.append((t.start, Mention(
                        side=side, actor=actor, kind=kind, place="", relation="", status=status,
                        claimant=claimant, event_date=date, date_precision=dprec, quote_start=0, quote_end=0,
                        why=f"rule: {kind} trigger '{t.text}' ({t.mode})")))
                continue
            if kind == "advance" and side in P.THIRD_PARTIES and _ARRIVES.match(t.text) and \
                    all(n.is_region for n, _, _ in places):
                kind = "deployment"  # "the first North Korean units have reached the Kursk region": arrived
            status = claimant = None
            if kind == "advance":
                status, claimant = self._status(s, t.start, t.end, cs, ce, breaks)
            date, dprec = D.trigger_date(s, t, cs, ce, nxt, self.report_date)
            sides = [(side, actor)]
            if kind == "attack" and t.mode == "fwd":
                sides += A.co_actors(s, t, cs, actors, side, self.last_side)
            if kind == "advance" and P.DONE_MOVEMENT.fullmatch(t.text):
                # closer to X, or pushed toward it: the ground gained lies near X
                places = [(n, "near" if rel in ("to", "toward") else rel, region) for n, rel, region in places]
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
                             _LOCATIVE.search(s, max(0, x.start - 12), x.start)],
                    why=f"rule: {kind} trigger '{t.text}' ({t.mode}), place {rel} '{n.text}'")
                out.append(mention)
                cues.append((mention, t.start, t.end))
            self.last_side = sides[0][0]
        if DEPS.enabled():
            self._doc = None
            self._check_claims(s, cues)
            out.extend(self._from_parse(sent, base, names, out, breaks))
        out += self._of_them(sent, base, names, out, [(a, m) for m, a, _ in cues] + unplaced)
        if P.NO_CONTROL_CHANGE.search(s):
            out = [m for m in out if m.kind != "advance"]
        out = _without_frame(s, out)
        out = _at_grounds(out, names)
        self._after(s, names, actors, out)
        return out

    def _of_them(self, sent: Sentence, base: int, names: list, out: list[Mention],
                 referents: list[tuple[int, Mention]]) -> list[Mention]:
        """"31 clashes took place ... Most of them near Myrnohrad", "repelled several attacks ..., two
        of them near Malaya Tokmachka": the events counted before, at the places named after.

        ``referents`` are this sentence's rule events with their trigger's position; failing
        those, the count refers to the events of the paragraph's sentence before."""
        s = sent.text
        found: list[Mention] = []
        for q in _OF_THEM.finditer(s):
            before = [m for a, m in sorted(referents, key=lambda r: r[0]) if a < q.start()] or \
                (self._last_events if not out else [])
            if not before:
                continue
            ref = before[-1]
            t = T.Trig(q.start(), q.end(), ref.kind, "fwd", q.group(0))
            taken = {(m.place, m.kind, m.side) for m in out + found}
            for n, rel, region in PL.places_fwd(s, t, len(s), names, ref.kind):
                if (n.text, ref.kind, ref.side) in taken or n.start < q.end():
                    continue
                found.append(dataclasses.replace(
                    ref, place=n.text, relation=rel, region=region.text if region else None,
                    host=n.host.text if n.host else None, is_region=n.is_region,
                    quote_start=base + sent.start, quote_end=base + sent.end, paragraph=sent.paragraph,
                    near=[x.text for x in names if x is not n and not x.tg][:6],
                    why=f"rule: '{q.group(0)}' counts the {ref.kind}s before ({ref.why}); place {rel} '{n.text}'"))
        return found

    @staticmethod
    def _subject_side(s: str) -> str | None:
        """The side of the first actor phrase in ``s`` that is no verb's object."""
        for m in P.ACTOR.finditer(s):
            a = (m.start(), m.end(), m.group(0), m)
            if not m.group("pron") and not A.is_object(s, a[0]):
                return A.actor_side(s, a, None)
        return None

    def _after(self, s: str, names: list, actors: list | None, out: list[Mention]) -> None:
        """Paragraph context for the next sentence: the last place slot, the last side acting."""
        for n in names:
            if not n.tg and not n.is_region and not n.anaphor and not _MODIFIES_LINE.match(s, n.end) and \
                    N.PLACE_SLOT.search(s, max(0, n.start - 40), n.start) and not _is_yardstick(s, n, names):
                # a yardstick ("a village 10 km south of X") is not what "the village" refers back to
                self.last_place = n.text
        if out:
            self.last_side = out[-1].side if out[-1].why.startswith("parse") else self.last_side
            return
        if actors is None or not actors:
            actors = [(m.start(), m.end(), m.group(0), m) for m in P.ACTOR.finditer(s)]
        for a in actors:
            sd = A.actor_side(s, a, self.last_side)
            if sd and not A.is_object(s, a[0]):
                self.last_side = sd
                break

    def _parsed(self, s: str):
        """The parse of sentence ``s``, made once for all that ask (None without a parser)."""
        if self._doc is None or self._doc.text != s:
            self._doc = DEPS.parse(s)
        if self._reader is None:
            self._reader = DEPS.SentenceReader()
        return self._doc

    def _check_claims(self, s: str, cues: list[tuple[Mention, int, int]]) -> None:
        """A rule advance read as the text's own voice, in a sentence where someone speaks: the
        parse says whether a reporting verb governs the trigger ("X said ... and that 13
        settlements had come under control"), and whose claim it then is."""
        todo = [(m, a, b) for m, a, b in cues if m.kind == "advance" and m.status == "assessed"]
        if not todo or not P.CLAIM_VERB.search(s):
            return
        doc = self._parsed(s)
        if doc is None:
            return
        for m, a, b in todo:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            verb, subj = self._reader.reporter(span.root)
            if subj is None:
                continue
            who = DEPS.words(subj)
            if _EVIDENCE.search(who):
                continue  # "footage shows ...": visual evidence confirms; it makes no claim
            if P.OWN_VOICE.search(who) or (verb is not None and verb.lower_ == "according" and
                                           P.OWN_VOICE.search(who)):
                continue
            m.status, m.claimant = "claimed", S._claimant(who)
            m.why += f"; claim by '{who}' (parse: subject of '{verb.text}')"

    def _from_parse(self, sent: Sentence, base: int, names: list, out: list[Mention],
                    breaks: list[tuple[int, int]]) -> list[Mention]:
        """Events at the places no rule linked to one, read from the sentence's dependency parse."""
        s = sent.text
        placed = {m.place for m in out}
        cands = [n for n in names if n.text not in placed and not _not_a_candidate(s, n, names)]
        if not cands or not DEPS.may_hold_event(s):
            return []
        doc = self._parsed(s)
        if doc is None:
            return []
        found: list[Mention] = []
        by_span = {(n.start, n.end): n for n in cands}
        context = set(_context_names(s, names))
        place_names = [n.text for n in names if n.text in context and not _not_a_candidate(s, n, names)]
        for r in self._reader.read(doc, list(by_span), self.last_side,
                                            [(x.start, x.end) for x in names]):
            n = by_span[(r.place_start, r.place_end)]
            t = T.Trig(r.cue_start, r.cue_end, r.kind, "fwd", r.cue)
            status = claimant = None
            if r.kind == "advance":
                status, claimant = self._status(s, r.cue_start, r.cue_end, 0, len(s), breaks)
                if status == "assessed" and r.claimant and not P.OWN_VOICE.search(r.claimant):
                    status, claimant = "claimed", S._claimant(r.claimant)
            date, dprec = D.trigger_date(s, t, 0, len(s), None, self.report_date)
            region = next((x for x in names if x.is_region and x is not n and x.start >= n.end and
                           x.start - n.end < 40), None)
            for extra in ([claimant] + [S._claimant(x) for x in r.also]) if r.also and status == "claimed" else [claimant]:
                found.append(Mention(
                    side=r.side, actor=r.actor, kind=r.kind, place=n.text, relation=r.relation, status=status,
                    claimant=extra, event_date=date, date_precision=dprec,
                    quote_start=base + sent.start, quote_end=base + sent.end,
                    region=region.text if region else None, host=None, is_region=n.is_region,
                    near=[p for p in place_names if p != n.text][:6], paragraph=sent.paragraph,
                    regions=[x.text for x in names if x.is_region and x is not n],
                    why=f"parse: {r.kind} cue '{r.cue}' ({r.path}), place {r.relation} '{n.text}'"
                        + (f", claim by '{extra}'" if extra else "")))
        return found
