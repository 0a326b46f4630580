"""Overgange's figures to take away (ui.export): Danish column names, each figure as the screen rounds it
(ui.measures), the school year as "2023/24", a hidden group said in words instead of a number."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ui import fmt
from ui.measures import SHARE
from ui.view import View


def _shown(df: pd.DataFrame, column: str, view: View) -> np.ndarray:
    """A share as the screen rounds it (in percent); empty where the group is hidden (`_why` says why)."""
    return np.where(df["suppressed"].astype(bool), np.nan, SHARE.export(df[column]))


def _why(df: pd.DataFrame, view: View) -> list[str]:
    return [fmt.suppressed(view.min_n, view.lang, why) if hidden else view.tr("ja", "yes")
            for hidden, why in zip(df["suppressed"], df["suppressed_why"])]


def _count(df: pd.DataFrame, column: str) -> list:
    return [None if hidden or pd.isna(v) else int(v) for hidden, v in zip(df["suppressed"], df[column])]


def inklusion(trend: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per school year: pupils, in special provision, inklusionsgrad with its 95% interval, Landstal."""
    return pd.DataFrame({
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in trend["school_year"]],
        view.tr("Elever", "Pupils"): _count(trend, "n"),
        view.tr("I specialtilbud", "In special provision"): _count(trend, "segregated"),
        view.tr("Inklusionsgrad (%)", "Inclusion rate (%)"): _shown(trend, "inklusionsgrad", view),
        view.tr("95 %-KI fra (%)", "95% CI from (%)"): _shown(trend, "ci_low", view),
        view.tr("95 %-KI til (%)", "95% CI to (%)"): _shown(trend, "ci_high", view),
        view.tr("Landstal (%)", "National (%)"): SHARE.export(trend["landstal"]),
        view.tr("Vist", "Shown"): _why(trend, view),
    })


def split(parts: pd.DataFrame, names: list[str], dim_name: str, view: View) -> pd.DataFrame:
    """One school year split by a dimension (`names`: the groups' names in the rows' order)."""
    return pd.DataFrame({
        dim_name: names,
        view.tr("Elever", "Pupils"): _count(parts, "n"),
        view.tr("I specialtilbud", "In special provision"): _count(parts, "segregated"),
        view.tr("Inklusionsgrad (%)", "Inclusion rate (%)"): _shown(parts, "inklusionsgrad", view),
        view.tr("95 %-KI fra (%)", "95% CI from (%)"): _shown(parts, "ci_low", view),
        view.tr("95 %-KI til (%)", "95% CI to (%)"): _shown(parts, "ci_high", view),
        view.tr("Vist", "Shown"): _why(parts, view),
    })


def tilgang_afgang(ta: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per school year and measure: the children it is counted among, those who moved, the rate and its interval."""
    measure = {"tilgang": view.tr("Tilgang (almen → special)", "Intake (general → special)"),
               "afgang": view.tr("Afgang (special → almen)", "Return (special → general)")}
    return pd.DataFrame({
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in ta["school_year"]],
        view.tr("Mål", "Measure"): [measure.get(m, m) for m in ta["measure"]],
        view.tr("Børn året før", "Children the year before"): _count(ta, "n"),
        view.tr("Skiftede", "Moved"): _count(ta, "count"),
        view.tr("Andel (%)", "Share (%)"): _shown(ta, "rate", view),
        view.tr("95 %-KI fra (%)", "95% CI from (%)"): _shown(ta, "ci_low", view),
        view.tr("95 %-KI til (%)", "95% CI to (%)"): _shown(ta, "ci_high", view),
        view.tr("Vist", "Shown"): _why(ta, view),
    })
