"""Effekt's charts: a frame of queries.effekt in, a Plotly figure out (built from ui.figures), or None
when no row may be drawn. n and suppression are drawn on every chart; nothing here queries or
computes statistics."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries.effekt import GAS
from ui import figures, fmt
from ui.effekt.headlines import cohort, row_name
from ui.headlines import count
from ui.measures import COUNT, EFFECT, PART, POINTS
from ui.theme import BAD, BAND_COLOURS, GOOD, GREY, INK, NEUTRAL, PALETTE, apply
from ui.view import View


def unit(code: str, view: View) -> str:
    """The axis title of the outcome: improvement in points, or the GAS T-score."""
    if code == GAS:
        return view.tr("GAS T-score (50 = som forventet)", "GAS T-score (50 = as expected)")
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


def overview(df: pd.DataFrame, view: View) -> go.Figure | None:
    """Per intervention: forløb measured after / still running / ended without an after score
    (attrition), stacked to the number started; 'målt før' in the label. df: queries.effekt.overview
    (its interventions; the totals are in the headline and the method table)."""
    df = df[df["level"] == "indsats"]
    if figures.nothing_shown(df):
        return None
    df = df.iloc[::-1]
    labels = [_label(r, view, view.tr("målt før {b}", "measured before {b}", b=count(r["n_before"], view)),
                     n="n_started") for _, r in df.iterrows()]
    series = ((df["n_after"], view.tr("Målt efter", "Measured after"), GOOD),
              (df["n_ongoing"], view.tr("Stadig i gang", "Still running"), NEUTRAL),
              (df["n_dropout"], view.tr("Frafald: afsluttet uden eftermåling", "Attrition: ended, not measured after"),
               BAD))
    fig = figures.stacked_bars(labels, series, COUNT, view, widest=float(df["n_started"].max()),
                               totals=df["n_started"])
    fig.update_xaxes(title_text=view.tr("Antal forløb", "Number of forløb (courses)"), **COUNT.axis(view.lang))
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def forest(df: pd.DataFrame, view: View) -> go.Figure | None:
    """Forest plot of Hedges' g (positive = better) with 95% CI per intervention; the total as a
    diamond. df: queries.effekt.change."""
    if figures.nothing_shown(df):
        return None
    df = df.iloc[::-1]
    labels = [_label(r, view, view.tr("før {a} → efter {b}", "before {a} → after {b}",
                                      a=POINTS.text(r["mean_pre"], view.lang),
                                      b=POINTS.text(r["mean_post"], view.lang))) for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "g", "g_low", "g_high", labels, EFFECT, view, "%{y}<br>g"))
    fig.add_vline(x=0, line=dict(color=GREY, width=1.5))
    for x, text, anchor in ((-0.02, view.tr("← dårligere", "← worse"), "right"),
                            (0.02, view.tr("bedre →", "better →"), "left")):
        fig.add_annotation(x=x, y=1.0, yref="paper", yanchor="bottom", xanchor=anchor, text=text, showarrow=False,
                           font=dict(color=GREY))
    fig.update_xaxes(title_text=view.tr("Effektstørrelse (Hedges' g, 95 %-KI)", "Effect size (Hedges' g, 95% CI)"),
                     zeroline=False, **EFFECT.axis(view.lang))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_layout(showlegend=False)
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def reliable(df: pd.DataFrame, view: View) -> go.Figure | None:
    """100% bars: reliably improved / unchanged / reliably worsened; the share that crossed the
    clinical cut-off in the label. df: queries.effekt.reliable_change."""
    if figures.nothing_shown(df):
        return None
    df = df.iloc[::-1]
    labels = [_label(r, view, "" if pd.isna(r["crossed"]) else view.tr(
        "krydsede grænsen: {p} af {c}", "crossed the cut-off: {p} of {c}",
        p=PART.text(r["crossed"], view.lang), c=COUNT.text(r["n_clinical_pre"], view.lang))) for _, r in df.iterrows()]
    fig = figures.stacked_bars(labels, ((df["improved"], view.tr("Pålideligt forbedret", "Reliably improved"), GOOD),
                                        (df["unchanged"], view.tr("Uændret", "Unchanged"), NEUTRAL),
                                        (df["worsened"], view.tr("Pålideligt forværret", "Reliably worsened"), BAD)),
                               PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af forløb med før- og eftermåling",
                                        "Share of forløb measured before and after"))
    return figures.category_rows(fig, labels, view)


def goal_bars(df: pd.DataFrame, view: View) -> go.Figure | None:
    """100% bars of goals achieved / partly / not per intervention. df: queries.effekt.goals."""
    if figures.nothing_shown(df):
        return None
    df = df.iloc[::-1]
    labels = [_label(r, view, view.tr("{g} mål", "{g} goals", g=COUNT.text(r["n_goals"], view.lang)))
              for _, r in df.iterrows()]
    fig = figures.stacked_bars(labels, ((df["opnaaet"], view.tr("Opnået", "Achieved"), GOOD),
                                        (df["delvist"], view.tr("Delvist", "Partly"), BAND_COLOURS[2]),
                                        (df["ikke"], view.tr("Ikke opnået", "Not achieved"), BAD)), PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af de vurderede mål", "Share of rated goals"))
    return figures.category_rows(fig, labels, view)


def gas_forest(df: pd.DataFrame, view: View) -> go.Figure | None:
    """Mean GAS T-score with 95% CI per intervention and in all, with the expected level T = 50
    marked. df: queries.effekt.goals (rows with a T-score, or whose T-score is hidden)."""
    df = df[df["gas_t"].notna() | df["gas_suppressed"]]
    if df.empty or df["gas_suppressed"].all():
        return None
    df = df.iloc[::-1]
    labels = [_label(r, view, n="n_gas", hidden="gas_suppressed") for _, r in df.iterrows()]
    fig = go.Figure(_per_row(df, "gas_t", "gas_t_low", "gas_t_high", labels, POINTS, view, "%{y}<br>T"))
    fig.add_vline(x=50, line=dict(color=GREY, width=1.5, dash="dash"),
                  annotation_text=view.tr("50 = som forventet", "50 = as expected"), annotation_position="top")
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
        "Skoleår forløbet startede (kohorte)", "School year the forløb started (cohort)"))
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
