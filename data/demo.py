"""Deterministic synthetic demo data for Indblik (five municipalities, school years 2016/17-2025/26).

`generate(conn, seed, scale)` fills an EMPTY, migrated database through the caller's connection
and transaction and returns the number of rows per table. The same seed and scale always give
the same database. Everything is synthetic: no real children, no names, no CPR numbers.

    python -m data.demo [--database-url URL] [--scale X] [--seed N]

What is modelled (see the README of the brief in DESIGN.md):
- organisation: municipalities, 4 districts each, 10-20 ordinary schools (1-2 small ones), every
  special form, dagtilbud, SFO/BFO, klubber and an ungdomsskole;
- children born 1998-2025 and their placement episodes: dagtilbud from about age 1, school from
  the August they turn 6 until 9. klasse, moves into and out of the municipality, a few gap
  years, entry into special provision (mostly 1.-6. klasse, boys about twice as often, varying by
  municipality and school, rising over the years), returns to almen and escalation between forms;
- the trivselsmåling for 0.-3. and 4.-9. klasse, answered by ~85% of the pupils on the count date
  (anonymous: no child id), with national-level indicator means and realistic differences;
- interventions with participations, before/after/follow-up measurements and GAS goals;
- pejlemærker, national benchmarks (synthetic) and one import_batch row.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from collections.abc import Iterable, Mapping

import numpy as np
import sqlalchemy as sa
from scipy.special import ndtr

from data import demo_content as content
from data import schema as s

DEFAULT_SEED = 20261123
FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR = 1998, 2025
FIRST_SIM_YEAR = 2004            # 0. klasse of the 1998 cohort
SURVEY_YEARS = list(range(2016, 2026))
LAST_YEAR = 2025                 # 2025/26 is the current school year
AS_OF = np.datetime64("2026-01-15")   # the data's "today": later end dates are unknown (NULL)
COUNT_MONTH_DAY = (9, 5)         # as data.config default (FLIS: 5 September)
IMPORTED_AT = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.timezone.utc)  # fixed: same seed -> same DB
BATCH = 50_000

FORMS = ("almen", "mellemform", "specialklasse", "specialskole", "dagbehandling")  # school states
ALMEN, MELLEM, SPKL, SPSK, DAGB = range(5)
NAT = np.datetime64("NaT")

__all__ = ["generate", "bulk_insert", "main"]


# --------------------------------------------------------------------------------------------
# bulk loading
# --------------------------------------------------------------------------------------------
def _column_lists(table: sa.Table, columns: list[str], data, for_driver: bool) -> list[list]:
    """Columnar data (mapping column -> array/list) as Python lists; dates as ISO text for the
    raw SQLite driver, as datetime.date otherwise; NaT/NaN -> None."""
    out = []
    for col in columns:
        arr = data[col]
        if isinstance(arr, np.ndarray):
            if arr.dtype.kind == "M":
                if for_driver:
                    txt = np.datetime_as_string(arr.astype("datetime64[D]"), unit="D").astype(object)
                    txt[np.isnat(arr)] = None
                    out.append(txt.tolist())
                else:
                    out.append(arr.astype("datetime64[D]").astype(object).tolist())
            elif arr.dtype.kind == "f" and isinstance(table.c[col].type, sa.Integer):
                obj = arr.astype(object)
                obj[np.isnan(arr)] = None
                out.append([None if v is None else int(v) for v in obj.tolist()])
            elif arr.dtype.kind == "f":
                obj = arr.astype(object)
                obj[np.isnan(arr)] = None
                out.append(obj.tolist())
            else:
                out.append(arr.tolist())
        else:
            out.append(list(arr))
    return out


def bulk_insert(conn: sa.Connection, table: sa.Table, columns: list[str],
                rows: Mapping[str, Iterable] | Iterable[tuple], batch: int = BATCH) -> int:
    """Insert many rows natively and return how many.

    `rows` is either columnar (a mapping column -> numpy array or list, all of equal length) or
    an iterable of tuples in `columns` order. PostgreSQL: psycopg COPY. SQLite: the driver's
    executemany in batches of `batch` (no per-row SQLAlchemy processing). Other dialects:
    ``conn.execute(table.insert(), list_of_dicts)`` in batches.
    """
    dialect = conn.dialect.name
    if isinstance(rows, Mapping):
        lists = _column_lists(table, columns, rows, for_driver=dialect == "sqlite")
        tuples: Iterable[tuple] = zip(*lists)
        total = len(lists[0]) if lists else 0
    else:
        tuples = list(rows)
        total = len(tuples)
    if total == 0:
        return 0
    if dialect == "postgresql":
        raw = conn.connection.driver_connection
        cols = ", ".join(columns)
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as cp:
            for row in tuples:
                cp.write_row(row)
        return total
    if dialect == "sqlite":
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        it = iter(tuples)
        while True:
            chunk = list(_take(it, batch))
            if not chunk:
                break
            conn.exec_driver_sql(sql, chunk)
        return total
    it = iter(tuples)
    while True:
        chunk = [dict(zip(columns, row)) for row in _take(it, batch)]
        if not chunk:
            break
        conn.execute(table.insert(), chunk)
    return total


def _take(it, n):
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return


def _reset_sequences(conn: sa.Connection) -> None:
    """After explicit ids on PostgreSQL, move each serial sequence past max(id)."""
    if conn.dialect.name != "postgresql":
        return
    for table in s.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and isinstance(table.c.id.type, sa.Integer):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _date_table(month: int, day: int):
    table = np.array([np.datetime64(f"{y}-{month:02d}-{day:02d}") for y in range(1990, 2060)])
    return lambda years: table[np.asarray(years) - 1990]


aug1 = _date_table(8, 1)
jun30 = _date_table(6, 30)
jul31 = _date_table(7, 31)
count_day = _date_table(*COUNT_MONTH_DAY)
jan1 = _date_table(1, 1)


def _days(x):
    return np.asarray(x).astype("timedelta64[D]")


# --------------------------------------------------------------------------------------------
# organisation
# --------------------------------------------------------------------------------------------
class Org:
    """Municipalities, districts and institutions as parallel numpy arrays (index = id - 1)."""

    def __init__(self, rng: np.random.Generator):
        self.mun_codes = list(content.MUNICIPALITIES)
        self.districts: list[dict] = []
        inst: list[dict] = []
        self.mun_districts: dict[int, list[int]] = {}
        nr_counter = 0
        for m_idx, kode in enumerate(self.mun_codes):
            mun_name = content.MUNICIPALITIES[kode][0]
            d_ids = []
            schools_by_district: dict[int, list[int]] = {}
            for d_name, schools in content.DISTRICTS[kode].items():
                d_id = len(self.districts) + 1
                self.districts.append(dict(id=d_id, municipality_kode=kode, name=d_name))
                d_ids.append(d_id)
                schools_by_district[d_id] = []
                for raw in schools:
                    small = raw.endswith("*")
                    nr_counter += 1
                    inst.append(dict(name=raw.rstrip("*"), municipality_kode=kode, district_id=d_id,
                                     kind="skole", provision="almen", special_form=None,
                                     institutionsnummer=f"{280000 + m_idx * 1000 + nr_counter:06d}",
                                     small=small))
                    schools_by_district[d_id].append(len(inst))
            self.mun_districts[kode] = d_ids
            # special schools with their own number
            sp = content.SPECIAL_SCHOOLS[kode]
            for form in ("specialskole", "dagbehandling"):
                for name in sp[form]:
                    nr_counter += 1
                    inst.append(dict(name=name, municipality_kode=kode, district_id=int(rng.choice(d_ids)),
                                     kind="skole", provision="special", special_form=form,
                                     institutionsnummer=f"{280000 + m_idx * 1000 + nr_counter:06d}"))
            # mellemform and specialklasse units at the largest school of 1-2 districts
            n_units = 2 if len(schools_by_district) >= 4 and content.MUNICIPALITIES[kode][1] >= 280 else 1
            for form, pattern, offset in (("mellemform", "Mellemformen på {s}", 0),
                                          ("specialklasse", "Specialklasserne på {s}", 1)):
                for k in range(n_units + (1 if form == "mellemform" else 0)):
                    d_id = d_ids[(k + offset) % len(d_ids)]
                    host = inst[schools_by_district[d_id][0] - 1]["name"]
                    inst.append(dict(name=pattern.format(s=host), municipality_kode=kode, district_id=d_id,
                                     kind="skole", provision="special", special_form=form,
                                     institutionsnummer=None))
            for name in sp["specialdagtilbud"]:
                inst.append(dict(name=name, municipality_kode=kode, district_id=d_ids[0], kind="dagtilbud",
                                 provision="special", special_form="specialdagtilbud", institutionsnummer=None))
            n_dt = int(np.clip(round(content.MUNICIPALITIES[kode][1] / 30) + 2, 8, 15))
            names = rng.permutation(content.DAGTILBUD_NAMES)[:n_dt]
            for k, name in enumerate(names):
                inst.append(dict(name=str(name), municipality_kode=kode, district_id=d_ids[k % len(d_ids)],
                                 kind="dagtilbud", provision="almen", special_form=None, institutionsnummer=None))
            for k in range(int(rng.integers(2, 4))):
                d_id = d_ids[k % len(d_ids)]
                host = inst[schools_by_district[d_id][0] - 1]["name"]
                pattern = content.SFO_NAMES[1] if kode == 151 else content.SFO_NAMES[0]
                inst.append(dict(name=pattern.format(school=host), municipality_kode=kode, district_id=d_id,
                                 kind="sfo_bfo", provision="almen", special_form=None, institutionsnummer=None))
            for k in range(int(rng.integers(2, 5))):
                inst.append(dict(name=f"{content.KLUB_NAMES[k]} {mun_name}", municipality_kode=kode,
                                 district_id=d_ids[k % len(d_ids)], kind="klub", provision="almen",
                                 special_form=None, institutionsnummer=None))
            inst.append(dict(name=content.UNGDOMSSKOLE_NAME.format(municipality=mun_name), municipality_kode=kode,
                             district_id=d_ids[0], kind="ungdomsskole", provision="almen", special_form=None,
                             institutionsnummer=None))
        for i, row in enumerate(inst):
            row["id"] = i + 1
        self.inst = inst
        n = len(inst)
        self.i_mun = np.array([self.mun_codes.index(r["municipality_kode"]) for r in inst])
        self.i_district = np.array([r["district_id"] for r in inst])
        self.i_kind = np.array([r["kind"] for r in inst])
        self.i_form = np.array([r["special_form"] or "almen" for r in inst])
        self.i_small = np.array([r.get("small", False) for r in inst])
        self.n = n

    def ids(self, m_idx: int, kind: str, form: str) -> np.ndarray:
        return np.flatnonzero((self.i_mun == m_idx) & (self.i_kind == kind) & (self.i_form == form)) + 1


# --------------------------------------------------------------------------------------------
# children and placements
# --------------------------------------------------------------------------------------------
def _children(rng, org: Org, scale: float):
    mun, by = [], []
    for m_idx, kode in enumerate(org.mun_codes):
        cohort = content.MUNICIPALITIES[kode][1] * scale
        for year in range(FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR + 1):
            n = max(1, int(round(cohort * rng.uniform(0.93, 1.07))))
            mun.append(np.full(n, m_idx))
            by.append(np.full(n, year))
    mun = np.concatenate(mun)
    by = np.concatenate(by)
    n = len(mun)
    girl = rng.random(n) < 0.5
    birth = jan1(by) + _days(rng.integers(0, 365, n))
    return dict(n=n, mun=mun, by=by, girl=girl, birth=birth)


def _simulate(rng, org: Org, ch: dict, scale: float):
    """Simulate placements. Returns (placement columns, school state matrices, extra info)."""
    n = ch["n"]
    mun, by, girl = ch["mun"], ch["by"], ch["girl"]
    n_mun = len(org.mun_codes)

    # --- home school: small schools get ~10 pupils per grade, the rest by size weights
    home = np.zeros(n, dtype=np.int64)
    school_mult = np.ones(org.n + 1)            # "some schools send more"
    for m_idx, kode in enumerate(org.mun_codes):
        schools = org.ids(m_idx, "skole", "almen")
        small = org.i_small[schools - 1]
        cohort = content.MUNICIPALITIES[kode][1] * scale
        w = rng.uniform(0.6, 1.6, len(schools))
        p = np.where(small, 0.0, w)
        small_share = min(10.0 / max(cohort, 1.0), 0.25)
        p = p / p.sum() * (1 - small_share * small.sum())
        p[small] = small_share
        idx = np.flatnonzero(mun == m_idx)
        home[idx] = rng.choice(schools, size=len(idx), p=p / p.sum())
        school_mult[schools] = np.exp(rng.normal(0, 0.33, len(schools)))
    late = rng.random(n) < np.where(girl, 0.012, 0.03)
    first_school_year = by + 6 + late

    # --- presence in the municipality: moves in (after birth) and out
    arrive = ch["birth"].copy()
    moved_in = rng.random(n) < 0.28
    arrive[moved_in] = jan1(by[moved_in] + rng.integers(1, 16, moved_in.sum())) + _days(rng.integers(0, 365, moved_in.sum()))
    leave = np.full(n, np.datetime64("2100-01-01"))
    moves_out = rng.random(n) < 0.27
    leave[moves_out] = jan1(by[moves_out] + rng.integers(2, 17, moves_out.sum())) + _days(rng.integers(0, 365, moves_out.sum()))
    leave = np.where(leave <= arrive + np.timedelta64(200, "D"), np.datetime64("2100-01-01"), leave)

    years = np.arange(FIRST_SIM_YEAR, LAST_YEAR + 1)
    ny = len(years)
    mun_mult = np.array([content.MUNICIPALITIES[k][2] for k in org.mun_codes])
    year_mult = np.interp(years, [2004, 2012, 2016, 2025], [0.8, 0.85, 0.9, 1.4])
    base = np.array([0.0, 0.0050, 0.0075, 0.0095, 0.0105, 0.0105, 0.0095, 0.0075, 0.0050, 0.0025])
    gender_mult = np.where(girl, 0.56, 1.44)
    child_mult = gender_mult * mun_mult[mun] * school_mult[home] * np.exp(rng.normal(0, 0.5, n))
    # specialdagtilbud before school: ~1% (boys more); half of them start school in special provision
    sdt = rng.random(n) < np.where(girl, 0.006, 0.014)

    form = np.full(n, ALMEN)
    inst = home.copy()
    started = np.zeros(n, dtype=bool)
    state = np.full((n, ny), -1, dtype=np.int64)      # institution id, -1 = not in school
    fstate = np.full((n, ny), -1, dtype=np.int8)      # form index
    change = np.full((n, ny), NAT, dtype="datetime64[D]")  # date the state of year y began, if changed
    grade = years[None, :] - first_school_year[:, None]

    special_ids = {f: [org.ids(m, "skole", FORMS[f]) for m in range(n_mun)] for f in (MELLEM, SPKL, SPSK, DAGB)}
    almen_ids = [org.ids(m, "skole", "almen") for m in range(n_mun)]
    district_of = org.i_district

    def pick_special(rows, f):
        out = np.empty(len(rows), dtype=np.int64)
        for m in range(n_mun):
            sel = mun[rows] == m
            if not sel.any():
                continue
            cand = special_ids[f][m]
            if f in (MELLEM, SPKL) and len(cand) > 1:
                # prefer a unit in the child's home district
                same = district_of[cand - 1][None, :] == district_of[home[rows[sel]] - 1][:, None]
                w = np.where(same, 4.0, 1.0)
                u = rng.random(sel.sum())[:, None] * w.sum(1, keepdims=True)
                out[sel] = cand[np.minimum((np.cumsum(w, 1) < u).sum(1), len(cand) - 1)]
            else:
                out[sel] = cand[rng.integers(0, len(cand), sel.sum())]
        return out

    for j, y in enumerate(years):
        g = grade[:, j]
        cd = count_day(y)
        present = (arrive <= cd) & (leave > cd)
        in_school = (g >= 0) & (g <= 9)
        gap = in_school & (g >= 1) & (g <= 8) & (rng.random(n) < 0.003)
        active = in_school & present & ~gap
        new = active & ~started
        cont = active & started
        prev_form = form.copy()
        prev_inst = inst.copy()

        # first year in school here (0. klasse or moved in)
        nn = np.flatnonzero(new)
        if len(nn):
            p_sp = np.where(sdt[nn], 0.5, 0.002 * child_mult[nn] + 0.0035 * np.clip(g[nn], 0, 9) * child_mult[nn] * year_mult[j])
            sp = rng.random(len(nn)) < p_sp
            f = np.where(sp, rng.choice([MELLEM, SPKL, SPSK, DAGB], len(nn), p=[0.25, 0.3, 0.35, 0.1]), ALMEN)
            form[nn] = f
            inst[nn] = home[nn]
        # continuing: entry, return, escalation, change of ordinary school
        cc = np.flatnonzero(cont)
        if len(cc):
            gc = np.clip(g[cc], 0, 9)
            fa = form[cc]
            r = rng.random(len(cc))
            h = base[gc] * child_mult[cc] * year_mult[j]
            enter = (fa == ALMEN) & (r < h)
            older = gc >= 6
            p_new = np.where(older[:, None], [0.25, 0.30, 0.28, 0.17], [0.35, 0.33, 0.25, 0.07])
            u = rng.random(len(cc))[:, None]
            new_form = np.array([MELLEM, SPKL, SPSK, DAGB])[(np.cumsum(p_new, 1) < u).sum(1).clip(0, 3)]
            ret_p = np.select([fa == MELLEM, fa == SPKL, fa == SPSK, fa == DAGB], [0.10, 0.045, 0.025, 0.07], 0.0)
            ret = (fa != ALMEN) & (r < ret_p)
            esc_p = np.select([fa == MELLEM, fa == SPKL, fa == DAGB], [0.10, 0.06, 0.06], 0.0)
            r2 = rng.random(len(cc))
            esc = (fa != ALMEN) & ~ret & (r2 < esc_p)
            esc_to = np.select([fa == MELLEM, fa == SPKL], [SPKL, SPSK], SPSK)
            fa2 = fa.copy()
            fa2[enter] = new_form[enter]
            fa2[ret] = ALMEN
            fa2[esc] = esc_to[esc]
            form[cc] = fa2
            # moving school within the municipality (some at the start of udskoling)
            move = (fa2 == ALMEN) & (fa == ALMEN) & (rng.random(len(cc)) < np.where(gc == 7, 0.05, 0.015))
            mv = cc[move]
            for m in range(n_mun):
                sel = mv[mun[mv] == m]
                if len(sel):
                    home[sel] = almen_ids[m][rng.integers(0, len(almen_ids[m]), len(sel))]
            # returning children go back to the home school (20% to another ordinary school)
            rr = cc[ret]
            other = rng.random(len(rr)) < 0.2
            for m in range(n_mun):
                sel = rr[other & (mun[rr] == m)]
                if len(sel):
                    home[sel] = almen_ids[m][rng.integers(0, len(almen_ids[m]), len(sel))]
        act = np.flatnonzero(active)
        is_almen = form[act] == ALMEN
        inst[act[is_almen]] = home[act[is_almen]]
        # special: keep the institution when the form is unchanged, else pick one
        sp_rows = act[~is_almen]
        need = sp_rows[(prev_form[sp_rows] != form[sp_rows]) | new[sp_rows] | (inst[sp_rows] == home[sp_rows])]
        for f in (MELLEM, SPKL, SPSK, DAGB):
            rows = need[form[need] == f]
            if len(rows):
                inst[rows] = pick_special(rows, f)
        state[act, j] = inst[act]
        fstate[act, j] = form[act]
        # when did a changed state begin: 1 August (65%) or mid-year before the count date
        changed = cont & ((inst != prev_inst) | (form != prev_form))
        ch_rows = np.flatnonzero(changed)
        mid = rng.random(len(ch_rows)) < 0.35
        mid_date = np.datetime64(f"{y - 1}-10-15") + _days(rng.integers(0, 198, len(ch_rows)))
        change[ch_rows, j] = np.where(mid, mid_date, aug1(np.full(len(ch_rows), y)))
        started |= active

    # --- school episodes: runs of equal state along the year axis
    key = state * 8 + np.where(fstate < 0, 0, fstate)
    prev_key = np.concatenate([np.full((n, 1), -9), key[:, :-1]], axis=1)
    next_key = np.concatenate([key[:, 1:], np.full((n, 1), -9)], axis=1)
    run_start = (key >= 0) & (key != prev_key)
    run_end = (key >= 0) & (key != next_key)
    si, sj = np.nonzero(run_start)            # row-major: child, then year (sorted)
    ei, ej = np.nonzero(run_end)
    assert len(si) == len(ei)
    ys, ye = years[sj], years[ej]
    cont_prev = (sj > 0) & (prev_key[si, sj] >= 0)
    first_day = np.maximum(aug1(ys), arrive[si])
    first_day = np.where(grade[si, sj] == 0, np.maximum(aug1(ys), arrive[si]), first_day)
    start = np.where(cont_prev, change[si, sj], first_day)
    cont_next = (ej < ny - 1) & (next_key[ei, ej] >= 0)
    nxt_change = change[ei, np.minimum(ej + 1, ny - 1)]
    exit_day = np.minimum(leave[ei] - np.timedelta64(1, "D"), jun30(ye + 1))
    end = np.where(cont_next, nxt_change - np.timedelta64(1, "D"), exit_day)
    end = np.where(end > AS_OF, NAT, end)
    sch = dict(child=si, inst=state[si, sj], form=fstate[si, sj].astype(int), start=start, end=end)

    # --- dagtilbud episodes
    dt_start = np.maximum(ch["birth"] + _days(rng.integers(300, 480, n)), arrive)
    school_begin = aug1(first_school_year)
    dt_stop = np.minimum(leave, school_begin) - np.timedelta64(1, "D")
    has_dt = (dt_start < dt_stop) & (rng.random(n) < 0.97)
    dt_inst = np.zeros(n, dtype=np.int64)
    dt_inst2 = np.zeros(n, dtype=np.int64)
    for m in range(n_mun):
        cand = org.ids(m, "dagtilbud", "almen")
        rows = np.flatnonzero(mun == m)
        hd = district_of[home[rows] - 1]
        same = district_of[cand - 1][None, :] == hd[:, None]
        for target in (dt_inst, dt_inst2):
            w = np.where(same, 5.0, 1.0)
            u = rng.random(len(rows))[:, None] * w.sum(1, keepdims=True)
            target[rows] = cand[np.minimum((np.cumsum(w, 1) < u).sum(1), len(cand) - 1)]
    switch_day = ch["birth"] + _days(rng.integers(1000, 1150, n))
    switches = has_dt & (rng.random(n) < 0.5) & (switch_day > dt_start + np.timedelta64(60, "D")) \
        & (switch_day < dt_stop - np.timedelta64(60, "D")) & (dt_inst2 != dt_inst)
    sdt_day = ch["birth"] + _days(rng.integers(1200, 1500, n))
    sdt_ok = has_dt & sdt & (sdt_day > dt_start) & (sdt_day < dt_stop - np.timedelta64(60, "D"))
    sdt_inst = np.zeros(n, dtype=np.int64)
    for m in range(n_mun):
        cand = org.ids(m, "dagtilbud", "specialdagtilbud")
        rows = np.flatnonzero(sdt_ok & (mun == m))
        sdt_inst[rows] = cand[rng.integers(0, len(cand), len(rows))]
    # first episode ends at the switch (to another dagtilbud or to specialdagtilbud)
    first_end = dt_stop.copy()
    first_end = np.where(switches, switch_day - np.timedelta64(1, "D"), first_end)
    first_end = np.where(sdt_ok, np.minimum(first_end, sdt_day - np.timedelta64(1, "D")), first_end)
    second_from = np.where(switches, switch_day, NAT)
    second_to = np.where(sdt_ok, np.minimum(dt_stop, sdt_day - np.timedelta64(1, "D")), dt_stop)
    sw_ok = switches & (second_from <= second_to)
    rows1 = np.flatnonzero(has_dt)
    rows2 = np.flatnonzero(sw_ok)
    rows3 = np.flatnonzero(sdt_ok)
    dagt = dict(
        child=np.concatenate([rows1, rows2, rows3]),
        inst=np.concatenate([dt_inst[rows1], dt_inst2[rows2], sdt_inst[rows3]]),
        form=np.concatenate([np.full(len(rows1), "almen"), np.full(len(rows2), "almen"),
                             np.full(len(rows3), "specialdagtilbud")]),
        start=np.concatenate([dt_start[rows1], second_from[rows2], sdt_day[rows3]]),
        end=np.concatenate([first_end[rows1], second_to[rows2], dt_stop[rows3]]),
    )

    # --- youth after 9. klasse: a year in a klub or the ungdomsskole for some
    done = first_school_year + 10               # school year after 9. klasse
    youth = (rng.random(n) < 0.3) & (arrive < aug1(done)) & (leave > aug1(done) + np.timedelta64(30, "D"))
    y_rows = np.flatnonzero(youth)
    y_inst = np.zeros(len(y_rows), dtype=np.int64)
    for m in range(n_mun):
        sel = mun[y_rows] == m
        cand = np.concatenate([org.ids(m, "klub", "almen"), org.ids(m, "ungdomsskole", "almen")])
        y_inst[sel] = cand[rng.integers(0, len(cand), sel.sum())]
    youth_ep = dict(child=y_rows, inst=y_inst, form=np.full(len(y_rows), "almen"),
                    start=aug1(done[y_rows]),
                    end=np.minimum(leave[y_rows] - np.timedelta64(1, "D"), jun30(done[y_rows] + 1)))

    # --- combine, drop episodes not yet started, NULL unknown ends
    form_names = np.array(FORMS)
    parts = [dict(sch, form=form_names[sch["form"]]), dagt, youth_ep]
    pl = {k: np.concatenate([p[k] for p in parts]) for k in ("child", "inst", "form", "start", "end")}
    pl["end"] = np.where(pl["end"] > AS_OF, NAT, pl["end"])
    keep = pl["start"] <= AS_OF
    pl = {k: v[keep] for k, v in pl.items()}
    order = np.lexsort((pl["start"], pl["child"]))
    pl = {k: v[order] for k, v in pl.items()}
    bad = ~np.isnat(pl["end"]) & (pl["end"] < pl["start"])
    assert not bad.any(), f"{bad.sum()} episodes end before they start"

    info = dict(state=state, fstate=fstate, grade=grade, years=years, home=home, arrive=arrive,
                leave=leave, first_school_year=first_school_year)
    return pl, info


# --------------------------------------------------------------------------------------------
# surveys
# --------------------------------------------------------------------------------------------
def _calibrate(eta: np.ndarray, thresholds: np.ndarray, noise_sd: float, target: float,
               best_share: bool = False) -> float:
    """Item location delta so that the mean answer (or share of the best option) hits target."""
    lo, hi = -4.0, 4.0
    for _ in range(40):
        mid = (lo + hi) / 2
        z = (eta[:, None] + mid - thresholds[None, :]) / noise_sd
        val = ndtr(z[:, -1]).mean() if best_share else 1 + ndtr(z).sum(1).mean()
        lo, hi = (mid, hi) if val < target else (lo, mid)
    return (lo + hi) / 2


def _surveys(rng, org: Org, ch: dict, info: dict, batch_id: int):
    state, fstate, grade, years = info["state"], info["fstate"], info["grade"], info["years"]
    girl, mun = ch["girl"], ch["mun"]
    n_mun = len(org.mun_codes)
    participation = np.clip(rng.normal(0.85, 0.05, org.n + 1), 0.75, 0.95)
    school_re = rng.normal(0, 0.08, org.n + 1)
    school_re_ind = rng.normal(0, 0.04, (org.n + 1, 5))
    mun_shift = np.array([content.MUNICIPALITIES[k][3] for k in org.mun_codes])
    mun_ind = rng.normal(0, 0.03, (n_mun, 5))
    year_effect = dict(zip(SURVEY_YEARS, [0.02, 0.02, 0.01, 0.0, -0.07, -0.09, -0.04, -0.02, -0.01, 0.0]))

    rounds, resp_cols = [], {k: [] for k in ("round", "year", "inst", "grade", "girl", "form", "mun")}
    for instr, g_lo, g_hi in (("trivsel_4_9", 4, 9), ("trivsel_0_3", 0, 3)):
        for y in SURVEY_YEARS:
            j = int(np.flatnonzero(years == y)[0])
            st, fs, gr = state[:, j], fstate[:, j], grade[:, j]
            pupils = np.flatnonzero((st > 0) & (gr >= g_lo) & (gr <= g_hi))
            for m in range(n_mun):
                rid = len(rounds) + 1
                rounds.append(dict(id=rid, instrument_code=instr, school_year=y,
                                   municipality_kode=org.mun_codes[m], import_batch_id=batch_id))
                pm = pupils[mun[pupils] == m]
                answers = rng.random(len(pm)) < participation[st[pm]] + rng.normal(0, 0.02)
                pm = pm[answers]
                order = np.lexsort((fs[pm], girl[pm], gr[pm], st[pm]))
                pm = pm[order]
                resp_cols["round"].append(np.full(len(pm), rid))
                resp_cols["year"].append(np.full(len(pm), y))
                resp_cols["inst"].append(st[pm])
                resp_cols["grade"].append(gr[pm])
                resp_cols["girl"].append(girl[pm])
                resp_cols["form"].append(fs[pm].astype(int))
                resp_cols["mun"].append(np.full(len(pm), m))
    R = {k: np.concatenate(v) for k, v in resp_cols.items()}
    nr = len(R["round"])
    R["id"] = np.arange(1, nr + 1)
    is49 = R["grade"] >= 4
    special = R["form"] != ALMEN
    yeff = np.array([year_effect[y] for y in SURVEY_YEARS])[R["year"] - SURVEY_YEARS[0]]

    answers = []  # (item_id, response_id, value) blocks, item-major
    # --- 4.-9. klasse: 40 items, 5 options
    idx = np.flatnonzero(is49)
    k = len(idx)
    theta = rng.normal(0, 0.55, k)
    g = R["grade"][idx]
    gl = R["girl"][idx]
    spc = special[idx]
    base_eff = (theta + mun_shift[R["mun"][idx]] + school_re[R["inst"][idx]] + yeff[idx])
    #           social  faglig  stoette  ro     generel
    grade_slope = np.array([-0.035, -0.035, -0.06, -0.03, -0.06])
    girl_eff = np.array([-0.02, 0.06, 0.0, 0.04, -0.14])
    special_eff = np.array([-0.35, -0.12, -0.05, -0.05, -0.18])
    etas = []
    for c in range(5):
        etas.append(base_eff + rng.normal(0, 0.38, k) + grade_slope[c] * (g - 6.5) + girl_eff[c] * (gl - 0.5)
                    + special_eff[c] * spc + school_re_ind[R["inst"][idx], c] + mun_ind[R["mun"][idx], c])
    thresholds5 = np.array([-1.9, -1.0, -0.2, 0.75])
    noise5 = 0.95
    ind_codes = [c[0] for c in content.INDICATORS]
    ind_target = {c[0]: c[4] for c in content.INDICATORS}
    items = content.ITEMS_4_9
    sub = rng.choice(k, size=min(k, 4000), replace=False) if k else np.array([], dtype=int)
    values49 = np.zeros((k, len(items)), dtype=np.int8)
    for i, (ind, _t, _e, _o, off) in enumerate(items):
        c = ind_codes.index(ind)
        offs = [it[4] for it in items if it[0] == ind]
        tgt = ind_target[ind] + off - float(np.mean(offs))
        delta = _calibrate(etas[c][sub], thresholds5, noise5, tgt)
        z = etas[c] + delta + rng.normal(0, noise5, k)
        values49[:, i] = 1 + (z[:, None] > thresholds5[None, :]).sum(1)
    present49 = rng.random(values49.shape) >= 0.03
    skip = np.flatnonzero(rng.random(k) < 0.01)
    item_ind = np.array([ind_codes.index(it[0]) for it in items])
    skip_ind = rng.integers(0, 5, len(skip))
    for r, c in zip(skip, skip_ind):
        cols = np.flatnonzero(item_ind == c)
        drop = rng.random(len(cols)) < 0.8
        drop[rng.integers(0, len(cols))] = True
        present49[r, cols[drop]] = False
    ii, rr = np.nonzero(present49.T)
    answers.append((ii + 1, R["id"][idx][rr], values49.T[ii, rr]))

    # --- 0.-3. klasse: 20 items, 3 options, mostly the best
    idx3 = np.flatnonzero(~is49)
    k3 = len(idx3)
    eta3 = (rng.normal(0, 0.6, k3) + 0.8 * mun_shift[R["mun"][idx3]] + school_re[R["inst"][idx3]]
            + yeff[idx3] - 0.04 * (R["grade"][idx3] - 1.5) - 0.2 * special[idx3])
    thresholds3 = np.array([-1.3, -0.3])
    sub3 = rng.choice(k3, size=min(k3, 4000), replace=False) if k3 else np.array([], dtype=int)
    values03 = np.zeros((k3, len(content.ITEMS_0_3)), dtype=np.int8)
    for i, (_t, _e, _o, p_best) in enumerate(content.ITEMS_0_3):
        delta = _calibrate(eta3[sub3], thresholds3, 0.9, p_best, best_share=True)
        z = eta3 + delta + rng.normal(0, 0.9, k3)
        values03[:, i] = 1 + (z[:, None] > thresholds3[None, :]).sum(1)
    present03 = rng.random(values03.shape) >= 0.03
    ii, rr = np.nonzero(present03.T)
    answers.append((ii + 1 + len(items), R["id"][idx3][rr], values03.T[ii, rr]))

    ans = dict(item_id=np.concatenate([a[0] for a in answers]),
               response_id=np.concatenate([a[1] for a in answers]),
               value=np.concatenate([a[2] for a in answers]).astype(np.int64))
    resp = dict(id=R["id"], round_id=R["round"], school_year=R["year"], institution_id=R["inst"],
                klassetrin=R["grade"], gender=np.where(R["girl"], "pige", "dreng"),
                provision_form=np.array(FORMS)[R["form"]])
    return rounds, resp, ans


def _survey_meta():
    instruments = [dict(code=c, name=n, grade_from=a, grade_to=b, n_options=o) for c, n, a, b, o in content.INSTRUMENTS]
    counts = {}
    for it in content.ITEMS_4_9:
        counts[it[0]] = counts.get(it[0], 0) + 1
    indicators = [dict(code=c, instrument_code="trivsel_4_9", name_da=da, name_en=en, sort_order=so, n_items=counts[c])
                  for c, da, en, so, _ in content.INDICATORS]
    items = [dict(id=i + 1, instrument_code="trivsel_4_9", item_no=i + 1, text_da=t, text_en=e,
                  indicator_code=ind, options_da=o) for i, (ind, t, e, o, _) in enumerate(content.ITEMS_4_9)]
    base = len(items)
    items += [dict(id=base + i + 1, instrument_code="trivsel_0_3", item_no=i + 1, text_da=t, text_en=e,
                   indicator_code=None, options_da=o) for i, (t, e, o, _) in enumerate(content.ITEMS_0_3)]
    return instruments, indicators, items


# --------------------------------------------------------------------------------------------
# interventions
# --------------------------------------------------------------------------------------------
INSTR_PARAMS = {  # baseline mean, sd, reliability, rounding step, lo, hi, higher_is_better
    "sdq_total": (17.0, 5.8, 0.80, 1.0, 0.0, 40.0, False),
    "ors": (23.0, 7.0, 0.85, 0.1, 0.0, 40.0, True),
    "sos_skala": (4.0, 2.0, 0.70, 0.5, 0.0, 10.0, True),
}
INFORMANT = {"sdq_total": ("forælder", "lærer"), "ors": ("barn",), "sos_skala": ("fagperson",)}


def _interventions(rng, org: Org, ch: dict, info: dict, scale: float):
    state, fstate, grade, years = info["state"], info["fstate"], info["grade"], info["years"]
    mun = ch["mun"]
    intv, parts, meas, goals = [], [], [], []
    part_id = meas_id = goal_id = 0
    tiny_mun = 316
    for m_idx, kode in enumerate(org.mun_codes):
        mun_name = content.MUNICIPALITIES[kode][0]
        cohort = content.MUNICIPALITIES[kode][1]
        d_ids = org.mun_districts[kode]
        templates = list(content.INTERVENTIONS)
        keep = np.sort(rng.choice(len(templates), size=int(rng.integers(8, 11)), replace=False))
        chosen = [templates[i] for i in keep] + content.EXTRA_INTERVENTIONS.get(kode, [])
        chosen = [(t, False) for t in chosen]
        if kode == tiny_mun:
            chosen.append(((*content.TINY_INTERVENTION, 0.0), True))
        for (method, pattern, instr, (g_lo, g_hi), effect, goal_mode, weight), tiny in chosen:
            d_id = int(rng.choice(d_ids))
            d_name = next(d["name"] for d in org.districts if d["id"] == d_id)
            inst_id = None
            if method == "mellemform":
                units = org.ids(m_idx, "skole", "mellemform")
                inst_id = int(units[rng.integers(0, len(units))])
            iv_id = len(intv) + 1
            intv.append(dict(id=iv_id, name=pattern.format(d=d_name, m=mun_name), method=method,
                             municipality_kode=kode, institution_id=inst_id, instrument_code=instr))
            eff = effect + rng.normal(0, 0.08) if effect > 0 else rng.normal(0, 0.04)
            n_part = 4 if tiny else max(5, int(round(weight * cohort / 300 * rng.uniform(50, 85) * scale)))
            first = np.datetime64("2017-01-09")
            span = int((np.datetime64("2025-11-28") - first).astype(int))
            starts = np.sort(first + _days(rng.integers(0, span, n_part)))
            sy = starts.astype("datetime64[Y]").astype(int) + 1970
            sy = np.where(starts < aug1(sy), sy - 1, sy)
            kids = np.zeros(n_part, dtype=np.int64)
            ok = np.zeros(n_part, dtype=bool)
            for yv in np.unique(sy):
                j = int(np.flatnonzero(years == min(yv, LAST_YEAR))[0])
                cand = np.flatnonzero((mun == m_idx) & (state[:, j] > 0) & (grade[:, j] >= g_lo) & (grade[:, j] <= g_hi))
                if not len(cand):
                    continue
                w = np.where(fstate[cand, j] != ALMEN, 4.0, 1.0)
                if method == "mellemform":
                    w = np.where(fstate[cand, j] == MELLEM, 40.0, w)
                sel = np.flatnonzero(sy == yv)
                kids[sel] = cand[rng.choice(len(cand), size=len(sel), p=w / w.sum())]
                ok[sel] = True
            kids, starts = kids[ok], starts[ok]
            n_part = len(kids)
            dur = _days(rng.integers(90, 330, n_part))
            ends = starts + dur
            ended = ends <= AS_OF
            mean, sd, rel, step, lo, hi, hib = INSTR_PARAMS[instr]
            sign = 1.0 if hib else -1.0
            true0 = rng.normal(mean, sd * np.sqrt(rel), n_part)
            err_sd = sd * np.sqrt(1 - rel)
            informants = INFORMANT[instr]
            inf = np.array(informants)[rng.integers(0, len(informants), n_part)]
            for p in range(n_part):
                part_id += 1
                parts.append(dict(id=part_id, intervention_id=iv_id, child_id=int(kids[p]) + 1,
                                  start_date=starts[p].item(), end_date=ends[p].item() if ended[p] else None))
                # worse-off children drop out of the 'efter' measurement more often
                badness = sign * (mean - true0[p]) / sd
                change = sign * eff * sd + rng.normal(0, 0.35 * sd)
                true1 = true0[p] + change + 0.15 * (mean - true0[p])
                plan = [("foer", starts[p] - _days(rng.integers(0, 15)), true0[p], rng.random() < 0.95)]
                has_post = ended[p] and rng.random() < 0.80 - 0.08 * badness
                post_day = ends[p] + _days(rng.integers(0, 15))
                plan.append(("efter", post_day, true1, has_post and post_day <= AS_OF))
                fu_day = ends[p] + _days(rng.integers(150, 211))
                plan.append(("opfoelgning", fu_day, true1 - 0.2 * change, has_post and fu_day <= AS_OF and rng.random() < 0.45))
                for tp, day, tv, exists in plan:
                    if not exists:
                        continue
                    score = np.clip(np.round((tv + rng.normal(0, err_sd)) / step) * step, lo, hi)
                    meas_id += 1
                    meas.append(dict(id=meas_id, participation_id=part_id, instrument_code=instr, timepoint=tp,
                                     informant=str(inf[p]), measured_on=day.item(), score=float(round(score, 1))))
                for _ in range(int(rng.integers(1, 4))):
                    goal_id += 1
                    text = content.GOAL_TEXTS[int(rng.integers(0, len(content.GOAL_TEXTS)))]
                    weight_g = 2.0 if rng.random() < 0.2 else 1.0
                    gas = outcome = None
                    if ended[p]:
                        if goal_mode == "gas":
                            gas = int(np.clip(np.round(rng.normal(-0.2 + 1.3 * eff, 0.85)), -2, 2))
                        else:
                            u = rng.random() - 0.6 * eff
                            outcome = "opnaaet" if u < 0.35 else ("delvist" if u < 0.75 else "ikke")
                    goals.append(dict(id=goal_id, participation_id=part_id, description=text, weight=weight_g,
                                      gas_score=gas, outcome=outcome))
    return intv, parts, meas, goals


# --------------------------------------------------------------------------------------------
# targets, benchmarks
# --------------------------------------------------------------------------------------------
def _benchmarks(rng, batch_id: int):
    rows = []
    year_effect = [0.02, 0.02, 0.01, 0.0, -0.06, -0.08, -0.04, -0.02, -0.01, 0.0]
    for code, _da, _en, _so, level in content.INDICATORS:
        for y, ye in zip(SURVEY_YEARS, year_effect):
            rows.append(dict(kind="landstal", measure_code=code, school_year=y, municipality_kode=None,
                             value=round(level + ye + rng.normal(0, 0.01), 2),
                             source=content.SOURCE_NOTE, import_batch_id=batch_id))
    seg = np.linspace(0.045, 0.056, len(SURVEY_YEARS)) + rng.normal(0, 0.0007, len(SURVEY_YEARS))
    for y, v in zip(SURVEY_YEARS, seg):
        rows.append(dict(kind="landstal", measure_code="segregeringsgrad", school_year=y, municipality_kode=None,
                         value=round(float(v), 4), source=content.SOURCE_NOTE, import_batch_id=batch_id))
        rows.append(dict(kind="landstal", measure_code="inklusionsgrad", school_year=y, municipality_kode=None,
                         value=round(1 - float(v), 4), source=content.SOURCE_NOTE, import_batch_id=batch_id))
    for i, r in enumerate(rows):
        r["id"] = i + 1
    return rows


def _targets():
    rows = []
    for kode, items in content.TARGETS.items():
        for area, kpi, title, v24, v25, direction in items:
            for y, v in ((2024, v24), (2025, v25)):
                rows.append(dict(id=len(rows) + 1, municipality_kode=kode, area=area, kpi_code=kpi, title=title,
                                 target_value=v, direction=direction, school_year=y))
    return rows


# --------------------------------------------------------------------------------------------
# main entry
# --------------------------------------------------------------------------------------------
def generate(conn: sa.Connection, seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict:
    """Fill an empty, migrated database with synthetic demo data; return rows per table.

    Runs inside the caller's transaction (nothing is committed here) and finishes with
    :func:`data.derived.refresh_all`, so the derived tables are in step with the raw rows.
    """
    if scale <= 0:
        raise ValueError("scale skal være større end 0")
    if conn.execute(sa.select(sa.func.count()).select_from(s.municipality)).scalar():
        raise RuntimeError("Databasen er ikke tom: demodata kan kun indlæses i en tom database.")
    rng = np.random.default_rng(seed)
    counts: dict[str, int] = {}

    def put(table: sa.Table, rows, columns: list[str] | None = None):
        if isinstance(rows, Mapping):
            cols = columns or list(rows)
        else:
            rows = list(rows)
            cols = columns or (list(rows[0]) if rows else [])
            rows = [tuple(r[c] for c in cols) for r in rows]
        counts[table.name] = counts.get(table.name, 0) + bulk_insert(conn, table, cols, rows)

    org = Org(rng)
    put(s.municipality, [dict(kode=k, name=v[0]) for k, v in content.MUNICIPALITIES.items()])
    put(s.district, org.districts)
    put(s.institution, [{k: r[k] for k in ("id", "institutionsnummer", "name", "municipality_kode", "district_id",
                                           "kind", "provision", "special_form")} for r in org.inst])

    ch = _children(rng, org, scale)
    put(s.child, dict(id=np.arange(1, ch["n"] + 1), birth_year=ch["by"],
                      gender=np.where(ch["girl"], "pige", "dreng")))

    pl, info = _simulate(rng, org, ch, scale)

    batch_id = 1
    put(s.import_batch, [dict(id=batch_id, kind="demo", file_name="data.demo (syntetisk)",
                              sha256=hashlib.sha256(f"data.demo seed={seed} scale={scale}".encode()).hexdigest(),
                              rows=0, imported_by="data.demo", imported_at=IMPORTED_AT, outcome="ok",
                              message=f"{content.SOURCE_NOTE}. Seed {seed}, skala {scale}.")])

    instruments, indicators, items = _survey_meta()
    put(s.survey_instrument, instruments)
    put(s.survey_indicator, indicators)
    put(s.survey_item, items)
    rounds, resp, ans = _surveys(rng, org, ch, info, batch_id)
    put(s.survey_round, rounds)
    put(s.survey_response, resp, ["id", "round_id", "school_year", "institution_id", "klassetrin", "gender",
                                  "provision_form"])
    put(s.survey_answer, ans, ["item_id", "response_id", "value"])
    put(s.benchmark, _benchmarks(rng, batch_id))

    put(s.placement, dict(id=np.arange(1, len(pl["child"]) + 1), child_id=pl["child"] + 1,
                          institution_id=pl["inst"], provision_form=pl["form"],
                          start_date=pl["start"], end_date=pl["end"]),
        ["id", "child_id", "institution_id", "provision_form", "start_date", "end_date"])

    put(s.instrument, content.INSTRUMENTS_EFFECT)
    intv, parts, meas, goals = _interventions(rng, org, ch, info, scale)
    put(s.intervention, intv)
    put(s.participation, parts)
    put(s.measurement, meas)
    put(s.goal, goals)
    put(s.target, _targets())

    total = sum(counts.values())
    conn.execute(s.import_batch.update().where(s.import_batch.c.id == batch_id).values(rows=total))
    _reset_sequences(conn)

    from data import derived
    derived.refresh_all(conn)
    for table in (s.survey_score, s.survey_summary, s.placement_snapshot):
        counts[table.name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.demo", description="Fyld en tom database med syntetiske demodata.")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy-URL (standard: INDBLIK_DATABASE_URL / data/indblik.db)")
    parser.add_argument("--scale", type=float, default=1.0, help="størrelse i forhold til de fem kommuners årgange")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    from data.db import get_engine, migrate

    engine = get_engine(args.database_url)
    started = time.perf_counter()
    migrate(engine)
    with engine.begin() as conn:
        counts = generate(conn, seed=args.seed, scale=args.scale)
    seconds = time.perf_counter() - started
    width = max(len(k) for k in counts)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>10,}".replace(",", "."))
    print(f"Syntetiske demodata oprettet på {seconds:.1f} s (seed {args.seed}, skala {args.scale}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
