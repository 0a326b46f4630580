"""Meetings: the committee's slides, saved in the database (same metadata as data.schema).

A slide is a recipe, not a picture: which chart (`kind`, a key of ui.slides.SLIDES), on which selection (the
link's parameters — never a role) and with which of the page's own choices (`choices`, JSON: the indicator,
the instrument). Whoever opens the meeting sees it drawn anew in their own role. Beside the recipe the slide
keeps what it showed when it was added (headline, the figures as a table, the chart), so a meeting opened
later can say that the data have changed and show the figures as saved — to the one who saved them, in the
scope they had (`saved_scope`), never to a reader with a narrower role.
"""
from __future__ import annotations

import sqlalchemy as sa

from data.metadata import metadata

meeting = sa.Table(
    "meeting", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False, comment="brugerens login (som i audit_event.actor)"),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("meeting_date", sa.Date, nullable=False),
    sa.Column("subtitle", sa.String(200), nullable=True, comment="fx 'Børne- og Skoleudvalget'"),
    sa.Column("shared", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("owner", "name"),
)

meeting_slide = sa.Table(
    "meeting_slide", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meeting.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False, comment="ui.slides.SLIDES-nøgle, fx 'trivsel.trend'"),
    sa.Column("page", sa.String(40), nullable=False),
    sa.Column("params", sa.String(500), nullable=False, comment="linkets parametre; aldrig rollen"),
    sa.Column("choices", sa.String(500), nullable=False, comment="sidens egne valg som JSON, fx indikatoren"),
    sa.Column("title", sa.String(300), nullable=True, comment="egen overskrift i stedet for fundet"),
    sa.Column("note", sa.Text, nullable=True, comment="talerens note"),
    sa.Column("saved_headline", sa.Text, nullable=False),
    sa.Column("saved_table", sa.Text, nullable=True, comment="tallene som tabel (JSON), som de stod"),
    sa.Column("saved_figure", sa.Text, nullable=True, comment="grafen (Plotly JSON), som den stod"),
    sa.Column("saved_scope", sa.String(200), nullable=False, comment="rollen og dens omfang, da sliden blev gemt"),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)
