"""Udforsk's splits (queries.explore) against hand computations on the fixture, SQLite and PostgreSQL.

2025 social trivsel (tests/queries/test_trivsel.py): Alfa 24 (n 6), Beta 7.5 (n 3), Gamma 36 (n 8), Delta
3+3.5+2+4+3 = 15.5 (n 5): girls 43/11 = 3.909, boys 40/11 = 3.636; Billund 31.5/9 = 3.5, Høje-Taastrup
51.5/13 = 3.962. The fixture's record keys are 0: the cell-key method leaves its sums as they are.
"""
import numpy as np
import pandas as pd
import pytest

from queries import explore
from queries.filters import Filters, Scope
from tests.fixture_data import ALFA, BETA

ALL = Scope()


def by(df, column="label"):
    return df.set_index(column)


def test_one_dimension_is_the_key_figure_for_each_group(conn):
    g = by(explore.split(conn, Filters(), ALL, "trivsel_social", ("gender",), 2025))
    assert g.loc["Piger", "value"] == pytest.approx(43 / 11, rel=1e-12) and g.loc["Piger", "n"] == 11
    assert g.loc["Drenge", "value"] == pytest.approx(40 / 11, rel=1e-12) and g.loc["Drenge", "n"] == 11
    k = by(explore.split(conn, Filters(), ALL, "trivsel_social", ("kommune",), 2025))
    assert k.loc["Billund (530)", "value"] == pytest.approx(3.5, rel=1e-12)
    assert k.loc["Høje-Taastrup (169)", "value"] == pytest.approx(51.5 / 13, rel=1e-12)


def test_two_dimensions_and_a_small_cell_hidden(conn):
    # Billund's girls 2025: Alfa 3+4+3.5, Beta 3+2.5 = 5 answers, under the survey's threshold of 6
    d = explore.split(conn, Filters(), ALL, "trivsel_social", ("kommune", "gender"), 2025)
    cell = d[(d["key"] == 530) & (d["key2"] == "pige")].iloc[0]
    assert cell["suppressed"] and cell[["n", "value", "ci_low", "ci_high"]].isna().all()


def test_the_school_years_as_a_dimension_give_the_series(conn):
    d = explore.split(conn, Filters(kommune=169), ALL, "trivsel_social", ("years",))
    row = d.set_index("school_year").loc[2025]
    assert row["label"] == "2025/26" and row["value"] == pytest.approx(51.5 / 13, rel=1e-12)


def test_the_year_defaults_to_the_newest_shown(conn):
    d = explore.split(conn, Filters(), ALL, "trivsel_social", ("gender",))
    assert set(d["school_year"]) == {2025}


def test_a_role_splits_only_into_what_it_may_see(conn):
    leder = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
    udvalg = Scope(label="Udvalg Billund", role="udvalg", municipality_kode=530)
    assert "institution" not in explore.splits("trivsel_social", udvalg)
    assert "distrikt" not in explore.splits("trivsel_social", leder)
    schools = explore.split(conn, Filters(), leder, "inklusionsgrad", ("institution",), 2025)
    assert set(schools["key"]) <= {ALFA}  # the leder's own school only, never Beta
    beta = Filters(institution=BETA)
    assert not explore.split(conn, beta, ALL, "inklusionsgrad", ("gender",), 2025).empty  # the administration sees Beta
    assert explore.split(conn, beta, leder, "inklusionsgrad", ("gender",), 2025).empty  # another school: nothing


@pytest.mark.parametrize("code", sorted(__import__("queries.kpis", fromlist=["CATALOGUE"]).CATALOGUE))
def test_every_key_figure_by_every_dimension_hides_small_groups(conn, code):
    """Every split Udforsk offers, on the fixture's small groups: a shown cell rests on at least the
    threshold (6 in the wellbeing survey, 5 elsewhere) and a hidden one keeps no figure."""
    from queries.kpis import CATALOGUE
    k = 6 if CATALOGUE[code].page == "trivsel" else 5
    for dim in explore.splits(code, ALL):
        d = explore.split(conn, Filters(), ALL, code, (dim,))
        shown, hidden = d[~d["suppressed"]], d[d["suppressed"]]
        assert (shown["n"] >= k).all(), (code, dim, shown[shown["n"] < k])
        assert hidden[["n", "value", "ci_low", "ci_high"]].isna().all().all(), (code, dim)


@pytest.mark.parametrize("dim", ["institution", "distrikt", "gender", "grades", "kommune"])
@pytest.mark.parametrize("code", ["trivsel_social", "inklusionsgrad", "segregeringsgrad", "tilgang", "afgang",
                                  "nye_special_pr_1000"])
def test_a_split_in_one_statement_is_each_group_s_own_series(tx, dim, code):
    """The one-statement splits (queries.trivsel.indicator_split, queries.grouped) give each group
    exactly the row the key figure's own series gives for the filters narrowed to that group — with the cell-key
    method at work (record keys set, so the perturbation is not 0) and for a role that sees part of the area. A
    pupil counts for its own school and its home school (queries.filters.PUPILS), never twice for one."""
    import sqlalchemy as sa

    from data import schema as s
    from queries.kpis import CATALOGUE
    summ, pup, tr = s.survey_summary, s.pupil_summary, s.transition_summary
    tx.execute(sa.update(summ).values(key_sum=(summ.c.institution_id * 7919 + summ.c.klassetrin * 104729 +
                                               summ.c.n * 1299709) % 2147483647))
    tx.execute(sa.update(pup).values(key_sum=(pup.c.institution_id * 7919 + sa.func.coalesce(pup.c.klassetrin, 0) * 104729
                                              + pup.c.n * 1299709) % 2147483647))
    tr_key = (sa.func.coalesce(tr.c.from_home_institution_id, 0) * 7919 + tr.c.klassetrin * 104729 + tr.c.n * 1299709)
    tx.execute(sa.update(tr).values(key_sum=tr_key % 2147483647))
    from data.derived_rollup import refresh_moved, refresh_pupil_years, refresh_survey_years
    for refresh in (refresh_survey_years, refresh_moved, refresh_pupil_years):  # the summaries added up from those
        refresh(tx)
    kpi = CATALOGUE[code]
    leder = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
    for scope in (ALL, leder):
        if dim not in explore.splits(kpi.code, scope):
            continue
        got = explore.split(tx, Filters(), scope, kpi.code, (dim,), 2025).set_index("key")
        options = explore.groups(tx, Filters().in_year(2025), scope, dim, kpi.page)
        assert len(got) > 0
        for o in options:
            one = Filters(**{dim: (o.value, o.value) if dim == "grades" else o.value}).in_year(2025)
            series = kpi.series(tx, one, scope).set_index("school_year")
            if 2025 not in series.index:  # no row of its own (a special school has no children leaving it): none here
                assert o.value not in got.index, (scope.label, o.value)
                continue
            own = series.loc[2025]
            row = got.loc[o.value]
            assert bool(row["suppressed"]) == bool(own["suppressed"]), (scope.label, o.value)
            for c in ("n", "value", "ci_low", "ci_high"):
                assert row[c] == pytest.approx(own[c], rel=1e-12, nan_ok=True), (scope.label, o.value, c)


@pytest.mark.parametrize("k", [3, 5])
@pytest.mark.parametrize("dim", ["institution", "distrikt", "gender", "grades", "kommune", "years"])
@pytest.mark.parametrize("code", ["effekt_andel_forbedret", "gas_maal_opnaaet", "frafald"])
def test_an_effekt_split_in_one_statement_is_each_group_s_own_total(tx, threshold, dim, code, k):
    """The Effekt key figures per group in one statement (queries.kpis.effekt_split: Udforsk's splits, and the
    series by start year) give each group exactly what the Effekt page's own query gives as its total ('alle'
    row) for the filters narrowed to that group — with record keys set (the cell-key method at work), at two
    thresholds (so both shown and hidden groups occur) and for a role that sees part of the area. A group
    without forløb measured before and after on SDQ that year has no row, as it has no cohort."""
    import sqlalchemy as sa

    from data import schema as s
    from queries import effekt as qe
    from queries.kpis import CATALOGUE, EFFEKT, effekt_split
    from stats.means import proportion_ci
    threshold(k)
    f = s.forloeb_summary
    tx.execute(sa.update(f).values(forloeb_key=(f.c.participation_id * 7919 + 1299709) % 2147483647,
                                   child_key=(f.c.child_id * 104729) % 2147483647))
    kpi = CATALOGUE[code]
    query, _, instrument, pick = EFFEKT[kpi.effekt]
    leder = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
    seen = shown = 0
    for scope in (ALL, leder):
        if dim != "years" and dim not in explore.splits(kpi.code, scope):
            continue
        for year in ((None,) if dim == "years" else (2020, 2021, 2022)):
            got = effekt_split(tx, Filters(), scope, kpi.effekt, dim, year)
            if dim == "years":
                options = [2019, 2020, 2021, 2022, 2023]
            else:
                options = [o.value for o in explore.groups(tx, Filters().in_year(year), scope, dim, kpi.page)]
            for value in options:
                one = Filters(**{dim: (value, value) if dim in ("grades", "years") else value})
                one = one if year is None else one.in_year(year)
                totals = [qe.reliable_change(tx, one, scope, "sdq_total"), query(tx, one, scope, instrument)]
                cohort, own = (t[t["level"] == "alle"] for t in totals)
                if cohort.empty:
                    assert value not in got.index, (scope.label, year, value)
                    continue
                n, count, hidden = pick(own.iloc[0] if len(own) else None)
                value_, low, high = (float(np.ravel(v)[0]) for v in proportion_ci(np.array([count], dtype=float), np.array([n], dtype=float)))
                row = got.loc[value]
                seen, shown = seen + 1, shown + (not hidden)
                assert bool(row["suppressed"]) == hidden, (scope.label, year, value)
                for c, want in (("n", n), ("value", value_), ("ci_low", low), ("ci_high", high)):
                    assert row[c] == pytest.approx(want, rel=1e-12, nan_ok=True), (scope.label, year, value, c)
    assert seen > 0


@pytest.mark.parametrize("dim", ["kommune", "distrikt", "institution", "gender", "grades"])
def test_back_within_two_years_is_split_into_each_group_s_return_curve(tx, threshold, dim):
    """"Tilbage inden 2 år" split by a group in one statement (queries.grouped.return_by) gives each group its own
    return curve two years after entry — the Overgange page's query for the filters narrowed to that group — with
    record keys set (the cell-key method at work), at threshold 3 (groups shown and hidden), for the
    administration and a leader. A child counts for the school it came from and the one it went to, once for a
    group holding both. The entry years followed two whole years are the data's, not the narrowed filter's: a
    split in one entry year once came out empty for every group."""
    import sqlalchemy as sa

    from data import schema as s
    from queries import overgange as qo
    threshold(3)
    r = s.return_summary
    tx.execute(sa.update(r).values(key_sum=(r.c.from_institution_id * 7919 + r.c.to_institution_id * 104729
                                            + r.c.duration * 15485863 + r.c.n * 1299709) % 2147483647))
    leder = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
    seen = 0
    for scope in (ALL, leder):
        if dim not in explore.splits("tilbagefoersel_2aar", scope):
            continue
        got = explore.split(tx, Filters(), scope, "tilbagefoersel_2aar", (dim,)).set_index("key")
        year = int(got["school_year"].iloc[0]) if len(got) else qo.transition_years(tx, Filters(), scope)[-3]
        assert year <= qo.transition_years(tx, Filters(), scope)[-3]  # followed two whole years
        for o in explore.groups(tx, Filters().in_year(year), scope, dim, "overgange"):
            narrowed = Filters(**{dim: (o.value, o.value) if dim == "grades" else o.value})
            curve = qo.return_curve(tx, narrowed, scope, year).set_index("time")
            if 2 not in curve.index:
                assert o.value not in got.index, (scope.label, o.label)
                continue
            row, own = got.loc[o.value], curve.loc[2]
            seen += 1
            assert bool(row["suppressed"]) == bool(own["suppressed"]), (scope.label, o.da)
            for c, mine in (("n", "entered"), ("value", "back"), ("ci_low", "back_low"), ("ci_high", "back_high")):
                assert row[c] == pytest.approx(own[mine], rel=1e-12, nan_ok=True), (scope.label, o.da, c)
    assert seen > 0


@pytest.mark.parametrize("code", ["effekt_andel_forbedret", "gas_maal_opnaaet", "frafald"])
def test_an_effekt_key_figure_by_intervention_is_the_effekt_page_s_row(conn, threshold, code):
    """Split by intervention (and by method, where the Effekt page's query has method totals: attrition), each group
    is the pick of that intervention's row on the Effekt page — with its complementary suppression — and a leader
    sees only the interventions their scope shows (LØFT over tid, run by Alfa; not Pilot, run by Gamma)."""
    from queries.kpis import CATALOGUE, EFFEKT
    threshold(3)
    kpi = CATALOGUE[code]
    query, _, instrument, pick = EFFEKT[kpi.effekt]
    leder = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({ALFA}))
    assert ("metode" in explore.splits(code, ALL)) == (code == "frafald")
    shown = 0
    for scope in (ALL, leder):
        for dim in (d for d in ("indsats", "metode") if d in explore.splits(code, scope)):
            for year in (2020, 2021):
                got = explore.split(conn, Filters(), scope, code, (dim,), year)
                page = query(conn, Filters().in_year(year), scope, instrument)
                page = page[page["level"] == dim]
                assert sorted(got["label"]) == sorted(page["name"]), (scope.label, dim, year)
                for r in page.itertuples(index=False):
                    n, count, hidden = pick(pd.Series(r._asdict()))
                    row = got.set_index("label").loc[r.name]
                    assert bool(row["suppressed"]) == hidden and row["n"] == pytest.approx(n, nan_ok=True)
                    shown += not hidden
                if scope is leder and dim == "indsats":
                    assert "Pilot" not in set(got["label"])
    assert shown > 0
    assert explore.split(conn, Filters(), ALL, code, ("indsats", "gender"), 2020).empty  # alone only
