"""Mødetilstand: a meeting's slides drawn anew and shown one at a time on the projector.

Each slide is redrawn by its kind's own function (ui.slides) from its saved selection and choices, in the
reader's role and on the data as they are now: a selection the role may not see is dropped (and said), never
widened. A slide is a 16:9 screen without Streamlit's chrome (ui.shell.PRESENT_CSS): one large headline that
states the finding, the chart in the projector's theme with no text under 24 px, and a footer with the
selection, the source and date, the demo mark and "3 / 10". Arrow keys (and a presenter's PageUp/PageDown)
go back and forth, B shows a black screen, Esc ends the show.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from queries.access import has_demo_data
from queries.kpis import freshness
from ui import export, fmt
from ui.cache import run
from ui.shell import PRESENTING, selection_of
from ui.slides import Shown, kinds
from ui.theme import INK
from ui.view import View

SLIDE, BLACK = "_moede_slide", "_moede_black"
# A projector is a 1920 x 1080 or a 1280 x 720 screen: the chart is drawn for both heights and a media query
# shows the one that leaves room for the headline, the footer and the buttons (Streamlit cannot ask the browser).
SCREENS = (("hd", 780), ("sd", 420))
SLIDE_CSS = """<style>
@media (max-height: 860px) { [class*="st-key-moede_hd_"] { display: none; }
  [data-testid="moede-headline"] { font-size: 34px !important; } }
@media (min-height: 861px) { [class*="st-key-moede_sd_"] { display: none; } }
[data-testid="stMain"] .stButton button p, [data-testid="stMain"] .stSelectbox * { font-size: 24px !important; }
[data-testid="stMain"] .stButton button kbd { display: none; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
</style>"""
MIN_PX = 24          # no text on a slide under this size at 1920 x 1080 (issue #15)
HEADLINE_PX, FOOTER_PX = 44, 24


@dataclass(frozen=True)
class Drawn:
    """A slide as it is now: what its chart shows, the selection in words, the source line, parameters that were
    dropped (gone, or outside the reader's role), and whether its figures differ from those it was saved with."""

    shown: Shown | None
    title: str
    selection: str
    source: str
    demo: bool
    dropped: tuple[str, ...]
    changed: bool


def for_slide(fig: go.Figure | None, height: int = 700) -> go.Figure | None:
    """The chart for the back of the room: every text at least MIN_PX (ticks, titles, legend, annotations, labels
    in the bars), lines and markers thicker, one fixed height that leaves room for the headline and the footer;
    a static picture (no hover-only information: what matters is written on the chart)."""
    if fig is None:
        return None
    fig = go.Figure(fig)
    big = lambda font: dict(size=max(MIN_PX, (font.size if font and font.size else 0)))  # noqa: E731
    fig.update_layout(height=height, font=dict(size=max(MIN_PX + 2, fig.layout.font.size or 0)),
                      legend=dict(font=big(fig.layout.legend.font)), margin=dict(t=70, b=70))
    fig.for_each_xaxis(lambda a: a.update(tickfont=big(a.tickfont), title_font=big(a.title.font)))
    fig.for_each_yaxis(lambda a: a.update(tickfont=big(a.tickfont), title_font=big(a.title.font)))
    _fit_rows(fig, height)
    fig.for_each_xaxis(lambda a: a.update(title_text=fmt.lines(a.title.text, 45))
                       if a.title.text and "<br>" not in a.title.text else None)  # never cut at the plot's edge
    _direct_labels(fig)
    for annotation in fig.layout.annotations or ():
        annotation.font = big(annotation.font)
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont = big(trace.textfont)
        if trace.type == "scatter":
            if trace.line is not None and (trace.line.width or 2) < 4:
                trace.line.width = max(4, (trace.line.width or 2) * 1.5)
            if trace.marker is not None and isinstance(trace.marker.size, (int, float)):
                trace.marker.size = max(trace.marker.size, 14)
    return fig


def _direct_labels(fig: go.Figure) -> None:
    """A chart of lines over the school years: each line's name written at its newest point instead of a legend
    the back of the room cannot match by colour; names kept apart so they never overlap. Other charts keep
    their (enlarged) legend."""
    named = [t for t in fig.data if t.showlegend is not False and t.name]
    lines = [t for t in named if t.type == "scatter" and "lines" in (t.mode or "lines") and not t.fill]
    if not lines or len(lines) != len([t for t in named if not (t.type == "scatter" and t.fill)]):
        return
    ends = []
    for t in lines:
        points = [(x, y) for x, y in zip(t.x, t.y) if y is not None and y == y]
        if points:
            ends.append([points[-1][1], points[-1][0], t])
    if not ends:
        return
    values = [y for t in lines for y in t.y if y is not None and y == y]
    low, high = (fig.layout.yaxis.range or (min(values), max(values)))
    gap = 0.09 * ((high - low) or 1)
    ends.sort(key=lambda e: e[0])
    for below, above in zip(ends, ends[1:]):  # push each label up until it clears the one below it
        above[0] = max(above[0], below[0] + gap)
    for y, x, t in ends:
        colour = (t.line.color if t.line and t.line.color else None) or "#222"
        fig.add_annotation(x=x, y=y, text=f"<b>{t.name}</b>", showarrow=False, xanchor="left", xshift=14,
                           font=dict(color=colour, size=MIN_PX), yanchor="middle")
    for t in (t for t in named if t.type == "scatter" and t.fill):  # a band: what the shading is, in words
        fig.add_annotation(xref="paper", yref="paper", x=0, y=1.02, xanchor="left", yanchor="bottom", showarrow=False,
                           text=f"<span style='color:{t.fillcolor or '#9ecae1'}'>■■</span> {t.name}",
                           font=dict(size=MIN_PX, color="#444"))
    fig.update_layout(showlegend=False, margin=dict(r=260))


def _fit_rows(fig: go.Figure, height: int) -> None:
    """A chart of labelled rows (a name over its n) that the slide's height cannot give two lines a row: each
    label on one line ('Social trivsel · drenge n=336 · piger n=370'), so the rows do not run into each other."""
    labels = [y for t in fig.data if t.y is not None and len(t.y) and isinstance(t.y[0], str) for y in t.y]
    fig.for_each_yaxis(lambda a: labels.extend(a.ticktext or ()))
    rows = len(set(labels))
    lines = max((y.count("<br>") + 1 for y in labels), default=1)
    if lines == 1 or rows * (1.3 * lines + 0.9) * (MIN_PX + 2) <= height - 170:
        return
    flat = lambda y: y.replace("<br>", " · ") if isinstance(y, str) else y  # noqa: E731
    for t in fig.data:
        if t.y is not None and len(t.y) and isinstance(t.y[0], str):
            t.y = [flat(y) for y in t.y]
    fig.for_each_yaxis(lambda a: a.update(categoryarray=[flat(y) for y in a.categoryarray])
                       if a.categoryarray is not None else None)
    fig.for_each_yaxis(lambda a: a.update(ticktext=[flat(y) for y in a.ticktext]) if a.ticktext is not None else None)


def _same_columns(saved: str, now: pd.DataFrame) -> bool:
    """The saved figures have the same columns as today's (saved in the same language: comparable)."""
    return json.loads(saved)["columns"] == [str(c) for c in now.columns]


def draw(row: pd.Series, scope, view: View) -> Drawn:
    """Slide `row` (data.meetings.SLIDE_COLUMNS) drawn now, in the reader's role and `view`."""
    filters, selection, dropped = selection_of(dict(parse_qsl(row["params"])), scope, view.lang)
    kind = kinds().get(row["kind"])
    shown = kind.build(filters, scope, view, **json.loads(row["choices"] or "{}")) if kind else None
    now = shown.table.frame if shown is not None and shown.table is not None else None
    changed = bool(row["saved_table"]) and now is not None and _same_columns(row["saved_table"], now) and \
        now.to_json(orient="split", force_ascii=False, index=False) != row["saved_table"]
    source = view.tr("Kilde: Indblik, {d}", "Source: Indblik, {d}", d=export.data_line(run(freshness, filters, scope), view))
    title = row["title"] or (shown.headline if shown is not None else view.tr(
        "Denne slide kan ikke vises i din rolle eller med de nuværende data.",
        "This slide cannot be shown in your role or with the current data."))
    return Drawn(shown, title, selection, source, bool(run(has_demo_data)), tuple(dropped), bool(changed))


def footer_text(drawn: Drawn, at: int, total: int, view: View, saved_at=None) -> list[str]:
    parts = [drawn.selection, drawn.source]
    if drawn.changed and saved_at is not None:
        parts.append(view.tr("tallene er ændret siden {d}", "the figures have changed since {d}", d=f"{saved_at:%d.%m.%Y}"))
    if drawn.dropped:
        parts.append(view.tr("udeladt fra udsnittet: {p}", "left out of the selection: {p}", p=", ".join(drawn.dropped)))
    if drawn.demo:
        parts.append(view.tr("DEMODATA — syntetiske tal", "DEMO DATA — synthetic figures"))
    return parts + [f"{at} / {total}"]


def _go(step: int, total: int) -> None:
    ss = st.session_state
    ss[BLACK] = False
    ss[SLIDE] = min(max(ss.get(SLIDE, 0) + step, 0), total - 1)


def _black() -> None:
    st.session_state[BLACK] = not st.session_state.get(BLACK, False)


def _end() -> None:
    st.session_state[PRESENTING] = False
    st.session_state[BLACK] = False


def present(meeting: dict, slides: pd.DataFrame, scope, view: View) -> None:
    """The show: one slide at a time, full screen, with buttons and keys to move."""
    total = len(slides)
    if total == 0:
        _end()
        st.rerun()
    at = min(st.session_state.get(SLIDE, 0), total - 1)
    pview = replace(view, projector=True)
    if st.session_state.get(BLACK):
        st.html('<div data-testid="moede-black" style="position:fixed;inset:0;background:#000;z-index:999990"></div>')
    else:
        row = slides.iloc[at]
        drawn = draw(row, scope, pview)
        st.html(f'<div data-testid="moede-headline" style="font-size:{HEADLINE_PX}px;font-weight:700;line-height:1.2;'
                f'color:{INK};margin:0 0 8px 0">{html.escape(drawn.title)}</div>')
        figure = drawn.shown.figure if drawn.shown is not None else None
        if figure is not None:
            # drawn for both screen heights; the browser shows the one that fits (SCREENS)
            for name, height in SCREENS:
                with st.container(key=f"moede_{name}_{at}"):
                    st.plotly_chart(for_slide(figure, height), theme=None, width="stretch",
                                    config={"staticPlot": True, "displayModeBar": False}, key=f"moede_chart_{name}_{at}")
        elif drawn.shown is not None:
            st.html(f'<div style="font-size:32px;color:{INK};margin:80px 0">'
                    f'{html.escape(view.tr("Der er ingen figur til dette udsnit.", "There is no chart for this selection."))}</div>')
        parts = footer_text(drawn, at + 1, total, view, row["saved_at"])
        st.html(f'<div data-testid="moede-footer" style="font-size:{FOOTER_PX}px;color:#333;border-top:2px solid #999;'
                f'padding-top:6px;display:flex;column-gap:28px;row-gap:2px;line-height:1.25;flex-wrap:wrap">'
                + "".join(f"<span>{html.escape(p)}</span>" for p in parts) + "</div>")
    st.html(SLIDE_CSS)
    cols = st.columns([1.2, 1.2, 1.4, 1.2, 3])
    cols[0].button(view.tr("← Forrige", "← Previous"), on_click=_go, args=(-1, total), key="moede_prev",
                   shortcut="Left", disabled=at == 0)
    cols[1].button(view.tr("Næste →", "Next →"), on_click=_go, args=(1, total), key="moede_next", shortcut="Right",
                   disabled=at == total - 1)
    cols[2].button(view.tr("Sort skærm (B)", "Black screen (B)"), on_click=_black, key="moede_black", shortcut="B")
    cols[3].button(view.tr("Afslut (Esc)", "End (Esc)"), on_click=_end, key="moede_end", shortcut="Esc")
    kinds_ = kinds()  # the list names each slide by its own title or its kind — never by the headline it was saved
    names = {i: f"{i + 1}. {(r['title'] or view.tr(*kinds_[r['kind']].title) if r['kind'] in kinds_ else r['kind'])[:70]}"
             for i, r in slides.iterrows()}  # with, which may come from a wider role than the reader's
    jump = cols[4].selectbox(view.tr("Gå til slide", "Go to slide"), list(range(total)), index=at, key=f"moede_jump_{at}",
                             format_func=lambda i: names[i], label_visibility="collapsed")
    if jump != at:
        st.session_state[SLIDE] = jump
        st.rerun()
    # a presenter's clicker sends PageDown / PageUp: the same as the arrows (buttons out of sight)
    with st.container(height=1, border=False):
        st.button("PageDown", on_click=_go, args=(1, total), key="moede_pgdn", shortcut="PageDown")
        st.button("PageUp", on_click=_go, args=(-1, total), key="moede_pgup", shortcut="PageUp")


def picture(fig: go.Figure, width: int = 1280, height: int = 720) -> bytes:
    """A slide's chart as a PNG for the papers (kaleido, the same server as the charts' downloads): laid out as on
    a 1280 x 720 screen, so its 24-pixel text stays large on the page, and drawn at 1.5x for a sharp print."""
    import warnings

    export._renderer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a running kaleido server ignores per-call options
        return fig.to_image(format="png", width=width, height=height, scale=1.5)
