"""From a login to what it may see, and which mode the app runs in: the reads of access.

A login (e-mail, or the identity provider's subject) is looked up in `app_user` (kept by data.access);
the role and scope come from there, never from the login's claims or from a link (queries.filters.Scope
says what each role may see, queries.contract enforces it on every query). Without a login the app
runs in a local demo mode with the demo's roles, and only on made-up data.
"""
from __future__ import annotations

import sqlalchemy as sa

from data import schema as s
from data.access import key, label
from data.schema_access import app_user, app_user_institution
from queries.filters import Scope

SYNTHETIC = ("demo", "test")  # import_batch kinds that hold made-up data (the demo generator, test fixtures)


def scope_for(conn: sa.Connection, identities: list[str]) -> Scope | None:
    """The scope of the first of a login's identities (e-mail, username, subject) found in app_user,
    or None: no role."""
    keys = [k for k in dict.fromkeys(key(i) for i in identities if i) if k]
    if not keys:
        return None
    rows = {r.subject: r for r in conn.execute(sa.select(app_user).where(app_user.c.subject.in_(keys)))}
    row = next((rows[k] for k in keys if k in rows), None)
    if row is None:
        return None
    own = frozenset(int(i) for (i,) in conn.execute(
        sa.select(app_user_institution.c.institution_id).where(app_user_institution.c.user_id == row.id)))
    kode = None if row.municipality_kode is None else int(row.municipality_kode)
    return Scope(label=label(conn, row.role, kode, own), role=row.role, municipality_kode=kode, own=own)


def demo_roles(conn: sa.Connection) -> list[Scope]:
    """The roles of the local demo mode, to choose from: the administration of every municipality, each
    municipality's administration and committee, each school's leader, and an administrator."""
    out = [Scope()]
    munis = list(conn.execute(sa.select(s.municipality.c.kode, s.municipality.c.name).order_by(s.municipality.c.name)))
    out += [Scope(label=f"Kommune: {name}", municipality_kode=int(kode)) for kode, name in munis]
    out += [Scope(label=f"Udvalg: {name}", role="udvalg", municipality_kode=int(kode)) for kode, name in munis]
    inst = s.institution
    q = sa.select(inst.c.id, inst.c.name, inst.c.municipality_kode).where(inst.c.kind == "skole").order_by(inst.c.name)
    out += [Scope(label=f"Skoleleder: {name}", role="leder", municipality_kode=int(kode), own=frozenset({int(iid)}))
            for iid, name, kode in conn.execute(q)]
    out.append(Scope(label="Administrator (alle institutioner, redigerer pejlemærker og brugere)", role="admin"))
    return out


def has_demo_data(conn: sa.Connection) -> bool:
    """True when the database was filled by the synthetic demo generator (the banner must show)."""
    b = s.import_batch
    return conn.execute(sa.select(sa.func.count()).select_from(b).where(b.c.kind == "demo")).scalar() > 0


def holds_real_data(conn: sa.Connection) -> bool:
    """True when the database holds data that are not made up: a batch of another kind than the demo's
    and the tests', or children without any batch saying where they came from."""
    b = s.import_batch
    real = conn.execute(sa.select(sa.func.count()).select_from(b).where(b.c.kind.not_in(SYNTHETIC))).scalar()
    if real:
        return True
    batches = conn.execute(sa.select(sa.func.count()).select_from(b)).scalar()
    return not batches and conn.execute(sa.select(sa.func.count()).select_from(s.child)).scalar() > 0
