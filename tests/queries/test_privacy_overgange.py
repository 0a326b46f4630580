"""No Overgange figure is ever computed from fewer than the threshold, for a grid of filters and
roles: shown groups have n >= 5, shown counts of children are 0 or >= 5, hidden rows keep no
figure, and a single hidden part of a shown total never stands alone."""
import itertools

import numpy as np
import pandas as pd
import pytest

from queries import overgange as q
from queries.filters import Filters, Scope
from tests.fixture_overgange import ALFA, BETA, SPKL, SPSK

MIN_N = 5
ORGS = [(None, None), (None, ALFA), (None, BETA), (None, SPKL), (169, None)]
FILTERS = ([Filters(kommune=k, institution=i, gender=g) for (k, i), g in itertools.product(ORGS, (None, "pige"))]
           + [Filters(kommune=k, institution=i, grade_from=4, grade_to=5, tilbudsform="specialklasse") for k, i in ORGS[:2]])
SCOPES = [Scope.everything(), Scope(label="Beta", institution_ids=frozenset({BETA})),
          Scope(label="Specialskolen", institution_ids=frozenset({SPSK}))]
FIGURES = ["inklusionsgrad", "segregeringsgrad", "ci_low", "ci_high", "rate", "share", "back", "back_low", "back_high",
           "back_1", "back_2", "back_3", "median", "followed", "lower95", "upper95", "lower998", "upper998"]
COUNTS = ["segregated", "almen", "count", "special", "from_dagtilbud"]


def assert_private(df: pd.DataFrame, what: str, parts: pd.Series | None = None):
    if df.empty:
        return
    shown = df[~df["suppressed"].astype(bool)]
    n = shown["n"] if "n" in shown else shown["at_risk"]  # a Kaplan-Meier point is over those still followed
    assert (n >= MIN_N).all(), f"{what}: a figure from n<{MIN_N}\n{shown}"
    for c in [c for c in COUNTS if c in df.columns]:
        v = shown[c].dropna()
        assert ((v == 0) | (v >= MIN_N)).all(), f"{what}: a shown count {c} of 1-{MIN_N - 1} children\n{shown}"
    hidden = df[df["suppressed"].astype(bool)]
    for c in [c for c in FIGURES + COUNTS + ["n"] if c in df.columns]:
        assert hidden[c].isna().all(), f"{what}: a hidden row keeps {c}\n{hidden}"
    if parts is not None:
        for key, grp in df.groupby(parts.to_numpy()):
            assert grp["suppressed"].sum() != 1 or len(grp) == 1, f"{what}: a lone hidden part in {key}\n{grp}"


def _flow_parts(df):
    til = (df["from_form"] == "almen") & df["to_form"].isin(q.SEGREGATED)
    af = df["from_form"].isin(q.SEGREGATED) & (df["to_form"] == "almen")
    return pd.Series(np.where(til, "t", np.where(af, "a", df["from_form"] + df["to_form"])), index=df.index)


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: s.label)
def test_no_overgange_figure_from_fewer_than_threshold(conn, scope):
    for f in FILTERS:
        assert_private(q.inklusion_trend(conn, f, scope), f"trend {f}")
        assert_private(q.tilgang_afgang(conn, f, scope), f"tilgang/afgang {f}")
        assert_private(q.school_start(conn, f, scope), f"school start {f}")
        for dim in ("institution", "klassetrin"):
            df = q.inklusion_split(conn, f, scope, dim, 2025)
            assert_private(df, f"split {dim} {f}", pd.Series("all", index=df.index))
        for year in (2024, 2025):
            df = q.flows(conn, f, scope, year)
            assert_private(df, f"flows {year} {f}", _flow_parts(df))
        for entry in (None, 2024):
            assert_private(q.return_curve(conn, f, scope, entry), f"return {entry} {f}")
            df = q.return_by_form(conn, f, scope, entry)
            assert_private(df, f"return by form {f}", pd.Series("all", index=df.index))
        fu = q.sending_funnel(conn, f, scope)
        assert_private(fu.points, f"funnel {f}", pd.Series("all", index=fu.points.index))


def test_small_school_start_split_hides_the_rest_too(conn):
    # Billund 2025: 11 special starters = 6 from the ordinary dagtilbud + 5 from the special one: both shown.
    # Girls only: 4 special starters -> the whole year is hidden, from_dagtilbud included
    g = q.school_start(conn, Filters(kommune=530, gender="pige"), Scope.everything())
    assert g["suppressed"].all() and g["from_dagtilbud"].isna().all()
