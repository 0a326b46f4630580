"""Effekt: do the interventions (indsatser) help the children they reach?"""
import streamlit as st

from queries import effekt as q
from ui.cache import run
from ui.effekt import charts, definitions as d, headlines as h, tables
from ui.i18n import label
from ui.section import page, section
from ui.shell import current

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_effekt", view.lang), view.tr("Virker indsatserne? Før- og eftermålinger, pålidelig ændring og målopfyldelse for det valgte "
                   "udsnit.", "Do the interventions work? Before/after measurements, reliable change and goal "
                   "attainment for the selection."))

instruments = run(q.instruments)
codes = h.codes(instruments)
code = st.segmented_control(view.tr("Effektmål", "Outcome measure"), codes, default=codes[0], key="effekt_instr",
                            format_func=lambda c: h.instrument_label(c, view)) or codes[0]

# 1. The interventions
overview = run(q.overview, f, scope, code)
if overview.empty:
    st.info(view.tr("Der er ingen forløb med dette effektmål i det valgte udsnit. Udvid filtrene eller vælg et andet "
                    "effektmål.", "There are no forløb with this outcome measure in the selection. Widen the filters "
                    "or choose another measure."))
    st.stop()
section(view, h.overview(overview, view), charts.overview(overview, view),
        title=view.tr("Indsatserne", "The interventions"), rows=tables.methods(overview, view),
        definition=d.OVERVIEW)

# 2-3. Change and reliable change (not for GAS, which has no before/after)
if code == q.GAS:
    st.info(view.tr("GAS måler målopfyldelse ved forløbets afslutning, ikke før og efter. Se målene nedenfor.",
                    "GAS measures goal attainment at the end of a forløb, not before and after. See the goals below."))
else:
    change = run(q.change, f, scope, code)
    section(view, h.change(change, code, view), charts.forest(change, view),
            title=view.tr("Ændring før og efter", "Change before and after"), rows=tables.change(change, view),
            empty=view.tr("Ingen indsats har nok forløb med før- og eftermåling til at blive vist.",
                          "No intervention has enough forløb measured before and after to be shown."),
            definition=d.CHANGE)
    reliable = run(q.reliable_change, f, scope, code)
    section(view, h.reliable(reliable, view), charts.reliable(reliable, view),
            title=view.tr("Pålidelig ændring", "Reliable change"), definition=d.reliable(instruments, code, view))

# 4. Goals
goals = run(q.goals, f, scope, code)
section(view, h.goals(goals, view), charts.goal_bars(goals, view), title=view.tr("Mål", "Goals"),
        definition=d.GOALS)
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
