"""The analyst's own layer, kept in the data dir so it survives index rebuilds:
``places.csv`` (``gazetteer add``) and ``imports/*.tsv`` (``gazetteer import``)."""
from __future__ import annotations

import csv
import logging
import pathlib
import re
import unicodedata
from typing import Iterator

from . import settings
from .errors import GazetteerError
from .normalize import useful_variant

log = logging.getLogger(__name__)

PLACES_COLUMNS = ("id", "name", "kind", "lat", "lon", "country", "a1", "admin1", "aliases", "note")


def places_file() -> pathlib.Path:
    return settings.data_dir() / "places.csv"


def imports_dir() -> pathlib.Path:
    return settings.data_dir() / "imports"


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", "-", text).strip("-") or "place"


def read_places() -> list[dict[str, str]]:
    path = places_file()
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def append_place(row: dict[str, str]) -> None:
    path = places_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    try:
        with path.open("a", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=PLACES_COLUMNS)
            if new:
                w.writeheader()
            w.writerow({k: row.get(k, "") for k in PLACES_COLUMNS})
    except OSError as exc:
        raise GazetteerError(f"cannot write {path}: {exc}; set FRONTLINE_DATA_DIR to a writable directory") from exc


def iter_user_places(regions: dict) -> Iterator[dict]:
    """Records for the index builder from places.csv, then from each imported dump."""
    for row in read_places():
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            log.warning("places.csv: skipping row without coordinates: %r", row.get("name"))
            continue
        yield dict(id=f"user:{row['id']}", name=row["name"], kind=row.get("kind") or "settlement",
                   country=row.get("country") or None, a1=row.get("a1") or None,
                   admin1=row.get("admin1") or None, lat=lat, lon=lon,
                   variants=[a for a in (row.get("aliases") or "").split("|") if a.strip()],
                   source=f"user: {row.get('note') or 'added by analyst'}", precision="point")
    from .sources.geonames_dump import kind_of
    d = imports_dir()
    if not d.is_dir():
        return
    for tsv in sorted(d.glob("*.tsv")):
        with tsv.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                c = line.rstrip("\n").split("\t")
                try:
                    lat, lon = float(c[4]), float(c[5])
                except (IndexError, ValueError):
                    log.warning("%s:%d: not a place row; skipped (re-import the dump to fix)", tsv, lineno)
                    continue
                region = regions.get((c[8], c[10]))
                variants = [c[2]] + [v for v in c[3].split(",") if useful_variant(v)]
                pop = int(c[14]) if c[14].isdigit() else 0
                yield dict(id=f"geonames:{c[0]}", name=c[1], kind=kind_of(c[6], c[7]) or "settlement",
                           country=c[8], a1=c[10], admin1=region["name"] if region else None,
                           lat=lat, lon=lon, population=pop or None, variants=variants,
                           source=f"GeoNames dump {tsv.stem}")
