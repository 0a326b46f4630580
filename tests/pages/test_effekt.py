"""The Effekt page through AppTest on the hand-made fixture, asserting on what a user sees.
Expected figures are the hand computations in tests/queries/test_effekt.py."""
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
    # overview: 17 started (7 + 10), 15 before and after, 1 ended without after (1 of 16 = 6 %), 1 running
    assert ("17 forløb er startet, og 15 er målt både før og efter. 1 afsluttede forløb (6 %) mangler eftermåling "
            "(frafald), og 1 er stadig i gang.") in h
    # change: Σ improvement 65 over 15 forløb = 4,3 points; LØFT Nord's CI (−1,5 to 7,5) includes 0,
    # LØFT over tid's (improvements 1..9) does not -> 1 of 2 improves beyond noise
    change = next(x for x in h if x.startswith("Børnene blev i gennemsnit 4,3 point bedre på SDQ"))
    assert change.endswith("1 af 2 viste indsatser forbedrer ud over den statistiske usikkerhed, 0 forværrer.")
    # reliable change in all of Billund: improvements 8,3,2,−2,4 and 1..5,5..9 beyond 7,19: 8 (LØFT Nord), 8, 9
    # -> 3/15 = 20 %; clinical before (≥ 17): 3 in LØFT Nord + all 10 of LØFT over tid = 13; crossed below 17:
    # 2 in LØFT Nord + 6 in LØFT over tid (after 15, 16, 14, 14, 12, 12) = 8 of 13 = 62 %
    assert ("20 % af børnene forbedrede sig pålideligt, 0 % blev pålideligt dårligere; resten er uændrede inden for "
            "målefejlen. 62 % af de 13, der startede på den kliniske side af grænsen, endte på den gode side.") in h
    assert any(x.startswith("20 % af børnene forbedrede sig pålideligt, 0 % blev pålideligt dårligere") for x in h)
    # goals: LØFT Nord's 11 GAS goals, 8 achieved (73 %), 1 partly (9 %); T = 51,5
    assert "73 % af målene blev nået og 9 % delvist nået. GAS T-score i alt 51,5 (50 = målene nået som forventet)." in h
    assert len(at.get("plotly_chart")) >= 6
    assert any("ikke vist" not in x for x in h)


def test_effekt_suppresses_small_interventions(app):
    at = app()
    # Pilot (4 children) and, as its complement, LØFT Nord are hidden in the change table
    tables = [t.value for t in at.dataframe]
    change = next(t for t in tables if "Hedges' g, bedre > 0 (95 %-KI)" in t.columns)
    shown = dict(zip(change["Indsats"], change["n"]))
    assert shown["Pilot"] == "ikke vist (n<5)" and shown["LØFT Nord"] == "ikke vist (n<5)"
    assert shown["LØFT over tid"] == "10"
    methods = next(t for t in tables if "Metode" in t.columns)
    assert dict(zip(methods["Metode"], methods["Startet"]))["mellemform"] == "ikke vist (n<5)"


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
    at.segmented_control(key="effekt_instr").set_value("gas").run()
    assert not at.exception
    assert any("GAS measures goal attainment" in i.value for i in at.info)
    assert "73 % of goals were achieved and 9 % partly achieved. Overall GAS T-score 51.5 (50 = goals met as expected)." \
        .replace("73 %", "73%").replace("9 %", "9%") in subheaders(at)
