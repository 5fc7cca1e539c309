"""Events <-> GeoDataFrame: the only place an event's Point(lon, lat) is built."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .event import FIELDS, FIELD_NAMES, Event

if TYPE_CHECKING:  # geopandas is heavy: imported only when a frame is really built
    import geopandas as gpd


def to_geodataframe(events: Iterable[Event]) -> "gpd.GeoDataFrame":
    """One row per event, columns in schema order, EPSG:4326 points (x = lon, y = lat)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    rows = [e.properties() for e in events]
    df = pd.DataFrame(rows, columns=list(FIELD_NAMES))
    for f in FIELDS:  # keep column types even for an empty frame
        if f.type is float:
            df[f.name] = df[f.name].astype("float64")
        elif f.type is int:
            df[f.name] = df[f.name].astype("Int64")
        elif f.type is bool:
            df[f.name] = df[f.name].astype("bool")
        else:
            df[f.name] = df[f.name].astype("object")
    geometry = shapely.points(df["lon"].to_numpy(float), df["lat"].to_numpy(float))
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def from_geodataframe(gdf: "gpd.GeoDataFrame") -> list[Event]:
    """Events from a frame; the point geometry wins over lat/lon columns when both exist."""
    events = []
    has_geom = getattr(gdf, "geometry", None) is not None
    for props, geom in zip(gdf.drop(columns=[gdf.geometry.name]).to_dict("records") if has_geom
                           else gdf.to_dict("records"),
                           gdf.geometry if has_geom else [None] * len(gdf)):
        if geom is not None and not geom.is_empty:
            props["lon"], props["lat"] = geom.x, geom.y
        events.append(Event.from_properties(props))
    return events
