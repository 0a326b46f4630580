"""Tests for stats.means. Every expected value is a hand computation written out below
(or a published table value, cited)."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from stats.means import DiffTest, diff_means_test, mean_ci, mean_sd_from_sums, proportion_ci

# Data set A: 2, 4, 4, 4, 5, 5, 7, 9
#   n = 8, Σx = 40, Σx² = 4 + 3·16 + 2·25 + 49 + 81 = 232
#   mean = 40/8 = 5
#   s² = (232 − 40²/8) / 7 = (232 − 200)/7 = 32/7 = 4.571429,  s = 2.138090
A = [2, 4, 4, 4, 5, 5, 7, 9]
N_A, S_A, SS_A = 8, 40.0, 232.0
# Data set B: 4, 5, 6, 7, 8
#   n = 5, Σx = 30, Σx² = 16 + 25 + 36 + 49 + 64 = 190, mean = 6, s² = (190 − 180)/4 = 2.5
B = [4, 5, 6, 7, 8]
N_B, S_B, SS_B = 5, 30.0, 190.0


def test_mean_sd_hand_example():
    mean, sd = mean_sd_from_sums(N_A, S_A, SS_A)
    assert mean == pytest.approx(5.0)
    assert sd == pytest.approx(math.sqrt(32 / 7))  # 2.138090
    assert sd == pytest.approx(2.138090, abs=1e-6)


def test_mean_sd_vectorised_and_small_n():
    # n = 0 -> mean NaN, SD NaN; n = 1 (x = 5) -> mean 5, SD NaN; then data set A.
    mean, sd = mean_sd_from_sums(np.array([0, 1, 8]), np.array([0.0, 5.0, 40.0]),
                                 np.array([0.0, 25.0, 232.0]))
    assert np.isnan(mean[0]) and mean[1] == 5.0 and mean[2] == pytest.approx(5.0)
    assert np.isnan(sd[0]) and np.isnan(sd[1]) and sd[2] == pytest.approx(2.138090, abs=1e-6)


def test_mean_sd_clips_rounding_negative_variance():
    # Three values of 0.1 in floating point: Σx = 0.30000000000000004,
    # Σx² = 0.030000000000000006, and Σx² − (Σx)²/3 = −3.5e−18 < 0. SD must be 0, not NaN.
    sx, sxx = 0.1 + 0.1 + 0.1, 0.1 * 0.1 + 0.1 * 0.1 + 0.1 * 0.1
    assert sxx - sx * sx / 3 < 0
    _, sd = mean_sd_from_sums(3, sx, sxx)
    assert sd == 0.0


def test_mean_ci_hand_example():
    # t(0.975, df=7) = 2.364624 (any t table: 2.365).
    # half-width = 2.364624 · 2.138090 / √8 = 2.364624 · 0.755929 = 1.787488
    # CI = 5 ∓ 1.787488 = (3.212512, 6.787488)
    mean, lo, hi = mean_ci(N_A, S_A, SS_A)
    assert mean == pytest.approx(5.0)
    assert lo == pytest.approx(3.212512, abs=1e-5)
    assert hi == pytest.approx(6.787488, abs=1e-5)


def test_mean_ci_matches_scipy_on_raw_data():
    # Independent path: scipy's t interval from the raw values.
    lo_ref, hi_ref = sps.t.interval(0.95, df=7, loc=np.mean(A), scale=sps.sem(A))
    _, lo, hi = mean_ci(N_A, S_A, SS_A)
    assert (lo, hi) == pytest.approx((lo_ref, hi_ref))


def test_mean_ci_small_n_is_nan_and_vectorised():
    mean, lo, hi = mean_ci([0, 1, 8], [0, 5, 40], [0, 25, 232])
    assert np.isnan(mean[0]) and mean[1] == 5.0
    assert np.isnan(lo[:2]).all() and np.isnan(hi[:2]).all()
    assert lo[2] == pytest.approx(3.212512, abs=1e-5)
    # scalar n = 1
    m1, l1, u1 = mean_ci(1, 5, 25)
    assert m1 == 5.0 and math.isnan(l1) and math.isnan(u1)


def test_welch_hand_example():
    # mean2 − mean1 = 6 − 5 = 1
    # v1 = s1²/n1 = (32/7)/8 = 0.571429;  v2 = s2²/n2 = 2.5/5 = 0.5
    # SE = √(0.571429 + 0.5) = √1.071429 = 1.035098;  t = 1/1.035098 = 0.966092
    # df = 1.071429² / (0.571429²/7 + 0.5²/4) = 1.147959 / (0.046647 + 0.0625) = 10.5175
    res = diff_means_test(N_A, S_A, SS_A, N_B, S_B, SS_B)
    assert isinstance(res, DiffTest)
    assert res.diff == pytest.approx(1.0)
    t_crit = sps.t.ppf(0.975, 10.51752921535893)  # quantile at the hand-computed df
    assert res.lower == pytest.approx(1 - t_crit * 1.035098, abs=1e-5)
    assert res.upper == pytest.approx(1 + t_crit * 1.035098, abs=1e-5)
    assert res.p_value == pytest.approx(2 * sps.t.sf(0.966092, 10.51752921535893), abs=1e-6)
    assert res.p_value > 0.3 and res.beyond_noise is False


def test_welch_matches_scipy_on_raw_arrays():
    # Independent path: scipy.stats.ttest_ind(equal_var=False) tests mean(a) − mean(b),
    # so a = B (group 2), b = A (group 1).
    ref = sps.ttest_ind(B, A, equal_var=False)
    ci = ref.confidence_interval(0.95)
    res = diff_means_test(N_A, S_A, SS_A, N_B, S_B, SS_B)
    assert res.p_value == pytest.approx(ref.pvalue)
    assert (res.lower, res.upper) == pytest.approx((ci.low, ci.high))


def test_welch_beyond_noise():
    # B' = 8..12: mean 10, s² = 2.5, so diff = 5, same SE 1.035098, t = 4.830459.
    b2 = [8, 9, 10, 11, 12]
    res = diff_means_test(N_A, S_A, SS_A, 5, sum(b2), sum(x * x for x in b2))
    assert res.diff == pytest.approx(5.0)
    assert res.p_value == pytest.approx(sps.ttest_ind(b2, A, equal_var=False).pvalue)
    assert res.p_value < 0.05 and res.beyond_noise is True


def test_welch_small_n_gives_nan_and_false():
    for n1, s1, ss1 in [(0, 0.0, 0.0), (1, 5.0, 25.0)]:
        res = diff_means_test(n1, s1, ss1, N_B, S_B, SS_B)
        assert math.isnan(res.diff) and math.isnan(res.p_value)
        assert math.isnan(res.lower) and math.isnan(res.upper)
        assert res.beyond_noise is False


def test_welch_vectorised():
    res = diff_means_test([8, 1], [40, 5], [232, 25], [5, 5], [30, 30], [190, 190])
    assert res.diff[0] == pytest.approx(1.0) and np.isnan(res.diff[1])
    assert list(res.beyond_noise) == [False, False]


def test_wilson_hand_example_8_of_10():
    # p = 0.8, n = 10, z = 1.959964, z² = 3.841459
    # denominator = 1 + z²/n = 1.384146
    # centre = (0.8 + 3.841459/20) / 1.384146 = 0.992073 / 1.384146 = 0.716740
    # half = z·√(0.8·0.2/10 + 3.841459/400) / 1.384146
    #      = 1.959964·√(0.016 + 0.009604) / 1.384146 = 0.226578
    # interval = (0.490162, 0.943318)
    p, lo, hi = proportion_ci(8, 10)
    assert p == pytest.approx(0.8)
    assert lo == pytest.approx(0.490162, abs=1e-5)
    assert hi == pytest.approx(0.943318, abs=1e-5)


def test_wilson_newcombe_1998_table():
    # Newcombe RG (1998), Stat Med 17:857-872, Table II, method 3 (score, no continuity
    # correction): 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605;
    # 0/20 -> 0.0000-0.1611; 1/29 -> 0.0061-0.1718.
    _, lo, hi = proportion_ci(np.array([81, 15, 0, 1]), np.array([263, 148, 20, 29]))
    np.testing.assert_allclose(lo, [0.2553, 0.0624, 0.0, 0.0061], atol=6e-5)
    np.testing.assert_allclose(hi, [0.3662, 0.1605, 0.1611, 0.1718], atol=6e-5)


def test_wilson_edge_cases():
    p, lo, hi = proportion_ci(0, 0)
    assert math.isnan(p) and math.isnan(lo) and math.isnan(hi)
    # k > n is invalid -> NaN; 10/10 has upper bound exactly 1
    p, lo, hi = proportion_ci([11, 10], [10, 10])
    assert np.isnan(p[0]) and p[1] == 1.0 and hi[1] == pytest.approx(1.0)


def test_level_is_validated():
    with pytest.raises(ValueError):
        mean_ci(8, 40, 232, level=95)


def test_mean_ci_stays_on_the_scale():
    # Five answers 5, 5, 5, 5, 4 on a 1-5 scale: n = 5, Σx = 24, Σx² = 4·25 + 16 = 116, mean 4.8;
    # s² = (116 − 115.2)/4 = 0.2, s = 0.447214; t(0.975, 4) = 2.776445 -> half = 2.776445·0.447214/√5 = 0.555289
    # -> (4.244711, 5.355289): the upper bound passes 5, the highest score; clipped it is 5.
    mean, lo, hi = mean_ci(5, 24.0, 116.0)
    assert hi == pytest.approx(5.355289, abs=1e-5)
    mean, lo, hi = mean_ci(5, 24.0, 116.0, scale=(1.0, 5.0))
    assert (mean, lo, hi) == pytest.approx((4.8, 4.244711, 5.0), abs=1e-5)
    # a mean of perturbed sums past the top is clipped too
    assert mean_ci(5, 25.6, 131.0, scale=(1, 5))[0] == 5.0


def test_two_proportion_test_by_hand():
    # 30 of 200 against 50 of 200: pooled 80/400 = 0.2, SE = √(0.2·0.8·(2/200)) = 0.04, z = 0.1/0.04 = 2.5
    # -> p = 2·(1 − Φ(2.5)) = 0.012419
    from stats.means import diff_proportions_test
    t = diff_proportions_test(30, 200, 50, 200)
    assert t.diff == pytest.approx(0.1) and t.p_value == pytest.approx(0.0124193, abs=1e-6)
    assert np.isnan(diff_proportions_test(0, 10, 0, 20).p_value)  # both 0: no test


def test_one_sample_p_by_hand():
    # data set A (mean 5, s = 2.138090, n = 8) against 4: t = 1/(2.138090/√8) = 1.322876 on 7 df -> p = 0.227530
    from stats.means import one_sample_p
    assert one_sample_p(N_A, S_A, SS_A, 4.0) == pytest.approx(2 * sps.t.sf(1.322876, 7), abs=1e-6)
    assert np.isnan(one_sample_p(1, 5.0, 25.0, 4.0))
