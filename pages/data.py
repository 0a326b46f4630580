"""Data: for everyone, which figures can be trusted (data quality); for administrators also the import of
files, who has access (users, roles and scope) and the audit log."""
import streamlit as st

from ui import adgang, indlaes, kvalitet
from ui.i18n import label
from ui.shell import current

ctx = current()
view = ctx.view
st.title(label("page_data", view.lang))
if not ctx.scope.admin:
    kvalitet.show(ctx.filters, ctx.scope, view)
    st.stop()
quality_tab, import_tab, users_tab, log_tab = st.tabs([
    view.tr("Datakvalitet", "Data quality"), view.tr("Import", "Import"), view.tr("Brugere og roller", "Users and roles"),
    view.tr("Adgangslog", "Audit log")])
with quality_tab:
    kvalitet.show(ctx.filters, ctx.scope, view)
with import_tab:
    indlaes.show(ctx.actor, view)
    st.subheader(view.tr("Indlæsninger", "Imports"))
    indlaes.history(view)
with users_tab:
    adgang.users(ctx.scope, ctx.actor, view)
with log_tab:
    adgang.audit(view)
