"""Municipalities, districts and institutions for the filter bar and the roles; all scope-aware."""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.filters import Filters, Scope, institution_ids_select


def municipalities(conn: sa.Connection, scope: Scope) -> pd.DataFrame:
    """kode, name of the municipalities the scope may see, by name."""
    m, inst = s.municipality, s.institution
    q = sa.select(m.c.kode, m.c.name).order_by(m.c.name)
    ids = institution_ids_select(Filters(), scope)
    if ids is not None:
        q = q.where(m.c.kode.in_(sa.select(inst.c.municipality_kode).where(inst.c.id.in_(ids))))
    return pd.DataFrame(conn.execute(q).all(), columns=["kode", "name"])


def districts(conn: sa.Connection, kommune: int | None, scope: Scope) -> pd.DataFrame:
    """id, name, municipality_kode of the districts in a municipality (all when None) within scope."""
    d, inst = s.district, s.institution
    q = sa.select(d.c.id, d.c.name, d.c.municipality_kode).order_by(d.c.name)
    if kommune is not None:
        q = q.where(d.c.municipality_kode == kommune)
    ids = institution_ids_select(Filters(), scope)
    if ids is not None:
        q = q.where(d.c.id.in_(sa.select(inst.c.district_id).where(inst.c.id.in_(ids))))
    return pd.DataFrame(conn.execute(q).all(), columns=["id", "name", "municipality_kode"])


def institutions(conn: sa.Connection, filters: Filters, scope: Scope, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """id, name, kind, provision, special_form, municipality_kode, district_id of the institutions the
    organisation filters (kommune, distrikt — not institution itself) and scope admit."""
    inst = s.institution
    q = sa.select(inst.c.id, inst.c.name, inst.c.kind, inst.c.provision, inst.c.special_form,
                  inst.c.municipality_kode, inst.c.district_id).order_by(inst.c.name)
    ids = institution_ids_select(filters.with_(institution=None), scope)
    if ids is not None:
        q = q.where(inst.c.id.in_(ids))
    if kinds:
        q = q.where(inst.c.kind.in_(kinds))
    return pd.DataFrame(conn.execute(q).all(),
                        columns=["id", "name", "kind", "provision", "special_form", "municipality_kode", "district_id"])


def roles(conn: sa.Connection) -> list[Scope]:
    """The demo roles: the administration (everything), each municipality, and each school's leader."""
    out = [Scope.everything()]
    for kode, name in conn.execute(sa.select(s.municipality.c.kode, s.municipality.c.name).order_by(s.municipality.c.name)):
        out.append(Scope(label=f"Kommune: {name}", municipality_kode=int(kode)))
    inst = s.institution
    q = sa.select(inst.c.id, inst.c.name).where(inst.c.kind == "skole").order_by(inst.c.name)
    for iid, name in conn.execute(q):
        out.append(Scope(label=f"Skoleleder: {name}", institution_ids=frozenset({int(iid)})))
    return out


def has_demo_data(conn: sa.Connection) -> bool:
    """True when the database was filled by the synthetic demo generator (the banner must show)."""
    b = s.import_batch
    return conn.execute(sa.select(sa.func.count()).select_from(b).where(b.c.kind == "demo")).scalar() > 0


def data_years(conn: sa.Connection) -> list[int]:
    """School years (start years) that have survey answers or placement snapshots, ascending."""
    q = sa.union(sa.select(s.survey_summary.c.school_year), sa.select(s.placement_snapshot.c.school_year))
    return sorted(int(y) for (y,) in conn.execute(q))
