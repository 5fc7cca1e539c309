"""Fixtures for browser tests: Debian's chromium driven by playwright, with no network.

Every request that is not a file:// URL is aborted and recorded, so a test
proves the page renders offline; console errors and page errors are recorded
so a test can assert there were none.
"""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class OfflinePage:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: "str | os.PathLike[str]", timeout_ms: int = 60_000) -> None:
        self.page.goto(pathlib.Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)

    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[OfflinePage]:
    """A fresh page whose every non-file request is aborted; records errors, dialogs and blocks."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    op = OfflinePage(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            op.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: op.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: op.page_errors.append(str(exc)))

    def on_dialog(d: Any) -> None:
        op.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield op
    finally:
        context.close()
