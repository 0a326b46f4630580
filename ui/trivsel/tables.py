"""Trivsel's tables for the screen and for download: Danish column names, each figure as the
screen shows it (ui.measures), the school year as "2023/24"."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.measures import MEAN
from ui.trivsel.charts import one
from ui.view import View


def trend(trend_rows: pd.DataFrame, code: str, name: str, view: View) -> pd.DataFrame:
    """One indicator per school year: n, mean, its 95% interval, Landstal, change beyond noise."""
    df = one(trend_rows, code)
    yes, no = view.tr("ja", "yes"), view.tr("nej", "no")
    return pd.DataFrame({
        view.tr("Indikator", "Indicator"): name,
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in df["school_year"]],
        "n": df["n"].to_numpy(),
        view.tr("Gennemsnit", "Mean"): MEAN.export(df["mean"]),
        view.tr("95 %-KI fra", "95% CI from"): MEAN.export(df["ci_low"]),
        view.tr("95 %-KI til", "95% CI to"): MEAN.export(df["ci_high"]),
        view.tr("Landstal", "National"): MEAN.export(df["landstal"]),
        view.tr("Ændring ud over usikkerheden", "Change beyond uncertainty"):
            [yes if b else no for b in df["beyond_noise"]],
        view.tr("Vist", "Shown"): [no if s else yes for s in df["suppressed"]],
    })
