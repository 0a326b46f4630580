"""Page-test fixtures: AppTest on the hand-made SQLite fixture, run as the browser runs the app."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def opener(url: str, monkeypatch, before=None):
    """`open(page, **link parameters)` on the database at `url`: the app opened on `page` with the
    link's parameters, as a first request would (Streamlit runs the page file by itself then; the
    shell takes over). `before(at)`: set up the AppTest first (e.g. its secrets and login)."""
    monkeypatch.setenv("INDBLIK_DATABASE_URL", url)

    def make(page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if before:
            before(at)
        for k, v in query.items():
            at.query_params[k] = v
        if page and page != "overblik":
            at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return make


@pytest.fixture()
def app(sqlite_fixture_url, monkeypatch):
    """`app(page, **link parameters)` on the hand-made fixture (see opener)."""
    return opener(sqlite_fixture_url, monkeypatch)
