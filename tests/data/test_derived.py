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
