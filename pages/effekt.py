"""Effekt: how do the children in the interventions (indsatser) change — and what that change does not show."""
import streamlit as st

from queries import effekt as q
from ui.cache import run
from ui.effekt import charts, definitions as d, headlines as h, tables
from ui.i18n import label
from ui.section import NO_CHART, page, section
from ui.shell import current

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_effekt", view.lang), view.tr(
    "Hvordan ændrer børnenes målinger sig i indsatserne? Før- og eftermålinger, pålidelig ændring og målopfyldelse for "
    "det valgte udsnit — ændringer, ikke beviste effekter.", "How do the children's scores change in the "
    "interventions? Before/after measurements, reliable change and goal attainment for the selection — change, not "
    "proven effects."))

instruments = run(q.instruments)
codes = h.codes(instruments)
code = st.segmented_control(view.tr("Måleinstrument", "Outcome measure"), codes, default=codes[0], key="effekt_instr",
                            format_func=lambda c: h.instrument_label(c, view)) or codes[0]

# 1. The interventions
overview = run(q.overview, f, scope, code)
if overview.empty:
    st.info(view.tr("Der er ingen forløb med dette måleinstrument i det valgte udsnit. Udvid filtrene eller vælg et "
                    "andet måleinstrument.", "There are no forløb with this outcome measure in the selection. Widen "
                    "the filters or choose another measure."))
    st.stop()
section(view, h.overview(overview, view, code), charts.overview(overview, view, code),
        title=view.tr("Indsatserne", "The interventions"), rows=tables.methods(overview, view, code),
        definition=d.OVERVIEW)

# 2-3. Change and reliable change (not for GAS, which has no before/after)
if code == q.GAS:
    st.info(view.tr("GAS måler målopfyldelse ved forløbets afslutning i forhold til det forventede niveau, ikke før og "
                    "efter. Se målene nedenfor.", "GAS measures goal attainment at the end of a forløb against the "
                    "expected level, not before and after. See the goals below."))
else:
    change = run(q.change, f, scope, code)
    st.header(view.tr("Ændring før og efter", "Change before and after"))
    st.info(d.CHANGE_LIMITS.text(view))  # what the change does not show, always in sight
    section(view, h.change(change, code, view), charts.forest(change, view), rows=tables.change(change, view),
            empty=view.tr("Ingen indsats har nok forløb med før- og eftermåling til at blive vist.",
                          "No intervention has enough forløb measured before and after to be shown."),
            definition=d.CHANGE)
    # what the data can say about two of those limits: where the children started, and who dropped out
    section(view, h.baseline(overview, instruments, code, view), charts.baseline(overview, view),
            title=view.tr("Udgangspunkt og frafald", "Starting point and attrition"),
            empty=view.tr("Andelen, der startede på den kliniske side, kan ikke vises for nogen indsats.",
                          "The share who started on the clinical side cannot be shown for any intervention."),
            definition=d.baseline(instruments, code, view))
    section(view, h.attrition(overview, instruments, code, view),
            charts.attrition(overview, h.higher_is_better(instruments, code), view), rows=tables.attrition(overview, view),
            empty=view.tr("Ingen indsats har nok forløb, der faldt fra med en førmåling, til en sammenligning.",
                          "No intervention has enough forløb that dropped out with a before score for a comparison."),
            definition=d.ATTRITION)
    reliable = run(q.reliable_change, f, scope, code)
    section(view, h.reliable(reliable, view), charts.reliable(reliable, view),
            title=view.tr("Pålidelig ændring", "Reliable change"), definition=d.reliable(instruments, code, view))

# 4. Goals: GAS levels and the outcome field are two scales, each drawn by itself (never merged)
goals = run(q.goals, f, scope, code)
gas_goals, outcome_goals = h.goal_scales(goals)
section(view, h.goals(goals, view), charts.gas_levels(goals, view) if gas_goals else NO_CHART,
        title=view.tr("Mål", "Goals"), definition=d.GOALS)
if outcome_goals:
    section(view, h.outcome_goals(goals, view), charts.goal_bars(goals, view, count="n_outcome_goals"))
if h.gas_scored(goals):
    section(view, h.gas(goals, view), charts.gas_forest(goals, view), definition=d.GAS_T)

# 5. Over time
names = h.interventions(overview)
st.header(view.tr("Over tid", "Over time"))
choices = h.cohort_choices(names, view)
chosen = st.selectbox(view.tr("Indsats", "Intervention"), list(choices), key="effekt_cohort", format_func=choices.get)
cohorts = run(q.cohorts, f, scope, code)
section(view, h.cohorts(cohorts, chosen, choices[chosen], code, view),
        charts.cohorts(cohorts, chosen, choices[chosen], code, view), definition=d.COHORTS)

# 6. Compare
st.header(view.tr("Sammenlign", "Compare"))
left, right = st.columns(2)
a = left.selectbox(view.tr("Indsats", "Intervention"), list(names), key="effekt_a", format_func=names.get)
others = h.compare_choices(names, a, view)
b = right.selectbox(view.tr("Sammenlignet med", "Compared with"), list(others), key="effekt_b", format_func=others.get)
both = run(q.compare, f, scope, code, int(a), int(b) or None)
section(view, h.compare(both, names[a], others[b], code, view), charts.compare(both, [names[a], others[b]], code, view),
        definition=d.COMPARE)
