"""Benchmark of the import engine: survey responses at national scale (issue #14).

    python -m bench.importer [--sqlite PATH] [--postgres URL] [--fraction F] [--repeat N] [--naive N]

Makes the national organisation (bench.national: 98 municipalities × 15 ordinary schools, each with a
6-digit institutionsnummer here) in a migrated database (a new SQLite file, and/or a PostgreSQL URL
whose tables must be empty — use a scratch schema, this writes), then generates a wide survey file in
memory (550,000 respondents × 40 items at --fraction 1, 4.-9. klasse, 1-5 with 3 % not answered,
deterministic seed) and times data.importer.load end to end — split into read (bytes -> frame),
validate and compare (check minus read), write (bulk: COPY on PostgreSQL, executemany on SQLite) and
refresh (survey_score and survey_summary) — as medians of --repeat loads, each into emptied survey
tables. The naive path, on the first --naive respondents of the same file: row-by-row INSERTs through
SQLAlchemy's executemany of dicts (no COPY), responses then answers. Figures: rows (respondents)/s,
and answers/s. Synthetic; nothing real.
"""
from __future__ import annotations

import argparse
import io
import statistics
import time

import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.national import organisation
from data import schema as s
from data.db import migrate
from data.demo import bulk_insert
from data.importer import check, load
from data.importer.read import read_frame

N_RESPONDENTS = 550_000
SURVEY_TABLES = ("survey_summary", "survey_score", "survey_answer", "survey_response", "survey_round")


def institutions():
    muns, districts, inst, *_ = organisation()
    for r in inst:
        r["institutionsnummer"] = f"{100000 + r['id']:06d}"
    schools = [r["institutionsnummer"] for r in inst if r["kind"] == "skole" and r["provision"] == "almen"]
    return muns, districts, inst, schools


def answer_matrix(rng: np.random.Generator, n: int, items: int = 40, options: int = 5,
                  missing: float = 0.03) -> np.ndarray:
    """n respondents x `items` answers on 1..`options` (best highest) as int8, 0 = not answered: a
    respondent level around 2/3 up the scale plus item noise (also bench.generate's model)."""
    span = (options - 1) / 4
    level = rng.normal(1 + 2.7 * span, 0.5 * span, n)[:, None] + rng.normal(0, 0.8 * span, (n, items))
    answers = np.clip(np.rint(level), 1, options).astype(np.int8)
    answers[rng.random((n, items)) < missing] = 0
    return answers


def survey_file(n: int, seed: int = 14) -> bytes:
    """A wide survey file: besvarelse, institutionsnummer, skoleaar, klassetrin, koen, spm_1..spm_40."""
    rng = np.random.default_rng(seed)
    *_, schools = institutions()
    frame = pd.DataFrame({
        "besvarelse": np.arange(1, n + 1),
        "institutionsnummer": np.array(schools)[rng.integers(0, len(schools), n)],
        "skoleaar": "2024/25",
        "klassetrin": rng.integers(4, 10, n),
        "koen": np.where(rng.random(n) < 0.5, "pige", "dreng"),
    })
    answers = answer_matrix(rng, n).astype(str).astype(object)
    answers[answers == "0"] = ""
    items = pd.DataFrame(answers, columns=[f"spm_{i}" for i in range(1, 41)])
    buf = io.StringIO()
    pd.concat([frame, items], axis=1).to_csv(buf, sep=";", index=False)
    return buf.getvalue().encode("utf-8")


def prepare(engine: sa.Engine) -> None:
    migrate(engine)
    muns, districts, inst, _ = institutions()
    with engine.begin() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(s.municipality)).scalar():
            return
        bulk_insert(conn, s.municipality, ["kode", "name"], [(r["kode"], r["name"]) for r in muns])
        bulk_insert(conn, s.district, ["id", "municipality_kode", "name"], [tuple(r.values()) for r in districts])
        cols = ["id", "institutionsnummer", "name", "municipality_kode", "district_id", "kind", "provision",
                "special_form"]
        bulk_insert(conn, s.institution, cols, [tuple(r[c] for c in cols) for r in inst])


def empty_survey(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # DELETE would check survey_answer's FK row by row
            conn.exec_driver_sql(f"TRUNCATE {', '.join(SURVEY_TABLES)}")
            return
        for t in SURVEY_TABLES:
            conn.exec_driver_sql(f"DELETE FROM {t}")


def app_path(engine: sa.Engine, content: bytes) -> dict[str, float]:
    marks: dict[str, float] = {}
    start = time.perf_counter()
    read_frame(content, "bench.csv", 10_000)
    t_read = time.perf_counter() - start
    start = time.perf_counter()
    plan = load(engine, "trivsel", "bench.csv", content, actor="bench",
                progress=lambda f, text: marks.setdefault(text, time.perf_counter()))
    end = time.perf_counter()
    assert plan.ok and plan.added == plan.rows, plan.problems[:3]
    check_s = marks["Skriver"] - start
    return {"total": end - start, "read": t_read, "validate": max(check_s - t_read, 0.0),
            "write": marks["Opdaterer opsummeringstabeller"] - marks["Skriver"],
            "refresh": marks["Færdig"] - marks["Opdaterer opsummeringstabeller"]}


def naive_path(engine: sa.Engine, content: bytes) -> tuple[float, int, int]:
    """Row-by-row INSERTs via SQLAlchemy executemany of dicts (no COPY), into the emptied tables."""
    text = pd.read_csv(io.BytesIO(content), sep=";", dtype=str, keep_default_na=False)
    with engine.connect() as conn:
        plan = check(conn, "trivsel", "naive.csv", content)  # the same validation, so the work compares
        assert plan.ok
        items = dict(conn.execute(sa.select(s.survey_item.c.item_no, s.survey_item.c.id)
                                  .where(s.survey_item.c.instrument_code == "trivsel_4_9")).all())
        inst = dict(conn.execute(sa.select(s.institution.c.institutionsnummer, s.institution.c.id)).all())
        mun = dict(conn.execute(sa.select(s.institution.c.id, s.institution.c.municipality_kode)).all())
    start = time.perf_counter()
    n_answers = 0
    with engine.begin() as conn:
        rounds = {}
        next_id = 1
        responses, answers = [], []
        for row in text.itertuples(index=False):
            iid = inst[row.institutionsnummer]
            key = mun[iid]
            if key not in rounds:
                rounds[key] = conn.execute(s.survey_round.insert().values(
                    instrument_code="trivsel_4_9", school_year=2024, municipality_kode=key)
                    .returning(s.survey_round.c.id)).scalar_one()
            responses.append(dict(id=next_id, round_id=rounds[key], school_year=2024, institution_id=iid,
                                  klassetrin=int(row.klassetrin), gender=row.koen, provision_form="almen",
                                  record_key=0))
            for no in range(1, 41):
                v = getattr(row, f"spm_{no}")
                if v != "":
                    answers.append(dict(item_id=items[no], response_id=next_id, value=int(v)))
            next_id += 1
        conn.execute(s.survey_response.insert(), responses)
        conn.execute(s.survey_answer.insert(), answers)
        n_answers = len(answers)
    return time.perf_counter() - start, len(text), n_answers


def run(url: str, content: bytes, naive_content: bytes, repeat: int) -> None:
    engine = sa.create_engine(url)
    prepare(engine)
    name = sa.make_url(url).render_as_string(hide_password=True)
    runs = []
    for _ in range(repeat):
        empty_survey(engine)
        runs.append(app_path(engine, content))
    with engine.connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(s.survey_response)).scalar()
        n_ans = conn.execute(sa.select(sa.func.count()).select_from(s.survey_answer)).scalar()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"{name}: app path, {n:,} respondents, {n_ans:,} answers, median of {repeat}:")
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in med.items()))
    print(f"  {n / med['total']:,.0f} rows/s end to end ({n_ans / med['total']:,.0f} answers/s); "
          f"write alone {n / med['write']:,.0f} rows/s")
    empty_survey(engine)
    app_small = app_path(engine, naive_content)
    empty_survey(engine)
    secs, rows, answers = naive_path(engine, naive_content)
    print(f"  same {rows:,}-row slice: app write {rows / app_small['write']:,.0f} rows/s "
          f"({answers / app_small['write']:,.0f} answers/s) vs naive row-by-row INSERT {rows / secs:,.0f} rows/s "
          f"({answers / secs:,.0f} answers/s): {app_small['write'] and secs / app_small['write']:.1f}x")
    empty_survey(engine)
    engine.dispose()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.importer", description=__doc__.splitlines()[0])
    ap.add_argument("--sqlite", default=None, help="path of a new SQLite file")
    ap.add_argument("--postgres", default=None, help="SQLAlchemy URL of an empty PostgreSQL database/schema")
    ap.add_argument("--fraction", type=float, default=1.0, help="share of the 550,000 respondents (0.1: quick run)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--naive", type=int, default=20_000, help="respondents in the naive path's slice")
    args = ap.parse_args(argv)
    n = int(N_RESPONDENTS * args.fraction)
    t = time.perf_counter()
    content = survey_file(n)
    naive_content = survey_file(min(args.naive, n), seed=15)
    print(f"generated {n:,} respondents × 40 items ({len(content) / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    for url in ([f"sqlite:///{args.sqlite}"] if args.sqlite else []) + ([args.postgres] if args.postgres else []):
        run(url, content, naive_content, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
