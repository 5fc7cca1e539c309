"""Layered HTML maps of events: one layer per side and kind, a time slider, safe popups.

``render_map(events_gdf, ...)`` returns a ``folium.Map``; ``save_map(m, path)``
writes it. folium and geopandas are imported on first use, so importing this
package stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import MapError

if TYPE_CHECKING:
    import os
    import pathlib

    import folium
    import geopandas as gpd

__all__ = ["render_map", "save_map", "map_html", "MapError"]


def render_map(events_gdf: "gpd.GeoDataFrame", *, title: str | None = None, cdn: bool = False,
               **options: Any) -> "folium.Map":
    """See :func:`maps.render.render_map`."""
    from .render import render_map as _render

    return _render(events_gdf, title=title, cdn=cdn, **options)


def save_map(m: "folium.Map", path: "str | os.PathLike[str]") -> "pathlib.Path":
    """See :func:`maps.render.save_map`."""
    from .render import save_map as _save

    return _save(m, path)


def map_html(m: "folium.Map") -> str:
    """See :func:`maps.render.map_html`."""
    from .render import map_html as _html

    return _html(m)
