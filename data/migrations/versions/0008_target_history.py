"""pejlemærker: a history of every change (who, when, what it replaced)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

A target is never overwritten or deleted: an edit retires the row (retired_at, retired_by) and adds a
new one that names it (replaces_id); a retired target keeps its row. The rows in force have
retired_at NULL.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_by', sa.String(length=120), nullable=True),
        sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True, comment='NULL = gældende'),
        sa.Column('retired_by', sa.String(length=120), nullable=True),
        sa.Column('replaces_id', sa.Integer(), nullable=True, comment='det pejlemærke, denne række afløser (historik)'),
    )


def upgrade() -> None:
    for column in _columns():
        op.add_column('target', column)


def downgrade() -> None:
    with op.batch_alter_table('target') as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)
