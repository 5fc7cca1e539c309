"""The language of reports: forces and their sides, event verbs, claims, negation, relations.

Everything here is a precompiled pattern or a word list, built once at import,
so extraction stays fast on megabytes of text.
"""
from __future__ import annotations

import functools
import re

I = re.IGNORECASE

# --- sides -----------------------------------------------------------------
# Nationality words -> side. Units of one side named after another country
# (the pro-Ukrainian Russian volunteer units) are listed first so they win.
NAMED_UNITS: tuple[tuple[str, str], ...] = (
    (r"Freedom of Russia Legion", "ukraine"),
    (r"Russian Volunteer Corps", "ukraine"),
    (r"Siberian Battalion", "ukraine"),
    (r"Azov(?:'s)?(?:\s+\w+)?", "ukraine"),
    (r"Kraken", "ukraine"),
    (r"Wagner(?: Group)?(?: fighters| forces| units| assault units| mercenaries)?", "russia"),
    (r"Akhmat(?: special forces)?", "russia"),
    (r"Rosgvardia", "russia"),
    (r"(?:the\s+)?(?:Tsentr|Yug|Zapad|Vostok|Sever|Dnepr|Center|Centre|South|West|East|North|Southern|Western|"
     r"Eastern|Northern|Central)\s+(?:group|grouping|Group|Grouping)(?: of forces| of Forces| of troops)?", "russia"),
    (r"Battlegroup\s+(?:West|East|Center|Centre|South|North|Dnepr)", "russia"),
    # Russia's military districts, whose units Russian statements name by district
    (r"(?:the\s+)?(?:Leningrad|Moscow|Southern|Central|Eastern|Western|Northern)\s+Military\s+District", "russia"),
    (r"Storm-[ZV](?: units| fighters| detachments?| companies| company)?", "russia"),
    # A numbered formation whose title only one army uses: Russia kept "Guards" titles, motorised rifle
    # units and combined-arms and tank armies; Ukraine's brigades are "Separate", mechanised, Jaeger or
    # territorial defence ("Elements of the 76th Guards Air Assault Division were transferred to ...")
    (r"\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]+\s+){0,3}?(?:Guards|Motori[sz]ed\s+Rifle|Motor\s+Rifle|"
     r"Combined\s+Arms|Tank\s+Army|Naval\s+Infantry)(?:\s+[A-Z][\w-]+){0,4}", "russia"),
    # Ukraine's army fields brigades and corps, no divisions: a numbered division is Russia's
    (r"\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]+\s+){0,4}?Division", "russia"),
    (r"\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]+\s+){0,3}?(?:Separate|Mechani[sz]ed|Jaeger|"
     r"Territorial\s+Defen[cs]e)(?:\s+[A-Z][\w-]+){0,4}", "ukraine"),
    # the Armed Forces of Ukraine by their initials, as Russian sources and milbloggers write them
    (r"(?:AFU|ZSU|VSU)(?: units| troops| forces| formations| servicemen| soldiers| fighters)?", "ukraine"),
    # the General Staff's name for Ukraine's forces ("the Defence Forces are holding back the enemy")
    # (as the subject of what they do: "the Defence Forces of the South said" is a speaker)
    (r"(?-i:Defen[cs]e\s+Forces)(?=\s+(?:are|is|were|was|have|has|had|continue[sd]?|repelled|advanced|liberated|"
     r"pushed|pressed|counterattacked|conducted|hold|held)\b|$)", "ukraine"),
)
NATIONALITIES: tuple[tuple[str, str], ...] = (
    (r"North Korean|North Korea's|DPRK|Korean People's Army|KPA|Kim Jong[ -]Un's|Pyongyang's", "north_korea"),
    (r"Belarusian|Belarussian|Belarus's|Lukashenk[oa]'s", "belarus"),
    (r"Russian|Russia's|DNR|LNR|DPR|LPR|Chechen|Kadyrov(?:ite)?|Russian-led|Russian-controlled|Putin's", "russia"),
    (r"Ukrainian|Ukraine's|Zelensky(?:y)?'s", "ukraine"),
)
SIDE_OF_WORD = {
    "russians": "russia", "moscow": "russia", "russia": "russia", "kremlin": "russia",
    "ukrainians": "ukraine", "kyiv": "ukraine", "ukraine": "ukraine", "ukrainains": "ukraine",
    "north koreans": "north_korea", "north korea": "north_korea", "pyongyang": "north_korea", "belarusians": "belarus", "belarus": "belarus", "minsk": "belarus",
    # Ukrainian official usage for Russian forces
    "occupiers": "russia", "invaders": "russia", "occupation forces": "russia", "occupying forces": "russia",
    "ruscists": "russia",
}
OPPOSITE = {"russia": "ukraine", "ukraine": "russia"}

_FORCE_NOUN = (r"(?:forces|troops|units|unit|soldiers|personnel|fighters|servicemen|military|army|"
               r"elements|assault groups|assault group|groups|group|defenders|infantry|paratroopers|"
               r"marines|detachments?|sabotage(?: and reconnaissance)? groups?|brigades?|regiments?|"
               r"battalions?|battle\s*groups?|(?:battalion\s+)?tactical\s+groups?|BTGs?|divisions?|corps|command|grouping|(?:border\s+)?guards(?:men)?|contingents?|formations?|reservists|"
               r"mercenaries|volunteers|reinforcements|operators|crews?|officers|engineers|sappers|gunners|snipers|"
               r"tanks?|armou?r|armou?red vehicles|columns?|convoys?|vehicles|equipment|manpower|reserves|"
               r"mechanized assault|special forces|commandos|conscripts|recruits|servicemembers|"
               r"soldier|counteroffensive|counterattacks?|assaults?|attacks?|advances?|gains?|progress|"
               r"offensive|forward units|naval infantry|airborne(?: units| troops)?|VDV|artillery)")
_NAT = "|".join(p for p, _ in NATIONALITIES)
_FILLER = (r"(?!(?:that|and|or|but|to|of|in|on|at|had|have|has|are|were|was|is|been|be|will|would|said|"
           r"claimed|reported|Ukrainian|Russian|North|Belarusian|Ukraine|Russia)\b)")
# "Russian forces", "the Ukrainian 3rd Assault Brigade", "North Korean military units",
# "Ukrainian-held" is excluded: it names a place's holder, not an actor.
ACTOR = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<unit>" + "|".join(p for p, _ in NAMED_UNITS) + r")"
    r"|(?<![\w-])(?:the\s+)?(?P<nat>" + _NAT + r")(?!-held|-installed|-occupied|-controlled territory)"
    # (?i:) for the noun: unit names are capitalised ("the Russian 5th Motorized Rifle Brigade")
    r"(?:\s+(?:" + _FILLER + r"[\w'’-]+\s+){0,4}?(?P<noun>(?i:" + _FORCE_NOUN + r"))\b)?"
    r"|(?<![\w-])(?P<word>the Russians|the Ukrainians|Russians|Ukrainians|North Koreans|North Korea|Pyongyang|Belarus|Minsk|Moscow|the Kremlin|Kremlin|Kyiv|Russia|Ukraine|"
    r"the occupiers|occupiers|the invaders|invaders|occupation forces|occupying forces|ruscists)\b(?!['’]s\s+(?:war|invasion))"
    r"|(?<![\w-])(?P<pron>(?i:its|their|his|our)\s+(?:own\s+|new\s+|remaining\s+)?(?:[\w-]+\s+){0,2}?" + _FORCE_NOUN + r"\b|they\b)",
)
# A formation's designation: "the 76th Air Assault Division", "3rd Separate Assault Brigade",
# "1st Guards Tank Army". Words inside it ("Assault", "Guards") are part of a name, not event cues.
FORMATION = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:(?:Separate|Guards?|Air|Airborne|Assault|Mechani[sz]ed|Motori[sz]ed|"
    r"Rifle|Tank|Naval|Infantry|Marine|Special|Forces|Purpose|Territorial|Defen[cs]e|Artillery|Jaeger|"
    r"Mountain|Presidential|Operational|Combined|Arms|Spetsnaz|Reconnaissance|Storm|Attack|Coastal|"
    r"National|Border|Detachment|Light|Heavy)\s+){0,5}"
    r"(?:Division|Brigade|Regiment|Battalion|Corps|Army|Group|Detachment|Flotilla|Fleet)\b")
NAT_RES = [(re.compile(p), side) for p, side in NATIONALITIES]
UNIT_RES = [(re.compile(p), side) for p, side in NAMED_UNITS]


@functools.lru_cache(maxsize=4096)
def side_of(text: str) -> str | None:
    """The side a phrase names: 'Russian forces' -> russia; None when it names no side."""
    for rx, side in UNIT_RES:
        if rx.match(text.strip()):
            return side
    t = text.strip()
    low = t.lower()
    if low.startswith("the "):
        low, t = low[4:], t[4:]
    if low in SIDE_OF_WORD:
        return SIDE_OF_WORD[low]
    for rx, side in NAT_RES:
        if rx.match(t):
            return side
    return None


# --- event triggers ----------------------------------------------------------
# Each: (regex, kind, mode, default relation for a bare object)
#   mode "fwd": places follow ("advanced near X"); "back": places precede ("X was captured");
#   "withdraw": the other side gains the place ("withdrew from X").
# "drove Russian troops from", "pushed Ukrainian forces back from", "ousted the enemy out of":
# the subject gains the place, the forces named inside the phrase lose it.
_EXPEL = r"""(?:pushed|pushing|drove|driven|driving|forced|forcing|ousted|ousting|expelled|expelling|dislodged|
  dislodging|knocked|kicked|threw|thrown)\s+(?:the\s+|all\s+)?(?:[\w'’-]+\s+){0,3}?(?:forces|troops|units|soldiers|
  infantry|defenders|garrison|enemy|Russians|Ukrainians|occupiers|invaders|them|fighters|servicemen)\s+
  (?:back\s+|out\s+|away\s+)?(?:from|out\s+of)"""
_ADV_FWD = r"""
  (?:took|taken|taking|gained|established|establishing|regained|assumed)\s+(?:full\s+|complete\s+|total\s+|partial\s+|effective\s+)?control\s+(?:over|of)
 |(?:made|making|make|achieved|achieving)\s+(?:\w+\s+){0,2}?(?:gains?|advances?|progress)
 |(?:recently\s+|marginally\s+|reportedly\s+|likely\s+|also\s+)*(?:advanced|advancing|advance[sd]?)
 |gained\s+ground|gaining\s+ground|gained|regained\s+ground|regained|gains?
 |seized|seizing|seize|captured|capturing|capture\s+of|the\s+capture\s+of|seizure\s+of
 |(?:took|taking|taken)(?=\s+(?:the\s+)?(?:(?:\w+\s+)?(?:town|village|city|settlement|positions?)\b|(?-i:[A-Z])))
 |liberated|liberating|liberation\s+of|freed
 |(?<!\bin\s)(?<!\bof\s)(?<!\bthe\s)(?:occupied|cleared)(?=\s+(?:the\s+)?(?:(?:\w+\s+)?(?:village|town|city|settlement)\b|(?-i:[A-Z])))
 |cleared(?=\s+(?:the\s+)?(?:last\s+|remaining\s+)?(?:[\w-]+\s+){0,2}?(?:blocks|districts|neighbou?rhoods|microdistricts|parts|streets)\s+of\s+(?-i:[A-Z]))
 |recaptured|recapturing|retook|retaken|retaking
 |took\s+control\s+(?:over|of)|taken\s+control\s+(?:over|of)|taking\s+control\s+(?:over|of)|in\s+control\s+of|control\s+of
 |controlled|hold(?=\s+(?:most|half|part|\d))|held(?=\s+(?:most|half|part|\d))
 |(?:crossed|crossing|forced|forcing)\s+the\s+(?:[\w'’-]+\s+){1,3}?(?:River|river|reservoir|Reservoir|canal|Canal)
 |entered|entering|broke\s+into|broken\s+into|punched\s+(?:\w+\s+){0,6}?into|crossed\s+into
 |(?:crossed|crossing)\s+(?:the\s+)?(?:state\s+|international\s+)?(?:border|frontier)\s+into
 |""" + _EXPEL + r"""
 |pushed\s+(?:\w+\s+){0,3}?into|pushing\s+(?:\w+\s+){0,3}?into|pushed|pushing|push(?=\s+(?:into|north|south|east|west))
 |broke\s+through|broken\s+through|breakthrough
 |moved\s+forward|moving\s+forward|progressed|progress(?=\s+(?:along|on|in|near|toward|north|south|east|west))
 |reached\s+the\s+outskirts\s+of|reached|reaching|(?:are|were|is|was|now|already)\s+(?:\w+\s+)?on\s+the\s+outskirts\s+of(?=\s+\w)
 |surrounded|encircled|encircling|semi-encircled
 |(?:established|establishing|gained|gaining|secured|securing|won)\s+(?:a\s+|new\s+|several\s+)?(?:footholds?|bridgeheads?)
 |(?:established|establishing|secured|securing)\s+(?:new\s+|several\s+|some\s+)?positions
 |closing\s+in\s+on|expanded\s+(?:their|its)\s+(?:control|positions?)|expanding\s+(?:their|its)\s+(?:control|positions?)
 |(?:improved|bettered|improving)\s+(?:their|its)\s+(?:forward\s+|tactical\s+)?positions
 |rais(?:ed|ing)\s+(?:the|a|their)\s+(?:\w+(?:-\w+)*\s+)?flags?\s+(?:over|in)|hoist(?:ed|ing)\s+(?:the\s+|a\s+)?(?:\w+(?:-\w+)*\s+)?flags?\s+(?:over|in)
 |planted\s+(?:a|the|their)\s+flag|flag\s+went\s+up\s+over
 |flags?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:\w+\s+)?(?:raised|hoisted|planted)\s+(?:over|in|above|on)
 |blocked|blockaded|dug\s+in|cut\s+the\s+[\w–-]+\s+road|moving\s+freely\s+through
"""
# the footage trigger (_SHOWN) holds the forces it shows: they are its actor
SHOWS_FORCES = re.compile(r"(?:places|placed|shows?|showed|showing|show|depicts?|depicted|depicting)\b", I)
# "X came under repeated Russian assaults": an attack at the place before
_ATTACK_BACK = r"""
  (?:came|come|comes|coming)\s+under\s+(?:\w+\s+){0,3}?(?:attacks?|assaults?)
 |(?:is|are|was|were|been|remains?|remained|stays?|stayed)\s+under\s+(?:\w+\s+){0,3}?(?:attacks?|assaults?|siege)
"""
_ADV_BACK = r"""
  (?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|being)\s+(?:\w+\s+){0,2}?(?:liberated|captured|seized|taken|freed|surrounded|encircled|recaptured|retaken)
 |(?:declared|declares|declaring)\s+(?=(?-i:[A-Z]))(?:[\w'’-]+\s+){1,3}?(?:liberated|captured|taken)
 |(?:was|were|is|are)\s+(?:\w+\s+){0,2}?(?:in|under)\s+(?:Russian|Ukrainian)\s+(?:hands|control)
 |(?:had|has|have)\s+fallen|fell
 |(?:came|come|comes|coming|fell|falls)\s+under\s+(?:full\s+|complete\s+)?(?:Russian|Ukrainian)\s+control
 |(?<=\s)under\s+(?:full\s+|complete\s+)?(?:Russian|Ukrainian)\s+control
"""
_WITHDRAW = r"""
  lost\s+(?:full\s+|complete\s+)?control\s+(?:of|over)|withdrew\s+from|(?:complet|finish)(?:ed|es|ing)\s+(?:their|its|the)\s+withdrawal\s+from|withdrawn\s+(?:\w+\s+){0,2}?from|withdrawing\s+from|withdraw\s+from|pulled\s+(?:back|out)\s+(?:of|from)|pulling\s+(?:back|out)\s+(?:of|from)
 |retreated\s+from|retreating\s+from|retreats?\s+from|fall\s+back\s+from|pull\s+(?:back|out)\s+(?:of|from)
 |(?:was|were|been|being)\s+(?:\w+\s+)?(?:pushed|driven|forced|ousted|expelled|dislodged|knocked|thrown)\s+(?:back\s+|out\s+)?(?:from|out\s+of)
 |fled\s+from|fleeing\s+from|(?:fled|fleeing)(?=\s+(?-i:[A-Z]))
 |abandoned|abandoning|(?<!was\s)(?<!were\s)left(?=\s+(?-i:[A-Z]))|fall\s+back\s+in|fell\s+back\s+(?:in|from)
 |no\s+longer\s+(?:control|controls|controlled|hold|holds|held|occupy|occupies|occupied)
 |(?:could\s+not|couldn['’]t|cannot|can['’]t|did\s+not|didn['’]t|failed\s+to|unable\s+to)\s+(?:hold|keep|retain|defend)(?=\s+(?:on\s+to\s+)?(?-i:[A-Z]))
 |(?:leave|leaving|ceded|ceding|cede)(?=\s+(?:the\s+(?:town|city|village)\s+of\s+)?(?-i:[A-Z]))

"""
_ATTACK = r"""
  (?:ground\s+|mechanized\s+|infantry\s+|combined-arms,?\s+(?:mostly\s+infantry,?\s+)?)?(?:attacks?|assaults?|counterattacks?|counter-attacks?|offensive\s+operations|offensive\s+actions|offensive)
 |attacked|attacking|assaulted|assaulting|counterattacked|counterattacking|counteroffensive
 |fighting(?!\s+(?:vehicles?|machines?|positions|season|spirit|age)\b)|fought|clashes|clashed|battles?\s+for|battle(?=\s+(?:near|in|for))|combat(?=\s+(?:in|near))|engagements?
 |(?:trying|tried|attempting|attempted|attempts?|attempt)\s+to\s+(?:\w+\s+){0,2}?(?:advance|capture|seize|break\s+through|break\s+into|enter|push|encircle|take|storm|cross|reach|drive|win\s+back|regain|retake|recapture|restore|dislodge|oust|expel|envelop|outflank|bypass|cut\s+off)
 |failed\s+to\s+(?:\w+\s+){0,2}?(?:advance|capture|seize|drive|take|break)
 |pushing\s+(?:\w+\s+){0,2}?(?=toward|towards|in\s+the\s+direction)|pressing\s+(?:\w+\s+){0,2}?(?=toward|towards|on)|pushed\s+(?=toward|towards)
 |advancing\s+(?=toward|towards|on\s+(?-i:[A-Z]))|drive\s+(?=toward|towards)
 |(?:(?<=\bare\s)|(?<=\bis\s)|(?<=\bwere\s)|(?<=\bwas\s))moving\s+(?=toward|towards)
 |(?:focusing|concentrating|focused|concentrated)\s+(?:their|its)\s+(?:main\s+)?(?:efforts|attacks)
 |operation\s+to\s+encircle|hit\s+(?:Russian|Ukrainian)\s+(?:troops|forces|positions)
 |pressure(?=\s+(?:on|near|around|toward|towards|in)\s)
 |(?:main\s+)?thrusts?(?:\s+(?:aimed|directed))?|raids?|raided|kept\s+up|continued\s+(?:ground\s+)?(?:attacks|assaults)|storming|stormed
"""
_DEPLOY = r"""
  arrived\s+(?:in|at|to)|arrived\s+(?=(?:near|around|outside|close\s+to)\s)|arriving\s+(?:in|at)|arrive\s+in|have\s+arrived|has\s+arrived
 |deployed|deploying|deployment\s+(?:of\s+(?:[\w-]+,?\s+){0,6}?)?(?:(?:to|in)\b|(?=(?:near|around|at|outside)\b))|redeployed|redeploying|redeployment
 |stationed|based|quartered|housed|billeted|(?:re)?positioned|(?:set|setting|sets)\s+up\s+(?:\w+\s+)?(?:camps?|bases?|positions|field\s+camps?)|encamped|garrisoned|massed|massing|amass(?:ed|ing|es)?|accumulated|accumulating|entrenched|entrenching|concentrated|concentrating|concentrations?(?=\s+of\s)|build-?up|buildup|built\s+up
 |build(?:s|ing)?\s+up|forming|formed|defending|defend(?=s?\s+(?:in|near|around))
 |(?<=\bthe\s)front(?:\s*-?\s*lines?)?(?=\s+(?:in|near|around)\b)
 |trained|training|drilling|drilled|exercises?
 |rotated\s+(?=in(?:to)?\s)|rotating\s+(?=in(?:to)?\s)|reinforcing|reinforced(?!\s+(?:with|by|company|platoon|squad|battalion|brigade|regiment|companies|platoons|squads|battalions)\b)|reinforcements\s+(?:to|in)|(?<=\bto\s)(?:reinforce|strengthen|bolster)(?=\s)
 |(?:transferred|transferring|committed|committing|sent|sending|moved|moving|shifted|shifting|relocated|relocating|brought|bringing|redirected|poured|pouring|rushed|rushing|dispatched|dispatching|funnell?ed|funnell?ing|transported|transporting|ferried|ferrying|carried(?!\s+out\b)|carrying(?!\s+out\b)|shipped|shipping|airlifted|airlifting|flown|flew|bussed|integrated)(?!\s+(?:forward|up\b(?!\s+to\s+(?:\d|one|two|three|four|five|several|a\b|the\b(?!\s+(?:[\w-]+\s+)?(?:edge|outskirts|approaches|line|bank)))|\s+(?:(?:fresh|more|additional|new)\s+)?(?:reserves|reinforcements|troops|forces|units|equipment|manpower)\b)))\s+(?=(?:[\w'’,-]+\s+){0,12}?(?:to|into|in|toward|towards)\b)
 |heading\s+(?:to|toward)|(?:is|are|were|was)\s+(?:\w+\s+)?active|operating|present|holding(?=\s+(?-i:[A-Z]))|grouping\s+(?:\w+\s+){0,6}?sits|sits\s+(?:\w+\s+){0,4}?in
 |packing\s+(?:\w+\s+){0,3}?(?=around|near|in)
 |gathered|gathering|assembled|assembling|headquartered|(?:taken|took|taking)\s+up\s+positions
 |(?:maintains?|maintained|maintaining|keeps?|kept|keeping|retains?|retained|retaining|has|have|had|established|establishing|increased|increasing|built\s+up|building\s+up)\s+(?:a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?presence(?=\s+(?:[\w-]+\s+){0,5}?(?:in|near|at|around|along|on)\b)
 |(?:has|have|had|keeps?|kept|maintains?|maintained|retains?|fields?|fielded)\s+(?:an\s+estimated\s+|about\s+|around\s+|some\s+|up\s+to\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|at\s+least\s+)?\d[\d,.]*(?:\s+(?:thousand|million))?\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|servicemen|personnel|fighters|men)(?=\s+(?:\w+\s+){0,3}?(?:in|near|at|around|inside)\b)
 |regroup(?:ing|ed)(?=\s+(?:(?:its|their|the)\s+)?(?:(?:forces|troops|units|reserves)\s+)?(?:near|in|around|at)\s)
 |presence(?=\s+of\s)|contingents?(?=\s+(?:in|at|near|stationed|based|deployed)\b)
 |(?:been\s+)?(?:seen|spotted|sighted|observed)(?=\s+(?:(?!\w+ing\b)\w+\s+){0,2}?(?:in|near|at|around|close\s+to)\b)
 |(?:troops|soldiers|forces|units|personnel|servicemen)\s+(?:are|is|were|was)\s+(?:now\s+|already\s+|currently\s+|still\s+|reportedly\s+|also\s+)?(?=(?:in|inside|at)\s)
"""
# "the grouping near Pokrovsk numbers some 70,000 troops": the forces are where the subject is
_DEPLOY_BACK = r"""
  numbers?\s+(?:about\s+|around\s+|some\s+|up\s+to\s+|roughly\s+|nearly\s+|more\s+than\s+|over\s+|at\s+least\s+)?\d[\d,.]*(?:\s+(?:thousand|million))?\s+(?:troops|soldiers|servicemen|personnel|men|fighters)
"""
# verbs that carry forces somewhere: only their destination is a place of the deployment, and
# forces named as their object are the ones deployed ("Russia flew North Korean officers to X")
TRANSFER_VERB = re.compile(r"(?:transferr|committ|sen[dt]|mov|shift|relocat|br(?:ought|ing)|redirect|(?:re)?deploy|"
                           r"poured|rush|dispatch|transport|ferr|carr(?:ied|ying)|shipp|airlift|fl[eo]w)", re.I)
# "North Korean troops are now in Kursk Oblast": a third country's contingent is deployed where it
# is; a belligerent's forces "in" a contested town are a question of gain, which other cues decide
PRESENCE = re.compile(r"(?:troops|soldiers|forces|units|personnel|servicemen)\s+(?:are|is|were|was)\b", I)
THIRD_PARTIES = frozenset({"north_korea", "belarus"})
# imagery from orbit shows where forces stand, not ground they took
SATELLITE = re.compile(r"\b(?:satellite|Maxar|Planet\s+Labs)\b", I)

# a movement reported as done: "moved closer to X", "recently pushed toward X" are advances near X
_CLOSER = r"""
  (?:moved|advanced|edged|crept|inched|pushed|got|came|drew)\s+(?:(?:several|a\s+few|some|about|around|up\s+to|\d[\d,.]*|hundreds?|dozens?|tens?|of|a|few)\s+){0,4}(?:\w+\s+)?closer\s+(?=to\b)
"""
DONE_MOVEMENT = re.compile(r"(?:[\w,.]+\s+){0,6}closer\s*$|pushed\s*$", I)

# footage showing forces somewhere: the first set, so the forces and what they do ("shows troops
# operating in X") are one trigger, never a deployment verb inside it
_SHOWN = r"""
  (?:places|placed|shows?|showed|showing|show|depicts?|depicted|depicting)\s+(?:[\w'’-]+\s+){0,3}?(?:troops|soldiers|forces|fighters|servicemen|infantry(?:men)?|units|personnel|marines|paratroopers|(?:fighting\s+|armou?red\s+)?vehicles|tanks|armou?r|convoys?|columns?|assault\s+groups?|sappers|special\s+forces|Bradleys|Leopards|flags?)\s+(?:(?!(?:being\s+(?:driven|pushed|forced|repelled|repulsed|beaten|captured|taken|killed|hit|struck|shelled|attacked|targeted|destroyed|ambushed)|striking|attacking|shelling|assaulting|firing|hitting|bombing|storming|targeting|destroying|launching|dropping|retreating|fleeing|withdrawing|surrendering|abandoning)\b)[\w-]+ing\s+(?:(?!(?:in|on|near|at|around|outside|through|within|into)\b)[\w'’-]+\s+){0,4}?)?(?=(?:in|on|near|at|inside|entering|moving|around|outside|through|within|(?:north|south|east|west)[\w-]*)\b)
"""
TRIGGER_SETS = (
    ("advance", "fwd", _SHOWN),
    ("advance", "fwd", _CLOSER),
    ("advance", "back", _ADV_BACK),
    ("attack", "back", _ATTACK_BACK),
    ("advance", "withdraw", _WITHDRAW),
    ("attack", "fwd", _ATTACK),
    ("deployment", "back", _DEPLOY_BACK),
    ("deployment", "fwd", _DEPLOY),
    ("advance", "fwd", _ADV_FWD),
)
TRIGGERS = [(kind, mode, re.compile(r"(?<![\w-])(?:" + rx + r")(?:(?<=\s)|(?![\w-]))", re.X | I))
            for kind, mode, rx in TRIGGER_SETS]

# Where a trigger can start: the literal letters (up to six) every alternative of every trigger
# pattern begins with, read from the patterns themselves, so a new verb brings its start with it.
# Triggers are only tried at words starting so, not at every character of the text.
_START_LEN = 6


def _literal_starts(rx: str) -> set[str]:
    """The lowercase literal beginnings (a whitespace written as " ") a match of ``rx`` can have."""
    import re._constants as C
    import re._parser as sre

    def walk(items: list, acc: frozenset) -> set[str]:
        out = {a[:_START_LEN] for a in acc if len(a) >= _START_LEN}
        acc = frozenset(a for a in acc if len(a) < _START_LEN)
        if not acc:
            return out
        if not items:
            return out | acc
        (op, av), rest = items[0], items[1:]
        if op is C.LITERAL:
            return out | walk(rest, frozenset(a + chr(av).lower() for a in acc))
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the letters come after it
            return out | walk(rest, acc)
        if op is C.SUBPATTERN:
            return out | walk(list(av[-1]) + rest, acc)
        if op is C.BRANCH:
            for branch in av[1]:
                out |= walk(list(branch) + rest, acc)
            return out
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            if lo == 0:
                out |= walk(rest, acc)
            once = list(sub)
            if hi == C.MAXREPEAT or hi > 1:  # more repeats may follow: the start ends after one
                return out | walk(once, acc) if lo <= 1 else out | walk(once + [items[0]] + rest, acc)
            return out | walk(once + rest, acc)
        if op is C.IN:
            if any(k is C.CATEGORY and x is C.CATEGORY_SPACE for k, x in av):
                return out | walk(rest, frozenset(a + " " for a in acc))
            chars = {chr(x).lower() for k, x in av if k is C.LITERAL}
            if chars and len(chars) == len(av) <= 4:
                return out | walk(rest, frozenset(a + ch for a in acc for ch in chars))
        return out | acc  # anything else ends the literal start

    starts = walk(list(sre.parse(rx, re.X | I)), frozenset({""}))
    if "" in starts:
        raise ValueError(f"a trigger pattern may start with anything: {rx[:60]!r}")
    return starts


TRIGGER_PREFIXES = frozenset().union(*(_literal_starts(rx) for _, _, rx in TRIGGER_SETS))
TRIGGER_SHORT_WORDS = frozenset(("is", "on"))  # "is captured", "on the outskirts of"
# Auxiliaries start only passive triggers ("was captured", "is in Russian hands", "had fallen",
# "are on the outskirts"): tried only in sentences that have such a word.
AUX_WORDS = frozenset(("was ", "were ", "is ", "are ", "has ", "have ", "had ", "been ", "being ", "on ", "now ",
                       "alread"))
AUX_HINT_WORDS = ("liberated captured seized taken freed surrounded encircled recaptured retaken hands "
                  "control fallen outskirts active pushed driven forced ousted expelled dislodged knocked thrown arrived "
                  "troops soldiers servicemen personnel under presence").split()


def _trie(words) -> str:
    """An alternation of ``words`` factored by shared prefixes ("att(?:em|ac)" for "attem|attac").

    The regex engine tries a plain alternation's words one after another at every candidate
    position; factored, it follows one letter at a time, which halves the scan of a sentence.
    Where one word is a prefix of another the shorter is tried first, as in a sorted alternation.
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")??" if "" in node else body
    return emit(tree)


AUX_HINT = re.compile(_trie(AUX_HINT_WORDS))  # searched in lowercased text
# Candidate trigger words in lowercased text, found in one pass of the regex engine.
TRIGGER_START = re.compile(r"(?<![\w-])(?:" + _trie(TRIGGER_PREFIXES).replace("\\ ", r"\s") + ")")
# All trigger sets in one pattern, in priority order: one match attempt per candidate word.
TRIGGER_ANY = re.compile("|".join(f"(?P<t{i}>(?<![\\w-])(?:{rx})(?:(?<=\\s)|(?![\\w-])))"
                                  for i, (_, _, rx) in enumerate(TRIGGER_SETS)), re.X | I)

# Default relation for a place directly after a verb ("seized Krasna Hora").
BARE_RELATION = [
    # "pushed them back from X": X's surroundings ("pulled back from X" is a withdrawal from X itself)
    (re.compile(r"^(?:push|driv|drov|forc|knock|threw|thrown).*\b(?:back|away)\s+from$", I), "near"),
    (re.compile(r"enter|into|broke|broken|punched|crossed", I), "into"),
    (re.compile(r"surround|encircl", I), "around"),
    (re.compile(r"reached\s+the\s+outskirts|on\s+the\s+outskirts", I), "outskirts of"),
    (re.compile(r"closing|thrust|aimed", I), "toward"),
    (re.compile(r"(?:for|against)$", I), "on"),
    (re.compile(r"reach", I), "near"),
    (re.compile(r"^(?:trying|tried|attempting|attempted|attempts?|failed)", I), "near"),
    # "stormed Stepnohirsk": the assault is on the place itself
    (re.compile(r"^storm", I), "in"),
]

# --- relations before a place -----------------------------------------------------
_COMPASS = r"(?:north|south|east|west)(?:[- ]?(?:north|south|east|west))?(?:[- ]?(?:east|west))?"
COMPASS_WORD = re.compile(r"^" + _COMPASS + r"$", I)
# Relation phrase at the END of the text between a trigger/previous place and a place name.
RELATION = re.compile(
    r"(?:(?P<compass>(?:(?:to\s+the\s+|just\s+|directly\s+|further\s+|farther\s+)?" + _COMPASS +
    r"(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+))*(?:to\s+the\s+|just\s+|directly\s+|further\s+|farther\s+)?" + _COMPASS + r")\s+of"
    r"|(?P<outskirts>(?:on\s+|to\s+|reached\s+|entered\s+)?(?:the\s+)?(?:\w+\s+)?(?:outskirts|outer\s+districts|approaches)\s+(?:of|to))"
    r"|(?P<vicinity>(?:in\s+)?the\s+(?:immediate\s+)?vicinity\s+of|in\s+the\s+areas?\s+of|around|near|nearby|close\s+to|outside|next\s+to|by)"
    r"|(?P<direction>in\s+the\s+direction\s+of|toward|towards|on\s+the\s+approach(?:es)?\s+to|aimed\s+at|directed\s+at)"
    r"|(?P<prep>out\s+of|into|inside|within|in|on|at|to|through|throughout|across|along|of|against|for|from|beyond|past|between|over|under)"
    r")\s+(?:the\s+)?(?P<mods>(?:(?:small|large|key|strategic|strategically|important|border|frontline|front-line|"
    r"coal-mining|mining|industrial|southern|northern|eastern|western|central|southeastern|southwestern|"
    r"northeastern|northwestern|northern|remaining|entire|whole|occupied|Ukrainian-held|Russian-held|"
    r"Russian-occupied|nearby|neighboring|neighbouring|fields|wooded|areas?|positions?|settlements?|"
    r"villages?|village|towns?|cities|city|settlement|part|parts|most|half|much|rest|of|the|a|an|"
    r"remainder|several|streets?|street|districts?|neighborhoods?|microdistricts?|residential|"
    r"direction|area|zone|region|suburbs?|dacha|outskirts|(?:russia|ukraine|belarus)['’]s|"
    # "in central and northern Vuhledar"
    r"and(?=\s+(?:central|(?:north|south)?(?:east|west)?ern|northern|southern)\s))\s+){0,5})$",
    I)
# A place name preceded only by joiners continues the list of the previous place.
JOINER = re.compile(r"^\s*(?:itself\s*|proper\s*|city\s*)?(?:,\s*|;\s*(?:and\s+)?|,?\s+and\s+|,?\s+or\s+|,?\s+as\s+well\s+as\s+|\s*&\s*|,?\s+and\s+also\s+|,?\s+together\s+with\s+|/|–|-)?\s*(?:the\s+)?$", I)
# A distance phrase makes what follows a yardstick, not an event place.
DISTANCE = re.compile(r"(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|thirty|"
                      r"forty|fifty|sixty|seventy|eighty|ninety|several|a\s+few|few|hundred)[\s-]*"
                      r"(?:\w+\s+)?(?:kilometers?|kilometres?|km|kms|miles?|meters?|metres?|m)\b", I)
# "in the Tyotkino area": the place's surroundings
AREA_SUFFIX = re.compile(r"^\s+(?:area|areas|environs)\b", I)
DIRECTION_SUFFIX = re.compile(r"^\s*(?:and\s+(?-i:[A-Z])[\w'’ -]*?\s+)?(?:directions?|axis|axes|sector|sectors|front|salient)\b", I)

# --- status, claims, negation, forecast -----------------------------------------
FOOTAGE = re.compile(
    r"\b(?:geolocated|geolocation|footage|videos?|video\s+footage|clips?|images|imagery|photos?|"
    r"photographs?|combat\s+footage|visual\s+(?:confirmation|evidence)|confirmed\s+(?:\w+\s+)?(?:advances?|gains?)|"
    r"ISW\s+(?:has\s+)?confirmed|confirms?)\b", I)
UNCONFIRMED = re.compile(
    r"\b(?:(?:has|have)\s+not\s+(?:yet\s+)?(?:observed|seen)\s+(?:\w+\s+)?confirmation|could\s+not\s+(?:verify|confirm)|"
    r"cannot\s+(?:verify|confirm)|not\s+(?:yet\s+)?(?:been\s+)?(?:verified|confirmed)|unconfirmed|unverified|"
    r"no\s+(?:visual\s+)?confirmation)\b", I)
CLAIM_VERB = re.compile(
    r"(?<![\w-])(?:claimed|claims|claim|claiming|said|says|saying|announced|announces|announcing|reported|reports|reporting|"
    r"stated|states|declared|declares|asserted|asserts|insisted|insists|acknowledged|acknowledges|admitted|admits|conceded|concedes|conceding|"
    r"wrote|writes|writing|told|tells|added|adds|adding|noted|notes|noting|stating|asserting|insisting|acknowledging|admitting|alleged|alleges|boasted|suggested|indicated|indicates|"
    r"showed|shows|show|showing|assessed|assesses|judged|believes|published|posted|"
    r"congratulated|as\s+(?:confirmed|shown|seen|reported)\s+(?:by|in)|confirmed|confirms|according\s+to|citing|"
    r"per|expressing|expressed|"
    r"complained|complaining|lamented|warned|warning|alleging|boasting)(?![\w-])", I)
# Subjects whose statements are the report's own assessment.
OWN_VOICE = re.compile(r"\b(?:ISW|Institute\s+for\s+the\s+Study\s+of\s+War|the\s+report|this\s+report|the\s+assessment|"
                       r"ISW['’]s|we|CTP|Critical\s+Threats)\b", I)
NEGATION = re.compile(
    r"(?<![\w-])(?:not|no|never|n't|without|neither|nor|nothing|none|failed\s+to|unable\s+to|denied|deny|denies|"
    r"false|unsuccessful(?:ly)?|did\s+not|have\s+not|has\s+not|had\s+not|no\s+longer|refuted|dismissed|rejected|rejects|rejecting)(?![\w-])", I)
# prepositions of time or comparison: "the biggest gain since Bakhmut", "faster than at Bakhmut"
# place nothing there (read by the rules' place linking and by the parse)
NOT_LOCATIVE_WORDS = ("since", "until", "till", "than", "unlike", "like", "except", "besides")
# negators that negate nothing: "not only captured X but also", "not far from X", "no doubt"
NOT_NEGATING = re.compile(r"(?<![\w-])(?:not\s+only|not\s+just|not\s+merely|not\s+far|no\s+doubt|no\s+fewer|"
                          r"no\s+less|no\s+more\s+than|not\s+least|no\s+sooner)(?![\w-])", I)
FORECAST = re.compile(
    r"(?<![\w-])(?:will|would|could|might|shall|should|(?:(?-i:may)|can)(?!\s+\d)(?!\s+(?:already\s+)?have\b)|"  # ("in May" is the month)
    r"expects?|expected|expecting|likely\s+to|unlikely|intends?|intended|intention|intentions|plans?\s+to|planning|planned|"
    r"prepar(?:es|ed|ing)\s+(?:to|for)|gearing\s+up|aims?\s+to|aimed\s+to|aiming|hopes?\s+to|hoped|hoping|goal|objective|"
    r"possibility|possibly|potential(?:ly)?|next\s+targets?|in\s+the\s+coming|ahead\s+of|before\s+long|forecasts?|"
    r"forecasted|predicts?|predicted|warned|threaten(?:s|ed)?\s+to|seeks?\s+to|sought\s+to|wants?\s+to|"
    r"intend|if|unless|whether|order(?:ed|s)?\s+to|tasked\s+with|seeking\s+to|to\s+try\s+to|in\s+order\s+to|"
    r"meant\s+to|designed\s+to|so\s+that|purpose)(?![\w-])", I)
# "trying to advance" is an attack; "to advance" alone is an intention.
ATTEMPT = re.compile(r"(?:trying|tried|attempting|attempted|attempts?|attempt|struggling|struggled)\s+to\s*$", I)
# "continued to advance toward X": the movement goes on, and is reported as made
CONTINUED = re.compile(r"(?:continu(?:e|es|ed|ing)|kept|keeps?|keeping)\s+to\s*$", I)
# "trying to cross the border and gain a foothold": the second verb is part of the effort
ATTEMPT_AND = re.compile(r"(?:trying|tried|attempting|attempted|attempts?|seeking|sought|struggling|struggled)\s+to\s+"
                         r"\w+(?:\s+[\w'’-]+){0,6}?\s+(?:and|or)\s+(?:to\s+)?$", I)
# "infiltration groups entered X but did not change control": no ground changed hands
NO_CONTROL_CHANGE = re.compile(r"\b(?:(?:did|does|do|has|have|had)\s+not\s+(?:\w+\s+)?chang\w*\s+(?:the\s+)?control|"
                               r"without\s+changing\s+(?:the\s+)?control|no\s+change\s+(?:of|in)\s+control|"
                               r"infiltration\s+(?:groups?|missions?|attempts?|teams?))\b", I)
INFINITIVE = re.compile(r"(?<![\w-])to\s*$", I)
STRIKE = re.compile(r"(?<![\w-])(?:strikes?|struck|striking|shelling|shelled|missiles?|drones?|glide\s+bombs?|bombs?|"
                    r"bombing|bombed|airstrikes?|HIMARS|artillery\s+fire|hit\s+(?!Russian|Ukrainian))(?![\w-])", I)

# --- clause breaks -----------------------------------------------------------------
BREAK = re.compile(
    r";(?!\s*(?:and\s+)?(?:(?:north|south|east|west)\w*\s+of|near|in\s+(?:the\s+)?(?-i:[A-Z])|toward)\b)(?!\s*(?:and\s+)?(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:training\s+ground|range|polygon|base)\b)"
    r"|,\s+(?:while|whereas|but|though|although|where|which|who|as|after|before|when|since|because|amid|despite|yet)\b"
    r"|,\s+(?=(?:[\w'’.-]+\s+){0,5}?(?:said|says|reported|reports|claimed|claims|stated|states|announced|told|"
    r"added|noted|wrote|assessed|according)\b)"
    r"|\s+(?:while|whereas|but|although|though|yet|after|amid|despite|because|following|during|before)\s+"
    # "massing near X ahead of a push toward Y": what the forces are for is another clause
    r"|\s+(?=(?:ahead\s+of|in\s+preparation\s+for|in\s+anticipation\s+of)\s)"
    # "maintains a presence in X, conducts sabotage and shells settlements in Y": a new predicate
    r"|(?:,\s+(?:and\s+)?|\s+and\s+)(?=(?:shells|shelled|shelling|bombards|bombarded|bombed|strikes|struck|"
    r"fires|fired|conducts|conducted)\b)"
    r"|,\s+and\s+(?=(?:\w+\s+){0,4}?(?:said|claimed|reported|announced|stated|wrote|added|noted|acknowledged|"
    r"is|are|was|were|has|have|had|did|do|does|may|might|will|would|could)\b)"
    r"|,\s+and\s+(?=(?:they|it|he|she|we|the\s+Russians|the\s+Ukrainians)\b)"
    r"|,\s+and\s+(?=(?:[\w-]+\s+){0,2}?(?:footage|videos?|imagery|images|photos?)\b)"
    r"|,\s+and\s+(?=(?:the\s+|a\s+)?(?:Russian|Ukrainian|North\s+Korean|Belarusian|Russia['’]s|Ukraine['’]s)\s+(?!and\b)\w+)"
    r"|,?\s+(?:adding|saying|noting|claiming|stating|arguing|insisting|warning)\b"
    r"|\s+(?=(?:in\s+order\s+|so\s+as\s+)?to\s+(?:keep|prevent|stop|avoid|ensure|allow|help|support|protect|defend|"
    r"use|pull|carve|widen|escape|relieve|replenish|rest|rotate|reinforce)\b)"
    r"|\s+and\s+(?=(?:that|they|he|she|it)\b)"
    r"|\s+[–—]\s+|\s+--\s+|:\s+|\(|\)", I)

# --- place names -------------------------------------------------------------------
# Latin and Cyrillic: reports write "near Торецк" or "(Покровськ)" inside English text
_UP = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎ]"
_LO = r"[a-zß-öø-ÿā-žа-яёіїєґўʼ'’]"
_WORD = _UP + _LO + r"*(?:" + _UP + _LO + r"+)*(?:[-‑]" + r"[A-Za-zÀ-ÿ]" + _LO + r"*)*"
NAME = re.compile(
    # an opening quote may precede a name ("'Urozhaine has been liberated,' ..."); a letter and an
    # apostrophe may not ("d'Urville", "Russia's")
    r"(?<![\w-])(?<!\w['’])(?=[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎ])(?:Republic\s+of\s+(?:the\s+)?" + _WORD + r"(?:\s+" + _WORD + r")?"
    r"|" + _WORD + r"(?:\s+(?:" + _WORD + r"|People['’]s|na-Donu))*"
    r")(?:['’]s(?![\w]))?")
TG_HINT = re.compile(r"training|range|polygon|proving", I)
REGION_WORD = re.compile(r"\b(?:Oblasts?|Krai|Kray|Raion|Republic|Okrug|Oblast['’]s|region|oblast|krai|raion|district)$")
# Training grounds named in reports: "the Baranovsky military training ground in Ussuriysk".
TRAINING_GROUND = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<tg>(?:\d+(?:st|nd|rd|th)|" + _WORD + r")(?:\s+" + _WORD + r")*"
    r"(?:\s+(?:combined[- ]arms|military|tank|artillery|army))*\s+(?:training\s+(?:ground|range|area|center|centre)|range|polygon|proving\s+ground))", )

# Capitalised words that are not places (checked per word of a name).
NOT_PLACE_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
sunday isw ctp gur sbu mod mvd fsb gru tass ria nato eu un us usa uk bbc cnn afp ap reuters
ministry defense defence staff general generals president minister institute center centre service
services directorate office council duma kremlin command commander forces force group grouping army
corps brigade division regiment battalion guard guards legion agency intelligence government
administration parliament verkhovna rada street avenue river reservoir forest plant highway road
bridge declaration summit agreement operation operations telegram deepstate deepstatemap channel
media news post times journal war study campaign assessment key takeaways takeaway front
spokesperson spokesman head chief governor mayor colonel lieutenant captain major gen col lt
the a an in on at of and or but for to from with by as if it its this that these those there
according geolocated footage russian ukrainian russians ukrainians russia ukraine belarus
belarusian north korean korea koreans moscow kyiv kiev america american western west east
western europe european china chinese iran iranian syria turkey ssr soviet union federation he she
they we i while after before since during other some many several most one two three
over overnight throughout despite amid until
unspecified meanwhile however also still yet additionally separately notably today yesterday
mount airborne vdv hajun bars storm z akhmat wagner rosgvardia mobilized special private
navy naval fleet black sea air space aerospace missile missiles spetsnaz marines infantry
wargonzo rybar readovka colonelcassad podolyaka poddubny kotenok
eastern group southern northern videos video footage images photos satellite khortytsia tavria pivnich sumy-kursk border guard
""".split())
# Whole names that are countries or theatres, never event places in this genre.
NOT_PLACES = frozenset({"ukraine", "russia", "belarus", "europe", "donbas", "donbass", "north korea",
                        "the west", "south korea", "china", "iran", "moldova", "georgia", "kazakhstan",
                        "poland", "transnistria", "novorossiya", "russian federation"})
SENTENCE_STARTERS = frozenset("""the a an in on at according geolocated footage russian ukrainian
meanwhile however also additionally separately notably while after before since during if as
some several many other one two three this that these those there it its he she they we
recently reportedly further elsewhere near around south north east west earlier later
over overnight throughout despite amid until""".split())
