"""Effekt: the population of forløb and the shared SQL building blocks of queries/effekt.py.

See queries/effekt.py for who is in the population and what the columns mean.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.filters import Filters, Scope, where
from queries.privacy import suppress
from stats.change import reliable_change_threshold

GAS = "gas"
ORDER = ("sdq_total", "ors", "sos_skala", GAS)
LEVEL_INTERVENTION, LEVEL_METHOD, LEVEL_ALL = "indsats", "metode", "alle"

_p, _i, _c, _snap, _m, _g = s.participation, s.intervention, s.child, s.placement_snapshot, s.measurement, s.goal


# --- the population ------------------------------------------------------------------------
def _start_year(date_col) -> sa.ColumnElement[int]:
    """School year (start year) of a date: the calendar year, minus one before 1 August."""
    year = sa.cast(sa.extract("year", date_col), sa.Integer)
    month = sa.cast(sa.extract("month", date_col), sa.Integer)
    return year - sa.case((month < 8, 1), else_=0)


def _gas_interventions() -> sa.Select:
    p, g = _p.alias("p_gas"), _g.alias("g_gas")
    return (sa.select(p.c.intervention_id).select_from(p.join(g, g.c.participation_id == p.c.id))
            .where(g.c.gas_score.is_not(None)).distinct())


def _population(filters: Filters, scope: Scope, code: str):
    """(FROM clause, WHERE clauses, start-year expression) of the forløb in the population."""
    sy = _start_year(_p.c.start_date)
    frm = (_p.join(_i, _i.c.id == _p.c.intervention_id).join(_c, _c.c.id == _p.c.child_id)
           .outerjoin(_snap, sa.and_(_snap.c.child_id == _p.c.child_id, _snap.c.school_year == sy)))
    conds = where(filters, scope, institution=sa.func.coalesce(_i.c.institution_id, _snap.c.institution_id),
                  year=sy, grade=_snap.c.klassetrin, gender=_c.c.gender, form=_snap.c.provision_form)
    conds.append(_i.c.id.in_(_gas_interventions()) if code == GAS else _i.c.instrument_code == code)
    return frm, conds, sy


def _per_forloeb(filters: Filters, scope: Scope, code: str) -> sa.Subquery:
    """One row per forløb: participation_id, child_id, intervention_id, start_year, end_date,
    n_pre / n_post (rows before / after; for GAS: goals set / goals GAS-scored), and
    pre, post (mean scores) for a measured instrument, or sw, sw2, swx (Σw, Σw², Σw·x over the
    GAS-scored goals) for GAS."""
    frm, conds, sy = _population(filters, scope, code)
    if code == GAS:
        frm = frm.outerjoin(_g, _g.c.participation_id == _p.c.id)
        rated = _g.c.gas_score.is_not(None)
        w = sa.cast(_g.c.weight, sa.Double)
        extra = [sa.func.count(_g.c.id).label("n_pre"), sa.func.count(_g.c.gas_score).label("n_post"),
                 sa.func.sum(sa.case((rated, w), else_=0.0)).label("sw"),
                 sa.func.sum(sa.case((rated, w * w), else_=0.0)).label("sw2"),
                 sa.func.sum(sa.case((rated, w * _g.c.gas_score), else_=0.0)).label("swx")]
    else:
        frm = frm.outerjoin(_m, sa.and_(_m.c.participation_id == _p.c.id, _m.c.instrument_code == code))
        pre, post = _m.c.timepoint == "foer", _m.c.timepoint == "efter"
        extra = [sa.func.count(sa.case((pre, _m.c.id))).label("n_pre"),
                 sa.func.count(sa.case((post, _m.c.id))).label("n_post"),
                 sa.func.avg(sa.case((pre, sa.cast(_m.c.score, sa.Double)))).label("pre"),
                 sa.func.avg(sa.case((post, sa.cast(_m.c.score, sa.Double)))).label("post")]
    return (sa.select(_p.c.id.label("participation_id"), sa.func.min(_p.c.child_id).label("child_id"),
                      sa.func.min(_p.c.intervention_id).label("intervention_id"),
                      sa.func.min(sy).label("start_year"), sa.func.max(_p.c.end_date).label("end_date"), *extra)
            .select_from(frm).where(*conds).group_by(_p.c.id).cte("forloeb").prefix_with("MATERIALIZED"))


def instruments(conn: sa.Connection) -> pd.DataFrame:
    """The effect instruments in the page's order: code, name, min_score, max_score,
    higher_is_better (bool), cutoff, cutoff_note, reliability, reference_sd, rci_threshold
    (smallest reliable change in points, Jacobson-Truax; NaN without a reliability)."""
    ins = s.instrument
    df = pd.DataFrame(conn.execute(sa.select(*ins.c)).all(), columns=[c.name for c in ins.c])
    df["higher_is_better"] = df["higher_is_better"].astype(bool)
    for col in ("min_score", "max_score", "cutoff", "reliability", "reference_sd"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["rci_threshold"] = reliable_change_threshold(df["reference_sd"].to_numpy(), df["reliability"].to_numpy())
    rank = {c: i for i, c in enumerate(ORDER)}
    return df.sort_values("code", key=lambda c: c.map(lambda v: rank.get(v, 99)), ignore_index=True)


def _instrument(conn: sa.Connection, code: str) -> dict:
    """One instrument as a dict: higher_is_better, cutoff, rci_threshold (NaN where missing)."""
    ins = s.instrument
    r = conn.execute(sa.select(ins.c.higher_is_better, ins.c.cutoff, ins.c.reliability, ins.c.reference_sd)
                     .where(ins.c.code == code)).first()
    if r is None:
        raise ValueError(f"ukendt instrument: {code!r}")
    cut = float(r.cutoff) if r.cutoff is not None else float("nan")
    thr = float(reliable_change_threshold(r.reference_sd, r.reliability))
    return {"higher_is_better": bool(r.higher_is_better), "cutoff": cut, "rci_threshold": thr}


def _names(conn: sa.Connection) -> pd.DataFrame:
    return pd.DataFrame(conn.execute(sa.select(_i.c.id, _i.c.name)).all(),
                        columns=["intervention_id", "name"]).astype({"intervention_id": "int64"})


def _ints(df: pd.DataFrame, cols) -> pd.DataFrame:
    for c in cols:
        df[c] = df[c].fillna(0).astype("int64")
    return df


def _levels(conn: sa.Connection, sub: sa.Subquery, aggs: list, *, where=(), methods: bool = False) -> pd.DataFrame:
    """Run the labelled aggregates per intervention, per method (optional) and in all, as one UNION ALL.

    Returns level, intervention_id (float; NaN above indsats), name, method, the aggregates, and
    `_part`, the partition for complementary suppression: interventions within their method (when
    methods are shown) or within all interventions; methods within all; the total alone. The first
    aggregate must be a count: rows where it is 0 (an empty population's total) are dropped."""
    j = sub.join(_i, _i.c.id == sub.c.intervention_id)
    none_int, none_str = sa.cast(sa.null(), sa.Integer), sa.cast(sa.null(), sa.String)
    parts = [sa.select(sa.literal(LEVEL_INTERVENTION, sa.String).label("level"), sub.c.intervention_id.label("iv"),
                       _i.c.name.label("name"), _i.c.method.label("method"), *aggs)
             .select_from(j).where(*where).group_by(sub.c.intervention_id, _i.c.name, _i.c.method)]
    if methods:
        parts.append(sa.select(sa.literal(LEVEL_METHOD, sa.String), none_int, _i.c.method, _i.c.method, *aggs)
                     .select_from(j).where(*where).group_by(_i.c.method))
    parts.append(sa.select(sa.literal(LEVEL_ALL, sa.String), none_int, sa.literal("Alle indsatser", sa.String), none_str,
                           *aggs).select_from(sub).where(*where))
    names = ["level", "intervention_id", "name", "method", *(a.name for a in aggs)]
    df = pd.DataFrame(conn.execute(sa.union_all(*parts)).all(), columns=names)
    df = df[df[names[4]].fillna(0) > 0].reset_index(drop=True)
    df["intervention_id"] = df["intervention_id"].astype("float64")
    df["_part"] = np.where(df["level"] == LEVEL_INTERVENTION, ("iv|" + df["method"].astype(str)) if methods else "iv",
                           np.where(df["level"] == LEVEL_METHOD, "m", "all"))
    return _ints(df, [a.name for a in aggs if a.name.startswith("n")])


def _flag(cond):
    return sa.func.sum(sa.case((cond, 1), else_=0))


def _finish(df: pd.DataFrame, values: list[str], cols: list[str], sort: list[str]) -> pd.DataFrame:
    out = suppress(df, values, n_col="n_children", partition=["_part"])
    rank = out["level"].map({LEVEL_INTERVENTION: 0, LEVEL_METHOD: 1, LEVEL_ALL: 2})
    return (out.assign(_r=rank).sort_values(["_r", *sort], ascending=[True] + [False] * len(sort), na_position="last")
            [cols].reset_index(drop=True))


# --- 1. overview -----------------------------------------------------------------------------
_COUNTS = ["n_started", "n_children", "n_before", "n_after", "n_paired", "n_ongoing", "n_dropout"]
