"""Goal Attainment Scaling (GAS): the Kiresuk–Sherman T-score.

Each goal is scored −2 (much less than expected) … 0 (expected) … +2 (much more than
expected). Source: Kiresuk TJ & Sherman RE (1968), "Goal attainment scaling: a general
method for evaluating comprehensive community mental health programs", Community Mental
Health Journal 4:443–453; rho = 0.3 is their assumed inter-goal correlation.
"""

from __future__ import annotations

import numpy as np

#: Kiresuk & Sherman's default correlation between goal scores.
DEFAULT_RHO = 0.3


def gas_t_score(scores, weights=None, rho=DEFAULT_RHO):
    """Kiresuk–Sherman GAS T-score.

    T = 50 + 10 · Σ wᵢxᵢ / √((1 − ρ)·Σ wᵢ² + ρ·(Σ wᵢ)²)

    with xᵢ the attainment score of goal i (−2…+2), wᵢ its weight (default 1) and ρ the
    assumed correlation between goals. T = 50 when goals are met as expected on average,
    and T has SD 10 if the xᵢ are standard-normal with correlation ρ.

    ``scores`` is a 1-D sequence (one person → a float) or a 2-D array (one row per person
    → an array, pad missing goals with NaN). Goals whose score is NaN are left out together
    with their weight (an unrated goal is not a 0). NaN for empty input or when no goal has
    a score or positive total weight.
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim == 0:
        x = x.reshape(1)
    if weights is None:
        w = np.ones_like(x)
    else:
        w = np.broadcast_to(np.asarray(weights, dtype=float), x.shape)
    if x.size == 0:
        return np.float64(np.nan) if x.ndim <= 1 else np.full(x.shape[:-1], np.nan)
    rated = ~np.isnan(x)
    w = np.where(rated, w, 0.0)
    x = np.where(rated, x, 0.0)
    sum_wx = np.sum(w * x, axis=-1)
    denom2 = (1.0 - rho) * np.sum(w * w, axis=-1) + rho * np.sum(w, axis=-1) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(denom2 > 0, 50.0 + 10.0 * sum_wx / np.sqrt(denom2), np.nan)
    return t[()] if t.ndim == 0 else t
