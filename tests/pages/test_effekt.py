"""The Effekt page through AppTest on the hand-made fixture, asserting on what a user sees.
Expected figures are the hand computations in tests/queries/test_effekt.py."""
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixture_effekt
from tests.conftest import sqlite_file
from tests.helpers import every_tab, open_tab, subheaders, texts
from tests.pages.conftest import opener


@pytest.fixture()
def app(app):
    """The Effekt page, opened with the given link parameters (tests/pages/conftest.py's app)."""
    return lambda **query: app("effekt", **query)


def test_effekt_billund_sdq(app):
    at = app(kommune="530")
    assert at.title[0].value == "Effekt"
    h = every_tab(at, subheaders)
    # overview: 17 started (LØFT Nord 7 + LØFT over tid 10), 15 measured before and after (5 + 10). Without
    # an after score: 9006 ended (attrition) and 9007 still running, both in LØFT Nord — 1 and 1 forløb, so
    # each is a group of 1-4 that the query now hides (with the dropout share 1/16) on the shown total; the
    # headline says so instead of "1 afsluttede forløb (6 %) … og 1 er stadig i gang".
    assert ("17 deltagelser er startet, og 15 er målt både før og efter. Hvor mange der faldt fra eller stadig er i "
            "gang, vises ikke: færre end 5 deltagelser i mindst én af grupperne.") in h
    # the method table hides the same two counts (n_after 15 stays: only the small ones are hidden)
    methods = next(t.value for t in at.dataframe if "Metode" in t.value.columns).set_index("Metode")
    assert methods.loc["Alle", "Målt efter"] == "15"
    assert (methods.loc["Alle", "I gang"], methods.loc["Alle", "Frafald"]) == ("ikke vist", "ikke vist")
    # the answer comes first: Σ improvement 65 over 15 forløb = 4,3 points, standardised 1,82 (large: ≥ 0,8);
    # LØFT over tid (p = 0,000174) improves beyond noise, LØFT Nord (p = 0,136) not — Benjamini-Hochberg over
    # two: q = 0,000348 and 0,136
    change = h[0]
    assert change.startswith("Børnene blev i gennemsnit 4,3 point bedre på SDQ samlede vanskeligheder — en stor "
                             "ændring (standardiseret +1,82).")
    assert change.endswith("1 af de 2 viste indsatser forbedrer børnenes målinger mere, end tilfældigheder kan "
                           "forklare, og 0 forværrer dem (når alle indsatser vurderes på én gang).")
    # reliable change in all of Billund: improvements 8,3,2,−2,4 and 1..5,5..9 beyond 7,19: 8 (LØFT Nord), 8, 9
    # -> 3 of 15 improved: a small group, hidden; improved, worsened (0) and unchanged (12) add up to 15, so
    # the smallest other, worsened, is hidden too; unchanged 12/15 = 80 % shown. Clinical before (≥ 17): 3 in
    # LØFT Nord + all 10 of LØFT over tid = 13; crossed below 17: 2 + 6 (after 15, 16, 14, 14, 12, 12) = 8 of
    # 13 = 62 %, and the 5 who did not cross are no small group either
    assert ("80 % af børnene er uændrede inden for målefejlen; hvor mange der blev pålideligt bedre eller dårligere, "
            "vises ikke, for at beskytte en lille gruppe. 62 % af de 13, der startede på den bekymrende side af "
            "grænsen, endte på den gode side.") in h
    # goals: LØFT Nord's 11 GAS goals at +2/+1/0/−1/−2 = 1/4/3/1/2: small groups of goals, so no share is
    # shown; T = 51,5 over 5 children
    assert ("Af de 11 GAS-scorede mål vises andelene ikke, for at beskytte en lille gruppe. Samlet målopfyldelse "
            "(GAS T-score) 51,5; 50 er forventet niveau i gennemsnit.") in h
    assert len(every_tab(at, lambda a: a.get("plotly_chart"))) >= 6
    assert any("ikke vist" not in x for x in h)


def test_effekt_suppresses_small_interventions(app):
    at = app()
    # Pilot (4 children) and, as its complement, LØFT Nord are hidden in the change table, each saying why
    tables = [t.value for t in at.dataframe]
    change = next(t for t in tables if "Standardiseret før/efter-ændring g_av, bedre > 0 (95 %-KI)" in t.columns)
    shown = dict(zip(change["Indsats"], change["n"]))
    assert shown["Pilot"] == "ikke vist (færre end 5)"
    assert shown["LØFT Nord"] == "ikke vist (beskytter en lille gruppe)"
    assert shown["LØFT over tid"] == "10"
    methods = next(t for t in tables if "Metode" in t.columns)
    # methods by their proper names, not the codes ("mellemform")
    assert dict(zip(methods["Metode"], methods["Startet"]))["Mellemform"] == "ikke vist (færre end 5)"


def test_effekt_over_time_and_compare(app):
    at = app(kommune="530")
    # the detail follows the intervention the reader chooses: over time and compared
    at.selectbox(key="effekt_focus").set_value("indsats:103").run()
    h = subheaders(open_tab(at, "Over tid"))
    # LØFT over tid: mean improvement 3,0 in 2021/22 and 7,0 in 2022/23, Welch p < 0,05
    assert ("LØFT over tid: forbedringen var 3,0 for deltagelser startet i 2021/22 og 7,0 i 2022/23 — en fremgang ud "
            "over den statistiske usikkerhed.") in h
    assert open_tab(at, "Sammenlign").selectbox(key="effekt_a").value == 103
    at.selectbox(key="effekt_a").set_value(100).run()
    h = subheaders(at)
    # LØFT Nord 3,0 against the rest of Billund 5,0: diff −2,0, p ≈ 0,31
    assert ("LØFT Nord forbedrer SDQ samlede vanskeligheder med 3,0 point mod 5,0 i de øvrige deltagelser i udsnittet. "
            "Forskellen (−2,0) er inden for den statistiske usikkerhed — ingen sikker forskel.") in h


def test_effekt_gas_and_english(app):
    at = app(kommune="530", lang="en")
    h = every_tab(at, subheaders)
    # the same figures as test_effekt_billund_sdq, in English with English separators
    assert ("17 participations started, and 15 were measured before and after. How many dropped out or are still "
            "running is not shown: fewer than 5 participations in at least one of the groups.") in h
    assert ("80% of children are unchanged within measurement error; how many got reliably better or worse is not "
            "shown, to protect a small group. 62% of the 13 who started on the concerning side of the cut-off ended on "
            "the good side.") in h
    _english_charts(at)
    at.segmented_control(key="effekt_instr").set_value("gas").run()
    assert not at.exception
    assert any("GAS measures goal attainment" in i.value for i in at.info)
    # LØFT Nord's 11 GAS goals: small groups at every level, no share shown; T = 51.49
    assert ("Of the 11 GAS-scored goals, the shares are not shown, to protect a small group. Overall goal attainment "
            "(GAS T-score) 51.5; 50 is the expected level on average.") in every_tab(at, subheaders)
    _english_charts(at)


def _english_charts(at):
    """Every chart in English: English decimal and thousands separators, no Danish in hovers or labels."""
    specs = [json.loads(c.proto.spec) for c in every_tab(at, lambda a: a.get("plotly_chart"))]
    assert specs
    for spec in specs:
        assert spec["layout"]["template"]["layout"]["separators"] == ".,"
        text = json.dumps(spec, ensure_ascii=False)
        assert "95% CI" in text or "Share of" in text or "Number of participations" in text
        for danish in ("KI", "Alle indsatser", "ikke vist", "før", "Andel", "Antal"):
            assert danish not in text, danish
        assert not re.search(r"(\d|\}) %", text)  # "73%" and "%{x:,.0f}%", not the Danish "73 %"


def _everything(at) -> str:
    """Every text a reader can see, in every tab: texts, tables' column names and cells, charts."""
    return "\n".join(every_tab(at, lambda a: [_seen(a)]))


def _seen(at) -> str:
    tables = [t.value for t in at.dataframe]
    return "\n".join([texts(at), *(" ".join(map(str, t.columns)) + " " + t.to_string() for t in tables),
                      *(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart"))])


def test_effekt_calls_the_change_a_standardised_change_and_says_what_it_does_not_show(app):
    at = app(kommune="530")
    everything = _everything(at)
    assert "effektstørrelse" not in everything.lower() and "effect size" not in everything.lower()
    # one sentence in sight at the top of the change section, before its headline and chart
    info = [i.value for i in at.info]
    assert ("Før/efter-ændringen er ikke indsatsens effekt: der er ingen sammenligningsgruppe, børn der kommer i en "
            "indsats, fordi de scorer dårligt, scorer ofte bedre næste gang uanset indsatsen (regression mod "
            "middelværdien), og kun børn målt både før og efter indgår.") in info
    # the chart's axis and the definition: which standardiser, and that d_z would differ
    titles = [json.loads(c.proto.spec)["layout"]["xaxis"].get("title", {}).get("text")
              for c in every_tab(at, lambda a: a.get("plotly_chart"))]
    assert "Standardiseret før/efter-ændring (g_av, 95 %-KI)" in titles
    markdown = "\n".join(m.value for m in at.markdown)
    assert "d_av = (gennemsnit efter − gennemsnit før) / ((SD før + SD efter)/2)" in markdown
    assert "J = 1 − 3/(4(n − 1) − 1)" in markdown and "Hedges' g_av for parrede målinger" in markdown
    assert "d_z = gennemsnitlig ændring / SD(ændringer), bliver tallet et andet" in markdown
    assert "**Hvad tallet ikke viser.**" in markdown and "regression mod middelværdien" in markdown
    h = every_tab(at, subheaders)
    # Billund's starting point: 14 of 17 measured before were at 17 or more, but the 3 below are few: hidden
    assert ("Hvor mange af de 17 børn målt før, der startede over grænsen for SDQ samlede vanskeligheder, vises ikke, "
            "for at beskytte en lille gruppe.") in h
    # the one dropout (9006) is hidden, and with it its starting point
    assert ("Udgangspunktet for de der faldt fra vises ikke: færre end 5 deltagelser, eller for at beskytte en lille "
            "gruppe. Om frafaldet er skævt, kan derfor ikke ses her.") in h


def test_effekt_english_says_standardised_before_after_change(app):
    at = app(kommune="530", lang="en")
    everything = _everything(at)
    assert "effect size" not in everything.lower() and "Hedges' g, better" not in everything
    assert any(i.value.startswith("The before/after change is not the intervention's effect: there is no comparison "
                                  "group") for i in at.info)
    change = next(t.value for t in at.dataframe if "Standardised before/after change g_av, better > 0 (95% CI)"
                  in t.value.columns)
    assert len(change) == 3


def test_effekt_gas_levels_have_their_standard_names(app):
    at = app(kommune="530")
    at.segmented_control(key="effekt_instr").set_value("gas").run()
    assert not at.exception
    # GAS is not measured before and after: the answer is goal attainment (LØFT Nord's T = 51,5, its interval
    # includes 50); then LØFT Nord's 7 participations, 5 with goals set and GAS-scored (9001-9005)
    h = every_tab(at, subheaders)
    assert h[0] == ("Målopfyldelse (GAS T-score): den viste indsats kan ikke skelnes fra 50 (forventet niveau i "
                    "gennemsnit).")
    assert h[1].startswith("7 deltagelser er startet, og i 5 er målene sat og GAS-scoret.")
    assert not any("målt både før og efter" in x for x in h)
    specs = [json.loads(c.proto.spec) for c in every_tab(at, lambda a: a.get("plotly_chart"))]
    levels = next(s for s in specs if "Andel af de GAS-scorede mål" in json.dumps(s, ensure_ascii=False))
    assert [t["name"] for t in levels["data"]][:5] == [
        "+2 meget mere end forventet", "+1 noget mere end forventet", "0 forventet niveau",
        "−1 noget mindre end forventet (typisk udgangsniveau)", "−2 meget mindre end forventet"]
    # GAS scores are never called "delvist" (the outcome field's word), on the chart or in the headline
    assert "Delvist" not in json.dumps(levels, ensure_ascii=False)
    markdown = "\n".join(m.value for m in open_tab(at, "Mål").markdown)
    assert "−1 *noget mindre end forventet* — typisk udgangsniveauet" in markdown
    assert "ikke at målet er »delvist opnået«" in markdown
    assert "**T = 50 betyder forventet niveau (0) i gennemsnit**" in markdown


# --- a database of its own with intervention 104 (tests/fixture_effekt.py, load_attrition) ---------
@pytest.fixture(scope="module")
def attrition_url(tmp_path_factory) -> str:
    return sqlite_file(tmp_path_factory, "attrition", fixture_effekt.load_attrition)


@pytest.fixture()
def attrition_app(attrition_url, monkeypatch):
    open_page = opener(attrition_url, monkeypatch)

    def make(**query) -> AppTest:
        at = open_page("effekt", **query)
        at.segmented_control(key="effekt_instr").set_value("ors").run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    return make


def test_effekt_starting_point_and_attrition(attrition_app):
    at = attrition_app(kommune="169")
    h = every_tab(at, subheaders)
    # ORS in Høje-Taastrup (tests/queries/test_effekt.py): 11 of 17 measured before under 25 = 65 %
    assert ("11 af de 17 børn, der blev målt før (65 %), startede under grænsen for ORS (under 25,0 point): en del af "
            "deres forbedring kan være regression mod middelværdien.") in h
    # completers 292/12 = 24,3, dropouts 16,0: −8,3 points, Welch (−12,4 to −4,2): the dropouts started worse
    assert ("De der faldt fra (n=5), startede i gennemsnit 8,3 point lavere på ORS — et dårligere udgangspunkt — end "
            "dem der gennemførte (n=12); forskellen er større end tilfældig variation (95 %-KI −12,4 til −4,2).") in h
    table = next(t.value for t in at.dataframe if "Faldt fra: førmåling (95 %-KI)" in t.value.columns).set_index("Indsats")
    assert table.loc["Familiesamtaler", "Gennemførte: førmåling (95 %-KI)"] == "25,4 (22,2 til 28,6), n=7"
    assert table.loc["Familiesamtaler", "Faldt fra: førmåling (95 %-KI)"] == "16,0 (12,1 til 19,9), n=5"
    assert table.loc["Familiesamtaler", "Forskel, faldt fra − gennemførte (95 %-KI)"] == "−9,4 (−13,8 til −5,1)"
    assert table.loc["PPR-sparring HT", "Faldt fra: førmåling (95 %-KI)"] == "ingen"
    # PPR-sparring's goals have no GAS score: they are shown on their own scale, with their own words
    assert ("Ingen af målene i udsnittet er GAS-scoret; målene er vurderet som opnået, delvist opnået eller ikke "
            "opnået.") in h
    assert "Af de 6 mål uden GAS-score vises andelene ikke, for at beskytte en lille gruppe." in h


def test_the_answer_says_how_sure_for_each_intervention(app):
    at = app()
    change = next(t.value for t in at.dataframe if "Mere end tilfældigt?" in t.value.columns).set_index("Indsats")
    # LØFT over tid, the one intervention shown (Pilot and, as its complement, LØFT Nord are hidden):
    # p = q = 0,000174 < 0,05; a hidden row says nothing
    assert change.loc["LØFT over tid", "Mere end tilfældigt?"] == "Ja, bedre"
    assert change.loc["Pilot", "Mere end tilfældigt?"] == ""
