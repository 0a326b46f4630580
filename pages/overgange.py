"""Overgange: inklusionsgrad, flows between general and special provision, return, school start, and
which schools send most children to special provision — for the filtered population."""
import streamlit as st

from data.config import settings
from queries import overgange as q
from ui import fmt, headlines
from ui import overgange as words
from ui import overgange_charts as charts
from ui.cache import run
from ui.i18n import label, tr
from ui.layout import chart
from ui.shell import current

ctx = current()
lang, f, scope, k = ctx.lang, ctx.filters, ctx.scope, ctx.min_n
cd = settings().count_date


def definition(which) -> None:
    with st.expander(label("definition", lang)):
        st.markdown(words.explain(which, lang, k, cd))


def hidden_note(names: list[str]) -> None:
    if names:
        st.caption(f"{fmt.suppressed(k, lang).capitalize()}: {', '.join(names)}")


st.title(label("page_overgange", lang))
st.caption(tr(lang, "Elever i almen- og specialtilbud på tælledagen, overgange mellem dem og tilbagevenden. Alle tal for det valgte udsnit.",
              "Pupils in general and special provision on the count date, transitions between them, and return. All figures for the selected population."))
if f.tilbudsform is not None:
    st.caption(tr(lang, "Filteret tilbudsform bruges kun i afsnittet om tilbagevenden (som den form, barnet startede i); de andre mål er selv en fordeling på tilbudsformer.",
                  "The provision filter is used only for return (as the form entered); the other measures are themselves a distribution over forms."))

trend = run(q.inklusion_trend, f, scope)
if trend.empty:
    st.info(tr(lang, "Der er ingen elever i det valgte udsnit. Udvid filtrene.", "There are no pupils in the selected population. Widen the filters."))
    st.stop()

# 1. Inklusionsgrad ----------------------------------------------------------------------------
st.header(tr(lang, "Inklusionsgrad", "Inclusion rate"))
st.subheader(words.inklusion(trend, lang, k))
chart(charts.inklusion_trend(trend, lang, k, projector=ctx.projector))
definition(words.INKLUSION)

year = int(trend["school_year"].max())
dims = {"distrikt": label("distrikt", lang), "institution": tr(lang, "Skole", "School"),
        "klassetrin": label("klassetrin", lang), "koen": label("koen", lang)}
dim = st.segmented_control(tr(lang, "Opdelt på", "Split by"), list(dims), default="distrikt", key="overgange_dim",
                           format_func=dims.get) or "distrikt"
parts = run(q.inklusion_split, f, scope, dim, year)
latest = trend[trend["school_year"] == year].iloc[0]
st.subheader(words.split(parts, dim, year, lang))
chart(charts.inklusion_split(parts, dim, lang, k, None if latest["suppressed"] else latest["inklusionsgrad"], projector=ctx.projector))
st.caption(words.no_school(parts, dim, lang, k))
definition(words.SPLIT)

# 2. Flows -------------------------------------------------------------------------------------
st.header(tr(lang, "Strømme mellem tilbud", "Flows between provision"))
years = [y for y in run(q.transition_years) if (f.year_from is None or y >= f.year_from) and (f.year_to is None or y <= f.year_to)]
ta = run(q.tilgang_afgang, f, scope)
if years:
    pair = st.selectbox(tr(lang, "Skoleår", "School year"), years[::-1], key="overgange_pair",
                        format_func=lambda y: f"{fmt.school_year(y - 1)} → {fmt.school_year(y)}")
    links = run(q.flows, f, scope, pair)
    st.subheader(words.flows(ta, pair, lang, k))
    if links["suppressed"].all():
        st.info(tr(lang, "Ingen strømme har nok børn til at blive vist.", "No flow has enough children to be shown."))
    else:
        chart(charts.sankey(links, pair, lang, k, projector=ctx.projector))
    hidden_note([f"{charts.form_name(r.from_form, lang)} → {charts.form_name(r.to_form, lang)}"
                 for r in links[links["suppressed"]].itertuples()])
    st.subheader(words.tilgang_afgang(ta, lang, k))
    chart(charts.tilgang_afgang(ta, lang, k, projector=ctx.projector))
    definition(words.FLOWS)
else:
    st.info(tr(lang, "Der skal være to skoleår i udsnittet for at vise overgange.", "Two school years are needed to show transitions."))

# 3. Return ------------------------------------------------------------------------------------
st.header(tr(lang, "Tilbage i almenklasse", "Back in an ordinary class"))
entry = st.selectbox(tr(lang, "Kom i specialtilbud i", "Entered special provision in"), [0] + years[::-1], key="overgange_entry",
                     format_func=lambda y: tr(lang, "alle valgte skoleår", "all chosen school years") if y == 0 else fmt.school_year(y))
km = run(q.return_curve, f, scope, entry or None)
st.subheader(words.return_curve(km, lang, k))
if not km.empty and (~km["suppressed"]).sum() > 1:
    chart(charts.return_curve(km, lang, k, projector=ctx.projector))
by_form = run(q.return_by_form, f, scope, entry or None)
if not by_form.empty:
    st.subheader(words.return_by_form(by_form, lang))
    chart(charts.return_by_form(by_form, lang, k, projector=ctx.projector))
definition(words.RETURN)

# 4. School start ------------------------------------------------------------------------------
st.header(tr(lang, "Skolestart", "School start"))
start = run(q.school_start, f, scope)
st.subheader(words.school_start(start, lang, k))
if not start.empty:
    chart(charts.school_start(start, lang, k, projector=ctx.projector))
definition(words.START)

# 5. Which schools send ------------------------------------------------------------------------
st.header(tr(lang, "Hvilke skoler sender flest i specialtilbud?", "Which schools send most to special provision?"))
funnel = run(q.sending_funnel, f, scope)
span = f"{fmt.school_year(years[0] - 1)}-{fmt.school_year(years[-1])}" if years else ""
st.subheader(words.funnel(funnel.points, funnel.centre, span, lang))
if not funnel.points.empty and not funnel.points["suppressed"].all() and funnel.centre == funnel.centre:
    chart(charts.sending_funnel(funnel.points, funnel.curve, funnel.centre, lang, projector=ctx.projector))
    st.markdown(headlines.funnel_outliers(funnel.points, lang, limit=95, value="rate",
                                          show=lambda v: fmt.pct(v, 1, lang)))
hidden_note(funnel.points[funnel.points["suppressed"]]["institution"].tolist())
definition(words.FUNNEL)
