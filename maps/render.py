"""render_map: a GeoDataFrame of events -> a layered folium Map; save_map writes it."""
from __future__ import annotations

import html
import logging
import os
import pathlib
import tempfile
from typing import TYPE_CHECKING

import folium
from branca.element import Element
from folium.elements import MacroElement
from folium.template import Template

from . import assets
from . import legend as style
from .errors import MapError
from .layers import EncodedEvents, EventData, EventLayer, RawHTML, encode_events
from .timeslider import TimeSlider

if TYPE_CHECKING:
    import geopandas as gpd

    from .view import View

log = logging.getLogger(__name__)

DEFAULT_TITLE = "Frontline events"
EMPTY_VIEW = ((48.5, 35.0), 6)  # eastern Ukraine, for a map with nothing on it
NO_TILES = {"", "none", "off", "no"}
TILE_ALIASES = {"osm": "OpenStreetMap", "openstreetmap": "OpenStreetMap"}


class _Decorations(MacroElement):
    """Title and legend, drawn by the runtime with textContent only."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.data_name }}.addTitle({{ this.title|tojson }}, {{ this.subtitle|tojson }});
            {{ this.data_name }}.homeBounds = {{ this.home|tojson }};
            {%- if this.outside %}
            {{ this.data_name }}.addOutsideNote({{ this.outside|tojson }});
            {%- endif %}
            {%- if this.legend %}
            {{ this.data_name }}.addLegend({{ this.legend|tojson }});
            {%- endif %}
        {% endmacro %}
    """)

    def __init__(self, data_name: str, title: str, subtitle: str, legend: dict | None,
                 home: list | None = None, outside: list | None = None):
        super().__init__()
        self._name = "Decorations"
        self.data_name, self.title, self.subtitle, self.legend = data_name, title, subtitle, legend
        self.home, self.outside = home, outside


def date_range_text(first: str | None, last: str | None) -> str:
    if not first:
        return "no events"
    return first if first == last else f"{first} – {last}"


def render_map(events_gdf: "gpd.GeoDataFrame", *, title: str | None = None, cdn: bool = False,
               tiles: str | None = None, step: str = "auto", legend: bool = True,
               slider: bool = True, layer_control: bool = True,
               hidden_layers: tuple[str, ...] = (), base: bool = True) -> folium.Map:
    """A layered, time-enabled map of events (a frame from ``tracker.frame.to_geodataframe``).

    One layer per side and kind, claimed events hollow and dashed, uncertainty
    circles for near/offset/direction events and a diamond for region-level
    ones, a slider showing events accumulating by ``step`` ("auto", "day",
    "week"), a legend and a title with the date range. Self-contained (all
    JavaScript and CSS inlined) unless ``cdn``. ``base`` draws the offline base map
    (land, borders, oblasts, rivers, town names; see ``maps.basedata``) under
    the events; ``tiles`` ("osm", a folium provider name or a URL template)
    adds web tiles on top of it, which need a network. The first view frames
    the densest 90% of the events and a note lists the rest. ``hidden_layers``
    holds "side-kind" keys (e.g. "russia-attack") to start switched off.
    """
    encoded = encode_events(events_gdf, step=step)
    if isinstance(tiles, str) and tiles.strip().lower() in NO_TILES:
        tiles = None
    if isinstance(tiles, str):
        tiles = TILE_ALIASES.get(tiles.strip().lower(), tiles.strip())
    attr = None
    if isinstance(tiles, str) and "{z}" in tiles:
        from urllib.parse import urlparse

        # Leaflet shows attributions as HTML: credit the host, escaped.
        attr = html.escape(urlparse(tiles).netloc or "tile server")
    try:
        m = folium.Map(location=None if encoded.bounds else EMPTY_VIEW[0], tiles=None,
                       zoom_start=EMPTY_VIEW[1], prefer_canvas=True, control_scale=True)
        if tiles:
            # One base map needs no radio button in the layer control.
            folium.TileLayer(tiles, attr=attr, control=False).add_to(m)
    except (ValueError, KeyError) as exc:
        raise MapError(f"cannot use tiles {tiles!r} ({exc}); give a provider name such as "
                       "OpenStreetMap, a URL template with {z}/{x}/{y}, or 'none'") from None
    # Instance lists: folium's class-level defaults load ten files from four
    # CDNs (bootstrap, Font Awesome, ...) that nothing here uses.
    m.default_js = []
    m.default_css = []
    m.options["maxZoom"] = 18  # tiles=None leaves no maxZoom, which breaks fitBounds at one point
    figure = m.get_root()
    figure.header.add_child(RawHTML(assets.head_html(cdn=cdn)), name="frontline_assets")

    span = date_range_text(encoded.first_date, encoded.last_date)
    main_title = title if title else DEFAULT_TITLE
    figure.title = html.escape(f"{main_title} ({span})")
    subtitle = f"{span} · {encoded.count:,} event{'s' if encoded.count != 1 else ''}"

    data = EventData(encoded)
    m.add_child(data)
    if base:
        from .base_layer import BaseLayer

        m.add_child(BaseLayer(data.get_name()))
    for i, spec in enumerate(encoded.layers):
        m.add_child(EventLayer(data, i, show=spec["key"] not in hidden_layers))
    if layer_control and encoded.layers:
        folium.LayerControl(collapsed=False, position="topright").add_to(m)
    if slider and encoded.count:
        m.add_child(TimeSlider(data.get_name(), encoded.unit))
    legend_data = None
    if legend and encoded.count:
        p = encoded.present
        legend_data = style.legend_spec(p["side"], p["kind"], p["status"], p["precision"],
                                        retracted=p["retracted"])
    view = first_view(encoded)
    bounds = view.bounds if view.bounds else encoded.bounds
    m.add_child(_Decorations(data.get_name(), main_title, subtitle, legend_data,
                             home=bounds, outside=view.outside or None))

    if bounds:
        (s, w), (n, e) = bounds
        if s == n and w == e:  # one place: fitBounds would zoom to the maximum
            s, w, n, e = s - 0.2, w - 0.3, n + 0.2, e + 0.3
        m.fit_bounds([[s, w], [n, e]], padding=(30, 30))
    if cdn:
        _guard_script(figure)
    log.info("map of %d events in %d layers, %s", encoded.count, len(encoded.layers), span)
    return m


class _NeedsLeaflet(Element):
    """The page's closing script, run only when Leaflet is there: a --cdn map opened offline
    then shows its one message (``assets.NO_LEAFLET_JS``) instead of 'L is not defined'."""

    def render(self, **kwargs) -> str:
        return "if (window.L) {\n" + super().render(**kwargs) + "\n}"


def _guard_script(figure) -> None:
    guarded = _NeedsLeaflet()
    guarded._parent = figure
    guarded._children = figure.script._children  # what is there now and what rendering adds
    figure.script = guarded


def first_view(encoded: EncodedEvents) -> "View":
    """The densest region of the encoded events (see maps.view), with the others grouped by region."""
    from .view import View, main_view

    ev = encoded.data["ev"]
    if not encoded.count:
        return View(None)
    strings = encoded.data["strings"]
    labels = [strings[a] or strings[c] for a, c in zip(ev["admin1"], ev["country"])]
    return main_view(ev["lat"], ev["lon"], labels)


def save_map(m: folium.Map, path: "str | os.PathLike[str]") -> pathlib.Path:
    """Write the map's HTML to ``path`` atomically (a failed write leaves any old file intact)."""
    target = pathlib.Path(path)
    if target.is_dir():
        raise MapError(f"{target} is a directory; give a file name such as {target / 'map.html'}")
    parent = target.parent if str(target.parent) else pathlib.Path(".")
    if not parent.is_dir():
        raise MapError(f"cannot write {target}: folder {parent} does not exist")
    page = map_html(m)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".map-", suffix=".html", dir=parent)
        try:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a map is meant to be shared
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(page)
            os.replace(tmp, target)
        except BaseException:
            pathlib.Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise MapError(f"cannot write {target}: {exc.strerror or exc}") from None
    log.info("wrote %s (%.1f MB)", target, target.stat().st_size / 1e6)
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def map_html(m: folium.Map) -> str:
    """The map's full HTML page as a string."""
    return m.get_root().render()
