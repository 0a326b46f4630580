"""overgange: tilgang and afgang per school year and home school in moved_summary

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-24

With no grade or gender chosen (the page's default; Overblik's key figures), tilgang and afgang added up the cells
of transition_summary per year: ~504,000 rows for the whole country at national scale, 180 ms of Overblik's key
figures on PostgreSQL. moved_summary holds the four counts per school year and home school (~17,000 rows); a query
with a grade or gender chosen reads transition_summary as before. data.db.migrate fills the table right after this
revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

MOVED = ('almen', 'almen_seg', 'seg', 'seg_almen')


def upgrade() -> None:
    op.create_table(
        'moved_summary',
        sa.Column('school_year', sa.Integer(), nullable=False, comment='året der skiftes TIL (tælledag)'),
        sa.Column('from_home_institution_id', sa.Integer(), nullable=True, comment='barnets almenskole sidste år'),
        *(c for m in MOVED for c in (sa.Column(f'{m}_n', sa.Integer(), nullable=False),
                                     sa.Column(f'{m}_key', sa.BigInteger(), nullable=False))),
    )
    op.create_index('ix_moved_summary_year_home', 'moved_summary', ['school_year', 'from_home_institution_id'])


def downgrade() -> None:
    op.drop_index('ix_moved_summary_year_home', table_name='moved_summary')
    op.drop_table('moved_summary')
