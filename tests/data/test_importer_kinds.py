"""A valid file of each kind round-trips (import -> query -> the figures worked out by hand), on SQLite
and PostgreSQL. The tests run in order on one fresh database per database kind: each file builds on
the ones before (institutions, children, placements, ...), as a municipality would load them.

The hand-made municipality: Billund (530), two schools (280101 Nordskolen, almen; 280102 Åskolen,
specialskole) and three children:
- child 1 (born 2014, dreng): Nordskolen, almen, from 01.08.2020, still there;
- child 2 (born 2014, pige): Nordskolen, almen, 01.08.2020-30.06.2023, then Åskolen, specialskole,
  from 01.08.2023;
- child 3 (born 2015, pige): Nordskolen, almen, from 01.10.2023 (after the count date 5.9.2023).
The newest date is 01.10.2023, so the snapshot years are 2020/21-2023/24 (count dates 5.9.2020-2023).
"""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from data import schema as s
from data.db import migrate
from data.importer import load
from tests.conftest import fresh_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as eng:
        migrate(eng)
        yield eng


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(sa.text(sql))]


def csv(text: str) -> bytes:
    return text.strip().replace("\n", "\r\n").encode("utf-8")


def test_institutions_create_municipality_district_and_schools(engine):
    plan = load(engine, "institutioner", "inst.csv", csv("""
institutionsnummer;navn;kommunekode;kommune;distrikt;type;tilbud;specialform
280101;Nordskolen;530;Billund;Nord;skole;almen;
280102;Åskolen;530;;Nord;skole;special;specialskole
"""), actor="test")
    assert (plan.rows, plan.added, plan.changed, plan.unchanged) == (2, 2, 0, 0)
    assert rows(engine, "SELECT kode, name FROM municipality") == [(530, "Billund")]
    assert rows(engine, "SELECT municipality_kode, name FROM district") == [(530, "Nord")]
    assert rows(engine, "SELECT institutionsnummer, name, kind, provision, special_form FROM institution "
                        "ORDER BY institutionsnummer") == [("280101", "Nordskolen", "skole", "almen", None),
                                                          ("280102", "Åskolen", "skole", "special", "specialskole")]


def test_children_get_a_record_key_once(engine):
    content = csv("barn_id;foedselsaar;koen\n1;2014;dreng\n2;2014;pige\n3;2015;pige")
    load(engine, "boern", "boern.csv", content, actor="test")
    keys = rows(engine, "SELECT id, birth_year, gender, record_key FROM child ORDER BY id")
    assert [r[:3] for r in keys] == [(1, 2014, "dreng"), (2, 2014, "pige"), (3, 2015, "pige")]
    assert all(0 <= r[3] < 2 ** 31 for r in keys)
    # the same children in another file (another checksum): nothing changes, the keys stay
    plan = load(engine, "boern", "boern2.csv", content + b"\r\n", actor="test")
    assert (plan.added, plan.changed, plan.unchanged) == (0, 0, 3)
    assert rows(engine, "SELECT id, birth_year, gender, record_key FROM child ORDER BY id") == keys


def test_placements_give_snapshots_and_a_transition(engine):
    plan = load(engine, "placeringer", "pl.csv", csv("""
barn_id;institutionsnummer;tilbudsform;startdato;slutdato
1;280101;almen;01-08-2020;
2;280101;almen;01-08-2020;30-06-2023
2;280102;specialskole;2023-08-01;
3;280101;almen;01.10.2023;
"""), actor="test")
    assert plan.added == 4
    # years 2020-2023; children 1 and 2 in each (child 3 starts after the 2023 count date): 8 rows
    assert rows(engine, "SELECT school_year, count(*) FROM placement_snapshot GROUP BY school_year "
                        "ORDER BY school_year") == [(2020, 2), (2021, 2), (2022, 2), (2023, 2)]
    assert rows(engine, "SELECT provision_form FROM placement_snapshot WHERE child_id = 2 AND school_year = 2023") \
        == [("specialskole",)]
    # child 2 moved from an ordinary class to special provision in 2023/24, in 3. klasse (2023-2014-6)
    assert rows(engine, "SELECT from_form, to_form, klassetrin, n FROM transition_summary "
                        "WHERE school_year = 2023 AND from_form <> to_form") == [("almen", "specialskole", 3, 1)]


SURVEY_HEAD = "besvarelse;institutionsnummer;skoleaar;klassetrin;koen;" + ";".join(f"spm_{i}" for i in range(1, 41))


def survey_file(second: int) -> bytes:
    # respondent 3 answers only the odd items: 5 of social trivsel's 9 (items 1-9) is at least half
    odd = ";".join("5" if i % 2 else "" for i in range(1, 41))
    return csv(f"{SURVEY_HEAD}\n1;280101;2024/25;5;dreng;{';'.join(['4'] * 40)}\n"
               f"2;280101;2024/2025;5;dreng;{';'.join([str(second)] * 40)}\n3;280101;2024/25;5;pige;{odd}")


def test_survey_round_and_its_summary(engine):
    plan = load(engine, "trivsel", "trivsel.csv", survey_file(2), actor="test")
    assert (plan.rows, plan.added) == (3, 3)
    summary = "SELECT gender, n, sum_x, sum_x2 FROM survey_summary WHERE indicator_code = 'social_trivsel' " \
              "AND school_year = 2024 ORDER BY gender"
    # boys: scores 4 and 2 -> n 2, Σx 6, Σx² 20; the girl: 5 (her 5 answered items) -> 1, 5, 25
    assert rows(engine, summary) == [("dreng", 2, 6.0, 20.0), ("pige", 1, 5.0, 25.0)]
    assert rows(engine, "SELECT count(*) FROM survey_answer") == [(40 + 40 + 20,)]
    # the answers to question 1 per gender and value, in the same transaction (queries.trivsel.item_distribution)
    first = "SELECT gender, value, n FROM survey_item_summary WHERE item_id = (SELECT id FROM survey_item " \
            "WHERE instrument_code = 'trivsel_4_9' AND item_no = 1) AND school_year = 2024 ORDER BY gender, value"
    assert rows(engine, first) == [("dreng", 2, 1), ("dreng", 4, 1), ("pige", 5, 1)]
    again = load(engine, "trivsel", "trivsel-kopi.csv", survey_file(2), actor="test")
    assert (again.added, again.changed, again.unchanged, again.already_imported) == (0, 0, 3, True)
    # respondent 2 now answers 3 everywhere: the round is replaced, boys' Σx 4 + 3 = 7, Σx² 16 + 9 = 25
    changed = load(engine, "trivsel", "trivsel-rettet.csv", survey_file(3), actor="test")
    assert (changed.added, changed.changed) == (0, 3)
    assert rows(engine, summary) == [("dreng", 2, 7.0, 25.0), ("pige", 1, 5.0, 25.0)]
    assert rows(engine, first) == [("dreng", 3, 1), ("dreng", 4, 1), ("pige", 5, 1)]
    assert rows(engine, "SELECT count(*) FROM survey_response") == [(3,)]
    assert rows(engine, "SELECT count(*) FROM survey_round") == [(1,)]


def test_benchmarks_in_the_ministry_cube_and_long_layout(engine):
    cube = csv('Indikator;Skoleår;Kommune;Kommunetal;Landstal\nSocial trivsel;2024/2025;Billund;"3,9";"4,05"\n'
               'Faglig trivsel;2024/2025;Billund;"3,7";"3,76"')
    assert load(engine, "landstal", "kube.csv", cube, actor="test").added == 4
    long = csv("type;maal;skoleaar;kommunekode;vaerdi\nlandstal;inklusionsgrad;2024/25;;87,5 %\n"
               "kommunetal;elever;2024/25;530;2.351")
    assert load(engine, "landstal", "lang.csv", long, actor="test").added == 2
    assert rows(engine, "SELECT kind, measure_code, school_year, municipality_kode, value FROM benchmark "
                        "ORDER BY measure_code, kind") == [
        ("kommunetal", "elever", 2024, 530, 2351.0),
        ("kommunetal", "faglig_trivsel", 2024, 530, 3.7), ("landstal", "faglig_trivsel", 2024, None, 3.76),
        ("landstal", "inklusionsgrad", 2024, None, 0.875),
        ("kommunetal", "social_trivsel", 2024, 530, 3.9), ("landstal", "social_trivsel", 2024, None, 4.05)]


def test_interventions_participations_measurements_and_goals_give_a_forloeb(engine):
    load(engine, "indsatser", "ind.csv", csv("kommunekode;navn;metode;institutionsnummer;effektmaal\n"
                                            "530;LØFT Nord;LØFT;280101;sdq_total"), actor="test")
    load(engine, "deltagelser", "del.csv", csv("kommunekode;indsats;barn_id;startdato;slutdato\n"
                                              "530;LØFT Nord;1;01-09-2022;15-03-2023"), actor="test")
    load(engine, "maalinger", "maal.csv", csv("""
kommunekode;indsats;barn_id;startdato;instrument;tidspunkt;informant;dato;score
530;LØFT Nord;1;01-09-2022;sdq_total;foer;forælder;05-09-2022;18
530;LØFT Nord;1;01-09-2022;sdq_total;efter;forælder;10-03-2023;"12,5"
"""), actor="test")
    load(engine, "maal", "gas.csv", csv("""
kommunekode;indsats;barn_id;startdato;beskrivelse;vaegt;gas;udfald
530;LØFT Nord;1;01-09-2022;Deltager i frikvarteret;1;0;
530;LØFT Nord;1;01-09-2022;Møder til tiden;2;-1;
"""), actor="test")
    # pre 18, post 12,5; GAS: weights 1 and 2, scores 0 and -1 -> Σw 3, Σw² 5, Σw·x -2
    assert rows(engine, "SELECT start_year, klassetrin, gender, ended, n_pre, n_post, pre, post, n_goals, n_gas, "
                        "sw, sw2, swx FROM forloeb_summary") == [
        (2022, 2, "dreng", True, 1, 1, 18.0, 12.5, 2, 2, 3.0, 5.0, -2.0)]


def test_targets_keep_their_history(engine):
    head = "kommunekode;omraade;noegletal;titel;skoleaar;maal;retning\n"
    load(engine, "pejlemaerker", "pm.csv", csv(head + "530;skole;inklusionsgrad;Flere i almen;2023/24;96 %;højere"),
         actor="anna")
    plan = load(engine, "pejlemaerker", "pm2.csv",
                csv(head + "530;skole;inklusionsgrad;Flere i almen;2023/24;97 %;højere"), actor="bo")
    assert (plan.added, plan.changed) == (0, 1)
    t = rows(engine, "SELECT id, target_value, retired_by, replaces_id, created_by FROM target ORDER BY id")
    assert [r[1:] for r in t] == [(0.96, "bo", None, "anna"), (0.97, None, t[0][0], "bo")]


def test_history_lists_every_load(engine):
    from data.importer import history
    with engine.connect() as c:
        h = history(c)
    assert list(h.columns) == ["id", "slags", "fil", "sha256", "rækker", "af", "tidspunkt", "udfald", "besked"]
    assert h.iloc[0]["fil"] == "pm2.csv" and set(h["udfald"]) == {"ok", "uændret"}
    assert isinstance(h.iloc[0]["tidspunkt"], (dt.datetime, str))
    assert rows(engine, "SELECT count(*) FROM import_batch WHERE kind = 'trivsel'") == [(3,)]
    assert rows(engine, f"SELECT count(*) FROM {s.import_batch.name} WHERE outcome = 'afvist'") == [(0,)]
