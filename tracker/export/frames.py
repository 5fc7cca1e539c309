"""The binary formats, written from the GeoDataFrame of tracker.frame: GeoPackage and GeoParquet."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Mapping, Sequence

from ..event import Event
from .areas import AREA_FIELDS, Area
from .geojson import round_coord

if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger(__name__)

EVENTS_LAYER = "events"
AREAS_LAYER = "event_areas"


def _frame(events: Sequence[Event]) -> "gpd.GeoDataFrame":
    from ..frame import to_geodataframe

    # Same rounding as every other format, so one event reads back equal from all of them.
    return to_geodataframe([e.replace(lat=round_coord(e.lat), lon=round_coord(e.lon)) for e in events])


def _area_series(events: Sequence[Event], areas: Mapping[str, Area], index):
    import geopandas as gpd
    import numpy as np
    import shapely

    shapes = np.full(len(events), None, dtype=object)
    # Single-ring areas of one vertex count (nearly all) are built in one call per count.
    groups: dict[int, list[int]] = {}
    for i, e in enumerate(events):
        area = areas.get(e.id)
        if area is None:
            continue
        if len(area.rings) == 1:
            groups.setdefault(len(area.rings[0]), []).append(i)
        else:
            shapes[i] = area.shape()
    for idx in groups.values():
        shapes[idx] = shapely.polygons(np.stack([areas[events[i].id].rings[0] for i in idx]))
    return gpd.GeoSeries(shapes, index=index, crs="EPSG:4326")


def write_gpkg(events: Sequence[Event], path: str, areas: Mapping[str, Area] | None = None) -> None:
    """A NEW GeoPackage 1.3 at ``path``: layer ``events`` (points), with areas also ``event_areas``.

    1.3 because Debian's GDAL 3.6 validator and older QGIS reject GDAL's default 1.4.
    """
    import pyogrio

    gdf = _frame(events)
    opts = {"dataset_options": {"VERSION": "1.3"}, "layer_options": {"SPATIAL_INDEX": "YES"}}
    pyogrio.write_dataframe(gdf, path, layer=EVENTS_LAYER, driver="GPKG", geometry_type="Point",
                            **opts)
    if areas is not None:
        area_gdf = gdf[list(AREA_FIELDS)].set_geometry(_area_series(events, areas, gdf.index))
        area_gdf = area_gdf[~area_gdf.geometry.isna()]
        pyogrio.write_dataframe(area_gdf, path, layer=AREAS_LAYER, driver="GPKG", append=False,
                                geometry_type="MultiPolygon" if _any_multi(areas) else "Polygon",
                                promote_to_multi=_any_multi(areas), **opts)


def _any_multi(areas: Mapping[str, Area]) -> bool:
    return any(len(a.rings) > 1 for a in areas.values())


def write_parquet(events: Sequence[Event], path: str, areas: Mapping[str, Area] | None = None) -> None:
    """GeoParquet (geopandas): the point is ``geometry``; with areas a second geometry column ``area``."""
    from ..event import FIELDS

    gdf = _frame(events)
    for f in FIELDS:
        if f.type is str:
            # An all-empty object column would otherwise be stored with Arrow's type "null".
            gdf[f.name] = gdf[f.name].astype("string")
    if areas is not None:
        gdf["area"] = _area_series(events, areas, gdf.index)
    gdf.to_parquet(path, index=False, compression="zstd")


def read_gpkg(path: str) -> list[Event]:
    import sqlite3
    import warnings
    from contextlib import closing

    import pyogrio

    from .. import sqlitefile
    from ..errors import InputError
    from ..frame import from_geodataframe

    # A damaged file is told in our words before GDAL fails on it with a raw SQLite message.
    problem = sqlitefile.header_problem(path)
    if problem is None:
        try:
            with closing(sqlitefile.connect_readonly(path, immutable=True)) as con:
                problems = sqlitefile.check(con)
        except sqlite3.Error as exc:
            problems = [str(exc)]
        problem = sqlitefile.summary(problems) if problems else None
    if problem is not None:
        raise InputError(f"cannot import {path}: not a valid GeoPackage ({problem})")
    with warnings.catch_warnings(record=True) as caught:  # GDAL's warnings: details, for -v
        warnings.simplefilter("always")
        frame = pyogrio.read_dataframe(path, layer=EVENTS_LAYER, use_arrow=True)
    for w in caught:
        log.info("reading %s: %s", path, w.message)
    return from_geodataframe(frame)


def read_parquet(path: str) -> list[Event]:
    import geopandas as gpd

    from ..frame import from_geodataframe

    gdf = gpd.read_parquet(path)
    if "area" in gdf.columns:
        gdf = gdf.drop(columns=["area"])
    for name in gdf.columns:
        if name != gdf.geometry.name:
            # pandas' NA markers (pd.NA, NaN) become None, which Event.from_properties skips.
            col = gdf[name].astype(object)
            gdf[name] = col.where(col.notna(), None)
    return from_geodataframe(gdf)
