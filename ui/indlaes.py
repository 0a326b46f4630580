"""Import on the Data page (administrators): choose the kind, download its template, upload a file, see what it
would do before anything is written (rows, new, changed, unchanged, every problem with its row and column), then
load it in one transaction with a progress bar; and the history of every load (data.importer; docs/import.md)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data import importer
from data.config import settings
from data.db import get_engine
from ui import fmt
from ui.access import download
from ui.adgang import danish_time
from ui.cache import changed, current_url, fresh
from ui.view import View

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PROBLEMS = 200


def problems(plan, view: View) -> pd.DataFrame:
    return pd.DataFrame([{view.tr("Fil", "File"): p.file, view.tr("Række", "Row"): "" if p.row is None else p.row,
                          view.tr("Kolonne", "Column"): p.column or "", view.tr("Værdi", "Value"): p.value or "",
                          view.tr("Hvad er galt", "What is wrong"): p.message} for p in plan.problems[:SHOWN_PROBLEMS]])


def _plan_text(plan, view: View) -> str:
    n = lambda v: fmt.integer(v, view.lang)  # noqa: E731
    return view.tr("**{f}**: {r} rækker — {a} nye, {c} ændrede, {u} uændrede.",
                   "**{f}**: {r} rows — {a} new, {c} changed, {u} unchanged.",
                   f=plan.file_name, r=n(plan.rows), a=n(plan.added), c=n(plan.changed), u=n(plan.unchanged))


def show(actor: str, view: View) -> None:
    kinds = importer.KINDS
    kind = st.selectbox(view.tr("Hvad indlæser du?", "What are you importing?"), list(kinds), key="import_kind",
                        format_func=lambda k: kinds[k].title_da if view.lang == "da" else kinds[k].title_en)
    with st.expander(view.tr("Kolonner og skabelon", "Columns and template")):
        st.dataframe(pd.DataFrame([{view.tr("Kolonne", "Column"): c, view.tr("Krævet", "Required"):
                                    view.tr("ja", "yes") if req else "", view.tr("Betydning", "Meaning"): what}
                                   for c, req, what in kinds[kind].columns]), hide_index=True, width="stretch")
        left, right = st.columns(2)
        with left:
            download(view.tr("Skabelon (CSV)", "Template (CSV)"), lambda: importer.template(kind, "csv"),
                     f"skabelon_{kind}.csv", "text/csv", key=f"template_{kind}_csv", icon=":material/download:")
        with right:
            download(view.tr("Skabelon (Excel)", "Template (Excel)"), lambda: importer.template(kind, "xlsx"),
                     f"skabelon_{kind}.xlsx", XLSX, key=f"template_{kind}_xlsx", icon=":material/download:")
        st.caption(view.tr("Formaterne er beskrevet i docs/import.md: UTF-8 eller Windows-1252, semikolon eller komma, "
                           "danske tal og datoer. CPR-numre afvises overalt.", "The formats are described in "
                           "docs/import.md: UTF-8 or Windows-1252, semicolon or comma, Danish numbers and dates. CPR "
                           "numbers are refused everywhere."))
    upload = st.file_uploader(view.tr("Fil (CSV eller Excel)", "File (CSV or Excel)"), type=["csv", "xlsx", "txt"],
                              key=f"import_file_{kind}", max_upload_size=settings().import_max_mb)
    if upload is None:
        return
    content = upload.getvalue()
    plan = fresh(importer.check, kind, upload.name, content)
    st.markdown(_plan_text(plan, view))
    for warning in plan.warnings:
        st.warning(warning, icon=":material/warning:")
    if not plan.ok:
        st.error(view.tr("Filen kan ikke indlæses: {n} fejl. Intet er skrevet. Ret filen og prøv igen.",
                         "The file cannot be imported: {n} problems. Nothing was written. Fix the file and try again.",
                         n=fmt.integer(len(plan.problems), view.lang)), icon=":material/error:")
        st.dataframe(problems(plan, view), hide_index=True, width="stretch")
        if len(plan.problems) > SHOWN_PROBLEMS:
            st.caption(view.tr("Viser de første {k} af {n} fejl.", "Showing the first {k} of {n} problems.",
                               k=SHOWN_PROBLEMS, n=len(plan.problems)))
        return
    if plan.already_imported or not (plan.added or plan.changed):
        st.info(view.tr("Filen ændrer intet: alt i den findes allerede.", "The file changes nothing: it is all there "
                        "already."), icon=":material/check:")
        return
    rows = view.tr("1 række", "1 row") if plan.rows == 1 else view.tr("{n} rækker", "{n} rows", n=fmt.integer(plan.rows, view.lang))
    if st.button(view.tr("Indlæs {r}", "Import {r}", r=rows), type="primary",
                 key=f"import_go_{plan.sha256[:12]}", icon=":material/upload:"):
        bar = st.progress(0.0, text=view.tr("Indlæser …", "Importing …"))
        try:
            done = importer.load(get_engine(current_url()), kind, upload.name, content, actor,
                                 progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
        except importer.ImportRefused as refused:
            st.error(str(refused), icon=":material/error:")
            st.dataframe(problems(refused.plan, view), hide_index=True, width="stretch")
            return
        bar.progress(1.0, text=view.tr("Færdig", "Done"))
        changed()
        st.success(view.tr("Indlæst: {t}", "Imported: {t}", t=done.summary(True)), icon=":material/check:")


def history(view: View) -> None:
    df = fresh(importer.history, 100)
    if df.empty:
        st.caption(view.tr("Ingen indlæsninger endnu.", "No imports yet."))
        return
    df = df.assign(tidspunkt=danish_time(df["tidspunkt"]), sha256=df["sha256"].str[:12],
                   besked=df["besked"].fillna(""))
    st.dataframe(df.drop(columns=["id"]).rename(columns={
        "slags": view.tr("Slags", "Kind"), "fil": view.tr("Fil", "File"), "rækker": view.tr("Rækker", "Rows"),
        "af": view.tr("Af", "By"), "tidspunkt": view.tr("Tidspunkt (dansk tid)", "Time (Danish)"),
        "udfald": view.tr("Udfald", "Outcome"), "besked": view.tr("Besked", "Message")}), hide_index=True, width="stretch")
