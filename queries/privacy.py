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


def suppress(df: pd.DataFrame, value_cols: list[str], *, n_col: str = "n",
             partition: list[str] | None = None, threshold: int | None = None) -> pd.DataFrame:
    """Return a copy with `suppressed` set and the values of suppressed rows made missing.

    `partition`: columns whose groups are parts of a shown total (complementary suppression);
    None when the rows are not parts of a shown total.
    """
    threshold = min_n() if threshold is None else threshold
    out = df.copy()
    n = out[n_col].astype("float64")
    suppressed = (n < threshold).to_numpy().copy()
    if partition is not None and len(out):
        groups = out.groupby(partition, sort=False, dropna=False).indices if partition else {"all": np.arange(len(out))}
        for idx in groups.values():
            part = suppressed[idx]
            if part.sum() == 1 and (~part).sum() >= 1:
                shown = idx[~part]
                suppressed[shown[np.argmin(n.to_numpy()[shown])]] = True
    out["suppressed"] = suppressed
    cols = [c for c in value_cols if c in out.columns] + [n_col]
    for c in cols:
        out[c] = out[c].astype("float64")
    out.loc[suppressed, cols] = np.nan
    return out
