"""Tables to take away that more than one page draws: a funnel's institutions (ui.export)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ui import fmt
from ui.measures import Measure
from ui.view import View

OUTLIER = {"above": ("over, mere end tilfældigt", "above, beyond chance"),
           "below": ("under, mere end tilfældigt", "below, beyond chance")}


def funnel(points: pd.DataFrame, value: str, measure: Measure, view: View) -> pd.DataFrame:
    """Per institution: n, its figure, the 95 % and 99,8 % limits at its n, and whether it differs from the
    centre beyond chance (false discovery rate over the institutions, as on the chart)."""
    hidden = points["suppressed"].astype(bool).to_numpy()

    def shown(column: str):
        return np.where(hidden, np.nan, measure.export(points[column]))
    unit = " (%)" if measure.unit == "percent" else ""
    return pd.DataFrame({
        view.tr("Institution", "Institution"): points["institution"],
        "n": [None if h or pd.isna(n) else int(n) for h, n in zip(hidden, points["n"])],
        view.tr("Værdi", "Value") + unit: shown(value),
        view.tr("95 %-grænse fra", "95% limit from") + unit: shown("lower95"),
        view.tr("95 %-grænse til", "95% limit to") + unit: shown("upper95"),
        view.tr("99,8 %-grænse fra", "99.8% limit from") + unit: shown("lower998"),
        view.tr("99,8 %-grænse til", "99.8% limit to") + unit: shown("upper998"),
        view.tr("Afviger", "Differs"): ["" if h else view.tr(*OUTLIER.get(o, ("nej", "no")))
                                        for h, o in zip(hidden, points["outlier"])],
        view.tr("Vist", "Shown"): [fmt.suppressed(view.min_n, view.lang, w) if h else view.tr("ja", "yes")
                                   for h, w in zip(hidden, points["suppressed_why"])],
    })
