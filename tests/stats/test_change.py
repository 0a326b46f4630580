"""Tests for stats.change; expected values are hand computations written out below."""

import math

import numpy as np
import pytest

from stats.change import hedges_g_paired
from tests.reference import classify_reliable_change, crossed_cutoff, reliable_change_index


def test_hedges_g_dz_hand_example():
    # n = 20, mean change 5, SD of differences 8
    # d_z = 5/8 = 0.625;  J = 1 − 3/(4·19 − 1) = 1 − 3/75 = 0.96;  g = 0.6
    # V_d = 1/20 + 0.625²/40 = 0.05 + 0.009765625 = 0.059765625
    # SE_g = 0.96·√0.059765625 = 0.96·0.244470 = 0.234691
    # CI = 0.6 ∓ 1.959964·0.234691 = 0.6 ∓ 0.459986 -> (0.140014, 1.059986)
    g, lo, hi = hedges_g_paired(20, 5, 8)
    assert g == pytest.approx(0.6)
    assert lo == pytest.approx(0.140014, abs=1e-5)
    assert hi == pytest.approx(1.059986, abs=1e-5)


def test_hedges_g_dav_with_r_hand_example():
    # n = 20, mean change 5, SD pre 10, SD post 9, r = 0.6
    # d_av = 5 / 9.5 = 0.526316;  g = 0.96·0.526316 = 0.505263
    # V_d = (1/20 + 0.526316²/40)·2·(1 − 0.6) = (0.05 + 0.006925)·0.8 = 0.045540
    # SE_g = 0.96·√0.045540 = 0.204865;  half = 1.959964·0.204865 = 0.401529
    # CI = (0.103734, 0.906792)
    g, lo, hi = hedges_g_paired(20, 5, 8, r=0.6, sd_pre=10, sd_post=9)
    assert g == pytest.approx(0.505263, abs=1e-6)
    assert lo == pytest.approx(0.103734, abs=1e-5)
    assert hi == pytest.approx(0.906792, abs=1e-5)


def test_hedges_g_dav_recovers_r_from_sd_diff():
    # r from sd_diff² = sd_pre² + sd_post² − 2·r·sd_pre·sd_post:
    # r = (100 + 81 − 64)/(2·10·9) = 117/180 = 0.65
    # V_d = 0.056925·2·0.35 = 0.039848;  SE_g = 0.96·0.199619 = 0.191634
    # half = 0.375596 -> CI (0.129667, 0.880859)
    g, lo, hi = hedges_g_paired(20, 5, 8, sd_pre=10, sd_post=9)
    assert g == pytest.approx(0.505263, abs=1e-6)
    assert lo == pytest.approx(0.129667, abs=1e-5)
    assert hi == pytest.approx(0.880859, abs=1e-5)


def test_hedges_g_small_n_and_zero_sd_are_nan():
    for n in (0, 1, 2):
        assert all(math.isnan(v) for v in hedges_g_paired(n, 5, 8))
    assert all(math.isnan(v) for v in hedges_g_paired(20, 5, 0))


def test_hedges_g_vectorised():
    # second element: n = 10, d_z = 2/4 = 0.5, J = 1 − 3/35 = 0.914286, g = 0.457143
    g, lo, hi = hedges_g_paired(np.array([20, 10, 1]), np.array([5, 2, 1]), np.array([8, 4, 1]))
    assert g[:2] == pytest.approx([0.6, 0.457143], abs=1e-6)
    assert np.isnan(g[2]) and np.isnan(lo[2]) and np.isnan(hi[2])


def test_rci_hand_example():
    # Jacobson & Truax (1991): SE = s1·√(1 − rxx), S_diff = √(2·SE²)
    # sd_ref 7.5, reliability 0.80: SE = 7.5·√0.2 = 3.354102; S_diff = √2·3.354102 = 4.743416
    # pre 20 -> post 10: RCI = −10/4.743416 = −2.108185
    # pre 20 -> post 17: RCI = −3/4.743416 = −0.632456
    rci = reliable_change_index(np.array([20, 20]), np.array([10, 17]), 7.5, 0.8)
    assert rci == pytest.approx([-2.108185, -0.632456], abs=1e-6)
    assert reliable_change_index(10, 20, 7.5, 0.8) == pytest.approx(2.108185, abs=1e-6)


def test_rci_invalid_reference_is_nan():
    assert math.isnan(reliable_change_index(20, 10, 7.5, 1.0))
    assert math.isnan(reliable_change_index(20, 10, 0.0, 0.8))
    assert math.isnan(reliable_change_index(np.nan, 10, 7.5, 0.8))


def test_classify_reliable_change_lower_is_better():
    # SDQ (lower is better): −2.108 improved, −0.632 unchanged, +2.108 worsened,
    # exactly −1.96 is not beyond 1.96 -> unchanged, NaN -> None.
    got = classify_reliable_change([-2.108185, -0.632456, 2.108185, -1.96, np.nan], False)
    assert list(got) == ["improved", "unchanged", "worsened", "unchanged", None]


def test_classify_reliable_change_higher_is_better_and_scalar():
    # ORS (higher is better): +2.5 improved, −2.5 worsened
    assert classify_reliable_change(2.5, True) == "improved"
    assert classify_reliable_change(-2.5, True) == "worsened"
    got = classify_reliable_change([2.5, 2.5], [True, False])
    assert list(got) == ["improved", "worsened"]


def test_crossed_cutoff_lower_is_better():
    # SDQ parent cut-off 17 (lower is better): 18 -> 12 crosses; 18 -> 17 does not (17 is
    # still on the clinical side); 16 -> 10 started on the good side; NaN -> False.
    got = crossed_cutoff(np.array([18, 18, 16, np.nan]), np.array([12, 17, 10, 5]), 17, False)
    assert list(got) == [True, False, False, False]


def test_crossed_cutoff_higher_is_better():
    # ORS child cut-off 32 (higher is better): 25 -> 33 and 25 -> 32 cross; 33 -> 35 was
    # already above; 31 -> 20 no.
    got = crossed_cutoff([25, 25, 33, 31], [33, 32, 35, 20], 32, True)
    assert list(got) == [True, True, False, False]
    assert crossed_cutoff(25, 33, 32, True) is True


def test_d_av_and_d_z_differ_on_the_same_children():
    # LØFT Nord (tests/fixture_effekt.py): before 20, 18, 16, 14, 22, after 12, 15, 14, 16, 18; n = 5
    # changes −8, −3, −2, +2, −4: mean −3, SD √13 = 3.605551; SD before √10 = 3.162278, after √5 = 2.236068
    # J = 1 − 3/(4·4 − 1) = 0.8
    # d_av = −3 / ((3.162278 + 2.236068)/2) = −1.111452 -> g_av = −0.889161 (what the Effekt page shows)
    # d_z  = −3 / 3.605551 = −0.832050 -> g_z = −0.665640: a different number for the same children
    g_av, _, _ = hedges_g_paired(5, -3, math.sqrt(13), sd_pre=math.sqrt(10), sd_post=math.sqrt(5))
    g_z, _, _ = hedges_g_paired(5, -3, math.sqrt(13))
    assert g_av == pytest.approx(-0.889161, abs=1e-6)
    assert g_z == pytest.approx(-0.665640, abs=1e-6)
    # with equal SDs before and after, d_z = d_av / √(2(1 − r)): r = 0.7 -> d_z = d_av / √0.6 = 1.290994·d_av
    # (SD 10 before and after, r 0.7: SD of the changes √(100 + 100 − 140) = √60 = 7.745967; change 5)
    g_av, _, _ = hedges_g_paired(20, 5, math.sqrt(60), sd_pre=10, sd_post=10)
    g_z, _, _ = hedges_g_paired(20, 5, math.sqrt(60))
    assert g_z == pytest.approx(g_av / math.sqrt(0.6), rel=1e-9)
