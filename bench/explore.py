"""Benchmark of Udforsk: a key figure split by one or two dimensions (queries.explore) against the naive
path (every respondent's scores into pandas, grouped there: bench.trivsel), in one run.

    python -m bench.explore [URL]
    python -m bench.explore URL --every    # every key figure by every dimension Udforsk offers, app path only

The harness first checks that the naive path gives the app's n, mean and interval for every shown group
of social trivsel by gender and by institution (the perturbation off), then times both; the other
splits are timed on the app path alone (what a leader clicks through: years, districts, grade × gender).
Then every key figure of the catalogue split by institution over the whole area, the largest split a role
can ask for; the Effekt ones against the path Udforsk took before it split them in one statement (the key
figure's own series once per school, bench naive "per group"), checked equal first.
"""
from __future__ import annotations

import sys

import pandas as pd

from bench import trivsel as bt
from bench.harness import Case, Same, compare, measure, print_table
from data.config import DEFAULT_URL
from data.db import get_engine, migrate
from queries import explore
from queries.filters import Filters, Scope
from queries.kpis import CATALOGUE

ALL = Scope()
F = Filters()
YEAR = 2025
SAME = Same(keys=("label",), exact=("n",), close=("value", "ci_low", "ci_high"), rtol=1e-9)
# every row, hidden ones too: the same groups, each hidden or shown alike (most schools' forløb are few)
EVERY_ROW = Same(keys=("label",), exact=("n", "suppressed"), close=("value", "ci_low", "ci_high"), flag=None, rtol=1e-9)


def app(dims: tuple[str, ...], filters: Filters = F, code: str = "trivsel_social", year: int | None = YEAR):
    def run(conn) -> pd.DataFrame:
        return explore.split(conn, filters, ALL, code, dims, year)
    return run


def per_group(code: str, dim: str, year: int):
    """The key figure in `year` for each group of `dim`, one series per group (filters narrowed to it)."""
    kpi = CATALOGUE[code]

    def run(conn) -> pd.DataFrame:
        rows = []
        for o in explore.groups(conn, F.in_year(year), ALL, dim, kpi.page):
            series = kpi.series(conn, F.with_(**{dim: o.value}).in_year(year), ALL)
            rows += [dict(label=o.da, n=r.n, value=r.value, ci_low=r.ci_low, ci_high=r.ci_high, suppressed=bool(r.suppressed))
                     for r in series[series["school_year"] == year].itertuples()]
        return pd.DataFrame(rows, columns=["label", "n", "value", "ci_low", "ci_high", "suppressed"])
    return run


def newest(url: str, code: str) -> int:
    """The school year Udforsk opens a key figure in: the newest with a shown figure."""
    with get_engine(url).connect() as conn:
        whole = CATALOGUE[code].series(conn, F, ALL)
    return int(whole.loc[~whole["suppressed"], "school_year"].max())


def naive(column: str, names: dict | None = None):
    """Social trivsel 2025 per group of `column` from every respondent's score, in pandas."""
    def run(conn) -> pd.DataFrame:
        df = bt._scores(conn, F.in_year(YEAR))
        df = df[df["indicator_code"] == "social_trivsel"]
        out = bt._means(df, [column]).rename(columns={"mean": "value"})
        out["label"] = out[column].map(names) if names else out[column]
        return out[["label", "n", "value", "ci_low", "ci_high"]]
    return run


def main(url: str) -> None:
    migrate(get_engine(url))
    with get_engine(url).connect() as conn:
        schools = dict(bt._institutions(conn)[["institution_id", "institution"]].itertuples(index=False))
    cases = [
        Case("by gender", app(("gender",)), naive("gender", {"dreng": "Drenge", "pige": "Piger"}), SAME),
        Case("by institution", app(("institution",)), naive("institution_id", schools), SAME),
        Case("over the school years", app((explore.YEARS,))),
        Case("one municipality by district", app(("distrikt",), Filters(kommune=657))),
        Case("one municipality by institution", app(("institution",), Filters(kommune=657))),
        Case("one municipality, grade x gender", app(("grades", "gender"), Filters(kommune=657))),
        Case("years x gender", app((explore.YEARS, "gender"))),
    ]
    for code, kpi in CATALOGUE.items():
        if kpi.effekt:
            year = newest(url, code)
            cases.append(Case(f"{code} by institution", app(("institution",), code=code, year=None),
                              per_group(code, "institution", year), EVERY_ROW))
        else:
            cases.append(Case(f"{code} by institution", app(("institution",), code=code, year=None)))
    compare(url, cases)


def every(url: str, repeat: int = 3) -> None:
    """Every key figure split by every dimension Udforsk offers the administration, whole area, as the page opens
    it (the newest shown year; the years as a line): cold (a new engine's first call) and warm (median)."""
    migrate(get_engine(url))
    results = [measure(url, f"{code} by {dim}", "app", app((dim,), code=code, year=None), repeat)
               for code in CATALOGUE for dim in explore.splits(code, ALL)]
    print_table(url, results)
    slowest = max(results, key=lambda r: r.cold_ms)
    print(f"\n{len(results)} splits; slowest cold: {slowest.name} {slowest.cold_ms:.0f} ms; "
          f"slowest warm: {max(r.warm_ms for r in results):.0f} ms")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    (every if "--every" in sys.argv else main)(args[0] if args else DEFAULT_URL)
