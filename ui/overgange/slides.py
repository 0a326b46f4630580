"""Overgange's charts as slides (ui.slides): each draws one section of the page from the filters, the role's
scope, the view and the page's choices — the page and a meeting call the same function."""
from __future__ import annotations

from queries import overgange as q
from ui import fmt
from ui import tables as shared
from ui.cache import run
from ui.export import Table
from ui.measures import SHARE
from ui.overgange import charts, headlines as h, tables
from ui.slides import Shown, slide

PAGE = "overgange"


@slide("overgange.inklusion", PAGE, ("Inklusionsgrad over skoleårene", "Inclusion rate over the school years"), shared=True)
def inklusion(f, scope, view) -> Shown | None:
    trend = run(q.inklusion_trend, f, scope)
    if trend.empty:
        return None
    return Shown(h.inklusion(trend, view), charts.inklusion_trend(trend, view),
                 Table(view.tr("Inklusionsgrad pr. skoleår", "Inclusion rate by school year"), tables.inklusion(trend, view),
                       "overgange_inklusionsgrad"))


@slide("overgange.split", PAGE, ("Inklusionsgrad opdelt", "Inclusion rate split"), shared=True)
def split(f, scope, view, dim: str) -> Shown | None:
    trend = run(q.inklusion_trend, f, scope)
    dims = h.dimensions(view, scope)
    if trend.empty or dim not in dims:  # a split the reader's role may not see
        return None
    year = h.latest_year(trend)
    parts = run(q.inklusion_split, f, scope, dim, year)
    return Shown(h.split(parts, dim, year, view), charts.inklusion_split(parts, dim, trend, view),
                 Table(view.tr("Inklusionsgrad {y} pr. {d}", "Inclusion rate {y} by {d}", y=fmt.school_year(year),
                               d=dims[dim].lower()), tables.split(parts, h.split_names(parts, dim, view), dims[dim], view),
                       f"overgange_inklusionsgrad_{year}_{dim}"))


@slide("overgange.tilgang_afgang", PAGE, ("Tilgang og afgang", "Intake and return"), shared=True)
def tilgang_afgang(f, scope, view) -> Shown:
    ta = run(q.tilgang_afgang, f, scope)
    return Shown(h.tilgang_afgang(ta, view), charts.tilgang_afgang(ta, view),
                 Table(view.tr("Tilgang og afgang pr. skoleår", "Intake and return by school year"),
                       tables.tilgang_afgang(ta, view), "overgange_tilgang_afgang"))


@slide("overgange.return", PAGE, ("Tilbage i almenklasse", "Back in an ordinary class"), shared=True)
def return_curve(f, scope, view, entry: int | None = None) -> Shown:
    km = run(q.return_curve, f, scope, entry)
    return Shown(h.return_curve(km, view), charts.return_curve(km, view),
                 Table(view.tr("Tilbage i almenklasse efter start i specialtilbud", "Back in an ordinary class after entry"),
                       tables.return_curve(km, view), "overgange_tilbage"))


@slide("overgange.school_start", PAGE, ("Skolestart i specialtilbud", "School start in special provision"), shared=True)
def school_start(f, scope, view) -> Shown:
    start = run(q.school_start, f, scope)
    return Shown(h.school_start(start, view), charts.school_start(start, view),
                 Table(view.tr("Skolestart i specialtilbud pr. skoleår", "School start in special provision by school year"),
                       tables.school_start(start, view), "overgange_skolestart"))


@slide("overgange.sending", PAGE, ("Hvilke skoler sender", "Which schools send"), shared=True)
def sending(f, scope, view) -> Shown | None:
    if not scope.shows("institution"):
        return None
    funnel = run(q.sending_funnel, f, scope)
    years = run(q.transition_years, f, scope)
    return Shown(h.funnel(funnel, years, view), charts.sending_funnel(funnel, view),
                 Table(view.tr("Andel sendt i specialtilbud pr. skole", "Share sent to special provision by school"),
                       shared.funnel(funnel.points, "rate", SHARE, view), "overgange_sendende_skoler"))


@slide("overgange.flows", PAGE, ("Strømme mellem tilbud", "Flows between provision"), shared=True)
def flows(f, scope, view, pair: int) -> Shown:
    links, ta = run(q.flows, f, scope, pair), run(q.tilgang_afgang, f, scope)
    return Shown(h.flows(ta, pair, view, links), charts.sankey(links, pair, view),
                 Table(view.tr("Strømme mellem tilbud {y}", "Flows between provision {y}", y=h.pair(pair)),
                       tables.flows(links, view), f"overgange_stroemme_{pair}"))


@slide("overgange.return_by_form", PAGE, ("Tilbage pr. tilbudsform", "Back by form entered"), shared=True)
def return_by_form(f, scope, view, entry: int | None = None) -> Shown:
    by_form = run(q.return_by_form, f, scope, entry)
    return Shown(h.return_by_form(by_form, view), charts.return_by_form(by_form, view),
                 Table(view.tr("Tilbage i almenklasse pr. tilbudsform", "Back in an ordinary class by form entered"),
                       tables.return_by_form(by_form, view), "overgange_tilbage_pr_form"))
