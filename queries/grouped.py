"""Udforsk's one-statement splits of the Overgange key figures (queries.explore): every group's row is the row
queries.overgange.inklusion_trend (or tilgang_afgang) gives for the filters narrowed to that group — the same
pupils, so the same sums, the same perturbation and the same per-row guard — without one query per group.

A pupil counts for an institution when it attends it or has it as its home school (ref_institution_id), as
the filters admit it (queries.filters.PUPILS): a row goes to its own institution's group and, when its home
school is another, to that group too — never twice to one. The same for district and municipality. Tilgang
and afgang count a child for the ordinary school it belonged to last year alone (queries.filters.HOMES).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.columns import fetch, split_detail
from queries.contract import Guard, Result, query
from queries.filters import PUPILS, RETURNS, Filters, Scope, institution_ids_select, where
from queries.overgange import (_PUPIL_COUNTS, _PUPILS, _SHARE, MOVED_NAMES, RETURN_CURVE, TILGANG_AFGANG, _curve, _pup,
                               _rate, _ret, _seg_sum, _tr, moved_rows, moved_source)

_home, _own = s.institution.alias("home"), s.institution.alias("own")
ORG = {"institution": lambda i: i.c.id, "distrikt": lambda i: i.c.district_id, "kommune": lambda i: i.c.municipality_kode}
PLAIN = {"grades": _pup.c.klassetrin, "gender": _pup.c.gender}
SPLIT_BY = (*ORG, *PLAIN)

BY = Result(keys=("key",), counts=_PUPILS,
            guards=(Guard(n="n", counts=("segregated", "almen"), values=(*_SHARE, "segregeringsgrad")),),
            detail=(("_institution", "institution"), ("_district", "distrikt")))


def _org_parts(dim: str, clauses) -> list[sa.Select]:
    """The pupils of each unit of `dim`: by the institution they attend, and by their home school where that
    lies in another unit."""
    own, home = ORG[dim](_own), ORG[dim](_home)
    joined = _pup.join(_own, _own.c.id == _pup.c.institution_id).outerjoin(_home, _home.c.id == _pup.c.ref_institution_id)
    attends = sa.select(own.label("key"), *_seg_sum()).select_from(joined).where(*clauses).group_by(own)
    at_home = (sa.select(home.label("key"), *_seg_sum()).select_from(joined)
               .where(*clauses, home.is_not(None), sa.or_(own.is_(None), own != home)).group_by(home))
    return [attends, at_home]


@query(BY)
def inklusion_by(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, school_year: int) -> pd.DataFrame:
    """Inklusionsgrad in one school year per group of `dim` (SPLIT_BY). Columns: key, n, segregated, almen,
    inklusionsgrad, ci_low, ci_high, segregeringsgrad, suppressed."""
    clauses = where(filters.in_year(school_year), scope, PUPILS)  # a chosen group of `dim` too: only it is asked
    if dim in ORG:
        parts = _org_parts(dim, clauses)
        both = sa.union_all(*parts).subquery()
        q = sa.select(both.c.key, *(sa.func.sum(c) for c in list(both.c)[1:])).group_by(both.c.key)
    else:
        q = sa.select(PLAIN[dim].label("key"), *_seg_sum()).where(*clauses).group_by(PLAIN[dim])
    d = fetch(conn, q, ["key", *_PUPIL_COUNTS], ints=("n", "segregated"))
    keep = np.array([k is not None for k in d["key"]], dtype=bool)
    d = {c: v[keep] for c, v in d.items()}
    d = split_detail(d, dim)  # rows about one school or district (queries.contract)
    d = BY.perturb(d)
    d["almen"] = np.maximum(0, d["n"] - d["segregated"])  # perturbed counts need not add up: never below 0
    _rate(d, "almen", "n", "inklusionsgrad")
    d["segregeringsgrad"] = 1 - d["inklusionsgrad"]
    return BY.protect(d)


MOVED_BY = {"institution": _tr.c.from_home_institution_id, "distrikt": _home.c.district_id,
            "kommune": _home.c.municipality_kode, "grades": _tr.c.klassetrin, "gender": _tr.c.gender}
MOVED = Result(keys=("key", "measure"), counts=TILGANG_AFGANG.counts, guards=TILGANG_AFGANG.guards,
               detail=(("_institution", "institution"), ("_district", "distrikt")))


@query(MOVED)
def tilgang_afgang_by(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, school_year: int) -> pd.DataFrame:
    """Tilgang and afgang in one school year per group of `dim` (MOVED_BY), as queries.overgange.tilgang_afgang
    counts them. Columns: key, measure, n, count, rate, ci_low, ci_high, suppressed."""
    t, source, sums = moved_source(filters, dim)
    home = t.c.from_home_institution_id
    by = {"institution": home, "distrikt": _home.c.district_id, "kommune": _home.c.municipality_kode}.get(dim, MOVED_BY[dim])
    q = (sa.select(by.label("key"), *sums).select_from(t.outerjoin(_home, _home.c.id == home))
         .where(*where(filters.in_year(school_year), scope, source), by.is_not(None)).group_by(by))
    wide = fetch(conn, q, ["key", *MOVED_NAMES], ints=MOVED_NAMES[::2])
    d = moved_rows(wide, "key")
    d = split_detail(d, dim)  # rows about one school or district (queries.contract)
    d = MOVED.perturb(d)
    _rate(d, "count", "n")
    return MOVED.protect(d)


RETURN_BY_PLAIN = {"grades": _ret.c.klassetrin, "gender": _ret.c.gender}
RETURN_BY = (*ORG, *RETURN_BY_PLAIN)
_from, _to = s.institution.alias("from_inst"), s.institution.alias("to_inst")
BACK = Result(keys=("key", "time"), guards=RETURN_CURVE.guards, detail=(("_institution", "institution"),
                                                                          ("_district", "distrikt")))


@query(BACK)
def return_by(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, entry_year: int, time: int = 2) -> pd.DataFrame:
    """The return curve's row `time` years after entry (queries.overgange.return_curve) for the children who
    entered special provision in `entry_year`, per group of `dim` (RETURN_BY), in one statement: each group's
    row is the one return_curve gives for the filters narrowed to that group. A child counts for the school it
    came from and the one it went to (queries.filters.RETURNS), once for a group that holds both. Groups whose
    curve does not reach `time` have no row. Columns: key, time, at_risk, entered, events, censored, back,
    back_low, back_high, suppressed."""
    filters = filters.in_year(entry_year)
    sums = (_ret.c.duration, _ret.c.returned, sa.func.sum(_ret.c.n), sa.func.sum(_ret.c.key_sum))
    if dim in ORG:
        # narrowed to a group G, a row counts where it came from or went to a school in G that the filters and
        # the scope admit (`ids`): by the school it came from, and by the one it went to unless that is in the
        # same group and admitted too
        ids = institution_ids_select(filters, scope)
        others = where(filters.with_(kommune=None, distrikt=None, institution=None), Scope(), RETURNS)
        ok_from, ok_to = ((c.in_(ids) if ids is not None else sa.true()) for c in RETURNS.institution)
        came, went = ORG[dim](_from), ORG[dim](_to)
        joined = (_ret.join(_from, _from.c.id == _ret.c.from_institution_id)
                  .join(_to, _to.c.id == _ret.c.to_institution_id))
        parts = [sa.select(came.label("key"), *sums).select_from(joined).where(*others, ok_from)
                 .group_by(came, _ret.c.duration, _ret.c.returned),
                 sa.select(went.label("key"), *sums).select_from(joined)
                 .where(*others, ok_to, sa.or_(sa.not_(ok_from), came.is_(None), went != came))
                 .group_by(went, _ret.c.duration, _ret.c.returned)]
        both = sa.union_all(*parts).subquery()
        q = (sa.select(both.c.key, both.c.duration, both.c.returned, *(sa.func.sum(c) for c in list(both.c)[3:]))
             .group_by(both.c.key, both.c.duration, both.c.returned))
    else:
        by = RETURN_BY_PLAIN[dim]
        q = (sa.select(by.label("key"), *sums).where(*where(filters, scope, RETURNS))
             .group_by(by, _ret.c.duration, _ret.c.returned))
    rows = fetch(conn, q, ["key", "duration", "returned", "n", "_key"], ints=("duration", "returned", "n"))
    out: dict[str, list] = {}
    for key in sorted({k for k in rows["key"] if k is not None}):
        mine = rows["key"] == key
        curve = RETURN_CURVE.protect(_curve({c: v[mine] for c, v in rows.items() if c != "key"}))
        at = curve["time"] == time
        for c in (*curve, "key"):
            out.setdefault(c, []).append(np.full(int(at.sum()), key, dtype=object) if c == "key" else curve[c][at])
    d = ({c: np.concatenate(v) for c, v in out.items()} if out
         else {**BACK.empty(), "_returned": np.zeros(0), "_not_returned": np.zeros(0)})  # no group: no row
    d = split_detail(d, dim)  # rows about one school or district (queries.contract)
    return d
