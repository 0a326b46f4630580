"""overgange: the sending funnel's schools over every year in sending_school_summary

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-24

With no year and no grade chosen (the page's default), the sending funnel counted each child once per school over
every row of sending_child: 3.7M rows grouped per school and child at national scale, 0.9 s of Overgange's 1.3 s
for the whole country on PostgreSQL. sending_school_summary holds those counts per school and gender (a child's
gender does not change, so the gender filter still applies); a chosen range of years or grades reads
sending_child as before. data.db.migrate fills the table right after this revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sending_school_summary',
        sa.Column('from_institution_id', sa.Integer(), nullable=False),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False, comment='børn i almenklasse på skolen, hvert barn én gang'),
        sa.Column('key_sum', sa.BigInteger(), nullable=False, comment='Σ barnets record_key (cellenøglemetoden)'),
        sa.Column('sent', sa.Integer(), nullable=False, comment='heraf i specialtilbud året efter (mindst én gang)'),
        sa.Column('sent_key_sum', sa.BigInteger(), nullable=False, comment='Σ record_key over de sendte'),
        sa.ForeignKeyConstraint(['from_institution_id'], ['institution.id']),
        sa.PrimaryKeyConstraint('from_institution_id', 'gender'),
    )


def downgrade() -> None:
    op.drop_table('sending_school_summary')
