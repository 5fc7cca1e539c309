"""``frontline serve``: review extracted events in the browser (Flask app, served by waitress).

``create_app(store)`` is the app; ``service`` holds what the pages do without the web.
Flask is imported only by ``create_app``'s module, so importing this package is cheap.
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(store: str, **options: Any):
    """See :func:`tracker.review.app.create_app`."""
    from .app import create_app as _create

    return _create(store, **options)
