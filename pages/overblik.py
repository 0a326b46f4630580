"""Overblik: the state of the area at a glance, one headline per domain, for the filtered population."""
import streamlit as st

from queries import effekt as qe
from queries import overgange as qo
from queries import trivsel as qt
from ui import fmt
from ui.cache import run
from ui.effekt import headlines as eh
from ui.i18n import label
from ui.overgange import headlines as oh
from ui.section import chart, page
from ui.shell import current
from ui.trivsel import charts as tc, headlines as th

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_overblik", view.lang),
     label("tagline", view.lang) + view.tr(". Hver linje er uddybet på sin side.", ". Each line is detailed on its page."))

# Trivsel
st.header(label("page_trivsel", view.lang))
names = th.names(run(qt.indicators), view)
year = run(qt.latest_year, f, scope)
trend = run(qt.indicator_trend, f, scope)
if year is None or trend.empty:
    st.info(label("no_data", view.lang))
else:
    st.markdown("\n".join(f"- {th.trend(trend, code, name, view)}" for code, name in names.items()))
    figure = tc.indicator_dots(trend, year, names, view)
    if figure is not None:
        chart(figure)
    st.caption(view.tr("Gennemsnit i {y} med 95 %-konfidensinterval.", "Means in {y} with 95% confidence interval.",
                       y=fmt.school_year(year)))
st.page_link("pages/trivsel.py", label=view.tr("Til Trivsel", "To Wellbeing"), icon=":material/arrow_forward:")

# Overgange
st.header(label("page_overgange", view.lang))
inklusion = run(qo.inklusion_trend, f, scope)
if inklusion.empty:
    st.info(label("no_data", view.lang))
else:
    st.markdown("\n".join(f"- {line}" for line in (
        oh.inklusion(inklusion, view), oh.tilgang_afgang(run(qo.tilgang_afgang, f, scope), view),
        oh.return_curve(run(qo.return_curve, f, scope), view))))
st.page_link("pages/overgange.py", label=view.tr("Til Overgange", "To Transitions"), icon=":material/arrow_forward:")

# Effekt
st.header(label("page_effekt", view.lang))
primary = qe.ORDER[0]  # SDQ: the outcome measure most interventions report
st.markdown(f"- **{eh.instrument_label(primary, view)}:** {eh.overview(run(qe.overview, f, scope, primary), view)}\n"
            f"- {eh.change(run(qe.change, f, scope, primary), primary, view)}")
st.page_link("pages/effekt.py", label=view.tr("Til Effekt", "To Effect"), icon=":material/arrow_forward:")
