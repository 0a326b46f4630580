"""The sending funnel's schools over every year, a summary table of data.schema kept in a module of its own
(data.schema re-exports it). Rebuilt from sending_child by refresh_sending_schools with every refresh_overgange."""
from __future__ import annotations

import sqlalchemy as sa

from data.metadata import metadata

# Per ordinary school and gender: the children who left an ordinary class there in any year, each child once, and
# those of them who were in special provision the next year (at least once). The sending funnel with no year and
# no grade chosen (the page's default, for the whole country too) reads these ~2 rows per school instead of every
# child's rows of every year (3.7M at national scale). A child's gender does not change, so a gender filter still
# applies; a chosen range of years or grades reads sending_child as before.
sending_school_summary = sa.Table(
    "sending_school_summary", metadata,
    sa.Column("from_institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("gender", sa.String(5), nullable=False),
    sa.Column("n", sa.Integer, nullable=False, comment="børn i almenklasse på skolen, hvert barn én gang"),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ barnets record_key (cellenøglemetoden)"),
    sa.Column("sent", sa.Integer, nullable=False, comment="heraf i specialtilbud året efter (mindst én gang)"),
    sa.Column("sent_key_sum", sa.BigInteger, nullable=False, comment="Σ record_key over de sendte"),
    sa.PrimaryKeyConstraint("from_institution_id", "gender"),
)


def refresh_sending_schools(conn: sa.Connection) -> None:
    """sending_school_summary from sending_child: per school and child the most of `sent` and of the record key
    (as the sending funnel counts a child over a range of years), then summed per school and gender."""
    from data.schema import sending_child as sc  # defined there, before this module is imported at its end
    t = sending_school_summary
    conn.execute(t.delete())
    per_child = (sa.select(sc.c.from_institution_id.label("inst"), sc.c.gender, sa.func.max(sc.c.sent).label("sent"),
                           sa.func.max(sc.c.record_key).label("rk"))
                 .group_by(sc.c.from_institution_id, sc.c.child_id, sc.c.gender).subquery("per_child"))
    conn.execute(t.insert().from_select(
        ["from_institution_id", "gender", "n", "key_sum", "sent", "sent_key_sum"],
        sa.select(per_child.c.inst, per_child.c.gender, sa.func.count(), sa.func.sum(per_child.c.rk),
                  sa.func.sum(per_child.c.sent), sa.func.sum(per_child.c.sent * per_child.c.rk))
        .group_by(per_child.c.inst, per_child.c.gender)))


# survey_summary without the grade, gender and provision form: per school year, institution and indicator. A
# Trivsel query with none of those three chosen (the default, and Overblik's and Udforsk's key figures) reads
# ~1/30 of the rows (national scale: 1.5M cells -> ~50,000); with one chosen it reads survey_summary as before
# (queries.trivsel._cells). Rebuilt with survey_summary (data.derived._refresh_summary), year by year.
_SUMS = ("n", "sum_x", "sum_x2", "band1", "band2", "band3", "band4", "key_sum", "band1_key", "band2_key", "band3_key",
         "band4_key")
survey_year_summary = sa.Table(
    "survey_year_summary", metadata,
    sa.Column("school_year", sa.Integer, primary_key=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), primary_key=True),
    sa.Column("indicator_code", sa.String(30), primary_key=True),
    *(sa.Column(c, sa.Double if c.startswith("sum_x") else sa.BigInteger if "key" in c else sa.Integer, nullable=False)
      for c in _SUMS),
)


def refresh_survey_years(conn: sa.Connection, school_years: list[int] | None = None) -> None:
    """survey_year_summary for the given school years (or all) from survey_summary: its cells added up."""
    from data.schema import survey_summary as ss
    t = survey_year_summary
    conn.execute(t.delete().where(t.c.school_year.in_(school_years) if school_years else sa.true()))
    cols = (ss.c.school_year, ss.c.institution_id, ss.c.indicator_code)
    conn.execute(t.insert().from_select(
        ["school_year", "institution_id", "indicator_code", *_SUMS],
        sa.select(*cols, *(sa.func.sum(ss.c[c]) for c in _SUMS))
        .where(ss.c.school_year.in_(school_years) if school_years else sa.true()).group_by(*cols)))
