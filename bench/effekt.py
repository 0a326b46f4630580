"""Benchmark of the Effekt page's queries: app path vs naive path (pull child rows into pandas).

    python -m bench.effekt                 # demo scale (data/indblik.db) and national scale
    python -m bench.effekt --demo-only [--demo-url URL]   # demo scale only (another database: e.g. PostgreSQL)
    INDBLIK_BENCH_POSTGRES_URL=postgresql+psycopg://... python -m bench.effekt   # also PostgreSQL

National scale: `generate(url)` writes ~200,000 participations (98 municipalities, ~1,000
interventions) with before/after measurements, goals and the placement snapshots the queries
join, into bench/effekt_national.db (made once, reused) or an empty PostgreSQL schema.
Bulk load is native: executemany in batches of 50,000 on SQLite, COPY on PostgreSQL.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy import stats as sps

from bench.harness import Case, Same, compare, naive_filter
from data import derived, schema as s
from data.db import migrate
from data.demo.bulk import bulk_insert
from queries import effekt as q
from queries.filters import Filters, Scope
from stats.change import hedges_g_paired, reliable_change_threshold
from stats.means import proportion_ci

HERE = Path(__file__).resolve().parent
NATIONAL_SQLITE = HERE / "effekt_national.db"
DEMO_URL = f"sqlite:///{HERE.parent / 'data' / 'indblik.db'}"
METHODS = [("LØFT", "sdq_total"), ("Signs of Safety", "sos_skala"), ("mellemform", "sdq_total"),
           ("forældrekursus", "sdq_total"), ("PPR-sparring", "ors"), ("LØFT", "sdq_total"),
           ("PPR-sparring", "ors"), ("forældrekursus", "ors"), ("Signs of Safety", "sos_skala"), ("LØFT", "sdq_total")]
PARAMS = {"sdq_total": (17.0, 5.8, False), "ors": (23.0, 7.0, True), "sos_skala": (4.0, 2.0, True)}


# --- national-scale generator -------------------------------------------------------------------
def _load(conn: sa.Connection, table: sa.Table, rows: dict[str, np.ndarray]) -> None:
    """Bulk-load columns: COPY on PostgreSQL, executemany in large batches on SQLite (data.demo.bulk)."""
    bulk_insert(conn, table, list(rows), rows)


def generate(url: str, participations: int = 200_000, seed: int = 7) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    eng = sa.create_engine(url)
    migrate(eng)
    n_mun, schools = 98, 20
    with eng.begin() as conn:
        kode = np.arange(101, 101 + n_mun)
        _load(conn, s.municipality, {"kode": kode, "name": [f"Kommune {k}" for k in kode]})
        _load(conn, s.district, {"id": np.arange(1, n_mun + 1), "municipality_kode": kode,
                                 "name": ["Distrikt"] * n_mun})
        inst_id = np.arange(1, n_mun * schools + 1)
        inst_mun = np.repeat(kode, schools)
        _load(conn, s.institution, {"id": inst_id, "name": [f"Skole {i}" for i in inst_id], "municipality_kode": inst_mun,
                                    "district_id": np.repeat(np.arange(1, n_mun + 1), schools),
                                    "kind": ["skole"] * len(inst_id), "provision": ["almen"] * len(inst_id)})
        conn.execute(s.instrument.insert(), [
            dict(code="sdq_total", name="SDQ", min_score=0, max_score=40, higher_is_better=False, cutoff=17,
                 reliability=0.8, reference_sd=5.8),
            dict(code="ors", name="ORS", min_score=0, max_score=40, higher_is_better=True, cutoff=25,
                 reliability=0.85, reference_sd=7.0),
            dict(code="sos_skala", name="SoS", min_score=0, max_score=10, higher_is_better=True, cutoff=None,
                 reliability=0.7, reference_sd=2.0),
            dict(code="gas", name="GAS", min_score=20, max_score=80, higher_is_better=True, cutoff=50, reliability=None,
                 reference_sd=10)])
        iv = np.arange(1, n_mun * len(METHODS) + 1)
        iv_method = [METHODS[i % len(METHODS)] for i in range(len(iv))]
        iv_mun = np.repeat(kode, len(METHODS))
        _load(conn, s.intervention, {"id": iv, "name": [f"{m} {i}" for i, (m, _) in zip(iv, iv_method)],
                                     "method": [m for m, _ in iv_method], "municipality_kode": iv_mun,
                                     "instrument_code": [c for _, c in iv_method]})
        n = participations
        p_iv = rng.integers(1, len(iv) + 1, n)
        child = np.arange(1, n + 1)
        birth = rng.integers(2005, 2018, n)
        gender = np.where(rng.random(n) < 0.6, "dreng", "pige")
        _load(conn, s.child, {"id": child, "birth_year": birth, "gender": gender,
                              "record_key": rng.integers(0, s.RECORD_KEY_SPACE, n)})
        start = np.datetime64("2017-01-09") + rng.integers(0, 3200, n).astype("timedelta64[D]")
        sy = start.astype("datetime64[Y]").astype(int) + 1970
        sy = np.where(start.astype("datetime64[M]").astype(int) % 12 < 7, sy - 1, sy)
        mun_idx = iv_mun[p_iv - 1] - 101
        school = mun_idx * schools + rng.integers(1, schools + 1, n)
        grade = sy - birth - 6
        _load(conn, s.placement_snapshot, {"school_year": sy, "child_id": child, "institution_id": school,
                                           "provision_form": np.where(rng.random(n) < 0.05, "specialklasse", "almen"),
                                           "klassetrin": np.where((grade >= 0) & (grade <= 10), grade, None).astype(object),
                                           "gender": gender})
        codes = [c for _, c in iv_method]
        for table, rows in zip((s.participation, s.measurement, s.goal), forloeb(rng, child, child, p_iv, start, codes)):
            _load(conn, table, rows)
        derived.refresh_effekt(conn)
    with eng.begin() as conn:
        conn.execute(sa.text("ANALYZE"))  # fresh bulk loads need planner statistics (PostgreSQL especially)
    with eng.connect() as conn:
        counts = {t: conn.execute(sa.select(sa.func.count()).select_from(getattr(s, t))).scalar()
                  for t in ("participation", "measurement", "goal", "placement_snapshot")}
    eng.dispose()
    return counts


def forloeb(rng, pid, child, p_iv, start, iv_codes):
    """Participations (ids `pid` of `child` in intervention `p_iv`, from `start`), their before/after
    measurements and 1-3 goals each (GAS-scored in half the methods, else an outcome); columnar dicts for
    participation, measurement and goal (also bench.generate's national forløb). iv_codes: each
    intervention's instrument, by id - 1."""
    n = len(pid)
    codes = np.asarray(iv_codes)[p_iv - 1]
    end = start + rng.integers(90, 330, n).astype("timedelta64[D]")
    ended = end <= np.datetime64("2025-11-30")
    part = {"id": pid, "intervention_id": p_iv, "child_id": child, "record_key": rng.integers(0, s.RECORD_KEY_SPACE, n),
            "start_date": start, "end_date": np.where(ended, end, np.datetime64("NaT"))}
    mean = np.array([PARAMS[c][0] for c in codes])
    sd = np.array([PARAMS[c][1] for c in codes])
    sign = np.array([1.0 if PARAMS[c][2] else -1.0 for c in codes])
    pre = np.clip(np.round(rng.normal(mean, sd)), 0, 40)
    post = np.clip(np.round(pre + sign * rng.normal(0.3, 0.5, n) * sd), 0, 40)
    has_pre = rng.random(n) < 0.95
    has_post = ended & (rng.random(n) < 0.8)
    meas = {"participation_id": np.concatenate([pid[has_pre], pid[has_post]]),
            "instrument_code": np.concatenate([codes[has_pre], codes[has_post]]),
            "timepoint": np.array(["foer"] * int(has_pre.sum()) + ["efter"] * int(has_post.sum())),
            "measured_on": np.concatenate([start[has_pre], end[has_post]]),
            "score": np.concatenate([pre[has_pre], post[has_post]])}
    k = rng.integers(1, 4, n)
    g_pid = np.repeat(pid, k)
    gas_mode = np.repeat(np.isin(p_iv % len(METHODS), [1, 4, 6, 9, 0]), k)
    g_ended = np.repeat(ended, k)
    score = np.clip(np.round(rng.normal(0.2, 0.9, len(g_pid))), -2, 2)
    u = rng.random(len(g_pid))
    goals = {"participation_id": g_pid, "description": np.full(len(g_pid), "Mål"),
             "weight": np.where(rng.random(len(g_pid)) < 0.2, 2.0, 1.0),
             "gas_score": np.where(gas_mode & g_ended, score, np.nan),
             "outcome": np.where(~gas_mode & g_ended, np.where(u < 0.4, "opnaaet", np.where(u < 0.8, "delvist", "ikke")),
                                 None).astype(object)}
    return part, meas, goals


# --- the naive path: pull child rows, aggregate in pandas -------------------------------------
# The naive path reads the raw rows (participations with their intervention and child, every
# placement snapshot, institutions, measurements, goals), builds each forløb's row in pandas with the
# definitions of queries/effekt.py (start school year, institution, before/after means, goal counts,
# GAS T-score), filters with the case's filters there and aggregates per intervention, method and in
# all. Statistics: t-intervals and Welch's test with SciPy on the individual forløb; Hedges' g, the
# reliable-change threshold and Wilson intervals with the app's formulas (stats/) on pandas' figures.
def _forloeb(conn, filters: Filters, code: str) -> pd.DataFrame:
    """One row per forløb of the population, built in pandas from the raw rows and filtered there."""
    p, i, c, snap, inst, m, g = (s.participation, s.intervention, s.child, s.placement_snapshot, s.institution,
                                 s.measurement, s.goal)
    df = pd.read_sql(sa.select(p.c.id.label("pid"), p.c.child_id, p.c.intervention_id, p.c.start_date, p.c.end_date,
                               i.c.name, i.c.method, i.c.institution_id.label("iv_institution"), i.c.instrument_code,
                               c.c.gender)
                     .select_from(p.join(i, i.c.id == p.c.intervention_id).join(c, c.c.id == p.c.child_id)), conn)
    start = pd.to_datetime(df["start_date"])
    df["start_year"] = start.dt.year - (start.dt.month < 8).astype(int)
    snaps = pd.read_sql(sa.select(snap.c.child_id, snap.c.school_year.label("start_year"), snap.c.institution_id,
                                  snap.c.klassetrin, snap.c.provision_form), conn)
    df = df.merge(snaps, on=["child_id", "start_year"], how="left")  # where the child was in the start school year
    df["institution_id"] = df["iv_institution"].fillna(df["institution_id"])
    orgs = pd.read_sql(sa.select(inst.c.id.label("institution_id"), inst.c.municipality_kode, inst.c.district_id), conn)
    df = df.merge(orgs, on="institution_id", how="left")
    df["ended"] = df["end_date"].notna()

    meas = pd.read_sql(sa.select(m.c.participation_id.label("pid"), m.c.instrument_code.label("measured"),
                                 m.c.timepoint, m.c.score), conn)
    meas = meas.merge(df[["pid", "instrument_code"]], on="pid")
    meas = meas[meas["measured"] == meas["instrument_code"]]  # the intervention's own outcome measure
    for tp, name in (("foer", "pre"), ("efter", "post")):
        one = meas[meas["timepoint"] == tp].groupby("pid")["score"].agg(["count", "mean"])
        df = df.merge(one.rename(columns={"count": f"n_{name}", "mean": name}), left_on="pid", right_index=True,
                      how="left")
        df[f"n_{name}"] = df[f"n_{name}"].fillna(0)

    goals = pd.read_sql(sa.select(g.c.participation_id.label("pid"), g.c.weight, g.c.gas_score, g.c.outcome), conn)
    x, rated = goals["gas_score"], goals["gas_score"].notna()
    w = goals["weight"].where(rated, 0.0)
    # two scales, never merged: a GAS-scored goal by its level, a goal without one by its outcome field
    goals = goals.assign(**{f"n_{name}": x == v for v, name in q.GAS_LEVELS},
                         **{f"n_{o}": ~rated & (goals["outcome"] == o) for o in ("opnaaet", "delvist", "ikke")},
                         n_gas=rated, sw=w, sw2=w * w, swx=w * x.fillna(0))
    per = goals.groupby("pid").agg(n_goals=("pid", "size"), **{k: (k, "sum") for k in (
        *(f"n_{name}" for _, name in q.GAS_LEVELS), "n_opnaaet", "n_delvist", "n_ikke", "n_gas", "sw", "sw2", "swx")})
    df = df.merge(per, left_on="pid", right_index=True, how="left")
    df[list(per.columns)] = df[list(per.columns)].fillna(0)
    # Kiresuk-Sherman T of the forløb's GAS-scored goals (rho 0.3)
    df["gas_t"] = (50 + 10 * df["swx"] / np.sqrt(0.7 * df["sw2"] + 0.3 * df["sw"] ** 2)).where(df["n_gas"] > 0)
    gas_ivs = set(df.loc[df["n_gas"] > 0, "intervention_id"])

    df = df[df["intervention_id"].isin(gas_ivs)] if code == q.GAS else df[df["instrument_code"] == code]
    if code == q.GAS:  # on the GAS view, "before" is goals set and "after" is a GAS-scored goal
        df = df.assign(n_pre=df["n_goals"], n_post=df["n_gas"])
    return naive_filter(df, filters, kommune="municipality_kode", distrikt="district_id", institution="institution_id",
                        years="start_year", grades="klassetrin", gender="gender", tilbudsform="provision_form")


def _per_level(df: pd.DataFrame, figures, methods: bool = False) -> pd.DataFrame:
    """figures(group) -> dict, per intervention, per method (optional) and for all the forløb of `df`."""
    rows = [dict(level=q.LEVEL_INTERVENTION, intervention_id=iv, name=name, method=method, **figures(grp))
            for (iv, name, method), grp in df.groupby(["intervention_id", "name", "method"])]
    if methods:
        rows += [dict(level="metode", intervention_id=np.nan, name=method, method=method, **figures(grp))
                 for method, grp in df.groupby("method")]
    if len(df):
        rows.append(dict(level=q.LEVEL_ALL, intervention_id=np.nan, name="Alle indsatser", method=None, **figures(df)))
    return pd.DataFrame(rows)


def _t(values: pd.Series) -> tuple[float, float, float]:
    """Mean with its 95% t-interval."""
    n, mean = len(values), values.mean()
    half = sps.t.ppf(0.975, n - 1) * values.std() / np.sqrt(n) if n >= 2 else np.nan
    return mean, mean - half, mean + half


def _paired(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["pre"].notna() & df["post"].notna()]


def _sign(conn, code: str) -> float:
    return 1.0 if q.instruments(conn).set_index("code").loc[code, "higher_is_better"] else -1.0


def _outcome(conn, filters: Filters, code: str) -> pd.DataFrame:
    """The forløb with an outcome, in column y: the improvement in points (after − before, oriented so
    that positive is better) for a measured instrument, the GAS T-score for GAS."""
    df = _forloeb(conn, filters, code)
    if code == q.GAS:
        df = df[(df["n_goals"] > 0) & (df["n_gas"] > 0)]
        return df.assign(y=df["gas_t"])
    df = _paired(df)
    return df.assign(y=_sign(conn, code) * (df["post"] - df["pre"]))


def naive_overview(conn, filters: Filters, code: str) -> pd.DataFrame:
    """Started, children, measured before/after/both, ongoing, dropped out and the dropout share."""
    def figures(g):
        after = g["n_post"] > 0
        ongoing, dropout = int((~after & ~g["ended"]).sum()), int((~after & g["ended"]).sum())
        ended = len(g) - ongoing
        return dict(n_started=len(g), n_children=g["child_id"].nunique(), n_before=int((g["n_pre"] > 0).sum()),
                    n_after=int(after.sum()), n_paired=int(((g["n_pre"] > 0) & after).sum()), n_ongoing=ongoing,
                    n_dropout=dropout, dropout_share=dropout / ended if ended else np.nan)
    return _per_level(_forloeb(conn, filters, code), figures, methods=True)


def naive_change(conn, filters: Filters, code: str) -> pd.DataFrame:
    """Forløb with both scores: means before and after, the paired change with its t-interval, the
    improvement (oriented), Hedges' g_av and the pre/post correlation."""
    if code == q.GAS:  # no before/after on the GAS view (the app returns no rows)
        return pd.DataFrame(columns=q.CHANGE.columns)
    sign = _sign(conn, code)

    def figures(g):
        d = g["post"] - g["pre"]
        change, lo, hi = _t(d)
        gg, g_lo, g_hi = (sign * v for v in hedges_g_paired(len(g), change, d.std(), sd_pre=g["pre"].std(),
                                                            sd_post=g["post"].std()))
        return dict(n=len(g), n_children=g["child_id"].nunique(), mean_pre=g["pre"].mean(), mean_post=g["post"].mean(),
                    change=change, change_low=lo, change_high=hi, improvement=sign * change,
                    improvement_low=min(sign * lo, sign * hi), improvement_high=max(sign * lo, sign * hi),
                    g=gg, g_low=min(g_lo, g_hi), g_high=max(g_lo, g_hi), r=g["pre"].corr(g["post"]))
    return _per_level(_paired(_forloeb(conn, filters, code)), figures)


def naive_reliable(conn, filters: Filters, code: str) -> pd.DataFrame:
    """Forløb with both scores classified by the reliable-change threshold and the clinical cut-off."""
    if code == q.GAS:  # no before/after on the GAS view (the app returns no rows)
        return pd.DataFrame(columns=q.RELIABLE.columns)
    ins = q.instruments(conn).set_index("code").loc[code]
    hib, cut = bool(ins["higher_is_better"]), float(ins["cutoff"])
    thr = float(reliable_change_threshold(ins["reference_sd"], ins["reliability"]))

    def figures(g):
        gain = (g["post"] - g["pre"]) if hib else (g["pre"] - g["post"])
        clinical = (g["pre"] < cut) if hib else (g["pre"] >= cut)
        crossed = clinical & ((g["post"] >= cut) if hib else (g["post"] < cut))
        n, clin = len(g), int(clinical.sum())
        improved, worsened = ((gain > thr).mean(), (gain < -thr).mean()) if thr == thr else (np.nan, np.nan)
        share, lo, hi = proportion_ci(int(crossed.sum()), clin)
        return dict(n=n, n_children=g["child_id"].nunique(), improved=improved, worsened=worsened,
                    unchanged=1 - improved - worsened, n_clinical_pre=clin, crossed=share, crossed_low=lo,
                    crossed_high=hi, recovered=(crossed & (gain > thr)).sum() / clin if clin else np.nan)
    return _per_level(_paired(_forloeb(conn, filters, code)), figures)


def naive_goals(conn, filters: Filters, code: str) -> pd.DataFrame:
    """Forløb with rated goals: the shares of the GAS-scored goals per level (and at 0 or more) and of
    the goals without a GAS score per outcome, and the mean Kiresuk-Sherman T-score with its t-interval
    over the forløb with GAS-scored goals (a GAS-scored goal is a rated goal, so those forløb are among these)."""
    df = _forloeb(conn, filters, code)
    levels = [name for _, name in q.GAS_LEVELS]
    outcomes = ["opnaaet", "delvist", "ikke"]

    def figures(g):
        n_gas = float(g[[f"n_{k}" for k in levels]].to_numpy().sum())
        n_out = float(g[[f"n_{k}" for k in outcomes]].to_numpy().sum())
        t = g["gas_t"].dropna()
        mean, lo, hi = _t(t) if len(t) else (np.nan,) * 3
        share = lambda k, n: g[f"n_{k}"].sum() / n if n else np.nan  # noqa: E731
        return dict(n=len(g), n_children=g["child_id"].nunique(), n_goals=n_gas + n_out, n_gas_goals=n_gas,
                    n_outcome_goals=n_out, **{k: share(k, n_gas) for k in levels},
                    gas_expected=sum(g[f"n_{k}"].sum() for k in levels[:3]) / n_gas if n_gas else np.nan,
                    **{k: share(k, n_out) for k in outcomes},
                    n_gas=len(t), gas_t=mean, gas_t_low=lo, gas_t_high=hi)
    rated = df[[f"n_{k}" for k in (*levels, *outcomes)]].sum(axis=1)
    return _per_level(df[(df["n_goals"] > 0) & (rated > 0)], figures)


def naive_cohorts(conn, filters: Filters, code: str) -> pd.DataFrame:
    """The outcome per start school year, per intervention and for all: n, children, mean, t-interval."""
    df = _outcome(conn, filters, code)

    def figures(g):
        mean, lo, hi = _t(g["y"])
        return dict(n_children=g["child_id"].nunique(), n=len(g), mean=mean, ci_low=lo, ci_high=hi)
    rows = [dict(level=q.LEVEL_INTERVENTION, intervention_id=iv, name=name, start_year=y, **figures(g))
            for (iv, name, y), g in df.groupby(["intervention_id", "name", "start_year"])]
    rows += [dict(level=q.LEVEL_ALL, intervention_id=np.nan, name="Alle indsatser", start_year=y, **figures(g))
             for y, g in df.groupby("start_year")]
    return pd.DataFrame(rows)


def naive_compare(conn, filters: Filters, code: str, a: int) -> pd.DataFrame:
    """Intervention a against all other forløb of the population: n, children, mean outcome with its
    t-interval, and a − rest with Welch's interval and p (SciPy on the individual forløb)."""
    df = _outcome(conn, filters, code)
    y = df["y"]
    mine = (df["intervention_id"] == a).to_numpy()
    welch = sps.ttest_ind(y[mine], y[~mine], equal_var=False)
    ci = welch.confidence_interval(0.95)
    rows = []
    for group, iv, sel in (("a", a, mine), ("b", np.nan, ~mine)):
        mean, lo, hi = _t(y[sel])
        rows.append(dict(group=group, intervention_id=iv, n_children=df.loc[sel, "child_id"].nunique(), n=int(sel.sum()),
                         mean=mean, ci_low=lo, ci_high=hi, diff=y[mine].mean() - y[~mine].mean(), diff_low=ci.low,
                         diff_high=ci.high, p_value=welch.pvalue, beyond_noise=welch.pvalue < 0.05))
    return pd.DataFrame(rows)


_LEVEL = ("level", "intervention_id", "name", "method")
_OVERVIEW = ("n_started", "n_before", "n_after", "n_paired", "n_ongoing", "n_dropout")
_MEAN = ("mean", "ci_low", "ci_high")
_GOAL_SHARES = ("gas_plus2", "gas_plus1", "gas_0", "gas_minus1", "gas_minus2", "gas_expected", "opnaaet", "delvist", "ikke")


def cases(filters: Filters, code: str = "sdq_total", a: int = 1) -> list[Case]:
    """The Effekt page's queries for `filters` and instrument `code`; `a` is the intervention compared
    with the rest (one in the population, or the comparison shows nothing)."""
    sc = Scope()
    return [
        Case("overview (indsatser, frafald)", lambda c: q.overview(c, filters, sc, code),
             lambda c: naive_overview(c, filters, code),
             Same(keys=_LEVEL, exact=("n_children", *_OVERVIEW), close=("dropout_share",),
                  cells=(*_OVERVIEW, "dropout_share"))),
        Case("change (forest)", lambda c: q.change(c, filters, sc, code), lambda c: naive_change(c, filters, code),
             Same(keys=_LEVEL, exact=("n", "n_children"),
                  close=("mean_pre", "mean_post", "change", "change_low", "change_high", "improvement",
                         "improvement_low", "improvement_high", "g", "g_low", "g_high", "r"))),
        # rci_threshold and cutoff are not compared: instrument constants, not figures of the forløb
        Case("reliable change", lambda c: q.reliable_change(c, filters, sc, code),
             lambda c: naive_reliable(c, filters, code),
             Same(keys=_LEVEL, exact=("n", "n_children", "n_clinical_pre"),
                  close=("improved", "unchanged", "worsened", "crossed", "crossed_low", "crossed_high", "recovered"),
                  cells=("n_clinical_pre", "improved", "unchanged", "worsened", "crossed", "crossed_low",
                         "crossed_high", "recovered"))),
        Case("goals (GAS T)", lambda c: q.goals(c, filters, sc, code), lambda c: naive_goals(c, filters, code),
             Same(keys=_LEVEL, exact=("n_children", "n_goals", "n", "n_gas", "n_gas_goals", "n_outcome_goals"),
                  close=(*_GOAL_SHARES, "gas_t", "gas_t_low", "gas_t_high"),
                  cells=("n_goals", "n_gas_goals", "n_outcome_goals", *_GOAL_SHARES),
                  guards=(("gas_suppressed", ("n_gas", "gas_t", "gas_t_low", "gas_t_high")),))),
        # the trend columns (first to last *shown* cohort) are not compared: which cohorts are shown
        # depends on the app's complementary suppression, which the naive path does not reproduce
        Case("cohorts", lambda c: q.cohorts(c, filters, sc, code), lambda c: naive_cohorts(c, filters, code),
             Same(keys=("level", "intervention_id", "name", "start_year"), exact=("n_children", "n"), close=_MEAN)),
        Case("compare vs rest", lambda c: q.compare(c, filters, sc, code, a), lambda c: naive_compare(c, filters, code, a),
             Same(keys=("group", "intervention_id"), exact=("n_children", "n", "beyond_noise"),
                  close=(*_MEAN, "diff", "diff_low", "diff_high", "p_value"))),
    ]


def _first_intervention(url: str, filters: Filters, code: str) -> int:
    """The lowest-numbered intervention with `code` as its outcome in the municipality of `filters`
    (in any, without one): the one the comparison case compares with the rest."""
    i = s.intervention
    sel = sa.select(sa.func.min(i.c.id)).where(i.c.instrument_code == code)
    if filters.kommune is not None:
        sel = sel.where(i.c.municipality_kode == filters.kommune)
    eng = sa.create_engine(url)
    try:
        with eng.connect() as c:
            return int(c.execute(sel).scalar())
    finally:
        eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo-only", action="store_true")
    ap.add_argument("--national-only", action="store_true")
    ap.add_argument("--demo-url", default=DEMO_URL, help="the demo database (default data/indblik.db)")
    args = ap.parse_args()
    for label, f in (() if args.national_only else (("all, 2016-2025", Filters(years=(2016, 2025))),
                                                     ("one municipality", None))):
        if f is None:
            with sa.create_engine(args.demo_url).connect() as c:
                f = Filters(kommune=int(c.execute(sa.select(sa.func.min(s.municipality.c.kode))).scalar()),
                            years=(2016, 2025))
        print(f"\n== demo scale: {label}")
        compare(args.demo_url, cases(f, a=_first_intervention(args.demo_url, f, "sdq_total")))
    if args.demo_only:
        return
    urls = []
    if not NATIONAL_SQLITE.exists():
        started = time.perf_counter()
        print("generating", NATIONAL_SQLITE, generate(f"sqlite:///{NATIONAL_SQLITE}"),
              f"{time.perf_counter() - started:.0f} s")
    urls.append(f"sqlite:///{NATIONAL_SQLITE}")
    pg = os.environ.get("INDBLIK_BENCH_POSTGRES_URL")
    if pg:
        eng = sa.create_engine(pg)
        with eng.connect() as c:
            empty = not c.execute(sa.select(sa.func.count()).select_from(s.participation)).scalar() \
                if sa.inspect(c).has_table("participation") else True
        eng.dispose()
        if empty:
            started = time.perf_counter()
            print("generating", sa.make_url(pg).render_as_string(), generate(pg), f"{time.perf_counter() - started:.0f} s")
        urls.append(pg)
    for url in urls:
        for label, f in (("all, 2016-2025", Filters(years=(2016, 2025))),
                         ("one municipality", Filters(kommune=150, years=(2016, 2025)))):
            print(f"\n== national scale: {label}")
            compare(url, cases(f, a=_first_intervention(url, f, "sdq_total")))


if __name__ == "__main__":
    main()
