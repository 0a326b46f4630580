"""Derived tables kept in step with the raw rows, in the caller's transaction.

- ``survey_score``: a respondent's indicator score is the mean of the respondent's answers to the
  indicator's items, counted only when at least half of the items were answered.
- ``survey_summary``: sufficient statistics (n, Σx, Σx², band counts) per school year, institution,
  klassetrin, gender, provision form and indicator, so pages never read respondent rows.
- ``placement_snapshot``: where each child was on the count date of each school year.

Everything is portable SQLAlchemy Core (INSERT ... SELECT), so it runs inside the database on
SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import schema as s

# Published bands (Børne- og Undervisningsministeriet): scores are shown with one decimal, so
# 2,04 belongs to "1,0-2,0". The upper edges are therefore x.05 on the unrounded score.
BAND_EDGES = (2.05, 3.05, 4.05)


def refresh_survey(conn: sa.Connection, school_years: list[int] | None = None) -> None:
    """Recompute survey_score and survey_summary (for the given school years, or all)."""
    resp, ans, item, ind = s.survey_response, s.survey_answer, s.survey_item, s.survey_indicator
    year_filter = resp.c.school_year.in_(school_years) if school_years else sa.true()

    ids_in_scope = sa.select(resp.c.id).where(year_filter)
    conn.execute(s.survey_score.delete().where(s.survey_score.c.response_id.in_(ids_in_scope)))
    score_select = (
        sa.select(
            ans.c.response_id,
            item.c.indicator_code,
            sa.func.avg(sa.cast(ans.c.value, sa.Double)).label("score"),
        )
        .select_from(ans.join(item, item.c.id == ans.c.item_id).join(ind, ind.c.code == item.c.indicator_code))
        .join(resp, resp.c.id == ans.c.response_id)
        .where(year_filter)
        .group_by(ans.c.response_id, item.c.indicator_code, ind.c.n_items)
        .having(2 * sa.func.count(ans.c.value) >= ind.c.n_items)
    )
    conn.execute(
        s.survey_score.insert().from_select(["response_id", "indicator_code", "score"], score_select)
    )

    summ = s.survey_summary
    conn.execute(summ.delete().where(summ.c.school_year.in_(school_years) if school_years else sa.true()))
    sc = s.survey_score.c.score

    def band(lo: float | None, hi: float | None):
        cond = sa.and_(*(c for c in ((sc >= lo) if lo else None, (sc < hi) if hi else None) if c is not None))
        return sa.func.sum(sa.case((cond, 1), else_=0))

    e1, e2, e3 = BAND_EDGES
    summary_select = (
        sa.select(
            resp.c.school_year, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
            resp.c.provision_form, s.survey_score.c.indicator_code,
            sa.func.count().label("n"),
            sa.func.sum(sc).label("sum_x"),
            sa.func.sum(sc * sc).label("sum_x2"),
            band(None, e1).label("band1"), band(e1, e2).label("band2"),
            band(e2, e3).label("band3"), band(e3, None).label("band4"),
        )
        .select_from(s.survey_score.join(resp, resp.c.id == s.survey_score.c.response_id))
        .where(year_filter)
        .group_by(resp.c.school_year, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
                  resp.c.provision_form, s.survey_score.c.indicator_code)
    )
    conn.execute(summ.insert().from_select(
        ["school_year", "institution_id", "klassetrin", "gender", "provision_form", "indicator_code",
         "n", "sum_x", "sum_x2", "band1", "band2", "band3", "band4"], summary_select))


def count_date(school_year: int, month_day: tuple[int, int]) -> dt.date:
    """The count date of a school year (e.g. 5 September of its start year)."""
    month, day = month_day
    year = school_year if month >= 8 else school_year + 1
    return dt.date(year, month, day)


def refresh_placement_snapshots(conn: sa.Connection, school_years: list[int], month_day: tuple[int, int]) -> None:
    """One row per child and school year: the placement that covers the count date.

    Where episodes overlap on the count date, the one that started latest wins (a child moved
    from almen to special shows as special). Klassetrin is school year - birth year - 6, kept only
    within 0..10 (school age); younger/older children keep NULL.
    """
    p, c, snap = s.placement, s.child, s.placement_snapshot
    for year in school_years:
        day = count_date(year, month_day)
        conn.execute(snap.delete().where(snap.c.school_year == year))
        covering = sa.and_(p.c.start_date <= day, sa.or_(p.c.end_date.is_(None), p.c.end_date >= day))
        ranked = (
            sa.select(
                p.c.child_id, p.c.institution_id, p.c.provision_form,
                sa.func.row_number().over(
                    partition_by=p.c.child_id, order_by=(p.c.start_date.desc(), p.c.id.desc())
                ).label("rk"),
            )
            .where(covering)
            .subquery()
        )
        grade = sa.literal(year) - c.c.birth_year - 6
        sel = (
            sa.select(
                sa.literal(year).label("school_year"), ranked.c.child_id, ranked.c.institution_id,
                ranked.c.provision_form,
                sa.case((sa.and_(grade >= 0, grade <= 10), grade), else_=None).label("klassetrin"),
                c.c.gender,
            )
            .select_from(ranked.join(c, c.c.id == ranked.c.child_id))
            .where(ranked.c.rk == 1)
        )
        conn.execute(snap.insert().from_select(
            ["school_year", "child_id", "institution_id", "provision_form", "klassetrin", "gender"], sel))


def refresh_all(conn: sa.Connection, month_day: tuple[int, int] | None = None) -> None:
    """Recompute every derived table from the raw rows."""
    from data.config import settings

    refresh_survey(conn)
    years = [y for (y,) in conn.execute(
        sa.select(s.survey_round.c.school_year).distinct().order_by(s.survey_round.c.school_year))]
    if not years:
        first = conn.execute(sa.select(sa.func.min(s.placement.c.start_date))).scalar()
        last = conn.execute(sa.select(sa.func.max(s.placement.c.start_date))).scalar()
        years = list(range(first.year, last.year + 1)) if first and last else []
    refresh_placement_snapshots(conn, years, month_day or settings().count_date)
