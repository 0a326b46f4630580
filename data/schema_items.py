"""Trivsel's answer counts per item, a summary table of data.schema kept in a module of its own (data.schema
re-exports it). Rebuilt from survey_answer by data.derived.refresh_survey_items, with every refresh_survey."""
from __future__ import annotations

import sqlalchemy as sa

from data.metadata import metadata

# Answer counts per cell, item and answer value; rebuilt from survey_answer by data.derived.refresh_survey_items.
# Every value as answered (a "ved ikke" outside the scale too: the query leaves it out). The primary key
# leads with the item, so one question's answers are one range of the table (SQLite: WITHOUT ROWID) or,
# on PostgreSQL, of its primary key index, which carries n and key_sum (index-only scans).
survey_item_summary = sa.Table(
    "survey_item_summary", metadata,
    sa.Column("item_id", sa.Integer, sa.ForeignKey("survey_item.id"), nullable=False),
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("klassetrin", sa.Integer, nullable=False),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("provision_form", sa.String(20), nullable=False),
    sa.Column("value", sa.SmallInteger, nullable=False, comment="svaret som givet (også uden for skalaen)"),
    sa.Column("n", sa.Integer, nullable=False, comment="svar med denne værdi"),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key over de svarende (cellenøglemetoden)"),
    sa.PrimaryKeyConstraint("item_id", "school_year", "institution_id", "klassetrin", "gender", "provision_form",
                            "value", postgresql_include=["n", "key_sum"]),
    sqlite_with_rowid=False,
)
