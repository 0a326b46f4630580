"""The KPI catalogue: every key figure the product follows up on, defined once.

A KPI has a code (the one pejlemærker use in `target.kpi_code`), a Danish and an English name and
plain definition, a unit, the direction of "better", the page that explains it, the dimensions it
can be split by, the Landstal it is compared with (a `benchmark.measure_code`, where one exists), and
its `series`: the KPI per school year for the filtered population, computed by the domain's own
queries (so the privacy contract, the perturbation and the suppression come with it; nothing is
typed in). Overblik, Pejlemærker, Udforsk and the meeting mode read the catalogue.

A series has one row per school year: school_year, n (the group the value rests on), value,
ci_low, ci_high (95 %), count (the numerator of a share, NaN for a mean), change (from the previous
shown year) and change_p (its test: Welch for a mean, the two-proportion z-test for a share; NaN
for the first year and where a year is hidden), suppressed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries import effekt as qe
from queries import overgange as qo
from queries import trivsel as qt
from queries.contract import lookup
from queries.filters import Filters, Scope
from stats.funnel import false_discovery
from stats.means import diff_proportions_test, proportion_ci

SERIES = ["school_year", "n", "value", "ci_low", "ci_high", "count", "change", "change_p", "suppressed"]
UNITS = ("mean", "share", "per1000")  # a 1-5 score; a share 0-1; a rate per 1,000 pupils
EFFEKT_YEARS = 5  # Effekt's KPIs per start year, for the newest years of the filter (one query per year)


@dataclass(frozen=True)
class Kpi:
    code: str
    name: tuple[str, str]
    definition: tuple[str, str]
    unit: str
    better: str                     # 'higher' | 'lower'
    page: str                       # the page that explains it: 'trivsel' | 'overgange' | 'effekt'
    splits: tuple[str, ...]         # the filter dimensions it can be split by
    benchmark: str | None           # benchmark.measure_code of its Landstal
    series: Callable[..., pd.DataFrame]  # (conn, filters, scope, memo=None) -> the per-year frame (SERIES)
    indicator: str | None = None    # a wellbeing KPI's survey indicator (Udforsk splits it in one statement)
    effekt: str | None = None       # an Effekt KPI's EFFEKT entry (the same)

    def text(self, lang: str) -> str:
        return self.name[0] if lang == "da" else self.name[1]


# --- the series, from the domains' queries ---------------------------------------------------------
def _run(memo: dict | None, fn: Callable, conn, *args):
    """A domain query, once per set of arguments when several KPIs read it (the five indicators one trend)."""
    if memo is None:
        return fn(conn, *args)
    key = (fn.__qualname__, args)
    if key not in memo:
        memo[key] = fn(conn, *args)
    return memo[key]


def _frame(d: dict) -> pd.DataFrame:
    df = pd.DataFrame({c: d.get(c, np.nan) for c in SERIES})
    df["school_year"] = df["school_year"].astype("int64")
    df["suppressed"] = df["suppressed"].astype(bool)
    return df.sort_values("school_year").reset_index(drop=True)


def _share_changes(df: pd.DataFrame) -> pd.DataFrame:
    """change_p of a share against the previous shown year (two-proportion z-test on the shown counts)."""
    p, change = np.full(len(df), np.nan), np.full(len(df), np.nan)
    prev = None
    for i, r in df.iterrows():
        if r["suppressed"] or pd.isna(r["count"]) or pd.isna(r["n"]):
            continue
        if prev is not None:
            p[i] = diff_proportions_test(prev["count"], prev["n"], r["count"], r["n"]).p_value
            change[i] = r["value"] - prev["value"]
        prev = r
    df["change_p"], df["change"] = p, change
    return df


def _indicator(code: str) -> Callable:
    def series(conn, filters: Filters, scope: Scope, memo: dict | None = None) -> pd.DataFrame:
        t = _run(memo, qt.indicator_trend, conn, filters, scope)
        t = t[t["indicator_code"] == code]
        return _frame(dict(school_year=t["school_year"], n=t["n"], value=t["mean"], ci_low=t["ci_low"],
                           ci_high=t["ci_high"], change=t["change"], change_p=t["change_p"], suppressed=t["suppressed"]))
    return series


def _inklusion(segregated: bool) -> Callable:
    def series(conn, filters: Filters, scope: Scope, memo: dict | None = None) -> pd.DataFrame:
        t = _run(memo, qo.inklusion_trend, conn, filters, scope)
        if segregated:
            d = dict(value=t["segregeringsgrad"], ci_low=1 - t["ci_high"], ci_high=1 - t["ci_low"], count=t["segregated"])
        else:
            d = dict(value=t["inklusionsgrad"], ci_low=t["ci_low"], ci_high=t["ci_high"], count=t["almen"])
        return _share_changes(_frame(dict(school_year=t["school_year"], n=t["n"], suppressed=t["suppressed"], **d)))
    return series


def _moved(measure: str) -> Callable:
    def series(conn, filters: Filters, scope: Scope, memo: dict | None = None) -> pd.DataFrame:
        t = _run(memo, qo.tilgang_afgang, conn, filters, scope)
        t = t[t["measure"] == measure]
        return _share_changes(_frame(dict(school_year=t["school_year"], n=t["n"], value=t["rate"], ci_low=t["ci_low"],
                                          ci_high=t["ci_high"], count=t["count"], suppressed=t["suppressed"])))
    return series


def _new_per_1000(conn, filters: Filters, scope: Scope, memo: dict | None = None) -> pd.DataFrame:
    """Children who moved from an ordinary class into special provision this year, per 1,000 pupils
    (all pupils on this year's count date): the tilgang counted against the whole school population."""
    t = _run(memo, qo.tilgang_afgang, conn, filters, scope)
    t = t[t["measure"] == "tilgang"].set_index("school_year")
    pupils = _run(memo, qo.inklusion_trend, conn, filters, scope).set_index("school_year")
    years = [y for y in t.index if y in pupils.index]
    count, n = t.loc[years, "count"].to_numpy(dtype="float64"), pupils.loc[years, "n"].to_numpy(dtype="float64")
    hidden = t.loc[years, "suppressed"].to_numpy(dtype=bool) | pupils.loc[years, "suppressed"].to_numpy(dtype=bool)
    return _share_changes(_frame(dict(school_year=years, **per_1000(count, n, hidden))))


def per_1000(count: np.ndarray, n: np.ndarray, hidden: np.ndarray) -> dict:
    """New in special provision per 1,000 pupils from the tilgang's count and the pupils' n (each perturbed and
    guarded by its own query): rate and Wilson interval, everything empty where either part is hidden."""
    rate, low, high = (np.asarray(v, dtype="float64") * 1000 for v in proportion_ci(count, n))
    return dict(n=np.where(hidden, np.nan, n), count=np.where(hidden, np.nan, count), value=np.where(hidden, np.nan, rate),
                ci_low=np.where(hidden, np.nan, low), ci_high=np.where(hidden, np.nan, high), suppressed=hidden)


def _back_within_2(conn, filters: Filters, scope: Scope, memo: dict | None = None) -> pd.DataFrame:
    """Of the children who entered special provision in a school year, the share back in an ordinary
    class two years later (Kaplan-Meier, 95 % log(-log)); only entry years followed for two years."""
    rows = []
    followed = qo.transition_years(conn, filters.with_(years=None), scope)[:-2]  # the data's, not the filter's
    lo, hi = filters.years or (min(followed, default=0), max(followed, default=0))
    for year in (y for y in followed if lo <= y <= hi):
        km = qo.return_curve(conn, filters, scope, year).set_index("time")
        if 2 not in km.index:
            continue
        r = km.loc[2]
        rows.append(dict(school_year=year, n=r["entered"], value=r["back"], ci_low=r["back_low"], ci_high=r["back_high"],
                         suppressed=bool(r["suppressed"])))
    if not rows:
        return pd.DataFrame(columns=SERIES)
    return _frame({c: [r[c] for r in rows] if c in rows[0] else np.nan for c in SERIES})


def _effekt(conn, filters: Filters, scope: Scope, pick: str, memo: dict | None = None) -> pd.DataFrame:
    """An Effekt KPI (EFFEKT, by `pick`) per start school year of the forløb (the newest EFFEKT_YEARS of the filter
    with forløb measured before and after on the first instrument), all years in one statement per query.

    The newest EFFEKT_YEARS start years are asked first: a year's figure is its own group's (effekt_split), so they
    are the same rows, from half the forløb at national scale; the filter's whole range only when fewer of them
    have a cohort."""
    d, newest = None, _newest_years(conn, filters)
    if newest is not None:
        d = effekt_split(conn, newest, scope, pick, "years", memo=memo)
        d = d if len(d) >= EFFEKT_YEARS else None
    if d is None:
        d = effekt_split(conn, filters, scope, pick, "years", memo=memo)
    d = d.sort_index().tail(EFFEKT_YEARS)
    if d.empty:
        return pd.DataFrame(columns=SERIES)
    d = d.rename_axis("school_year").reset_index()
    return _share_changes(_frame({c: d[c] if c in d else np.nan for c in SERIES}))


def _newest_years(conn, filters: Filters) -> Filters | None:
    """`filters` narrowed to the newest EFFEKT_YEARS start years (up to the newest with forløb on the first
    instrument) within the filter's years; None when that is no narrower."""
    f = s.forloeb_summary
    newest = conn.execute(sa.select(sa.func.max(f.c.start_year)).where(f.c.instrument_code == qe.ORDER[0])).scalar()
    if newest is None:
        return None
    lo, hi = filters.years or (None, None)
    hi = newest if hi is None else min(hi, newest)
    window = (hi - EFFEKT_YEARS + 1 if lo is None else max(lo, hi - EFFEKT_YEARS + 1), hi)
    return None if filters.years == window else filters.with_(years=window)


def effekt_split(conn, filters: Filters, scope: Scope, pick: str, dim: str, year: int | None = None,
                 memo: dict | None = None) -> pd.DataFrame:
    """The Effekt KPI `pick` (EFFEKT) for every group of `dim` (queries.effekt.SPLIT_BY, "years" included) in
    start school year `year` (None: the filters' years), in one statement per query, indexed by the group's key:
    n, count, value, ci_low, ci_high (Wilson 95 %), suppressed — the row its series gives for the filters
    narrowed to that group. A group has a row only where it has forløb measured before and after on the first
    instrument (the years of a series are those cohorts')."""
    _, by, code, of = EFFEKT[pick]
    filters = filters if year is None else filters.in_year(year)
    first = _run(memo, qe.reliable_change_by, conn, filters, scope, qe.ORDER[0], dim)
    got = (first if pick == "improved" else by(conn, filters, scope, code, dim)).set_index("key")
    rows = [(k, *of(got.loc[k] if k in got.index else None)) for k in first["key"]]
    d = pd.DataFrame(rows, columns=["key", "n", "count", "suppressed"]).set_index("key")
    shown = ~d["suppressed"].astype(bool) & d["n"].notna() & d["count"].notna()
    d.loc[~shown, ["n", "count"]] = np.nan
    d["value"], d["ci_low"], d["ci_high"] = (np.asarray(v, dtype="float64") for v in
                                             proportion_ci(d["count"].astype("float64"), d["n"].astype("float64")))
    return d


def _improved(r):
    if r is None or r["suppressed"] or pd.isna(r["improved"]):
        return np.nan, np.nan, True
    return r["n"], round(r["improved"] * r["n"]), False


def _goals_met(r):
    if r is None or r["suppressed"] or pd.isna(r["gas_expected"]):
        return np.nan, np.nan, True
    return r["n_gas_goals"], round(r["gas_expected"] * r["n_gas_goals"]), False


def _dropout(r):
    if r is None or r["suppressed"] or pd.isna(r["dropout_share"]):
        return np.nan, np.nan, True
    ended = r["n_started"] - r["n_ongoing"]
    return ended, r["n_dropout"], False


# an Effekt KPI: (the query whose total it reads, the same per group of a split, the instrument, n, count and
# hidden from that total row)
EFFEKT = {"improved": (qe.reliable_change, qe.reliable_change_by, qe.ORDER[0], _improved),
          "goals_met": (qe.goals, qe.goals_by, qe.GAS, _goals_met),
          "dropout": (qe.overview, qe.overview_by, qe.ORDER[0], _dropout)}


def _effekt_series(pick: str) -> Callable:
    return lambda conn, filters, scope, memo=None: _effekt(conn, filters, scope, pick, memo)


# --- the catalogue ---------------------------------------------------------------------------------
_ALL = ("kommune", "distrikt", "institution", "years", "grades", "gender")
_TRIVSEL = (
    ("trivsel_social", "social_trivsel", ("Social trivsel", "Social well-being")),
    ("trivsel_faglig", "faglig_trivsel", ("Faglig trivsel", "Academic well-being")),
    ("trivsel_stoette", "stoette_inspiration", ("Støtte og inspiration", "Support and inspiration")),
    ("trivsel_ro", "ro_orden", ("Ro og orden", "Calm and order")),
    ("trivsel_generel", "generel_trivsel", ("Generel trivsel", "General well-being")),
)
CATALOGUE: dict[str, Kpi] = {k.code: k for k in [
    *(Kpi(code, name, (f"Gennemsnit af elevernes {name[0].lower()} i trivselsmålingen for 4.-9. klasse, 1-5, hvor 5 er "
                       "bedst.", f"Mean {name[1].lower()} in the grade 4-9 wellbeing survey, 1-5, 5 best."),
          "mean", "higher", "trivsel", (*_ALL, "tilbudsform"), indicator, _indicator(indicator), indicator)
      for code, indicator, name in _TRIVSEL),
    Kpi("inklusionsgrad", ("Inklusionsgrad", "Inclusion rate"),
        ("Andel af eleverne i almenklasse på tælledagen.", "Share of pupils in an ordinary class on the count date."),
        "share", "higher", "overgange", _ALL, "inklusionsgrad", _inklusion(False)),
    Kpi("segregeringsgrad", ("Segregeringsgrad", "Segregation rate"),
        ("Andel af eleverne i et specialtilbud på tælledagen.", "Share of pupils in special provision on the count date."),
        "share", "lower", "overgange", _ALL, "segregeringsgrad", _inklusion(True)),
    Kpi("tilgang", ("Tilgang til specialtilbud", "Entries into special provision"),
        ("Andel af sidste års elever i almenklasse, der i år er i et specialtilbud.",
         "Share of last year's pupils in an ordinary class who are in special provision this year."),
        "share", "lower", "overgange", _ALL, None, _moved("tilgang")),
    Kpi("afgang", ("Afgang fra specialtilbud", "Returns from special provision"),
        ("Andel af sidste års elever i specialtilbud, der i år er i almenklasse.",
         "Share of last year's pupils in special provision who are in an ordinary class this year."),
        "share", "higher", "overgange", _ALL, None, _moved("afgang")),
    Kpi("nye_special_pr_1000", ("Nye i specialtilbud pr. 1.000 elever", "New in special provision per 1,000 pupils"),
        ("Elever, der i år kom fra almenklasse i et specialtilbud, pr. 1.000 elever i alt.",
         "Pupils who moved from an ordinary class into special provision this year, per 1,000 pupils."),
        "per1000", "lower", "overgange", _ALL, None, _new_per_1000),
    Kpi("tilbagefoersel_2aar", ("Tilbage i almenklasse inden for 2 år", "Back in an ordinary class within 2 years"),
        ("Andel af de børn, der kom i specialtilbud i et skoleår, som to år senere er tilbage i almenklasse "
         "(Kaplan-Meier).", "Share of the children who entered special provision in a school year who are back in an "
         "ordinary class two years later (Kaplan-Meier)."),
        "share", "higher", "overgange", _ALL, None, _back_within_2),
    Kpi("effekt_andel_forbedret", ("Pålideligt forbedret (SDQ)", "Reliably improved (SDQ)"),
        ("Andel af deltagelserne med SDQ før og efter, hvor barnet forbedrede sig mere end målefejlen, efter det "
         "skoleår, deltagelsen startede.", "Share of participations measured on SDQ before and after where the child "
         "improved beyond measurement error, by the school year the participation started."),
        "share", "higher", "effekt", _ALL, None, _effekt_series("improved"), effekt="improved"),
    Kpi("gas_maal_opnaaet", ("Mål nået (GAS)", "Goals met (GAS)"),
        ("Andel af de GAS-scorede mål, der endte på forventet niveau eller bedre.",
         "Share of GAS-scored goals that ended at the expected level or better."),
        "share", "higher", "effekt", _ALL, None, _effekt_series("goals_met"), effekt="goals_met"),
    Kpi("frafald", ("Frafald (SDQ)", "Attrition (SDQ)"),
        ("Andel af de afsluttede deltagelser med SDQ som mål, der mangler en eftermåling.",
         "Share of ended participations with SDQ as outcome that lack an after measurement."),
        "share", "lower", "effekt", _ALL, None, _effekt_series("dropout"), effekt="dropout"),
]}


# --- reference values beside a KPI -------------------------------------------------------------------
@lookup
def landstal(conn: sa.Connection, filters: Filters, scope: Scope) -> dict[tuple[str, int], float]:
    """The national figure per (benchmark measure code, school year) — a published reference, not data
    about the filtered children."""
    bm = s.benchmark
    q = sa.select(bm.c.measure_code, bm.c.school_year, bm.c.value).where(bm.c.kind == "landstal",
                                                                         bm.c.municipality_kode.is_(None))
    return {(str(c), int(y)): float(v) for c, y, v in conn.execute(q)}


@lookup
def targets(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The pejlemærker of the one municipality the filters or the role point to (empty when several):
    kpi_code, school_year, target_value, direction, title, area."""
    kode = filters.kommune if filters.kommune is not None else scope.municipality_kode
    t = s.target
    if kode is None:
        return pd.DataFrame(columns=["kpi_code", "school_year", "target_value", "direction", "title", "area"])
    q = (sa.select(t.c.kpi_code, t.c.school_year, t.c.target_value, t.c.direction, t.c.title, t.c.area)
         .where(t.c.municipality_kode == kode).order_by(t.c.kpi_code, t.c.school_year))
    return pd.DataFrame(conn.execute(q).all(), columns=["kpi_code", "school_year", "target_value", "direction", "title",
                                                        "area"])


# --- the tiles of Overblik ---------------------------------------------------------------------------
FDR = 0.05


def tiles(conn: sa.Connection, filters: Filters, scope: Scope, codes: tuple[str, ...]) -> pd.DataFrame:
    """One row per KPI in `codes`: its newest shown year and value with n and 95 % interval, the change
    from the year before and whether it is beyond noise when all the tiles' changes are judged at once
    (Benjamini-Hochberg), the Landstal and the municipality's target for that year (NaN where none), and
    the shown values per year for a sparkline (`years`, `values`). A KPI with no shown year has NaN."""
    land, goal = landstal(conn, filters, scope), targets(conn, filters, scope)
    rows, memo = [], {}
    for code in codes:
        kpi = CATALOGUE[code]
        d = kpi.series(conn, filters, scope, memo)
        shown = d[~d["suppressed"] & d["value"].notna()]
        last = shown.iloc[-1] if len(shown) else None
        year = int(last["school_year"]) if last is not None else None
        aim = goal[(goal["kpi_code"] == code) & (goal["school_year"] == year)]["target_value"]
        rows.append(dict(code=code, school_year=year, n=np.nan if last is None else last["n"],
                         value=np.nan if last is None else last["value"],
                         ci_low=np.nan if last is None else last["ci_low"],
                         ci_high=np.nan if last is None else last["ci_high"],
                         change=np.nan if last is None else last["change"],
                         change_p=np.nan if last is None else last["change_p"],
                         landstal=land.get((kpi.benchmark, year), np.nan) if kpi.benchmark and year else np.nan,
                         target=float(aim.iloc[0]) if len(aim) else np.nan,
                         years=tuple(int(y) for y in shown["school_year"]), values=tuple(float(v) for v in shown["value"])))
    out = pd.DataFrame(rows)
    q, beyond = false_discovery(out["change_p"].to_numpy(dtype="float64"), FDR)
    out["change_q"], out["beyond_noise"] = np.asarray(q, dtype="float64").reshape(-1), np.asarray(beyond).reshape(-1)
    return out


@lookup
def freshness(conn: sa.Connection, filters: Filters, scope: Scope) -> dict:
    """How new the data are: the newest survey round (school year), the newest placement start, the
    newest import (time)."""
    return dict(survey=conn.execute(sa.select(sa.func.max(s.survey_round.c.school_year))).scalar(),
                placement=conn.execute(sa.select(sa.func.max(s.placement.c.start_date))).scalar(),
                imported=conn.execute(sa.select(sa.func.max(s.import_batch.c.imported_at))).scalar())


# --- "Hvad er nyt": changes per institution beyond noise, all judged at once ----------------------------
NEWS = ["code", "institution_id", "institution", "school_year", "value_prev", "value", "change", "change_p", "change_q"]


def news(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The changes from last year to this year per institution × KPI (the five wellbeing indicators and
    the inklusionsgrad) that are beyond noise when all of them are judged at once (Benjamini-Hochberg,
    false discovery rate 5 %), the clearest first. Columns: NEWS. Usually empty: that is the honest answer."""
    rows = []
    year = qt.latest_year(conn, filters, scope)
    if year is not None:
        by_indicator = {ind: code for code, ind, _ in _TRIVSEL}
        t = qt.institution_changes(conn, filters, scope, year)
        t = t[t["change_p"].notna() & t["indicator_code"].isin(by_indicator)]
        rows += [dict(code=by_indicator[r.indicator_code], institution_id=int(r.institution_id), institution=r.institution,
                      school_year=year, value_prev=r.mean_prev, value=r.mean, change=r.change, change_p=r.change_p)
                 for r in t.itertuples()]
    years = qo.inklusion_trend(conn, filters, scope)["school_year"]
    if len(years) >= 2:
        year = int(years.max())
        now, before = (qo.inklusion_split(conn, filters, scope, "institution", y).set_index("key") for y in (year, year - 1))
        keys = now.index.intersection(before.index)
        a, b = before.loc[keys[keys.notna()]], now.loc[keys[keys.notna()]]
        both = ~(a["suppressed"].to_numpy(dtype=bool) | b["suppressed"].to_numpy(dtype=bool))
        a, b = a[both], b[both]
        p = np.asarray(diff_proportions_test(a["almen"], a["n"], b["almen"], b["n"]).p_value, dtype="float64").reshape(-1)
        rows += [dict(code="inklusionsgrad", institution_id=int(key), institution=label, school_year=year,
                      value_prev=prev, value=value, change=value - prev, change_p=pv)
                 for key, label, prev, value, pv in zip(b.index, b["label"], a["inklusionsgrad"], b["inklusionsgrad"], p)
                 if not np.isnan(pv)]
    if not rows:
        return pd.DataFrame(columns=NEWS)
    out = pd.DataFrame(rows)
    out["change_q"] = np.asarray(false_discovery(out["change_p"].to_numpy(dtype="float64"), FDR)[0], dtype="float64")
    return out[out["change_q"] < FDR].sort_values(["change_q", "institution"], kind="stable")[NEWS].reset_index(drop=True)
