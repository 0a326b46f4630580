"""A small hand-made database with known data-quality problems planted (tests/queries/test_quality.py
works every expected count out from the rows below). Count date 5 September; snapshots 2024 and 2025.

Billund 530: Alfa 1 (530001, district Nord), Beta 2 (no institutionsnummer, no district), Specialklassen 4
(530004, Nord). Høje-Taastrup 169: Gamma 3 (169001, no district).

Children (grade = school year - birth year - 6):
  1  b.2014  Alfa 2020-08-01 open + Specialklassen 2024-10-01 open     overlap 2024/25; Alfa open left behind
  2  b.2014  Alfa 2020-08-01..2024-06-30, Beta 2024-08-01 open
  3  b.2014  Alfa 2020-08-01..2025-01-31, Beta 2025-01-15 open          overlap 2024/25
  4  b.2014  Alfa 2020-08-01..2024-08-10, Beta 2024-08-10 open          a handover on one day: no overlap
  5  b.2000  Alfa 2023-08-01 open                                       grade 18/19 at a school: implausible
  6-10 b.2014 Alfa 2020-08-01 open
  11 b.2014  Beta 2025-08-01 open (moves in)
  20-27 b.2013 Gamma 2019-08-01 open
  28 b.2013  Gamma 2019-08-01 open + Gamma 2025-09-01 open             overlap 2025/26 in 169; first left open
  30 b.2014  Alfa 2020-08-01 open + Gamma 2025-03-01 open              overlap 2024/25 in 530 and in 169
Pupils in 4.-9. klasse: 530 2024: 1-4, 6-10, 30 = 10; 530 2025: 1-4, 6-11 = 10; 169 2025: 20-28, 30 = 10.

Survey rounds (trivsel_4_9 unless said): R1 530 2024: 9 respondents; R2 530 2025: 5 (one social score 6.0,
off the 1-5 scale); R3 169 2025: 8 (one score 0.0); R4 trivsel_0_3 169 2025: 4 respondents, no pupils.

Effekt (sdq_total 0-40): LØFT (530, Alfa, sdq_total), Forældrekursus (530, no instrument), PPR (169, Gamma).
  P1 LØFT child 6 2024-09-01..2025-03-01: M1 foer 20 (forælder), M2 efter 45 (lærer; > 40); goals GAS 1, and
     one with neither GAS score nor outcome
  P2 LØFT child 7 2024-10-01..2024-09-01 (ends before it starts): M3 foer 10 (no informant)
  P3 Forældrekursus child 8 2025-02-01 open: M4 foer 12 on 2024-10-01 (123 days before the start)
  P4 PPR child 20 2025-09-01..2026-01-15: M5 foer 15, M6 efter -1 on 2026-06-01 (no informant; < 0; 137
     days after the end), M7 opfoelgning 20 on 2026-07-15 (a follow-up after the end is no problem); goal
     outcome 'opnaaet'
Benchmarks: Landstal social_trivsel 2024 and 2025; Kommunetal 530 inklusionsgrad 2025.
Imports: trivsel 2025-11-01 and 2026-01-10 (ok), trivsel 2026-02-01 (afvist), placeringer 2025-10-01 (ok).
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import derived
from data import schema as s

ALFA, BETA, GAMMA, SPKL = 1, 2, 3, 4
OPEN = None


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


CHILDREN = {  # id: (birth year, [(institution, form, start, end), ...])
    1: (2014, [(ALFA, "almen", "2020-08-01", OPEN), (SPKL, "specialklasse", "2024-10-01", OPEN)]),
    2: (2014, [(ALFA, "almen", "2020-08-01", "2024-06-30"), (BETA, "almen", "2024-08-01", OPEN)]),
    3: (2014, [(ALFA, "almen", "2020-08-01", "2025-01-31"), (BETA, "almen", "2025-01-15", OPEN)]),
    4: (2014, [(ALFA, "almen", "2020-08-01", "2024-08-10"), (BETA, "almen", "2024-08-10", OPEN)]),
    5: (2000, [(ALFA, "almen", "2023-08-01", OPEN)]),
    **{c: (2014, [(ALFA, "almen", "2020-08-01", OPEN)]) for c in range(6, 11)},
    11: (2014, [(BETA, "almen", "2025-08-01", OPEN)]),
    **{c: (2013, [(GAMMA, "almen", "2019-08-01", OPEN)]) for c in range(20, 28)},
    28: (2013, [(GAMMA, "almen", "2019-08-01", OPEN), (GAMMA, "almen", "2025-09-01", OPEN)]),
    30: (2014, [(ALFA, "almen", "2020-08-01", OPEN), (GAMMA, "almen", "2025-03-01", OPEN)]),
}
ROUNDS = {  # id: (instrument, school year, municipality, institution, grade, respondents, odd score)
    1: ("trivsel_4_9", 2024, 530, ALFA, 4, 9, None),
    2: ("trivsel_4_9", 2025, 530, ALFA, 5, 5, 6.0),
    3: ("trivsel_4_9", 2025, 169, GAMMA, 6, 8, 0.0),
    4: ("trivsel_0_3", 2025, 169, GAMMA, 2, 4, None),
}


def load(conn: sa.Connection) -> None:
    conn.execute(s.municipality.insert(), [{"kode": 530, "name": "Billund"}, {"kode": 169, "name": "Høje-Taastrup"}])
    conn.execute(s.district.insert(), [{"id": 1, "municipality_kode": 530, "name": "Nord"}])
    conn.execute(s.institution.insert(), [
        dict(id=ALFA, institutionsnummer="530001", name="Alfa Skole", municipality_kode=530, district_id=1, kind="skole",
             provision="almen", special_form=None),
        dict(id=BETA, institutionsnummer=None, name="Beta Skole", municipality_kode=530, district_id=None, kind="skole",
             provision="almen", special_form=None),
        dict(id=GAMMA, institutionsnummer="169001", name="Gamma Skole", municipality_kode=169, district_id=None,
             kind="skole", provision="almen", special_form=None),
        dict(id=SPKL, institutionsnummer="530004", name="Specialklassen", municipality_kode=530, district_id=1,
             kind="skole", provision="special", special_form="specialklasse")])
    conn.execute(s.child.insert(), [dict(id=c, birth_year=b, gender="dreng" if c % 2 else "pige", record_key=0)
                                    for c, (b, _) in CHILDREN.items()])
    conn.execute(s.placement.insert(), [dict(child_id=c, institution_id=i, provision_form=f, start_date=d(a),
                                             end_date=d(e)) for c, (_, eps) in CHILDREN.items() for i, f, a, e in eps])
    derived.refresh_placement_snapshots(conn, [2024, 2025], (9, 5))
    derived.refresh_overgange(conn)

    conn.execute(s.survey_instrument.insert(), [
        dict(code="trivsel_4_9", name="Trivselsmåling 4.-9. klasse", grade_from=4, grade_to=9, n_options=5),
        dict(code="trivsel_0_3", name="Trivselsmåling 0.-3. klasse", grade_from=0, grade_to=3, n_options=3)])
    conn.execute(s.survey_indicator.insert(), [dict(code="social_trivsel", instrument_code="trivsel_4_9",
                                                    name_da="Social trivsel", name_en="Social well-being",
                                                    sort_order=1, n_items=2)])
    conn.execute(s.survey_round.insert(), [dict(id=r, instrument_code=ins, school_year=y, municipality_kode=k)
                                           for r, (ins, y, k, *_) in ROUNDS.items()])
    responses, scores = [], []
    for r, (ins, year, _, inst, grade, n, odd) in ROUNDS.items():
        for j in range(n):
            rid = len(responses) + 1
            responses.append(dict(id=rid, round_id=r, school_year=year, institution_id=inst, klassetrin=grade,
                                  gender="dreng" if j % 2 else "pige", provision_form="almen", record_key=0))
            if ins == "trivsel_4_9":
                scores.append(dict(response_id=rid, indicator_code="social_trivsel",
                                   score=odd if (odd is not None and j == 0) else 4.0))
    conn.execute(s.survey_response.insert(), responses)
    conn.execute(s.survey_score.insert(), scores)

    conn.execute(s.instrument.insert(), [dict(code="sdq_total", name="SDQ samlede vanskeligheder", min_score=0,
                                              max_score=40, higher_is_better=False)])
    conn.execute(s.intervention.insert(), [
        dict(id=1, name="LØFT", method="LØFT", municipality_kode=530, institution_id=ALFA, instrument_code="sdq_total"),
        dict(id=2, name="Forældrekursus", method="forældrekursus", municipality_kode=530, institution_id=None,
             instrument_code=None),
        dict(id=3, name="PPR", method="PPR-sparring", municipality_kode=169, institution_id=GAMMA,
             instrument_code="sdq_total")])
    conn.execute(s.participation.insert(), [
        dict(id=1, intervention_id=1, child_id=6, start_date=d("2024-09-01"), end_date=d("2025-03-01"), record_key=0),
        dict(id=2, intervention_id=1, child_id=7, start_date=d("2024-10-01"), end_date=d("2024-09-01"), record_key=0),
        dict(id=3, intervention_id=2, child_id=8, start_date=d("2025-02-01"), end_date=None, record_key=0),
        dict(id=4, intervention_id=3, child_id=20, start_date=d("2025-09-01"), end_date=d("2026-01-15"), record_key=0)])
    conn.execute(s.measurement.insert(), [
        dict(participation_id=p, instrument_code="sdq_total", timepoint=tp, informant=who, measured_on=d(on), score=x)
        for p, tp, who, on, x in [(1, "foer", "forælder", "2024-09-01", 20.0), (1, "efter", "lærer", "2025-03-01", 45.0),
                                  (2, "foer", None, "2024-10-01", 10.0), (3, "foer", "forælder", "2024-10-01", 12.0),
                                  (4, "foer", "forælder", "2025-09-01", 15.0), (4, "efter", None, "2026-06-01", -1.0),
                                  (4, "opfoelgning", "forælder", "2026-07-15", 20.0)]])
    conn.execute(s.goal.insert(), [dict(participation_id=1, description="Mål", gas_score=1, outcome=None),
                                   dict(participation_id=1, description="Mål", gas_score=None, outcome=None),
                                   dict(participation_id=4, description="Mål", gas_score=None, outcome="opnaaet")])
    conn.execute(s.benchmark.insert(), [
        dict(kind="landstal", measure_code="social_trivsel", school_year=2024, municipality_kode=None, value=4.0),
        dict(kind="landstal", measure_code="social_trivsel", school_year=2025, municipality_kode=None, value=4.1),
        dict(kind="kommunetal", measure_code="inklusionsgrad", school_year=2025, municipality_kode=530, value=0.95)])
    utc = dt.timezone.utc
    conn.execute(s.import_batch.insert(), [
        dict(kind=kind, file_name="f.csv", sha256=str(i) * 64, rows=1, imported_by="pytest", outcome=outcome,
             imported_at=dt.datetime.fromisoformat(at).replace(tzinfo=utc))
        for i, (kind, at, outcome) in enumerate([("trivsel", "2025-11-01T10:00", "ok"), ("trivsel", "2026-01-10T10:00", "ok"),
                                                 ("trivsel", "2026-02-01T10:00", "afvist"),
                                                 ("placeringer", "2025-10-01T10:00", "ok")])])
