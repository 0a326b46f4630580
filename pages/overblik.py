"""Overblik: the state of the area at a glance, for the filtered population."""
import streamlit as st

from queries import trivsel as q
from ui import charts, fmt, headlines
from ui.cache import run
from ui.i18n import label, tr
from ui.layout import chart
from ui.shell import context

ctx = context()
lang, f, scope, k = ctx.lang, ctx.filters, ctx.scope, ctx.min_n
st.title(label("page_overblik", lang))
st.caption(label("tagline", lang))

ind = run(q.indicators)
names = dict(zip(ind["code"], ind["name_da" if lang == "da" else "name_en"]))
year = run(q.latest_year, f, scope)
trend = run(q.indicator_trend, f, scope)

st.header(tr(lang, "Trivsel", "Wellbeing"))
if year is None or trend.empty:
    st.info(label("no_data", lang))
else:
    latest = trend[trend["school_year"] == year].set_index("indicator_code").reindex(list(ind["code"])).reset_index()
    for code in ind["code"]:
        st.markdown("- " + headlines.trend(trend[trend["indicator_code"] == code], names[code], lang, k))
    chart(charts.kpi_bars(latest, names, lang, k, ctx.projector))
    st.caption(tr(lang, "Gennemsnit i {y} med 95 %-konfidensinterval. Se siden Trivsel for udvikling, skoler og klassetrin.",
                  "Means in {y} with 95% confidence interval. See the Wellbeing page for trends, schools and grades.",
                  y=fmt.school_year(year)))

st.header(tr(lang, "Overgange og effekt", "Transitions and effect"))
st.info(tr(lang, "Inklusionsgrad, overgange mellem almen- og specialtilbud og effekten af indsatser kommer her, "
                 "når siderne Overgange og Effekt er bygget. Der vises ingen tal, før de kan beregnes fra data.",
           "Inclusion rate, transitions and the effect of interventions will appear here once the Transitions "
           "and Effect pages are built. No figures are shown until they can be computed from data."),
        icon=":material/construction:")
