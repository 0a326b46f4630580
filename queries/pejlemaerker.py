"""Pejlemærker: each municipality's targets with the actual value computed by the KPI's own query (never
typed in) and a status that takes the uncertainty into account (stats.targets states the rule).

The actual value of a target is the KPI for the target's municipality and school year, within the
role's scope (a school leader sees the school's own value against the municipality's target; the page
says so). Only targets in force (retired_at NULL) are read; the history stays in the table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.contract import lookup
from queries.filters import Filters, Scope
from queries.kpis import CATALOGUE
from stats.targets import status as target_status

COLUMNS = ["id", "municipality_kode", "area", "kpi_code", "title", "school_year", "target_value", "direction", "value",
           "ci_low", "ci_high", "n", "previous", "status", "hidden"]


@lookup
def municipalities_with_targets(conn: sa.Connection, filters: Filters, scope: Scope) -> list[tuple[int, str]]:
    """(kode, name) of the municipalities with targets in force, within the role's scope — for the
    administrator every municipality (the first target has to be added somewhere)."""
    t, m = s.target, s.municipality
    q = sa.select(m.c.kode, m.c.name).order_by(m.c.name)
    if not scope.admin:
        q = q.where(m.c.kode.in_(sa.select(t.c.municipality_kode).where(t.c.retired_at.is_(None))))
    if scope.municipality_kode is not None:
        q = q.where(m.c.kode == scope.municipality_kode)
    if scope.institution_ids is not None:
        q = q.where(m.c.kode.in_(sa.select(s.institution.c.municipality_kode)
                                 .where(s.institution.c.id.in_(sorted(scope.institution_ids)))))
    return [(int(k), str(n)) for k, n in conn.execute(q)]


def in_force(conn: sa.Connection, kommune: int) -> pd.DataFrame:
    """The targets of a municipality in force: id, municipality_kode, area, kpi_code, title, school_year,
    target_value, direction."""
    t = s.target
    q = (sa.select(t.c.id, t.c.municipality_kode, t.c.area, t.c.kpi_code, t.c.title, t.c.school_year, t.c.target_value,
                   t.c.direction).where(t.c.municipality_kode == kommune, t.c.retired_at.is_(None))
         .order_by(t.c.area, t.c.kpi_code, t.c.school_year))
    return pd.DataFrame(conn.execute(q).all(), columns=COLUMNS[:8])


def status(conn: sa.Connection, filters: Filters, scope: Scope, kommune: int) -> pd.DataFrame:
    """Every target of `kommune` in force with its actual value (the KPI for the municipality and year,
    95 % interval, n), the value the year before, and its status (stats.targets). A KPI code that is not
    in the catalogue has no value: 'ingen data'; hidden says the year's value exists but protects a small
    group. Columns: COLUMNS."""
    targets = in_force(conn, kommune)
    where = Filters(kommune=kommune)
    memo: dict = {}
    series = {code: CATALOGUE[code].series(conn, where, scope, memo) for code in targets["kpi_code"].unique()
              if code in CATALOGUE}
    rows = []
    for r in targets.itertuples():
        d = series.get(r.kpi_code)
        shown = d[~d["suppressed"].astype(bool)].set_index("school_year") if d is not None else pd.DataFrame()
        hidden = d is not None and bool(d.loc[d["school_year"] == r.school_year, "suppressed"].any())
        this = shown.loc[r.school_year] if r.school_year in shown.index else None
        before = shown[shown.index < r.school_year]
        prev = float(before["value"].iloc[-1]) if len(before) else np.nan
        value, low, high, n = ((np.nan,) * 4 if this is None else
                               (float(this["value"]), float(this["ci_low"]), float(this["ci_high"]), float(this["n"])))
        rows.append(dict(r._asdict(), value=value, ci_low=low, ci_high=high, n=n, previous=prev,
                         status=target_status(float(r.target_value), r.direction, value, low, high, prev), hidden=hidden))
    return pd.DataFrame(rows, columns=COLUMNS)
