"""Debian's Chromium, headless, through Playwright: for the browser tests, the screenshot and the benchmark.

Playwright is a test extra and is imported only here; no browser is ever downloaded.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def chromium(width: int = 1600, height: int = 1000) -> Iterator:
    """A Playwright browser context of headless Chromium with a fresh profile, closed on exit."""
    if not CHROMIUM.exists():
        raise KgError(f"{CHROMIUM} is missing; install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise KgError("Playwright is missing; install the test extras: pip install -e '.[test]'") from None
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True,
            viewport={"width": width, "height": height})
        try:
            yield context
        finally:
            context.close()


def wait_until_laid_out(page, timeout_ms: int = 60_000) -> float:
    """Wait for the kg network page to finish its layout; return when it did, in ms since navigation."""
    page.wait_for_function("() => window.kg && window.kg.ready", timeout=timeout_ms)
    return page.evaluate("window.kg.stabilisedMs")
