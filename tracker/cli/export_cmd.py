"""``frontline export`` and ``frontline import``: thin over tracker.export and the store."""
from __future__ import annotations

import sys

import click

from .options import analyst_option, check_output, filter_options, open_existing, store_option

_FORMATS = "geojson|geojsonseq|gpkg|csv|kml|parquet"


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

    A CSV file also gets a column-type sidecar beside it (events.csv ->
    events.csvt) that GDAL and QGIS read; standard output gets none.
    """
    from ..export import check_format, export_events, format_for_path

    # Every check that needs no data comes first, so a typo costs no store query.
    to_stdout = output == "-"
    if not to_stdout:
        check_output(output, store, example="events.geojson", verb="export")
    fmt = check_format(fmt) if fmt else ("geojson" if to_stdout else format_for_path(output))

    with open_existing(store, readonly=True) as s:
        events = s.query(query)
    # A reader that stops early (`| head`) ends the command quietly: see tracker.cli.main.
    stream = sys.stdout.buffer if to_stdout else output
    result = export_events(events, stream, fmt=fmt, areas=areas)
    where = "standard output" if to_stdout else output
    if not events:
        click.echo(f"frontline: note: no stored events match the filters; wrote an empty {fmt} "
                   f"file to {where}" + _sidecar_note(output, fmt, to_stdout), err=True)
        return
    extra = f" and {result.areas} uncertainty areas" if areas else ""
    size = f", {result.bytes:,} bytes" if result.bytes is not None else ""
    click.echo(f"exported {result.count} events{extra} as {fmt} to {where}{size}"
               + _sidecar_note(output, fmt, to_stdout), err=True)


def _sidecar_note(output: str, fmt: str, to_stdout: bool) -> str:
    """Every file written is named: a CSV path also gets its .csvt type sidecar."""
    if fmt != "csv" or to_stdout:
        return ""
    from pathlib import Path

    return f", with column types in {Path(output).with_suffix('.csvt')}"


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--format", "fmt", metavar="geojson|geojsonseq|gpkg|csv|kml|parquet",
              help="Default: from the file's extension ('-' reads GeoJSON from standard input).")
@analyst_option
@store_option
def import_(file: str, fmt: str | None, analyst: str | None, store: str) -> None:
    """Import events from an export (GeoJSON best) into the store; known events merge."""
    from ..export import import_events
    from ..store import Store

    events = import_events(file, fmt)
    with Store.open(store) as s:
        result = s.add(events, analyst=analyst)
    # s.location: a database URL without its password
    click.echo(f"imported {len(events)} events from {file} into {s.location}: {result.summary()}")
