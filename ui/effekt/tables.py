"""Effekt's tables for the screen: Danish column names, each figure as the headline and the chart show
it (ui.measures), hidden groups and counts said in words."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.effekt.headlines import row_name
from ui.headlines import count
from ui.measures import COUNT, EFFECT, PART, POINTS
from ui.view import View

PARTS = ("n_after", "n_ongoing", "n_dropout")  # add up to n_started: one may be hidden as another's complement


def methods(overview: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per method and in all: started, measured before/after, running, attrition (queries.effekt.overview).
    A count hidden on a shown row reads "færre end 5", or "ikke vist (n<5)" where it may be a complement."""
    hid = fmt.suppressed(view.min_n, view.lang)
    columns = ((view.tr("Startet", "Started"), "n_started"), (view.tr("Målt før", "Measured before"), "n_before"),
               (view.tr("Målt efter", "Measured after"), "n_after"), (view.tr("I gang", "Running"), "n_ongoing"),
               (view.tr("Frafald", "Attrition"), "n_dropout"))

    def cell(r, col):
        if r["suppressed"]:
            return fmt.suppressed(view.min_n, view.lang, r["suppressed_why"])
        if col in PARTS and pd.isna(r[col]):
            return hid
        return count(r[col], view)

    out = []
    for _, r in overview[overview["level"].isin(["metode", "alle"])].iterrows():
        out.append({view.tr("Metode", "Method"): r["name"] if r["level"] == "metode" else view.tr("Alle", "All"),
                    **{label: cell(r, col) for label, col in columns},
                    view.tr("Frafald i %", "Attrition %"): cell(r, "n_dropout") if pd.isna(r["n_dropout"])
                    else PART.text(r["dropout_share"], view.lang)})
    return pd.DataFrame(out)


def change(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention and in all: n, mean before, mean after, change (95% CI), Hedges' g (95% CI)
    (queries.effekt.change); a hidden row says why."""
    out = []
    for _, r in df.iterrows():
        shown = not r["suppressed"]
        out.append({
            view.tr("Indsats", "Intervention"): row_name(r, view),
            "n": COUNT.text(r["n"], view.lang) if shown else fmt.suppressed(view.min_n, view.lang, r["suppressed_why"]),
            view.tr("Før", "Before"): POINTS.text(r["mean_pre"], view.lang) if shown else "",
            view.tr("Efter", "After"): POINTS.text(r["mean_post"], view.lang) if shown else "",
            view.tr("Ændring (95 %-KI)", "Change (95% CI)"):
                _ci(*(POINTS.signed(r[c], view.lang) for c in ("change", "change_low", "change_high")), view)
                if shown else "",
            view.tr("Hedges' g, bedre > 0 (95 %-KI)", "Hedges' g, better > 0 (95% CI)"): _ci(
                *(EFFECT.signed(r[c], view.lang) for c in ("g", "g_low", "g_high")), view) if shown else ""})
    return pd.DataFrame(out)


def _ci(value: str, low: str, high: str, view: View) -> str:
    return view.tr("{v} ({a} til {b})", "{v} ({a} to {b})", v=value, a=low, b=high)
