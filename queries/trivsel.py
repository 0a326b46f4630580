"""Trivselsmåling: indicator means, bands, institutions, klassetrin, gender and items.

Every function takes a Connection, the shared Filters and the Scope, aggregates in SQL to
sufficient statistics (n, Σx, Σx²) from `survey_summary` — or, for single items, answer counts —
finishes the statistics in `stats/` and hides small groups with `queries.privacy.suppressed_mask`
before the one DataFrame it returns is made (queries/columns.py).
Scores run 1-5 with 5 best. School years are start years (2023 = 2023/24).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.filters import Filters, Scope, where
from queries.columns import Cols, fetch, frame, hide, order, take
from queries.privacy import min_n, suppressed_mask
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


_STATS = ["n", "sum_x", "sum_x2"]


def _fetch_sums(conn: sa.Connection, q: sa.Select, keys: list[str], ints=()) -> Cols:
    """The rows of a _sums query as columns with mean, sd, ci_low, ci_high finished from n, Σx, Σx²
    (n, sum_x, sum_x2 kept for later tests of change)."""
    d = fetch(conn, q, [*keys, *_STATS], ints=(*ints, "n"), floats=("sum_x", "sum_x2"))
    d["mean"], d["ci_low"], d["ci_high"] = (np.asarray(v, dtype="float64") for v in mean_ci(d["n"], d["sum_x"], d["sum_x2"]))
    d["sd"] = np.asarray(mean_sd_from_sums(d["n"], d["sum_x"], d["sum_x2"])[1], dtype="float64")
    return d


def _groups(*keys) -> np.ndarray:
    """Integer codes of the groups formed by equal `keys` (the partition for complementary suppression)."""
    seen: dict = {}
    return np.array([seen.setdefault(k, len(seen)) for k in zip(*keys)], dtype="int64")


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
    d = _fetch_sums(conn, q, ["indicator_code", "school_year"], ints=("school_year",))
    d = take(d, order(d["indicator_code"], d["school_year"]))
    hide(d, suppressed_mask(d["n"]), ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2", "n"])
    code = d["indicator_code"]
    same = np.r_[False, code[1:] == code[:-1]] if len(code) else np.zeros(0, dtype=bool)  # a previous year exists
    prev = {c: np.where(same, np.roll(d[c], 1), np.nan) for c in _STATS}  # the previous shown year
    test = diff_means_test(prev["n"], prev["sum_x"], prev["sum_x2"], d["n"], d["sum_x"], d["sum_x2"])
    d["change"], d["change_low"], d["change_high"], d["change_p"] = (
        np.asarray(v, dtype="float64") for v in (test.diff, test.lower, test.upper, test.p_value))
    d["beyond_noise"] = np.asarray(test.beyond_noise, dtype=bool)
    bm = s.benchmark
    bq = (sa.select(bm.c.measure_code, bm.c.school_year, bm.c.value)
          .where(bm.c.kind == "landstal", bm.c.municipality_kode.is_(None)))
    land = {(c, int(y)): float(v) for c, y, v in conn.execute(bq)}
    d["landstal"] = np.array([land.get((c, int(y)), np.nan) for c, y in zip(code, d["school_year"])], dtype="float64")
    return frame(d, ["indicator_code", "school_year", "n", "mean", "ci_low", "ci_high", "sd", "suppressed", "change",
                     "change_low", "change_high", "change_p", "beyond_noise", "landstal"])


def band_distribution(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Share of respondents in each published band, per indicator and school year.

    Columns: indicator_code, school_year, n, band1..band4 (shares 0-1 for 1,0-2,0 / 2,1-3,0 /
    3,1-4,0 / 4,1-5,0), suppressed.
    """
    bands = [sa.func.sum(getattr(_summ.c, f"band{i}")).label(f"band{i}") for i in range(1, 5)]
    q = (sa.select(_summ.c.indicator_code, _summ.c.school_year, sa.func.sum(_summ.c.n).label("n"), *bands)
         .where(*_summary_where(filters, scope)).group_by(_summ.c.indicator_code, _summ.c.school_year)
         .order_by(_summ.c.indicator_code, _summ.c.school_year))
    bands = [f"band{i}" for i in range(1, 5)]
    d = fetch(conn, q, ["indicator_code", "school_year", "n", *bands], ints=("school_year", "n"), floats=bands)
    for b in bands:
        d[b] = d[b] / d["n"]
    hide(d, suppressed_mask(d["n"]), [*bands, "n"])
    return frame(d, ["indicator_code", "school_year", "n", *bands, "suppressed"])


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
    d = _fetch_sums(conn, q, ["institution_id", "institution"], ints=("institution_id",))
    limit_cols = ["lower95", "upper95", "lower998", "upper998"]
    cols = ["institution_id", "institution", "n", "mean", *limit_cols, "position", "suppressed"]
    if not len(d["n"]):
        return Funnel(pd.DataFrame(columns=cols), pd.DataFrame(columns=["n", *limit_cols]), float("nan"))
    total_n = int(d["n"].sum())
    centre, sd = (float(v) for v in mean_sd_from_sums(total_n, d["sum_x"].sum(), d["sum_x2"].sum()))
    if total_n < min_n():  # the centre is itself an aggregate: never from fewer than the threshold
        centre = sd = float("nan")

    def limits(n):
        lo95, hi95 = funnel_limits(centre, sd, n, Z95)
        lo998, hi998 = funnel_limits(centre, sd, n, Z998)
        return lo95, hi95, lo998, hi998

    for col, values in zip(limit_cols, limits(d["n"].astype("float64"))):
        d[col] = np.asarray(values, dtype="float64")
    d["position"] = np.array(funnel_position(d["mean"], *(d[c] for c in limit_cols)), dtype=object)
    hidden = suppressed_mask(d["n"], np.zeros(len(d["n"]), dtype=int))
    hide(d, hidden, ["mean", "ci_low", "ci_high", "sd", "sum_x", "sum_x2", *limit_cols, "n"])
    d["position"][hidden] = None
    shown_n = d["n"][~hidden]
    grid = np.unique(np.linspace(max(2, shown_n.min() if len(shown_n) else 2) * 0.8,
                                 max(10, float(shown_n.max() if len(shown_n) else 10)) * 1.05, 120))
    curve = pd.DataFrame(dict(zip(["n", *limit_cols], (grid, *limits(grid)))))
    return Funnel(frame(take(d, order(d["institution"])), cols), curve, centre)


def grade_heatmap(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Mean per klassetrin and indicator in one school year.

    Columns: klassetrin, indicator_code, n, mean, ci_low, ci_high, suppressed. The grades of an
    indicator add up to its shown yearly total, so complementary suppression applies per indicator.
    """
    f = filters.with_(year_from=school_year, year_to=school_year)
    q = _sums(_summ.c.klassetrin, _summ.c.indicator_code).where(*_summary_where(f, scope))
    d = _fetch_sums(conn, q, ["klassetrin", "indicator_code"], ints=("klassetrin",))
    hide(d, suppressed_mask(d["n"], _groups(d["indicator_code"])), ["mean", "ci_low", "ci_high", "n"])
    d = take(d, order(d["indicator_code"], d["klassetrin"]))
    return frame(d, ["klassetrin", "indicator_code", "n", "mean", "ci_low", "ci_high", "suppressed"])


def gender_comparison(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Boys and girls per indicator in one school year, and whether they differ beyond noise.

    Columns: indicator_code, gender, n, mean, ci_low, ci_high, diff (girls minus boys, on both
    rows), diff_low, diff_high, beyond_noise, suppressed.
    """
    f = filters.with_(year_from=school_year, year_to=school_year, gender=None)
    q = _sums(_summ.c.indicator_code, _summ.c.gender).where(*_summary_where(f, scope))
    d = _fetch_sums(conn, q, ["indicator_code", "gender"])
    hide(d, suppressed_mask(d["n"], _groups(d["indicator_code"])), ["mean", "ci_low", "ci_high", "sum_x", "sum_x2", "n"])
    d = take(d, order(d["indicator_code"], d["gender"]))
    at = {(c, g): i for i, (c, g) in enumerate(zip(d["indicator_code"], d["gender"])) if not d["suppressed"][i]}
    pairs = [(at.get((c, "dreng")), at.get((c, "pige"))) for c in d["indicator_code"]]
    boy = np.array([b if b is not None and g is not None else -1 for b, g in pairs], dtype="int64")
    girl = np.array([g if b is not None and g is not None else -1 for b, g in pairs], dtype="int64")
    both = boy >= 0
    t = diff_means_test(*(d[c][boy] for c in _STATS), *(d[c][girl] for c in _STATS))
    for col, values in (("diff", t.diff), ("diff_low", t.lower), ("diff_high", t.upper)):
        d[col] = np.where(both, np.asarray(values, dtype="float64"), np.nan)
    d["beyond_noise"] = both & np.asarray(t.beyond_noise, dtype=bool)
    return frame(d, ["indicator_code", "gender", "n", "mean", "ci_low", "ci_high", "suppressed", "diff", "diff_low",
                     "diff_high", "beyond_noise"])


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
    d = fetch(conn, q, ["school_year", "value", "count"], ints=("school_year", "value", "count"))
    per_year = {}
    for y, c in zip(d["school_year"], d["count"]):
        per_year[y] = per_year.get(y, 0) + c
    d["n"] = np.array([per_year[y] for y in d["school_year"]], dtype="int64")
    d["share"] = d["count"] / d["n"]
    hide(d, suppressed_mask(d["n"]), ["count", "share", "n"])
    return frame(d, ["school_year", "value", "count", "n", "share", "suppressed"])
