"""Tables to take away (ui.export): the pieces every page's tables use — a figure as the screen rounds it
(empty where its group is hidden), a count, and whether a row is shown or why not — and a funnel's
institutions, which two pages draw."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ui import fmt
from ui.measures import Measure
from ui.view import View

def figure(df: pd.DataFrame, column: str, measure: Measure) -> np.ndarray:
    """A figure as the screen rounds it (a share in percent); empty where the row's group is hidden."""
    return np.where(df["suppressed"].astype(bool).to_numpy(), np.nan, measure.export(df[column]))


def count(df: pd.DataFrame, column: str) -> list:
    """A count as a whole number; empty where the row's group is hidden."""
    return [None if hidden or pd.isna(v) else int(v) for hidden, v in zip(df["suppressed"], df[column])]


def with_interval(df: pd.DataFrame, title: str, columns: tuple[str, str, str], measure: Measure, view: View) -> dict:
    """A figure and its 95 % interval as three columns, and whether the row is shown (`columns`: value, low, high)."""
    unit = " (%)" if measure.unit == "percent" else ""
    value, low, high = columns
    return {title + unit: figure(df, value, measure), view.tr("95 %-KI fra", "95% CI from") + unit: figure(df, low, measure),
            view.tr("95 %-KI til", "95% CI to") + unit: figure(df, high, measure), view.tr("Vist", "Shown"): why(df, view)}


def why(df: pd.DataFrame, view: View) -> list[str]:
    """'ja', or why the row's figures are not shown ('ikke vist (færre end 5)')."""
    return [fmt.suppressed(view.min_n, view.lang, w) if hidden else view.tr("ja", "yes")
            for hidden, w in zip(df["suppressed"], df["suppressed_why"])]


OUTLIER = {"above": ("over, mere end tilfældigt", "above, beyond chance"),
           "below": ("under, mere end tilfældigt", "below, beyond chance")}


def funnel(points: pd.DataFrame, value: str, measure: Measure, view: View) -> pd.DataFrame:
    """Per institution: n, its figure, the 95 % and 99,8 % limits at its n, and whether it differs from the
    centre beyond chance (false discovery rate over the institutions, as on the chart)."""
    unit = " (%)" if measure.unit == "percent" else ""
    return pd.DataFrame({
        view.tr("Institution", "Institution"): points["institution"],
        "n": count(points, "n"),
        view.tr("Værdi", "Value") + unit: figure(points, value, measure),
        view.tr("95 %-grænse fra", "95% limit from") + unit: figure(points, "lower95", measure),
        view.tr("95 %-grænse til", "95% limit to") + unit: figure(points, "upper95", measure),
        view.tr("99,8 %-grænse fra", "99.8% limit from") + unit: figure(points, "lower998", measure),
        view.tr("99,8 %-grænse til", "99.8% limit to") + unit: figure(points, "upper998", measure),
        view.tr("Afviger", "Differs"): ["" if h else view.tr(*OUTLIER.get(o, ("nej", "no")))
                                        for h, o in zip(points["suppressed"], points["outlier"])],
        view.tr("Vist", "Shown"): why(points, view),
    })
