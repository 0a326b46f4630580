"""EXPLAIN (ANALYZE, BUFFERS) of each page's slowest statement on PostgreSQL (docs/skalering.md).

    python -m bench.explain URL [--kommune KODE]

Runs each page's query set (bench.national_pages.calls, whole country or one municipality) once with a
statement timer on the engine, takes the page's slowest statement and prints its plan.
"""
from __future__ import annotations

import argparse
import time

import sqlalchemy as sa

from bench.national_pages import PAGES, calls
from data.db import get_engine
from queries.filters import Filters


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("--kommune", type=int, default=None)
    args = ap.parse_args(argv)
    engine = get_engine(args.url)
    seen: list[tuple[float, str, object]] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _start(conn, cursor, statement, parameters, context, executemany):
        conn.info["t"] = time.perf_counter()

    @sa.event.listens_for(engine, "after_cursor_execute")
    def _stop(conn, cursor, statement, parameters, context, executemany):
        seen.append((time.perf_counter() - conn.info["t"], statement, parameters))

    with engine.connect() as conn:
        sets, _ = calls(conn, Filters(kommune=args.kommune))
        for page in PAGES:
            seen.clear()
            for fn, *a in sets[page]:
                fn(conn, *a)
            secs, statement, params = max(seen, key=lambda s: s[0])
            print(f"\n===== {page}: slowest of {len(seen)} statements, {secs * 1000:.0f} ms\n{statement}\n{params}")
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                print("\n".join(r[0] for r in cur.fetchall()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
