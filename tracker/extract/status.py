"""How sure a report is of an advance: confirmed (footage), assessed (its own voice) or claimed.

The nearest cue before the verb in its clause decides: "geolocated footage shows",
"X claimed that", "according to X"; a claim reported with "that" reaches into the
clauses after it; a short attribution at the end of the sentence ("..., ISW said.")
counts when nothing nearer does.
"""
from __future__ import annotations

import re

from . import patterns as P
from .text import word_start

_HEDGE = re.compile(r"\b(?:may|might|could)\s+(?:already\s+|have\s+already\s+)?have\b|\blikely\b|\bprobably\b", re.I)
# "a claim by Russia's Defence Ministry that ...": whose claim it is
_CLAIM_BY = re.compile(r"\s+(?:made\s+)?by\s+((?:[^,;.]|\.(?=\w)){2,70}?)\s+that\b")
_CITING = re.compile(r"\b[Cc]iting\s+((?:[^,;.]|\.(?=\w))+),")
_TITLE = re.compile(r"\b(?i:head|chief|founder|spokesperson|spokesman|commander|minister|governor|official|adviser|"
                    r"advisor|leader|deputy|secretary|president|officer|analyst|observer|blogger|milblogger)\s+"
                    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")
_ATTRIBUTION = re.compile(r",\s+(?!(?:and|but|while|as)\b)(?:[\w'’.-]+\s+){0,5}?(?:said|says|reported|reports|claimed|"
                          r"claims|stated|states|announced|told|added|noted|wrote)\b(?!\s+(?:\w+\s+){0,3}?that\b)")
# Any lowercase role word before a person's full name at the end: "Wagner financier Yevgeny Prigozhin".
_ROLE_NAME = re.compile(r"(?:^|\s)[a-z][\w-]*\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})$")
_ORG_WORD = re.compile(r"\b(?:Ministry|Staff|Forces|Defen[cs]e|Intelligence|Service|Group|Command|Guard|Corps|"
                       r"Brigade|Legion|Army|Oblast|Republic|Cent(?:er|re)|Council|Office|Agency|Directorate)\b")
_SPOKES = r"(?:spokesperson|spokesman|spokeswoman|press\s+secretary)"
_SPOKES_FOR = re.compile(r"(?:a|an|the)\s+(?:\w+\s+)?" + _SPOKES + r"\s+(?:for|of)\b", re.I)
_ORG_SPOKES = re.compile(r"(?P<org>[A-Z].*?)\s+(?P<role>" + _SPOKES + r")\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}$")
_MINISTRY = re.compile(r"\b(?:Ministry|MoD)\b")
_PRONOUN = re.compile(r"(?:he|she|it|its|they|their|his|her)\b", re.I)
_PURPORTED_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:purportedly|allegedly|supposedly|claiming\s+to|said\s+to|"
                              r"that\s+(?:purportedly|allegedly))\b", re.I)
# "Russian Chief of the General Staff Valery Gerasimov": an office of several words, then the person
_OFFICE = re.compile(r"\b(?i:chief|head|commander|minister|director|secretary|spokesperson)\b")
_CAP_WORD = re.compile(r"[A-Z][a-z'’-]+$")


# a statement quoted under its source's name: "DeepState: ...", "Rybar: ...", "Russian MoD: ..."
_SOURCE_COLON = re.compile(r"\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*):\s")
_OUTLET = re.compile(r"\b(?:DeepState|Rybar|TASS|RIA|Interfax|Ukrinform|Reuters|AP|AFP|Suspilne|Mashovets|"
                     r"Podolyaka|Kotenok|Pushilin|Syrskyi|Syrsky|Zelensky\w*|Konashenkov|Gladkov|Khinshtein|"
                     r"MoD|Staff)\b")


def _is_source(name: str) -> bool:
    return bool(_OUTLET.search(name) or _ORG_WORD.search(name)) and not _OWN_SOURCE.fullmatch(name) \
        and not _PLACE_HEADING.search(name)


# "Kursk Oblast: ...", "Pokrovsk direction: ...": a heading, not a source
_PLACE_HEADING = re.compile(r"\b(?:Oblast|Krai|Republic|Region|Raion|District|Direction|Axis|Front|Sector)$", re.I)
_OWN_SOURCE = re.compile(r"(?:the\s+)?(?:ISW|CTP|Institute\s+for\s+the\s+Study\s+of\s+War)", re.I)

# the writer's own mark that a gain is hearsay
_HEARSAY = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly|(?:is|are|was|were)\s+(?:said|reported)\s+to)\b",
                      re.I)


def _office_holder(s: str) -> str | None:
    """The person's name that ends a subject naming an office ('... General Staff Valery Gerasimov')."""
    m = _OFFICE.search(s)
    if not m:
        return None
    words = s[m.end():].split()
    name: list[str] = []
    for w in reversed(words):  # the capitalised words at the end that are not an organisation's
        if not _CAP_WORD.match(w) or _ORG_WORD.search(w) or len(name) == 3:
            break
        name.insert(0, w)
    return " ".join(name) if len(name) >= 2 else None

_PERSON = re.compile(r"^(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\s*,")


class StatusReader:
    """Reads status and claimant per advance; caches the cues of the current sentence."""

    def __init__(self) -> None:
        self._cue_cache: tuple = (None, [], False)
        self.last_claimant: str | None = None  # "He also said ...": the speaker before (reset per paragraph)

    def __call__(self, s: str, t_start: int, t_end: int, cs: int, ce: int,
                 breaks: list[tuple[int, int]]) -> tuple[str, str | None]:
        """(status, claimant) of an advance whose verb spans ``t_start:t_end`` in clause ``cs:ce``."""
        status, claimant = self._read(s, t_start, t_end, cs, ce, breaks)
        if status == "assessed" and _HEARSAY.search(s, word_start(s, max(cs, t_start - 25)), t_end):
            # "Russian forces reportedly captured X": the writer passes on someone's claim, unnamed
            return "claimed", None
        lead = _SOURCE_COLON.match(s) if status == "assessed" else None
        if lead and lead.end() <= t_start and _is_source(lead.group(1)):
            # "DeepState: the enemy occupied X": a post quoted under its author's name
            status, claimant = "claimed", _claimant(lead.group(1))
        if claimant and _PRONOUN.match(claimant):
            claimant = self.last_claimant
        elif claimant:
            self.last_claimant = claimant
        return status, claimant

    def _read(self, s: str, t_start: int, t_end: int, cs: int, ce: int,
              breaks: list[tuple[int, int]]) -> tuple[str, str | None]:
        if self._cue_cache[0] is not s:
            cues = []
            for m in P.FOOTAGE.finditer(s):
                cues.append((m.start(), m.end(), "footage", m))
            for m in P.CLAIM_VERB.finditer(s):
                if any(c[0] <= m.start() < c[1] for c in cues):
                    continue
                cues.append((m.start(), m.end(), "claim", m))
            cues.sort()
            self._cue_cache = (s, cues, bool(P.UNCONFIRMED.search(s)))
        cues, unconfirmed = self._cue_cache[1], self._cue_cache[2]
        # a later "ISW confirmed" in the clause settles it
        if re.search(r"\b(?:ISW|which\s+ISW)\s+(?:has\s+)?(?:confirmed|verified|observed)\b", s[t_end:]) \
                and not unconfirmed:
            return "confirmed", None
        status, claimant = self._from_cues(s, cues, unconfirmed, t_start, t_end, cs, ce, breaks)
        # "made confirmed advances": the verb phrase carries its own confirmation, unless
        # someone else's claim is being reported ("milbloggers claimed ... confirmed advances")
        if status == "assessed" and not unconfirmed and \
                any(t_start <= c[0] < t_end and c[2] == "footage" for c in cues):
            return "confirmed", None
        return status, claimant

    def _from_cues(self, s, cues, unconfirmed, t_start, t_end, cs, ce, breaks) -> tuple[str, str | None]:
        # cues before the verb; a claim verb that opens the trigger ("declared Ugledar liberated") counts
        order = [c for c in reversed(cues) if cs <= c[0] < t_start or (c[0] == t_start and c[2] == "claim")]
        hedged = not order and _HEDGE.search(s, cs, t_start)
        order += [c for c in reversed(cues) if c[1] <= cs and (
            # "claimed during a meeting with commanders that ...": the claim reaches past the aside
            c[2] == "footage" or re.match(r"\s+(?:[\w'’-]+\s+){0,7}?that\b", s[c[1]:c[1] + 70])
            or c[3].group(0).lower() in ("according to", "citing")
            # "..., saying Russian forces captured X": a participle opening the clause reports it
            or (c[3].group(0).lower().endswith("ing") and not s[c[1]:cs].strip()))]
        order += [c for c in cues if c[0] >= t_end and c[0] < ce + 1]
        if _ATTRIBUTION.match(s, ce):  # "..., Ukrainian officials said, but ...": the clause's speaker
            order += [c for c in cues if ce <= c[0] < ce + 60 and c[2] == "claim"]
        # a trailing attribution beyond the clause: "..., ISW said." / "..., according to ISW."
        order += [c for c in cues if c[0] >= ce and len(s[c[1]:].split()) <= 5
                  and not re.search(r"\bthat\b", s[c[1]:]) and not any(b[0] > c[0] for b in breaks)]
        for c in order:
            res = _eval_cue(s, c, unconfirmed)
            if res and hedged and not (res[0] == "claimed" and res[1]):
                break  # "they may already have crossed into ...": the report's own judgment
            if res:
                # "... have highly likely captured X, UK Defence Intelligence said": a named
                # source's hedged judgment is still that source's claim
                return res
        if hedged:
            return "assessed", None
        return ("claimed", None) if unconfirmed else ("assessed", None)


def _eval_cue(s: str, c, unconfirmed: bool) -> tuple[str, str | None] | None:
    start, end, what, m = c
    if what == "footage":
        if unconfirmed:
            return None
        if _PURPORTED_AFTER.match(s, end):
            return _purported(s, start)
        if re.fullmatch(r"confirms?", m.group(0), re.I):
            # "DeepState confirmed": the subject decides
            subj = _subject(s, start)
            if subj and not P.OWN_VOICE.search(subj) and not P.FOOTAGE.search(subj):
                return "claimed", _claimant(subj)
        return "confirmed", None
    verb = m.group(0).lower()
    nat = re.search(r"\b(Russian|Ukrainian)\s+$", s[word_start(s, max(0, start - 12)):start])
    if verb in ("claims", "claim") and nat:
        return "claimed", f"{nat.group(1)} sources"  # "Russian claims to have captured X"
    if re.search(r"\b(?:was|were|is|are|been|being)\s+$", s[word_start(s, max(0, start - 12)):start]) and \
            not verb.endswith("ing"):
        return "claimed", None  # "were reported to have entered": someone unnamed says so
    if verb in ("according to", "citing", "per") or verb.startswith("as "):  # "as confirmed by footage"
        obj = re.match(r"\s*((?:[^,;.]|\.(?=\w))+)", s[end:])
        subj = obj.group(1).strip() if obj else ""
    elif verb in ("claims", "claim") and _CLAIM_BY.match(s, end):
        subj = _CLAIM_BY.match(s, end).group(1)  # "dismissed a claim by Russia's MoD that ...": its claim
    else:
        subj = _subject(s, start)
        if verb.endswith("ing") and re.search(r",\s*$", s[:start]):
            subj = _main_subject(s, start) or subj  # "X claimed ..., saying that ...": X says it
    if not subj:
        return None
    f = P.FOOTAGE.search(subj)
    if f and not unconfirmed:
        if _PURPORTED_AFTER.match(subj, f.end()):  # "footage purportedly showing"
            return _purported(s, s.rfind(f.group(0), 0, start))
        return "confirmed", None
    if P.OWN_VOICE.search(subj) and not re.search(r"\b(?:citing|according)\b", subj, re.I):
        if unconfirmed:
            return None
        cited = _CITING.search(s, 0, start)
        if cited and not P.OWN_VOICE.search(cited.group(1)):
            return "claimed", _claimant(cited.group(1))  # "Citing DNR officials, ISW reported that ..."
        return "assessed", None
    if verb in ("show", "shows", "showed", "showing", "indicates", "indicated", "published", "posted") \
            and not re.search(r"map", subj, re.I):
        return None
    return "claimed", _claimant(subj)


def _purported(s: str, footage_start: int) -> tuple[str, str | None] | None:
    """"X posted footage purportedly showing ...": X's unverified claim, not a confirmation."""
    poster = _main_subject(s, footage_start)
    return "claimed", (_claimant(poster) if poster else None)


def _main_subject(s: str, before: int) -> str:
    """The speaker of the nearest finite reporting verb before ``before``."""
    for m in reversed(list(P.CLAIM_VERB.finditer(s, 0, before))):
        if not m.group(0).lower().endswith("ing"):
            return _subject(s, m.start())
    return ""


def _subject(s: str, verb_start: int) -> str:
    """The noun phrase before a reporting verb: 'Russia's Defense Ministry' in '... said'."""
    before = s[:verb_start]
    for _ in range(3):  # "also had", "are now"
        before = re.sub(r"\s+(?:also|further|again|reportedly|then|later|previously|earlier|separately|"
                        r"on\s+\w+(?:\s+\d{1,2})?|in\s+\w+|had|has|have|is|are|was|were|now|still|publicly|"
                        r"officially|explicitly|notably|likewise|similarly|additionally)\s*$", "", before, flags=re.I)
    appositive = before.rstrip().endswith(",")
    before = before.rstrip(" ,")
    # "Vitaly Ganchev, the Russian-installed official in ..., said": the person
    m = list(re.finditer(r"[,;:]|\bthat\b|\band\b|\bwhile\b|\bbut\b", before))
    subj = before[m[-1].end():].strip() if m else before.strip()
    if subj and m and m[-1].group(0).lower() == "and":
        # "The Freedom of Russia Legion and the Russian Volunteer Corps announced": both speak
        k = len(m) - 2
        first = before[m[k].end() if k >= 0 else 0:m[-1].start()].strip()
        if first and len(first.split()) <= 6 and (first[0].isupper() or first.lower().startswith("the ")):
            subj = f"{first} and {subj}"
    if not subj and m and m[-1].group(0).lower() in ("and", "but"):
        # "DeepState dismissed ... but acknowledged ...": the subject of the clause before
        lead = re.match(r"\s*((?:[A-Z][\w'’.-]*\s*)+)", before)
        subj = lead.group(1) if lead else ""
    if appositive and m and m[-1].group(0) == ",":
        # an appositive: "X, the official in Y, said"
        prev = before[:m[-1].start()]
        mm = list(re.finditer(r"[;:]|\bthat\b|\band\b|\bwhile\b|\bbut\b|,", prev))
        cand = prev[mm[-1].end():].strip() if mm else prev.strip()
        # ... but a spokesperson speaks for the organisation, as in "X, spokesperson for Y, said"
        if re.match(r"(?:a|an|the)\s", subj, re.I) and cand and cand[0].isupper() and not _SPOKES_FOR.match(subj):
            subj = cand
    return subj.strip()


def _claimant(subj: str) -> str:
    subj = subj.strip().lstrip("'\"‘’“”").strip()  # "'... Zalizne,' the Russian MoD said": the quote is closed
    # "On Friday Russia's MoD", "On 1 October Ukraine's Khortytsia group", "Hours later Russia's MoD"
    subj = re.sub(r"^(?:(?:on|in)\s+(?:\d{1,2}\s+)?\w+(?:\s+\d{1,2})?|(?:hours|days|weeks|minutes|a\s+day|a\s+week)"
                  r"\s+later|later|earlier|meanwhile|then)(?:\s+that\s+day)?,?\s+", "", subj, flags=re.I)
    subj = re.sub(r"['’]s\s+(?:latest\s+|daily\s+|new\s+)?(?:map|maps|update|report|footage)\b.*$", "", subj)
    # "DeepState updated its map to show ...": the one who updated it
    subj = re.sub(r"\s+(?:updated|published|released|posted|changed|amended)\s+(?:its|their|his|her)\b.*$", "", subj)
    # "the Russian Ministry of Defense (MoD)": an acronym in brackets repeats the name
    subj = re.sub(r"\s*\([^()]*\)", "", subj)
    subj = re.sub(r"^(?:a|an|the)\s+", "", subj, flags=re.I)  # "A spokesperson for ..."
    m = re.match(r"(?i:spokesperson|spokesman|spokeswoman|commander|head|chief)\s+(?:for|of)\s+(.+)$", subj)
    if m:  # "spokesperson for Ukraine's Eastern Group of Forces"
        role = subj.split()[0].lower()
        subj = f"{m.group(1)} {role}"
    s = re.sub(r"^(?:the|a|an|several|some|many|other|one|prominent|influential)\s+", "", subj.strip(), flags=re.I)
    s = re.sub(r"^(?:the|a|an|several|some|many|other|one|prominent|influential)\s+", "", s, flags=re.I)
    m = _ORG_SPOKES.match(s)
    if m:  # "Russian Defense Ministry spokesman Igor Konashenkov": the organisation speaks
        s = m.group("org") if _MINISTRY.search(m.group("org")) else f"{m.group('org')} {m.group('role')}"
        m = None
    else:
        m = _TITLE.search(s) or _ROLE_NAME.search(s)
    if m and not _ORG_WORD.search(m.group("name")):
        return m.group("name")
    holder = _office_holder(s)
    if holder:
        return holder
    m = _PERSON.match(s + ",")
    if m and not re.search(r"Ministry|Staff|Forces|Defen[cs]e|Intelligence|Service|Group|Command|Guard", m.group("name")):
        s = m.group("name")
    s = re.sub(r"^Russia['’]s\s+", "Russian ", s)
    s = re.sub(r"^Ukraine['’]s\s+", "Ukrainian ", s)
    s = re.sub(r"\band\s+the\s+", "and ", s)
    s = re.sub(r"\bMoD\b", "Defense Ministry", s)
    s = re.sub(r"\bMinistry of Defen[cs]e\b", "Defense Ministry", s)
    # British spelling and lower case name the same ministry: "Russia's defence ministry"
    s = re.sub(r"\b[Dd]efen[cs]e\s+[Mm]inistry\b", "Defense Ministry", s)
    # the daily General Staff summaries this genre cites are Ukraine's; Russia's is named as such
    s = re.sub(r"^General\s+Staff$", "Ukrainian General Staff", s)
    return s.strip(" ,")

