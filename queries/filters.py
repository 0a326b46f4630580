"""The filter object every page shares, the access scope of a role, and the one helper that
turns both into WHERE clauses for any domain table."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

import sqlalchemy as sa

from data import schema as s

SPECIAL = "special"  # tilbudsform value meaning "any special form"


@dataclass(frozen=True)
class Filters:
    """What the user has chosen in the global filter bar. None means "all"."""

    kommune: int | None = None
    distrikt: int | None = None
    institution: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    grade_from: int = 0
    grade_to: int = 10
    gender: str | None = None       # 'dreng' | 'pige'
    tilbudsform: str | None = None  # 'almen' | 'special' | one of schema.SPECIAL_FORMS

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Scope:
    """Which institutions a role may see. ``institution_ids=None`` means every institution."""

    label: str = "Forvaltning (alle institutioner)"
    institution_ids: frozenset[int] | None = None
    municipality_kode: int | None = None

    @classmethod
    def everything(cls) -> "Scope":
        return cls()


def institution_ids_select(filters: Filters, scope: Scope) -> sa.Select | None:
    """A SELECT of the institution ids the filters and scope admit, or None when all are admitted."""
    inst = s.institution
    conds = []
    if filters.kommune is not None:
        conds.append(inst.c.municipality_kode == filters.kommune)
    if filters.distrikt is not None:
        conds.append(inst.c.district_id == filters.distrikt)
    if filters.institution is not None:
        conds.append(inst.c.id == filters.institution)
    if scope.municipality_kode is not None:
        conds.append(inst.c.municipality_kode == scope.municipality_kode)
    if scope.institution_ids is not None:
        conds.append(inst.c.id.in_(sorted(scope.institution_ids)))
    if not conds:
        return None
    return sa.select(inst.c.id).where(*conds)


def where(filters: Filters, scope: Scope, *, institution=None, year=None, grade=None, gender=None,
          form=None) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses for the columns a table has; pass only those it has.

    Access scope is always applied through `institution`; a table without one cannot be scoped,
    so it is an error to ask for a scope without naming the institution column.
    """
    clauses: list[sa.ColumnElement[bool]] = []
    ids = institution_ids_select(filters, scope)
    if ids is not None:
        if institution is None:
            raise ValueError("scope/organisation filters need an institution column")
        clauses.append(institution.in_(ids))
    if year is not None:
        if filters.year_from is not None:
            clauses.append(year >= filters.year_from)
        if filters.year_to is not None:
            clauses.append(year <= filters.year_to)
    if grade is not None and (filters.grade_from > 0 or filters.grade_to < 10):
        clauses.append(grade.between(filters.grade_from, filters.grade_to))
    if gender is not None and filters.gender is not None:
        clauses.append(gender == filters.gender)
    if form is not None and filters.tilbudsform is not None:
        if filters.tilbudsform == SPECIAL:
            clauses.append(form != "almen")
        else:
            clauses.append(form == filters.tilbudsform)
    return clauses
