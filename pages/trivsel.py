"""Trivsel: the national wellbeing survey for the filtered population."""
import streamlit as st

from queries import trivsel as q
from ui import fmt
from ui.access import no_institutions
from ui.cache import run
from ui.headlines import hidden_names
from ui.i18n import label
from ui.export import Table
from ui import tables as tables_shared
from ui.figures import funnel_narrow
from ui.measures import MEAN
from ui.section import NO_CHART, cards, page, section
from ui.shell import current
from ui.trivsel import charts, definitions as d, headlines as h, tables

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view.within(q.DOMAIN)
page(view, label("page_trivsel", view.lang), view.tr(
    "Den nationale trivselsmåling. Gennemsnit fra 1 til 5, hvor 5 er bedst. Alle tal for det valgte udsnit.",
    "The national wellbeing survey. Means from 1 to 5, 5 best. All figures for the selected population."))

names = h.names(run(q.indicators), view)
year = run(q.latest_year, f, scope)
trend = run(q.indicator_trend, f, scope)

if year is None or trend.empty:
    st.info(label("no_data", view.lang))
else:
    # 1. The five indicators this year
    st.header(view.tr("Indikatorerne i {y}", "The indicators in {y}", y=fmt.school_year(year)))
    cards(h.cards(trend, year, names, view), note=view.tr(
        "Pil vises kun, når ændringen fra året før er større end den statistiske usikkerhed. "
        "Hold musen over ? for 95 %-konfidensintervallet.",
        "An arrow is shown only when the change from last year is beyond statistical uncertainty. "
        "Hover over ? for the 95% confidence interval."))

    # 2. One indicator over the years
    code = st.segmented_control(view.tr("Indikator", "Indicator"), list(names), default=next(iter(names)),
                                key="trivsel_ind", format_func=names.get) or next(iter(names))
    section(view, h.trend(trend, code, names[code], view), charts.trend(trend, code, names[code], view),
            definition=d.TREND,
            figures=Table(view.tr("{n} pr. skoleår", "{n} by school year", n=names[code]),
                          tables.trend(trend, code, names[code], view), f"trivsel_{code}"))

    # 3. The published bands
    bands = run(q.band_distribution, f, scope)
    section(view, h.bands(bands, code, names[code], view), charts.bands(bands, code, view), definition=d.BANDS,
            figures=Table(view.tr("{n}: fordeling på intervaller", "{n}: distribution over bands", n=names[code]),
                          tables.bands(bands, code, names[code], view), f"trivsel_{code}_intervaller"))

    # 4. Institutions in a funnel
    funnel = run(q.institution_funnel, f, scope, code, year)
    section(view, no_institutions(scope, view) or h.funnel(funnel, year, view),
            charts.funnel(funnel, view) if scope.shows("institution") else NO_CHART, narrow=funnel_narrow(funnel.points),
            figures=Table(view.tr("{n} {y} pr. institution", "{n} {y} by institution", n=names[code], y=fmt.school_year(year)),
                          tables_shared.funnel(funnel.points, "mean", MEAN, view), f"trivsel_{code}_{year}_institutioner")
            if scope.shows("institution") else None,
            empty=view.tr("Ingen institution har nok besvarelser til at blive vist.",
                          "No institution has enough answers to be shown."),
            note=h.funnel_outliers(funnel, view), hidden=hidden_names(funnel.points, "institution", view),
            definition=d.FUNNEL)

    # 5. Klassetrin × indicator
    grid = run(q.grade_heatmap, f, scope, year)
    section(view, h.heatmap(grid, code, names[code], view), charts.heatmap(grid, names, view),
            definition=d.HEATMAP, figures=Table(view.tr("Indikatorerne {y} pr. klassetrin", "The indicators {y} by grade",
                                                        y=fmt.school_year(year)), tables.heatmap(grid, names, view),
                                                f"trivsel_{year}_klassetrin"))

    # 6. Boys and girls
    genders = run(q.gender_comparison, f, scope, year)
    section(view, h.gender(genders, names, view), charts.gender(genders, names, view), definition=d.GENDER,
            figures=Table(view.tr("Drenge og piger {y}", "Boys and girls {y}", y=fmt.school_year(year)),
                          tables.gender(genders, names, view), f"trivsel_{year}_koen"))

# 7. One question
st.header(view.tr("Ét spørgsmål", "One question"))
instrument = st.segmented_control(view.tr("Måling", "Survey"), [q.INSTRUMENT_4_9, q.INSTRUMENT_0_3],
                                  default=q.INSTRUMENT_4_9, key="trivsel_instr",
                                  format_func=lambda c: view.tr("4.-9. klasse", "Grades 4-9") if c == q.INSTRUMENT_4_9
                                  else view.tr("0.-3. klasse", "Grades 0-3")) or q.INSTRUMENT_4_9
questions = run(q.items, instrument).set_index("item_id")
text_col = "text_da" if view.lang == "da" else "text_en"
item_id = st.selectbox(view.tr("Spørgsmål", "Question"), list(questions.index), key=f"trivsel_item_{instrument}",
                       format_func=lambda i: f"{questions.loc[i, 'item_no']}. {questions.loc[i, text_col]}")
answers = run(q.item_distribution, f, scope, int(item_id))
question = questions.loc[item_id]
section(view, h.item(answers, question[text_col], question["options"], view),
        charts.item_answers(answers, question["options"], view),
        empty=label("no_data", view.lang) if answers.empty else None,  # answers, but all hidden: the default
        definition=d.ITEM)
