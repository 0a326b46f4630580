"""Benchmark of Overblik: the KPI tiles (queries.kpis.tiles, 13 KPIs through the domains' queries) against
the naive path (the same wellbeing and inclusion figures from every respondent's and child's row in
pandas, bench.trivsel / bench.overgange), in one run.

    python -m bench.overblik [URL]

The harness first checks that the naive path gives the tiles' newest values, n and change for the five
wellbeing indicators and the inklusionsgrad (the tiles the naive path can compute), then times both.
"""
from __future__ import annotations

import sys

import pandas as pd

from bench import overgange as bo, trivsel as bt
from bench.harness import Case, Same, compare
from data.config import DEFAULT_URL
from data.db import migrate, get_engine
from queries import kpis
from queries.filters import Filters, Scope

F, ALL = Filters(), Scope()
CODES = ("trivsel_social", "trivsel_faglig", "trivsel_stoette", "trivsel_ro", "trivsel_generel", "inklusionsgrad",
         "tilgang", "afgang", "nye_special_pr_1000", "tilbagefoersel_2aar", "effekt_andel_forbedret", "gas_maal_opnaaet",
         "frafald")
CHECKED = {code: ind for code, ind, _ in kpis._TRIVSEL}


def app(conn, filters: Filters) -> pd.DataFrame:
    """What Overblik runs: the tiles and 'Hvad er nyt' (the tiles' figures are what the naive path checks)."""
    kpis.news(conn, filters, ALL)
    t = kpis.tiles(conn, filters, ALL, CODES)
    return t[t["code"].isin([*CHECKED, "inklusionsgrad"])].assign(suppressed=lambda d: d["value"].isna())


def naive(conn, filters: Filters) -> pd.DataFrame:
    """The newest year's value, n and change of the wellbeing indicators and the inklusionsgrad, from raw rows."""
    rows = []
    trend = bt.naive_trend(conn, filters)
    for code, indicator in CHECKED.items():
        last = trend[trend["indicator_code"] == indicator].sort_values("school_year").iloc[-1]
        rows.append(dict(code=code, school_year=last["school_year"], n=last["n"], value=last["mean"],
                         change=last["change"]))
    inkl = bo.naive_trend(conn, filters).sort_values("school_year")
    last, prev = inkl.iloc[-1], inkl.iloc[-2]
    rows.append(dict(code="inklusionsgrad", school_year=last["school_year"], n=last["n"], value=last["inklusionsgrad"],
                     change=last["inklusionsgrad"] - prev["inklusionsgrad"]))
    return pd.DataFrame(rows)


SAME = Same(keys=("code",), exact=("school_year", "n"), close=("value", "change"))


def main(argv: list[str]) -> int:
    url = argv[0] if argv else DEFAULT_URL
    migrate(get_engine(url))
    with get_engine(url).connect() as conn:
        kommune = conn.exec_driver_sql("SELECT min(kode) FROM municipality").scalar()
    cases = [Case("Overblik: 13 tiles + Hvad er nyt", lambda c: app(c, F), lambda c: naive(c, F), SAME),
             Case("Overblik: 13 tiles + nyt, one kommune", lambda c: app(c, Filters(kommune=kommune)),
                  lambda c: naive(c, Filters(kommune=kommune)), SAME)]
    compare(url, cases, repeat=7, naive_repeat=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
