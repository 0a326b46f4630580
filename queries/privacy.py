"""Statistical disclosure control: the cell-key method, then suppression of small groups.

**Cell-key perturbation** (Thompson, Broadfoot & Elazar 2013, the ABS TableBuilder method; Giessing
2016 for the maximum-entropy perturbation table). Every respondent, child and forløb carries a fixed
random record key, an integer in [0, 2³¹) (`record_key`). A cell's key is the sum of its records'
keys modulo 2³¹; the summary tables keep the sum (`key_sum`), so any aggregation's key is exact and
no page reads raw rows. From the cell key comes a deterministic noise:

- a count n becomes n + v, with v drawn from the perturbation table row of n by the cell key: mean 0,
  variance `VARIANCE`, at most `MAX_NOISE` either way, never below 0; an empty cell stays empty; and
  a count under the threshold stays under it (so a small group is always hidden);
- the sums of a group (Σx, Σx², Σxy) are those of n' "virtual records" with the group's own means
  and spread, every value shifted by δ = η/n', where η = `scale`·z and z is a second, independent
  draw from the cell key (a truncated standard normal). The mean moves by δ; the spread is kept.

The same cell always gets the same noise, however it is reached (repeating a query teaches nothing);
different cells get independent noise (subtracting two views gives the difference plus noise). Means,
shares, intervals, tests, funnel limits and Kaplan-Meier steps are computed from the perturbed
statistics only.

**Suppression** (on the perturbed counts): a group of fewer than the threshold (`INDBLIK_MIN_N`,
default 5, never below 3), or a count inside a group between 1 and the threshold minus one (a share's
numerator or its complement), is not shown. Where the rows of a partition add up to a total shown
elsewhere, a single hidden row is complemented by hiding the smallest other one.

Queries do not call this module directly: they declare their counts, sums and values once in a
`queries.contract.Result`, whose `perturb` and `protect` apply these rules. docs/privacy.md states
the parameters and what an attacker can and cannot learn.
"""
from __future__ import annotations

import functools

import numpy as np
from scipy import optimize
from scipy.stats import norm

from data.config import settings
from data.schema import RECORD_KEY_SPACE as KEY_SPACE

MAX_NOISE = 6            # D: a count moves by at most 6 either way
VARIANCE = 4.0           # V: the variance of a count's noise (SD 2; a difference of two views: SD 2.8)
TRUNCATE = 2.5           # the magnitude draw z is a standard normal cut at ±2.5 (|δ| ≤ 2.5·scale/n')


def min_n(domain: str = "") -> int:
    """The suppression threshold in force for a domain (settings; never below 3). The wellbeing
    survey ('trivsel') is at least as strict as the ministry's own rule: no figure from 5 or fewer."""
    from data.config import threshold
    return threshold(settings(), domain)


# --- the perturbation table ---------------------------------------------------------------------
def _max_entropy(lo: int, hi: int, variance: float) -> np.ndarray:
    """Probabilities on lo..hi with mean 0 and the given variance, of maximum entropy (p ∝ exp(av + bv²))."""
    v = np.arange(lo, hi + 1, dtype="float64")

    def moments(ab):
        w = np.exp(ab[0] * v + ab[1] * v * v - np.max(ab[0] * v + ab[1] * v * v))
        p = w / w.sum()
        return [p @ v, p @ (v * v) - variance]

    ab = optimize.root(moments, x0=[0.0, -1.0 / (2 * variance)], method="hybr").x
    w = np.exp(ab[0] * v + ab[1] * v * v - np.max(ab[0] * v + ab[1] * v * v))
    return w / w.sum()


@functools.cache
def ptable(threshold: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The perturbation table for this threshold: row i (i = 0 .. threshold + MAX_NOISE; the last row
    serves every larger count) is (the noise values lo_i .. hi_i, their cumulative probabilities)."""
    rows = []
    for i in range(threshold + MAX_NOISE + 1):
        if i == 0:
            lo = hi = 0
        elif i < threshold:   # a small group stays a small group: 0 <= i + v <= threshold - 1
            lo, hi = -i, threshold - 1 - i
        else:
            lo, hi = -min(i, MAX_NOISE), MAX_NOISE
        if lo * hi == 0:  # only 0 keeps the mean at 0 (an empty cell; a count of threshold − 1)
            values, cdf = np.array([0]), np.array([1.0])
        else:
            feasible = -lo * hi  # the largest variance with mean 0 on lo..hi (all mass at the two ends)
            p = _max_entropy(lo, hi, min(VARIANCE, 0.9 * feasible))
            values, cdf = np.arange(lo, hi + 1), np.cumsum(p)
            cdf[-1] = 1.0
        rows.append((values, cdf))
    return tuple(rows)


def _uniform(cell_key: np.ndarray, salt: int) -> np.ndarray:
    """A uniform draw in [0, 1) from a cell key, independent for each salt (SplitMix64 of key and salt)."""
    with np.errstate(over="ignore"):
        x = cell_key.astype("uint64") * np.uint64(0x9E3779B97F4A7C15) + np.uint64(salt) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype("float64") / float(2 ** 53)


def cell_keys(key_sums) -> np.ndarray:
    """Cell keys from the sums of record keys (NaN / None -> 0: an empty cell)."""
    k = np.asarray(key_sums, dtype=object)
    return np.array([int(s) % KEY_SPACE if s is not None and s == s else 0 for s in k], dtype="int64")


def count_noise(counts, cell_key: np.ndarray, threshold: int) -> np.ndarray:
    """The noise v of each count (an integer; 0 for an empty cell and for cell key 0)."""
    n = np.asarray(counts, dtype="float64")
    cell_key = np.asarray(cell_key)
    u = _uniform(cell_key, 0)
    table = ptable(threshold)
    out = np.zeros(len(n), dtype="int64")
    live = (n > 0) & (cell_key != 0)  # NaN compares False: no noise
    row = np.where(live, np.minimum(np.nan_to_num(n), len(table) - 1), 0).astype("int64")  # the table row of each count
    for i in np.unique(row[live]):  # the counts that share a table row draw together (a result has thousands of rows)
        at = live & (row == i)
        values, cdf = table[i]
        out[at] = values[np.minimum(np.searchsorted(cdf, u[at], side="right"), len(values) - 1)]
    return out


def magnitude_noise(cell_key: np.ndarray, salt: int) -> np.ndarray:
    """z: a standard normal draw cut at ±TRUNCATE, from the cell key (0 for cell key 0)."""
    u = _uniform(cell_key, 1 + salt)
    z = norm.ppf(norm.cdf(-TRUNCATE) + u * (norm.cdf(TRUNCATE) - norm.cdf(-TRUNCATE)))
    return np.where(cell_key == 0, 0.0, z)


def small(counts, threshold: int) -> np.ndarray:
    """Counts between 1 and threshold − 1: a small group of children that must not be shown."""
    counts = np.asarray(counts, dtype="float64")
    return (counts > 0) & (counts < threshold)


def complementary(hidden: np.ndarray, size: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """`hidden` extended so that no partition (rows with equal `groups`) has exactly one hidden row
    beside shown ones: the shown row with the smallest `size` (the first on ties) is hidden too."""
    hidden = hidden.copy()
    if not len(hidden):
        return hidden
    for g in np.unique(groups[hidden]):
        idx = np.flatnonzero(groups == g)
        part = hidden[idx]
        if part.sum() == 1 and (~part).sum() >= 1:
            shown = idx[~part]
            hidden[shown[np.argmin(size[shown])]] = True
    return hidden
