"""Summaries added up from data.schema's summary tables (the sending funnel's schools over every year, Trivsel's
cells per year, tilgang/afgang and the pupils per year), kept in a module of their own: data.schema re-exports
them, data.derived_rollup rebuilds them right after the tables they add up, and queries.filters.covers decides
when a query may read them."""
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


# survey_summary without the grade, gender and provision form: per school year, institution and indicator. A
# Trivsel query with none of those three chosen (the default, and Overblik's and Udforsk's key figures) reads
# ~1/30 of the rows (national scale: 1.5M cells -> ~50,000); with one chosen it reads survey_summary as before
# (queries.trivsel._cells). Rebuilt with survey_summary (data.derived._refresh_summary), year by year.
YEAR_SUMS = ("n", "sum_x", "sum_x2", "band1", "band2", "band3", "band4", "key_sum", "band1_key", "band2_key", "band3_key",
         "band4_key")
survey_year_summary = sa.Table(
    "survey_year_summary", metadata,
    sa.Column("school_year", sa.Integer, primary_key=True),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), primary_key=True),
    sa.Column("indicator_code", sa.String(30), primary_key=True),
    *(sa.Column(c, sa.Double if c.startswith("sum_x") else sa.BigInteger if "key" in c else sa.Integer, nullable=False)
      for c in YEAR_SUMS),
)


# Tilgang and afgang per school year and home school (the ordinary school a child belonged to last year:
# transition_summary.from_home_institution_id, NULL for a child who was not in one): transition_summary's cells added
# up over grade, gender and the institutions, each of the four counts already picked out. The measures with no grade
# or gender chosen (the default; Overblik's key figures) read ~1/30 of the rows (national scale: 504,000 -> 17,000);
# with one chosen they read transition_summary as before (queries.overgange._moved_source). Rebuilt with it.
SEGREGATED_SCHOOL_FORMS = ("mellemform", "specialklasse", "specialskole", "dagbehandling")  # in school: not 'almen'
MOVED = {  # column prefix -> which of transition_summary's cells it adds up: (from_form in, to_form in | None = any)
    "almen": (("almen",), None),                                # tilgang's n: in an ordinary class last year
    "almen_seg": (("almen",), SEGREGATED_SCHOOL_FORMS),         # tilgang: ... and segregated this year
    "seg": (SEGREGATED_SCHOOL_FORMS, None),                     # afgang's n: segregated last year
    "seg_almen": (SEGREGATED_SCHOOL_FORMS, ("almen",)),         # afgang: ... and in an ordinary class this year
}
moved_summary = sa.Table(
    "moved_summary", metadata,
    sa.Column("school_year", sa.Integer, nullable=False, comment="året der skiftes TIL (tælledag)"),
    sa.Column("from_home_institution_id", sa.Integer, nullable=True, comment="barnets almenskole sidste år"),
    *(c for m in MOVED for c in (sa.Column(f"{m}_n", sa.Integer, nullable=False),
                                 sa.Column(f"{m}_key", sa.BigInteger, nullable=False))),
)
sa.Index("ix_moved_summary_year_home", moved_summary.c.school_year, moved_summary.c.from_home_institution_id)


def moved_cell(t: sa.Table, m: str) -> sa.ColumnElement[bool]:
    """Is a transition_summary row (table `t`) one of the cells the MOVED count `m` adds up?"""
    froms, tos = MOVED[m]
    return t.c.from_form.in_(froms) if tos is None else sa.and_(t.c.from_form.in_(froms), t.c.to_form.in_(tos))


# pupil_summary added up over grade, gender and provision form: per school year, the institution a pupil attends and
# its reference school (its own when in an ordinary class, else its last ordinary school: where the inklusionsgrad
# split by school counts it), with the pupils and the segregated among them. The inklusionsgrad with no
# grade or gender chosen (the default; Overblik's key figures and "Hvad er nyt") reads ~1/7 of the rows (national
# scale: 448,000 -> 63,000); with one chosen it reads pupil_summary as before (queries.overgange._pupils).
pupil_year_summary = sa.Table(
    "pupil_year_summary", metadata,
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, nullable=False),
    sa.Column("ref_institution_id", sa.Integer, nullable=True),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("key_sum", sa.BigInteger, nullable=False),
    sa.Column("segregated", sa.Integer, nullable=False, comment="heraf ikke i almenklasse"),
    sa.Column("segregated_key", sa.BigInteger, nullable=False),
)
sa.Index("ix_pupil_year_summary_year", pupil_year_summary.c.school_year, pupil_year_summary.c.institution_id)


# survey_item_summary without grade, gender and provision form: one question's answers per school year, institution
# and value. The distribution of answers with none of the three chosen (the page's default) reads ~1/20 of the rows;
# with one chosen it reads survey_item_summary as before (queries.trivsel.item_distribution). Rebuilt with it.
survey_item_year_summary = sa.Table(
    "survey_item_year_summary", metadata,
    sa.Column("item_id", sa.Integer, sa.ForeignKey("survey_item.id"), nullable=False),
    sa.Column("school_year", sa.Integer, nullable=False),
    sa.Column("institution_id", sa.Integer, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("value", sa.SmallInteger, nullable=False, comment="svaret som givet (også uden for skalaen)"),
    sa.Column("n", sa.Integer, nullable=False, comment="svar med denne værdi"),
    sa.Column("key_sum", sa.BigInteger, nullable=False, comment="Σ record_key over de svarende (cellenøglemetoden)"),
    sa.PrimaryKeyConstraint("item_id", "school_year", "institution_id", "value"),
    sqlite_with_rowid=False,
)
