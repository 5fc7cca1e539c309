"""``frontline extract``: print the events of report files; store nothing."""
from __future__ import annotations

import json
import sys

import click

from .options import iso_date, read_stdin, table_lines

# place: as the report names it; place_name: the gazetteer entry it was placed at (as in `list`)
TABLE_COLUMNS = ("event_date", "side", "kind", "status", "claimant", "relation", "place", "place_name",
                 "admin1", "precision", "uncertainty_km")
RS = "\x1e"  # RFC 8142 record separator


def _table(events, out) -> None:
    rows = ([e.properties()[c] for c in TABLE_COLUMNS] for e in events)
    out.write("".join(line + "\n" for line in table_lines(TABLE_COLUMNS, rows)))


@click.command("extract")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--report-date", callback=iso_date, metavar="YYYY-MM-DD",
              help="Date of the report (default: found in its first lines, else in the file name).")
@click.option("--source", help="Source recorded on each event (default: the file path as given).")
@click.option("--format", "fmt", type=click.Choice(["geojson", "geojsonseq", "jsonl", "table"]),
              default="geojson", show_default=True,
              help="geojson: one FeatureCollection for all files (each feature keeps its source); "
                   "geojsonseq (RFC 8142) or jsonl: one feature per record, file by file.")
@click.option("--explain", is_flag=True,
              help="Also write on stderr, per event, the rule trigger or parse relation that produced it.")
def extract(files: tuple[str, ...], report_date: str | None, source: str | None, fmt: str,
            explain: bool = False) -> None:
    """Print the events found in report FILEs (text or saved HTML; '-' reads stdin); nothing is stored.

    A file that cannot be read is reported on stderr and the others are still
    printed; the exit status is then 1.
    """
    from ..errors import FrontlineError
    from ..event import feature_collection
    from ..extract import explain_events, extract_file

    out = sys.stdout
    failed = 0
    collected: list = []  # geojson: one document for every file, written at the end
    for path in files:
        try:
            if path == "-":  # a report piped in: date from --report-date or the text itself
                from ..extract import report_date_of

                text = read_stdin()
                pairs = explain_events(text, report_date_of(text, None, report_date),
                                       source if source is not None else "<stdin>")
            else:
                pairs = extract_file(path, report_date=report_date, source=source, explain=True)
            events = [e for e, _ in pairs]
            if explain:
                for e, why in pairs:
                    click.echo(f"{e.event_date} {e.side} {e.kind} {e.relation} {e.place}: {why}", err=True)
        except FrontlineError as exc:
            failed += 1
            if len(files) == 1:
                raise
            click.echo(f"frontline: error: {exc}", err=True)
            continue
        if fmt == "geojson":
            collected.extend(events)
            continue
        if fmt in ("jsonl", "geojsonseq"):
            lead = RS if fmt == "geojsonseq" else ""
            for e in events:
                out.write(lead + json.dumps(e.to_feature(), ensure_ascii=False) + "\n")
        else:
            if len(files) > 1:
                out.write(f"== {path}: {len(events)} events\n")
            _table(events, out)
        out.flush()
    if fmt == "geojson":
        out.write(json.dumps(feature_collection(collected), ensure_ascii=False) + "\n")
        out.flush()
    if failed:
        sys.exit(1)
