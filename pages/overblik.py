"""Overblik: "how are we doing?" at a glance — the KPI catalogue's key figures for the filtered population,
each with its change beyond noise or not, its years, its Landstal or target, and the page that explains it."""
import streamlit as st

from queries import kpis
from ui import fmt
from ui.access import no_institutions
from ui.cache import run
from ui.i18n import label
from ui.overblik import news_line, tile
from ui.section import cards, page
from ui.shell import current

AREAS = (("Trivsel", "Wellbeing", ("trivsel_social", "trivsel_faglig", "trivsel_stoette", "trivsel_ro", "trivsel_generel")),
         ("Overgange", "Transitions", ("inklusionsgrad", "tilgang", "afgang", "nye_special_pr_1000", "tilbagefoersel_2aar")),
         ("Effekt", "Effect", ("effekt_andel_forbedret", "gas_maal_opnaaet", "frafald")))

ctx = current()
f, scope, view = ctx.filters, ctx.scope, ctx.view
page(view, label("page_overblik", view.lang), view.tr(
    "Hvordan går det? Nøgletallene for det valgte udsnit, hvert med ændringen fra året før og sin side.",
    "How are we doing? The key figures for the selection, each with its change from the year before and its page."), with_survey=True)
fresh = run(kpis.freshness, f, scope)
st.caption(view.tr("Data: seneste trivselsmåling {s}, seneste placering {p}, seneste indlæsning {i}.",
                   "Data: latest wellbeing survey {s}, latest placement {p}, latest import {i}.",
                   s=fmt.school_year(fresh["survey"]) if fresh["survey"] else "–",
                   p=fmt.date(fresh["placement"], view.lang) if fresh["placement"] else "–",
                   i=fmt.date(fresh["imported"], view.lang) if fresh["imported"] else "–"))
st.page_link("pages/data.py", label=view.tr("Datakvalitet: hvilke tal kan man stole på?",
                                         "Data quality: which figures can you trust?"), icon=":material/fact_check:")

rows = run(kpis.tiles, f, scope, tuple(code for _, _, codes in AREAS for code in codes)).set_index("code", drop=False)
for da, en, codes in AREAS:
    st.subheader(view.tr(da, en))
    cards([tile(rows.loc[code], view) for code in codes], per_row=5)
real = rows[rows["beyond_noise"]]
st.info(view.tr("Ingen af nøgletallene har ændret sig mere fra året før, end tilfældigheder kan forklare, når de vurderes "
                "på én gang." if real.empty else "{n} af {t} nøgletal har ændret sig mere fra året før, end tilfældigheder "
                "kan forklare (vist med pil), når alle vurderes på én gang.",
                "None of the key figures changed from the year before by more than chance can explain, with all judged "
                "at once." if real.empty else "{n} of {t} key figures changed from the year before by more than chance "
                "can explain (shown with an arrow), with all judged at once.", n=len(real), t=len(rows)))

st.subheader(view.tr("Hvad er nyt", "What is new"))
new = run(kpis.news, f, scope)
if no_institutions(scope, view):
    st.markdown(no_institutions(scope, view))
elif new.empty:
    st.markdown(view.tr(
        "Ingen skole har ændret sig fra sidste år mere, end tilfældigheder kan forklare, på trivselsindikatorerne eller "
        "inklusionsgraden, når alle skoler og nøgletal vurderes på én gang. Det er det sædvanlige svar.",
        "No school changed from last year by more than chance can explain on the wellbeing indicators or the inclusion "
        "rate, with all schools and key figures judged at once. That is the usual answer."))
else:
    st.markdown("\n".join(f"- {news_line(r, f, view)}" for _, r in new.iterrows()))
    st.caption(view.tr("Ændringer fra sidste år pr. skole, der er større end tilfældig variation, når alle skoler og "
                       "nøgletal vurderes på én gang (højst 5 % falske fund: Benjamini-Hochberg).",
                       "Changes from last year per school beyond chance variation, with all schools and key figures "
                       "judged at once (at most 5% false findings: Benjamini-Hochberg)."))
