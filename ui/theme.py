"""One place for the look: colour-blind safe palette, fonts, Danish separators, projector theme."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from ui import fmt

# Okabe & Ito (2008) colour-blind safe palette, ordered for the five indicators.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#6B6B6B"
LIGHT_GREY = "#D9D9D9"
BAND_COLOURS = ["#B2182B", "#EF8A62", "#67A9CF", "#2166AC"]  # 1,0-2,0 ... 4,1-5,0 (diverging, CB safe)
GENDER_COLOURS = {"dreng": "#0072B2", "pige": "#E69F00"}
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

BASE_FONT_SIZE = 15
PROJECTOR_FONT_SIZE = 26


def _template(font_size: int) -> go.layout.Template:
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=font_size, color="#1A1A1A"),
        colorway=PALETTE,
        separators=",.",
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=20, r=20, t=40, b=20),
        xaxis=dict(showgrid=False, linecolor="#444", ticks="outside", title_standoff=12, automargin=True,
                   tickfont=dict(color="#1A1A1A"), title_font=dict(color="#1A1A1A")),
        yaxis=dict(gridcolor="#E5E5E5", zeroline=False, linecolor="#444", title_standoff=12, automargin=True,
                   tickfont=dict(color="#1A1A1A"), title_font=dict(color="#1A1A1A")),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
        hoverlabel=dict(font_size=font_size),
    ))


pio.templates["indblik"] = _template(BASE_FONT_SIZE)
pio.templates["indblik_projector"] = _template(PROJECTOR_FONT_SIZE)


def apply(fig: go.Figure, projector: bool = False, height: int | None = None, *,
          rows_height: int | None = None) -> go.Figure:
    """Theme `fig` for the screen or the projector. `height`: the normal view's height, 1.45× on the
    projector; `rows_height`: the height of the rows of labelled categories, already computed for
    this view with :func:`row_height` (added as it is, so rows follow the font, not a fixed factor)."""
    fig.update_layout(template="indblik_projector" if projector else "indblik")
    if height or rows_height:
        fig.update_layout(height=int((height or 0) * (1.45 if projector else 1)) + (rows_height or 0))
    if projector:
        _wrap_y_titles(fig, PROJECTOR_FONT_SIZE)
    return fig


def _wrap_y_titles(fig: go.Figure, font: int) -> None:
    """Break a vertical axis title over lines where the large type would make it longer than the
    plot is tall (on the projector "Andel af 0. klasse i specialtilbud" was cut to "…i specialti").
    The plot area is taken as 55 % of the figure: legend and title above, tick labels below."""
    per_line = max(8, int(0.55 * (fig.layout.height or 450) / (0.6 * font)))  # characters of about 0.6 em
    fig.for_each_yaxis(lambda axis: axis.update(title_text=fmt.lines(axis.title.text, per_line))
                       if axis.title.text and "<br>" not in axis.title.text else None)


def row_height(lines: int, projector: bool = False) -> int:
    """Pixels per category row whose label has `lines` lines: the lines at the chart font's line
    height plus a gap, so the labels of neighbouring rows never run into each other."""
    font = PROJECTOR_FONT_SIZE if projector else BASE_FONT_SIZE
    return round((1.3 * lines + 0.9) * font)
