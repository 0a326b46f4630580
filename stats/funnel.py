"""Funnel-plot control limits for comparing institutions (schools, dagtilbud, ...).

Instead of ranking units, each unit's value is compared with limits around a target that
narrow as the unit's n grows: 95% limits ("warning") and 99.8% limits ("alarm").
Source: Spiegelhalter DJ (2005), "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185–1202.

All functions are vectorised: scalars or NumPy arrays in, the same shape out.
"""

from __future__ import annotations

import numpy as np
from scipy import stats as _sps

from stats._arrays import as_float, unwrap, unwrap_labels

#: Two-sided 95% normal quantile, Φ⁻¹(0.975).
Z95 = 1.959964
#: Two-sided 99.8% normal quantile, Φ⁻¹(0.999).
Z998 = 3.090232

#: Codes returned by :func:`funnel_position`, from best-above to furthest-below.
POSITIONS = ("above_998", "above_95", "within", "below_95", "below_998")


def funnel_limits(target_mean, sd, n, z):
    """Funnel limits for a mean (vectorised).

    lower, upper = θ₀ ∓ z · σ / √n

    with θ₀ the target (e.g. the municipality or national mean), σ the SD of an individual
    score, and n the unit's number of respondents (Spiegelhalter 2005, §4 and Table I).
    NaN when n < 1. Returns ``(lower, upper)``.
    """
    t, s, n, z = np.broadcast_arrays(as_float(target_mean), as_float(sd),
                                      as_float(n), as_float(z))
    with np.errstate(divide="ignore", invalid="ignore"):
        half = np.where(n >= 1, z * s / np.sqrt(n), np.nan)
    return unwrap(t - half), unwrap(t + half)


def funnel_limits_proportion(p0, n, z):
    """Funnel limits for a proportion, normal approximation (vectorised).

    lower, upper = p₀ ∓ z · √(p₀(1 − p₀)/n),  clipped to [0, 1]

    (Spiegelhalter 2005, Table I, "proportion"). NaN when n < 1. Returns ``(lower, upper)``.
    """
    p0, n, z = np.broadcast_arrays(as_float(p0), as_float(n), as_float(z))
    with np.errstate(divide="ignore", invalid="ignore"):
        half = np.where(n >= 1, z * np.sqrt(p0 * (1.0 - p0) / n), np.nan)
    lower = np.clip(p0 - half, 0.0, 1.0)
    upper = np.clip(p0 + half, 0.0, 1.0)
    return unwrap(lower), unwrap(upper)


def funnel_limits_binomial(p0, n, z):
    """Exact binomial funnel limits for a proportion (vectorised), for small n and p₀ near 0 where the
    normal approximation fails (Spiegelhalter 2005, Appendix A.1.1).

    For the tail probability p = Φ(−z) (lower) or Φ(z) (upper), r_p is the p-quantile of
    Binomial(n, p₀), the smallest r with F(r) ≥ p, and the limit interpolates below it:

        α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)),   limit = (r_p − α) / n

    NaN when n < 1. Returns ``(lower, upper)``.
    """
    p0, n, z = np.broadcast_arrays(as_float(p0), as_float(n), as_float(z))
    ok = (n >= 1) & (p0 >= 0) & (p0 <= 1)
    n_ok = np.where(ok, np.round(n), 1.0)
    out = []
    for tail in (_sps.norm.cdf(-z), _sps.norm.cdf(z)):
        r = _sps.binom.ppf(tail, n_ok, np.where(ok, p0, 0.5))
        f_r = _sps.binom.cdf(r, n_ok, p0)
        f_below = _sps.binom.cdf(r - 1, n_ok, p0)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = np.where(f_r > f_below, (f_r - tail) / (f_r - f_below), 0.0)
            limit = np.clip((r - alpha) / n_ok, 0.0, 1.0)
        out.append(np.where(ok, limit, np.nan))
    return unwrap(out[0]), unwrap(out[1])


def p_value_mean(value, target_mean, sd, n):
    """Two-sided p-value of a unit's mean against the target, z = (x̄ − θ₀) / (σ/√n) — the test the
    funnel's limits draw (vectorised; NaN where a value is NaN or n < 1)."""
    v, t, s, n = np.broadcast_arrays(as_float(value), as_float(target_mean), as_float(sd), as_float(n))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where((n >= 1) & (s > 0), (v - t) / (s / np.sqrt(n)), np.nan)
    return unwrap(2.0 * _sps.norm.sf(np.abs(z)))


def p_value_binomial(count, n, p0):
    """Exact two-sided p-value of a unit's count against Binomial(n, p₀): twice the smaller tail,
    at most 1 (vectorised; NaN where count is NaN or n < 1)."""
    k, n, p0 = np.broadcast_arrays(as_float(count), as_float(n), as_float(p0))
    ok = (n >= 1) & ~np.isnan(k) & ~np.isnan(p0)
    k, n_ok = np.where(ok, np.round(k), 0.0), np.where(ok, np.round(n), 1.0)
    tails = np.minimum(_sps.binom.cdf(k, n_ok, p0), _sps.binom.sf(k - 1, n_ok, p0))
    return unwrap(np.where(ok, np.minimum(1.0, 2.0 * tails), np.nan))


def false_discovery(p_values, q=0.05):
    """Benjamini-Hochberg: which of several tests shown at once are beyond noise when the expected
    share of false findings among them is kept at `q` (vectorised; NaN p-values take no part and give
    False). Returns ``(adjusted p-values, beyond)``. Source: Benjamini Y & Hochberg Y (1995), JRSS B
    57:289-300; the adjustment is scipy.stats.false_discovery_control."""
    p = np.asarray(as_float(p_values), dtype=float)
    adjusted = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    if tested.any():
        adjusted[tested] = _sps.false_discovery_control(p[tested], method="bh")
    beyond = np.where(tested, adjusted < q, False)
    return unwrap(adjusted), (bool(beyond) if beyond.ndim == 0 else beyond.astype(bool))


def funnel_position(value, lower95, upper95, lower998, upper998):
    """Where a value lies relative to its funnel limits (vectorised).

    Returns a code per value (a ``str`` for scalar input, else an object array):

    - ``'above_998'``: value > upper 99.8% limit
    - ``'above_95'``:  upper 95% < value ≤ upper 99.8%
    - ``'within'``:    lower 95% ≤ value ≤ upper 95% (a value on a limit counts as within)
    - ``'below_95'``:  lower 99.8% ≤ value < lower 95%
    - ``'below_998'``: value < lower 99.8% limit

    ``None`` where the value or a limit is NaN (e.g. a suppressed or too-small unit).
    Whether "above" is good depends on the measure's direction; that is for the caller.
    """
    v, l95, u95, l998, u998 = np.broadcast_arrays(
        as_float(value), as_float(lower95), as_float(upper95),
        as_float(lower998), as_float(upper998))
    missing = np.isnan(v) | np.isnan(l95) | np.isnan(u95) | np.isnan(l998) | np.isnan(u998)
    conditions = [missing, v > u998, v > u95, v < l998, v < l95]
    choices = [None, "above_998", "above_95", "below_998", "below_95"]
    out = np.select(conditions, np.array(choices, dtype=object), default="within")
    return unwrap_labels(out.astype(object))
