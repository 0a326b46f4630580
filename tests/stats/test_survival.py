"""Tests for stats.survival.

Expected values: (1) the 6-MP arm of the Freireich et al. (1963) leukaemia trial as listed by
Gehan (1965), Biometrika 52:203 — KM estimates 0.857, 0.807, 0.753, 0.690, 0.627, 0.538,
0.448 are printed in Kleinbaum & Klein, *Survival Analysis: A Self-Learning Text*, ch. 2;
the log(−log) limits are worked by hand below; (2) a six-observation hand example.
"""

import math

import numpy as np
import pandas as pd
import pytest

from stats.survival import COLUMNS, kaplan_meier_from_counts, median_survival
from tests.reference import kaplan_meier

# 6-MP arm, weeks in remission; 0 = censored (marked + in Gehan 1965):
# 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+
MP_T = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
MP_E = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]

# Event times: (n at risk, d events) = 6:(21,3) 7:(17,1) 10:(15,1) 13:(12,1) 16:(11,1)
# 22:(7,1) 23:(6,1).  S = Π(1 − d/n):
#   S(6)  = 18/21                     = 0.857143
#   S(7)  = 0.857143·16/17            = 0.806723
#   S(10) = 0.806723·14/15            = 0.752941
#   S(13) = 0.752941·11/12            = 0.690196
#   S(16) = 0.690196·10/11            = 0.627451
#   S(22) = 0.627451·6/7              = 0.537815
#   S(23) = 0.537815·5/6              = 0.448179
# Greenwood Σ d/(n(n−d)) at 6: 3/(21·18) = 0.0079365
#   log S = ln(18/21) = −0.154151;  se₂ = √0.0079365/0.154151 = 0.089087/0.154151 = 0.577922
#   exp(1.959964·0.577922) = exp(1.132706) = 3.104046
#   lower = 0.857143^3.104046 = 0.619718;  upper = 0.857143^(1/3.104046) = 0.951552
# at 23: Σ = 3/378 + 1/272 + 1/210 + 1/132 + 1/110 + 1/42 + 1/30 = 0.090184
#   log S = ln(0.448179) = −0.802562;  se₂ = 0.300307/0.802562 = 0.374186;  exp(z·se₂) = 2.082128
#   lower = 0.448179^2.082128 = 0.188052;  upper = 0.448179^(1/2.082128) = 0.680143
# (Stata's sts list, whose default is the same log(−log) interval, prints 0.6197-0.9516 at
#  6 and 0.1880-0.6801 at 23.)


def test_km_6mp_survival():
    km = kaplan_meier(MP_T, MP_E)
    assert list(km.columns) == COLUMNS
    ev = km[km["events"] > 0].set_index("time")
    assert list(ev.index) == [6, 7, 10, 13, 16, 22, 23]
    assert list(ev["at_risk"]) == [21, 17, 15, 12, 11, 7, 6]
    assert ev["survival"].to_numpy() == pytest.approx(
        [0.857143, 0.806723, 0.752941, 0.690196, 0.627451, 0.537815, 0.448179], abs=1e-6)


def test_km_6mp_loglog_limits():
    km = kaplan_meier(MP_T, MP_E).set_index("time")
    assert km.loc[6.0, "lower"] == pytest.approx(0.619718, abs=1e-6)
    assert km.loc[6.0, "upper"] == pytest.approx(0.951552, abs=1e-6)
    assert km.loc[23.0, "lower"] == pytest.approx(0.188052, abs=1e-6)
    assert km.loc[23.0, "upper"] == pytest.approx(0.680143, abs=1e-6)
    # censored-only times carry the curve forward (9 and 11 keep the values at 7 and 10)
    assert km.loc[9.0, "survival"] == km.loc[7.0, "survival"]
    assert km.loc[9.0, "lower"] == km.loc[7.0, "lower"]


def test_km_first_row_and_counts():
    km = kaplan_meier(MP_T, MP_E)
    first = km.iloc[0]
    assert (first["time"], first["at_risk"], first["events"], first["censored"]) == (0, 21, 0, 0)
    assert (first["survival"], first["lower"], first["upper"]) == (1.0, 1.0, 1.0)
    # all distinct times, as R's survfit: 16 distinct times + the time-0 row
    assert len(km) == 17
    assert km["events"].sum() == 9 and km["censored"].sum() == 12
    assert km.loc[km["time"] == 32, "censored"].item() == 2


def test_km_six_observation_hand_example():
    # durations 1, 2, 2+, 3, 4+, 5 (+ = censored)
    # t=1: n=6, d=1 -> S = 5/6;         Greenwood Σ = 1/(6·5) = 1/30
    # t=2: n=5, d=1, c=1 -> S = 2/3;    Σ = 1/30 + 1/(5·4) = 1/12
    # t=3: n=3, d=1 -> S = 4/9;         Σ = 1/12 + 1/(3·2) = 1/4
    # t=4: n=2, d=0, c=1 -> S = 4/9
    # t=5: n=1, d=1 -> S = 0 (bounds undefined on the log(−log) scale -> NaN)
    # log(−log) limits at t=3: log S = ln(4/9) = −0.810930; se₂ = √(1/4)/0.810930 = 0.616576
    #   exp(1.959964·0.616576) = exp(1.208466) = 3.348346
    #   lower = (4/9)^3.348346 = 0.066187;  upper = (4/9)^(1/3.348346) = 0.784908
    km = kaplan_meier([1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1])
    assert list(km["time"]) == [0, 1, 2, 3, 4, 5]
    assert list(km["at_risk"]) == [6, 6, 5, 3, 2, 1]
    assert list(km["events"]) == [0, 1, 1, 1, 0, 1]
    assert list(km["censored"]) == [0, 0, 1, 0, 1, 0]
    assert km["survival"].to_numpy() == pytest.approx([1, 5 / 6, 2 / 3, 4 / 9, 4 / 9, 0])
    assert km.loc[3, "lower"] == pytest.approx(0.066187, abs=1e-6)
    assert km.loc[3, "upper"] == pytest.approx(0.784908, abs=1e-6)
    assert np.isnan(km.loc[5, "lower"]) and np.isnan(km.loc[5, "upper"])


def test_km_accepts_bool_events_and_drops_nan():
    a = kaplan_meier([1, 2, 2, 3, 4, 5, np.nan], [True, True, False, True, False, True, True])
    b = kaplan_meier([1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1])
    pd.testing.assert_frame_equal(a, b)


def test_km_all_censored_stays_at_one():
    km = kaplan_meier([3, 5, 8], [0, 0, 0])
    assert (km["survival"] == 1.0).all() and (km["lower"] == 1.0).all()
    assert math.isnan(median_survival(km))


def test_km_empty_and_bad_input():
    km = kaplan_meier([], [])
    assert list(km.columns) == COLUMNS and len(km) == 0
    assert math.isnan(median_survival(km))
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [1])
    with pytest.raises(ValueError):
        kaplan_meier([-1, 2], [1, 1])


def test_km_from_counts_matches_6mp():
    # Life table of event times only (as a SQL GROUP BY might give), deliberately unsorted.
    # censored between event times = n_j − d_j − n_{j+1}: 21−3−17 = 1 (6+), 17−1−15 = 1 (9+),
    # 15−1−12 = 2 (10+, 11+), 12−1−11 = 0, 11−1−7 = 3 (17+, 19+, 20+), 7−1−6 = 0,
    # last: 6−1 = 5 (25+, 32+, 32+, 34+, 35+)
    km = kaplan_meier_from_counts([23, 6, 7, 10, 13, 16, 22], [6, 21, 17, 15, 12, 11, 7],
                                  [1, 3, 1, 1, 1, 1, 1])
    assert list(km.columns) == COLUMNS
    assert list(km["time"]) == [0, 6, 7, 10, 13, 16, 22, 23]
    assert list(km["censored"]) == [0, 1, 1, 2, 0, 3, 0, 5]
    full = kaplan_meier(MP_T, MP_E)
    full = full[(full["events"] > 0) | (full["time"] == 0)].reset_index(drop=True)
    for col in ["survival", "lower", "upper", "at_risk", "events"]:
        assert km[col].to_numpy() == pytest.approx(full[col].to_numpy())


def test_km_from_counts_edge_cases():
    assert len(kaplan_meier_from_counts([], [], [])) == 0
    with pytest.raises(ValueError):
        kaplan_meier_from_counts([1], [2], [3])  # more events than at risk


def test_median_survival():
    # 6-MP: S drops from 0.537815 to 0.448179 at week 23 -> median 23
    assert median_survival(kaplan_meier(MP_T, MP_E)) == 23.0
    # six-observation example: S(2) = 2/3 > 0.5, S(3) = 4/9 <= 0.5 -> median 3
    assert median_survival(kaplan_meier([1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1])) == 3.0
    # two events at 1 and 2: S(1) = 1/2 exactly -> first time with S <= 0.5 is 1
    assert median_survival(kaplan_meier([1, 2], [1, 1])) == 1.0
