"""Hand-made placements for the Overgange tests; every expected figure in the tests is worked out
from the episodes below. Count date: 5 September (the default). School years 2022/23-2025/26.

Institutions (ids >= 10, all in Billund 530, district 1 "Nord"; Alfa 1 / Beta 2 are ordinary schools
in Billund, Gamma 3 ordinary and Delta 4 a special school in Høje-Taastrup 169, from fixture_data):
  10 Specialklassen Nord (specialklasse), 11 Mellemformen Nord (mellemform),
  12 Dagbehandlingen (dagbehandling), 13 Specialskolen Billund (specialskole),
  14 Børnehuset Solsikken (ordinary dagtilbud), 15 Specialbørnehaven (specialdagtilbud).

Named children (klassetrin = school year - birth year - 6):
  1001 dreng b.2014  Alfa -> specialklasse (2023) -> back to Alfa (2024): returns after 1 year
  1002 pige  b.2014  Alfa -> specialskole (2023, 2024) -> leaves the municipality 31.12.2024
  1003 dreng b.2013  Beta, no placement at all in 2023/24 (skips a year), back at Beta 2024
  1004 dreng b.2014  Alfa episode never ended (open) + mellemform from 10.01.2023 (open): overlap,
                     the later start wins -> almen 2022, mellemform 2023-2025
  1005 pige  b.2012  Beta -> dagbehandling 01.11.2022 -> specialskole 01.08.2024 (open-ended)
  1006 dreng b.2014  one episode 01.10.2022-30.06.2023: covers no count date, so never counted
  1007 pige  b.2015  moves in: Beta from 01.08.2024
  1008 dreng b.2014  Gamma (169) until 30.06.2024, then Alfa (530): out of 169, into 530 in 2024
  1009 dreng b.2014  Gamma -> Delta (specialskole, 169) from 01.08.2024
Groups:
  S  1101-1120 b.2015 (1101-1110 dreng, 1111-1120 pige): Alfa from 01.08.2021, open
  B  1201-1206 b.2013 (1201-1203 dreng): Beta from 01.08.2019, open
  E  1301-1305 b.2015 (1301-1303 dreng): Alfa 01.08.2021-30.06.2024, specialklasse from 01.08.2024
  G  1701-1706 b.2014 (1701-1703 dreng): Gamma from 01.08.2020, open
  School start 2025 (b.2019, all in the Solsikken dagtilbud 01.06.2020-31.07.2025 unless said):
  SA 1401-1429 (even offsets dreng: 15 drenge, 14 piger) -> Alfa 0. klasse
  SD 1501-1506 (1501-1504 dreng) -> specialklasse 0. klasse
  SS 1601-1605 (1601-1603 dreng): Solsikken until 31.12.2023, Specialbørnehaven 01.01.2024-31.07.2025,
     -> Specialskolen Billund 0. klasse
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import derived
from data import schema as s
from tests.keys import record_key

ALFA, BETA, GAMMA, DELTA = 1, 2, 3, 4
SPKL, MELLEM, DAGB, SPSK, SOLSIKKEN, SPECIALBH = 10, 11, 12, 13, 14, 15
YEARS = [2022, 2023, 2024, 2025]
LANDSTAL_SEG = {2022: 0.05, 2023: 0.052, 2024: 0.054, 2025: 0.056}


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


INSTITUTIONS = [
    (SPKL, "Specialklassen Nord", "skole", "special", "specialklasse"),
    (MELLEM, "Mellemformen Nord", "skole", "special", "mellemform"),
    (DAGB, "Dagbehandlingen", "skole", "special", "dagbehandling"),
    (SPSK, "Specialskolen Billund", "skole", "special", "specialskole"),
    (SOLSIKKEN, "Børnehuset Solsikken", "dagtilbud", "almen", None),
    (SPECIALBH, "Specialbørnehaven", "dagtilbud", "special", "specialdagtilbud"),
]


def _children_and_placements(keys=None):
    children, placements = [], []

    def child(cid, birth_year, gender, *episodes):
        children.append(dict(id=cid, birth_year=birth_year, gender=gender, record_key=record_key(keys)))
        for inst, form, start, end in episodes:
            placements.append(dict(child_id=cid, institution_id=inst, provision_form=form,
                                   start_date=d(start), end_date=d(end)))

    child(1001, 2014, "dreng", (ALFA, "almen", "2020-08-01", "2023-06-30"),
          (SPKL, "specialklasse", "2023-08-01", "2024-06-30"), (ALFA, "almen", "2024-08-01", None))
    child(1002, 2014, "pige", (ALFA, "almen", "2020-08-01", "2023-06-30"),
          (SPSK, "specialskole", "2023-08-01", "2024-12-31"))
    child(1003, 2013, "dreng", (BETA, "almen", "2019-08-01", "2023-06-30"), (BETA, "almen", "2024-08-01", None))
    child(1004, 2014, "dreng", (ALFA, "almen", "2020-08-01", None), (MELLEM, "mellemform", "2023-01-10", None))
    child(1005, 2012, "pige", (BETA, "almen", "2018-08-01", "2022-10-31"),
          (DAGB, "dagbehandling", "2022-11-01", "2024-07-31"), (SPSK, "specialskole", "2024-08-01", None))
    child(1006, 2014, "dreng", (ALFA, "almen", "2022-10-01", "2023-06-30"))
    child(1007, 2015, "pige", (BETA, "almen", "2024-08-01", None))
    child(1008, 2014, "dreng", (GAMMA, "almen", "2020-08-01", "2024-06-30"), (ALFA, "almen", "2024-08-01", None))
    child(1009, 2014, "dreng", (GAMMA, "almen", "2020-08-01", "2024-06-30"), (DELTA, "specialskole", "2024-08-01", None))
    for i in range(20):
        child(1101 + i, 2015, "dreng" if i < 10 else "pige", (ALFA, "almen", "2021-08-01", None))
    for i in range(6):
        child(1201 + i, 2013, "dreng" if i < 3 else "pige", (BETA, "almen", "2019-08-01", None))
    for i in range(5):
        child(1301 + i, 2015, "dreng" if i < 3 else "pige", (ALFA, "almen", "2021-08-01", "2024-06-30"),
              (SPKL, "specialklasse", "2024-08-01", None))
    for i in range(6):
        child(1701 + i, 2014, "dreng" if i < 3 else "pige", (GAMMA, "almen", "2020-08-01", None))
    dagtilbud = (SOLSIKKEN, "almen", "2020-06-01", "2025-07-31")
    for i in range(29):
        child(1401 + i, 2019, "dreng" if i % 2 == 0 else "pige", dagtilbud, (ALFA, "almen", "2025-08-01", None))
    for i in range(6):
        child(1501 + i, 2019, "dreng" if i < 4 else "pige", dagtilbud, (SPKL, "specialklasse", "2025-08-01", None))
    for i in range(5):
        child(1601 + i, 2019, "dreng" if i < 3 else "pige", (SOLSIKKEN, "almen", "2020-06-01", "2023-12-31"),
              (SPECIALBH, "specialdagtilbud", "2024-01-01", "2025-07-31"), (SPSK, "specialskole", "2025-08-01", None))
    return children, placements


def load(conn: sa.Connection, keys=None) -> None:
    """Load the fixture; record keys 0 (no perturbation: the hand computations hold) unless `keys`,
    a numpy Generator, draws random ones."""
    conn.execute(s.institution.insert(), [
        dict(id=i, institutionsnummer=None, name=name, municipality_kode=530, district_id=1, kind=kind,
             provision=prov, special_form=form) for i, name, kind, prov, form in INSTITUTIONS])
    children, placements = _children_and_placements(keys)
    conn.execute(s.child.insert(), children)
    conn.execute(s.placement.insert(), placements)
    rows = []
    for year, seg in LANDSTAL_SEG.items():
        rows.append(dict(kind="landstal", measure_code="segregeringsgrad", school_year=year, municipality_kode=None,
                         value=seg, source="test"))
        rows.append(dict(kind="landstal", measure_code="inklusionsgrad", school_year=year, municipality_kode=None,
                         value=round(1 - seg, 4), source="test"))
    conn.execute(s.benchmark.insert(), rows)
    derived.refresh_placement_snapshots(conn, YEARS, (9, 5))
    derived.refresh_overgange(conn)
