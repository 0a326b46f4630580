"""The one privacy harness: every query that returns figures about children, every declared column,
for a grid of filters and roles on the hand-made fixture (SQLite and PostgreSQL).

The queries come from the registry (`queries.contract.REGISTRY`), so a query added later is run here
without anyone adding it, and its columns are checked by the roles its declaration gives them — a
new column cannot be returned without a role. The test reads the returned frames as an outsider
would; it does not rely on the contract's own check.
"""
import inspect
import itertools

import numpy as np
import pandas as pd
import pytest

import queries
from queries import contract, effekt, grouped, overgange, quality, quality_rates, trivsel  # noqa: F401 - importing fills the registry
from data.db import migrate
from queries.filters import Filters, Scope
from tests.conftest import fresh_database, load_fixtures
from tests import fixture_effekt as fe
from tests import fixture_overgange as fo
from tests.fixture_data import ALFA, BETA, DELTA, GAMMA

MIN_N = 5           # the general threshold (data.config default)
MIN_N_BY_DOMAIN = {"trivsel": 6}  # the wellbeing survey: nothing from 5 or fewer pupils, as the ministry
ORGS = [dict(), dict(kommune=530), dict(kommune=169), dict(institution=ALFA), dict(institution=BETA),
        dict(institution=DELTA), dict(institution=fo.SPKL)]
REFINEMENTS = [dict(), dict(gender="pige"), dict(grades=(5, 6), tilbudsform="special")]
FILTERS = [Filters(**org, **more) for org, more in itertools.product(ORGS, REFINEMENTS)] + [
    Filters(institution=GAMMA), Filters(institution=fo.SPSK, tilbudsform="specialklasse"), Filters(grades=(5, 5)),
    Filters(kommune=530, years=(2024, 2025))]
SCOPES = [Scope(), Scope(label="Beta", institution_ids=frozenset({BETA})),
          Scope(label="Specialskolen", institution_ids=frozenset({fo.SPSK}))]

# The other arguments each query is run with (besides conn, filters and scope).
ARGS = {
    "queries.trivsel.indicator_trend": [()],
    "queries.trivsel.band_distribution": [()],
    "queries.trivsel.institution_funnel": [("social_trivsel", 2024), ("social_trivsel", 2025)],
    "queries.trivsel.grade_heatmap": [(2024,), (2025,)],
    "queries.trivsel.institution_changes": [(2025,), (2024,)],
    "queries.trivsel.gender_comparison": [(2025,)],
    "queries.trivsel.item_distribution": [(1,), (3,)],
    "queries.trivsel.indicator_split": [(dim, 2025) for dim in trivsel.SPLIT_BY],
    "queries.grouped.inklusion_by": [(dim, 2025) for dim in grouped.SPLIT_BY],
    "queries.grouped.tilgang_afgang_by": [(dim, 2025) for dim in grouped.MOVED_BY],
    "queries.grouped.return_by": [(dim, year) for dim in grouped.RETURN_BY for year in (2022, 2023)],
    "queries.overgange.inklusion_trend": [()],
    "queries.overgange.inklusion_split": [(dim, 2025) for dim in overgange.SPLITS],
    "queries.overgange.flows": [(2024,), (2025,)],
    "queries.overgange.tilgang_afgang": [()],
    "queries.overgange.return_curve": [(None,), (2024,)],
    "queries.overgange.return_by_form": [(None,)],
    "queries.overgange.school_start": [()],
    "queries.overgange.sending_funnel": [()],
    **{f"queries.{name}": [(code,) for code in ("sdq_total", "gas")]
       for name in ("effekt.overview", "effekt.change", "effekt.reliable_change", "effekt_goals.goals",
                    "effekt_outcomes.cohorts")},
    **{f"queries.{name}": [(code, dim) for code in ("sdq_total", "gas") for dim in effekt.SPLIT_BY]
       for name in ("effekt.overview_by", "effekt.reliable_change_by", "effekt_goals.goals_by")},
    "queries.quality_rates.response_rates": [()],
    "queries.effekt_outcomes.compare": [(code, a, b) for code in ("sdq_total", "gas") for a, b in
                               ((fe.LOEFT, None), (fe.PILOT, None), (fe.LOEFT, fe.OVER_TID))],
}
FIGURES = {name: reg for name, reg in contract.REGISTRY.items() if reg.result is not None}


def test_every_query_that_reads_with_filters_is_registered_and_run_here():
    for module in (trivsel, overgange, effekt):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = list(inspect.signature(fn).parameters)
            if name.startswith("_") or fn.__module__ != module.__name__ or params[1:3] != ["filters", "scope"]:
                continue
            assert f"{module.__name__}.{name}" in contract.REGISTRY, f"{name} reads with filters but declares no result"
    assert set(FIGURES) == set(ARGS), "every registered query needs its arguments here"
    assert queries.__name__ == "queries"


def missing(values: np.ndarray) -> np.ndarray:
    """Where a figure is missing: NaN/None, or False for a yes/no figure (a hidden "beyond noise" says no)."""
    if values.dtype == bool:
        return ~values
    return pd.isna(values)


def assert_protected(df: pd.DataFrame, result: contract.Result, what: str) -> None:
    assert list(df.columns) == result.columns, f"{what}: columns are not the declared ones"
    MIN_N = MIN_N_BY_DOMAIN.get(result.domain, globals()["MIN_N"])  # noqa: N806 - the threshold of this result
    col = {c: df[c].to_numpy() for c in df.columns}
    for g in result.guards:
        out = [c for c in g.protected if c in col]
        gone = {c: missing(col[c]) for c in out}
        hidden = col[g.flag].astype(bool) if g.flag else np.logical_and.reduce([gone[c] for c in out])
        shown = ~hidden
        for c in out:
            assert gone[c][hidden].all(), f"{what}: a hidden row keeps {c}\n{df[hidden]}"
        if g.n in col:
            n = col[g.n][shown].astype(float)
            assert ((n >= MIN_N) | ((n == 0) & (not g.hide_empty))).all(), f"{what}: a figure from n<{MIN_N}\n{df[shown]}"
        for c in [c for c in (*g.counts, *(cell.count for cell in g.cells)) if c in col]:
            v = col[c][shown].astype(float)
            v = v[~np.isnan(v)]
            assert ((v == 0) | (v >= MIN_N)).all(), f"{what}: a shown {c} of 1-{MIN_N - 1} children\n{df[shown]}"
        for cell in g.cells:
            for c in [c for c in cell.values if c in col and cell.count in col]:
                assert gone[c][gone[cell.count]].all(), f"{what}: {c} shown where its count {cell.count} is hidden"
        if g.partition is not None and not any(c.startswith("_") for c in g.partition):
            member = np.ones(len(df), dtype=bool) if g.hide_empty or g.n not in col else col[g.n] != 0
            keys = list(zip(*(col[c] for c in g.partition))) if g.partition else [()] * len(df)
            for key in set(k for k, m in zip(keys, member) if m):
                rows = np.array([k == key for k in keys]) & member
                lone = hidden[rows].sum() == 1 and rows.sum() > 1
                assert not lone, f"{what}: a lone hidden row in {key}, to be worked out from the total\n{df[rows]}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def perturbed(request, tmp_path_factory):
    """The hand-made fixture with random record keys: the cell-key method at work."""
    with fresh_database(request.param, tmp_path_factory) as engine:
        migrate(engine)
        with engine.begin() as c:
            load_fixtures(c, keys=np.random.default_rng(7))
        with engine.connect() as c:
            yield c


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: s.label)
@pytest.mark.parametrize("name", sorted(ARGS))
def test_no_figure_from_a_small_group(conn, name, scope):
    check_every_view(conn, name, scope)


@pytest.mark.parametrize("name", sorted(ARGS))
def test_no_figure_from_a_small_group_when_perturbed(perturbed, name):
    check_every_view(perturbed, name, Scope())


def check_every_view(conn, name: str, scope: Scope) -> None:
    reg = FIGURES[name]
    for f, args in itertools.product(FILTERS, ARGS[name]):
        out = reg.fn(conn, f, scope, *args)
        frames = [out] if isinstance(out, pd.DataFrame) else [out.points]
        for df in frames:
            assert_protected(df, reg.result, f"{name}{args} {f}")
        if not isinstance(out, pd.DataFrame):  # a funnel: its centre is an aggregate of the whole population
            df = out.points
            population = df["n"].sum() if not df["suppressed"].any() else None
            if population is not None and population < MIN_N:
                assert np.isnan(out.centre), f"{name} {f}: the centre of {population} leaks"


def test_funnel_centre_hidden_for_a_tiny_population(conn):
    funnel = trivsel.institution_funnel(conn, Filters(institution=BETA), Scope(), "social_trivsel", 2025)
    assert np.isnan(funnel.centre)  # Beta alone has 3 answers: its mean 2,50 must not leak as the centre
    sending = overgange.sending_funnel(conn, Filters(institution=BETA), Scope())
    assert np.isnan(sending.centre)  # Beta sent 1 child: the overall share would give it away


def test_small_school_start_split_hides_the_rest_too(conn):
    # Billund 2025: 11 special starters = 6 from the ordinary dagtilbud + 5 from the special one: both shown.
    g = overgange.school_start(conn, Filters(kommune=530), Scope())
    assert g.set_index("school_year").loc[2025, "from_dagtilbud"] == 6
    # Girls only: 4 special starters -> the whole year is hidden, from_dagtilbud included
    g = overgange.school_start(conn, Filters(kommune=530, gender="pige"), Scope())
    assert g["suppressed"].all() and g["from_dagtilbud"].isna().all()


def test_a_higher_threshold_is_honoured(conn, threshold):
    threshold(8)
    df = trivsel.indicator_trend(conn, Filters(kommune=169), Scope())
    # Høje-Taastrup 2024 has no answers; 2025: Gamma 8 + Delta 5 = 13 social answers: shown at 8
    assert not df["suppressed"].all()
    df = trivsel.indicator_trend(conn, Filters(institution=DELTA), Scope())
    assert df["suppressed"].all()  # Delta: 5 answers, under 8


def test_perturbed_means_stay_on_their_scale(perturbed, threshold):
    """The cell-key method shifts sums; a mean of 1-5 scores (or an instrument's own scale, SDQ 0-40) and
    its interval must still never leave the scale."""
    threshold(3)  # show the fixture's small groups too: more means to check
    from queries import effekt, trivsel
    t = trivsel.indicator_trend(perturbed, Filters(), Scope())
    for col in ("mean", "ci_low", "ci_high"):
        v = t[col].dropna()
        assert ((v >= 1) & (v <= 5)).all(), f"{col}: {v[(v < 1) | (v > 5)].tolist()}"
    c = effekt.change(perturbed, Filters(), Scope(), "sdq_total")
    for col in ("mean_pre", "mean_post"):
        v = c[col].dropna()
        assert ((v >= 0) & (v <= 40)).all(), f"{col}: {v.tolist()}"
