"""Shared test setup: every test runs against real files, a real database and a real browser.

Fixtures live in one module per area under ``ft_fixtures/``.
"""
from __future__ import annotations

import os
import pathlib
import tempfile

# Keep tests away from the user's own cache and places: one throwaway home per
# test session, set before any project module reads the environment.
_SESSION_HOME = pathlib.Path(tempfile.mkdtemp(prefix="frontline-tests-"))
os.environ["FRONTLINE_CACHE_DIR"] = str(_SESSION_HOME / "cache")
os.environ["FRONTLINE_DATA_DIR"] = str(_SESSION_HOME / "data")
os.environ.pop("FRONTLINE_STORE", None)
os.environ.pop("FRONTLINE_ONLINE", None)

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"

pytest_plugins = [
    "ft_fixtures.gazetteer",
    "ft_fixtures.store",
    "ft_fixtures.browser",
]
