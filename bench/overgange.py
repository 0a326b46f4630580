"""Benchmark of the Overgange page's queries: the app path (summary tables, aggregated in SQL) against
the naive path (pull the pupils' snapshot rows into pandas and aggregate there), in one run.

    python -m bench.overgange [URL ...]

Default: the demo database (data/indblik.db, upgraded to the current schema first) and, when it
exists, the national-scale SQLite file of bench.national (/tmp/indblik_national.db). The page total
is the sum of the app path's queries (what one uncached page view runs).
"""
from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.harness import compare
from data.config import DEFAULT_URL
from data.db import migrate
from queries import overgange as q
from queries.filters import Filters, Scope

F, ALL = Filters(), Scope.everything()
NATIONAL = "/tmp/indblik_national.db"


def _latest(conn) -> int:
    return max(q.transition_years(conn))


def _pupils(conn, years=None) -> pd.DataFrame:
    """Naive: every pupil's snapshot row with its municipality, into pandas."""
    snap, inst, child = (sa.table(n, *(sa.column(c) for c in cols)) for n, cols in (
        ("placement_snapshot", ("school_year", "child_id", "institution_id", "provision_form", "gender")),
        ("institution", ("id", "kind", "municipality_kode")), ("child", ("id", "birth_year"))))
    qq = (sa.select(snap.c.school_year, snap.c.child_id, snap.c.institution_id, snap.c.provision_form,
                    inst.c.municipality_kode, child.c.birth_year)
          .select_from(snap.join(inst, inst.c.id == snap.c.institution_id).join(child, child.c.id == snap.c.child_id))
          .where(inst.c.kind == "skole"))
    if years is not None:
        qq = qq.where(snap.c.school_year.in_(years))
    return pd.read_sql(qq, conn)


def naive_trend(conn):
    df = _pupils(conn)
    df["seg"] = df["provision_form"] != "almen"
    return df.groupby("school_year")["seg"].agg(["size", "mean"])


def naive_flows(conn):
    y = _latest(conn)
    df = _pupils(conn, [y - 1, y])
    a, b = df[df["school_year"] == y - 1], df[df["school_year"] == y]
    m = a.merge(b, on=["child_id", "municipality_kode"], how="outer", suffixes=("_0", "_1"))
    m["from"] = m["provision_form_0"].fillna("ind")
    m["to"] = m["provision_form_1"].fillna("ud")
    return m.groupby(["from", "to"]).size()


def naive_tilgang_afgang(conn):
    df = _pupils(conn).sort_values(["child_id", "municipality_kode", "school_year"])
    prev = df.groupby(["child_id", "municipality_kode"])["provision_form"].shift()
    prev_year = df.groupby(["child_id", "municipality_kode"])["school_year"].shift()
    ok = prev_year == df["school_year"] - 1
    t = ok & (prev == "almen") & (df["provision_form"] != "almen")
    a = ok & (prev != "almen") & prev.notna() & (df["provision_form"] == "almen")
    return pd.DataFrame({"y": df["school_year"], "t": t, "a": a}).groupby("y").sum()


def naive_return(conn):
    df = _pupils(conn).sort_values(["child_id", "municipality_kode", "school_year"])
    g = df.groupby(["child_id", "municipality_kode"])
    seg = df["provision_form"] != "almen"
    entry = seg & (g["provision_form"].shift() == "almen") & (g["school_year"].shift() == df["school_year"] - 1)
    back = (~seg) & (g["provision_form"].shift() != "almen") & g["provision_form"].shift().notna()
    first_back = df[back].groupby(["child_id", "municipality_kode"])["school_year"].min()
    e = df[entry].join(first_back.rename("back"), on=["child_id", "municipality_kode"])
    dur = (e["back"] - e["school_year"]).where(e["back"] > e["school_year"])
    return np.nanmean(dur.to_numpy(dtype=float))


def naive_funnel(conn):
    df = _pupils(conn).sort_values(["child_id", "municipality_kode", "school_year"])
    g = df.groupby(["child_id", "municipality_kode"])
    prev_inst, prev_form = g["institution_id"].shift(), g["provision_form"].shift()
    almen_before = prev_form == "almen"
    sent = almen_before & (df["provision_form"] != "almen")
    return pd.DataFrame({"i": prev_inst[almen_before], "s": sent[almen_before]}).groupby("i")["s"].agg(["size", "mean"])


CASES = [
    ("transition_years", q.transition_years, None),
    ("inklusion_trend", lambda c: q.inklusion_trend(c, F, ALL), naive_trend),
    ("inklusion_split (distrikt)", lambda c: q.inklusion_split(c, F, ALL, "distrikt", _latest(c)), None),
    ("tilgang_afgang", lambda c: q.tilgang_afgang(c, F, ALL), naive_tilgang_afgang),
    ("flows (Sankey)", lambda c: q.flows(c, F, ALL, _latest(c)), naive_flows),
    ("return_curve (Kaplan-Meier)", lambda c: q.return_curve(c, F, ALL), naive_return),
    ("return_by_form", lambda c: q.return_by_form(c, F, ALL), None),
    ("school_start", lambda c: q.school_start(c, F, ALL), None),
    ("sending_funnel", lambda c: q.sending_funnel(c, F, ALL), naive_funnel),
    ("inklusion_trend, one kommune", lambda c: q.inklusion_trend(c, Filters(kommune=_kommune(c)), ALL), None),
]


def _kommune(conn) -> int:
    return conn.execute(sa.text("SELECT min(kode) FROM municipality")).scalar()


def main(argv: list[str]) -> int:
    urls = argv or [DEFAULT_URL] + ([f"sqlite:///{NATIONAL}"] if os.path.exists(NATIONAL) else [])
    for url in urls:
        migrate(sa.create_engine(url))  # the summary tables exist and are filled (no-op when current)
        compare(url, CASES, repeat=7, naive_repeat=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
