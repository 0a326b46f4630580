"""The roles (access scopes) of the demo, and whether the database holds demo data."""
from __future__ import annotations

import sqlalchemy as sa

from data import schema as s
from queries.filters import Scope


def roles(conn: sa.Connection) -> list[Scope]:
    """The demo roles: the administration (everything), each municipality, each school's leader, and an
    administrator (everything, and edits the pejlemærker)."""
    out = [Scope()]
    for kode, name in conn.execute(sa.select(s.municipality.c.kode, s.municipality.c.name).order_by(s.municipality.c.name)):
        out.append(Scope(label=f"Kommune: {name}", municipality_kode=int(kode)))
    inst = s.institution
    q = sa.select(inst.c.id, inst.c.name).where(inst.c.kind == "skole").order_by(inst.c.name)
    for iid, name in conn.execute(q):
        out.append(Scope(label=f"Skoleleder: {name}", institution_ids=frozenset({int(iid)})))
    out.append(Scope(label="Administrator (alle institutioner, redigerer pejlemærker)", admin=True))
    return out


def has_demo_data(conn: sa.Connection) -> bool:
    """True when the database was filled by the synthetic demo generator (the banner must show)."""
    b = s.import_batch
    return conn.execute(sa.select(sa.func.count()).select_from(b).where(b.c.kind == "demo")).scalar() > 0
