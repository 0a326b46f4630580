"""overgange: summary tables of counts (pupils, transitions, return life table, school start)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Creates the tables empty; data.db.migrate fills them after the upgrade with the refresh code of
the same release (data.derived.refresh_overgange, which keeps them in step afterwards), so a
migration never runs today's code against yesterday's schema.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_FK = "institution.id"


def upgrade() -> None:
    op.create_table(
        'pupil_summary',
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_pupil_summary_institution_id_institution'), nullable=False),
        sa.Column('ref_institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_pupil_summary_ref_institution_id_institution'), nullable=True),
        sa.Column('klassetrin', sa.Integer(), nullable=True),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('provision_form', sa.String(length=20), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
    )
    op.create_index('ix_pupil_summary_year', 'pupil_summary', ['school_year', 'institution_id'])
    op.create_table(
        'transition_summary',
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('municipality_kode', sa.Integer(), sa.ForeignKey('municipality.kode', name='fk_transition_summary_municipality_kode_municipality'), nullable=False),
        sa.Column('from_institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_transition_summary_from_institution_id_institution'), nullable=True),
        sa.Column('to_institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_transition_summary_to_institution_id_institution'), nullable=True),
        sa.Column('from_form', sa.String(length=20), nullable=False),
        sa.Column('to_form', sa.String(length=20), nullable=False),
        sa.Column('klassetrin', sa.Integer(), nullable=False),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
    )
    op.create_index('ix_transition_summary_year', 'transition_summary', ['school_year'])
    op.create_table(
        'return_summary',
        sa.Column('entry_year', sa.Integer(), nullable=False),
        sa.Column('municipality_kode', sa.Integer(), sa.ForeignKey('municipality.kode', name='fk_return_summary_municipality_kode_municipality'), nullable=False),
        sa.Column('from_institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_return_summary_from_institution_id_institution'), nullable=False),
        sa.Column('to_institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_return_summary_to_institution_id_institution'), nullable=False),
        sa.Column('entry_form', sa.String(length=20), nullable=False),
        sa.Column('klassetrin', sa.Integer(), nullable=False),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('duration', sa.Integer(), nullable=False),
        sa.Column('returned', sa.Integer(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
    )
    op.create_index('ix_return_summary_year', 'return_summary', ['entry_year'])
    op.create_table(
        'school_start_summary',
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), sa.ForeignKey(_FK, name='fk_school_start_summary_institution_id_institution'), nullable=False),
        sa.Column('provision_form', sa.String(length=20), nullable=False),
        sa.Column('prior', sa.String(length=20), nullable=False),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
    )
    op.create_index('ix_school_start_summary_year', 'school_start_summary', ['school_year'])


def downgrade() -> None:
    for name in ('school_start_summary', 'return_summary', 'transition_summary', 'pupil_summary'):
        op.drop_index(f'ix_{name}_year', table_name=name)
        op.drop_table(name)
