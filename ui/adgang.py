"""The administrator's access tools on the Data page: users with their role and scope, and the audit log.

The same rules as `python -m data.users` (data.access): a leder has own institutions in one
municipality, an udvalg and a leder a municipality; a refused change says why in Danish and writes nothing.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data import access
from data.schema_access import ROLE_LABELS
from queries.filters import Filters, Scope, dimension
from ui.cache import fresh, run, saved
from ui.view import View

ROLE_HELP = {"admin": ("alt, også pejlemærker, brugere og import", "everything, also targets, users and imports"),
             "forvaltning": ("hele kommunen, alle institutioner", "the whole municipality, every institution"),
             "leder": ("egne institutioner i detaljer, resten af kommunen kun samlet",
                       "own institutions in detail, the rest of the municipality only as its total"),
             "udvalg": ("distrikter og hele kommunen, ingen enkelt institution",
                        "districts and the whole municipality, no single institution")}
EVENT_NAMES = {"side": ("Side", "Page"), "eksport": ("Eksport", "Export"), "login": ("Login", "Login"),
               "afvist": ("Afvist", "Refused")}


def danish_time(values: pd.Series) -> pd.Series:
    """Times stored in UTC (SQLite gives them back without a zone) as Danish time, 'dd-mm-åååå tt:mm:ss'."""
    return pd.to_datetime(values, utc=True).dt.tz_convert("Europe/Copenhagen").dt.strftime("%d-%m-%Y %H:%M:%S")


def users_table(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """The users as the page shows them, with Danish (or English) headers."""
    return pd.DataFrame({
        view.tr("Login", "Login"): df["subject"], view.tr("Navn", "Name"): df["name"].fillna(""),
        view.tr("Rolle", "Role"): [view.tr(*ROLE_LABELS[r]) for r in df["role"]],
        view.tr("Kommune", "Municipality"): df["kommune"], view.tr("Egne institutioner", "Own institutions"): df["institutions"],
        view.tr("Ændret", "Changed"): danish_time(df["changed_at"]),
        view.tr("Af", "By"): df["changed_by"]})


def log_table(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """The audit rows as the page shows them."""
    return pd.DataFrame({
        view.tr("Tid", "Time"): danish_time(df["at"]),
        view.tr("Hvem", "Who"): df["actor"], view.tr("Rolle", "Role"): df["role"],
        view.tr("Hændelse", "Event"): [view.tr(*EVENT_NAMES[e]) for e in df["event"]],
        view.tr("Side", "Page"): df["page"].fillna(""), view.tr("Udsnit (link)", "Selection (link)"): df["selection"].fillna(""),
        view.tr("Fil", "File"): df["detail"].fillna("")})


def users(scope: Scope, actor: str, view: View) -> None:
    """The list of users, and the form that adds, changes or removes one."""
    if "adgang_done" in st.session_state:
        st.success(st.session_state.pop("adgang_done"))
    listed = fresh(access.users)
    st.dataframe(users_table(listed, view), hide_index=True, width="stretch")
    st.subheader(view.tr("Tilføj eller ret en bruger", "Add or change a user"))
    left, right = st.columns(2)
    login = left.text_input(view.tr("Login (e-mail eller subject)", "Login (e-mail or subject)"), key="adgang_login")
    name = right.text_input(view.tr("Navn (valgfrit)", "Name (optional)"), key="adgang_name")
    role = left.selectbox(view.tr("Rolle", "Role"), list(ROLE_LABELS), key="adgang_role",
                          format_func=lambda r: f"{view.tr(*ROLE_LABELS[r])} — {view.tr(*ROLE_HELP[r])}")
    kommuner = {o.value: o.label(view.lang) for o in run(dimension("kommune").options, Filters(), scope)}
    everywhere = role in ("admin", "forvaltning")
    choices = ([0] if everywhere else []) + list(kommuner)
    kode = right.selectbox(view.tr("Kommune", "Municipality"), choices, key="adgang_kommune",
                           format_func=lambda k: view.tr("Alle kommuner", "Every municipality") if k == 0 else kommuner[k])
    own: list[int] = []
    if role == "leder" and kode:
        schools = {o.value: o.label(view.lang) for o in run(dimension("institution").options, Filters(kommune=kode), scope)}
        own = st.multiselect(view.tr("Egne institutioner", "Own institutions"), list(schools), key="adgang_own",
                             format_func=schools.get)
    if st.button(view.tr("Gem bruger", "Save user"), type="primary", key="adgang_save"):
        user = access.User(login, role, kode or None, frozenset(own), name)
        if saved(access.save, user, actor):  # show the list anew, with the saved user in it
            st.session_state["adgang_done"] = view.tr("Gemt: {s} har nu rollen {r}.", "Saved: {s} now has the role {r}.",
                                                      s=login.strip().lower(), r=view.tr(*ROLE_LABELS[role]))
            st.rerun()
    if not listed.empty:
        st.subheader(view.tr("Fjern en brugers adgang", "Remove a user's access"))
        gone = st.selectbox(view.tr("Bruger", "User"), list(listed["subject"]), key="adgang_remove")
        if st.button(view.tr("Fjern adgang", "Remove access"), key="adgang_remove_button") and saved(access.remove, gone, actor):
            st.session_state["adgang_done"] = view.tr("{s} har ikke længere adgang.", "{s} no longer has access.", s=gone)
            st.rerun()


def audit(view: View, limit: int = 500) -> None:
    """The newest rows of the audit log, for one login if the admin names it."""
    who = st.text_input(view.tr("Kun for login (valgfrit)", "Only for login (optional)"), key="adgang_log_actor")
    log = fresh(access.audit_log, limit, who.strip().lower() or None)
    st.caption(view.tr("De nyeste {n} hændelser: hvem der åbnede hvilken side med hvilket udsnit, hvem der hentede "
                       "hvilken fil, og hvem der loggede ind eller blev afvist. Loggen indeholder aldrig tal; tider i "
                       "dansk tid.",
                       "The newest {n} events: who opened which page with which selection, who downloaded which file, "
                       "and who logged in or was refused. The log never holds figures; times in Danish time.", n=limit))
    st.dataframe(log_table(log, view), hide_index=True, width="stretch")
