"""Chart builders: a tidy DataFrame in, a Plotly figure out. They never query and never compute
statistics; n and suppression are drawn on every chart."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import fmt
from ui.i18n import tr
from ui.theme import BAND_COLOURS, GENDER_COLOURS, GREY, LIGHT_GREY, PALETTE, apply

BAND_LABELS = ("1,0-2,0", "2,1-3,0", "3,1-4,0", "4,1-5,0")



def trend(df: pd.DataFrame, title: str, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Mean per school year with a 95% CI band and the Landstal line; df: one indicator's rows of
    queries.trivsel.indicator_trend."""
    df = df.sort_values("school_year")
    x = [fmt.school_year(int(y)) for y in df["school_year"]]
    ticks = [f"{lbl}<br>n={fmt.integer(n, lang)}" if not sup else f"{lbl}<br>{fmt.suppressed(min_n, lang)}"
             for lbl, n, sup in zip(x, df["n"], df["suppressed"])]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x + x[::-1], y=list(df["ci_high"]) + list(df["ci_low"])[::-1], fill="toself",
                             fillcolor="rgba(0,114,178,0.18)", line=dict(width=0), hoverinfo="skip",
                             name=tr(lang, "95 %-konfidensinterval", "95% confidence interval")))
    fig.add_trace(go.Scatter(
        x=x, y=df["mean"], mode="lines+markers", name=title, line=dict(color=PALETTE[0], width=3),
        marker=dict(size=9), customdata=df[["n", "ci_low", "ci_high"]].to_numpy(),
        hovertemplate="%{x}: %{y:.2f} (95 %-KI %{customdata[1]:.2f}-%{customdata[2]:.2f}), n=%{customdata[0]:,.0f}<extra></extra>"))
    if "landstal" in df and df["landstal"].notna().any():
        fig.add_trace(go.Scatter(x=x, y=df["landstal"], mode="lines", name=tr(lang, "Landstal", "National"),
                                 line=dict(color=GREY, dash="dash", width=2)))
    fig.update_xaxes(tickvals=x, ticktext=ticks, type="category", tickangle=0,
                     tickfont_size=18 if projector else None)  # ten years side by side, never turned
    fig.update_yaxes(title_text=tr(lang, "Gennemsnit (1-5)", "Mean (1-5)"), tickformat=".2f",
                     range=honest_range(pd.concat([df["ci_low"], df["ci_high"], df.get("landstal", df["mean"])])))
    return apply(fig, projector, height=440)


def honest_range(values: pd.Series, min_span: float = 0.6, lo: float = 1.0, hi: float = 5.0) -> list[float]:
    """A y-range around the data that is never narrower than `min_span` scale points, so that small
    wobbles do not look like large swings."""
    v = values.dropna()
    if v.empty:
        return [lo, hi]
    centre, span = (v.min() + v.max()) / 2, max(min_span, (v.max() - v.min()) * 1.2)
    return [max(lo, centre - span / 2), min(hi, centre + span / 2)]


def kpi_bars(df: pd.DataFrame, names: dict[str, str], lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Latest mean of each indicator with its 95% CI as a horizontal dot-and-whisker chart."""
    df = df.iloc[::-1]
    labels = [f"{names[c]}  (n={fmt.integer(n, lang)})" if not s else f"{names[c]}  ({fmt.suppressed(min_n, lang)})"
              for c, n, s in zip(df["indicator_code"], df["n"], df["suppressed"])]
    fig = go.Figure(go.Scatter(
        x=df["mean"], y=labels, mode="markers+text", marker=dict(size=14, color=PALETTE[0]),
        text=[fmt.num(m, 2, lang) for m in df["mean"]], textposition="top center",
        error_x=dict(type="data", symmetric=False, array=df["ci_high"] - df["mean"],
                     arrayminus=df["mean"] - df["ci_low"], thickness=2, width=6), showlegend=False))
    fig.update_yaxes(range=[-0.6, len(df) - 0.2])  # room above the top point's value label
    fig.update_xaxes(range=[1, 5], title_text=tr(lang, "Gennemsnit (1-5, 5 er bedst)", "Mean (1-5, 5 is best)"),
                     tickformat=".1f", showgrid=True, gridcolor="#E5E5E5")
    return apply(fig, projector, height=80 + 60 * len(df))


def bands(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """100% stacked bars of the published bands per school year; df: one indicator of band_distribution."""
    df = df.sort_values("school_year")
    y = [f"{fmt.school_year(int(yr))}  n={fmt.integer(n, lang)}" if not s
         else f"{fmt.school_year(int(yr))}  {fmt.suppressed(min_n, lang)}"
         for yr, n, s in zip(df["school_year"], df["n"], df["suppressed"])]
    fig = go.Figure()
    for i, (lbl, colour) in enumerate(zip(BAND_LABELS, BAND_COLOURS), start=1):
        share = df[f"band{i}"]
        fig.add_trace(go.Bar(y=y, x=share, orientation="h", name=lbl, marker_color=colour,
                             text=[fmt.pct(v, 0, lang) if pd.notna(v) and v >= 0.04 else "" for v in share],
                             textposition="inside", insidetextanchor="middle",
                             hovertemplate=f"{lbl}: %{{x:.1%}}<extra></extra>"))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text=tr(lang, "Andel af eleverne", "Share of pupils"))
    return apply(fig, projector, height=120 + 34 * len(df))


def funnel_frame(curve: pd.DataFrame, centre: float, centre_label: str, lang: str) -> go.Figure:
    """An empty funnel plot: 99.8% (dotted) and 95% (dashed) limits over n, and the centre line.
    The caller adds its points (means, rates, ...) on top."""
    fig = go.Figure()
    for lo, hi, name, dash in (("lower998", "upper998", tr(lang, "99,8 %-grænse", "99.8% limit"), "dot"),
                               ("lower95", "upper95", tr(lang, "95 %-grænse", "95% limit"), "dash")):
        for col, legend in ((lo, True), (hi, False)):
            fig.add_trace(go.Scatter(x=curve["n"], y=curve[col], mode="lines", line=dict(color=GREY, dash=dash, width=1.5),
                                     name=name, showlegend=legend, legendgroup=name, hoverinfo="skip"))
    fig.add_hline(y=centre, line=dict(color="#1A1A1A", width=1.5), annotation_text=centre_label,
                  annotation_position="top right")
    return fig


def funnel(points: pd.DataFrame, curve: pd.DataFrame, centre: float, lang: str, projector: bool = False) -> go.Figure:
    """Institutions' means against their n, with 95% and 99.8% funnel limits around the centre."""
    shown = points[~points["suppressed"]]
    fig = funnel_frame(curve, centre, tr(lang, "gennemsnit {v}", "mean {v}", v=fmt.num(centre, 2, lang)), lang)
    outside = shown["position"].isin(["above_95", "above_998", "below_95", "below_998"])
    colours = [PALETTE[5] if o else PALETTE[0] for o in outside]
    fig.add_trace(go.Scatter(
        x=shown["n"], y=shown["mean"], mode="markers", marker=dict(size=11, color=colours, line=dict(width=1, color="white")),
        text=shown["institution"], name=tr(lang, "Institution", "Institution"),
        hovertemplate="%{text}<br>%{y:.2f}, n=%{x:,.0f}<extra></extra>"))
    fig.update_xaxes(title_text=tr(lang, "Antal besvarelser (n)", "Number of answers (n)"), rangemode="tozero")
    fig.update_yaxes(title_text=tr(lang, "Gennemsnit", "Mean"), tickformat=".1f")
    return apply(fig, projector, height=460)


def heatmap(df: pd.DataFrame, names: dict[str, str], order: list[str], lang: str, min_n: int,
            projector: bool = False) -> go.Figure:
    """Klassetrin x indicator means, with n in each cell; suppressed cells say so."""
    grades = sorted(df["klassetrin"].unique())
    z, text = [], []
    for code in order:
        rows = df[df["indicator_code"] == code].set_index("klassetrin")
        z.append([rows["mean"].get(g) if g in rows.index else None for g in grades])
        text.append([
            (fmt.suppressed(min_n, lang) if rows.loc[g, "suppressed"]
             else f"{fmt.num(rows.loc[g, 'mean'], 2, lang)}<br>n={fmt.integer(rows.loc[g, 'n'], lang)}")
            if g in rows.index else "" for g in grades])
    fig = go.Figure(go.Heatmap(
        z=z, x=[fmt.grade(g, lang) for g in grades], y=[names[c] for c in order], text=text,
        texttemplate="%{text}", colorscale="Blues", zmin=3.0, zmax=4.5,
        colorbar=dict(title=tr(lang, "Gns.", "Mean"), tickformat=".1f"), hoverongaps=False,
        hovertemplate="%{y}, %{x}: %{z:.2f}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(plot_bgcolor=LIGHT_GREY)
    return apply(fig, projector, height=110 + 70 * len(order))


def gender(df: pd.DataFrame, names: dict[str, str], order: list[str], lang: str, min_n: int,
           projector: bool = False) -> go.Figure:
    """Boys and girls per indicator: means with 95% CI, n in the legend/hover."""
    fig = go.Figure()
    for g, offset in (("dreng", -0.12), ("pige", 0.12)):
        rows = df[df["gender"] == g].set_index("indicator_code").reindex(order)
        label_g = tr(lang, "Drenge", "Boys") if g == "dreng" else tr(lang, "Piger", "Girls")
        ns = rows["n"]
        ylabels = [names[c] for c in order]  # n goes into the axis label below
        fig.add_trace(go.Scatter(
            x=rows["mean"], y=ylabels, mode="markers", name=label_g,
            marker=dict(size=13, color=GENDER_COLOURS[g], symbol="circle" if g == "dreng" else "diamond"),
            error_x=dict(type="data", symmetric=False, array=rows["ci_high"] - rows["mean"],
                         arrayminus=rows["mean"] - rows["ci_low"], thickness=2, width=5),
            customdata=ns, hovertemplate=label_g + " %{y}: %{x:.2f}, n=%{customdata:,.0f}<extra></extra>"))
    ticks = []
    for c in order:
        parts = []
        for g in ("dreng", "pige"):
            r = df[(df["indicator_code"] == c) & (df["gender"] == g)]
            who = tr(lang, "drenge", "boys") if g == "dreng" else tr(lang, "piger", "girls")
            parts.append(f"{who} " + (fmt.suppressed(min_n, lang) if r.empty or bool(r["suppressed"].iloc[0])
                                      else f"n={fmt.integer(r['n'].iloc[0], lang)}"))
        ticks.append(f"<b>{names[c]}</b><br>{' · '.join(parts)}")
    fig.update_yaxes(autorange="reversed", tickvals=[names[c] for c in order], ticktext=ticks)
    fig.update_xaxes(title_text=tr(lang, "Gennemsnit (1-5, 5 er bedst)", "Mean (1-5, 5 is best)"), tickformat=".1f",
                     showgrid=True, gridcolor="#E5E5E5")
    return apply(fig, projector, height=120 + 80 * len(order))


def item_answers(df: pd.DataFrame, options: list[str], lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Answer distribution of one question per school year (100% stacked, worst to best)."""
    years = sorted(df["school_year"].unique())
    per_year = df.groupby("school_year").agg(n=("n", "first"), suppressed=("suppressed", "first"))
    y = [f"{fmt.school_year(int(yr))}  n={fmt.integer(per_year.loc[yr, 'n'], lang)}" if not per_year.loc[yr, "suppressed"]
         else f"{fmt.school_year(int(yr))}  {fmt.suppressed(min_n, lang)}" for yr in years]
    colours = BAND_COLOURS if len(options) == 4 else (
        [BAND_COLOURS[0], BAND_COLOURS[1], "#D1E5F0", BAND_COLOURS[2], BAND_COLOURS[3]] if len(options) == 5
        else [BAND_COLOURS[0], "#D1E5F0", BAND_COLOURS[3]])
    fig = go.Figure()
    for value, (opt, colour) in enumerate(zip(options, colours), start=1):
        share = [df[(df["school_year"] == yr) & (df["value"] == value)]["share"].sum(min_count=1) for yr in years]
        fig.add_trace(go.Bar(y=y, x=share, orientation="h", name=opt, marker_color=colour,
                             text=[fmt.pct(v, 0, lang) if pd.notna(v) and v >= 0.05 else "" for v in share],
                             textposition="inside", hovertemplate=f"{opt}: %{{x:.1%}}<extra></extra>"))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text=tr(lang, "Andel af svarene", "Share of answers"))
    return apply(fig, projector, height=140 + 34 * len(years))
