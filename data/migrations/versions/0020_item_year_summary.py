"""trivsel: one question's answers per school year, institution and value in survey_item_year_summary

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-24

With no grade, gender or provision form chosen (the page's default), the distribution of answers to one question
added up every cell of survey_item_summary for that question: ~290,000 rows for the whole country at national
scale, 78 ms on PostgreSQL. survey_item_year_summary holds the same counts without the three (~1/20 of the rows); a
query with one of them chosen reads survey_item_summary as before. data.db.migrate fills the table right after
this revision (data.derived.FILLED_AFTER).
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'survey_item_year_summary',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('school_year', sa.Integer(), nullable=False),
        sa.Column('institution_id', sa.Integer(), nullable=False),
        sa.Column('value', sa.SmallInteger(), nullable=False, comment='svaret som givet (også uden for skalaen)'),
        sa.Column('n', sa.Integer(), nullable=False, comment='svar med denne værdi'),
        sa.Column('key_sum', sa.BigInteger(), nullable=False, comment='Σ record_key over de svarende (cellenøglemetoden)'),
        sa.ForeignKeyConstraint(['item_id'], ['survey_item.id']),
        sa.ForeignKeyConstraint(['institution_id'], ['institution.id']),
        sa.PrimaryKeyConstraint('item_id', 'school_year', 'institution_id', 'value'),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table('survey_item_year_summary')
