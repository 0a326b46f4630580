"""Trivsel: the national wellbeing survey for the filtered population."""
import streamlit as st

from queries import trivsel as q
from ui import charts, definitions, fmt, headlines
from ui.cache import run
from ui.i18n import label, tr
from ui.layout import chart
from ui.shell import current

ctx = current()
lang, f, scope, k, big = ctx.lang, ctx.filters, ctx.scope, ctx.min_n, ctx.projector
st.title(label("page_trivsel", lang))
st.caption(tr(lang, "Den nationale trivselsmåling. Gennemsnit fra 1 til 5, hvor 5 er bedst. Alle tal for det valgte udsnit.",
              "The national wellbeing survey. Means from 1 to 5, 5 best. All figures for the selected population."))

ind = run(q.indicators)
names = dict(zip(ind["code"], ind["name_da" if lang == "da" else "name_en"]))
order = list(ind["code"])
year = run(q.latest_year, f, scope)
trend = run(q.indicator_trend, f, scope)

if year is None or trend.empty:
    st.info(label("no_data", lang))
else:
    # 1. The five indicators this year --------------------------------------------------------
    st.header(tr(lang, "Indikatorerne i {y}", "The indicators in {y}", y=fmt.school_year(year)))
    latest = trend[trend["school_year"] == year].set_index("indicator_code").reindex(order).reset_index()
    cols = st.columns(len(order))
    for col, row in zip(cols, latest.itertuples()):
        value = fmt.suppressed(k, lang) if row.suppressed else fmt.num(row.mean, 2, lang)
        delta = None if row.suppressed or not row.beyond_noise else fmt.signed(row.change, 2, lang)
        col.metric(names[row.indicator_code], value, delta, delta_color="normal", border=True,
                   help=tr(lang, "n = {n}; 95 %-KI {lo}-{hi}", "n = {n}; 95% CI {lo}-{hi}", n=fmt.integer(row.n, lang),
                           lo=fmt.num(row.ci_low, 2, lang), hi=fmt.num(row.ci_high, 2, lang)))
        col.caption(tr(lang, "n = {n}", "n = {n}", n=fmt.integer(row.n, lang)) if not row.suppressed else "")
    st.caption(tr(lang, "Pil vises kun, når ændringen fra året før er større end den statistiske usikkerhed. "
                        "Hold musen over ? for 95 %-konfidensintervallet.",
                  "An arrow is shown only when the change from last year is beyond statistical uncertainty. "
                  "Hover over ? for the 95% confidence interval."))

    # 2. Trend of one indicator ---------------------------------------------------------------
    chosen = st.segmented_control(tr(lang, "Indikator", "Indicator"), order, default=order[0], key="trivsel_ind",
                                  format_func=names.get) or order[0]
    rows = trend[trend["indicator_code"] == chosen]
    st.subheader(headlines.trend(rows, names[chosen], lang, k))
    chart(charts.trend(rows, names[chosen], lang, k, big))
    with st.expander(label("definition", lang)):
        st.markdown(definitions.explain(definitions.TREND, lang, k))
    st.download_button(tr(lang, "Hent tallene (CSV)", "Download the figures (CSV)"),
                       rows.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig"),
                       file_name=f"trivsel_{chosen}.csv", mime="text/csv")

    # 3. Bands -------------------------------------------------------------------------------
    band_rows = run(q.band_distribution, f, scope)
    band_rows = band_rows[band_rows["indicator_code"] == chosen]
    st.subheader(headlines.bands(band_rows, names[chosen], lang))
    chart(charts.bands(band_rows, lang, k, big))
    with st.expander(label("definition", lang)):
        st.markdown(definitions.explain(definitions.BANDS, lang, k))

    # 4. Institutions in a funnel -------------------------------------------------------------
    funnel = run(q.institution_funnel, f, scope, chosen, year)
    st.subheader(headlines.funnel(funnel.points, funnel.centre, year, lang))
    if funnel.points["suppressed"].all():
        st.info(tr(lang, "Ingen institution har nok besvarelser til at blive vist.", "No institution has enough answers to be shown."))
    else:
        chart(charts.funnel(funnel.points, funnel.curve, funnel.centre, lang, big))
        st.markdown(headlines.funnel_outliers(funnel.points, lang))
    hidden = funnel.points[funnel.points["suppressed"]]["institution"].tolist()
    if hidden:
        st.caption(tr(lang, "{s}: {names}", "{s}: {names}", s=fmt.suppressed(k, lang).capitalize(), names=", ".join(hidden)))
    with st.expander(label("definition", lang)):
        st.markdown(definitions.explain(definitions.FUNNEL, lang, k))

    # 5. Klassetrin x indicator ---------------------------------------------------------------
    grid = run(q.grade_heatmap, f, scope, year)
    st.subheader(headlines.heatmap(grid[grid["indicator_code"] == chosen], names[chosen], lang))
    chart(charts.heatmap(grid, names, order, lang, k, big))
    with st.expander(label("definition", lang)):
        st.markdown(definitions.explain(definitions.HEATMAP, lang, k))

    # 6. Boys and girls -----------------------------------------------------------------------
    genders = run(q.gender_comparison, f, scope, year)
    st.subheader(headlines.gender(genders, names, lang))
    chart(charts.gender(genders, names, order, lang, k, big))
    with st.expander(label("definition", lang)):
        st.markdown(definitions.explain(definitions.GENDER, lang, k))

# 7. One question ---------------------------------------------------------------------------
st.header(tr(lang, "Ét spørgsmål", "One question"))
instrument = st.segmented_control(tr(lang, "Måling", "Survey"), [q.INSTRUMENT_4_9, q.INSTRUMENT_0_3],
                                  default=q.INSTRUMENT_4_9, key="trivsel_instr",
                                  format_func=lambda c: tr(lang, "4.-9. klasse", "Grades 4-9") if c == q.INSTRUMENT_4_9
                                  else tr(lang, "0.-3. klasse", "Grades 0-3")) or q.INSTRUMENT_4_9
questions = run(q.items, instrument)
text_col = "text_da" if lang == "da" else "text_en"
item_id = st.selectbox(tr(lang, "Spørgsmål", "Question"), questions["item_id"].tolist(), key=f"trivsel_item_{instrument}",
                       format_func=lambda i: f"{int(questions.set_index('item_id').loc[i, 'item_no'])}. "
                                             f"{questions.set_index('item_id').loc[i, text_col]}")
question = questions.set_index("item_id").loc[item_id]
answers = run(q.item_distribution, f, scope, int(item_id))
if answers.empty:
    st.info(label("no_data", lang))
else:
    st.subheader(headlines.item(answers, question[text_col], question["options"], lang))
    chart(charts.item_answers(answers, question["options"], lang, k, big))
with st.expander(label("definition", lang)):
    st.markdown(definitions.explain(definitions.ITEM, lang, k))
