"""``frontline export`` and ``frontline import``: thin over tracker.export and the store."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .options import filter_options, store_option

_FORMATS = "geojson|geojsonseq|gpkg|csv|kml|parquet"


def _is_url(location: str) -> bool:
    return "://" in location


@click.command("export")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="File to write; '-' writes to standard output (GeoJSON unless --format).")
@click.option("--format", "fmt", metavar=_FORMATS.upper(),
              help=f"One of {_FORMATS}; default: from the file's extension.")
@click.option("--areas", is_flag=True,
              help="Also write each event's uncertainty area as a polygon (see docs/export.md).")
@store_option
@filter_options
def export(output: str, fmt: str | None, areas: bool, store: str, query) -> None:
    """Export stored events (filtered like `list`) for QGIS, Google Earth, pandas, ...

    Formats: GeoJSON (RFC 7946), GeoJSON text sequence, GeoPackage 1.3 (layer
    `events`), CSV (lat, lon and WKT columns), KML, GeoParquet.
    """
    from ..errors import ExportError, StoreError
    from ..export import check_format, export_events, format_for_path
    from ..store import Store

    # Every check that needs no data comes first, so a typo costs no store query.
    to_stdout = output == "-"
    fmt = check_format(fmt) if fmt else ("geojson" if to_stdout else format_for_path(output))
    if not to_stdout:
        target = Path(output)
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            what = "is not a directory" if parent.exists() else "does not exist"
            raise ExportError(f"cannot write {output}: {parent} {what}")
        if not os.access(parent, os.W_OK):
            raise ExportError(f"cannot write {output}: directory {parent} is not writable")
        if not _is_url(store) and target.exists() and Path(store).exists() \
                and os.path.samefile(target, store):
            raise ExportError(f"refusing to export over the store itself ({store}); choose another -o FILE")
    if not _is_url(store) and not Path(store).exists():
        raise StoreError(f"no store at {store}; ingest or import events first, or give --store")

    with Store.open(store) as s:
        events = s.query(query)

    if to_stdout:
        try:
            result = export_events(events, click.get_binary_stream("stdout"), fmt=fmt, areas=areas)
        except BrokenPipeError:
            # The reader stopped early (`| head`): its choice, not a failure. Click would turn
            # the broken pipe into exit 1, and Python would complain again at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
    else:
        result = export_events(events, output, fmt=fmt, areas=areas)
    where = "standard output" if to_stdout else output
    if not events:
        click.echo(f"frontline: note: no stored events match the filters; wrote an empty {fmt} "
                   f"file to {where}", err=True)
        return
    extra = f" and {result.areas} uncertainty areas" if areas else ""
    size = f", {result.bytes:,} bytes" if result.bytes is not None else ""
    click.echo(f"exported {result.count} events{extra} as {fmt} to {where}{size}", err=True)


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", metavar="geojson|geojsonseq|gpkg|csv|parquet",
              help="Default: from the file's extension ('-' reads GeoJSON from standard input).")
@click.option("--analyst", help="Name recorded in the history (default $FRONTLINE_ANALYST or login).")
@store_option
def import_(file: str, fmt: str | None, analyst: str | None, store: str) -> None:
    """Import events from an export (GeoJSON best) into the store; known events merge."""
    from ..export import import_events
    from ..store import Store

    events = import_events(file, fmt)
    with Store.open(store) as s:
        result = s.add(events, analyst=analyst)
    click.echo(f"imported {len(events)} events from {file} into {store}: {result.summary()}")
