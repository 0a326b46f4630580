"""Trivselsmåling: indicator means, bands, institutions, klassetrin, gender and items.

Every function takes a Connection, the shared Filters and the Scope, aggregates in SQL to
sufficient statistics (n, Σx, Σx²) from `survey_summary` — or, for single items, answer counts —
finishes the statistics in `stats/`, and passes the frame through `queries.privacy.suppress`.
Scores run 1-5 with 5 best. School years are start years (2023 = 2023/24).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.filters import Filters, Scope, where
from queries.privacy import min_n, suppress
from stats.funnel import Z95, Z998, funnel_limits, funnel_position
from stats.means import diff_means_test, mean_ci, mean_sd_from_sums

INSTRUMENT_4_9 = "trivsel_4_9"
INSTRUMENT_0_3 = "trivsel_0_3"

_summ = s.survey_summary


def _summary_where(filters: Filters, scope: Scope) -> list:
    return where(filters, scope, institution=_summ.c.institution_id, year=_summ.c.school_year,
                 grade=_summ.c.klassetrin, gender=_summ.c.gender, form=_summ.c.provision_form)


def _sums(*group_cols) -> sa.Select:
    return sa.select(*group_cols, sa.func.sum(_summ.c.n).label("n"), sa.func.sum(_summ.c.sum_x).label("sum_x"),
                     sa.func.sum(_summ.c.sum_x2).label("sum_x2")).group_by(*group_cols)


def _finish_means(df: pd.DataFrame) -> pd.DataFrame:
    """Add mean, sd, ci_low, ci_high from n, sum_x, sum_x2 (kept for later tests of change)."""
    df["n"] = df["n"].astype("int64")
    for col in ("sum_x", "sum_x2"):
        df[col] = df[col].astype("float64")
    n, sx, sxx = (df[c].to_numpy(dtype="float64") for c in ("n", "sum_x", "sum_x2"))
    df["mean"], df["ci_low"], df["ci_high"] = mean_ci(n, sx, sxx)
    df["sd"] = mean_sd_from_sums(n, sx, sxx)[1]
    return df


def indicators(conn: sa.Connection) -> pd.DataFrame:
    """The indicators of the 4.-9. klasse survey: code, name_da, name_en, in the published order."""
    ind = s.survey_indicator
    q = (sa.select(ind.c.code, ind.c.name_da, ind.c.name_en)
         .where(ind.c.instrument_code == INSTRUMENT_4_9).order_by(ind.c.sort_order))
    return pd.DataFrame(conn.execute(q).all(), columns=["code", "name_da", "name_en"])


def school_years(conn: sa.Connection) -> list[int]:
    """School years (start years) that have survey answers, ascending."""
    q = sa.select(_summ.c.school_year).distinct().order_by(_summ.c.school_year)
    return [int(y) for (y,) in conn.execute(q)]


def latest_year(conn: sa.Connection, filters: Filters, scope: Scope) -> int | None:
    """The newest school year with answers in the filtered population (None if none)."""
    q = sa.select(sa.func.max(_summ.c.school_year)).where(*_summary_where(filters, scope))
    value = conn.execute(q).scalar()
    return int(value) if value is not None else None


def indicator_trend(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """One row per indicator and school year.

    Columns: indicator_code, school_year, n (respondents with a score), mean, ci_low, ci_high
    (95% t-interval), sd, landstal (national reference, NaN where none), and the change from the
    previous shown year: change, change_low, change_high, change_p, beyond_noise (Welch's test on
    independent samples), suppressed. Suppressed rows have NaN in every figure.
    """
    q = _sums(_summ.c.indicator_code, _summ.c.school_year).where(*_summary_where(filters, scope))
    df = pd.DataFrame(conn.execute(q).all(), columns=["indicator_code", "school_year", "n", "sum_x", "sum_x2"])
    df = _finish_means(df).sort_values(["indicator_code", "school_year"], ignore_index=True)
    df["school_year"] = df["school_year"].astype("int64")
    df = suppress(df, ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2"])
    prev = df.groupby("indicator_code")[["n", "sum_x", "sum_x2"]].shift(1)  # the previous shown year
    test = diff_means_test(prev["n"].to_numpy(), prev["sum_x"].to_numpy(), prev["sum_x2"].to_numpy(),
                           df["n"].to_numpy(), df["sum_x"].to_numpy(), df["sum_x2"].to_numpy())
    df["change"], df["change_low"], df["change_high"], df["change_p"] = test.diff, test.lower, test.upper, test.p_value
    df["beyond_noise"] = np.asarray(test.beyond_noise, dtype=bool)
    bm = s.benchmark
    bq = (sa.select(bm.c.measure_code, bm.c.school_year, bm.c.value)
          .where(bm.c.kind == "landstal", bm.c.municipality_kode.is_(None)))
    land = pd.DataFrame(conn.execute(bq).all(), columns=["indicator_code", "school_year", "landstal"])
    land["school_year"] = land["school_year"].astype("int64")
    land["landstal"] = land["landstal"].astype("float64")
    df = df.merge(land, on=["indicator_code", "school_year"], how="left")
    return df.drop(columns=["sum_x", "sum_x2"])


def band_distribution(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Share of respondents in each published band, per indicator and school year.

    Columns: indicator_code, school_year, n, band1..band4 (shares 0-1 for 1,0-2,0 / 2,1-3,0 /
    3,1-4,0 / 4,1-5,0), suppressed.
    """
    bands = [sa.func.sum(getattr(_summ.c, f"band{i}")).label(f"band{i}") for i in range(1, 5)]
    q = (sa.select(_summ.c.indicator_code, _summ.c.school_year, sa.func.sum(_summ.c.n).label("n"), *bands)
         .where(*_summary_where(filters, scope)).group_by(_summ.c.indicator_code, _summ.c.school_year)
         .order_by(_summ.c.indicator_code, _summ.c.school_year))
    cols = ["indicator_code", "school_year", "n", "band1", "band2", "band3", "band4"]
    df = pd.DataFrame(conn.execute(q).all(), columns=cols)
    df["school_year"] = df["school_year"].astype("int64")
    for i in range(1, 5):
        df[f"band{i}"] = df[f"band{i}"].astype("float64") / df["n"].astype("float64")
    return suppress(df, [f"band{i}" for i in range(1, 5)])


class Funnel(NamedTuple):
    """points: one row per institution; curve: the limits over a grid of n; centre: the mean."""

    points: pd.DataFrame
    curve: pd.DataFrame
    centre: float


def institution_funnel(conn: sa.Connection, filters: Filters, scope: Scope, indicator_code: str,
                       school_year: int) -> Funnel:
    """Institutions compared with funnel limits around the mean of the filtered population.

    points: institution_id, institution, n, mean, lower95, upper95, lower998, upper998 (limits at
    the institution's n with the population's respondent-level SD; Spiegelhalter 2005), position
    ('above_998', 'above_95', 'within', 'below_95', 'below_998'; None when suppressed), suppressed.
    Institutions are parts of the shown total, so complementary suppression applies.
    curve: n, lower95, upper95, lower998, upper998 for drawing the funnel. centre: the mean of all
    respondents in the population (NaN when there are none).
    """
    inst = s.institution
    f = filters.with_(year_from=school_year, year_to=school_year)
    q = (_sums(_summ.c.institution_id, inst.c.name)
         .join_from(_summ, inst, inst.c.id == _summ.c.institution_id)
         .where(_summ.c.indicator_code == indicator_code, *_summary_where(f, scope)))
    df = pd.DataFrame(conn.execute(q).all(), columns=["institution_id", "institution", "n", "sum_x", "sum_x2"])
    limit_cols = ["lower95", "upper95", "lower998", "upper998"]
    if df.empty:
        empty = pd.DataFrame(columns=["institution_id", "institution", "n", "mean", *limit_cols, "position", "suppressed"])
        return Funnel(empty, pd.DataFrame(columns=["n", *limit_cols]), float("nan"))
    df = _finish_means(df)
    total_n = int(df["n"].sum())
    centre, sd = (float(v) for v in mean_sd_from_sums(total_n, df["sum_x"].sum(), df["sum_x2"].sum()))
    if total_n < min_n():  # the centre is itself an aggregate: never from fewer than the threshold
        centre = sd = float("nan")

    def limits(n):
        lo95, hi95 = funnel_limits(centre, sd, n, Z95)
        lo998, hi998 = funnel_limits(centre, sd, n, Z998)
        return lo95, hi95, lo998, hi998

    for col, values in zip(limit_cols, limits(df["n"].to_numpy(dtype="float64"))):
        df[col] = values
    df["position"] = funnel_position(df["mean"].to_numpy(), *(df[c].to_numpy() for c in limit_cols))
    df = suppress(df, ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2", *limit_cols], partition=[])
    df.loc[df["suppressed"], "position"] = None
    grid = np.unique(np.linspace(max(2, df["n"].min(skipna=True) if df["n"].notna().any() else 2) * 0.8,
                                 max(10, float(df["n"].max(skipna=True) or 10)) * 1.05, 120))
    curve = pd.DataFrame(dict(zip(["n", *limit_cols], (grid, *limits(grid)))))
    points = df.drop(columns=["sum_x", "sum_x2", "ci_low", "ci_high", "sd"]).sort_values("institution", ignore_index=True)
    return Funnel(points, curve, centre)


def grade_heatmap(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Mean per klassetrin and indicator in one school year.

    Columns: klassetrin, indicator_code, n, mean, ci_low, ci_high, suppressed. The grades of an
    indicator add up to its shown yearly total, so complementary suppression applies per indicator.
    """
    f = filters.with_(year_from=school_year, year_to=school_year)
    q = _sums(_summ.c.klassetrin, _summ.c.indicator_code).where(*_summary_where(f, scope))
    df = pd.DataFrame(conn.execute(q).all(), columns=["klassetrin", "indicator_code", "n", "sum_x", "sum_x2"])
    df = _finish_means(df)
    df["klassetrin"] = df["klassetrin"].astype("int64")
    df = suppress(df, ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2"], partition=["indicator_code"])
    return df.drop(columns=["sum_x", "sum_x2", "sd"]).sort_values(["indicator_code", "klassetrin"], ignore_index=True)


def gender_comparison(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Boys and girls per indicator in one school year, and whether they differ beyond noise.

    Columns: indicator_code, gender, n, mean, ci_low, ci_high, diff (girls minus boys, on both
    rows), diff_low, diff_high, beyond_noise, suppressed.
    """
    f = filters.with_(year_from=school_year, year_to=school_year, gender=None)
    q = _sums(_summ.c.indicator_code, _summ.c.gender).where(*_summary_where(f, scope))
    df = pd.DataFrame(conn.execute(q).all(), columns=["indicator_code", "gender", "n", "sum_x", "sum_x2"])
    df = _finish_means(df)
    df = suppress(df, ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2"], partition=["indicator_code"])
    diffs = {}
    for code, grp in df.groupby("indicator_code"):
        rows = {r.gender: r for r in grp.itertuples()}
        boy, girl = rows.get("dreng"), rows.get("pige")
        if boy is not None and girl is not None and not boy.suppressed and not girl.suppressed:
            t = diff_means_test(boy.n, boy.sum_x, boy.sum_x2, girl.n, girl.sum_x, girl.sum_x2)
            diffs[code] = (t.diff, t.lower, t.upper, bool(t.beyond_noise))
    diff = pd.DataFrame.from_dict(diffs, orient="index", columns=["diff", "diff_low", "diff_high", "beyond_noise"])
    df = df.merge(diff, left_on="indicator_code", right_index=True, how="left")
    df["beyond_noise"] = df["beyond_noise"].fillna(False).astype(bool)
    return df.drop(columns=["sum_x", "sum_x2", "sd"]).sort_values(["indicator_code", "gender"], ignore_index=True)


def items(conn: sa.Connection, instrument_code: str) -> pd.DataFrame:
    """The questions of an instrument: item_id, item_no, text_da, text_en, indicator_code, options (list, worst->best)."""
    it = s.survey_item
    q = (sa.select(it.c.id, it.c.item_no, it.c.text_da, it.c.text_en, it.c.indicator_code, it.c.options_da)
         .where(it.c.instrument_code == instrument_code).order_by(it.c.item_no))
    df = pd.DataFrame(conn.execute(q).all(),
                      columns=["item_id", "item_no", "text_da", "text_en", "indicator_code", "options_da"])
    df["options"] = df.pop("options_da").str.split("|")
    return df


def item_distribution(conn: sa.Connection, filters: Filters, scope: Scope, item_id: int) -> pd.DataFrame:
    """Answers to one question per school year: school_year, value, count, n (answers that year),
    share, suppressed. A year with fewer than the threshold answers is suppressed whole."""
    resp, ans = s.survey_response, s.survey_answer
    q = (sa.select(resp.c.school_year, ans.c.value, sa.func.count().label("count"))
         .select_from(ans.join(resp, resp.c.id == ans.c.response_id))
         .where(ans.c.item_id == item_id,
                *where(filters, scope, institution=resp.c.institution_id, year=resp.c.school_year,
                       grade=resp.c.klassetrin, gender=resp.c.gender, form=resp.c.provision_form))
         .group_by(resp.c.school_year, ans.c.value).order_by(resp.c.school_year, ans.c.value))
    df = pd.DataFrame(conn.execute(q).all(), columns=["school_year", "value", "count"])
    df = df.astype({"school_year": "int64", "value": "int64", "count": "int64"})
    df["n"] = df.groupby("school_year")["count"].transform("sum")
    df["share"] = df["count"] / df["n"]
    return suppress(df, ["count", "share"])
