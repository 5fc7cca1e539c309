"""Report language beyond the dev set: expulsions, footholds, passive withdrawals, unit names,
claimant names, quoted first-person statements. Sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from tracker.extract import extract_mentions

DATE = "2024-11-20"


def facts(text: str, date: str = DATE) -> set[tuple]:
    return {(m.side, m.kind, m.place, m.relation) for m in extract_mentions(text, date)}


def claims(text: str, date: str = DATE) -> set[tuple]:
    return {(m.side, m.place, m.status, m.claimant) for m in extract_mentions(text, date) if m.kind == "advance"}


# --- expulsions and withdrawals: who gains ---------------------------------------------
@pytest.mark.parametrize("text, side, place, rel", [
    ("Ukrainian defenders drove Russian troops from Hlyboke last week.", "ukraine", "Hlyboke", "in"),
    ("Russian forces pushed Ukrainian units back from Ivanivka.", "russia", "Ivanivka", "near"),
    ("Ukrainian forces pushed the Russians out of Vremivka.", "ukraine", "Vremivka", "in"),
    ("Russian assault groups ousted the Ukrainian garrison from Pishchane.", "russia", "Pishchane", "in"),
    ("Russian forces were pushed out of Tykhe, a Ukrainian spokesperson said.", "ukraine", "Tykhe", "in"),
    ("Ukrainian troops were forced to retreat from Solodke.", "russia", "Solodke", "in"),
    ("Russian forces abandoned Kozatske on Tuesday.", "ukraine", "Kozatske", "in"),
])
def test_the_side_that_expels_or_stays_gains_the_place(text, side, place, rel):
    assert facts(text) == {(side, "advance", place, rel)}


def test_pushing_from_a_direction_toward_a_place_is_still_an_attack():
    assert facts("Russian forces are pushing from the south toward Bohatyr.") == {
        ("russia", "attack", "Bohatyr", "toward")}


def test_a_foothold_is_ground_gained():
    assert facts("Ukrainian marines secured a foothold near Dnipriany.") == {
        ("ukraine", "advance", "Dnipriany", "near")}


def test_trying_to_break_into_a_place_is_an_attack():
    assert facts("Russian forces are trying to break into Siversk from the east.") == {
        ("russia", "attack", "Siversk", "into")}


# --- deployments ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, place, rel", [
    ("Elements of the Russian 71st Motorized Rifle Regiment are stationed in Oleshky.", "Oleshky", "in"),
    ("The Russian 20th Combined Arms Army was reportedly redeployed from the Lyman direction to Svatove.",
     "Svatove", "to"),
    ("Russian forces have accumulated reserves near Polohy.", "Polohy", "near"),
    ("Russia transferred up to 3,000 troops to Belgorod Oblast.", "Belgorod Oblast", "to"),
])
def test_deployments_of_named_units_and_new_verbs(text, place, rel):
    assert facts(text) == {("russia", "deployment", place, rel)}



# --- status and claimant ---------------------------------------------------------------------
@pytest.mark.parametrize("text, claimant", [
    ("The Russian Ministry of Defense (MoD) stated that Russian forces took Tykhe.", "Russian Defense Ministry"),
    ("Russia's Ministry of Defence (MoD) claimed the seizure of Tykhe, saying Russian forces captured Tykhe.",
     "Russian Defense Ministry"),
    ("Kremlin-appointed governor assistant Ivan Petrenko claimed that Russian forces captured Tykhe.",
     "Ivan Petrenko"),
    ("Russian MoD spokesman Petro Sydorenko said that Russian forces liberated Tykhe.", "Russian Defense Ministry"),
    ("Oleh Kravets, a spokesperson for Ukraine's Tavria Group of Forces, said Russian forces entered Tykhe.",
     "Ukrainian Tavria Group of Forces spokesperson"),
    ("A spokesperson for Ukraine's 3rd Army Corps said that Russian troops captured Tykhe.",
     "Ukrainian 3rd Army Corps spokesperson"),
    ("Russia's Defense Ministry declared Tykhe liberated on Monday.", "Russian Defense Ministry"),
])
def test_claimants_are_named_as_the_speaking_body_or_person(text, claimant):
    assert {(c[2], c[3]) for c in claims(text)} == {("claimed", claimant)}


def test_a_confirmed_advance_in_the_verb_phrase_is_confirmed_unless_someone_else_claims_it():
    assert claims("Russian forces made confirmed gains near Druzhba on November 19.") == {
        ("russia", "Druzhba", "confirmed", None)}
    assert claims("Russian milbloggers claimed that Russian forces made confirmed advances near Druzhba.") == {
        ("russia", "Druzhba", "claimed", "Russian milbloggers")}


def test_a_participle_reports_for_the_main_speaker():
    got = claims("The Russian MoD claimed the seizure of Tykhe on Sunday, adding that Russian forces also "
                 "captured Druzhba.")
    assert got == {("russia", "Tykhe", "claimed", "Russian Defense Ministry"),
                   ("russia", "Druzhba", "claimed", "Russian Defense Ministry")}


# --- who acts --------------------------------------------------------------------------------
def test_first_person_quotes_take_the_side_of_the_speaker_named_after_them():
    assert claims("'Our assault units have liberated Druzhba,' the Russian Defense Ministry said.") == {
        ("russia", "Druzhba", "claimed", "Russian Defense Ministry")}
    assert claims('"Our troops drove the enemy out of Druzhba," a Ukrainian brigade spokesperson said.') == {
        ("ukraine", "Druzhba", "claimed", "Ukrainian brigade spokesperson")}


@pytest.mark.parametrize("text", [
    "North Korean and Russian units attacked near Plekhovo.",
    "Russian forces and North Korean troops assaulted positions near Plekhovo.",
    "Ukrainian forces repelled Russian and North Korean assaults near Plekhovo.",
])
def test_coordinated_attackers_each_attack(text):
    assert facts(text) == {("russia", "attack", "Plekhovo", "near"), ("north_korea", "attack", "Plekhovo", "near")}


def test_a_settlement_after_a_region_narrows_the_event_rather_than_locating_it():
    assert facts("Ukrainian forces advanced into Belgorod Oblast near Kozinka.") == {
        ("ukraine", "advance", "Belgorod Oblast", "into"), ("ukraine", "advance", "Kozinka", "near")}
    # after a settlement, a second one only says where the first lies
    assert facts("Russian forces seized Tykhe, near Druzhba.") == {("russia", "advance", "Tykhe", "in")}


# --- batch-B language: areas, river crossings, flight, entrenchment, commitment ------------------
@pytest.mark.parametrize("text, expected", [
    ("Russian units are operating in the Siversk area.", ("russia", "deployment", "Siversk", "near")),
    ("Ukrainian forces counterattacked in the Tyotkino area.", ("ukraine", "attack", "Tyotkino", "near")),
    ("Russian forces forced the Oskil River near Kruhliakivka.", ("russia", "advance", "Kruhliakivka", "near")),
    ("Ukrainian marines crossed the Dnipro River near Korsunka.", ("ukraine", "advance", "Korsunka", "near")),
    ("Russian troops fled Kozatske as Ukrainian units closed in.", ("ukraine", "advance", "Kozatske", "in")),
    ("Ukrainian troops are entrenched in the northern part of Siversk.", ("ukraine", "deployment", "Siversk", "in")),
    ("The Russian command committed two regiments to the Siversk direction.",
     ("russia", "deployment", "Siversk", "direction")),
    ("Ukrainian forces regained control over part of Bohatyr, west of Kurakhove.",
     ("ukraine", "advance", "Bohatyr", "in")),
])
def test_more_report_verbs(text, expected):
    assert facts(text) == {expected}


def test_a_map_update_is_credited_to_whoever_updated_it():
    assert claims("DeepState updated its map to show Russian advances near Druzhba.") == {
        ("russia", "Druzhba", "claimed", "DeepState")}


# --- sides the frame implies (tracker/extract/implied.py) -------------------------------
@pytest.mark.parametrize("text, expected", [
    # attacks a subject repels or suffers are the other side's
    ("Ukrainian defenders repelled nine enemy assaults near Hryhorivka and four near Zelene Pole.",
     {("russia", "attack", "Hryhorivka", "near"), ("russia", "attack", "Zelene Pole", "near")}),
    ("Russian troops fended off two attacks near Tetkino, a Russian milblogger wrote.",
     {("ukraine", "attack", "Tetkino", "near")}),
    ("Ukrainian positions near Dyliivka came under heavy Russian assaults overnight.",
     {("russia", "attack", "Dyliivka", "near")}),
    # "the enemy" is Russia in Ukrainian statements and Ukraine when a Russian source speaks
    ("The enemy conducted 11 assaults near Bilohorivka, the General Staff reported.",
     {("russia", "attack", "Bilohorivka", "near")}),
    ("The enemy attacked near Tyotkino three times, the Russian Defense Ministry claimed.",
     {("ukraine", "attack", "Tyotkino", "near")}),
    # a force joining another's assaults attacks too
    ("North Korean units took part in Russian assaults near Plekhovo.",
     {("north_korea", "attack", "Plekhovo", "near"), ("russia", "attack", "Plekhovo", "near")}),
])
def test_attack_sides_the_frame_implies(text, expected):
    assert facts(text) == expected


def test_a_passive_liberation_with_no_agent_is_the_speakers_sides_gain():
    assert claims("Ivanivske has been liberated, the Russian Defence Ministry said.") == {
        ("russia", "Ivanivske", "claimed", "Russian Defense Ministry")}


def test_a_map_putting_a_place_under_control_is_a_gain_but_a_place_merely_held_is_not():
    assert claims("DeepState's map now shows Zoryane under Russian control.") == {
        ("russia", "Zoryane", "claimed", "DeepState")}
    assert facts("Lyman remains under Ukrainian control despite daily assaults.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Ukrainian forces completed their withdrawal from Krynky, a Ukrainian spokesperson said.",
     {("russia", "advance", "Krynky", "in")}),
    ("Ukrainian marines established positions near Poima on the left bank.",
     {("ukraine", "advance", "Poima", "near")}),
    ("Fighters of the Russian Volunteer Corps carried out a raid near Zhuravlevka.",
     {("ukraine", "attack", "Zhuravlevka", "near")}),
    ("Russian reinforcements arrived near Tokmak last week.", {("russia", "deployment", "Tokmak", "near")}),
    ("Kyiv rejected claims that Russian forces had captured Stepnohirsk.", set()),
])
def test_more_wordings_of_gains_attacks_and_deployments(text, expected):
    assert facts(text) == expected


def test_claimants_in_british_spelling_and_a_bare_general_staff_are_normalised():
    assert claims("Russian troops took Novoselivka, Russia's defence ministry said.") == {
        ("russia", "Novoselivka", "claimed", "Russian Defense Ministry")}
    assert claims("Ukrainian troops pulled back from positions near Hlyboke, the General Staff said.") == {
        ("russia", "Hlyboke", "claimed", "Ukrainian General Staff")}


def test_a_region_in_an_appositive_only_locates_the_place():
    assert facts("Russia said it had captured Kurakhove, a town in the Donetsk region.") == {
        ("russia", "advance", "Kurakhove", "in")}


# --- past months and years date the event ----------------------------------------------
def _dates(text: str, date: str) -> dict[str, tuple[str, str]]:
    return {m.place: (m.event_date, m.date_precision) for m in extract_mentions(text, date)}


def test_an_event_dated_by_a_past_month_is_dated_by_that_month_not_the_report():
    got = _dates("Russian forces seized Bakhmut in May 2023 and Avdiivka in February 2024 and have since "
                 "advanced toward Pokrovsk.", "2025-04-15")
    assert got == {"Bakhmut": ("2023-05-31", "before"), "Avdiivka": ("2024-02-29", "before"),
                   "Pokrovsk": ("2025-04-15", "before")}


@pytest.mark.parametrize("text, expected", [
    ("In October 2024, Russian forces captured Vuhledar.", ("2024-10-31", "before")),
    ("Russian forces captured Vuhledar on October 1, 2024.", ("2024-10-01", "day")),
    ("Russian forces captured Vuhledar in 2024.", ("2024-12-31", "before")),
    # a month still running at the report date is bounded by the report itself
    ("Russian forces captured Vuhledar in April 2025.", ("2025-04-15", "before")),
    # "since" opens a period that runs up to the report
    ("Russian forces have advanced near Vuhledar since October 2024.", ("2025-04-15", "before")),
])
def test_month_year_and_day_dates(text, expected):
    assert _dates(text, "2025-04-15")["Vuhledar"] == expected


# --- fighting with no named attacker (batch E's language) ------------------------------------
@pytest.mark.parametrize("text, side, place", [
    # a source reporting clashes reports the other side's attacks
    ("Ukraine's General Staff counted 17 clashes near Zalizne on Monday.", "russia", "Zalizne"),
    ("Russian war bloggers reported heavy fighting near Malaya Loknya.", "ukraine", "Malaya Loknya"),
    # the forces the fighting is "with"
    ("Combat engagements with Russian troops continued near Druzhba, the General Staff said.", "russia", "Druzhba"),
    # the forces pressing in a following "where" or "with" clause
    ("Fierce fighting goes on near Tykhe, where Russian units are trying to cross the river.", "russia", "Tykhe"),
    ("Fighting continues for Pishchane, with Ukrainian units counterattacking from the west.", "ukraine",
     "Pishchane"),
])
def test_fighting_takes_its_side_from_the_party_or_the_source(text, side, place):
    got = facts(text)
    assert {(s, p) for s, k, p, _ in got if k == "attack"} == {(side, place)}


def test_a_named_subject_still_decides_who_fights():
    assert facts("Ukrainian troops clashed with Russian forces near Zalizne.") == {
        ("ukraine", "attack", "Zalizne", "near")}


@pytest.mark.parametrize("text", [
    "Russian assault groups attempted to infiltrate Ukrainian positions near Druzhba.",
    "Small Russian assault teams slipped into Pishchane, the brigade said.",
])
def test_assault_groups_name_a_unit_not_an_attack(text):
    assert not [f for f in facts(text) if f[1] == "attack"]


def test_an_attack_before_assault_groups_keeps_its_place():
    assert facts("Russian forces repelled three attacks by Ukrainian assault groups near Tetkino.") == {
        ("ukraine", "attack", "Tetkino", "near")}


@pytest.mark.parametrize("text, place, rel", [
    ("Russian troops stormed Druzhba twice on Sunday.", "Druzhba", "in"),
    ("Russian forces conducted offensive actions in the areas of Zalizne and Druzhba.", "Zalizne", "near"),
])
def test_attack_relations(text, place, rel):
    assert ("russia", "attack", place, rel) in facts(text)


def test_reserves_brought_to_an_area_are_near_it():
    assert facts("Russia brought fresh reserves to the Zalizne area, a Ukrainian spokesperson said.") == {
        ("russia", "deployment", "Zalizne", "near")}


def test_a_hedged_gain_attributed_to_a_named_source_is_that_sources_claim():
    assert claims("Russian forces have highly likely captured Druzhba, UK Defence Intelligence said.") == {
        ("russia", "Druzhba", "claimed", "UK Defence Intelligence")}
    assert claims("Russian forces have likely captured Druzhba.") == {("russia", "Druzhba", "assessed", None)}
