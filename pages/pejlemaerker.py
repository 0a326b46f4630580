"""Pejlemærker: the municipality's targets per area and year, the actual value computed from the data by
the KPI's own query, and a status that allows for the uncertainty — for the committee's yearly follow-up."""
from dataclasses import replace

import streamlit as st

from queries import targets as write
from queries import kpis
from queries import pejlemaerker as q
from ui import export, fmt
from ui.export import Table
from ui.cache import run, saved
from ui.i18n import label
from ui.pejlemaerker import AREA_NAMES, RULE, sentence, summary, table
from ui.section import page
from ui.shell import current

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_pejlemaerker", view.lang), view.tr(
    "Kommunens pejlemærker med det faktiske tal beregnet af data og en status, der tager højde for usikkerheden.",
    "The municipality's targets with the actual value computed from the data and a status that allows for the "
    "uncertainty."), with_survey=True)

kommuner = dict(run(q.municipalities_with_targets, f, scope))
if not kommuner or (f.kommune is not None and f.kommune not in kommuner):
    st.info(view.tr("Der er ingen pejlemærker for det, din rolle kan se.", "There are no targets your role can see."))
    st.stop()
kode = f.kommune if f.kommune in kommuner else st.selectbox(view.tr("Kommune", "Municipality"), list(kommuner),
                                                              key="pejl_kommune", format_func=kommuner.get)
rows = run(q.status, f, scope, kode)
left, right = st.columns(2)
areas = [a for a in AREA_NAMES if a in set(rows["area"])]
area = left.segmented_control(view.tr("Område", "Area"), ["alle", *areas], default="alle", key="pejl_area",
                              format_func=lambda a: view.tr("Alle", "All") if a == "alle" else view.tr(*AREA_NAMES[a]))
years = sorted(int(y) for y in rows["school_year"].unique()) or [run(kpis.freshness, f, scope)["survey"] or 2025]
measured = sorted(int(y) for y in rows.loc[rows["status"] != "ingen_data", "school_year"].unique()) or years
year = right.selectbox(view.tr("Skoleår", "School year"), years, index=years.index(measured[-1]), key="pejl_year",
                       format_func=fmt.school_year)
shown = rows[(rows["school_year"] == year) & ((rows["area"] == area) if area not in (None, "alle") else True)]

if "pejl_done" in st.session_state:
    st.success(st.session_state.pop("pejl_done"))
st.subheader(summary(shown, year, view))
if scope.institution_ids is not None:
    st.caption(view.tr("De faktiske tal er for de institutioner, din rolle ser; målene gælder hele kommunen.",
                       "The actual values are for the institutions your role sees; the targets are for the whole "
                       "municipality."))
st.dataframe(table(shown, view), hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 2000))
st.markdown("\n".join(f"- {sentence(r, view)}" for _, r in shown.iterrows()))
with st.expander(view.tr("Sådan afgøres status", "How the status is decided")):
    st.markdown(RULE.text(view))

# for the committee's papers: every year and area of the municipality
every = replace(ctx.source, selection=view.tr("{k} · alle områder og skoleår", "{k} · every area and school year",
                                              k=kommuner[kode]))
export.buttons(Table(view.tr("Pejlemærker — {k}", "Targets — {k}", k=kommuner[kode]), table(rows, view), "pejlemaerker",
                     ((view.tr("Status", "Status"), RULE.text(view).replace("**", "")),)), every, view, key="pejl_export")

# the administrator adds, changes and retires targets (stored with their history)
if scope.admin:
    with st.expander(view.tr("Rediger pejlemærker", "Edit targets")):
        codes = list(kpis.CATALOGUE)
        with st.form("pejl_add"):
            st.markdown(view.tr("**Nyt pejlemærke eller nyt mål** (erstatter det valgte, hvis et er valgt)",
                                "**New target or new value** (replaces the chosen one, if one is chosen)"))
            mine = {int(r.id): f"{fmt.school_year(r.school_year)} · {r.title}" for r in rows.itertuples()}
            replaces = st.selectbox(view.tr("Erstatter", "Replaces"), [0, *mine], key="pejl_replaces",
                                    format_func=lambda i: view.tr("(intet — nyt)", "(none — new)") if i == 0 else mine[i])
            c1, c2, c3 = st.columns(3)
            new_area = c1.selectbox(view.tr("Område", "Area"), list(write.AREAS), format_func=lambda x: view.tr(*AREA_NAMES[x]))
            code = c2.selectbox(view.tr("Nøgletal", "Key figure"), codes,
                                format_func=lambda c: kpis.CATALOGUE[c].text(view.lang))
            new_year = c3.number_input(view.tr("Skoleår (startår)", "School year (start)"), value=int(year), step=1)
            title = st.text_input(view.tr("Pejlemærke", "Target"))
            c4, c5 = st.columns(2)
            value = c4.number_input(view.tr("Mål (andele som 0-1)", "Target (shares as 0-1)"), value=0.0, format="%.4f")
            direction = c5.selectbox(view.tr("Retning", "Direction"), ["higher", "lower"],
                                     format_func=lambda d: view.tr("højere er bedre", "higher is better") if d == "higher"
                                     else view.tr("lavere er bedre", "lower is better"))
            if st.form_submit_button(view.tr("Gem", "Save")):
                target = write.Target(kode, new_area, code, title, int(new_year), float(value), direction)
                if saved(write.save, target, ctx.actor, replaces):  # show the page anew, with the saved target in it
                    st.session_state["pejl_done"] = view.tr("Gemt.", "Saved.")
                    st.rerun()
        with st.form("pejl_retire"):
            gone = st.selectbox(view.tr("Træk et pejlemærke tilbage", "Retire a target"), list(mine), format_func=mine.get)
            if st.form_submit_button(view.tr("Træk tilbage", "Retire")) and saved(write.retire, gone, ctx.actor):
                st.session_state["pejl_done"] = view.tr("Trukket tilbage; det står stadig i historikken.",
                                                        "Retired; it stays in the history.")
                st.rerun()
