"""overgange: the window of placement years, and the ordinary school a segregated child belongs to

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23

- import_batch.covers_from: the date from which a batch's records are complete (a placement
  extract's first count date). The placement snapshots start at the newest such date, or, when no
  batch says, at the earliest placement; they stop at the data's extraction date (data.derived).
- transition_summary.from_home_institution_id: the ordinary school a child belonged to last year
  (its own school when ordinary; the last ordinary school in the municipality when segregated; the
  segregated provision itself when the child never attended an ordinary school there). Tilgang and
  afgang for a school are counted on it, so a school's afgang has every child it sent away in the
  denominator, not only those who came back.
- sending_child: one row per child in an ordinary class last year, the school it left and whether it
  is in special provision this year, so the sending funnel counts each child once per school.
Both filled right after the upgrade (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('import_batch', sa.Column('covers_from', sa.Date(), nullable=True,
                                            comment='posterne er fuldstændige fra denne dato (fx første tælledag)'))
    op.add_column('transition_summary', sa.Column('from_home_institution_id', sa.Integer(), nullable=True,
                                                  comment='barnets almenskole sidste år (segregeret: seneste almenskole)'))
    op.create_index('ix_transition_summary_home', 'transition_summary', ['from_home_institution_id', 'school_year'])
    op.create_table(
        'sending_child',
        sa.Column('school_year', sa.Integer(), nullable=False, comment='året der skiftes TIL'),
        sa.Column('from_institution_id', sa.Integer(), nullable=False, comment='almenskolen sidste år'),
        sa.Column('child_id', sa.Integer(), nullable=False),
        sa.Column('klassetrin', sa.Integer(), nullable=False, comment='klassetrin i år (1-9)'),
        sa.Column('gender', sa.String(length=5), nullable=False),
        sa.Column('sent', sa.SmallInteger(), nullable=False, comment='1 = i specialtilbud i år'),
        sa.Column('record_key', sa.BigInteger(), nullable=False, comment='barnets record_key (cellenøglemetoden)'),
    )
    op.create_index('ix_sending_child_year', 'sending_child',
                    ['school_year', 'from_institution_id', 'child_id', 'sent', 'record_key'])


def downgrade() -> None:
    op.drop_index('ix_sending_child_year', table_name='sending_child')
    op.drop_table('sending_child')
    op.drop_index('ix_transition_summary_home', table_name='transition_summary')
    with op.batch_alter_table('transition_summary') as batch:
        batch.drop_column('from_home_institution_id')
    with op.batch_alter_table('import_batch') as batch:
        batch.drop_column('covers_from')
