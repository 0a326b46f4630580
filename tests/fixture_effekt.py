"""Hand-made interventions for the Effekt tests; every expected figure in tests/queries/test_effekt.py
is worked out from the rows below. Children 9001-9045, interventions 100-104, participations from 100.

Instruments (inserted only when the table is empty): sdq_total (lower is better, cut-off 17,
reliability 0.80, reference SD 5.8 -> reliable change from 1.96·√2·5.8·√0.2 = 7.189754 points),
ors (higher is better, cut-off 25, reliability 0.85, SD 7.0 -> 7.514753 points), gas.

Interventions:
  100 LØFT Nord (LØFT, Billund 530, no institution: scoped by the child's school), sdq_total.
      All start 15.09.2020 (school year 2020), children born 2009 -> 5. klasse in 2020.
      child  gender  school  before -> after     goals (GAS, weight)
      9001   dreng   Alfa    20 -> 12            2, 1, 1            T = 68.257419
      9002   dreng   Alfa    18 -> 15            0, 0, 0            T = 50
      9003   dreng   Alfa    16 -> 14            1                  T = 60
      9004   dreng   Alfa    14 -> 16            −2, −2             T = 25.193053
      9005   pige    Alfa    22 -> 18            1 (w 2), −1 (w 1)  T = 54.016097
      9006   pige    Alfa    19 -> (ended, none) one unscored goal   -> attrition
      9007   pige    Beta    15 -> (running)     no goals           -> still running
  101 Pilot (mellemform, Høje-Taastrup 169, run by Gamma), sdq_total: 4 children 9031-9034,
      20 -> 15, 20 -> 16, 18 -> 15, 18 -> 16, start 01.10.2020: always under the threshold.
  102 PPR-sparring HT (PPR-sparring, 169, run by Gamma), ors: 9041-9045 start 01.10.2020,
      before -> after 20->28, 22->23, 30->29, 24->31, 18->26; goals (outcome):
      9041 opnaaet, opnaaet; 9042 delvist; 9043 ikke; 9044 opnaaet; 9045 delvist.
  103 LØFT over tid (LØFT, 530, run by Alfa), sdq_total: before 20, 21, 20, 21, ... (alternating);
      9021-9025 start 01.10.2021 (school year 2021), improvement (before − after) 1, 2, 3, 4, 5;
      9026-9030 start 01.10.2022 (school year 2022), improvement 5, 6, 7, 8, 9.
Children of 101-103 have no placement snapshot (their intervention's institution scopes them).
Snapshots are only written for school year 2020, which the Overgange fixture does not use.

`load_attrition` adds one more intervention, for the completers-against-dropouts comparison; it is
not part of the shared fixture (tests load it in a transaction they roll back, or in a database of
their own), so every other figure here stays as written:
  104 Familiesamtaler (Familiesamtaler, Høje-Taastrup 169, run by Gamma), ors (higher is better,
      cut-off 25), start 01.10.2020, end 01.04.2021, children 9051-9062 (girls), participations from 200:
      completed (before -> after): 9051 26->30, 9052 28->31, 9053 30->32, 9054 22->27, 9055 27->29,
                                   9056 20->26, 9057 25->28
      dropped out (ended, before only): 9058 14, 9059 16, 9060 20, 9061 12, 9062 18
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import derived, schema as s
from tests.keys import record_key

ALFA, BETA, GAMMA = 1, 2, 3
LOEFT, PILOT, PPR, OVER_TID, FAMILIE = 100, 101, 102, 103, 104

INSTRUMENTS = [
    dict(code="sdq_total", name="SDQ samlede vanskeligheder", min_score=0.0, max_score=40.0, higher_is_better=False,
         cutoff=17.0, cutoff_note="forælder 17", reliability=0.80, reference_sd=5.8),
    dict(code="ors", name="ORS", min_score=0.0, max_score=40.0, higher_is_better=True, cutoff=25.0,
         cutoff_note="voksne 25", reliability=0.85, reference_sd=7.0),
    dict(code="sos_skala", name="Signs of Safety skalering", min_score=0.0, max_score=10.0, higher_is_better=True,
         cutoff=None, cutoff_note=None, reliability=0.7, reference_sd=2.0),
    dict(code="gas", name="GAS T-score", min_score=20.0, max_score=80.0, higher_is_better=True, cutoff=50.0,
         cutoff_note="T = 50", reliability=None, reference_sd=10.0),
]


def d(text):
    return dt.date.fromisoformat(text) if text else None


def load(conn: sa.Connection, keys=None) -> None:
    """Load the fixture; record keys 0 (no perturbation: the hand computations hold) unless `keys`,
    a numpy Generator, draws random ones."""
    if conn.execute(sa.select(sa.func.count()).select_from(s.instrument)).scalar() == 0:
        conn.execute(s.instrument.insert(), INSTRUMENTS)
    conn.execute(s.intervention.insert(), [
        dict(id=LOEFT, name="LØFT Nord", method="LØFT", municipality_kode=530, institution_id=None, instrument_code="sdq_total"),
        dict(id=PILOT, name="Pilot", method="mellemform", municipality_kode=169, institution_id=GAMMA, instrument_code="sdq_total"),
        dict(id=PPR, name="PPR-sparring HT", method="PPR-sparring", municipality_kode=169, institution_id=GAMMA, instrument_code="ors"),
        dict(id=OVER_TID, name="LØFT over tid", method="LØFT", municipality_kode=530, institution_id=ALFA, instrument_code="sdq_total"),
    ])
    children, snaps, parts, meas, goals = [], [], [], [], []

    def forloeb(child, gender, iv, start, end, pre, post, goal_rows=(), school=None, birth=2009):
        pid = 100 + len(parts)
        children.append(dict(id=child, birth_year=birth, gender=gender, record_key=record_key(keys)))
        if school is not None:
            snaps.append(dict(school_year=2020, child_id=child, institution_id=school, provision_form="almen",
                              klassetrin=2020 - birth - 6, gender=gender))
        parts.append(dict(id=pid, intervention_id=iv, child_id=child, start_date=d(start), end_date=d(end),
                          record_key=record_key(keys)))
        code = "ors" if iv == PPR else "sdq_total"
        for tp, score, day in (("foer", pre, start), ("efter", post, end)):
            if score is not None:
                meas.append(dict(participation_id=pid, instrument_code=code, timepoint=tp, informant="forælder",
                                 measured_on=d(day), score=float(score)))
        for gas, weight, outcome in goal_rows:
            goals.append(dict(participation_id=pid, description="Mål", weight=weight, gas_score=gas, outcome=outcome))

    a, e = "2020-09-15", "2021-03-15"
    forloeb(9001, "dreng", LOEFT, a, e, 20, 12, [(2, 1.0, None), (1, 1.0, None), (1, 1.0, None)], ALFA)
    forloeb(9002, "dreng", LOEFT, a, e, 18, 15, [(0, 1.0, None)] * 3, ALFA)
    forloeb(9003, "dreng", LOEFT, a, e, 16, 14, [(1, 1.0, None)], ALFA)
    forloeb(9004, "dreng", LOEFT, a, e, 14, 16, [(-2, 1.0, None)] * 2, ALFA)
    forloeb(9005, "pige", LOEFT, a, e, 22, 18, [(1, 2.0, None), (-1, 1.0, None)], ALFA)
    forloeb(9006, "pige", LOEFT, a, e, 19, None, [(None, 1.0, None)], ALFA)
    forloeb(9007, "pige", LOEFT, a, None, 15, None, [], BETA)
    for child, (pre, post) in zip(range(9031, 9035), ((20, 15), (20, 16), (18, 15), (18, 16))):
        forloeb(child, "dreng", PILOT, "2020-10-01", "2021-04-01", pre, post)
    outcomes = (["opnaaet", "opnaaet"], ["delvist"], ["ikke"], ["opnaaet"], ["delvist"])
    for child, (pre, post), oc in zip(range(9041, 9046), ((20, 28), (22, 23), (30, 29), (24, 31), (18, 26)), outcomes):
        forloeb(child, "pige", PPR, "2020-10-01", "2021-04-01", pre, post, [(None, 1.0, o) for o in oc])
    for i, child in enumerate(range(9021, 9031)):
        start, end = ("2021-10-01", "2022-04-01") if i < 5 else ("2022-10-01", "2023-04-01")
        pre = 20 + i % 2
        forloeb(child, "dreng", OVER_TID, start, end, pre, pre - (i + 1 if i < 5 else i))
    conn.execute(s.child.insert(), children)
    conn.execute(s.placement_snapshot.insert(), snaps)
    conn.execute(s.participation.insert(), parts)
    conn.execute(s.measurement.insert(), meas)
    conn.execute(s.goal.insert(), goals)
    derived.refresh_effekt(conn)


ATTRITION_COMPLETED = ((9051, 26, 30), (9052, 28, 31), (9053, 30, 32), (9054, 22, 27), (9055, 27, 29),
                       (9056, 20, 26), (9057, 25, 28))
ATTRITION_DROPPED = ((9058, 14), (9059, 16), (9060, 20), (9061, 12), (9062, 18))


def load_attrition(conn: sa.Connection, keys=None) -> None:
    """Add intervention 104 (see the module's docstring) to a database holding the fixture, and
    refresh forloeb_summary."""
    conn.execute(s.intervention.insert(), [dict(id=FAMILIE, name="Familiesamtaler", method="Familiesamtaler",
                                                municipality_kode=169, institution_id=GAMMA, instrument_code="ors")])
    start, end = d("2020-10-01"), d("2021-04-01")
    rows = [(child, pre, post) for child, pre, post in ATTRITION_COMPLETED] + [(c, pre, None) for c, pre in ATTRITION_DROPPED]
    conn.execute(s.child.insert(), [dict(id=c, birth_year=2009, gender="pige", record_key=record_key(keys))
                                    for c, _, _ in rows])
    conn.execute(s.participation.insert(), [
        dict(id=200 + i, intervention_id=FAMILIE, child_id=c, start_date=start, end_date=end, record_key=record_key(keys))
        for i, (c, _, _) in enumerate(rows)])
    conn.execute(s.measurement.insert(), [
        dict(participation_id=200 + i, instrument_code="ors", timepoint=tp, informant="forælder", measured_on=day,
             score=float(score))
        for i, (_, pre, post) in enumerate(rows) for tp, score, day in (("foer", pre, start), ("efter", post, end))
        if score is not None])
    derived.refresh_effekt(conn)
