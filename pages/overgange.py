"""Overgange: inklusionsgrad, flows between general and special provision, return, school start, and
which schools send most children to special provision — for the filtered population."""
import streamlit as st

from data.config import settings
from queries import overgange as q
from ui import fmt
from ui.access import no_institutions
from ui.cache import run
from ui.headlines import hidden_names
from ui.i18n import label
from ui.figures import funnel_narrow
from ui.overgange import charts, definitions as d, headlines as h, slides
from ui.section import NO_CHART, page, section
from ui.shell import current

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
day = fmt.day_month(*settings().count_date, view.lang)
page(view, label("page_overgange", view.lang), view.tr("Elever i almen- og specialtilbud på tælledagen, overgange mellem dem og tilbagevenden. Alle tal for det valgte udsnit.",
                   "Pupils in general and special provision on the count date, transitions between them, and return. All figures for the selected population."))
if f.tilbudsform is not None:
    st.caption(view.tr("Filteret tilbudsform bruges kun i afsnittet om tilbagevenden (som den form, barnet startede i); de andre mål er selv en fordeling på tilbudsformer.",
                       "The provision filter is used only for return (as the form entered); the other measures are themselves a distribution over forms."))

trend = run(q.inklusion_trend, f, scope)
if trend.empty:
    st.info(view.tr("Der er ingen elever i det valgte udsnit. Udvid filtrene.",
                    "There are no pupils in the selected population. Widen the filters."))
    st.stop()

# 1. Inklusionsgrad, over the years and split in the newest
shown = slides.inklusion(f, scope, view)
section(view, shown.headline, shown.figure, title=view.tr("Inklusionsgrad", "Inclusion rate"),
        definition=d.INKLUSION.filled(d=day), figures=shown.table, slide=shown)
year = h.latest_year(trend)
dims = h.dimensions(view, scope)
if st.session_state.get("overgange_dim") not in dims:  # a split the role (chosen in the demo) may not see
    st.session_state.pop("overgange_dim", None)
dim = st.segmented_control(view.tr("Opdelt på", "Split by"), list(dims), default=next(iter(dims)), key="overgange_dim",
                           format_func=dims.get) or next(iter(dims))
parts = run(q.inklusion_split, f, scope, dim, year)
shown = slides.split(f, scope, view, dim=dim)
section(view, shown.headline, shown.figure, slide=shown, figures=shown.table,
        empty=view.tr("Ingen gruppe har nok elever til at blive vist.", "No group has enough pupils to be shown."),
        note=h.no_school(parts, dim, view), hidden=h.split_hidden(parts, dim, view),
        definition=d.SPLIT.filled(d=day), narrow=charts.split_narrow(parts, dim, view))

# 2. Flows
st.header(view.tr("Strømme mellem tilbud", "Flows between provision"))
years = run(q.transition_years, f, scope)
if years:
    pair = st.selectbox(view.tr("Skoleår", "School year"), years[::-1], key="overgange_pair", format_func=h.pair)
    links = run(q.flows, f, scope, pair)
    shown = slides.flows(f, scope, view, pair=pair)
    section(view, shown.headline, shown.figure, figures=shown.table, slide=shown,
            empty=view.tr("Ingen strømme har nok børn til at blive vist.", "No flow has enough children to be shown."),
            note=h.stayed(links, view), hidden=h.hidden_flows(links, view))
    shown = slides.tilgang_afgang(f, scope, view)
    section(view, shown.headline, shown.figure, definition=d.FLOWS.filled(d=day), figures=shown.table, slide=shown)
else:
    st.info(view.tr("Der skal være to skoleår i udsnittet for at vise overgange.",
                    "Two school years are needed to show transitions."))

# 3. Return to an ordinary class
st.header(view.tr("Tilbage i almenklasse", "Back in an ordinary class"))
entry = st.selectbox(view.tr("Kom i specialtilbud i", "Entered special provision in"), [0] + years[::-1],
                     key="overgange_entry", format_func=lambda y: h.entry_years(y, view)) or None
shown = slides.return_curve(f, scope, view, entry=entry)
section(view, shown.headline, shown.figure, figures=shown.table, slide=shown,
        empty=view.tr("For få børn fulgt til at vise kurven.", "Too few children followed to show the curve."))
by_form = run(q.return_by_form, f, scope, entry)
shown = slides.return_by_form(f, scope, view, entry=entry)
section(view, shown.headline, shown.figure, figures=shown.table, slide=shown,
        empty=view.tr("Ingen tilbudsform har nok børn til at blive vist.", "No form has enough children to be shown."),
        hidden=h.hidden_forms(by_form, view), definition=d.RETURN.filled(d=day))

# 4. School start
shown = slides.school_start(f, scope, view)
section(view, shown.headline, shown.figure, title=view.tr("Skolestart", "School start"), figures=shown.table, slide=shown,
        empty=view.tr("For få børn i 0. klasse til at vise figuren.", "Too few children in grade 0 to show the chart."),
        definition=d.START.filled(d=day))

# 5. Which schools send
funnel = run(q.sending_funnel, f, scope)
shown = slides.sending(f, scope, view)
section(view, no_institutions(scope, view) or shown.headline, shown.figure if shown else NO_CHART,
        narrow=funnel_narrow(funnel.points), figures=shown.table if shown else None, slide=shown,
        title=view.tr("Hvilke skoler sender flest i specialtilbud?", "Which schools send most to special provision?"),
        empty=view.tr("Ingen skole har nok elever og overgange til at blive vist.",
                      "No school has enough pupils and transitions to be shown."),
        note=h.funnel_outliers(funnel, view), hidden=hidden_names(funnel.points, "institution", view),
        definition=d.FUNNEL.filled(d=day))
