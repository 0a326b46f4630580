"""Trivsel's charts: a frame of queries.trivsel in, a Plotly figure out (built from ui.figures).
n and suppression are drawn on every chart; nothing here queries or computes statistics."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui import figures, fmt
from ui.measures import MEAN, PART
from ui.theme import BAND_COLOURS, GENDER_COLOURS, LIGHT_GREY, PALETTE, apply, diverging
from ui.view import View

BAND_LABELS = ("1,0-2,0", "2,1-3,0", "3,1-4,0", "4,1-5,0")


def one(df: pd.DataFrame, code: str) -> pd.DataFrame:
    """One indicator's rows of a frame with indicator_code, in year order."""
    rows = df[df["indicator_code"] == code]
    return rows.sort_values("school_year") if "school_year" in rows else rows


def honest_range(values, span: float = 1.0, lo: float = 1.0, hi: float = 5.0) -> list[float]:
    """A stable y-range: from the half point at or below the data, at least `span` scale points high
    (more only when the data need it), so that small wobbles do not look like large swings and every
    indicator and selection is drawn on the same scale. The axis title states the span."""
    v = pd.Series(np.asarray(values, dtype="float64")).dropna()
    if v.empty:
        return [lo, hi]
    bottom = max(lo, np.floor(v.min() * 2) / 2)
    top = min(hi, max(bottom + span, np.ceil(v.max() * 2) / 2))
    return [float(max(lo, top - max(span, top - bottom))), float(top)]


def trend(trend_rows: pd.DataFrame, code: str, name: str, view: View) -> go.Figure | None:
    """An indicator's mean per school year with a 95% CI band and the Landstal line."""
    df = one(trend_rows, code)
    if figures.nothing_shown(df):
        return None
    x = [fmt.school_year(y) for y in df["school_year"]]
    fig = go.Figure()
    figures.band(fig, x, MEAN.plot(df["ci_low"]), MEAN.plot(df["ci_high"]), PALETTE[0], view)
    fig.add_trace(go.Scatter(
        x=x, y=MEAN.plot(df["mean"]), mode="lines+markers", name=name, line=dict(color=PALETTE[0], width=3),
        marker=dict(size=9), customdata=np.column_stack([df["n"], MEAN.plot(df["ci_low"]), MEAN.plot(df["ci_high"])]),
        hovertemplate=f"%{{x}}: {MEAN.hover('y', view.lang)} {figures.ci_hover(MEAN, view, 'customdata[1]', 'customdata[2]')}, "
                      f"n=%{{customdata[0]:,.0f}}<extra></extra>"))
    figures.landstal(fig, x, df["landstal"], MEAN, view)
    ticks = [figures.with_n(lbl, n, s, view) for lbl, n, s in zip(x, df["n"], df["suppressed_why"])]
    fig.update_xaxes(tickvals=x, ticktext=ticks, type="category", tickangle=0,
                     tickfont_size=18 if view.projector else None)  # ten years side by side, never turned
    y_range = honest_range(np.r_[df["ci_low"], df["ci_high"], df["landstal"]])
    fig.update_yaxes(title_text=view.tr("Gennemsnit (skala 1-5; udsnit {a}-{b})", "Mean (scale 1-5; {a}-{b} shown)",
                                        a=MEAN.text(y_range[0], view.lang), b=MEAN.text(y_range[1], view.lang)),
                     **MEAN.axis(view.lang), range=y_range)
    return apply(fig, view, height=440)


def indicator_dots(trend_rows: pd.DataFrame, year: int, names: dict[str, str], view: View) -> go.Figure | None:
    """Each indicator's mean in `year` with its 95% CI, n in the label (Overblik)."""
    if figures.nothing_shown(trend_rows[trend_rows["school_year"] == year]):
        return None
    df = trend_rows[trend_rows["school_year"] == year].set_index("indicator_code").reindex(list(names)).iloc[::-1]
    hidden = df["suppressed"].astype("boolean").fillna(True).astype(bool)  # an indicator without rows: hidden
    labels = [figures.with_n(names[c], n, s, view, sep="  ") for c, n, s in zip(df.index, df["n"], hidden)]
    fig = go.Figure(figures.dots(labels, df["mean"], df["ci_low"], df["ci_high"], MEAN, view, size=14))
    fig.update_traces(mode="markers+text", text=[MEAN.text(m, view.lang) if m == m else "" for m in df["mean"]],
                      textposition="top center")
    fig.update_layout(showlegend=False)
    fig.update_yaxes(range=[-0.6, len(df) - 0.2])  # room above the top point's value label
    fig.update_xaxes(range=[1, 5], title_text=view.tr("Gennemsnit (1-5, 5 er bedst)", "Mean (1-5, 5 is best)"),
                     **MEAN.axis(view.lang))
    figures.grid(fig)
    return apply(fig, view, height=80 + 60 * len(df))


def bands(band_rows: pd.DataFrame, code: str, view: View) -> go.Figure | None:
    """100% stacked bars of the published bands per school year."""
    df = one(band_rows, code)
    if figures.nothing_shown(df):
        return None
    labels = [figures.with_n(fmt.school_year(y), n, s, view, sep="  ")
              for y, n, s in zip(df["school_year"], df["n"], df["suppressed_why"])]
    names = BAND_LABELS if view.lang == "da" else tuple(b.replace(",", ".") for b in BAND_LABELS)
    series = [(df[f"band{i}"], lbl, colour) for i, (lbl, colour) in enumerate(zip(names, BAND_COLOURS), start=1)]
    fig = figures.stacked_bars(labels, series, PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af eleverne", "Share of pupils"))
    return apply(fig, view, height=120 + 34 * len(df))


def funnel(f, view: View) -> go.Figure | None:
    """Institutions' means against their n, with 95% and 99.8% funnel limits around the mean."""
    if figures.nothing_shown(f.points) or f.centre != f.centre:
        return None
    fig = figures.funnel(f.points, f.curve, f.centre, "mean", MEAN,
                         view.tr("Gennemsnit {v}", "Mean {v}", v=MEAN.text(f.centre, view.lang)),
                         view.tr("Institution", "Institution"), view)
    fig.update_xaxes(title_text=view.tr("Antal besvarelser (n)", "Number of answers (n)"))
    fig.update_yaxes(title_text=view.tr("Gennemsnit", "Mean"))
    return fig


def heatmap(grid: pd.DataFrame, names: dict[str, str], view: View) -> go.Figure | None:
    """Klassetrin × indicator means, with n in each cell; hidden cells say so."""
    if figures.nothing_shown(grid):
        return None
    grades = sorted(grid["klassetrin"].unique())
    cells = grid.set_index(["indicator_code", "klassetrin"])
    z, text = [], []
    for code in names:
        z.append(list(MEAN.plot([cells["mean"].get((code, g), np.nan) for g in grades])))
        text.append([
            "" if (code, g) not in cells.index
            else fmt.suppressed(view.min_n, view.lang, cells.loc[(code, g), "suppressed_why"]).replace(" (", "<br>(")
            if cells.loc[(code, g), "suppressed"]
            else f"{MEAN.text(cells.loc[(code, g), 'mean'], view.lang)}<br>n={fmt.integer(cells.loc[(code, g), 'n'], view.lang)}"
            for g in grades])
    fig = go.Figure(go.Heatmap(
        z=z, x=[fmt.grade(g, view.lang) for g in grades], y=list(names.values()), text=text, texttemplate="%{text}",
        colorscale="Blues", zmin=3.0, zmax=4.5, hoverongaps=False,
        colorbar=dict(title=view.tr("Gns.", "Mean"), **MEAN.axis(view.lang)),
        hovertemplate=f"%{{y}}, %{{x}}: {MEAN.hover('z', view.lang)}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(plot_bgcolor=LIGHT_GREY)
    return apply(fig, view, height=110 + 70 * len(names))


def gender(df: pd.DataFrame, names: dict[str, str], view: View) -> go.Figure | None:
    """Boys and girls per indicator: means with 95% CI; n of both in the label."""
    if figures.nothing_shown(df):
        return None
    ticks = []
    for code, name in names.items():
        parts = []
        for g, who in (("dreng", view.tr("drenge", "boys")), ("pige", view.tr("piger", "girls"))):
            r = df[(df["indicator_code"] == code) & (df["gender"] == g)]
            parts.append(figures.with_n(who, r["n"].iloc[0] if len(r) else np.nan,
                                        True if r.empty else r["suppressed_why"].iloc[0], view, sep=" "))
        ticks.append(f"<b>{name}</b><br>{' · '.join(parts)}")
    fig = go.Figure()
    rows_at = np.arange(len(names), dtype="float64")
    for g, symbol, who, shift in (("dreng", "circle", view.tr("Drenge", "Boys"), -0.17),
                                  ("pige", "diamond", view.tr("Piger", "Girls"), 0.17)):
        rows = df[df["gender"] == g].set_index("indicator_code").reindex(list(names))
        trace = figures.dots(ticks, rows["mean"], rows["ci_low"], rows["ci_high"], MEAN, view, size=13,
                             colour=GENDER_COLOURS[g], symbol=symbol, name=who, hover_label=f"{who} %{{text}}")
        # boys just above, girls just below the indicator's line: equal means never hide one marker
        trace.update(y=rows_at + shift, text=list(names.values()))
        fig.add_trace(trace)
    fig.update_yaxes(tickvals=rows_at, ticktext=ticks, range=[len(names) - 0.5, -0.5])  # first indicator on top
    fig.update_xaxes(title_text=view.tr("Gennemsnit (1-5, 5 er bedst)", "Mean (1-5, 5 is best)"), **MEAN.axis(view.lang))
    figures.grid(fig)
    return apply(fig, view, height=120 + 80 * len(names))


def item_answers(df: pd.DataFrame, options: list[str], view: View) -> go.Figure | None:
    """Answer distribution of one question per school year (100% stacked, worst to best)."""
    if figures.nothing_shown(df):
        return None
    years = sorted(df["school_year"].unique())
    n = df.groupby("school_year")["n"].max()  # the year's n stands on each shown answer
    labels = [figures.with_n(fmt.school_year(y), n.get(y), pd.isna(n.get(y)), view, sep="  ") for y in years]
    share = df.set_index(["school_year", "value"])["share"]
    series = [([share.get((y, v), np.nan) for y in years], opt, colour)
              for v, (opt, colour) in enumerate(zip(options, diverging(len(options))), start=1)]
    fig = figures.stacked_bars(labels, series, PART, view)
    fig.update_xaxes(title_text=view.tr("Andel af svarene", "Share of answers"))
    return apply(fig, view, height=140 + 34 * len(years))
