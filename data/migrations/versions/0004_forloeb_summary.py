"""effekt: forloeb_summary, one row per forløb with its population keys and sufficient statistics

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

The Effekt page read participation ⋈ intervention ⋈ child ⋈ placement_snapshot ⋈ measurement/goal
in every one of its statements; it now reads this table. The table is created empty here and
filled by data.db.migrate after the upgrade, with the refresh code of the same release
(data.derived.refresh_effekt), which keeps it in step afterwards.

Also adds the column comments that 0002 left out of the Overgange tables (where the database keeps
comments: PostgreSQL), so the migrated schema is the one data/schema.py declares.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


# (table, column, type, nullable, comment) of the Overgange columns 0002 created without comment
_COMMENTS = [
    ('pupil_summary', 'ref_institution_id', sa.Integer(), True,
     'almen: egen skole; segregeret: seneste almenskole i kommunen (NULL = ingen)'),
    ('return_summary', 'entry_year', sa.Integer(), False, 'første år i specialtilbud (tilgang)'),
    ('return_summary', 'from_institution_id', sa.Integer(), False, 'almenskolen sidste år'),
    ('return_summary', 'to_institution_id', sa.Integer(), False, 'specialtilbuddet ved indgang'),
    ('return_summary', 'klassetrin', sa.Integer(), False, 'klassetrin ved indgang'),
    ('return_summary', 'duration', sa.Integer(), False, 'år fra indgang til tilbage i almen / censurering'),
    ('return_summary', 'returned', sa.Integer(), False, '1 = tilbage i almen klasse, 0 = censureret'),
    ('school_start_summary', 'prior', sa.String(20), False,
     'almen_dagtilbud | specialdagtilbud | andet (på tælledagen året før)'),
    ('transition_summary', 'school_year', sa.Integer(), False, 'året der skiftes TIL (tælledag)'),
    ('transition_summary', 'from_institution_id', sa.Integer(), True, 'NULL = ind i kommunen'),
    ('transition_summary', 'to_institution_id', sa.Integer(), True, 'NULL = ud af kommunen'),
    ('transition_summary', 'from_form', sa.String(20), False, "tilbudsform sidste år eller 'ind'"),
    ('transition_summary', 'to_form', sa.String(20), False, "tilbudsform i år eller 'ud'"),
    ('transition_summary', 'klassetrin', sa.Integer(), False, 'klassetrin i år (1-9)'),
]


def _comment(new: bool) -> None:
    if not op.get_bind().dialect.supports_comments:  # SQLite keeps no comments
        return
    for table, column, type_, nullable, comment in _COMMENTS:
        op.alter_column(table, column, existing_type=type_, existing_nullable=nullable,
                        comment=comment if new else None, existing_comment=None if new else comment)


def upgrade() -> None:
    _comment(True)

    def fk(col: str, ref: str) -> sa.ForeignKey:
        return sa.ForeignKey(ref, name=f'fk_forloeb_summary_{col}_{ref.split(".")[0]}')

    op.create_table(
        'forloeb_summary',
        sa.Column('participation_id', sa.Integer(), fk('participation_id', 'participation.id'), nullable=False),
        sa.Column('child_id', sa.Integer(), fk('child_id', 'child.id'), nullable=False),
        sa.Column('intervention_id', sa.Integer(), fk('intervention_id', 'intervention.id'), nullable=False),
        sa.Column('institution_id', sa.Integer(), fk('institution_id', 'institution.id'), nullable=True,
                  comment='indsatsens institution, ellers barnets på tælledagen i startskoleåret'),
        sa.Column('start_year', sa.Integer(), nullable=False, comment='startskoleår (skoleår begynder 1. august)'),
        sa.Column('klassetrin', sa.Integer(), nullable=True),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('provision_form', sa.String(length=20), nullable=True),
        sa.Column('ended', sa.Boolean(), nullable=False, comment='forløbet har en slutdato'),
        sa.Column('instrument_code', sa.String(length=30), nullable=True, comment='indsatsens primære effektmål'),
        sa.Column('gas', sa.Boolean(), nullable=False, comment='indsatsen har mindst ét GAS-scoret mål'),
        sa.Column('n_pre', sa.Integer(), nullable=False, comment='før-målinger af indsatsens effektmål'),
        sa.Column('n_post', sa.Integer(), nullable=False, comment='efter-målinger af indsatsens effektmål'),
        sa.Column('pre', sa.Double(), nullable=True, comment='gennemsnit af før-målingerne'),
        sa.Column('post', sa.Double(), nullable=True, comment='gennemsnit af efter-målingerne'),
        sa.Column('n_goals', sa.Integer(), nullable=False),
        sa.Column('n_opnaaet', sa.Integer(), nullable=False),
        sa.Column('n_delvist', sa.Integer(), nullable=False),
        sa.Column('n_ikke', sa.Integer(), nullable=False),
        sa.Column('n_gas', sa.Integer(), nullable=False, comment='GAS-scorede mål'),
        sa.Column('sw', sa.Double(), nullable=False, comment='Σ vægt over GAS-scorede mål'),
        sa.Column('sw2', sa.Double(), nullable=False, comment='Σ vægt²'),
        sa.Column('swx', sa.Double(), nullable=False, comment='Σ vægt·GAS-score'),
        sa.PrimaryKeyConstraint('participation_id', name='pk_forloeb_summary'),
    )
    op.create_index('ix_forloeb_summary_instrument', 'forloeb_summary', ['instrument_code', 'start_year'])
    # a municipality's or a role's view: institution_id IN (...) reads only its own forløb
    op.create_index('ix_forloeb_summary_institution', 'forloeb_summary', ['institution_id', 'start_year'])


def downgrade() -> None:
    _comment(False)
    op.drop_index('ix_forloeb_summary_institution', table_name='forloeb_summary')
    op.drop_index('ix_forloeb_summary_instrument', table_name='forloeb_summary')
    op.drop_table('forloeb_summary')
