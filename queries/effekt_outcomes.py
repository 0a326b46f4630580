"""Effekt, the outcome per group: the improvement (or GAS T-score) per start year (cohorts) and for one
intervention against another or the rest (compare). Who is in the population: see queries/effekt.py."""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from queries.contract import Guard, Moments, Result, query
from queries.effekt_base import (
    DETAIL,
    GAS, GAS_T_NOISE, LEVEL_ALL, LEVEL_INTERVENTION, _instrument,
    _names, _per_forloeb, keyed,
)
from queries.filters import Filters, Scope
from stats.means import diff_means_test, mean_ci
from queries.effekt_goals import _gas_stats, _goal_per_forloeb


# --- 5. cohorts and 6. comparison: the outcome per group ------------------------------------------
def _outcome(conn: sa.Connection, filters: Filters, scope: Scope, code: str, keys) -> dict:
    """{key tuple: (n, n_children, sum_y, sum_y2, key_n, key_children)} of the outcome per key
    (`keys(sub)` gives the key columns): the improvement in points for a measured instrument, the GAS
    T-score for GAS, with the sums of the forløb's and the children's record keys."""
    if code == GAS:
        sub = _goal_per_forloeb(filters, scope, code)
        stats = _gas_stats(conn, sub, keys(sub))
        return {k: (n, kids, s1, s2, kn, kc) for k, (n, s1, s2, kids, kn, kc) in stats.items()}
    return _outcomes(conn, filters, scope, code, [keys])[0]


def _outcomes(conn: sa.Connection, filters: Filters, scope: Scope, code: str, groupings) -> list[dict]:
    """_outcome of a measured instrument for several key functions at once: one statement (a UNION
    ALL over the per-forløb rows), one dict per key function."""
    hib = _instrument(conn, code)["higher_is_better"]
    sub = _per_forloeb(filters, scope, code)
    y = (sub.c.post - sub.c.pre) if hib else (sub.c.pre - sub.c.post)
    aggs = [sa.func.count(), sa.func.count(sa.distinct(sub.c.child_id)), sa.func.sum(y), sa.func.sum(y * y),
            sa.func.sum(sub.c.forloeb_key), sa.func.sum(sa.distinct(sub.c.child_key))]
    ks = [keys(sub) for keys in groupings]
    width = max(len(k) for k in ks)
    parts = [sa.select(sa.literal(i, sa.Integer), *k, *([sa.null()] * (width - len(k))), *aggs)
             .where(sub.c.pre.is_not(None), sub.c.post.is_not(None)).group_by(*k) for i, k in enumerate(ks)]
    rows = conn.execute(parts[0] if len(parts) == 1 else sa.union_all(*parts)).all()
    out: list[dict] = [{} for _ in ks]
    for r in rows:
        out[r[0]][tuple(r[1:1 + len(ks[r[0]])])] = tuple(r[1 + width:])
    return out


_OUTCOME = ("n", "_sum_y", "_sum_y2")  # the sufficient statistics of a group's outcome
_OUTCOME_COUNTS = keyed("n", "n_children")
_OUTCOME_MOMENTS = (Moments("n", first=("_sum_y",), second=(("_sum_y2", 0, 0),), scale="_noise"),)


def _outcome_columns(d: dict, values, result: Result, noise: float) -> dict[str, np.ndarray]:
    """`d` with n, n_children, _sum_y, _sum_y2 from (n, n_children, sum_y, sum_y2, key_n, key_children)
    tuples (None counts as 0), perturbed by `result` (noise: the magnitude noise in the outcome's
    units), and mean, ci_low, ci_high from the perturbed sums."""
    values = list(values)
    n, kids, sy, syy = np.array([v[:4] for v in values], dtype="float64").reshape(-1, 4).T
    d.update(n=np.nan_to_num(n), n_children=np.nan_to_num(kids), _sum_y=sy, _sum_y2=syy,
             _k_n=np.array([v[4] for v in values], dtype=object), _k_children=np.array([v[5] for v in values], dtype=object),
             _noise=np.full(len(values), noise))
    d = result.perturb(d)
    d["mean"], d["ci_low"], d["ci_high"] = (np.asarray(v, dtype="float64") for v in mean_ci(d["n"], d["_sum_y"], d["_sum_y2"]))
    return d


def _noise(conn: sa.Connection, code: str) -> float:
    """The magnitude noise of the outcome: the instrument's for an improvement in points, GAS T's for GAS."""
    return GAS_T_NOISE if code == GAS else _instrument(conn, code)["noise"]


_TREND = ("first_year", "last_year", "trend_diff", "trend_low", "trend_high", "trend_beyond_noise")
COHORTS = Result(keys=("level", "intervention_id", "name", "start_year"), counts=_OUTCOME_COUNTS,
                 moments=_OUTCOME_MOMENTS, guards=(Guard(n="n_children", values=("n", "mean", "ci_low", "ci_high", "_sum_y", "_sum_y2", *_TREND),
                               partition=("_group",)),), detail=DETAIL)


@query(COHORTS)
def cohorts(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """The outcome by start school year (cohort), per intervention and for all interventions.

    Columns: level ('indsats' | 'alle'), intervention_id (NaN for alle), name, start_year
    (2023 = 2023/24), n_children, n (forløb), mean, ci_low, ci_high (mean improvement in points,
    positive is better, with 95% t-interval; for GAS the mean T-score), and on every shown row of a
    group the change from its first to its last shown cohort: first_year, last_year, trend_diff
    (last − first), trend_low, trend_high, trend_beyond_noise (Welch's t-test, p < 0.05);
    suppressed. Rows are ordered 'alle' first, then by name and start year. The years of an
    intervention add up to its total shown above: complementary suppression per intervention.
    """
    def iv_keys(sub):
        return [sub.c.intervention_id, sub.c.start_year]

    def all_keys(sub):
        return [sub.c.start_year]

    if code == GAS:
        by_iv, total = (_outcome(conn, filters, scope, code, k) for k in (iv_keys, all_keys))
    else:
        by_iv, total = _outcomes(conn, filters, scope, code, [iv_keys, all_keys])
    names = _names(conn)
    rows = sorted([(LEVEL_ALL, "Alle indsatser", -1, int(y), v) for (y,), v in total.items()]
                  + [(LEVEL_INTERVENTION, names[int(iv)], int(iv), int(y), v) for (iv, y), v in by_iv.items()],
                  key=lambda r: r[:4])
    level, name, group, year, values = (list(c) for c in zip(*rows)) if rows else ([], [], [], [], [])
    group = np.array(group, dtype="int64")
    d = {"level": np.array(level, dtype=object), "name": np.array(name, dtype=object),
         "intervention_id": np.where(group >= 0, group, np.nan), "start_year": np.array(year, dtype="int64"),
         "_group": group}
    d = COHORTS.protect(_outcome_columns(d, values, COHORTS, _noise(conn, code)))
    d.update(_trend(d, group))
    return d


def _trend(d: dict, group: np.ndarray) -> dict[str, np.ndarray]:
    """first_year, last_year, trend_diff/low/high and trend_beyond_noise for every row of each group
    (rows of a group contiguous and in year order): the change from the group's first to its last
    shown cohort (Welch), NaN / False where fewer than two cohorts are shown."""
    _, group = np.unique(group, return_inverse=True)
    shown = np.flatnonzero(~d["suppressed"])
    g = group[shown]
    brk = g[1:] != g[:-1]
    first, last = shown[np.r_[True, brk]] if len(g) else shown, shown[np.r_[brk, True]] if len(g) else shown
    first, last = first[first != last], last[first != last]
    t = diff_means_test(*(d[c][first] for c in _OUTCOME), *(d[c][last] for c in _OUTCOME))
    out, at = {}, group[first]
    shown_rows = ~d["suppressed"]
    for col, values in (("first_year", d["start_year"][first]), ("last_year", d["start_year"][last]),
                        ("trend_diff", t.diff), ("trend_low", t.lower), ("trend_high", t.upper)):
        per_group = np.full(group.max() + 1 if len(group) else 0, np.nan)
        per_group[at] = values
        out[col] = np.where(shown_rows, per_group[group], np.nan)
    beyond = np.zeros(group.max() + 1 if len(group) else 0, dtype=bool)
    beyond[at] = t.beyond_noise
    out["trend_beyond_noise"] = shown_rows & beyond[group]
    return out


COMPARE = Result(keys=("group", "intervention_id"), counts=_OUTCOME_COUNTS, moments=_OUTCOME_MOMENTS,
                 guards=(Guard(n="n_children", values=("n", "mean", "ci_low", "ci_high", "_sum_y", "_sum_y2", "diff",
                                                        "diff_low", "diff_high", "p_value", "beyond_noise"),
                               partition=()),), detail=DETAIL)


@query(COMPARE)
def compare(conn: sa.Connection, filters: Filters, scope: Scope, code: str, a: int, b: int | None = None) -> pd.DataFrame:
    """Intervention `a` against intervention `b`, or (b None) against all other forløb with the
    instrument in the population ("the municipality's average" of the selection, without `a`, so
    the two groups are independent).

    Two rows, group 'a' then 'b': intervention_id (NaN for the others), n_children, n (forløb),
    mean, ci_low, ci_high (mean improvement in points, positive is better; GAS: mean T-score),
    and on both rows diff (a − b), diff_low, diff_high, p_value (Welch's t-test), beyond_noise
    (p < 0.05); suppressed. The two groups add up to the total: if one is under the threshold,
    both are hidden and there is no difference.
    """
    def key(sub):
        cases = [(sub.c.intervention_id == a, "a")] + ([(sub.c.intervention_id == b, "b")] if b is not None else [])
        return [sa.case(*cases, else_="b" if b is None else "x")]

    stats = _outcome(conn, filters, scope, code, key)
    d = {"group": np.array(["a", "b"], dtype=object), "intervention_id": np.array([a, np.nan if b is None else b], dtype="float64")}
    d = COMPARE.protect(_outcome_columns(d, (stats.get((g,), (0, 0, np.nan, np.nan, 0, 0)) for g in ("a", "b")), COMPARE,
                                         _noise(conn, code)))
    test = None
    if not d["suppressed"].any():
        test = diff_means_test(*(d[c][1] for c in _OUTCOME), *(d[c][0] for c in _OUTCOME))
    d["diff"], d["diff_low"], d["diff_high"], d["p_value"] = (
        np.full(2, float(v)) for v in ((test.diff, test.lower, test.upper, test.p_value) if test else (np.nan,) * 4))
    d["beyond_noise"] = np.full(2, bool(test.beyond_noise) if test else False)
    return d
