"""Adding, changing and retiring pejlemærker (targets), with their history kept (the one module here
that writes: the SQL of the pejlemærker, read in queries.pejlemaerker).

A change never overwrites or deletes: `change` retires the row in force and adds a new one naming it
(replaces_id); `retire` only retires. Every write is checked whole first and refused with a Danish
message naming the field and the value — and then nothing is written:
- the KPI code must be in the catalogue (queries.kpis.CATALOGUE);
- the target must lie within the KPI's range (a share 0-1, a mean on the survey's 1-5, a rate per
  1,000 pupils 0-1,000);
- the school year must be one the data cover (a placement snapshot or a survey round);
- area, direction and title must be given; the municipality must exist.
"""
from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

import sqlalchemy as sa

from data import schema as s
from data.errors import InputError
from queries.filters import distinct_years

AREAS = ("dagtilbud", "skole", "bfo", "klub", "social")
RANGES = {"share": (0.0, 1.0), "mean": (1.0, 5.0), "per1000": (0.0, 1000.0)}


class TargetError(InputError):
    """A pejlemærke that cannot be saved; the message is Danish and names the field and the value."""


@dataclass(frozen=True)
class Target:
    municipality_kode: int
    area: str
    kpi_code: str
    title: str
    school_year: int
    target_value: float
    direction: str


def data_years(conn: sa.Connection) -> list[int]:
    """The school years the data cover (placement snapshots or survey rounds)."""
    rounds = {int(y) for (y,) in conn.execute(sa.select(s.survey_round.c.school_year).distinct())}  # a small table
    return sorted(rounds.union(distinct_years(conn, s.placement_snapshot.c.school_year)))


def check(conn: sa.Connection, t: Target) -> None:
    """Raise TargetError (Danish) unless `t` can be saved."""
    from queries.kpis import CATALOGUE

    if conn.execute(sa.select(sa.func.count()).where(s.municipality.c.kode == t.municipality_kode)).scalar() == 0:
        raise TargetError(f"Kommune: kommunekoden {t.municipality_kode} findes ikke.")
    if t.area not in AREAS:
        raise TargetError(f"Område: »{t.area}« er ikke et område; vælg et af {', '.join(AREAS)}.")
    kpi = CATALOGUE.get(t.kpi_code)
    if kpi is None:
        raise TargetError(f"Nøgletal: koden »{t.kpi_code}« findes ikke i nøgletalskataloget.")
    if not t.title.strip():
        raise TargetError("Pejlemærke: teksten mangler.")
    if t.direction not in ("higher", "lower"):
        raise TargetError(f"Retning: »{t.direction}« skal være »higher« (højere er bedre) eller »lower«.")
    lo, hi = RANGES[kpi.unit]
    if not lo <= t.target_value <= hi:
        raise TargetError(f"Mål: {t.target_value} ligger uden for nøgletallets skala ({lo:g}-{hi:g}) for "
                          f"{kpi.name[0]}.")
    years = data_years(conn)
    if t.school_year not in years:
        span = f"{years[0]}/{(years[0] + 1) % 100:02d}-{years[-1]}/{(years[-1] + 1) % 100:02d}" if years else "ingen år"
        raise TargetError(f"Skoleår: {t.school_year}/{(t.school_year + 1) % 100:02d} har ingen data i databasen "
                          f"(data dækker {span}).")


def add(conn: sa.Connection, t: Target, by: str, replaces: int | None = None) -> int:
    """Save a new target (checked first); returns its id."""
    check(conn, t)
    row = dict(t.__dict__, created_at=dt.datetime.now(dt.timezone.utc), created_by=by, replaces_id=replaces)
    return int(conn.execute(s.target.insert().values(**row).returning(s.target.c.id)).scalar_one())


def retire(conn: sa.Connection, target_id: int, by: str) -> None:
    """Retire a target in force (its row stays, with who and when)."""
    t = s.target
    done = conn.execute(t.update().where(t.c.id == target_id, t.c.retired_at.is_(None))
                        .values(retired_at=dt.datetime.now(dt.timezone.utc), retired_by=by)).rowcount
    if not done:
        raise TargetError(f"Pejlemærke {target_id} findes ikke eller er allerede trukket tilbage.")


def change(conn: sa.Connection, target_id: int, new: Target, by: str) -> int:
    """Replace a target in force by `new` (checked first): the old row is retired, the new one names it."""
    check(conn, new)
    retire(conn, target_id, by)
    return add(conn, new, by, replaces=target_id)


def save(conn: sa.Connection, t: Target, by: str, replaces: int = 0) -> int:
    """A new target, or — when `replaces` names one in force — its replacement (see change)."""
    return change(conn, replaces, t, by) if replaces else add(conn, t, by)
