"""møder: the committee's meetings and their slides

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23

- meeting: a named meeting (date, subtitle), own or shared.
- meeting_slide: a chart's recipe (kind, the link's parameters, the page's choices) in order, with a title,
  a speaker note and what it showed when it was added (data.schema_meeting).
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'meeting',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner', sa.String(length=200), nullable=False, comment='brugerens login (som i audit_event.actor)'),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('meeting_date', sa.Date(), nullable=False),
        sa.Column('subtitle', sa.String(length=200), nullable=True, comment="fx 'Børne- og Skoleudvalget'"),
        sa.Column('shared', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
        sa.UniqueConstraint('owner', 'name', name=op.f('uq_meeting_owner')),
    )
    op.create_table(
        'meeting_slide',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False, comment="ui.slides.SLIDES-nøgle, fx 'trivsel.trend'"),
        sa.Column('page', sa.String(length=40), nullable=False),
        sa.Column('params', sa.String(length=500), nullable=False, comment='linkets parametre; aldrig rollen'),
        sa.Column('choices', sa.String(length=500), nullable=False, comment='sidens egne valg som JSON, fx indikatoren'),
        sa.Column('title', sa.String(length=300), nullable=True, comment='egen overskrift i stedet for fundet'),
        sa.Column('note', sa.Text(), nullable=True, comment='talerens note'),
        sa.Column('saved_headline', sa.Text(), nullable=False),
        sa.Column('saved_table', sa.Text(), nullable=True, comment='tallene som tabel (JSON), som de stod'),
        sa.Column('saved_figure', sa.Text(), nullable=True, comment='grafen (Plotly JSON), som den stod'),
        sa.Column('saved_scope', sa.String(length=200), nullable=False,
                  comment='rollen og dens omfang, da sliden blev gemt'),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_slide_meeting_id_meeting'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_slide')),
    )
    with op.batch_alter_table('meeting_slide', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_slide_meeting_id'), ['meeting_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meeting_slide', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_slide_meeting_id'))
    op.drop_table('meeting_slide')
    op.drop_table('meeting')
