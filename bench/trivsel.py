"""`python -m bench.trivsel [--database-url URL]`: the Trivsel page's queries, app path vs naive path.

App path: queries/trivsel.py on the summary table (sufficient statistics). Naive path: read the
respondent-level scores (or answers) into pandas, filter them there with the case's filters and
aggregate there, as a generic BI tool would: counts, means and SDs with pandas, t-intervals and
Welch's tests with SciPy on the raw scores, funnel limits from the population's mean and SD. The
harness checks that each naive path gives the figures the app shows before it times anything.
Default database: the embedded demo database data/indblik.db (created if missing).
"""
from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy import stats as sps

from bench.harness import Case, Same, compare, naive_filter, with_centre
from data import schema as s
from data.config import DEFAULT_URL
from data.db import get_engine, prepare
from queries import trivsel as q
from queries.filters import Filters, Scope
from queries.privacy import min_n
from stats.funnel import Z95, Z998, false_discovery, funnel_position

ALL = Scope()
GROUP = ("mean", "ci_low", "ci_high")


# --- raw rows, filtered in pandas ---------------------------------------------------------------
def _institutions(conn) -> pd.DataFrame:
    inst = s.institution
    return pd.read_sql(sa.select(inst.c.id.label("institution_id"), inst.c.name.label("institution"),
                                 inst.c.municipality_kode, inst.c.district_id), conn)


def _filtered(conn, raw: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The raw rows the filters admit: the respondent's institution gives municipality and district."""
    df = raw.merge(_institutions(conn).drop(columns="institution"), on="institution_id", how="left")
    return naive_filter(df, filters, kommune="municipality_kode", distrikt="district_id", institution="institution_id",
                        years="school_year", grades="klassetrin", gender="gender", tilbudsform="provision_form")


def _scores(conn, filters: Filters) -> pd.DataFrame:
    """Every respondent's indicator scores with the respondent's year, institution, grade, gender, form."""
    r, sc = s.survey_response, s.survey_score
    sel = sa.select(sc.c.indicator_code, sc.c.score, r.c.school_year, r.c.institution_id, r.c.klassetrin, r.c.gender,
                    r.c.provision_form).select_from(sc.join(r, r.c.id == sc.c.response_id))
    return _filtered(conn, pd.read_sql(sel, conn), filters)


def _means(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """n, mean, sd and the 95% t-interval of the score per group."""
    out = df.groupby(keys)["score"].agg(n="count", mean="mean", sd="std").reset_index()
    n = out["n"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        half = sps.t.ppf(0.975, np.where(n >= 2, n - 1, np.nan)) * out["sd"].to_numpy() / np.sqrt(n)
    out["ci_low"], out["ci_high"] = out["mean"] - half, out["mean"] + half
    return out


def _welch(a: np.ndarray, b: np.ndarray):
    """mean(a) − mean(b) with Welch's 95% interval and p (SciPy on the raw scores)."""
    t = sps.ttest_ind(a, b, equal_var=False)
    ci = t.confidence_interval(0.95)
    return a.mean() - b.mean(), ci.low, ci.high, t.pvalue


# --- naive paths -------------------------------------------------------------------------------------
def naive_trend(conn, filters: Filters) -> pd.DataFrame:
    """Per indicator and year: n, mean, sd, t-interval; change from the previous year with data (Welch),
    none where either year is hidden (n under the threshold: the app shows no change from a hidden year)."""
    df = _scores(conn, filters)
    out = _means(df, ["indicator_code", "school_year"]).sort_values(["indicator_code", "school_year"], ignore_index=True)
    raw = {k: v.to_numpy() for k, v in df.groupby(["indicator_code", "school_year"])["score"]}
    k = min_n()
    change = np.full((len(out), 4), np.nan)
    for i in range(1, len(out)):
        prev, cur = out.iloc[i - 1], out.iloc[i]
        if prev["indicator_code"] == cur["indicator_code"] and prev["n"] >= k and cur["n"] >= k:
            change[i] = _welch(raw[(cur["indicator_code"], cur["school_year"])],
                               raw[(prev["indicator_code"], prev["school_year"])])
    out["change"], out["change_low"], out["change_high"], out["change_p"] = change.T
    _, beyond = false_discovery(out["change_p"].to_numpy(), q.FDR)  # the app's rule: changes shown at once (BH)
    out["beyond_noise"] = np.asarray(beyond, dtype=bool).reshape(-1)
    return out


def naive_bands(conn, filters: Filters) -> pd.DataFrame:
    """Per indicator and year: n and the share of scores in each published band."""
    df = _scores(conn, filters)
    df["band"] = pd.cut(df["score"], [-np.inf, 2.05, 3.05, 4.05, np.inf], right=False, labels=q.BANDS)
    counts = df.groupby(["indicator_code", "school_year", "band"], observed=False).size().unstack("band")
    counts.columns = [str(c) for c in counts.columns]
    out = counts.div(counts.sum(axis=1), axis=0)
    out["n"] = counts.sum(axis=1)
    return out[out["n"] > 0].reset_index()


def naive_funnel(conn, filters: Filters, year: int) -> pd.DataFrame:
    """Per institution: n, mean, funnel limits at its n around the population's mean with the
    population's respondent-level SD, position; the centre on every row (NaN for a hidden population)."""
    df = _scores(conn, filters.in_year(year))
    df = df[df["indicator_code"] == "social_trivsel"]
    out = df.groupby("institution_id")["score"].agg(n="count", mean="mean").reset_index()
    out = out.merge(_institutions(conn)[["institution_id", "institution"]], on="institution_id")
    centre = df["score"].mean() if len(df) >= min_n() else np.nan
    sd = df["score"].std()
    for z, lo, hi in ((Z95, "lower95", "upper95"), (Z998, "lower998", "upper998")):
        out[lo], out[hi] = centre - z * sd / np.sqrt(out["n"]), centre + z * sd / np.sqrt(out["n"])
    out["position"] = funnel_position(out["mean"].to_numpy(), *(out[c].to_numpy() for c in
                                                                ("lower95", "upper95", "lower998", "upper998")))
    out["centre"] = centre
    return out


def naive_heatmap(conn, filters: Filters, year: int) -> pd.DataFrame:
    """Per grade and indicator in the year: n, mean, t-interval."""
    return _means(_scores(conn, filters.in_year(year)), ["klassetrin", "indicator_code"])


def naive_gender(conn, filters: Filters, year: int) -> pd.DataFrame:
    """Per indicator and gender in the year (the gender filter does not apply): n, mean, t-interval;
    girls minus boys with Welch's interval on both rows where both genders have answers."""
    df = _scores(conn, filters.in_year(year).with_(gender=None))
    out = _means(df, ["indicator_code", "gender"])
    raw = {k: v.to_numpy() for k, v in df.groupby(["indicator_code", "gender"])["score"]}
    rows = []
    for code in out["indicator_code"].unique():
        girls, boys = raw.get((code, "pige")), raw.get((code, "dreng"))
        diff, lo, hi, p = _welch(girls, boys) if girls is not None and boys is not None else (np.nan,) * 4
        rows.append(dict(indicator_code=code, diff=diff, diff_low=lo, diff_high=hi, p=p))
    rows = pd.DataFrame(rows)
    qv, _ = false_discovery(rows["p"].to_numpy(), q.FDR)  # the app's rule: the indicators at once (BH)
    rows["beyond_noise"] = np.asarray(qv, dtype="float64").reshape(-1) < q.FDR
    return out.merge(rows.drop(columns="p"), on="indicator_code")


def naive_item(conn, filters: Filters, item_id: int) -> pd.DataFrame:
    """Per year and answer value: count, the year's n and the share."""
    r, a = s.survey_response, s.survey_answer
    df = pd.read_sql(sa.select(r.c.school_year, r.c.institution_id, r.c.klassetrin, r.c.gender, r.c.provision_form,
                               a.c.value, a.c.item_id).select_from(a.join(r, r.c.id == a.c.response_id)), conn)
    df = _filtered(conn, df[df["item_id"] == item_id], filters)
    out = df.groupby(["school_year", "value"]).size().rename("count").reset_index()
    out["n"] = out.groupby("school_year")["count"].transform("sum")
    out["share"] = out["count"] / out["n"]
    return out


def cases(conn, filters: Filters) -> list[Case]:
    year = q.latest_year(conn, filters, ALL)
    item_id = int(q.items(conn, q.INSTRUMENT_4_9)["item_id"].iloc[0])
    return [
        # landstal is not compared: a national reference read from the benchmark table, not a figure of the rows
        Case("indicator_trend", lambda c: q.indicator_trend(c, filters, ALL), lambda c: naive_trend(c, filters),
             Same(keys=("indicator_code", "school_year"), exact=("n", "beyond_noise"),
                  close=(*GROUP, "sd", "change", "change_low", "change_high", "change_p"))),
        Case("band_distribution", lambda c: q.band_distribution(c, filters, ALL), lambda c: naive_bands(c, filters),
             Same(keys=("indicator_code", "school_year"), exact=("n",), close=q.BANDS, cells=q.BANDS)),
        Case("institution_funnel", lambda c: q.institution_funnel(c, filters, ALL, "social_trivsel", year),
             lambda c: naive_funnel(c, filters, year),
             Same(keys=("institution_id",), exact=("institution", "n", "position"),
                  close=("mean", "lower95", "upper95", "lower998", "upper998", "centre"), view=with_centre)),
        Case("grade_heatmap", lambda c: q.grade_heatmap(c, filters, ALL, year), lambda c: naive_heatmap(c, filters, year),
             Same(keys=("klassetrin", "indicator_code"), exact=("n",), close=GROUP)),
        Case("gender_comparison", lambda c: q.gender_comparison(c, filters, ALL, year),
             lambda c: naive_gender(c, filters, year),
             Same(keys=("indicator_code", "gender"), exact=("n", "beyond_noise"),
                  close=(*GROUP, "diff", "diff_low", "diff_high"))),
        Case("item_distribution", lambda c: q.item_distribution(c, filters, ALL, item_id),
             lambda c: naive_item(c, filters, item_id),
             Same(keys=("school_year", "value"), exact=("n", "count"), close=("share",))),
        Case("indicators + items (page set-up)", lambda c: (q.indicators(c), q.items(c, q.INSTRUMENT_4_9))),
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
