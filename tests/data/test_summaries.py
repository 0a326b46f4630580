"""The summaries the pages read equal the raw rows (issue #17), on SQLite and PostgreSQL, with non-zero record keys.

Each summary is recomputed here from the raw rows with pandas (code independent of data.derived) and compared
exactly: counts and key sums as integers; sums of scores to 1e-12 relative, the only difference being the order
in which a database and pandas add doubles. The page queries that moved to a summary are compared with the raw-row
computation they replaced (kept here as the reference), figure for figure, for a grid of filters and scopes.
"""
from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data import derived, schema as s
from data.db import migrate
from queries import grouped, kpis, overgange, targets, trivsel
from queries.columns import fetch
from queries.filters import Filters, Scope, Source, _years, where
from tests.conftest import fresh_database, load_fixtures
from tests.fixture_data import ALFA, BETA, DELTA, GAMMA

CELL = ["school_year", "institution_id", "klassetrin", "gender", "provision_form"]
ORGS = [dict(), dict(kommune=530), dict(kommune=169), dict(institution=ALFA), dict(institution=DELTA),
        dict(distrikt=1)]
REFINE = [dict(), dict(gender="pige"), dict(grades=(5, 6)), dict(tilbudsform="special"), dict(years=(2023, 2024)),
          dict(years=(2025, 2025), gender="dreng", tilbudsform="almen")]
FILTERS = [Filters(**a, **b) for a, b in itertools.product(ORGS, REFINE)]
SCOPES = [Scope(), Scope(label="Beta", institution_ids=frozenset({BETA})),
          Scope(label="Billund", municipality_kode=530),
          Scope(label="Leder", role="leder", institution_ids=frozenset({ALFA, GAMMA}), own=frozenset({ALFA}))]


def _small_grades(conn, keys) -> None:
    """A 0.-3. klasse round in 2023 at Alfa, one answer a "ved ikke" coded 9 (outside the 1-3 scale)."""
    conn.execute(s.survey_round.insert().values(id=100, instrument_code="trivsel_0_3", school_year=2023,
                                                municipality_kode=530))
    values = [1, 2, 3, 3, 3, 9, 2, 3, 1, 3]
    conn.execute(s.survey_response.insert(), [
        dict(id=1000 + i, round_id=100, school_year=2023, institution_id=ALFA, klassetrin=2 + i % 2,
             gender=("dreng", "pige")[i % 2], provision_form="almen", record_key=int(keys.integers(0, 2 ** 31)))
        for i in range(len(values))])
    conn.execute(s.survey_answer.insert(), [dict(item_id=5, response_id=1000 + i, value=v) for i, v in enumerate(values)])
    derived.refresh_survey(conn)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def conn(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as eng:
        migrate(eng)
        with eng.begin() as c:
            load_fixtures(c, keys=np.random.default_rng(17))
            _small_grades(c, np.random.default_rng(18))
        with eng.connect() as c:
            yield c


def table(conn, t: sa.Table) -> pd.DataFrame:
    return pd.DataFrame(conn.execute(sa.select(t)).all(), columns=[c.name for c in t.c])


def answers(conn) -> pd.DataFrame:
    """Every answer with its respondent's cell and record key, and the instrument's number of options."""
    a = table(conn, s.survey_answer).merge(table(conn, s.survey_response), left_on="response_id", right_on="id")
    items = table(conn, s.survey_item).merge(table(conn, s.survey_instrument), left_on="instrument_code", right_on="code")
    return a.merge(items[["id", "indicator_code", "n_options"]].rename(columns={"id": "item_id"}), on="item_id")


def same(summary: pd.DataFrame, raw: pd.DataFrame, keys: list[str], exact: list[str], close: list[str] = ()) -> None:
    """The summary's rows are the raw rows' groups: counts and key sums exactly, sums of doubles to 1e-12."""
    a, b = (d.sort_values(keys, ignore_index=True) for d in (summary, raw))
    assert len(a) == len(b) > 0
    for k in keys:
        assert a[k].tolist() == b[k].tolist(), k
    for c in exact:
        assert [int(v) for v in a[c]] == [int(v) for v in b[c]], c
    for c in close:
        np.testing.assert_allclose(a[c].astype(float), b[c].astype(float), rtol=1e-12, err_msg=c)


# --- the summary tables against the raw rows ------------------------------------------------------
def test_record_keys_are_not_zero(conn):
    keys = table(conn, s.survey_response)["record_key"]
    assert (keys > 0).all() and keys.nunique() == len(keys)


def test_item_summary_is_the_answers_counted(conn):
    a = answers(conn)
    raw = (a.groupby([*CELL, "item_id", "value"], as_index=False)
           .agg(n=("record_key", "size"), key_sum=("record_key", lambda k: sum(int(v) for v in k))))
    same(table(conn, s.survey_item_summary), raw, [*CELL, "item_id", "value"], ["n", "key_sum"])
    assert 9 in set(table(conn, s.survey_item_summary)["value"])  # off the scale: kept, left out by the query


def test_survey_summary_is_the_scores_of_the_answers(conn):
    a = answers(conn)
    a = a[a["indicator_code"].notna() & a["value"].between(1, a["n_options"])]
    mapped = table(conn, s.survey_item).groupby("indicator_code").size().rename("n_items")
    scores = (a.groupby([*CELL, "record_key", "response_id", "indicator_code"], as_index=False)
              .agg(score=("value", "mean"), answered=("value", "size")).join(mapped, on="indicator_code"))
    scores = scores[2 * scores["answered"] >= scores["n_items"]]
    band = np.digitize(scores["score"], derived.BAND_EDGES) + 1  # 2,05 and up is band 2, and so on
    scores = scores.assign(score2=scores["score"] ** 2, key=scores["record_key"].astype(object),
                           **{f"band{b}": (band == b).astype(int) for b in range(1, 5)},
                           **{f"band{b}_key": np.where(band == b, scores["record_key"], 0).astype(object)
                              for b in range(1, 5)})
    raw = scores.groupby([*CELL, "indicator_code"], as_index=False).agg(
        n=("score", "size"), sum_x=("score", "sum"), sum_x2=("score2", "sum"), key_sum=("key", "sum"),
        **{c: (c, "sum") for b in range(1, 5) for c in (f"band{b}", f"band{b}_key")})
    bands = [c for b in range(1, 5) for c in (f"band{b}", f"band{b}_key")]
    same(table(conn, s.survey_summary), raw, [*CELL, "indicator_code"], ["n", "key_sum", *bands], ["sum_x", "sum_x2"])


def _date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def test_forloeb_summary_is_the_forloeb_of_the_rows(conn):
    """One row per forløb (the Effekt page's only table): population keys from the intervention, the child
    and the child's snapshot in the start school year; before/after means of the intervention's instrument;
    goals on both scales."""
    p = table(conn, s.participation).rename(columns={"id": "participation_id", "record_key": "forloeb_key"})
    p["start_year"] = [_date(d).year - (_date(d).month < 8) for d in p["start_date"]]
    p["ended"] = p["end_date"].notna()
    iv = table(conn, s.intervention)[["id", "institution_id", "instrument_code"]].rename(
        columns={"id": "intervention_id", "institution_id": "runs"})
    kids = table(conn, s.child)[["id", "gender", "record_key"]].rename(columns={"id": "child_id", "record_key": "child_key"})
    snap = table(conn, s.placement_snapshot).drop(columns="gender").rename(columns={"school_year": "start_year"})
    f = p.merge(iv, on="intervention_id").merge(kids, on="child_id").merge(snap, on=["child_id", "start_year"], how="left")
    f["institution_id"] = f["runs"].fillna(f["institution_id"])
    m = table(conn, s.measurement).merge(f[["participation_id", "instrument_code"]], on=["participation_id", "instrument_code"])
    for tp, name in (("foer", "pre"), ("efter", "post")):
        per = m[m["timepoint"] == tp].groupby("participation_id")["score"].agg(["size", "mean"])
        f = f.join(per.rename(columns={"size": f"n_{name}", "mean": name}), on="participation_id")
    g = table(conn, s.goal)
    gs, oc, w = g["gas_score"], g["outcome"], g["weight"].astype(float)
    rated = gs.notna()
    levels = {"n_gas_plus2": gs == 2, "n_gas_plus1": gs == 1, "n_gas_0": gs == 0, "n_gas_minus1": gs == -1,
              "n_gas_minus2": gs == -2}  # two scales, never merged: a GAS level, or the outcome of an unscored goal
    g = g.assign(n_goals=1, **levels, n_opnaaet=~rated & (oc == "opnaaet"), n_delvist=~rated & (oc == "delvist"),
                 n_ikke=~rated & (oc == "ikke"), n_gas=rated, sw=np.where(rated, w, 0.0),
                 sw2=np.where(rated, w * w, 0.0), swx=np.where(rated, w * gs.fillna(0), 0.0))
    goal_cols = ["n_goals", *levels, "n_opnaaet", "n_delvist", "n_ikke", "n_gas", "sw", "sw2", "swx"]
    f = f.join(g.groupby("participation_id")[goal_cols].sum(), on="participation_id")
    f["gas"] = f["intervention_id"].isin(f.loc[f["n_gas"] > 0, "intervention_id"])
    counts = ["n_pre", "n_post", *goal_cols[:-3]]
    f[counts + goal_cols[-3:]] = f[counts + goal_cols[-3:]].fillna(0)
    got = table(conn, s.forloeb_summary)
    assert got["gas"].astype(bool).tolist() == f.sort_values("participation_id")["gas"].tolist()
    assert got["ended"].astype(bool).tolist() == f.sort_values("participation_id")["ended"].tolist()
    for frame in (got, f):
        frame[["pre", "post", "klassetrin", "institution_id"]] = frame[["pre", "post", "klassetrin", "institution_id"]].fillna(-1)
        frame["provision_form"] = frame["provision_form"].fillna("")
    same(got, f[got.columns], ["participation_id", "child_id", "intervention_id", "start_year", "gender", "provision_form"],
         ["institution_id", "klassetrin", *counts, "forloeb_key", "child_key"], ["pre", "post", *goal_cols[-3:]])


def test_sending_school_summary_is_each_child_once_per_school(conn):
    """Per school and gender: the children who left an ordinary class there in any year, each once (the most of
    `sent` and of the record key over its years), recomputed from sending_child with pandas."""
    per_child = table(conn, s.sending_child).groupby(["from_institution_id", "child_id", "gender"], as_index=False).agg(
        sent=("sent", "max"), rk=("record_key", "max"))
    per_child["sent_rk"] = per_child["sent"] * per_child["rk"]
    raw = per_child.groupby(["from_institution_id", "gender"], as_index=False).agg(
        n=("child_id", "size"), key_sum=("rk", "sum"), sent=("sent", "sum"), sent_key_sum=("sent_rk", "sum"))
    assert raw["sent"].sum() > 0 and raw["gender"].nunique() == 2
    same(table(conn, s.sending_school_summary), raw, ["from_institution_id", "gender"], ["n", "key_sum", "sent", "sent_key_sum"])


def test_the_sending_funnel_over_every_year_is_the_rows_counted(conn):
    """With no year or grade chosen the funnel reads sending_school_summary; a range holding every year reads
    sending_child: the same schools, counts, limits, tests and suppression, for every filter and scope."""
    every_year = (1900, 2100)  # a filter (not "all"), so the rows are read, yet every year is in it
    shown = 0
    for filters, scope in itertools.product([f for f in FILTERS if f.years is None and f.grades is None], SCOPES):
        a = overgange.sending_funnel(conn, filters, scope)
        b = overgange.sending_funnel(conn, filters.with_(years=every_year), scope)
        pd.testing.assert_frame_equal(a.points, b.points, obj=str((filters, scope)))
        pd.testing.assert_frame_equal(a.curve, b.curve)
        assert a.centre == b.centre or (np.isnan(a.centre) and np.isnan(b.centre))
        shown += int((~a.points["suppressed"].astype(bool)).sum())
    assert shown > 0


def test_survey_year_summary_is_survey_summary_added_up(conn):
    """Per school year, institution and indicator: the cells of survey_summary over grade, gender and form."""
    sums = ["n", "band1", "band2", "band3", "band4", "key_sum", "band1_key", "band2_key", "band3_key", "band4_key"]
    raw = table(conn, s.survey_summary).groupby(["school_year", "institution_id", "indicator_code"], as_index=False)[
        [*sums, "sum_x", "sum_x2"]].sum()
    same(table(conn, s.survey_year_summary), raw, ["school_year", "institution_id", "indicator_code"], sums,
         ["sum_x", "sum_x2"])


def test_trivsel_without_grade_gender_or_form_is_the_cells_added_up(conn):
    """With none of grade, gender and form chosen Trivsel's queries read survey_year_summary; a grade range holding
    every grade reads survey_summary's cells: the same figures, suppression and tests, for every filter and scope."""
    every_grade = (-5, 20)  # a filter (not "all"), so the cells are read, yet every grade is in it
    cases = [lambda f, sc: trivsel.indicator_trend(conn, f, sc), lambda f, sc: trivsel.band_distribution(conn, f, sc),
             lambda f, sc: trivsel.latest_year(conn, f, sc),
             *(lambda f, sc, dim=dim: trivsel.indicator_split(conn, f, sc, dim, 2024)
               for dim in ("kommune", "distrikt", "institution")),
             lambda f, sc: trivsel.institution_funnel(conn, f, sc, "trivsel_social", 2024).points,
             lambda f, sc: trivsel.institution_changes(conn, f, sc, 2025)]
    shown = 0
    plain = [f for f in FILTERS if f.grades is None and f.gender is None and f.tilbudsform is None]
    for (filters, scope), case in itertools.product(itertools.product(plain, SCOPES), cases):
        a, b = case(filters, scope), case(filters.with_(grades=every_grade), scope)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, obj=str((filters, scope)), check_exact=False, rtol=1e-12)
            shown += int((~a["suppressed"].astype(bool)).sum()) if "suppressed" in a else 0
        else:
            assert a == b, (filters, scope)
    assert shown > 0


def test_moved_summary_is_transition_summary_added_up(conn):
    """Per school year and home school (none: -1 here): tilgang's pupils (ordinary last year) and movers (ordinary
    last year, in a special class, special school, day treatment or mellemform this year), afgang's pupils
    (segregated last year) and movers (segregated last year, ordinary this year), each with its key sum."""
    t = table(conn, s.transition_summary)
    t["from_home_institution_id"] = t["from_home_institution_id"].fillna(-1).astype(int)
    segregated = t["from_form"].isin(["mellemform", "specialklasse", "specialskole", "dagbehandling"])
    to_segregated = t["to_form"].isin(["mellemform", "specialklasse", "specialskole", "dagbehandling"])
    for name, rows in (("almen", t["from_form"] == "almen"), ("almen_seg", (t["from_form"] == "almen") & to_segregated),
                       ("seg", segregated), ("seg_almen", segregated & (t["to_form"] == "almen"))):
        t[f"{name}_n"], t[f"{name}_key"] = t["n"].where(rows, 0), t["key_sum"].where(rows, 0)
    counts = [f"{m}_{c}" for m in ("almen", "almen_seg", "seg", "seg_almen") for c in ("n", "key")]
    raw = t.groupby(["school_year", "from_home_institution_id"], as_index=False)[counts].sum()
    assert (raw[["almen_seg_n", "seg_almen_n"]].sum() > 0).all()  # children moved both ways in the fixture
    got = table(conn, s.moved_summary)
    got["from_home_institution_id"] = got["from_home_institution_id"].fillna(-1).astype(int)
    same(got, raw, ["school_year", "from_home_institution_id"], counts)


def test_tilgang_and_afgang_without_grade_or_gender_are_the_cells_added_up(conn):
    """With no grade or gender chosen tilgang and afgang (per year, and per group of a split) read moved_summary; a
    grade range holding every grade reads transition_summary: the same figures and suppression, every filter and scope."""
    _with_every_grade_the_same([lambda f, sc: overgange.tilgang_afgang(conn, f, sc),
                                *(lambda f, sc, dim=dim: grouped.tilgang_afgang_by(conn, f, sc, dim, 2024)
                                  for dim in ("institution", "distrikt", "kommune"))])


def test_pupil_year_summary_is_pupil_summary_added_up(conn):
    """Per school year, institution and reference school (none: -1 here): the pupils and the segregated among them,
    each with its key sum. An ordinary pupil's reference school is its own (so a split by school counts it there)."""
    p = table(conn, s.pupil_summary)
    almen = p[p["provision_form"] == "almen"]
    assert (almen["ref_institution_id"] == almen["institution_id"]).all()
    segregated = p["provision_form"] != "almen"
    p["segregated"], p["segregated_key"] = p["n"].where(segregated, 0), p["key_sum"].where(segregated, 0)
    keys = ["school_year", "institution_id", "ref_institution_id"]
    p[keys] = p[keys].fillna(-1).astype(int)
    raw = p.groupby(keys, as_index=False)[["n", "key_sum", "segregated", "segregated_key"]].sum()
    assert raw["segregated"].sum() > 0 and (raw["ref_institution_id"] == -1).any()
    got = table(conn, s.pupil_year_summary)
    got[keys] = got[keys].fillna(-1).astype(int)
    same(got, raw, keys, ["n", "key_sum", "segregated", "segregated_key"])


def test_the_inklusionsgrad_without_grade_or_gender_is_the_cells_added_up(conn):
    """With no grade or gender chosen the inklusionsgrad per year and split by school or district reads
    pupil_year_summary; a grade range holding every grade reads pupil_summary: the same figures, every filter and scope."""
    _with_every_grade_the_same([lambda f, sc: overgange.inklusion_trend(conn, f, sc),
                                *(lambda f, sc, dim=dim: overgange.inklusion_split(conn, f, sc, dim, 2024)
                                  for dim in ("institution", "distrikt"))])


def _with_every_grade_the_same(cases) -> None:
    """Each Overgange case (filters, scope -> frame) for every filter without grade or gender and every scope equals
    the case with every grade chosen (-5..20: a filter, not "all", so the full cells are read, yet every grade is
    in it); some of its rows are shown."""
    shown = 0
    plain = [f for f in FILTERS if f.grades is None and f.gender is None]
    for (filters, scope), case in itertools.product(itertools.product(plain, SCOPES), cases):
        a, b = case(filters, scope), case(filters.with_(grades=(-5, 20)), scope)
        pd.testing.assert_frame_equal(a, b, obj=str((filters, scope)))
        shown += int((~a["suppressed"].astype(bool)).sum())
    assert shown > 0


# --- item_distribution: from the summary, as it was from the raw answers --------------------------
_resp, _ans = s.survey_response, s.survey_answer
RAW_ANSWERS = Source((_resp.c.institution_id,), {"year": _resp.c.school_year, "grade": _resp.c.klassetrin,
                                                 "gender": _resp.c.gender, "form": _resp.c.provision_form})


def item_distribution_from_answers(conn, filters: Filters, scope: Scope, item_id: int) -> pd.DataFrame:
    """The raw-row computation item_distribution replaced (up to 0011), the same after the SQL."""
    scope = scope.bounded(filters)
    item, ins = s.survey_item, s.survey_instrument
    on_scale = _ans.c.value.between(1, sa.select(ins.c.n_options).join_from(item, ins, ins.c.code == item.c.instrument_code)
                                    .where(item.c.id == item_id).scalar_subquery())
    q = (sa.select(_resp.c.school_year, _ans.c.value, sa.func.count().label("count"), sa.func.sum(_resp.c.record_key))
         .select_from(_ans.join(_resp, _resp.c.id == _ans.c.response_id))
         .where(_ans.c.item_id == item_id, on_scale, *where(filters, scope, RAW_ANSWERS))
         .group_by(_resp.c.school_year, _ans.c.value).order_by(_resp.c.school_year, _ans.c.value))
    d = fetch(conn, q, ["school_year", "value", "count", "_key"], ints=("school_year", "value", "count"))
    per_year: dict = {}
    for y, c, k in zip(d["school_year"], d["count"], d["_key"]):
        per_year[y] = (per_year.get(y, (0, 0))[0] + c, per_year.get(y, (0, 0))[1] + int(k))
    d["n"] = np.array([per_year[y][0] for y in d["school_year"]], dtype="int64")
    d["_n_key"] = np.array([per_year[y][1] for y in d["school_year"]], dtype=object)
    d = trivsel.ANSWERS.perturb(d)
    answered = {y: d["count"][d["school_year"] == y].sum() for y in per_year}
    d["share"] = np.array([c / answered[y] if answered[y] > 0 else np.nan for y, c in zip(d["school_year"], d["count"])])
    return trivsel.ANSWERS.frame(trivsel.ANSWERS.check(trivsel.ANSWERS.protect(d)))


def test_survey_item_year_summary_is_the_item_cells_added_up(conn):
    """Per question, school year, institution and answer value: survey_item_summary's cells over grade, gender and
    form. (item_distribution reads it with none of the three chosen: the test below compares that with the raw
    answers for every filter and scope.)"""
    keys = ["item_id", "school_year", "institution_id", "value"]
    raw = table(conn, s.survey_item_summary).groupby(keys, as_index=False)[["n", "key_sum"]].sum()
    same(table(conn, s.survey_item_year_summary), raw, keys, ["n", "key_sum"])


@pytest.mark.parametrize("shown", ["suppressed", "unsuppressed"])
def test_item_distribution_is_the_raw_computation(conn, shown, request):
    if shown == "unsuppressed":
        request.getfixturevalue("unsuppressed")  # every figure shown: the perturbed counts compared one by one
    compared = shown_rows = 0
    for filters, scope, item_id in itertools.product(FILTERS, SCOPES, (1, 3, 5)):
        got = trivsel.item_distribution(conn, filters, scope, item_id)
        pd.testing.assert_frame_equal(got, item_distribution_from_answers(conn, filters, scope, item_id))
        compared += len(got)
        shown_rows += int((~got["suppressed"]).sum())
    assert compared > 200 and shown_rows > (150 if shown == "unsuppressed" else 20)


# --- the year lists and the other lookups every new session makes ---------------------------------
def scored_years(conn, filters=Filters(), scope=Scope()) -> set[int]:
    """School years with a respondent who has an indicator score, from the raw rows."""
    q = (sa.select(_resp.c.school_year).join(s.survey_score, s.survey_score.c.response_id == _resp.c.id)
         .where(*where(filters, scope, RAW_ANSWERS)).distinct())
    return {int(y) for (y,) in conn.execute(q)}


def test_year_lists_are_the_distinct_years_of_the_rows(conn):
    snapshot = set(table(conn, s.placement_snapshot)["school_year"])
    assert [o.value for o in _years(conn, Filters(), Scope())] == sorted(scored_years(conn) | snapshot)
    assert targets.data_years(conn) == sorted(set(table(conn, s.survey_round)["school_year"]) | snapshot)
    transitions = sorted(set(table(conn, s.transition_summary)["school_year"]))
    assert len(transitions) >= 2
    assert overgange.transition_years(conn, Filters(), Scope()) == transitions
    lo = transitions[1]
    assert overgange.transition_years(conn, Filters(years=(lo, 2030)), Scope()) == transitions[1:]


def test_latest_year_and_freshness_are_those_of_the_rows(conn):
    for filters, scope in itertools.product(FILTERS, SCOPES):
        years = scored_years(conn, filters, scope.bounded(filters))
        assert trivsel.latest_year(conn, filters, scope) == (max(years) if years else None), (filters, scope)
    fresh = kpis.freshness(conn, Filters(), Scope())
    starts = table(conn, s.placement)["start_date"]
    newest = max(d if isinstance(d, dt.date) else dt.date.fromisoformat(d) for d in starts)
    placement = fresh["placement"]
    assert (placement if isinstance(placement, dt.date) else dt.date.fromisoformat(placement)) == newest
    assert fresh["survey"] == table(conn, s.survey_round)["school_year"].max()
