"""Indblik — entry point: page config, database readiness, role and filters, navigation."""
import streamlit as st

from ui.i18n import label
from ui.shell import demo_banner, ensure_database, sidebar

st.set_page_config(page_title="Indblik", page_icon=":material/insights:", layout="wide",
                   initial_sidebar_state="expanded")

ensure_database()
ctx = sidebar()
st.session_state["_ctx"] = ctx

PAGES = [  # (file, url path, label key, icon)
    ("pages/overblik.py", "overblik", "page_overblik", ":material/dashboard:"),
    ("pages/trivsel.py", "trivsel", "page_trivsel", ":material/mood:"),
    ("pages/overgange.py", "overgange", "page_overgange", ":material/swap_horiz:"),
    ("pages/effekt.py", "effekt", "page_effekt", ":material/trending_up:"),
    ("pages/pejlemaerker.py", "pejlemaerker", "page_pejlemaerker", ":material/flag:"),
    ("pages/udforsk.py", "udforsk", "page_udforsk", ":material/pivot_table_chart:"),
    ("pages/data.py", "data", "page_data", ":material/database:"),
    ("pages/moede.py", "moede", "page_moede", ":material/co_present:"),
]
page = st.navigation([
    st.Page(path, url_path=url, title=label(key, ctx.lang), icon=icon, default=(i == 0))
    for i, (path, url, key, icon) in enumerate(PAGES)
])
demo_banner(ctx.lang)
page.run()
