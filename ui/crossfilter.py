"""Cross-filtering: a click on a group in a chart narrows the global filter to that group, with a chip above
the page that says what was added and undoes it in one click.

A chart that narrows says which filter dimension its points are (`Narrow(dim, values)`: one value per
point of its first trace, in order). The click is handled in Plotly's selection callback — before the
page runs, so the filter bar is drawn with the new value and the link follows it, as if the reader had
chosen it in the sidebar; a value the role may not choose is not in the filter's choices and is dropped
there like any other. A chart may instead narrow a choice of its own page (`Narrow.widget`: Effekt's
"Vis detaljer for"), with the same chip and undo.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import streamlit as st

from queries.filters import dimension
from ui.view import View

CHIPS = "_crossfilter_chips"


@dataclass(frozen=True)
class Narrow:
    """A chart's points as groups of a filter dimension: `values[i]` is the group of point i of the trace
    `curve`; `names[i]` its name for the chip. `more`: further traces, (curve, values, names) each (a funnel
    draws its points in two traces, by colour)."""

    dim: str
    values: tuple
    names: tuple[str, ...]
    curve: int = 0
    more: tuple = ()
    widget: str = ""          # a page's own choice instead of a filter: its session key (e.g. Effekt's detail)
    label: tuple[str, str] = ()  # the chip's name for that choice (Danish, English)
    then: Callable[[], None] | None = None  # what the page's own on_change of that choice would also do

    def point(self, curve: int, i: int):
        """(value, name) of point i of trace `curve`, or None when that point is no group."""
        for c, values, names in ((self.curve, self.values, self.names), *self.more):
            if c == curve and 0 <= i < len(values):
                return values[i], names[i]
        return None


def _keys(dim: str) -> list[str]:
    """The filter bar's session keys of a dimension (ui.shell: f_<name>, or f_<name>_fra/_til for a range)."""
    d = dimension(dim)
    return [f"f_{d.name}_fra", f"f_{d.name}_til"] if d.range else [f"f_{d.name}"]


def _clicked(key: str, narrow: Narrow, view: View) -> None:
    """The selection callback: set the filter to the clicked group and remember how to undo it."""
    ss = st.session_state
    picked = [narrow.point(p.get("curve_number", 0), p.get("point_index", p.get("point_number", -1)))
              for p in (ss[key].selection.get("points") or [])]
    picked = [p for p in picked if p is not None]
    if not picked:
        return
    (value, name), keys = picked[0], [narrow.widget] if narrow.widget else _keys(narrow.dim)
    before = {k: ss.get(k) for k in keys}
    for k in keys:
        ss[k] = value
    if narrow.then:
        narrow.then()
    what = view.tr(*narrow.label) if narrow.label else dimension(narrow.dim).text(view.lang)
    chip = view.tr("{d}: {n}", "{d}: {n}", d=what, n=name)
    ss[CHIPS] = [c for c in ss.get(CHIPS, []) if c[0] != chip] + [(chip, before, value)]


def on_select(key: str, narrow: Narrow, view: View):
    """The callback to give st.plotly_chart(on_select=...) for a chart that narrows."""
    return functools.partial(_clicked, key, narrow, view)


def _undo(i: int) -> None:
    ss = st.session_state
    chips = ss.get(CHIPS, [])
    if i < len(chips):
        for k, v in chips[i][1].items():
            if v is None:
                ss.pop(k, None)
            else:
                ss[k] = v
        ss[CHIPS] = chips[:i] + chips[i + 1:]


def chips(view: View) -> None:
    """The filters added by clicks, each a button that takes it away again (a chip goes by itself when the
    reader has since changed that filter in the sidebar)."""
    ss = st.session_state
    ss[CHIPS] = [c for c in ss.get(CHIPS, []) if all(ss.get(k) == c[2] for k in c[1])]
    for i, (chip, _, _) in enumerate(ss[CHIPS]):
        st.button(view.tr("Fra klik: {c} ✕", "From a click: {c} ✕", c=chip), key=f"_chip_{i}_{chip}", on_click=_undo,
                  args=(i,), help=view.tr("Fjern filteret igen", "Take the filter away again"), type="secondary",
                  icon=":material/filter_alt_off:")
