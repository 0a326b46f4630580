"""Trivsel queries against the hand-made fixture (tests/fixture_data.py), on SQLite and PostgreSQL.
Every expected figure is worked out by hand from the respondent rows in the fixture."""
import math

import pandas as pd
import pytest

from queries import trivsel as q
from queries.filters import Filters, Scope
from tests.helpers import row
from tests.fixture_data import ALFA, BETA, DELTA, GAMMA

ALL = Scope()
F = Filters()




def test_indicators_in_published_order(conn):
    df = q.indicators(conn)
    assert list(df["code"]) == ["social_trivsel", "stoette_inspiration"]
    assert list(df["name_da"]) == ["Social trivsel", "Støtte og inspiration"]


def test_trend_means_n_and_ci(conn):
    df = q.indicator_trend(conn, F, ALL)
    # 2025 social scores: Alfa 4+4.5+5+3+4+3.5=24 (n6), Beta 2+3+2.5=7.5 (n3), Gamma 4*4+4*5=36 (n8),
    # Delta 3+3.5+2+4+3=15.5 (n5) -> 83/22 = 3.77273
    r = row(df, indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 22 and not r["suppressed"]
    assert r["mean"] == pytest.approx(83 / 22)
    # Σx² = Alfa 16+20.25+25+9+16+12.25=98.5, Beta 4+9+6.25=19.25, Gamma 64+100=164, Delta 9+12.25+4+16+9=50.25
    # -> 332; var = (332 - 83²/22)/21 = (332-313.136)/21 = 0.89827; se = sqrt(var/22) = 0.20207; t(21)=2.07961
    half = 2.079614 * math.sqrt((332 - 83 ** 2 / 22) / 21 / 22)
    assert r["ci_low"] == pytest.approx(83 / 22 - half, abs=1e-6)
    assert r["ci_high"] == pytest.approx(83 / 22 + half, abs=1e-6)
    # 2024: Alfa 5x4.0=20, Gamma 7x4.5=31.5 -> 51.5/12 = 4.29167
    r24 = row(df, indicator_code="social_trivsel", school_year=2024)
    assert r24["n"] == 12 and r24["mean"] == pytest.approx(51.5 / 12)
    assert r["change"] == pytest.approx(83 / 22 - 51.5 / 12)
    assert r["landstal"] == pytest.approx(4.05) and r24["landstal"] == pytest.approx(4.0)
    # støtte 2025: A6 has no støtte score (0 of 2 answered) -> n = 21
    assert row(df, indicator_code="stoette_inspiration", school_year=2025)["n"] == 21
    assert df["n"].dtype.kind in "if" and df["school_year"].dtype.kind == "i"


def test_change_beyond_noise_is_flagged(conn):
    df = q.indicator_trend(conn, F, ALL)
    r = row(df, indicator_code="social_trivsel", school_year=2025)
    # drop of 0.519 with se ~ sqrt(0.898/22 + v24/12); v24 = (12*... ) Gamma/Alfa differ by 0.5 only:
    # Σx²(2024) = 5*16 + 7*20.25 = 221.75; var = (221.75 - 51.5²/12)/11 = (221.75-221.0208)/11 = 0.06629
    # se = sqrt(0.89827/22 + 0.06629/12) = sqrt(0.040830+0.005524) = 0.21530; t = -0.519/0.2153 = -2.41
    assert r["beyond_noise"]
    assert r["change_p"] < 0.05


def test_filters_kommune_gender_form_and_institution(conn, threshold):
    threshold(5)  # worked out with 5 (Delta has 5 respondents); the survey's default 6 is tested below
    # kommune 169: Gamma 36 (n8) + Delta 15.5 (n5) = 51.5/13
    r = row(q.indicator_trend(conn, Filters(kommune=169), ALL), indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 13 and r["mean"] == pytest.approx(51.5 / 13)
    # girls in Billund 2025: Alfa 3+4+3.5, Beta 3+2.5 -> 16/5 = 3.2
    r = row(q.indicator_trend(conn, Filters(kommune=530, gender="pige"), ALL), indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 5 and r["mean"] == pytest.approx(3.2)
    # any special form: Delta only, 15.5/5 = 3.1
    r = row(q.indicator_trend(conn, Filters(tilbudsform="special"), ALL), indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 5 and r["mean"] == pytest.approx(3.1)
    # grade 6 only in 2025 = Gamma + Delta
    r = row(q.indicator_trend(conn, Filters(grades=(6, 6)), ALL), indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 13
    # years 2025..2025 only
    assert set(q.indicator_trend(conn, Filters(years=(2025, None)), ALL)["school_year"]) == {2025}


def test_small_institution_is_suppressed_not_zero(conn):
    df = q.indicator_trend(conn, Filters(institution=BETA), ALL)
    r = row(df, indicator_code="social_trivsel", school_year=2025)
    assert r["suppressed"] and pd.isna(r["mean"]) and pd.isna(r["n"]) and pd.isna(r["ci_low"])


def test_scope_limits_every_figure(conn):
    scope = Scope(label="Skoleleder: Alfa", institution_ids=frozenset({ALFA}))
    df = q.indicator_trend(conn, F, scope)
    r = row(df, indicator_code="social_trivsel", school_year=2025)
    assert r["n"] == 6 and r["mean"] == pytest.approx(4.0)
    # a filter on another institution gives nothing inside the scope
    assert q.indicator_trend(conn, Filters(institution=GAMMA), scope).empty
    scope_k = Scope(label="Kommune: Høje-Taastrup", municipality_kode=169)
    assert row(q.indicator_trend(conn, F, scope_k), indicator_code="social_trivsel", school_year=2025)["n"] == 13


def test_band_distribution(conn, threshold):
    threshold(5)  # worked out with 5; the survey's default 6 is tested below
    df = q.band_distribution(conn, F, ALL)
    r = row(df, indicator_code="social_trivsel", school_year=2025)
    # scores 2025: band1 (≤2,0): B1 2.0, D3 2.0 -> 2; band2: A4 3, B2 3, B3 2.5, D1 3, D5 3 -> 5;
    # band3: A1 4, A5 4, A6 3.5, G1-G4 4, D2 3.5, D4 4 -> 9; band4: A2 4.5, A3 5, G5-G8 5 -> 6
    assert r["n"] == 22
    assert (r["band3"], r["band4"]) == pytest.approx((9 / 22, 6 / 22))
    # band1 is 2 pupils, a small group: hidden; the bands add up to n, so the smallest other (band2, 5) goes too
    assert pd.isna(r["band1"]) and pd.isna(r["band2"]) and not r["suppressed"]
    # 2024: band3 = Alfa's 5 at 4,0; band4 = Gamma's 7 at 4,5; bands 1 and 2 are empty (0 is no small group)
    r = row(df, indicator_code="social_trivsel", school_year=2024)
    assert (r["band1"], r["band2"], r["band3"], r["band4"]) == pytest.approx((0, 0, 5 / 12, 7 / 12))


def test_funnel_with_complementary_suppression(conn):
    funnel = q.institution_funnel(conn, F, ALL, "social_trivsel", 2025)
    pts = funnel.points.set_index("institution_id")
    # Beta has n=3 < 5 -> suppressed; then Delta (n=5, the smallest shown) is suppressed too, since
    # Beta = total - Alfa - Gamma - Delta could otherwise be worked out.
    assert pts.loc[BETA, "suppressed"] and pts.loc[DELTA, "suppressed"]
    assert pd.isna(pts.loc[DELTA, "mean"]) and pd.isna(pts.loc[DELTA, "n"])
    assert not pts.loc[ALFA, "suppressed"] and pts.loc[ALFA, "mean"] == pytest.approx(4.0)
    assert pts.loc[GAMMA, "mean"] == pytest.approx(4.5) and pts.loc[GAMMA, "n"] == 8
    # centre = mean of all 22 respondents = 83/22; limits at n=8: centre ± 1.96*sd/sqrt(8)
    assert funnel.centre == pytest.approx(83 / 22)
    sd = math.sqrt((332 - 83 ** 2 / 22) / 21)
    assert pts.loc[GAMMA, "upper95"] == pytest.approx(83 / 22 + 1.959964 * sd / math.sqrt(8), abs=1e-5)
    # Gamma 4.5 vs upper95 = 3.7727 + 1.96*0.9478/2.828 = 4.4296 -> above the 95% limit, under 99.8% (4.808)
    assert pts.loc[GAMMA, "position"] == "above_95"
    assert pts.loc[ALFA, "position"] == "within"
    assert len(funnel.curve) > 10 and (funnel.curve["upper998"] > funnel.curve["upper95"]).all()
    # the test the limits draw, for each shown institution: z = (mean − centre)/(sd/√n), two-sided normal p;
    # Gamma z = 2.1702 -> p = 0.02999, Alfa z = 0.5873 -> p = 0.5570. Two shown at once (Benjamini-Hochberg):
    # Gamma's q = min(2·0.02999/1, 0.5570) = 0.05998 > 0.05 -> not an outlier after all; Alfa's q = 0.5570
    z_gamma, z_alfa = (4.5 - 83 / 22) / (sd / math.sqrt(8)), (4.0 - 83 / 22) / (sd / math.sqrt(6))
    p_gamma, p_alfa = math.erfc(z_gamma / math.sqrt(2)), math.erfc(z_alfa / math.sqrt(2))
    assert pts.loc[GAMMA, "p_value"] == pytest.approx(p_gamma) and pts.loc[ALFA, "p_value"] == pytest.approx(p_alfa)
    assert pts.loc[GAMMA, "q_value"] == pytest.approx(2 * p_gamma) and pts.loc[ALFA, "q_value"] == pytest.approx(p_alfa)
    assert pd.isna(pts.loc[GAMMA, "outlier"]) and pd.isna(pts.loc[BETA, "p_value"])
    # a reviewer can check the maths: the centre and the respondent-level SD on every row
    assert list(pts["centre"]) == pytest.approx([83 / 22] * 4) and list(pts["spread"]) == pytest.approx([sd] * 4)


def test_grade_heatmap(conn):
    df = q.grade_heatmap(conn, F, ALL, 2025)
    # grade 5: Alfa+Beta 31.5/9 = 3.5; grade 6: Gamma+Delta 51.5/13
    assert row(df, indicator_code="social_trivsel", klassetrin=5)["mean"] == pytest.approx(3.5)
    assert row(df, indicator_code="social_trivsel", klassetrin=6)["mean"] == pytest.approx(51.5 / 13)
    # Beta alone (grade 5, n=3) is under the threshold: then grade 6 (the other part of the total) goes too
    beta = q.grade_heatmap(conn, Filters(kommune=530), ALL, 2025)
    assert row(beta, indicator_code="social_trivsel", klassetrin=5)["n"] == 9  # Alfa 6 + Beta 3


def test_gender_comparison(conn):
    df = q.gender_comparison(conn, F, ALL, 2025)
    # boys: Alfa 13.5, Beta 2, Gamma 16, Delta 8.5 = 40/11; girls: 10.5+5.5+20+7 = 43/11
    boys = row(df, indicator_code="social_trivsel", gender="dreng")
    girls = row(df, indicator_code="social_trivsel", gender="pige")
    assert boys["n"] == 11 and boys["mean"] == pytest.approx(40 / 11)
    assert girls["n"] == 11 and girls["mean"] == pytest.approx(43 / 11)
    assert girls["diff"] == pytest.approx(3 / 11)
    # Beta alone: boys n=1 suppressed, so girls (n=2, also <5) — both hidden, no difference given
    beta = q.gender_comparison(conn, Filters(institution=BETA), ALL, 2025)
    assert beta["suppressed"].all() and beta["diff"].isna().all()


def test_gender_complementary(conn):
    # Delta: boys n=3 (<5), girls n=2 (<5): both hidden.  Alfa+Delta (kommune filter impossible), so use
    # grade 6 in Høje-Taastrup: boys Gamma 4 + Delta 3 = 7, girls 4 + 2 = 6 -> both shown
    df = q.gender_comparison(conn, Filters(kommune=169), ALL, 2025)
    assert not df["suppressed"].any()
    assert row(df, indicator_code="social_trivsel", gender="dreng")["n"] == 7


def test_item_distribution(conn):
    df = q.item_distribution(conn, F, ALL, 1)
    y = df[df["school_year"] == 2025].set_index("value")
    # item 1 in 2025: value 5: A2, A3, G5-G8 = 6; 4: A1, A5, A6, G1-G4, D4 = 8; 3: A4, B2, D1, D2, D5 = 5; 2: B1, B3, D3 = 3
    assert y.loc[5, "count"] == 6 and y.loc[4, "count"] == 8
    assert y.loc[5, "share"] == pytest.approx(6 / 22)
    # 3 pupils answered 2: a small group, hidden; the answers add up to the year's n (22, shown), so the
    # smallest other answer (3, given by 5) is hidden too — else 22 - 6 - 8 - 5 would give the 3 back
    assert y.loc[2, "suppressed"] and y.loc[3, "suppressed"] and y.loc[[2, 3], "count"].isna().all()
    assert (y.loc[[4, 5], "n"] == 22).all()
    # Beta alone: 3 answers -> the year is suppressed
    assert q.item_distribution(conn, Filters(institution=BETA), ALL, 1)["suppressed"].all()


def test_items_and_years(conn):
    items = q.items(conn, "trivsel_4_9")
    assert list(items["item_no"]) == [1, 2, 3, 4]
    assert items.iloc[0]["options"][-1] == "Meget tit"
    assert q.latest_year(conn, F, ALL) == 2025
    assert q.latest_year(conn, Filters(institution=BETA, years=(None, 2024)), ALL) is None


def test_the_survey_hides_what_the_ministry_hides(conn):
    """The ministry publishes no wellbeing result from 5 or fewer pupils (uddannelsesstatistik.dk,
    "Diskretionering"); Indblik's default for the survey is as strict, stricter than its general 5."""
    delta = row(q.indicator_trend(conn, Filters(institution=DELTA), ALL), indicator_code="social_trivsel",
                school_year=2025)
    assert delta["suppressed"] and pd.isna(delta["mean"])  # Delta: 5 respondents
    gamma = row(q.indicator_trend(conn, Filters(institution=GAMMA), ALL), indicator_code="social_trivsel",
                school_year=2025)
    assert gamma["n"] == 8 and gamma["mean"] == pytest.approx(4.5)
