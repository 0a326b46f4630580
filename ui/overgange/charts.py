"""Overgange's charts: a frame of queries.overgange in, a Plotly figure out (built from ui.figures), or
None when there is nothing to show. n and suppression are drawn on every chart; nothing here queries
or computes statistics."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries.funnel import Funnel
from queries.overgange import FORMS, IND, UD
from ui.crossfilter import Narrow
from ui import figures, fmt
from ui.measures import COUNT, SHARE
from ui.overgange.headlines import BACK, form_name, school_groups, split_names
from ui.theme import AXIS, DARK_BLUE, FORM_COLOURS, GREY, PALETTE, apply, font_size, rgba
from ui.view import View


def _whole(trend: pd.DataFrame) -> float | None:
    """The whole selection's inklusionsgrad in the newest year of `trend`, in percent (None when hidden)."""
    last = trend.sort_values("school_year").iloc[-1] if len(trend) else None
    return None if last is None or last["suppressed"] else float(SHARE.plot([last["inklusionsgrad"]])[0])


# --- 1. inklusionsgrad --------------------------------------------------------------------------
def inklusion_trend(trend: pd.DataFrame, view: View) -> go.Figure | None:
    """Inklusionsgrad per school year with its 95% CI band and the Landstal line."""
    if figures.nothing_shown(trend):
        return None
    df = trend.sort_values("school_year")
    x = [fmt.school_year(y) for y in df["school_year"]]
    value, low, high = (SHARE.plot(df[c]) for c in ("inklusionsgrad", "ci_low", "ci_high"))
    fig = go.Figure()
    figures.band(fig, x, low, high, PALETTE[0], view)
    fig.add_trace(go.Scatter(
        x=x, y=value, mode="lines+markers", line=dict(color=PALETTE[0], width=3), marker=dict(size=9),
        name=view.tr("Inklusionsgrad", "Inclusion rate"), customdata=np.column_stack([df["n"], low, high]),
        hovertemplate=f"%{{x}}: {SHARE.hover('y', view.lang)} {figures.ci_hover(SHARE, view, 'customdata[1]', 'customdata[2]')}, "
                      f"n={COUNT.hover('customdata[0]', view.lang)}<extra></extra>"))
    figures.landstal(fig, x, df["landstal"], SHARE, view)
    fig.update_xaxes(type="category", tickvals=x, tickangle=0,
                     title_text=view.tr("Skoleår og antal elever", "School year and number of pupils"),
                     ticktext=[figures.with_n(lbl, n, s, view, prefix="") for lbl, n, s in
                               zip(x, df["n"], df["suppressed_why"])])  # five-digit counts: no "n=" to collide
    lowest = pd.Series(np.r_[low, high, SHARE.plot(df["landstal"])]).dropna()
    bottom = max(0.0, min(85.0, float(lowest.min()) - 2)) if len(lowest) else 80.0
    fig.update_yaxes(title_text=view.tr("Andel i almenklasse", "Share in ordinary classes"), **SHARE.axis(view.lang),
                     range=[bottom, 101])  # a little above 100 %, so a point at 100 % is drawn whole
    return apply(fig, view, height=420)


def inklusion_split(parts: pd.DataFrame, dim: str, trend: pd.DataFrame, view: View) -> go.Figure | None:
    """Inklusionsgrad per group (district, school, grade, gender) in the newest year of `trend`, as dots
    with 95% CI and n in the labels; the dashed line is the whole selection that year. The pupils
    without an ordinary school are left out (0 % by definition; the page says how many)."""
    df = school_groups(parts, dim)
    if figures.nothing_shown(df):
        return None
    labels = [figures.with_n(name, n, s, view, sep="  ")
              for name, n, s in zip(split_names(df, dim, view), df["n"], df["suppressed_why"])]
    fig = go.Figure(figures.dots(labels, df["inklusionsgrad"], df["ci_low"], df["ci_high"], SHARE, view,
                                 name=view.tr("Inklusionsgrad", "Inclusion rate")))
    whole = _whole(trend)
    if whole is not None:
        fig.add_vline(x=whole, line=dict(color=GREY, dash="dash"), annotation_position="top left",
                      annotation_text=view.tr("hele udsnittet {v}", "whole selection {v}",
                                              v=SHARE.text(whole / 100, view.lang)))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(type="category", range=[len(df) - 0.5, -1.1])  # top to bottom, a free row above for the line's label
    lowest = pd.Series(np.r_[SHARE.plot(df["ci_low"]), [np.nan if whole is None else whole]]).dropna()
    fig.update_xaxes(range=[min(80.0, float(lowest.min()) - 2) if len(lowest) else 0.0, 100.5], **SHARE.axis(view.lang),
                     title_text=view.tr("Andel i almenklasse", "Share in ordinary classes"))
    figures.grid(fig)
    return figures.category_rows(fig, labels, view)


FILTER_OF_SPLIT = {"distrikt": "distrikt", "institution": "institution", "klassetrin": "grades", "koen": "gender"}


def split_narrow(parts: pd.DataFrame, dim: str, view: View) -> Narrow | None:
    """The split chart's groups (its dots, in order) as values of the filter they are: a click narrows to one."""
    df = school_groups(parts, dim)
    if figures.nothing_shown(df):
        return None
    values = tuple(v if isinstance(v, str) else int(v) for v in df["key"])
    return Narrow(FILTER_OF_SPLIT[dim], values, tuple(split_names(df, dim, view)))


# --- 2. flows -----------------------------------------------------------------------------------
def sankey(links: pd.DataFrame, year: int, view: View) -> go.Figure | None:
    """Provision form last year -> this year. Hidden links are not drawn (the page lists them), nor are
    the pupils who stayed in an ordinary class: that flow is ~20 times all the others together and
    would leave the moves into and out of special provision hair-thin (the page states its size). A
    node's n is the sum of its drawn links."""
    if figures.nothing_shown(links):
        return None
    shown = links[~links["suppressed"].astype(bool) & ~((links["from_form"] == "almen") & (links["to_form"] == "almen"))]
    if shown.empty:
        return None
    left = [f for f in (IND, *FORMS) if f in set(shown["from_form"])]
    right = [f for f in (*FORMS, UD) if f in set(shown["to_form"])]
    prev, now = fmt.school_year(year - 1), fmt.school_year(year)
    out, into = shown.groupby("from_form")["n"].sum(), shown.groupby("to_form")["n"].sum()
    labels = ([figures.with_n(f"{form_name(f, view)} {prev}", out[f], False, view, sep=" · ") for f in left]
              + [figures.with_n(f"{form_name(f, view)} {now}", into[f], False, view, sep=" · ") for f in right])
    source = {f: i for i, f in enumerate(left)}
    target = {f: len(left) + i for i, f in enumerate(right)}
    fig = go.Figure(go.Sankey(
        arrangement="snap", valueformat=COUNT.axis(view.lang)["tickformat"],
        node=dict(label=labels, color=[FORM_COLOURS[f] for f in left + right], pad=34 if view.projector else 18,
                  thickness=18, line=dict(width=0), hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[source[f] for f in shown["from_form"]], target=[target[t] for t in shown["to_form"]],
                  value=shown["n"].tolist(), color=[rgba(FORM_COLOURS[f], 0.35) for f in shown["from_form"]],
                  hovertemplate=f"%{{source.label}} → %{{target.label}}: {COUNT.hover('value', view.lang)}"
                                "<extra></extra>")))
    return apply(fig, view, height=480)


def tilgang_afgang(ta: pd.DataFrame, view: View) -> go.Figure | None:
    """Tilgang and afgang rates per school year with 95% CI; count/n beside each point and in the hover,
    and under the year which of the two is not shown."""
    if figures.nothing_shown(ta):
        return None
    years = sorted(ta["school_year"].unique())
    x = [fmt.school_year(y) for y in years]
    ticks = list(x)
    fig = go.Figure()
    for measure, colour, side, word, name in (
            ("tilgang", PALETTE[5], "middle right", view.tr("tilgang", "entries"),
             view.tr("Tilgang (almen → special)", "Entries (general → special)")),
            ("afgang", PALETTE[2], "middle right", view.tr("afgang", "returns"),
             view.tr("Afgang (special → almen)", "Returns (special → general)"))):
        rows = ta[ta["measure"] == measure].set_index("school_year").reindex(years)
        hidden = rows["suppressed"].astype("boolean").fillna(True).astype(bool).tolist()  # a year without the row: hidden
        counts = ["" if s else f"{COUNT.text(c, view.lang)}/{COUNT.text(n, view.lang)}"
                  for c, n, s in zip(rows["count"], rows["n"], hidden)]
        # count/n written at the newest year only (ten five-digit labels side by side collide); every year's in the hover
        text = [c if i == len(counts) - 1 else "" for i, c in enumerate(counts)]
        ticks = [f"{t}<br>{word} {fmt.suppressed(view.min_n, view.lang, w)}" if s else t
                 for t, s, w in zip(ticks, hidden, rows["suppressed_why"])]
        value = SHARE.plot(rows["rate"])
        fig.add_trace(go.Scatter(  # the newest year's count/n right of its point, clear of its interval and line
            x=x, y=value, mode="lines+markers+text", text=text, textposition=side,
            textfont=dict(size=round(0.8 * font_size(view)), color=colour), line=dict(color=colour, width=3),
            marker=dict(size=9), name=name,
            error_y=figures.interval(value, SHARE.plot(rows["ci_low"]), SHARE.plot(rows["ci_high"]), thickness=1.5,
                                     width=4),
            cliponaxis=False, customdata=counts, hovertemplate=f"%{{x}}: {SHARE.hover('y', view.lang)} (%{{customdata}})<extra>{name}</extra>"))
    fig.update_xaxes(type="category", tickvals=x, ticktext=ticks, tickangle=0)
    fig.update_yaxes(title_text=view.tr("Andel af elevgruppen året før", "Share of last year's group"),
                     **SHARE.axis(view.lang), rangemode="tozero")
    fig = apply(fig, view, height=420)
    fig.update_layout(margin_r=max(fig.layout.margin.r or 0, 110))  # room for the newest year's count/n
    return fig


# --- 3. return ----------------------------------------------------------------------------------
def return_curve(km: pd.DataFrame, view: View) -> go.Figure | None:
    """Kaplan-Meier estimate of the share back in an ordinary class (step curve with its 95% CI band),
    n still followed under each year. None unless a year after the start is shown."""
    shown = km[~km["suppressed"].astype(bool)].sort_values("time")
    if len(shown) < 2:  # the start alone (everyone at 0 %) is no curve
        return None
    x = shown["time"].astype(int).tolist()
    fig = go.Figure()
    figures.band(fig, x, BACK.plot(shown["back_low"]), BACK.plot(shown["back_high"]), PALETTE[2], view, steps=True)
    after, followed = view.tr("efter", "after"), view.tr("fulgt", "followed")
    fig.add_trace(go.Scatter(
        x=x, y=BACK.plot(shown["back"]), mode="lines+markers", line=dict(color=PALETTE[2], width=3, shape="hv"),
        marker=dict(size=9), name=view.tr("Tilbage i almenklasse", "Back in an ordinary class"),
        customdata=[[a, fmt.years(t, view.lang)] for a, t in zip(shown["at_risk"], x)],
        hovertemplate=f"{after} %{{customdata[1]}}: {BACK.hover('y', view.lang)} "
                      f"({followed}: {COUNT.hover('customdata[0]', view.lang)})<extra></extra>"))
    ticks = [str(t) if t == 0 else figures.with_n(str(t), a, False, view) for t, a in zip(x, shown["at_risk"])]
    fig.update_xaxes(title_text=view.tr("År efter start i specialtilbud (n = fulgt endnu)",
                                        "Years after entering special provision (n = still followed)"),
                     tickvals=x, ticktext=ticks)
    fig.update_yaxes(title_text=view.tr("Andel tilbage i almenklasse", "Share back in an ordinary class"),
                     **BACK.axis(view.lang), range=[0, figures.axis_top(BACK.plot(shown["back_high"]) + 5, floor=20)])
    return apply(fig, view, height=420)


def return_by_form(by_form: pd.DataFrame, view: View) -> go.Figure | None:
    """Share back after 1, 2 and 3 years per form entered; n and the median time in the labels."""
    if figures.nothing_shown(by_form):
        return None

    def label(r) -> str:
        text = figures.with_n(f"<b>{form_name(r.entry_form, view)}</b>", r.n, r.suppressed_why if r.suppressed else False, view)
        if r.suppressed:
            return text
        median = fmt.years(r.median, view.lang) if r.median == r.median else view.tr("over {f}", "over {f}",
                                                                                  f=fmt.years(r.followed, view.lang))
        return f"{text} · median {median}"
    labels = [label(r) for r in by_form.itertuples()]
    fig = go.Figure()
    for t, colour in ((1, PALETTE[4]), (2, PALETTE[0]), (3, DARK_BLUE)):
        name = view.tr("efter {t}", "after {t}", t=fmt.years(t, view.lang))
        values = BACK.plot(by_form[f"back_{t}"])
        fig.add_trace(go.Bar(y=labels, x=values, orientation="h", marker_color=colour, name=name,
                             text=["" if pd.isna(v) else BACK.text(v, view.lang) for v in by_form[f"back_{t}"]],
                             textposition="outside",
                             hovertemplate=f"{name}: {BACK.hover('x', view.lang)}<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    top = figures.axis_top(BACK.plot(by_form[["back_1", "back_2", "back_3"]].to_numpy().ravel()), floor=20, room=1.25)
    fig.update_xaxes(range=[0, top], **BACK.axis(view.lang),
                     title_text=view.tr("Andel tilbage i almenklasse", "Share back in an ordinary class"))
    return apply(fig, view, height=max(300, 120 + 95 * len(by_form)))


# --- 4. school start ----------------------------------------------------------------------------
def school_start(start: pd.DataFrame, view: View) -> go.Figure | None:
    """Share of 0. klasse pupils in special provision per school year, with 95% CI and n under each year."""
    if figures.nothing_shown(start):
        return None
    df = start.sort_values("school_year")
    x = [fmt.school_year(y) for y in df["school_year"]]
    value = SHARE.plot(df["share"])
    fig = go.Figure(go.Bar(
        x=x, y=value, marker_color=PALETTE[1], name=view.tr("I specialtilbud", "In special provision"),
        error_y=figures.interval(value, SHARE.plot(df["ci_low"]), SHARE.plot(df["ci_high"]), colour=AXIS),
        hovertemplate=f"%{{x}}: {SHARE.hover('y', view.lang)}<extra></extra>"))
    # the share under its year (in the bar it was crossed by the interval)
    years = [lbl if pd.isna(v) else f"{lbl}<br><b>{SHARE.text(v, view.lang)}</b>" for lbl, v in zip(x, df["share"])]
    fig.update_xaxes(type="category", tickvals=x, tickangle=0,
                     ticktext=[figures.with_n(lbl, n, s, view) for lbl, n, s in zip(years, df["n"], df["suppressed_why"])])  # why
    fig.update_yaxes(title_text=view.tr("Andel af 0. klasse i specialtilbud", "Share of grade 0 in special provision"),
                     **SHARE.axis(view.lang), rangemode="tozero")
    return apply(fig, view, height=380)


# --- 5. which schools send ----------------------------------------------------------------------
def sending_funnel(f: Funnel, view: View) -> go.Figure | None:
    """Ordinary schools' tilgang rate against their n, with 95% and 99.8% limits around the overall rate."""
    if figures.nothing_shown(f.points) or f.centre != f.centre:
        return None
    fig = figures.funnel(f.points, f.curve, f.centre, "rate", SHARE,
                         view.tr("Samlet andel {v}", "Overall {v}", v=SHARE.text(f.centre, view.lang)),
                         view.tr("Skole", "School"), view)
    shown = f.points[~f.points["suppressed"]]
    fig.update_xaxes(title_text=view.tr("Børn i almenklasse på skolen (n)", "Children in ordinary classes at the school (n)"))
    fig.update_yaxes(title_text=view.tr("Andel sendt i specialtilbud", "Share moved to special provision"),
                     range=[0, figures.axis_top(SHARE.plot(np.r_[shown["rate"], f.curve["upper998"]]), floor=1, room=1.1)])
    return fig
