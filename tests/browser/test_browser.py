"""Start Indblik with `streamlit run` and load every page in headless Chromium (Debian's chromium).

Fails on any Streamlit exception box. Under CI=true a missing browser is a failure, not a skip."""
import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, PAGES, running_app, wait_for_page
from tests.conftest import require_chromium

TITLES = {"": "Overblik", "trivsel": "Trivsel", "overgange": "Overgange", "effekt": "Effekt",
          "pejlemaerker": "Pejlemærker", "udforsk": "Udforsk", "data": "Data", "moede": "Mødetilstand"}


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_every_page_loads_without_an_exception(browser, sqlite_fixture_url):
    with running_app(sqlite_fixture_url) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        # first request is a deep link (the legacy pages/ path), then every page through the menu
        page.goto(f"{base}/trivsel?kommune=169")
        wait_for_page(page)
        assert page.locator("h1").first.inner_text() == "Trivsel"
        for name in PAGES:
            page.goto(f"{base}/{name}")
            wait_for_page(page)
            assert page.locator("[data-testid='stException']").count() == 0, f"exception box on /{name}"
            assert page.get_by_text("Page not found").count() == 0, f"/{name} is not a page"
            assert page.locator("h1").first.inner_text() == TITLES[name]
        # the filter from the link survived navigation by menu
        page.goto(f"{base}/trivsel?kommune=169")
        wait_for_page(page)
        page.get_by_role("link", name="Overblik").click()
        wait_for_page(page)
        assert "kommune=169" in page.url
        assert "Social trivsel er 3,96 i 2025/26" in page.locator("[data-testid='stMain']").inner_text()
