"""``frontline map``: stored events -> a layered HTML map (thin over maps.render_map)."""
from __future__ import annotations

import click

from .options import check_output, filter_options, open_existing, store_option


@click.command("map")
@store_option
@filter_options
@click.option("-o", "--output", default="map.html", show_default=True, metavar="FILE",
              help="HTML file to write.")
@click.option("--title", help="Map title (default 'Frontline events'); the date range is added.")
@click.option("--cdn", is_flag=True,
              help="Link Leaflet from a CDN instead of inlining it (smaller file, needs a network).")
@click.option("--tiles", default="none", show_default=True, metavar="osm|NAME|URL|none",
              help="Web tiles over the offline base map (need a network): 'osm', a provider "
                   "name or a URL template with {z}/{x}/{y}.")
@click.option("--step", type=click.Choice(["auto", "day", "week"]), default="auto", show_default=True,
              help="Time slider step: events accumulate day by day or week by week.")
def map_(store: str, query, output: str, title: str | None, cdn: bool, tiles: str, step: str) -> None:
    """Render stored events (filtered like `list`) into one HTML file.

    One layer per side and kind with a layer control, claimed events hollow and
    dashed, uncertainty circles, a legend, and a slider that shows events
    accumulating over time. The file opens offline unless --cdn is given.
    """
    from maps import render_map, save_map

    from ..frame import to_geodataframe

    target = check_output(output, store, example="map.html", verb="write the map")
    with open_existing(store) as s:
        events = s.query(query)
    m = render_map(to_geodataframe(events), title=title, cdn=cdn, tiles=tiles, step=step)
    save_map(m, target)
    if not events:
        click.echo(f"frontline: note: no stored events match the filters; wrote an empty map to {output}",
                   err=True)
        return
    size = target.stat().st_size
    offline = not cdn and not _wants_tiles(tiles)
    click.echo(f"wrote {output}: {len(events):,} events, {size / 1e6:.1f} MB"
               + (", self-contained" if offline else ", needs a network for "
                  + ("Leaflet and tiles" if cdn and _wants_tiles(tiles) else "Leaflet" if cdn else "tiles")),
               err=True)


def _wants_tiles(tiles: str | None) -> bool:
    from maps.render import NO_TILES

    return bool(tiles) and tiles.strip().lower() not in NO_TILES
