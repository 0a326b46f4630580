"""Goal Attainment Scaling (GAS): the Kiresuk–Sherman T-score.

Each goal is scored at the end on five levels: +2 much more than expected, +1 somewhat more than
expected, 0 the expected level, −1 somewhat less than expected — in common practice the baseline,
where the person stands when the goal is set — and −2 much less than expected (Turner-Stokes L
(2009), "Goal attainment scaling (GAS) in rehabilitation: a practical guide", Clinical
Rehabilitation 23:362–370). A score is not a before/after measurement, and −1 is not "partly
achieved": it usually means no change from the baseline. T = 50 is the expected level on average.
Source of the T-score: Kiresuk TJ & Sherman RE (1968), "Goal attainment scaling: a general
method for evaluating comprehensive community mental health programs", Community Mental
Health Journal 4:443–453; rho = 0.3 is their assumed inter-goal correlation.
"""

from __future__ import annotations

import numpy as np

#: Kiresuk & Sherman's default correlation between goal scores.
DEFAULT_RHO = 0.3


def gas_t_sums(n, sum_s, sum_s2, sum_w2, sum_w, rho=DEFAULT_RHO):
    """Σ T and Σ T² over the children of a group whose goals share Σw² and Σw (vectorised).

    For one child, S = Σwᵢxᵢ over the rated goals and D = √((1 − ρ)Σwᵢ² + ρ(Σwᵢ)²), so
    T = 50 + 10·S/D (Kiresuk & Sherman 1968). Children with the same Σw² and Σw (the same number of
    goals with the same weights) share D; given their count n, ΣS and ΣS²:

    ΣT  = 50·n + 10·ΣS/D
    ΣT² = 2500·n + 1000·ΣS/D + 100·ΣS²/D²

    which lets a database aggregate GAS T-scores without a square root. Sum the results over the
    groups of an intervention and finish with :func:`stats.means.mean_ci`. Rows with D = 0 give NaN.
    Returns ``(sum_t, sum_t2)``.
    """
    n, s, s2, w2, w = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (n, sum_s, sum_s2, sum_w2, sum_w)))
    d2 = (1.0 - rho) * w2 + rho * w * w
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(d2 > 0, np.sqrt(d2), np.nan)
        sum_t = 50.0 * n + 10.0 * s / d
        sum_t2 = 2500.0 * n + 1000.0 * s / d + 100.0 * s2 / (d * d)
    return (sum_t[()] if sum_t.ndim == 0 else sum_t), (sum_t2[()] if sum_t2.ndim == 0 else sum_t2)
