"""survey_answer by response: an index for replacing a survey round

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23

Re-importing a round deletes its responses; each delete checks survey_answer's foreign key to the response,
and the primary key (item_id, response_id) cannot serve that lookup: without this index PostgreSQL scans the
answers once per deleted response (hours at national scale; data.importer).
"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.create_index('ix_survey_answer_response', ['response_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answer_response')
