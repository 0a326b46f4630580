"""Trivsel's tables for the screen and for download: Danish column names, each figure as the
screen shows it (ui.measures), the school year as "2023/24"."""
from __future__ import annotations

import pandas as pd

from queries.filters import GENDER_LABELS
from ui import fmt
from ui.measures import MEAN, PART
from ui.tables import count, figure, why
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


BAND_NAMES = ("1,0-2,0", "2,1-3,0", "3,1-4,0", "4,1-5,0")


def bands(df: pd.DataFrame, code: str, name: str, view: View) -> pd.DataFrame:
    """One indicator per school year: respondents and the share in each published band (%)."""
    rows = df[df["indicator_code"] == code].sort_values("school_year")
    out = {view.tr("Indikator", "Indicator"): name,
           view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in rows["school_year"]], "n": count(rows, "n")}
    for band, label in zip(("band1", "band2", "band3", "band4"), BAND_NAMES):
        out[view.tr("Andel {b} (%)", "Share {b} (%)", b=label)] = figure(rows, band, PART)
    out[view.tr("Vist", "Shown")] = why(rows, view)
    return pd.DataFrame(out)


def heatmap(grid: pd.DataFrame, names: dict[str, str], view: View) -> pd.DataFrame:
    """Per grade and indicator: respondents, the mean and its 95% interval."""
    return pd.DataFrame({
        view.tr("Klassetrin", "Grade"): [fmt.grade(int(k), view.lang) for k in grid["klassetrin"]],
        view.tr("Indikator", "Indicator"): [names.get(c, c) for c in grid["indicator_code"]],
        "n": count(grid, "n"),
        view.tr("Gennemsnit", "Mean"): figure(grid, "mean", MEAN),
        view.tr("95 %-KI fra", "95% CI from"): figure(grid, "ci_low", MEAN),
        view.tr("95 %-KI til", "95% CI to"): figure(grid, "ci_high", MEAN),
        view.tr("Vist", "Shown"): why(grid, view),
    })


def gender(df: pd.DataFrame, names: dict[str, str], view: View) -> pd.DataFrame:
    """Per indicator and gender: respondents, the mean and its interval; girls minus boys with its interval and
    whether it is beyond the uncertainty with every indicator judged at once."""
    yes, no = view.tr("ja", "yes"), view.tr("nej", "no")
    return pd.DataFrame({
        view.tr("Indikator", "Indicator"): [names.get(c, c) for c in df["indicator_code"]],
        view.tr("Køn", "Gender"): [view.tr(*GENDER_LABELS.get(g, (g, g))) for g in df["gender"]],
        "n": count(df, "n"),
        view.tr("Gennemsnit", "Mean"): figure(df, "mean", MEAN),
        view.tr("95 %-KI fra", "95% CI from"): figure(df, "ci_low", MEAN),
        view.tr("95 %-KI til", "95% CI to"): figure(df, "ci_high", MEAN),
        view.tr("Piger minus drenge", "Girls minus boys"): MEAN.export(df["diff"]),
        view.tr("Forskel ud over usikkerheden", "Difference beyond uncertainty"):
            ["" if d != d else yes if b else no for d, b in zip(df["diff"], df["beyond_noise"])],
        view.tr("Vist", "Shown"): why(df, view),
    })
