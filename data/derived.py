"""Derived tables kept in step with the raw rows, in the caller's transaction.

- ``survey_score``: a respondent's indicator score is the mean of the respondent's answers to the
  indicator's items, counted only when at least half of the items were answered (answers outside
  the instrument's scale, such as a "ved ikke" coded 9, count as not answered).
- ``survey_item_summary``: answer counts per cell, item and value (``refresh_survey_items``).
- ``survey_summary``: sufficient statistics (n, Σx, Σx², band counts) per school year, institution,
  klassetrin, gender, provision form and indicator, so pages never read respondent rows.
- ``placement_snapshot``: where each child was on the count date of each school year.
- the Overgange count tables (``refresh_overgange``) and ``forloeb_summary`` (``refresh_effekt``).

Everything is portable SQLAlchemy Core (INSERT ... SELECT), so it runs inside the database on
SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import schema as s
from data.derived_rollup import (refresh_item_years, refresh_moved, refresh_overgange_rollups, refresh_pupil_years,
                                 refresh_sending_schools, refresh_survey_years)

# Published bands (Børne- og Undervisningsministeriet): scores are shown with one decimal, so
# 2,04 belongs to "1,0-2,0". The upper edges are therefore x.05 on the unrounded score.
BAND_EDGES = (2.05, 3.05, 4.05)


def refresh_survey(conn: sa.Connection, school_years: list[int] | None = None, scores: bool = True) -> None:
    """Recompute survey_score, survey_summary and survey_item_summary (for the given school years, or all); with
    scores=False only the summaries, from the scores already there (bench.generate's older years, whose item
    answers are not kept).

    Only answers on the instrument's scale (1 .. n_options) enter a score: a "ved ikke" coded outside
    it (e.g. 9) counts as not answered. The half-answered rule counts the items actually mapped to
    the indicator in survey_item (not the declared survey_indicator.n_items)."""
    resp = s.survey_response
    year_filter = resp.c.school_year.in_(school_years) if school_years else sa.true()

    if conn.dialect.name == "postgresql":  # fresh statistics after a bulk load: without them the planner
        for table in ("survey_answer", "survey_response", "survey_item"):  # loops over every answer (minutes)
            conn.exec_driver_sql(f"ANALYZE {table}")
    if scores:
        _refresh_scores(conn, school_years, year_filter)
    _refresh_summary(conn, school_years, year_filter)


def _refresh_scores(conn: sa.Connection, school_years, year_filter) -> None:
    resp, ans, item, ins = s.survey_response, s.survey_answer, s.survey_item, s.survey_instrument
    ids_in_scope = sa.select(resp.c.id).where(year_filter)
    conn.execute(s.survey_score.delete().where(s.survey_score.c.response_id.in_(ids_in_scope)))
    mapped = (sa.select(item.c.indicator_code, sa.func.count().label("n_items"))
              .where(item.c.indicator_code.is_not(None)).group_by(item.c.indicator_code).subquery("mapped"))
    score_select = (
        sa.select(
            ans.c.response_id,
            item.c.indicator_code,
            sa.func.avg(sa.cast(ans.c.value, sa.Double)).label("score"),
        )
        .select_from(ans.join(item, item.c.id == ans.c.item_id)
                     .join(ins, ins.c.code == item.c.instrument_code)
                     .join(mapped, mapped.c.indicator_code == item.c.indicator_code))
        .join(resp, resp.c.id == ans.c.response_id)
        .where(year_filter, ans.c.value.between(1, ins.c.n_options))
        .group_by(ans.c.response_id, item.c.indicator_code, mapped.c.n_items)
        .having(2 * sa.func.count(ans.c.value) >= mapped.c.n_items)
    )
    conn.execute(
        s.survey_score.insert().from_select(["response_id", "indicator_code", "score"], score_select)
    )


def _refresh_summary(conn: sa.Connection, school_years, year_filter) -> None:
    resp, summ = s.survey_response, s.survey_summary
    conn.execute(summ.delete().where(summ.c.school_year.in_(school_years) if school_years else sa.true()))
    sc = s.survey_score.c.score

    def band(lo: float | None, hi: float | None, value=1):
        cond = sa.and_(*(c for c in ((sc >= lo) if lo else None, (sc < hi) if hi else None) if c is not None))
        return sa.func.sum(sa.case((cond, value), else_=0))

    e1, e2, e3 = BAND_EDGES
    edges = ((None, e1), (e1, e2), (e2, e3), (e3, None))
    key = resp.c.record_key
    summary_select = (
        sa.select(
            resp.c.school_year, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
            resp.c.provision_form, s.survey_score.c.indicator_code,
            sa.func.count().label("n"),
            sa.func.sum(sc).label("sum_x"),
            sa.func.sum(sc * sc).label("sum_x2"),
            *(band(lo, hi).label(f"band{i}") for i, (lo, hi) in enumerate(edges, start=1)),
            sa.func.sum(key).label("key_sum"),
            *(band(lo, hi, key).label(f"band{i}_key") for i, (lo, hi) in enumerate(edges, start=1)),
        )
        .select_from(s.survey_score.join(resp, resp.c.id == s.survey_score.c.response_id))
        .where(year_filter)
        .group_by(resp.c.school_year, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
                  resp.c.provision_form, s.survey_score.c.indicator_code)
    )
    conn.execute(summ.insert().from_select(
        ["school_year", "institution_id", "klassetrin", "gender", "provision_form", "indicator_code",
         "n", "sum_x", "sum_x2", "band1", "band2", "band3", "band4", "key_sum", "band1_key", "band2_key", "band3_key",
         "band4_key"], summary_select))
    refresh_survey_years(conn, school_years)
    refresh_survey_items(conn, school_years)


def refresh_survey_items(conn: sa.Connection, school_years: list[int] | None = None) -> None:
    """Recompute survey_item_summary (for the given school years, or all): the answers per school year, institution,
    klassetrin, gender, provision form, item and value as given, with the sum of the respondents' record keys
    (values off the instrument's scale kept: queries leave them out); then survey_item_year_summary from it."""
    resp, ans, summ = s.survey_response, s.survey_answer, s.survey_item_summary
    conn.execute(summ.delete().where(summ.c.school_year.in_(school_years) if school_years else sa.true()))
    cells = (ans.c.item_id, resp.c.school_year, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
             resp.c.provision_form, ans.c.value)
    counts = (sa.select(*cells, sa.func.count(), sa.func.sum(resp.c.record_key))
              .select_from(ans.join(resp, resp.c.id == ans.c.response_id))
              .where(resp.c.school_year.in_(school_years) if school_years else sa.true()).group_by(*cells))
    conn.execute(summ.insert().from_select([c.name for c in cells] + ["n", "key_sum"], counts))
    refresh_item_years(conn, school_years)


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


def extraction_date(conn: sa.Connection) -> dt.date | None:
    """The data's extraction date: the setting INDBLIK_EXTRACTION_DATE, else the newest date on
    which something happened in the data (a placement or forløb started, a measurement was taken).
    End dates do not count: a planned end may lie in the future."""
    from data.config import settings

    if settings().extraction_date:
        return settings().extraction_date
    dates = [conn.execute(sa.select(sa.func.max(col))).scalar()
             for col in (s.placement.c.start_date, s.participation.c.start_date, s.measurement.c.measured_on)]
    dates = [d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in dates if d is not None]
    return max(dates) if dates else None


def snapshot_years(conn: sa.Connection, month_day: tuple[int, int]) -> list[int]:
    """The school years to snapshot: every year whose count date the placement records cover.

    From the first count date on or after the newest ``import_batch.covers_from`` (the date from
    which an extract's records are complete), or, when no batch says, on or after the earliest
    placement start; to the last count date on or before the extraction date. The years come from
    the placements alone, never from the surveys, and no year after the extraction is invented."""
    first = conn.execute(sa.select(sa.func.max(s.import_batch.c.covers_from))).scalar()
    first = first or conn.execute(sa.select(sa.func.min(s.placement.c.start_date))).scalar()
    last = extraction_date(conn)
    if first is None or last is None:
        return []
    first = first if isinstance(first, dt.date) else dt.date.fromisoformat(first)
    year = first.year - 1
    while count_date(year, month_day) < first:
        year += 1
    years = []
    while count_date(year, month_day) <= last:
        years.append(year)
        year += 1
    return years


def refresh_all(conn: sa.Connection, month_day: tuple[int, int] | None = None) -> None:
    """Recompute every derived table from the raw rows."""
    from data.config import settings

    month_day = month_day or settings().count_date
    refresh_survey(conn)
    years = snapshot_years(conn, month_day)
    conn.execute(s.placement_snapshot.delete().where(s.placement_snapshot.c.school_year.not_in(years)))
    refresh_placement_snapshots(conn, years, month_day)
    refresh_overgange(conn)
    refresh_effekt(conn)


# --- overgange -------------------------------------------------------------------------------
def _pupils(year=None) -> sa.Select:
    """Pupils: snapshot rows at a school, with the municipality and the grade from the birth year."""
    snap, inst, c = s.placement_snapshot, s.institution, s.child
    q = (sa.select(snap.c.school_year.label("year"), snap.c.child_id, snap.c.institution_id,
                   snap.c.provision_form.label("form"), inst.c.municipality_kode.label("mun"), snap.c.gender,
                   snap.c.klassetrin, (snap.c.school_year - c.c.birth_year - 6).label("grade"), c.c.record_key.label("rk"))
         .join_from(snap, inst, inst.c.id == snap.c.institution_id).join(c, c.c.id == snap.c.child_id)
         .where(inst.c.kind == "skole"))
    return q.where(snap.c.school_year == year) if year is not None else q


def refresh_overgange(conn: sa.Connection) -> None:
    """Rebuild the Overgange summary tables from placement_snapshot (all school years).

    - pupil_summary: pupils per year, institution, reference ordinary school, grade, gender, form.
      The reference school of a segregated pupil is the last ordinary school the child attended in
      the same municipality (NULL when none: started school in special provision or moved in).
    - transition_summary: per pair of consecutive years, pupils in 1.-9. klasse this year (grade
      from the birth year) who were pupils in the municipality last year or this year, counted by
      (last year's institution and form | 'ind') -> (this year's institution and form | 'ud'), and
      by the ordinary school the child belonged to last year (from_home_institution_id: its own
      school when ordinary, else its last ordinary school in the municipality, else the special
      provision itself).
    - return_summary: life-table counts for children who entered special provision (ordinary last
      year, segregated this year): years until back in an ordinary class (returned=1), or until
      censoring (returned=0) at the last year seen in special provision — left the municipality,
      a year without a school placement, the last data year, or 9. klasse.
    - school_start_summary: pupils in 0. klasse by form and by where they were on the count date a
      year before (ordinary dagtilbud, specialdagtilbud, other/unknown).
    """
    snap, inst = s.placement_snapshot, s.institution
    for table in (s.pupil_summary, s.transition_summary, s.return_summary, s.school_start_summary, s.sending_child,
                  s.sending_school_summary, s.moved_summary, s.pupil_year_summary):
        conn.execute(table.delete())
    years = [int(y) for (y,) in conn.execute(sa.select(snap.c.school_year).distinct().order_by(snap.c.school_year))]
    if not years:
        return
    if conn.dialect.name == "postgresql":  # fresh statistics for the planner after a bulk refresh
        conn.exec_driver_sql("ANALYZE placement_snapshot")

    # pupil_summary ---------------------------------------------------------------------------
    p = _pupils().subquery("p")
    es = sa.select(snap.c.child_id).where(snap.c.provision_form.in_(s.SPECIAL_FORMS)).distinct().subquery("es")
    ever_special = sa.exists().where(es.c.child_id == p.c.child_id)  # EXISTS: a hashed (anti-)join on PostgreSQL
    enc = sa.case((p.c.form == "almen", sa.cast(p.c.year, sa.BigInteger) * 1_000_000 + p.c.institution_id))
    last_almen = sa.func.max(enc).over(partition_by=(p.c.child_id, p.c.mun), order_by=p.c.year, rows=(None, 0))
    w = (sa.select(p.c.year, p.c.institution_id, p.c.form, p.c.klassetrin, p.c.gender, p.c.rk, last_almen.label("enc"))
         .where(ever_special).subquery("w"))
    ref_w = sa.case((w.c.form == "almen", w.c.institution_id), else_=sa.cast(w.c.enc % 1_000_000, sa.Integer))
    rows = sa.union_all(
        sa.select(p.c.year, p.c.institution_id, p.c.institution_id.label("ref"), p.c.klassetrin, p.c.gender, p.c.form,
                  p.c.rk).where(~ever_special),
        sa.select(w.c.year, w.c.institution_id, ref_w.label("ref"), w.c.klassetrin, w.c.gender, w.c.form, w.c.rk),
    ).subquery("rows")
    cols = (rows.c.year, rows.c.institution_id, rows.c.ref, rows.c.klassetrin, rows.c.gender, rows.c.form)
    conn.execute(s.pupil_summary.insert().from_select(
        ["school_year", "institution_id", "ref_institution_id", "klassetrin", "gender", "provision_form", "n",
         "key_sum"], sa.select(*cols, sa.func.count(), sa.func.sum(rows.c.rk)).group_by(*cols)))

    # transition_summary and school_start_summary, one pair of years at a time ----------------
    for year in years[1:]:
        if year - 1 not in years:
            continue
        p0, p1 = _pupils(year - 1).subquery("p0"), _pupils(year).subquery("p1")
        grade_now = p0.c.grade + 1
        # the last ordinary school of each child in the municipality up to last year (encoded as in
        # pupil_summary): the school a segregated child belongs to
        ph = _pupils().subquery("ph")
        homes = (sa.select(ph.c.child_id, ph.c.mun, sa.func.max(sa.cast(ph.c.year, sa.BigInteger) * 1_000_000
                                                                  + ph.c.institution_id).label("enc"))
                 .where(ph.c.form == "almen", ph.c.year <= year - 1).group_by(ph.c.child_id, ph.c.mun).subquery("h"))
        home = sa.case((p0.c.form == "almen", p0.c.institution_id),
                       else_=sa.func.coalesce(sa.cast(homes.c.enc % 1_000_000, sa.Integer), p0.c.institution_id))
        left = (sa.select(sa.literal(year).label("y"), p0.c.mun, p0.c.institution_id.label("fi"),
                          p1.c.institution_id.label("ti"), home.label("hi"), p0.c.form.label("ff"),
                          sa.func.coalesce(p1.c.form, "ud").label("tf"), grade_now.label("g"), p0.c.gender, p0.c.rk,
                          p0.c.child_id)
                .select_from(p0.outerjoin(p1, sa.and_(p1.c.child_id == p0.c.child_id, p1.c.mun == p0.c.mun))
                             .outerjoin(homes, sa.and_(homes.c.child_id == p0.c.child_id, homes.c.mun == p0.c.mun,
                                                       p0.c.form != "almen")))
                .where(grade_now.between(1, 9)))
        lf = left.subquery("lf")  # the children who left an ordinary class, one row each (the sending funnel)
        conn.execute(s.sending_child.insert().from_select(
            ["school_year", "from_institution_id", "child_id", "klassetrin", "gender", "sent", "record_key"],
            sa.select(lf.c.y, lf.c.fi, lf.c.child_id, lf.c.g, lf.c.gender,
                      sa.case((lf.c.tf.in_(s.SPECIAL_FORMS), 1), else_=0), lf.c.rk)
            .where(lf.c.ff == "almen")))
        p0b = _pupils(year - 1).subquery("p0b")
        new = (sa.select(sa.literal(year).label("y"), p1.c.mun, sa.null().label("fi"), p1.c.institution_id.label("ti"),
                         sa.cast(sa.null(), sa.Integer).label("hi"), sa.literal("ind").label("ff"), p1.c.form.label("tf"), p1.c.grade.label("g"), p1.c.gender, p1.c.rk, p1.c.child_id)
               .where(p1.c.grade.between(1, 9),
                      ~sa.exists().where(p0b.c.child_id == p1.c.child_id, p0b.c.mun == p1.c.mun)))
        u = sa.union_all(left, new).subquery("u")
        cols = (u.c.y, u.c.mun, u.c.fi, u.c.ti, u.c.hi, u.c.ff, u.c.tf, u.c.g, u.c.gender)
        conn.execute(s.transition_summary.insert().from_select(
            ["school_year", "municipality_kode", "from_institution_id", "to_institution_id",
             "from_home_institution_id", "from_form", "to_form",
             "klassetrin", "gender", "n", "key_sum"], sa.select(*cols, sa.func.count(), sa.func.sum(u.c.rk)).group_by(*cols)))

        before = (sa.select(snap.c.child_id, snap.c.provision_form, inst.c.kind)
                  .join_from(snap, inst, inst.c.id == snap.c.institution_id)
                  .where(snap.c.school_year == year - 1).subquery("b"))
        prior = sa.case((sa.and_(before.c.kind == "dagtilbud", before.c.provision_form == "almen"), "almen_dagtilbud"),
                        (before.c.provision_form == "specialdagtilbud", "specialdagtilbud"), else_="andet")
        start = (sa.select(sa.literal(year).label("y"), p1.c.institution_id, p1.c.form,
                           prior.label("prior"), p1.c.gender, p1.c.rk)
                 .select_from(p1.outerjoin(before, before.c.child_id == p1.c.child_id))
                 .where(p1.c.grade == 0).subquery("st"))
        cols = (start.c.y, start.c.institution_id, start.c.form, start.c.prior, start.c.gender)
        conn.execute(s.school_start_summary.insert().from_select(
            ["school_year", "institution_id", "provision_form", "prior", "gender", "n", "key_sum"],
            sa.select(*cols, sa.func.count(), sa.func.sum(start.c.rk)).group_by(*cols)))

    # return_summary: runs ("islands") of consecutive years in special provision ---------------
    sp = (sa.select(p.c.year, p.c.child_id, p.c.mun, p.c.institution_id, p.c.form, p.c.grade, p.c.gender, p.c.rk)
          .where(p.c.form != "almen").subquery("sp"))
    isl = (sp.c.year - sa.func.row_number().over(partition_by=(sp.c.child_id, sp.c.mun), order_by=sp.c.year))
    runs = sa.select(*sp.c, isl.label("isl")).subquery("runs")
    island = (runs.c.child_id, runs.c.mun, runs.c.isl)
    ends = (sa.select(*runs.c, sa.func.min(runs.c.year).over(partition_by=island).label("first"),
                      sa.func.max(runs.c.year).over(partition_by=island).label("last"))
            .subquery("ends"))
    e0, after = _pupils().subquery("e0"), _pupils().subquery("after")
    cap = ends.c.year + 9 - ends.c.grade                    # the school year of 9. klasse
    returned = sa.and_(ends.c.last < cap, after.c.child_id.is_not(None))
    duration = sa.case((returned, ends.c.last + 1 - ends.c.year),
                       else_=sa.case((ends.c.last < cap, ends.c.last), else_=cap) - ends.c.year)
    entries = (sa.select(ends.c.year.label("y"), ends.c.mun, e0.c.institution_id.label("fi"),
                         ends.c.institution_id.label("ti"), ends.c.form.label("f"), ends.c.grade.label("g"),
                         ends.c.gender, duration.label("d"), sa.case((returned, 1), else_=0).label("r"), ends.c.rk)
               .select_from(ends.join(e0, sa.and_(e0.c.child_id == ends.c.child_id, e0.c.mun == ends.c.mun,
                                                  e0.c.year == ends.c.year - 1))
                            .outerjoin(after, sa.and_(after.c.child_id == ends.c.child_id, after.c.mun == ends.c.mun,
                                                      after.c.year == ends.c.last + 1)))
               .where(ends.c.year == ends.c.first, e0.c.form == "almen", ends.c.grade.between(1, 9)).subquery("en"))
    cols = (entries.c.y, entries.c.mun, entries.c.fi, entries.c.ti, entries.c.f, entries.c.g, entries.c.gender,
            entries.c.d, entries.c.r)
    conn.execute(s.return_summary.insert().from_select(
        ["entry_year", "municipality_kode", "from_institution_id", "to_institution_id", "entry_form", "klassetrin",
         "gender", "duration", "returned", "n", "key_sum"],
        sa.select(*cols, sa.func.count(), sa.func.sum(entries.c.rk)).group_by(*cols)))
    refresh_overgange_rollups(conn)  # the sending funnel over every year and tilgang/afgang, from the rows above


# --- effekt ----------------------------------------------------------------------------------
def start_year(date_col) -> sa.ColumnElement[int]:
    """School year (start year) of a date: the calendar year, minus one before 1 August."""
    year = sa.cast(sa.extract("year", date_col), sa.Integer)
    month = sa.cast(sa.extract("month", date_col), sa.Integer)
    return year - sa.case((month < 8, 1), else_=0)


# a goal's GAS level (its name in forloeb_summary: n_<name>), and the per-forløb goal counts by scale
GAS_LEVELS = ((2, "gas_plus2"), (1, "gas_plus1"), (0, "gas_0"), (-1, "gas_minus1"), (-2, "gas_minus2"))
GOAL_COUNTS = (*(f"n_{name}" for _, name in GAS_LEVELS), "n_opnaaet", "n_delvist", "n_ikke")


def refresh_effekt(conn: sa.Connection) -> None:
    """Rebuild forloeb_summary: one row per participation (forløb), from participation,
    intervention, child, placement_snapshot, measurement and goal.

    - institution_id: the intervention's institution when it is run by one, otherwise the
      institution where the child was on the count date of the forløb's start school year;
      klassetrin and provision_form from that same snapshot, gender from child;
    - n_pre / n_post, pre / post: number and mean of the 'foer' / 'efter' measurements of the
      intervention's primary instrument (informants averaged; 'opfoelgning' is not used);
    - goals: n_goals (set), on two scales never merged: n_gas_plus2 … n_gas_minus2 count the GAS-scored
      goals per level (+2 meget mere, +1 noget mere end forventet, 0 forventet niveau, -1 noget mindre: the
      usual baseline, not "partly achieved", -2 meget mindre; Turner-Stokes 2009, Clin Rehabil 23:362-370),
      and n_opnaaet / n_delvist / n_ikke the goals without a GAS score by their outcome field; n_gas
      (GAS-scored) and Σw, Σw², Σw·x over the GAS-scored goals (the Kiresuk-Sherman T-score);
    - gas: the intervention has at least one GAS-scored goal (it belongs on the GAS view).
    """
    p, i, c, snap, m, g = s.participation, s.intervention, s.child, s.placement_snapshot, s.measurement, s.goal
    conn.execute(s.forloeb_summary.delete())
    sy = start_year(p.c.start_date)
    pre, post = m.c.timepoint == "foer", m.c.timepoint == "efter"
    score = sa.cast(m.c.score, sa.Double)
    meas = (sa.select(m.c.participation_id.label("pid"),
                      sa.func.count(sa.case((pre, m.c.id))).label("n_pre"),
                      sa.func.count(sa.case((post, m.c.id))).label("n_post"),
                      sa.func.avg(sa.case((pre, score))).label("pre"),
                      sa.func.avg(sa.case((post, score))).label("post"))
            .select_from(m.join(p, p.c.id == m.c.participation_id).join(i, i.c.id == p.c.intervention_id))
            .where(m.c.instrument_code == i.c.instrument_code).group_by(m.c.participation_id).subquery("meas"))
    gs, oc = g.c.gas_score, g.c.outcome
    rated = gs.is_not(None)
    w = sa.cast(g.c.weight, sa.Double)

    def flag(cond):
        return sa.func.sum(sa.case((cond, 1), else_=0))

    goals = (sa.select(g.c.participation_id.label("pid"), sa.func.count(g.c.id).label("n_goals"),
                       *(flag(gs == v).label(f"n_{name}") for v, name in GAS_LEVELS),
                       *(flag(sa.and_(gs.is_(None), oc == o)).label(f"n_{o}") for o in ("opnaaet", "delvist", "ikke")),
                       sa.func.count(gs).label("n_gas"),
                       sa.func.sum(sa.case((rated, w), else_=0.0)).label("sw"),
                       sa.func.sum(sa.case((rated, w * w), else_=0.0)).label("sw2"),
                       sa.func.sum(sa.case((rated, w * gs), else_=0.0)).label("swx"))
             .group_by(g.c.participation_id).subquery("goals"))
    gas_ivs = (sa.select(p.c.intervention_id).join_from(p, g, g.c.participation_id == p.c.id)
               .where(rated).distinct())
    zero = {col: sa.func.coalesce(src.c[col], 0) for src, cols in
            ((meas, ("n_pre", "n_post")), (goals, ("n_goals", *GOAL_COUNTS, "n_gas", "sw", "sw2", "swx"))) for col in cols}
    sel = (sa.select(p.c.id, p.c.child_id, p.c.intervention_id,
                     sa.func.coalesce(i.c.institution_id, snap.c.institution_id), sy, snap.c.klassetrin, c.c.gender,
                     snap.c.provision_form, p.c.end_date.is_not(None), i.c.instrument_code, i.c.id.in_(gas_ivs),
                     zero["n_pre"], zero["n_post"], meas.c.pre, meas.c.post, *(zero[k] for k in list(zero)[2:]),
                     p.c.record_key, c.c.record_key)
           .select_from(p.join(i, i.c.id == p.c.intervention_id).join(c, c.c.id == p.c.child_id)
                        .outerjoin(snap, sa.and_(snap.c.child_id == p.c.child_id, snap.c.school_year == sy))
                        .outerjoin(meas, meas.c.pid == p.c.id).outerjoin(goals, goals.c.pid == p.c.id)))
    conn.execute(s.forloeb_summary.insert().from_select(
        ["participation_id", "child_id", "intervention_id", "institution_id", "start_year", "klassetrin", "gender",
         "provision_form", "ended", "instrument_code", "gas", "n_pre", "n_post", "pre", "post", "n_goals",
         *GOAL_COUNTS, "n_gas", "sw", "sw2", "swx", "forloeb_key", "child_key"], sel))


def refresh_summaries(conn: sa.Connection) -> None:
    """Every summary table from the raw rows and snapshots already there (after 0006 added key sums)."""
    refresh_survey(conn)
    refresh_overgange(conn)
    refresh_effekt(conn)


# Derived tables a migration creates empty, and the refresh that fills them right after it
# (data.db.migrate): revision -> refresh.
FILLED_AFTER = {"0002": refresh_overgange, "0004": refresh_effekt, "0006": refresh_summaries, "0007": refresh_overgange,
                "0012": refresh_survey_items, "0015": refresh_effekt, "0016": refresh_sending_schools,
                "0017": refresh_survey_years, "0018": refresh_moved, "0019": refresh_pupil_years, "0020": refresh_item_years}
