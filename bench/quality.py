"""Benchmark of the data-quality queries (queries.quality) against the naive path (the raw rows into
pandas, checked there), in one run.

    python -m bench.quality [SQLITE_FILE]      # default: the demo database data/indblik.db

The demo data has no overlapping placements, so the run works on a copy of the file with 40 planted
(a second, open placement from 15 January 2025 for 40 children): the overlap check then compares rows.
The harness first checks that each naive path gives the app's figures (response rates without the
cell-key perturbation), then times both and prints medians.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile

import numpy as np
import pandas as pd
import sqlalchemy as sa

from bench.harness import Case, Same, compare
from data import schema as s
from data.config import DEFAULT_URL
from data.db import get_engine, migrate
from queries import quality as q
from queries import quality_rates as qr
from queries.filters import Filters, Scope

ALL, F = Scope(), Filters()


def app(fn):
    return lambda conn: fn(conn, F, ALL)


def _read(conn, table) -> pd.DataFrame:
    return pd.read_sql(sa.select(table), conn)


def _school_year(dates) -> pd.Series:
    d = pd.to_datetime(dates)
    return (d.dt.year - (d.dt.month < 8)).astype("int64")


def _raw(conn) -> dict[str, pd.DataFrame]:
    t = {name: _read(conn, getattr(s, name)) for name in (
        "municipality", "institution", "placement", "survey_round", "survey_response", "intervention", "participation",
        "measurement", "goal", "benchmark", "instrument", "survey_score", "survey_indicator", "survey_instrument",
        "placement_snapshot", "child")}
    inst_mun = t["institution"].set_index("id")["municipality_kode"]
    iv_mun = t["intervention"].set_index("id")["municipality_kode"]
    t["placement"]["mun"] = t["placement"]["institution_id"].map(inst_mun)
    t["participation"]["mun"] = t["participation"]["intervention_id"].map(iv_mun)
    part = t["participation"].set_index("id")
    for name in ("measurement", "goal"):
        t[name]["mun"] = t[name]["participation_id"].map(part["mun"])
    t["survey_response"]["mun"] = t["survey_response"]["round_id"].map(t["survey_round"].set_index("id")["municipality_kode"])
    return t


def naive_row_counts(conn) -> pd.DataFrame:
    t = _raw(conn)
    part_start = t["participation"].set_index("id")["start_date"]
    years = {"survey_response": t["survey_response"]["school_year"], "placement": _school_year(t["placement"]["start_date"]),
             "participation": _school_year(t["participation"]["start_date"]),
             "measurement": _school_year(t["measurement"]["measured_on"]),
             "goal": _school_year(t["goal"]["participation_id"].map(part_start))}
    out = [pd.DataFrame({"table": q.TABLES[k], "municipality_kode": t[k]["mun"], "school_year": y})
           for k, y in years.items()]
    out.append(pd.DataFrame({"table": q.TABLES["benchmark"], "municipality_kode": t["benchmark"]["municipality_kode"],
                             "school_year": t["benchmark"]["school_year"]}))
    df = pd.concat(out).fillna({"municipality_kode": -1})
    return df.groupby(["table", "municipality_kode", "school_year"]).size().rename("rows").reset_index() \
        .replace({"municipality_kode": {-1: None}})


def naive_missing(conn) -> pd.DataFrame:
    t = _raw(conn)
    p = t["placement"]
    newest = p.groupby("child_id")["start_date"].transform("max")
    inst, iv = t["institution"], t["intervention"]
    checks = [("placement", "slutdato", p["mun"], p["end_date"].isna() & (p["start_date"] < newest)),
              ("survey_response", "køn", t["survey_response"]["mun"], ~t["survey_response"]["gender"].isin(s.GENDERS)),
              ("measurement", "informant", t["measurement"]["mun"], t["measurement"]["informant"].isna()),
              ("goal", "GAS-score", t["goal"]["mun"], t["goal"]["gas_score"].isna() & t["goal"]["outcome"].isna()),
              ("intervention", "effektmål", iv["municipality_kode"], iv["instrument_code"].isna()),
              ("institution", "institutionsnummer", inst["municipality_kode"], inst["institutionsnummer"].isna()),
              ("institution", "distrikt", inst["municipality_kode"], inst["district_id"].isna())]
    out = [pd.DataFrame({"table": q.TABLES[k], "column": c, "municipality_kode": mun, "m": miss.astype(int)})
           .groupby(["table", "column", "municipality_kode"]).agg(rows_missing=("m", "sum"), rows_total=("m", "size"))
           .reset_index() for k, c, mun, miss in checks]
    return pd.concat(out)


def naive_out_of_range(conn) -> pd.DataFrame:
    t = _raw(conn)
    m = t["measurement"].merge(t["instrument"], left_on="instrument_code", right_on="code")
    sc = t["survey_score"].merge(t["survey_response"][["id", "mun"]], left_on="response_id", right_on="id") \
        .merge(t["survey_indicator"][["code", "instrument_code"]], left_on="indicator_code", right_on="code") \
        .merge(t["survey_instrument"][["code", "n_options"]], left_on="instrument_code", right_on="code")
    snap = t["placement_snapshot"].merge(t["child"][["id", "birth_year"]], left_on="child_id", right_on="id") \
        .merge(t["institution"][["id", "kind", "municipality_kode"]], left_on="institution_id", right_on="id")
    grade = snap["school_year"] - snap["birth_year"] - 6
    bad_snap = snap[(snap["kind"] == "skole") & ((grade < 0) | (grade > 10))].drop_duplicates(["municipality_kode", "child_id"])
    p = t["participation"]
    mp = t["measurement"].merge(p[["id", "start_date", "end_date"]], left_on="participation_id", right_on="id")
    on, start, end = (pd.to_datetime(mp[c]) for c in ("measured_on", "start_date", "end_date"))
    days = pd.Timedelta(days=q.AROUND)
    far = (on < start - days) | (end.notna() & (mp["timepoint"] != "opfoelgning") & (on > end + days))
    pl = t["placement"]
    checks = [m.loc[(m["score"] < m["min_score"]) | (m["score"] > m["max_score"]), "mun"],
              sc.loc[(sc["score"] < 1) | (sc["score"] > sc["n_options"]), "mun"], bad_snap["municipality_kode"],
              pl.loc[pd.to_datetime(pl["end_date"]) < pd.to_datetime(pl["start_date"]), "mun"],
              p.loc[pd.to_datetime(p["end_date"]) < pd.to_datetime(p["start_date"]), "mun"], mp.loc[far, "mun"]]
    names = [c[0] for c in q._range_checks(conn)]
    rows = [(name, k, int((mun == k).sum())) for name, mun in zip(names, checks) for k in t["municipality"]["kode"]]
    return pd.DataFrame(rows, columns=["check", "municipality_kode", "rows"])


def naive_overlaps(conn) -> pd.DataFrame:
    t = _raw(conn)
    p = t["placement"][["id", "child_id", "mun", "start_date", "end_date"]].copy()
    for c in ("start_date", "end_date"):
        p[c] = pd.to_datetime(p[c])
    p["end"] = p["end_date"].fillna(pd.Timestamp("2262-01-01"))
    pairs = p.merge(p, on="child_id", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["id_a"] < pairs["id_b"]) & (pairs["start_date_a"] < pairs["end_b"])
                  & (pairs["start_date_b"] < pairs["end_a"])]
    pairs = pairs.assign(school_year=_school_year(pairs[["start_date_a", "start_date_b"]].max(axis=1)))
    each = pd.concat([pairs[["child_id", "school_year", "mun_a"]].rename(columns={"mun_a": "municipality_kode"}),
                      pairs[["child_id", "school_year", "mun_b"]].rename(columns={"mun_b": "municipality_kode"})])
    return each.drop_duplicates().groupby(["municipality_kode", "school_year"]).size().rename("children").reset_index()


def naive_response_rates(conn) -> pd.DataFrame:
    t = _raw(conn)
    rd = t["survey_round"].merge(t["survey_instrument"], left_on="instrument_code", right_on="code")
    resp = t["survey_response"].groupby("round_id").size()
    snap = t["placement_snapshot"].merge(t["institution"][["id", "kind", "municipality_kode"]],
                                         left_on="institution_id", right_on="id")
    snap = snap[(snap["kind"] == "skole") & snap["klassetrin"].notna()]
    pupils = [int(((snap["school_year"] == r.school_year) & (snap["municipality_kode"] == r.municipality_kode)
                   & snap["klassetrin"].between(r.grade_from, r.grade_to)).sum()) for r in rd.itertuples()]
    out = rd[["instrument_code", "school_year", "municipality_kode"]].assign(
        respondents=rd["id"].map(resp).fillna(0).to_numpy(), pupils=pupils)
    out["response_rate"] = np.where(out["pupils"] > 0, out["respondents"] / out["pupils"].clip(lower=1), np.nan)
    return out


def naive_latest(conn) -> pd.DataFrame:
    t = _raw(conn)
    rows = [("nyeste trivselsmåling", t["survey_round"], "municipality_kode", "school_year"),
            ("nyeste placeringsstart", t["placement"], "mun", "start_date"),
            ("nyeste måling", t["measurement"], "mun", "measured_on"),
            ("nyeste forløbsstart", t["participation"], "mun", "start_date")]
    out = [df.groupby(mun)[col].max().rename("value").reset_index().rename(columns={mun: "municipality_kode"})
           .assign(measure=measure) for measure, df, mun, col in rows]
    df = pd.concat(out)
    df["shown"] = [q.school_year_label(int(v)) if isinstance(v, (int, np.integer)) else q.danish_date(pd.Timestamp(v).date())
                   for v in df["value"]]
    return df[["measure", "municipality_kode", "shown"]]


def plant_overlaps(url: str, children: int = 40) -> None:
    """A second, open placement from 15 January 2025 for the first children with an open one."""
    engine = get_engine(url)
    with engine.begin() as conn:
        p = s.placement
        rows = conn.execute(sa.select(p.c.child_id, p.c.institution_id, p.c.provision_form)
                            .where(p.c.end_date.is_(None)).order_by(p.c.child_id).limit(children)).all()
        conn.execute(p.insert(), [dict(child_id=c, institution_id=i, provision_form=f, start_date=dt.date(2025, 1, 15))
                                  for c, i, f in rows])
    engine.dispose()


def main(path: str) -> None:
    copy = f"{tempfile.mkdtemp()}/quality.db"
    shutil.copy(path, copy)
    url = f"sqlite:///{copy}"
    migrate(get_engine(url))
    plant_overlaps(url)
    latest = Same(keys=("measure", "municipality_kode"), exact=("shown",), flag=None,
                  view=lambda df: df[df["measure"].isin(["nyeste trivselsmåling", "nyeste placeringsstart",
                                                         "nyeste måling", "nyeste forløbsstart"])])
    cases = [
        Case("row counts", app(q.row_counts), naive_row_counts,
             Same(keys=("table", "municipality_kode", "school_year"), exact=("rows",), flag=None)),
        Case("missing values", app(q.missing_values), naive_missing,
             Same(keys=("table", "column", "municipality_kode"), exact=("rows_missing", "rows_total"), flag=None,
                  view=lambda df: df.assign(column=df["column"].str.split(" ").str[0]))),
        Case("out of range", app(q.out_of_range), naive_out_of_range,
             Same(keys=("check", "municipality_kode"), exact=("rows",), flag=None)),
        Case("overlapping placements", app(q.overlapping_placements), naive_overlaps,
             Same(keys=("municipality_kode", "school_year"), exact=("children",), flag=None)),
        Case("response rates", app(qr.response_rates), naive_response_rates,
             Same(keys=("instrument_code", "school_year", "municipality_kode"), exact=("respondents", "pupils"),
                  close=("response_rate",))),
        Case("latest dates", app(q.latest_dates), naive_latest, latest),
        Case("summary", app(qr.summary)),
    ]
    compare(url, cases)
    shutil.rmtree(copy.rsplit("/", 1)[0], ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else sa.make_url(DEFAULT_URL).database)
