"""Sentence pieces every domain's headlines share. Headlines read the query frames and never
compute statistics themselves (beyond picking the largest or smallest shown value)."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.measures import Measure
from ui.view import View


def count(x, view: View) -> str:
    """A count of children, or "færre end 5" where the query hid it as a small group. Only for a count
    hidden for its own sake (not one hidden as the complement of another, which may be larger)."""
    return view.tr("færre end {k}", "fewer than {k}", k=view.min_n) if pd.isna(x) else fmt.integer(x, view.lang)


def funnel_outliers(points: pd.DataFrame, value: str, measure: Measure, view: View, *, limit: float = 95) -> str:
    """'Over 95 %-grænsen: A (4,31; n=88), B (…). Under 95 %-grænsen: C (…).' — names the institutions
    outside the `limit` (95 or 99.8) funnel limits, furthest out first, so they can be read without
    hovering and never crowd the plot. The headline above the funnel counts by the same limit.
    Nothing ('') when no institution is shown: there is then nothing to lie inside the limits."""
    shown = points[~points["suppressed"]]
    if shown.empty:
        return ""
    lim = fmt.num(limit, 1 if limit % 1 else 0, view.lang)
    outside = ("_998",) if limit == 99.8 else ("_95", "_998")
    parts = []
    for side, da, en in (("above", "Over", "Above"), ("below", "Under", "Below")):
        rows = shown[shown["position"].isin([side + o for o in outside])]
        rows = rows.sort_values(value, ascending=side == "below", kind="stable")  # furthest from the centre first
        if len(rows):
            names = ", ".join(f"{r.institution} ({measure.text(getattr(r, value), view.lang)}; n={fmt.integer(r.n, view.lang)})"
                              for r in rows.itertuples())
            parts.append(f"**{view.tr(f'{da} {lim} %-grænsen', f'{en} the {lim}% limit')}:** {names}.")
    return " ".join(parts) if parts else view.tr(f"Ingen institution ligger uden for {lim} %-grænserne.",
                                                 f"No institution lies outside the {lim}% limits.")


def outside(points: pd.DataFrame) -> tuple[int, int, int]:
    """(above, below, shown): institutions above and below the 95 % limits, and all shown."""
    shown = points[~points["suppressed"]]
    above = int(shown["position"].isin(["above_95", "above_998"]).sum())
    below = int(shown["position"].isin(["below_95", "below_998"]).sum())
    return above, below, len(shown)


def hidden_names(df: pd.DataFrame, column: str, view: View) -> list[str]:
    """The hidden rows, each with why ('Beta Skole (færre end 5)'), for the caption under a chart."""
    rows = df[df["suppressed"].astype(bool)]
    reasons = rows["suppressed_why"] if "suppressed_why" in rows else [None] * len(rows)
    return [f"{name} ({fmt.reason(view.min_n, view.lang, why)})" if isinstance(why, str) else str(name)
            for name, why in zip(rows[column], reasons)]
