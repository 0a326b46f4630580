"""The global filters, declared once.

Each `Dimension` says everything about one filter of the filter bar: its name (the `Filters`
field), its URL parameter, its label in Danish and English, how its choices are found, and how it
becomes a WHERE clause. Each `Source` says which column of one summary table a dimension filters.
The shell draws the widgets and keeps the URL from `DIMENSIONS`; every query builds its WHERE
clauses with `where(filters, scope, SOURCE)`. Adding a dimension is one `Dimension` here plus its
column in the sources it applies to — nothing else in the code names a dimension.

Access scope (which institutions a role may see) is applied in the same place, through the
institution columns of the source, so no query can forget it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import sqlalchemy as sa

from data import schema as s
from data.schema_access import ROLES

SPECIAL = "special"  # tilbudsform value meaning "any special form"
FORMS = ("almen", SPECIAL, *s.SPECIAL_FORMS)
GRADES = tuple(range(0, 11))


def school_year_label(year: int) -> str:
    """2023 -> '2023/24' (the school year that starts in August 2023)."""
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class Option:
    """One choice of a dimension: its value and its label in Danish and English."""

    value: Any
    da: str
    en: str

    def label(self, lang: str) -> str:
        return self.da if lang == "da" else self.en


def _equal(column, value):
    return column == value


def _between(column, value):
    lo, hi = value
    return sa.and_(*([column >= lo] if lo is not None else []), *([column <= hi] if hi is not None else []))


def _form(column, value):
    return column != "almen" if value == SPECIAL else column == value


@dataclass(frozen=True)
class Dimension:
    """One filter of the global filter bar.

    name: the `Filters` field; param: the URL parameter; label: (Danish, English);
    column: the key of the column it filters in a `Source` (for `org` dimensions: a column of the
    institution table, applied through the source's institution columns together with the scope);
    range: chosen as from-to (value (lo, hi)) instead of one value; options(conn, filters, scope):
    the choices, given the other filters (a district list depends on the municipality);
    clause(column, value): the WHERE clause; full: a range that means "all" (no clause).
    """

    name: str
    param: str
    label: tuple[str, str]
    column: str
    options: Callable[..., list[Option]]
    org: bool = False
    range: bool = False
    clause: Callable[[Any, Any], Any] = _equal
    full: tuple | None = None  # a range that means "all" (no clause), when it is known in advance

    def text(self, lang: str) -> str:
        return self.label[0] if lang == "da" else self.label[1]

    def encode(self, value) -> str:
        """The value as it stands in the URL: '169', 'pige', '2020-2025'."""
        return f"{value[0]}-{value[1]}" if self.range else str(value)

    def decode(self, text: str, options: list[Option]):
        """The value a URL parameter names, or None when it names none of the options."""
        values = [o.value for o in options]
        if self.range:
            try:
                lo, hi = (int(x) for x in str(text).split("-"))
            except ValueError:
                return None
            lo, hi = min(lo, hi), max(lo, hi)
            return (lo, hi) if lo in values and hi in values else None
        return next((v for v in values if str(v) == str(text)), None)


# --- choices ----------------------------------------------------------------------------------
def _municipalities(conn: sa.Connection, filters: "Filters", scope: "Scope") -> list[Option]:
    m, inst = s.municipality, s.institution
    q = sa.select(m.c.kode, m.c.name).order_by(m.c.name)
    ids = institution_ids_select(Filters(), scope)
    if ids is not None:
        q = q.where(m.c.kode.in_(sa.select(inst.c.municipality_kode).where(inst.c.id.in_(ids))))
    return [Option(int(k), f"{n} ({k})", f"{n} ({k})") for k, n in conn.execute(q)]


def _districts(conn: sa.Connection, filters: "Filters", scope: "Scope") -> list[Option]:
    d, inst = s.district, s.institution
    if not scope.shows("distrikt"):
        return []
    q = sa.select(d.c.id, d.c.name).order_by(d.c.name)
    if filters.kommune is not None:
        q = q.where(d.c.municipality_kode == filters.kommune)
    ids = institution_ids_select(Filters(), scope)
    if ids is not None:
        q = q.where(d.c.id.in_(sa.select(inst.c.district_id).where(inst.c.id.in_(ids))))
    return [Option(int(i), n, n) for i, n in conn.execute(q)]


def _institutions(conn: sa.Connection, filters: "Filters", scope: "Scope") -> list[Option]:
    inst = s.institution
    q = sa.select(inst.c.id, inst.c.name).order_by(inst.c.name)
    ids = institution_ids_select(filters.with_(institution=None), scope)
    if ids is not None:
        q = q.where(inst.c.id.in_(ids))
    return [Option(int(i), n, n) for i, n in conn.execute(q) if scope.shows("institution", i)]


def distinct_years(conn: sa.Connection, *columns: sa.Column) -> list[int]:
    """The distinct values of year columns (together, ascending), each read by a loose index scan: the
    smallest value, then the smallest above it, and so on — one index lookup per year instead of a
    scan of every row (5.5M placement snapshots at national scale). Each column must lead an index."""
    years: set[int] = set()
    for col in columns:
        def first_above(prev):
            return sa.select(col).where(*([col > prev] if prev is not None else [])).order_by(col).limit(1)
        start = sa.select(first_above(None).scalar_subquery().label("y")).cte("years", recursive=True)
        found = start.union_all(sa.select(first_above(start.c.y).scalar_subquery()).where(start.c.y.is_not(None)))
        years.update(int(y) for (y,) in conn.execute(sa.select(found.c.y).where(found.c.y.is_not(None))))
    return sorted(years)


def _years(conn: sa.Connection, filters: "Filters", scope: "Scope") -> list[Option]:
    years = distinct_years(conn, s.survey_summary.c.school_year, s.placement_snapshot.c.school_year)
    return [Option(y, school_year_label(y), school_year_label(y)) for y in years]


def _grades(conn, filters, scope) -> list[Option]:
    return [Option(g, f"{g}. kl.", f"grade {g}") for g in GRADES]


GENDER_LABELS = {"dreng": ("Drenge", "Boys"), "pige": ("Piger", "Girls")}


def _genders(conn, filters, scope) -> list[Option]:
    return [Option(g, *GENDER_LABELS[g]) for g in GENDER_LABELS]


FORM_LABELS = {"almen": ("Almen", "General"), SPECIAL: ("Alle specialtilbud", "All special provision"),
               "specialklasse": ("Specialklasse", "Special class"), "specialskole": ("Specialskole", "Special school"),
               "dagbehandling": ("Dagbehandling", "Day treatment"), "mellemform": ("Mellemform", "Intermediate form"),
               "specialdagtilbud": ("Specialdagtilbud", "Special day care")}


def _forms(conn, filters, scope) -> list[Option]:
    return [Option(f, *FORM_LABELS[f]) for f in FORMS]


DIMENSIONS: list[Dimension] = [
    Dimension("kommune", "kommune", ("Kommune", "Municipality"), "municipality_kode", _municipalities, org=True),
    Dimension("distrikt", "distrikt", ("Distrikt", "District"), "district_id", _districts, org=True),
    Dimension("institution", "inst", ("Institution", "Institution"), "id", _institutions, org=True),
    Dimension("years", "aar", ("Skoleår", "School year"), "year", _years, range=True, clause=_between),
    Dimension("grades", "trin", ("Klassetrin", "Grade"), "grade", _grades, range=True, clause=_between,
              full=(GRADES[0], GRADES[-1])),
    Dimension("gender", "koen", ("Køn", "Gender"), "gender", _genders),
    Dimension("tilbudsform", "form", ("Tilbudsform", "Provision"), "form", _forms, clause=_form),
]


def dimension(name: str) -> Dimension:
    return next(d for d in DIMENSIONS if d.name == name)


# --- the chosen filters -------------------------------------------------------------------------
@dataclass(frozen=True, init=False)
class Filters:
    """What the user has chosen in the filter bar: one value per dimension, None meaning "all".

    `Filters(kommune=169, years=(2020, 2025))`; read as attributes (`filters.kommune`). Immutable
    and hashable, so it can key a cache."""

    chosen: tuple[tuple[str, Any], ...] = field(default=())

    def __init__(self, **chosen):
        names = {d.name for d in DIMENSIONS}
        unknown = set(chosen) - names
        if unknown:
            raise TypeError(f"unknown filter dimension(s): {', '.join(sorted(unknown))}")
        values = tuple((d.name, _normal(d, chosen[d.name])) for d in DIMENSIONS if chosen.get(d.name) is not None)
        object.__setattr__(self, "chosen", tuple((k, v) for k, v in values if v is not None))

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "chosen":
            raise AttributeError(name)
        if not any(d.name == name for d in DIMENSIONS):
            raise AttributeError(f"Filters has no dimension {name!r}")
        return dict(self.chosen).get(name)

    def with_(self, **changes) -> "Filters":
        return Filters(**{**dict(self.chosen), **changes})

    def in_year(self, year: int) -> "Filters":
        """The same filters for one school year."""
        return self.with_(years=(year, year))


def _normal(dim: Dimension, value):
    if dim.range:
        lo, hi = value
        return None if (lo is None and hi is None) or (lo, hi) == dim.full else (lo, hi)
    return value




@dataclass(frozen=True)
class Scope:
    """What a role may see: which rows count, and how finely they may be shown.

    role: admin (everything; edits pejlemærker and users) | forvaltning (the whole area, every
    institution) | leder (own institutions in full detail, the rest of the area only in totals) |
    udvalg (district level and above, no institution shown by itself).
    municipality_kode: the area's municipality (None: every municipality); institution_ids: the only
    institutions whose rows count at all (None: every institution of the area); own: a leder's own
    institutions. Enforced by the query layer (queries.contract): a filter naming what the role may
    not see gives no rows, and a row about one institution is shown only where `shows` admits it."""

    label: str = "Forvaltning (alle institutioner)"
    institution_ids: frozenset[int] | None = None
    municipality_kode: int | None = None
    role: str = "forvaltning"
    own: frozenset[int] = frozenset()

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")

    @property
    def admin(self) -> bool:
        """May add, edit and retire pejlemærker and manage users (and, later, import data)."""
        return self.role == "admin"

    def shows(self, level: str, value=None) -> bool:
        """May a row about this one unit ('institution' id, 'distrikt' id) be shown by itself? (value
        None: any unit of that level at all.)"""
        if level == "institution":
            return self.role in ("admin", "forvaltning") or (
                self.role == "leder" and (value is None or int(value) in self.own))
        return self.role != "leder"  # a leder sees the rest of the area only as its total

    def shows_every_unit(self) -> bool:
        """Every institution and district of its area may be shown one by one (nothing to cut)."""
        return self.role in ("admin", "forvaltning")

    def admits(self, filters: "Filters") -> bool:
        """Do the filters stay within what the role may see one by one? (A leder may narrow to an own
        institution, an udvalg to a district; neither to another school.)"""
        return ((filters.institution is None or self.shows("institution", filters.institution))
                and (filters.distrikt is None or self.shows("distrikt", filters.distrikt)))

    def bounded(self, filters: "Filters") -> "Scope":
        """This scope, or — when the filters reach past it — a scope that admits no row at all."""
        return self if self.admits(filters) else NOWHERE


NOWHERE = Scope(label="ingen adgang", institution_ids=frozenset())


# --- where the filters apply ----------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """The columns of one table (or one reading of it) that the dimensions filter.

    institution: the institution column(s) — organisation filters and the access scope admit a row
    through any of them (a transition counts for the school it came from and the one it went to);
    columns: dimension column key -> column (or SQL expression). A dimension without a column here
    does not filter this source."""

    institution: tuple = ()
    columns: dict = field(default_factory=dict)


_ss, _items = s.survey_summary, s.survey_item_summary
_pup, _tr, _ret, _start, _forl = (s.pupil_summary, s.transition_summary, s.return_summary, s.school_start_summary,
                                  s.forloeb_summary)

SURVEY = Source((_ss.c.institution_id,), {"year": _ss.c.school_year, "grade": _ss.c.klassetrin,
                                          "gender": _ss.c.gender, "form": _ss.c.provision_form})
SURVEY_ITEMS = Source((_items.c.institution_id,), {"year": _items.c.school_year, "grade": _items.c.klassetrin,
                                                   "gender": _items.c.gender, "form": _items.c.provision_form})
# one question's answers added up over grade, gender and form (data.schema_rollup.survey_item_year_summary)
SURVEY_ITEM_YEARS = Source((s.survey_item_year_summary.c.institution_id,), {"year": s.survey_item_year_summary.c.school_year})
# ... added up over grade, gender and form (data.schema_rollup): for a query with none of the three chosen
SURVEY_YEARS = Source((s.survey_year_summary.c.institution_id,), {"year": s.survey_year_summary.c.school_year})
# Overgange: the provision form is what these measures distribute over, so tilbudsform does not filter them
PUPILS = Source((_pup.c.institution_id, _pup.c.ref_institution_id),
                {"year": _pup.c.school_year, "grade": _pup.c.klassetrin, "gender": _pup.c.gender})
TRANSITIONS = Source((_tr.c.from_institution_id, _tr.c.to_institution_id),
                     {"year": _tr.c.school_year, "grade": _tr.c.klassetrin, "gender": _tr.c.gender})
# Tilgang and afgang count a child for the ordinary school it belonged to last year, so a school's
# afgang has in its denominator every child the school has in special provision, not only the
# children who came back to it.
HOMES = Source((_tr.c.from_home_institution_id,),
               {"year": _tr.c.school_year, "grade": _tr.c.klassetrin, "gender": _tr.c.gender})
# the pupils added up over grade, gender and form (data.schema_rollup.pupil_year_summary)
PUPIL_YEARS = Source((s.pupil_year_summary.c.institution_id, s.pupil_year_summary.c.ref_institution_id),
                     {"year": s.pupil_year_summary.c.school_year})
# tilgang and afgang added up per school year and home school (data.schema_rollup.moved_summary)
MOVED_HOMES = Source((s.moved_summary.c.from_home_institution_id,), {"year": s.moved_summary.c.school_year})
# The sending funnel counts each child once per school it left (data.schema.sending_child)
SENDING_CHILDREN = Source((s.sending_child.c.from_institution_id,),
                          {"year": s.sending_child.c.school_year, "grade": s.sending_child.c.klassetrin,
                           "gender": s.sending_child.c.gender})
# ... and over every year, each child once per school (data.schema_rollup): no year or grade to filter
SENDING_SCHOOLS = Source((s.sending_school_summary.c.from_institution_id,),
                         {"gender": s.sending_school_summary.c.gender})
RETURNS = Source((_ret.c.from_institution_id, _ret.c.to_institution_id),
                 {"year": _ret.c.entry_year, "grade": _ret.c.klassetrin, "gender": _ret.c.gender,
                  "form": _ret.c.entry_form})
SCHOOL_START = Source((_start.c.institution_id,), {"year": _start.c.school_year, "grade": sa.literal(0),
                                                   "gender": _start.c.gender})
FORLOEB = Source((_forl.c.institution_id,), {"year": _forl.c.start_year, "grade": _forl.c.klassetrin,
                                             "gender": _forl.c.gender, "form": _forl.c.provision_form})


def institution_ids_select(filters: Filters, scope: Scope) -> sa.Select | None:
    """A SELECT of the institution ids the organisation filters and the scope admit (None: all)."""
    inst = s.institution
    conds = [d.clause(inst.c[d.column], getattr(filters, d.name))
             for d in DIMENSIONS if d.org and getattr(filters, d.name) is not None]
    if scope.municipality_kode is not None:
        conds.append(inst.c.municipality_kode == scope.municipality_kode)
    if scope.institution_ids is not None:
        conds.append(inst.c.id.in_(sorted(scope.institution_ids)))
    return sa.select(inst.c.id).where(*conds) if conds else None


def covers(rollup: Source, filters: Filters, rows: Source) -> bool:
    """May `rollup` (a summary added up over some of `rows`' dimensions) answer for `rows` under `filters`? Yes when
    it has a column for every chosen dimension that filters `rows`; the rest of them must be unchosen."""
    return all(d.column in rollup.columns for d in DIMENSIONS
               if not d.org and getattr(filters, d.name) is not None and d.column in rows.columns)


def where(filters: Filters, scope: Scope, source: Source) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of the filters and the scope on `source`."""
    clauses: list[sa.ColumnElement[bool]] = []
    ids = institution_ids_select(filters, scope)
    if ids is not None:
        if not source.institution:
            raise ValueError("organisation filters and scope need an institution column")
        clauses.append(sa.or_(*(c.in_(ids) for c in source.institution)))
    for d in DIMENSIONS:
        value = getattr(filters, d.name)
        column = source.columns.get(d.column)
        if d.org or value is None or column is None:
            continue
        clauses.append(d.clause(column, value))
    return clauses
