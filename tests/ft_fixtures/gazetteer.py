"""Fixtures for gazetteer tests: one real index per test session, built from cities500.

The index is built into the session's FRONTLINE_CACHE_DIR (set by conftest), once;
every test that needs places takes the ``gazetteer`` fixture.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gazetteer():
    """The default Gazetteer over a freshly built index in the session cache dir."""
    from gazetteer import Gazetteer

    return Gazetteer.default()
