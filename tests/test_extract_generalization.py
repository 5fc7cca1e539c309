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

