"""National-scale placements for the benchmarks: ~1,000,000 children in 98 municipalities with school
placements over ten school years (2016/17-2025/26), generated with numpy and bulk-loaded natively.

    python -m bench.national [--sqlite PATH] [--postgres URL] [--children N] [--seed S]

Writes a migrated database (SQLite file, default /tmp/indblik_national.db, and/or a PostgreSQL URL
whose tables must be empty), then runs data.derived (placement_snapshot and the Overgange summary
tables) inside the database, and prints how long each step took. Synthetic; nothing real.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import sqlalchemy as sa

from data import derived
from data import schema as s
from data.db import migrate
from data.demo import bulk_insert

YEARS = np.arange(2016, 2026)
N_MUN, SCHOOLS, DISTRICTS, DAGTILBUD = 98, 15, 4, 3
SPECIAL = ("mellemform", "specialklasse", "specialskole", "dagbehandling")
FORMS = ("almen",) + SPECIAL
ENTRY_P = np.array([0.30, 0.32, 0.28, 0.10])          # form chosen on entry into special provision
RETURN_P = np.array([0.0, 0.10, 0.045, 0.025, 0.07])  # per year, by current form


def organisation():
    """Municipalities, districts and institutions as row dicts plus lookup arrays."""
    muns = [dict(kode=101 + i, name=f"Kommune {i + 1:02d}") for i in range(N_MUN)]
    districts, inst = [], []
    for m in range(N_MUN):
        for d in range(DISTRICTS):
            districts.append(dict(id=len(districts) + 1, municipality_kode=101 + m, name=f"Distrikt {d + 1}"))
    for m in range(N_MUN):
        d0 = m * DISTRICTS + 1
        for k in range(SCHOOLS):
            inst.append(dict(name=f"Skole {m + 1}-{k + 1}", municipality_kode=101 + m, district_id=d0 + k % DISTRICTS,
                             kind="skole", provision="almen", special_form=None))
        for form in SPECIAL:
            inst.append(dict(name=f"{form.capitalize()} {m + 1}", municipality_kode=101 + m, district_id=d0,
                             kind="skole", provision="special", special_form=form))
        for k in range(DAGTILBUD):
            inst.append(dict(name=f"Dagtilbud {m + 1}-{k + 1}", municipality_kode=101 + m, district_id=d0 + k,
                             kind="dagtilbud", provision="almen", special_form=None))
    for i, row in enumerate(inst):
        row["id"] = i + 1
        row["institutionsnummer"] = None
    per = SCHOOLS + len(SPECIAL) + DAGTILBUD
    school_id = lambda m, k: m * per + k + 1                      # noqa: E731
    special_id = lambda m, f: m * per + SCHOOLS + f               # noqa: E731  (f = 1..4)
    dagtilbud_id = lambda m, k: m * per + SCHOOLS + len(SPECIAL) + k + 1  # noqa: E731
    return muns, districts, inst, school_id, special_id, dagtilbud_id


def simulate(n: int, seed: int):
    """Children and their placement episodes (columnar numpy arrays)."""
    rng = np.random.default_rng(seed)
    _, _, _, school_id, special_id, dagtilbud_id = organisation()
    birth = rng.integers(2001, 2020, n)
    mun = rng.integers(0, N_MUN, n)
    girl = rng.random(n) < 0.5
    home = school_id(mun, rng.integers(0, SCHOOLS, n))
    boost = np.where(girl, 0.6, 1.4) * np.exp(rng.normal(0, 0.4, n))
    arrive = np.where(rng.random(n) < 0.10, rng.integers(2017, 2026, n), 0)   # moves in that year
    leave = np.where(rng.random(n) < 0.12, rng.integers(2017, 2026, n), 9999)  # gone from that year
    ny = len(YEARS)
    form = np.zeros((n, ny), dtype=np.int8)
    inst = np.full((n, ny), -1, dtype=np.int64)
    cur = np.zeros(n, dtype=np.int8)
    cur_inst = home.copy()
    started = np.zeros(n, dtype=bool)
    for j, y in enumerate(YEARS):
        g = y - birth - 6
        active = (g >= 0) & (g <= 9) & (y >= arrive) & (y < leave) & ~((g >= 1) & (rng.random(n) < 0.003))
        new = active & ~started
        cont = active & started
        r = rng.random(n)
        # first year here: a few start in special provision
        sp_new = new & (r < 0.012 * boost)
        cur[new] = 0
        cur[sp_new] = 1 + rng.choice(4, sp_new.sum(), p=ENTRY_P)
        # continuing: entry, return, escalation
        enter = cont & (cur == 0) & (r < 0.011 * boost)
        back = cont & (cur > 0) & (r < RETURN_P[cur])
        esc = cont & (cur > 0) & ~back & (cur < 3) & (rng.random(n) < 0.06)
        cur[enter] = 1 + rng.choice(4, enter.sum(), p=ENTRY_P)
        cur[back] = 0
        cur[esc] += 1
        cur_inst = np.where(cur == 0, home, special_id(mun, cur))
        form[active, j] = cur[active]
        inst[active, j] = cur_inst[active]
        started |= active
    # school episodes: runs of equal (institution, form) along the years
    key = np.where(inst >= 0, inst * 8 + form, -1)
    prev = np.concatenate([np.full((n, 1), -2), key[:, :-1]], axis=1)
    nxt = np.concatenate([key[:, 1:], np.full((n, 1), -2)], axis=1)
    si, sj = np.nonzero((key >= 0) & (key != prev))
    ei, ej = np.nonzero((key >= 0) & (key != nxt))
    start = np.array([f"{y}-08-01" for y in range(2016, 2026)], dtype="datetime64[D]")[sj]
    end = np.array([f"{y + 1}-06-30" for y in range(2016, 2026)], dtype="datetime64[D]")[ej]
    end = np.where(YEARS[ej] == 2025, np.datetime64("NaT"), end)
    forms = np.array(FORMS)
    school = dict(child=si, inst=inst[si, sj], form=forms[form[si, sj]], start=start, end=end)
    # the two dagtilbud years before 0. klasse, for children starting school from 2016/17
    first = birth + 6
    dt = np.flatnonzero((first >= 2016) & (first <= 2025) & (arrive <= first))
    dag = dict(child=dt, inst=dagtilbud_id(mun[dt], rng.integers(0, DAGTILBUD, len(dt))),
               form=np.full(len(dt), "almen"),
               start=(first[dt] - 2 - 1970).astype("datetime64[Y]").astype("datetime64[D]") + np.timedelta64(212, "D"),
               end=(first[dt] - 1970).astype("datetime64[Y]").astype("datetime64[D]") + np.timedelta64(211, "D"))
    pl = {k: np.concatenate([school[k], dag[k]]) for k in school}
    children = dict(id=np.arange(1, n + 1), birth_year=birth, gender=np.where(girl, "pige", "dreng"))
    placements = dict(id=np.arange(1, len(pl["child"]) + 1), child_id=pl["child"] + 1, institution_id=pl["inst"],
                      provision_form=pl["form"], start_date=pl["start"], end_date=pl["end"])
    return children, placements


def load(url: str, children, placements) -> dict:
    engine = sa.create_engine(url)
    migrate(engine)
    muns, districts, inst, *_ = organisation()
    timings = {}
    with engine.begin() as conn:
        t = time.perf_counter()
        bulk_insert(conn, s.municipality, ["kode", "name"], [(r["kode"], r["name"]) for r in muns])
        bulk_insert(conn, s.district, ["id", "municipality_kode", "name"], [tuple(r.values()) for r in districts])
        cols = ["id", "institutionsnummer", "name", "municipality_kode", "district_id", "kind", "provision", "special_form"]
        bulk_insert(conn, s.institution, cols, [tuple(r[c] for c in cols) for r in inst])
        children["record_key"] = np.random.default_rng(31).integers(0, s.RECORD_KEY_SPACE, len(children["id"]))
        bulk_insert(conn, s.child, ["id", "birth_year", "gender", "record_key"], children)  # keys: the cell-key method
        bulk_insert(conn, s.placement, list(placements), placements)
        seg = np.linspace(0.045, 0.056, len(YEARS))
        bulk_insert(conn, s.benchmark, ["kind", "measure_code", "school_year", "municipality_kode", "value", "source"],
                    [("landstal", "inklusionsgrad", int(y), None, float(1 - v), "syntetisk") for y, v in zip(YEARS, seg)])
        timings["bulk load"] = time.perf_counter() - t
        t = time.perf_counter()
        derived.refresh_placement_snapshots(conn, [int(y) for y in YEARS], (9, 5))
        timings["placement_snapshot"] = time.perf_counter() - t
        t = time.perf_counter()
        derived.refresh_overgange(conn)
        timings["overgange summaries"] = time.perf_counter() - t
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    engine.dispose()
    return timings


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.national", description=__doc__.splitlines()[0])
    ap.add_argument("--sqlite", default="/tmp/indblik_national.db")
    ap.add_argument("--postgres", default=None, help="SQLAlchemy URL of an empty PostgreSQL database/schema")
    ap.add_argument("--children", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    children, placements = simulate(args.children, args.seed)
    print(f"simulated {args.children:,} children, {len(placements['id']):,} placements in {time.perf_counter() - t:.1f} s")
    targets = ([f"sqlite:///{args.sqlite}"] if args.sqlite else []) + ([args.postgres] if args.postgres else [])
    for url in targets:
        timings = load(url, children, placements)
        print(sa.make_url(url).render_as_string(hide_password=True), {k: f"{v:.1f} s" for k, v in timings.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
