"""Means, standard deviations, confidence intervals and mean differences.

Everything starts from sufficient statistics (n, Σx, Σx²) as aggregated in SQL, so that
results combine exactly across groups. Functions marked *vectorised* accept scalars or
NumPy arrays (broadcast together) and return the same shape; too small an n gives NaN,
never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as _sps

from stats._arrays import as_float, unwrap, z_for


def mean_sd_from_sums(n, sum_x, sum_x2):
    """Mean and sample SD from sufficient statistics (vectorised).

    mean = Σx / n
    s²   = (Σx² − (Σx)²/n) / (n − 1)        (sample variance, ddof = 1)

    Rounding in Σx² − (Σx)²/n can give a tiny negative number when all values are equal;
    the variance is clipped at 0. Mean is NaN for n < 1, SD is NaN for n < 2.
    Source: any textbook, e.g. Altman (1991), *Practical Statistics for Medical Research*, §3.4.

    Returns ``(mean, sd)``.
    """
    n, sx, sxx = np.broadcast_arrays(as_float(n), as_float(sum_x), as_float(sum_x2))
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n >= 1, sx / n, np.nan)
        var = np.where(n >= 2, (sxx - sx * sx / n) / (n - 1), np.nan)
    sd = np.sqrt(np.clip(var, 0.0, None))
    return unwrap(mean), unwrap(sd)


def mean_ci(n, sum_x, sum_x2, level=0.95, scale=None):
    """Mean with a t confidence interval, from sufficient statistics (vectorised).

    mean ± t_{(1+level)/2, n−1} · s / √n

    with s the sample SD (see :func:`mean_sd_from_sums`). Bounds are NaN when n < 2.
    ``scale=(lowest, highest)``: the values' own scale (e.g. 1-5 for a wellbeing score). No mean of
    such values lies outside it, so the mean and both bounds are clipped to it (a t-interval near
    the end of a bounded scale can otherwise pass it; so can a mean of perturbed sums).
    Source: Altman (1991), *Practical Statistics for Medical Research*, §8.5.

    Returns ``(mean, lower, upper)``.
    """
    z_for(level)  # validates level
    n_arr, sx, sxx = np.broadcast_arrays(as_float(n), as_float(sum_x), as_float(sum_x2))
    mean, sd = mean_sd_from_sums(n_arr, sx, sxx)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = np.where(n_arr >= 2, n_arr - 1, np.nan)
        t = _sps.t.ppf(0.5 + level / 2.0, df)
        half = t * np.asarray(sd) / np.sqrt(n_arr)
    lower, upper = np.asarray(mean) - half, np.asarray(mean) + half
    if scale is not None:
        lo, hi = (as_float(v) for v in scale)
        mean, lower, upper = (np.clip(v, lo, hi) for v in (np.asarray(mean), lower, upper))
    return unwrap(mean), unwrap(lower), unwrap(upper)


@dataclass(frozen=True)
class DiffTest:
    """Result of :func:`diff_means_test`: mean2 − mean1 with CI, p-value and verdict."""

    diff: float
    lower: float
    upper: float
    p_value: float
    beyond_noise: bool


def diff_means_test(n1, s1, ss1, n2, s2, ss2, level=0.95) -> DiffTest:
    """Welch's t-test of mean2 − mean1 from sufficient statistics.

    With v_i = s_i²/n_i (squared standard error of each mean):

    diff = x̄₂ − x̄₁,   SE = √(v₁ + v₂),   t = diff / SE
    df   = (v₁ + v₂)² / (v₁²/(n₁−1) + v₂²/(n₂−1))      (Welch–Satterthwaite)
    CI   = diff ± t_{(1+level)/2, df} · SE,   p = 2·P(T_df > |t|)

    ``beyond_noise`` is ``p < 1 − level``. Everything is NaN (and ``beyond_noise`` False)
    when either n < 2, and also when both groups have zero variance (the test is
    undefined there). Works element-wise on arrays too; scalars in give scalars out.
    Sources: Welch (1947), Biometrika 34:28; Satterthwaite (1946), Biometrics Bulletin 2:110.
    """
    z_for(level)
    m1, sd1 = mean_sd_from_sums(n1, s1, ss1)
    m2, sd2 = mean_sd_from_sums(n2, s2, ss2)
    n1, n2, m1, m2, sd1, sd2 = np.broadcast_arrays(
        as_float(n1), as_float(n2), as_float(m1), as_float(m2), as_float(sd1), as_float(sd2))
    with np.errstate(divide="ignore", invalid="ignore"):
        v1 = sd1**2 / n1
        v2 = sd2**2 / n2
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        ok = (n1 >= 2) & (n2 >= 2) & (se > 0)
        diff = np.where(ok, m2 - m1, np.nan)
        df = np.where(ok, df, np.nan)
        t_crit = _sps.t.ppf(0.5 + level / 2.0, df)
        p = 2.0 * _sps.t.sf(np.abs(diff / se), df)
    beyond = np.where(np.isnan(p), False, p < 1.0 - level)
    if beyond.ndim == 0:
        beyond = bool(beyond)
    return DiffTest(diff=unwrap(diff), lower=unwrap(diff - t_crit * se),
                    upper=unwrap(diff + t_crit * se), p_value=unwrap(p),
                    beyond_noise=beyond)


def proportion_ci(k, n, level=0.95):
    """Proportion with the Wilson score interval (vectorised).

    p̂ = k/n,  z = Φ⁻¹((1+level)/2)

    centre = (p̂ + z²/(2n)) / (1 + z²/n)
    half   = z · √(p̂(1−p̂)/n + z²/(4n²)) / (1 + z²/n)

    Returns ``(p̂, centre − half, centre + half)``; all NaN when n < 1 or k outside [0, n].
    Sources: Wilson (1927), JASA 22:209; Newcombe (1998), Stat Med 17:857, method 3.
    """
    z = z_for(level)
    k, n = np.broadcast_arrays(as_float(k), as_float(n))
    ok = (n >= 1) & (k >= 0) & (k <= n)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(ok, k / n, np.nan)
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2.0 * n)) / denom
        half = z * np.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denom
    lower = np.clip(centre - half, 0.0, 1.0)
    upper = np.clip(centre + half, 0.0, 1.0)
    return unwrap(p), unwrap(lower), unwrap(upper)


@dataclass(frozen=True)
class PropTest:
    """Result of :func:`diff_proportions_test`: p2 − p1 and the two-sided p-value."""

    diff: float
    p_value: float


def diff_proportions_test(k1, n1, k2, n2) -> PropTest:
    """The two-proportion z-test of p2 − p1 with the pooled proportion (vectorised).

    p̂ = (k1 + k2)/(n1 + n2),  SE = √(p̂(1 − p̂)(1/n1 + 1/n2)),  z = (k2/n2 − k1/n1)/SE,  p = 2·(1 − Φ(|z|))

    NaN where either n < 1 or SE = 0 (both shares 0 or both 1: no test).
    Source: Altman (1991), *Practical Statistics for Medical Research*, §10.7.2.
    """
    k1, n1, k2, n2 = np.broadcast_arrays(as_float(k1), as_float(n1), as_float(k2), as_float(n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (n1 >= 1) & (n2 >= 1)
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        diff = np.where(ok, k2 / n2 - k1 / n1, np.nan)
        p = np.where(ok & (se > 0), 2.0 * _sps.norm.sf(np.abs(diff / se)), np.nan)
    return PropTest(diff=unwrap(diff), p_value=unwrap(p))


def one_sample_p(n, sum_x, sum_x2, mu):
    """Two-sided p-value of the one-sample t-test of mean = mu, from sufficient statistics (vectorised):
    t = (x̄ − mu)/(s/√n) on n − 1 degrees of freedom. NaN where n < 2 or s = 0.
    Source: Altman (1991), *Practical Statistics for Medical Research*, §9.3."""
    n_arr = np.asarray(as_float(n))
    mean, sd = (np.asarray(v, dtype=float) for v in mean_sd_from_sums(n, sum_x, sum_x2))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where((n_arr >= 2) & (sd > 0), (mean - mu) / (sd / np.sqrt(n_arr)), np.nan)
        p = 2.0 * _sps.t.sf(np.abs(t), np.where(n_arr >= 2, n_arr - 1.0, np.nan))
    return unwrap(p)
