"""Udforsk: any key figure of the catalogue for the selection, split by one or two dimensions — the chart
that fits, the table under it and the files to take away (queries.explore; the KPI's own queries, so the
same protection and scope as on its page)."""
import streamlit as st

from queries import explore, kpis
from ui import fmt
from ui.cache import run
from ui.i18n import label
from ui.section import first_rows, page, section
from ui.shell import current
from ui.udforsk import dim_name, narrow, split, table

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_udforsk", view.lang), view.tr(
    "Vælg et nøgletal og fordel det på en eller to dimensioner. Filtrene i sidepanelet gælder også her.",
    "Pick a key figure and split it by one or two dimensions. The filters in the sidebar apply here too."),
    with_survey=True)

left, right = st.columns([2, 3])
code = left.selectbox(view.tr("Nøgletal", "Key figure"), list(kpis.CATALOGUE), key="udforsk_kpi",
                      format_func=lambda c: kpis.CATALOGUE[c].text(view.lang))
kpi = kpis.CATALOGUE[code]
offered = explore.splits(code, scope)
if any(d not in offered for d in st.session_state.get("udforsk_dims", [])):  # another key figure, or another role
    st.session_state["udforsk_dims"] = [d for d in st.session_state["udforsk_dims"] if d in offered]
dims = tuple(right.multiselect(view.tr("Opdel på (højst to)", "Split by (at most two)"), offered, default=[explore.YEARS],
                               key="udforsk_dims", max_selections=2,
                               format_func=lambda d: dim_name(d, view)))
year = None
if explore.YEARS not in dims:
    years = run(explore.split, f, scope, code, (explore.YEARS,), None)
    shown = [int(y) for y in years.loc[~years["suppressed"], "school_year"]] or [int(y) for y in years["school_year"]]
    if shown:
        year = st.selectbox(view.tr("Skoleår", "School year"), shown[::-1], key="udforsk_year",
                            format_func=fmt.school_year)

if len(dims) == 2 and any(d in explore.EFFEKT_GROUPS for d in dims):
    st.info(view.tr("Indsats og metode kan kun vælges alene: en indsats er ikke et filter, de andre grupper kan "
                    "afgrænses med. Fjern den anden opdeling.", "Intervention and method can only be chosen on their own: "
                    "an intervention is no filter the other groups can be narrowed by. Remove the other split."))
    st.stop()
df = run(explore.split, f, scope, code, dims, year)
shown, more = (first_rows(df.assign(level="gruppe"), "udforsk_all", limit=25, part="gruppe",
                          what=("grupper", "groups")) if len(dims) == 1 and dims != (explore.YEARS,) else (df, None))
parts = split(f, scope, view, code=code, dims=dims, year=year)
section(view, parts.headline, parts.figure, slide=parts,
        rows=table(shown, kpi, dims, view, text=True), more=more, narrow=narrow(shown, dims, view),
        empty=view.tr("For få i grupperne til at vise figuren.", "Too few in the groups to show the chart."),
        definition=view.tr(*kpi.definition) + " " + view.tr(
            "Hver gruppe er nøgletallet for udsnittet afgrænset til gruppen, beregnet som på nøgletallets egen side; "
            "grupper med for få vises ikke.", "Each group is the key figure for the selection narrowed to the group, "
            "computed as on the key figure's own page; groups with too few are not shown."),
        figures=parts.table)
