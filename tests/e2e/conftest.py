"""Browser tests: Debian's Chromium driven by Playwright against the demo site,
served by a server process of its own (tests/e2e/site_server.py).

Without /usr/bin/chromium they skip with the reason, except under CI, where a
missing browser fails the run. The browser and the server are started once
for the whole package; each test gets fresh browser contexts (no cookies, no
cache), and screenshots of its pages land in test-artifacts/failures/ when it
fails."""

import os
import re
from pathlib import Path

import pytest

from tests.e2e import site_server

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Accounts the journeys log in with: {username: (password, group or superuser)}.
ACCOUNTS = {
    "editor": ("editor-e2e-password", "superuser"),
    "urdu-translator": ("translator-e2e-password", "Urdu translators"),
}


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Unlike the unit tests, leave the cache alone: under Redis the site's
    server shares it, and clearing it would log the editor out."""
    yield


# Before pytest-xdist reads the groups in its own hook.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`make test`) the browser tests are two groups, a
    test in one and the next in the other, one per worker: each worker starts
    one browser and one server with its own copy of the site's database, and
    both halves run side by side first."""
    browser_tests = [item for item in items if HERE in item.path.parents]
    for number, item in enumerate(browser_tests):
        item.add_marker(pytest.mark.xdist_group(f"e2e-{number % 2}"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI needs it", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def demo_site(browser, tmp_path_factory):
    """The demo site in three languages, served on loopback; its emails go to
    `demo_site.inbox`."""
    with site_server.site_server(
        tmp_dir=tmp_path_factory.mktemp("e2e-site"),
        artifacts=ARTIFACTS,
        accounts=ACCOUNTS,
    ) as server:
        yield server


@pytest.fixture
def open_page(browser, demo_site, request):
    """Opens a page in a fresh browser context: open_page(viewport=PHONE,
    javascript=True, locale="en-GB"). Every request it makes is recorded in
    `page.requested_urls`."""
    contexts = []

    def open_page(*, viewport=PHONE, javascript=True, locale="en-GB"):
        context = browser.new_context(
            viewport=viewport,
            base_url=demo_site.url,
            java_script_enabled=javascript,
            locale=locale,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.requested_urls = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        return page

    yield open_page
    if getattr(request.node, "call_failed", False):
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.name)
        for number, page in enumerate(p for c in contexts for p in c.pages):
            page.screenshot(path=folder / f"{stem}-{number}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def phone(open_page):
    """A phone-sized page with JavaScript, in an English-speaking browser."""
    return open_page()
