"""Mødetilstand: the committee's meetings — slides from every page's charts, shown full screen on the projector
one at a time, and the same slides as PDF or PowerPoint for the meeting papers (ui.moede, ui.moede_edit)."""
import streamlit as st

from data import meetings as store
from data.errors import InputError
from ui import moede, moede_edit
from ui.cache import fresh
from ui.i18n import label
from ui.shell import PRESENTING, current

ctx = current()
view = ctx.view
chosen = st.session_state.get(moede_edit.CHOSEN)
if st.session_state.get(PRESENTING) and chosen:
    try:
        meeting, slides = fresh(store.opened, int(chosen), ctx.actor)
    except InputError as exc:
        st.session_state[PRESENTING] = False
        st.error(str(exc))
        st.stop()
    moede.present(meeting, slides, ctx.scope, view)
    st.stop()
st.session_state[PRESENTING] = False
st.title(label("page_moede", view.lang))
st.caption(view.tr("Byg et møde af graferne fra de andre sider, vis det på projektoren én slide ad gangen, og hent det som "
                   "PDF eller PowerPoint til mødesagen. Hver slide tegnes af de nyeste data i din egen rolle.",
                   "Build a meeting from the charts on the other pages, show it on the projector one slide at a time, and "
                   "download it as PDF or PowerPoint for the meeting papers. Each slide is drawn from the newest data in "
                   "your own role."))
chosen = moede_edit.choose(ctx)
if chosen:
    try:
        meeting, slides = fresh(store.opened, int(chosen), ctx.actor)
    except InputError as exc:
        st.error(str(exc))
        st.stop()
    moede_edit.editor(meeting, slides, ctx)
