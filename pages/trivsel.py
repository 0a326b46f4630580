"""Trivsel: the national wellbeing survey for the filtered population."""
import streamlit as st

from queries import trivsel as q
from ui import fmt
from ui.access import no_institutions
from ui.cache import drawn, run
from ui.headlines import hidden_names
from ui.i18n import label
from ui.figures import funnel_narrow
from ui.section import NO_CHART, cards, page, section
from ui.shell import current
from ui.trivsel import definitions as d, headlines as h, slides

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
    shown = slides.trend(f, scope, view, code=code)
    section(view, shown.headline, shown.figure, definition=d.TREND, figures=shown.table, slide=shown)

    # 3. The published bands
    shown = slides.bands(f, scope, view, code=code)
    section(view, shown.headline, shown.figure, definition=d.BANDS, figures=shown.table, slide=shown)

    # 4. Institutions in a funnel
    funnel = run(q.institution_funnel, f, scope, code, year)
    shown = slides.funnel(f, scope, view, code=code)
    section(view, no_institutions(scope, view) or shown.headline, shown.figure if shown else NO_CHART,
            narrow=funnel_narrow(funnel.points), figures=shown.table if shown else None, slide=shown,
            empty=view.tr("Ingen institution har nok besvarelser til at blive vist.",
                          "No institution has enough answers to be shown."),
            note=h.funnel_outliers(funnel, view), hidden=hidden_names(funnel.points, "institution", view),
            definition=d.FUNNEL)

    # 5. Klassetrin × indicator
    shown = slides.heatmap(f, scope, view, code=code)
    section(view, shown.headline, shown.figure, definition=d.HEATMAP, figures=shown.table, slide=shown)

    # 6. Boys and girls
    shown = slides.gender(f, scope, view)
    section(view, shown.headline, shown.figure, definition=d.GENDER, figures=shown.table, slide=shown)

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
question = questions.loc[item_id]
headline, figure, no_answers = drawn(slides.item, f, scope, view, int(item_id), question[text_col],
                                     tuple(question["options"]))
section(view, headline, figure,
        empty=label("no_data", view.lang) if no_answers else None,  # answers, but all hidden: the default
        definition=d.ITEM)
