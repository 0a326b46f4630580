"""Which school years get a placement snapshot (data.derived.refresh_all), on SQLite and PostgreSQL.

A hand-made municipality: one school, ten children with placements over five school years
(2019/20-2023/24, the last start 10.01.2024), surveys in only two of them. The years are counted by
hand from the count date 5 September: 2019-09-05 … 2023-09-05 lie within the placements; 2024-09-05
lies after every date in the data.
"""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from data import derived, schema as s
from data.db import migrate
from tests.conftest import fresh_database


def _load(conn, surveys: bool) -> None:
    conn.execute(s.municipality.insert(), [{"kode": 530, "name": "Billund"}])
    conn.execute(s.institution.insert(), [dict(id=1, institutionsnummer="530001", name="Alfa Skole",
                                               municipality_kode=530, district_id=None, kind="skole",
                                               provision="almen", special_form=None),
                                          dict(id=2, institutionsnummer=None, name="Specialklassen",
                                               municipality_kode=530, district_id=None, kind="skole",
                                               provision="special", special_form="specialklasse")])
    conn.execute(s.child.insert(), [dict(id=i, birth_year=2012, gender="pige", record_key=0) for i in range(1, 11)])
    rows = [dict(child_id=i, institution_id=1, provision_form="almen", start_date=dt.date(2019, 8, 1),
                 end_date=None) for i in range(1, 10)]
    # child 10 moves to special provision in January 2024: the newest date in the data
    rows += [dict(child_id=10, institution_id=1, provision_form="almen", start_date=dt.date(2019, 8, 1),
                  end_date=dt.date(2024, 1, 9)),
             dict(child_id=10, institution_id=2, provision_form="specialklasse", start_date=dt.date(2024, 1, 10),
                  end_date=None)]
    conn.execute(s.placement.insert(), rows)
    if surveys:
        conn.execute(s.survey_instrument.insert(), [dict(code="x", name="x", grade_from=4, grade_to=9, n_options=5)])
        conn.execute(s.survey_round.insert(), [dict(id=y, instrument_code="x", school_year=y, municipality_kode=530)
                                               for y in (2022, 2023)])


def _years(conn) -> list[int]:
    snap = s.placement_snapshot
    return [y for (y,) in conn.execute(sa.select(snap.c.school_year).distinct().order_by(snap.c.school_year))]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
@pytest.mark.parametrize("surveys", [True, False], ids=["with-surveys", "without-surveys"])
def test_snapshot_years_come_from_the_placements(kind, surveys, tmp_path_factory):
    with fresh_database(kind, tmp_path_factory) as engine:
        migrate(engine)
        with engine.begin() as conn:
            _load(conn, surveys)
            derived.refresh_all(conn, (9, 5))
            # five years of placements give five snapshots, whatever the surveys cover; no 2024/25
            # (its count date, 5.9.2024, lies after the newest date in the data, 10.1.2024)
            assert _years(conn) == [2019, 2020, 2021, 2022, 2023]
            # child 10 is in special provision only from January 2024: in every snapshot it is ordinary
            snap = s.placement_snapshot
            assert conn.execute(sa.select(sa.func.count()).where(snap.c.provision_form != "almen")).scalar() == 0
            # four transitions (2020-2023), each of the ten children in 1.-9. klasse
            tr = s.transition_summary
            assert conn.execute(sa.select(sa.func.sum(tr.c.n))).scalar() == 40


@pytest.mark.parametrize("kind", ["sqlite"])
def test_extraction_date_and_coverage_bound_the_years(kind, tmp_path_factory, monkeypatch):
    from data.config import settings
    with fresh_database(kind, tmp_path_factory) as engine:
        migrate(engine)
        with engine.begin() as conn:
            _load(conn, surveys=False)
            # an extraction date after 5.9.2024 admits 2024/25 (the move to special provision shows)
            monkeypatch.setenv("INDBLIK_EXTRACTION_DATE", "2024-09-30")
            settings.cache_clear()
            try:
                derived.refresh_all(conn, (9, 5))
            finally:
                settings.cache_clear()
            assert _years(conn) == [2019, 2020, 2021, 2022, 2023, 2024]
            monkeypatch.delenv("INDBLIK_EXTRACTION_DATE")
            # an extract complete only from 1.8.2021 starts at 2021/22; a refresh drops the years outside
            conn.execute(s.import_batch.insert(), [dict(id=1, kind="placement", file_name="f.csv", sha256="0" * 64,
                                                        rows=11, imported_by="test",
                                                        imported_at=dt.datetime(2024, 1, 15, tzinfo=dt.timezone.utc),
                                                        outcome="ok", covers_from=dt.date(2021, 8, 1))])
            derived.refresh_all(conn, (9, 5))
            assert _years(conn) == [2021, 2022, 2023]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_scores_use_only_answers_on_the_scale_and_the_items_mapped(kind, tmp_path_factory):
    """An indicator declared with 3 items but mapped to 2 (items 1-2; item 3 has no indicator), on a
    1-5 scale where 9 is "ved ikke". Scores by hand:
      r1 answers (4, 9): one valid answer of 2 mapped items -> half answered -> score 4.0
      r2 answers (2, 4): 3.0
      r3 answers (9, 9): nothing valid -> no score
      r4 answers (5, 0): 0 is off the scale too -> 5.0
    (Today's code averaged the 9 in (4, 9) -> 6.5, and with the declared 3 items dropped r1 and r4.)"""
    with fresh_database(kind, tmp_path_factory) as engine:
        migrate(engine)
        with engine.begin() as conn:
            _load(conn, surveys=True)
            conn.execute(s.survey_indicator.insert(), [dict(code="ind", instrument_code="x", name_da="I", name_en="I",
                                                            sort_order=1, n_items=3)])
            conn.execute(s.survey_item.insert(), [
                dict(id=i, instrument_code="x", item_no=i, text_da="q", text_en="q",
                     indicator_code="ind" if i < 3 else None, options_da="1|2|3|4|5") for i in (1, 2, 3)])
            answers = {1: (4, 9), 2: (2, 4), 3: (9, 9), 4: (5, 0)}
            conn.execute(s.survey_response.insert(), [
                dict(id=r, round_id=2023, school_year=2023, institution_id=1, klassetrin=5, gender="pige",
                     provision_form="almen", record_key=0) for r in answers])
            conn.execute(s.survey_answer.insert(), [dict(item_id=i + 1, response_id=r, value=v)
                                                    for r, values in answers.items() for i, v in enumerate(values)]
                         + [dict(item_id=3, response_id=r, value=3) for r in answers])
            derived.refresh_survey(conn)
            sc = s.survey_score
            got = dict(conn.execute(sa.select(sc.c.response_id, sc.c.score).order_by(sc.c.response_id)).all())
            assert got == {1: 4.0, 2: 3.0, 4: 5.0}
            summ = s.survey_summary
            n, sum_x = conn.execute(sa.select(summ.c.n, summ.c.sum_x)).one()
            assert (n, sum_x) == (3, 12.0)


def test_the_wellbeing_threshold_is_at_least_the_ministrys_and_follows_a_stricter_general_one():
    from data.config import SettingsError, _parse, threshold
    assert threshold(_parse({}), "trivsel") == 6 and threshold(_parse({}), "") == 5
    assert threshold(_parse({"INDBLIK_MIN_N": "8"}), "trivsel") == 8  # a stricter general threshold wins
    assert threshold(_parse({"INDBLIK_MIN_N_TRIVSEL": "10"}), "trivsel") == 10
    with pytest.raises(SettingsError, match="INDBLIK_MIN_N_TRIVSEL"):
        _parse({"INDBLIK_MIN_N_TRIVSEL": "2"})
    with pytest.raises(SettingsError, match="INDBLIK_EXTRACTION_DATE"):
        _parse({"INDBLIK_EXTRACTION_DATE": "15-01-2026"})
