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
import datetime as dt
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.harness import compare
from data import derived, schema as s
from data.db import migrate
from queries import effekt as q
from queries.filters import Filters, Scope

HERE = Path(__file__).resolve().parent
NATIONAL_SQLITE = HERE / "effekt_national.db"
DEMO_URL = f"sqlite:///{HERE.parent / 'data' / 'indblik.db'}"
METHODS = [("LØFT", "sdq_total"), ("Signs of Safety", "sos_skala"), ("mellemform", "sdq_total"),
           ("forældrekursus", "sdq_total"), ("PPR-sparring", "ors"), ("LØFT", "sdq_total"),
           ("PPR-sparring", "ors"), ("forældrekursus", "ors"), ("Signs of Safety", "sos_skala"), ("LØFT", "sdq_total")]
PARAMS = {"sdq_total": (17.0, 5.8, False), "ors": (23.0, 7.0, True), "sos_skala": (4.0, 2.0, True)}


# --- national-scale generator -------------------------------------------------------------------
def _load(conn: sa.Connection, table: sa.Table, rows: dict[str, np.ndarray]) -> None:
    """Bulk-load columns: COPY on PostgreSQL, executemany in large batches on SQLite."""
    cols = list(rows)
    n = len(rows[cols[0]])
    py = [[None if (isinstance(v, float) and np.isnan(v)) else v for v in
           (rows[c].tolist() if isinstance(rows[c], np.ndarray) else rows[c])] for c in cols]
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as cp:
            for i in range(n):
                cp.write_row([col[i] for col in py])
        return
    stmt = table.insert()
    for start in range(0, n, 50_000):
        conn.execute(stmt, [{c: py[j][i] for j, c in enumerate(cols)} for i in range(start, min(n, start + 50_000))])


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
        _load(conn, s.child, {"id": child, "birth_year": birth, "gender": gender})
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
        end = start + rng.integers(90, 330, n).astype("timedelta64[D]")
        ended = end <= np.datetime64("2025-11-30")
        _load(conn, s.participation, {"id": child, "intervention_id": p_iv, "child_id": child,
                                      "start_date": [dt.date.fromisoformat(str(d)) for d in start],
                                      "end_date": [dt.date.fromisoformat(str(d)) if e else None for d, e in zip(end, ended)]})
        codes = np.array([c for _, c in iv_method])[p_iv - 1]
        mean = np.array([PARAMS[c][0] for c in codes])
        sd = np.array([PARAMS[c][1] for c in codes])
        sign = np.array([1.0 if PARAMS[c][2] else -1.0 for c in codes])
        pre = np.clip(np.round(rng.normal(mean, sd)), 0, 40)
        post = np.clip(np.round(pre + sign * rng.normal(0.3, 0.5, n) * sd), 0, 40)
        has_pre = rng.random(n) < 0.95
        has_post = ended & (rng.random(n) < 0.8)
        m_pid = np.concatenate([child[has_pre], child[has_post]])
        _load(conn, s.measurement, {
            "participation_id": m_pid, "instrument_code": np.concatenate([codes[has_pre], codes[has_post]]),
            "timepoint": ["foer"] * int(has_pre.sum()) + ["efter"] * int(has_post.sum()),
            "measured_on": [dt.date.fromisoformat(str(d)) for d in np.concatenate([start[has_pre], end[has_post]])],
            "score": np.concatenate([pre[has_pre], post[has_post]])})
        k = rng.integers(1, 4, n)
        g_pid = np.repeat(child, k)
        gas_mode = np.repeat(np.isin(p_iv % len(METHODS), [1, 4, 6, 9, 0]), k)
        g_ended = np.repeat(ended, k)
        score = np.clip(np.round(rng.normal(0.2, 0.9, len(g_pid))), -2, 2)
        u = rng.random(len(g_pid))
        _load(conn, s.goal, {
            "participation_id": g_pid, "description": ["Mål"] * len(g_pid),
            "weight": np.where(rng.random(len(g_pid)) < 0.2, 2.0, 1.0),
            "gas_score": [int(v) if ok else None for v, ok in zip(score, gas_mode & g_ended)],
            "outcome": np.where(~gas_mode & g_ended, np.where(u < 0.4, "opnaaet", np.where(u < 0.8, "delvist", "ikke")),
                                None).astype(object)})
        derived.refresh_effekt(conn)
    with eng.begin() as conn:
        conn.execute(sa.text("ANALYZE"))  # fresh bulk loads need planner statistics (PostgreSQL especially)
    with eng.connect() as conn:
        counts = {t: conn.execute(sa.select(sa.func.count()).select_from(getattr(s, t))).scalar()
                  for t in ("participation", "measurement", "goal", "placement_snapshot")}
    eng.dispose()
    return counts


# --- the naive path: pull child rows, aggregate in pandas -------------------------------------
def _naive_rows(conn, filters: Filters, code: str) -> pd.DataFrame:
    p, i, m, snap, inst = s.participation, s.intervention, s.measurement, s.placement_snapshot, s.institution
    sql = (sa.select(p.c.id, p.c.child_id, p.c.intervention_id, i.c.name, i.c.method, p.c.start_date, p.c.end_date,
                     m.c.timepoint, m.c.score, snap.c.school_year, snap.c.institution_id, inst.c.municipality_kode)
           .select_from(p.join(i, i.c.id == p.c.intervention_id)
                        .outerjoin(m, sa.and_(m.c.participation_id == p.c.id, m.c.instrument_code == code))
                        .outerjoin(snap, snap.c.child_id == p.c.child_id)
                        .outerjoin(inst, inst.c.id == snap.c.institution_id))
           .where(i.c.instrument_code == code))
    df = pd.read_sql(sql, conn)
    start = pd.to_datetime(df["start_date"])
    df["start_year"] = start.dt.year - (start.dt.month < 8)
    df = df[df["school_year"].isna() | (df["school_year"] == df["start_year"])]
    if filters.kommune is not None:
        df = df[df["municipality_kode"] == filters.kommune]
    if filters.year_from is not None:
        df = df[df["start_year"].between(filters.year_from, filters.year_to or 9999)]
    return df


def naive_overview_and_change(conn, filters: Filters, code: str) -> pd.DataFrame:
    df = _naive_rows(conn, filters, code)
    keys = df.groupby("id")[["intervention_id", "child_id", "end_date"]].first()
    scores = df.dropna(subset=["timepoint"]).groupby(["id", "timepoint"])["score"].mean().unstack()
    wide = keys.join(scores).reset_index()
    for tp in ("foer", "efter"):
        if tp not in wide:
            wide[tp] = np.nan
    wide["paired"] = wide["foer"].notna() & wide["efter"].notna()
    wide["d"] = wide["efter"] - wide["foer"]
    return wide.groupby("intervention_id").agg(n_started=("id", "size"), n_children=("child_id", "nunique"),
                                               n_before=("foer", "count"), n_after=("efter", "count"),
                                               n_paired=("paired", "sum"), mean_pre=("foer", "mean"),
                                               mean_post=("efter", "mean"), change=("d", "mean"), sd=("d", "std"))


def naive_goals(conn, filters: Filters, code: str) -> pd.DataFrame:
    g = s.goal
    rows = _naive_rows(conn, filters, code)[["id", "intervention_id"]].drop_duplicates()
    goals = pd.read_sql(sa.select(g.c.participation_id, g.c.gas_score, g.c.outcome, g.c.weight), conn)
    df = goals.merge(rows, left_on="participation_id", right_on="id")
    return df.groupby("intervention_id").agg(n=("participation_id", "nunique"), gas=("gas_score", "mean"))


def cases(filters: Filters, code: str = "sdq_total"):
    sc = Scope.everything()
    return [
        ("overview (indsatser, frafald)", lambda c: q.overview(c, filters, sc, code),
         lambda c: naive_overview_and_change(c, filters, code)),
        ("change (forest)", lambda c: q.change(c, filters, sc, code), None),
        ("reliable change", lambda c: q.reliable_change(c, filters, sc, code), None),
        ("goals (GAS T)", lambda c: q.goals(c, filters, sc, code), lambda c: naive_goals(c, filters, code)),
        ("cohorts", lambda c: q.cohorts(c, filters, sc, code), None),
        ("compare vs rest", lambda c: q.compare(c, filters, sc, code, 1), None),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--demo-only", action="store_true")
    ap.add_argument("--national-only", action="store_true")
    ap.add_argument("--demo-url", default=DEMO_URL, help="the demo database (default data/indblik.db)")
    args = ap.parse_args()
    for label, f in (() if args.national_only else (("all, 2016-2025", Filters(year_from=2016, year_to=2025)),
                                                     ("one municipality", None))):
        if f is None:
            with sa.create_engine(args.demo_url).connect() as c:
                f = Filters(kommune=int(c.execute(sa.select(sa.func.min(s.municipality.c.kode))).scalar()),
                            year_from=2016, year_to=2025)
        print(f"\n== demo scale: {label}")
        compare(args.demo_url, cases(f))
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
        for label, f in (("all, 2016-2025", Filters(year_from=2016, year_to=2025)),
                         ("one municipality", Filters(kommune=150, year_from=2016, year_to=2025))):
            print(f"\n== national scale: {label}")
            compare(url, cases(f))


if __name__ == "__main__":
    main()
