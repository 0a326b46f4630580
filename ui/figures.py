"""The pieces every chart is built from: n under a label, a 95% band, a dot with its interval, stacked
bars, the funnel. Domain charts (ui/<domain>/charts.py) put these together; none of them queries or
computes statistics."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.crossfilter import Narrow
from ui import fmt
from ui.measures import Measure
from ui.theme import GREY, GRID, INK, LIGHT_GREY, OUTLIER, PALETTE, apply, rgba, row_height
from ui.view import View



def nothing_shown(df: pd.DataFrame) -> bool:
    """True when no row of a query frame may be drawn (none, or every one hidden): then a chart
    builder returns None and the section says so in a sentence instead of drawing empty axes."""
    return df.empty or bool(df["suppressed"].astype(bool).all())


def with_n(label: str, n, hidden, view: View, sep: str = "<br>", prefix: str = "n=") -> str:
    """'2023/24<br>n=1.234', or the label with "ikke vist (færre end 5)" when the group is hidden.
    `hidden`: a query frame's why column ('small', 'protect', None) or a plain yes/no. `prefix` ''
    where the axis title says what the number is (ten five-digit counts side by side)."""
    why = hidden if isinstance(hidden, str) else None
    if why or (hidden is not None and hidden == hidden and bool(hidden)) or pd.isna(n):
        if sep == "<br>":  # under a tick: two short lines ('ikke vist', '(n<5)'), so ten neighbours never collide
            short = {"small": f"(n<{view.min_n})", "protect": view.tr("(beskytter)", "(protects)")}.get(why, "")
            return f"{label}<br>{fmt.suppressed(view.min_n, view.lang)}" + (f"<br>{short}" if short else "")
        return f"{label}{sep}{fmt.suppressed(view.min_n, view.lang, why)}"
    return f"{label}{sep}{prefix}{fmt.integer(n, view.lang)}"


def ci_hover(measure: Measure, view: View, low: str, high: str) -> str:
    """'(95 %-KI 67,4 %–85,0 %)' for a hovertemplate whose variables `low`/`high` hold the interval."""
    return f"({view.tr('95 %-KI', '95% CI')} {measure.hover(low, view.lang)}–{measure.hover(high, view.lang)})"


def axis_top(values, floor: float, ceiling: float = 100.0, room: float = 1.0) -> float:
    """The upper end of an axis: the largest value times `room`, within `floor` and `ceiling`."""
    v = np.asarray(values, dtype="float64")
    v = v[~np.isnan(v)]
    return min(ceiling, max(floor, float(v.max()) * room)) if len(v) else floor


def interval(value, low, high, *, colour: str | None = None, thickness: float = 2, width: int = 6) -> dict:
    """An asymmetric error bar from a value to its interval (for error_x or error_y)."""
    value, low, high = (np.asarray(v, dtype="float64") for v in (value, low, high))
    bar = dict(type="data", symmetric=False, array=high - value, arrayminus=value - low, thickness=thickness, width=width)
    return {**bar, "color": colour} if colour else bar


def band(fig: go.Figure, x, low, high, colour: str, view: View, *, steps: bool = False) -> None:
    """A shaded 95% confidence band between `low` and `high` over `x` (as steps for a step curve)."""
    x, low, high = list(x), list(low), list(high)
    if steps:  # constant from one x to the next, like the curve
        x = [v for i, t in enumerate(x) for v in ((t, x[i + 1]) if i + 1 < len(x) else (t, t + 0.25))]
        low, high = [v for v in low for _ in (0, 1)], [v for v in high for _ in (0, 1)]
    fig.add_trace(go.Scatter(x=x + x[::-1], y=high + low[::-1], fill="toself", fillcolor=rgba(colour, 0.18),
                             mode="lines", line=dict(width=0), hoverinfo="skip",
                             name=view.tr("95 %-konfidensinterval", "95% confidence interval")))


def dots(labels: list[str], value, low, high, measure: Measure, view: View, *, colour=PALETTE[0], size: int = 12,
         name: str = "", symbol="circle", hover_label: str = "%{y}") -> go.Scatter:
    """Horizontal dots with their 95% intervals, one per label (a value drawn in `measure`'s units)."""
    v, lo, hi = (measure.plot(a) for a in (value, low, high))
    return go.Scatter(
        x=v, y=labels, mode="markers", name=name, marker=dict(size=size, color=colour, symbol=symbol),
        error_x=interval(v, lo, hi), customdata=np.column_stack([lo, hi]) if len(v) else None,
        hovertemplate=f"{hover_label}: {measure.hover('x', view.lang)} "
                      f"{ci_hover(measure, view, 'customdata[0]', 'customdata[1]')}<extra></extra>")


TALL = 12  # rows from which a chart repeats its scale at the top


def category_rows(fig: go.Figure, labels: list[str], view: View, extra: int = 140) -> go.Figure:
    """Theme and size a chart with one labelled row per category: every row is as tall as its
    longest label needs at this view's font size. A chart of more than TALL rows repeats its scale
    at the top, so the first rows can be read without scrolling to the axis."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    fig.update_yaxes(automargin=True)
    fig = apply(fig, view, height=extra, rows_height=max(len(labels), 1) * row_height(lines, view))
    if len(labels) > TALL:
        scale_on_top(fig)
    return fig


def scale_on_top(fig: go.Figure) -> None:
    """The x scale once more above the chart: a second axis bound to the first (same range and ticks),
    carried by an invisible point (Plotly draws no axis without a trace)."""
    x = fig.layout.xaxis
    fig.update_layout(xaxis2=dict(matches="x", overlaying="x", side="top", showgrid=False, zeroline=False,
                                  tickformat=x.tickformat, ticksuffix=x.ticksuffix, separatethousands=x.separatethousands,
                                  tickfont=x.tickfont, showline=False))
    first = next((t for t in fig.data if getattr(t, "x", None) is not None and len(t.x)), None)
    if first is not None:
        fig.add_trace(go.Scatter(x=[first.x[0]], y=[first.y[0]], xaxis="x2", mode="markers", opacity=0,
                                 showlegend=False, hoverinfo="skip"))


def landstal(fig: go.Figure, x, values, measure: Measure, view: View) -> None:
    """The national figure as a grey dashed line named 'Landstal', where there is one (nothing when
    the series has none)."""
    if pd.notna(values).any():
        fig.add_trace(go.Scatter(x=x, y=measure.plot(values), mode="lines", name=view.tr("Landstal", "National"),
                                 line=dict(color=GREY, dash="dash", width=2),
                                 hovertemplate=f"%{{x}}: {measure.hover('y', view.lang)}<extra></extra>"))


def stacked_bars(labels: list[str], series, measure: Measure, view: View, *, widest: float | None = None,
                 totals=None) -> go.Figure:
    """Horizontal bars, one per label, stacked from `series` ((values, name, colour), ...). A value is
    written in its bar, level, only where the bar has room for it at this view's font size (4 % of
    the axis on screen, 10 % on the projector); the tooltip has every value. Each bar adds up to its
    `totals` (100 % for shares): where parts are hidden, a marked piece shows the rest."""
    scale = 100.0 if measure.unit == "percent" else (widest or 1.0)
    room = (0.10 if view.projector else 0.04) * scale
    fig = go.Figure()
    for values, name, colour in series:
        v = measure.plot(values)
        fig.add_trace(go.Bar(
            y=labels, x=v, orientation="h", name=name, marker_color=colour,
            text=[measure.text(x / 100 if measure.unit == "percent" else x, view.lang) if x == x and 0 < x and x >= room
                  else "" for x in v],
            textposition="inside", insidetextanchor="middle", textangle=0,
            hovertemplate=f"{name}: {measure.hover('x', view.lang)}<extra></extra>"))
    if measure.unit == "percent" or totals is not None:
        whole = np.full(len(labels), 100.0) if totals is None else np.asarray(measure.plot(totals), dtype=float)
        _not_shown_rest(fig, labels, [measure.plot(values) for values, _, _ in series], whole, view)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    if measure.unit == "percent":
        fig.update_xaxes(range=[0, 100], **measure.axis(view.lang))
    return fig


def _not_shown_rest(fig: go.Figure, labels: list[str], parts: list, whole: np.ndarray, view: View) -> None:
    """Where a shown bar has parts that are not shown, a hatched grey piece fills it to its whole (100 %,
    or the shown total), named in the legend: the reader sees that something is hidden, not a bar that
    stops short. The piece is the whole minus the shown parts, which anyone can work out from the bar
    and its label anyway, so it tells nothing about which hidden part is how big. A bar with no part
    shown, or without a shown whole, stays as it is (its label says why)."""
    values = np.array(parts, dtype=float)  # parts x bars
    hidden = np.isnan(values)
    partly = hidden.any(axis=0) & ~hidden.all(axis=0) & ~np.isnan(whole)
    if not partly.any():
        return
    shown = np.nansum(values, axis=0)
    rest = np.where(partly, np.maximum(whole - shown, 0), np.nan)
    name = view.tr("Ikke vist (lille gruppe)", "Not shown (small group)")
    # an explicit base: Plotly's stack would start the piece at 0 on a bar with a gap (NaN) before it
    fig.add_trace(go.Bar(y=labels, x=rest, base=shown, orientation="h", name=name,
                         marker=dict(color=LIGHT_GREY, pattern=dict(shape="/", fgcolor=GREY, solidity=0.2)),
                         hovertemplate=f"{name}<extra></extra>"))


def funnel(points: pd.DataFrame, curve: pd.DataFrame, centre: float, value: str, measure: Measure,
           centre_text: str, point_name: str, view: View) -> go.Figure:
    """A funnel plot: the institutions' `value` against their n, with the 99.8 % (dotted) and 95 %
    (dashed) limits around the centre. Points that differ beyond noise after the false discovery rate is
    controlled (the query's `outlier`) are coloured; their names are listed under the chart
    (ui.headlines.funnel_outliers), not piled on the plot."""
    fig = go.Figure()
    for lo, hi, name, dash in (("lower998", "upper998", view.tr("99,8 %-grænse", "99.8% limit"), "dot"),
                               ("lower95", "upper95", view.tr("95 %-grænse", "95% limit"), "dash")):
        for col, legend in ((lo, True), (hi, False)):
            fig.add_trace(go.Scatter(x=curve["n"], y=measure.plot(curve[col]), mode="lines", hoverinfo="skip",
                                     line=dict(color=GREY, dash=dash, width=1.5), name=name, showlegend=legend,
                                     legendgroup=name))
    level = float(measure.plot([centre])[0])  # in the legend, not written on the plot where it covered points
    fig.add_trace(go.Scatter(x=[0, float(curve["n"].max()) if len(curve) else 1], y=[level, level], mode="lines",
                             line=dict(color=INK, width=1.5), name=centre_text, hoverinfo="skip"))
    shown = points[~points["suppressed"]]
    outside = shown["outlier"].isin(["above", "below"]).to_numpy()
    for rows, colour, name in ((shown[~outside], PALETTE[0], point_name),
                               (shown[outside], OUTLIER, view.tr("Afviger mere end tilfældigt", "Differs more than chance"))):
        fig.add_trace(go.Scatter(  # one trace per colour, so the legend explains both
            x=rows["n"], y=measure.plot(rows[value]), mode="markers", name=name, showlegend=True,
            marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
            customdata=rows[["institution"]].to_numpy(),
            hovertemplate=f"%{{customdata[0]}}<br>{measure.hover('y', view.lang)}, n=%{{x:,.0f}}<extra></extra>"))
    fig.update_xaxes(title_text=view.tr("Antal (n)", "Number (n)"), rangemode="tozero")
    fig.update_yaxes(**measure.axis(view.lang))
    return apply(fig, view, height=460)


def funnel_narrow(points: pd.DataFrame) -> Narrow | None:
    """The funnel's institutions as values of the institution filter, trace by trace as `funnel` draws them
    (four limit lines and the centre, then the points within and the points outside): a click narrows to one."""
    shown = points[~points["suppressed"]]
    if shown.empty:
        return None
    outside = shown["outlier"].isin(["above", "below"]).to_numpy()
    within, beyond = shown[~outside], shown[outside]

    def ids(rows) -> tuple:
        return tuple(int(i) for i in rows["institution_id"])
    return Narrow("institution", ids(within), tuple(within["institution"]), curve=5,
                  more=((6, ids(beyond), tuple(beyond["institution"])),))


def grid(fig: go.Figure, axis: str = "x") -> None:
    """Light grid lines along `axis` for a chart read against its scale."""
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(showgrid=True, gridcolor=GRID)
