"""Overgange's figures to take away (ui.export): Danish column names, each figure as the screen rounds it
(ui.measures), the school year as "2023/24", a hidden group said in words instead of a number."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.measures import SHARE
from ui.tables import count, with_interval
from ui.view import View


def inklusion(trend: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per school year: pupils, in special provision, inklusionsgrad with its 95% interval, Landstal."""
    return pd.DataFrame({
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in trend["school_year"]],
        view.tr("Elever", "Pupils"): count(trend, "n"),
        view.tr("I specialtilbud", "In special provision"): count(trend, "segregated"),
        **with_interval(trend, view.tr("Inklusionsgrad", "Inclusion rate"), ("inklusionsgrad", "ci_low", "ci_high"), SHARE, view),
        view.tr("Landstal (%)", "National (%)"): SHARE.export(trend["landstal"]),
    })


def split(parts: pd.DataFrame, names: list[str], dim_name: str, view: View) -> pd.DataFrame:
    """One school year split by a dimension (`names`: the groups' names in the rows' order)."""
    return pd.DataFrame({
        dim_name: names,
        view.tr("Elever", "Pupils"): count(parts, "n"),
        view.tr("I specialtilbud", "In special provision"): count(parts, "segregated"),
        **with_interval(parts, view.tr("Inklusionsgrad", "Inclusion rate"), ("inklusionsgrad", "ci_low", "ci_high"), SHARE, view),
    })


def tilgang_afgang(ta: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per school year and measure: the children it is counted among, those who moved, the rate and its interval."""
    measure = {"tilgang": view.tr("Tilgang (almen → special)", "Intake (general → special)"),
               "afgang": view.tr("Afgang (special → almen)", "Return (special → general)")}
    return pd.DataFrame({
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in ta["school_year"]],
        view.tr("Mål", "Measure"): [measure.get(m, m) for m in ta["measure"]],
        view.tr("Børn året før", "Children the year before"): count(ta, "n"),
        view.tr("Skiftede", "Moved"): count(ta, "count"),
        **with_interval(ta, view.tr("Andel", "Share"), ("rate", "ci_low", "ci_high"), SHARE, view),
    })


def return_curve(km: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per year after entering special provision: children followed, back in an ordinary class (%) with its interval."""
    return pd.DataFrame({
        view.tr("År efter start", "Years after entry"): km["time"].astype(int),
        view.tr("Fulgt (i risiko)", "Followed (at risk)"): count(km, "at_risk"),
        **with_interval(km, view.tr("Tilbage i almenklasse", "Back in an ordinary class"), ("back", "back_low", "back_high"), SHARE, view),
    })


def school_start(start: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per school year: children in grade 0, those starting in special provision, from an ordinary dagtilbud, the share."""
    return pd.DataFrame({
        view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in start["school_year"]],
        view.tr("Børn i 0. klasse", "Children in grade 0"): count(start, "n"),
        view.tr("Startede i specialtilbud", "Started in special provision"): count(start, "special"),
        view.tr("Heraf fra almindeligt dagtilbud", "Of them from an ordinary day care"): count(start, "from_dagtilbud"),
        **with_interval(start, view.tr("Andel i specialtilbud", "Share in special provision"), ("share", "ci_low", "ci_high"), SHARE, view),
    })
