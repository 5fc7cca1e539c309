"""Places context cannot settle are reported but flagged, never silently placed far away."""
from __future__ import annotations

from tracker import extract_events


def _by_place(text: str) -> dict:
    return {e.place: e for e in extract_events(text, report_date="2025-11-12")}


def test_shared_name_far_from_its_neighbours_is_flagged_with_lower_precision():
    # GeoNames cities500 has two Holubivkas, both in Luhansk Oblast, ~140 km from Kupyansk;
    # the one north of Kupyansk is a village missing from it.
    events = _by_place("Russian forces attacked north of Kupyansk near Holubivka and Kindrashivka "
                       "on November 11.")
    far = events["Holubivka"]
    assert far.place_note and "missing from the gazetteer" in far.place_note
    assert far.precision == "near" and far.uncertainty_km >= 25
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
