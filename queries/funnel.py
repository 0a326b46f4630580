"""Funnel plots for both pages: institutions compared with limits around the population's centre.

A mean funnel (Trivsel: each institution's mean score) and a proportion funnel (Overgange: each
school's share sent to special provision) differ only in how the centre and the limits are computed
(Spiegelhalter 2005, `stats.funnel`). Protection is the same for both and is the query's declared
`Result`: points under the threshold are hidden (with a complement, as the institutions add up to
the population), and the centre is itself an aggregate of the whole population, so it is shown only
where the same guard would show the population as one row.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np
import pandas as pd

from queries.columns import Cols, order, take
from queries.contract import Result
from queries.privacy import min_n
from stats.funnel import (Z95, Z998, false_discovery, funnel_limits, funnel_limits_binomial, funnel_position,
                          p_value_binomial, p_value_mean)
from stats.means import mean_sd_from_sums

LIMITS = ("lower95", "upper95", "lower998", "upper998")
#: Per shown institution: its p-value against the centre, the Benjamini-Hochberg adjusted p-value
#: over all shown institutions, and 'above' / 'below' where that is under 5 % (None: within noise).
TESTS = ("p_value", "q_value", "outlier")
#: The population's centre and spread (the SD of one child's value) on every row, for a reviewer.
REFERENCE = ("centre", "spread")
FDR = 0.05


class Funnel(NamedTuple):
    """points: one row per institution; curve: the limits over a grid of n (for drawing); centre:
    the population's mean or share (NaN when it is not shown)."""

    points: Cols | pd.DataFrame
    curve: pd.DataFrame
    centre: float


def _total(d: Cols, result: Result) -> Cols:
    """The population as one row (the institutions' counts, sums and key sums added up), perturbed like
    any other cell: the same population reached by another query gets the same figures."""
    keys = {c.key for c in result.counts}
    values = {c.name for c in result.counts} | {c for m in result.moments for c in (*m.first, *(s for s, _, _ in m.second))}
    total: Cols = {c: np.array([sum(int(v) for v in d[c])], dtype=object) for c in keys}
    total.update({c: np.array([np.asarray(d[c], dtype="float64").sum()]) for c in values})
    return result.perturb(total)


def means(d: Cols, result: Result, scale: tuple[float, float] = (-np.inf, np.inf)) -> Funnel:
    """Funnel of means from per-institution n, _sum_x, _sum_x2 (and record-key sums): limits at each
    n with the population's respondent-level SD. Perturbs `d` and sets mean, the limits and position.
    Means and limits stay on the values' `scale` (lowest, highest)."""
    total = _total(d, result)
    centre, sd = (float(v) for v in mean_sd_from_sums(total["n"][0], total["_sum_x"][0], total["_sum_x2"][0]))
    d = result.perturb(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        d["mean"] = np.clip(d["_sum_x"] / d["n"], *scale)

    def limits(c, n, z):
        return tuple(np.clip(v, *scale) for v in funnel_limits(c, sd, n, z))
    return _funnel(d, result, "mean", total, centre, limits, sd,
                   lambda c, rows: p_value_mean(rows["mean"], c, sd, rows["n"]))


def proportions(d: Cols, result: Result) -> Funnel:
    """Funnel of proportions from per-institution n and count (and record-key sums): exact binomial
    limits at each n around the overall share (right for small n and shares near 0). Perturbs `d`
    and sets rate, the limits and position."""
    total = _total(d, result)
    centre = float(total["count"][0] / total["n"][0]) if total["n"][0] > 0 else float("nan")
    d = result.perturb(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        d["rate"] = d["count"] / d["n"]
    return _funnel(d, result, "rate", total, centre, funnel_limits_binomial, float(np.sqrt(centre * (1 - centre))),
                   lambda c, rows: p_value_binomial(rows["count"], rows["n"], c))


def _funnel(d: Cols, result: Result, value: str, total: Cols, centre: float,
            limits_at: Callable, spread: float, p_values: Callable) -> Funnel:
    guard = result.guards[0]
    if not len(d["n"]):
        return Funnel(result.empty(), pd.DataFrame(columns=["n", *LIMITS]), float("nan"))
    population = {c: total[c] for c in (guard.n, *guard.counts)}
    if guard.hidden(population, min_n(result.domain)).any():
        centre = spread = float("nan")  # the population itself is a small group: no centre line either

    def limits(n):
        lo95, hi95 = limits_at(centre, n, Z95)
        lo998, hi998 = limits_at(centre, n, Z998)
        return lo95, hi95, lo998, hi998

    for col, values in zip(LIMITS, limits(d["n"].astype("float64"))):
        d[col] = np.asarray(values, dtype="float64")
    d["position"] = np.array(funnel_position(d[value], *(d[c] for c in LIMITS)), dtype=object)
    rows = len(d["n"])
    d["p_value"], d["q_value"] = np.full(rows, np.nan), np.full(rows, np.nan)
    d["outlier"] = np.full(rows, None, dtype=object)
    d = result.protect(d)
    shown = ~np.asarray(d["suppressed"], dtype=bool)
    if shown.any() and centre == centre:  # many institutions at once: control the false discovery rate
        p = np.asarray(p_values(centre, {k: np.asarray(d[k], dtype="float64")[shown] for k in ("n", value, *guard.counts)}),
                       dtype="float64")
        q, beyond = false_discovery(p, FDR)
        side = np.where(np.asarray(d[value], dtype="float64")[shown] > centre, "above", "below")
        d["p_value"][shown], d["q_value"][shown] = p, q
        d["outlier"][shown] = np.where(beyond, side, None)
    d["centre"], d["spread"] = np.full(rows, centre), np.full(rows, spread)
    shown_n = d["n"][~d["suppressed"]]
    lo = 0.8 * float(shown_n.min()) if len(shown_n) else 2.0
    hi = 1.05 * float(shown_n.max()) if len(shown_n) else 10.0
    grid = np.unique(np.linspace(max(2.0, lo), max(10.0, hi), 120))
    curve = pd.DataFrame(dict(zip(["n", *LIMITS], (grid, *limits(grid)))))
    return Funnel(take(d, order(d["institution"])), curve, centre)
