"""``frontline demo``: the whole path on a report the project ships, in one command."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

DEMO_REPORT = "demo_report.txt"


@click.command("demo")
@click.option("--out", "out_dir", default="frontline-demo", show_default=True,
              type=click.Path(file_okay=False),
              help="Folder for the store, the map and the GeoJSON.")
def demo(out_dir: str) -> None:
    """Extract, store, map and export the events of a built-in example report.

    Writes OUT/frontline.gpkg (the store; running the demo again adds nothing),
    OUT/map.html (opens offline) and OUT/advances.geojson (the advances, RFC 7946).
    """
    from maps import render_map, save_map

    from ..errors import InputError
    from ..export import export_events
    from ..extract import extract_events
    from ..frame import to_geodataframe
    from ..store import Store
    from .store_cmd import _describe

    if not out_dir.strip():
        raise click.BadParameter("give a folder name, e.g. --out frontline-demo", param_hint="'--out'")
    out = Path(out_dir)
    text = resources.files("tracker").joinpath("data").joinpath(DEMO_REPORT).read_text(encoding="utf-8")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror}") from None

    click.echo(f"Reading the built-in example report ({len(text.split())} words)...", err=True)
    events = extract_events(text, source=f"frontline demo ({DEMO_REPORT})")
    for e in events:
        click.echo(_describe(e))
        if e.place_note:
            click.echo(f"    note: {e.place_note}")

    with Store.open(str(out / "frontline.gpkg")) as store:
        result = store.add(events, analyst="frontline demo")
        stored = store.query()
    click.echo(f"{len(events)} events found; {len(result.new)} new in {out / 'frontline.gpkg'}, "
               f"{len(result.known)} already stored", err=True)

    gdf = to_geodataframe(stored)
    map_path = save_map(render_map(gdf, title="frontline demo"), out / "map.html")
    advances = [e for e in stored if e.kind == "advance"]
    geojson = export_events(advances, out / "advances.geojson")
    click.echo(f"map: {map_path}", err=True)
    click.echo(f"advances: {geojson.path} ({geojson.count} features)", err=True)
