"""Effekt's charts: a frame of queries.effekt in, a Plotly figure out (built from ui.figures), or None
when no row may be drawn. n and suppression are drawn on every chart; nothing here queries or
computes statistics."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries.effekt import GAS
from ui import figures, fmt
from ui.crossfilter import Narrow
from ui.effekt.names import cohort, row_name
from ui.headlines import count
from ui.measures import COUNT, EFFECT, PART, POINTS
from ui.theme import BAD, BAND_COLOURS, GOOD, GREY, INK, NEUTRAL, PALE_BLUE, PALETTE, apply
from ui.view import View


def unit(code: str, view: View) -> str:
    """The axis title of the outcome: improvement in points, or the GAS T-score."""
    if code == GAS:
        return view.tr("GAS T-score (50 = forventet niveau)", "GAS T-score (50 = expected level)")
    return view.tr("Forbedring i point (positiv er bedre)", "Improvement in points (positive is better)")


def _label(row: pd.Series, view: View, extra: str = "", n: str = "n", hidden: str = "suppressed") -> str:
    """'LØFT Nord<br>n=5 · extra': the name over lines of at most 42 characters (the total and
    methods in bold), n (or "ikke vist (færre end 5)") under it."""
    name = fmt.lines(row_name(row, view), 42)
    name = name if row["level"] == "indsats" else f"<b>{name}</b>"
    label = figures.with_n(name, row[n], row[f"{hidden}_why"] if row[hidden] else False, view)
    return f"{label} · {extra}" if extra and not row[hidden] else label


def _per_row(df: pd.DataFrame, values: str, low: str, high: str, labels: list[str], measure, view: View,
             hover_label: str) -> list[go.Scatter]:
    """Dots with 95% intervals: the interventions as squares, the total as a black diamond."""
    total = (df["level"] == "alle").to_numpy()
    traces = []
    for mask, symbol, colour, size, name in (
            (~total, "square", PALETTE[0], 12, view.tr("Indsats", "Intervention")),
            (total, "diamond", INK, 16, view.tr("Alle indsatser", "All interventions"))):
        part = df[mask]
        traces.append(figures.dots([lbl for lbl, m in zip(labels, mask) if m], part[values], part[low], part[high],
                                   measure, view, colour=colour, size=size, name=name, symbol=symbol,
                                   hover_label=hover_label))
    return traces


def overview(df: pd.DataFrame, view: View, code: str | None = None) -> go.Figure | None:
    """Per intervention: forløb measured after / still running / ended without an after score
    (attrition), stacked to the number started; 'målt før' in the label (for GAS, `code`, which is not
    measured before and after: goals set, GAS-scored). df: queries.effekt.overview (its interventions;
    the totals are in the headline and the method table)."""
    df = drawn(df, "overview")
    if figures.nothing_shown(df):
        return None
    gas = code == GAS
    before = ("mål sat {b}", "goals set {b}") if gas else ("målt før {b}", "measured before {b}")
    labels = [_label(r, view, view.tr(*before, b=count(r["n_before"], view)), n="n_started") for _, r in df.iterrows()]
    series = ((df["n_after"], view.tr("GAS-scoret", "GAS-scored") if gas else view.tr("Målt efter", "Measured after"),
               GOOD),
              (df["n_ongoing"], view.tr("Stadig i gang", "Still running"), NEUTRAL),
              (df["n_dropout"], view.tr("Frafald: afsluttet uden GAS-score", "Attrition: ended, not GAS-scored") if gas
               else view.tr("Frafald: afsluttet uden eftermåling", "Attrition: ended, not measured after"), BAD))
    fig = figures.stacked_bars(labels, series, COUNT, view, widest=float(df["n_started"].max()),
                               totals=df["n_started"])
    fig.update_xaxes(title_text=view.tr("Antal deltagelser", "Number of participations"), **COUNT.axis(view.lang))
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def forest(df: pd.DataFrame, view: View) -> go.Figure | None:
    """Forest plot of the standardised before/after change (Hedges' g_av, positive = better) with 95% CI
    per intervention; the total as a diamond. df: queries.effekt.change."""
    if figures.nothing_shown(df):
        return None
    df = drawn(df, "forest")
    labels = [_label(r, view, view.tr("før {a} → efter {b}", "before {a} → after {b}",
                                      a=POINTS.text(r["mean_pre"], view.lang),
                                      b=POINTS.text(r["mean_post"], view.lang))) for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "g", "g_low", "g_high", labels, EFFECT, view, "%{y}<br>g"))
    _zero_lines(fig, 0, view.tr("← dårligere", "← worse"), view.tr("bedre →", "better →"))
    return _forest_rows(fig, labels, view.tr("Standardiseret før/efter-ændring (g_av, 95 %-KI)",
                                             "Standardised before/after change (g_av, 95% CI)"), EFFECT, view)


def reliable(df: pd.DataFrame, view: View) -> go.Figure | None:
    """100% bars: reliably improved / unchanged / reliably worsened; the share that crossed the
    clinical cut-off in the label. df: queries.effekt.reliable_change."""
    if figures.nothing_shown(df):
        return None
    df = drawn(df, "reliable")
    labels = [_label(r, view, "" if pd.isna(r["crossed"]) else view.tr(
        "krydsede grænsen: {p} af {c}", "crossed the cut-off: {p} of {c}",
        p=PART.text(r["crossed"], view.lang), c=COUNT.text(r["n_clinical_pre"], view.lang))) for _, r in df.iterrows()]
    fig = figures.stacked_bars(labels, ((df["improved"], view.tr("Pålideligt forbedret", "Reliably improved"), GOOD),
                                        (df["unchanged"], view.tr("Uændret", "Unchanged"), NEUTRAL),
                                        (df["worsened"], view.tr("Pålideligt forværret", "Reliably worsened"), BAD)),
                               PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af deltagelser med før- og eftermåling",
                                        "Share of participations measured before and after"))
    return figures.category_rows(fig, labels, view)


def _forest_rows(fig: go.Figure, labels: list[str], title: str, measure, view: View) -> go.Figure:
    """The finish of a chart of one row per intervention around a zero line: the scale's title, the
    rows in the given order, no legend, a light grid."""
    fig.update_xaxes(title_text=title, zeroline=False, **measure.axis(view.lang))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False)
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def _zero_lines(fig: go.Figure, x: float, left: str, right: str) -> None:
    """A line at `x` (no change, no difference) with what lies to its left and right written above it."""
    fig.add_vline(x=x, line=dict(color=GREY, width=1.5))
    for dx, text, anchor in ((-0.02, left, "right"), (0.02, right, "left")):
        fig.add_annotation(x=x + dx, y=1.0, yref="paper", yanchor="bottom", xanchor=anchor, text=text,
                           showarrow=False, font=dict(color=GREY))


def drawn(df: pd.DataFrame, chart: str, count: str = "n_goals") -> pd.DataFrame:
    """The rows of `df` that `chart` draws, in the order it draws them (bottom-up): what a click on its
    n-th bar or dot is (ui.effekt.names.narrow). `count`: goal_bars' column of goals per bar."""
    if chart == "overview":
        df = df[df["level"] == "indsats"]
    elif chart in ("baseline", "attrition"):  # the interventions and the total (not the methods)
        df = df[df["level"] != "metode"]
    elif chart == "gas_levels":
        df = df[df["n_gas_goals"] != 0]
    elif chart == "goal_bars":
        df = df[df[count] != 0]
    elif chart == "gas_forest":  # rows with a T-score, or whose T-score is hidden
        df = df[df["gas_t"].notna() | df["gas_suppressed"]]
    return df.iloc[::-1]


def baseline(df: pd.DataFrame, view: View) -> go.Figure | None:
    """The share of forløb measured before that started on the clinical side of the cut-off, with its
    Wilson 95% interval, per intervention and in all. df: queries.effekt.overview."""
    df = drawn(df, "baseline")
    if figures.nothing_shown(df) or df["clinical_before"].isna().all():
        return None
    labels = [_label(r, view, view.tr("andel ikke vist", "share not shown") if pd.isna(r["clinical_before"]) else view.tr(
        "{x} af {y}", "{x} of {y}", x=COUNT.text(r["n_clinical_before"], view.lang),
        y=COUNT.text(r["n_before"], view.lang)), n="n_before") for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "clinical_before", "clinical_before_low", "clinical_before_high", labels, PART, view,
                             "%{y}"))
    fig.update_xaxes(title_text=view.tr("Andel målt før, der startede på den bekymrende side af grænsen (95 %-KI)",
                                        "Share measured before who started on the concerning side of the cut-off (95% CI)"),
                     range=[0, 100], **PART.axis(view.lang))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False)
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def attrition(df: pd.DataFrame, higher_is_better: bool, view: View) -> go.Figure | None:
    """The difference in mean before score, dropped out minus completed, with Welch's 95% interval, per
    intervention and in all; both groups' means in the label. df: queries.effekt.overview."""
    df = drawn(df, "attrition")
    if figures.nothing_shown(df) or df["baseline_diff"].isna().all():
        return None
    def extra(r) -> str:
        if r["n_dropout"] == 0 or r["n_dropout_pre"] == 0:
            return view.tr("ingen frafald med førmåling", "no dropouts with a before score")
        if pd.isna(r["baseline_diff"]):
            return view.tr("frafald ikke vist", "dropouts not shown")
        return view.tr("gennemførte {a} · faldt fra {b}", "completed {a} · dropped out {b}",
                       a=POINTS.text(r["baseline_paired"], view.lang), b=POINTS.text(r["baseline_dropout"], view.lang))
    labels = [_label(r, view, extra(r), n="n_started") for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "baseline_diff", "baseline_diff_low", "baseline_diff_high", labels, POINTS, view,
                             "%{y}"))
    worse, better = view.tr("faldt fra startede dårligere", "dropouts started worse"), view.tr(
        "faldt fra startede bedre", "dropouts started better")
    left, right = (worse, better) if higher_is_better else (better, worse)
    _zero_lines(fig, 0, f"← {left}", f"{right} →")
    return _forest_rows(fig, labels, view.tr("Forskel i førmåling: faldt fra minus gennemførte (point, 95 %-KI)",
                                             "Difference in before score: dropped out minus completed (points, 95% CI)"),
                        POINTS, view)


# GAS levels (Turner-Stokes 2009), best first; −1 is usually the baseline, so it is drawn neutral-warm, not as failure
GAS_LEVELS = (("gas_plus2", "+2 meget mere end forventet", "+2 much more than expected", BAND_COLOURS[3]),
              ("gas_plus1", "+1 noget mere end forventet", "+1 somewhat more than expected", BAND_COLOURS[2]),
              ("gas_0", "0 forventet niveau", "0 expected level", PALE_BLUE),
              ("gas_minus1", "−1 noget mindre end forventet (typisk udgangsniveau)",
               "−1 somewhat less than expected (usual baseline)", BAND_COLOURS[1]),
              ("gas_minus2", "−2 meget mindre end forventet", "−2 much less than expected", BAND_COLOURS[0]))


def gas_levels(df: pd.DataFrame, view: View) -> go.Figure | None:
    """100% bars of GAS-scored goals per level (+2 … −2) per intervention and in all. df: queries.effekt.goals."""
    df = drawn(df, "gas_levels")
    if figures.nothing_shown(df):
        return None
    labels = [_label(r, view, view.tr("{g} GAS-scorede mål", "{g} GAS-scored goals",
                                      g=COUNT.text(r["n_gas_goals"], view.lang))) for _, r in df.iterrows()]
    fig = figures.stacked_bars(labels, [(df[c], view.tr(da, en), colour) for c, da, en, colour in GAS_LEVELS],
                               PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af de GAS-scorede mål", "Share of GAS-scored goals"))
    return figures.category_rows(fig, labels, view)


def goal_bars(df: pd.DataFrame, view: View, count: str = "n_goals") -> go.Figure | None:
    """100% bars of goals rated achieved / partly / not in the outcome field per intervention (goals
    without a GAS score: a GAS level is never drawn here). df: queries.effekt.goals; count: the column
    with the number of goals in each bar (n_outcome_goals there); rows with none are left out."""
    df = drawn(df, "goal_bars", count)
    if figures.nothing_shown(df):
        return None
    labels = [_label(r, view, view.tr("{g} mål", "{g} goals", g=COUNT.text(r[count], view.lang)))
              for _, r in df.iterrows()]
    fig = figures.stacked_bars(labels, ((df["opnaaet"], view.tr("Opnået", "Achieved"), GOOD),
                                        (df["delvist"], view.tr("Delvist opnået", "Partly achieved"), BAND_COLOURS[2]),
                                        (df["ikke"], view.tr("Ikke opnået", "Not achieved"), BAD)), PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af de vurderede mål uden GAS-score", "Share of rated goals without a GAS score"))
    return figures.category_rows(fig, labels, view)


def gas_forest(df: pd.DataFrame, view: View) -> go.Figure | None:
    """Mean GAS T-score with 95% CI per intervention and in all, with the expected level T = 50
    marked. df: queries.effekt.goals (rows with a T-score, or whose T-score is hidden)."""
    df = drawn(df, "gas_forest")
    if df.empty or df["gas_suppressed"].all():
        return None
    labels = [_label(r, view, n="n_gas", hidden="gas_suppressed") for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "gas_t", "gas_t_low", "gas_t_high", labels, POINTS, view, "%{y}<br>T"))
    fig.add_vline(x=50, line=dict(color=GREY, width=1.5, dash="dash"),
                  annotation_text=view.tr("50 = forventet niveau", "50 = expected level"), annotation_position="top")
    fig.update_xaxes(title_text=view.tr("GAS T-score (95 %-KI)", "GAS T-score (95% CI)"), **POINTS.axis(view.lang))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False)
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def cohorts(df: pd.DataFrame, iv: int, name: str, code: str, view: View) -> go.Figure | None:
    """The outcome by start year for intervention `iv` (0: all interventions) with 95% CIs and, in grey
    and dotted, for all interventions. df: queries.effekt.cohorts."""
    focus = cohort(df, iv)
    if figures.nothing_shown(focus):
        return None
    years = sorted(df["start_year"].unique())
    x = [fmt.school_year(y) for y in years]
    lines = [(cohort(df, 0), GREY, 2, view.tr("Alle indsatser", "All interventions"), not iv)]
    if iv:
        lines.append((focus, PALETTE[0], 3, name, True))
    hover = (f"%{{x}}: {POINTS.hover('y', view.lang)} ({view.tr('95 %-KI', '95% CI')} "
             f"{POINTS.hover('customdata[1]', view.lang)}–{POINTS.hover('customdata[2]', view.lang)}), "
             f"n={COUNT.hover('customdata[0]', view.lang)}<extra></extra>")
    fig = go.Figure()
    for rows, colour, width, title, is_focus in lines:
        part = rows.set_index("start_year").reindex(years)
        mean, low, high = (POINTS.plot(part[c]) for c in ("mean", "ci_low", "ci_high"))
        fig.add_trace(go.Scatter(
            x=x, y=mean, mode="lines+markers", name=title, connectgaps=False, marker=dict(size=9),
            line=dict(color=colour, width=width, dash="solid" if is_focus else "dot"),
            error_y=figures.interval(mean, low, high, colour=colour, thickness=1.5, width=5) if is_focus else None,
            customdata=np.column_stack([part["n"], low, high]), hovertemplate=hover))
    part = focus.set_index("start_year").reindex(years)
    absent = part["suppressed"].isna()  # no forløb of the focus that year: n=0, not hidden
    ticks = [figures.with_n(lbl, 0 if a else n, not a and bool(s), view)
             for lbl, n, s, a in zip(x, part["n"], part["suppressed"], absent)]
    fig.update_xaxes(tickvals=x, ticktext=ticks, type="category", title_text=view.tr(
        "Skoleår deltagelsen startede", "School year the participation started"))
    fig.update_yaxes(title_text=unit(code, view), zeroline=True, zerolinecolor=GREY, **POINTS.axis(view.lang))
    return apply(fig, view, height=440)


def compare(df: pd.DataFrame, labels: list[str], code: str, view: View) -> go.Figure | None:
    """Two groups' mean outcome with 95% CI. df: queries.effekt.compare; labels: names of a and b."""
    if figures.nothing_shown(df):
        return None
    ys = [figures.with_n(fmt.lines(lbl, 42), n, s, view) for lbl, n, s in zip(labels, df["n"], df["suppressed_why"])]
    fig = go.Figure(figures.dots(ys, df["mean"], df["ci_low"], df["ci_high"], POINTS, view, size=15,
                                 colour=[PALETTE[0], PALETTE[1]]))
    fig.update_layout(showlegend=False)
    fig.update_xaxes(title_text=unit(code, view), zeroline=True, zerolinecolor=GREY, **POINTS.axis(view.lang))
    fig.update_yaxes(autorange="reversed")
    figures.grid(fig)
    return figures.category_rows(fig, ys, view)


def cohorts_narrow(df: pd.DataFrame, iv: int, view: View) -> Narrow | None:
    """The cohort chart's start years as values of the year filter (each line's points, in order): a click
    narrows the page to the forløb that started that school year."""
    years = tuple(int(y) for y in sorted(df["start_year"].unique()))
    if not years:
        return None
    names = tuple(fmt.school_year(y) for y in years)
    return Narrow("years", years, names, more=((1, years, names),) if iv else ())
