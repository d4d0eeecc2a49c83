"""Playwright driving Debian's chromium (never a downloaded browser) against the live server."""
import os
import shutil
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As root chromium needs --no-sandbox; the closed network makes background fetches fail noisily.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made
    # by the test around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    # Playwright's event loop gives the ORM a new connection object: hand it the migrated rows
    # that serialized rollback restores (tests/conftest.py).
    from django.db import connections

    migrated_rows = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        if migrated_rows is not None:
            connections["default"]._test_serialized_contents = migrated_rows
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot into tests/screenshots/ (ignored by git): look at them."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
