"""The synthetic demo data look like what a leader would expect, and are deterministic.

Everything is checked on the raw rows with plain SQL/pandas, independently of data.derived.
"""
from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from data import demo, schema as s

SCALE = 0.2


def _engine(path):
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    s.metadata.create_all(engine)
    return engine


def _build(path, seed=demo.DEFAULT_SEED, scale=SCALE):
    engine = _engine(path)
    with engine.begin() as conn:
        counts = demo.generate(conn, seed=seed, scale=scale)
    return engine, counts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("demo") / "a.db")


@pytest.fixture(scope="module")
def engine(built):
    return built[0]


def q(engine, sql, **params) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(sa.text(sql), conn, params=params)


@pytest.fixture(scope="module")
def pupils(engine):
    """Pupils in school (0.-9. klasse by birth year) on 5 September, from the raw placements."""
    frames = []
    for year in range(2016, 2026):
        day = f"{year}-09-05"
        df = q(engine, """
            SELECT p.child_id, p.provision_form, c.gender, c.birth_year, i.municipality_kode
            FROM placement p JOIN child c ON c.id = p.child_id JOIN institution i ON i.id = p.institution_id
            WHERE i.kind = 'skole' AND p.start_date <= :d AND (p.end_date IS NULL OR p.end_date >= :d)""", d=day)
        df["year"] = year
        frames.append(df)
    df = pd.concat(frames)
    df["grade"] = df.year - df.birth_year - 6
    df = df[df.grade.between(0, 9)]
    df["segregated"] = df.provision_form != "almen"
    return df


def test_counts_cover_every_table(built):
    _, counts = built
    # the access and meeting tables (data.schema_access, data.schema_meeting) hold who uses the app, what they
    # looked at and saved: the demo makes up no users and no meetings
    from data import schema_access, schema_meeting
    access = {v.name for m in (schema_access, schema_meeting) for v in vars(m).values() if isinstance(v, sa.Table)}
    assert access == {"app_user", "app_user_institution", "audit_event", "saved_view", "meeting", "meeting_slide"}
    for table in (t for t in s.metadata.sorted_tables if t.name not in access):
        assert counts.get(table.name, 0) > 0, table.name
    assert counts["survey_answer"] > 20 * counts["survey_response"]


def test_indicator_means_at_national_level(engine):
    ans = q(engine, """
        SELECT a.response_id, i.indicator_code, a.value
        FROM survey_answer a JOIN survey_item i ON i.id = a.item_id
        WHERE i.instrument_code = 'trivsel_4_9'""")
    n_items = q(engine, "SELECT code, n_items FROM survey_indicator").set_index("code").n_items
    g = ans.groupby(["response_id", "indicator_code"]).value.agg(["mean", "count"]).reset_index()
    g = g[2 * g["count"] >= g.indicator_code.map(n_items)]
    means = g.groupby("indicator_code")["mean"].mean()
    ranges = {"social_trivsel": (3.85, 4.15), "faglig_trivsel": (3.65, 3.88), "stoette_inspiration": (3.15, 3.45),
              "ro_orden": (3.45, 3.75), "generel_trivsel": (3.55, 3.78)}
    for code, (lo, hi) in ranges.items():
        assert lo <= means[code] <= hi, (code, means[code])
    assert means.idxmin() == "stoette_inspiration"
    assert means.idxmax() == "social_trivsel"
    # the half-answered rule drops some scores; answers are integers 1..5
    assert (g.shape[0] < ans.response_id.nunique() * 5)
    assert set(ans.value.unique()) == {1, 2, 3, 4, 5}


def test_survey_differences_a_leader_would_notice(engine):
    df = q(engine, """
        SELECT r.klassetrin, r.gender, r.provision_form, r.school_year, i.indicator_code, avg(a.value) AS m
        FROM survey_answer a JOIN survey_item i ON i.id = a.item_id JOIN survey_response r ON r.id = a.response_id
        WHERE i.instrument_code = 'trivsel_4_9'
        GROUP BY r.klassetrin, r.gender, r.provision_form, r.school_year, i.indicator_code""")
    full = q(engine, """
        SELECT r.klassetrin, r.gender, r.provision_form <> 'almen' AS special, i.indicator_code,
               avg(a.value) AS m
        FROM survey_answer a JOIN survey_item i ON i.id = a.item_id JOIN survey_response r ON r.id = a.response_id
        WHERE i.instrument_code = 'trivsel_4_9'
        GROUP BY r.klassetrin, r.gender, r.provision_form <> 'almen', i.indicator_code""")
    assert not df.empty
    soc = full[full.indicator_code == "social_trivsel"]
    assert soc[soc.special == 1].m.mean() < soc[soc.special == 0].m.mean() - 0.1
    gen = full[(full.indicator_code == "generel_trivsel") & (full.special == 0)]
    assert gen[gen.gender == "pige"].m.mean() < gen[gen.gender == "dreng"].m.mean()
    young = full[(full.klassetrin == 4) & (full.special == 0)].m.mean()
    old = full[(full.klassetrin == 9) & (full.special == 0)].m.mean()
    assert old < young


def test_young_pupils_answer_three_options_mostly_best(engine):
    df = q(engine, """
        SELECT a.value, count(*) AS n FROM survey_answer a JOIN survey_item i ON i.id = a.item_id
        WHERE i.instrument_code = 'trivsel_0_3' GROUP BY a.value""").set_index("value").n
    assert set(df.index) == {1, 2, 3}
    assert df[3] / df.sum() > 0.55


def test_segregation_rises_and_boys_more_often(pupils):
    share = pupils.groupby("year").segregated.mean()
    assert share[2016] < share[2025]
    assert 0.03 <= share[2016] <= 0.045, share[2016]
    assert 0.045 <= share[2025] <= 0.06, share[2025]
    by_gender = pupils.groupby("gender").segregated.mean()
    assert by_gender["dreng"] >= 1.6 * by_gender["pige"], by_gender
    by_grade = pupils.groupby("grade").segregated.mean()
    assert by_grade[[0, 1]].mean() < 0.5 * by_grade[[6, 7, 8, 9]].mean()
    by_mun = pupils.groupby("municipality_kode").segregated.mean()
    assert by_mun[169] > by_mun[530]


def test_every_special_form_exists(engine):
    inst = q(engine, "SELECT DISTINCT special_form FROM institution WHERE provision = 'special'")
    assert set(inst.special_form) == set(s.SPECIAL_FORMS)
    placed = q(engine, "SELECT DISTINCT provision_form FROM placement")
    assert set(placed.provision_form) == set(s.PROVISION_FORMS)
    answered = q(engine, "SELECT DISTINCT provision_form FROM survey_response")
    assert {"almen", "specialklasse", "specialskole"} <= set(answered.provision_form)


def test_every_institution_has_a_district_and_schools_a_number(engine):
    df = q(engine, "SELECT kind, provision, special_form, district_id, institutionsnummer FROM institution")
    assert df.district_id.notna().all()
    schools = df[(df.kind == "skole") & (df.provision == "almen")]
    assert schools.institutionsnummer.str.fullmatch(r"\d{6}").all()
    per_mun = q(engine, """SELECT municipality_kode, count(*) AS n FROM institution
                           WHERE kind = 'skole' AND provision = 'almen' GROUP BY municipality_kode""")
    assert per_mun.n.between(10, 20).all()


def test_small_survey_groups_exist(engine):
    df = q(engine, """
        SELECT r.institution_id, r.klassetrin, r.gender, r.school_year, count(*) AS n, i.provision
        FROM survey_response r JOIN institution i ON i.id = r.institution_id
        GROUP BY r.institution_id, r.klassetrin, r.gender, r.school_year, i.provision""")
    assert (df.n < 5).any()
    assert ((df.n < 5) & (df.provision == "almen")).any()
    assert (df.n >= 5).any()


def test_placements_are_consistent_episodes(engine, pupils):
    assert not pupils.duplicated(["year", "child_id"]).any()
    df = q(engine, "SELECT start_date, end_date FROM placement")
    ended = df.end_date.notna()
    assert (df.end_date[ended] >= df.start_date[ended]).all()
    assert (~ended).any() and ended.any()
    mid_year = q(engine, """SELECT count(*) AS n FROM placement
                            WHERE substr(start_date, 6, 5) NOT IN ('08-01')""").n[0]
    assert mid_year > 0


def test_interventions_show_attrition_and_a_tiny_one(engine):
    per = q(engine, """SELECT p.intervention_id, count(DISTINCT p.child_id) AS n FROM participation p
                       GROUP BY p.intervention_id""")
    assert (per.n == 4).any()
    tp = q(engine, "SELECT timepoint, count(*) AS n FROM measurement GROUP BY timepoint").set_index("timepoint").n
    assert tp["foer"] > tp["efter"] > tp["opfoelgning"] > 0
    goals = q(engine, "SELECT gas_score, outcome FROM goal")
    assert goals.gas_score.dropna().between(-2, 2).all()
    assert goals.outcome.notna().any()


def test_no_personal_identifiers(engine):
    insp = sa.inspect(engine)
    for table in insp.get_table_names():
        for col in insp.get_columns(table):
            assert "cpr" not in col["name"].lower(), (table, col["name"])
    child_cols = {c["name"] for c in insp.get_columns("child")}
    assert not any("name" in c for c in child_cols)
    assert not any("child" in c["name"] for c in insp.get_columns("survey_response"))


def test_benchmarks_targets_and_batch(engine):
    b = q(engine, "SELECT measure_code, source FROM benchmark WHERE kind = 'landstal'")
    assert {"social_trivsel", "segregeringsgrad", "inklusionsgrad"} <= set(b.measure_code)
    assert b.source.str.contains("Syntetisk").all()
    batch = q(engine, "SELECT kind, outcome, rows FROM import_batch")
    assert list(batch.kind) == ["demo"] and batch.rows[0] > 0
    t = q(engine, "SELECT municipality_kode, count(*) AS n FROM target GROUP BY municipality_kode")
    assert len(t) == 5


def test_same_seed_same_data_and_refuses_non_empty(built, tmp_path):
    engine, counts = built
    other, counts2 = _build(tmp_path / "b.db")
    assert counts == counts2
    total = "SELECT sum(value) AS v FROM survey_answer"
    assert q(engine, total).v[0] == q(other, total).v[0]
    dates = "SELECT count(*) AS n, max(end_date) AS e, sum(child_id) AS c FROM placement"
    assert q(engine, dates).equals(q(other, dates))
    with other.begin() as conn, pytest.raises(RuntimeError):
        demo.generate(conn, scale=SCALE)
