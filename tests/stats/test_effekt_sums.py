"""Tests for the sufficient-statistics helpers of the Effekt page (stats.change.paired_from_sums,
stats.change.reliable_change_threshold, stats.gas.gas_t_sums). Expected values are hand
computations written out below."""
import math

import numpy as np
import pytest

from stats.change import paired_from_sums, reliable_change_threshold
from stats.gas import gas_t_sums
from tests.reference import gas_t_score


def test_paired_from_sums_hand_example():
    # pre = (10, 12, 14, 16), post = (8, 11, 11, 12), n = 4
    # Σx = 52, Σx² = 100+144+196+256 = 696; Σy = 42, Σy² = 64+121+121+144 = 450
    # Σxy = 80+132+154+192 = 558
    # mean_pre = 13, mean_post = 10.5
    # sd_pre² = (696 − 52²/4)/3 = 20/3 -> sd_pre = 2.581989; sd_post² = (450 − 441)/3 = 3 -> 1.732051
    # cov = (558 − 52·42/4)/3 = 12/3 = 4; r = 4/(2.581989·1.732051) = 4/4.472136 = 0.894427
    # d = (−2, −1, −3, −4): Σd = −10, Σd² = 30 (= 450 − 2·558 + 696); mean −2.5
    # sd_diff² = (30 − 100/4)/3 = 5/3 -> sd_diff = 1.290994; SE = 0.645497; t(3; 0.975) = 3.182446
    # half = 2.054260 -> CI (−4.554260, −0.445740)
    got = paired_from_sums(4, 52, 696, 42, 450, 558)
    assert got["mean_pre"] == pytest.approx(13) and got["mean_post"] == pytest.approx(10.5)
    assert got["sd_pre"] == pytest.approx(2.581989, abs=1e-6)
    assert got["sd_post"] == pytest.approx(1.732051, abs=1e-6)
    assert got["r"] == pytest.approx(0.894427, abs=1e-6)
    assert got["mean_diff"] == pytest.approx(-2.5)
    assert got["sd_diff"] == pytest.approx(1.290994, abs=1e-6)
    assert got["diff_low"] == pytest.approx(-4.554260, abs=1e-5)
    assert got["diff_high"] == pytest.approx(-0.445740, abs=1e-5)


def test_paired_from_sums_vectorised_and_small_n():
    # second group: one child 10 -> 7: mean change −3, no SD, no CI, no r
    got = paired_from_sums(np.array([4, 1]), np.array([52, 10]), np.array([696, 100]), np.array([42, 7]),
                           np.array([450, 49]), np.array([558, 70]))
    assert got["mean_diff"] == pytest.approx([-2.5, -3.0])
    assert np.isnan(got["sd_diff"][1]) and np.isnan(got["diff_low"][1]) and np.isnan(got["r"][1])


def test_reliable_change_threshold_hand_examples():
    # Jacobson & Truax (1991): S_diff = √2·SD·√(1 − r_xx); reliable when |post − pre| > 1.96·S_diff
    # SD 7.5, r_xx 0.80 (their example numbers used in test_change.py): S_diff = 4.743416 -> 9.297095
    assert reliable_change_threshold(7.5, 0.8) == pytest.approx(9.297095, abs=1e-5)
    # SDQ (demo: SD 5.8, r 0.80): √2·5.8·0.447214 = 3.668242 -> 1.96·3.668242 = 7.189754
    # ORS (SD 7.0, r 0.85): √2·7·0.387298 = 3.834058 -> 7.514753
    got = reliable_change_threshold(np.array([5.8, 7.0]), np.array([0.8, 0.85]))
    assert got == pytest.approx([7.189754, 7.514753], abs=1e-5)
    assert math.isnan(reliable_change_threshold(5.8, None))
    assert math.isnan(reliable_change_threshold(0.0, 0.8))
    assert math.isnan(reliable_change_threshold(5.8, 1.0))


def test_gas_t_sums_hand_example():
    # two children with three unweighted goals each: (2, 1, 1) and (0, 0, 0)
    # Σw² = 3, Σw = 3 -> D = √(0.7·3 + 0.3·9) = √4.8 = 2.190890
    # S = 4 and 0 -> ΣS = 4, ΣS² = 16
    # T = 68.257419 and 50 -> ΣT = 118.257419; ΣT² = 68.257419² + 50² = 4659.075248 + 2500 = 7159.075248
    sum_t, sum_t2 = gas_t_sums(2, 4, 16, 3, 3)
    assert sum_t == pytest.approx(118.257419, abs=1e-5)
    assert sum_t2 == pytest.approx(7159.075248, abs=1e-3)
    # the same as scoring each child with gas_t_score (Kiresuk & Sherman 1968)
    t = gas_t_score(np.array([[2, 1, 1], [0, 0, 0]]))
    assert sum_t == pytest.approx(t.sum()) and sum_t2 == pytest.approx((t ** 2).sum())


def test_gas_t_sums_weighted_group_and_vectorised():
    # one child, goals (1, −1) weighted (2, 1): S = 2·1 + 1·(−1) = 1, Σw² = 5, Σw = 3
    # D = √(0.7·5 + 0.3·9) = √6.2 = 2.489980 -> T = 54.016097 (test_gas.py); ΣT² = 2917.738735
    sum_t, sum_t2 = gas_t_sums(np.array([1, 0]), np.array([1, 0]), np.array([1, 0]), np.array([5, 0]),
                               np.array([3, 0]))
    assert sum_t[0] == pytest.approx(54.016097, abs=1e-5)
    assert sum_t2[0] == pytest.approx(54.016097 ** 2, abs=1e-3)
    assert np.isnan(sum_t[1])  # no weights: no T
