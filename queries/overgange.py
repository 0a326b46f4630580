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
came back. Tilgang and afgang are the exception: they count a child for the one ordinary school it
belonged to last year (its last ordinary school when segregated). The tilbudsform filter is not applied to measures that are themselves a distribution
over forms (inklusionsgrad, flows, school start, funnel); for return it selects the form entered.

Privacy (each function's declared `Result`): the counts of children are perturbed by the cell-key
method (each summary row carries the sum of its children's record keys) before any share, interval,
limit or Kaplan-Meier step is computed from them. A figure is then suppressed when its group has
fewer than the threshold children, and — because these are counts of children in special provision
— also when a count of children it reveals (segregated, ordinary, tilgang, afgang, returned) is
between 1 and the threshold minus one. Suppressed rows have NaN in every figure and in n.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.schema_rollup import MOVED, SEGREGATED_SCHOOL_FORMS, moved_cell
from queries import funnel
from queries.columns import Cols, fetch, order, take, split_detail
from queries.contract import Cell, Count, Guard, Result, lookup, query
from queries.filters import (HOMES, MOVED_HOMES, PUPIL_YEARS, PUPILS, RETURNS, SCHOOL_START, SENDING_CHILDREN,
                             SENDING_SCHOOLS, TRANSITIONS, Filters, Scope, Source, covers, distinct_years, where)
from queries.privacy import min_n, small
from stats.means import proportion_ci
from stats.survival import kaplan_meier_from_counts, median_survival

FORMS = ("almen", *SEGREGATED_SCHOOL_FORMS)
SEGREGATED = SEGREGATED_SCHOOL_FORMS
IND, UD = "ind", "ud"
SPLITS = ("distrikt", "institution", "klassetrin", "koen")

_pup, _tr, _ret, _start = s.pupil_summary, s.transition_summary, s.return_summary, s.school_start_summary


# --- helpers ---------------------------------------------------------------------------------
def _rate(d: Cols, k: str, n: str, name: str = "rate") -> None:
    """name, ci_low, ci_high: the proportion k / n with its 95% Wilson interval."""
    d[name], d["ci_low"], d["ci_high"] = (np.asarray(v, dtype="float64") for v in
                                          proportion_ci(d[k].astype("float64"), d[n].astype("float64")))


def _landstal(conn, code: str) -> dict[int, float]:
    bm = s.benchmark
    q = (sa.select(bm.c.school_year, bm.c.value)
         .where(bm.c.kind == "landstal", bm.c.measure_code == code, bm.c.municipality_kode.is_(None)))
    return {int(y): float(v) for y, v in conn.execute(q)}


# --- 1. inklusionsgrad -----------------------------------------------------------------------
def _seg_sum(t: sa.Table = _pup):
    """n and segregated, each with the sum of its children's record keys (from pupil_summary or pupil_year_summary)."""
    if t is not _pup:
        return tuple(sa.func.sum(t.c[c]) for c in ("n", "key_sum", "segregated", "segregated_key"))
    seg = _pup.c.provision_form != "almen"
    return (sa.func.sum(_pup.c.n), sa.func.sum(_pup.c.key_sum), sa.func.sum(sa.case((seg, _pup.c.n), else_=0)),
            sa.func.sum(sa.case((seg, _pup.c.key_sum), else_=0)))


def _pupils(filters: Filters, dim: str | None = None) -> tuple[sa.Table, Source, sa.ColumnElement]:
    """The table the inklusionsgrad adds up under `filters` (split by `dim`), its filter columns and the school a
    pupil counts for split by school (its own in an ordinary class, else its reference school: the last ordinary
    school it attended; data.derived makes an ordinary pupil's reference school its own): pupil_year_summary (without
    grade, gender and form, ~1/7 of the rows) when no grade or gender is chosen or split by, else pupil_summary; the
    same sums either way (tests/data/test_summaries.py)."""
    if covers(PUPIL_YEARS, filters, PUPILS) and dim not in ("klassetrin", "koen"):
        t = s.pupil_year_summary
        return t, PUPIL_YEARS, t.c.ref_institution_id
    return _pup, PUPILS, sa.case((_pup.c.provision_form == "almen", _pup.c.institution_id), else_=_pup.c.ref_institution_id)


_PUPIL_COUNTS = ["n", "_key", "segregated", "_seg_key"]
_PUPILS = (Count("n", key="_key"), Count("segregated", key="_seg_key"))
_SHARE = ("inklusionsgrad", "ci_low", "ci_high")
INKLUSION = Result(keys=("school_year",), counts=_PUPILS,
                   guards=(Guard(n="n", counts=("segregated", "almen"), values=(*_SHARE, "segregeringsgrad")),),
                   public=("landstal",))


@query(INKLUSION)
def inklusion_trend(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """One row per school year: n (pupils on the count date), segregated (pupils not in an ordinary
    class), almen, inklusionsgrad (almen / n, 0-1) with its 95% Wilson interval ci_low/ci_high,
    segregeringsgrad (1 - inklusionsgrad), suppressed, landstal (national inklusionsgrad, NaN where
    none)."""
    t, source, _ = _pupils(filters)
    q = (sa.select(t.c.school_year, *_seg_sum(t))
         .where(*where(filters, scope, source)).group_by(t.c.school_year).order_by(t.c.school_year))
    d = INKLUSION.perturb(fetch(conn, q, ["school_year", *_PUPIL_COUNTS], ints=("school_year", "n", "segregated")))
    d["almen"] = np.maximum(0, d["n"] - d["segregated"])  # perturbed counts need not add up: never below 0
    _rate(d, "almen", "n", "inklusionsgrad")
    d["segregeringsgrad"] = 1 - d["inklusionsgrad"]
    land = _landstal(conn, "inklusionsgrad")
    d["landstal"] = np.array([land.get(int(y), np.nan) for y in d["school_year"]], dtype="float64")
    return INKLUSION.protect(d)


SPLIT = Result(keys=("key", "label"), counts=_PUPILS,
               guards=(Guard(n="n", counts=("segregated", "almen"), values=_SHARE, partition=()),),
               detail=(("_institution", "institution"), ("_district", "distrikt")))


@query(SPLIT)
def inklusion_split(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, school_year: int) -> pd.DataFrame:
    """Inklusionsgrad in one school year split by dim ('distrikt', 'institution', 'klassetrin', 'koen').

    Columns: key, label, n, segregated, almen, inklusionsgrad, ci_low, ci_high, suppressed. A
    segregated pupil counts at the ordinary school it last attended in the municipality (its
    district likewise); key NaN / label '' = no ordinary school (started school in special provision
    or moved in). Split by institution or district, organisation filters and scope admit a pupil by
    that home school alone (by its special provision when it has none), so only the filtered schools
    and districts appear. The rows are parts of the year's total, so complementary suppression applies.
    """
    inst, dist = s.institution, s.district
    t, source, ref = _pupils(filters, dim)
    if dim == "institution":
        base = sa.select(ref.label("key"), inst.c.name.label("label"), *_seg_sum(t)) \
            .select_from(t.outerjoin(inst, inst.c.id == ref)).group_by(ref, inst.c.name)
    elif dim == "distrikt":
        base = sa.select(dist.c.id.label("key"), dist.c.name.label("label"), *_seg_sum(t)) \
            .select_from(t.outerjoin(inst, inst.c.id == ref).outerjoin(dist, dist.c.id == inst.c.district_id)) \
            .group_by(dist.c.id, dist.c.name)
    elif dim == "klassetrin":
        base = sa.select(_pup.c.klassetrin, sa.literal(""), *_seg_sum()).group_by(_pup.c.klassetrin)
    elif dim == "koen":
        base = sa.select(_pup.c.gender, sa.literal(""), *_seg_sum()).group_by(_pup.c.gender)
    else:
        raise ValueError(f"unknown split {dim!r}")
    # split by school or district, a pupil is counted at, and admitted by, its home school alone (so a
    # district's split never lists a school of another district that a child was placed from)
    source = source if dim in ("klassetrin", "koen") else Source((sa.func.coalesce(ref, t.c.institution_id),), source.columns)
    d = fetch(conn, base.where(*where(filters.in_year(school_year), scope, source)), ["key", "label", *_PUPIL_COUNTS],
              ints=("n", "segregated"))
    d["label"] = np.array(["" if v is None else v for v in d["label"]], dtype=object)
    if dim == "klassetrin":
        d = take(d, np.array([k is not None for k in d["key"]], dtype=bool))
        d["key"] = d["key"].astype("int64")
    elif dim in ("distrikt", "institution"):
        d["key"] = np.array(d["key"], dtype="float64")  # None (no ordinary school) -> NaN
    d = split_detail(d, dim)  # rows about one school or district (queries.contract)
    d = SPLIT.perturb(d)
    d["almen"] = np.maximum(0, d["n"] - d["segregated"])  # perturbed counts need not add up: never below 0
    _rate(d, "almen", "n", "inklusionsgrad")
    return SPLIT.protect(take(d, order(d["key"] if dim in ("klassetrin", "koen") else d["label"])))


# --- 2. flows --------------------------------------------------------------------------------
@lookup
def transition_years(conn: sa.Connection, filters: Filters, scope: Scope) -> list[int]:
    """School years (the 'to' year) with transitions within the filters' years, ascending."""
    years = distinct_years(conn, _tr.c.school_year)
    lo, hi = filters.years or (None, None)
    return [y for y in years if (lo is None or y >= lo) and (hi is None or y <= hi)]


FLOWS = Result(keys=("from_form", "to_form"), counts=(Count("n", key="_key"),),
               guards=(Guard(n="n", partition=("_part",)),))


@query(FLOWS)
def flows(conn: sa.Connection, filters: Filters, scope: Scope, school_year: int) -> pd.DataFrame:
    """Sankey links from last year's form to this year's form (school_year = this year).

    Columns: from_form (a form or 'ind'), to_form (a form or 'ud'), n (children), suppressed. The
    links from ordinary to special forms add up to the tilgang shown beside the Sankey, and those
    from special forms to ordinary to the afgang, so complementary suppression applies within each
    of those two groups. (The Sankey's node totals are sums of the drawn links only.)
    """
    q = (sa.select(_tr.c.from_form, _tr.c.to_form, sa.func.sum(_tr.c.n), sa.func.sum(_tr.c.key_sum))
         .where(*where(filters.in_year(school_year), scope, TRANSITIONS)).group_by(_tr.c.from_form, _tr.c.to_form))
    d = FLOWS.perturb(fetch(conn, q, ["from_form", "to_form", "n", "_key"], ints=("n",)))
    d["_part"] = np.array(["tilgang" if a == "almen" and b in SEGREGATED else "afgang" if a in SEGREGATED and b == "almen"
                           else f"{a}>{b}" for a, b in zip(d["from_form"], d["to_form"])], dtype=object)
    rank = {f: i for i, f in enumerate((IND,) + FORMS + (UD,))}
    d = take(d, order([rank.get(v, len(rank)) for v in d["from_form"]], [rank.get(v, len(rank)) for v in d["to_form"]]))
    return FLOWS.protect(d)


TILGANG_AFGANG = Result(keys=("school_year", "measure"), counts=(Count("n", key="_n_key"), Count("count", key="_key")),
                        guards=(Guard(n="n", counts=("count",), values=("rate", "ci_low", "ci_high")),))


@query(TILGANG_AFGANG)
def tilgang_afgang(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """FLIS-style tilgang and afgang per school year (long format).

    Columns: school_year, measure ('tilgang' | 'afgang'), n (tilgang: pupils in an ordinary class
    last year; afgang: segregated pupils last year — both in 1.-9. klasse this year), count
    (children who moved), rate (count / n, 0-1) with 95% Wilson ci_low/ci_high, suppressed.
    Organisation filters and scope count a child for the ordinary school it belonged to last year
    (transition_summary.from_home_institution_id): a school's afgang is the share of the children
    it has in special provision who came back to an ordinary class (any ordinary school).
    """
    t, source, sums = moved_source(filters)
    q = (sa.select(t.c.school_year, *sums).where(*where(filters, scope, source))
         .group_by(t.c.school_year).order_by(t.c.school_year))
    wide = fetch(conn, q, ["school_year", *MOVED_NAMES], ints=("school_year", *MOVED_NAMES[::2]))
    d = moved_rows(wide, "school_year")
    d = TILGANG_AFGANG.perturb(d)
    _rate(d, "count", "n")
    return TILGANG_AFGANG.protect(d)


MOVED_NAMES = ["n_t", "nk_t", "k_t", "kk_t", "n_a", "nk_a", "k_a", "kk_a"]  # each count, then its record-key sum


def moved_source(filters: Filters, dim: str | None = None) -> tuple[sa.Table, Source, list]:
    """The table tilgang and afgang add up under `filters` (split by `dim`, queries.grouped.MOVED_BY), its filter
    columns, and the sums of MOVED_NAMES: tilgang's n and count, afgang's n and count, each with the sum of its
    children's record keys. moved_summary (added up per school year and home school) when no grade or gender is
    chosen or split by, else transition_summary; the same sums either way (tests/data/test_summaries.py)."""
    if covers(MOVED_HOMES, filters, HOMES) and dim not in ("grades", "gender"):
        t = s.moved_summary
        return t, MOVED_HOMES, [sa.func.sum(t.c[f"{m}_{c}"]) for m in MOVED for c in ("n", "key")]
    return _tr, HOMES, [sa.func.sum(sa.case((moved_cell(_tr, m), _tr.c[c]), else_=0))
                        for m in MOVED for c in ("n", "key_sum")]


def moved_rows(wide: Cols, key: str) -> Cols:
    """The long rows of tilgang and afgang (afgang's first, then tilgang's, each by `key`) from the wide sums."""
    groups = len(wide[key])
    both = lambda a, t: np.concatenate([np.asarray(wide[a], dtype=object), np.asarray(wide[t], dtype=object)])  # noqa: E731
    return {key: np.concatenate([np.asarray(wide[key], dtype=wide[key].dtype)] * 2),
            "measure": np.array(["afgang"] * groups + ["tilgang"] * groups, dtype=object),
            "n": both("n_a", "n_t").astype("int64"), "_n_key": both("nk_a", "nk_t"),
            "count": both("k_a", "k_t").astype("int64"), "_key": both("kk_a", "kk_t")}


# --- 3. return -------------------------------------------------------------------------------
def _ret_where(filters: Filters, scope: Scope, entry_year: int | None) -> list:
    return where(filters if entry_year is None else filters.in_year(entry_year), scope, RETURNS)


_LIFE = Result(keys=("time",), counts=(Count("at_risk", key="_risk_key"), Count("events", key="_event_key"),
                                       Count("entered", key="_entered_key")))


def _life_table(rows: Cols) -> tuple[float, pd.DataFrame, np.ndarray]:
    """(entered, Kaplan-Meier frame over durations >= 1, cumulative returned at each of its rows) from
    columns duration, returned, n, _key — the at-risk, event and entry counts perturbed (cell-key
    method, each with the sum of its children's record keys) before the curve is computed from them."""
    dur, ret, n = rows["duration"], rows["returned"], rows["n"]
    key = np.array([int(k) for k in rows["_key"]], dtype=object)
    times = np.unique(dur[dur >= 1])
    life = {"time": times,
            "at_risk": np.array([n[dur >= t].sum() for t in times], dtype="float64"),
            "_risk_key": np.array([key[dur >= t].sum() for t in times], dtype=object),
            "events": np.array([n[(dur == t) & (ret == 1)].sum() for t in times], dtype="float64"),
            "_event_key": np.array([key[(dur == t) & (ret == 1)].sum() for t in times], dtype=object),
            "entered": np.full(len(times), float(n.sum())), "_entered_key": np.full(len(times), key.sum(), dtype=object)}
    if not len(times):  # nobody followed a whole year: the entries alone
        whole = _LIFE.perturb({"time": np.zeros(1), "at_risk": np.zeros(1), "_risk_key": np.zeros(1, dtype=object),
                               "events": np.zeros(1), "_event_key": np.zeros(1, dtype=object),
                               "entered": np.array([float(n.sum())]), "_entered_key": np.array([key.sum()], dtype=object)})
        return float(whole["entered"][0]), kaplan_meier_from_counts([], [], []), np.zeros(1)
    life = _LIFE.perturb(life)
    events = np.clip(life["events"], 0, life["at_risk"])
    km = kaplan_meier_from_counts(times, life["at_risk"], events)
    returned = np.r_[0.0, np.cumsum(events)]  # the KM frame starts with a row at time 0
    return float(life["entered"][0]), km, returned


def _shown(at_risk, returned, entered, k: int) -> np.ndarray:
    """Which points of a return curve may be shown: at least k children still followed, and neither
    the children back nor the rest of those who entered a small group (1 to k − 1)."""
    at_risk, returned = np.asarray(at_risk, dtype="float64"), np.asarray(returned, dtype="float64")
    return (at_risk >= k) & ~small(returned, k) & ~small(entered - returned, k)


RETURN_CURVE = Result(keys=("time",), guards=(Guard(
    n="at_risk", counts=("_returned", "_not_returned"), cells=(Cell("entered"), Cell("events"), Cell("censored")),
    values=("back", "back_low", "back_high")),))


@query(RETURN_CURVE)
def return_curve(conn: sa.Connection, filters: Filters, scope: Scope, entry_year: int | None = None) -> pd.DataFrame:
    """Kaplan-Meier curve of the return to an ordinary class after entering special provision
    (tilgang), over the entry years in the filters (or one entry_year).

    One row per year since entry (0, 1, 2, ...): time (years), at_risk (children still followed in
    special provision just before; at time 0 all who entered), entered (all children who entered,
    also those not followed a whole year), events (children back in an ordinary class at that time),
    censored (children no longer followed after that time without having come back), back (share returned, 1 - S(t), 0-1) with the 95%
    log(-log) interval back_low/back_high, suppressed (at_risk below the threshold — then also every
    later time — or the children back by then, or the rest, a small group). Censored: left the
    municipality, a year without a school placement, still in special provision in the last data
    year, or past 9. klasse. The counts are perturbed before the curve is computed (_life_table).
    """
    q = (sa.select(_ret.c.duration, _ret.c.returned, sa.func.sum(_ret.c.n), sa.func.sum(_ret.c.key_sum))
         .where(*_ret_where(filters, scope, entry_year)).group_by(_ret.c.duration, _ret.c.returned))
    return RETURN_CURVE.protect(_curve(fetch(conn, q, ["duration", "returned", "n", "_key"],
                                             ints=("duration", "returned", "n"))))


def _curve(rows: Cols) -> Cols:
    """return_curve's columns (not yet protected) from the children's duration, returned, n and _key sums."""
    entered, km, returned = _life_table(rows)
    d = {c: km[c].to_numpy() for c in ("time", "at_risk", "survival", "lower", "upper")}
    d["back"], d["back_low"], d["back_high"] = 1 - d["survival"], 1 - d["upper"], 1 - d["lower"]
    d["entered"] = np.full(len(d["time"]), entered)
    d["at_risk"] = np.where(d["time"] == 0, entered, d["at_risk"])  # the start row (everyone at 0 %) is over all who entered
    d["_returned"] = returned[:len(d["time"])]
    d["_not_returned"] = np.maximum(0.0, entered - d["_returned"])
    # for a reviewer: the children back at each time, and those no longer followed after it (censored)
    d["events"] = np.r_[0.0, np.diff(d["_returned"])] if len(d["time"]) else np.zeros(0)
    following = np.r_[d["at_risk"][1:], 0.0] if len(d["time"]) else np.zeros(0)
    d["censored"] = np.maximum(0.0, d["at_risk"] - d["events"] - following)
    return d


BY_FORM = Result(keys=("entry_form",),
                 guards=(Guard(n="n", values=("median", "followed", "back_1", "back_2", "back_3"), partition=()),))


@query(BY_FORM)
def return_by_form(conn: sa.Connection, filters: Filters, scope: Scope, entry_year: int | None = None) -> pd.DataFrame:
    """Per special form entered: n (children who entered), median (median years in special provision
    before returning; NaN when the curve never reaches 50 %), followed (the longest follow-up in years
    with at least the threshold still followed), back_1/back_2/back_3 (share back in an ordinary class
    after 1, 2, 3 years, NaN past the follow-up or where the return curve would not show that point),
    suppressed. Each form's counts are perturbed before its curve is computed. Forms are parts of all
    entries, so complementary suppression applies."""
    q = (sa.select(_ret.c.entry_form, _ret.c.duration, _ret.c.returned, sa.func.sum(_ret.c.n),
                   sa.func.sum(_ret.c.key_sum))
         .where(*_ret_where(filters, scope, entry_year))
         .group_by(_ret.c.entry_form, _ret.c.duration, _ret.c.returned))
    rows = fetch(conn, q, ["entry_form", "duration", "returned", "n", "_key"], ints=("duration", "returned", "n"))
    k = min_n()
    out = []
    for form in SEGREGATED:
        mine = rows["entry_form"] == form
        if not mine.any():
            continue
        entered, km, returned = _life_table(take(rows, mine))
        ok = _shown(km["at_risk"], returned, entered, k)
        shown = km[ok & (km["at_risk"].to_numpy() >= k)]
        median = median_survival(shown) if not shown.empty else np.nan
        followed = float(shown["time"].max()) if not shown.empty else 0.0
        backs = [float(1 - km.loc[(km["time"] <= t).to_numpy() & ok, "survival"].iloc[-1])
                 if len(km) and km["time"].max() >= t and ok[(km["time"] >= t).to_numpy()][0] else np.nan
                 for t in (1, 2, 3)]
        out.append(dict(entry_form=form, n=entered, median=median, followed=followed,
                        back_1=backs[0], back_2=backs[1], back_3=backs[2]))
    cols = ["entry_form", "n", "median", "followed", "back_1", "back_2", "back_3"]
    d = {c: np.array([r[c] for r in out], dtype=object if c == "entry_form" else "float64") for c in cols}
    return BY_FORM.protect(d)


# --- 4. school start -------------------------------------------------------------------------
SCHOOL_START_RESULT = Result(
    keys=("school_year",),
    counts=(Count("n", key="_key"), Count("special", key="_special_key"), Count("from_dagtilbud", key="_from_key")),
    guards=(Guard(n="n", counts=("special", "almen"), cells=(Cell("from_dagtilbud"), Cell("_rest")),
                  parts=(("from_dagtilbud", "_rest"),), values=("share", "ci_low", "ci_high")),))


@query(SCHOOL_START_RESULT)
def school_start(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Children starting 0. klasse per school year: n (pupils in 0. klasse on the count date), special
    (of them in special provision), almen, from_dagtilbud (special starters who were in an ordinary
    dagtilbud on the count date a year before), share (special / n, 0-1) with 95% Wilson
    ci_low/ci_high, suppressed. from_dagtilbud is NaN when it or the rest of the special starters is
    between 1 and the threshold minus one."""
    sp = _start.c.provision_form != "almen"
    from_dagtilbud = sa.and_(sp, _start.c.prior == "almen_dagtilbud")
    sums = [sa.func.sum(c) for cond in (None, sp, from_dagtilbud) for c in (
        (_start.c.n, _start.c.key_sum) if cond is None else (sa.case((cond, _start.c.n), else_=0),
                                                            sa.case((cond, _start.c.key_sum), else_=0)))]
    q = (sa.select(_start.c.school_year, *sums)
         .where(*where(filters, scope, SCHOOL_START)).group_by(_start.c.school_year).order_by(_start.c.school_year))
    names = ["school_year", "n", "_key", "special", "_special_key", "from_dagtilbud", "_from_key"]
    d = SCHOOL_START_RESULT.perturb(fetch(conn, q, names, ints=("school_year", "n", "special", "from_dagtilbud")))
    d["almen"] = np.maximum(0, d["n"] - d["special"])  # perturbed counts need not add up: never below 0
    d["_rest"] = np.maximum(0, d["special"] - d["from_dagtilbud"])
    _rate(d, "special", "n", "share")
    return SCHOOL_START_RESULT.protect(d)


# --- 5. which schools send -------------------------------------------------------------------
SENDING_FUNNEL = Result(keys=("institution_id", "institution"),
                        counts=(Count("n", key="_key"), Count("count", key="_count_key")),
                        guards=(Guard(n="n", counts=("count",),
                                      values=("rate", *funnel.LIMITS, "position", *funnel.TESTS), partition=()),),
                        public=funnel.REFERENCE, detail=(("institution_id", "institution"),))


@query(SENDING_FUNNEL)
def sending_funnel(conn: sa.Connection, filters: Filters, scope: Scope) -> funnel.Funnel:
    """Ordinary schools compared by the share of their children sent to special provision in the
    filtered school years.

    Each child counts once per school (not once per year), so the children are independent and the
    binomial limits hold: n = children in an ordinary class at the school on a count date, who were
    in 1.-9. klasse the next year (grade from the birth year), for the filtered school years (the
    'to' year); count = those of them in special provision in the municipality on the next count
    date, at least once. A child at two schools counts at both.

    points: institution_id, institution, n, count, rate (count / n, 0-1), lower95, upper95, lower998,
    upper998 (exact binomial funnel limits at the school's n around the overall rate; Spiegelhalter
    2005), position, p_value (exact binomial), q_value (Benjamini-Hochberg over the shown schools),
    outlier ('above' | 'below' | None), centre and spread (the overall rate and √(p(1−p))), suppressed.
    Schools are parts of the total: complementary suppression. The school here is the sending
    school, so scope applies to it. curve: n and the limits. centre: overall rate (NaN when the
    population or its count is under the threshold).
    """
    inst = s.institution
    if covers(SENDING_SCHOOLS, filters, SENDING_CHILDREN):  # every year and grade: counted per school at refresh
        r = s.sending_school_summary
        q = (sa.select(r.c.from_institution_id, inst.c.name, sa.func.sum(r.c.n), sa.func.sum(r.c.key_sum),
                       sa.func.sum(r.c.sent), sa.func.sum(r.c.sent_key_sum))
             .join_from(r, inst, inst.c.id == r.c.from_institution_id).where(*where(filters, scope, SENDING_SCHOOLS))
             .group_by(r.c.from_institution_id, inst.c.name))
        d = fetch(conn, q, ["institution_id", "institution", "n", "_key", "count", "_count_key"],
                  ints=("institution_id", "n", "count"))
        return funnel.proportions(d, SENDING_FUNNEL)
    sc = s.sending_child
    per_child = (sa.select(sc.c.from_institution_id.label("inst"), sc.c.child_id, sa.func.max(sc.c.sent).label("sent"),
                           sa.func.max(sc.c.record_key).label("rk"))
                 .where(*where(filters, scope, SENDING_CHILDREN))
                 .group_by(sc.c.from_institution_id, sc.c.child_id).subquery("per_child"))
    q = (sa.select(per_child.c.inst, inst.c.name, sa.func.count(), sa.func.sum(per_child.c.rk),
                   sa.func.sum(per_child.c.sent), sa.func.sum(per_child.c.sent * per_child.c.rk))
         .join_from(per_child, inst, inst.c.id == per_child.c.inst)
         .group_by(per_child.c.inst, inst.c.name))
    d = fetch(conn, q, ["institution_id", "institution", "n", "_key", "count", "_count_key"],
              ints=("institution_id", "n", "count"))
    return funnel.proportions(d, SENDING_FUNNEL)
