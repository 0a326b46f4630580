"""effekt: forloeb_summary.repeat_child, so the distinct children are sorted only among children with several forløb

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-24

Every Effekt figure rests on the number of distinct children (and the sum of their record keys). Counting them
sorted every forløb of a group: ~100,000 per instrument for the whole country at national scale. A child with one
forløb in the table is in any group at most once, so those are counted as rows; only the ~20 % of forløb whose
child has several are sorted (queries.effekt_base._children). data.db.migrate refills forloeb_summary right after
this revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('forloeb_summary') as batch:
        batch.add_column(sa.Column('repeat_child', sa.Boolean(), nullable=False, server_default=sa.false(),
                                   comment='barnet har flere forløb'))


def downgrade() -> None:
    with op.batch_alter_table('forloeb_summary') as batch:
        batch.drop_column('repeat_child')
