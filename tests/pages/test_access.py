"""Who may see what, through the app as a reader meets it (AppTest with a fake OIDC identity: the
`[auth]` secrets section and `AppTest.user`, never a real identity provider).

Every page is opened by a leder, an udvalg and another municipality's administration with a link
crafted to reach past the role (another school, another municipality, a district, garbage years, an
SQL-like gender); nothing on the page — text, tables, charts, filter choices — may name a unit the role
may not see one by one. What each role may not see is read from the fixture's own tables
(tests.privacy.test_roles.forbidden).
"""
import pytest
import pandas as pd
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data import schema as s
from data.config import settings
from data import access as store
from queries import access
from data.access import User
from queries.filters import Scope
from tests import fixture_overgange as fo
from tests.conftest import sqlite_file
from tests.fixture_data import ALFA, BETA
from tests.helpers import subheaders
from tests.pages.conftest import APP, opener
from tests.pages.test_pejlemaerker import _load_targets
from tests.privacy.test_roles import forbidden

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-secret-not-used",
        "microsoft": {"client_id": "indblik-test", "client_secret": "x",
                      "server_metadata_url": "https://login.microsoftonline.com/test/v2.0/.well-known/openid-configuration"}}
USERS = {"anna@billund.dk": User("anna@billund.dk", "leder", 530, frozenset({ALFA}), "Anna Berg"),
         "udvalg@billund.dk": User("udvalg@billund.dk", "udvalg", 530),
         "chef@htk.dk": User("chef@htk.dk", "forvaltning", 169),
         "it@billund.dk": User("it@billund.dk", "admin", None),
         # the leader of a special class (the special-provision leaders' roles once crashed Overgange)
         "spkl@billund.dk": User("spkl@billund.dk", "leder", 530, frozenset({fo.SPKL}))}
# a link reaching past every role at once: another school, another municipality, a district, and garbage
CRAFTED = dict(inst=str(BETA), kommune="169", distrikt="1", aar="1900-9999", trin="4-99", koen="';DROP TABLE child;--")
PAGES = ["overblik", "trivsel", "overgange", "effekt", "pejlemaerker", "udforsk", "data", "moede"]


def _users(conn):
    for user in USERS.values():
        store.save(conn, user, by="test")
    _load_targets(conn)  # Billund's pejlemærker: the page then has files to take away


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return sqlite_file(tmp_path_factory, "access", _users)


@pytest.fixture()
def login(url, monkeypatch):
    """`login(email or None, page, **link parameters)`: the app opened with [auth] configured, by that
    login (None: not logged in)."""
    def make(email: str | None, page: str | None = None, **query) -> AppTest:
        def as_login(at: AppTest) -> None:
            at.secrets["auth"] = AUTH
            at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email, "name": email}
        return opener(url, monkeypatch, as_login)(page, **query)
    return make


def shown_text(at: AppTest) -> str:
    """Everything the page sends to the browser: every element's message (text, tables, chart specs,
    the filter boxes' choices)."""
    out: list[str] = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            walk(child)
        if getattr(node, "proto", None) is not None:
            out.append(str(node.proto))
    walk(at._tree)
    return "\n".join(out)


def audit_rows(url: str, actor: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as c:
        rows = c.execute(sa.select(s.audit_event.c.event, s.audit_event.c.page, s.audit_event.c.selection,
                                   s.audit_event.c.detail).where(s.audit_event.c.actor == actor)
                         .order_by(s.audit_event.c.id)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_without_a_login_the_page_asks_for_one_and_shows_no_figure(login):
    at = login(None, "trivsel", kommune="530")
    assert [t.value for t in at.title] == ["Indblik"]
    assert [b.label for b in at.button] == ["Log ind med Microsoft (kommunens konto)"]
    assert not subheaders(at) and not at.metric and not at.get("plotly_chart")
    assert not at.sidebar.selectbox  # no role picker and no filters before the login


def test_a_login_without_a_role_is_told_whom_to_ask_and_the_refusal_is_logged(login, url, monkeypatch):
    monkeypatch.setenv("INDBLIK_ACCESS_CONTACT", "Børne- og Ungeforvaltningens IT (it@billund.dk)")
    settings.cache_clear()
    try:
        at = login("stranger@billund.dk", "trivsel")
    finally:
        settings.cache_clear()
    assert [t.value for t in at.title] == ["Ingen adgang"]
    assert "stranger@billund.dk" in at.error[0].value and "it@billund.dk" in at.error[0].value
    assert not subheaders(at) and not at.get("plotly_chart")
    assert audit_rows(url, "stranger@billund.dk") == [("afvist", None, None, None)]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("email", ["anna@billund.dk", "udvalg@billund.dk", "chef@htk.dk", "spkl@billund.dk"])
def test_a_crafted_link_never_shows_or_exports_a_unit_past_the_role(login, url, downloads, page, email):
    at = login(email, page, **CRAFTED)
    engine = sa.create_engine(url)
    with engine.connect() as c:
        scope = access.scope_for(c, [email])
        names = forbidden(c, scope) | _other_municipalities(c, scope)
    engine.dispose()
    text = shown_text(at) + "\n".join(downloads.text.values())
    assert not [n for n in names if n in text], f"{page} as {email}: {[n for n in names if n in text]}"
    if page == "trivsel" or (page == "pejlemaerker" and scope.municipality_kode == 530):  # (only Billund has targets)
        assert downloads.text, f"{page} offered no file to check"
    dropped = " ".join(w.value for w in at.warning)
    assert f"inst={BETA}" in dropped and "aar=1900-9999" in dropped and "koen=" in dropped
    assert at.sidebar.selectbox(key="f_institution").value == "alle"  # the other school was dropped, not shown


def _other_municipalities(conn, scope: Scope) -> set[str]:
    """The names of the institutions outside the role's municipality."""
    q = sa.select(s.institution.c.name).where(s.institution.c.municipality_kode != scope.municipality_kode)
    return {n for (n,) in conn.execute(q)}


def test_the_filter_choices_are_the_role_s(login):
    anna = login("anna@billund.dk", "trivsel")
    assert anna.sidebar.selectbox(key="f_institution").options == ["Alle", "Alfa Skole"]
    assert anna.sidebar.selectbox(key="f_distrikt").options == ["Alle"]  # the rest only as the municipality's total
    assert anna.sidebar.selectbox(key="f_kommune").options == ["Alle", "Billund (530)"]
    udvalg = login("udvalg@billund.dk", "overgange")
    assert udvalg.sidebar.selectbox(key="f_institution").options == ["Alle"]
    assert udvalg.sidebar.selectbox(key="f_distrikt").options == ["Alle", "Nord"]
    assert "Skole" not in udvalg.segmented_control(key="overgange_dim").options
    assert "Din rolle viser ikke enkelte skoler" in shown_text(udvalg)


def test_a_page_view_is_logged_with_its_selection_once(login, url):
    login("anna@billund.dk", "trivsel", kommune="530", koen="pige")
    rows = [r for r in audit_rows(url, "anna@billund.dk") if r[1] == "trivsel" and r[2] == "kommune=530&koen=pige"]
    assert rows == [("side", "trivsel", "kommune=530&koen=pige", None)]
    assert ("login", None, None, None) in audit_rows(url, "anna@billund.dk")


def test_a_removed_user_loses_access_at_once(login, url):
    at = login("chef@htk.dk", "overblik")
    assert "Forvaltning · Høje-Taastrup" in at.sidebar.caption[0].value
    engine = sa.create_engine(url)
    with engine.begin() as c:
        store.remove(c, "chef@htk.dk", by="test")
    engine.dispose()
    at.run()
    assert [t.value for t in at.title] == ["Ingen adgang"]
    with sa.create_engine(url).begin() as c:  # put it back for the other tests
        store.save(c, USERS["chef@htk.dk"], by="test")


def test_the_admin_adds_a_user_on_the_data_page_and_a_bad_one_is_refused(login, url):
    at = login("it@billund.dk", "data")
    assert "anna@billund.dk" in shown_text(at)
    at.text_input(key="adgang_login").input("Ny.Leder@Billund.dk")
    at.selectbox(key="adgang_role").set_value("leder").run()
    at.selectbox(key="adgang_kommune").set_value(530).run()
    at.button(key="adgang_save").click().run()  # a leder without an institution
    assert "mindst én institution" in at.error[0].value
    at.multiselect(key="adgang_own").set_value([ALFA]).run()
    at.button(key="adgang_save").click().run()
    assert not at.exception
    with sa.create_engine(url).connect() as c:
        scope = access.scope_for(c, ["ny.leder@billund.dk"])
        by = c.execute(sa.select(s.app_user.c.created_by).where(s.app_user.c.subject == "ny.leder@billund.dk")).scalar()
    assert (scope.role, scope.own, by) == ("leder", frozenset({ALFA}), "it@billund.dk")


def test_a_leader_sees_the_data_quality_but_not_import_users_or_the_log(login):
    at = login("anna@billund.dk", "data")
    assert not at.get("tab")  # no Import, Brugere og roller or Adgangslog: only the data quality, for Billund
    heads = [h.value for h in at.subheader]
    assert "Kort fortalt" in heads and "Nyeste data" in heads
    assert not any("Høje-Taastrup" in str(d.value.to_dict()) for d in at.dataframe)  # another municipality
    assert not at.get("file_uploader") and not [b for b in at.button if "Slet" in b.label]
    admin = login("it@billund.dk", "data")
    assert [t.label for t in admin.get("tab")] == ["Datakvalitet", "Import", "Brugere og roller", "Adgangslog"]


@pytest.fixture()
def real_url(tmp_path_factory):
    def real_batch(conn):
        conn.execute(s.import_batch.insert().values(kind="trivsel", file_name="trivsel_2025.csv", sha256="2" * 64, rows=9,
                                                    imported_by="it", imported_at=sa.func.now(), outcome="ok"))
    return sqlite_file(tmp_path_factory, "real", real_batch)


def test_the_local_demo_mode_refuses_real_data_unless_allowed(real_url, monkeypatch):
    monkeypatch.setenv("INDBLIK_DATABASE_URL", real_url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/trivsel.py")
    at.run()
    assert "starter ikke i lokal demotilstand" in at.error[0].value
    assert not subheaders(at) and not at.get("plotly_chart")
    monkeypatch.setenv("INDBLIK_ALLOW_LOCAL_MODE", "ja")
    settings.cache_clear()
    try:
        at.run()
    finally:
        settings.cache_clear()
    assert subheaders(at) and "Lokal demotilstand" in at.warning[0].value


def test_the_local_demo_mode_says_so_and_offers_every_kind_of_role(app):
    at = app("overblik")
    assert "Lokal demotilstand" in at.warning[0].value
    roles = at.selectbox(key="role").options
    assert {"Kommune: Billund", "Udvalg: Billund", "Skoleleder: Alfa Skole"} <= set(roles)
    assert any(r.startswith("Administrator") for r in roles)



def test_a_required_app_role_must_come_with_the_login(url, monkeypatch):
    """INDBLIK_APP_ROLE: Entra ID's app role (the token's `roles`) is needed besides the stored role."""
    monkeypatch.setenv("INDBLIK_DATABASE_URL", url)
    monkeypatch.setenv("INDBLIK_APP_ROLE", "Indblik.Bruger")
    settings.cache_clear()
    try:
        seen = {}
        for roles in ([], ["Indblik.Bruger"]):
            at = AppTest.from_file(APP, default_timeout=60)
            at.secrets["auth"] = AUTH
            at.user = {"is_logged_in": True, "email": "chef@htk.dk", "roles": roles}
            at.run()
            seen[bool(roles)] = [t.value for t in at.title]
    finally:
        settings.cache_clear()
    assert seen[False] == ["Ingen adgang"] and seen[True] == ["Overblik"]


def test_a_shared_meeting_is_redrawn_in_the_reader_s_role(login, url):
    """The administration shares a meeting whose slide is about Beta Skole; Alfa's leader opens and presents it:
    the slide is redrawn in the leader's role (Beta dropped, said in words) and nothing the administration saw —
    not its headline, not its figures — reaches the leader."""
    import datetime as dt

    from data import meetings
    engine = sa.create_engine(url)
    with engine.begin() as c:
        mid = meetings.create(c, "it@billund.dk", "Delt møde om Beta", dt.date(2026, 5, 12), shared=True)
        meetings.add_slide(c, mid, "it@billund.dk", kind="trivsel.trend", page="trivsel", params=f"inst={BETA}",
                           choices={"code": "social_trivsel"}, headline="Beta Skole: social trivsel 3,72 (n=7)",
                           scope="Administrator", table=pd.DataFrame({"Skole": ["Beta Skole"], "n": [7]}))
    engine.dispose()
    at = login("anna@billund.dk", "moede")
    at.selectbox(key="moede_chosen").set_value(mid).run()
    assert "Delt møde om Beta" in shown_text(at)
    at.button(key="moede_start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    text = shown_text(at)
    assert "Beta Skole" not in text and "3,72" not in text
    assert f"udeladt fra udsnittet: inst={BETA}" in text
