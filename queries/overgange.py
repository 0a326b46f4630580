"""Overgange: inklusionsgrad, flows between provision forms, return from special provision, school
start in special provision, and which ordinary schools send most children to special provision.

Every function takes a Connection, the shared Filters and the Scope and reads only the summary
tables of counts kept in step with placement_snapshot by data.derived.refresh_overgange (so the
pages do not depend on the number of children). Definitions:

- a *pupil* is a child at a school (institution kind 'skole') on the count date of a school year;
  *segregated* means any provision form other than 'almen' (mellemform counts as special provision);
- a *transition* compares a pupil in 1.-9. klasse this year (grade from the birth year) with where
  the same child was on last year's count date in the same municipality; 'ind' = not a pupil of
  the municipality last year (moved in, or a year without a school placement), 'ud' = not a pupil
  of the municipality this year;
- *tilgang*: ordinary last year, segregated this year; *afgang*: segregated last year, ordinary
  this year.

Organisation filters and the access scope admit a row through either of its institutions (a
pupil's own school or the ordinary school it came from; a transition's school last year or this
year), so a school leader sees the children the school sent to special provision and those who
came back. The tilbudsform filter is not applied to measures that are themselves a distribution
over forms (inklusionsgrad, flows, school start, funnel); for return it selects the form entered.

Privacy: a figure is suppressed when its group has fewer than the threshold children, and — because
these are counts of children in special provision — also when a count of children it reveals
(segregated, ordinary, tilgang, afgang) is between 1 and the threshold minus one. Suppressed rows
have NaN in every figure and in n.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.filters import SPECIAL, Filters, Scope, institution_ids_select, where
from queries.privacy import min_n, suppress
from stats.funnel import Z95, Z998, funnel_limits_proportion, funnel_position
from stats.means import proportion_ci
from stats.survival import kaplan_meier_from_counts, median_survival

FORMS = ("almen", "mellemform", "specialklasse", "specialskole", "dagbehandling")
SEGREGATED = FORMS[1:]
IND, UD = "ind", "ud"
SPLITS = ("distrikt", "institution", "klassetrin", "koen")

_pup, _tr, _ret, _start = s.pupil_summary, s.transition_summary, s.return_summary, s.school_start_summary


# --- helpers ---------------------------------------------------------------------------------
def _either(filters: Filters, scope: Scope, *inst_cols) -> list:
    """Organisation filters and scope, admitting a row when any of its institution columns is admitted."""
    ids = institution_ids_select(filters, scope)
    if ids is None:
        return []
    return [sa.or_(*(c.in_(ids) for c in inst_cols))]


def _rest(filters: Filters, **cols) -> list:
    """Year, grade and gender clauses (no organisation, no scope: those come from _either)."""
    bare = filters.with_(kommune=None, distrikt=None, institution=None, tilbudsform=None)
    return where(bare, Scope.everything(), **cols)


def _frame(conn, q, columns) -> pd.DataFrame:
    return pd.DataFrame(conn.execute(q).all(), columns=columns)


def _private(df: pd.DataFrame, values: list[str], counts: list[str], partition=None) -> pd.DataFrame:
    """suppress() on the group size n and, in addition, on every count between 1 and the threshold."""
    out = df.copy()
    guard = out["n"].astype("float64").to_numpy(copy=True)
    for c in counts:
        v = out[c].astype("float64").to_numpy()
        guard = np.where((v > 0) & (v < guard), v, guard)
    out["_n_priv"] = guard
    out = suppress(out, values + counts + ["n"], n_col="_n_priv", partition=partition)
    return out.drop(columns="_n_priv")


def _rate(df: pd.DataFrame, k: str, n: str, prefix: str = "") -> None:
    p, lo, hi = proportion_ci(df[k].to_numpy(dtype="float64"), df[n].to_numpy(dtype="float64"))
    df[f"{prefix}rate" if prefix else "rate"] = p
    df[f"{prefix}ci_low" if prefix else "ci_low"] = lo
    df[f"{prefix}ci_high" if prefix else "ci_high"] = hi


def _landstal(conn, code: str) -> pd.DataFrame:
    bm = s.benchmark
    q = (sa.select(bm.c.school_year, bm.c.value)
         .where(bm.c.kind == "landstal", bm.c.measure_code == code, bm.c.municipality_kode.is_(None)))
    df = _frame(conn, q, ["school_year", "landstal"])
    return df.astype({"school_year": "int64", "landstal": "float64"})


# --- 1. inklusionsgrad -----------------------------------------------------------------------
def _pupil_where(filters: Filters, scope: Scope) -> list:
    return (_either(filters, scope, _pup.c.institution_id, _pup.c.ref_institution_id)
            + _rest(filters, year=_pup.c.school_year, grade=_pup.c.klassetrin, gender=_pup.c.gender))


def _seg_sum():
    return sa.func.sum(sa.case((_pup.c.provision_form != "almen", _pup.c.n), else_=0))


def inklusion_trend(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """One row per school year: n (pupils on the count date), segregated (pupils not in an ordinary
    class), almen, inklusionsgrad (almen / n, 0-1) with its 95% Wilson interval ci_low/ci_high,
    segregeringsgrad (1 - inklusionsgrad), landstal (national inklusionsgrad, NaN where none),
    suppressed."""
    q = (sa.select(_pup.c.school_year, sa.func.sum(_pup.c.n), _seg_sum())
         .where(*_pupil_where(filters, scope)).group_by(_pup.c.school_year).order_by(_pup.c.school_year))
    df = _frame(conn, q, ["school_year", "n", "segregated"]).astype({"school_year": "int64", "n": "int64",
                                                                     "segregated": "int64"})
    df["almen"] = df["n"] - df["segregated"]
    _rate(df, "almen", "n")
    df = df.rename(columns={"rate": "inklusionsgrad"})
    df["segregeringsgrad"] = 1 - df["inklusionsgrad"]
    df = df.merge(_landstal(conn, "inklusionsgrad"), on="school_year", how="left")
    return _private(df, ["inklusionsgrad", "segregeringsgrad", "ci_low", "ci_high"], ["segregated", "almen"])


def inklusion_split(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, school_year: int) -> pd.DataFrame:
    """Inklusionsgrad in one school year split by dim ('distrikt', 'institution', 'klassetrin', 'koen').

    Columns: key, label, n, segregated, almen, inklusionsgrad, ci_low, ci_high, suppressed. A
    segregated pupil counts at the ordinary school it last attended in the municipality (its
    district likewise); key None / label '' = no ordinary school (started school in special provision
    or moved in). The rows are parts of the year's total, so complementary suppression applies.
    """
    inst, dist = s.institution, s.district
    f = filters.with_(year_from=school_year, year_to=school_year)
    ref = sa.case((_pup.c.provision_form == "almen", _pup.c.institution_id), else_=_pup.c.ref_institution_id)
    if dim == "institution":
        key, label = ref, inst.c.name
        base = sa.select(key.label("key"), label.label("label"), sa.func.sum(_pup.c.n), _seg_sum()) \
            .select_from(_pup.outerjoin(inst, inst.c.id == ref)).group_by(key, label)
    elif dim == "distrikt":
        base = sa.select(dist.c.id.label("key"), dist.c.name.label("label"), sa.func.sum(_pup.c.n), _seg_sum()) \
            .select_from(_pup.outerjoin(inst, inst.c.id == ref).outerjoin(dist, dist.c.id == inst.c.district_id)) \
            .group_by(dist.c.id, dist.c.name)
    elif dim == "klassetrin":
        base = sa.select(_pup.c.klassetrin, sa.literal(""), sa.func.sum(_pup.c.n), _seg_sum()).group_by(_pup.c.klassetrin)
    elif dim == "koen":
        base = sa.select(_pup.c.gender, sa.literal(""), sa.func.sum(_pup.c.n), _seg_sum()).group_by(_pup.c.gender)
    else:
        raise ValueError(f"unknown split {dim!r}")
    df = _frame(conn, base.where(*_pupil_where(f, scope)), ["key", "label", "n", "segregated"])
    df = df.astype({"n": "int64", "segregated": "int64"})
    df["label"] = df["label"].fillna("")
    if dim == "klassetrin":
        df = df[df["key"].notna()].astype({"key": "int64"})
    df["almen"] = df["n"] - df["segregated"]
    _rate(df, "almen", "n")
    df = df.rename(columns={"rate": "inklusionsgrad"})
    df = df.sort_values(["key"] if dim in ("klassetrin", "koen") else ["label"], ignore_index=True)
    return _private(df, ["inklusionsgrad", "ci_low", "ci_high"], ["segregated", "almen"], partition=[])


# --- 2. flows --------------------------------------------------------------------------------
def _tr_where(filters: Filters, scope: Scope) -> list:
    return (_either(filters, scope, _tr.c.from_institution_id, _tr.c.to_institution_id)
            + _rest(filters, year=_tr.c.school_year, grade=_tr.c.klassetrin, gender=_tr.c.gender))


def transition_years(conn: sa.Connection) -> list[int]:
    """School years (the 'to' year) that have transitions, ascending."""
    return [int(y) for (y,) in conn.execute(sa.select(_tr.c.school_year).distinct().order_by(_tr.c.school_year))]


def flows(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Sankey links from last year's form to this year's form (school_year = this year).

    Columns: from_form (a form or 'ind'), to_form (a form or 'ud'), n (children), suppressed. The
    links from ordinary to special forms add up to the tilgang shown beside the Sankey, and those
    from special forms to ordinary to the afgang, so complementary suppression applies within each
    of those two groups. (The Sankey's node totals are sums of the drawn links only.)
    """
    f = filters.with_(year_from=school_year, year_to=school_year)
    q = (sa.select(_tr.c.from_form, _tr.c.to_form, sa.func.sum(_tr.c.n))
         .where(*_tr_where(f, scope)).group_by(_tr.c.from_form, _tr.c.to_form))
    df = _frame(conn, q, ["from_form", "to_form", "n"]).astype({"n": "int64"})
    tilgang = (df["from_form"] == "almen") & df["to_form"].isin(SEGREGATED)
    afgang = df["from_form"].isin(SEGREGATED) & (df["to_form"] == "almen")
    df["_part"] = np.where(tilgang, "tilgang", np.where(afgang, "afgang", df["from_form"] + ">" + df["to_form"]))
    df = suppress(df, [], partition=["_part"]).drop(columns="_part")
    order = {f: i for i, f in enumerate((IND,) + FORMS + (UD,))}
    return df.sort_values(["from_form", "to_form"], key=lambda c: c.map(order), ignore_index=True)


def tilgang_afgang(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """FLIS-style tilgang and afgang per school year (long format).

    Columns: school_year, measure ('tilgang' | 'afgang'), n (tilgang: pupils in an ordinary class
    last year; afgang: segregated pupils last year — both in 1.-9. klasse this year), count
    (children who moved), rate (count / n, 0-1) with 95% Wilson ci_low/ci_high, suppressed.
    """
    seg_to = _tr.c.to_form.in_(SEGREGATED)
    seg_from = _tr.c.from_form.in_(SEGREGATED)

    def total(cond):
        return sa.func.sum(sa.case((cond, _tr.c.n), else_=0))

    q = (sa.select(_tr.c.school_year, total(_tr.c.from_form == "almen"), total(sa.and_(_tr.c.from_form == "almen", seg_to)),
                   total(seg_from), total(sa.and_(seg_from, _tr.c.to_form == "almen")))
         .where(*_tr_where(filters, scope)).group_by(_tr.c.school_year).order_by(_tr.c.school_year))
    wide = _frame(conn, q, ["school_year", "n_t", "k_t", "n_a", "k_a"])
    parts = []
    for measure, n, k in (("tilgang", "n_t", "k_t"), ("afgang", "n_a", "k_a")):
        part = pd.DataFrame({"school_year": wide["school_year"], "measure": measure, "n": wide[n], "count": wide[k]})
        parts.append(part)
    df = pd.concat(parts, ignore_index=True).astype({"school_year": "int64", "n": "int64", "count": "int64"})
    _rate(df, "count", "n")
    df = _private(df, ["rate", "ci_low", "ci_high"], ["count"])
    return df.sort_values(["measure", "school_year"], ignore_index=True)


# --- 3. return -------------------------------------------------------------------------------
def _ret_where(filters: Filters, scope: Scope, entry_year: int | None) -> list:
    f = filters if entry_year is None else filters.with_(year_from=entry_year, year_to=entry_year)
    clauses = (_either(f, scope, _ret.c.from_institution_id, _ret.c.to_institution_id)
               + _rest(f, year=_ret.c.entry_year, grade=_ret.c.klassetrin, gender=_ret.c.gender))
    if filters.tilbudsform not in (None, "almen", SPECIAL):
        clauses.append(_ret.c.entry_form == filters.tilbudsform)
    return clauses


def _life_table(rows: pd.DataFrame):
    """(n entered, KM frame over durations >= 1) from rows duration, returned, n."""
    dur, ret, n = (rows[c].to_numpy(dtype="int64") for c in ("duration", "returned", "n"))
    entered = int(n.sum())
    keep = dur >= 1
    if not keep.any():
        return entered, kaplan_meier_from_counts([], [], [])
    times, inv = np.unique(dur[keep], return_inverse=True)
    total = np.bincount(inv, weights=n[keep])
    events = np.bincount(inv, weights=(n * ret)[keep])
    return entered, kaplan_meier_from_counts(times, total[::-1].cumsum()[::-1], events)


def _at(km: pd.DataFrame, t: int, k: int) -> float:
    """Share back after t years (the step value), NaN past the follow-up or when fewer than k
    children were still followed at t."""
    time, at_risk, surv = (km[c].to_numpy(dtype="float64") for c in ("time", "at_risk", "survival"))
    if time.size == 0 or time.max() < t:
        return np.nan
    followed = at_risk[time >= t][0]
    return np.nan if followed < k else 1 - surv[time <= t][-1]


def return_curve(conn: sa.Connection, filters: Filters, scope: Scope, entry_year: int | None = None) -> pd.DataFrame:
    """Kaplan-Meier curve of the return to an ordinary class after entering special provision
    (tilgang), over the entry years in the filters (or one entry_year).

    One row per year since entry (0, 1, 2, ...): time (years), at_risk (children still followed in
    special provision just before; at time 0 all who entered), back
    (share returned, 1 - S(t), 0-1) with the 95% log(-log) interval back_low/back_high, entered (all
    children who entered, also those not followed a whole year), suppressed (at_risk below the
    threshold; then also every later time). Censored: left the municipality, a year without a school
    placement, still in special provision in the last data year, or past 9. klasse.
    """
    q = (sa.select(_ret.c.duration, _ret.c.returned, sa.func.sum(_ret.c.n))
         .where(*_ret_where(filters, scope, entry_year)).group_by(_ret.c.duration, _ret.c.returned))
    rows = _frame(conn, q, ["duration", "returned", "n"]).astype("int64")
    entered, km = _life_table(rows)
    km = km.rename(columns={"survival": "s"})
    km["back"], km["back_low"], km["back_high"] = 1 - km["s"], 1 - km["upper"], 1 - km["lower"]
    km["entered"] = entered
    km = km.drop(columns=["s", "lower", "upper", "censored"])
    km.loc[km["time"] == 0, "at_risk"] = entered   # the start row (everyone at 0 %) is over all who entered
    km = suppress(km.drop(columns="events"), ["back", "back_low", "back_high"], n_col="at_risk")
    return km


def return_by_form(conn: sa.Connection, filters: Filters, scope: Scope, entry_year: int | None = None) -> pd.DataFrame:
    """Per special form entered: n (children who entered), median (median years in special provision
    before returning; NaN when the curve never reaches 50 %), followed (the longest follow-up in years
    with at least the threshold still followed), back_1/back_2/back_3 (share back in an ordinary class
    after 1, 2, 3 years, NaN past the follow-up), suppressed. Forms are parts of all entries, so
    complementary suppression applies."""
    q = (sa.select(_ret.c.entry_form, _ret.c.duration, _ret.c.returned, sa.func.sum(_ret.c.n))
         .where(*_ret_where(filters, scope, entry_year))
         .group_by(_ret.c.entry_form, _ret.c.duration, _ret.c.returned))
    rows = _frame(conn, q, ["entry_form", "duration", "returned", "n"]).astype({"duration": "int64", "returned": "int64",
                                                                               "n": "int64"})
    k = min_n()
    out = []
    for form in SEGREGATED:
        grp = rows[rows["entry_form"] == form]
        if grp.empty:
            continue
        entered, km = _life_table(grp)
        shown = km[km["at_risk"] >= k]
        median = median_survival(shown) if not shown.empty else np.nan
        followed = float(shown["time"].max()) if not shown.empty else 0.0
        backs = [_at(km, t, k) for t in (1, 2, 3)]
        out.append(dict(entry_form=form, n=entered, median=median, followed=followed,
                        back_1=backs[0], back_2=backs[1], back_3=backs[2]))
    df = pd.DataFrame(out, columns=["entry_form", "n", "median", "followed", "back_1", "back_2", "back_3"])
    return suppress(df, ["median", "followed", "back_1", "back_2", "back_3"], partition=[])


# --- 4. school start -------------------------------------------------------------------------
def _start_where(filters: Filters, scope: Scope) -> list:
    return (where(filters.with_(tilbudsform=None), scope, institution=_start.c.institution_id,
                  year=_start.c.school_year, grade=sa.literal(0), gender=_start.c.gender))


def school_start(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Children starting 0. klasse per school year: n (pupils in 0. klasse on the count date), special
    (of them in special provision), almen, share (special / n, 0-1) with 95% Wilson ci_low/ci_high,
    from_dagtilbud (special starters who were in an ordinary dagtilbud on the count date a year
    before), suppressed. from_dagtilbud is NaN when it or the rest of the special starters is
    between 1 and the threshold minus one."""
    sp = _start.c.provision_form != "almen"
    q = (sa.select(_start.c.school_year, sa.func.sum(_start.c.n), sa.func.sum(sa.case((sp, _start.c.n), else_=0)),
                   sa.func.sum(sa.case((sa.and_(sp, _start.c.prior == "almen_dagtilbud"), _start.c.n), else_=0)))
         .where(*_start_where(filters, scope)).group_by(_start.c.school_year).order_by(_start.c.school_year))
    df = _frame(conn, q, ["school_year", "n", "special", "from_dagtilbud"]).astype("int64")
    df["almen"] = df["n"] - df["special"]
    _rate(df, "special", "n")
    df = df.rename(columns={"rate": "share"})
    rest = (df["special"] - df["from_dagtilbud"]).to_numpy()
    small = lambda v: (v > 0) & (v < min_n())  # noqa: E731
    hide_from = small(df["from_dagtilbud"].to_numpy()) | small(rest)
    df = _private(df, ["share", "ci_low", "ci_high", "from_dagtilbud"], ["special", "almen"])
    df["from_dagtilbud"] = df["from_dagtilbud"].where(~hide_from)
    return df


# --- 5. which schools send -------------------------------------------------------------------
class Funnel(NamedTuple):
    """points: one row per ordinary school; curve: limits over a grid of n; centre: the overall rate."""

    points: pd.DataFrame
    curve: pd.DataFrame
    centre: float


def sending_funnel(conn: sa.Connection, filters: Filters, scope: Scope) -> Funnel:
    """Ordinary schools compared by their tilgang rate, pooled over the filtered school years.

    points: institution_id, institution, n (pupil-years in an ordinary class at the school last year),
    count (of them in special provision this year), rate (count / n, 0-1), lower95, upper95,
    lower998, upper998 (funnel limits for a proportion at the school's n around the overall rate;
    Spiegelhalter 2005), position, suppressed. Schools are parts of the total: complementary
    suppression. The school here is the sending school (last year's), so scope applies to it.
    curve: n, lower95, upper95, lower998, upper998. centre: overall rate (NaN when the population
    or its count is under the threshold).
    """
    inst = s.institution
    q = (sa.select(_tr.c.from_institution_id, inst.c.name, sa.func.sum(_tr.c.n),
                   sa.func.sum(sa.case((_tr.c.to_form.in_(SEGREGATED), _tr.c.n), else_=0)))
         .join_from(_tr, inst, inst.c.id == _tr.c.from_institution_id)
         .where(_tr.c.from_form == "almen",
                *where(filters.with_(tilbudsform=None), scope, institution=_tr.c.from_institution_id,
                       year=_tr.c.school_year, grade=_tr.c.klassetrin, gender=_tr.c.gender))
         .group_by(_tr.c.from_institution_id, inst.c.name))
    df = _frame(conn, q, ["institution_id", "institution", "n", "count"])
    limit_cols = ["lower95", "upper95", "lower998", "upper998"]
    if df.empty:
        empty = pd.DataFrame(columns=["institution_id", "institution", "n", "count", "rate", *limit_cols, "position",
                                      "suppressed"])
        return Funnel(empty, pd.DataFrame(columns=["n", *limit_cols]), float("nan"))
    df = df.astype({"n": "int64", "count": "int64"})
    total_n, total_k = int(df["n"].sum()), int(df["count"].sum())
    k = min_n()
    centre = total_k / total_n if total_n >= k and not (0 < total_k < k) else float("nan")
    df["rate"] = df["count"] / df["n"]

    def limits(n):
        lo95, hi95 = funnel_limits_proportion(centre, n, Z95)
        lo998, hi998 = funnel_limits_proportion(centre, n, Z998)
        return lo95, hi95, lo998, hi998

    for col, values in zip(limit_cols, limits(df["n"].to_numpy(dtype="float64"))):
        df[col] = values
    df["position"] = funnel_position(df["rate"].to_numpy(), *(df[c].to_numpy() for c in limit_cols))
    df = _private(df, ["rate", *limit_cols], ["count"], partition=[])
    df.loc[df["suppressed"], "position"] = None
    hi = float(df["n"].max(skipna=True)) if df["n"].notna().any() else 10.0
    grid = np.unique(np.linspace(max(5.0, 0.8 * float(df["n"].min(skipna=True) or 5)), max(10.0, hi * 1.05), 120))
    curve = pd.DataFrame(dict(zip(["n", *limit_cols], (grid, *limits(grid)))))
    return Funnel(df.sort_values("institution", ignore_index=True), curve, centre)
