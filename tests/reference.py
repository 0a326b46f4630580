"""Textbook forms, one record at a time, that the tests check the app's statistics against.

The app computes from sums and counts (what SQL gives it: stats/); these compute from individual
children, as the sources state them, so a test can compare the two paths on the same data. They
are themselves checked against the published worked examples in tests/stats/.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.stats import norm

RCI_CRITICAL = 1.96  # Jacobson & Truax 1991, p. 14


def kaplan_meier(durations, events, level: float = 0.95) -> pd.DataFrame:
    """Kaplan-Meier (1958) from individual durations and event flags, with Greenwood's variance and
    the log(-log) interval (Kalbfleisch & Prentice 1980), written as the textbook loop. One row per
    distinct observed time after a row at 0; columns time, at_risk, events, censored, survival,
    lower, upper. NaN records are dropped; bad input raises ValueError."""
    t = np.asarray(durations, dtype=float).ravel()
    e = np.asarray(events, dtype=float).ravel()
    if t.shape != e.shape:
        raise ValueError("durations and events must have the same length")
    keep = ~np.isnan(t) & ~np.isnan(e)
    records = sorted(zip(t[keep], e[keep] != 0))
    if any(d < 0 for d, _ in records):
        raise ValueError("durations must be non-negative")
    z = norm.ppf(0.5 + level / 2)
    rows = [dict(time=0.0, at_risk=len(records), events=0, censored=0, survival=1.0, lower=1.0, upper=1.0)]
    if not records:
        return pd.DataFrame(rows[:0], columns=list(rows[0]))
    s, greenwood, at_risk = 1.0, 0.0, len(records)
    for time in sorted({d for d, _ in records}):
        here = [ev for d, ev in records if d == time]
        d, c = sum(here), len(here) - sum(here)
        if time == 0 and d == 0:  # censorings at time 0 belong to the start row
            rows[0]["censored"] += c
            at_risk -= c
            continue
        s *= 1 - d / at_risk
        if d and at_risk > d:
            greenwood += d / (at_risk * (at_risk - d))
        if s in (0.0, 1.0):
            lo = hi = s if s == 1.0 else float("nan")
        else:
            se = math.sqrt(greenwood) / abs(math.log(s))
            lo, hi = s ** math.exp(z * se), s ** math.exp(-z * se)
        rows.append(dict(time=float(time), at_risk=at_risk, events=d, censored=c, survival=s, lower=lo, upper=hi))
        at_risk -= len(here)
    return pd.DataFrame(rows)


def gas_t_score(scores, weights=None, rho: float = 0.3):
    """Kiresuk & Sherman (1968): T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²) for one child's goals (1-D),
    or for each row of a 2-D array (pad missing goals with NaN). Unrated goals (NaN) are left out with
    their weights. NaN when no goal is rated or the weights sum to 0."""
    x = np.asarray(scores, dtype=float)
    if x.ndim == 2:
        return np.array([gas_t_score(row, weights, rho) for row in x])
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    num = den_w2 = den_w = 0.0
    for xi, wi in zip(x.ravel(), w.ravel()):
        if xi == xi:
            num, den_w2, den_w = num + wi * xi, den_w2 + wi * wi, den_w + wi
    denom = (1 - rho) * den_w2 + rho * den_w ** 2
    return 50 + 10 * num / math.sqrt(denom) if denom > 0 else float("nan")


def reliable_change_index(pre, post, sd_ref, reliability):
    """Jacobson & Truax (1991): RCI = (post − pre) / (√2 · sd_ref · √(1 − r)); NaN where sd_ref ≤ 0,
    r outside [0, 1) or a score is missing (element-wise)."""
    pre, post, sd, rel = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (pre, post, sd_ref, reliability)))
    out = np.array([(b - a) / (math.sqrt(2) * s * math.sqrt(1 - r)) if s > 0 and 0 <= r < 1 else float("nan")
                    for a, b, s, r in zip(pre.ravel(), post.ravel(), sd.ravel(), rel.ravel())])
    return float(out[0]) if pre.ndim == 0 else out.reshape(pre.shape)


def classify_reliable_change(rci, higher_is_better):
    """'improved' / 'unchanged' / 'worsened' by |RCI| > 1.96 and the instrument's direction; None for NaN."""
    rci, hib = np.broadcast_arrays(np.asarray(rci, dtype=float), np.asarray(higher_is_better, dtype=bool))

    def one(r, h):
        if r != r:
            return None
        if abs(r) <= RCI_CRITICAL:
            return "unchanged"
        return "improved" if (r > 0) == h else "worsened"
    out = [one(r, h) for r, h in zip(rci.ravel(), hib.ravel())]
    return out[0] if rci.ndim == 0 else np.array(out, dtype=object)


def crossed_cutoff(pre, post, cutoff, higher_is_better):
    """From the clinical to the good side of the cut-off (Jacobson & Truax's criterion c); False for NaN."""
    pre, post, c, hib = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (pre, post, cutoff)),
                                            np.asarray(higher_is_better, dtype=bool))
    out = np.array([(a < k <= b) if h else (b < k <= a) for a, b, k, h in
                    zip(pre.ravel(), post.ravel(), c.ravel(), hib.ravel())], dtype=bool)
    return bool(out[0]) if pre.ndim == 0 else out
