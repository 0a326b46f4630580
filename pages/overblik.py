"""Overblik: the state of the area at a glance, one headline per domain, for the filtered population."""
import streamlit as st

from queries import effekt as qe
from queries import overgange as qo
from queries import trivsel as qt
from ui import charts, effekt as effekt_text, fmt, headlines, overgange as overgange_text
from ui.cache import run
from ui.i18n import label, tr
from ui.layout import chart
from ui.shell import current

ctx = current()
lang, f, scope, k = ctx.lang, ctx.filters, ctx.scope, ctx.min_n
st.title(label("page_overblik", lang))
st.caption(label("tagline", lang) + tr(lang, ". Hver linje er uddybet på sin side.", ". Each line is detailed on its page."))

# Trivsel -------------------------------------------------------------------------------------
st.header(label("page_trivsel", lang))
ind = run(qt.indicators)
names = dict(zip(ind["code"], ind["name_da" if lang == "da" else "name_en"]))
year = run(qt.latest_year, f, scope)
trend = run(qt.indicator_trend, f, scope)
if year is None or trend.empty:
    st.info(label("no_data", lang))
else:
    for code in ind["code"]:
        st.markdown("- " + headlines.trend(trend[trend["indicator_code"] == code], names[code], lang, k))
    latest = trend[trend["school_year"] == year].set_index("indicator_code").reindex(list(ind["code"])).reset_index()
    chart(charts.kpi_bars(latest, names, lang, k, ctx.projector))
    st.caption(tr(lang, "Gennemsnit i {y} med 95 %-konfidensinterval.", "Means in {y} with 95% confidence interval.",
                  y=fmt.school_year(year)))
st.page_link("pages/trivsel.py", label=tr(lang, "Til Trivsel", "To Wellbeing"), icon=":material/arrow_forward:")

# Overgange -----------------------------------------------------------------------------------
st.header(label("page_overgange", lang))
inklusion = run(qo.inklusion_trend, f, scope)
if inklusion.empty:
    st.info(label("no_data", lang))
else:
    st.markdown("- " + overgange_text.inklusion(inklusion, lang, k))
    st.markdown("- " + overgange_text.tilgang_afgang(run(qo.tilgang_afgang, f, scope), lang, k))
    st.markdown("- " + overgange_text.return_curve(run(qo.return_curve, f, scope), lang, k))
st.page_link("pages/overgange.py", label=tr(lang, "Til Overgange", "To Transitions"), icon=":material/arrow_forward:")

# Effekt --------------------------------------------------------------------------------------
st.header(label("page_effekt", lang))
primary = qe.ORDER[0]  # SDQ: the outcome measure most interventions report
st.markdown(f"- **{effekt_text.instrument_label(primary, lang)}:** "
            + effekt_text.overview(run(qe.overview, f, scope, primary), lang, k))
st.markdown("- " + effekt_text.change(run(qe.change, f, scope, primary), primary, lang, k))
st.page_link("pages/effekt.py", label=tr(lang, "Til Effekt", "To Effect"), icon=":material/arrow_forward:")
