"""Effekt queries against the hand-made fixture (tests/fixture_effekt.py), on SQLite and PostgreSQL.
Every expected figure is worked out by hand from the rows in the fixture."""
import math

import numpy as np
import pytest

from queries import effekt as q
from queries.filters import Filters, Scope
from tests.helpers import row
from tests.fixture_data import ALFA, BETA
from tests.fixture_effekt import LOEFT, OVER_TID, PILOT, PPR

ALL = Scope()
BILLUND = Filters(kommune=530)




def test_instruments_in_page_order_with_rci_threshold(conn):
    df = q.instruments(conn)
    assert list(df["code"]) == ["sdq_total", "ors", "sos_skala", "gas"]
    # 1.96·√2·5.8·√0.2 = 7.189754 (tests/stats/test_effekt_sums.py); GAS has no reliability
    assert df.loc[0, "rci_threshold"] == pytest.approx(7.189754, abs=1e-5)
    assert not df.loc[0, "higher_is_better"] and df.loc[1, "higher_is_better"]
    assert math.isnan(df.loc[3, "rci_threshold"])


def test_overview_counts_and_attrition(conn):
    df = q.overview(conn, BILLUND, ALL, "sdq_total")
    r = row(df, level="indsats", intervention_id=LOEFT)
    # LØFT Nord: 7 started (9001-9007), all measured before, 5 after (9001-9005);
    # 9006 ended without an after score (attrition), 9007 is still running
    assert (r["n_started"], r["n_children"], r["n_before"], r["n_after"], r["n_paired"]) == (7, 7, 7, 5, 5)
    # one running, one dropped out: groups of 1 child, hidden with the dropout share (1 of 6 ended)
    assert np.isnan([r["n_ongoing"], r["n_dropout"], r["dropout_share"]]).all() and not r["suppressed"]
    # LØFT over tid: 10 started, 10 paired; the method LØFT = 7 + 10 = 17 started, 15 measured after,
    # and again 1 running and 1 dropped out: hidden
    m = row(df, level="metode", name="LØFT")
    assert (m["n_started"], m["n_after"]) == (17, 15) and np.isnan(m["n_dropout"])
    total = row(df, level="alle")
    assert total["n_started"] == 17 and not total["suppressed"]
    assert df["n_started"].dtype == "float64"


def test_overview_suppresses_pilot_and_its_complement(conn):
    df = q.overview(conn, Filters(), ALL, "sdq_total")
    # Pilot has 4 children: nothing shown; it is alone in its method (mellemform), so no complement
    pilot = row(df, level="indsats", intervention_id=PILOT)
    assert pilot["suppressed"] and np.isnan(pilot["n_started"]) and np.isnan(pilot["n_dropout"])
    assert not row(df, level="indsats", intervention_id=LOEFT)["suppressed"]
    # methods add up to the total (21 = 17 + 4): hidden mellemform would be total − LØFT, so LØFT is hidden too
    assert row(df, level="metode", name="mellemform")["suppressed"]
    assert row(df, level="metode", name="LØFT")["suppressed"]
    assert row(df, level="alle")["n_started"] == 21


def test_change_hand_computed(conn):
    df = q.change(conn, BILLUND, ALL, "sdq_total")
    r = row(df, level="indsats", intervention_id=LOEFT)
    # paired: before (20, 18, 16, 14, 22) mean 18; after (12, 15, 14, 16, 18) mean 15
    # d = after − before = (−8, −3, −2, +2, −4): mean −3, Σd² = 97, var = (97 − 225/5)/4 = 13, sd 3.605551
    # SE = 3.605551/√5 = 1.612452; t(4) = 2.776445; half = 4.476883 -> (−7.476883, 1.476883)
    assert r["n"] == 5 and r["mean_pre"] == pytest.approx(18) and r["mean_post"] == pytest.approx(15)
    assert r["change"] == pytest.approx(-3)
    assert (r["change_low"], r["change_high"]) == pytest.approx((-7.476883, 1.476883), abs=1e-5)
    # SDQ: lower is better -> improvement +3 with CI (−1.476883, 7.476883)
    assert r["improvement"] == pytest.approx(3)
    assert (r["improvement_low"], r["improvement_high"]) == pytest.approx((-1.476883, 7.476883), abs=1e-5)
    # Hedges' g_av: sd_pre² = (1660 − 8100/5)/4 = 10, sd_post² = (1145 − 5625/5)/4 = 5
    # d_av = −3 / ((3.162278 + 2.236068)/2) = −1.111452; r = ((1354 − 1350)/4)/(3.162278·2.236068) = 0.141421
    # V_d = (1/5 + 1.235326/10)·2·(1 − 0.141421) = 0.555557; J = 1 − 3/15 = 0.8
    # g = −0.889161, SE = 0.8·0.745357 = 0.596286, CI −0.889161 ± 1.168699; oriented (lower is better):
    assert r["g"] == pytest.approx(0.889161, abs=1e-5)
    assert (r["g_low"], r["g_high"]) == pytest.approx((-0.279536, 2.057859), abs=1e-5)
    assert r["r"] == pytest.approx(0.141421, abs=1e-6)
    # the total of Billund: LØFT Nord (5) + LØFT over tid (10) = 15 forløb; over tid improves 1..5, 5..9 = 50
    # -> Σ improvement 15 + 50 = 65, mean 65/15 = 4.333333
    total = row(df, level="alle")
    assert total["n"] == 15 and total["improvement"] == pytest.approx(65 / 15)


def test_change_direction_for_ors_higher_is_better(conn):
    df = q.change(conn, Filters(), ALL, "ors")
    r = row(df, level="indsats", intervention_id=PPR)
    # after − before = (8, 1, −1, 7, 8): mean 23/5 = 4.6; ORS: higher is better, so improvement = change
    assert r["change"] == pytest.approx(4.6) and r["improvement"] == pytest.approx(4.6)
    assert r["g"] > 0


def test_change_suppresses_pilot_and_the_smallest_other(conn):
    df = q.change(conn, Filters(), ALL, "sdq_total")
    # Pilot (4 children) is hidden; interventions add up to the total, so the smallest shown
    # (LØFT Nord, 5) is hidden too; LØFT over tid (10) and the total (19) stay
    assert row(df, intervention_id=PILOT)["suppressed"] and np.isnan(row(df, intervention_id=PILOT)["mean_pre"])
    assert row(df, intervention_id=LOEFT)["suppressed"]
    assert not row(df, intervention_id=OVER_TID)["suppressed"]
    assert row(df, level="alle")["n"] == 19


def test_change_is_empty_for_gas(conn):
    assert q.change(conn, Filters(), ALL, "gas").empty
    assert q.reliable_change(conn, Filters(), ALL, "gas").empty


def test_reliable_change_sdq(conn, request):
    # 3 children start on the clinical side, 1 improves reliably: at the default threshold (5) these
    # small groups are hidden with their shares (and, as the three parts of n, unchanged with them)
    r = row(q.reliable_change(conn, BILLUND, ALL, "sdq_total"), intervention_id=LOEFT)
    assert np.isnan([r["n_clinical_pre"], r["crossed"], r["recovered"], r["improved"], r["unchanged"]]).all()
    assert not r["suppressed"] and r["n"] == 5
    request.getfixturevalue("unsuppressed")  # suppression off, so the figures can be checked by hand
    r = row(q.reliable_change(conn, BILLUND, ALL, "sdq_total"), intervention_id=LOEFT)
    # improvements 8, 3, 2, −2, 4 against 7.189754: one reliably improved (8), none worsened
    assert (r["improved"], r["unchanged"], r["worsened"]) == pytest.approx((0.2, 0.8, 0.0))
    # clinical before (≥ 17): 20, 18, 22 -> 3; crossed below 17: 20->12, 18->15 -> 2/3
    # recovered (crossed and reliably improved): 20->12 only -> 1/3
    assert r["n_clinical_pre"] == 3
    assert r["crossed"] == pytest.approx(2 / 3) and r["recovered"] == pytest.approx(1 / 3)
    # Wilson 95% for 2/3: centre (0.666667 + 3.841459/6)/(1 + 3.841459/3) = 1.306910/2.280486 = 0.573083
    # half = 1.959964·√(0.074074 + 0.106707)/2.280486 = 0.365423 -> (0.207660, 0.938506)
    assert (r["crossed_low"], r["crossed_high"]) == pytest.approx((0.207660, 0.938506), abs=1e-4)


def test_reliable_change_ors_direction(conn, unsuppressed):
    r = row(q.reliable_change(conn, Filters(), ALL, "ors"), intervention_id=PPR)
    # improvements (after − before) 8, 1, −1, 7, 8 against 7.514753: 8 and 8 -> 2/5 improved
    # clinical before (< 25): 20, 22, 24, 18 -> 4; crossed to ≥ 25: 20->28, 24->31, 18->26 -> 3/4
    # recovered: 20->28 (8) and 18->26 (8) reliable, 24->31 (7) not -> 2/4
    assert (r["improved"], r["worsened"]) == pytest.approx((0.4, 0.0))
    assert r["n_clinical_pre"] == 4 and r["crossed"] == pytest.approx(0.75) and r["recovered"] == pytest.approx(0.5)


def test_goals_gas_t_score_and_shares(conn, unsuppressed):
    df = q.goals(conn, BILLUND, ALL, "gas")
    r = row(df, level="indsats", intervention_id=LOEFT)
    # rated goals: 9001 (2,1,1), 9002 (0,0,0), 9003 (1), 9004 (−2,−2), 9005 (1, −1) = 11 goals
    # achieved (≥ 0): 3 + 3 + 1 + 0 + 1 = 8; partly (−1): 1; not (−2): 2. 9006's goal is not scored.
    assert r["n_goals"] == 11 and r["n_children"] == 5
    assert (r["opnaaet"], r["delvist"], r["ikke"]) == pytest.approx((8 / 11, 1 / 11, 2 / 11))
    # T-scores (tests/stats/test_gas.py): 68.257419, 50, 60, 25.193053, 54.016097
    # mean = 257.466569/5 = 51.493314; ΣT² = 14311.503902; var = (14311.503902 − 13257.806740)/4 = 263.424291
    # SE = 16.230351/√5 = 7.258433; half = 2.776445·7.258433 = 20.152642 -> (31.340672, 71.645956)
    assert r["gas_t"] == pytest.approx(51.493314, abs=1e-5)
    assert (r["gas_t_low"], r["gas_t_high"]) == pytest.approx((31.340672, 71.645956), abs=1e-3)


def test_goals_shares_of_few_goals_are_hidden(conn):
    # LØFT Nord: 8 of 11 goals achieved, 1 partly, 2 not: the small groups of goals (1, 2, and the 3 not
    # achieved beside the 8) are hidden with their shares; the T-score (5 children) is shown
    r = row(q.goals(conn, BILLUND, ALL, "gas"), level="indsats", intervention_id=LOEFT)
    assert r["n_goals"] == 11 and np.isnan([r["opnaaet"], r["delvist"], r["ikke"]]).all()
    assert r["gas_t"] == pytest.approx(51.493314, abs=1e-5)


def test_goals_outcome_mode(conn, unsuppressed):
    r = row(q.goals(conn, Filters(), ALL, "ors"), intervention_id=PPR)
    # 6 rated goals: opnaaet 3 (9041 ×2, 9044), delvist 2, ikke 1; no GAS scores -> no T
    assert r["n_goals"] == 6
    assert (r["opnaaet"], r["delvist"], r["ikke"]) == pytest.approx((0.5, 1 / 3, 1 / 6))
    assert np.isnan(r["gas_t"])


def test_cohorts_and_trend(conn):
    df = q.cohorts(conn, BILLUND, ALL, "sdq_total")
    rows = df[df["intervention_id"] == OVER_TID].set_index("start_year")
    # 2021: improvements 1..5 mean 3, sd √2.5; 2022: 5..9 mean 7; t(4)·√(2.5/5) = 2.776445·0.707107 = 1.963243
    assert rows.loc[2021, "mean"] == pytest.approx(3) and rows.loc[2022, "mean"] == pytest.approx(7)
    assert (rows.loc[2021, "ci_low"], rows.loc[2021, "ci_high"]) == pytest.approx((1.036757, 4.963243), abs=1e-5)
    # Welch: diff 4, SE √(0.5 + 0.5) = 1, df 8, t(8) = 2.306004 -> (1.693996, 6.306004), beyond noise
    r = rows.iloc[0]
    assert (r["first_year"], r["last_year"]) == (2021, 2022)
    assert r["trend_diff"] == pytest.approx(4)
    assert (r["trend_low"], r["trend_high"]) == pytest.approx((1.693996, 6.306004), abs=1e-5)
    assert bool(r["trend_beyond_noise"])
    # all of Billund in 2020 = LØFT Nord's five: mean 3
    assert row(df, level="alle", start_year=2020)["mean"] == pytest.approx(3)


def test_compare_with_the_rest_and_with_another(conn):
    df = q.compare(conn, BILLUND, ALL, "sdq_total", LOEFT)
    a, b = df.iloc[0], df.iloc[1]
    # a: improvements 8, 3, 2, −2, 4 -> mean 3; b = the rest of Billund: 1..5, 5..9 -> 50/10 = 5
    assert (a["n"], b["n"]) == (5, 10) and a["mean"] == pytest.approx(3) and b["mean"] == pytest.approx(5)
    # diff a − b = −2; SE = √(13/5 + 6.666667/10) = 1.807392, t = −1.106566, df = 6.134976 -> p ≈ 0.31
    assert a["diff"] == pytest.approx(-2) and not a["beyond_noise"]
    assert a["p_value"] == pytest.approx(0.31, abs=0.01)
    df2 = q.compare(conn, BILLUND, ALL, "sdq_total", OVER_TID, LOEFT)
    assert df2.iloc[0]["diff"] == pytest.approx(2)


def test_compare_hides_both_when_one_side_is_small(conn):
    df = q.compare(conn, Filters(), ALL, "sdq_total", PILOT)
    assert df["suppressed"].all() and df["mean"].isna().all() and np.isnan(df.iloc[0]["diff"])


def test_scope_through_the_childs_school(conn):
    # LØFT Nord has no institution: a school leader of Alfa sees the 6 forløb of children at Alfa
    # (9007 went to Beta), and LØFT over tid through its own institution Alfa
    alfa = q.overview(conn, Filters(), Scope(label="Alfa", institution_ids=frozenset({ALFA})), "sdq_total")
    assert row(alfa, level="indsats", intervention_id=LOEFT)["n_started"] == 6
    assert set(alfa.loc[alfa["level"] == "indsats", "intervention_id"]) == {LOEFT, OVER_TID}
    beta = q.overview(conn, Filters(), Scope(label="Beta", institution_ids=frozenset({BETA})), "sdq_total")
    assert beta["suppressed"].all()  # only 9007: one child, nothing shown


def test_year_grade_and_gender_filters(conn):
    # year from 2021: LØFT Nord (started 2020/21) falls out
    df = q.overview(conn, BILLUND.with_(years=(2021, None)), ALL, "sdq_total")
    assert set(df.loc[df["level"] == "indsats", "intervention_id"]) == {OVER_TID}
    # 5. klasse: only LØFT Nord's children have a snapshot (born 2009 -> 5. klasse in 2020)
    df = q.overview(conn, BILLUND.with_(grades=(5, 5)), ALL, "sdq_total")
    assert set(df.loc[df["level"] == "indsats", "intervention_id"]) == {LOEFT}
    # girls in LØFT Nord: 9005, 9006, 9007 -> 3 children, suppressed
    df = q.overview(conn, BILLUND.with_(gender="pige"), ALL, "sdq_total")
    assert row(df, level="indsats", intervention_id=LOEFT)["suppressed"]
