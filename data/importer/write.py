"""Comparing a validated file with the database (what would be added, changed, unchanged) and writing
it: upserts by natural key, then the refresh of the summary tables the pages read — all in the
caller's transaction. This module holds the organisation kinds, benchmarks and targets; the effect
kinds are in :mod:`data.importer.effekt`, the survey in :mod:`data.importer.survey`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import derived, schema as s
from data.demo.bulk import bulk_insert
from data.importer.kinds import DIRECTIONS, Parsed
from data.importer.read import Problem
from data.importer.validate import canon, diff, lookup


@dataclass
class Work:
    """What a load would write: rows to insert and to update (with "_id"), and what to refresh."""

    table: sa.Table | None = None
    new: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    unchanged: int = 0
    refresh: set[str] = field(default_factory=set)
    before: list = field(default_factory=list)  # callables(conn, batch_id) run before the upsert
    custom: object = None  # callable(conn, batch_id, actor, progress) that writes instead of the upsert
    school_years: set[int] = field(default_factory=set)

    @property
    def added(self) -> int:
        return len(self.new)

    @property
    def changed(self) -> int:
        return len(self.updates)


def upsert(conn: sa.Connection, work: Work, batch_id: int) -> None:
    for step in work.before:
        step(conn, batch_id)
    table = work.table
    if work.new:
        if "import_batch_id" in table.c:
            for r in work.new:
                r["import_batch_id"] = batch_id
        cols = list(work.new[0])
        bulk_insert(conn, table, cols, [tuple(r[c] for c in cols) for r in work.new])
    if work.updates:
        values = {c: sa.bindparam(c) for c in work.updates[0] if c != "_id"}
        if "import_batch_id" in table.c:
            values["import_batch_id"] = sa.literal(batch_id)
        conn.execute(table.update().where(table.c.id == sa.bindparam("_id")).values(values), work.updates)


def refresh(conn: sa.Connection, work: Work) -> None:
    """The summary tables that depend on what changed, in the caller's transaction."""
    from data.config import settings

    what = work.refresh
    if "survey" in what:
        derived.refresh_survey(conn, sorted(work.school_years))
    if "placements" in what:
        month_day = settings().count_date
        years = derived.snapshot_years(conn, month_day)
        conn.execute(s.placement_snapshot.delete().where(s.placement_snapshot.c.school_year.not_in(years)))
        derived.refresh_placement_snapshots(conn, years, month_day)
    if what & {"placements", "overgange"}:
        derived.refresh_overgange(conn)
    if what & {"placements", "overgange", "effekt"}:
        derived.refresh_effekt(conn)


def split(work: Work, incoming: list[dict], key: list[str], values: list[str], existing: list[tuple]) -> Work:
    """Fill work.new / work.updates / work.unchanged from incoming row dicts and database rows
    (id, key..., values...)."""
    rows = [tuple(r[c] for c in key + values) for r in incoming]
    new, changed, work.unchanged = diff(existing, rows, len(key))
    work.new = [incoming[i] for i in new]
    work.updates = [dict({c: incoming[i][c] for c in values}, _id=db_id) for i, db_id in changed]
    return work


def _none(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v


def records(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict]:
    """Frame rows as dicts of plain Python values, renamed file column -> table column."""
    out = []
    for row in frame[list(columns)].itertuples(index=False, name=None):
        out.append({dst: (_none(v).item() if hasattr(_none(v), "item") else _none(v))
                    for dst, v in zip(columns.values(), row)})
    return out


def inst_ids(conn) -> sa.Select:
    return sa.select(s.institution.c.institutionsnummer, s.institution.c.id).where(
        s.institution.c.institutionsnummer.is_not(None))


# --- institutioner ------------------------------------------------------------------------------
def institutions(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    muns = dict(conn.execute(sa.select(s.municipality.c.kode, s.municipality.c.name)).all())
    new_muns: dict[int, str] = {}
    for idx, kode, name in zip(f.index, f["kommunekode"], f["kommune"]):
        if pd.isna(kode) or int(kode) in muns or int(kode) in new_muns:
            continue
        if not name:
            p.problems.append(Problem(file, int(idx), "kommunekode", str(kode), "kommunen findes ikke i databasen; "
                                      "udfyld kolonnen 'kommune' med dens navn, så oprettes den"))
        else:
            new_muns[int(kode)] = name
    districts = {(m, n): i for i, m, n in conn.execute(sa.select(s.district.c.id, s.district.c.municipality_kode,
                                                                  s.district.c.name))}
    new_districts = sorted({(int(k), d) for k, d in zip(f["kommunekode"], f["distrikt"])
                            if d and not pd.isna(k) and (int(k), d) not in districts})
    incoming = records(f, {"institutionsnummer": "institutionsnummer", "navn": "name",
                           "kommunekode": "municipality_kode", "distrikt": "district", "type": "kind",
                           "tilbud": "provision", "specialform": "special_form"})
    i, d = s.institution, s.district
    existing = conn.execute(sa.select(i.c.id, i.c.institutionsnummer, i.c.name, i.c.municipality_kode, d.c.name,
                                      i.c.kind, i.c.provision, i.c.special_form)
                            .select_from(i.outerjoin(d, d.c.id == i.c.district_id))
                            .where(i.c.institutionsnummer.is_not(None))).all()
    work = split(Work(table=s.institution), incoming, ["institutionsnummer"],
                 ["name", "municipality_kode", "district", "kind", "provision", "special_form"], existing)

    def create_org(conn, _batch):
        if new_muns:
            conn.execute(s.municipality.insert(), [dict(kode=k, name=v) for k, v in new_muns.items()])
        if new_districts:
            conn.execute(s.district.insert(), [dict(municipality_kode=k, name=n) for k, n in new_districts])
        ids = {(m, n): i for i, m, n in conn.execute(sa.select(d.c.id, d.c.municipality_kode, d.c.name))}
        for r in work.new + work.updates:
            r["district_id"] = ids.get((r["municipality_kode"], r.pop("district")))
    work.before.append(create_org)
    if work.updates:
        work.refresh.add("overgange")
    return work


# --- boern ----------------------------------------------------------------------------------
def children(conn: sa.Connection, p: Parsed, file: str) -> Work:
    incoming = records(p.frame, {"barn_id": "id", "foedselsaar": "birth_year", "koen": "gender"})
    c = s.child
    existing = conn.execute(sa.select(c.c.id, c.c.id, c.c.birth_year, c.c.gender)).all()
    work = split(Work(table=s.child), incoming, ["id"], ["birth_year", "gender"], existing)
    keys = np.random.default_rng().integers(0, s.RECORD_KEY_SPACE, len(work.new))
    for r, k in zip(work.new, keys):
        r["record_key"] = int(k)  # drawn once, kept on every later import (never shown)
    if work.updates:
        work.refresh.add("placements")
    return work


# --- placeringer ----------------------------------------------------------------------------
def placements(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    f["child_id"] = lookup(conn, sa.select(s.child.c.id, s.child.c.id), file, f, ["barn_id"], "barnet", p.problems)
    f["institution_id"] = lookup(conn, inst_ids(conn), file, f, ["institutionsnummer"], "institutionen", p.problems)
    incoming = records(f, {"child_id": "child_id", "institution_id": "institution_id", "startdato": "start_date",
                           "tilbudsform": "provision_form", "slutdato": "end_date"})
    pl = s.placement
    existing = conn.execute(sa.select(pl.c.id, pl.c.child_id, pl.c.institution_id, pl.c.start_date,
                                      pl.c.provision_form, pl.c.end_date)).all()
    work = split(Work(table=pl), incoming, ["child_id", "institution_id", "start_date"],
                 ["provision_form", "end_date"], existing)
    ongoing = int(f["slutdato"].isna().sum())
    if ongoing:
        p.warnings.append(f"{ongoing} placeringer er igangværende (ingen slutdato).")
    if work.new or work.updates:
        work.refresh.add("placements")
    return work


# --- landstal --------------------------------------------------------------------------------
CUBE_COLUMNS = {"indikator": "maal", "skoleår": "skoleaar", "kommunekode": "kommunekode", "kilde": "kilde"}


def from_cube(text: pd.DataFrame, conn: sa.Connection) -> pd.DataFrame:
    """The ministry's cube layout (Indikator, Skoleår, [Kommune], Landstal, Kommunetal) as the long
    layout of the benchmark kind: one row per value, the file's row numbers kept."""
    t = text.rename(columns=CUBE_COLUMNS)
    if "kommunekode" not in t and "kommune" in t:
        by_name = {n.lower(): str(k) for k, n in conn.execute(sa.select(s.municipality.c.kode, s.municipality.c.name))}
        t["kommunekode"] = [by_name.get(v.lower(), v) for v in t["kommune"]]
    parts = []
    for kind in ("landstal", "kommunetal"):
        if kind in t:
            part = t.assign(type=kind, vaerdi=t[kind])
            if kind == "landstal":
                part = part.assign(kommunekode="")
            part = part[part["vaerdi"] != ""]
            parts.append(part[[c for c in ("type", "maal", "skoleaar", "kommunekode", "vaerdi", "kilde") if c in part]])
    long = pd.concat(parts) if parts else pd.DataFrame(columns=["type", "maal", "skoleaar", "vaerdi"])
    if "kommunekode" not in long:
        long["kommunekode"] = ""
    long = long.fillna("")
    # the same Landstal on every municipality's row counts once (a different one is a duplicate key)
    return long[~long.reset_index().duplicated(keep="first").to_numpy()]


def benchmarks(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    names = {n.lower(): c for c, n in conn.execute(sa.select(s.survey_indicator.c.code, s.survey_indicator.c.name_da))}
    f["maal"] = [names.get(str(v).lower(), v) if v is not None else None for v in f["maal"]]
    muns = {k for (k,) in conn.execute(sa.select(s.municipality.c.kode))}
    for idx, k in zip(f.index, f["kommunekode"]):
        if not pd.isna(k) and int(k) not in muns:
            p.problems.append(Problem(file, int(idx), "kommunekode", str(k), "kommunen findes ikke i databasen"))
    incoming = records(f, {"type": "kind", "maal": "measure_code", "skoleaar": "school_year",
                           "kommunekode": "municipality_kode", "vaerdi": "value", "kilde": "source"})
    b = s.benchmark
    existing = conn.execute(sa.select(b.c.id, b.c.kind, b.c.measure_code, b.c.school_year, b.c.municipality_kode,
                                      b.c.value, b.c.source)).all()
    return split(Work(table=b), incoming, ["kind", "measure_code", "school_year", "municipality_kode"],
                 ["value", "source"], existing)


# --- pejlemaerker (through queries.targets: a change retires the row in force and adds its successor) --
def targets(conn: sa.Connection, p: Parsed, file: str) -> Work:
    from queries import targets as tq

    f = p.frame
    wanted = []
    for idx, r in zip(f.index, records(f, {"kommunekode": "municipality_kode", "omraade": "area",
                                           "noegletal": "kpi_code", "titel": "title", "skoleaar": "school_year",
                                           "maal": "target_value", "retning": "direction"})):
        r["direction"] = DIRECTIONS.get(r["direction"], r["direction"])
        t = tq.Target(**r)
        try:
            tq.check(conn, t)
        except tq.TargetError as exc:
            p.problems.append(Problem(file, int(idx), None, None, str(exc)))
            continue
        wanted.append(t)
    tg = s.target
    in_force = {}
    for row in conn.execute(sa.select(tg.c.id, tg.c.municipality_kode, tg.c.area, tg.c.kpi_code, tg.c.school_year,
                                      tg.c.title, tg.c.target_value, tg.c.direction)
                            .where(tg.c.retired_at.is_(None)).order_by(tg.c.id)):
        in_force.setdefault(tuple(canon(v) for v in row[1:5]), row)
    work = Work(table=tg)
    adds, changes = [], []
    for t in wanted:
        row = in_force.get(tuple(canon(v) for v in (t.municipality_kode, t.area, t.kpi_code, t.school_year)))
        if row is None:
            adds.append(t)
        elif tuple(canon(v) for v in row[5:]) == tuple(canon(v) for v in (t.title, t.target_value, t.direction)):
            work.unchanged += 1
        else:
            changes.append((row[0], t))
    work.new = [t.__dict__ for t in adds]
    work.updates = [dict(t.__dict__, _id=i) for i, t in changes]

    def write(conn, _batch, actor, _progress):
        for t in adds:
            tq.add(conn, t, actor)
        for target_id, t in changes:
            tq.change(conn, target_id, t, actor)
    work.custom = write
    return work


def today() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
