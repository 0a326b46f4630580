"""`python -m tests.browser.screenshots [URL-or-nothing]`: every page at 1920x1080 and 1280x720
into screenshots/, from the app running on the embedded demo database (or the given URL)."""
import sys

from playwright.sync_api import sync_playwright

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, PAGES, ROOT, running_app, wait_for_page

OUT = ROOT / "screenshots"


def main(database_url: str | None = None, query: str = "") -> None:
    OUT.mkdir(exist_ok=True)
    with running_app(database_url) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for w, h in ((1920, 1080), (1280, 720)):
            page = browser.new_page(viewport={"width": w, "height": h})
            for name in PAGES:
                page.goto(f"{base}/{name}{query}")
                wait_for_page(page)
                shot = name or "overblik"
                page.screenshot(path=str(OUT / f"{shot}_{w}x{h}.png"))
                print(f"{shot} {w}x{h}", flush=True)
            # Streamlit's main area scrolls inside the page: a tall viewport shows a whole page at once
            page.set_viewport_size({"width": w, "height": 5200})
            for name in PAGES:
                page.goto(f"{base}/{name}{query}")
                wait_for_page(page)
                page.screenshot(path=str(OUT / f"{name or 'overblik'}_{w}_full.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
