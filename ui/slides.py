"""Slides: the charts a meeting can hold, each drawn by the same code as on its page.

A slide kind is a function `(filters, scope, view, **choices) -> Shown` registered under a key with `@slide`:
the page calls it to draw its section, and the meeting (pages/moede.py) calls it again with the slide's saved
selection and choices — in the reader's own role, on the data as they are now, in the projector's view. So a
chart is never drawn twice in two ways, and a meeting can never show more than the reader's role may see.

`add_button(shown, ctx)` is the "Tilføj til møde" under a section: a dialog with the reader's own meetings (or a
new one), and the chart goes in as the last slide, with its selection and what it shows now (data.meetings).
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import json
from dataclasses import dataclass, field, replace
from typing import Callable
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data import meetings as store
from ui.cache import drawn, fresh, kept
from ui.export import Table
from ui.view import View


@dataclass(frozen=True)
class Shown:
    """What a section shows: the finding in one sentence, the chart (None: nothing to draw), its figures as a
    table to take away; `kind` and `choices` say how to draw it again (filled by @slide)."""

    headline: str
    figure: go.Figure | None
    table: Table | None = None
    rows: pd.DataFrame | None = None  # the table the page shows under the chart (not kept in a meeting)
    kind: str = ""
    choices: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    key: str
    page: str                   # the page it comes from (its url path)
    title: tuple[str, str]      # what it is, for the slide list ("Trivsel over årene")
    build: Callable[..., Shown | None]


SLIDES: dict[str, Kind] = {}
MODULES = ("ui.trivsel.slides", "ui.overgange.slides", "ui.effekt.slides", "ui.udforsk", "ui.pejlemaerker")


def slide(key: str, page: str, title: tuple[str, str], shared: bool = False, switches: tuple[str, ...] = ()):
    """Register a slide kind: the function draws one section of `page` from filters, scope, view and its choices.
    `shared`: the function reads nothing but these and the session state's `switches` (e.g. a "show all" switch,
    ui.section.first_rows), so what it draws is built once per selection and switch and shared by every session
    (ui.cache.drawn): a meeting's 30 viewers of one link build each figure once."""
    def wrap(fn):
        def draw(filters, scope, view: View, choices: tuple, state: tuple = ()) -> Shown | None:
            # `state`: the switches' values as the function will read them — part of the shared cache's key
            shown = fn(filters, scope, view, **dict(choices))
            return None if shown is None else replace(shown, kind=key, choices=dict(choices))
        draw.__qualname__ = f"slide.{key}"

        @functools.wraps(fn)
        def build(filters, scope, view: View, **choices) -> Shown | None:
            if shared:
                state = tuple(bool(st.session_state.get(s)) for s in switches)
                return drawn(draw, filters, scope, view, tuple(sorted(choices.items())), state)
            return draw(filters, scope, view, tuple(choices.items()))
        SLIDES[key] = Kind(key, page, title, build)
        return build
    return wrap


def kinds() -> dict[str, Kind]:
    """Every slide kind (importing the modules that register them)."""
    for name in MODULES:
        importlib.import_module(name)
    return SLIDES


# --- "Tilføj til møde" ----------------------------------------------------------------------------
NEW = 0


def _params(ctx) -> str:
    from ui.shell import link_params
    return urlencode(link_params(ctx.filters, replace(ctx.view, lang="da", projector=False)))


def add(conn, meeting_id: int, owner: str, shown: Shown, params: str, scope_label: str, new: tuple | None = None) -> int:
    """Add `shown` to meeting `meeting_id` (or, with `new` = (name, date), to a new meeting of that name)."""
    if new is not None:
        meeting_id = store.create(conn, owner, new[0], new[1])
    kind = kinds()[shown.kind]
    return store.add_slide(conn, meeting_id, owner, kind=shown.kind, page=kind.page, params=params,
                           choices=shown.choices, headline=shown.headline, scope=scope_label,
                           table=None if shown.table is None else shown.table.frame,
                           figure_json=None if shown.figure is None else shown.figure.to_json())


def add_button(shown: Shown | None, ctx, key: str) -> None:
    """'Tilføj til møde' under a section: a button that opens a dialog to choose one of the reader's meetings
    (or name a new one) and add the chart to it. The meetings are read and the choices drawn only when the
    dialog is open, not on every view of the page (a meeting's 30 viewers would read them for every section)."""
    view = ctx.view
    if shown is None or not shown.kind or view.projector:
        return
    if st.button(view.tr("Tilføj til møde", "Add to meeting"), key=f"{key}_open", icon=":material/co_present:"):
        st.session_state["_meeting_dialog"] = key
    if st.session_state.get("_meeting_dialog") == key:
        _dialog(view.tr("Tilføj til møde", "Add to meeting"), shown, ctx, key)


def _dialog(title: str, shown: Shown, ctx, key: str) -> None:
    @st.dialog(title, on_dismiss=lambda: st.session_state.pop("_meeting_dialog", None))
    def choose():
        view = ctx.view
        st.caption(shown.headline)  # which chart goes in
        own = fresh(store.meetings, ctx.actor)
        own = own[own["owner"] == ctx.actor]
        names = {NEW: view.tr("Nyt møde …", "New meeting …"),
                 **{int(r.id): f"{r.name} ({r.meeting_date:%d.%m.%Y})" for r in own.itertuples()}}
        chosen = st.selectbox(view.tr("Møde", "Meeting"), list(names), format_func=names.get, key=f"{key}_meeting",
                              index=1 if len(names) > 1 else 0)
        new = None
        if chosen == NEW:
            name = st.text_input(view.tr("Mødets navn", "Name of the meeting"), key=f"{key}_name",
                                 placeholder=view.tr("fx Børne- og Skoleudvalget maj", "e.g. Committee, May"))
            when = st.date_input(view.tr("Dato", "Date"), value=dt.date.today(), key=f"{key}_date", format="DD.MM.YYYY")
            new = (name, when)
        if st.button(view.tr("Tilføj", "Add"), key=f"{key}_add", icon=":material/add:"):
            if kept(add, chosen, ctx.actor, shown, _params(ctx), ctx.scope.label, new):
                st.session_state.pop("_meeting_dialog", None)
                st.toast(view.tr("Tilføjet til mødet.", "Added to the meeting."), icon=":material/co_present:")
                st.rerun()
    choose()


def choices_of(text: str) -> dict:
    return json.loads(text or "{}")
