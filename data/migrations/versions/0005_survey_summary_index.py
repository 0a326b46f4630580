"""trivsel: the covering index of survey_summary also holds institution_id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

With an organisation filter or a role's scope (institution_id IN (...)), the trend and band queries
scanned ix_survey_summary_indicator_year and looked every row up in the table for its institution:
45 ms for one municipality at demo scale, against 13 ms for the whole population. With
institution_id in the index they search it directly: about 6 ms.
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_BANDS = ['band1', 'band2', 'band3', 'band4']


def upgrade() -> None:
    op.drop_index('ix_survey_summary_indicator_year', table_name='survey_summary')
    op.create_index('ix_survey_summary_indicator_year', 'survey_summary',
                    ['indicator_code', 'school_year', 'institution_id', 'n', 'sum_x', 'sum_x2', *_BANDS])


def downgrade() -> None:
    op.drop_index('ix_survey_summary_indicator_year', table_name='survey_summary')
    op.create_index('ix_survey_summary_indicator_year', 'survey_summary',
                    ['indicator_code', 'school_year', 'n', 'sum_x', 'sum_x2', *_BANDS])
