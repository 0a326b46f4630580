"""Datakvalitet: which figures a leader can trust (issue #14).

Every function takes a Connection, the shared Filters and the Scope and returns a small DataFrame, one
row per municipality (and school year where it says so). Only the municipality part of the filters
applies (`kommune`; the whole of the scope's area when none is chosen): a municipality counts when the
scope's area holds it — its `municipality_kode`, or the municipalities of its `institution_ids` — so
rows of another municipality never appear, and filters that reach past the scope give no rows.

A record's municipality: survey responses by their round, placements by their institution, forløb,
measurements and goals by their intervention, benchmarks by their own column (Landstal: none, shown as
"Hele landet"), institutions and interventions by their own column.

Privacy (docs/privacy.md, "Datakvalitet"). The figures here are counts of *records* with a registration
problem, per municipality (and school year) and never finer: no institution, district, grade or
gender, and no example value or id. They are `@lookup`s: exact and without the threshold, because
- a record with a missing or impossible value says something about the register, not about a child,
  and a municipality-wide count of them singles nobody out (overlapping placements are counted per
  municipality, never per institution, for that reason);
- hiding a count of 1-4 would hide exactly the records a leader must have corrected;
- the view takes only the municipality filter, so two of its views never differ by a small group.
The one function whose counts are populations the pages show perturbed — `response_rates`: survey
respondents, and pupils as Overgange counts them — is a `@query` under the cell-key method and the
wellbeing threshold (queries.contract), so it adds nothing to what Trivsel and Overgange show. The
row counts of `row_counts` are exact totals of a municipality's records per school year; docs/privacy.md
states what that does and does not give an attacker.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.derived import count_date, extraction_date, start_year
from queries.columns import fetch
from queries.contract import lookup
from queries.filters import Filters, Scope, school_year_label

AROUND = 90  # days: a measurement this far outside its forløb (before start, after end) is out of range
NATION = "Hele landet"

_sr, _rd, _pl, _pa, _me, _go, _iv, _inst = (s.survey_response, s.survey_round, s.placement, s.participation,
                                             s.measurement, s.goal, s.intervention, s.institution)
TABLES = {"survey_response": "Trivselsbesvarelser", "placement": "Placeringer", "participation": "Indsatsforløb",
          "measurement": "Målinger", "goal": "Mål", "benchmark": "Landstal og kommunetal",
          "institution": "Institutioner", "intervention": "Indsatser"}


# --- scope --------------------------------------------------------------------------------------
def municipalities(conn: sa.Connection, filters: Filters, scope: Scope) -> dict[int, str]:
    """Kode -> name of the municipalities whose rows may appear: the chosen one (or the one of the chosen
    district or institution) within the scope's area."""
    m = s.municipality
    q = sa.select(m.c.kode, m.c.name).order_by(m.c.kode)
    if filters.kommune is not None:
        q = q.where(m.c.kode == filters.kommune)
    if scope.municipality_kode is not None:
        q = q.where(m.c.kode == scope.municipality_kode)
    if filters.institution is not None:  # a chosen school or district: its municipality, if the scope has it
        q = q.where(m.c.kode.in_(sa.select(_inst.c.municipality_kode).where(_inst.c.id == filters.institution)))
    if filters.distrikt is not None:
        q = q.where(m.c.kode.in_(sa.select(s.district.c.municipality_kode).where(s.district.c.id == filters.distrikt)))
    if scope.institution_ids is not None:
        q = q.where(m.c.kode.in_(sa.select(_inst.c.municipality_kode)
                                 .where(_inst.c.id.in_(sorted(scope.institution_ids)))))
    return {int(k): n for k, n in conn.execute(q)}


def _names(kommuner: dict[int, str], codes) -> list[str]:
    return pd.array([NATION if k is None or k != k else kommuner[int(k)] for k in codes], dtype="string")


def _kode(values) -> pd.Series:
    return pd.array([None if v is None or v != v else int(v) for v in values], dtype="Int64")


# --- 1. row counts ------------------------------------------------------------------------------
def _via_intervention(table, year):
    """(select_from, municipality column, school year) of a table read through participation."""
    if table is _pa:
        joined = _pa.join(_iv, _iv.c.id == _pa.c.intervention_id)
    else:
        joined = table.join(_pa, _pa.c.id == table.c.participation_id).join(_iv, _iv.c.id == _pa.c.intervention_id)
    return joined, _iv.c.municipality_kode, year


def _sources():
    """Per domain table: (key, select_from, municipality column, school year expression)."""
    return [
        ("survey_response", _sr.join(_rd, _rd.c.id == _sr.c.round_id), _rd.c.municipality_kode, _sr.c.school_year),
        ("placement", _pl.join(_inst, _inst.c.id == _pl.c.institution_id), _inst.c.municipality_kode,
         start_year(_pl.c.start_date)),
        ("participation", *_via_intervention(_pa, start_year(_pa.c.start_date))),
        ("measurement", *_via_intervention(_me, start_year(_me.c.measured_on))),
        ("goal", *_via_intervention(_go, start_year(_pa.c.start_date))),
    ]


@lookup
def row_counts(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Rows per domain table, municipality and school year (long format).

    Columns: table (Danish label), municipality_kode (Int64; <NA> for Landstal, which belong to no
    municipality), municipality (name; "Hele landet"), school_year (start year, 2024 = 2024/25: survey
    responses by their round's year, placements and forløb by their start, measurements by their date,
    goals by their forløb's start, benchmarks by their own year), rows (count of records)."""
    kommuner = municipalities(conn, filters, scope)
    if not kommuner:
        return _frame([], ["table", "municipality_kode", "municipality", "school_year", "rows"])
    parts = [sa.select(sa.literal(key).label("t"), mun.label("mun"), year.label("y"), sa.func.count().label("n"))
             .select_from(joined).where(mun.in_(list(kommuner))).group_by(mun, year)
             for key, joined, mun, year in _sources()]
    bm = s.benchmark
    parts.append(sa.select(sa.literal("benchmark"), bm.c.municipality_kode, bm.c.school_year, sa.func.count())
                 .where(sa.or_(bm.c.municipality_kode.is_(None), bm.c.municipality_kode.in_(list(kommuner))))
                 .group_by(bm.c.municipality_kode, bm.c.school_year))
    d = fetch(conn, sa.union_all(*parts), ["table", "mun", "year", "rows"], ints=("year", "rows"))
    out = pd.DataFrame({"table": [TABLES[t] for t in d["table"]], "municipality_kode": _kode(d["mun"]),
                        "municipality": _names(kommuner, d["mun"]), "school_year": d["year"], "rows": d["rows"]})
    out["_t"] = [list(TABLES).index(t) for t in d["table"]]
    return _sorted(out, ["_t", "municipality_kode", "school_year"])


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _sorted(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    df = df.sort_values(by, kind="stable", na_position="first").drop(columns=[c for c in by if c.startswith("_")])
    for c in df.columns:
        if df[c].dtype == object and df[c].map(lambda v: v is None or isinstance(v, str)).all():
            df[c] = df[c].astype("string")
    return df.reset_index(drop=True)


# --- 2. missing values ----------------------------------------------------------------------------
def _later_placement():
    """A placement without an end date while the same child has a placement that starts later: it
    should have been ended (an open placement that is the child's newest is ongoing, not missing)."""
    later = _pl.alias("later")
    return sa.and_(_pl.c.end_date.is_(None),
                   sa.exists().where(later.c.child_id == _pl.c.child_id, later.c.start_date > _pl.c.start_date))


def _missing_checks():
    """(table, column label, select_from, municipality column, condition for a missing value)."""
    resp = _sr.join(_rd, _rd.c.id == _sr.c.round_id)
    meas, goal = _via_intervention(_me, None)[0], _via_intervention(_go, None)[0]
    return [
        ("placement", "slutdato (ikke afsluttet, selv om barnet har en senere placering)",
         _pl.join(_inst, _inst.c.id == _pl.c.institution_id), _inst.c.municipality_kode, _later_placement()),
        ("survey_response", "køn (ukendt)", resp, _rd.c.municipality_kode, _sr.c.gender.not_in(s.GENDERS)),
        ("measurement", "informant", meas, _iv.c.municipality_kode, _me.c.informant.is_(None)),
        ("goal", "GAS-score og opnåelse", goal, _iv.c.municipality_kode,
         sa.and_(_go.c.gas_score.is_(None), _go.c.outcome.is_(None))),
        ("intervention", "effektmål (instrument)", _iv, _iv.c.municipality_kode, _iv.c.instrument_code.is_(None)),
        ("institution", "institutionsnummer", _inst, _inst.c.municipality_kode, _inst.c.institutionsnummer.is_(None)),
        ("institution", "distrikt", _inst, _inst.c.municipality_kode, _inst.c.district_id.is_(None)),
    ]


@lookup
def missing_values(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Rows with a missing value in a column that is optional in the schema but expected in the data,
    per table, column and municipality (every table with rows in the municipality, also at 0).

    Columns: table, column (Danish description of what is missing), municipality_kode, municipality,
    rows_missing, rows_total (the table's rows in the municipality), share (rows_missing / rows_total,
    0-1). An open placement is missing its end date only when the child has a later placement (the
    newest placement of a child is ongoing); a survey response's gender counts as missing when it is
    neither 'dreng' nor 'pige' (e.g. 'ukendt')."""
    kommuner = municipalities(conn, filters, scope)
    parts = [sa.select(sa.literal(i).label("i"), mun.label("mun"), sa.func.sum(sa.case((cond, 1), else_=0)),
                       sa.func.count()).select_from(joined).where(mun.in_(list(kommuner))).group_by(mun)
             for i, (_, _, joined, mun, cond) in enumerate(_missing_checks())]
    d = fetch(conn, sa.union_all(*parts), ["i", "mun", "missing", "total"], ints=("i", "mun", "missing", "total"))
    checks = _missing_checks()
    out = pd.DataFrame({"table": [TABLES[checks[i][0]] for i in d["i"]], "column": [checks[i][1] for i in d["i"]],
                        "municipality_kode": _kode(d["mun"]), "municipality": _names(kommuner, d["mun"]),
                        "rows_missing": d["missing"], "rows_total": d["total"],
                        "share": d["missing"] / np.maximum(d["total"], 1), "_i": d["i"]})
    return _sorted(out, ["_i", "municipality_kode"])


# --- 3. out of range --------------------------------------------------------------------------
def _days(conn: sa.Connection, col) -> sa.ColumnElement:
    """A date as a day number, to compare dates some days apart (SQLite: julianday; PostgreSQL: epoch)."""
    if conn.dialect.name == "sqlite":
        return sa.func.julianday(col)
    return sa.extract("epoch", col) / 86400


def _range_checks(conn: sa.Connection):
    """(check, unit, select_from, municipality column, condition, counted) — counted: what one row is."""
    ins, sc, ind, sin = s.instrument, s.survey_score, s.survey_indicator, s.survey_instrument
    snap, child = s.placement_snapshot, s.child
    meas = _via_intervention(_me, None)[0]
    grade = snap.c.school_year - child.c.birth_year - 6
    pstart, pend, on = _days(conn, _pa.c.start_date), _days(conn, _pa.c.end_date), _days(conn, _me.c.measured_on)
    return [
        ("Måling uden for instrumentets skala", "målinger", meas.join(ins, ins.c.code == _me.c.instrument_code),
         _iv.c.municipality_kode, sa.or_(_me.c.score < ins.c.min_score, _me.c.score > ins.c.max_score), None),
        ("Trivselsscore uden for svarskalaen", "trivselsscorer",
         sc.join(_sr, _sr.c.id == sc.c.response_id).join(_rd, _rd.c.id == _sr.c.round_id)
         .join(ind, ind.c.code == sc.c.indicator_code).join(sin, sin.c.code == ind.c.instrument_code),
         _rd.c.municipality_kode, sa.or_(sc.c.score < 1, sc.c.score > sin.c.n_options), None),
        ("Fødselsår passer ikke til klassetrin 0-10 i skolen", "børn",
         snap.join(child, child.c.id == snap.c.child_id).join(_inst, _inst.c.id == snap.c.institution_id),
         _inst.c.municipality_kode, sa.and_(_inst.c.kind == "skole", sa.or_(grade < 0, grade > 10)), snap.c.child_id),
        ("Placering slutter før den starter", "placeringer", _pl.join(_inst, _inst.c.id == _pl.c.institution_id),
         _inst.c.municipality_kode, _pl.c.end_date < _pl.c.start_date, None),
        ("Indsatsforløb slutter før det starter", "forløb", _via_intervention(_pa, None)[0], _iv.c.municipality_kode,
         _pa.c.end_date < _pa.c.start_date, None),
        (f"Måling mere end {AROUND} dage uden for sit forløb", "målinger", meas, _iv.c.municipality_kode,
         sa.or_(on < pstart - AROUND, sa.and_(_pa.c.end_date.is_not(None), _me.c.timepoint != "opfoelgning",
                        on > pend + AROUND)), None),
    ]


@lookup
def out_of_range(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Values outside their allowed range, per check and municipality (every check, also at 0).

    Columns: check (Danish description), unit (what is counted: målinger, trivselsscorer, børn,
    placeringer, forløb), municipality_kode, municipality, rows (the number of such records; for the
    birth-year check the number of children). Counts only: no example value, no id. The checks: a
    measurement's score outside its instrument's min_score..max_score; a survey indicator score outside
    1..the instrument's number of answer options; a child whose grade from its birth year (school year -
    birth year - 6, as data.derived) is below 0 or above 10 in a school year it is at a school on the
    count date; an end date before the start date (placement, forløb); a measurement more than 90 days
    before its forløb started or after it ended (a follow-up, 'opfoelgning', is
    after the end by design: only its start is checked)."""
    kommuner = municipalities(conn, filters, scope)
    checks = _range_checks(conn)
    parts = [sa.select(sa.literal(i).label("i"), mun.label("mun"),
                       sa.func.count(sa.distinct(counted)) if counted is not None else sa.func.count())
             .select_from(joined).where(mun.in_(list(kommuner)), cond).group_by(mun)
             for i, (_, _, joined, mun, cond, counted) in enumerate(checks)]
    d = fetch(conn, sa.union_all(*parts), ["i", "mun", "rows"], ints=("i", "mun", "rows"))
    found = {(int(i), int(m)): int(n) for i, m, n in zip(d["i"], d["mun"], d["rows"])}
    rows = [(c[0], c[1], k, name, found.get((i, k), 0), i) for i, c in enumerate(checks) for k, name in kommuner.items()]
    out = _frame(rows, ["check", "unit", "municipality_kode", "municipality", "rows", "_i"])
    out["municipality_kode"], out["rows"] = out["municipality_kode"].astype("Int64"), out["rows"].astype("int64")
    return _sorted(out, ["_i", "municipality_kode"])


# --- 4. overlapping placements -------------------------------------------------------------------
@lookup
def overlapping_placements(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Children with two placements whose periods overlap, per municipality and school year.

    Two placements of a child overlap when each starts before the other ends (an open end is ongoing;
    a placement that ends on the day the next starts is a handover, not an overlap). The school year
    is the one in which the overlap begins (the later start; 1 August starts a school year); a child
    counts in the municipality of each of the two placements (an open placement left behind in the
    old municipality is a problem there too), once per municipality and school year.
    Columns: municipality_kode, municipality, school_year, children. Only rows with children > 0."""
    kommuner = municipalities(conn, filters, scope)
    a, b = _pl.alias("a"), _pl.alias("b")
    never = sa.cast(sa.literal("9999-12-31"), sa.Date) if conn.dialect.name != "sqlite" else sa.literal("9999-12-31")
    later = sa.case((a.c.start_date >= b.c.start_date, a.c.start_date), else_=b.c.start_date)
    pairs = (sa.select(a.c.child_id, start_year(later).label("y"), a.c.institution_id.label("ia"),
                       b.c.institution_id.label("ib"))
             .join_from(a, b, sa.and_(b.c.child_id == a.c.child_id, b.c.id > a.c.id))
             .where(a.c.start_date < sa.func.coalesce(b.c.end_date, never),
                    b.c.start_date < sa.func.coalesce(a.c.end_date, never)).subquery("pairs"))
    each = sa.union(sa.select(pairs.c.child_id, pairs.c.y, pairs.c.ia.label("inst")),
                    sa.select(pairs.c.child_id, pairs.c.y, pairs.c.ib)).subquery("each")
    q = (sa.select(_inst.c.municipality_kode, each.c.y, sa.func.count(sa.distinct(each.c.child_id)))
         .join_from(each, _inst, _inst.c.id == each.c.inst).where(_inst.c.municipality_kode.in_(list(kommuner)))
         .group_by(_inst.c.municipality_kode, each.c.y))
    d = fetch(conn, q, ["mun", "year", "children"], ints=("mun", "year", "children"))
    out = pd.DataFrame({"municipality_kode": _kode(d["mun"]), "municipality": _names(kommuner, d["mun"]),
                        "school_year": d["year"], "children": d["children"]})
    return _sorted(out, ["municipality_kode", "school_year"])


# --- 6. latest dates --------------------------------------------------------------------------
def _latest_parts():
    """(domain, measure, kind, select of (municipality, newest)) — kind 'year' (a school year) or 'date'."""
    pl_mun, iv_mun = _inst.c.municipality_kode, _iv.c.municipality_kode
    pl = _pl.join(_inst, _inst.c.id == _pl.c.institution_id)
    snap = s.placement_snapshot.join(_inst, _inst.c.id == s.placement_snapshot.c.institution_id)
    bm = s.benchmark
    return [
        ("Trivsel", "nyeste trivselsmåling", "year", _rd, _rd.c.municipality_kode, _rd.c.school_year),
        ("Overgange", "nyeste placeringsstart", "date", pl, pl_mun, _pl.c.start_date),
        ("Overgange", "nyeste placeringsslut", "date", pl, pl_mun, _pl.c.end_date),
        ("Overgange", "nyeste tælledag", "count", snap, pl_mun, s.placement_snapshot.c.school_year),
        ("Effekt", "nyeste måling", "date", _via_intervention(_me, None)[0], iv_mun, _me.c.measured_on),
        ("Effekt", "nyeste forløbsstart", "date", _via_intervention(_pa, None)[0], iv_mun, _pa.c.start_date),
        ("Landstal", "nyeste landstal og kommunetal", "year", bm, bm.c.municipality_kode, bm.c.school_year),
    ]


@lookup
def latest_dates(conn: sa.Connection, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The newest data per domain and municipality, the newest import per kind, and the extraction date.

    Columns: domain (Trivsel, Overgange, Effekt, Landstal, Import, Udtræk), measure (Danish description),
    municipality_kode (Int64; <NA> where it applies to no municipality: Landstal, imports, the
    extraction date), municipality ("Hele landet" there), school_year (Int64, for measures that are a
    school year), date (datetime64, for those that are a day: the count date of the newest snapshot;
    an import's time as its day), shown (Danish text: '2025/26' or '5. september 2025')."""
    from data.config import settings
    kommuner = municipalities(conn, filters, scope)
    if not kommuner:
        return _latest_frame([])
    rows = []
    for domain, measure, kind, joined, mun, col in _latest_parts():
        nation = mun.is_(None) if domain == "Landstal" else sa.false()
        q = (sa.select(mun, sa.func.max(col)).select_from(joined).where(sa.or_(mun.in_(list(kommuner)), nation))
             .group_by(mun))
        for k, value in conn.execute(q):
            if value is None:
                continue
            if kind == "count":
                value, kind_ = count_date(int(value), settings().count_date), "date"
            else:
                kind_ = kind
            rows.append((domain, measure, k, kind_, value))
    ib = s.import_batch
    q = sa.select(ib.c.kind, sa.func.max(ib.c.imported_at)).where(ib.c.outcome != "afvist").group_by(ib.c.kind)
    rows += [("Import", f"nyeste indlæsning: {kind}", None, "date", _day(at)) for kind, at in conn.execute(q)]
    when = extraction_date(conn)
    if when is not None:
        rows.append(("Udtræk", "udtræksdato", None, "date", when))
    return _latest_frame(rows, kommuner)


def _day(value) -> dt.date:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.date() if isinstance(value, dt.datetime) else value


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def danish_date(day: dt.date) -> str:
    """5 September 2025 -> '5. september 2025'."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _latest_frame(rows: list, kommuner: dict | None = None) -> pd.DataFrame:
    out = pd.DataFrame({
        "domain": [r[0] for r in rows], "measure": [r[1] for r in rows], "municipality_kode": _kode([r[2] for r in rows]),
        "municipality": _names(kommuner or {}, [r[2] for r in rows]),
        "school_year": pd.array([int(r[4]) if r[3] == "year" else None for r in rows], dtype="Int64"),
        "date": pd.to_datetime(pd.Series([_day(r[4]) if r[3] == "date" else None for r in rows], dtype=object)),
        "shown": [school_year_label(int(r[4])) if r[3] == "year" else danish_date(_day(r[4])) for r in rows]})
    out["_o"] = [["Trivsel", "Overgange", "Effekt", "Landstal", "Import", "Udtræk"].index(d) for d in out["domain"]]
    return _sorted(out, ["_o", "municipality_kode"])
