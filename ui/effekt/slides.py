"""Effekt's charts as slides (ui.slides): the answer (each intervention's change, or GAS), the participations
and the change over time — the page and a meeting call the same function. A long list is cut to its largest
interventions as on the page (ui.section.first_rows)."""
from __future__ import annotations

from queries import effekt as q
from ui.cache import run
from ui.effekt import charts, goals as g, headlines as h, names as n, tables
from ui.export import Table
from ui.section import first_rows
from ui.slides import Shown, slide

PAGE = "effekt"


@slide("effekt.answer", PAGE, ("Hvor meget ændrer børnene sig?", "How much do the children change?"), shared=True,
       switches=("effekt_all_answer",))
def answer(f, scope, view, code: str) -> Shown | None:
    if code == q.GAS:
        goals = run(q.goals, f, scope, code)
        if not g.gas_scored(goals):
            return Shown(g.goals(goals, view), None)
        shown, _ = first_rows(goals, "effekt_all_answer")
        return Shown(g.gas(goals, view), charts.gas_forest(shown, view),
                     Table(view.tr("GAS T-score pr. indsats", "GAS T-score by intervention"), tables.gas(goals, view),
                           "effekt_gas_t"))
    change = run(q.change, f, scope, code)
    shown, _ = first_rows(change, "effekt_all_answer")
    return Shown(h.change(change, code, view), charts.forest(shown, view),
                 Table(view.tr("Før/efter-ændring pr. indsats", "Before/after change by intervention"),
                       tables.change(change, view), f"effekt_{code}_aendring"), rows=tables.change(shown, view))


@slide("effekt.overview", PAGE, ("Deltagelser og frafald", "Participations and attrition"), shared=True,
       switches=("effekt_all_overview",))
def overview(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    one = n.focus_rows(run(q.overview, f, scope, code), focus)
    if one.empty:
        return None
    shown, _ = first_rows(one, "effekt_all_overview", size="n_started")
    methods = tables.methods(one, view, code)
    return Shown(h.overview(one, view, code), charts.overview(shown, view, code),
                 Table(h.overview(one, view, code), methods, f"effekt_{code}_deltagelser"), rows=methods)


@slide("effekt.cohorts", PAGE, ("Ændringen over tid", "The change over time"), shared=True)
def cohorts(f, scope, view, code: str, focus: str = n.ALL) -> Shown:
    cohorts = run(q.cohorts, f, scope, code)
    iv = n.focus_intervention(focus)
    chosen = n.focus_choices(run(q.overview, f, scope, code), view).get(focus, "") if iv else view.tr(
        "Alle indsatser", "All interventions")
    return Shown(h.cohorts(cohorts, iv, chosen, code, view), charts.cohorts(cohorts, iv, chosen, code, view),
                 Table(view.tr("Ændring pr. startår", "Change by start year"),
                       tables.cohorts(cohorts, iv, chosen, charts.unit(code, view), view), f"effekt_{code}_over_tid"))


def _instruments():
    return run(q.instruments)


def _before_scores(f, scope, code: str, focus: str, switch: str, size: str):
    """The overview's rows for the chosen detail, and those a list cut to its `size` largest draws (`switch`)."""
    one = n.focus_rows(run(q.overview, f, scope, code), focus)
    return one, first_rows(one, switch, size=size)[0]


@slide("effekt.baseline", PAGE, ("Udgangspunktet", "The starting point"), shared=True, switches=("effekt_all_baseline",))
def baseline(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    if code == q.GAS:
        return None
    one, shown = _before_scores(f, scope, code, focus, "effekt_all_baseline", "n_before")
    return Shown(h.baseline(one, _instruments(), code, view), charts.baseline(shown, view),
                 Table(view.tr("Udgangspunkt pr. indsats", "Starting point by intervention"),
                       tables.baseline(charts.drawn(one, "baseline").iloc[::-1], view), f"effekt_{code}_udgangspunkt"))


@slide("effekt.reliable", PAGE, ("Pålidelig ændring", "Reliable change"), shared=True, switches=("effekt_all_reliable",))
def reliable(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    if code == q.GAS:
        return None
    rows = n.focus_rows(run(q.reliable_change, f, scope, code), focus)
    shown, _ = first_rows(rows, "effekt_all_reliable")
    return Shown(h.reliable(rows, view), charts.reliable(shown, view),
                 Table(view.tr("Pålidelig ændring pr. indsats", "Reliable change by intervention"),
                       tables.reliable(rows, view), f"effekt_{code}_paalidelig"))


@slide("effekt.compare", PAGE, ("Sammenligning af to indsatser", "Two interventions compared"), shared=True)
def compare(f, scope, view, code: str, a: int, b: int = 0) -> Shown | None:
    names = n.interventions(run(q.overview, f, scope, code))
    if a not in names:  # not in the reader's role, or no longer there
        return None
    others = n.compare_choices(names, a, view)
    both = run(q.compare, f, scope, code, int(a), int(b) or None)
    labels = [names[a], others.get(b, "")]
    return Shown(h.compare(both, names[a], others.get(b, ""), code, view), charts.compare(both, labels, code, view),
                 Table(view.tr("Sammenligning", "Comparison"), tables.outcome(both, view.tr("Gruppe", "Group"), labels,
                                                                              charts.unit(code, view), view),
                       f"effekt_{code}_sammenlign"))


@slide("effekt.attrition", PAGE, ("Frafald", "Attrition"), shared=True, switches=("effekt_all_attrition",))
def attrition(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    """Those who dropped out against those who completed, by their before score (no GAS: no before score)."""
    if code == q.GAS:
        return None
    one, dropped = _before_scores(f, scope, code, focus, "effekt_all_attrition", "n_dropout_pre")
    return Shown(h.attrition(one, _instruments(), code, view),
                 charts.attrition(dropped, h.higher_is_better(_instruments(), code), view),
                 Table(view.tr("Frafald pr. indsats", "Attrition by intervention"), tables.attrition(one, view),
                       f"effekt_{code}_frafald"), rows=tables.attrition(dropped, view))


def _goals(f, scope, code: str, focus: str):
    return n.focus_rows(run(q.goals, f, scope, code), focus)


@slide("effekt.gas_levels", PAGE, ("Mål efter GAS-niveau", "Goals by GAS level"), shared=True,
       switches=("effekt_all_goals",))
def gas_levels(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    """The goals scored on the GAS scale, by level, per intervention (GAS levels and the outcome field are two
    scales, each drawn by itself, never merged)."""
    mine = _goals(f, scope, code, focus)
    shown, _ = first_rows(mine, "effekt_all_goals", size="n_gas_goals")
    return Shown(g.goals(mine, view), charts.gas_levels(shown, view) if g.goal_scales(mine)[0] else None,
                 Table(view.tr("Mål pr. indsats", "Goals by intervention"), tables.goals(mine, view, charts.GAS_LEVELS),
                       f"effekt_{code}_maal"))


@slide("effekt.outcomes", PAGE, ("Mål efter udfald", "Goals by outcome"), shared=True,
       switches=("effekt_all_outcomes",))
def outcomes(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    """The goals without a GAS score, by their recorded outcome, per intervention."""
    mine = _goals(f, scope, code, focus)
    if not g.goal_scales(mine)[1]:
        return None
    shown, _ = first_rows(mine, "effekt_all_outcomes", size="n_outcome_goals")
    return Shown(g.outcome_goals(mine, view), charts.goal_bars(shown, view, "n_outcome_goals"))


@slide("effekt.gas", PAGE, ("GAS T-score", "GAS T-score"), shared=True, switches=("effekt_all_gas",))
def gas(f, scope, view, code: str, focus: str = n.ALL) -> Shown | None:
    """The GAS T-score per intervention, beside the instrument's own change (not for GAS itself: its answer)."""
    mine = _goals(f, scope, code, focus)
    if code == q.GAS or not g.gas_scored(mine):
        return None
    shown, _ = first_rows(mine, "effekt_all_gas")
    return Shown(g.gas(mine, view), charts.gas_forest(shown, view),
                 Table(view.tr("GAS T-score pr. indsats", "GAS T-score by intervention"), tables.gas(mine, view),
                       f"effekt_{code}_gas_t"))
