"""Reading the curated data files shipped in ``gazetteer/data``."""
from __future__ import annotations

import csv
import hashlib
import math
import pathlib
from typing import Iterator

DATA = pathlib.Path(__file__).resolve().parent / "data"
FILES = ("regions.csv", "aliases.csv", "training_grounds.csv", "districts.csv")


def data_stamp() -> str:
    """A hash of the curated files: the index is rebuilt when any of them changes."""
    h = hashlib.sha1()
    for name in FILES:
        path = DATA / name
        if path.exists():
            h.update(name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _rows(name: str) -> Iterator[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def regions() -> Iterator[dict]:
    """First-level units: iso, country, a1 (GeoNames code), name, names, short, centre, radius_km."""
    for row in _rows("regions.csv"):
        area = float(row["area_km2"] or 0)
        yield {
            "iso": row["iso"], "country": row["country"], "a1": row["a1"], "name": row["name"],
            "names": split(row["names"]), "short": split(row["short"]), "centre": row["centre"],
            # radius of a disc with the unit's area: a rough, honest size for region-level uncertainty
            "radius_km": round(math.sqrt(area / math.pi), 1) if area else None,
        }


def aliases() -> Iterator[dict]:
    """Spellings missing from GeoNames: alias, target name, country, a1 code, note."""
    for row in _rows("aliases.csv"):
        yield row


def training_grounds() -> Iterator[dict]:
    for row in _rows("training_grounds.csv"):
        yield row


def districts() -> Iterator[dict]:
    """Russian border districts: country, a1, adjective, seat (spellings), cyrillic."""
    for row in _rows("districts.csv"):
        yield row
