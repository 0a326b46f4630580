"""Trivselsmåling: indicator means, bands, institutions, klassetrin, gender and items.

Every function takes a Connection, the shared Filters and the Scope, aggregates in SQL to
sufficient statistics (n, Σx, Σx², and the sum of the respondents' record keys) from
`survey_summary` — or, for single items, answer counts from `survey_item_summary` — perturbs them (the
cell-key method), finishes the statistics in `stats/` from the perturbed sums and protects the rows with its declared `Result`
before the one DataFrame it returns is made (queries.contract). Scores run 1-5 with 5 best. School
years are start years (2023 = 2023/24).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries import funnel
from queries.columns import Cols, fetch, order, take, split_detail
from queries.contract import Cell, Count, Guard, Moments, Result, lookup, query
from queries.filters import SURVEY, SURVEY_ITEM_YEARS, SURVEY_ITEMS, SURVEY_YEARS, Filters, Scope, Source, covers, where
from stats.funnel import false_discovery
from stats.means import diff_means_test, mean_ci, mean_sd_from_sums

INSTRUMENT_4_9 = "trivsel_4_9"
INSTRUMENT_0_3 = "trivsel_0_3"
BANDS = ("band1", "band2", "band3", "band4")  # 1,0-2,0 / 2,1-3,0 / 3,1-4,0 / 4,1-5,0

_summ = s.survey_summary
_SUMS = ("n", "_sum_x", "_sum_x2")
_MEAN = ("mean", "ci_low", "ci_high")
DOMAIN = "trivsel"  # its own suppression threshold: at least the ministry's (queries.privacy.min_n)
FDR = 0.05  # the false discovery rate kept where many comparisons are shown at once (Benjamini-Hochberg)
SCORE_NOISE = 2.0  # the cell-key method's magnitude noise on a sum of scores, in score points (docs/privacy.md)
_SCORE_COUNT = (Count("n", key="_key"),)
_SCORE_MOMENTS = (Moments("n", first=("_sum_x",), second=(("_sum_x2", 0, 0),), scale=SCORE_NOISE),)


def _result(**declaration) -> Result:
    """A result of the wellbeing survey: under the survey's own suppression threshold."""
    return Result(domain=DOMAIN, **declaration)


def _cells(filters: Filters) -> tuple[sa.Table, Source]:
    """The table a query of `filters` adds up, and its filter columns: survey_year_summary (survey_summary's
    cells added up over grade, gender and form, ~1/30 of the rows) when no dimension it lacks is chosen, else
    survey_summary. The same sums either way (tests/data/test_summaries.py)."""
    if covers(SURVEY_YEARS, filters, SURVEY):
        return s.survey_year_summary, SURVEY_YEARS
    return _summ, SURVEY


def _sums(*group_cols, t: sa.Table = _summ) -> sa.Select:
    return sa.select(*group_cols, sa.func.sum(t.c.n).label("n"), sa.func.sum(t.c.sum_x).label("sum_x"),
                     sa.func.sum(t.c.sum_x2).label("sum_x2"),
                     sa.func.sum(t.c.key_sum).label("key")).group_by(*group_cols)


def _scale_top(conn: sa.Connection) -> dict[str, float]:
    """Each indicator's highest score (its instrument's number of options); the lowest is 1."""
    ind, ins = s.survey_indicator, s.survey_instrument
    q = sa.select(ind.c.code, ins.c.n_options).join_from(ind, ins, ins.c.code == ind.c.instrument_code)
    return {code: float(n) for code, n in conn.execute(q)}


def _fetch_means(conn: sa.Connection, q: sa.Select, keys: list[str], result: Result, ints=()) -> Cols:
    """The rows of a _sums query, perturbed by `result`, as columns: n, _sum_x, _sum_x2 and mean,
    ci_low, ci_high, sd from them. Means and intervals stay on the indicator's scale (1 .. options)."""
    d = result.perturb(fetch(conn, q, [*keys, *_SUMS, "_key"], ints=(*ints, "n"), floats=("_sum_x", "_sum_x2")))
    top = _scale_top(conn)
    scale = (1.0, np.array([top.get(c, np.inf) for c in d["indicator_code"]], dtype="float64"))
    d["mean"], d["ci_low"], d["ci_high"] = (np.asarray(v, dtype="float64")
                                            for v in mean_ci(d["n"], d["_sum_x"], d["_sum_x2"], scale=scale))
    d["sd"] = np.asarray(mean_sd_from_sums(d["n"], d["_sum_x"], d["_sum_x2"])[1], dtype="float64")
    return d


def _test(d: Cols, first: np.ndarray, second: np.ndarray):
    """Welch's test of the means of rows `second` against rows `first` (index arrays, -1 = none)."""
    take_ = lambda c, i: np.where(i >= 0, d[c][np.maximum(i, 0)], np.nan)  # noqa: E731
    return diff_means_test(*(take_(c, first) for c in _SUMS), *(take_(c, second) for c in _SUMS))


def indicators(conn: sa.Connection) -> pd.DataFrame:
    """The indicators of the 4.-9. klasse survey: code, name_da, name_en, in the published order."""
    ind = s.survey_indicator
    q = (sa.select(ind.c.code, ind.c.name_da, ind.c.name_en)
         .where(ind.c.instrument_code == INSTRUMENT_4_9).order_by(ind.c.sort_order))
    return pd.DataFrame(conn.execute(q).all(), columns=["code", "name_da", "name_en"])


@lookup
def latest_year(conn: sa.Connection, filters: Filters, scope: Scope) -> int | None:
    """The newest school year with answers in the filtered population (None if none)."""
    t, source = _cells(filters)
    q = sa.select(sa.func.max(t.c.school_year)).where(*where(filters, scope, source))
    value = conn.execute(q).scalar()
    return int(value) if value is not None else None


TREND = _result(keys=("indicator_code", "school_year"), counts=_SCORE_COUNT, moments=_SCORE_MOMENTS,
               guards=(Guard(n="n", values=(*_MEAN, "sd", "_sum_x", "_sum_x2", "change", "change_low", "change_high",
                                            "change_p", "change_q", "beyond_noise")),),
               public=("landstal",))


@query(TREND)
def indicator_trend(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """One row per indicator and school year.

    Columns: indicator_code, school_year, n (respondents with a score), mean, ci_low, ci_high
    (95% t-interval), sd, and the change from the previous shown year: change, change_low,
    change_high, change_p (Welch's test on independent samples), change_q (Benjamini-Hochberg over
    every change in the result), beyond_noise (change_q < 0.05); suppressed;
    landstal (national reference, NaN where none). Suppressed rows have NaN in every figure.
    """
    t, source = _cells(filters)
    q = _sums(t.c.indicator_code, t.c.school_year, t=t).where(*where(filters, scope, source))
    d = _fetch_means(conn, q, ["indicator_code", "school_year"], TREND, ints=("school_year",))
    d = TREND.protect(take(d, order(d["indicator_code"], d["school_year"])))
    code = d["indicator_code"]
    rows = np.arange(len(code))
    prev = np.where(np.r_[False, code[1:] == code[:-1]] if len(code) else np.zeros(0, bool), rows - 1, -1)
    test = _test(d, prev, rows)  # the previous shown year (a hidden one has NaN sums: no change)
    d["change"], d["change_low"], d["change_high"], d["change_p"] = (
        np.asarray(v, dtype="float64") for v in (test.diff, test.lower, test.upper, test.p_value))
    # every year's change of every indicator is shown at once: control the false discovery rate
    q_values, beyond = false_discovery(d["change_p"], FDR)
    d["change_q"] = np.asarray(q_values, dtype="float64").reshape(-1)
    d["beyond_noise"] = np.asarray(beyond, dtype=bool).reshape(-1)
    bm = s.benchmark
    bq = (sa.select(bm.c.measure_code, bm.c.school_year, bm.c.value)
          .where(bm.c.kind == "landstal", bm.c.municipality_kode.is_(None)))
    land = {(c, int(y)): float(v) for c, y, v in conn.execute(bq)}
    d["landstal"] = np.array([land.get((c, int(y)), np.nan) for c, y in zip(code, d["school_year"])], dtype="float64")
    return d


# Udforsk's split of an indicator in one school year by one dimension, in one statement: each group's row is
# the row indicator_trend gives for the filters narrowed to that group (the same sums, so the same
# perturbation, and the same per-row guard), without one query per group.
SPLIT_BY = {"kommune": s.institution.c.municipality_kode, "distrikt": s.institution.c.district_id,
            "institution": _summ.c.institution_id, "grades": _summ.c.klassetrin, "gender": _summ.c.gender}
_CELL_DIMS = ("grades", "gender")  # splits that need survey_summary's cells
SPLIT = _result(keys=("key", "indicator_code"), counts=_SCORE_COUNT, moments=_SCORE_MOMENTS,
                guards=(Guard(n="n", values=(*_MEAN, "sd", "_sum_x", "_sum_x2")),),
                detail=(("_institution", "institution"), ("_district", "distrikt")))


@query(SPLIT)
def indicator_split(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, school_year: int) -> pd.DataFrame:
    """Every indicator in one school year per group of `dim` (a key of SPLIT_BY). Columns: key (the group's
    value of that filter dimension), indicator_code, n, mean, ci_low, ci_high, sd, suppressed."""
    by = SPLIT_BY[dim]
    t, source = (_summ, SURVEY) if dim in _CELL_DIMS else _cells(filters)
    by = t.c.institution_id if dim == "institution" else by
    q = _sums(by.label("key"), t.c.indicator_code, t=t).where(*where(filters.in_year(school_year), scope, source))
    if by.table is s.institution:
        q = q.select_from(t.join(s.institution, s.institution.c.id == t.c.institution_id))
    d = _fetch_means(conn, q, ["key", "indicator_code"], SPLIT)
    d = split_detail(d, dim)  # rows about one school or district (queries.contract)
    return SPLIT.protect(d)


_BAND_COUNTS = tuple(f"_{b}" for b in BANDS)
BAND_SHARES = _result(
    keys=("indicator_code", "school_year"),
    counts=(Count("n", key="_key"), *(Count(c, key=f"{c}_key") for c in _BAND_COUNTS)),
    guards=(Guard(n="n", cells=tuple(Cell(c, (b,)) for c, b in zip(_BAND_COUNTS, BANDS)), parts=(_BAND_COUNTS,)),))


@query(BAND_SHARES)
def band_distribution(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Share of respondents in each published band, per indicator and school year.

    Columns: indicator_code, school_year, n, band1..band4 (shares 0-1 for 1,0-2,0 / 2,1-3,0 /
    3,1-4,0 / 4,1-5,0, of the perturbed band counts), suppressed. A band of 1 to threshold − 1
    respondents is hidden, and then the smallest other band of that year too (they add up to n).
    """
    t, source = _cells(filters)
    sums = [sa.func.sum(t.c[c]).label(c) for b in BANDS for c in (b, f"{b}_key")]
    q = (sa.select(t.c.indicator_code, t.c.school_year, sa.func.sum(t.c.n).label("n"),
                   sa.func.sum(t.c.key_sum).label("key"), *sums)
         .where(*where(filters, scope, source)).group_by(t.c.indicator_code, t.c.school_year)
         .order_by(t.c.indicator_code, t.c.school_year))
    names = [c for b in _BAND_COUNTS for c in (b, f"{b}_key")]
    d = fetch(conn, q, ["indicator_code", "school_year", "n", "_key", *names], ints=("school_year", "n", *_BAND_COUNTS))
    d = BAND_SHARES.perturb(d)
    total = sum(np.asarray(d[c], dtype="float64") for c in _BAND_COUNTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        for c, b in zip(_BAND_COUNTS, BANDS):
            d[b] = np.where(total > 0, d[c] / total, np.nan)
    return BAND_SHARES.protect(d)


FUNNEL = _result(keys=("institution_id", "institution"), counts=_SCORE_COUNT, moments=_SCORE_MOMENTS,
                guards=(Guard(n="n", values=("mean", *funnel.LIMITS, "position", *funnel.TESTS, "_sum_x", "_sum_x2"),
                              partition=()),), public=funnel.REFERENCE, detail=(("institution_id", "institution"),))


@query(FUNNEL)
def institution_funnel(conn: sa.Connection, filters: Filters, scope: Scope, indicator_code: str,
                       school_year: int) -> funnel.Funnel:
    """Institutions compared with funnel limits around the mean of the filtered population.

    points: institution_id, institution, n, mean, lower95, upper95, lower998, upper998 (limits at
    the institution's n with the population's respondent-level SD; Spiegelhalter 2005), position
    ('above_998', 'above_95', 'within', 'below_95', 'below_998'; None when suppressed), p_value (z-test
    against the centre), q_value (Benjamini-Hochberg over the shown institutions), outlier ('above' |
    'below' where q_value < 0.05, else None), centre and spread (the population's mean and
    respondent-level SD, on every row), suppressed.
    Institutions are parts of the shown total, so complementary suppression applies.
    curve: n, lower95, upper95, lower998, upper998 for drawing the funnel. centre: the mean of all
    respondents in the population (NaN when there are none or fewer than the threshold).
    """
    inst, (t, source) = s.institution, _cells(filters)
    q = (_sums(t.c.institution_id, inst.c.name, t=t)
         .join_from(t, inst, inst.c.id == t.c.institution_id)
         .where(t.c.indicator_code == indicator_code, *where(filters.in_year(school_year), scope, source)))
    d = fetch(conn, q, ["institution_id", "institution", *_SUMS, "_key"], ints=("institution_id", "n"),
              floats=("_sum_x", "_sum_x2"))
    return funnel.means(d, FUNNEL, scale=(1.0, _scale_top(conn).get(indicator_code, np.inf)))


HEATMAP = _result(keys=("klassetrin", "indicator_code"), counts=_SCORE_COUNT, moments=_SCORE_MOMENTS,
                 guards=(Guard(n="n", values=_MEAN, partition=("indicator_code",)),))


@query(HEATMAP)
def grade_heatmap(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Mean per klassetrin and indicator in one school year.

    Columns: klassetrin, indicator_code, n, mean, ci_low, ci_high, suppressed. The grades of an
    indicator add up to its shown yearly total, so complementary suppression applies per indicator.
    """
    q = _sums(_summ.c.klassetrin, _summ.c.indicator_code).where(*where(filters.in_year(school_year), scope, SURVEY))
    d = _fetch_means(conn, q, ["klassetrin", "indicator_code"], HEATMAP, ints=("klassetrin",))
    return HEATMAP.protect(take(d, order(d["indicator_code"], d["klassetrin"])))


GENDER = _result(keys=("indicator_code", "gender"), counts=_SCORE_COUNT, moments=_SCORE_MOMENTS,
                guards=(Guard(n="n", values=(*_MEAN, "_sum_x", "_sum_x2", "diff", "diff_low", "diff_high", "diff_p", "diff_q",
                                            "beyond_noise"),
                              partition=("indicator_code",)),))


@query(GENDER)
def gender_comparison(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Boys and girls per indicator in one school year, and whether they differ beyond noise.

    Columns: indicator_code, gender, n, mean, ci_low, ci_high, diff (girls minus boys, on both
    rows), diff_low, diff_high, diff_p (Welch), diff_q (Benjamini-Hochberg over the indicators),
    beyond_noise (diff_q < 0.05), suppressed.
    """
    f = filters.in_year(school_year).with_(gender=None)
    q = _sums(_summ.c.indicator_code, _summ.c.gender).where(*where(f, scope, SURVEY))
    d = _fetch_means(conn, q, ["indicator_code", "gender"], GENDER)
    d = GENDER.protect(take(d, order(d["indicator_code"], d["gender"])))
    at = {(c, g): i for i, (c, g) in enumerate(zip(d["indicator_code"], d["gender"])) if not d["suppressed"][i]}
    pairs = [(at.get((c, "dreng")), at.get((c, "pige"))) for c in d["indicator_code"]]
    both = np.array([b is not None and g is not None for b, g in pairs], dtype=bool)
    boy = np.array([b if ok else -1 for (b, _), ok in zip(pairs, both)], dtype="int64")
    girl = np.array([g if ok else -1 for (_, g), ok in zip(pairs, both)], dtype="int64")
    t = _test(d, boy, girl)
    for col, values in (("diff", t.diff), ("diff_low", t.lower), ("diff_high", t.upper), ("diff_p", t.p_value)):
        d[col] = np.where(both, np.asarray(values, dtype="float64"), np.nan)
    # the indicators are compared at once: control the false discovery rate over them (each test once)
    first = np.array([i == at.get((c, "dreng")) for i, c in enumerate(d["indicator_code"])], dtype=bool)
    q_first, _ = false_discovery(np.where(first, d["diff_p"], np.nan), FDR)
    q_by_code = {c: q for c, q, f in zip(d["indicator_code"], np.asarray(q_first).reshape(-1), first) if f}
    d["diff_q"] = np.array([q_by_code.get(c, np.nan) for c in d["indicator_code"]], dtype="float64")
    d["beyond_noise"] = both & (d["diff_q"] < FDR)
    return d


_PREV = ("mean_prev", "_sum_xp", "_sum_x2p")
CHANGES = _result(
    keys=("institution_id", "institution", "indicator_code"),
    counts=(Count("n", key="_key"), Count("n_prev", key="_key_prev")),
    moments=(Moments("n", first=("_sum_x",), second=(("_sum_x2", 0, 0),), scale=SCORE_NOISE),
             Moments("n_prev", first=("_sum_xp",), second=(("_sum_x2p", 0, 0),), scale=SCORE_NOISE)),
    guards=(Guard(n="n", values=("mean", "_sum_x", "_sum_x2", "change", "change_p"), partition=("indicator_code",)),
            # the change is computed only where both years are shown (so it is hidden with either)
            Guard(n="n_prev", values=_PREV, flag="prev_suppressed", partition=("indicator_code",))),
    detail=(("institution_id", "institution"),))


@query(CHANGES)
def institution_changes(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Each institution's mean per indicator in `school_year` and the year before, and the change
    (Welch's test on independent samples) — for Overblik's "Hvad er nyt", which judges all of them at once.

    Columns: institution_id, institution, indicator_code, n, mean, n_prev, mean_prev, change,
    change_p (NaN unless both years are shown), suppressed, prev_suppressed. The institutions of an
    indicator add up to its total in each year: complementary suppression applies per year."""
    inst, (t, source) = s.institution, _cells(filters)
    y = t.c.school_year

    def year_sum(col, year):
        return sa.func.sum(sa.case((y == year, col), else_=0))
    q = (sa.select(t.c.institution_id, inst.c.name, t.c.indicator_code,
                   *(year_sum(t.c[c], school_year) for c in ("n", "key_sum", "sum_x", "sum_x2")),
                   *(year_sum(t.c[c], school_year - 1) for c in ("n", "key_sum", "sum_x", "sum_x2")))
         .join_from(t, inst, inst.c.id == t.c.institution_id)
         .where(*where(filters.with_(years=(school_year - 1, school_year)), scope, source))
         .group_by(t.c.institution_id, inst.c.name, t.c.indicator_code))
    d = fetch(conn, q, ["institution_id", "institution", "indicator_code", "n", "_key", "_sum_x", "_sum_x2",
                        "n_prev", "_key_prev", "_sum_xp", "_sum_x2p"], ints=("institution_id", "n", "n_prev"),
              floats=("_sum_x", "_sum_x2", "_sum_xp", "_sum_x2p"))
    d = CHANGES.perturb(d)
    top = _scale_top(conn)
    scale = (1.0, np.array([top.get(c, np.inf) for c in d["indicator_code"]], dtype="float64"))
    d["mean"] = np.asarray(mean_ci(d["n"], d["_sum_x"], d["_sum_x2"], scale=scale)[0], dtype="float64")
    d["mean_prev"] = np.asarray(mean_ci(d["n_prev"], d["_sum_xp"], d["_sum_x2p"], scale=scale)[0], dtype="float64")
    d["change"], d["change_p"] = np.full(len(d["n"]), np.nan), np.full(len(d["n"]), np.nan)
    d = CHANGES.protect(d)
    both = ~np.asarray(d["suppressed"], dtype=bool) & ~np.asarray(d["prev_suppressed"], dtype=bool)
    test = diff_means_test(d["n_prev"], d["_sum_xp"], d["_sum_x2p"], d["n"], d["_sum_x"], d["_sum_x2"])
    d["change"] = np.where(both, np.asarray(test.diff, dtype="float64"), np.nan)
    d["change_p"] = np.where(both, np.asarray(test.p_value, dtype="float64"), np.nan)
    return take(d, order(d["indicator_code"], d["institution"]))


def items(conn: sa.Connection, instrument_code: str) -> pd.DataFrame:
    """The questions of an instrument: item_id, item_no, text_da, text_en, indicator_code, options (list, worst->best)."""
    it = s.survey_item
    q = (sa.select(it.c.id, it.c.item_no, it.c.text_da, it.c.text_en, it.c.indicator_code, it.c.options_da)
         .where(it.c.instrument_code == instrument_code).order_by(it.c.item_no))
    df = pd.DataFrame(conn.execute(q).all(),
                      columns=["item_id", "item_no", "text_da", "text_en", "indicator_code", "options_da"])
    df["options"] = df.pop("options_da").str.split("|")
    return df


ANSWERS = _result(keys=("school_year", "value"), counts=(Count("n", key="_n_key"), Count("count", key="_key")),
                 guards=(Guard(n="n", counts=("count",), values=("share",), partition=("school_year",)),))


@query(ANSWERS)
def item_distribution(conn: sa.Connection, filters: Filters, scope: Scope, item_id: int) -> pd.DataFrame:
    """Answers to one question per school year: school_year, value, n (answers that year), count
    (answers with this value), share, suppressed. Only answers on the instrument's scale count (a
    "ved ikke" coded outside it is left out, as in the indicator scores). A year with fewer than the threshold answers is
    hidden whole; an answer given by 1 to threshold − 1 respondents is hidden, and then, as the
    answers add up to the year's n, the next smallest answer of that year too."""
    item, ins = s.survey_item, s.survey_instrument
    summ, source = ((s.survey_item_year_summary, SURVEY_ITEM_YEARS) if covers(SURVEY_ITEM_YEARS, filters, SURVEY_ITEMS)
                    else (s.survey_item_summary, SURVEY_ITEMS))  # the same counts either way (tests/data/test_summaries.py)
    on_scale = summ.c.value.between(1, sa.select(ins.c.n_options).join_from(item, ins, ins.c.code == item.c.instrument_code)
                                    .where(item.c.id == item_id).scalar_subquery())
    q = (sa.select(summ.c.school_year, summ.c.value, sa.func.sum(summ.c.n).label("count"), sa.func.sum(summ.c.key_sum))
         .where(summ.c.item_id == item_id, on_scale, *where(filters, scope, source))
         .group_by(summ.c.school_year, summ.c.value).order_by(summ.c.school_year, summ.c.value))
    d = fetch(conn, q, ["school_year", "value", "count", "_key"], ints=("school_year", "value", "count"))
    per_year: dict = {}
    for y, c, k in zip(d["school_year"], d["count"], d["_key"]):  # the year's answers: their count and keys
        per_year[y] = (per_year.get(y, (0, 0))[0] + c, per_year.get(y, (0, 0))[1] + int(k))
    d["n"] = np.array([per_year[y][0] for y in d["school_year"]], dtype="int64")
    d["_n_key"] = np.array([per_year[y][1] for y in d["school_year"]], dtype=object)
    d = ANSWERS.perturb(d)
    answered = {y: d["count"][d["school_year"] == y].sum() for y in per_year}  # the perturbed answers of the year
    d["share"] = np.array([c / answered[y] if answered[y] > 0 else np.nan for y, c in zip(d["school_year"], d["count"])])
    return ANSWERS.protect(d)
