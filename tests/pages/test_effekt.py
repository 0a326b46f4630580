"""The Effekt page through AppTest on the hand-made fixture, asserting on what a user sees.
Expected figures are the hand computations in tests/queries/test_effekt.py."""
import json
import re

import pytest

from tests.helpers import subheaders


@pytest.fixture()
def app(app):
    """The Effekt page, opened with the given link parameters (tests/pages/conftest.py's app)."""
    return lambda **query: app("effekt", **query)


def test_effekt_billund_sdq(app):
    at = app(kommune="530")
    assert at.title[0].value == "Effekt"
    h = subheaders(at)
    # overview: 17 started (LØFT Nord 7 + LØFT over tid 10), 15 measured before and after (5 + 10). Without
    # an after score: 9006 ended (attrition) and 9007 still running, both in LØFT Nord — 1 and 1 forløb, so
    # each is a group of 1-4 that the query now hides (with the dropout share 1/16) on the shown total; the
    # headline says so instead of "1 afsluttede forløb (6 %) … og 1 er stadig i gang".
    assert ("17 forløb er startet, og 15 er målt både før og efter. Frafald og forløb, der stadig er i gang, vises "
            "ikke: færre end 5 forløb i mindst én af grupperne.") in h
    # the method table hides the same two counts (n_after 15 stays: only the small ones are hidden)
    methods = next(t.value for t in at.dataframe if "Metode" in t.value.columns).set_index("Metode")
    assert methods.loc["Alle", "Målt efter"] == "15"
    assert (methods.loc["Alle", "I gang"], methods.loc["Alle", "Frafald"]) == ("ikke vist", "ikke vist")
    # change: Σ improvement 65 over 15 forløb = 4,3 points; LØFT Nord's CI (−1,5 to 7,5) includes 0,
    # LØFT over tid's (improvements 1..9) does not -> 1 of 2 improves beyond noise
    change = next(x for x in h if x.startswith("Børnene blev i gennemsnit 4,3 point bedre på SDQ"))
    assert change.endswith("1 af 2 viste indsatser forbedrer ud over den statistiske usikkerhed, 0 forværrer.")
    # reliable change in all of Billund: improvements 8,3,2,−2,4 and 1..5,5..9 beyond 7,19: 8 (LØFT Nord), 8, 9
    # -> 3 of 15 improved: a small group, hidden; improved, worsened (0) and unchanged (12) add up to 15, so
    # the smallest other, worsened, is hidden too; unchanged 12/15 = 80 % shown. Clinical before (≥ 17): 3 in
    # LØFT Nord + all 10 of LØFT over tid = 13; crossed below 17: 2 + 6 (after 15, 16, 14, 14, 12, 12) = 8 of
    # 13 = 62 %, and the 5 who did not cross are no small group either
    assert ("80 % af børnene er uændrede inden for målefejlen; hvor mange der blev pålideligt bedre eller dårligere, "
            "vises ikke, for at beskytte en lille gruppe. 62 % af de 13, der startede på den kliniske side af "
            "grænsen, endte på den gode side.") in h
    # goals: LØFT Nord's 11 GAS goals: 8 achieved, 1 partly, 2 not: the 1, the 2 and the 3 not achieved are
    # small groups of goals, so no share is shown; T = 51,5 over 5 children
    assert ("Af de 11 vurderede mål vises andelene ikke, for at beskytte en lille gruppe. GAS T-score i alt 51,5 "
            "(50 = målene nået som forventet).") in h
    assert len(at.get("plotly_chart")) >= 6
    assert any("ikke vist" not in x for x in h)


def test_effekt_suppresses_small_interventions(app):
    at = app()
    # Pilot (4 children) and, as its complement, LØFT Nord are hidden in the change table, each saying why
    tables = [t.value for t in at.dataframe]
    change = next(t for t in tables if "Hedges' g, bedre > 0 (95 %-KI)" in t.columns)
    shown = dict(zip(change["Indsats"], change["n"]))
    assert shown["Pilot"] == "ikke vist (færre end 5)"
    assert shown["LØFT Nord"] == "ikke vist (beskytter en lille gruppe)"
    assert shown["LØFT over tid"] == "10"
    methods = next(t for t in tables if "Metode" in t.columns)
    assert dict(zip(methods["Metode"], methods["Startet"]))["mellemform"] == "ikke vist (færre end 5)"


def test_effekt_over_time_and_compare(app):
    at = app(kommune="530")
    at.selectbox(key="effekt_cohort").set_value(103).run()
    h = subheaders(at)
    # LØFT over tid: mean improvement 3,0 in 2021/22 and 7,0 in 2022/23, Welch p < 0,05
    assert ("LØFT over tid: forbedringen var 3,0 for forløb startet i 2021/22 og 7,0 i 2022/23 — en fremgang ud over "
            "den statistiske usikkerhed.") in h
    at.selectbox(key="effekt_a").set_value(100).run()
    h = subheaders(at)
    # LØFT Nord 3,0 against the rest of Billund 5,0: diff −2,0, p ≈ 0,31
    assert ("LØFT Nord forbedrer SDQ samlede vanskeligheder med 3,0 point mod 5,0 i kommunens øvrige forløb. "
            "Forskellen (−2,0) er inden for den statistiske usikkerhed — ingen sikker forskel.") in h


def test_effekt_gas_and_english(app):
    at = app(kommune="530", lang="en")
    h = subheaders(at)
    # the same figures as test_effekt_billund_sdq, in English with English separators
    assert ("17 forløb started, and 15 were measured before and after. Attrition and forløb still running are not "
            "shown: fewer than 5 forløb in at least one of the groups.") in h
    assert ("80% of children are unchanged within measurement error; how many got reliably better or worse is not "
            "shown, to protect a small group. 62% of the 13 who started on the clinical side of the cut-off ended on "
            "the good side.") in h
    _english_charts(at)
    at.segmented_control(key="effekt_instr").set_value("gas").run()
    assert not at.exception
    assert any("GAS measures goal attainment" in i.value for i in at.info)
    # LØFT Nord's 11 GAS goals: 8 achieved, 1 partly, 2 not: small groups of goals, no share shown; T = 51.49
    assert ("Of the 11 rated goals, the shares are not shown, to protect a small group. Overall GAS T-score 51.5 "
            "(50 = goals met as expected).") in subheaders(at)
    _english_charts(at)


def _english_charts(at):
    """Every chart in English: English decimal and thousands separators, no Danish in hovers or labels."""
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        assert spec["layout"]["template"]["layout"]["separators"] == ".,"
        text = json.dumps(spec, ensure_ascii=False)
        assert "95% CI" in text or "Share of" in text or "Number of forløb" in text
        for danish in ("KI", "Alle indsatser", "ikke vist", "før", "Andel", "Antal"):
            assert danish not in text, danish
        assert not re.search(r"(\d|\}) %", text)  # "73%" and "%{x:,.0f}%", not the Danish "73 %"
