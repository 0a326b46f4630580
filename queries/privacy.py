"""Statistical disclosure control: which cells of a result must not be shown.

Primary: a group of fewer than the threshold (`INDBLIK_MIN_N`, default 5, never below 3) children or
respondents, or a count inside a group between 1 and the threshold minus one, is not shown.
Complementary: where the rows of a partition add up to a total that is shown elsewhere (years in a
trend, institutions in a funnel, genders), a single hidden row could be worked out as the total
minus the others; then the smallest shown row of that partition is hidden as well.

Queries do not call this module directly: they declare their columns once in a
`queries.contract.Result`, whose `protect` applies these rules to every count and value.
"""
from __future__ import annotations

import numpy as np

from data.config import settings


def min_n() -> int:
    """The suppression threshold in force (a setting, never below 3)."""
    return settings().min_n


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
