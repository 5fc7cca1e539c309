"""Who acts: the side (and the words naming it) behind a trigger, and forces fighting alongside.

A side comes from the trigger's frame ("repelled Russian assaults"), the adjective
of a nominal trigger ("Ukrainian gains"), the agent of a passive, or an actor
near the verb that is not its object ("drive Ukrainian units out"); failing
those, from the side the paragraph was about (``last_side``, kept by the parser).
"""
from __future__ import annotations

import functools
import re

from . import deps as DEPS
from . import implied as IMP
from . import patterns as P
from .text import word_start
from .triggers import Trig


_NOMINAL = re.compile(r"^(?:advances?|attempts?|efforts?|gains?|progress|assaults?|attacks?|counterattacks?|offensive|counteroffensive|"
                      r"breakthrough|ground\s+attacks?|ground\s+assaults?|mechanized\s+assaults?|capture|the\s+capture|seizure|"
                      r"liberation|build-?up|buildup|deployment|redeployment|concentrations?|presence|contingents?|offensive\s+operations|clashes|fighting|"
                      r"(?:\w+\s+)?(?:attacks?|assaults?))", re.I)
_SOURCE_NOUN = re.compile(r"\s+(?:\w+\s+)?(?:milbloggers?|sources?|officials?|media|outlets?|channels?|bloggers?|"
                          r"Defen[cs]e|MoD|Ministry|General|state|authorities|commanders?|command|"
                          r"correspondents?|insiders?|analysts?|observers?)\b")
_SPEAKS = re.compile(r"\s+(?:\w+\s+)?(?:said|says|reported|reports|claimed|claims|stated|announced|added|noted)\b", re.I)
_SHARED_NOUN = re.compile(r"\s*(?:,\s*|,?\s+and\s+)(?:the\s+)?")
_ALONGSIDE = re.compile(r"\b(?:joined|accompanied|supported|reinforced|backed)\s+by\s+(?:[\w,]+\s+){0,4}?$|"
                        r"\b(?:alongside|together\s+with|along\s+with)\s+(?:[\w,]+\s+){0,4}?$", re.I)
_SPEAKER_AFTER = re.compile(r"[,'’\"”]\s+(?P<sp>(?:[^,;.'’\"”]|(?<=\w)['’](?=s\b)){1,60}?)\s+(?:said|says|stated|states|claimed|claims|"
                            r"reported|reports|announced|wrote|added|noted)\b")
_OBJECT_SLOT = re.compile(r"\b(?:drive|drove|driven|driving|push|pushed|pushing|forced?|forcing|repel|repelled|"
                          r"repelling|against|from|with|by|out|hit|hitting|toward|towards|encircle|encircled|"
                          r"encircling|trap|trapped|surround|surrounded|attacked|attacking|engaged|engaging|defeat|"
                          r"defeated|expel|expelled|into|(?<!fell )(?<!falls )(?<!fallen )(?<!lost )(?<!passed )to|at|between|alongside|join|joined|ambushed|targeted|"
                          r"targeting|blocked|blockaded|encircled|cut\s+off|pinned|pinning)\s+(?:the\s+|a\s+|an\s+|several\s+|two\s+|three\s+|some\s+|many\s+|"
                          r"as\s+many\s+as\s+\w+\s+)?(?:(?!(?:that|and|but|who|which)\b)(?-i:[a-z])[\w-]*\s+){0,2}$", re.I)
_NAT_BEFORE = re.compile(r"(?:^|[\s(])(?:the\s+|a\s+|an\s+|confirmed\s+|recent\s+|new\s+|marginal\s+|failed\s+|"
                         r"\w+\s+)?((?:" + P._NAT + r"|Ukrainian-led|Russian-led))\s+(?:\w+\s+)?$")
_OF_NAT_AFTER = re.compile(r"\s+of\s+(?:the\s+|some\s+|more\s+|additional\s+|\d[\d,]*\s+)?((" + P._NAT +
                           r")\s+[\w-]+)")
_IN_HANDS = re.compile(r"(?:in|under)\s+(Russian|Ukrainian)\s+(?:hands|control)")
_BY_AGENT = re.compile(r"\s+by\s+((?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)")


# "an attack by a Ukrainian sabotage group", "23 attacks by the enemy": the agent after "by" attacks
_BY_ATTACKER = re.compile(r"\s+(?:(?:launched|carried\s+out|mounted|made)\s+)?by\s+(?:the\s+|a\s+|an\s+)?['‘’\"“]?")
# "the enemy, who ... tried to break through": a relative "who" acts for the phrase before it
_WHO = re.compile(r",?\s+who\b", re.I)
_ENEMY_END = re.compile(r"\benemy\s*$", re.I)


def _by_attacker(s: str, t: Trig, ce: int, actors, last_side: str | None) -> tuple[str, str] | None:
    m = _BY_ATTACKER.match(s, t.end, ce)
    if not m:
        return None
    if re.match(r"enemy\b", s[m.end():], re.I):
        return IMP.enemy_side(s), "enemy"
    for a in actors:
        if m.end() - 6 <= a[0] <= m.end():
            sd = actor_side(s, a, last_side)
            if sd:
                return sd, a[2]
    return None


def _relative_subject(s: str, t: Trig, actors, last_side: str | None) -> tuple[str, str] | None:
    """(side, actor) of the phrase a relative "who" before the trigger stands for, if no actor comes between."""
    ws = list(_WHO.finditer(s, 0, t.start))
    if not ws:
        return None
    w = ws[-1]
    if any(w.end() <= a[0] < t.start and not a[3].group("pron") for a in actors):
        return None
    before = s[:w.start()]
    if _ENEMY_END.search(before):
        return IMP.enemy_side(s), "enemy"
    for a in actors:
        if a[1] == len(before.rstrip()) and not a[3].group("pron"):
            sd = actor_side(s, a, last_side)
            if sd:
                return sd, a[2]
    return None


# "ferried on Russian navy ships", "flown by Belarusian aircraft": the carrier, not the forces carried
_CARRIER = re.compile(r"\b(?:on|aboard|by|in|via|using|with)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|being|was|were|is|are|be|get|got)\s+(?:\w+\s+)?$", re.I)
_RID = re.compile(r"(?:clear|cleans|purg|free|rid)\w*\s*$", re.I)
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)


# "have arrived in Belarus and are concentrated near Borisov", "pulled out of northern Ukraine":
# a country where something happens is a place, not the side acting
_COMPASS_ADJ = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
_COUNTRY_AS_PLACE = re.compile(r"\b(?:(?:in|into|inside|across|throughout|within|near|around)\s+(?:the\s+)?"
                               r"(?:" + _COMPASS_ADJ + r"\s+)?|(?:of|from)\s+(?:the\s+)?" + _COMPASS_ADJ + r"\s+)$", re.I)


def _as_place(s: str, a) -> bool:
    return bool(a[3].group("word")) and bool(_COUNTRY_AS_PLACE.search(s, max(0, a[0] - 30), a[0]))


def actor(s: str, t: Trig, cs: int, ce: int, actors, last_side: str | None) -> tuple[str | None, str]:
    """(side, actor words) of a trigger in the clause cs..ce; (None, "") when no side can be told."""
    actors = [a for a in actors if not _as_place(s, a)]
    if t.kind == "attack":  # "repelled 12 enemy attacks", "came under Russian assaults"
        by = _by_attacker(s, t, ce, actors, last_side)
        if by:
            return by
        implied = IMP.attack_side(s, t.start, t.end, t.text, t.mode, cs, actors,
                                  functools.partial(actor_side, last_side=last_side))
        if implied:
            return implied
    # nominal triggers take the adjective just before them: "Russian assaults", "Ukrainian gains"
    pre = s[word_start(s, max(0, t.start - 40)):t.start]
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
                    sd = actor_side(s, a, last_side)
                    if sd:
                        return sd, a[2]
    actors_all = actors
    if t.kind == "deployment" and P.TRANSFER_VERB.match(t.text) and not _PASSIVE_BEFORE.search(s, 0, t.start):
        # "Russia flew North Korean officers to X": the forces carried are the ones deployed
        # (in "units have been moved to X, Ukrainian intelligence said" the subject is)
        for a in actors:
            if t.end <= a[0] <= t.end + 25 and a[3].group("noun") and not _SPEAKS.match(s, a[1]) \
                    and not _CARRIER.search(s, t.end, a[0]):
                sd = actor_side(s, a, last_side)
                if sd:
                    return sd, a[2]
    bare = [a for a in actors if a[3].group("nat") and not a[3].group("noun")]
    inside = [a for a in actors if t.start < a[0] < t.end and not (a[3].group("nat") and not a[3].group("noun"))
              and (t.kind == "deployment" or P.SHOWS_FORCES.match(t.text))]
    for a in inside:  # "the grouping of Russian forces ... sits"
        sd = actor_side(s, a, last_side)
        if sd:
            return sd, a[2]
    actors = [a for a in actors if not (a[3].group("nat") and not a[3].group("noun"))
              and (t.mode == "withdraw" or not is_object(s, a[0]))]
    cands = [a for a in actors if cs <= a[0] < t.start]
    if not cands:
        cands = [a for a in actors if a[0] < t.start]
    if t.kind == "attack" and IMP.is_neutral_combat(t.text) and \
            not any(a[0] < t.start and not _SPEAKS.match(s, a[1]) for a in cands):
        party = IMP.combat_party_side(s, t.end, actors_all, functools.partial(actor_side, last_side=last_side))
        if party:
            return party  # "fighting continues for X, with Russian units attacking from the south"
        # "The Ukrainian military said heavy fighting raged around X", "..., the Ukrainian
        # military said": a side reporting fighting with no attacker named reports the other's attacks
        for a in actors_all:
            if _SPEAKS.match(s, a[1]) and not (t.start <= a[0] < t.end):
                sd = P.OPPOSITE.get(actor_side(s, a, last_side) or "")
                if sd:
                    return sd, ""
    rel = _relative_subject(s, t, actors_all, last_side)
    if rel:
        return rel
    for a in reversed(cands):
        sd = actor_side(s, a, last_side)
        if sd:
            return sd, a[2]
    for a in actors:
        if t.end <= a[0] < min(ce, t.end + 30) and not _SPEAKS.match(s, a[1]):
            sd = actor_side(s, a, last_side)
            if sd and _RID.match(t.text) and _OF_BEFORE.search(s, t.end, a[0]):
                # "cleared the city of Pokrovsk of Russian soldiers": those named after "of" lose it
                sd = P.OPPOSITE.get(sd)
                if sd:
                    return sd, ""
            elif sd:
                return sd, a[2]
    neutral = t.kind == "attack" and IMP.is_neutral_combat(t.text)
    if neutral:
        party = IMP.combat_party_side(s, t.end, actors_all, functools.partial(actor_side, last_side=last_side))
        if party:
            return party
    # only an adjective names a side ("Russian claims ... an attempt to advance"); the
    # nationality of a source ("Russian milbloggers said the fighting ...") is weaker than
    # the side the paragraph was about
    weak = None
    for a in reversed([a for a in bare if cs <= a[0] < t.start] or [a for a in bare if a[0] < t.start]):
        sd = _side_of_actor(s, a)
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
    if weak and neutral:
        # "Ukraine's General Staff reported 41 clashes near X": a source reporting fighting
        # with no attacker named reports the other side's attacks
        sd = P.OPPOSITE.get(weak[0])
        if sd:
            return sd, ""
    if t.kind == "advance" and t.mode != "withdraw":
        sd = _speaker_side(s, t.end)
        if sd:  # "Units of the Southern group liberated X, the Russian MoD said": its own side's gain
            return sd, ""
    if t.kind == "attack" and t.mode == "back":
        sd = P.OPPOSITE.get(_speaker_side(s, t.end) or "")
        if sd:  # "Kurakhove came under heavy attack, Ukrainian officials said": the other side attacked
            return sd, ""
    if last_side:
        return last_side, ""
    if weak:
        return weak
    return None, ""


def co_actors(s: str, t: Trig, cs: int, actors, side: str, last_side: str | None) -> list[tuple[str, str]]:
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
                  and (not is_object(s, a[0]) or (_NOMINAL.match(t.text) and nxt[1] > t.start)))
        if shared or _ALONGSIDE.search(s, max(0, a[0] - 40), a[0]) or IMP.joins(s, a[1], t.start):
            sd = actor_side(s, a, last_side)
            if sd and sd != side and sd not in [x[0] for x in out]:
                out.append((sd, a[2]))
    return out


def actor_side(s: str, a, last_side: str | None) -> str | None:
    """Side of one actor phrase; a pronoun ("its troops") takes its owner's side, else ``last_side``."""
    m = a[3]
    if m.group("pron"):
        if re.match(r"our\b", m.group("pron"), re.I):
            sd = _speaker_side(s, a[1])
            if sd:  # "'Our units liberated X,' the Russian MoD said": the speaker's forces
                return sd
            if IMP.mentions_enemy(s):
                # "the enemy was active ..., where our defenders stopped 52 assaults": first person is
                # the enemy's opponent, never a third party named before it
                return P.OPPOSITE.get(IMP.enemy_side(s))
        # "its troops" after "Russia's Defense Ministry": the owner's side
        before = s[:a[0]]
        for rx_m in reversed(list(P.ACTOR.finditer(before))):
            if rx_m.group("pron") or _as_place(before, (rx_m.start(), rx_m.end(), rx_m.group(0), rx_m)):
                continue
            sd = _side_of_actor(before, (0, 0, rx_m.group(0), rx_m))
            if sd:
                return sd
        if re.search(r"Wagner|Prigozhin|Pushilin|Rogov|Saldo|Balitsky|Kadyrov|Gerasimov|Shoigu|Belousov|Putin",
                     before):
            return "russia"
        return last_side
    return _side_of_actor(s, a)


def _side_of_actor(s: str, a) -> str | None:
    m = a[3]
    if m.group("nat"):
        return P.side_of(m.group("nat"))
    if m.group("word"):
        return P.side_of(m.group("word"))
    if m.group("unit"):
        return P.side_of(m.group("unit"))
    return None


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
    return DEPS.speaker_by_word(m.group("sp"))  # "... ,' the Rybar channel wrote"


def is_object(s: str, start: int) -> bool:
    """True when an actor phrase is the object of a verb ('drive Ukrainian units out')."""
    return bool(_OBJECT_SLOT.search(s, max(0, start - 40), start))
