"""trivsel: survey_summary added up per school year, institution and indicator in survey_year_summary

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-24

With no grade, gender or provision form chosen (the page's default; Overblik's and Udforsk's key figures too),
Trivsel's yearly trend, its bands, the institutions' funnel and the year-on-year changes added up every cell of
survey_summary: ~1.5M rows for the whole country at national scale, 150-200 ms a query on PostgreSQL.
survey_year_summary holds the same sums per school year, institution and indicator (~1/30 of the rows); a query
with one of the three chosen reads survey_summary as before. data.db.migrate fills the table right after this
revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

SUMS = ('n', 'sum_x', 'sum_x2', 'band1', 'band2', 'band3', 'band4', 'key_sum', 'band1_key', 'band2_key', 'band3_key',
        'band4_key')


def _type(c: str):
    return sa.Double() if c.startswith('sum_x') else sa.BigInteger() if 'key' in c else sa.Integer()


def upgrade() -> None:
    op.create_table(
        'survey_year_summary',
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.Column('indicator_code', sa.String(length=30), nullable=False),
        *(sa.Column(c, _type(c), nullable=False) for c in SUMS),
        sa.ForeignKeyConstraint(['institution_id'], ['institution.id']),
        sa.PrimaryKeyConstraint('school_year', 'institution_id', 'indicator_code'),
    )


def downgrade() -> None:
    op.drop_table('survey_year_summary')
