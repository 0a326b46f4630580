"""Every page's full set of queries, as the page calls them, at demo and national scale, on SQLite and
PostgreSQL, whole country and one municipality — against the naive path and DuckDB — in one run.

    python -m bench.national_pages [--demo URL ...] [--national URL ...] [--repeat N] [--no-naive]

Per page the distinct query calls the page makes through ui.cache.run with its default choices (the
first indicator, instrument and split, the newest year, the first question and intervention), plus
"Sidepanel": the filter bar's option lookups, has_demo_data and freshness, which every new session runs.
cold = the page's set once on a new engine of the app's kind (data.db.get_engine: new connections, an empty
SQLite page cache; the OS file cache may be warm); warm = the median of --repeat further runs.

After all app timings (so the peak RSS printed is the app path's): (a) the naive paths of bench.trivsel,
bench.overgange, bench.effekt, bench.overblik (pandas over respondent/child rows), each run ONCE, its
result checked against the app's (bench.harness.Same, perturbation off) and timed in the same call;
(b) DuckDB (in memory) over the same rows, copied from the database into DuckDB beforehand (not timed):
each page's aggregates written as plain SQL over the rows, warm median of 3; the survey trend's n and
mean and the inklusion counts are checked equal to the naive path's. Pejlemærker and Sidepanel have no
naive path. Prints one table and the peak RSS.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from dataclasses import replace

import duckdb
import pandas as pd
import sqlalchemy as sa

from bench import effekt as be, overblik as bo, overgange as bg, trivsel as bt
from bench.harness import Case, Mismatch, Same, unperturbed
from data.db import get_engine
from queries import effekt as qe, explore, kpis, overgange as qo, pejlemaerker as qp, trivsel as qt
from queries.access import has_demo_data
from queries.filters import DIMENSIONS, Filters, Scope
from ui.effekt.names import ORDER as EFFEKT_ORDER

ALL = Scope()
OVERBLIK = ("trivsel_social", "trivsel_faglig", "trivsel_stoette", "trivsel_ro", "trivsel_generel", "inklusionsgrad",
            "tilgang", "afgang", "nye_special_pr_1000", "tilbagefoersel_2aar", "effekt_andel_forbedret",
            "gas_maal_opnaaet", "frafald")
PAGES = ("Sidepanel", "Overblik", "Trivsel", "Overgange", "Effekt", "Effekt, alle faner", "Pejlemærker", "Udforsk")


# --- the pages' query sets ---------------------------------------------------------------------
def calls(conn, f: Filters, sc: Scope = ALL) -> dict[str, list[tuple]]:
    """page -> [(fn, *args)] as the page calls them; the data-dependent choices looked up as the page does."""
    chosen, side = {}, [(has_demo_data,), (kpis.freshness, f, sc)]
    for dim in DIMENSIONS:
        side.append((dim.options, Filters(**chosen), sc))
        chosen[dim.name] = getattr(f, dim.name)
        if dim.org:
            side.append((dim.options, Filters(**chosen), replace(sc, role="forvaltning", own=frozenset())))
    year = qt.latest_year(conn, f, sc)
    item = int(qt.items(conn, qt.INSTRUMENT_4_9)["item_id"].iloc[0])
    code = next(iter(qt.indicators(conn)["code"]))
    trend = qo.inklusion_trend(conn, f, sc)
    o_year = int(trend["school_year"].max())
    pairs = qo.transition_years(conn, f, sc)
    inst = qe.instruments(conn)
    e_code = next(c for c in EFFEKT_ORDER if c in set(inst["code"]))
    ov = qe.overview(conn, f, sc, e_code)
    ivs = ov.loc[ov["level"] == "indsats", "intervention_id"] if "level" in ov else ov["intervention_id"]
    a = int(ivs.dropna().iloc[0])
    kommuner = dict(qp.municipalities_with_targets(conn, f, sc))
    kode = f.kommune if f.kommune in kommuner else next(iter(kommuner))
    return {
        "Sidepanel": side,
        "Overblik": [(kpis.freshness, f, sc), (kpis.tiles, f, sc, OVERBLIK), (kpis.news, f, sc)],
        "Trivsel": [(qt.indicators,), (qt.latest_year, f, sc), (qt.indicator_trend, f, sc), (qt.band_distribution, f, sc),
                    (qt.institution_funnel, f, sc, code, year), (qt.grade_heatmap, f, sc, year),
                    (qt.gender_comparison, f, sc, year), (qt.items, qt.INSTRUMENT_4_9), (qt.item_distribution, f, sc, item)],
        "Overgange": [(qo.inklusion_trend, f, sc), (qo.inklusion_split, f, sc, "distrikt", o_year),
                      (qo.transition_years, f, sc), (qo.flows, f, sc, pairs[-1]), (qo.tilgang_afgang, f, sc),
                      (qo.return_curve, f, sc, None), (qo.return_by_form, f, sc, None), (qo.school_start, f, sc),
                      (qo.sending_funnel, f, sc)],
        # the page opens on its answer and the first detail tab; each other tab's query runs when it is opened
        "Effekt": [(qe.instruments,), (qe.overview, f, sc, e_code), (qe.change, f, sc, e_code)],
        "Effekt, alle faner": [(qe.instruments,), (qe.overview, f, sc, e_code), (qe.goals, f, sc, e_code),
                               (qe.change, f, sc, e_code), (qe.reliable_change, f, sc, e_code), (qe.cohorts, f, sc, e_code),
                               (qe.compare, f, sc, e_code, a, None)],
        "Pejlemærker": [(qp.municipalities_with_targets, f, sc), (qp.status, f, sc, kode)],
        "Udforsk": [(explore.split, f, sc, next(iter(kpis.CATALOGUE)), (explore.YEARS,), None)],
    }, dict(year=year, item=item, code=e_code, a=a, o_year=o_year)


def _run_set(conn, page_calls) -> float:
    t = time.perf_counter()
    for fn, *args in page_calls:
        fn(conn, *args)
    return (time.perf_counter() - t) * 1000


def time_app(url: str, f: Filters, repeat: int) -> tuple[dict, dict]:
    with get_engine(url).connect() as conn:
        sets, info = calls(conn, f)
    out = {}
    for page in PAGES:
        engine = get_engine.__wrapped__(url)  # a new engine as the app makes it: cold connections and caches
        try:
            with engine.connect() as conn:
                cold = _run_set(conn, sets[page])
                warm = statistics.median(_run_set(conn, sets[page]) for _ in range(repeat))
        finally:
            engine.dispose()
        out[page] = (cold, warm)
    return out, info


# --- (a) the naive paths -----------------------------------------------------------------------
def naive_cases(f: Filters, info: dict) -> dict[str, list[Case]]:
    year, item = info["year"], info["item"]
    trivsel = _trivsel_cases(f, year, item)
    same = {c.name: c.same for c in bg.CASES}
    overgange = [
        Case("inklusion_trend", lambda c: qo.inklusion_trend(c, f, ALL), lambda c: bg.naive_trend(c, f),
             same["inklusion_trend"]),
        Case("tilgang_afgang", lambda c: qo.tilgang_afgang(c, f, ALL), lambda c: bg.naive_tilgang_afgang(c, f),
             same["tilgang_afgang"]),
        Case("flows", lambda c: qo.flows(c, f, ALL, info["o_year"]), lambda c: bg.naive_flows(c, f, info["o_year"]),
             same["flows (Sankey)"]),
        Case("return_curve", lambda c: qo.return_curve(c, f, ALL), lambda c: bg.naive_return(c, f),
             same["return_curve (Kaplan-Meier)"]),
        Case("sending_funnel", lambda c: qo.sending_funnel(c, f, ALL), lambda c: bg.naive_funnel(c, f),
             same["sending_funnel"])]
    effekt = [c for c in be.cases(f, info["code"], info["a"]) if c.naive is not None]
    overblik = [Case("tiles", lambda c: bo.app(c, f), lambda c: bo.naive(c, f), bo.SAME)]
    udforsk = [Case("split by years", lambda c: explore.split(c, f, ALL, "trivsel_social", (explore.YEARS,), None),
                    lambda c: _naive_years(c, f),
                    Same(keys=("school_year",), exact=("n",), close=("value", "ci_low", "ci_high")))]
    return {"Trivsel": trivsel, "Overgange": overgange, "Effekt, alle faner": effekt, "Overblik": overblik, "Udforsk": udforsk}


def _trivsel_cases(f: Filters, year: int, item: int) -> list[Case]:
    """bench.trivsel's cases with the year and question the page uses (looked up once, not per case)."""
    orig_latest, orig_items = bt.q.latest_year, bt.q.items
    try:
        bt.q.latest_year = lambda conn, filters, scope: year
        bt.q.items = lambda conn, code: pd.DataFrame({"item_id": [item]})
        return [c for c in bt.cases(None, f) if c.naive is not None]
    finally:
        bt.q.latest_year, bt.q.items = orig_latest, orig_items


def _naive_years(conn, f: Filters) -> pd.DataFrame:
    df = bt._scores(conn, f)
    df = df[df["indicator_code"] == "social_trivsel"]
    return bt._means(df, ["school_year"]).rename(columns={"mean": "value"})


def time_naive(url: str, f: Filters, info: dict) -> dict[str, float]:
    """Each naive path once: checked against the app's result (perturbation off) and timed in that call."""
    out = {}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn, unperturbed():
            for page, cases in naive_cases(f, info).items():
                total = 0.0
                for case in cases:
                    app = case.app(conn)
                    t = time.perf_counter()
                    naive = case.naive(conn)
                    total += (time.perf_counter() - t) * 1000
                    try:
                        case.same.check(f"{page}: {case.name}", app, naive)
                    except Mismatch as exc:  # a small municipality at a small fraction: nothing shown to compare
                        if "no row to compare" not in str(exc):
                            raise
                        print(f"  not compared: {exc}")
                out[page] = total
    finally:
        engine.dispose()
    return out


# --- (b) DuckDB over the same rows ---------------------------------------------------------------
RAW = {"survey_response": "id, school_year, institution_id, klassetrin, gender, provision_form",
       "survey_score": "response_id, indicator_code, score", "survey_answer": "item_id, response_id, value",
       "institution": "id, municipality_kode, district_id, kind, name", "child": "id, birth_year, gender",
       "placement_snapshot": "school_year, child_id, institution_id, provision_form, klassetrin",
       "participation": "id, intervention_id, child_id, start_date, end_date", "intervention": "id, method, instrument_code",
       "measurement": "participation_id, instrument_code, timepoint, score",
       "goal": "participation_id, weight, gas_score, outcome", "municipality": "kode, name", "target": "*"}


def duck_load(url: str) -> duckdb.DuckDBPyConnection:
    db = duckdb.connect()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        for table, cols in RAW.items():
            frame = pd.read_sql(sa.text(f"SELECT {cols} FROM {table}"), conn)  # noqa: F841 (read by DuckDB by name)
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")
    engine.dispose()
    return db


def duck_sql(f: Filters, info: dict) -> dict[str, list[str]]:
    """Each page's aggregates over the rows, as DuckDB SQL (the organisation filter as a join)."""
    mun = f"AND i.municipality_kode = {f.kommune}" if f.kommune else ""
    resp = f"survey_response r JOIN institution i ON i.id = r.institution_id {mun}"
    scores = f"survey_score s JOIN {resp} ON r.id = s.response_id"
    y = info["year"]
    trend = (f"SELECT indicator_code, school_year, count(*) n, avg(score) mean, stddev_samp(score) sd FROM {scores} "
             "GROUP BY ALL ORDER BY ALL")
    trivsel = [trend,
               f"SELECT indicator_code, school_year, CASE WHEN score < 2.05 THEN 1 WHEN score < 3.05 THEN 2 WHEN score < 4.05 "
               f"THEN 3 ELSE 4 END band, count(*) FROM {scores} GROUP BY ALL",
               f"SELECT r.institution_id, count(*), avg(score), stddev_samp(score) FROM {scores} WHERE school_year = {y} "
               "AND indicator_code = 'social_trivsel' GROUP BY ALL",
               f"SELECT klassetrin, indicator_code, count(*), avg(score), stddev_samp(score) FROM {scores} "
               f"WHERE school_year = {y} GROUP BY ALL",
               f"SELECT indicator_code, r.gender, count(*), avg(score), var_samp(score) FROM {scores} WHERE school_year = {y} "
               "GROUP BY ALL",
               f"SELECT school_year, value, count(*) FROM survey_answer a JOIN {resp} ON r.id = a.response_id "
               f"WHERE a.item_id = {info['item']} GROUP BY ALL"]
    pupils = (f"SELECT p.school_year, p.child_id, p.institution_id, p.provision_form, p.klassetrin, i.municipality_kode "
              f"FROM placement_snapshot p JOIN institution i ON i.id = p.institution_id AND i.kind = 'skole' {mun}")
    inkl = (f"SELECT school_year, count(*) n, sum(CASE WHEN provision_form <> 'almen' THEN 1 ELSE 0 END) segregated "
            f"FROM ({pupils}) GROUP BY ALL ORDER BY ALL")
    moves = (f"FROM ({pupils}) b JOIN ({pupils}) a ON a.child_id = b.child_id AND a.school_year = b.school_year + 1 "
             "AND a.municipality_kode = b.municipality_kode")
    overgange = [inkl, f"SELECT municipality_kode, count(*), sum((provision_form <> 'almen')::int) FROM ({pupils}) "
                       f"WHERE school_year = {info['o_year']} GROUP BY ALL",
                 f"SELECT a.school_year, b.provision_form, a.provision_form, count(*) {moves} GROUP BY ALL",
                 f"SELECT b.institution_id, count(*), sum((b.provision_form = 'almen' AND a.provision_form <> 'almen')::int) "
                 f"{moves} GROUP BY ALL",
                 f"SELECT school_year, provision_form, count(*) FROM ({pupils}) WHERE klassetrin = 0 GROUP BY ALL"]
    forloeb = (f"SELECT p.id, p.intervention_id, v.method, "
               f"avg(m.score) FILTER (WHERE m.timepoint = 'foer') pre, avg(m.score) FILTER (WHERE m.timepoint = 'efter') post "
               f"FROM participation p JOIN intervention v ON v.id = p.intervention_id AND v.instrument_code = '{info['code']}' "
               f"LEFT JOIN measurement m ON m.participation_id = p.id AND m.instrument_code = v.instrument_code "
               f"LEFT JOIN placement_snapshot ps ON ps.child_id = p.child_id "
               f"AND ps.school_year = year(p.start_date::DATE) - (month(p.start_date::DATE) < 8)::int "
               f"LEFT JOIN institution i ON i.id = ps.institution_id WHERE TRUE {mun} GROUP BY ALL")
    effekt = [f"SELECT intervention_id, count(*), count(pre), count(post), avg(post - pre), stddev_samp(post - pre) "
              f"FROM ({forloeb}) GROUP BY ALL",
              f"SELECT method, count(*), avg(post - pre), stddev_samp(post - pre) FROM ({forloeb}) GROUP BY ALL",
              "SELECT p.intervention_id, count(*), sum(g.weight * g.gas_score), sum((g.outcome = 'opnaaet')::int) "
              "FROM goal g JOIN participation p ON p.id = g.participation_id GROUP BY ALL"]
    return {"Trivsel": trivsel, "Overgange": overgange, "Effekt": effekt, "Effekt, alle faner": effekt,
            "Overblik": [trend, inkl, effekt[1]],
            "Udforsk": [f"SELECT school_year, count(*), avg(score), stddev_samp(score) FROM {scores} "
                        "WHERE indicator_code = 'social_trivsel' GROUP BY ALL"],
            "Pejlemærker": [trend, inkl],
            "Sidepanel": [f"SELECT DISTINCT school_year FROM ({pupils})", "SELECT DISTINCT school_year FROM survey_response",
                          "SELECT kode, name FROM municipality", f"SELECT i.id, i.name FROM institution i WHERE TRUE {mun}"]}


def time_duck(db, f: Filters, info: dict, naive_check: tuple | None) -> dict[str, float]:
    out = {}
    for page, sqls in duck_sql(f, info).items():
        runs = []
        for _ in range(4):
            t = time.perf_counter()
            for q in sqls:
                db.execute(q).fetchall()
            runs.append((time.perf_counter() - t) * 1000)
        out[page] = statistics.median(runs[1:])
    if naive_check:  # comparable figures equal: the survey trend's n and mean, the pupils and the segregated
        trend, inkl = naive_check
        d = db.execute(duck_sql(f, info)["Trivsel"][0]).df()
        Same(keys=("indicator_code", "school_year"), exact=("n",), close=("mean",), flag=None).check("DuckDB trend", trend, d)
        d = db.execute(duck_sql(f, info)["Overgange"][0]).df()
        Same(keys=("school_year",), exact=("n", "segregated"), flag=None).check("DuckDB inklusion", inkl, d)
    return out


# --- the run -------------------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.national_pages", description=__doc__.splitlines()[0])
    ap.add_argument("--demo", action="append", default=[], help="URL of a demo-scale database (repeatable)")
    ap.add_argument("--national", action="append", default=[], help="URL of a national-scale database (repeatable)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-naive", action="store_true")
    args = ap.parse_args(argv)
    runs = [("demo", u) for u in args.demo] + [("national", u) for u in args.national]
    rows, infos = [], {}
    for scale, url in runs:
        kommune = get_engine(url).connect().exec_driver_sql("SELECT min(kode) FROM municipality").scalar()
        for scope, f in (("land", Filters()), (f"kommune {kommune}", Filters(kommune=kommune))):
            t = time.perf_counter()
            app, info = time_app(url, f, args.repeat)
            infos[(scale, url, scope)] = (f, info)
            rows += [dict(scale=scale, db=sa.make_url(url).get_backend_name(), url=url, scope=scope, page=p,
                          cold=c, warm=w) for p, (c, w) in app.items()]
            print(f"app timed: {scale} {sa.make_url(url).get_backend_name()} {scope} ({time.perf_counter() - t:.0f} s)",
                  flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the app path (all runs above, one process): {rss:.0f} MB", flush=True)
    naive, duck = {}, {}
    for scale, url in runs:
        db = duck_load(url)
        for scope in [k[2] for k in infos if k[:2] == (scale, url)]:
            f, info = infos[(scale, url, scope)]
            check = None
            if not args.no_naive:
                naive[(url, scope)] = time_naive(url, f, info)
                with get_engine(url).connect() as conn:
                    check = (bt.naive_trend(conn, f), bg.naive_trend(conn, f))
            duck[(url, scope)] = time_duck(db, f, info, check)
            print(f"naive and DuckDB done: {scale} {sa.make_url(url).get_backend_name()} {scope}", flush=True)
        db.close()
    print(f"\n{'page':<18} {'scope':<13} {'scale':<8} {'db':<10} {'cold ms':>9} {'warm ms':>9} {'naive ms':>10} "
          f"{'x naive':>8} {'DuckDB ms':>10} {'app/DuckDB':>10}")
    for r in rows:
        nv = naive.get((r["url"], r["scope"]), {}).get(r["page"])
        dk = duck.get((r["url"], r["scope"]), {}).get(r["page"])
        print(f"{r['page']:<18} {r['scope']:<13} {r['scale']:<8} {r['db']:<10} {r['cold']:>9.0f} {r['warm']:>9.1f} "
              + (f"{nv:>10.0f} {nv / r['warm']:>8.0f}" if nv else f"{'—':>10} {'—':>8}")
              + (f" {dk:>10.1f} {r['warm'] / dk:>10.2f}" if dk else f" {'—':>10} {'—':>10}"))
    print(f"\npeak RSS of the app path: {rss:.0f} MB (naive and DuckDB ran after it was read)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
