"""Kaplan–Meier survival curves (e.g. time in special provision until return, "afgang").

Estimator (Kaplan & Meier 1958, JASA 53:457), at each distinct time tⱼ with nⱼ at risk
just before tⱼ and dⱼ events at tⱼ:

    S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)

Greenwood's variance (Greenwood 1926):  Var[log S(t)] = Σ_{tⱼ ≤ t} dⱼ / (nⱼ(nⱼ − dⱼ)).

Pointwise CI on the log(−log) scale (Kalbfleisch & Prentice 1980, *The Statistical Analysis
of Failure Time Data*, §1.3; R ``survfit(conf.type = "log-log")``):

    se₂ = √Var[log S] / |log S|,   lower = S^exp(+z·se₂),   upper = S^exp(−z·se₂)

which always stays inside [0, 1]. Where S = 1 (no events yet) the interval is [1, 1]; where
S = 0 the log(−log) transform is undefined and the bounds are NaN (R gives NA there too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stats._arrays import z_for

COLUMNS = ["time", "at_risk", "events", "censored", "survival", "lower", "upper"]


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "time": pd.Series([], dtype=float), "at_risk": pd.Series([], dtype="int64"),
        "events": pd.Series([], dtype="int64"), "censored": pd.Series([], dtype="int64"),
        "survival": pd.Series([], dtype=float), "lower": pd.Series([], dtype=float),
        "upper": pd.Series([], dtype=float)})


def _curve(times, at_risk, events, censored, level) -> pd.DataFrame:
    """Shared core: counts per distinct time (sorted) -> curve frame with a time-0 row."""
    z = z_for(level)
    n = at_risk.astype(float)
    d = events.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(n > 0, 1.0 - d / n, np.nan)
        surv = np.cumprod(factor)
        greenwood = np.cumsum(np.where(d > 0, d / (n * (n - d)), 0.0))
        log_s = np.log(surv)
        se2 = np.sqrt(greenwood) / np.abs(log_s)
        lower = surv ** np.exp(z * se2)
        upper = surv ** np.exp(-z * se2)
    lower = np.where(surv == 1.0, 1.0, np.where(surv == 0.0, np.nan, lower))
    upper = np.where(surv == 1.0, 1.0, np.where(surv == 0.0, np.nan, upper))
    start_at_risk = int(at_risk[0]) if len(at_risk) else 0
    start_censored = 0
    if len(times) and times[0] == 0 and events[0] == 0:
        # Only censorings at time 0: fold them into the start row.
        start_censored = int(censored[0])
        times, at_risk, events, censored = times[1:], at_risk[1:], events[1:], censored[1:]
        surv, lower, upper = surv[1:], lower[1:], upper[1:]
    return pd.DataFrame({  # one frame from whole columns: this runs once per curve on every page view
        "time": np.r_[0.0, times.astype(float)], "at_risk": np.r_[start_at_risk, at_risk].astype("int64"),
        "events": np.r_[0, events].astype("int64"), "censored": np.r_[start_censored, censored].astype("int64"),
        "survival": np.r_[1.0, surv], "lower": np.r_[1.0, lower], "upper": np.r_[1.0, upper]})


def kaplan_meier_from_counts(times, at_risk, events, level=0.95) -> pd.DataFrame:
    """Kaplan–Meier curve from life-table counts (e.g. a SQL ``GROUP BY time``).

    ``times``: distinct times; ``at_risk``: number at risk just before each time;
    ``events``: events at each time. Rows are sorted by time. ``censored`` is derived as
    at_riskⱼ − eventsⱼ − at_riskⱼ₊₁ (and at_risk − events for the last row); it can be
    negative if subjects enter late (left truncation), which the estimator allows.
    Returns one row per time, preceded by a row at time 0 with survival 1; columns ``time,
    at_risk, events, censored, survival, lower, upper`` (bounds as in the module docstring).
    Empty input gives an empty frame with those columns.
    """
    t = np.asarray(times, dtype=float).ravel()
    n = np.asarray(at_risk, dtype=float).ravel()
    d = np.asarray(events, dtype=float).ravel()
    if not (t.shape == n.shape == d.shape):
        raise ValueError("times, at_risk and events must have the same length")
    if t.size == 0:
        return _empty_frame()
    if np.any(d > n) or np.any(d < 0):
        raise ValueError("events must lie between 0 and at_risk")
    order = np.argsort(t, kind="stable")
    t, n, d = t[order], n[order].astype(np.int64), d[order].astype(np.int64)
    censored = n - d - np.concatenate([n[1:], [0]])
    return _curve(t, n, d, censored, level)


def median_survival(km_frame: pd.DataFrame) -> float:
    """Median survival time: the first time where S(t) ≤ 0.5; NaN if the curve never gets there.

    (Kalbfleisch & Prentice 1980; R ``print.survfit`` uses the same rule except that it
    averages two times when S is exactly 0.5 over an interval.)
    """
    if km_frame is None or len(km_frame) == 0:
        return float("nan")
    hit = km_frame.loc[km_frame["survival"] <= 0.5, "time"]
    return float(hit.iloc[0]) if len(hit) else float("nan")
