"""The refreshes of the summaries in data.schema_rollup: each added up, in the database, from the table it sums,
right after data.derived has rewritten that table (in the same transaction)."""
from __future__ import annotations

import sqlalchemy as sa

from data.schema import pupil_summary, sending_child, survey_item_summary, survey_summary, transition_summary
from data.schema_rollup import (MOVED, YEAR_SUMS, moved_cell, moved_summary, pupil_year_summary, sending_school_summary,
                                survey_item_year_summary, survey_year_summary)


def refresh_sending_schools(conn: sa.Connection) -> None:
    """sending_school_summary from sending_child: per school and child the most of `sent` and of the record key
    (as the sending funnel counts a child over a range of years), then summed per school and gender."""
    sc = sending_child
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


def refresh_survey_years(conn: sa.Connection, school_years: list[int] | None = None) -> None:
    """survey_year_summary for the given school years (or all) from survey_summary: its cells added up."""
    ss = survey_summary
    t = survey_year_summary
    conn.execute(t.delete().where(t.c.school_year.in_(school_years) if school_years else sa.true()))
    cols = (ss.c.school_year, ss.c.institution_id, ss.c.indicator_code)
    conn.execute(t.insert().from_select(
        ["school_year", "institution_id", "indicator_code", *YEAR_SUMS],
        sa.select(*cols, *(sa.func.sum(ss.c[c]) for c in YEAR_SUMS))
        .where(ss.c.school_year.in_(school_years) if school_years else sa.true()).group_by(*cols)))


def refresh_moved(conn: sa.Connection) -> None:
    """moved_summary from transition_summary (all school years)."""
    tr = transition_summary
    t = moved_summary
    conn.execute(t.delete())
    sums = [sa.func.sum(sa.case((moved_cell(tr, m), tr.c[c]), else_=0)) for m in MOVED for c in ("n", "key_sum")]
    conn.execute(t.insert().from_select(
        ["school_year", "from_home_institution_id", *(f"{m}_{c}" for m in MOVED for c in ("n", "key"))],
        sa.select(tr.c.school_year, tr.c.from_home_institution_id, *sums)
        .group_by(tr.c.school_year, tr.c.from_home_institution_id)))


def refresh_pupil_years(conn: sa.Connection) -> None:
    """pupil_year_summary from pupil_summary (all school years)."""
    p = pupil_summary
    t, seg = pupil_year_summary, p.c.provision_form != "almen"
    conn.execute(t.delete())
    keys = (p.c.school_year, p.c.institution_id, p.c.ref_institution_id)
    conn.execute(t.insert().from_select(
        ["school_year", "institution_id", "ref_institution_id", "n", "key_sum", "segregated", "segregated_key"],
        sa.select(*keys, sa.func.sum(p.c.n), sa.func.sum(p.c.key_sum), sa.func.sum(sa.case((seg, p.c.n), else_=0)),
                  sa.func.sum(sa.case((seg, p.c.key_sum), else_=0))).group_by(*keys)))



def refresh_overgange_rollups(conn: sa.Connection) -> None:
    """The Overgange summaries added up from the tables data.derived.refresh_overgange has just written."""
    refresh_sending_schools(conn)
    refresh_moved(conn)
    refresh_pupil_years(conn)


def refresh_item_years(conn: sa.Connection, school_years: list[int] | None = None) -> None:
    """survey_item_year_summary for the given school years (or all) from survey_item_summary: its cells added up."""
    t, it = survey_item_year_summary, survey_item_summary
    conn.execute(t.delete().where(t.c.school_year.in_(school_years) if school_years else sa.true()))
    keys = (it.c.item_id, it.c.school_year, it.c.institution_id, it.c.value)
    conn.execute(t.insert().from_select(
        ["item_id", "school_year", "institution_id", "value", "n", "key_sum"],
        sa.select(*keys, sa.func.sum(it.c.n), sa.func.sum(it.c.key_sum))
        .where(it.c.school_year.in_(school_years) if school_years else sa.true()).group_by(*keys)))
