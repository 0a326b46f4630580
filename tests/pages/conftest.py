"""Page-test fixtures: AppTest on the hand-made SQLite fixture, run as the browser runs the app."""
from pathlib import Path

import io
from types import SimpleNamespace

import pytest
import streamlit as st
from openpyxl import load_workbook
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


@pytest.fixture()
def downloads(monkeypatch):
    """The files the page offers for download: `.text` (file name -> its text; an Excel file's cells as
    text) and `.raw` (file name -> its bytes; for an image, the function that draws it)."""
    files: dict[str, str] = {}
    files_raw: dict[str, bytes] = {}
    offer = st.download_button

    def recording(label, data, *args, **kwargs):
        if kwargs.get("file_name", "").endswith(".png"):  # an image is drawn only when a test asks for it
            files_raw[kwargs["file_name"]] = data
            return offer(label, data, *args, **kwargs)
        raw = data() if callable(data) else data
        if kwargs.get("file_name", "").endswith((".pdf", ".pptx")):  # the meeting papers: bytes only
            text = ""
        elif kwargs.get("file_name", "").endswith(".xlsx"):
            book = load_workbook(io.BytesIO(raw))
            text = "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)
        else:
            text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else str(raw)
        files[kwargs.get("file_name", label)] = text
        files_raw[kwargs.get("file_name", label)] = raw
        return offer(label, data, *args, **kwargs)
    monkeypatch.setattr(st, "download_button", recording)
    return SimpleNamespace(text=files, raw=files_raw)


