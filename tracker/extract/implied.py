"""Sides the text implies rather than names next to the verb.

- Attacks a subject repels ("Ukrainian defenders repelled 12 attacks near X") are the
  other side's; so are "enemy attacks".
- "The enemy" is Russia in the Ukrainian statements this genre quotes, and Ukraine when a
  Russian source speaks.
- "X came under repeated Russian assaults": the attackers are named inside the phrase, or
  are the opponents of whoever holds the positions ("Ukrainian positions near X").
- "X has been liberated, the Russian MoD said": a passive liberation with no agent is the
  speaker's own side's.
- "North Korean units joined Russian assaults": the subject fights alongside.

``actors`` calls these before its generic actor search (and ``triggers`` asks
``map_control`` whether a place is held rather than gained).
"""
from __future__ import annotations

import re

from . import patterns as P

OPPOSITE = P.OPPOSITE

_NAT_WORD = re.compile(r"(?<![\w-])(" + P._NAT + r")(?![\w-])")
# the object of a verb that stops an attack: "repelled 12 (enemy) attacks", "fended off three assaults"
_REPELLED = re.compile(r"\b(?:repell?(?:ed|ing|s)?|repuls(?:ed|ing|es?)|fended\s+off|fending\s+off|beat\s+(?:back|off)|"
                       r"beating\s+(?:back|off)|held\s+off|holding\s+off|thwarted|thwarting|stopped|halted|"
                       r"withstood|withstanding)\s+(?:[\w-]+\s+){0,3}$", re.I)
_ENEMY_BEFORE = re.compile(r"\benemy\s+(?:[\w-]+\s+)?$", re.I)
_ENEMY = re.compile(r"(?<![\w-])(?:the\s+)?enemy(?![\w-])", re.I)
_RUSSIAN_SOURCE = re.compile(r"\b(?:Russian|Russia['’]s)\s+(?:[\w-]+\s+){0,2}?(?:Defen[cs]e\s+Ministry|MoD|Ministry|"
                             r"milbloggers?|bloggers?|sources?|officials?|war\s+correspondents?|correspondents?|"
                             r"General\s+Staff|command|channels?)\b", re.I)
# milbloggers and channels that speak for the Russian side by name: their "enemy" is Ukraine
_RUSSIAN_VOICE = re.compile(r"\b(?:milbloggers?|Rybar|Two\s+Majors|Podolyaka|Kots|Poddubny|Sladkov|WarGonzo|"
                            r"Kotenok|Readovka|Colonelcassad)\b")
_OWN_GAIN = re.compile(r"liberated|freed", re.I)
_JOINS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:joined|join|joining|took\s+part\s+in|taking\s+part\s+in|take\s+part\s+in|"
                    r"participated\s+in|participating\s+in|supported|supporting)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)


def enemy_side(s: str) -> str:
    """The side "the enemy" names in sentence ``s``: Ukraine when a Russian source speaks, else Russia."""
    return "ukraine" if _RUSSIAN_SOURCE.search(s) or _RUSSIAN_VOICE.search(s) else "russia"


def mentions_enemy(s: str) -> bool:
    return bool(_ENEMY.search(s))


def subject_side(s: str, cs: int, before: int, actors, side_of_actor) -> str | None:
    """The side of the last actor in ``cs:before`` that names one."""
    for a in reversed([a for a in actors if cs <= a[0] < before]):
        sd = side_of_actor(s, a)
        if sd:
            return sd
    return None


def attack_side(s: str, t_start: int, t_end: int, t_text: str, mode: str, cs: int, actors,
                side_of_actor) -> tuple[str, str] | None:
    """(side, actor) of an attack whose side comes from its frame, or None to search as usual."""
    if mode == "back":  # "came under (repeated) Russian assaults"
        m = _NAT_WORD.search(t_text)
        if m:
            return P.side_of(m.group(1)), m.group(1)
        holder = [a for a in _NAT_WORD.finditer(s, cs, t_start)]
        if holder:
            sd = OPPOSITE.get(P.side_of(holder[-1].group(1)) or "")
            if sd:
                return sd, ""
        return None
    pre = s[cs:t_start]
    repelled = _REPELLED.search(pre)
    if not (repelled or _ENEMY_BEFORE.search(pre)):
        return None
    if re.search(r"(?:" + P._NAT + r")\s+(?:[\w-]+\s+)?$", pre):
        return None  # "repelled Russian assaults": the adjective names the attackers
    stop = cs + (repelled.start() if repelled else len(pre))
    sd = subject_side(s, cs, stop, actors, side_of_actor)
    if sd and sd in OPPOSITE:
        return OPPOSITE[sd], ""
    return enemy_side(s), "enemy"


def enemy_subject(s: str, cs: int, t_start: int) -> tuple[str, str] | None:
    """"The enemy carried out 14 assaults": (side, 'the enemy') when the enemy is the subject."""
    m = None
    for m in _ENEMY.finditer(s, cs, t_start):
        pass
    if m is None:
        return None
    return enemy_side(s), m.group(0)


# Words for combat that name no attacker ("41 clashes", "heavy fighting", "combat engagements")
_NEUTRAL_COMBAT = re.compile(r"(?:\w+\s+)?(?:clashes|clashed|fighting|fought|engagements?|battles?(?:\s+for)?|combat)$",
                             re.I)
# "engagements with Russian forces": the force named as the other party
_WITH_PARTY = re.compile(r"\s+with\s+(?:the\s+)?$", re.I)
# "fighting raged around X, where Russian forces are trying to ...", "fighting continues for X,
# with Russian units attacking from the south": the forces pressing there
_CLAUSE_SUBJECT = re.compile(r",\s+(?:where|with)\s+(?:the\s+)?$", re.I)


def is_neutral_combat(t_text: str) -> bool:
    """True for a trigger that says there was fighting without saying who attacked."""
    return _NEUTRAL_COMBAT.fullmatch(t_text) is not None


def combat_party_side(s: str, t_end: int, actors, side_of_actor) -> tuple[str, str] | None:
    """(side, actor) of the forces neutral combat is reported with, or pressing in a "where" clause.

    In a Ukrainian statement "engagements with Russian forces" are Russian attacks, and
    "fighting around X, where Russian forces are trying to widen their foothold" is Russia's.
    """
    for a in actors:
        if a[0] < t_end or not (a[3].group("noun") or a[3].group("unit")):
            continue
        gap = s[max(t_end, a[0] - 30):a[0]]
        if (a[0] - t_end <= 6 and _WITH_PARTY.search(s[t_end:a[0]])) or _CLAUSE_SUBJECT.search(gap):
            sd = side_of_actor(s, a)
            if sd:
                return sd, a[2]
    return None


def passive_speaker_side(s: str, t_end: int, t_text: str, mode: str) -> tuple[str, str] | None:
    """"X has been liberated, the Russian MoD said": the speaker's side, for a passive liberation."""
    if mode != "back" or not _OWN_GAIN.search(t_text):
        return None
    m = _RUSSIAN_SOURCE.search(s, t_end) or re.search(
        r"\b(?:Ukrainian|Ukraine['’]s)\s+(?:[\w-]+\s+){0,2}?(?:Defen[cs]e\s+Ministry|MoD|Ministry|officials?|"
        r"General\s+Staff|command|military|forces|army)\b", s[t_end:], re.I)
    if not m:
        return None
    nat = _NAT_WORD.search(m.group(0))
    return (P.side_of(nat.group(1)), nat.group(1)) if nat else None


_MAP_SHOWS = re.compile(r"\b(?:shows?|showed|showing|shown|marks?|marked|marking|places?|placed|depicts?|depicted|"
                        r"puts?|assessed)\s+(?:[\w'’-]+\s+){1,4}$", re.I)


def map_control(s: str, cs: int, t_start: int, t_text: str) -> bool | None:
    """For a bare "under Russian control" after a place: True when a map or an assessment puts it
    there ("the map shows X under Russian control"), False otherwise (a place merely held); None
    for any other trigger."""
    if not t_text.lower().startswith("under"):
        return None
    return _MAP_SHOWS.search(s, cs, t_start) is not None


def joins(s: str, actor_end: int, t_start: int) -> bool:
    """True when the actor ending at ``actor_end`` joins the attack starting at ``t_start``."""
    return _JOINS.fullmatch(s, actor_end, t_start) is not None
