"""The KPI catalogue: every KPI is complete and computes, on SQLite and PostgreSQL, and Overblik's tiles
give the hand-computed figures of the fixture (tests/fixture_overgange.py, tests/fixture_data.py)."""
import math

import numpy as np
import pandas as pd
import pytest

from queries import kpis
from queries.filters import Filters, Scope
from ui.overblik import PAGES

ALL = Scope()


@pytest.mark.parametrize("code", list(kpis.CATALOGUE))
def test_every_kpi_is_defined_and_computes(conn, code):
    k = kpis.CATALOGUE[code]
    assert k.code == code and all(k.name) and all(len(d) > 30 for d in k.definition)
    assert k.unit in kpis.UNITS and k.better in ("higher", "lower") and k.page in PAGES and k.splits
    d = k.series(conn, Filters(), ALL)
    assert list(d.columns) == kpis.SERIES
    shown = d[~d["suppressed"]]
    assert shown["value"].notna().all() or shown.empty
    if k.unit == "share":
        assert ((shown["value"] >= 0) & (shown["value"] <= 1)).all()
    if k.unit == "mean":
        assert ((shown["value"] >= 1) & (shown["value"] <= 5)).all()


def test_the_pejlemaerker_codes_of_the_demo_are_in_the_catalogue():
    # the demo's targets (data/demo/targets.py) name these KPIs; all but one have a query
    demo = {"trivsel_social", "trivsel_faglig", "trivsel_stoette", "trivsel_ro", "trivsel_generel", "inklusionsgrad",
            "segregeringsgrad", "tilbagefoersel_2aar", "effekt_andel_forbedret", "gas_maal_opnaaet"}
    assert demo <= set(kpis.CATALOGUE)


def test_tiles_by_hand(conn):
    """Inklusionsgrad, all municipalities: 2024 36 of 45 ordinary (530: 30 of 38; 169: 6 of 7), 2025 65 of 84.
    Two-proportion z-test: pooled 101/129, SE = √(0.782946·0.217054·(1/45 + 1/84)) = 0.076156,
    z = (65/84 − 36/45)/SE = −0.343909, p = 0.730917."""
    t = kpis.tiles(conn, Filters(), ALL, ("inklusionsgrad", "segregeringsgrad")).set_index("code")
    r = t.loc["inklusionsgrad"]
    assert r["school_year"] == 2025 and r["n"] == 84 and r["value"] == pytest.approx(65 / 84)
    assert r["change"] == pytest.approx(65 / 84 - 36 / 45)
    se = math.sqrt(101 / 129 * 28 / 129 * (1 / 45 + 1 / 84))
    p = math.erfc(abs((65 / 84 - 36 / 45) / se) / math.sqrt(2))
    assert r["change_p"] == pytest.approx(p, rel=1e-6) and not r["beyond_noise"]
    # Benjamini-Hochberg over the two tiles, whose tests are the same test: q = p
    assert r["change_q"] == pytest.approx(p, rel=1e-6)
    assert r["landstal"] == pytest.approx(1 - 0.056) and np.isnan(r["target"])  # no municipality chosen: no target
    # 2023 is hidden (4 segregated of 43: a small group), so the sparkline has 2022, 2024 and 2025
    assert r["years"] == (2022, 2024, 2025)
    assert t.loc["segregeringsgrad", "value"] == pytest.approx(19 / 84)


def test_a_kpi_without_a_shown_year_is_empty_not_invented(conn):
    t = kpis.tiles(conn, Filters(institution=4), ALL, ("trivsel_social",))  # Delta: 5 respondents, under 6
    assert np.isnan(t.loc[0, "value"]) and t.loc[0, "years"] == () and not t.loc[0, "beyond_noise"]


def test_targets_only_for_one_municipality(conn):
    assert kpis.targets(conn, Filters(), ALL).empty
    assert isinstance(kpis.targets(conn, Filters(kommune=530), ALL), pd.DataFrame)


def test_news_is_empty_when_nothing_is_beyond_noise(conn):
    # 2025 against 2024 per school (threshold 6 for the survey): only Gamma is shown both years, social
    # trivsel 4,50 (7 × 4,5) against 4,50 (4 × 4 and 4 × 5): no change, p = 1 — nothing is new
    d = kpis.news(conn, Filters(), ALL)
    assert list(d.columns) == kpis.NEWS and d.empty


def test_a_link_opens_the_page_on_the_selection():
    from ui.shell import link
    from ui.view import View
    assert link("trivsel", Filters(kommune=530, institution=12), View()) == "trivsel?kommune=530&inst=12"
    assert link("overgange", Filters(), View(lang="en")) == "overgange?lang=en"


def test_the_effekt_key_figures_by_hand(conn, threshold):
    """tests/fixture_effekt.py at threshold 3 (record keys 0). SDQ forløb measured before and after by start year:
    2020 LØFT 9001-9005 and Pilot 9031-9034, 2021 and 2022 LØFT over tid (5 each) — the series' years.
    - Pålideligt forbedret: improvement > 7.189754 points. 2021: 1-5 points, none: 0 of 5. 2020: only 9001
      (8 points), 1 of 9: a count under 3, hidden; 2022: 8 and 9 points, 2 of 5: hidden.
    - Frafald: ended without an after score, of the ended. 2020: 9006 of 10 ended (9007 still running): 1,
      hidden; 2021 and 2022: 0 of 5.
    - Mål nået (GAS): goals at 0 or better of the GAS-scored goals. 2020: 9001 2, 1, 1; 9002 0, 0, 0; 9003 1;
      9004 −2, −2; 9005 1, −1: 8 of 11 (below: 3, not small at 3). 2021 and 2022 have no goals: hidden."""
    threshold(3)
    improved, dropout, goals = (kpis.CATALOGUE[c].series(conn, Filters(), ALL).set_index("school_year")
                                for c in ("effekt_andel_forbedret", "frafald", "gas_maal_opnaaet"))
    assert list(improved.index) == list(dropout.index) == list(goals.index) == [2020, 2021, 2022]
    assert list(improved["suppressed"]) == [True, False, True]
    assert improved.loc[2021, "n"] == 5 and improved.loc[2021, "value"] == 0
    assert list(dropout["suppressed"]) == [True, False, False]
    assert list(dropout.loc[[2021, 2022], "n"]) == [5, 5] and list(dropout.loc[[2021, 2022], "value"]) == [0, 0]
    assert list(goals["suppressed"]) == [False, True, True]
    assert goals.loc[2020, "n"] == 11 and goals.loc[2020, "value"] == pytest.approx(8 / 11)
    assert goals.loc[2020, "count"] == 8


def test_the_effekt_series_of_the_newest_years_are_the_same_figures(conn, threshold, monkeypatch):
    """Overblik shows the newest EFFEKT_YEARS start years; they are asked first (queries.kpis._newest_years). With
    two years shown the series are 2021 and 2022 of the figures by hand above, with or without a year range, and
    a range ending before the data's newest year keeps its own end."""
    threshold(3)
    monkeypatch.setattr(kpis, "EFFEKT_YEARS", 2)
    for f in (Filters(), Filters(years=(2015, 2030)), Filters(years=(2021, 2022))):
        improved, dropout, goals = (kpis.CATALOGUE[c].series(conn, f, ALL).set_index("school_year")
                                    for c in ("effekt_andel_forbedret", "frafald", "gas_maal_opnaaet"))
        assert list(improved.index) == list(dropout.index) == list(goals.index) == [2021, 2022], f
        assert list(improved["suppressed"]) == [False, True] and improved.loc[2021, "n"] == 5
        assert improved.loc[2021, "value"] == 0 and np.isnan(improved.loc[2021, "change"])  # the first one shown
        assert list(dropout["suppressed"]) == [False, False] and list(dropout["n"]) == [5, 5]
        assert list(goals["suppressed"]) == [True, True]
    early = kpis.CATALOGUE["frafald"].series(conn, Filters(years=(2015, 2021)), ALL)
    assert list(early["school_year"]) == [2020, 2021] and list(early["suppressed"]) == [True, False]
