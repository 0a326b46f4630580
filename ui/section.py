"""How things are put on a page. Every page is a list of sections, each the same block:

    headline (one plain sentence) -> chart (or a sentence saying why there is none) -> note ->
    table -> the groups not shown -> definition, one click away -> download

Charts use our own theme (not Streamlit's) and full width; on the projector tables are plain HTML,
so they take the projector's large type.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure
import streamlit as st

from ui import crossfilter, export, fmt, slides
from ui.crossfilter import Narrow
from ui.export import Table
from ui.shell import current
from ui.slides import Shown
from ui.view import View

CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
          "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "indblik"}}


@dataclass(frozen=True)
class Definition:
    """The definition of a measure, Danish and English, with {k} for the threshold and other fields
    (given to `text`, or bound beforehand with `filled`, e.g. the count date a page reads from a query)."""

    da: str
    en: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, view: View, **fields) -> str:
        return view.tr(self.da, self.en, k=view.min_n, **{**dict(self.fields), **fields})

    def filled(self, **fields) -> "Definition":
        return replace(self, fields=self.fields + tuple(fields.items()))

    def __add__(self, other: "Definition") -> "Definition":
        return Definition(f"{self.da}\n\n{other.da}", f"{self.en}\n\n{other.en}", self.fields + other.fields)


@dataclass(frozen=True)
class Card:
    """A key figure in a box: label, value, change (only when beyond noise), hover help, caption."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    caption: str = ""
    trend: tuple[float, ...] | None = None   # a sparkline of the years
    delta_color: str = "normal"              # 'inverse' where lower is better
    link: tuple[str, str] | None = None      # (page file, link text): the page that explains the figure


NO_CHART = object()  # a section of text only (None as figure: a chart with nothing to show)


class _Spec(BaseFigure):
    """A figure as st.plotly_chart reads it (Figure.to_dict: a deep copy of every trace and the layout, arrays turned
    into base64), made once per figure object. A section's figure is built once and shared by every viewer
    (ui.cache.drawn), so without this each of a meeting's 30 views made its own copy: a fifth of a cached view's CPU
    on Overgange. Not a whole Figure: Streamlit reads nothing but to_dict."""

    def __init__(self, spec: dict):  # noqa: D107 - BaseFigure's own set-up is not wanted
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def _spec(fig: go.Figure) -> _Spec:
    """The figure's _Spec, kept on the figure (a drawn figure is never changed: ui.cache.drawn)."""
    spec = fig.__dict__.get("_indblik_spec")
    if spec is None:
        spec = _Spec(fig.to_dict())
        object.__setattr__(fig, "_indblik_spec", spec)
    return spec


def chart(fig: go.Figure, key: str | None = None, narrow: Narrow | None = None, view: View | None = None) -> None:
    """A chart in our theme; with `narrow`, a click on a group narrows the global filter to it (ui.crossfilter).
    The figure is drawn as it is the first time it is drawn: change a copy of it, not it."""
    if narrow is None:
        st.plotly_chart(_spec(fig), theme=None, width="stretch", config=CONFIG, key=key)
        return
    key = key or f"narrow_{narrow.dim}"
    st.plotly_chart(_spec(fig), theme=None, width="stretch", config=CONFIG, key=key, selection_mode="points",
                    on_select=crossfilter.on_select(key, narrow, view))


def table(df: pd.DataFrame, view: View) -> None:
    """A small result table: sortable on screen; on the projector a static table in large type
    (Streamlit's interactive grid is drawn on a canvas that no style sheet can enlarge)."""
    if view.projector:
        st.table(df, hide_index=True)
    else:  # every row in sight: a table that scrolls inside itself hides rows from a reader who does not know
        st.dataframe(df, hide_index=True, width="stretch", height=min(38 + 35 * len(df), 2000))


def page(view: View, title: str, caption: str, *, with_survey: bool = False) -> None:
    """The head of a page of figures: its title, what it shows, and that the figures protect small groups.
    `with_survey`: the page also shows wellbeing figures, whose threshold is the survey's own (stricter)."""
    st.title(title)
    survey = view.within("trivsel").min_n
    k = view.tr("{k} (i trivselsmålingen {t})", "{k} (in the wellbeing survey {t})", k=view.min_n, t=survey) \
        if with_survey and survey > view.min_n else view.min_n
    st.caption(caption + " " + view.tr(
        "Tallene er justeret en smule for at beskytte små grupper, så summer kan afvige lidt; grupper med færre end "
        "{k} vises ikke.", "The figures are slightly adjusted to protect small groups, so totals may differ a little; "
        "groups of fewer than {k} are not shown.", k=k))


def cards(items: list[Card], note: str | None = None, per_row: int | None = None) -> None:
    """Key figures side by side (`per_row` to a row), each in a box with its caption, its sparkline
    and a link to its page where it has them; `note` under them."""
    per_row = per_row or len(items)
    for start in range(0, len(items), per_row):
        for col, c in zip(st.columns(per_row), items[start:start + per_row]):
            col.metric(c.label, c.value, c.delta, delta_color=c.delta_color, border=True, help=c.help,
                       chart_data=list(c.trend) if c.trend and len(c.trend) > 1 else None, chart_type="line")
            col.caption(c.caption)
            if c.link:
                col.page_link(c.link[0], label=c.link[1], icon=":material/arrow_forward:")
    if note:
        st.caption(note)


def section(view: View, headline: str, figure: go.Figure | None | object = NO_CHART, *, title: str | None = None,
            empty: str | None = None, note: str | None = None, rows: pd.DataFrame | None = None,
            hidden: list[str] | None = None, definition: Definition | str | None = None,
            figures: Table | None = None, name: str | None = None, more: ShowAll | None = None,
            key: str | None = None, narrow: Narrow | None = None, slide: Shown | None = None) -> None:
    """One block of a page: `title` (a header) and `headline`, then `figure` — or, when the chart has
    nothing to show (None), the `empty` sentence instead of an empty chart — `note`, `rows` as a table,
    the names of the `hidden` groups, the `definition` in an expander, and the files to take away: `figures`
    (a chart's figures as the screen rounds them) or, with a `name` for the file, the `rows` shown — as Excel
    and CSV (ui.export). `more`: the switch that shows every row of a list cut to its largest parts
    (first_rows), under the chart. `slide`: the section as a meeting's slide (ui.slides) — "Tilføj til møde"."""
    if title:
        st.header(title)
    st.subheader(headline)
    if figure is None:
        st.info(empty or view.tr("For få i udsnittet til at vise figuren.", "Too few in this selection to show the chart."))
    elif figure is not NO_CHART:
        chart(figure, key=key or (f"narrow_{narrow.dim}_{zlib.crc32(headline.encode())}" if narrow else None),
              narrow=narrow, view=view)
        if narrow:
            st.caption(view.tr("Klik på en gruppe for at afgrænse filtrene til den.",
                               "Click a group to narrow the filters to it."))
    if more:
        more.widget(view)
    if note:
        st.markdown(note)
    if rows is not None and not rows.empty:
        table(rows, view)
    if hidden:
        st.caption(f"{fmt.suppressed(view.min_n, view.lang).capitalize()}: {', '.join(hidden)}")  # each name says why
    if isinstance(definition, Definition):
        definition = definition.text(view)
    if definition:
        with st.expander(view.tr("Definition", "Definition")):
            st.markdown(definition)
    if figures is None and name and rows is not None and not rows.empty:
        figures = Table(title or headline, rows, name)
    stem = figures.name if figures is not None else name or export.slug(title or headline)[:40]
    picture = export.Picture(figure, headline, stem) if isinstance(figure, go.Figure) else None
    spare, stem_key = None, f"{stem}_{zlib.crc32(headline.encode())}_{key or ''}"
    if (figures is not None and not figures.frame.empty) or picture is not None:
        spare = export.buttons(figures if figures is not None and not figures.frame.empty else None, current().source,
                               view, key=f"export_{stem_key}", picture=picture)
    if slide is not None:
        with spare or st.container():
            slides.add_button(slide, current(), key=f"meeting_{stem_key}")



@dataclass(frozen=True)
class ShowAll:
    """The 'show all' switch under a list cut to its largest parts (first_rows): drawn by `section`
    right under the chart, so it sits where the reader sees that rows are missing."""

    key: str
    total: int
    what: tuple[str, str]

    def widget(self, view: View) -> None:
        st.toggle(view.tr("Vis alle {n} {w}", "Show all {n} {w}", n=self.total, w=view.tr(*self.what)), key=self.key)


def show_all(df: pd.DataFrame, key: str, *, limit: int = 10, level: str = "level", part: str = "indsats",
             what: tuple[str, str] = ("indsatser", "interventions")) -> ShowAll | None:
    """first_rows' switch alone (None when the list is not cut): for a page whose rows a shared slide cuts."""
    count = int((df[level] == part).sum())
    return ShowAll(key, count, what) if count > limit else None


def first_rows(df: pd.DataFrame, key: str, *, limit: int = 10, level: str = "level", part: str = "indsats",
               size: str = "n", what: tuple[str, str] = ("indsatser", "interventions")
               ) -> tuple[pd.DataFrame, ShowAll | None]:
    """A long list cut to its `limit` largest parts (by `size`, never by result), and the switch that
    shows them all (None when nothing is cut): the rows whose `level` is `part` beyond the first `limit`
    are dropped unless the reader has asked for them; the other rows (totals) stay. The page stays one
    a leader finishes."""
    more = show_all(df, key, limit=limit, level=level, part=part, what=what)
    if more is None:
        return df, None
    parts = df[df[level] == part]
    if st.session_state.get(key):
        return df, more
    keep = parts.assign(_size=pd.to_numeric(parts[size], errors="coerce").fillna(-1)) \
        .sort_values("_size", ascending=False, kind="stable").index[:limit]
    return df[(df[level] != part) | df.index.isin(keep)], more
