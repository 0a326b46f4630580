"""One place for the look: every colour, the fonts, the separators of each language, the projector theme."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from ui import fmt

# Okabe & Ito (2008) colour-blind safe palette, ordered for the five indicators.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
INK = "#1A1A1A"         # text, and the marker of a total
AXIS = "#444444"        # axis lines, error bars on bars
GRID = "#E5E5E5"
GREY = "#6B6B6B"        # reference lines (Landstal, limits), "into/out of the municipality"
LIGHT_GREY = "#D9D9D9"  # the background of a cell that is not shown
NEUTRAL = "#BDBDBD"     # neither better nor worse
DARK_BLUE = "#1A3A6B"
BAND_COLOURS = ["#B2182B", "#EF8A62", "#67A9CF", "#2166AC"]  # 1,0-2,0 ... 4,1-5,0 (diverging, CB safe)
PALE_BLUE = "#D1E5F0"   # the middle of a diverging scale
GOOD, BAD = BAND_COLOURS[3], BAND_COLOURS[0]  # blue = better, red = worse
GENDER_COLOURS = {"dreng": PALETTE[0], "pige": PALETTE[1]}
FORM_COLOURS = {"almen": PALETTE[0], "mellemform": PALETTE[4], "specialklasse": PALETTE[1],
                "specialskole": PALETTE[5], "dagbehandling": PALETTE[3], "ind": GREY, "ud": GREY}
OUTLIER = PALETTE[5]
FONT = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

BASE_FONT_SIZE = 15
PROJECTOR_FONT_SIZE = 26
SEPARATORS = {"da": ",.", "en": ".,"}  # Plotly: decimal mark, then thousands separator


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def diverging(n: int) -> list[str]:
    """Worst to best colours for an answer scale of n options (3, 4 or 5)."""
    if n == 4:
        return BAND_COLOURS
    if n == 5:
        return [BAND_COLOURS[0], BAND_COLOURS[1], PALE_BLUE, BAND_COLOURS[2], BAND_COLOURS[3]]
    return [BAND_COLOURS[0], PALE_BLUE, BAND_COLOURS[3]]


def _template(font_size: int, lang: str) -> go.layout.Template:
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=font_size, color=INK),
        colorway=PALETTE,
        separators=SEPARATORS[lang],
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=20, r=20, t=40, b=20),
        xaxis=dict(showgrid=False, linecolor=AXIS, ticks="outside", title_standoff=12, automargin=True,
                   tickfont=dict(color=INK), title_font=dict(color=INK)),
        yaxis=dict(gridcolor=GRID, zeroline=False, linecolor=AXIS, title_standoff=12, automargin=True,
                   tickfont=dict(color=INK), title_font=dict(color=INK)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
        hoverlabel=dict(font_size=font_size),
    ))


for _lang in SEPARATORS:
    pio.templates[f"indblik_{_lang}"] = _template(BASE_FONT_SIZE, _lang)
    pio.templates[f"indblik_projector_{_lang}"] = _template(PROJECTOR_FONT_SIZE, _lang)


def apply(fig: go.Figure, view, height: int | None = None, *, rows_height: int | None = None) -> go.Figure:
    """Theme `fig` for the view (language, screen or projector). `height`: the normal view's height,
    1.45× on the projector; `rows_height`: the height of the rows of labelled categories, already
    computed for this view with :func:`row_height` (added as it is, so rows follow the font)."""
    fig.update_layout(template=f"indblik_projector_{view.lang}" if view.projector else f"indblik_{view.lang}")
    if height or rows_height:
        fig.update_layout(height=int((height or 0) * (1.45 if view.projector else 1)) + (rows_height or 0))
    if view.projector:
        _wrap_y_titles(fig, PROJECTOR_FONT_SIZE)
    return fig


def _wrap_y_titles(fig: go.Figure, font: int) -> None:
    """Break a vertical axis title over lines where the large type would make it longer than the
    plot is tall (on the projector "Andel af 0. klasse i specialtilbud" was cut to "…i specialti").
    The plot area is taken as 55 % of the figure: legend and title above, tick labels below."""
    per_line = max(8, int(0.55 * (fig.layout.height or 450) / (0.6 * font)))  # characters of about 0.6 em
    fig.for_each_yaxis(lambda axis: axis.update(title_text=fmt.lines(axis.title.text, per_line))
                       if axis.title.text and "<br>" not in axis.title.text else None)


def font_size(view) -> int:
    return PROJECTOR_FONT_SIZE if view.projector else BASE_FONT_SIZE


def row_height(lines: int, view) -> int:
    """Pixels per category row whose label has `lines` lines: the lines at the chart font's line
    height plus a gap, so the labels of neighbouring rows never run into each other."""
    return round((1.3 * lines + 0.9) * font_size(view))
