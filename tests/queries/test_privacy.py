"""No Trivsel figure is ever computed from fewer than the threshold, for any filter combination
and any role; and a single hidden cell can never be worked out from a shown total."""
import itertools

import numpy as np
import pandas as pd
import pytest

from data.config import SettingsError, _parse
from queries import trivsel as q
from queries.filters import Filters, Scope
from queries.privacy import suppress
from tests.fixture_data import ALFA, BETA, DELTA, GAMMA

MIN_N = 5
ORGS = [(None, None), (None, ALFA), (None, BETA), (None, GAMMA), (None, DELTA), (530, None), (530, BETA),
        (169, None), (169, DELTA)]
FILTERS = [Filters(kommune=k, institution=i, gender=g, grade_from=lo, grade_to=hi, tilbudsform=form)
           for (k, i), g, (lo, hi), form in itertools.product(ORGS, (None, "pige"), ((0, 10), (5, 5), (6, 6)),
                                                              (None, "special"))]
SCOPES = [Scope.everything(), Scope(label="Beta", institution_ids=frozenset({BETA})),
          Scope(label="HT", municipality_kode=169)]
FIGURES = ["mean", "ci_low", "ci_high", "sd", "band1", "band2", "band3", "band4", "share", "count",
           "lower95", "upper95", "lower998", "upper998"]


def assert_private(df: pd.DataFrame, what: str, partition: list[str] | None = None):
    if df.empty:
        return
    shown = df[~df["suppressed"]]
    assert (shown["n"] >= MIN_N).all(), f"{what}: a shown figure from n<{MIN_N}\n{shown}"
    hidden = df[df["suppressed"]]
    for col in [c for c in FIGURES + ["n"] if c in df.columns]:
        assert hidden[col].isna().all(), f"{what}: suppressed row keeps {col}\n{hidden}"
    if partition is not None:
        groups = df.groupby(partition) if partition else [(None, df)]
        for key, grp in groups:
            assert grp["suppressed"].sum() != 1 or len(grp) == 1, f"{what}: a lone hidden cell in {key}\n{grp}"


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: s.label)
def test_no_trivsel_figure_from_fewer_than_threshold(conn, scope):
    checked = 0
    for f in FILTERS:
        trend = q.indicator_trend(conn, f, scope)
        assert_private(trend, f"trend {f}")
        assert_private(q.band_distribution(conn, f, scope), f"bands {f}")
        assert_private(q.item_distribution(conn, f, scope, 1), f"item {f}")
        for year in (2024, 2025):
            funnel = q.institution_funnel(conn, f, scope, "social_trivsel", year)
            assert_private(funnel.points, f"funnel {f}", partition=[])
            total = trend[(trend["indicator_code"] == "social_trivsel") & (trend["school_year"] == year)]
            if total.empty or total["suppressed"].all():  # the population itself is under the threshold:
                assert np.isnan(funnel.centre), f"funnel centre leaks for {f}"  # no centre line either
            assert_private(q.grade_heatmap(conn, f, scope, year), f"heatmap {f}", partition=["indicator_code"])
            assert_private(q.gender_comparison(conn, f, scope, year), f"gender {f}", partition=["indicator_code"])
        checked += 1
    assert checked == len(FILTERS) == 108


def test_funnel_centre_hidden_for_a_tiny_population(conn):
    funnel = q.institution_funnel(conn, Filters(institution=BETA), Scope.everything(), "social_trivsel", 2025)
    assert np.isnan(funnel.centre)  # Beta alone has 3 answers: its mean 2,50 must not leak as the centre


def test_suppress_primary_and_complementary_by_hand():
    df = pd.DataFrame({"g": ["a", "a", "a", "b", "b"], "n": [3, 7, 12, 6, 9], "mean": [1.0, 2.0, 3.0, 4.0, 5.0]})
    out = suppress(df, ["mean"], partition=["g"], threshold=5)
    # group a: 3 < 5 hidden; it is alone, so the smallest shown (7) goes too; group b: nothing hidden
    assert out["suppressed"].tolist() == [True, True, False, False, False]
    assert out["mean"].isna().tolist() == [True, True, False, False, False]
    assert out.loc[2, "n"] == 12
    # without a partition only the primary cell goes
    assert suppress(df, ["mean"], threshold=5)["suppressed"].tolist() == [True, False, False, False, False]
    # a higher threshold is honoured
    assert suppress(df, ["mean"], threshold=8)["suppressed"].tolist() == [True, True, False, True, False]


def test_threshold_setting_never_below_three():
    assert _parse({"INDBLIK_MIN_N": "7"}).min_n == 7
    with pytest.raises(SettingsError, match="aldrig være under 3"):
        _parse({"INDBLIK_MIN_N": "2"})
    with pytest.raises(SettingsError, match="helt tal"):
        _parse({"INDBLIK_MIN_N": "fem"})
