"""``frontline map``: stored events -> a layered HTML map (thin over maps.render_map)."""
from __future__ import annotations

import click

from .options import check_output, filter_options, open_existing, store_option


@click.command("map")
@store_option
@filter_options
@click.option("-o", "--output", default="map.html", show_default=True, metavar="FILE",
              help="File to write: .html (interactive), .png/.svg/.pdf (a figure) or .gif/.mp4 "
                   "(events accumulating by --step).")
@click.option("--title", help="Map title (default 'Frontline events'); the date range is added.")
@click.option("--cdn", is_flag=True,
              help="Link Leaflet from a CDN instead of inlining it: a smaller file that needs a "
                   "network whenever the map is opened (offline it shows only a message).")
@click.option("--tiles", default="none", show_default=True, metavar="osm|NAME|URL|none",
              help="Web tiles over the offline base map (need a network): 'osm', a provider "
                   "name or a URL template with {z}/{x}/{y}.")
@click.option("--step", type=click.Choice(["auto", "day", "week"]), default="auto", show_default=True,
              help="Time slider step: events accumulate day by day or week by week.")
@click.option("--no-base", is_flag=True, help="Leave out the offline base map (land, borders, oblasts, "
              "rivers, town names).")
@click.option("--width", type=float, default=11.0, show_default=True, help="Figure width in inches (pictures).")
@click.option("--height", type=float, default=8.0, show_default=True, help="Figure height in inches (pictures).")
@click.option("--dpi", type=int, default=150, show_default=True, help="Dots per inch (PNG, GIF, MP4).")
def map_(store: str, query, output: str, title: str | None, cdn: bool, tiles: str, step: str,
         no_base: bool, width: float, height: float, dpi: int) -> None:
    """Render stored events (filtered like `list`) into one HTML file.

    One layer per side and kind with a layer control, claimed events hollow and
    dashed, uncertainty circles, a legend, and a slider that shows events
    accumulating over time. The file opens offline unless --cdn is given.
    """
    from maps import render_map, save_map

    from ..frame import to_geodataframe

    from maps.figure import is_figure_path, write_figure

    picture = is_figure_path(output)
    target = check_output(output, store, example="front.png" if picture else "map.html", verb="write the map")
    with open_existing(store, readonly=True) as s:
        events = s.query(query)
    if picture:
        write_figure(to_geodataframe(events), target, title=title, width=width, height=height, dpi=dpi,
                     base=not no_base, step=step)
        click.echo(f"wrote {output}: {len(events):,} events", err=True)
        return
    m = render_map(to_geodataframe(events), title=title, cdn=cdn, tiles=tiles, step=step, base=not no_base)
    save_map(m, target)
    if not events:
        click.echo(f"frontline: note: no stored events match the filters; wrote an empty map to {output}",
                   err=True)
        return
    size = target.stat().st_size
    offline = not cdn and not _wants_tiles(tiles)
    click.echo(f"wrote {output}: {len(events):,} events, {size / 1e6:.1f} MB"
               + (", self-contained" if offline else ", needs a network for "
                  + ("Leaflet and tiles" if cdn and _wants_tiles(tiles) else "Leaflet" if cdn else "tiles")
                  + " when opened" + (" (without --cdn it opens offline)" if cdn else "")),
               err=True)


def _wants_tiles(tiles: str | None) -> bool:
    from maps.render import NO_TILES

    return bool(tiles) and tiles.strip().lower() not in NO_TILES
