"""Benchmark of access: what the login and the audit log cost per click, with a year's audit log.

    python -m bench.access [URL] [--rows N]

On a copy of the schema (a new SQLite file, or the given database URL — use a scratch PostgreSQL
schema, this writes), with N audit rows (default 1,000,000: some 200 users × 20 page views a day × 250
days) and 500 users, it times the app's path for each thing the app does, medians of 25 calls:
- the role lookup every run does (queries.access.scope_for), against the naive path of reading every
  user and matching in Python;
- the audit row a page view or an export writes (data.access.record, its own transaction);
- the admin's view of the log: the newest 500 rows, and the newest 500 of one login — the app's
  indexed path against the naive path of reading the whole log into pandas and filtering there;
- the pruning a new session does (data.access.prune) when nothing is older than the retention period.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.db import get_engine, migrate
from data import access as store
from queries import access


def timed(fn, repeat: int = 25) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fill(engine: sa.Engine, rows: int, users: int = 500) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as c:
        c.execute(s.municipality.insert().values(kode=530, name="Billund"))
        c.execute(s.app_user.insert(), [dict(subject=f"bruger{i}@kommune.dk", role="forvaltning", municipality_kode=530,
                                            created_at=now, created_by="bench") for i in range(users)])
        chunk = 50_000
        for start in range(0, rows, chunk):
            c.execute(s.audit_event.insert(), [
                dict(at=now - dt.timedelta(minutes=(rows - i) * 0.5), actor=f"bruger{i % users}@kommune.dk",
                     role="Forvaltning · Billund", event="side", page=("overblik", "trivsel", "overgange", "effekt")[i % 4],
                     selection="kommune=530&aar=2020-2025") for i in range(start, min(rows, start + chunk))])
    if engine.dialect.name == "postgresql":  # as autovacuum would have by then
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(sa.text("ANALYZE audit_event"))
            c.execute(sa.text("ANALYZE app_user"))


def naive_scope(conn, login: str):
    users = pd.read_sql(sa.select(s.app_user), conn)
    return users[users["subject"] == login.lower()]


def naive_log(conn, actor: str | None):
    log = pd.read_sql(sa.select(s.audit_event), conn)
    if actor:
        log = log[log["actor"] == actor]
    return log.sort_values(["at", "id"], ascending=False).head(500)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.access")
    parser.add_argument("url", nargs="?", default=None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'access.db'}"
    engine = get_engine(url)
    migrate(engine)
    started = time.perf_counter()
    fill(engine, args.rows)
    print(f"{engine.dialect.name}: {args.rows:,} audit rows, 500 users written in {time.perf_counter() - started:.0f} s")
    who = "bruger77@kommune.dk"
    with engine.connect() as conn:
        assert access.scope_for(conn, [who]).role == "forvaltning" and len(naive_scope(conn, who)) == 1
        app_log, slow_log = store.audit_log(conn, 500, who), naive_log(conn, who)
        assert list(app_log["at"]) == list(slow_log["at"]), "the naive log is not the app's"
        rows = [("role lookup per run (scope_for)", timed(lambda: access.scope_for(conn, [who])),
                 timed(lambda: naive_scope(conn, who))),
                ("audit log, newest 500", timed(lambda: store.audit_log(conn, 500), 5),
                 timed(lambda: naive_log(conn, None), 3)),
                ("audit log, one login's newest 500", timed(lambda: store.audit_log(conn, 500, who), 5),
                 timed(lambda: naive_log(conn, who), 3))]

    def write():
        with engine.begin() as c:
            store.record(c, who, "Forvaltning · Billund", "side", "trivsel", "kommune=530")

    def prune():
        with engine.begin() as c:
            store.prune(c, 365)
    rows += [("audit row per page view (record + commit)", timed(write), None),
             ("prune on a new session (nothing to delete)", timed(prune, 5), None)]
    print(f"{'':45} {'app (ms)':>10} {'naive (ms)':>11}")
    for name, app, naive in rows:
        print(f"{name:45} {app:10.1f} {'' if naive is None else f'{naive:11.1f}'}")


if __name__ == "__main__":
    main()
