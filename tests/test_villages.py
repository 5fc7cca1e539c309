"""Villages below cities500, raions and Russian districts (the KATOTTG settlement layer), and
context that vetoes a confident wrong namesake. Real index, real codifier, no mocks."""
from __future__ import annotations

import pytest

from gazetteer.distance import haversine_km
from tracker import extract_events

# Where these places really are (approximate centres, from maps): the layer must hold them
# inside its stated radius, and the extraction must not place them at a namesake elsewhere.
KLISHCHIIVKA = (48.53, 37.96)
TORETSK = (48.39, 37.85)
AVDIIVKA = (48.14, 37.75)
POKROVSK = (48.28, 37.18)
SUDZHA = (51.19, 35.27)
POLOHY = (47.48, 36.25)


def _events(text: str, gazetteer) -> dict:
    return {e.place: e for e in extract_events(text, "2024-11-20", gazetteer=gazetteer)}


def test_a_village_below_cities500_is_placed_by_its_hromada_with_an_honest_radius(gazetteer):
    (m, *_) = gazetteer.lookup("Klishchiivka")
    p = m.place
    assert (p.country, p.admin1, p.kind, p.precision) == ("UA", "Donetsk Oblast", "settlement", "hromada")
    assert p.id.startswith("katottg:") and "KATOTTG" in p.source and "hromada" in p.source
    assert "Кліщіївка" in p.variants
    assert haversine_km(p.lat, p.lon, *KLISHCHIIVKA) <= p.radius_km


@pytest.mark.parametrize("spelling, region, name, admin1", [
    ("Kleshcheevka", "Donetsk Oblast", "Klishchiivka", "Donetsk Oblast"),  # Russian spelling (skeleton)
    ("Rabotino", "Zaporizhzhia Oblast", "Robotyne", "Zaporizhzhia Oblast"),
    ("Кліщіївка", None, "Klishchiivka", "Donetsk Oblast"),                 # Ukrainian Cyrillic
    ("Nevelske", "Donetsk Oblast", "Nevelske", "Donetsk Oblast"),          # was Nevelsk on Sakhalin
    ("Druzhba", "Donetsk Oblast", "Druzhba", "Donetsk Oblast"),            # was Moscow Oblast's
    ("Berdychi", "Donetsk Oblast", "Berdychi", "Donetsk Oblast"),          # was Berdychiv
])
def test_spellings_and_namesakes_within_the_given_oblast(gazetteer, spelling, region, name, admin1):
    p = gazetteer.lookup(spelling, region=region)[0].place
    assert (p.name, p.admin1) == (name, admin1)


def test_the_layer_never_turns_a_typo_into_a_hamlet(gazetteer):
    # its names are kept out of spelling correction: a misspelt town is not a random village
    assert all(not m.place.id.startswith("katottg:") or m.score == 100
               for m in gazetteer.lookup("Klishchiivkaa"))


def test_a_town_in_cities500_keeps_its_exact_point(gazetteer):
    p = gazetteer.lookup("Toretsk")[0].place
    assert p.id.startswith("geonames:") and p.precision == "point"


@pytest.mark.parametrize("name, admin1, seat", [
    ("Pokrovsk Raion", "Donetsk Oblast", POKROVSK),
    ("Pokrovskyi raion", "Donetsk Oblast", POKROVSK),
    ("Pokrovsky district", "Donetsk Oblast", POKROVSK),
    ("Polohy Raion", "Zaporizhzhia Oblast", POLOHY),
    ("Sudzhansky district", "Kursk Oblast", SUDZHA),
    ("Sudzha district", "Kursk Oblast", SUDZHA),
    ("Суджанский район", "Kursk Oblast", SUDZHA),
])
def test_raions_and_russian_districts_are_places_at_their_seats(gazetteer, name, admin1, seat):
    p = gazetteer.lookup(name, kinds=("district",))[0].place
    assert (p.kind, p.precision, p.admin1) == ("district", "district", admin1)
    assert haversine_km(p.lat, p.lon, *seat) < 8 and p.radius_km >= 20


def test_a_village_in_the_named_raion_is_not_its_namesake_in_another_oblast(gazetteer):
    # cities500 holds only the Karlivka in Poltava Oblast (228 km off)
    e = _events("Russian forces recently advanced in Karlivka, southeast of Pokrovsk in Pokrovsk Raion, "
                "Donetsk Oblast.", gazetteer)["Karlivka"]
    assert e.admin1 == "Donetsk Oblast" and e.precision == "hromada"
    assert haversine_km(e.lat, e.lon, *POKROVSK) < 40
    assert "Pokrovsk" not in _events("Russian forces recently advanced in Karlivka, southeast of Pokrovsk "
                                     "in Pokrovsk Raion, Donetsk Oblast.", gazetteer)  # a locator, no event


def test_a_village_located_by_a_town_lies_near_that_town(gazetteer):
    ev = _events("Russian forces advanced near Druzhba, east of Toretsk.", gazetteer)
    assert haversine_km(ev["Druzhba"].lat, ev["Druzhba"].lon, *TORETSK) < 30
    ev = _events("Russian forces attacked near Berdychi and Semenivka, northwest of Avdiivka.", gazetteer)
    for v in ("Berdychi", "Semenivka"):
        assert ev[v].admin1 == "Donetsk Oblast" and haversine_km(ev[v].lat, ev[v].lon, *AVDIIVKA) < 40


def test_an_unknown_russian_village_falls_back_to_its_named_district(gazetteer):
    e = _events("Ukrainian forces recently advanced near Malaya Loknya in Sudzhansky district, Kursk Oblast.",
                gazetteer)["Malaya Loknya"]
    assert e.precision == "district" and e.place_name == "Sudzhansky District"
    assert haversine_km(e.lat, e.lon, *SUDZHA) < 8 and "Sudzhansky District" in e.place_note


def test_a_raion_named_after_a_village_narrows_it_down(gazetteer):
    e = _events("Russian forces advanced near Novopokrovka in Polohy Raion.", gazetteer)["Novopokrovka"]
    assert e.admin1 == "Zaporizhzhia Oblast" and haversine_km(e.lat, e.lon, *POLOHY) < 80


def test_a_raion_is_an_event_place_and_a_district_only_frames_a_village_in_it(gazetteer):
    e = _events("Russian forces attacked in the Pokrovsk Raion.", gazetteer)["Pokrovsk Raion"]
    assert e.precision == "district" and e.uncertainty_km >= 20
    ev = _events("Ukrainian forces advanced in Glushkovo district near Tyotkino.", gazetteer)
    assert list(ev) == ["Tyotkino"]


def test_cyrillic_names_inside_english_text_are_found(gazetteer):
    ev = _events("Russian forces advanced near Торецк. Russian forces attacked near Покровськ.", gazetteer)
    assert ev["Торецк"].place_name == "Toretsk" and ev["Покровськ"].place_name == "Pokrovsk"


def test_a_village_of_the_layer_says_why_its_point_is_rough(gazetteer):
    e = _events("Russian forces attacked near Klishchiivka.", gazetteer)["Klishchiivka"]
    assert e.precision == "hromada" and e.uncertainty_km >= 15
    assert "KATOTTG" in e.place_note and "frontline gazetteer import" in e.place_note


def test_a_big_town_outweighs_a_village_of_its_name(gazetteer):
    # Donetsk Oblast has a village called Zaporizhzhia; "the Zaporizhzhia direction" is the city
    ev = _events("Ukrainian forces advanced south of Velyka Novosilka. Russia is moving units to the "
                 "Bakhmut and Zaporizhzhia directions.", gazetteer)
    assert ev["Zaporizhzhia"].admin1 == "Zaporizhzhia Oblast" and ev["Zaporizhzhia"].precision != "hromada"


def test_names_coordinated_before_a_plural_head_are_each_a_region(gazetteer):
    ev = _events("Ukrainian forces attacked in the Sudzhansky and Korenevsky districts.", gazetteer)
    assert {e.place_name for e in ev.values()} == {"Sudzhansky District", "Korenevsky District"}
    assert all(e.precision == "district" for e in ev.values())
    ev = _events("Russian forces attacked in Kharkiv and Sumy oblasts.", gazetteer)
    assert {(e.place_name, e.precision) for e in ev.values()} == {("Kharkiv Oblast", "region"),
                                                                  ("Sumy Oblast", "region")}
    (e,) = _events("Russian forces attacked into Sumy province.", gazetteer).values()
    assert (e.place_name, e.precision) == ("Sumy Oblast", "region")
