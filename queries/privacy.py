"""Suppression of small groups, applied by every query before it returns.

Primary: a group of fewer than `min_n` respondents/children is not shown: its values and its n
become missing and `suppressed` is True (shown as "ikke vist (n<5)", never as 0 or blank).
Complementary: where the cells of a partition add up to a total that is shown elsewhere (years
in a trend, institutions in a funnel, genders), a single suppressed cell could be recovered as
total minus the others; then the smallest shown cell of that partition is suppressed as well.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.config import settings


def min_n() -> int:
    return settings().min_n


def suppressed_mask(n, groups=None, threshold: int | None = None) -> np.ndarray:
    """Which rows to hide, given their counts `n` (NumPy-level core of :func:`suppress`).

    Primary: n < threshold. Complementary: `groups` (integer codes, one per row; None when the
    rows are not parts of a shown total) — in a group with exactly one hidden row and at least one
    shown, the shown row with the smallest n (the first on ties) is hidden as well.
    """
    threshold = min_n() if threshold is None else threshold
    n = np.asarray(n, dtype="float64")
    hidden = n < threshold
    if groups is not None and len(n):
        groups = np.asarray(groups)
        for g in np.unique(groups[hidden]):
            idx = np.flatnonzero(groups == g)
            part = hidden[idx]
            if part.sum() == 1 and (~part).sum() >= 1:
                shown = idx[~part]
                hidden[shown[np.argmin(n[shown])]] = True
    return hidden


def suppress(df: pd.DataFrame, value_cols: list[str], *, n_col: str = "n",
             partition: list[str] | None = None, threshold: int | None = None) -> pd.DataFrame:
    """Return a copy with `suppressed` set and the values of suppressed rows made missing.

    `partition`: columns whose groups are parts of a shown total (complementary suppression);
    None when the rows are not parts of a shown total.
    """
    out = df.copy()
    groups = None
    if partition is not None:
        groups = (out.groupby(partition, sort=False, dropna=False).ngroup().to_numpy() if partition
                  else np.zeros(len(out), dtype=int))
    suppressed = suppressed_mask(out[n_col].to_numpy(dtype="float64", na_value=np.nan), groups, threshold)
    out["suppressed"] = suppressed
    for c in [c for c in value_cols if c in out.columns] + [n_col]:
        values = out[c].to_numpy(dtype="float64", na_value=np.nan, copy=True)
        values[suppressed] = np.nan
        out[c] = values
    return out
