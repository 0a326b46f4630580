"""Tests for stats.funnel; expected values are hand computations written out below."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from stats.funnel import (POSITIONS, Z95, Z998, funnel_limits, funnel_limits_proportion,
                          funnel_position)


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
