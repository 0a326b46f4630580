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


def refresh_moved(conn: sa.Connection) -> None:
    """moved_summary from transition_summary (all school years)."""
    from data.schema import transition_summary as tr
    t = moved_summary
    conn.execute(t.delete())
    sums = [sa.func.sum(sa.case((moved_cell(tr, m), tr.c[c]), else_=0)) for m in MOVED for c in ("n", "key_sum")]
    conn.execute(t.insert().from_select(
        ["school_year", "from_home_institution_id", *(f"{m}_{c}" for m in MOVED for c in ("n", "key"))],
        sa.select(tr.c.school_year, tr.c.from_home_institution_id, *sums)
        .group_by(tr.c.school_year, tr.c.from_home_institution_id)))


def refresh_overgange_rollups(conn: sa.Connection) -> None:
    """The Overgange summaries added up from the tables data.derived.refresh_overgange has just written."""
    refresh_sending_schools(conn)
    refresh_moved(conn)
    refresh_pupil_years(conn)


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


def refresh_pupil_years(conn: sa.Connection) -> None:
    """pupil_year_summary from pupil_summary (all school years)."""
    from data.schema import pupil_summary as p
    t, seg = pupil_year_summary, p.c.provision_form != "almen"
    conn.execute(t.delete())
    keys = (p.c.school_year, p.c.institution_id, p.c.ref_institution_id)
    conn.execute(t.insert().from_select(
        ["school_year", "institution_id", "ref_institution_id", "n", "key_sum", "segregated", "segregated_key"],
        sa.select(*keys, sa.func.sum(p.c.n), sa.func.sum(p.c.key_sum), sa.func.sum(sa.case((seg, p.c.n), else_=0)),
                  sa.func.sum(sa.case((seg, p.c.key_sum), else_=0))).group_by(*keys)))
