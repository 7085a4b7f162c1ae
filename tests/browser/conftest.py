"""One headless Debian chromium per test module, a fresh context per test.

Playwright cannot download browsers here: `make test` installs /usr/bin/chromium
through apt (or stops and says so). A missing browser fails the run; it is never skipped.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))
DEMO_PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory's password


# Playwright's sync API marks its event loop as running in the main thread for as long as it
# is started. Two consequences shape this fixture:
# - it is module-scoped, not session-scoped: while Playwright runs, synchronous code that uses
#   asyncio.run() (pyhanko signing PDFs) fails, and later non-browser tests must not see it;
# - one Playwright at a time however many places define the fixture (a module outside
#   tests/browser/ may re-export it: `browser = conftest.browser`): a second sync_playwright()
#   would fail ("Sync API inside the asyncio loop"). Users take a reference; the last closes.
_shared: dict = {"users": 0}


def _launch():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install the 'chromium' package (make test does)."
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    _shared["playwright"] = playwright
    _shared["browser"] = playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


@pytest.fixture(scope="module")
def browser():
    if "browser" not in _shared:
        _launch()
    _shared["users"] += 1
    yield _shared["browser"]
    _shared["users"] -= 1
    if _shared["users"] == 0:
        _shared.pop("browser").close()
        _shared.pop("playwright").stop()


@contextlib.contextmanager
def browser_page(browser, base_url: str, locale: str = "vi-VN"):
    """A page of a new browser context whose preferred language is `locale`."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1366, "height": 900},
        locale=locale,
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser, live_server):
    with browser_page(browser, live_server.url) as page:
        yield page


@pytest.fixture
def login(page):
    """Log a user in through the real login form."""

    def _login(user, password: str = DEMO_PASSWORD):
        page.goto("/dang-nhap/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        # "main form": the header's language switcher is a form with submit buttons too.
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    return _login


def screenshot(page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
