"""The roles, judged by an attacker who holds one: a leder, an udvalg and another municipality's
administration try to reach past their scope with filters (another school, a district, another
municipality), and read every returned frame for a unit they may not see one by one. Every registered
query, its arguments from the privacy harness, SQLite and PostgreSQL.

What each role may not see is worked out here from the fixture's own tables (institution names, the
interventions an institution runs), not from queries.filters.Scope.
"""
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from data import schema as s
from queries import trivsel
from queries.filters import Filters, Scope
from tests import fixture_overgange as fo
from tests.fixture_data import ALFA, BETA, GAMMA
from tests.privacy.test_every_query import ARGS, FIGURES

LEDER_ALFA = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
LEDER_BETA = Scope(label="Leder Beta", role="leder", municipality_kode=530, own=frozenset({BETA}))
UDVALG = Scope(label="Udvalg Billund", role="udvalg", municipality_kode=530)
FORVALTNING_HT = Scope(label="Forvaltning Høje-Taastrup", municipality_kode=169)

# filters that reach past each role: another school, a district (a leder sees the rest only as the
# municipality's total), another municipality, a school for a committee
PAST = {
    "leder": (LEDER_ALFA, [Filters(institution=BETA), Filters(institution=BETA, gender="pige"), Filters(institution=GAMMA),
                           Filters(distrikt=1), Filters(kommune=169), Filters(institution=fo.SPKL, grades=(5, 6))]),
    "udvalg": (UDVALG, [Filters(institution=ALFA), Filters(institution=fo.SPKL), Filters(kommune=169),
                        Filters(distrikt=2), Filters(institution=ALFA, years=(2024, 2025))]),
    "forvaltning": (FORVALTNING_HT, [Filters(kommune=530), Filters(institution=ALFA), Filters(distrikt=1)]),
}
# filters within each role, whose answers must still hold no single unit the role may not see
WITHIN = {"leder_alfa": (LEDER_ALFA, [Filters(), Filters(gender="pige"), Filters(institution=ALFA)]),
          "leder_beta": (LEDER_BETA, [Filters(), Filters(kommune=530, grades=(5, 6))]),
          "udvalg": (UDVALG, [Filters(), Filters(distrikt=1)])}


def frames(out) -> list[pd.DataFrame]:
    return [out] if isinstance(out, pd.DataFrame) else [out.points]


@pytest.mark.parametrize("role", sorted(PAST))
@pytest.mark.parametrize("name", sorted(ARGS))
def test_a_filter_past_the_role_shows_no_figure(conn, name, role):
    scope, attempts = PAST[role]
    reg = FIGURES[name]
    for f in attempts:
        for args in ARGS[name]:
            for df in frames(reg.fn(conn, f, scope, *args)):
                for g in reg.result.guards:
                    if g.n in df:
                        n = pd.to_numeric(df[g.n], errors="coerce").fillna(0)
                        assert (n == 0).all(), f"{name}{args} {f} as {scope.label}: figures past the scope\n{df}"


def forbidden(conn, scope: Scope) -> set[str]:
    """The names of the units the role may not see one by one: institutions (other than a leder's own,
    every one for an udvalg, those of other municipalities for an administration) and the interventions
    such an institution runs."""
    rows = conn.execute(sa.select(s.institution.c.id, s.institution.c.name, s.institution.c.municipality_kode)).all()
    if scope.role == "leder":
        mine = set(scope.own)
    elif scope.role == "udvalg":
        mine = set()
    else:
        mine = {i for i, _, k in rows if scope.municipality_kode in (None, k)}
    others = {i: n for i, n, _ in rows if i not in mine}
    runs = conn.execute(sa.select(s.intervention.c.name, s.intervention.c.institution_id)
                        .where(s.intervention.c.institution_id.is_not(None))).all()
    return set(others.values()) | {n for n, i in runs if i in others}


@pytest.mark.parametrize("role", sorted(WITHIN))
@pytest.mark.parametrize("name", sorted(ARGS))
def test_no_single_unit_past_the_role_in_any_answer(conn, name, role):
    scope, views = WITHIN[role]
    names = forbidden(conn, scope)
    reg = FIGURES[name]
    for f in views:
        for args in ARGS[name]:
            for df in frames(reg.fn(conn, f, scope, *args)):
                text = {v for c in df.columns if df[c].dtype == object or str(df[c].dtype).startswith("string")
                        for v in df[c].dropna()}
                assert not (text & names), f"{name}{args} {f} as {scope.label}: {text & names}"
                if "institution_id" in df:
                    ids = set(df["institution_id"].dropna().astype(int))
                    assert ids <= set(scope.own), f"{name} {f} as {scope.label}: institutions {ids}"


def test_a_leder_sees_the_municipality_as_its_administration_does(conn):
    """The rest of the municipality stays visible as its total: the leder's total is the forvaltning's."""
    mine = trivsel.indicator_trend(conn, Filters(), LEDER_ALFA)
    theirs = trivsel.indicator_trend(conn, Filters(), Scope(label="Billund", municipality_kode=530))
    pd.testing.assert_frame_equal(mine, theirs)
    assert mine["n"].sum() > 0


def test_a_committee_sees_districts_but_no_school(conn):
    from queries import overgange
    by_district = overgange.inklusion_split(conn, Filters(), UDVALG, "distrikt", 2025)
    by_school = overgange.inklusion_split(conn, Filters(), UDVALG, "institution", 2025)
    named = set(by_district["label"]) - {""}
    assert named == {"Nord"}  # Billund's one district (tests/fixture_data.py)
    assert not (set(by_school["label"]) - {""})  # no school by name; only the "no ordinary school" row may stay
    assert trivsel.indicator_split(conn, Filters(), UDVALG, "institution", 2025).empty  # Udforsk's splits likewise
    from queries import grouped
    assert grouped.inklusion_by(conn, Filters(), UDVALG, "institution", 2025).empty
    assert set(trivsel.indicator_split(conn, Filters(), UDVALG, "distrikt", 2025)["key"]) == {1}  # Nord
    from queries import effekt
    for fn in (effekt.overview_by, effekt.reliable_change_by, effekt.goals_by):  # Effekt's splits likewise
        assert fn(conn, Filters().in_year(2020), UDVALG, "sdq_total", "institution").empty, fn.__name__


def test_a_leder_splits_effekt_into_own_school_only(conn):
    """Udforsk's Effekt split by school: the administration sees Alfa's and Beta's forløb of 2020 (Beta: one still
    running), Alfa's leder only Alfa, though Beta's forløb stay in the municipality's total."""
    from queries import effekt
    everyone = effekt.overview_by(conn, Filters().in_year(2020), Scope(), "sdq_total", "institution")
    assert {ALFA, BETA} <= set(everyone["key"])
    assert set(effekt.overview_by(conn, Filters().in_year(2020), LEDER_ALFA, "sdq_total", "institution")["key"]) == {ALFA}
    funnel = trivsel.institution_funnel(conn, Filters(), UDVALG, "social_trivsel", 2025)
    assert funnel.points.empty and not np.isnan(funnel.centre)  # the municipality's mean stays, no school
