"""Udforsk's one-statement splits of the Overgange inklusionsgrad (queries.explore): every group's row is the row
queries.overgange.inklusion_trend gives for the filters narrowed to that group — the same pupils, so the same
sums, the same perturbation and the same per-row guard — without one query per group.

A pupil counts for an institution when it attends it or has it as its home school (ref_institution_id), as
the filters admit it (queries.filters.PUPILS): a row goes to its own institution's group and, when its home
school is another, to that group too — never twice to one. The same for district and municipality.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.columns import fetch
from queries.contract import Guard, Result, query
from queries.filters import PUPILS, Filters, Scope, where
from queries.overgange import _PUPIL_COUNTS, _PUPILS, _SHARE, _pup, _rate, _seg_sum

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
    no_unit = np.full(len(d["key"]), np.nan)  # the rows about one school or one district (queries.contract)
    d["_institution"] = np.asarray(d["key"], dtype="float64") if dim == "institution" else no_unit
    d["_district"] = np.asarray(d["key"], dtype="float64") if dim == "distrikt" else no_unit
    d = BY.perturb(d)
    d["almen"] = np.maximum(0, d["n"] - d["segregated"])  # perturbed counts need not add up: never below 0
    _rate(d, "almen", "n", "inklusionsgrad")
    d["segregeringsgrad"] = 1 - d["inklusionsgrad"]
    return BY.protect(d)
