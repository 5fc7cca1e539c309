"""The offline base map's data, the first view, tiles as an opt-in, and static pictures (no browser)."""
from __future__ import annotations

import pytest
import shapely

import maps
from ft_fixtures.maps import KURSK_OBLAST, POKROVSK, TORETSK, map_events, map_gdf, sample_events  # noqa: F401
from maps.base_layer import encode_base
from maps.basedata import base_data, read_countries
from maps.layers import script_json
from maps.view import main_view
from tracker.event import Event
from tracker.frame import to_geodataframe


@pytest.fixture(scope="module")
def base():
    return base_data()


def _segment(a: tuple[float, float], b: tuple[float, float]):
    """A line from (lat, lon) a to (lat, lon) b, in lon/lat order."""
    return shapely.LineString([(a[1], a[0]), (b[1], b[0])])


CRIMEA_AND_OCCUPIED = {"Simferopol": (44.95, 34.10), "Sevastopol": (44.60, 33.52), "Kerch": (45.36, 36.47),
                       "Donetsk": (48.00, 37.80), "Luhansk": (48.57, 39.31), "Mariupol": (47.10, 37.55),
                       "Melitopol": (46.84, 35.37)}


def test_crimea_and_the_occupied_oblasts_are_drawn_inside_ukraine():
    countries = read_countries()
    ukraine = countries[countries.a3 == "UKR"].geometry.iloc[0]
    russia = countries[countries.a3 == "RUS"].geometry.iloc[0]
    for name, (lat, lon) in CRIMEA_AND_OCCUPIED.items():
        point = shapely.Point(lon, lat)
        assert ukraine.contains(point) and not russia.contains(point), name
    assert russia.contains(shapely.Point(36.19, 51.73))  # Kursk


def test_borders_run_where_internationally_recognised(base):
    # no international border between Crimea and the mainland, nor inside occupied Donetsk Oblast
    assert not _segment((44.95, 34.10), (46.63, 32.61)).intersects(base.borders)  # Simferopol-Kherson
    assert not _segment((48.00, 37.80), (47.10, 37.55)).intersects(base.borders)  # Donetsk-Mariupol
    # but one between Ukraine and Russia, and between Ukraine and Belarus
    assert _segment((49.99, 36.23), (50.60, 36.60)).intersects(base.borders)      # Kharkiv-Belgorod
    assert _segment((48.57, 39.31), (48.32, 40.27)).intersects(base.borders)      # Luhansk-Kamensk
    assert _segment((51.50, 31.29), (52.42, 31.00)).intersects(base.borders)      # Chernihiv-Gomel


def test_oblast_lines_separate_neighbouring_oblasts_and_are_named(base):
    names = {u["name"] for u in base.admin1_units}
    for name in ("Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Crimea", "Kursk Oblast",
                 "Belgorod Oblast", "Gomel Oblast"):
        assert name in names
    assert _segment((48.00, 37.80), (47.84, 35.14)).intersects(base.admin1)  # Donetsk-Zaporizhzhia
    assert _segment((51.73, 36.19), (50.60, 36.60)).intersects(base.admin1)  # Kursk-Belgorod
    assert not _segment((48.00, 37.80), (48.39, 37.85)).intersects(base.admin1)  # Donetsk-Toretsk


@pytest.mark.parametrize("river, lat, lon", [
    ("Dnipro at Kyiv", 50.45, 30.55), ("Dnipro at Zaporizhzhia", 47.85, 35.10),
    ("Siverskyi Donets at Izium", 49.19, 37.28), ("Siverskyi Donets at Bilohorivka", 48.93, 38.25),
    ("Oskil at Kupiansk", 49.71, 37.62),
])
def test_major_rivers_of_the_front_are_drawn(base, river, lat, lon):
    water = shapely.union_all([base.rivers, base.lakes])
    assert water.distance(shapely.Point(lon, lat)) * 111 < 5, river


def test_towns_come_from_the_gazetteer_largest_first(base):
    names = [t[0] for t in base.towns]
    assert {"Kharkiv", "Dnipro", "Kramatorsk", "Kursk", "Belgorod"} <= set(names)
    pops = [t[3] for t in base.towns]
    assert pops == sorted(pops, reverse=True)


def test_sections_of_cities_are_not_named_as_towns(base):
    # GeoNames lists city districts among settlements, some with more people than the city:
    # "Pravyi Bereh" (352,088) would be named instead of Mariupol, "Rutchenkivskyi" beside Donetsk.
    names = {t[0] for t in base.towns}
    for section in ("Pravyi Bereh", "Rutchenkivskyi", "Kyivskyi", "Tsentralno-Miskyi", "Verhunskyi",
                    "Darnytsya", "Pechersk"):
        assert section not in names, section
    for city in ("Mariupol", "Donetsk", "Makiyivka", "Horlivka", "Luhansk", "Kyiv", "Brovary", "Reni"):
        assert city in names, city


def test_base_adds_at_most_one_megabyte():
    size = len(script_json(encode_base()))
    assert 50_000 < size <= 1_000_000


def test_first_view_frames_the_main_cluster_and_names_the_rest():
    front = [TORETSK, POKROVSK, KURSK_OBLAST, ("Kreminna", 49.05, 38.22), ("Siversk", 48.86, 38.10)]
    far = [("A", 48.47, 135.45), ("B", 43.80, 131.96), ("C", 43.11, 131.87), ("D", 50.37, 129.11)]
    lat = [p[1] for p in front + far]
    lon = [p[2] for p in front + far]
    labels = ["Donetsk Oblast"] * 5 + ["Khabarovsk Krai", "Primorsky Krai", "Primorsky Krai", "Amur Oblast"]
    view = main_view(lat, lon, labels)
    (s, w), (n, e) = view.bounds
    for _, la, lo in front:
        assert s <= la <= n and w <= lo <= e
    assert e < 60
    assert sum(g["count"] for g in view.outside) == 4
    assert view.outside[0]["label"] == "Primorsky Krai" and view.outside[0]["count"] == 2
    assert all(g["arrow"] in "→↗↘" for g in view.outside)


def test_first_view_drops_a_tenth_of_outliers_from_a_large_front():
    import random

    rng = random.Random(1)
    lat = [rng.uniform(47.5, 49.5) for _ in range(900)] + [rng.uniform(40, 60) for _ in range(100)]
    lon = [rng.uniform(36.5, 38.5) for _ in range(900)] + [rng.uniform(20, 60) for _ in range(100)]
    (s, w), (n, e) = main_view(lat, lon).bounds
    inside = sum(1 for la, lo in zip(lat, lon) if s <= la <= n and w <= lo <= e)
    assert inside >= 900 and (n - s) < 6 and (e - w) < 8


def test_tiles_are_opt_in(map_gdf):
    page = maps.map_html(maps.render_map(map_gdf))
    assert "tile.openstreetmap.org" not in page and "L.tileLayer" not in page
    assert "frontline-base-" in page and ".addBase(" in page
    page = maps.map_html(maps.render_map(map_gdf, tiles="osm"))
    assert "tile.openstreetmap.org" in page
    page = maps.map_html(maps.render_map(map_gdf, base=False))
    assert ".addBase(" not in page


def _colour_pixels(path, colour: tuple[int, int, int], tol: int = 12) -> int:
    import numpy as np
    from PIL import Image

    img = np.asarray(Image.open(path).convert("RGB")).astype(int)
    return int((np.abs(img - np.array(colour)).max(axis=2) <= tol).sum())


def _hex(c: str) -> tuple[int, int, int]:
    c = c.lstrip("#")
    return tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))


def test_png_shows_the_base_and_the_events(tmp_path, map_gdf):
    from maps import figure
    from tracker.event import SIDE_COLOURS

    out = maps.figure.write_figure(map_gdf, tmp_path / "front.png", title="Test figure", width=8, height=6,
                                   dpi=100)
    from PIL import Image

    assert Image.open(out).size == (800, 600)
    assert _colour_pixels(out, _hex(figure.LAND)) > 50_000      # land
    assert _colour_pixels(out, _hex(figure.RIVER), 30) > 200    # rivers
    assert _colour_pixels(out, (0x4a, 0x4a, 0x4a), 20) > 300    # the Russian border
    for side in ("ukraine", "russia", "north_korea"):
        assert _colour_pixels(out, _hex(SIDE_COLOURS[side]), 40) > 30, side


def test_png_without_base_has_no_land(tmp_path, map_gdf):
    from maps import figure

    out = figure.write_figure(map_gdf, tmp_path / "bare.png", width=6, height=4, dpi=80, base=False)
    assert _colour_pixels(out, _hex(figure.LAND), 3) < 1000  # stray anti-aliased pixels at most


def test_png_sets_events_at_one_place_side_by_side(tmp_path, map_gdf):
    # A Ukrainian advance and a North Korean deployment both "in Kursk Oblast": both must show.
    import numpy as np
    from PIL import Image

    from maps import figure
    from tracker.event import SIDE_COLOURS

    plot = figure._Plot(map_gdf, title=None, width=8, height=6, dpi=100, base=True)
    try:
        plot.draw_events()
        plot.place_labels()
        out = tmp_path / "kursk.png"
        plot.save(out, format="png")
        x, y = plot.ax.transData.transform((KURSK_OBLAST[2], KURSK_OBLAST[1]))
    finally:
        plot.close()
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    y = img.shape[0] - y  # matplotlib counts up from the bottom
    crop = img[int(y) - 15:int(y) + 15, int(x) - 25:int(x) + 25]
    where = {}
    for side in ("ukraine", "north_korea"):
        mask = np.abs(crop - np.array(_hex(SIDE_COLOURS[side]))).max(axis=2) <= 40
        assert mask.sum() > 10, side
        where[side] = np.nonzero(mask)[1].mean()
    assert abs(where["ukraine"] - where["north_korea"]) > 5, where  # not one on top of the other


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_vector_pictures(tmp_path, map_gdf, suffix, magic):
    from maps import figure

    # 9 x 6 in: room for every label (a 6 x 4 in figure drops Toretsk's rather than overlap Pokrovsk's)
    out = figure.write_figure(map_gdf, tmp_path / f"front{suffix}", width=9, height=6)
    assert out.read_bytes()[:5].startswith(magic)
    if suffix == ".svg":
        text = out.read_text(encoding="utf-8")
        assert "Frontline events" in text and "Luhansk Oblast" in text  # text stays text
        for place in ("Toretsk", "Kupyansk", "Kursk Oblast"):  # the haloed event labels too
            assert f">{place}<" in text, place


def test_gif_animates_day_by_day_with_the_date(tmp_path):
    from PIL import Image

    from maps import figure

    events = [Event(side="russia", kind="advance", status="assessed", place=f"P{i}", relation="in",
                    lat=48.0 + i * 0.1, lon=37.0 + i * 0.1, event_date=f"2024-10-0{i + 1}",
                    report_date="2024-10-09", source="x", precision="point", uncertainty_km=2)
              for i in range(5)]
    out = figure.write_figure(to_geodataframe(events), tmp_path / "advances.gif", width=5, height=4, dpi=60,
                              step="day")
    img = Image.open(out)
    assert img.n_frames == 5
    frames = []
    for k in (0, 4):
        img.seek(k)
        frames.append(img.convert("RGB").tobytes())
    assert frames[0] != frames[1]


def test_bad_picture_options_are_map_errors(tmp_path, map_gdf):
    from maps import figure
    from maps.errors import MapError

    with pytest.raises(MapError, match="dpi"):
        figure.write_figure(map_gdf, tmp_path / "x.png", dpi=5)
    with pytest.raises(MapError, match="size"):
        figure.write_figure(map_gdf, tmp_path / "x.png", width=0)
    assert not (tmp_path / "x.png").exists()
