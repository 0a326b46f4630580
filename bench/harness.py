"""Benchmark harness: check that the naive path computes what the app shows, then time both, print medians.

A `Case` is a name, the app path, and optionally a naive path and the `Same` that says which of the
app's figures the naive path must reproduce; each path takes a Connection. Before anything is timed,
`compare` runs every case's two paths once on one connection and raises `Mismatch` (naming the case,
the row and the column) unless the naive result equals what the app shows: keys and counts exactly,
means, shares and rates to a relative tolerance, on every row the app shows (hidden rows and hidden
cells are skipped, never the whole check). So the timings always compare the same work.

"cold" is the first call on a fresh engine (new connections, empty in-process page cache; the OS
file cache may be warm, and the check has just read the same rows); "warm" is the median of `repeat`
further calls. Timing assertions do not belong in tests: this prints figures for the closing note
and for the README.
"""
from __future__ import annotations

import contextlib
import decimal
import math
import numbers
import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from queries import contract
from queries.filters import DIMENSIONS, SPECIAL, Filters

QueryFn = Callable[[sa.Connection], object]


class Mismatch(AssertionError):
    """A naive path does not compute what the app shows (the timings would compare different work)."""


def shown(result) -> pd.DataFrame:
    """The frame the page draws from an app result: the result itself, or a funnel's points."""
    return getattr(result, "points", result)


def with_centre(result) -> pd.DataFrame:
    """A funnel's points with its centre (the population's mean or rate) as a column on every row."""
    return result.points.assign(centre=result.centre)


@dataclass(frozen=True)
class Same:
    """Which figures of the app's result a naive path must reproduce.

    The naive path returns a DataFrame with these columns (the app's names). keys: the columns that
    name a row (matched exactly); exact: counts and labels (equal); close: means, shares, rates and
    their intervals (equal to `rtol` relative, or `atol` absolute near 0; NaN equals only NaN);
    cells: columns among exact/close that the app hides one by one on a shown row (compared where the
    app shows them); guards: (flag, columns) of a later guard of the app's result that hides those
    columns on its own (e.g. Effekt's gas_suppressed); flag: the app's column saying a row is hidden.
    view: turns the app's result into the frame to compare (default: the frame, or a funnel's points).

    Every row the app shows must be in the naive result, and every naive row must be a row of the app
    (shown or hidden): a naive path may leave out the rows the app hides. A case whose app result
    shows no row at all raises too — a check that compares nothing is no check.
    """

    keys: tuple[str, ...]
    exact: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    guards: tuple[tuple[str, tuple[str, ...]], ...] = ()
    flag: str | None = "suppressed"
    view: Callable[[Any], pd.DataFrame] = shown
    rtol: float = 1e-9
    atol: float = 1e-12

    def check(self, case: str, app_result, naive: pd.DataFrame) -> int:
        """Raise Mismatch unless `naive` reproduces the shown rows of `app_result`; return the
        number of app rows compared."""
        app = self.view(app_result)
        columns = (*self.keys, *self.exact, *self.close)
        for side, frame in (("app", app), ("naive", naive)):
            if not isinstance(frame, pd.DataFrame):
                raise Mismatch(f"{case}: the {side} path returned {type(frame).__name__}, not a DataFrame")
            missing = [c for c in columns if c not in frame.columns]
            if missing:
                raise Mismatch(f"{case}: the {side} result has no column(s) {missing}")
        at = {}
        for j, key in enumerate(_keys(naive, self.keys)):
            if key in at:
                raise Mismatch(f"{case}: the naive result has row {self._name(key)} twice")
            at[key] = j
        app_keys = _keys(app, self.keys)
        unknown = set(at) - set(app_keys)
        if unknown:
            key = sorted(unknown, key=repr)[0]
            raise Mismatch(f"{case}: the naive result has row {self._name(key)}, which the app does not return "
                           f"({len(unknown)} such row(s))")
        hidden = _flags(app, self.flag)
        later = {c: _flags(app, flag) for flag, cols in self.guards for c in cols}
        compared = 0
        for i, key in enumerate(app_keys):
            if hidden[i]:
                continue
            if key not in at:
                raise Mismatch(f"{case}: the app shows row {self._name(key)}, the naive result has no such row")
            j = at[key]
            compared += 1
            for c in (*self.exact, *self.close):
                if c in later and later[c][i]:
                    continue
                a, b = app[c].iloc[i], naive[c].iloc[j]
                if c in self.cells and _missing(a):
                    continue
                if not (_close(a, b, self.rtol, self.atol) if c in self.close else _equal(a, b)):
                    raise Mismatch(f"{case}: row {self._name(key)} differs in {c}: app {_norm(a)!r}, naive {_norm(b)!r}"
                                   + (f" (relative difference {_rel(a, b):.2e}, tolerance {self.rtol:g})"
                                      if c in self.close and _rel(a, b) is not None else ""))
        if not compared:
            raise Mismatch(f"{case}: the app shows no row to compare (" + (f"all {len(app_keys)} rows hidden)" if app_keys
                                                                          else "it returns no rows)"))
        return compared

    def _name(self, key: tuple) -> str:
        return "(" + ", ".join(f"{k}={v!r}" for k, v in zip(self.keys, key)) + ")"


@dataclass(frozen=True)
class Case:
    """One query of a page: the app path, and the naive path with what it must reproduce (`same`)."""

    name: str
    app: QueryFn
    naive: QueryFn | None = None
    same: Same | None = None

    def __post_init__(self):
        if self.naive is not None and self.same is None:
            raise ValueError(f"{self.name}: a naive path needs `same` (what it must reproduce of the app's result)")


# --- values ---------------------------------------------------------------------------------------
def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, decimal.Decimal):
        return v.is_nan()
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and math.isnan(v)


def _norm(v):
    """A value as a plain Python key: missing -> None, whole numbers -> int, other numbers -> float."""
    if _missing(v):
        return None
    if isinstance(v, decimal.Decimal):
        v = float(v)
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return int(v) if float(v).is_integer() else float(v)
    return str(v) if isinstance(v, str) else v


def _keys(frame: pd.DataFrame, keys: tuple[str, ...]) -> list[tuple]:
    return [tuple(_norm(v) for v in row) for row in zip(*(frame[k].tolist() for k in keys))] \
        if keys else [()] * len(frame)


def _flags(frame: pd.DataFrame, flag: str | None) -> np.ndarray:
    if flag is None or flag not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[flag].fillna(False).to_numpy(dtype=bool)


def _equal(a, b) -> bool:
    return _norm(a) == _norm(b)


def _close(a, b, rtol: float, atol: float) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    a, b = float(a), float(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= atol + rtol * max(abs(a), abs(b))


def _rel(a, b) -> float | None:
    if _missing(a) or _missing(b):
        return None
    a, b = float(a), float(b)
    return abs(a - b) / max(abs(a), abs(b)) if max(abs(a), abs(b)) else 0.0


# --- the naive paths' filters -----------------------------------------------------------------------
def naive_filter(df: pd.DataFrame, filters: Filters, **columns: str | None) -> pd.DataFrame:
    """The rows of a raw frame that `filters` admit, in pandas (the naive path's WHERE).

    columns: dimension name -> the frame's column it filters (None: the app does not apply that
    dimension to this measure either). A chosen dimension without an entry raises, so a naive path
    can never silently ignore a filter of the case it is timed against."""
    keep = np.ones(len(df), dtype=bool)
    for d in DIMENSIONS:
        value = getattr(filters, d.name)
        if value is None:
            continue
        if d.name not in columns:
            raise NotImplementedError(f"the naive path does not mirror the {d.name} filter")
        col = columns[d.name]
        if col is None:
            continue
        v = df[col]
        if d.range:
            lo, hi = value
            keep &= ((v >= lo) if lo is not None else True) & ((v <= hi) if hi is not None else True)
        elif d.name == "tilbudsform":
            keep &= (v.notna() & (v != "almen")) if value == SPECIAL else (v == value)  # NULL is no form (as in SQL)
        else:
            keep &= v == value
    return df[np.asarray(keep, dtype=bool)]


# --- timing -----------------------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    path: str
    cold_ms: float
    warm_ms: float


def _time(fn: QueryFn, conn: sa.Connection) -> float:
    started = time.perf_counter()
    fn(conn)
    return (time.perf_counter() - started) * 1000


def measure(url: str, name: str, path: str, fn: QueryFn, repeat: int = 7) -> Result:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            cold = _time(fn, conn)
            warm = statistics.median(_time(fn, conn) for _ in range(repeat))
    finally:
        engine.dispose()
    return Result(name, path, cold, warm)


def check(url: str, cases: list[Case]) -> int:
    """Run every case that has a naive path once, both ways; raise Mismatch unless the naive result
    reproduces the app's. Returns the number of app rows compared."""
    engine = sa.create_engine(url)
    rows = 0
    try:
        with engine.connect() as conn:
            for case in cases:
                if case.naive is not None:
                    rows += case.same.check(case.name, case.app(conn), case.naive(conn))
    finally:
        engine.dispose()
    return rows


@contextlib.contextmanager
def unperturbed():
    """The cell-key method off while inside: the naive paths compute the exact figures, so they are
    compared with the app's figures before perturbation (the timings then run with it, as the app does)."""
    saved = contract.count_noise, contract.magnitude_noise
    contract.count_noise = lambda counts, keys, threshold: np.zeros(len(counts), dtype="int64")
    contract.magnitude_noise = lambda keys, salt: np.zeros(len(keys))
    try:
        yield
    finally:
        contract.count_noise, contract.magnitude_noise = saved


def compare(url: str, cases: list[Case], repeat: int = 7, naive_repeat: int = 3) -> list[Result]:
    """Check every case's naive path against its app path (without the perturbation), then time both
    (with it); print a table; return the results."""
    with unperturbed():
        rows = check(url, cases)
    print(f"\nnaive = app: {sum(c.naive is not None for c in cases)} naive paths checked, {rows} shown rows equal")
    results = []
    for case in cases:
        results.append(measure(url, case.name, "app", case.app, repeat))
        if case.naive is not None:
            results.append(measure(url, case.name, "naive", case.naive, naive_repeat))
    print_table(url, results)
    return results


def print_table(url: str, results: list[Result]) -> None:
    safe = sa.make_url(url).render_as_string(hide_password=True)
    print(f"\n{safe}")
    print(f"{'query':<38} {'path':<6} {'cold ms':>10} {'warm ms (median)':>18}")
    for r in results:
        print(f"{r.name:<38} {r.path:<6} {r.cold_ms:>10.1f} {r.warm_ms:>18.1f}")
    app = [r for r in results if r.path == "app"]
    naive = [r for r in results if r.path == "naive"]
    print(f"{'ALL (sum)':<38} {'app':<6} {sum(r.cold_ms for r in app):>10.1f} {sum(r.warm_ms for r in app):>18.1f}")
    if naive:
        print(f"{'ALL (sum)':<38} {'naive':<6} {sum(r.cold_ms for r in naive):>10.1f} {sum(r.warm_ms for r in naive):>18.1f}")
