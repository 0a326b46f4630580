"""Effekt, goals: goal attainment per intervention on its two scales (GAS levels and the outcome field)
and the Kiresuk-Sherman T-score. Who is in the population: see queries/effekt.py."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data.derived import GAS_LEVELS, GOAL_COUNTS
from queries.columns import Cols, split_detail
from queries.contract import Cell, Count, Guard, Moments, Result, query
from queries.effekt_base import (
    BY_DETAIL, DETAIL, FDR, GAS_T_NOISE, KEYS as _KEYS, LEVEL_INTERVENTION, _children, _counted, _f, _key, _levels,
    _population, _ranked, _source, keyed,
)
from queries.filters import Filters, Scope
from stats.funnel import false_discovery
from stats.gas import DEFAULT_RHO, gas_t_sums
from stats.means import mean_ci, one_sample_p


# --- 4. goals --------------------------------------------------------------------------------
def _goal_per_forloeb(filters: Filters, scope: Scope, code: str, by: str | None = None) -> sa.Subquery:
    """One row per forløb with goals: n_gas (GAS-scored goals) and Σw, Σw², Σw·x over the GAS-scored
    goals (the Kiresuk-Sherman T-score), from forloeb_summary (with `key`, the group of a split by `by`)."""
    f = _f.c
    return (sa.select(f.participation_id, f.child_id, f.intervention_id, f.start_year, f.n_gas, f.sw, f.sw2, f.swx,
                      f.forloeb_key, f.child_key, *_key(by))
            .select_from(_source(by)).where(*_population(filters, scope, code), f.n_goals > 0).subquery("goal_forloeb"))


# The two scales a goal is rated on, never merged: a GAS score (−2..+2, Turner-Stokes 2009: +2 much more
# than expected, +1 somewhat more, 0 the expected level, −1 somewhat less — the usual baseline —, −2 much
# less), or, for a goal without one, the outcome field ('opnaaet' | 'delvist' | 'ikke'). forloeb_summary counts
# each forløb's goals on both (data.derived.refresh_effekt).
_LEVELS = tuple(name for _, name in GAS_LEVELS)
_ATTAINED = ("opnaaet", "delvist", "ikke")


def _goal_scales(filters: Filters, scope: Scope, code: str, by: str | None = None) -> sa.Subquery:
    """One row per forløb with a rated goal: its goals per GAS level (n_gas_plus2 … n_gas_minus2) and, of
    its goals without a GAS score, per outcome (n_opnaaet, n_delvist, n_ikke), from forloeb_summary (with
    `key`, the group of a split by `by`)."""
    f = _f.c
    counts = [f[c] for c in GOAL_COUNTS]
    return (sa.select(f.participation_id, f.child_id, f.intervention_id, f.forloeb_key, f.child_key, *_key(by), *counts)
            .select_from(_source(by)).where(*_population(filters, scope, code), sum(counts[1:], counts[0]) > 0)
            .subquery("goal_scales"))


def _gas_stats(conn: sa.Connection, sub, keys: list, with_total: bool = False) -> dict:
    """{key tuple: [n, sum_t, sum_t2, n_children, key_n, key_children]} — forløb with GAS scores, Σ T,
    Σ T², distinct children, and the sums of the forløb's and the children's record keys, per key (and,
    with_total, under None for the whole population), from one statement: sums per (key, Σw², Σw)
    finished with stats.gas.gas_t_sums, and distinct children per key and in all."""
    scored = sub.c.n_gas > 0
    none = [sa.cast(sa.null(), k.type) for k in keys]
    nul = sa.cast(sa.null(), sa.Double)
    kids = [sa.func.count(sa.distinct(sub.c.child_id)), nul, nul, sa.func.sum(sa.distinct(sub.c.child_key))]
    parts = [sa.select(sa.literal("sum", sa.String).label("kind"), *keys, sub.c.sw2, sub.c.sw, sa.func.count(),
                       sa.func.sum(sub.c.swx), sa.func.sum(sub.c.swx * sub.c.swx), sa.func.sum(sub.c.forloeb_key))
             .where(scored).group_by(*keys, sub.c.sw2, sub.c.sw),
             sa.select(sa.literal("kid", sa.String), *keys, nul, nul, *kids).where(scored).group_by(*keys)]
    if with_total:
        parts.append(sa.select(sa.literal("tot", sa.String), *none, nul, nul, *kids).where(scored))
    rows = conn.execute(sa.union_all(*parts)).all()
    k = len(keys)
    sums = [r for r in rows if r[0] == "sum"]
    sw2, sw, n, ss, ss2 = np.array([r[1 + k:6 + k] for r in sums], dtype="float64").reshape(-1, 5).T
    sum_t, sum_t2 = (np.asarray(v, dtype="float64") for v in gas_t_sums(n, ss, ss2, sw2, sw, rho=DEFAULT_RHO))
    out: dict = {}
    for r, ni, t1, t2 in zip(sums, n, sum_t, sum_t2):
        acc = out.setdefault(tuple(r[1:1 + k]), [0.0, 0.0, 0.0, 0, 0, 0])
        acc[0], acc[1], acc[2], acc[4] = acc[0] + ni, acc[1] + t1, acc[2] + t2, acc[4] + int(r[6 + k])
    for r in rows:
        if r[0] == "kid":
            out[tuple(r[1:1 + k])][3], out[tuple(r[1:1 + k])][5] = r[3 + k], int(r[6 + k])
    if with_total:
        tot = [r for r in rows if r[0] == "tot"]
        out[None] = [n.sum(), sum_t.sum(), sum_t2.sum(), tot[0][3 + k] if tot else 0,
                     sum(int(r[6 + k]) for r in sums), int(tot[0][6 + k] or 0) if tot else 0]
    return out


_GAS = ("n_gas", "gas_t", "gas_t_low", "gas_t_high", "_sum_t", "_sum_t2", "gas_p", "gas_q", "gas_beyond")
_GOAL_COUNTS = tuple(f"_n_{a}" for a in (*_LEVELS, *_ATTAINED))
GOALS = Result(keys=_KEYS, counts=(*keyed("n", "n_children", *_GOAL_COUNTS),
                                   Count("n_gas", key="_k_gas"), Count("_gas_kids", key="_k_gas_kids")),
               moments=(Moments("n_gas", first=("_sum_t",), second=(("_sum_t2", 0, 0),), scale="_noise"),), guards=(
    Guard(n="n_children", values=("n",), partition=("_part",), cells=(
        # each scale's goals; n_goals (both) hides with either, so it never gives away a hidden one
        Cell("n_gas_goals", (*_LEVELS, "gas_expected", "n_goals")), Cell("n_outcome_goals", (*_ATTAINED, "n_goals")),
        # a share hides when its goals or the rest of its scale are few
        *(Cell(f"_n_{a}", (a,)) for a in (*_LEVELS, *_ATTAINED)), *(Cell(f"_not_{a}", (a,)) for a in (*_LEVELS, *_ATTAINED)),
        Cell("_n_gas_expected", ("gas_expected",)), Cell("_n_gas_below", ("gas_expected",))),
        # parts that add up to a shown total: the five levels, and with gas_expected shown (0 or more and
        # below 0 known) the levels on each side of it; the three outcomes
        parts=(tuple(f"_n_{a}" for a in _LEVELS), (*(f"_n_{a}" for a in _LEVELS[:3]), "_n_gas_below"),
               (*(f"_n_{a}" for a in _LEVELS[3:]), "_n_gas_expected"), tuple(f"_n_{a}" for a in _ATTAINED))),
    # the T-score is its own aggregate: hidden under the threshold of children with GAS scores
    Guard(n="_gas_kids", values=_GAS, flag="gas_suppressed", within="suppressed", partition=("_part",),
          hide_empty=False)), detail=DETAIL)


@query(GOALS)
def goals(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Goal attainment per intervention and in all, on each of the two scales a goal is rated on.

    Columns: level, intervention_id, name, method, n_children (children with a rated goal), n (forløb
    with a rated goal), suppressed;
    - GAS levels: n_gas_goals (GAS-scored goals), gas_plus2, gas_plus1, gas_0, gas_minus1, gas_minus2
      (shares of n_gas_goals at +2 much more than expected, +1 somewhat more, 0 the expected level,
      −1 somewhat less than expected — the usual baseline —, −2 much less; Turner-Stokes 2009),
      gas_expected (share at the expected level or better, 0 or more);
    - the outcome field, for goals without a GAS score: n_outcome_goals, opnaaet, delvist, ikke
      (shares of n_outcome_goals rated achieved / partly / not);
    - n_goals = n_gas_goals + n_outcome_goals (hidden when either is);
    - the T-score: n_gas (forløb with a GAS-scored goal), gas_t, gas_t_low, gas_t_high (mean
      Kiresuk-Sherman T-score, rho 0.3, with a 95% t-interval over forløb; NaN where there are no
      GAS scores), gas_p (one-sample t-test of T = 50), gas_q (Benjamini-Hochberg over the shown
      interventions; the total is one test by itself: q = p), gas_beyond ('above' | 'below' 50 where
      q < 0.05, else None), gas_suppressed (fewer than the threshold children with GAS scores).
    All shares 0-1, NaN where the scale has no goals. Interventions add up to the total:
    complementary suppression, for the goals and for the T-scores.
    """
    return _goals(conn, filters, scope, code)


GOALS_BY = dataclasses.replace(GOALS, keys=(*GOALS.keys, "key"), detail=(*DETAIL, *BY_DETAIL))


@query(GOALS_BY)
def goals_by(conn: sa.Connection, filters: Filters, scope: Scope, code: str, dim: str) -> pd.DataFrame:
    """goals' total ('alle') row for each group of `dim` (queries.effekt_base.SPLIT_BY), with its `key`: the row
    goals gives for the filters narrowed to that group, in one statement (as queries.effekt.overview_by)."""
    return split_detail(_goals(conn, filters, scope, code, dim), dim)


def _goals(conn: sa.Connection, filters: Filters, scope: Scope, code: str, by: str | None = None) -> Cols:
    sub = _goal_scales(filters, scope, code, by)
    aggs = [*_counted("n", sub), *_children(sub),  # a count of goals carries each goal's forløb's key
            *(agg for c in _GOAL_COUNTS for agg in _counted(c, sub, weight=sub.c[c[1:]]))]
    d = _levels(conn, sub, aggs)
    per_forloeb = _goal_per_forloeb(filters, scope, code, by)
    if by is not None:  # a split: each group's total
        gas = _gas_stats(conn, per_forloeb, [per_forloeb.c.key])
        keys = [(k,) for k in d["key"]]
    else:
        gas = _gas_stats(conn, per_forloeb, [per_forloeb.c.intervention_id], with_total=True)
        keys = [(int(iv),) if level == LEVEL_INTERVENTION else None for level, iv in zip(d["level"], d["intervention_id"])]
    stats = [gas.get(k, (0, np.nan, np.nan, 0, 0, 0)) for k in keys]
    d["n_gas"], d["_sum_t"], d["_sum_t2"], d["_gas_kids"] = (np.array([v[i] for v in stats], dtype="float64")
                                                             for i in range(4))
    d["_k_gas"], d["_k_gas_kids"] = (np.array([v[i] for v in stats], dtype=object) for i in (4, 5))
    d["_noise"] = np.full(len(keys), GAS_T_NOISE)
    d = GOALS.perturb(d)
    d["n_gas_goals"] = sum(d[f"_n_{a}"] for a in _LEVELS).astype("float64")
    d["n_outcome_goals"] = sum(d[f"_n_{a}"] for a in _ATTAINED).astype("float64")
    d["n_goals"] = d["n_gas_goals"] + d["n_outcome_goals"]
    d["_n_gas_expected"] = sum(d[f"_n_{a}"] for a in _LEVELS[:3]).astype("float64")
    d["_n_gas_below"] = d["n_gas_goals"] - d["_n_gas_expected"]
    with np.errstate(divide="ignore", invalid="ignore"):
        for scale, names in (("n_gas_goals", _LEVELS), ("n_outcome_goals", _ATTAINED)):
            for a in names:
                d[a] = np.where(d[scale] > 0, d[f"_n_{a}"] / d[scale], np.nan)
                d[f"_not_{a}"] = d[scale] - d[f"_n_{a}"]
        d["gas_expected"] = np.where(d["n_gas_goals"] > 0, d["_n_gas_expected"] / d["n_gas_goals"], np.nan)
    d["gas_t"], d["gas_t_low"], d["gas_t_high"] = (np.asarray(v, dtype="float64")
                                                   for v in mean_ci(d["n_gas"], d["_sum_t"], d["_sum_t2"]))
    d["gas_p"] = np.asarray(one_sample_p(d["n_gas"], d["_sum_t"], d["_sum_t2"], 50.0), dtype="float64").reshape(-1)
    d = GOALS.protect(d)
    # the interventions' T-scores against 50 are judged at once: the false discovery rate over the shown ones
    shown_iv = (d["level"] == LEVEL_INTERVENTION) & ~np.asarray(d["gas_suppressed"], dtype=bool) & ~np.isnan(d["gas_p"])
    q = np.where(shown_iv, false_discovery(np.where(shown_iv, d["gas_p"], np.nan), FDR)[0], d["gas_p"])
    d["gas_q"] = np.asarray(q, dtype="float64").reshape(-1)
    d["gas_beyond"] = np.where(d["gas_q"] < FDR, np.where(d["gas_t"] > 50, "above", "below"), None).astype(object)
    return _ranked(d, ["gas_expected", "opnaaet"])
