"""Places context cannot settle are reported but flagged, never silently placed far away."""
from __future__ import annotations

from tracker import extract_events


def _by_place(text: str) -> dict:
    return {e.place: e for e in extract_events(text, report_date="2025-11-12")}


def test_shared_name_far_from_its_neighbours_is_flagged_with_lower_precision():
    # GeoNames cities500 has two Holubivkas, both in Luhansk Oblast, ~140 km from Kupyansk; the
    # one north of Kupyansk is a village below cities500, which the settlement layer places by
    # its hromada (Kindrashivka's, named in the same sentence), saying so
    events = _by_place("Russian forces attacked north of Kupyansk near Holubivka and Kindrashivka "
                       "on November 11.")
    village = events["Holubivka"]
    assert village.admin1 == "Kharkiv Oblast" and village.precision == "hromada"
    assert "KATOTTG" in village.place_note and "frontline gazetteer import" in village.place_note
    kupiansk = (49.71, 37.61)
    from gazetteer.distance import haversine_km
    assert haversine_km(village.lat, village.lon, *kupiansk) < 20 <= village.uncertainty_km + 5
    assert events["Kindrashivka"].place_note is None and events["Kindrashivka"].uncertainty_km < 10


def test_distinct_towns_far_apart_are_not_flagged():
    events = _by_place("Russian forces recently advanced near Kupyansk and Pokrovsk.")
    assert {e.admin1 for e in events.values()} == {"Kharkiv Oblast", "Donetsk Oblast"}
    assert all(e.place_note is None for e in events.values())


def test_places_left_out_are_named_in_one_warning(caplog):
    text = "Russian forces recently advanced near Zzyzxivka and captured Kramatorsk."
    with caplog.at_level("WARNING", logger="tracker.extract"):
        events = extract_events(text, report_date="2025-01-01", source="r.txt")
    assert [e.place for e in events] == ["Kramatorsk"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1
    assert warnings[0].startswith("r.txt: ") and "Zzyzxivka: not in the gazetteer" in warnings[0]
    assert "frontline gazetteer import" in warnings[0]


def test_place_located_by_another_must_lie_near_it(caplog):
    # cities500 has a Krymske only in Luhansk Oblast, ~80 km from Toretsk: not the one meant; the
    # settlement layer's Krymske (Toretsk hromada) is, and a name nothing holds near its locator
    # is left out
    text = ("Russian milbloggers claimed that Russian forces seized Krymske (northeast of Toretsk). "
            "They also claimed that Russian forces seized Terny (about 4 km northeast of Lyman). "
            "Russian forces seized Zzyzxove (northeast of Toretsk).")
    with caplog.at_level("WARNING", logger="tracker.extract"):
        events = _by_place(text)
    assert events["Krymske"].admin1 == "Donetsk Oblast" and events["Krymske"].precision == "hromada"
    assert events["Terny"].admin1 == "Donetsk Oblast"
    assert "Zzyzxove" not in events and "Zzyzxove" in caplog.text


def test_reference_is_read_from_the_parenthesis_after_the_place():
    from tracker.extract.resolve import _reference

    def name(place, quote):
        ref = _reference(place, quote)
        return ref.name if ref else None

    assert name("Krymske", "seized Krymske (north-northeast of Toretsk), but") == "Toretsk"
    assert name("Krymske", "near Krymske (about 5 km east of Toretsk)") == "Toretsk"
    assert name("Krymske", "near Krymske (near Toretsk and Dyliivka)") == "Toretsk"
    assert name("Krymske", "near Krymske (Luhansk Oblast) and Toretsk") is None
    assert name("Krymske", "near Krymske and east of Toretsk") is None


def test_reference_is_read_from_an_apposition_and_its_stated_distance_sets_the_reach():
    from tracker.extract.resolve import _reference

    ref = _reference("Andriivka", "troops have liberated Andriivka, south of Bakhmut, the General Staff said")
    assert ref.name == "Bakhmut" and not ref.strict  # "east of Kharkiv" may mean the region's city
    ref = _reference("Kruhliakivka", "Kruhliakivka, a village of about 1,200 people some 20 kilometers "
                                     "south of Kupiansk")
    assert ref.name == "Kupiansk" and ref.reach_km == 50
    ref = _reference("Kalynivske", "flags in Kalynivske, around 70 kilometers north of Kherson.")
    assert ref.name == "Kherson" and ref.strict and ref.reach_km >= 105
    # a list of locators is no apposition: Kupyansk is not "north of Bakhmut"
    assert _reference("Kupyansk", "advances northeast of Kupyansk, north of Bakhmut and south of Avdiivka") is None


def test_an_apposition_picks_the_namesake_by_the_place_it_names():
    # 125 Ivanivkas in the settlement layer: the one "northeast of Kupiansk" is in Kharkiv Oblast
    events = _by_place("Ukrainian analyst Kostiantyn Mashovets wrote that Russian troops had captured "
                       "Ivanivka, northeast of Kupiansk.")
    assert events["Ivanivka"].admin1 == "Kharkiv Oblast"
    events = _by_place("Ukrainian troops have liberated Andriivka, south of Bakhmut, the General Staff said.")
    assert events["Andriivka"].place_name == "Andriivka" and events["Andriivka"].admin1 == "Donetsk Oblast"


def test_a_theater_the_user_sets_replaces_the_default(monkeypatch):
    from tracker.extract.mentions import Mention
    from tracker.extract.resolve import Resolver

    m = Mention(side="russia", actor="Russian forces", kind="advance", place="Aleppo", relation="in",
                status="assessed", claimant=None, event_date="2024-12-01", date_precision="day",
                quote_start=0, quote_end=10)
    place, why = Resolver().settle(m)
    assert place is None  # the default theater is Ukraine's war: a Syrian city needs its country named
    monkeypatch.setenv("FRONTLINE_THEATER", "SY")
    place, why = Resolver().settle(m)
    assert (place.name, place.country) == ("Aleppo", "SY") and why is None


def test_a_village_known_only_under_another_spelling_far_from_its_paragraph_is_left_out():
    # the only 'Makhnovka' in cities500 is a variant of Makhnivka in Vinnytsia Oblast, 600 km away
    text = ("Geolocated footage indicates that Ukrainian forces recently advanced southeast of Sudzha. "
            "Russian forces attacked near Makhnovka on February 2.")
    events = _by_place(text)
    assert "Sudzha" in events and "Makhnovka" not in events


def test_the_only_place_of_a_name_far_from_its_sentence_is_kept_but_flagged():
    # reports name two fronts in one sentence; Verbove (Zaporizhzhia) is 200 km from Bakhmut
    events = _by_place("Russian forces attacked near Bakhmut and Verbove on November 11.")
    verbove = events["Verbove"]
    assert verbove.admin1 == "Zaporizhzhia Oblast"
    # (other Verboves exist only in the settlement layer, none near Bakhmut: they do not outrank it)
    assert verbove.place_note and "meant" in verbove.place_note and verbove.precision == "near"
    assert events["Bakhmut"].place_note is None


def test_namesakes_context_cannot_settle_go_to_the_one_on_the_front_line_flagged():
    # Terny: a 28,000-people town near Kryvyi Rih, a village in Sumy Oblast, a village by Lyman
    terny = _by_place("Russian forces recently advanced near Terny.")["Terny"]
    assert terny.admin1 == "Donetsk Oblast"
    assert terny.place_note.startswith("ambiguous") and terny.uncertainty_km >= 25
    novo = _by_place("Russian forces attacked near Novoyehorivka.")["Novoyehorivka"]
    assert novo.admin1 == "Kharkiv Oblast"  # not Mykolaiv or Kirovohrad Oblast


def test_a_district_the_gazetteer_lacks_is_placed_at_the_town_it_is_named_after():
    # raions abolished in 2020 are still written ("Novoazovsk district"): their seat, with a district's reach
    events = _by_place("Russian troops have concentrated in the Novoazovsk district of occupied Donetsk region.")
    e = events["Novoazovsk district"]
    assert e.admin1 == "Donetsk Oblast" and e.precision == "district" and e.uncertainty_km >= 30
    assert "named after" in e.place_note
    from gazetteer.distance import haversine_km
    assert haversine_km(e.lat, e.lon, 47.11, 38.08) < 10  # Novoazovsk
    assert _by_place("Russian forces attacked in the Foobarsky district.") == {}


def test_a_russian_spelling_of_a_lone_front_line_town_is_placed(gazetteer):
    from tracker import extract_events
    # the grouping ("Vostok group") and the channel ("WarGonzo") are no places to weigh it against
    evs = extract_events("According to WarGonzo, Vostok group units have reached the outskirts of "
                         "Velikaya Novosyolka from the north-east.", "2024-12-01", gazetteer=gazetteer)
    assert [(e.side, e.place_name, e.admin1, e.claimant) for e in evs] == [
        ("russia", "Velyka Novosilka", "Donetsk Oblast", "WarGonzo")]


def test_a_yardstick_with_no_distance_prefers_a_real_point_to_a_hromada_village(gazetteer):
    from tracker import extract_events
    # "west of Kupiansk" says no distance: Shevchenkove the town (32 km west), not a layer village 21 km off
    evs = extract_events("Ukrainian forces have captured Kupiansk. ISW assesses that Ukrainian forces have also "
                         "recaptured Shevchenkove, west of Kupiansk.", "2022-09-11", gazetteer=gazetteer)
    shev = next(e for e in evs if e.place == "Shevchenkove")
    assert shev.precision == "point" and round(shev.lat, 2) == 49.70 and round(shev.lon, 2) == 37.18
