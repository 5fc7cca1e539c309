"""Relations to points: the offset goes the right way and precision says how sure it is."""
import pytest

from tracker.geometry import bearing_of, locate

TORETSK = (48.39, 37.85)  # lat, lon


@pytest.mark.parametrize("relation, bearing", [
    ("north of", 0), ("northeast of", 45), ("east of", 90), ("southeast of", 135),
    ("south of", 180), ("southwest of", 225), ("west of", 270), ("northwest of", 315),
    ("north-northwest of", 337.5), ("west-northwest of", 292.5), ("east-northeast of", 67.5),
    ("South-West of", 225),
])
def test_bearings(relation, bearing):
    assert bearing_of(relation) == pytest.approx(bearing)


@pytest.mark.parametrize("relation", ["near", "in", "north-south of", "of", "toward"])
def test_not_a_bearing(relation):
    assert bearing_of(relation) is None


def test_southeast_offset_moves_south_and_east_a_few_km():
    loc = locate(*TORETSK, "southeast of")
    assert loc.precision == "offset"
    assert loc.lat < TORETSK[0] and loc.lon > TORETSK[1]
    from geopy.distance import geodesic
    assert 2 < geodesic(TORETSK, (loc.lat, loc.lon)).km < 5
    assert loc.uncertainty_km >= 5


def test_near_in_direction_region():
    assert locate(*TORETSK, "near").precision == "near"
    assert locate(*TORETSK, "in").precision == "point"
    d = locate(*TORETSK, "direction")
    assert d.precision == "direction" and d.uncertainty_km > locate(*TORETSK, "near").uncertainty_km
    r = locate(51.73, 36.19, "in", place_kind="region", radius_km=120)
    assert (r.precision, r.uncertainty_km) == ("region", 120)


def test_host_settlement_is_never_a_pinpoint():
    loc = locate(43.8, 131.95, "at", place_kind="training_ground", place_precision="host_settlement")
    assert loc.precision == "near" and loc.uncertainty_km >= 10
