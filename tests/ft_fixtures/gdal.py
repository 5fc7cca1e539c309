"""GDAL's command-line tools (Debian's gdal-bin) for read-back checks: found on PATH, or the
test is skipped with the reason, as the README promises for a machine without them."""
from __future__ import annotations

import shutil

import pytest

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


def gdal_tool(name: str) -> str:
    """The path of GDAL's ``name`` (ogrinfo, ogr2ogr, ...); skips the test when it is absent."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not on PATH (GDAL's command-line tools: apt-get install gdal-bin)")
    return path
