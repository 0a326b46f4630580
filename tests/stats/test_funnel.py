"""Tests for stats.funnel; expected values are hand computations written out below."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from stats.funnel import (POSITIONS, Z95, Z998, false_discovery, funnel_limits, funnel_limits_binomial,
                          funnel_limits_proportion, funnel_position, p_value_binomial, p_value_mean)


def test_z_constants_are_normal_quantiles():
    # Z95 = Φ⁻¹(0.975), Z998 = Φ⁻¹(0.999) (Spiegelhalter 2005, §3)
    assert Z95 == pytest.approx(sps.norm.ppf(0.975), abs=1e-6)
    assert Z998 == pytest.approx(sps.norm.ppf(0.999), abs=1e-6)


def test_funnel_limits_mean_hand_example():
    # target 3.5, SD 0.8, n = 16: SE = 0.8/4 = 0.2
    # 95%:   3.5 ∓ 1.959964·0.2 = 3.5 ∓ 0.391993 -> (3.108007, 3.891993)
    # 99.8%: 3.5 ∓ 3.090232·0.2 = 3.5 ∓ 0.618046 -> (2.881954, 4.118046)
    assert funnel_limits(3.5, 0.8, 16, Z95) == pytest.approx((3.108007, 3.891993), abs=1e-6)
    assert funnel_limits(3.5, 0.8, 16, Z998) == pytest.approx((2.881954, 4.118046), abs=1e-6)


def test_funnel_limits_vectorised_and_n0():
    # n = 4: SE = 0.4, half = 0.783986; n = 0 -> NaN
    lo, hi = funnel_limits(3.5, 0.8, np.array([16, 4, 0]), Z95)
    assert lo[:2] == pytest.approx([3.108007, 3.5 - 0.783986], abs=1e-6)
    assert hi[:2] == pytest.approx([3.891993, 3.5 + 0.783986], abs=1e-6)
    assert np.isnan(lo[2]) and np.isnan(hi[2])


def test_funnel_limits_proportion_hand_example():
    # p0 = 0.9, n = 100: √(0.9·0.1/100) = 0.03
    # 95%:   0.9 ∓ 0.058799 -> (0.841201, 0.958799)
    # 99.8%: 0.9 ∓ 0.092707 -> (0.807293, 0.992707)
    assert funnel_limits_proportion(0.9, 100, Z95) == pytest.approx((0.841201, 0.958799),
                                                                    abs=1e-6)
    assert funnel_limits_proportion(0.9, 100, Z998) == pytest.approx((0.807293, 0.992707),
                                                                     abs=1e-6)


def test_funnel_limits_proportion_clipped_and_n0():
    # p0 = 0.95, n = 10: √(0.0475/10) = 0.068920; 99.8% half = 0.212980
    # -> (0.737020, 1.162980) and the upper is clipped to 1.
    lo, hi = funnel_limits_proportion(0.95, 10, Z998)
    assert lo == pytest.approx(0.737020, abs=1e-6) and hi == 1.0
    lo, hi = funnel_limits_proportion(0.5, 0, Z95)
    assert math.isnan(lo) and math.isnan(hi)


def test_funnel_position_codes():
    # limits: 99.8% (1.2, 4.8), 95% (1.5, 4.5)
    values = np.array([1.0, 1.3, 1.5, 3.0, 4.5, 4.6, 5.0, np.nan])
    got = funnel_position(values, 1.5, 4.5, 1.2, 4.8)
    assert list(got) == ["below_998", "below_95", "within", "within", "within",
                         "above_95", "above_998", None]
    assert set(got[:-1]) == set(POSITIONS)


def test_funnel_position_scalar_and_nan_limits():
    assert funnel_position(3.0, 1.5, 4.5, 1.2, 4.8) == "within"
    assert funnel_position(3.0, np.nan, np.nan, np.nan, np.nan) is None


def test_funnel_position_with_computed_limits():
    # n = 16 school, target 3.5, SD 0.8 (limits above): 4.0 lies between the upper 95%
    # (3.891993) and the upper 99.8% (4.118046) limit.
    l95, u95 = funnel_limits(3.5, 0.8, 16, Z95)
    l998, u998 = funnel_limits(3.5, 0.8, 16, Z998)
    assert funnel_position(4.0, l95, u95, l998, u998) == "above_95"
    assert funnel_position(2.8, l95, u95, l998, u998) == "below_998"


def test_false_discovery_by_hand():
    # Benjamini-Hochberg with m = 4: sorted p 0.01, 0.03, 0.04, 0.20 -> p·m/rank = 0.04, 0.06, 0.0533, 0.20,
    # then the running minimum from the top: 0.04, 0.0533, 0.0533, 0.20. Three are under 0.05 one at a
    # time; after the adjustment only the first is.
    q, beyond = false_discovery([0.01, 0.04, 0.03, 0.20, float("nan")])
    assert q[:4] == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])
    assert list(beyond) == [True, False, False, False, False] and np.isnan(q[4])


def test_exact_binomial_limits_by_hand():
    # n = 10, p0 = 0.1: F(0) = 0.9^10 = 0.348678, F(1) = F(0) + 10·0.1·0.9^9 = 0.736099,
    # F(2) = F(1) + 45·0.01·0.9^8 = 0.929809, F(3) = F(2) + 120·0.001·0.9^7 = 0.987205.
    # upper 95 % (tail 0.975): r = 3, α = (0.987205 − 0.975)/(0.987205 − 0.929809) = 0.212645 -> (3 − α)/10
    # lower 95 % (tail 0.025): r = 0, α = (0.348678 − 0.025)/(0.348678 − 0) = 0.928300 -> max(0, −0.0928) = 0
    tail = 0.5 * math.erfc(Z95 / math.sqrt(2))
    f2, f3 = 0.9298091736, 0.9872048016
    lower, upper = funnel_limits_binomial(0.1, 10, Z95)
    assert upper == pytest.approx((3 - (f3 - (1 - tail)) / (f3 - f2)) / 10, abs=1e-7)
    assert lower == 0.0
    # the normal approximation is symmetric and goes below 0 before clipping: 0.1 − 1.96·√(0.009) = −0.086
    assert funnel_limits_proportion(0.1, 10, Z95)[1] == pytest.approx(0.1 + Z95 * math.sqrt(0.009))


def test_p_values_by_hand():
    # mean 4.2 against 4.0, SD 0.8, n = 64: z = 0.2 / 0.1 = 2 -> p = 2·(1 − Φ(2)) = 0.045500
    assert p_value_mean(4.2, 4.0, 0.8, 64) == pytest.approx(0.0455003, abs=1e-6)
    # 3 of 10 against 0.1: P(X >= 3) = 1 − F(2) = 0.070191 -> two-sided 0.140382
    assert p_value_binomial(3, 10, 0.1) == pytest.approx(2 * (1 - 0.9298091736))
    assert np.isnan(p_value_binomial(float("nan"), 10, 0.1))
