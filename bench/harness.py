"""Benchmark harness: time the app's query path and a naive path in the same run, print medians.

A case is (name, app_fn, naive_fn) where each fn takes a Connection. "cold" is the first call on
a fresh engine (new connections, empty in-process page cache; the OS file cache may be warm);
"warm" is the median of `repeat` further calls. Timing assertions do not belong in tests: this
prints figures for the closing note and for the README.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa

QueryFn = Callable[[sa.Connection], object]


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


def compare(url: str, cases: list[tuple[str, QueryFn, QueryFn | None]], repeat: int = 7,
            naive_repeat: int = 3) -> list[Result]:
    """Run every case's app path and (when given) naive path; print a table; return the results."""
    results = []
    for name, app_fn, naive_fn in cases:
        results.append(measure(url, name, "app", app_fn, repeat))
        if naive_fn is not None:
            results.append(measure(url, name, "naive", naive_fn, naive_repeat))
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
