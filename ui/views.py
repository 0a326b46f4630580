"""Saved views: the page and its link's parameters under a name, the reader's own or shared by a colleague,
opened again from a list in the sidebar; and the link itself, to copy. A view never holds a role: whoever
opens it sees it in their own role (its parameters go through the filter bar like any link's)."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlparse

import streamlit as st

from data import access as store
from ui.cache import fresh, saved
from ui.view import View

OPEN = "_open_view"


def _open(page: str, params: str) -> None:
    st.session_state[OPEN] = (page, params)


def opened(pages: dict[str, str]) -> None:
    """Open the view the reader chose (at the start of the run that follows the click): the filters start
    over from its link, as on a new session."""
    ss = st.session_state
    chosen = ss.pop(OPEN, None)
    if not chosen or chosen[0] not in pages:
        return
    for key in [k for k in ss if str(k).startswith("f_")] + ["_seeded", "_dropped"]:
        ss.pop(key, None)
    st.switch_page(pages[chosen[0]], query_params=dict(parse_qsl(chosen[1])))


def sidebar(actor: str, page: str, params: str, view: View) -> None:
    """The list of views to open, saving this one, and its link."""
    base = urlparse(st.context.url or "")
    link = f"{base.scheme}://{base.netloc}/{page}" + (f"?{params}" if params else "") if base.netloc else None
    with st.sidebar.expander(view.tr("Gemte visninger", "Saved views"), icon=":material/bookmark:"):
        listed = fresh(store.views, actor)
        if not listed.empty:
            names = {int(r.id): r.name if r.owner == actor else view.tr("{n} (delt af {o})", "{n} (shared by {o})",
                                                                         n=r.name, o=r.owner)
                     for r in listed.itertuples()}
            chosen = st.selectbox(view.tr("Visning", "View"), list(names), format_func=names.get, key="views_chosen")
            row = listed.set_index("id").loc[chosen]
            left, right = st.columns(2)
            left.button(view.tr("Åbn", "Open"), key="views_open", on_click=_open, args=(row["page"], row["params"]),
                        icon=":material/open_in_new:")
            if row["owner"] == actor and right.button(view.tr("Slet", "Delete"), key="views_delete"):
                if saved(store.delete_view, int(chosen), actor):
                    st.rerun()
        name = st.text_input(view.tr("Gem denne visning som", "Save this view as"), key="views_name",
                             placeholder=view.tr("fx Udvalgsmøde maj: trivsel 4.-6.", "e.g. May committee: wellbeing 4-6"))
        shared = st.checkbox(view.tr("Del med kolleger", "Share with colleagues"), key="views_shared")
        if st.button(view.tr("Gem", "Save"), key="views_save", icon=":material/bookmark_add:"):
            if saved(store.save_view, actor, name, page, params, shared):
                st.toast(view.tr("Gemt: {n}", "Saved: {n}", n=name.strip()), icon=":material/bookmark:")
        if link:
            st.caption(view.tr("Link til denne visning (kopiér med knappen):", "Link to this view (copy with the button):"))
            st.code(link, language=None, wrap_lines=True)
