"""effekt: covering indexes for the per-forløb aggregates of the Effekt page

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

measurement(participation_id, instrument_code, timepoint, score) and
goal(participation_id, gas_score, weight, outcome): queries/effekt_base.py joins each forløb to
its measurements of one instrument / its goals; with these the join reads only the index.
(participation.intervention_id and goal.participation_id are indexed since 0001.)
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_measurement_forloeb', 'measurement',
                    ['participation_id', 'instrument_code', 'timepoint', 'score'])
    op.create_index('ix_goal_forloeb', 'goal', ['participation_id', 'gas_score', 'weight', 'outcome'])


def downgrade() -> None:
    op.drop_index('ix_goal_forloeb', table_name='goal')
    op.drop_index('ix_measurement_forloeb', table_name='measurement')
