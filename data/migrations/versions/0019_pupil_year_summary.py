"""overgange: pupil_summary added up per school year, institution and reference school in pupil_year_summary

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-24

With no grade or gender chosen (the page's default; Overblik's key figures and "Hvad er nyt"), the inklusionsgrad
per year and its split by school or district added up every cell of pupil_summary: ~448,000 rows for the whole
country at national scale, ~50 ms a query on PostgreSQL. pupil_year_summary holds the same sums without grade,
gender and provision form (~63,000 rows); a query with a grade or gender chosen reads pupil_summary as before.
data.db.migrate fills the table right after this revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'pupil_year_summary',
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.Column('ref_institution_id', sa.Integer(), nullable=True),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('key_sum', sa.BigInteger(), nullable=False),
        sa.Column('segregated', sa.Integer(), nullable=False, comment='heraf ikke i almenklasse'),
        sa.Column('segregated_key', sa.BigInteger(), nullable=False),
    )
    op.create_index('ix_pupil_year_summary_year', 'pupil_year_summary', ['school_year', 'institution_id'])


def downgrade() -> None:
    op.drop_index('ix_pupil_year_summary_year', table_name='pupil_year_summary')
    op.drop_table('pupil_year_summary')
