"""Headless Chromium for page tests: the system's package (``apt-get install chromium``), driven by
Playwright pointed at that binary (Playwright never downloads a browser here)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def chromium_path() -> str:
    """The system Chromium binary; raises RuntimeError when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("Chromium is not installed: run .ci/setup-chromium.sh (apt-get install chromium)")


@contextmanager
def headless_browser() -> Iterator[Any]:
    """A Playwright ``Browser`` on the system Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
