"""effekt: the goals of each forløb counted per GAS level and per outcome in forloeb_summary

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-23

Effekt's goals (and the key figure "Mål nået", on Overblik and Pejlemærker) counted each forløb's goals per
GAS level and per outcome from the goal table itself: a join of every forløb with its goals and a GROUP BY
forløb, twice in one statement. At national scale (200,000 forløb, 400,000 goals) that was 650 of the
statement's 786 ms, spilling to disk. forloeb_summary now holds the counts per GAS level, and n_opnaaet,
n_delvist and n_ikke count only the goals without a GAS score by their outcome field (before, a GAS level
was folded into them: two scales in one count, which no page read). data.db.migrate refills the table
right after this revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

LEVELS = ('gas_plus2', 'gas_plus1', 'gas_0', 'gas_minus1', 'gas_minus2')


def upgrade() -> None:
    with op.batch_alter_table('forloeb_summary', schema=None) as batch_op:
        for level in LEVELS:
            batch_op.add_column(sa.Column(f'n_{level}', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('forloeb_summary', schema=None) as batch_op:
        for level in LEVELS:
            batch_op.drop_column(f'n_{level}')
