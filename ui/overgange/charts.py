"""Chart builders for the Overgange page: a tidy frame from queries.overgange in, a figure out.
n and suppression are drawn on every chart; nothing here queries or computes statistics."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import fmt
from ui.charts import funnel_frame
from ui.i18n import label, tr
from ui.theme import GREY, PALETTE, apply

FORM_COLOURS = {"almen": PALETTE[0], "mellemform": PALETTE[4], "specialklasse": PALETTE[1],
                "specialskole": PALETTE[5], "dagbehandling": PALETTE[3], "ind": GREY, "ud": GREY}


def form_name(form: str, lang: str) -> str:
    if form == "ind":
        return tr(lang, "Ind i kommunen", "Into the municipality")
    if form == "ud":
        return tr(lang, "Ud af kommunen", "Out of the municipality")
    return label(form, lang)


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _tick(text: str, n, suppressed: bool, lang: str, k: int) -> str:
    return f"{text}<br>{fmt.suppressed(k, lang)}" if suppressed else f"{text}<br>n={fmt.integer(n, lang)}"


def inklusion_trend(df: pd.DataFrame, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Inklusionsgrad per school year with its 95% CI band and the Landstal line."""
    df = df.sort_values("school_year")
    x = [fmt.school_year(int(y)) for y in df["school_year"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x + x[::-1], y=list(df["ci_high"]) + list(df["ci_low"])[::-1], fill="toself",
                             fillcolor=_rgba(PALETTE[0], 0.18), mode="lines", line=dict(width=0), hoverinfo="skip",
                             name=tr(lang, "95 %-konfidensinterval", "95% confidence interval")))
    fig.add_trace(go.Scatter(x=x, y=df["inklusionsgrad"], mode="lines+markers", line=dict(color=PALETTE[0], width=3),
                             marker=dict(size=9), name=tr(lang, "Inklusionsgrad", "Inclusion rate"),
                             customdata=df[["n", "segregated"]].to_numpy(),
                             hovertemplate="%{x}: %{y:.1%} (n=%{customdata[0]:,.0f})<extra></extra>"))
    if df["landstal"].notna().any():
        fig.add_trace(go.Scatter(x=x, y=df["landstal"], mode="lines", line=dict(color=GREY, dash="dash", width=2),
                                 name=tr(lang, "Landstal", "National"), hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_xaxes(type="category", tickvals=x,
                     ticktext=[_tick(lbl, n, sup, lang, k) for lbl, n, sup in zip(x, df["n"], df["suppressed"])])
    values = pd.concat([df["ci_low"], df["ci_high"], df["landstal"]]).dropna()
    lo = max(0.0, min(0.85, float(values.min()) - 0.02)) if len(values) else 0.8
    fig.update_yaxes(title_text=tr(lang, "Andel i almenklasse", "Share in ordinary classes"), tickformat=".0%",
                     range=[lo, 1.0])
    return apply(fig, projector, height=420)


def split_names(df: pd.DataFrame, dim: str, lang: str) -> list[str]:
    """Display names of the groups of queries.overgange.inklusion_split."""
    def name(row) -> str:
        if dim == "klassetrin":
            return fmt.grade(int(row.key), lang)
        if dim == "koen":
            return label(row.key, lang)
        return row.label or tr(lang, "Ingen almenskole", "No ordinary school")
    return [name(r) for r in df.itertuples()]


def inklusion_split(df: pd.DataFrame, dim: str, lang: str, k: int, centre: float | None = None,
                    projector: bool = False) -> go.Figure:
    """Inklusionsgrad per group (district, school, grade, gender) as dots with 95% CI, n in the labels."""
    df = df[df["key"].notna()] if dim in ("institution", "distrikt") else df  # 'no ordinary school' is 0 % by definition
    names = split_names(df, dim, lang)
    ticks = [f"{nm}  ({fmt.suppressed(k, lang)})" if sup else f"{nm}  (n={fmt.integer(n, lang)})"
             for nm, n, sup in zip(names, df["n"], df["suppressed"])]
    fig = go.Figure(go.Scatter(
        x=df["inklusionsgrad"], y=ticks, mode="markers", marker=dict(size=12, color=PALETTE[0]),
        error_x=dict(type="data", symmetric=False, array=df["ci_high"] - df["inklusionsgrad"],
                     arrayminus=df["inklusionsgrad"] - df["ci_low"], thickness=2, width=4),
        name=tr(lang, "Inklusionsgrad", "Inclusion rate"), hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    if centre is not None and centre == centre:
        fig.add_vline(x=centre, line=dict(color=GREY, dash="dash"),
                      annotation_text=tr(lang, "hele udsnittet {v}", "whole selection {v}", v=fmt.pct(centre, 1, lang)),
                      annotation_position="top left")
    fig.update_yaxes(autorange="reversed", type="category")
    lo = df["ci_low"].min(skipna=True)
    fig.update_xaxes(tickformat=".0%", range=[min(0.8, float(lo) - 0.02) if lo == lo else 0.0, 1.005],
                     title_text=tr(lang, "Andel i almenklasse", "Share in ordinary classes"), showgrid=True,
                     gridcolor="#E5E5E5")
    return apply(fig, projector, height=max(260, 90 + 34 * len(df)))


def sankey(df: pd.DataFrame, year: int, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Provision form last year -> this year. Suppressed links are not drawn (they are listed by the page)."""
    shown = df[~df["suppressed"]]
    left = [f for f in ("ind",) + tuple(FORM_COLOURS)[:5] if f in set(shown["from_form"])]
    right = [f for f in tuple(FORM_COLOURS)[:5] + ("ud",) if f in set(shown["to_form"])]
    prev, now = fmt.school_year(year - 1), fmt.school_year(year)
    totals_l = shown.groupby("from_form")["n"].sum()
    totals_r = shown.groupby("to_form")["n"].sum()
    labels = ([f"{form_name(f, lang)} {prev} (n={fmt.integer(totals_l[f], lang)})" for f in left]
              + [f"{form_name(f, lang)} {now} (n={fmt.integer(totals_r[f], lang)})" for f in right])
    index_l = {f: i for i, f in enumerate(left)}
    index_r = {f: len(left) + i for i, f in enumerate(right)}
    colours = [FORM_COLOURS[f] for f in left] + [FORM_COLOURS[f] for f in right]
    fig = go.Figure(go.Sankey(
        arrangement="snap", valueformat=",.0f",
        node=dict(label=labels, color=colours, pad=34 if projector else 18, thickness=18, line=dict(width=0),
                  hovertemplate="%{label}<extra></extra>"),
        link=dict(source=[index_l[f] for f in shown["from_form"]], target=[index_r[t] for t in shown["to_form"]],
                  value=shown["n"].tolist(), color=[_rgba(FORM_COLOURS[f], 0.35) for f in shown["from_form"]],
                  hovertemplate="%{source.label} → %{target.label}: %{value:,.0f}<extra></extra>")))
    return apply(fig, projector, height=480)


def tilgang_afgang(df: pd.DataFrame, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Tilgang and afgang rates per school year with 95% CI; counts and n in the hover and labels."""
    fig = go.Figure()
    years = sorted(df["school_year"].unique())
    x = [fmt.school_year(int(y)) for y in years]
    for measure, colour, name in (("tilgang", PALETTE[5], tr(lang, "Tilgang (almen → special)", "Entries (general → special)")),
                                  ("afgang", PALETTE[2], tr(lang, "Afgang (special → almen)", "Returns (special → general)"))):
        rows = df[df["measure"] == measure].set_index("school_year").reindex(years)
        text = [fmt.suppressed(k, lang) if sup else f"{fmt.integer(c, lang)}/{fmt.integer(n, lang)}"
                for c, n, sup in zip(rows["count"], rows["n"], rows["suppressed"].fillna(True))]
        fig.add_trace(go.Scatter(
            x=x, y=rows["rate"], mode="lines+markers+text", text=text, textposition="top center",
            textfont=dict(size=19 if projector else 11, color=colour), line=dict(color=colour, width=3), marker=dict(size=9), name=name,
            error_y=dict(type="data", symmetric=False, array=rows["ci_high"] - rows["rate"],
                         arrayminus=rows["rate"] - rows["ci_low"], thickness=1.5, width=4),
            hovertemplate="%{x}: %{y:.1%} (%{text})<extra>" + name + "</extra>"))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=tr(lang, "Andel af elevgruppen året før", "Share of last year's group"),
                     tickformat=".0%", rangemode="tozero")
    return apply(fig, projector, height=420)


def return_curve(km: pd.DataFrame, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Kaplan-Meier estimate of the share back in an ordinary class (step curve with 95% CI)."""
    shown = km[~km["suppressed"]].sort_values("time")
    fig = go.Figure()
    x, lo, hi = shown["time"].tolist(), shown["back_low"].tolist(), shown["back_high"].tolist()
    # the band as steps: constant from one time to the next, like the curve
    sx = [v for i, t in enumerate(x) for v in ((t, x[i + 1]) if i + 1 < len(x) else (t, t + 0.25))]
    shi = [v for v in hi for _ in (0, 1)]
    slo = [v for v in lo for _ in (0, 1)]
    fig.add_trace(go.Scatter(x=sx + sx[::-1], y=shi + slo[::-1], fill="toself", fillcolor=_rgba(PALETTE[2], 0.18),
                             mode="lines", line=dict(width=0), hoverinfo="skip",
                             name=tr(lang, "95 %-konfidensinterval", "95% confidence interval")))
    fig.add_trace(go.Scatter(x=x, y=shown["back"], mode="lines+markers", line=dict(color=PALETTE[2], width=3, shape="hv"),
                             marker=dict(size=9), name=tr(lang, "Tilbage i almenklasse", "Back in an ordinary class"),
                             customdata=shown[["at_risk"]].to_numpy(),
                             hovertemplate=("efter %{x} år: %{y:.1%} (fulgt: %{customdata[0]:,.0f})" if lang == "da"
                                            else "after %{x} years: %{y:.1%} (followed: %{customdata[0]:,.0f})")
                             + "<extra></extra>"))
    ticks = [f"{int(t)}<br>" + (f"n={fmt.integer(a, lang)}" if int(t) > 0 else "")
             for t, a in zip(shown["time"], shown["at_risk"])]
    fig.update_xaxes(title_text=tr(lang, "År efter start i specialtilbud (n = fulgt endnu)",
                                   "Years after entering special provision (n = still followed)"),
                     tickvals=x, ticktext=ticks)
    top = float(shown["back_high"].max()) if len(shown) else 0.5
    fig.update_yaxes(title_text=tr(lang, "Andel tilbage i almenklasse", "Share back in an ordinary class"),
                     tickformat=".0%", range=[0, min(1.0, max(0.2, top + 0.05))])
    return apply(fig, projector, height=420)


def return_by_form(df: pd.DataFrame, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Share back after 1, 2 and 3 years per form entered; the median time in the labels."""
    def median_text(r) -> str:
        if r.suppressed:
            return fmt.suppressed(k, lang)
        if r.median == r.median:
            return tr(lang, "median {m} år", "median {m} years", m=fmt.integer(r.median, lang))
        return tr(lang, "median over {f} år", "median over {f} years", f=fmt.integer(r.followed, lang))
    ylabels = [f"<b>{form_name(r.entry_form, lang)}</b><br>" + (f"n={fmt.integer(r.n, lang)} · " if not r.suppressed else "")
               + median_text(r) for r in df.itertuples()]
    fig = go.Figure()
    for t, colour in ((1, PALETTE[4]), (2, PALETTE[0]), (3, "#1A3A6B")):
        col = df[f"back_{t}"]
        fig.add_trace(go.Bar(y=ylabels, x=col, orientation="h", marker_color=colour,
                             name=tr(lang, "efter {t} år", "after {t} years", t=t),
                             text=[fmt.pct(v, 0, lang) if v == v else "" for v in col], textposition="outside",
                             hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", ticks="outside", ticklen=8, tickcolor="white")
    top = float(df[["back_1", "back_2", "back_3"]].max().max()) if len(df) else 0.5
    fig.update_xaxes(tickformat=".0%", range=[0, min(1.0, max(0.2, (top if top == top else 0.2) * 1.25))],
                     title_text=tr(lang, "Andel tilbage i almenklasse", "Share back in an ordinary class"))
    return apply(fig, projector, height=max(300, 120 + 95 * len(df)))


def school_start(df: pd.DataFrame, lang: str, k: int, projector: bool = False) -> go.Figure:
    """Share of 0. klasse pupils in special provision per school year, with 95% CI."""
    df = df.sort_values("school_year")
    x = [fmt.school_year(int(y)) for y in df["school_year"]]
    fig = go.Figure(go.Bar(
        x=x, y=df["share"], marker_color=PALETTE[1], name=tr(lang, "I specialtilbud", "In special provision"),
        error_y=dict(type="data", symmetric=False, array=df["ci_high"] - df["share"],
                     arrayminus=df["share"] - df["ci_low"], color="#444"),
        text=[fmt.pct(v, 1, lang) if v == v else "" for v in df["share"]], textposition="inside",
        hovertemplate="%{x}: %{y:.1%}<extra></extra>"))
    fig.update_xaxes(type="category", tickvals=x,
                     ticktext=[_tick(lbl, n, sup, lang, k) for lbl, n, sup in zip(x, df["n"], df["suppressed"])])
    fig.update_yaxes(title_text=tr(lang, "Andel af 0. klasse i specialtilbud", "Share of grade 0 in special provision"),
                     tickformat=".1%", rangemode="tozero")
    return apply(fig, projector, height=380)


def sending_funnel(points: pd.DataFrame, curve: pd.DataFrame, centre: float, lang: str,
                   projector: bool = False) -> go.Figure:
    """Ordinary schools' tilgang rate against their n, with 95% and 99.8% limits around the overall rate."""
    shown = points[~points["suppressed"]]
    fig = funnel_frame(curve, centre, tr(lang, "samlet {v}", "overall {v}", v=fmt.pct(centre, 1, lang)), lang)
    high = shown["position"].isin(["above_95", "above_998"])
    fig.add_trace(go.Scatter(  # names are listed under the chart (ui.headlines.funnel_outliers), not piled on it
        x=shown["n"], y=shown["rate"], mode="markers",
        marker=dict(size=11, color=[PALETTE[5] if h else PALETTE[0] for h in high], line=dict(width=1, color="white")),
        customdata=shown[["institution"]].to_numpy(), name=tr(lang, "Skole", "School"),
        hovertemplate="%{customdata[0]}<br>%{y:.2%}, n=%{x:,.0f}<extra></extra>"))
    fig.update_xaxes(title_text=tr(lang, "Elevår i almenklasse på skolen (n)", "Pupil-years in ordinary classes (n)"),
                     rangemode="tozero")
    ymax = float(pd.concat([shown["rate"], curve["upper998"]]).max()) if len(shown) else 0.1
    fig.update_yaxes(title_text=tr(lang, "Andel sendt i specialtilbud", "Share moved to special provision"),
                     tickformat=".1%", range=[0, min(1.0, ymax * 1.1 if ymax == ymax else 0.1)])
    return apply(fig, projector, height=460)
