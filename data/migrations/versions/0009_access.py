"""adgang: users with their role and scope, and the audit log

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23

- app_user: a login (e-mail or OIDC subject, lowercase) -> role (admin | forvaltning | leder | udvalg)
  and municipality (NULL = every municipality, for admin and forvaltning only).
- app_user_institution: a leder's own institutions.
- audit_event: who opened which page with which selection, who exported which file (no figures).
- saved_view: a page and its link's parameters saved under a name by a user, own or shared (never a role).
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'app_user',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False, comment='e-mail eller OIDC-subject, små bogstaver'),
        sa.Column('name', sa.String(length=160), nullable=True),
        sa.Column('role', sa.String(length=12), nullable=False, comment='admin | forvaltning | leder | udvalg'),
        sa.Column('municipality_kode', sa.Integer(), nullable=True,
                  comment='NULL = alle kommuner (kun admin og forvaltning)'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('changed_by', sa.String(length=200), nullable=True),
        sa.CheckConstraint("role IN ('admin', 'forvaltning', 'leder', 'udvalg')", name=op.f('ck_app_user_role')),
        sa.ForeignKeyConstraint(['municipality_kode'], ['municipality.kode'],
                                name=op.f('fk_app_user_municipality_kode_municipality')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
        sa.UniqueConstraint('subject', name=op.f('uq_app_user_subject')),
    )
    op.create_table(
        'app_user_institution',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ondelete='CASCADE',
                                name=op.f('fk_app_user_institution_user_id_app_user')),
        sa.ForeignKeyConstraint(['institution_id'], ['institution.id'],
                                name=op.f('fk_app_user_institution_institution_id_institution')),
        sa.PrimaryKeyConstraint('user_id', 'institution_id', name=op.f('pk_app_user_institution')),
    )
    op.create_table(
        'audit_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=200), nullable=False, comment="brugerens e-mail/subject, eller 'lokal demo'"),
        sa.Column('role', sa.String(length=200), nullable=False, comment='rollen og dens omfang, som den stod'),
        sa.Column('event', sa.String(length=12), nullable=False, comment='side | eksport | login | afvist'),
        sa.Column('page', sa.String(length=40), nullable=True),
        sa.Column('selection', sa.String(length=500), nullable=True, comment='udvalget som linkets parametre'),
        sa.Column('detail', sa.String(length=260), nullable=True, comment='fx filnavnet på en eksport; aldrig et tal'),
        sa.CheckConstraint("event IN ('side', 'eksport', 'login', 'afvist')", name=op.f('ck_audit_event_event')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    )
    op.create_index('ix_audit_event_at', 'audit_event', ['at'])
    op.create_index('ix_audit_event_actor', 'audit_event', ['actor', 'at'])
    op.create_table(
        'saved_view',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner', sa.String(length=200), nullable=False, comment='brugerens login (som i audit_event.actor)'),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('page', sa.String(length=40), nullable=False),
        sa.Column('params', sa.String(length=500), nullable=False, comment='linkets parametre; aldrig rollen'),
        sa.Column('shared', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_view')),
        sa.UniqueConstraint('owner', 'name', name=op.f('uq_saved_view_owner')),
    )


def downgrade() -> None:
    op.drop_table('saved_view')
    op.drop_index('ix_audit_event_actor', table_name='audit_event')
    op.drop_index('ix_audit_event_at', table_name='audit_event')
    op.drop_table('audit_event')
    op.drop_table('app_user_institution')
    op.drop_table('app_user')
