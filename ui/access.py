"""Who is looking, and the record of what they looked at.

With an `[auth]` section in `.streamlit/secrets.toml` the reader logs in with Streamlit's OIDC login
(`st.login`, `st.user`; Microsoft Entra ID in a municipality, README "Login") and the role and scope
come from the database (queries.access), found by the login's e-mail, username or subject — never from
the token's claims, a menu or a link. A login without a role gets an "ingen adgang" page naming whom to
ask. Without `[auth]` the app runs in an explicit local demo mode: a banner says so and the role is
picked in the sidebar; that mode refuses to start on a database holding real data unless
INDBLIK_ALLOW_LOCAL_MODE=ja says otherwise.

Every page view (a page with a selection, once until either changes) and every export (a download
button, through `download`) is written to the audit log — who, when, page, selection, file name,
never a figure.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from urllib.parse import parse_qsl, unquote, urlparse

import streamlit as st
import streamlit.components.v1 as components

from data.config import settings
from data import access as store
from queries import access
from queries.filters import Scope
from ui.cache import fresh, run, write
from ui.i18n import label
from ui.view import View

# the login's claims that may name a user in app_user, in the order they are tried
IDENTITY_CLAIMS = ("email", "preferred_username", "upn", "sub", "oid")
LOCAL_ACTOR = "lokal demo"  # who the audit log names in the local demo mode (with the role picked)


@dataclass(frozen=True)
class Who:
    """The reader: `actor` (the login's e-mail or subject, or 'lokal demo'), the scope of its role, and
    whether this is the local demo mode."""

    actor: str
    scope: Scope
    local: bool


def auth_section() -> Mapping | None:
    """The `[auth]` section of the secrets, or None (no secrets file, or no such section)."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all is the normal local case
        return None
    return auth or None


def identify(lang: str, pages: dict[str, str]) -> Who:
    """The reader of this run; stops the page with the login, "ingen adgang" or refusal page when there
    is none to show data to. `pages`: url path -> page file (to go back to the link opened before a login)."""
    auth = auth_section()
    who = _logged_in(auth, lang) if auth else _local(lang)
    if auth:
        _back_to_link(pages)
    st.session_state["_who"] = who
    if "_pruned" not in st.session_state:  # once a session: forget what is older than the retention period
        write(store.prune, settings().audit_days)
        st.session_state["_pruned"] = True
    return who


# --- with a login ---------------------------------------------------------------------------------------
def _providers(auth: Mapping) -> list[str | None]:
    """The providers configured under [auth] ([auth.microsoft] ...); [None] for one given in [auth] itself."""
    named = [k for k, v in auth.items() if isinstance(v, Mapping)]
    return named or [None]


def _logged_in(auth: Mapping, lang: str) -> Who:
    user = st.user
    if not user.is_logged_in:
        _login_page(auth, lang)
    ids = [str(user.get(c)) for c in IDENTITY_CLAIMS if user.get(c)]
    actor = (ids[0].strip().lower() if ids else "ukendt")[:120]  # as app_user keeps it
    role = settings().app_role
    scope = None
    if not role or role in (user.get("roles") or []):
        scope = fresh(access.scope_for, ids)  # read every run: a removed user loses access at once
    if scope is None:
        _no_access(actor, role, lang)
    with st.sidebar:
        st.caption(("Logget ind som **{a}**  \n{r}" if lang == "da" else "Logged in as **{a}**  \n{r}").format(
            a=user.get("name") or actor, r=scope.label))
        st.button("Log ud" if lang == "da" else "Log out", on_click=st.logout, key="logout")
    if st.session_state.get("_login_audited") != actor:
        write(store.record, actor, scope.label, "login")
        st.session_state["_login_audited"] = actor
    return Who(actor=actor, scope=scope, local=False)


# Streamlit's login returns to the front page; the link the reader opened is kept in a cookie for a
# quarter of an hour and opened after the login (ui.access._back_to_link)
NEXT_COOKIE = "indblik_next"
_REMEMBER_LINK = """<script>
const loc = window.parent.location;
window.parent.document.cookie = "%s=" + encodeURIComponent(loc.pathname + loc.search) + "; path=/; max-age=900; SameSite=Lax";
</script>""" % NEXT_COOKIE
_FORGET_LINK = """<script>window.parent.document.cookie = "%s=; path=/; max-age=0; SameSite=Lax";</script>""" % NEXT_COOKIE


def _back_to_link(pages: dict[str, str]) -> None:
    """After the login, open the link the reader opened before it (once; only a page of the app, and its
    parameters go through the filter bar's checks like any link's)."""
    ss = st.session_state
    if ss.get("_link_restored"):
        if ss.pop("_forget_link", False):
            components.html(_FORGET_LINK, height=0)
        return
    ss["_link_restored"] = True
    wanted = st.context.cookies.get(NEXT_COOKIE) if st.context.cookies else None
    here = urlparse(st.context.url or "")
    if not wanted or here.path.strip("/") or here.query:
        return
    link = urlparse(unquote(wanted))
    page = link.path.rstrip("/").rsplit("/", 1)[-1]
    if page not in pages or not (page or link.query):  # the front page: nothing to go back to
        return
    ss["_forget_link"] = True
    st.switch_page(pages[page], query_params=dict(parse_qsl(link.query)))


def _login_page(auth: Mapping, lang: str) -> None:
    components.html(_REMEMBER_LINK, height=0)
    st.title("Indblik")
    st.markdown("Børne- og ungeområdet: trivsel, overgange og effekt. Log ind med din arbejdskonto for at se tallene."
                if lang == "da" else "Children and youth: wellbeing, transitions and effect. Log in with your work account.")
    for provider in _providers(auth):
        name = {"microsoft": ("Microsoft (kommunens konto)" if lang == "da" else "Microsoft (the municipality's account)"),
                None: "kommunens konto" if lang == "da" else "the municipality's account"}.get(provider, provider)
        st.button(("Log ind med {p}" if lang == "da" else "Log in with {p}").format(p=name), type="primary",
                  key=f"login_{provider}", on_click=st.login, args=(provider,) if provider else ())
    st.stop()


def _no_access(actor: str, app_role: str | None, lang: str) -> None:
    """A login without a role: say so, name whom to ask, record the refusal once, and stop."""
    st.title("Ingen adgang" if lang == "da" else "No access")
    contact = settings().access_contact
    st.error((f"Du er logget ind som **{actor}**, men har ingen rolle i Indblik. Bed {contact} om adgang; "
              "oplys den adresse, du er logget ind med.") if lang == "da" else
             (f"You are logged in as **{actor}** but have no role in Indblik. Ask {contact} for access, "
              "giving the address you are logged in with."), icon=":material/lock:")
    if app_role:
        st.caption(f"Kommunens login skal også give app-rollen »{app_role}«.")
    st.button("Log ud" if lang == "da" else "Log out", on_click=st.logout, key="logout")
    if st.session_state.get("_refusal_audited") != actor:
        write(store.record, actor, "ingen rolle", "afvist")
        st.session_state["_refusal_audited"] = actor
    st.stop()


# --- the local demo mode ----------------------------------------------------------------------------------
def _local(lang: str) -> Who:
    if run(access.holds_real_data) and not settings().allow_local_mode:
        st.error("**Indblik starter ikke i lokal demotilstand på rigtige data.** Databasen indeholder data, der "
                 "ikke er demodata, og uden login kan enhver vælge enhver rolle. Sæt login op (afsnittet »Login« i "
                 "README: `[auth]` i `.streamlit/secrets.toml`), eller — kun på en lukket maskine — sæt "
                 "INDBLIK_ALLOW_LOCAL_MODE=ja.", icon=":material/lock:")
        st.stop()
    roles = run(access.demo_roles)
    labels = [r.label for r in roles]
    ss = st.session_state
    if ss.get("role") not in labels:
        ss["role"] = labels[0]
    with st.sidebar:
        role = st.selectbox(label("role", lang), labels, key="role",
                            help=("Lokal demotilstand: vælg hvilken rolle du ser som. Rollens adgang håndhæves i "
                                  "forespørgslerne; i drift kommer rollen fra login." if lang == "da" else
                                  "Local demo mode: choose the role you view as. Its access is enforced in the "
                                  "queries; in production the role comes from the login."))
    return Who(actor=f"{LOCAL_ACTOR} ({role})"[:120], scope=roles[labels.index(role)], local=True)


# --- the audit log ---------------------------------------------------------------------------------------
def audit_view(page: str, selection: str) -> None:
    """Record that the reader opened `page` on `selection` (link parameters), once until either changes."""
    ss, who = st.session_state, st.session_state["_who"]
    ss["_where"] = (page, selection)
    if ss.get("_audited") != (who.actor, page, selection):
        write(store.record, who.actor, who.scope.label, "side", page, selection)
        ss["_audited"] = (who.actor, page, selection)


def _exported(file_name: str) -> None:
    who, (page, selection) = st.session_state["_who"], st.session_state.get("_where", (None, None))
    write(store.record, who.actor, who.scope.label, "eksport", page, selection, file_name)


def download(text: str, data, file_name: str, mime: str, **kwargs) -> None:
    """A download button whose click is written to the audit log (who, page, selection, file name)."""
    st.download_button(text, data, file_name=file_name, mime=mime, on_click=_exported, args=(file_name,), **kwargs)


def no_institutions(scope: Scope, view: View) -> str | None:
    """Why a list of institutions is empty for a role that sees none one by one (None: it may)."""
    if scope.shows("institution"):
        return None
    return view.tr("Din rolle viser ikke enkelte skoler og institutioner, kun distrikter og hele kommunen.",
                   "Your role shows no single school or institution, only districts and the whole municipality.")
