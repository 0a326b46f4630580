"""The edge between Streamlit and the query layer: the database URL and cached query calls.

Queries are plain functions `fn(conn, *args)`; `run(fn, *args)` caches the result with st.cache_data,
keyed on the database URL, the function's name, the (hashable) arguments — Filters and Scope
among them, so a cached result never crosses filters or roles — and the suppression thresholds. The function object itself is passed
through (not hashed), so a reader can follow a page's call straight into its query.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import fields

import streamlit as st

from data.config import database_url, settings
from data.db import get_engine
from data.errors import InputError
from queries.filters import Filters, Scope
from ui.view import View


def current_url() -> str:
    if os.environ.get("INDBLIK_DATABASE_URL"):  # it wins over secrets anyway; reading them is ~1 ms a call
        return database_url()
    secrets_url = None
    try:
        secrets_url = st.secrets.get("connections", {}).get("sql", {}).get("url")
    except Exception:  # no secrets file: that is the normal case
        secrets_url = None
    return database_url(secrets_url)


_PLAIN = (str, int, float, bool, type(None), dt.date)


def _plain(x):
    """A value as nested tuples of plain values (those in _PLAIN), equal for equal values (a set's members sorted, a
    dataclass — Filters, Scope, View — by its class and fields), for a cache key; TypeError for anything else (a
    frame, an array: Streamlit hashes those)."""
    if isinstance(x, (Filters, Scope, View)):
        return (type(x).__name__, *(_plain(getattr(x, f.name)) for f in fields(x)))
    if isinstance(x, (frozenset, set)):
        return ("set", *sorted((_plain(v) for v in x), key=repr))
    if isinstance(x, (tuple, list)):
        return tuple(_plain(v) for v in x)
    if isinstance(x, _PLAIN):
        return x
    raise TypeError(type(x).__name__)


def _text(x) -> str:
    """The cache key of the filters, a role's scope or the view where Streamlit hashes the arguments (those that are
    not all plain): the text of `_plain`. Streamlit's own hashing walks the dataclass, ~0.5 ms a call; this ~0.01 ms."""
    return repr(_plain(x))


KEYS = {Filters: _text, Scope: _text, View: _text}


def _key(url: str, fn, args: tuple) -> str | None:
    """One text for the whole cache key of `fn(*args)` on `url`: its name, its arguments (`_plain`) and the
    suppression thresholds (a result is never served under another threshold); None when an argument is not plain.
    Streamlit then hashes one string instead of four values and looks up one parameter's name (inspect.signature
    per parameter, per call): a third of a cached page view's CPU went there (Overgange, 24.11.2026)."""
    s = settings()
    try:
        return repr((url, f"{fn.__module__}.{fn.__qualname__}", _plain(args), (s.min_n, s.min_n_trivsel)))
    except TypeError:
        return None


@st.cache_data(ttl=settings().cache_ttl, max_entries=2000, show_spinner=False)
def _cached(key: str, _url: str, _fn, _args: tuple):
    with get_engine(_url).connect() as conn:
        return _fn(conn, *_args)


@st.cache_data(ttl=settings().cache_ttl, max_entries=200, show_spinner=False, hash_funcs=KEYS)
def _cached_hashed(url: str, name: str, args: tuple, thresholds: tuple, _fn):  # arguments that are not plain
    with get_engine(url).connect() as conn:
        return _fn(conn, *args)


def run(fn, *args):
    """Call query `fn(conn, *args)` through the cache; args must be hashable (Filters, Scope, ints...)."""
    url = current_url()
    key = _key(url, fn, args)
    if key is not None:
        return _cached(key, url, fn, args)
    s = settings()
    return _cached_hashed(url, f"{fn.__module__}.{fn.__qualname__}", args, (s.min_n, s.min_n_trivsel), fn)


@st.cache_resource(ttl=settings().cache_ttl, max_entries=500, show_spinner=False)
def _drawn(key: str, _fn, _args: tuple):
    return _fn(*_args)


@st.cache_resource(ttl=settings().cache_ttl, max_entries=100, show_spinner=False, hash_funcs=KEYS)
def _drawn_hashed(url: str, name: str, args: tuple, thresholds: tuple, _fn):  # arguments that are not plain
    return _fn(*args)


def drawn(fn, *args):
    """Call `fn(*args)` once per arguments and share the result between sessions, as `run` does for queries,
    but without copying it (st.cache_resource): for a section's figure, headline and table, which take
    more CPU to build than to look up. Only for a builder that reads nothing but its arguments and `run`
    (no session state, no widgets), and its result must never be changed in place (ui.moede and the
    exports copy a figure before changing it). Dropped with the query results when the data change."""
    url = current_url()
    key = _key(url, fn, args)
    if key is not None:
        return _drawn(key, fn, args)
    s = settings()
    return _drawn_hashed(url, f"{fn.__module__}.{fn.__qualname__}", args, (s.min_n, s.min_n_trivsel), fn)


def fresh(fn, *args):
    """Call query `fn(conn, *args)` now, not through the cache (who a login is: a change must hold at once)."""
    with get_engine(current_url()).connect() as conn:
        return fn(conn, *args)


def write(fn, *args) -> None:
    """Run the writing query `fn(conn, *args)` in one transaction, leaving the cached results alone
    (the audit log: it changes no figure)."""
    with get_engine(current_url()).begin() as conn:
        fn(conn, *args)


def saved(fn, *args, figures: bool = True) -> bool:
    """Run the writing query `fn(conn, *args)` in one transaction on the database; on a Danish
    validation error show it and write nothing. After a write that can change a figure (`figures`: a target,
    a user's scope) every cached query result is dropped, so the page shows the new state; a meeting's slides
    change no figure, and every other viewer keeps the cache."""
    try:
        with get_engine(current_url()).begin() as conn:
            fn(conn, *args)
    except InputError as exc:
        st.error(str(exc))
        return False
    if figures:
        changed()
    return True


def kept(fn, *args) -> bool:
    """`saved` for a write that changes no figure (a meeting and its slides): the caches stay."""
    return saved(fn, *args, figures=False)


def changed() -> None:
    """The data changed (an import): every cached query result and drawn section is dropped, so every page
    shows the new state."""
    for cache in (_cached, _cached_hashed, _drawn, _drawn_hashed):
        cache.clear()
