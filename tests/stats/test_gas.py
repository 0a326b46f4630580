"""Tests for stats.gas; expected values are hand computations of Kiresuk & Sherman (1968)
T = 50 + 10·Σwx / √((1 − ρ)Σw² + ρ(Σw)²), written out below."""

import math

import numpy as np
import pytest

from stats.gas import gas_t_sums
from tests.reference import gas_t_score


def test_expected_outcomes_give_50():
    # (1, 0, −1), equal weights: Σwx = 0 -> T = 50
    assert gas_t_score([1, 0, -1]) == pytest.approx(50.0)
    assert gas_t_score([0, 0, 0, 0]) == pytest.approx(50.0)


def test_three_goals_hand_example():
    # (2, 1, 1), w = 1, ρ = 0.3: Σwx = 4, Σw² = 3, (Σw)² = 9
    # denominator = √(0.7·3 + 0.3·9) = √(2.1 + 2.7) = √4.8 = 2.190890
    # T = 50 + 40/2.190890 = 50 + 18.257419 = 68.257419
    assert gas_t_score([2, 1, 1]) == pytest.approx(68.257419, abs=1e-6)


def test_single_goal_and_negative_scores():
    # one goal: denominator √(0.7 + 0.3) = 1, so T = 50 + 10x
    assert gas_t_score([1]) == pytest.approx(60.0)
    # (−2, −2): Σwx = −4, √(0.7·2 + 0.3·4) = √2.6 = 1.612452, T = 50 − 24.806947 = 25.193053
    assert gas_t_score([-2, -2]) == pytest.approx(25.193053, abs=1e-6)


def test_weights_hand_example():
    # scores (1, −1), weights (2, 1): Σwx = 1, Σw² = 5, (Σw)² = 9
    # √(0.7·5 + 0.3·9) = √6.2 = 2.489980, T = 50 + 10/2.489980 = 54.016097
    assert gas_t_score([1, -1], weights=[2, 1]) == pytest.approx(54.016097, abs=1e-6)


def test_rho_zero():
    # ρ = 0, (1, 1, 1, 1): √(Σw²) = √4 = 2, T = 50 + 40/2 = 70
    assert gas_t_score([1, 1, 1, 1], rho=0.0) == pytest.approx(70.0)


def test_missing_goals_are_left_out():
    # an unrated (NaN) goal is dropped with its weight: (2, 1, 1, NaN) == (2, 1, 1)
    assert gas_t_score([2, 1, 1, np.nan]) == pytest.approx(68.257419, abs=1e-6)


def test_empty_and_all_missing_are_nan():
    assert math.isnan(gas_t_score([]))
    assert math.isnan(gas_t_score([np.nan, np.nan]))
    assert math.isnan(gas_t_score([1, 2], weights=[0, 0]))


def test_two_dimensional_one_row_per_child():
    # row 1 = (2, 1, 1) -> 68.257419; row 2 = (1, NaN, NaN) -> one goal -> 60; row 3 all NaN
    got = gas_t_score(np.array([[2, 1, 1], [1, np.nan, np.nan], [np.nan] * 3]))
    assert got[:2] == pytest.approx([68.257419, 60.0], abs=1e-6)
    assert np.isnan(got[2])


def test_goals_still_at_the_usual_baseline_give_less_than_50():
    # −1 is "somewhat less than expected", usually the baseline (Turner-Stokes 2009): a child whose goals
    # all stay at −1 scores below 50, the expected level — one goal: T = 50 − 10 = 40;
    # three goals (w = 1): Σwx = −3, √(0.7·3 + 0.3·9) = √4.8 = 2.190890, T = 50 − 13.693064 = 36.306936
    assert gas_t_score([-1]) == pytest.approx(40.0)
    assert gas_t_score([-1, -1, -1]) == pytest.approx(36.306936, abs=1e-6)
    # the same through the sums a database aggregates (stats.gas.gas_t_sums): n = 1, ΣS = −3, ΣS² = 9
    sum_t, sum_t2 = gas_t_sums(1, -3, 9, 3, 3)
    assert sum_t == pytest.approx(36.306936, abs=1e-6) and sum_t2 == pytest.approx(36.306936 ** 2, abs=1e-4)
