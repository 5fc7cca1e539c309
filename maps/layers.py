"""Events -> one compact data block and one map layer per side and kind.

Per-point folium objects cost milliseconds each and megabytes of HTML at
100,000 events, so the events travel as one JSON block of columns (repeated
strings such as quotes and sources stored once) and the browser runtime draws
them on a canvas. Report text stays raw inside JSON whose ``<``, ``>`` and
``&`` are escaped, and reaches the page only through ``textContent``.
"""
from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from branca.element import Element, Figure
from folium.elements import MacroElement
from folium.map import Layer
from folium.template import Template

from tracker.event import FIELD_NAMES, KINDS

from . import legend as style
from .errors import MapError
from .timeslider import time_steps

if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger(__name__)

REQUIRED = ("side", "kind", "event_date")
# Columns sent as indexes into the shared string table.
STRING_COLUMNS = ("side", "actor", "kind", "status", "claimant", "place", "place_id", "place_name",
                  "admin1", "country", "relation", "precision", "event_date", "date_precision",
                  "report_date", "source", "quote", "place_note", "sources")
COORD_DECIMALS = 5  # ~1 m: far finer than any report's precision


@dataclass
class EncodedEvents:
    data: dict[str, Any]
    layers: list[dict[str, Any]] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    bounds: list[list[float]] | None = None  # [[south, west], [north, east]]
    count: int = 0
    unit: str = "day"
    present: dict[str, Any] = field(default_factory=dict)  # distinct values, for the legend


class RawHTML(Element):
    """Markup inserted as is. branca's ``Element(text)`` compiles ``text`` as a Jinja
    template, which would evaluate any ``{{ ... }}`` in report text (and cost
    seconds on a large data block)."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawHTML"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def script_json(obj: Any) -> str:
    """JSON safe inside an HTML <script> element: no '<', '>' or '&' can end or open markup."""
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def encode_events(gdf: "gpd.GeoDataFrame", *, step: str = "auto") -> EncodedEvents:
    """The columns, string table, layers and time steps the browser runtime reads."""
    import numpy as np
    import pandas as pd

    missing = [c for c in REQUIRED if c not in gdf.columns]
    if missing:
        raise MapError("the events frame lacks column(s) " + ", ".join(missing)
                       + "; build it with tracker.frame.to_geodataframe(events)")
    df = pd.DataFrame({c: gdf[c] for c in gdf.columns if c in FIELD_NAMES})
    lon, lat = _coordinates(gdf)
    ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    if not ok.all():
        log.warning("left %d event(s) without usable coordinates off the map", int((~ok).sum()))
        df, lon, lat = df[ok], lon[ok], lat[ok]
    df = df.reset_index(drop=True)
    # Plain object arrays: element access on pandas' Arrow-backed strings is
    # slow enough to dominate the build at 100,000 events.
    cols: dict[str, Any] = {}
    for name in STRING_COLUMNS + ("id",):
        col = df[name] if name in df.columns else pd.Series([""] * len(df), dtype="object")
        cols[name] = col.where(col.notna(), "").astype(str).to_numpy(dtype=object)
    cols["event_date"] = np.array([d[:10] for d in cols["event_date"]], dtype=object)
    unc = pd.to_numeric(df["uncertainty_km"], errors="coerce").fillna(0.0).to_numpy(float) \
        if "uncertainty_km" in df.columns else np.zeros(len(df))
    retracted = df["retracted"].fillna(False).astype(bool).to_numpy() \
        if "retracted" in df.columns else np.zeros(len(df), dtype=bool)

    unit, step_labels, step_index = time_steps(cols["event_date"], step)

    # One layer per (side, kind), in a stable order: known sides and kinds first.
    side_rank = {s: i for i, s in enumerate(style.SIDE_COLOURS)}
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    side_codes, side_values = pd.factorize(cols["side"])
    kind_codes, kind_values = pd.factorize(cols["kind"])
    pair_codes = side_codes.astype(np.int64) * max(len(kind_values), 1) + kind_codes
    present = np.unique(pair_codes)
    keys = sorted(((str(side_values[c // len(kind_values)]), str(kind_values[c % len(kind_values)]))
                   for c in present),
                  key=lambda sk: (side_rank.get(sk[0], 99), sk[0], kind_rank.get(sk[1], 99), sk[1]))
    key_index = {k: i for i, k in enumerate(keys)}
    code_to_layer = {int(c): key_index[(str(side_values[c // len(kind_values)]),
                                        str(kind_values[c % len(kind_values)]))] for c in present}
    layer_of = np.zeros(len(df), dtype=np.int64)
    for c, li in code_to_layer.items():
        layer_of[pair_codes == c] = li
    id_rank = pd.factorize(cols["id"], sort=True)[0]
    order = np.lexsort((id_rank, step_index, layer_of))
    cols = {name: values[order] for name, values in cols.items()}
    lon, lat, unc, retracted = lon[order], lat[order], unc[order], retracted[order]
    layer_of, step_index = layer_of[order], step_index[order]

    strings: list[str] = [""]
    seen: dict[str, int] = {"": 0}
    ev: dict[str, Any] = {}
    for name in STRING_COLUMNS:
        codes, uniques = pd.factorize(cols[name], sort=False)
        table = np.empty(len(uniques), dtype=np.int64)
        for j, value in enumerate(uniques):
            k = seen.get(value)
            if k is None:
                k = seen[value] = len(strings)
                strings.append(value)
            table[j] = k
        ev[name] = table[codes].tolist() if len(df) else []
    ev["id"] = cols["id"].tolist()
    ev["lat"] = np.round(lat, COORD_DECIMALS).tolist()
    ev["lon"] = np.round(lon, COORD_DECIMALS).tolist()
    ev["unc"] = np.round(unc, 2).tolist()
    ev["retracted"] = retracted.astype(int).tolist()
    ev["layer"] = layer_of.tolist()

    nsteps = len(step_labels)
    layers = []
    for i, (side, kind) in enumerate(keys):
        start = int(np.searchsorted(layer_of, i, side="left"))
        end = int(np.searchsorted(layer_of, i, side="right"))
        cum = np.searchsorted(step_index[start:end], np.arange(nsteps), side="right")
        layers.append({
            "key": f"{side}-{kind}", "side": side, "kind": kind, "color": style.colour(side),
            "name": style.layer_label(side, kind), "single": style.single_label(side, kind),
            "start": start, "end": end, "count": end - start, "cum": cum.tolist(),
        })
    data = {
        "version": 1, "strings": strings, "ev": ev, "layers": layers, "steps": step_labels,
        "unit": unit, "style": style.style_spec(),
        "sideLabels": {str(s): style.side_noun(str(s)) for s in side_values},
        "datePrecisions": style.DATE_PRECISIONS,
    }
    present = {name: [str(v) for v in pd.unique(cols[name]) if v]
               for name in ("side", "kind", "status", "precision")}
    present["retracted"] = bool(retracted.any())
    enc = EncodedEvents(data=data, layers=layers, count=len(df), unit=unit, present=present)
    if len(df):
        enc.first_date, enc.last_date = min(cols["event_date"]), max(cols["event_date"])
        enc.bounds = [[float(lat.min()), float(lon.min())], [float(lat.max()), float(lon.max())]]
    return enc


def _coordinates(gdf: Any) -> tuple[Any, Any]:
    """(lon, lat) arrays: from point geometry in EPSG:4326 when present, else lat/lon columns."""
    import numpy as np

    geom_name = getattr(gdf, "_geometry_column_name", None)
    if geom_name is not None and geom_name in gdf.columns:
        geoms = gdf.geometry
        if geoms.crs is not None and not geoms.crs.equals("EPSG:4326"):
            geoms = geoms.to_crs("EPSG:4326")
        kinds = geoms.geom_type.dropna().unique()
        if len(kinds) and set(kinds) != {"Point"}:
            raise MapError("events must be points; got " + ", ".join(sorted(map(str, kinds))))
        import shapely

        arr = geoms.to_numpy()
        missing = shapely.is_missing(arr) | shapely.is_empty(arr)
        lon = np.where(missing, np.nan, shapely.get_x(arr))
        lat = np.where(missing, np.nan, shapely.get_y(arr))
        return lon.astype(float), lat.astype(float)
    if "lat" in gdf.columns and "lon" in gdf.columns:
        import pandas as pd

        return (pd.to_numeric(gdf["lon"], errors="coerce").to_numpy(float),
                pd.to_numeric(gdf["lat"], errors="coerce").to_numpy(float))
    raise MapError("the events frame has neither point geometry nor lat/lon columns")


class EventData(MacroElement):
    """The data block plus the runtime call that builds every layer from it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = Frontline.fromElement({{ this._parent.get_name() }}, {{ this.element_id|tojson }});
        {% endmacro %}
    """)

    def __init__(self, encoded: EncodedEvents):
        super().__init__()
        self._name = "EventData"
        self.encoded = encoded
        self.element_id = f"frontline-data-{self._id}"

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise MapError("render the map through its figure (maps.save_map or Map.save)")
        figure.html.add_child(RawHTML(
            f'<script type="application/json" id="{self.element_id}">'
            f"{script_json(self.encoded.data)}</script>"), name=self.element_id)
        super().render(**kwargs)


class EventLayer(Layer):
    """One side-and-kind layer built by the runtime; a real folium Layer so LayerControl lists it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.data_name }}.layers[{{ this.index }}].group;
        {% endmacro %}
    """)

    def __init__(self, data: EventData, index: int, show: bool = True):
        spec = data.encoded.layers[index]
        # Leaflet's layer control sets names as innerHTML: the side and kind
        # come from data, so escape them; the colour comes from our palette.
        name = (f'<span class="fl-layer-dot" style="background:{spec["color"]}"></span>'
                f'{html.escape(spec["name"])} ({spec["count"]:,})')
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventLayer"
        self.data_name = data.get_name()
        self.index = index
