"""Saved views: a page and its link saved under a name, opened again later — by its owner, or by a colleague
when shared — in the opener's own role (AppTest on a database of its own)."""
import pytest
import sqlalchemy as sa

from data import schema as s
from tests.conftest import sqlite_file
from tests.pages.conftest import opener


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return sqlite_file(tmp_path_factory, "views")


def test_a_view_is_saved_and_opened_again_with_its_filters(url, monkeypatch):
    open_ = opener(url, monkeypatch)
    at = open_("trivsel", kommune="530", koen="pige")
    at.text_input(key="views_name").input("Billunds piger").run()
    at.button(key="views_save").click().run()
    engine = sa.create_engine(url)
    with engine.connect() as c:
        rows = c.execute(sa.select(s.saved_view.c.name, s.saved_view.c.page, s.saved_view.c.params,
                                   s.saved_view.c.shared)).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Billunds piger", "trivsel", "kommune=530&koen=pige", False)]

    later = open_("overblik")  # a new session, on another page, with no filters
    assert later.sidebar.selectbox(key="f_kommune").value == "alle"
    assert later.selectbox(key="views_chosen").options == ["Billunds piger"]
    later.button(key="views_open").click().run()
    assert later.title[0].value == "Trivsel"
    assert later.sidebar.selectbox(key="f_kommune").value == 530 and later.sidebar.selectbox(key="f_gender").value == "pige"


def test_an_unnamed_view_is_refused_in_danish(url, monkeypatch):
    at = opener(url, monkeypatch)("overgange")
    at.button(key="views_save").click().run()
    assert "Giv visningen et navn." in [e.value for e in at.error]
