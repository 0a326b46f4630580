"""`python -m bench.trivsel [--database-url URL]`: the Trivsel page's queries, app path vs naive path.

App path: queries/trivsel.py on the summary table (sufficient statistics). Naive path: read the
respondent-level scores (or answers) into pandas and aggregate there, as a generic BI tool would.
Default database: the embedded demo database data/indblik.db (created if missing).
"""
from __future__ import annotations

import argparse

import pandas as pd
import sqlalchemy as sa

from bench.harness import compare
from data import schema as s
from data.config import DEFAULT_URL
from data.db import get_engine, prepare
from queries import trivsel as q
from queries.filters import Filters, Scope

ALL = Scope.everything()


def _scores(conn, extra_cols=()) -> pd.DataFrame:
    r, sc = s.survey_response, s.survey_score
    sel = sa.select(sc.c.indicator_code, sc.c.score, r.c.school_year, r.c.institution_id, r.c.klassetrin, r.c.gender,
                    *extra_cols).select_from(sc.join(r, r.c.id == sc.c.response_id))
    return pd.read_sql(sel, conn)


def naive_trend(conn):
    df = _scores(conn)
    return df.groupby(["indicator_code", "school_year"])["score"].agg(["count", "mean", "std"])


def naive_bands(conn):
    df = _scores(conn)
    df["band"] = pd.cut(df["score"], [0, 2.05, 3.05, 4.05, 6], right=False)
    return df.groupby(["indicator_code", "school_year", "band"], observed=True).size()


def naive_funnel(conn, year):
    df = _scores(conn)
    df = df[(df["indicator_code"] == "social_trivsel") & (df["school_year"] == year)]
    return df.groupby("institution_id")["score"].agg(["count", "mean", "std"])


def naive_heatmap(conn, year):
    df = _scores(conn)
    return df[df["school_year"] == year].groupby(["klassetrin", "indicator_code"])["score"].agg(["count", "mean"])


def naive_gender(conn, year):
    df = _scores(conn)
    return df[df["school_year"] == year].groupby(["indicator_code", "gender"])["score"].agg(["count", "mean", "std"])


def naive_item(conn, item_id):
    r, a = s.survey_response, s.survey_answer
    df = pd.read_sql(sa.select(r.c.school_year, a.c.value, a.c.item_id)
                     .select_from(a.join(r, r.c.id == a.c.response_id)), conn)
    return df[df["item_id"] == item_id].groupby(["school_year", "value"]).size()


def cases(conn, filters: Filters):
    year = q.latest_year(conn, filters, ALL)
    item_id = int(q.items(conn, q.INSTRUMENT_4_9)["item_id"].iloc[0])
    return [
        ("indicator_trend", lambda c: q.indicator_trend(c, filters, ALL), naive_trend),
        ("band_distribution", lambda c: q.band_distribution(c, filters, ALL), naive_bands),
        ("institution_funnel", lambda c: q.institution_funnel(c, filters, ALL, "social_trivsel", year),
         lambda c: naive_funnel(c, year)),
        ("grade_heatmap", lambda c: q.grade_heatmap(c, filters, ALL, year), lambda c: naive_heatmap(c, year)),
        ("gender_comparison", lambda c: q.gender_comparison(c, filters, ALL, year), lambda c: naive_gender(c, year)),
        ("item_distribution", lambda c: q.item_distribution(c, filters, ALL, item_id), lambda c: naive_item(c, item_id)),
        ("indicators + items (page set-up)", lambda c: (q.indicators(c), q.items(c, q.INSTRUMENT_4_9)), None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if args.database_url == DEFAULT_URL:
        prepare(DEFAULT_URL)
    with get_engine(args.database_url).connect() as conn:
        n_resp = conn.execute(sa.select(sa.func.count()).select_from(s.survey_response)).scalar()
        n_ans = conn.execute(sa.select(sa.func.count()).select_from(s.survey_answer)).scalar()
        kommune = conn.execute(sa.select(sa.func.min(s.municipality.c.kode))).scalar()
        all_cases = cases(conn, Filters())
        kommune_cases = cases(conn, Filters(kommune=kommune))
    print(f"Trivsel page queries: {n_resp:,} respondents, {n_ans:,} answers")
    print("\n== whole population (no filter) ==")
    compare(args.database_url, all_cases, repeat=args.repeat)
    print(f"\n== one municipality ({kommune}) ==")
    compare(args.database_url, kommune_cases, repeat=args.repeat)


if __name__ == "__main__":
    main()
