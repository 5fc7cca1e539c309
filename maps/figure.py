"""Static pictures of events for reports: PNG, SVG, PDF, and an animated GIF (or MP4).

The same layers as the HTML map — the offline base, one colour per side, one
symbol per kind, claimed advances hollow, a legend, the title and date range —
drawn with matplotlib through geopandas, framed on the main cluster of events.
"""
from __future__ import annotations

import logging
import math
import pathlib
from typing import TYPE_CHECKING, Any

from . import legend as style
from .errors import MapError

if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger(__name__)

STILL_FORMATS = (".png", ".svg", ".pdf")
ANIMATED_FORMATS = (".gif", ".mp4")
MARKERS = {"circle": "o", "triangle": "^", "square": "s", "diamond": "D"}
SEA, LAND, RIVER = "#cfe0ec", "#f4f1e8", "#6f9cc7"
MIN_SPAN_DEG = 1.2  # a single place still gets its surroundings
FAN_POINTS = 10.0   # symbols of different layers at one point sit this far apart
BIG_TOWN = 250_000  # named before oblasts: "Donetsk" matters more than "Donetsk Oblast"


def is_figure_path(path: "str | pathlib.Path") -> bool:
    return pathlib.Path(path).suffix.lower() in STILL_FORMATS + ANIMATED_FORMATS


def _frame(gdf: "gpd.GeoDataFrame"):
    from .layers import encode_events
    from .render import DEFAULT_TITLE, date_range_text, first_view

    encoded = encode_events(gdf, step="day")
    view = first_view(encoded)
    return encoded, view, date_range_text, DEFAULT_TITLE


def _extent(bounds, width_in: float, height_in: float) -> tuple[float, float, float, float]:
    (s, w), (n, e) = bounds
    pad_lat = max((n - s) * 0.12, 0.25)
    s, n = s - pad_lat, n + pad_lat
    mid = (s + n) / 2
    k = math.cos(math.radians(mid))
    pad_lon = max((e - w) * 0.12, 0.35)
    w, e = w - pad_lon, e + pad_lon
    if n - s < MIN_SPAN_DEG:
        s, n = mid - MIN_SPAN_DEG / 2, mid + MIN_SPAN_DEG / 2
    # widen the shorter side so the box fills the figure at the true aspect
    want = (width_in * 0.82) / (height_in * 0.80)
    have = (e - w) * k / (n - s)
    if have < want:
        extra = ((n - s) * want / k - (e - w)) / 2
        w, e = w - extra, e + extra
    else:
        extra = ((e - w) * k / want - (n - s)) / 2
        s, n = s - extra, n + extra
    return w, s, e, n


class _Plot:
    """One figure with the base drawn once; events can be redrawn per animation frame."""

    def __init__(self, gdf: "gpd.GeoDataFrame", *, title: str | None, width: float, height: float,
                 dpi: int, base: bool):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        self.plt = plt
        self.encoded, self.view, date_range_text, default_title = _frame(gdf)
        enc = self.encoded
        self.span = date_range_text(enc.first_date, enc.last_date)
        self.title = title or default_title
        fig = plt.figure(figsize=(width, height), dpi=dpi)
        ax = fig.add_axes((0.01, 0.06, 0.98, 0.84))
        self.fig, self.ax = fig, ax
        bounds = self.view.bounds or [[44.0, 30.0], [52.5, 41.0]]
        w, s, e, n = _extent(bounds, width, height)
        self.extent = (w, s, e, n)
        ax.set_facecolor(SEA)
        ax.set_xlim(w, e)
        ax.set_ylim(s, n)
        ax.set_aspect(1 / math.cos(math.radians((s + n) / 2)))
        ax.set_xticks([])
        ax.set_yticks([])
        self.fan_lon = self._fan(width)
        if base:
            self._draw_base()
        fig.text(0.5, 0.955, self.title, ha="center", va="center", fontsize=15, fontweight="bold")
        self.subtitle = fig.text(0.5, 0.918, "", ha="center", va="center", fontsize=10, color="#333")
        self.credit = fig.text(0.995, 0.012, "Base: Natural Earth (German point of view), GSHHG/WDBII, "
                               "GeoNames" if base else "", ha="right", va="bottom", fontsize=7, color="#666")
        self._legend()
        self._outside_note()
        self.artists: list[Any] = []

    def _fan(self, width_in: float):
        """Longitude offsets that set events of different layers at one point side by side.

        A Ukrainian advance and a North Korean deployment both "in Kursk Oblast" would
        otherwise be one symbol, the later layer hiding the earlier.
        """
        import numpy as np

        ev = self.encoded.data["ev"]
        n = len(ev["lat"])
        out = np.zeros(n)
        w, _, e, _ = self.extent
        step = FAN_POINTS * (e - w) / (width_in * 0.98 * 72)
        at: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            key = (round(ev["lat"][i] * 1e4), round(ev["lon"][i] * 1e4))
            layers = at.setdefault(key, [])
            if ev["layer"][i] not in layers:
                layers.append(ev["layer"][i])
        for i in range(n):
            layers = at[(round(ev["lat"][i] * 1e4), round(ev["lon"][i] * 1e4))]
            if len(layers) > 1:
                out[i] = (layers.index(ev["layer"][i]) - (len(layers) - 1) / 2) * step
        return out

    # -- base -------------------------------------------------------------------------------
    def _draw_base(self) -> None:
        import geopandas as gpd
        import shapely

        from .basedata import base_data

        b = base_data()
        ax = self.ax
        w, s, e, n = self.extent
        box = shapely.box(w - 1, s - 1, e + 1, n + 1)

        class _Empty:
            def plot(self, **kw):
                return None

        def clip(geom):
            part = shapely.intersection(geom, box)
            return _Empty() if part.is_empty else gpd.GeoSeries([part], crs="EPSG:4326")

        clip(shapely.union_all([b.land, b.land_world])).plot(ax=ax, color=LAND, edgecolor="#9fb3c4",
                                                               linewidth=0.5, zorder=1)
        clip(b.lakes).plot(ax=ax, color=SEA, edgecolor=RIVER, linewidth=0.3, zorder=2)
        clip(b.rivers).plot(ax=ax, color=RIVER, linewidth=0.8, zorder=2)
        clip(b.admin1).plot(ax=ax, color="#8c8c8c", linewidth=0.6, linestyle=(0, (4, 2)), zorder=3)
        clip(b.world_lines).plot(ax=ax, color="#8a8a8a", linewidth=0.6, zorder=3)
        clip(b.borders).plot(ax=ax, color="white", linewidth=2.6, zorder=3)
        clip(b.borders).plot(ax=ax, color="#4a4a4a", linewidth=1.3, zorder=3)
        ax.set_xlabel("")
        ax.set_ylabel("")
        self._base = b

    def _town_labels(self, reserved: list) -> None:
        b = getattr(self, "_base", None)
        if b is None:
            return
        w, s, e, n = self.extent
        span = e - w
        min_pop = 400_000 if span > 20 else 150_000 if span > 10 else 50_000 if span > 5 else 15_000
        ax = self.ax
        renderer = self.fig.canvas.get_renderer()
        shown = 0

        def town(name, lat, lon) -> bool:
            dot = ax.plot(lon, lat, "o", color="#555", markersize=2.2, zorder=4)[0]
            t = ax.annotate(name, (lon, lat), xytext=(3, 0), textcoords="offset points", fontsize=7,
                            color="#444", va="center", zorder=4)
            if _place(t, renderer, reserved):
                return True
            t.remove()
            dot.remove()
            return False

        in_view = [(name, lat, lon, pop) for name, lat, lon, pop in b.towns
                   if pop >= min_pop and w < lon < e and s < lat < n]
        big = [t for t in in_view if t[3] >= BIG_TOWN]
        for name, lat, lon, _ in big:
            shown += town(name, lat, lon)
        for u in b.admin1_units:
            if w < u["lon"] < e and s < u["lat"] < n and span < 16:
                t = ax.text(u["lon"], u["lat"], u["name"], fontsize=7, style="italic", color="#6a6a80",
                            ha="center", va="center", zorder=4)
                if not _place(t, renderer, reserved):
                    t.remove()
        for name, lat, lon, pop in in_view:
            if shown >= 60:
                break
            if pop < BIG_TOWN:
                shown += town(name, lat, lon)

    # -- events -----------------------------------------------------------------------------
    def draw_events(self, through: str | None = None) -> int:
        """Draw events dated on or before ``through`` (all when None); returns how many."""
        import numpy as np

        for a in self.artists:
            a.remove()
        self.artists = []
        data = self.encoded.data
        ev, strings = data["ev"], data["strings"]
        lat = np.asarray(ev["lat"])
        lon = np.asarray(ev["lon"])
        dates = np.asarray([strings[i] for i in ev["event_date"]], dtype=object)
        status = np.asarray([strings[i] for i in ev["status"]], dtype=object)
        precision = np.asarray([strings[i] for i in ev["precision"]], dtype=object)
        layer_of = np.asarray(ev["layer"])
        shown = np.ones(len(lat), dtype=bool) if through is None else dates <= through
        count = 0
        for li, spec in enumerate(self.encoded.layers):
            in_layer = (layer_of == li) & shown
            shape = style.KIND_SHAPES.get(spec["kind"], "circle")
            for st in ("confirmed", "assessed", "claimed", ""):
                for region in (False, True):
                    sel = in_layer & (status == st) & ((precision == "region") == region)
                    if not sel.any():
                        continue
                    marker = MARKERS[style.REGION_SHAPE if region else shape]
                    spec_st = style.STATUS_STYLES[st]
                    colour = spec["color"]
                    face = colour if spec_st["fillOpacity"] > 0 else "none"
                    a = self.ax.scatter(lon[sel] + self.fan_lon[sel], lat[sel], s=42, marker=marker, facecolors=face,
                                        edgecolors=colour, linewidths=1.4,
                                        alpha=1.0 if st != "assessed" else 0.85,
                                        linestyle="--" if st == "claimed" else "-", zorder=6)
                    if st == "assessed":
                        a.set_facecolor(_with_alpha(colour, 0.45))
                        a.set_alpha(None)
                    self.artists.append(a)
                    count += int(sel.sum())
        return count

    def place_labels(self, through: str | None = None) -> list[str]:
        """Label the places of the shown events, most events first, never overlapping."""
        from collections import Counter

        data = self.encoded.data
        ev, strings = data["ev"], data["strings"]
        w, s, e, n = self.extent
        counts: Counter = Counter()
        where: dict[str, tuple[float, float]] = {}
        for i in range(len(ev["lat"])):
            if through is not None and strings[ev["event_date"][i]] > through:
                continue
            name = strings[ev["place_name"][i]] or strings[ev["place"][i]]
            if not name or not (w < ev["lon"][i] < e and s < ev["lat"][i] < n):
                continue
            counts[name] += 1
            # the label goes beside the rightmost of the symbols fanned out at the place
            x0, y0 = where.get(name, (ev["lon"][i] - 1e9, ev["lat"][i]))
            where[name] = (max(x0, ev["lon"][i] + self.fan_lon[i]), y0)
        renderer = self.fig.canvas.get_renderer()
        reserved: list = []
        # the symbols themselves: no label may cover one
        from matplotlib.transforms import Bbox

        pts = self.ax.transData.transform(list(where.values())) if where else []
        r = 6 * self.fig.dpi / 72
        reserved += [Bbox([[x - r, y - r], [x + r, y + r]]) for x, y in pts]
        legend = self.ax.get_legend()
        if legend is not None:  # no name half hidden under the legend
            reserved.append(legend.get_window_extent(renderer=renderer))
        placed = []
        for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:80]:
            x, y = where[name]
            for dx, dy, ha, va in ((8, 0, "left", "center"), (-8, 0, "right", "center"),
                                   (0, 7, "center", "bottom"), (0, -7, "center", "top")):
                kw = dict(xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                          fontsize=9, fontweight="bold")
                t = self.ax.annotate(name, (x, y), color="#111", zorder=8, **kw)
                if _place(t, renderer, reserved):
                    # The white halo is a second, outline-only copy underneath: a path effect
                    # on the label itself would turn it into curves in SVG and PDF, where a
                    # writer wants text to search and edit.
                    halo = self.ax.annotate(name, (x, y), color="white", zorder=7.9, **kw)
                    halo.set_path_effects(_halo())
                    placed.append(name)
                    break
                t.remove()
        self._town_labels(reserved)
        return placed

    def set_subtitle(self, text: str) -> None:
        self.subtitle.set_text(text)

    # -- legend and notes -------------------------------------------------------------------
    def _legend(self) -> None:
        from matplotlib.lines import Line2D

        p = self.encoded.present
        handles = []
        for side in sorted(set(p["side"]), key=style._side_order):
            handles.append(Line2D([], [], marker="o", linestyle="", color=style.colour(side), markersize=7,
                                  label=style.side_noun(side)))
        for kind, shape in style.KIND_SHAPES.items():
            if kind in p["kind"]:
                handles.append(Line2D([], [], marker=MARKERS[shape], linestyle="", color="#555",
                                      markersize=7, label=kind))
        for st, label in style.STATUS_LABELS.items():
            if st in p["status"]:
                filled = style.STATUS_STYLES[st]["fillOpacity"] > 0
                handles.append(Line2D([], [], marker="o", linestyle="", markeredgecolor="#555",
                                      markerfacecolor=_with_alpha("#555555", 0.45 if st == "assessed" else 1)
                                      if filled else "none", markersize=7, label=label))
        if "region" in p["precision"]:
            handles.append(Line2D([], [], marker="D", linestyle="", color="#555", markersize=6,
                                  label="somewhere in a region"))
        if handles:
            leg = self.ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.92)
            leg.set_zorder(10)

    def _outside_note(self) -> None:
        groups = self.view.outside
        if not groups:
            return
        total = sum(g["count"] for g in groups)
        parts = ", ".join(f"{g['label']} {g['count']} {g['arrow']}" for g in groups)
        self.fig.text(0.01, 0.03, f"{total} event{'s' if total != 1 else ''} outside the view: {parts}",
                      fontsize=8, color="#333", ha="left", va="center")

    def save(self, path: pathlib.Path, **kw: Any) -> None:
        self.fig.savefig(path, **kw)

    def close(self) -> None:
        self.plt.close(self.fig)


def _halo():
    import matplotlib.patheffects as pe

    return [pe.Stroke(linewidth=3, foreground="white")]


def _with_alpha(colour: str, alpha: float):
    from matplotlib.colors import to_rgba

    r, g, b, _ = to_rgba(colour)
    return (r, g, b, alpha)


def _place(text, renderer, reserved: list) -> bool:
    """Keep ``text`` only if its box overlaps no earlier label (display coordinates)."""
    bb = text.get_window_extent(renderer=renderer).expanded(1.05, 1.15)
    for other in reserved:
        if bb.overlaps(other):
            return False
    reserved.append(bb)
    return True


def write_figure(gdf: "gpd.GeoDataFrame", path: "str | pathlib.Path", *, title: str | None = None,
                 width: float = 11.0, height: float = 8.0, dpi: int = 150, base: bool = True,
                 step: str = "auto", frame_ms: int = 600) -> pathlib.Path:
    """Write a PNG/SVG/PDF of the events, or a GIF/MP4 of them accumulating by ``step``."""
    target = pathlib.Path(path)
    suffix = target.suffix.lower()
    if suffix not in STILL_FORMATS + ANIMATED_FORMATS:
        raise MapError(f"cannot tell the picture format of {target.name}; use .png, .svg, .pdf, .gif or .mp4")
    if not (0.5 <= width <= 60 and 0.5 <= height <= 60):
        raise MapError(f"figure size {width} x {height} in is out of range (0.5–60 inches a side)")
    if not 20 <= dpi <= 1200:
        raise MapError(f"dpi {dpi} is out of range (20–1200)")
    try:
        import matplotlib  # noqa: F401
    except ImportError:  # pragma: no cover - a broken install
        raise MapError("pictures need matplotlib; run: pip install matplotlib") from None
    plot = _Plot(gdf, title=title, width=width, height=height, dpi=dpi, base=base)
    try:
        if suffix in STILL_FORMATS:
            n = plot.draw_events()
            plot.place_labels()
            plot.set_subtitle(f"{plot.span} · {n:,} event{'s' if n != 1 else ''}")
            import matplotlib

            # text stays text in SVG and PDF, so a writer can edit or search the figure
            with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
                _atomic(target, lambda tmp: plot.save(tmp, format=suffix[1:]))
        else:
            _animate(plot, target, step=step, frame_ms=frame_ms)
    finally:
        plot.close()
    log.info("wrote %s", target)
    return target


def _animate(plot: _Plot, target: pathlib.Path, *, step: str, frame_ms: int) -> None:
    from matplotlib import animation

    from .timeslider import time_steps

    data = plot.encoded.data
    dates = [data["strings"][i] for i in data["ev"]["event_date"]]
    if not dates:
        raise MapError("no events to animate")
    unit, labels, _ = time_steps(dates, step)
    suffix = target.suffix.lower()
    if suffix == ".mp4":
        if not animation.writers.is_available("ffmpeg"):
            raise MapError("writing .mp4 needs ffmpeg on PATH (apt-get install ffmpeg); or write a .gif")
        writer: Any = animation.FFMpegWriter(fps=1000 / frame_ms)
    else:
        writer = animation.PillowWriter(fps=1000 / frame_ms)
    first = min(dates)
    plot.place_labels()  # every place the animation will reach, placed once for steady frames

    def frame(k: int) -> None:
        n = plot.draw_events(labels[k])
        when = labels[k] if unit == "day" else f"week ending {labels[k]}"
        plot.set_subtitle(f"{first} – {when} · {n:,} event{'s' if n != 1 else ''}")

    def save(tmp: pathlib.Path) -> None:
        with writer.saving(plot.fig, str(tmp), dpi=plot.fig.dpi):
            for k in range(len(labels)):
                frame(k)
                writer.grab_frame()

    _atomic(target, save)


def _atomic(target: pathlib.Path, write) -> None:
    import os
    import tempfile

    parent = target.parent if str(target.parent) else pathlib.Path(".")
    if not parent.is_dir():
        raise MapError(f"cannot write {target}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".figure-", suffix=target.suffix, dir=parent)
    os.close(fd)
    try:
        write(pathlib.Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise MapError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
