"""Playwright driving Debian's Chromium (/usr/bin/chromium) against pytest-django's
live_server. Browsers are not downloaded (`playwright install` is not used): without
/usr/bin/chromium the tests skip, except under CI=true where they fail."""

from pathlib import Path

import pytest

from tests.system_tools import missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        missing(str(CHROMIUM), "chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django refuses ORM
    # calls from a thread with a running loop unless told otherwise. Only for this module.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as playwright:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized page (390×844, Vietnamese) with its own cookies."""
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", base_url=live_server.url, device_scale_factor=2
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
