"""Effekt: interventions (indsatser), before/after change, reliable change, goals, cohorts, comparison.

Every function takes a Connection, the shared Filters and the Scope and the chosen instrument code,
aggregates in SQL to sufficient statistics (counts, n, Σx, Σx², Σ pre·post), finishes in `stats/`
and passes every frame through `queries.privacy.suppress`. No child row ever leaves the database.

Who is in the population (documented here once; the page's definitions repeat it):
- the unit is a *forløb* (a participation); `n` counts forløb and `n_children` distinct children.
  Suppression applies to `n_children` (< threshold: every figure and n become missing), so a
  child in two forløb can never make a group look bigger than it is;
- the year filter applies to the *start school year* of the forløb (a school year starts 1 August);
- organisation filters and access scope apply through `intervention.institution_id` when the
  intervention is run by one institution (e.g. a mellemform unit), otherwise through the
  institution where the child was on the count date of the start school year
  (`placement_snapshot`). Klassetrin and tilbudsform come from the same snapshot, gender from
  `child`. A forløb without either institution only counts when no organisation filter or scope
  is active (it can never leak into a scoped view);
- instrument: for a measured instrument (sdq_total, ors, sos_skala) the interventions whose
  primary outcome (`intervention.instrument_code`) it is, with their measurements of it; for
  ``gas`` the interventions with at least one GAS-scored goal;
- a forløb's *before* score is the mean of its 'foer' measurements of the instrument and its
  *after* score the mean of its 'efter' measurements (informants averaged); follow-up
  ('opfoelgning') is not used;
- *improvement* is after − before where higher is better (ORS, Signs of Safety) and
  before − after where lower is better (SDQ), so a positive improvement is always good.
Scores are in the instrument's own points (SDQ 0-40, ORS 0-40, Signs of Safety 0-10); GAS T-scores
have mean 50 and SD 10 by construction.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from queries.filters import Filters, Scope
from queries.privacy import suppress
from stats.change import hedges_g_paired, paired_from_sums
from stats.gas import DEFAULT_RHO, gas_t_sums
from stats.means import diff_means_test, mean_ci, proportion_ci
from queries.effekt_base import (  # noqa: F401 - GAS, ORDER and instruments are part of this module's API
    _COUNTS, GAS, LEVEL_ALL, LEVEL_INTERVENTION, ORDER, _f, _finish, _flag, _instrument, _ints, _levels, _names,
    _per_forloeb, _population, instruments,
)


def overview(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Started, measured before/after and attrition, per intervention, per method and in all.

    Columns: level ('indsats' | 'metode' | 'alle'), intervention_id (NaN unless indsats), name
    (intervention name, method, or 'Alle indsatser'), method, n_started (forløb), n_children
    (distinct children), n_before (forløb with a before score; GAS: with goals set), n_after
    (with an after score; GAS: with a GAS-scored goal), n_paired (both), n_ongoing (no after score,
    forløb not ended), n_dropout (no after score, forløb ended: the attrition), n (= n_started),
    dropout_share (n_dropout / ended forløb, 0-1), suppressed. n_started = n_after + n_ongoing +
    n_dropout. Interventions add up to their method, methods to the total: complementary suppression.
    """
    sub = _per_forloeb(filters, scope, code)
    no_post, ended = sub.c.n_post == 0, sub.c.ended
    aggs = [sa.func.count().label("n_started"), sa.func.count(sa.distinct(sub.c.child_id)).label("n_children"),
            _flag(sub.c.n_pre > 0).label("n_before"), _flag(sub.c.n_post > 0).label("n_after"),
            _flag(sa.and_(sub.c.n_pre > 0, sub.c.n_post > 0)).label("n_paired"),
            _flag(sa.and_(no_post, sa.not_(ended))).label("n_ongoing"), _flag(sa.and_(no_post, ended)).label("n_dropout")]
    df = _levels(conn, sub, aggs, methods=True)
    ended_n = (df["n_started"] - df["n_ongoing"]).astype("float64")
    df["dropout_share"] = df["n_dropout"] / ended_n.where(ended_n > 0)
    df["n"] = df["n_started"]
    cols = ["level", "intervention_id", "name", "method", *_COUNTS, "n", "dropout_share", "suppressed"]
    out = _finish(df, [c for c in _COUNTS if c != "n_children"] + ["n", "dropout_share"], cols, ["n_started"])
    return out


# --- 2. change -------------------------------------------------------------------------------
def change(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Before/after change per intervention (forløb with both scores) and in all.

    Columns: level ('indsats' | 'alle'), intervention_id, name, method, n (forløb with before and
    after), n_children, mean_pre, mean_post (instrument points), change (after − before, raw),
    change_low, change_high (95% paired t-interval), improvement, improvement_low, improvement_high
    (the same oriented so that positive is better), g, g_low, g_high (Hedges' g_av for paired data
    with 95% CI, oriented so that positive is better; Lakens 2013, Borenstein et al. 2009),
    r (pre/post correlation), suppressed. Empty for GAS (no before/after). Interventions add up to
    the total: complementary suppression applies.
    """
    cols = ["level", "intervention_id", "name", "method", "n", "n_children", "mean_pre", "mean_post", "change",
            "change_low", "change_high", "improvement", "improvement_low", "improvement_high", "g", "g_low", "g_high",
            "r", "suppressed"]
    if code == GAS:
        return pd.DataFrame(columns=cols)
    sign = 1.0 if _instrument(conn, code)["higher_is_better"] else -1.0
    sub = _per_forloeb(filters, scope, code)
    pre, post = sub.c.pre, sub.c.post
    aggs = [sa.func.count().label("n"), sa.func.count(sa.distinct(sub.c.child_id)).label("n_children"),
            sa.func.sum(pre).label("sum_pre"), sa.func.sum(pre * pre).label("sum_pre2"),
            sa.func.sum(post).label("sum_post"), sa.func.sum(post * post).label("sum_post2"),
            sa.func.sum(pre * post).label("sum_prepost")]
    df = _levels(conn, sub, aggs, where=(pre.is_not(None), post.is_not(None)))
    sums = [df[c].to_numpy(dtype="float64") for c in ("n", "sum_pre", "sum_pre2", "sum_post", "sum_post2", "sum_prepost")]
    st = paired_from_sums(*sums)
    g, g_lo, g_hi = hedges_g_paired(sums[0], st["mean_diff"], st["sd_diff"], sd_pre=st["sd_pre"], sd_post=st["sd_post"])
    lo, hi = sign * np.asarray(st["diff_low"], dtype=float), sign * np.asarray(st["diff_high"], dtype=float)
    g_lo, g_hi = sign * np.asarray(g_lo, dtype=float), sign * np.asarray(g_hi, dtype=float)
    df = df.assign(mean_pre=st["mean_pre"], mean_post=st["mean_post"], r=st["r"], change=st["mean_diff"],
                   change_low=st["diff_low"], change_high=st["diff_high"],
                   improvement=sign * np.asarray(st["mean_diff"], dtype=float), improvement_low=np.minimum(lo, hi),
                   improvement_high=np.maximum(lo, hi), g=sign * np.asarray(g, dtype=float),
                   g_low=np.minimum(g_lo, g_hi), g_high=np.maximum(g_lo, g_hi))
    values = [c for c in cols if c not in ("level", "intervention_id", "name", "method", "n_children", "suppressed")]
    return _finish(df, values, cols, ["g"])


# --- 3. reliable change ------------------------------------------------------------------------
def reliable_change(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Jacobson-Truax reliable change and clinical cut-off crossing per intervention and in all.

    Each forløb with both scores is classified in SQL: reliably improved when the improvement
    exceeds rci_threshold = 1.96·√2·reference_sd·√(1 − reliability) points, reliably worsened when
    it is below −rci_threshold, otherwise unchanged. Cut-off (instrument.cutoff): *clinical before*
    = before on the clinical side (SDQ ≥ cut-off; ORS < cut-off); *crossed* = clinical before and
    after on the good side; *recovered* = crossed and reliably improved (Jacobson & Truax 1991).

    Columns: level, intervention_id, name, method, n (forløb with both scores), n_children,
    improved, unchanged, worsened (shares of n, 0-1), n_clinical_pre, crossed (share of
    n_clinical_pre, NaN when none or no cut-off), crossed_low, crossed_high (Wilson 95%),
    recovered (share of n_clinical_pre), rci_threshold (points), cutoff, suppressed.
    Empty for GAS. Interventions add up to the total: complementary suppression applies.
    """
    cols = ["level", "intervention_id", "name", "method", "n", "n_children", "improved", "unchanged", "worsened",
            "n_clinical_pre", "crossed", "crossed_low", "crossed_high", "recovered", "rci_threshold", "cutoff",
            "suppressed"]
    if code == GAS:
        return pd.DataFrame(columns=cols)
    ins = _instrument(conn, code)
    hib, thr, cut = ins["higher_is_better"], ins["rci_threshold"], ins["cutoff"]
    no_thr, no_cut = bool(np.isnan(thr)), bool(np.isnan(cut))
    sub = _per_forloeb(filters, scope, code)
    gain = (sub.c.post - sub.c.pre) if hib else (sub.c.pre - sub.c.post)
    t = sa.bindparam("thr", 0.0 if no_thr else thr, type_=sa.Double)
    c = sa.bindparam("cut", 0.0 if no_cut else cut, type_=sa.Double)
    clinical = (sub.c.pre < c) if hib else (sub.c.pre >= c)
    good_after = (sub.c.post >= c) if hib else (sub.c.post < c)
    aggs = [sa.func.count().label("n"), sa.func.count(sa.distinct(sub.c.child_id)).label("n_children"),
            _flag(gain > t).label("n_improved"), _flag(gain < -t).label("n_worsened"),
            _flag(clinical).label("n_clinical_pre"), _flag(sa.and_(clinical, good_after)).label("n_crossed"),
            _flag(sa.and_(clinical, good_after, gain > t)).label("n_recovered")]
    df = _levels(conn, sub, aggs, where=(sub.c.pre.is_not(None), sub.c.post.is_not(None)))
    n = df["n"].astype("float64")
    df["improved"] = np.nan if no_thr else df["n_improved"] / n
    df["worsened"] = np.nan if no_thr else df["n_worsened"] / n
    df["unchanged"] = 1.0 - df["improved"] - df["worsened"]
    clin = df["n_clinical_pre"].astype("float64")
    p, lo, hi = proportion_ci(df["n_crossed"].to_numpy(dtype="float64"), clin.to_numpy())
    df["crossed"], df["crossed_low"], df["crossed_high"] = (np.where(no_cut, np.nan, v) for v in (p, lo, hi))
    df["recovered"] = np.nan if no_cut else df["n_recovered"] / clin.where(clin > 0)
    if no_cut:
        df["n_clinical_pre"] = np.nan
    df["rci_threshold"], df["cutoff"] = thr, cut
    values = ["n", "improved", "unchanged", "worsened", "n_clinical_pre", "crossed", "crossed_low", "crossed_high",
              "recovered"]
    return _finish(df, values, cols, ["improved"])


# --- 4. goals --------------------------------------------------------------------------------
def _goal_per_forloeb(filters: Filters, scope: Scope, code: str) -> sa.Subquery:
    """One row per forløb with goals: counts of achieved / partly / not (GAS ≥ 0 / −1 / −2 or the
    outcome field), n_gas (GAS-scored goals) and Σw, Σw², Σw·x over the GAS-scored goals."""
    f = _f.c
    return (sa.select(f.participation_id, f.child_id, f.intervention_id, f.start_year, f.n_opnaaet, f.n_delvist,
                      f.n_ikke, f.n_gas, f.sw, f.sw2, f.swx)
            .where(*_population(filters, scope, code), f.n_goals > 0).subquery("goal_forloeb"))


def _gas_stats(conn: sa.Connection, sub, keys: list, key_names: list[str], with_total: bool = False) -> pd.DataFrame:
    """n (forløb with GAS scores), n_children and sum_t, sum_t2 (Σ T, Σ T²) per key (and, with_total,
    a last row with all keys NaN for the whole population), from one statement: sums per (key, Σw²,
    Σw) finished with stats.gas.gas_t_sums, and distinct children per key and in all."""
    scored = sub.c.n_gas > 0
    none = [sa.cast(sa.null(), k.type) for k in keys]
    nul = sa.cast(sa.null(), sa.Double)
    kids = sa.func.count(sa.distinct(sub.c.child_id))
    parts = [sa.select(sa.literal("sum", sa.String).label("kind"), *keys, sub.c.sw2, sub.c.sw, sa.func.count(),
                       sa.func.sum(sub.c.swx), sa.func.sum(sub.c.swx * sub.c.swx))
             .where(scored).group_by(*keys, sub.c.sw2, sub.c.sw),
             sa.select(sa.literal("kid", sa.String), *keys, nul, nul, kids, nul, nul).where(scored).group_by(*keys)]
    if with_total:
        parts.append(sa.select(sa.literal("tot", sa.String), *none, nul, nul, kids, nul, nul).where(scored))
    cols = ["kind", *key_names, "sw2", "sw", "n", "ss", "ss2"]
    raw = pd.DataFrame(conn.execute(sa.union_all(*parts)).all(), columns=cols)
    df = raw[raw["kind"] == "sum"].copy()
    sum_t, sum_t2 = gas_t_sums(*(df[c].to_numpy(dtype="float64") for c in ("n", "ss", "ss2", "sw2", "sw")), rho=DEFAULT_RHO)
    df["sum_t"], df["sum_t2"] = sum_t, sum_t2
    kid = raw[raw["kind"] == "kid"][key_names + ["n"]].rename(columns={"n": "n_children"})
    if key_names:
        out = df.groupby(key_names, dropna=False)[["n", "sum_t", "sum_t2"]].sum().reset_index().merge(kid, on=key_names)
    else:
        out = pd.DataFrame(columns=["n", "sum_t", "sum_t2", "n_children"])
    if with_total:
        tot = raw[raw["kind"] == "tot"]
        total = {"n": df["n"].sum(), "sum_t": df["sum_t"].sum(), "sum_t2": df["sum_t2"].sum(),
                 "n_children": tot["n"].iloc[0] if len(tot) else 0, **{k: np.nan for k in key_names}}
        out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    return out


def goals(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Goal attainment per intervention and in all.

    Columns: level, intervention_id, name, method, n_goals (rated goals), n_children (children
    with a rated goal), n (forløb with a rated goal), opnaaet, delvist, ikke (shares of rated goals,
    0-1; a GAS score ≥ 0 counts as achieved, −1 as partly, −2 as not), n_gas (forløb with a
    GAS-scored goal), gas_t, gas_t_low, gas_t_high (mean Kiresuk-Sherman T-score, rho 0.3, with a
    95% t-interval over forløb; NaN where fewer than the threshold children have GAS scores),
    gas_suppressed, suppressed. Interventions add up to the total: complementary suppression.
    """
    sub = _goal_per_forloeb(filters, scope, code)
    aggs = [sa.func.count().label("n"), sa.func.count(sa.distinct(sub.c.child_id)).label("n_children"),
            sa.func.sum(sub.c.n_opnaaet).label("n_opnaaet"), sa.func.sum(sub.c.n_delvist).label("n_delvist"),
            sa.func.sum(sub.c.n_ikke).label("n_ikke")]
    df = _levels(conn, sub, aggs, where=(sub.c.n_opnaaet + sub.c.n_delvist + sub.c.n_ikke > 0,))
    df["n_goals"] = df["n_opnaaet"] + df["n_delvist"] + df["n_ikke"]
    for k in ("opnaaet", "delvist", "ikke"):
        df[k] = df[f"n_{k}"] / df["n_goals"].astype("float64")
    gas = _gas_stats(conn, sub, [sub.c.intervention_id], ["intervention_id"], with_total=True)
    gas["level"] = np.where(gas["intervention_id"].isna(), LEVEL_ALL, LEVEL_INTERVENTION)
    gas["intervention_id"] = gas["intervention_id"].astype("float64")
    gas = gas.rename(columns={"n": "n_gas", "n_children": "n_gas_children"})
    df = df.merge(gas, on=["level", "intervention_id"], how="left")
    df = _ints(df, ["n_gas", "n_gas_children"])
    df["gas_t"], df["gas_t_low"], df["gas_t_high"] = mean_ci(df["n_gas"].to_numpy(dtype="float64"),
                                                             df["sum_t"].to_numpy(dtype="float64"),
                                                             df["sum_t2"].to_numpy(dtype="float64"))
    # the T-score is its own aggregate: suppressed under the threshold of children with GAS scores
    has_gas = df["n_gas_children"] > 0
    sup_gas = suppress(df[has_gas], ["gas_t", "gas_t_low", "gas_t_high", "n_gas"], n_col="n_gas_children",
                       partition=["_part"])
    df["gas_suppressed"] = False
    for col in ("gas_t", "gas_t_low", "gas_t_high", "n_gas"):
        df[col] = df[col].astype("float64")
        df.loc[sup_gas.index, col] = sup_gas[col]
    df.loc[sup_gas.index, "gas_suppressed"] = sup_gas["suppressed"]
    df.loc[~has_gas, ["gas_t", "gas_t_low", "gas_t_high"]] = np.nan
    cols = ["level", "intervention_id", "name", "method", "n_goals", "n_children", "n", "opnaaet", "delvist", "ikke",
            "n_gas", "gas_t", "gas_t_low", "gas_t_high", "gas_suppressed", "suppressed"]
    out = _finish(df, ["n", "n_goals", "opnaaet", "delvist", "ikke", "n_gas", "gas_t", "gas_t_low", "gas_t_high"],
                  cols, ["opnaaet"])
    out.loc[out["suppressed"], "gas_suppressed"] = True
    return out


# --- 5. cohorts and 6. comparison: the outcome per group ------------------------------------------
def _outcome(conn: sa.Connection, filters: Filters, scope: Scope, code: str, keys, key_names) -> pd.DataFrame:
    """n (forløb), n_children, sum_y, sum_y2 of the outcome per key: the improvement in points for a
    measured instrument, the GAS T-score for GAS."""
    if code == GAS:
        sub = _goal_per_forloeb(filters, scope, code)
        df = _gas_stats(conn, sub, keys(sub), key_names)
        return df.rename(columns={"sum_t": "sum_y", "sum_t2": "sum_y2"})
    return _outcomes(conn, filters, scope, code, [(keys, key_names)])[0]


def _outcomes(conn: sa.Connection, filters: Filters, scope: Scope, code: str, groupings) -> list[pd.DataFrame]:
    """_outcome for several (keys, key_names) groupings of a measured instrument at once: one
    statement (a UNION ALL over one materialized per-forløb CTE), one frame per grouping."""
    hib = _instrument(conn, code)["higher_is_better"]
    sub = _per_forloeb(filters, scope, code)
    y = (sub.c.post - sub.c.pre) if hib else (sub.c.pre - sub.c.post)
    aggs = [sa.func.count(), sa.func.count(sa.distinct(sub.c.child_id)), sa.func.sum(y), sa.func.sum(y * y)]
    ks = [keys(sub) for keys, _ in groupings]
    width = max(len(k) for k in ks)
    parts = [sa.select(sa.literal(i, sa.Integer), *k, *([sa.null()] * (width - len(k))), *aggs)
             .where(sub.c.pre.is_not(None), sub.c.post.is_not(None)).group_by(*k) for i, k in enumerate(ks)]
    rows = conn.execute(parts[0] if len(parts) == 1 else sa.union_all(*parts)).all()
    out = []
    for i, (k, (_, key_names)) in enumerate(zip(ks, groupings)):
        mine = [(*r[1:1 + len(k)], *r[1 + width:]) for r in rows if r[0] == i]
        out.append(pd.DataFrame(mine, columns=[*key_names, "n", "n_children", "sum_y", "sum_y2"]))
    return out


def _finish_outcome(df: pd.DataFrame) -> pd.DataFrame:
    df = _ints(df, ["n", "n_children"])
    for c in ("sum_y", "sum_y2"):
        df[c] = df[c].astype("float64")
    df["mean"], df["ci_low"], df["ci_high"] = mean_ci(df["n"].to_numpy(dtype="float64"), df["sum_y"].to_numpy(),
                                                      df["sum_y2"].to_numpy())
    return df


def cohorts(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """The outcome by start school year (cohort), per intervention and for all interventions.

    Columns: level ('indsats' | 'alle'), intervention_id (NaN for alle), name, start_year
    (2023 = 2023/24), n (forløb), n_children, mean, ci_low, ci_high (mean improvement in points,
    positive is better, with 95% t-interval; for GAS the mean T-score), and on every row of a
    group the change from its first to its last shown cohort: first_year, last_year, trend_diff
    (last − first), trend_low, trend_high, trend_beyond_noise (Welch's t-test, p < 0.05);
    suppressed. The years of an intervention add up to its total shown above: complementary
    suppression per intervention.
    """
    iv_keys = (lambda sub: [sub.c.intervention_id, sub.c.start_year], ["intervention_id", "start_year"])
    all_keys = (lambda sub: [sub.c.start_year], ["start_year"])
    if code == GAS:
        by_iv, total = (_outcome(conn, filters, scope, code, *g) for g in (iv_keys, all_keys))
    else:
        by_iv, total = _outcomes(conn, filters, scope, code, [iv_keys, all_keys])
    by_iv = _ints(by_iv, ["intervention_id"]).merge(_names(conn), on="intervention_id").assign(level=LEVEL_INTERVENTION)
    total = total.assign(level=LEVEL_ALL, intervention_id=np.nan, name="Alle indsatser")
    parts = []
    for df, partition in ((by_iv, ["intervention_id"]), (total, [])):
        df = _finish_outcome(_ints(df.copy(), ["start_year"]))
        parts.append(suppress(df, ["mean", "ci_low", "ci_high", "n", "sum_y", "sum_y2"], n_col="n_children",
                              partition=partition))
    out = pd.concat(parts, ignore_index=True).sort_values(["level", "name", "start_year"], ignore_index=True)
    trend = []
    for _, grp in out.groupby(["level", "name"], sort=False):
        shown = grp[~grp["suppressed"]]
        t = None
        if len(shown) >= 2:
            a, b = shown.iloc[0], shown.iloc[-1]
            t = diff_means_test(a["n"], a["sum_y"], a["sum_y2"], b["n"], b["sum_y"], b["sum_y2"])
            first, last = int(a["start_year"]), int(b["start_year"])
        for idx in grp.index:
            trend.append((idx, *((first, last, float(t.diff), float(t.lower), float(t.upper), bool(t.beyond_noise))
                                 if t else (np.nan, np.nan, np.nan, np.nan, np.nan, False))))
    tr = pd.DataFrame(trend, columns=["idx", "first_year", "last_year", "trend_diff", "trend_low", "trend_high",
                                      "trend_beyond_noise"]).set_index("idx")
    out = out.join(tr)
    cols = ["level", "intervention_id", "name", "start_year", "n", "n_children", "mean", "ci_low", "ci_high",
            "first_year", "last_year", "trend_diff", "trend_low", "trend_high", "trend_beyond_noise", "suppressed"]
    return out[cols]


def compare(conn: sa.Connection, filters: Filters, scope: Scope, code: str, a: int, b: int | None = None) -> pd.DataFrame:
    """Intervention `a` against intervention `b`, or (b None) against all other forløb with the
    instrument in the population ("the municipality's average" of the selection, without `a`, so
    the two groups are independent).

    Two rows, group 'a' then 'b': intervention_id (NaN for the others), n (forløb), n_children,
    mean, ci_low, ci_high (mean improvement in points, positive is better; GAS: mean T-score),
    and on both rows diff (a − b), diff_low, diff_high, p_value (Welch's t-test), beyond_noise
    (p < 0.05); suppressed. The two groups add up to the total: if one is under the threshold,
    both are hidden and there is no difference.
    """
    def key(sub):
        cases = [(sub.c.intervention_id == a, "a")] + ([(sub.c.intervention_id == b, "b")] if b is not None else [])
        return [sa.case(*cases, else_="b" if b is None else "x")]

    df = _outcome(conn, filters, scope, code, key, ["group"])
    df = df[df["group"].isin(["a", "b"])]
    df = _finish_outcome(pd.DataFrame({"group": ["a", "b"]}).merge(df, on="group", how="left"))
    df["intervention_id"] = [float(a), float(b) if b is not None else np.nan]
    df = suppress(df, ["mean", "ci_low", "ci_high", "sum_y", "sum_y2", "n"], n_col="n_children", partition=[])
    df.loc[df["n_children"].isna(), "suppressed"] = True
    ra, rb = df.iloc[0], df.iloc[1]
    test = None
    if not ra["suppressed"] and not rb["suppressed"]:
        test = diff_means_test(rb["n"], rb["sum_y"], rb["sum_y2"], ra["n"], ra["sum_y"], ra["sum_y2"])
    df["diff"], df["diff_low"], df["diff_high"], df["p_value"] = (
        (float(test.diff), float(test.lower), float(test.upper), float(test.p_value)) if test else (np.nan,) * 4)
    df["beyond_noise"] = bool(test.beyond_noise) if test else False
    return df[["group", "intervention_id", "n", "n_children", "mean", "ci_low", "ci_high", "diff", "diff_low",
               "diff_high", "p_value", "beyond_noise", "suppressed"]]
