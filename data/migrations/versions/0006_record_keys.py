"""privacy: record keys for the cell-key method, and their sums in every summary table

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Every respondent, child and forløb gets a fixed random record key (0 .. 2^31 - 1); the summary
tables keep the sum of their records' keys per cell (queries.privacy). Existing records get random
keys here, drawn by the database; the summary tables' sums are filled right after the upgrade by
data.db.migrate with this release's refresh code (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_RECORDS = ('child', 'survey_response', 'participation')
_RECORD_COMMENT = 'fast tilfældig nøgle 0..2^31-1 til cellenøglemetoden (vises aldrig)'
_SUMS = ('survey_summary', 'pupil_summary', 'transition_summary', 'return_summary', 'school_start_summary')
_BANDS = ['band1', 'band2', 'band3', 'band4']


def _random_key() -> str:
    """A uniform integer in [0, 2^31) drawn by the database, for each existing row."""
    if op.get_bind().dialect.name == 'postgresql':
        return 'floor(random() * 2147483648)::bigint'
    return '(random() & 2147483647)'


def upgrade() -> None:
    for table in _RECORDS:
        op.add_column(table, sa.Column('record_key', sa.BigInteger(), nullable=True, comment=_RECORD_COMMENT))
        op.execute(f'UPDATE {table} SET record_key = {_random_key()}')
        with op.batch_alter_table(table) as batch:
            batch.alter_column('record_key', existing_type=sa.BigInteger(), nullable=False,
                               existing_comment=_RECORD_COMMENT)
    for table in _SUMS:  # filled by data.derived after the upgrade; 0 until then
        op.add_column(table, sa.Column('key_sum', sa.BigInteger(), nullable=False, server_default='0',
                                       comment='Σ record_key (cellenøglemetoden)'))
    for i in range(1, 5):
        op.add_column('survey_summary', sa.Column(f'band{i}_key', sa.BigInteger(), nullable=False, server_default='0',
                                                  comment=f'Σ record_key i interval {i}'))
    for name in ('forloeb_key', 'child_key'):
        op.add_column('forloeb_summary', sa.Column(name, sa.BigInteger(), nullable=False, server_default='0',
                                                   comment='forløbets record_key' if name == 'forloeb_key'
                                                   else 'barnets record_key'))
    for table, columns in [(t, ['key_sum']) for t in _SUMS] + [('survey_summary', [f'{b}_key' for b in _BANDS]),
                                                               ('forloeb_summary', ['forloeb_key', 'child_key'])]:
        with op.batch_alter_table(table) as batch:  # no default in the schema: a loader must give the keys
            for column in columns:
                batch.alter_column(column, existing_type=sa.BigInteger(), existing_nullable=False, server_default=None)
    op.drop_index('ix_survey_summary_indicator_year', table_name='survey_summary')
    op.create_index('ix_survey_summary_indicator_year', 'survey_summary',
                    ['indicator_code', 'school_year', 'institution_id', 'n', 'sum_x', 'sum_x2', 'key_sum', *_BANDS,
                     *[f'{b}_key' for b in _BANDS]])


def downgrade() -> None:
    op.drop_index('ix_survey_summary_indicator_year', table_name='survey_summary')
    op.create_index('ix_survey_summary_indicator_year', 'survey_summary',
                    ['indicator_code', 'school_year', 'institution_id', 'n', 'sum_x', 'sum_x2', *_BANDS])
    for table, columns in [(t, ['key_sum']) for t in _SUMS] + [('survey_summary', [f'{b}_key' for b in _BANDS]),
                                                               ('forloeb_summary', ['forloeb_key', 'child_key']),
                                                               *[(t, ['record_key']) for t in _RECORDS]]:
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
