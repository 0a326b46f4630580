"""Chart builders for the Effekt page: a query frame in (queries.effekt), a Plotly figure out.
They never query and never compute statistics; n and suppression are drawn on every chart."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import fmt
from ui.i18n import tr
from ui.theme import BAND_COLOURS, GREY, PALETTE, apply, row_height

GOOD, MIDDLE, BAD = BAND_COLOURS[3], "#BDBDBD", BAND_COLOURS[0]  # blue = better, red = worse (CB safe)


def _wrap(text: str) -> str:
    """An intervention name over lines of at most 42 characters, for an axis label."""
    return fmt.lines(text, 42)


def _label(row, lang: str, min_n: int, n_text: str | None = None) -> str:
    name = f"<b>{_wrap(row['name'])}</b>" if row["level"] != "indsats" else _wrap(row["name"])
    if row["suppressed"]:
        return f"{name}<br>{fmt.suppressed(min_n, lang)}"
    return f"{name}<br>{n_text or 'n=' + fmt.integer(row['n'], lang)}"


def _fit(fig: go.Figure, labels: list[str], projector: bool, extra: int = 140) -> go.Figure:
    """Theme and size a chart with one labelled row per intervention: every row is as tall as its
    longest label needs at this view's font size (names wrap over two lines, n under them)."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return apply(fig, projector, height=extra, rows_height=max(len(labels), 1) * row_height(lines, projector))


def _stacked_bars(df: pd.DataFrame, labels: list[str], series, projector: bool, *, scale: float, write,
                  hover: str) -> go.Figure:
    """Stacked horizontal bars, one per label, of the columns in `series` ((column, name, colour), ...).
    A value is written in its bar (`write`), level, only where the bar is wide enough for it at this
    view's font size: 4% of the axis (`scale`) on screen, 10% on the projector; the tooltip has it all."""
    room = (0.10 if projector else 0.04) * scale
    fig = go.Figure()
    for col, name, colour in series:
        fig.add_trace(go.Bar(y=labels, x=df[col], orientation="h", name=name, marker_color=colour,
                             text=[write(v) if pd.notna(v) and v > 0 and v >= room else "" for v in df[col]],
                             textposition="inside", insidetextanchor="middle", textangle=0,
                             hovertemplate=f"{name}: %{{x{hover}}}<extra></extra>"))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    return fig


def _share_bars(df: pd.DataFrame, labels: list[str], series, lang: str, projector: bool) -> go.Figure:
    """Stacked 100% bars of the shares in `series`."""
    return _stacked_bars(df, labels, series, projector, scale=1.0, write=lambda v: fmt.pct(v, 0, lang), hover=":.0%")


def overview(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Per intervention: forløb measured after / still running / ended without an after score
    (attrition), stacked to the number started; 'målt før' in the label. df: queries.effekt.overview
    rows of level indsats (the totals are in the headline and the method table)."""
    df = df[df["level"] == "indsats"].iloc[::-1]
    labels = [_label(r, lang, min_n, tr(lang, "startet {s} · målt før {b}", "started {s} · measured before {b}",
                                        s=fmt.integer(r["n_started"], lang), b=fmt.integer(r["n_before"], lang)))
              for _, r in df.iterrows()]
    series = (("n_after", tr(lang, "Målt efter", "Measured after"), GOOD),
              ("n_ongoing", tr(lang, "Stadig i gang", "Still running"), MIDDLE),
              ("n_dropout", tr(lang, "Frafald: afsluttet uden eftermåling", "Attrition: ended, not measured after"), BAD))
    widest = float(df["n_started"].max()) if df["n_started"].notna().any() else 1.0
    fig = _stacked_bars(df, labels, series, projector, scale=widest, write=lambda v: fmt.integer(v, lang), hover="")
    fig.update_xaxes(title_text=tr(lang, "Antal forløb", "Number of forløb (courses)"), showgrid=True, gridcolor="#E5E5E5")
    fig.update_yaxes(automargin=True)
    return _fit(fig, labels, projector)


def forest(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Forest plot of Hedges' g (positive = better) with 95% CI per intervention; the total as a
    diamond. df: queries.effekt.change."""
    df = df.iloc[::-1]
    labels = [_label(r, lang, min_n, tr(lang, "n={n} · før {a} → efter {b}", "n={n} · before {a} → after {b}",
                                        n=fmt.integer(r["n"], lang), a=fmt.num(r["mean_pre"], 1, lang),
                                        b=fmt.num(r["mean_post"], 1, lang)))
              for _, r in df.iterrows()]
    total = (df["level"] == "alle").to_numpy()
    fig = go.Figure()
    for mask, symbol, colour, size, name in ((~total, "square", PALETTE[0], 12, tr(lang, "Indsats", "Intervention")),
                                             (total, "diamond", "#1A1A1A", 16, tr(lang, "Alle indsatser", "All interventions"))):
        part = df[mask]
        fig.add_trace(go.Scatter(
            x=part["g"], y=[lbl for lbl, m in zip(labels, mask) if m], mode="markers", name=name,
            marker=dict(symbol=symbol, size=size, color=colour),
            error_x=dict(type="data", symmetric=False, array=part["g_high"] - part["g"],
                         arrayminus=part["g"] - part["g_low"], thickness=2, width=6),
            customdata=part[["g_low", "g_high", "n"]].to_numpy(),
            hovertemplate="g = %{x:.2f} (95 %-KI %{customdata[0]:.2f} til %{customdata[1]:.2f}), n=%{customdata[2]:,.0f}<extra></extra>"))
    fig.add_vline(x=0, line=dict(color=GREY, width=1.5))
    for x, text, anchor in ((-0.02, tr(lang, "← dårligere", "← worse"), "right"), (0.02, tr(lang, "bedre →", "better →"), "left")):
        fig.add_annotation(x=x, y=1.0, yref="paper", yanchor="bottom", xanchor=anchor, text=text, showarrow=False,
                           font=dict(color=GREY))
    fig.update_xaxes(title_text=tr(lang, "Effektstørrelse (Hedges' g, 95 %-KI)", "Effect size (Hedges' g, 95% CI)"),
                     zeroline=False, showgrid=True, gridcolor="#E5E5E5", tickformat=".1f")
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return _fit(fig, labels, projector)


def reliable(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """100% bars: reliably improved / unchanged / reliably worsened; the share that crossed the
    clinical cut-off in the label. df: queries.effekt.reliable_change."""
    df = df.iloc[::-1]

    def cross(r):
        if r["suppressed"] or pd.isna(r["crossed"]):
            return f"n={fmt.integer(r['n'], lang)}" if not r["suppressed"] else None
        return tr(lang, "n={n} · krydsede grænsen: {p} af {c}", "n={n} · crossed the cut-off: {p} of {c}",
                  n=fmt.integer(r["n"], lang), p=fmt.pct(r["crossed"], 0, lang), c=fmt.integer(r["n_clinical_pre"], lang))

    labels = [_label(r, lang, min_n, cross(r)) for _, r in df.iterrows()]
    fig = _share_bars(df, labels, (("improved", tr(lang, "Pålideligt forbedret", "Reliably improved"), GOOD),
                                   ("unchanged", tr(lang, "Uændret", "Unchanged"), MIDDLE),
                                   ("worsened", tr(lang, "Pålideligt forværret", "Reliably worsened"), BAD)),
                      lang, projector)
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text=tr(lang, "Andel af forløb med før- og eftermåling",
                                                                     "Share of forløb measured before and after"))
    fig.update_yaxes(automargin=True)
    return _fit(fig, labels, projector)


def goal_bars(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """100% bars of goals achieved / partly / not per intervention. df: queries.effekt.goals."""
    df = df.iloc[::-1]
    labels = [_label(r, lang, min_n, tr(lang, "{g} mål · {c} børn", "{g} goals · {c} children",
                                        g=fmt.integer(r["n_goals"], lang), c=fmt.integer(r["n_children"], lang)))
              for _, r in df.iterrows()]
    fig = _share_bars(df, labels, (("opnaaet", tr(lang, "Opnået", "Achieved"), GOOD),
                                   ("delvist", tr(lang, "Delvist", "Partly"), BAND_COLOURS[2]),
                                   ("ikke", tr(lang, "Ikke opnået", "Not achieved"), BAD)), lang, projector)
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title_text=tr(lang, "Andel af de vurderede mål", "Share of rated goals"))
    fig.update_yaxes(automargin=True)
    return _fit(fig, labels, projector)


def gas_forest(df: pd.DataFrame, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Mean GAS T-score with 95% CI per intervention, with the expected level T = 50 marked."""
    df = df[df["n_gas"].notna() | df["gas_suppressed"]].iloc[::-1]
    df = df[(df["gas_t"].notna()) | df["gas_suppressed"]]
    labels = [(f"<b>{_wrap(r['name'])}</b>" if r["level"] == "alle" else _wrap(r["name"])) + "<br>" +
              (fmt.suppressed(min_n, lang) if r["gas_suppressed"] else f"n={fmt.integer(r['n_gas'], lang)}")
              for _, r in df.iterrows()]
    colours = ["#1A1A1A" if lv == "alle" else PALETTE[0] for lv in df["level"]]
    fig = go.Figure(go.Scatter(
        x=df["gas_t"], y=labels, mode="markers", marker=dict(size=13, color=colours,
                                                             symbol=["diamond" if lv == "alle" else "square" for lv in df["level"]]),
        error_x=dict(type="data", symmetric=False, array=df["gas_t_high"] - df["gas_t"],
                     arrayminus=df["gas_t"] - df["gas_t_low"], thickness=2, width=6),
        hovertemplate="T = %{x:.1f}<extra></extra>", showlegend=False))
    fig.add_vline(x=50, line=dict(color=GREY, width=1.5, dash="dash"),
                  annotation_text=tr(lang, "50 = som forventet", "50 = as expected"), annotation_position="top")
    fig.update_xaxes(title_text=tr(lang, "GAS T-score (95 %-KI)", "GAS T-score (95% CI)"), showgrid=True,
                     gridcolor="#E5E5E5", tickformat=".0f")
    fig.update_yaxes(automargin=True)
    return _fit(fig, labels, projector)


def cohorts(df: pd.DataFrame, name: str, unit: str, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """The outcome by start year for one intervention (df: its rows of queries.effekt.cohorts) and,
    in grey, for all interventions (`all_rows`, passed in the same frame with level 'alle')."""
    fig = go.Figure()
    years = sorted(df["start_year"].unique())
    x_all = [fmt.school_year(int(y)) for y in years]
    focus_level = "indsats" if (df["level"] == "indsats").any() else "alle"
    for level, colour, width, title in (("alle", GREY, 2, tr(lang, "Alle indsatser", "All interventions")),
                                        ("indsats", PALETTE[0], 3, name)):
        part = df[df["level"] == level].set_index("start_year").reindex(years)
        if part["name"].isna().all():
            continue
        bars = dict(type="data", symmetric=False, array=part["ci_high"] - part["mean"],
                    arrayminus=part["mean"] - part["ci_low"], thickness=1.5, width=5, color=colour)
        fig.add_trace(go.Scatter(x=x_all, y=part["mean"], mode="lines+markers", name=title,
                                 line=dict(color=colour, width=width, dash="dot" if level != focus_level else "solid"),
                                 marker=dict(size=9), error_y=bars if level == focus_level else None,
                                 connectgaps=False, customdata=part[["n", "ci_low", "ci_high"]].to_numpy(),
                                 hovertemplate="%{x}: %{y:.1f} (95 %-KI %{customdata[1]:.1f} til %{customdata[2]:.1f}), "
                                               "n=%{customdata[0]:,.0f}<extra></extra>"))
    focus = df[df["level"] == focus_level].set_index("start_year").reindex(years)
    ticks = [f"{lbl}<br>" + (fmt.suppressed(min_n, lang) if pd.isna(r["n"]) else f"n={fmt.integer(r['n'], lang)}")
             for lbl, (_, r) in zip(x_all, focus.iterrows())]
    fig.update_xaxes(tickvals=x_all, ticktext=ticks, type="category",
                     title_text=tr(lang, "Skoleår forløbet startede (kohorte)", "School year the forløb started (cohort)"))
    fig.update_yaxes(title_text=unit, zeroline=True, zerolinecolor=GREY)
    return apply(fig, projector, height=440)


def compare(df: pd.DataFrame, labels: list[str], unit: str, lang: str, min_n: int, projector: bool = False) -> go.Figure:
    """Two groups' mean outcome with 95% CI. df: queries.effekt.compare; labels: names of a and b."""
    ys = [f"{_wrap(lbl)}<br>" + (fmt.suppressed(min_n, lang) if r["suppressed"] else f"n={fmt.integer(r['n'], lang)}")
          for lbl, (_, r) in zip(labels, df.iterrows())]
    fig = go.Figure(go.Scatter(
        x=df["mean"], y=ys, mode="markers", marker=dict(size=15, color=[PALETTE[0], PALETTE[1]]),
        customdata=df[["ci_low", "ci_high"]].to_numpy(),
        hovertemplate="%{x:.1f} (95 %-KI %{customdata[0]:.1f} til %{customdata[1]:.1f})<extra></extra>",
        error_x=dict(type="data", symmetric=False, array=df["ci_high"] - df["mean"],
                     arrayminus=df["mean"] - df["ci_low"], thickness=2, width=6), showlegend=False))
    fig.update_xaxes(title_text=unit, showgrid=True, gridcolor="#E5E5E5", zeroline=True, zerolinecolor=GREY)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return apply(fig, projector, height=300)
