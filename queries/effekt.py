"""Effekt: interventions (indsatser), before/after change, reliable change, goals, cohorts, comparison.

Every function takes a Connection, the shared Filters and the Scope and the chosen instrument code,
aggregates in SQL to sufficient statistics (counts, n, Σx, Σx², Σ pre·post) over forloeb_summary
(one row per forløb, data.derived.refresh_effekt; `goals` also counts `goal` rows of those forløb, whose
GAS levels and outcome field the summary adds together), finishes in `stats/` and hides small groups with
its declared `Result` before the one DataFrame it returns is made (queries.contract; the small results
are handled as NumPy columns: pandas' per-operation overhead was most of the page's time). No child
row ever leaves the database.

Who is in the population (documented here once; the page's definitions repeat it):
- the unit is a *forløb* (a participation); `n` counts forløb and `n_children` distinct children.
  Suppression applies to `n_children` (< threshold: every figure and n become missing), so a
  child in two forløb can never make a group look bigger than it is; a count of forløb shown in a
  table (measured after, dropped out, …) between 1 and the threshold minus one is hidden too;
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
  before − after where lower is better (SDQ), so a positive improvement is always good;
- the before/after change is not the interventions' effect (no comparison group, regression to the
  mean, only completers): `overview` adds what the data can say about the last two (the share that
  started on the clinical side, and the baseline of completers against dropouts).
Scores are in the instrument's own points (SDQ 0-40, ORS 0-40, Signs of Safety 0-10); GAS T-scores
have mean 50 and SD 10 by construction.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data.schema import goal as _goal
from queries.contract import Cell, Count, Guard, Moments, Result, query
from queries.effekt_base import (  # noqa: F401 - GAS, ORDER and instruments are part of this module's API
    GAS, GAS_T_NOISE, LEVEL_ALL, LEVEL_INTERVENTION, ORDER, _children, _counted, _f, _flag, _instrument, _levels, _names,
    _per_forloeb, _population, _ranked, instruments, keyed,
)
from queries.filters import Filters, Scope
from stats.change import hedges_g_paired, paired_from_sums
from stats.funnel import false_discovery
from stats.gas import DEFAULT_RHO, gas_t_sums
from stats.means import diff_means_test, mean_ci, one_sample_p, proportion_ci


_KEYS = ("level", "intervention_id", "name", "method")
_COUNTS = ("n_started", "n_before", "n_after", "n_paired", "n_ongoing", "n_dropout")
# what a before/after change cannot show by itself: how many started on the clinical side (regression to
# the mean), and whether those who dropped out started elsewhere than those who completed (attrition)
_CLINICAL = ("clinical_before", "clinical_before_low", "clinical_before_high")
_BASE_PAIRED = ("baseline_paired", "baseline_paired_low", "baseline_paired_high")
_BASE_DROPOUT = ("baseline_dropout", "baseline_dropout_low", "baseline_dropout_high")
_BASE_DIFF = ("baseline_diff", "baseline_diff_low", "baseline_diff_high", "baseline_p", "baseline_beyond_noise")
OVERVIEW = Result(
    keys=_KEYS, counts=keyed("n_children", *_COUNTS, "n_clinical_before", "n_dropout_pre"),
    moments=(Moments("n_paired", first=("_sum_pre_paired",), second=(("_sum_pre2_paired", 0, 0),), scale="_noise"),
             Moments("n_dropout_pre", first=("_sum_pre_dropout",), second=(("_sum_pre2_dropout", 0, 0),),
                     scale="_noise")),
    guards=(Guard(n="n_children", cells=(
        Cell("n_started"), Cell("n_before", _CLINICAL), Cell("n_after"), Cell("n_paired", (*_BASE_PAIRED, *_BASE_DIFF)),
        Cell("n_ongoing", ("dropout_share",)),
        # the dropouts' baseline hides with the dropouts (also where they are hidden as another's complement)
        Cell("n_dropout", ("dropout_share", "n_dropout_pre", *_BASE_DROPOUT, *_BASE_DIFF)),
        Cell("_not_dropout", ("dropout_share",)),
        Cell("n_clinical_before", _CLINICAL), Cell("_n_not_clinical_before", _CLINICAL),
        Cell("n_dropout_pre", (*_BASE_DROPOUT, *_BASE_DIFF))),
        parts=(("n_after", "n_ongoing", "n_dropout"),), partition=("_part",)),))


@query(OVERVIEW)
def overview(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Started, measured before/after and attrition, per intervention, per method and in all, with
    where the forløb started (the clinical side of the cut-off) and whether attrition is selective.

    Columns: level ('indsats' | 'metode' | 'alle'), intervention_id (NaN unless indsats), name
    (intervention name, method, or 'Alle indsatser'), method, n_started (forløb), n_children
    (distinct children), n_before (forløb with a before score; GAS: with goals set), n_after
    (with an after score; GAS: with a GAS-scored goal), n_paired (both), n_ongoing (no after score,
    forløb not ended), n_dropout (no after score, forløb ended: the attrition), dropout_share
    (n_dropout / ended forløb, 0-1), suppressed. n_started = n_after + n_ongoing + n_dropout, so a
    hidden one of those three hides the smallest other. Interventions add up to their method,
    methods to the total: complementary suppression.

    Baseline (NaN for GAS, which has no before score):
    - n_clinical_before: forløb whose before score is on the clinical side of instrument.cutoff
      (before ≥ cut-off where lower is better, SDQ; before < cut-off where higher is better, ORS);
      clinical_before, clinical_before_low, clinical_before_high: n_clinical_before / n_before with
      the Wilson 95% interval (0-1). NaN for an instrument without a cut-off. Hidden when either
      n_clinical_before or the rest of n_before is a small group;
    - completers against dropouts: baseline_paired (mean before score of the n_paired forløb measured
      before and after), baseline_paired_low/high (95% t-interval); n_dropout_pre (forløb that
      ended without an after score but with a before score) and baseline_dropout, _low, _high (their
      mean before score); baseline_diff = baseline_dropout − baseline_paired in instrument points,
      baseline_diff_low/high (Welch 95% interval), baseline_p, baseline_beyond_noise (p < 0.05).
      Hidden when either group is small, and the dropouts' figures whenever n_dropout is hidden.
    """
    sub = _per_forloeb(filters, scope, code)
    no_post, ended = sub.c.n_post == 0, sub.c.ended
    measured = code != GAS
    ins = _instrument(conn, code) if measured else {"higher_is_better": True, "cutoff": np.nan, "noise": GAS_T_NOISE}
    pre = sub.c.pre if measured else sa.cast(sa.null(), sa.Double)  # GAS: no before score
    cut = ins["cutoff"]
    no_cut = not measured or bool(np.isnan(cut))
    c = sa.bindparam("cut", 0.0 if no_cut else cut, type_=sa.Double)
    clinical = sa.and_(pre.is_not(None), (pre < c) if ins["higher_is_better"] else (pre >= c))
    paired = sa.and_(pre.is_not(None), sub.c.n_post > 0)
    dropout_pre = sa.and_(pre.is_not(None), no_post, ended)

    def sums(name, cond):
        return [sa.func.sum(sa.case((cond, pre), else_=0.0)).label(f"_sum_pre_{name}"),
                sa.func.sum(sa.case((cond, pre * pre), else_=0.0)).label(f"_sum_pre2_{name}")]

    aggs = [*_counted("n_started", sub), *_children(sub), *_counted("n_before", sub, sub.c.n_pre > 0),
            *_counted("n_after", sub, sub.c.n_post > 0), *_counted("n_paired", sub, sa.and_(sub.c.n_pre > 0, sub.c.n_post > 0)),
            *_counted("n_ongoing", sub, sa.and_(no_post, sa.not_(ended))), *_counted("n_dropout", sub, sa.and_(no_post, ended)),
            *_counted("n_clinical_before", sub, clinical), *_counted("n_dropout_pre", sub, dropout_pre),
            *sums("paired", paired), *sums("dropout", dropout_pre)]
    d = _levels(conn, sub, aggs, methods=True)
    nan = np.full(len(d["n_started"]), np.nan)
    d["_noise"] = np.full(len(nan), ins["noise"])
    d = OVERVIEW.perturb(d)
    ended_n = (d["n_started"] - d["n_ongoing"]).astype("float64")
    d["_not_dropout"] = np.maximum(0.0, ended_n - d["n_dropout"])  # the complement (perturbed counts: never below 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d["dropout_share"] = np.where(ended_n > 0, d["n_dropout"] / ended_n, np.nan)
    before, clin = d["n_before"].astype("float64"), d["n_clinical_before"].astype("float64")
    d["_n_not_clinical_before"] = np.maximum(0.0, before - clin)
    for col, v in zip(_CLINICAL, proportion_ci(clin, before)):
        d[col] = nan if no_cut else np.asarray(v, dtype="float64")
    paired_sums = [d[k].astype("float64") for k in ("n_paired", "_sum_pre_paired", "_sum_pre2_paired")]
    dropout_sums = [d[k].astype("float64") for k in ("n_dropout_pre", "_sum_pre_dropout", "_sum_pre2_dropout")]
    for cols, s in ((_BASE_PAIRED, paired_sums), (_BASE_DROPOUT, dropout_sums)):
        for col, v in zip(cols, mean_ci(*s, scale=ins.get("scale"))):
            d[col] = np.asarray(v, dtype="float64") if measured else nan
    t = diff_means_test(*paired_sums, *dropout_sums)  # dropouts − completers
    for col, v in zip(_BASE_DIFF[:4], (t.diff, t.lower, t.upper, t.p_value)):
        d[col] = np.asarray(v, dtype="float64") if measured else nan
    d["baseline_beyond_noise"] = np.asarray(t.beyond_noise, dtype=bool) & measured
    if no_cut:
        d["n_clinical_before"] = nan
    if not measured:
        d["n_dropout_pre"] = nan
    return _ranked(OVERVIEW.protect(d), ["n_started"])


# --- 2. change -------------------------------------------------------------------------------
_CHANGE = ("n", "mean_pre", "mean_post", "change", "change_low", "change_high", "improvement", "improvement_low",
           "improvement_high", "g", "g_low", "g_high", "r", "change_p", "change_q", "beyond_noise")
FDR = 0.05  # the false discovery rate kept where many interventions are judged at once (Benjamini-Hochberg)
_PAIRED = Moments("n", first=("_sum_pre", "_sum_post"),
                  second=(("_sum_pre2", 0, 0), ("_sum_post2", 1, 1), ("_sum_prepost", 0, 1)), scale="_noise")
CHANGE = Result(keys=_KEYS, counts=keyed("n", "n_children"), moments=(_PAIRED,),
                guards=(Guard(n="n_children", values=_CHANGE, partition=("_part",)),))


@query(CHANGE)
def change(conn: sa.Connection, filters: Filters, scope: Scope, code: str) -> pd.DataFrame:
    """Before/after change per intervention (forløb with both scores) and in all.

    Columns: level ('indsats' | 'alle'), intervention_id, name, method, n (forløb with before and
    after), n_children, mean_pre, mean_post (instrument points), change (after − before, raw),
    change_low, change_high (95% paired t-interval), improvement, improvement_low, improvement_high
    (the same oriented so that positive is better), g, g_low, g_high (Hedges' g_av for paired data
    with 95% CI, oriented so that positive is better; Lakens 2013, Borenstein et al. 2009),
    r (pre/post correlation), change_p (paired t-test of no change), change_q (Benjamini-Hochberg
    over the shown interventions; the total is one test by itself: q = p), beyond_noise ('better' |
    'worse' where q < 0.05, else None), suppressed. Rows by n, largest first (never a league table).
    Empty for GAS (no before/after). Interventions add up to the total: complementary suppression applies.
    """
    if code == GAS:
        return CHANGE.empty()
    ins = _instrument(conn, code)
    sign = 1.0 if ins["higher_is_better"] else -1.0
    sub = _per_forloeb(filters, scope, code)
    pre, post = sub.c.pre, sub.c.post
    aggs = [*_counted("n", sub), *_children(sub),
            sa.func.sum(pre).label("_sum_pre"), sa.func.sum(pre * pre).label("_sum_pre2"),
            sa.func.sum(post).label("_sum_post"), sa.func.sum(post * post).label("_sum_post2"),
            sa.func.sum(pre * post).label("_sum_prepost")]
    d = _levels(conn, sub, aggs, where=(pre.is_not(None), post.is_not(None)))
    d["_noise"] = np.full(len(d["n"]), ins["noise"])
    d = CHANGE.perturb(d)
    sums = [d[c].astype("float64") for c in ("n", "_sum_pre", "_sum_pre2", "_sum_post", "_sum_post2", "_sum_prepost")]
    st = {k: np.asarray(v, dtype="float64") for k, v in paired_from_sums(*sums).items()}
    g, g_lo, g_hi = (sign * np.asarray(v, dtype="float64") for v in
                     hedges_g_paired(sums[0], st["mean_diff"], st["sd_diff"], sd_pre=st["sd_pre"], sd_post=st["sd_post"]))
    lo, hi = sign * st["diff_low"], sign * st["diff_high"]
    d.update(mean_pre=np.clip(st["mean_pre"], *ins["scale"]), mean_post=np.clip(st["mean_post"], *ins["scale"]),
             r=st["r"], change=st["mean_diff"],
             change_low=st["diff_low"], change_high=st["diff_high"], improvement=sign * st["mean_diff"],
             improvement_low=np.minimum(lo, hi), improvement_high=np.maximum(lo, hi), g=g,
             g_low=np.minimum(g_lo, g_hi), g_high=np.maximum(g_lo, g_hi), change_p=st["p"])
    d = CHANGE.protect(d)
    # many interventions judged at once: control the false discovery rate over the shown ones
    shown_iv = (d["level"] == LEVEL_INTERVENTION) & ~np.asarray(d["suppressed"], dtype=bool)
    q = np.where(shown_iv, false_discovery(np.where(shown_iv, d["change_p"], np.nan), FDR)[0], d["change_p"])
    d["change_q"] = np.asarray(q, dtype="float64").reshape(-1)
    d["beyond_noise"] = np.where(d["change_q"] < FDR, np.where(d["improvement"] > 0, "better", "worse"), None).astype(object)
    return _ranked(d, ["n"])


# --- 3. reliable change ------------------------------------------------------------------------
_CROSSED = ("crossed", "crossed_low", "crossed_high")
RELIABLE = Result(
    keys=_KEYS, counts=keyed("n", "n_children", "_n_improved", "_n_worsened", "n_clinical_pre", "_n_crossed", "_n_recovered"),
    guards=(Guard(n="n_children", cells=(
        Cell("n_clinical_pre", (*_CROSSED, "recovered")), Cell("_n_improved", ("improved",)),
        Cell("_n_worsened", ("worsened",)), Cell("_n_unchanged", ("unchanged",)),
        Cell("_n_crossed", _CROSSED), Cell("_n_not_crossed", _CROSSED), Cell("_n_recovered", ("recovered",)),
        Cell("_n_not_recovered", ("recovered",))),
        parts=(("_n_improved", "_n_worsened", "_n_unchanged"),),
        values=("n", "improved", "unchanged", "worsened"), partition=("_part",)),), public=("rci_threshold", "cutoff"))


@query(RELIABLE)
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
    recovered (share of n_clinical_pre), suppressed, rci_threshold (points), cutoff. n_clinical_pre
    between 1 and the threshold minus one is hidden with its shares. Empty for GAS. Interventions
    add up to the total: complementary suppression applies.
    """
    if code == GAS:
        return RELIABLE.empty()
    ins = _instrument(conn, code)
    hib, thr, cut = ins["higher_is_better"], ins["rci_threshold"], ins["cutoff"]
    no_thr, no_cut = bool(np.isnan(thr)), bool(np.isnan(cut))
    sub = _per_forloeb(filters, scope, code)
    gain = (sub.c.post - sub.c.pre) if hib else (sub.c.pre - sub.c.post)
    t = sa.bindparam("thr", 0.0 if no_thr else thr, type_=sa.Double)
    c = sa.bindparam("cut", 0.0 if no_cut else cut, type_=sa.Double)
    clinical = (sub.c.pre < c) if hib else (sub.c.pre >= c)
    good_after = (sub.c.post >= c) if hib else (sub.c.post < c)
    aggs = [*_counted("n", sub), *_children(sub), *_counted("_n_improved", sub, gain > t),
            *_counted("_n_worsened", sub, gain < -t), *_counted("n_clinical_pre", sub, clinical),
            *_counted("_n_crossed", sub, sa.and_(clinical, good_after)),
            *_counted("_n_recovered", sub, sa.and_(clinical, good_after, gain > t))]
    d = RELIABLE.perturb(_levels(conn, sub, aggs, where=(sub.c.pre.is_not(None), sub.c.post.is_not(None))))
    n, clin, nan = d["n"].astype("float64"), d["n_clinical_pre"].astype("float64"), np.full(len(d["n"]), np.nan)
    # the three parts of n, and the complements (perturbed counts need not add up: never below 0)
    d["_n_unchanged"] = np.maximum(0.0, n - d["_n_improved"] - d["_n_worsened"])
    d["_n_not_crossed"] = np.maximum(0.0, clin - d["_n_crossed"])
    d["_n_not_recovered"] = np.maximum(0.0, clin - d["_n_recovered"])
    with np.errstate(divide="ignore", invalid="ignore"):  # an empty group (n 0): NaN, said as hidden
        d["improved"] = nan if no_thr else d["_n_improved"] / n
        d["worsened"] = nan if no_thr else d["_n_worsened"] / n
        d["unchanged"] = nan if no_thr else d["_n_unchanged"] / n
    p, lo, hi = proportion_ci(d["_n_crossed"].astype("float64"), clin)
    d["crossed"], d["crossed_low"], d["crossed_high"] = (nan if no_cut else np.asarray(v, dtype="float64")
                                                         for v in (p, lo, hi))
    with np.errstate(divide="ignore", invalid="ignore"):
        d["recovered"] = nan if no_cut else np.where(clin > 0, d["_n_recovered"] / clin, np.nan)
    if no_cut:
        d["n_clinical_pre"] = nan
    d["rci_threshold"], d["cutoff"] = np.full(len(n), thr), np.full(len(n), cut)
    return _ranked(RELIABLE.protect(d), ["improved"])


# --- 4. goals --------------------------------------------------------------------------------
def _goal_per_forloeb(filters: Filters, scope: Scope, code: str) -> sa.Subquery:
    """One row per forløb with goals: n_gas (GAS-scored goals) and Σw, Σw², Σw·x over the GAS-scored
    goals (the Kiresuk-Sherman T-score), from forloeb_summary."""
    f = _f.c
    return (sa.select(f.participation_id, f.child_id, f.intervention_id, f.start_year, f.n_gas, f.sw, f.sw2, f.swx,
                      f.forloeb_key, f.child_key)
            .where(*_population(filters, scope, code), f.n_goals > 0).subquery("goal_forloeb"))


# The two scales a goal is rated on, never merged: a GAS score (−2..+2, Turner-Stokes 2009: +2 much more
# than expected, +1 somewhat more, 0 the expected level, −1 somewhat less — the usual baseline —, −2 much
# less), or, for a goal without one, the outcome field ('opnaaet' | 'delvist' | 'ikke').
GAS_LEVELS = ((2, "gas_plus2"), (1, "gas_plus1"), (0, "gas_0"), (-1, "gas_minus1"), (-2, "gas_minus2"))
_LEVELS = tuple(name for _, name in GAS_LEVELS)
_ATTAINED = ("opnaaet", "delvist", "ikke")


def _goal_scales(filters: Filters, scope: Scope, code: str) -> sa.Subquery:
    """One row per forløb with a rated goal: its goals per GAS level (n_gas_plus2 … n_gas_minus2) and, of
    its goals without a GAS score, per outcome (n_opnaaet, n_delvist, n_ikke) — counted from `goal`
    itself, since forloeb_summary's n_opnaaet … count a GAS score and the outcome field together."""
    f, g = _f.c, _goal.c
    cats = ([(f"n_{name}", g.gas_score == v) for v, name in GAS_LEVELS]
            + [(f"n_{o}", sa.and_(g.gas_score.is_(None), g.outcome == o)) for o in _ATTAINED])
    cols = [f.participation_id, f.child_id, f.intervention_id, f.forloeb_key, f.child_key]
    return (sa.select(*cols, *(_flag(cond).label(name) for name, cond in cats))
            .select_from(_f.join(_goal, g.participation_id == f.participation_id))
            .where(*_population(filters, scope, code), sa.or_(g.gas_score.is_not(None), g.outcome.is_not(None)))
            .group_by(*cols).subquery("goal_scales"))


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
          hide_empty=False)))


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
    sub = _goal_scales(filters, scope, code)
    aggs = [*_counted("n", sub), *_children(sub),  # a count of goals carries each goal's forløb's key
            *(agg for c in _GOAL_COUNTS for agg in _counted(c, sub, weight=sub.c[c[1:]]))]
    d = _levels(conn, sub, aggs)
    per_forloeb = _goal_per_forloeb(filters, scope, code)
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
                               partition=("_group",)),))


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
                               partition=()),))


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
