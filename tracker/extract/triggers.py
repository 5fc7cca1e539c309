"""Triggers: the words that state an event ("advanced", "captured", "assaults", "arrived in").

Finds them in a sentence, then keeps only those that say an event happened
(not "did not advance", "plans to capture", "a missile attack") and settles
which kind each states ("trying to advance" is an attack, not a gain).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import implied as IMP
from . import patterns as P
from .text import word_start


@dataclass
class Trig:
    start: int
    end: int
    kind: str
    mode: str
    text: str


_SHORT_GAP = re.compile(r"\s+(?:\w+\s+){0,2}")
# two or more words and a comma after a negation: its clause or aside has ended
_ASIDE_AFTER = re.compile(r"\s+(?:[\w'’-]+\s+)+[\w'’-]+\s*,(?=[^,]*$)")
_FAILED_TO = re.compile(r"(?:failed\s+to|without)", re.I)
_FAILED_WORD = re.compile(r"failed|repelled|unsuccessful", re.I)
_NOTHING_AFTER = re.compile(r"\s*(?:nothing|no\s+ground|none)\b", re.I)
_EXPECTED = re.compile(r"\b(?:expects?|expected|forecast|predict(?:s|ed)?|possibility|warned|anticipates?)\b", re.I)
_ATTACKS = re.compile(r"attacks?", re.I)
_ATTACK_NOUN = re.compile(r"(?:counter-?)?(?:offensives?|assaults?|attacks?|push|thrust|storming|onslaught)\b", re.I)
_WEAPON_BEFORE = re.compile(r"(?:drone|missile|air|artillery|strike|bomb|rocket|glide|aviation|long-range)s?\s+(?:\w+\s+)?$",
                            re.I)
_PREVENTED = re.compile(r"\b(?:prevent\w*|stop\w*|keep\w*|kept|hinder\w*|deter\w*|bar\w*)\s+(?:[\w'’-]+\s+){0,4}?"
                        r"from\s+$", re.I)
_PURPOSE = re.compile(r"\s*(?:in\s+order\s+|so\s+as\s+)?to\s+\w+", re.I)
# "(forces moved ...) to use them in attacks toward X": the forces go where they are to be used
_USED_IN = re.compile(r"\s*(?:in\s+order\s+)?to\s+(?:use|employ|commit|deploy|involve)\s+(?:them|it|these\s+\w+|"
                      r"those\s+\w+|the\s+\w+)\s+(?:in|for)\s+(?:\w+\s+)?", re.I)
# "troops massed for a new offensive", "in preparation for an assault on X": the attack is the aim
_AIMED_FOR = re.compile(r"(?:\bfor|\bin\s+preparation\s+for|\bto\s+prepare\s+for)\s+(?:(?:a|an|the|its|their|any)\s+)?"
                        r"(?:[\w-]+\s+){0,2}$", re.I)
# "Russian assault groups", "assault units": the word names a kind of unit, not an attack
_UNIT_AFTER = re.compile(r"\s+(?:groups?|units?|detachments?|squads?|teams?|companies|company|battalions?|brigades?|"
                         r"regiments?|troops|infantry|forces|aircraft|elements)\b", re.I)
_ASSAULT_WORD = re.compile(r"assaults?", re.I)
_PERSON_BEFORE = re.compile(r"\b(?:officer|commander|spokesperson|spokesman|spokeswoman|official|"
                            r"chief|head|analyst|blogger|milblogger|journalist|correspondent|operator|medic|"
                            r"volunteer|deputy)s?\s+$", re.I)
_WITH_WEAPONS = re.compile(r"[^.;]{0,80}?\bwith\s+(?:[\w-]+\s+){0,3}?(?:glide\s+bombs?|drones?|missiles?|artillery|"
                           r"airstrikes?|air\s+strikes?|rockets?|bombs?|MLRS|HIMARS|Shaheds?|Iskanders?)\b", re.I)
_CASUALTIES = re.compile(r"\b(?:killed|killing|wounded|wounding|injured|injuring|civilians?|casualties|dead|"
                         r"residential|apartment|hospital|infrastructure|power\s+grid|energy)\b", re.I)
_FORCED_TO = re.compile(r"\b(?:forc(?:ed|ing)|compell(?:ed|ing))\s+(?:[\w'’-]+\s+){0,4}?to\s*$", re.I)
# "ordered troops to withdraw from Avdiivka", "authorized units to pull out of Vuhledar": a retreat
# ordered is reported as one under way (an order to capture is only an intention)
_ORDERED_TO = re.compile(r"\b(?:order(?:ed|ing|s)?|authori[sz](?:ed|ing|es?)|allow(?:ed|ing|s)?|permitt?(?:ed|ing|s)?|"
                         r"instruct(?:ed|ing|s)?|command(?:ed|ing|s)?)\s+(?:[\w'’-]+\s+){0,4}?to\s*$", re.I)
_SENT_TO_REINFORCE = re.compile(r"\b(?:sent|brought|moved|transferred|redeployed|deployed|dispatched|rushed|"
                                r"relocated|shifted|poured|diverted|diverting|drew|drawn|took|taken)\b[^.;]{0,80}\bto\s*$"
                                # "pulled forces from Kherson to reinforce X", not "pulling out of X, calling
                                # the move a regrouping to bolster ...": a framing of the retreat
                                r"|\b(?:pulled|pulling)\b[^.;,]{0,60}\bto\s*$", re.I)
# forces leaving a place for their home stations: where a redeployment starts, no ground lost
_RETURN_HOME = re.compile(r"[^.;]*?\b(?:return\w*|head\w*\s+back|go\w*\s+back)\s+to\s+(?:their|its)\s+"
                          r"(?:permanent\s+|home\s+|regular\s+)?(?:bases?|garrisons?|stations?|barracks|"
                          r"home\s+stations?|deployment\s+(?:sites?|areas?|points?))", re.I)
# "was pulled out of the Vovchansk area last week and relocated to the Pokrovsk direction": a unit
# moved on to another sector starts a redeployment there, no ground is given up
_MOVED_ON = re.compile(r"[^.;]{0,100}?\b(?:and|before\s+being|then)\s+(?:(?:was|were|has|have|had|been|being|then)\s+){0,2}"
                       r"(?:relocated|redeployed|transferred|moved|sent|shifted|rotated|deployed|thrown)\s+"
                       r"(?:[\w'’-]+\s+){0,3}?(?:to|into|toward|towards)\b"
                       # (falling back "to new defensive lines" is the retreat itself)
                       r"(?!\s+(?:the\s+)?(?:(?:new|more|prepared|better|rear|defensive|fortified)\s+){0,3}"
                       r"(?:lines?|positions?|defen[cs]es)\b)", re.I)
_PUSHED = re.compile(r"pushed\s*", re.I)
_SEEN = re.compile(r"\b(?:seen|spotted|sighted|observed)$", re.I)
_MOVING = re.compile(r"mov(?:ing|ed)\s*$", re.I)
_PUSH = re.compile(r"push(?:ing|ed)?$", re.I)
_PUSH_TOWARD = re.compile(r"\s+(?:\w+\s+){0,4}?(?:toward|towards|on\b|in\s+the\s+direction)", re.I)
_TAKES_PEOPLE = re.compile(r"\s+(?:a|an|the|\d+|two|three|four|five|several|some|many|dozens\s+of|hundreds\s+of)\s+"
                           r"(?:[\w'’-]+\s+){0,2}?(?:soldiers?|servicem[ae]n|prisoners?|POWs?|personnel|"
                           r"civilians?|equipment|tanks?|vehicles?|weapons|ammunition|drones?|trophies|documents|"
                           r"commanders?|officers?|fighters?|troops)\b", re.I)


def find_triggers(s: str, full: bool = False) -> list[Trig]:
    """Trigger words in text order, none overlapping; an attack verb absorbs a deployment verb just after it."""
    found: list[Trig] = []
    if full:  # every position, set by set: the reference the fast path is tested against
        for kind, mode, rx in P.TRIGGERS:
            for m in rx.finditer(s):
                if any(not (m.end() <= t.start or m.start() >= t.end) for t in found):
                    continue
                found.append(Trig(m.start(), m.end(), kind, mode, m.group(0)))
    else:
        last = -1
        low = s.lower()
        if len(low) != len(s):  # a few letters change length when lowered: keep offsets exact
            low = s
        aux = P.AUX_HINT.search(low) is not None
        for w in P.TRIGGER_START.finditer(low):
            pos = w.start()
            if pos < last or (not aux and w.group(0) in P.AUX_WORDS):
                continue
            m = P.TRIGGER_ANY.match(s, pos)
            if m:
                kind, mode, _ = P.TRIGGER_SETS[int(m.lastgroup[1:])]
                found.append(Trig(m.start(), m.end(), kind, mode, m.group(0)))
                last = m.end()
    found.sort(key=lambda t: t.start)
    # "Russian assault groups tried to infiltrate": the word says who they are, not what they did
    # (dropped here, not later, so it does not cut short the places of the trigger before it)
    found = [t for t in found if not (_ASSAULT_WORD.fullmatch(t.text) and _UNIT_AFTER.match(s, t.end))]
    merged: list[Trig] = []
    for t in found:
        if merged and t.kind == "deployment" and merged[-1].kind == "attack" and \
                _SHORT_GAP.fullmatch(s[merged[-1].end:t.start]):
            p = merged[-1]
            merged[-1] = Trig(p.start, t.end, p.kind, p.mode, s[p.start:t.end])
            continue
        merged.append(t)
    return merged


def allowed(s: str, t: Trig, cs: int) -> bool:
    """False when the trigger does not state an event: negated, forecast, a purpose, a strike."""
    return blocked_by(s, t, cs) is None


def blocked_by(s: str, t: Trig, cs: int) -> str | None:
    """Why the trigger states no event ("negated", "forecast", "purpose", "strike", ...), or None."""
    # "which ISW could not verify" qualifies a claim; it neither negates nor forecasts
    s = P.UNCONFIRMED.sub(lambda m: "_" * len(m.group(0)), s)
    s = P.NOT_NEGATING.sub(lambda m: "_" * len(m.group(0)), s)
    before = s[cs:t.start]
    window = s[word_start(s, max(cs, t.start - 45)):t.start]
    after = s[t.end:t.end + 25]
    # negation close before the verb ("did not advance", "no confirmed advances")
    neg = list(P.NEGATION.finditer(window))
    if neg and _ASIDE_AFTER.match(window, neg[-1].end()):
        neg = []  # "troops, who had not moved for weeks, advanced": the negation ends with its aside
    if t.mode != "withdraw":  # "no longer control X", "could not hold X": the loss is the event
        neg += list(P.NEGATION.finditer(t.text))
    if neg and not P.UNCONFIRMED.search(s[max(cs, t.start - 60):t.end + 40]):
        last = neg[-1]
        if not _FAILED_TO.match(last.group(0)) or t.kind != "attack":
            if not (t.kind == "attack" and _FAILED_WORD.search(last.group(0))):
                return "negated"
    if t.mode == "withdraw" and _RETURN_HOME.match(s, t.end, t.end + 120):
        return "going home"  # "units ... are leaving Crimea and will return to their permanent bases"
    if t.mode == "withdraw" and _MOVED_ON.match(s, t.end):
        return "moved on"
    if _NOTHING_AFTER.match(after):
        return "nothing gained"
    if IMP.map_control(s, cs, t.start, t.text) is False:
        return "held, not gained"  # "villages still under Ukrainian control": held, not gained
    if _PREVENTED.search(before):
        return "prevented"  # "prevent Russian forces from advancing"
    if t.kind != "deployment" and _PURPOSE.match(before) and not _USED_IN.fullmatch(before):
        return "purpose"  # "... to capture Siversk": what forces are for, not what they did
    if t.kind == "attack" and _AIMED_FOR.search(before[-50:]) and _ATTACK_NOUN.match(t.text):
        return "purpose"  # "concentrating troops for a counteroffensive in X": the aim of a deployment
    # forecasts, plans and possibilities
    limit = 30 if t.kind == "deployment" else len(before)
    if P.FORECAST.search(before[-limit:]) or (P.FORECAST.search(t.text) and t.mode != "withdraw"):
        return "forecast"
    if _EXPECTED.search(s[:t.start]):
        return "expected"
    if t.kind == "deployment" and _PERSON_BEFORE.search(s, max(0, t.start - 40), t.start):
        return "a person"  # "a Ukrainian officer operating in the Toretsk direction said": a person, not a force
    if t.kind == "attack" and _WITH_WEAPONS.match(s, t.end):
        return "strike"  # "attacked positions near Siversk with glide bombs": a strike
    if t.kind == "attack" and _ATTACKS.fullmatch(t.text) and _CASUALTIES.search(s):
        return "strike"  # "a Russian attack on Sumy killed 11 civilians": a strike, not ground combat
    if t.kind == "attack":
        prev = s[word_start(s, max(0, t.start - 30)):t.start]
        if _WEAPON_BEFORE.search(prev):
            return "strike"
    return None


# "X is reported to have been captured", "troops are said to have entered": hearsay of a past event,
# not an aim
_BE_BEFORE = re.compile(r"\b(?:are|is|was|were)\s+(?:still\s+|now\s+|also\s+)?$", re.I)
_REPORTED_TO = re.compile(r"\b(?:reported|said|believed|claimed|alleged|understood|thought|known)\s+to\s*$", re.I)


# "fighting for control of X", "the struggle over X": the gain is what the fighting is for
_FIGHT_FOR = re.compile(r"\b(?:fight\w*|fought|battl\w*|struggl\w*|clash\w*|vying|contest\w*|combat)\s+"
                        r"(?:(?:is|are|was|were|has|have|had|been|continues?|continued|still|raging|rages|raged|"
                        r"under\s+way|underway|ongoing|going\s+on|heavy|fierce)\s+){0,3}?"
                        r"(?:for|over)\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?$", re.I)


def fought_over(s: str, t: Trig, cs: int) -> bool:
    """True when the gain ``t`` names is what fighting is for ("fighting for control of X")."""
    return t.kind == "advance" and _FIGHT_FOR.search(s[cs:t.start]) is not None


def adjust_kind(s: str, t: Trig, cs: int) -> str | None:
    """The kind of event the trigger states in its clause, or None when it states none."""
    before = s[cs:t.start]
    if fought_over(s, t, cs):
        return "attack"
    if t.kind == "attack" and _USED_IN.fullmatch(before):
        return "deployment"  # "withdrew its forces ... to use them in attacks toward X": sent to X
    if t.kind == "attack" and _PUSHED.fullmatch(t.text) and not P.INFINITIVE.search(before):
        return "advance"  # "recently pushed toward X": a movement reported as done
    if t.kind == "advance" and P.ATTEMPT_AND.search(before):
        return "attack"
    if t.kind == "deployment" and _SENT_TO_REINFORCE.search(s, max(0, t.start - 120), t.start):
        return "deployment"  # "brought in from Kherson to reinforce troops near Vuhledar": sent there
    if t.kind in ("advance", "deployment") and P.INFINITIVE.search(before) and \
            not _FORCED_TO.search(before) and not P.CONTINUED.search(before) and \
            not (t.mode == "withdraw" and _ORDERED_TO.search(before)) and \
            not (_REPORTED_TO.search(before) and t.text.lower().startswith("have ")):
        if P.ATTEMPT.search(before) and t.kind == "advance":
            return "attack"
        return None
    if t.kind in ("deployment", "attack") and _MOVING.search(t.text) and P.FOOTAGE.search(s, 0, t.start):
        return "advance"  # footage of troops moving toward a place: ground gained
    if t.kind == "deployment" and _SEEN.search(t.text) and P.FOOTAGE.search(s) and not P.SATELLITE.search(s):
        return None  # troops seen in footage: the advance rules read it
    if t.kind == "advance" and _TAKES_PEOPLE.match(s, t.end):
        return None  # "captured a Ukrainian soldier": people or equipment, not ground
    if t.kind == "advance" and t.text.strip().lower() == "pushing" and _BE_BEFORE.search(before) \
            and not P.FOOTAGE.search(s, 0, t.start):
        return "attack"  # "the Ukrainians are pushing hard near Robotyne": an effort under way
    if t.kind == "advance" and _PUSH.match(t.text):
        rest = s[t.end:t.end + 45]
        if _PUSH_TOWARD.match(rest) \
                and not P.FOOTAGE.search(s[:t.start]):
            return "attack"
    return t.kind
