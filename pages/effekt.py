"""Effekt: do the interventions (indsatser) help the children they reach?"""
import streamlit as st

from queries import effekt as q
from ui import effekt as words
from ui import effekt_charts as charts
from ui.cache import run
from ui.i18n import label, tr
from ui.layout import chart, table
from ui.shell import current

ctx = current()
lang, f, scope, k = ctx.lang, ctx.filters, ctx.scope, ctx.min_n
st.title(label("page_effekt", lang))
st.caption(tr(lang, "Virker indsatserne? Før- og eftermålinger, pålidelig ændring og målopfyldelse for det valgte udsnit.",
              "Do the interventions work? Before/after measurements, reliable change and goal attainment for the selection."))

instruments = run(q.instruments).set_index("code")
codes = [c for c in q.ORDER if c in instruments.index]
code = st.segmented_control(tr(lang, "Effektmål", "Outcome measure"), codes, default=codes[0], key="effekt_instr",
                            format_func=lambda c: words.instrument_label(c, lang)) or codes[0]
ins = instruments.loc[code]


def definition(text: str) -> None:
    with st.expander(label("definition", lang)):
        st.markdown(text)
        st.markdown(words.explain(words.POPULATION, lang, k))


# 1. Overview of interventions ---------------------------------------------------------------
overview = run(q.overview, f, scope, code)
if overview.empty:
    st.info(tr(lang, "Der er ingen forløb med dette effektmål i det valgte udsnit. Udvid filtrene eller vælg et andet effektmål.",
               "There are no forløb with this outcome measure in the selection. Widen the filters or choose another measure."))
    st.stop()
st.header(tr(lang, "Indsatserne", "The interventions"))
st.subheader(words.overview(overview, lang, k))
chart(charts.overview(overview, lang, k, projector=ctx.projector))
table(words.method_table(overview, lang, k), ctx.projector)
definition(words.explain(words.OVERVIEW, lang, k))

# 2-3. Change and reliable change (not for GAS, which has no before/after) ---------------------
if code == q.GAS:
    st.info(tr(lang, "GAS måler målopfyldelse ved forløbets afslutning, ikke før og efter. Se målene nedenfor.",
               "GAS measures goal attainment at the end of a forløb, not before and after. See the goals below."))
else:
    change = run(q.change, f, scope, code)
    st.header(tr(lang, "Ændring før og efter", "Change before and after"))
    st.subheader(words.change(change, code, lang, k))
    if not change.empty:
        chart(charts.forest(change, lang, k, projector=ctx.projector))
        table(words.change_table(change, lang, k), ctx.projector)
    definition(words.explain(words.CHANGE, lang, k))

    rc = run(q.reliable_change, f, scope, code)
    st.header(tr(lang, "Pålidelig ændring", "Reliable change"))
    st.subheader(words.reliable(rc, lang, k))
    if not rc.empty:
        chart(charts.reliable(rc, lang, k, projector=ctx.projector))
    definition(words.reliable_definition(ins, lang, k))

# 4. Goals -------------------------------------------------------------------------------------
goals = run(q.goals, f, scope, code)
st.header(tr(lang, "Mål", "Goals"))
st.subheader(words.goals(goals, lang, k))
if not goals.empty:
    chart(charts.goal_bars(goals, lang, k, projector=ctx.projector))
    if goals["gas_t"].notna().any():
        st.markdown(tr(lang, "**GAS T-score pr. indsats** (50 = målene nået som forventet)",
                       "**GAS T-score per intervention** (50 = goals met as expected)"))
        chart(charts.gas_forest(goals, lang, k, projector=ctx.projector))
definition(words.explain(words.GOALS, lang, k))

# 5. Over time ---------------------------------------------------------------------------------
interventions = overview[overview["level"] == "indsats"].sort_values("name")
iv_names = dict(zip(interventions["intervention_id"].astype(int), interventions["name"]))
all_label = tr(lang, "Alle indsatser", "All interventions")
cohort_rows = run(q.cohorts, f, scope, code)
st.header(tr(lang, "Over tid", "Over time"))
chosen = st.selectbox(tr(lang, "Indsats", "Intervention"), [0, *iv_names], key="effekt_cohort",
                      format_func=lambda i: iv_names.get(i, all_label))
if chosen:
    rows = cohort_rows[(cohort_rows["intervention_id"] == chosen) | (cohort_rows["level"] == "alle")]
    own = rows[rows["intervention_id"] == chosen]
else:
    rows = own = cohort_rows[cohort_rows["level"] == "alle"]
name = iv_names.get(chosen, all_label)
st.subheader(words.cohorts(own, name, code, lang))
if not rows.empty:
    chart(charts.cohorts(rows, name, words.unit(code, lang), lang, k, projector=ctx.projector))
definition(words.explain(words.COHORTS, lang, k))

# 6. Compare -------------------------------------------------------------------------------------
st.header(tr(lang, "Sammenlign", "Compare"))
if iv_names:
    left, right = st.columns(2)
    a = left.selectbox(tr(lang, "Indsats", "Intervention"), list(iv_names), key="effekt_a", format_func=iv_names.get)
    others = {0: tr(lang, "Kommunens gennemsnit (øvrige forløb)", "The municipality's average (other forløb)"),
              **{i: n for i, n in iv_names.items() if i != a}}
    b = right.selectbox(tr(lang, "Sammenlignet med", "Compared with"), list(others), key="effekt_b",
                        format_func=others.get)
    both = run(q.compare, f, scope, code, int(a), int(b) or None)
    b_name = others[b] if b else tr(lang, "kommunens øvrige forløb", "the municipality's other forløb")
    st.subheader(words.compare(both, iv_names[a], b_name, code, lang, k))
    chart(charts.compare(both, [iv_names[a], others[b]], words.unit(code, lang), lang, k, projector=ctx.projector))
definition(words.explain(words.COMPARE, lang, k))
