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


def of_shown(n: int, view: View, da: tuple[str, str], en: tuple[str, str]) -> str:
    """'de 12 viste indsatser' — or 'den viste indsats' for one (never '0 af 1'): da/en are the
    (singular, plural) nouns."""
    if n == 1:
        return view.tr("den viste {s}", "the {s} shown", s=view.tr(da[0], en[0]))
    return view.tr("de {n} viste {p}", "the {n} {p} shown", n=n, p=view.tr(da[1], en[1]))


def funnel_outliers(points: pd.DataFrame, value: str, measure: Measure, view: View) -> str:
    """'Højere end tilfældigt: A (4,31; n=88), B (…). Lavere end tilfældigt: C (…).' — names the
    institutions that differ from the centre beyond noise after the false discovery rate is controlled
    (the query's `outlier` column, Benjamini-Hochberg), furthest out first, so they can be read without
    hovering and never crowd the plot. The headline above the funnel counts by the same rule.
    Nothing ('') when no institution is shown: there is then nothing to compare."""
    shown = points[~points["suppressed"]]
    if shown.empty:
        return ""
    parts = []
    for side, da, en in (("above", "Højere end tilfældigt", "Higher than chance"),
                         ("below", "Lavere end tilfældigt", "Lower than chance")):
        rows = shown[shown["outlier"] == side]
        rows = rows.sort_values(value, ascending=side == "below", kind="stable")  # furthest from the centre first
        if len(rows):
            names = ", ".join(f"{r.institution} ({measure.text(getattr(r, value), view.lang)}; n={fmt.integer(r.n, view.lang)})"
                              for r in rows.itertuples())
            parts.append(f"**{view.tr(da, en)}:** {names}.")
    return " ".join(parts) if parts else view.tr("Ingen institution afviger mere, end tilfældigheder kan forklare.",
                                                 "No institution differs more than chance can explain.")


def outside(points: pd.DataFrame) -> tuple[int, int, int]:
    """(above, below, shown): institutions above and below the centre beyond noise (the query's
    `outlier`: Benjamini-Hochberg over the shown institutions), and all shown."""
    shown = points[~points["suppressed"]]
    return int((shown["outlier"] == "above").sum()), int((shown["outlier"] == "below").sum()), len(shown)


def one_against_centre(f, value: str, measure, view: View, centre: tuple[str, str] = ("gennemsnittet", "the mean")) -> str | None:
    """When a funnel shows one institution against a wider population's centre (a leder sees the own
    school against the municipality): where it lies, judged as the query judged it. None when the one
    shown institution is the whole population (its value is the centre: nothing to compare)."""
    shown = f.points[~f.points["suppressed"]]
    if len(shown) != 1 or abs(float(shown[value].iloc[0]) - f.centre) < 1e-12:
        return None
    one, c = shown.iloc[0], f"{view.tr(*centre)} {measure.text(f.centre, view.lang)}"
    where = {"above": view.tr("højere end {c}, end tilfældigheder kan forklare", "higher than {c} than chance can explain", c=c),
             "below": view.tr("lavere end {c}, end tilfældigheder kan forklare", "lower than {c} than chance can explain", c=c)}.get(
        one["outlier"], view.tr("og kan ikke skelnes fra {c}", "and cannot be told apart from {c}", c=c))
    return view.tr("{name} ligger på {v} {w}.", "{name} is at {v} {w}.", name=one["institution"],
                   v=measure.text(one[value], view.lang), w=where)


def hidden_names(df: pd.DataFrame, column: str, view: View) -> list[str]:
    """The hidden rows, each with why ('Beta Skole (færre end 5)'), for the caption under a chart."""
    rows = df[df["suppressed"].astype(bool)]
    reasons = rows["suppressed_why"] if "suppressed_why" in rows else [None] * len(rows)
    return [f"{name} ({fmt.reason(view.min_n, view.lang, why)})" if isinstance(why, str) else str(name)
            for name, why in zip(rows[column], reasons)]
