"""One command for a benchmark data set with all four domains, deterministic, bulk-loaded natively.

    python -m bench.generate --scale national|demo [--fraction F] [--database-url URL ...] [--seed S]
                             [--answer-years N] [--replace]

--scale national (98 municipalities, school years 2016/17-2025/26), at --fraction 1:
- organisation: bench.national's (15 ordinary schools, 4 special units, 3 dagtilbud per municipality;
  the schools with the 6-digit institutionsnummer of bench.importer);
- 1,000,000 children with their placement episodes (bench.national.simulate, ~1.7M episodes);
- the trivselsmåling: 550,000 respondents a year (330,000 in 4.-9. klasse answering 40 items on 1-5,
  220,000 in 0.-3. klasse answering 20 items on 1-3; bench.importer.answer_matrix, 3 % unanswered), one
  round per instrument, year and municipality. Respondent rows (survey_response, survey_score,
  survey_summary) for all ten years; ITEM ANSWERS (survey_answer) only for the newest --answer-years
  (default 3: ~51M answers; all ten would be ~171M answers, ~7 GB in SQLite and hours of loading and
  refreshing on this 2-core machine). The older years' indicator scores are computed here with the
  rule of data.derived (mean of the answered items, at least half answered) and summarised in SQL by
  data.derived.refresh_survey(scores=False); the answer years' scores come from the answers in SQL;
- Landstal (data.demo.targets.benchmarks) and the demo's pejlemærker, repeated over the municipalities;
- interventions (10 per municipality, bench.effekt.METHODS) and ~200,000 forløb of pupils, with
  before/after measurements and goals (bench.effekt.forloeb).
Then data.derived.refresh_all inside the database, and ANALYZE (VACUUM ANALYZE on PostgreSQL).
--scale demo: the demo data set (data.db.create_demo) at scale --fraction.

Same seed, same rows. Every --database-url (SQLite file or PostgreSQL; may be given more than once)
must hold no data (--replace deletes an existing SQLite file first). Prints each step's time.
Synthetic; nothing real.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import time

import numpy as np
import sqlalchemy as sa

from bench import effekt, national
from bench.importer import answer_matrix, institutions
from data import derived, schema as s
from data.db import analyze, create_demo, migrate
from data.demo import content
from data.demo.bulk import bulk_insert, reset_sequences
from data.demo.common import COVERS_FROM, IMPORTED_AT
from data.demo.surveys import survey_meta
from data.demo.targets import benchmarks, targets

YEARS = list(range(2016, 2026))
CHILDREN, FORLOEB = 1_000_000, 200_000
RESPONDENTS = {"trivsel_4_9": (330_000, 4, 9, 40, 5), "trivsel_0_3": (220_000, 0, 3, 20, 3)}  # a year
SPECIAL_SHARE = 0.05  # respondents taught in a special unit
CHUNK = 2_000_000
DEFAULT_URL = {"national": "sqlite:///bench/national.db", "demo": "sqlite:///bench/demo.db"}


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream])


def surveys(seed: int, fraction: float, answer_years: int) -> dict:
    """Rounds, respondents, answers (newest `answer_years`) and the older years' scores, columnar."""
    rng, keys = _rng(seed, 2), _rng(seed, 3)
    muns, _, inst, _ = institutions()
    ordinary = np.array([r["id"] for r in inst if (r["provision"], r["kind"]) == ("almen", "skole")])
    special = np.array([r["id"] for r in inst if r["provision"] == "special"])
    i_mun = np.array([0] + [r["municipality_kode"] for r in inst])
    i_form = np.array(["almen"] + [r["special_form"] or "almen" for r in inst])
    _, indicators, items = survey_meta()
    codes = [r["code"] for r in indicators]
    rounds, resp, answers, scores = [], [], [], []
    first_item = {"trivsel_4_9": 1, "trivsel_0_3": 1 + RESPONDENTS["trivsel_4_9"][3]}
    next_id = 1
    for y in YEARS:
        for instr, (per_year, g_lo, g_hi, n_items, n_opt) in RESPONDENTS.items():
            n = int(round(per_year * fraction * rng.uniform(0.98, 1.02)))
            sp = rng.random(n) < SPECIAL_SHARE
            iid = np.where(sp, special[rng.integers(0, len(special), n)], ordinary[rng.integers(0, len(ordinary), n)])
            grade, girl = rng.integers(g_lo, g_hi + 1, n), rng.random(n) < 0.5
            order = np.lexsort((girl, grade, iid, i_mun[iid]))
            iid, grade, girl = iid[order], grade[order], girl[order]
            round_no = {k: len(rounds) + j + 1 for j, k in enumerate(sorted(set(i_mun[iid].tolist())))}
            rounds += [dict(id=r, instrument_code=instr, school_year=y, municipality_kode=k, import_batch_id=1)
                       for k, r in round_no.items()]
            ids = np.arange(next_id, next_id + n)
            next_id += n
            resp.append(dict(id=ids, round_id=np.vectorize(round_no.get, otypes=[np.int64])(i_mun[iid]),
                             school_year=np.full(n, y), institution_id=iid, klassetrin=grade,
                             gender=np.where(girl, "pige", "dreng"), provision_form=i_form[iid],
                             record_key=keys.integers(0, s.RECORD_KEY_SPACE, n)))
            values = answer_matrix(rng, n, n_items, n_opt)
            if y > YEARS[-1] - answer_years:  # item-major, as the primary key orders them
                ii, rr = np.nonzero(values.T)
                answers.append((ii.astype(np.int32) + first_item[instr], ids[rr].astype(np.int32), values.T[ii, rr]))
            elif instr == "trivsel_4_9":  # the scores data.derived would compute from these answers
                for c, code in enumerate(codes):
                    cols = [it["id"] - 1 for it in items if it["indicator_code"] == code]
                    v = values[:, cols]
                    answered = (v > 0).sum(1)
                    ok = 2 * answered >= len(cols)
                    scores.append((ids[ok], np.full(ok.sum(), c), v[ok].sum(1) / answered[ok]))
    cat = lambda parts, i: np.concatenate([p[i] for p in parts])  # noqa: E731
    return dict(rounds=rounds, resp={k: np.concatenate([r[k] for r in resp]) for k in resp[0]},
                answers=tuple(cat(answers, i) for i in range(3)) if answers else None,
                scores=(cat(scores, 0), np.array(codes)[cat(scores, 1)], cat(scores, 2)) if scores else None,
                old_years=YEARS[:len(YEARS) - answer_years])


def interventions(seed: int, fraction: float, children: dict, placements: dict) -> tuple[dict, tuple]:
    """10 interventions per municipality (bench.effekt's methods) and forløb of pupils: each starts inside
    a random school episode of a child, in an intervention of that school's municipality."""
    rng = _rng(seed, 4)
    _, _, inst, _ = institutions()
    mun_of = np.array([0] + [r["municipality_kode"] for r in inst])
    is_school = np.array([False] + [r["kind"] == "skole" for r in inst])
    methods = effekt.METHODS
    kode = np.array([r["kode"] for r in national.organisation()[0]])
    iv_mun = np.repeat(kode, len(methods))
    iv_codes = [methods[i % len(methods)][1] for i in range(len(iv_mun))]
    ivs = dict(id=np.arange(1, len(iv_mun) + 1), name=[f"{methods[i % len(methods)][0]} {i + 1}" for i in range(len(iv_mun))],
               method=[methods[i % len(methods)][0] for i in range(len(iv_mun))], municipality_kode=iv_mun,
               instrument_code=iv_codes)
    episodes = np.flatnonzero(is_school[placements["institution_id"]])
    n = int(round(FORLOEB * fraction))
    ep = episodes[rng.integers(0, len(episodes), n)]
    begin = placements["start_date"][ep]
    last = np.minimum(np.where(np.isnat(placements["end_date"][ep]), np.datetime64("2025-10-31"),
                               placements["end_date"][ep]), np.datetime64("2025-10-31"))
    span = np.maximum((last - begin).astype(int), 1)
    start = begin + (rng.random(n) * span).astype(int).astype("timedelta64[D]")
    mun_idx = np.searchsorted(kode, mun_of[placements["institution_id"][ep]])
    p_iv = mun_idx * len(methods) + rng.integers(0, len(methods), n) + 1
    rows = effekt.forloeb(rng, np.arange(1, n + 1), placements["child_id"][ep], p_iv, start, iv_codes)
    return ivs, rows


def national_targets() -> list[dict]:
    """The demo's pejlemærker, each national municipality taking those of one demo municipality."""
    demo = targets()
    demo_codes = list(content.TARGETS)
    rows = []
    for m, r in enumerate(national.organisation()[0]):
        for t in (t for t in demo if t["municipality_kode"] == demo_codes[m % len(demo_codes)]):
            rows.append(dict(t, id=len(rows) + 1, municipality_kode=r["kode"]))
    return rows


def make(seed: int, fraction: float, answer_years: int, log) -> dict:
    """Every table's rows at national scale, in memory (numpy columns where large)."""
    t = time.perf_counter()
    ch, pl = national.simulate(int(round(CHILDREN * fraction)), seed)
    ch["record_key"] = _rng(seed, 1).integers(0, s.RECORD_KEY_SPACE, len(ch["id"]))
    log("simulate children and placements", t, f"{len(ch['id']):,} children, {len(pl['id']):,} placements")
    t = time.perf_counter()
    sv = surveys(seed, fraction, answer_years)
    n_ans = len(sv["answers"][0]) if sv["answers"] else 0
    log("generate surveys", t, f"{len(sv['resp']['id']):,} respondents, {n_ans:,} answers")
    t = time.perf_counter()
    ivs, forloeb = interventions(seed, fraction, ch, pl)
    log("generate forløb", t, f"{len(forloeb[0]['id']):,} forløb")
    return dict(children=ch, placements=pl, surveys=sv, interventions=ivs, forloeb=forloeb,
                benchmarks=benchmarks(_rng(seed, 5), 1), targets=national_targets())


def load(engine: sa.Engine, data: dict, seed: int, fraction: float, log) -> None:
    """Bulk-load `data` into the empty database of `engine`, refresh the derived tables, analyze."""
    migrate(engine)
    with engine.begin() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(s.municipality)).scalar():
            raise SystemExit(f"{engine.url.render_as_string(hide_password=True)} holds data already: "
                             "give an empty database (or --replace for a SQLite file)")
        if conn.dialect.name == "postgresql":  # rows consistent by construction: no per-row foreign-key
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")  # triggers (superuser)
        t = time.perf_counter()
        put = lambda table, rows, cols=None: bulk_insert(  # noqa: E731
            conn, table, cols or (list(rows) if isinstance(rows, dict) else list(rows[0])),
            rows if isinstance(rows, dict) else [tuple(r[c] for c in (cols or list(rows[0]))) for r in rows])
        muns, districts, inst, _ = institutions()
        put(s.municipality, muns)
        put(s.district, districts)
        put(s.institution, inst, ["id", "institutionsnummer", "name", "municipality_kode", "district_id", "kind",
                                  "provision", "special_form"])
        put(s.import_batch, [dict(id=1, kind="demo", file_name="bench.generate (syntetisk)", rows=0,
                                  sha256=hashlib.sha256(f"bench.generate {seed} {fraction}".encode()).hexdigest(),
                                  imported_by="bench.generate", imported_at=IMPORTED_AT, outcome="ok",
                                  covers_from=COVERS_FROM, message=f"{content.SOURCE_NOTE}. Nationalt datasæt.")])
        put(s.child, data["children"], ["id", "birth_year", "gender", "record_key"])
        put(s.placement, data["placements"])
        log("  load organisation, children, placements", t)
        t = time.perf_counter()
        instruments, indicators, items = survey_meta()
        put(s.survey_instrument, instruments)
        put(s.survey_indicator, indicators)
        put(s.survey_item, items)
        sv = data["surveys"]
        put(s.survey_round, sv["rounds"])
        put(s.survey_response, sv["resp"])
        if sv["answers"]:
            item, resp, value = sv["answers"]
            for a in range(0, len(item), CHUNK):
                put(s.survey_answer, dict(item_id=item[a:a + CHUNK], response_id=resp[a:a + CHUNK],
                                          value=value[a:a + CHUNK].astype(np.int64)))
        log("  load surveys", t)
        t = time.perf_counter()
        put(s.benchmark, data["benchmarks"])
        put(s.target, data["targets"])
        put(s.instrument, content.INSTRUMENTS_EFFECT)
        put(s.intervention, data["interventions"])
        for table, rows in zip((s.participation, s.measurement, s.goal), data["forloeb"]):
            put(table, rows)
        reset_sequences(conn)
        log("  load benchmarks, targets, interventions, forløb", t)
        t = time.perf_counter()
        derived.refresh_all(conn)
        log("  data.derived.refresh_all", t)
        if sv["scores"]:
            t = time.perf_counter()
            rid, code, score = sv["scores"]
            for a in range(0, len(rid), CHUNK):
                put(s.survey_score, dict(response_id=rid[a:a + CHUNK], indicator_code=code[a:a + CHUNK],
                                         score=score[a:a + CHUNK]))
            derived.refresh_survey(conn, sv["old_years"], scores=False)
            log(f"  scores and summary of {sv['old_years'][0]}-{sv['old_years'][-1]} (no item answers kept)", t)
    t = time.perf_counter()
    analyze(engine)
    log("  analyze", t)


def build(engine: sa.Engine, scale: str, fraction: float = 1.0, seed: int = 7, answer_years: int = 3,
          data: dict | None = None, log=lambda step, t, note="": None) -> None:
    """Fill the empty database of `engine` at `scale` ('national' | 'demo'); `data`: rows made before."""
    if scale == "demo":
        create_demo(engine, scale=fraction, seed=seed)
        return
    load(engine, data or make(seed, fraction, answer_years, log), seed, fraction, log)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=("national", "demo"), required=True)
    ap.add_argument("--fraction", type=float, default=1.0, help="share of the volume (0.05: a quick run)")
    ap.add_argument("--database-url", action="append", help="SQLAlchemy URL of an empty database (repeatable)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--answer-years", type=int, default=3, help="newest school years with item answers (national)")
    ap.add_argument("--replace", action="store_true", help="delete an existing SQLite file first")
    args = ap.parse_args(argv)
    urls = args.database_url or [DEFAULT_URL[args.scale]]
    started = time.perf_counter()

    def log(step: str, t: float, note: str = "") -> None:
        print(f"{step:<62} {time.perf_counter() - t:8.1f} s  {note}", flush=True)

    data = make(args.seed, args.fraction, args.answer_years, log) if args.scale == "national" else None
    for url in urls:
        u = sa.make_url(url)
        if args.replace and u.get_backend_name() == "sqlite" and u.database and os.path.exists(u.database):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(u.database + suffix):
                    os.remove(u.database + suffix)
        engine = sa.create_engine(url)
        t = time.perf_counter()
        print(f"== {u.render_as_string(hide_password=True)}", flush=True)
        build(engine, args.scale, args.fraction, args.seed, data=data, log=log)
        log("  total for this database", t)
        engine.dispose()
    log("bench.generate, all steps", started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
