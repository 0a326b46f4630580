"""trivsel: survey_summary searched by institution

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23

A page filtered to one municipality, district or school (and every leader's and committee's view) asked
survey_summary for institution_id IN (its schools), and PostgreSQL read the whole table: 259 ms at national
scale for Pejlemærker's status of one municipality. With this covering index it searches the schools' rows
and reads them from the index: 6 ms (measured by hand on the national data, docs/skalering.md).
"""
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_survey_summary_institution', 'survey_summary',
                    ['institution_id', 'indicator_code', 'school_year', 'n', 'sum_x', 'sum_x2', 'key_sum'])


def downgrade() -> None:
    op.drop_index('ix_survey_summary_institution', table_name='survey_summary')
