"""Overgange's figures to take away (ui.export): Danish column names, each figure as the screen rounds it
(ui.measures), the school year as "2023/24", a hidden group said in words instead of a number."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.measures import POINTS, SHARE
from ui.overgange.headlines import BACK, form_name
from ui.tables import count, figure, why, with_interval
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


def flows(links: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per flow from last year's form to this year's: the children who took it (the Sankey's links,
    almen → almen included: the chart leaves it out only to keep the others visible)."""
    return pd.DataFrame({
        view.tr("Fra (sidste år)", "From (last year)"): [form_name(f, view) for f in links["from_form"]],
        view.tr("Til (i år)", "To (this year)"): [form_name(f, view) for f in links["to_form"]],
        view.tr("Børn", "Children"): count(links, "n"),
        view.tr("Vist", "Shown"): why(links, view),
    })


def return_by_form(by_form: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per form entered: children, the median years until back (or the years followed when fewer than half
    are back), and the share back after 1, 2 and 3 years."""
    return pd.DataFrame({
        view.tr("Tilbudsform ved start", "Form entered"): [form_name(f, view) for f in by_form["entry_form"]],
        view.tr("Børn", "Children"): count(by_form, "n"),
        view.tr("Median år til tilbage", "Median years until back"): figure(by_form, "median", POINTS),
        view.tr("Fulgt i år", "Years followed"): figure(by_form, "followed", POINTS),
        **{view.tr("Tilbage efter {t} (%)", "Back after {t} (%)", t=fmt.years(t, view.lang)):
           figure(by_form, f"back_{t}", BACK) for t in (1, 2, 3)},
        view.tr("Vist", "Shown"): why(by_form, view),
    })
