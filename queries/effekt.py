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

import dataclasses

from queries.columns import Cols, split_detail
from queries.contract import Cell, Guard, Moments, Result, query
from queries.effekt_base import (  # noqa: F401 - GAS, ORDER, SPLIT_BY and instruments are part of this module's API
    BY_DETAIL, DETAIL, FDR, GAS, GAS_T_NOISE, KEYS, LEVEL_ALL, LEVEL_INTERVENTION, ORDER, SPLIT_BY, _children, _counted, _f,
    _flag, _instrument, _levels, _names, _per_forloeb, _population, _ranked, instruments, keyed,
)
# goals (4.) and the outcome per group (5., 6.) have modules of their own; they are part of this API
from queries.effekt_goals import GAS_LEVELS, GOALS, goals, goals_by  # noqa: F401, E402
from queries.effekt_outcomes import COHORTS, COMPARE, cohorts, compare  # noqa: F401, E402
from queries.filters import Filters, Scope
from stats.change import hedges_g_paired, paired_from_sums
from stats.funnel import false_discovery
from stats.means import diff_means_test, mean_ci, proportion_ci


_KEYS = KEYS
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
        parts=(("n_after", "n_ongoing", "n_dropout"),), partition=("_part",)),), detail=DETAIL)


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
    return _overview(conn, filters, scope, code)


OVERVIEW_BY = dataclasses.replace(OVERVIEW, keys=(*OVERVIEW.keys, "key"), detail=(*DETAIL, *BY_DETAIL))


@query(OVERVIEW_BY)
def overview_by(conn: sa.Connection, filters: Filters, scope: Scope, code: str, dim: str) -> pd.DataFrame:
    """overview's total ('alle') row for each group of `dim` (SPLIT_BY), with its `key`: the row overview gives for
    the filters narrowed to that group, in one statement (Udforsk's splits, an Effekt key figure's years)."""
    return split_detail(_overview(conn, filters, scope, code, dim), dim)


def _overview(conn: sa.Connection, filters: Filters, scope: Scope, code: str, by: str | None = None) -> Cols:
    sub = _per_forloeb(filters, scope, code, by)
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
_PAIRED = Moments("n", first=("_sum_pre", "_sum_post"),
                  second=(("_sum_pre2", 0, 0), ("_sum_post2", 1, 1), ("_sum_prepost", 0, 1)), scale="_noise")
CHANGE = Result(keys=_KEYS, counts=keyed("n", "n_children"), moments=(_PAIRED,),
                guards=(Guard(n="n_children", values=_CHANGE, partition=("_part",)),), detail=DETAIL)


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
        values=("n", "improved", "unchanged", "worsened"), partition=("_part",)),), public=("rci_threshold", "cutoff"),
    detail=DETAIL)


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
    return _reliable(conn, filters, scope, code)


RELIABLE_BY = dataclasses.replace(RELIABLE, keys=(*RELIABLE.keys, "key"), detail=(*DETAIL, *BY_DETAIL))


@query(RELIABLE_BY)
def reliable_change_by(conn: sa.Connection, filters: Filters, scope: Scope, code: str, dim: str) -> pd.DataFrame:
    """reliable_change's total ('alle') row for each group of `dim` (SPLIT_BY), with its `key`: the row
    reliable_change gives for the filters narrowed to that group, in one statement (as overview_by)."""
    if code == GAS:
        return RELIABLE_BY.empty()
    return split_detail(_reliable(conn, filters, scope, code, dim), dim)


def _reliable(conn: sa.Connection, filters: Filters, scope: Scope, code: str, by: str | None = None) -> Cols:
    if code == GAS:
        return RELIABLE.empty()
    ins = _instrument(conn, code)
    hib, thr, cut = ins["higher_is_better"], ins["rci_threshold"], ins["cutoff"]
    no_thr, no_cut = bool(np.isnan(thr)), bool(np.isnan(cut))
    sub = _per_forloeb(filters, scope, code, by)
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
