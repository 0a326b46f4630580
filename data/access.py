"""Users, their roles and the audit log: the SQL that keeps the access tables (data.schema_access).

An admin manages users on the Data page or with `python -m data.users`. Every write is checked whole
first and refused with a Danish message naming the field and the value (AccessError) — then nothing
is written. A user is kept by its login in lowercase (e-mail, or the identity provider's subject).
What a role may see is queries.filters.Scope; queries.access turns a login into one.

The audit log holds who opened which page with which selection, who exported which file, and who
logged in or was refused — never a figure; rows older than INDBLIK_AUDIT_DAYS are deleted when a
session starts (prune).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.errors import InputError
from data.schema_access import EVENTS, ROLE_LABELS, ROLES, app_user, app_user_institution, audit_event


class AccessError(InputError):
    """A user that cannot be saved; the message is Danish and names the field and the value."""


@dataclass(frozen=True)
class User:
    """A user as an admin enters it: subject (e-mail or subject), role, municipality (None: every
    municipality), own institutions (a leder's)."""

    subject: str
    role: str
    municipality_kode: int | None = None
    institution_ids: frozenset[int] = frozenset()
    name: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def key(subject: str) -> str:
    return (subject or "").strip().lower()


def label(conn: sa.Connection, role: str, kode: int | None, own: frozenset[int]) -> str:
    """'Leder · Ahorngården Skole', 'Udvalg · Herning', 'Forvaltning · alle kommuner'."""
    if role == "leder" and own:
        names = [n for (n,) in conn.execute(sa.select(s.institution.c.name).where(s.institution.c.id.in_(sorted(own)))
                                            .order_by(s.institution.c.name))]
        return f"{ROLE_LABELS[role][0]} · {', '.join(names)}"
    where = "alle kommuner" if kode is None else conn.execute(
        sa.select(s.municipality.c.name).where(s.municipality.c.kode == kode)).scalar_one_or_none() or str(kode)
    return f"{ROLE_LABELS[role][0]} · {where}"



# --- managing users -----------------------------------------------------------------------------------
_SUBJECT = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$|^[A-Za-z0-9._:-]{6,200}$")


def check(conn: sa.Connection, user: User) -> User:
    """The user as it will be saved (subject in lowercase), or AccessError naming what is wrong."""
    subject = key(user.subject)
    if not _SUBJECT.match(subject):
        raise AccessError(f"Login »{user.subject}« er hverken en e-mailadresse eller et subject fra login-udbyderen.")
    if user.role not in ROLES:
        raise AccessError(f"Rollen »{user.role}« findes ikke; vælg en af {', '.join(ROLES)}.")
    kode = user.municipality_kode
    if kode is not None and conn.execute(sa.select(s.municipality.c.kode).where(s.municipality.c.kode == kode)).first() is None:
        raise AccessError(f"Kommunekoden {kode} findes ikke i databasen.")
    if kode is None and user.role in ("leder", "udvalg"):
        raise AccessError(f"Rollen »{user.role}« skal have en kommune.")
    own = frozenset(int(i) for i in user.institution_ids)
    if user.role == "leder":
        if not own:
            raise AccessError("En leder skal have mindst én institution.")
        found = dict(conn.execute(sa.select(s.institution.c.id, s.institution.c.municipality_kode)
                                  .where(s.institution.c.id.in_(sorted(own)))).all())
        missing = sorted(own - set(found))
        if missing:
            raise AccessError(f"Institution {', '.join(map(str, missing))} findes ikke i databasen.")
        elsewhere = sorted(i for i, k in found.items() if k != kode)
        if elsewhere:
            raise AccessError(f"Institution {', '.join(map(str, elsewhere))} ligger ikke i kommune {kode}.")
    elif own:
        raise AccessError(f"Kun en leder har egne institutioner; rollen »{user.role}« ser alle i sit område.")
    name = (user.name or "").strip() or None
    return User(subject=subject, role=user.role, municipality_kode=kode, institution_ids=own, name=name)


def institutions(conn: sa.Connection, refs: list[str]) -> frozenset[int]:
    """The ids of institutions named by their 6-digit institutionsnummer or their id in Indblik."""
    inst, out = s.institution, set()
    for ref in refs:
        ref = str(ref).strip()
        found = conn.execute(sa.select(inst.c.id).where(sa.or_(inst.c.institutionsnummer == ref,
                                                                inst.c.id == (int(ref) if ref.isdigit() else -1)))
                             .order_by((inst.c.institutionsnummer == ref).desc())).scalars().first()
        if found is None:
            raise AccessError(f"Der er ingen institution med institutionsnummer eller id »{ref}«.")
        out.add(int(found))
    return frozenset(out)


def save(conn: sa.Connection, user: User, by: str) -> int:
    """Add the user, or change its role and scope (found by subject). Returns its id."""
    user = check(conn, user)
    values = dict(name=user.name, role=user.role, municipality_kode=user.municipality_kode)
    found = conn.execute(sa.select(app_user.c.id).where(app_user.c.subject == user.subject)).scalar_one_or_none()
    if found is None:
        found = conn.execute(app_user.insert().values(subject=user.subject, created_at=_now(), created_by=by, **values)
                             .returning(app_user.c.id)).scalar_one()
    else:
        conn.execute(app_user.update().where(app_user.c.id == found).values(changed_at=_now(), changed_by=by, **values))
        conn.execute(app_user_institution.delete().where(app_user_institution.c.user_id == found))
    if user.institution_ids:
        conn.execute(app_user_institution.insert(), [dict(user_id=found, institution_id=i) for i in sorted(user.institution_ids)])
    return int(found)


def remove(conn: sa.Connection, subject: str, by: str) -> None:
    """Take a user's access away (its audit rows stay)."""
    found = conn.execute(sa.select(app_user.c.id).where(app_user.c.subject == key(subject))).scalar_one_or_none()
    if found is None:
        raise AccessError(f"Der er ingen bruger med login »{subject}«.")
    conn.execute(app_user_institution.delete().where(app_user_institution.c.user_id == found))
    conn.execute(app_user.delete().where(app_user.c.id == found))


def users(conn: sa.Connection) -> pd.DataFrame:
    """Every user: subject, name, role, municipality_kode, kommune, institutions (names), changed_at, changed_by."""
    names: dict[int, list[str]] = {}
    q = (sa.select(app_user_institution.c.user_id, s.institution.c.name)
         .join_from(app_user_institution, s.institution, s.institution.c.id == app_user_institution.c.institution_id)
         .order_by(s.institution.c.name))
    for uid, name in conn.execute(q):
        names.setdefault(uid, []).append(name)
    q = (sa.select(app_user, s.municipality.c.name.label("kommune"))
         .join_from(app_user, s.municipality, s.municipality.c.kode == app_user.c.municipality_kode, isouter=True)
         .order_by(app_user.c.subject))
    rows = [dict(subject=r.subject, name=r.name, role=r.role, municipality_kode=r.municipality_kode,
                 kommune=r.kommune or "alle kommuner", institutions=", ".join(names.get(r.id, [])),
                 n_institutions=len(names.get(r.id, [])), changed_at=r.changed_at or r.created_at,
                 changed_by=r.changed_by or r.created_by) for r in conn.execute(q)]
    return pd.DataFrame(rows, columns=["subject", "name", "role", "municipality_kode", "kommune", "institutions",
                                       "n_institutions", "changed_at", "changed_by"])


# --- the audit log ------------------------------------------------------------------------------------
def record(conn: sa.Connection, actor: str, role: str, event: str, page: str | None = None,
           selection: str | None = None, detail: str | None = None) -> None:
    """Write one audit row (no figures: the page, the selection as link parameters, a file name)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    conn.execute(audit_event.insert().values(at=_now(), actor=actor[:200], role=role[:200], event=event,
                                             page=page, selection=(selection or "")[:500] or None,
                                             detail=(detail or "")[:260] or None))


def prune(conn: sa.Connection, days: int) -> int:
    """Delete audit rows older than `days`; returns how many."""
    return conn.execute(audit_event.delete().where(audit_event.c.at < _now() - dt.timedelta(days=days))).rowcount


def audit_log(conn: sa.Connection, limit: int = 500, actor: str | None = None) -> pd.DataFrame:
    """The newest audit rows (of one actor, when given): at, actor, role, event, page, selection, detail."""
    q = (sa.select(audit_event.c.at, audit_event.c.actor, audit_event.c.role, audit_event.c.event, audit_event.c.page,
                   audit_event.c.selection, audit_event.c.detail)
         .where(*([audit_event.c.actor == actor] if actor else []))
         .order_by(audit_event.c.at.desc(), audit_event.c.id.desc()).limit(limit))
    return pd.DataFrame(conn.execute(q).all(), columns=["at", "actor", "role", "event", "page", "selection", "detail"])


# --- saved views ----------------------------------------------------------------------------------------
VIEW_COLUMNS = ["id", "owner", "name", "page", "params", "shared"]


def save_view(conn: sa.Connection, owner: str, name: str, page: str, params: str, shared: bool) -> int:
    """Save (or overwrite, by name) a user's view: a page and its link's parameters. AccessError if the name
    is empty or too long, or the link too long."""
    name = (name or "").strip()
    if not name:
        raise AccessError("Giv visningen et navn.")
    if len(name) > 80:
        raise AccessError(f"Navnet »{name[:40]}…« er for langt (højst 80 tegn).")
    if len(params) > 500:
        raise AccessError("Visningens link er for langt til at blive gemt (højst 500 tegn).")
    v = s.saved_view
    found = conn.execute(sa.select(v.c.id).where(v.c.owner == owner, v.c.name == name)).scalar_one_or_none()
    values = dict(page=page, params=params, shared=bool(shared), created_at=_now())
    if found is None:
        return int(conn.execute(v.insert().values(owner=owner, name=name, **values).returning(v.c.id)).scalar_one())
    conn.execute(v.update().where(v.c.id == found).values(**values))
    return int(found)


def views(conn: sa.Connection, owner: str) -> pd.DataFrame:
    """The views a user may open: its own, then those others have shared (VIEW_COLUMNS)."""
    v = s.saved_view
    q = (sa.select(*(v.c[c] for c in VIEW_COLUMNS)).where(sa.or_(v.c.owner == owner, v.c.shared))
         .order_by((v.c.owner != owner), v.c.name))
    return pd.DataFrame(conn.execute(q).all(), columns=VIEW_COLUMNS)


def delete_view(conn: sa.Connection, view_id: int, owner: str) -> None:
    """Delete one of the user's own views (another's shared view cannot be deleted by it)."""
    v = s.saved_view
    if conn.execute(v.delete().where(v.c.id == view_id, v.c.owner == owner)).rowcount != 1:
        raise AccessError("Kun den, der gemte visningen, kan slette den.")
