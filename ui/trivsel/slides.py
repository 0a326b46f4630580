"""Trivsel's charts as slides (ui.slides): each draws one section of the page from the filters, the role's scope,
the view and the page's choice (the indicator) — the page and a meeting call the same function."""
from __future__ import annotations

import plotly.graph_objects as go

from queries import trivsel as q
from ui import fmt
from ui import tables as shared
from ui.cache import run
from ui.export import Table
from ui.measures import MEAN
from ui.slides import Shown, slide
from ui.trivsel import charts, headlines as h, tables

PAGE = "trivsel"


def _names(view) -> dict[str, str]:
    return h.names(run(q.indicators), view)


@slide("trivsel.trend", PAGE, ("Trivsel over skoleårene", "Wellbeing over the school years"), shared=True)
def trend(f, scope, view, code: str) -> Shown:
    view, name = view.within(q.DOMAIN), _names(view)[code]
    df = run(q.indicator_trend, f, scope)
    return Shown(h.trend(df, code, name, view), charts.trend(df, code, name, view),
                 Table(view.tr("{n} pr. skoleår", "{n} by school year", n=name), tables.trend(df, code, name, view),
                       f"trivsel_{code}"))


@slide("trivsel.bands", PAGE, ("Trivsel fordelt på intervaller", "Wellbeing by band"), shared=True)
def bands(f, scope, view, code: str) -> Shown:
    view, name = view.within(q.DOMAIN), _names(view)[code]
    df = run(q.band_distribution, f, scope)
    return Shown(h.bands(df, code, name, view), charts.bands(df, code, view),
                 Table(view.tr("{n}: fordeling på intervaller", "{n}: distribution over bands", n=name),
                       tables.bands(df, code, name, view), f"trivsel_{code}_intervaller"))


def _year(f, scope) -> int | None:
    return run(q.latest_year, f, scope)


@slide("trivsel.funnel", PAGE, ("Institutionerne i en tragt", "The institutions in a funnel"), shared=True)
def funnel(f, scope, view, code: str) -> Shown | None:
    view, name, year = view.within(q.DOMAIN), _names(view)[code], _year(f, scope)
    if year is None or not scope.shows("institution"):
        return None
    df = run(q.institution_funnel, f, scope, code, year)
    return Shown(h.funnel(df, year, view), charts.funnel(df, view),
                 Table(view.tr("{n} {y} pr. institution", "{n} {y} by institution", n=name, y=fmt.school_year(year)),
                       shared.funnel(df.points, "mean", MEAN, view), f"trivsel_{code}_{year}_institutioner"))


@slide("trivsel.heatmap", PAGE, ("Indikatorerne pr. klassetrin", "The indicators by grade"), shared=True)
def heatmap(f, scope, view, code: str) -> Shown | None:
    view, names, year = view.within(q.DOMAIN), _names(view), _year(f, scope)
    if year is None:
        return None
    grid = run(q.grade_heatmap, f, scope, year)
    return Shown(h.heatmap(grid, code, names[code], view), charts.heatmap(grid, names, view),
                 Table(view.tr("Indikatorerne {y} pr. klassetrin", "The indicators {y} by grade", y=fmt.school_year(year)),
                       tables.heatmap(grid, names, view), f"trivsel_{year}_klassetrin"))


@slide("trivsel.gender", PAGE, ("Drenge og piger", "Boys and girls"), shared=True)
def gender(f, scope, view) -> Shown | None:
    view, names, year = view.within(q.DOMAIN), _names(view), _year(f, scope)
    if year is None:
        return None
    df = run(q.gender_comparison, f, scope, year)
    return Shown(h.gender(df, names, view), charts.gender(df, names, view),
                 Table(view.tr("Drenge og piger {y}", "Boys and girls {y}", y=fmt.school_year(year)),
                       tables.gender(df, names, view), f"trivsel_{year}_koen"))


def item(f, scope, view, item_id: int, text: str, options: tuple[str, ...]) -> tuple[str, go.Figure | None, bool]:
    """The section on one question (not a slide): its headline, its chart and whether no answer is there at all;
    drawn once per selection and shared (ui.cache.drawn)."""
    answers = run(q.item_distribution, f, scope, item_id)
    return h.item(answers, text, list(options), view), charts.item_answers(answers, list(options), view), answers.empty
