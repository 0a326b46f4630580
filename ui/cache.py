"""The edge between Streamlit and the query layer: engine per URL and cached query calls.

Queries are plain functions `fn(conn, *args)`; `run(fn, *args)` caches the result with
st.cache_data keyed on the function, the database URL and the (hashable) arguments.
"""
from __future__ import annotations

import importlib

import streamlit as st

from data.config import database_url, settings
from data.db import get_engine


def current_url() -> str:
    secrets_url = None
    try:
        secrets_url = st.secrets.get("connections", {}).get("sql", {}).get("url")
    except Exception:  # no secrets file: that is the normal case
        secrets_url = None
    return database_url(secrets_url)


@st.cache_data(ttl=settings().cache_ttl, max_entries=2000, show_spinner=False)
def _cached(url: str, fn_path: str, args: tuple):
    module, name = fn_path.rsplit(".", 1)
    fn = getattr(importlib.import_module(module), name)
    with get_engine(url).connect() as conn:
        return fn(conn, *args)


def run(fn, *args):
    """Call query `fn(conn, *args)` through the cache; args must be hashable (Filters, Scope, ints...)."""
    return _cached(current_url(), f"{fn.__module__}.{fn.__name__}", args)
