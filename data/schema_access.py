"""Who may see what, and who saw what: the users' roles and scopes, and the audit log.

Kept beside data.schema (same metadata). A user is found by the login's e-mail or subject; the role
and scope come from here, never from the login's claims or from a link. The audit log holds who opened
which page with which selection, and who exported which file — never a figure. A saved view is a page
and its link's parameters under a name (the role is never part of it: whoever opens it sees it in their
own role).
"""
from __future__ import annotations

import sqlalchemy as sa

from data.metadata import metadata

ROLES = ("admin", "forvaltning", "leder", "udvalg")
ROLE_LABELS = {"admin": ("Administrator", "Administrator"), "forvaltning": ("Forvaltning", "Administration"),
               "leder": ("Leder", "Leader"), "udvalg": ("Udvalg", "Committee")}
EVENTS = ("side", "eksport", "login", "afvist")

app_user = sa.Table(
    "app_user", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("subject", sa.String(200), nullable=False, comment="e-mail eller OIDC-subject, små bogstaver"),
    sa.Column("name", sa.String(160), nullable=True),
    sa.Column("role", sa.String(12), nullable=False, comment="admin | forvaltning | leder | udvalg"),
    sa.Column("municipality_kode", sa.Integer, sa.ForeignKey("municipality.kode"), nullable=True,
              comment="NULL = alle kommuner (kun admin og forvaltning)"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("changed_by", sa.String(200), nullable=True),
    sa.UniqueConstraint("subject"),
    sa.CheckConstraint("role IN ('admin', 'forvaltning', 'leder', 'udvalg')", name="role"),
)

app_user_institution = sa.Table(
    "app_user_institution", metadata,
    sa.Column("user_id", sa.Integer, sa.ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), primary_key=True),
)

audit_event = sa.Table(
    "audit_event", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False, comment="brugerens e-mail/subject, eller 'lokal demo'"),
    sa.Column("role", sa.String(200), nullable=False, comment="rollen og dens omfang, som den stod"),
    sa.Column("event", sa.String(12), nullable=False, comment="side | eksport | login | afvist"),
    sa.Column("page", sa.String(40), nullable=True),
    sa.Column("selection", sa.String(500), nullable=True, comment="udvalget som linkets parametre"),
    sa.Column("detail", sa.String(260), nullable=True, comment="fx filnavnet på en eksport; aldrig et tal"),
    sa.CheckConstraint("event IN ('side', 'eksport', 'login', 'afvist')", name="event"),
)
sa.Index("ix_audit_event_at", audit_event.c.at)

# a named view: a page with its link's parameters, saved by a user for later (shared: every user may open it)
saved_view = sa.Table(
    "saved_view", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False, comment="brugerens login (som i audit_event.actor)"),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("page", sa.String(40), nullable=False),
    sa.Column("params", sa.String(500), nullable=False, comment="linkets parametre; aldrig rollen"),
    sa.Column("shared", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("owner", "name"),
)
sa.Index("ix_audit_event_actor", audit_event.c.actor, audit_event.c.at)  # the admin's view of one login
