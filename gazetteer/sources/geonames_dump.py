"""Reading GeoNames export dumps (``UA.zip``/``UA.txt``, ``allCountries.zip``; tab-separated, 19 columns).

Only features a report can name as a place are kept: populated places (class P),
military bases (S.MILB, L.MILB) and ranges (L.RNGA).
"""
from __future__ import annotations

import io
import logging
import pathlib
import zipfile
from typing import IO, Iterator

from ..errors import GazetteerError

log = logging.getLogger(__name__)

COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date")
KEEP_CODES = {("S", "MILB"): "military_site", ("L", "MILB"): "military_site",
              ("L", "RNGA"): "training_ground"}


class DumpFormatError(GazetteerError):
    """A file given to ``gazetteer import`` is not in GeoNames dump format."""


def kind_of(feature_class: str, feature_code: str) -> str | None:
    if feature_class == "P":
        return "settlement"
    return KEEP_CODES.get((feature_class, feature_code))


def _open_text(path: pathlib.Path) -> tuple[IO[str], zipfile.ZipFile | None]:
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
        if not members:
            zf.close()
            raise DumpFormatError(f"{path}: the zip holds no GeoNames .txt dump (found {zf.namelist()[:5]})")
        return io.TextIOWrapper(zf.open(members[0]), encoding="utf-8", errors="strict"), zf
    return path.open(encoding="utf-8", errors="strict"), None


def read_dump(path: str | pathlib.Path) -> Iterator[list[str]]:
    """Yield the kept rows of a dump as 19 strings each; raise DumpFormatError on a malformed file."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise DumpFormatError(f"{path}: no such file; give a GeoNames dump such as UA.zip or UA.txt")
    fh, zf = _open_text(path)
    try:
        good = 0
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != len(COLUMNS):
                raise DumpFormatError(
                    f"{path}:{lineno}: expected {len(COLUMNS)} tab-separated columns of a GeoNames dump, "
                    f"found {len(cols)}")
            try:
                int(cols[0]); float(cols[4]); float(cols[5])
            except ValueError:
                raise DumpFormatError(f"{path}:{lineno}: geonameid/latitude/longitude are not numbers") from None
            if not (-90 <= float(cols[4]) <= 90 and -180 <= float(cols[5]) <= 180):
                raise DumpFormatError(f"{path}:{lineno}: coordinates out of range")
            good += 1
            if kind_of(cols[6], cols[7]):
                yield cols
        if good == 0:
            raise DumpFormatError(f"{path}: no GeoNames rows found")
    except UnicodeDecodeError as exc:
        raise DumpFormatError(f"{path}: not UTF-8 text ({exc.reason}); give a GeoNames dump") from None
    except zipfile.BadZipFile as exc:
        raise DumpFormatError(f"{path}: broken zip file ({exc})") from None
    finally:
        fh.close()
        if zf is not None:
            zf.close()
