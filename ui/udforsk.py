"""Udforsk's pieces: the chart that fits a split (a line for the school years, dots with intervals for
groups, a heatmap for two dimensions), its headline and its table (queries.explore)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries import explore, kpis
from queries.explore import EFFEKT_GROUPS, YEARS
from queries.filters import dimension
from queries.kpis import Kpi
from ui import figures, fmt
from ui.measures import BY_UNIT
from ui.crossfilter import Narrow
from ui.theme import PALETTE, apply
from ui.trivsel.charts import honest_range
from ui.cache import run
from ui.export import Table
from ui.section import first_rows
from ui.slides import Shown, slide
from ui.view import View


def dim_name(dim: str, view: View) -> str:
    if dim in EFFEKT_GROUPS:
        return EFFEKT_GROUPS[dim][0 if view.lang == "da" else 1]
    return dimension(dim).text(view.lang)


def _labels(df: pd.DataFrame, which: str, view: View) -> list[str]:
    column = which if view.lang == "da" else f"{which}_en"
    return [str(v) for v in df[column]]


def headline(df: pd.DataFrame, kpi: Kpi, dims: tuple[str, ...], year: int | None, view: View) -> str:
    """One sentence: the value, or where it is lowest and highest and whether the two are told apart."""
    m, name = BY_UNIT[kpi.unit], kpi.text(view.lang)
    shown = df[~df["suppressed"]]
    if shown.empty:
        return view.tr("{k} kan ikke vises for udsnittet: for få i grupperne.", "{k} cannot be shown for the selection: "
                       "too few in the groups.", k=name)
    if not dims:
        r = shown.iloc[0]
        return view.tr("{k} er {v} i {y} (n={n}).", "{k} is {v} in {y} (n={n}).", k=name, v=m.text(r["value"], view.lang),
                       y=fmt.school_year(int(r["school_year"])), n=fmt.integer(r["n"], view.lang))
    if dims == (YEARS,):
        first, last = shown.iloc[0], shown.iloc[-1]
        return view.tr("{k} er {v} i {y}, mod {v0} i {y0}.", "{k} is {v} in {y}, against {v0} in {y0}.", k=name,
                       v=m.text(last["value"], view.lang), y=fmt.school_year(int(last["school_year"])),
                       v0=m.text(first["value"], view.lang), y0=fmt.school_year(int(first["school_year"])))
    lo, hi = shown.loc[shown["value"].idxmin()], shown.loc[shown["value"].idxmax()]
    apart = hi["ci_low"] > lo["ci_high"]
    group = " · ".join

    def where(r) -> str:
        return group(x for x in (_labels(r.to_frame().T, "label", view)[0],
                                 _labels(r.to_frame().T, "label2", view)[0] if len(dims) > 1 else "") if x)
    when = "" if YEARS in dims or year is None else view.tr(" i {y}", " in {y}", y=fmt.school_year(year))
    if len(shown) == 1:  # nothing to compare it with
        return view.tr("{k}{w} kan kun vises for {a}: {va} (n={n}); de andre grupper er for små.",
                       "{k}{w} can only be shown for {a}: {va} (n={n}); the other groups are too small.", k=name, w=when,
                       a=where(lo), va=m.text(lo["value"], view.lang), n=fmt.integer(lo["n"], view.lang))
    if m.text(lo["value"], view.lang) == m.text(hi["value"], view.lang):  # no lowest or highest as shown
        return view.tr("{k}{w} er {va} i alle {g} viste grupper.", "{k}{w} is {va} in all {g} groups shown.", k=name,
                       w=when, va=m.text(lo["value"], view.lang), g=len(shown))
    return view.tr("{k}{w} er lavest for {a} ({va}) og højest for {b} ({vb}); {s}.",
                   "{k}{w} is lowest for {a} ({va}) and highest for {b} ({vb}); {s}.", k=name, w=when, a=where(lo),
                   va=m.text(lo["value"], view.lang), b=where(hi), vb=m.text(hi["value"], view.lang),
                   s=view.tr("deres 95 %-intervaller overlapper ikke", "their 95% intervals do not overlap") if apart else
                   view.tr("deres 95 %-intervaller overlapper, så forskellen kan være tilfældig",
                           "their 95% intervals overlap, so the difference may be chance"))


def chart(df: pd.DataFrame, kpi: Kpi, dims: tuple[str, ...], view: View, landstal: dict | None = None) -> go.Figure | None:
    """A line over the school years, dots with intervals for the groups of one dimension, a heatmap for two."""
    if figures.nothing_shown(df) or not dims:
        return None
    m = BY_UNIT[kpi.unit]
    if len(dims) == 2:
        return _heatmap(df, kpi, dims, view)
    labels = [figures.with_n(lbl, n, s, view, sep="<br>" if dims == (YEARS,) else "  ")
              for lbl, n, s in zip(_labels(df, "label", view), df["n"], df["suppressed"])]
    if dims == (YEARS,):
        fig = go.Figure()
        figures.band(fig, labels, m.plot(df["ci_low"]), m.plot(df["ci_high"]), PALETTE[0], view)
        fig.add_trace(go.Scatter(x=labels, y=m.plot(df["value"]), mode="lines+markers", name=kpi.text(view.lang),
                                 line=dict(color=PALETTE[0], width=3), marker=dict(size=9),
                                 hovertemplate=f"%{{x}}: {m.hover('y', view.lang)}<extra></extra>"))
        if landstal:
            figures.landstal(fig, labels, [landstal.get(int(y), np.nan) for y in df["school_year"]], m, view)
        fig.update_xaxes(type="category", tickangle=0)
        fig.update_yaxes(title_text=kpi.text(view.lang), **_axis(m, view),
                         range=honest_range(np.r_[df["ci_low"], df["ci_high"]]) if kpi.unit == "mean" else None,
                         rangemode="normal" if kpi.unit == "mean" else "nonnegative")
        return apply(fig, view, height=440)
    fig = go.Figure(figures.dots(labels, df["value"], df["ci_low"], df["ci_high"], m, view, name=kpi.text(view.lang)))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=kpi.text(view.lang), **_axis(m, view),
                     range=honest_range(np.r_[df["ci_low"], df["ci_high"]]) if kpi.unit == "mean" else None,
                     rangemode="normal" if kpi.unit == "mean" else "nonnegative")  # a share is never below 0
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


def narrow(df: pd.DataFrame, dims: tuple[str, ...], view: View) -> Narrow | None:
    """The groups of a one-dimension chart (its dots, in order) as values of that filter: a click narrows to one."""
    if len(dims) != 1 or dims == (YEARS,) or dims[0] in EFFEKT_GROUPS or figures.nothing_shown(df):
        return None  # the years, and an intervention or method, are no filter to narrow
    values = tuple(int(v) if isinstance(v, (int, float, np.integer, np.floating)) else v for v in df["key"])
    return Narrow(dims[0], values, tuple(_labels(df, "label", view)))


def _axis(m, view: View) -> dict:
    """Ticks with the measure's decimals where they are needed (3,95 and 4 — never '4,0' three times)."""
    return dict(tickformat=f",.{m.decimals}~f", ticksuffix=m.axis(view.lang)["ticksuffix"])


def _heatmap(df: pd.DataFrame, kpi: Kpi, dims: tuple[str, ...], view: View) -> go.Figure:
    m = BY_UNIT[kpi.unit]
    rows, cols = list(dict.fromkeys(_labels(df, "label", view))), list(dict.fromkeys(_labels(df, "label2", view)))
    z = np.full((len(rows), len(cols)), np.nan)
    text = [["" for _ in cols] for _ in rows]
    for r, c, (_, x) in zip(_labels(df, "label", view), _labels(df, "label2", view), df.iterrows()):
        i, j = rows.index(r), cols.index(c)
        if x["suppressed"]:
            text[i][j] = fmt.suppressed(view.min_n, view.lang)
        else:
            z[i, j] = m.plot([x["value"]])[0]
            text[i][j] = f"{m.text(x['value'], view.lang)}<br>n={fmt.integer(x['n'], view.lang)}"
    fig = go.Figure(go.Heatmap(z=z, x=cols, y=rows, text=text, texttemplate="%{text}", colorscale="Blues",
                               reversescale=kpi.better == "lower", hoverongaps=False,
                               colorbar=dict(title=dict(text=kpi.text(view.lang))),
                               hovertemplate=f"%{{y}} · %{{x}}: {m.hover('z', view.lang)}<extra></extra>"))
    fig.update_xaxes(type="category", title_text=dim_name(dims[1], view), side="top")
    fig.update_yaxes(type="category", autorange="reversed", title_text=dim_name(dims[0], view))
    return apply(fig, view, height=max(320, 60 * len(rows) + 140))


def table(df: pd.DataFrame, kpi: Kpi, dims: tuple[str, ...], view: View, *, text: bool = False) -> pd.DataFrame:
    """One row per group: its name(s), school year, n, the value and its 95% interval as the screen rounds
    them, and whether it is shown or why not. Numbers for a file (empty where hidden); `text`: as the screen
    writes them ('3,76', '1.696')."""
    m, out = BY_UNIT[kpi.unit], {}
    unit = " (%)" if m.unit == "percent" else ""
    for which, dim in zip(("label", "label2"), dims):
        if dim != YEARS:
            out[dim_name(dim, view)] = _labels(df, which, view)
    out[view.tr("Skoleår", "School year")] = [fmt.school_year(int(y)) for y in df["school_year"]]
    out["n"] = [None if s or pd.isna(n) else int(n) for n, s in zip(df["n"], df["suppressed"])]
    if text:
        out["n"] = ["" if n is None else fmt.integer(n, view.lang) for n in out["n"]]
    for title, column in ((kpi.text(view.lang) + unit, "value"), (view.tr("95 %-KI fra", "95% CI from") + unit, "ci_low"),
                          (view.tr("95 %-KI til", "95% CI to") + unit, "ci_high")):
        values = np.where(df["suppressed"].astype(bool), np.nan, m.export(df[column]))
        out[title] = [fmt.num(v, m.decimals, view.lang) if v == v else "" for v in values] if text else values
    out[view.tr("Vist", "Shown")] = [fmt.suppressed(view.min_n, view.lang) if s else view.tr("ja", "yes")
                                     for s in df["suppressed"]]
    return pd.DataFrame(out)


# --- as a slide (ui.slides): the page and a meeting draw the split with the same code ---------------------
@slide("udforsk.split", "udforsk", ("Udforsk: et nøgletal opdelt", "Explore: a key figure split"))
def split(f, scope, view: View, code: str, dims: list | tuple = (YEARS,), year: int | None = None) -> Shown | None:
    """The key figure `code` split by `dims` (those the role may split by) in `year` (None: every year or the newest)."""
    kpi = kpis.CATALOGUE.get(code)
    if kpi is None:
        return None
    dims = tuple(d for d in dims if d in explore.splits(code, scope))
    df = run(explore.split, f, scope, code, dims, year)
    shown, _ = (first_rows(df.assign(level="gruppe"), "udforsk_all", limit=25, part="gruppe", what=("grupper", "groups"))
                if len(dims) == 1 and dims != (YEARS,) else (df, None))
    landstal = {y: v for (c, y), v in run(kpis.landstal, f, scope).items() if c == kpi.benchmark} if kpi.benchmark else None
    return Shown(headline(df, kpi, dims, year, view), chart(shown, kpi, dims, view, landstal),
                 Table(kpi.text(view.lang), table(df, kpi, dims, view),
                       f"udforsk_{code}_{'_'.join(dims) or 'i-alt'}" + (f"_{year}" if year else "")))
