"""The offline base map in the page: compact geometry the runtime draws on a canvas under the events.

Coordinates travel as integers (thousandths of a degree, ~100 m; the world
outside the front region in hundredths) with each vertex stored as the
difference from the one before, so the whole base adds a few hundred kB to a
map and needs no request.
"""
from __future__ import annotations

from typing import Any

from branca.element import Figure
from folium.elements import MacroElement
from folium.template import Template

from .errors import MapError
from .layers import RawHTML, script_json

FINE, COARSE = 1000, 100  # integer units per degree
TOWN_MIN_POP = 10_000     # smaller places are too many to ship for labels nobody can place


def _encode_coords(coords, scale: int) -> list[int]:
    out: list[int] = []
    px = py = 0
    for x, y in coords:
        ix, iy = round(x * scale), round(y * scale)
        if out and ix == px and iy == py:
            continue
        if not out:
            out += [ix, iy]
        else:
            out += [ix - px, iy - py]
        px, py = ix, iy
    return out


def _lines(geom, scale: int) -> list[list[int]]:
    import shapely

    rings = []
    for part in shapely.get_parts(geom):
        if part.is_empty:
            continue
        if part.geom_type == "LinearRing" or part.geom_type == "LineString":
            enc = _encode_coords(part.coords, scale)
            if len(enc) >= 4:
                rings.append(enc)
        else:  # a GeometryCollection piece: recurse
            rings += _lines(part, scale)
    return rings


def _rings(geom, scale: int, min_area: float = 0.0) -> list[list[int]]:
    import shapely

    out = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.area < min_area:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            enc = _encode_coords(ring.coords, scale)
            if len(enc) >= 6:
                out.append(enc)
    return out


def encode_base() -> dict[str, Any]:
    """The base layers as the runtime reads them."""
    from . import basedata

    b = basedata.base_data()
    towns = [t for t in b.towns if t[3] >= TOWN_MIN_POP]
    return {
        "scale": FINE, "coarse": COARSE,
        "land": _rings(b.land, FINE),
        "landWorld": _rings(b.land_world, COARSE),
        "lakes": _rings(b.lakes, FINE),
        "rivers": _lines(b.rivers, FINE),
        "admin1": _lines(b.admin1, FINE),
        "borders": _lines(b.borders, FINE),
        "worldLines": _lines(b.world_lines, COARSE),
        "units": [[u["name"], u["lat"], u["lon"]] for u in b.admin1_units],
        "towns": {"name": [t[0] for t in towns], "lat": [t[1] for t in towns],
                  "lon": [t[2] for t in towns], "pop": [t[3] for t in towns]},
        "attribution": "Base: Natural Earth (German point of view), GSHHG/WDBII, GeoNames",
    }


class BaseLayer(MacroElement):
    """The offline base (land, borders, oblasts, rivers, towns) drawn by the runtime."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.data_name }}.addBase(JSON.parse(document.getElementById({{ this.element_id|tojson }}).textContent));
        {% endmacro %}
    """)

    def __init__(self, data_name: str):
        super().__init__()
        self._name = "BaseLayer"
        self.data_name = data_name
        self.element_id = f"frontline-base-{self._id}"
        self.base = encode_base()

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise MapError("render the map through its figure (maps.save_map or Map.save)")
        figure.html.add_child(RawHTML(
            f'<script type="application/json" id="{self.element_id}">{script_json(self.base)}</script>'),
            name=self.element_id)
        super().render(**kwargs)
