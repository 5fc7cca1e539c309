"""``frontline gazetteer``: look up, import and add places (a thin layer over ``gazetteer``)."""
from __future__ import annotations

import json
from typing import Any

import click

from gazetteer.errors import PlaceNotFound, UnknownRegion


def _near(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[float, float]]:
    points = []
    for value in values:
        try:
            lat, lon = (float(v) for v in value.split(","))
        except ValueError:
            raise click.BadParameter(f"{value!r}: use LAT,LON in degrees, e.g. 48.39,37.85") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise click.BadParameter(f"{value!r}: latitude must be -90..90 and longitude -180..180")
        points.append((lat, lon))
    return points


def _gz():
    from gazetteer import Gazetteer
    return Gazetteer.default()


def _table(rows: list[dict[str, Any]]) -> str:
    from .options import table_lines

    cols = ("score", "id", "name", "kind", "admin1", "country", "lat", "lon", "reason")
    return "\n".join(table_lines(cols, ([r.get(c) for c in cols] for r in rows)))


@click.group()
def gazetteer() -> None:
    """Look up, import and add places (offline; index built once in the cache dir)."""


@gazetteer.command()
@click.argument("name")
@click.option("--region", "-r", help="Only/first places in this region, e.g. 'Donetsk Oblast', 'UA-14'.")
@click.option("--near", "-n", multiple=True, callback=_near, metavar="LAT,LON",
              help="Prefer places near this point; repeat for several context points.")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["settlement", "region", "training_ground", "military_site"]),
              help="Only places of this kind (repeatable).")
@click.option("--limit", "-l", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--online/--offline", default=None,
              help="Ask Nominatim when nothing local matches (default: env FRONTLINE_ONLINE, else off).")
@click.option("--no-fuzzy", is_flag=True, help="Exact (folded) names only.")
def lookup(name: str, region: str | None, near: list, kinds: tuple[str, ...], limit: int, fmt: str,
           online: bool | None, no_fuzzy: bool) -> None:
    """Ranked places called NAME, best first, each with the reason it ranks there."""
    gz = _gz()
    matches = gz.lookup(name, region=region, near=near or None, limit=limit, kinds=kinds or None,
                        fuzzy=not no_fuzzy, online=online)
    if not matches:
        raise PlaceNotFound(name, gz.suggest(name),
                            hint="try another spelling, --online, or `frontline gazetteer import` "
                                 "a GeoNames country dump for villages")
    rows = [m.to_dict() for m in matches]
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2) if fmt == "json" else _table(rows))


@gazetteer.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def region(name: str, fmt: str) -> None:
    """The first-level region called NAME ('Kursk Oblast', 'Buryatia', 'UA-14')."""
    gz = _gz()
    place = gz.region(name)
    if place is None:
        raise UnknownRegion(name, gz.suggest_region(name))
    d = place.to_dict()
    if fmt == "json":
        click.echo(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{place.id}  {place.name}  {place.country}  lat {place.lat}  lon {place.lon}  "
                   f"radius ~{place.radius_km} km  (point: {place.host})")


@gazetteer.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def import_(file: str) -> None:
    """Load a GeoNames country dump (UA.zip or UA.txt from download.geonames.org/export/dump/).

    Populated places and military sites are kept in the data dir, so they
    survive index rebuilds; villages under 500 people then resolve.
    """
    n = _gz().import_dump(file)
    click.echo(f"imported {n:,} places from {file}")


@gazetteer.command()
@click.argument("name")
@click.option("--lat", type=float, required=True, help="Latitude in degrees (WGS 84).")
@click.option("--lon", type=float, required=True, help="Longitude in degrees (WGS 84).")
@click.option("--kind", default="settlement", show_default=True,
              help="settlement, training_ground, military_site, ...")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@click.option("--note", default="", help="Where the coordinates come from.")
def add(name: str, lat: float, lon: float, kind: str, aliases: tuple[str, ...], note: str) -> None:
    """Add your own place (kept in the data dir's places.csv; survives rebuilds)."""
    place = _gz().add(name, lat, lon, kind=kind, aliases=aliases, note=note)
    click.echo(f"added {place.id}: {place.name} ({place.lat}, {place.lon})"
               + (f" in {place.admin1}" if place.admin1 else ""))


@gazetteer.command()
def build() -> None:
    """Rebuild the index from cities500, the curated files and your places."""
    from gazetteer import Gazetteer
    gz = Gazetteer.rebuild()
    click.echo(json.dumps(gz.info(), indent=2))


@gazetteer.command()
def info() -> None:
    """Where the index and your places live, and what they hold."""
    click.echo(json.dumps(_gz().info(), indent=2))


@gazetteer.command()
@click.argument("name")
@click.option("--limit", "-l", type=click.IntRange(1, 50), default=5, show_default=True)
def suggest(name: str, limit: int) -> None:
    """Names close to NAME (what 'did you mean' offers)."""
    from gazetteer.core import check_name

    check_name(name)  # an empty or binary name is an error here, not "no suggestions"
    names = _gz().suggest(name, limit=limit)
    for s in names:
        click.echo(s)
    if not names:
        click.echo(f"frontline: note: no known name is close to {name!r}", err=True)


__all__ = ["gazetteer"]
