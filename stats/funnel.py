"""Funnel-plot control limits for comparing institutions (schools, dagtilbud, ...).

Instead of ranking units, each unit's value is compared with limits around a target that
narrow as the unit's n grows: 95% limits ("warning") and 99.8% limits ("alarm").
Source: Spiegelhalter DJ (2005), "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185–1202.

All functions are vectorised: scalars or NumPy arrays in, the same shape out.
"""

from __future__ import annotations

import numpy as np

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
