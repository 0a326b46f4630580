"""Data: for administrators, who has access (users, roles and scope) and the audit log; import comes later."""
import streamlit as st

from ui import adgang
from ui.i18n import label
from ui.shell import current

IMPORT_DA = ["Import af trivselsmåling, placeringer, indsatser og landstal fra CSV/Excel, valideret samlet og skrevet i én transaktion.",
             "Tydelige danske fejl med fil, række og kolonne; samme fil to gange ændrer intet.",
             "Log over alle indlæsninger (fil, sha256, rækker, hvem, hvornår, udfald)."]
IMPORT_EN = ["Import of survey, placements, interventions and national figures from CSV/Excel, validated whole, written in one transaction.",
             "Clear Danish errors naming file, row and column; the same file twice changes nothing.",
             "Log of every load (file, sha256, rows, who, when, outcome)."]

ctx = current()
view = ctx.view
st.title(label("page_data", view.lang))
if not ctx.scope.admin:
    st.info(view.tr("Siden er for administratorer: brugere og roller, adgangsloggen og import af data.",
                    "This page is for administrators: users and roles, the audit log and data imports."),
            icon=":material/lock:")
    st.stop()
users_tab, log_tab, import_tab = st.tabs([view.tr("Brugere og roller", "Users and roles"),
                                          view.tr("Adgangslog", "Audit log"), view.tr("Import", "Import")])
with users_tab:
    adgang.users(ctx.scope, ctx.actor, view)
with log_tab:
    adgang.audit(view)
with import_tab:
    st.info(view.tr("Import er ikke bygget endnu. Det kommer her:", "Import is not built yet. What is coming here:"),
            icon=":material/construction:")
    st.markdown("\n".join(f"- {w}" for w in (IMPORT_DA if view.lang == "da" else IMPORT_EN)))
