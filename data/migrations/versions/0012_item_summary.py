"""trivsel: survey_item_summary, answer counts per cell, item and value; an index on placement start

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23

Trivsel's item_distribution read the raw answers (43M rows at a quarter of national volume: 0.94 s on
SQLite, growing with respondents); it now reads answer counts and key sums per school year,
institution, klassetrin, gender, provision form, item and value. The table is created empty here and
filled by data.db.migrate after the upgrade (data.derived.refresh_survey_items, FILLED_AFTER), which
keeps it in step afterwards. Its primary key leads with the item (one question is one range); on
PostgreSQL it carries n and key_sum, so the query reads the index alone.

ix_placement_start: the newest placement start (the data line of every page, queries.kpis.freshness)
is read from the index's end instead of the whole placement table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'survey_item_summary',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.Column('klassetrin', sa.Integer(), nullable=False),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('provision_form', sa.String(length=20), nullable=False),
        sa.Column('value', sa.SmallInteger(), nullable=False, comment='svaret som givet (også uden for skalaen)'),
        sa.Column('n', sa.Integer(), nullable=False, comment='svar med denne værdi'),
        sa.Column('key_sum', sa.BigInteger(), nullable=False,
                  comment='Σ record_key over de svarende (cellenøglemetoden)'),
        sa.ForeignKeyConstraint(['institution_id'], ['institution.id'],
                                name=op.f('fk_survey_item_summary_institution_id_institution')),
        sa.ForeignKeyConstraint(['item_id'], ['survey_item.id'], name=op.f('fk_survey_item_summary_item_id_survey_item')),
        sa.PrimaryKeyConstraint('item_id', 'school_year', 'institution_id', 'klassetrin', 'gender', 'provision_form',
                                'value', name=op.f('pk_survey_item_summary'), postgresql_include=['n', 'key_sum']),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.create_index('ix_placement_start', ['start_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('placement', schema=None) as batch_op:
        batch_op.drop_index('ix_placement_start')
    op.drop_table('survey_item_summary')
