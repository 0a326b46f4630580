"""Effekt: how do the children in the interventions (indsatser) change — and what that change does not show.
The answer first (per intervention: how many, how much change, how sure), then the detail for the
intervention or method the reader chooses."""
import streamlit as st

from queries import effekt as q
from ui.cache import run
from ui.effekt import charts, definitions as d, goals as g, names as n, slides
from ui.i18n import label
from ui.section import NO_CHART, first_rows, page, section, show_all
from ui.shell import current

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_effekt", view.lang), view.tr(
    "Hvordan ændrer børnenes målinger sig i indsatserne? Først svaret for hver indsats, derefter detaljerne for den "
    "indsats eller metode, du vælger — ændringer, ikke beviste effekter.", "How do the children's scores change in the "
    "interventions? First the answer for each intervention, then the detail for the intervention or method you "
    "choose — change, not proven effects."))


def _follow_focus() -> None:
    """An intervention chosen for the detail is also the one compared below."""
    if n.focus_intervention(st.session_state["effekt_focus"]):
        st.session_state["effekt_a"] = n.focus_intervention(st.session_state["effekt_focus"])


instruments = run(q.instruments)
codes = n.codes(instruments)
code = st.segmented_control(view.tr("Måleinstrument", "Outcome measure"), codes, default=codes[0], key="effekt_instr",
                            format_func=lambda c: n.instrument_label(c, view)) or codes[0]
overview = run(q.overview, f, scope, code)
if overview.empty:
    st.info(view.tr("Der er ingen deltagelser med dette måleinstrument i det valgte udsnit. Udvid filtrene eller vælg "
                    "et andet måleinstrument.", "There are no participations with this outcome measure in the "
                    "selection. Widen the filters or choose another measure."))
    st.stop()

# 1. The answer: per intervention, how much change and how sure (GAS: goal attainment)
st.header(view.tr("Hvor meget ændrer børnene sig?", "How much do the children change?"))
if code == q.GAS:
    st.info(view.tr("GAS måler målopfyldelse ved afslutningen i forhold til det forventede niveau, ikke før og efter.",
                    "GAS measures goal attainment at the end against the expected level, not before and after."))
    goals = run(q.goals, f, scope, code)  # for the other instruments only in the goals tab, when it is opened
    if g.gas_scored(goals):
        shown, more = first_rows(goals, "effekt_all_answer")
        answer = slides.answer(f, scope, view, code=code)
        section(view, answer.headline, answer.figure, more=more, definition=d.GAS_T, figures=answer.table, slide=answer,
                narrow=n.narrow(charts.drawn(shown, "gas_forest"), view, split_total=True, then=_follow_focus),
                key="narrow_effekt_answer")
    else:
        st.subheader(g.goals(goals, view))
else:
    change = run(q.change, f, scope, code)
    st.info(d.CHANGE_LIMITS.text(view))  # what the change does not show, always in sight
    shown, more = first_rows(change, "effekt_all_answer")
    answer = slides.answer(f, scope, view, code=code)
    section(view, answer.headline, answer.figure, rows=answer.rows, more=more, slide=answer,
            empty=view.tr("Ingen indsats har nok børn målt før og efter til at blive vist.",
                          "No intervention has enough children measured before and after to be shown."),
            narrow=n.narrow(charts.drawn(shown, "forest"), view, split_total=True, then=_follow_focus),
            key="narrow_effekt_answer", definition=d.CHANGE, figures=answer.table)

# 2. The detail, for the intervention or method the reader chooses
st.header(view.tr("Detaljer", "Details"))
choices = n.focus_choices(overview, view)
if st.session_state.get("effekt_focus") not in choices:  # a click on a row another instrument has not
    st.session_state.pop("effekt_focus", None)
focus = st.selectbox(view.tr("Vis detaljer for", "Show details for"), list(choices), key="effekt_focus",
                     format_func=choices.get, on_change=_follow_focus) or n.ALL
one = n.focus_rows(overview, focus)
# one question per tab: the page is as long as the answer and one detail, not six stacked lists. Only the open
# tab is drawn (a switch of tab reruns the page from the cache): a meeting's viewers are sent one detail, not six.
TABS = [view.tr("Deltagelser og frafald", "Participations and attrition"), view.tr("Udgangspunkt", "Starting point"),
        view.tr("Pålidelig ændring", "Reliable change"), view.tr("Mål", "Goals"), view.tr("Over tid", "Over time"),
        view.tr("Sammenlign", "Compare")]
if st.session_state.get("effekt_tab") not in TABS:  # the other language's label, or none yet
    st.session_state.pop("effekt_tab", None)


def who() -> None:
    shown, more = first_rows(one, "effekt_all_overview", size="n_started")
    parts = slides.overview(f, scope, view, code=code, focus=focus)
    section(view, parts.headline, parts.figure, more=more, rows=parts.rows, definition=d.OVERVIEW,
            figures=parts.table, slide=parts,
            narrow=n.narrow(charts.drawn(shown, "overview"), view, traces=3, then=_follow_focus), key="narrow_effekt_overview")
    if code != q.GAS:
        parts = slides.attrition(f, scope, view, code=code, focus=focus)
        section(view, parts.headline, parts.figure, rows=parts.rows, more=show_all(one, "effekt_all_attrition"),
                figures=parts.table, slide=parts, definition=d.ATTRITION,
                empty=view.tr("Ingen indsats har nok børn, der faldt fra med en førmåling, til en sammenligning.",
                              "No intervention has enough children who dropped out with a before score for a comparison."))


def start() -> None:  # the children's starting point: part of their change can be regression to the mean
    if code == q.GAS:
        st.info(view.tr("GAS har ingen førmåling.", "GAS has no before score."))
        return
    parts = slides.baseline(f, scope, view, code=code, focus=focus)
    section(view, parts.headline, parts.figure, more=show_all(one, "effekt_all_baseline"), slide=parts,
            figures=parts.table, definition=d.baseline(instruments, code, view),
            empty=view.tr("Andelen, der startede over grænsen, kan ikke vises for nogen indsats.",
                          "The share who started beyond the cut-off cannot be shown for any intervention."))


def reliable() -> None:
    if code == q.GAS:
        st.info(view.tr("GAS har ingen før- og eftermåling at regne pålidelig ændring af.",
                        "GAS has no before and after score to compute reliable change from."))
        return
    rows = n.focus_rows(run(q.reliable_change, f, scope, code), focus)
    shown, more = first_rows(rows, "effekt_all_reliable")
    parts = slides.reliable(f, scope, view, code=code, focus=focus)
    section(view, parts.headline, parts.figure, more=more, definition=d.reliable(instruments, code, view),
            narrow=n.narrow(charts.drawn(shown, "reliable"), view, traces=3, then=_follow_focus), key="narrow_effekt_reliable",
            figures=parts.table, slide=parts)


def goals_tab() -> None:  # GAS levels and the outcome field are two scales, each drawn by itself (never merged)
    mine = n.focus_rows(run(q.goals, f, scope, code), focus)
    gas_goals, outcome_goals = g.goal_scales(mine)
    parts = slides.gas_levels(f, scope, view, code=code, focus=focus)
    section(view, parts.headline, parts.figure if gas_goals else NO_CHART, definition=d.GOALS, figures=parts.table,
            more=show_all(mine, "effekt_all_goals") if gas_goals else None, slide=parts if gas_goals else None)
    if outcome_goals:
        parts = slides.outcomes(f, scope, view, code=code, focus=focus)
        section(view, parts.headline, parts.figure, more=show_all(mine, "effekt_all_outcomes"), slide=parts)
    if code != q.GAS and g.gas_scored(mine):
        parts = slides.gas(f, scope, view, code=code, focus=focus)
        section(view, parts.headline, parts.figure, more=show_all(mine, "effekt_all_gas"), definition=d.GAS_T,
                figures=parts.table, slide=parts)


def over_time() -> None:  # the chosen intervention (or all)
    parts = slides.cohorts(f, scope, view, code=code, focus=focus)
    section(view, parts.headline, parts.figure, definition=d.COHORTS, figures=parts.table, slide=parts,
            narrow=charts.cohorts_narrow(run(q.cohorts, f, scope, code), n.focus_intervention(focus), view),
            key="narrow_effekt_cohorts")


def compare() -> None:
    names = n.interventions(overview)
    left, right = st.columns(2)
    ids = list(names)
    if st.session_state.get("effekt_a") not in ids:  # a link or another instrument: a valid intervention
        st.session_state.pop("effekt_a", None)
    a = left.selectbox(view.tr("Indsats", "Intervention"), ids, key="effekt_a", format_func=names.get)
    others = n.compare_choices(names, a, view)
    b = right.selectbox(view.tr("Sammenlignet med", "Compared with"), list(others), key="effekt_b",
                        format_func=others.get)
    parts = slides.compare(f, scope, view, code=code, a=int(a), b=int(b))
    section(view, parts.headline, parts.figure, definition=d.COMPARE, figures=parts.table, slide=parts)


for tab, draw in zip(st.tabs(TABS, key="effekt_tab", on_change="rerun"), (who, start, reliable, goals_tab, over_time, compare)):
    if tab.open:
        with tab:
            draw()
