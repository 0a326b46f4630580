"""Page-test fixtures: AppTest on the hand-made SQLite fixture, run as the browser runs the app."""
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture()
def modern_navigation(monkeypatch):
    """Run AppTest as the browser runs the app after its first request.

    With a pages/ folder beside app.py, Streamlit starts every server process in its legacy
    pages/ mode and leaves it for good the first time st.navigation is called. AppTest resets that
    flag before every run, so without this each switch_page would run the page file bare.
    test_deep_link_on_a_fresh_server covers the legacy first request itself."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False
    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture()
def app(sqlite_fixture_url, monkeypatch, modern_navigation):
    monkeypatch.setenv("INDBLIK_DATABASE_URL", sqlite_fixture_url)

    def make(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        if page and page != "overblik":
            at.switch_page(f"pages/{page}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return make
