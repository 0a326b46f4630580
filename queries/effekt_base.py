"""Effekt: the population of forløb and the shared SQL building blocks of queries/effekt.py.

See queries/effekt.py for who is in the population and what the columns mean.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.columns import Cols, fetch, take
from queries.contract import Count
from queries.filters import FORLOEB, Filters, Scope, where
from stats.change import reliable_change_threshold

GAS = "gas"
ORDER = ("sdq_total", "ors", "sos_skala", GAS)
LEVEL_INTERVENTION, LEVEL_METHOD, LEVEL_ALL = "indsats", "metode", "alle"
KEYS = ("level", "intervention_id", "name", "method")  # the keys of a result per intervention, method and in all
# a row about one intervention run by one institution is that institution's detail (queries.contract)
DETAIL = (("intervention_id", "intervention"),)
FDR = 0.05  # the false discovery rate kept where many interventions are judged at once (Benjamini-Hochberg)

_i, _f = s.intervention, s.forloeb_summary
_unit = s.institution.alias("unit")

# Udforsk's one-statement splits (queries.kpis.effekt_split): each query's total per group of a dimension — the
# forløb the filters narrowed to that group admit (queries.filters.FORLOEB: the institution that runs the
# intervention, else the child's school), so the same sums, perturbation and guard as the total for that group
# (and per start school year: an Effekt key figure's series, queries.kpis)
SPLIT_BY = {"institution": _f.c.institution_id, "distrikt": _unit.c.district_id, "kommune": _unit.c.municipality_kode,
            "grades": _f.c.klassetrin, "gender": _f.c.gender, "years": _f.c.start_year}
# a group's row is about one institution or one district: shown only where the role's scope shows that unit
BY_DETAIL = (("_institution", "institution"), ("_district", "distrikt"))


# --- the population ------------------------------------------------------------------------
def _population(filters: Filters, scope: Scope, code: str) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses on forloeb_summary for the forløb in the population (see queries/effekt.py)."""
    conds = where(filters, scope, FORLOEB)
    conds.append(_f.c.gas if code == GAS else _f.c.instrument_code == code)
    return conds


def _source(by: str | None):
    """forloeb_summary, joined to the institution of each forløb where the group key `by` needs it."""
    return _f.outerjoin(_unit, _unit.c.id == _f.c.institution_id) if by in ("distrikt", "kommune") else _f


def _key(by: str | None) -> list:
    """The group key of a split by `by` (SPLIT_BY) as the column `key`; nothing without one."""
    return [] if by is None else [SPLIT_BY[by].label("key")]


def _per_forloeb(filters: Filters, scope: Scope, code: str, by: str | None = None) -> sa.Subquery:
    """One row per forløb: participation_id, child_id, intervention_id, start_year, ended, forloeb_key,
    child_key (the record keys of the cell-key method), n_pre / n_post (measurements before / after; for GAS: goals set / goals GAS-scored), and
    pre, post (mean scores) for a measured instrument, or sw, sw2, swx (Σw, Σw², Σw·x over the
    GAS-scored goals) for GAS, and `key` (the group of a split by `by`). Read from forloeb_summary
    (data.derived.refresh_effekt)."""
    if code == GAS:
        extra = [_f.c.n_goals.label("n_pre"), _f.c.n_gas.label("n_post"), _f.c.sw, _f.c.sw2, _f.c.swx]
    else:
        extra = [_f.c.n_pre, _f.c.n_post, _f.c.pre, _f.c.post]
    return (sa.select(_f.c.participation_id, _f.c.child_id, _f.c.intervention_id, _f.c.start_year, _f.c.ended,
                      _f.c.forloeb_key, _f.c.child_key, *extra, *_key(by))
            .select_from(_source(by)).where(*_population(filters, scope, code)).subquery("forloeb"))


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


GAS_T_NOISE = 2.5  # the magnitude noise on a sum of GAS T-scores (SD 10 by construction), in T points


def _instrument(conn: sa.Connection, code: str) -> dict:
    """One instrument as a dict: higher_is_better, cutoff, rci_threshold (NaN where missing), noise
    (the cell-key method's magnitude noise on a sum of its scores: a tenth of its range; GAS: 2.5 T),
    scale (its lowest and highest score: a mean of its scores and its interval stay within it)."""
    ins = s.instrument
    r = conn.execute(sa.select(ins.c.higher_is_better, ins.c.cutoff, ins.c.reliability, ins.c.reference_sd,
                               ins.c.min_score, ins.c.max_score).where(ins.c.code == code)).first()
    if r is None:
        raise ValueError(f"ukendt instrument: {code!r}")
    cut = float(r.cutoff) if r.cutoff is not None else float("nan")
    thr = float(reliable_change_threshold(r.reference_sd, r.reliability))
    noise = GAS_T_NOISE if code == GAS else (float(r.max_score) - float(r.min_score)) / 10
    return {"higher_is_better": bool(r.higher_is_better), "cutoff": cut, "rci_threshold": thr, "noise": noise,
            "scale": (float(r.min_score), float(r.max_score))}


def _names(conn: sa.Connection) -> dict[int, str]:
    """Intervention id -> name."""
    return {int(i): n for i, n in conn.execute(sa.select(_i.c.id, _i.c.name))}


def _levels(conn: sa.Connection, sub: sa.Subquery, aggs: list, *, where=(), methods: bool = False) -> Cols:
    """Run the labelled aggregates per intervention, per method (optional) and in all, as one UNION ALL.

    Returns NumPy columns: level, intervention_id (float; NaN above indsats), name, method (object),
    the aggregates (int64 for those named n*, with 0 for NULL; record-key sums, named _k_*, as Python
    integers; float64 otherwise), and `_part`, the
    partition for complementary suppression as integer codes: interventions within their method (when
    methods are shown) or within all interventions; methods within all; the total alone. The first
    aggregate must be a count: rows where it is 0 (an empty population's total) are dropped.

    When `sub` has a group key (`key`, a split: _per_forloeb's `by`), only the totals, one per group with
    its `key` and a partition of its own — each the total the filters narrowed to that group give."""
    if "key" in sub.c:
        return _split_totals(conn, sub, aggs, where)
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
    counts = [a.name for a in aggs if a.name.startswith("n")]
    d = fetch(conn, sa.union_all(*parts), names, ints=counts,
              floats=["intervention_id", *(a.name for a in aggs if a.name not in counts and not a.name.startswith("_k_"))])
    d = take(d, d[names[4]] > 0)
    level = d["level"]
    if methods:  # one partition per method for the interventions, then the methods, then the total
        _, codes = np.unique(d["method"].astype(str), return_inverse=True)
        d["_part"] = np.where(level == LEVEL_INTERVENTION, codes, np.where(level == LEVEL_METHOD, -1, -2))
    else:
        d["_part"] = np.where(level == LEVEL_INTERVENTION, 0, np.where(level == LEVEL_METHOD, -1, -2))
    return d


def _split_totals(conn: sa.Connection, sub: sa.Subquery, aggs: list, where=()) -> Cols:
    """_levels' total per group of a split (see there)."""
    q = (sa.select(sa.literal(LEVEL_ALL, sa.String), sa.cast(sa.null(), sa.Integer), sa.literal("Alle indsatser", sa.String),
                   sa.cast(sa.null(), sa.String), sub.c.key, *aggs)
         .where(*where, sub.c.key.is_not(None)).group_by(sub.c.key))
    names = ["level", "intervention_id", "name", "method", "key", *(a.name for a in aggs)]
    counts = [a.name for a in aggs if a.name.startswith("n")]
    d = fetch(conn, q, names, ints=counts,
              floats=["intervention_id", *(a.name for a in aggs if a.name not in counts and not a.name.startswith("_k_"))])
    d = take(d, d[names[5]] > 0)
    d["_part"] = np.arange(len(d["key"]))  # each group's total alone, as the narrowed filters' total is
    return d


def _flag(cond):
    return sa.func.sum(sa.case((cond, 1), else_=0))


def _counted(name: str, sub, cond=None, weight=None) -> list:
    """A count of forløb (those meeting `cond`; or the sum of `weight`, e.g. goals) labelled `name`, and
    the sum of their record keys labelled `_k_<name>` (each forløb's key once per counted unit)."""
    key = sub.c.forloeb_key if weight is None else weight * sub.c.forloeb_key
    if cond is None and weight is None:
        return [sa.func.count().label(name), sa.func.sum(key).label(f"_k_{name}")]
    if cond is None:
        return [sa.func.sum(weight).label(name), sa.func.sum(key).label(f"_k_{name}")]
    return [_flag(cond).label(name), sa.func.sum(sa.case((cond, key), else_=0)).label(f"_k_{name}")]


def _children(sub) -> list:
    """The distinct children (n_children) and the sum of their record keys (_k_children)."""
    return [sa.func.count(sa.distinct(sub.c.child_id)).label("n_children"),
            sa.func.sum(sa.distinct(sub.c.child_key)).label("_k_children")]


def keyed(*names: str) -> tuple[Count, ...]:
    """The Count declarations of counts fetched with _counted/_children (key column _k_<name>)."""
    return tuple(Count(n, key="_k_children" if n == "n_children" else f"_k_{n}") for n in names)


def _ranked(d: Cols, sort: list[str]) -> Cols:
    """Rows ordered interventions, methods, total, each by `sort` descending with missing last."""
    rank = np.select([d["level"] == LEVEL_INTERVENTION, d["level"] == LEVEL_METHOD], [0, 1], 2)
    keys = [np.where(np.isnan(d[c]), np.inf, -d[c]) for c in reversed(sort)]
    return take(d, np.lexsort((*keys, rank)))
