"""A small hand-made database for the tests, with figures worked out by hand in the tests.

Two indicators of two items each (social_trivsel: items 1-2, stoette_inspiration: items 3-4),
four institutions, two school years. Answers per respondent: (gender, klassetrin, social items,
støtte items); None is a missing answer. Scores are the means written after each row.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import derived
from data import schema as s
from tests.keys import record_key

ALFA, BETA, GAMMA, DELTA = 1, 2, 3, 4

RESPONDENTS = {
    # (school_year, institution, provision_form): [(gender, klassetrin, (i1, i2), (i3, i4)), ...]
    (2025, ALFA, "almen"): [
        ("dreng", 5, (4, 4), (3, 3)),        # social 4.0, støtte 3.0
        ("dreng", 5, (5, 4), (3, 4)),        # 4.5, 3.5
        ("dreng", 5, (5, 5), (4, 4)),        # 5.0, 4.0
        ("pige", 5, (3, 3), (2, 2)),         # 3.0, 2.0
        ("pige", 5, (4, None), (3, 3)),      # 4.0 (1 of 2 answered counts), 3.0
        ("pige", 5, (4, 3), (None, None)),   # 3.5, no støtte score (0 of 2 answered)
    ],
    (2025, BETA, "almen"): [
        ("dreng", 5, (2, 2), (2, 2)),        # 2.0, 2.0
        ("pige", 5, (3, 3), (3, 3)),         # 3.0, 3.0
        ("pige", 5, (2, 3), (2, 3)),         # 2.5, 2.5
    ],
    (2025, GAMMA, "almen"): [("dreng", 6, (4, 4), (3, 3))] * 4 + [("pige", 6, (5, 5), (3, 3))] * 4,
    (2025, DELTA, "specialskole"): [
        ("dreng", 6, (3, 3), (3, 3)),        # 3.0
        ("dreng", 6, (3, 4), (3, 3)),        # 3.5
        ("dreng", 6, (2, 2), (3, 3)),        # 2.0
        ("pige", 6, (4, 4), (3, 3)),         # 4.0
        ("pige", 6, (3, 3), (3, 3)),         # 3.0
    ],
    (2024, ALFA, "almen"): [("dreng", 4, (4, 4), (3, 3))] * 2 + [("pige", 4, (4, 4), (3, 3))] * 3,
    (2024, GAMMA, "almen"): [("dreng", 5, (4, 5), (3, 3))] * 4 + [("pige", 5, (4, 5), (3, 3))] * 3,
}
LANDSTAL = {("social_trivsel", 2024): 4.0, ("social_trivsel", 2025): 4.05}


def load(conn: sa.Connection, keys=None) -> None:
    """Load the fixture; record keys 0 (no perturbation: the hand computations hold) unless `keys`,
    a numpy Generator, draws random ones."""
    conn.execute(s.municipality.insert(), [{"kode": 530, "name": "Billund"}, {"kode": 169, "name": "Høje-Taastrup"}])
    conn.execute(s.district.insert(), [{"id": 1, "municipality_kode": 530, "name": "Nord"},
                                       {"id": 2, "municipality_kode": 169, "name": "Syd"}])
    conn.execute(s.institution.insert(), [
        dict(id=ALFA, institutionsnummer="530001", name="Alfa Skole", municipality_kode=530, district_id=1,
             kind="skole", provision="almen", special_form=None),
        dict(id=BETA, institutionsnummer="530002", name="Beta Skole", municipality_kode=530, district_id=1,
             kind="skole", provision="almen", special_form=None),
        dict(id=GAMMA, institutionsnummer="169001", name="Gamma Skole", municipality_kode=169, district_id=2,
             kind="skole", provision="almen", special_form=None),
        dict(id=DELTA, institutionsnummer="169002", name="Delta Specialskole", municipality_kode=169, district_id=2,
             kind="skole", provision="special", special_form="specialskole"),
    ])
    conn.execute(s.survey_instrument.insert(), [
        dict(code="trivsel_4_9", name="Trivselsmåling 4.-9. klasse", grade_from=4, grade_to=9, n_options=5),
        dict(code="trivsel_0_3", name="Trivselsmåling 0.-3. klasse", grade_from=0, grade_to=3, n_options=3)])
    conn.execute(s.survey_indicator.insert(), [
        dict(code="social_trivsel", instrument_code="trivsel_4_9", name_da="Social trivsel",
             name_en="Social well-being", sort_order=1, n_items=2),
        dict(code="stoette_inspiration", instrument_code="trivsel_4_9", name_da="Støtte og inspiration",
             name_en="Support and inspiration", sort_order=2, n_items=2)])
    opts = "Aldrig|Sjældent|Nogle gange|Tit|Meget tit"
    conn.execute(s.survey_item.insert(), [
        dict(id=1, instrument_code="trivsel_4_9", item_no=1, text_da="Er du glad for din skole?",
             text_en="Do you like your school?", indicator_code="social_trivsel", options_da=opts),
        dict(id=2, instrument_code="trivsel_4_9", item_no=2, text_da="Er du glad for din klasse?",
             text_en="Do you like your class?", indicator_code="social_trivsel", options_da=opts),
        dict(id=3, instrument_code="trivsel_4_9", item_no=3, text_da="Hjælper lærerne dig?",
             text_en="Do the teachers help you?", indicator_code="stoette_inspiration", options_da=opts),
        dict(id=4, instrument_code="trivsel_4_9", item_no=4, text_da="Er undervisningen spændende?",
             text_en="Is teaching interesting?", indicator_code="stoette_inspiration", options_da=opts),
        dict(id=5, instrument_code="trivsel_0_3", item_no=1, text_da="Kan du lide at gå i skole?",
             text_en="Do you like going to school?", indicator_code=None, options_da="Nej|Lidt|Ja")])
    rounds, responses, answers = {}, [], []
    for (year, inst, form), rows in RESPONDENTS.items():
        kode = 530 if inst in (ALFA, BETA) else 169
        if (year, kode) not in rounds:
            rounds[(year, kode)] = len(rounds) + 1
        for gender, grade, social, stoette in rows:
            rid = len(responses) + 1
            responses.append(dict(id=rid, round_id=rounds[(year, kode)], school_year=year, institution_id=inst,
                                  record_key=record_key(keys),
                                  klassetrin=grade, gender=gender, provision_form=form))
            for item_id, value in zip((1, 2, 3, 4), social + stoette):
                if value is not None:
                    answers.append(dict(item_id=item_id, response_id=rid, value=value))
    conn.execute(s.survey_round.insert(), [dict(id=i, instrument_code="trivsel_4_9", school_year=y, municipality_kode=k)
                                           for (y, k), i in rounds.items()])
    conn.execute(s.survey_response.insert(), responses)
    conn.execute(s.survey_answer.insert(), answers)
    conn.execute(s.benchmark.insert(), [dict(kind="landstal", measure_code=m, school_year=y, municipality_kode=None,
                                             value=v, source="test") for (m, y), v in LANDSTAL.items()])
    conn.execute(s.import_batch.insert(), [dict(kind="test", file_name="tests/fixture_data.py", sha256="0" * 64, rows=len(answers),
                                               imported_by="pytest", imported_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                                               outcome="ok")])
    derived.refresh_survey(conn)
