"""The result contract (queries.contract) on hand-made rows: what is hidden, and that a query cannot
return a figure its declaration does not cover."""
import numpy as np
import pandas as pd
import pytest

from data.config import SettingsError, _parse
from queries.contract import Cell, DisclosureError, Guard, Result, query


def cols(**values):
    return {k: np.array(v, dtype=object if isinstance(v[0], str) else None) for k, v in values.items()}


def test_primary_and_complementary_by_hand():
    r = Result(keys=("g",), guards=(Guard(n="n", values=("mean",), partition=("g",)),))
    d = r.protect(cols(g=["a", "a", "a", "b", "b"], n=[3, 7, 12, 6, 9], mean=[1.0, 2.0, 3.0, 4.0, 5.0]), threshold=5)
    # group a: 3 < 5 hidden; it is alone, so the smallest shown (7) goes too; group b: nothing hidden
    assert d["suppressed"].tolist() == [True, True, False, False, False]
    assert d["suppressed_why"].tolist() == ["small", "protect", None, None, None]
    assert np.isnan(d["mean"]).tolist() == [True, True, False, False, False] and d["n"][2] == 12
    # without a partition only the primary cell goes; a higher threshold is honoured
    r = Result(keys=("g",), guards=(Guard(n="n", values=("mean",)),))
    assert r.protect(cols(g=["a", "b"], n=[3, 7], mean=[1.0, 2.0]), threshold=5)["suppressed"].tolist() == [True, False]
    assert r.protect(cols(g=["a", "b"], n=[3, 7], mean=[1.0, 2.0]), threshold=8)["suppressed"].tolist() == [True, True]


def test_a_small_count_hides_its_row_or_its_cell():
    # counts: the share reveals them, so a small one hides the row (8 pupils, 3 of them segregated)
    r = Result(keys=("y",), guards=(Guard(n="n", counts=("seg",), values=("share",)),))
    d = r.protect(cols(y=[1, 2], n=[8, 80], seg=[3, 30], share=[3 / 8, 30 / 80]), threshold=5)
    assert d["suppressed"].tolist() == [True, False] and np.isnan(d["n"][0]) and d["seg"][1] == 30
    # cells: 20 started = 15 measured after + 2 running + 3 dropped out: the two small ones go, with
    # the dropout share; the 15 stays (two hidden parts cannot be told apart)
    r = Result(keys=("i",), guards=(Guard(n="kids", cells=(Cell("after"), Cell("running", ("share",)),
                                                               Cell("dropout", ("share",))),
                                          parts=(("after", "running", "dropout"),)),))
    d = r.protect(cols(i=[1], kids=[20], after=[15], running=[2], dropout=[3], share=[3 / 5]), threshold=5)
    assert not d["suppressed"][0] and d["after"][0] == 15
    assert np.isnan([d["running"][0], d["dropout"][0], d["share"][0]]).all()
    # one small part alone would be the total minus the rest: the smallest other part goes too
    d = r.protect(cols(i=[1], kids=[20], after=[12], running=[6], dropout=[2], share=[0.2]), threshold=5)
    assert np.isnan([d["dropout"][0], d["running"][0]]).all() and d["after"][0] == 12


def test_a_query_returns_only_declared_columns_and_cannot_skip_protection():
    r = Result(keys=("g",), guards=(Guard(n="n", values=("mean",)),))

    @query(r)
    def careful(conn):
        return r.protect(cols(g=["a", "b"], n=[3, 9], mean=[1.0, 2.0], sd=[0.5, 0.7]))

    df = careful(None)
    assert list(df.columns) == ["g", "n", "mean", "suppressed", "suppressed_why"]  # "sd" was never declared
    assert df["suppressed_why"][0] == "small" and pd.isna(df["suppressed_why"][1])  # the 3 hidden for their own size

    @query(r)
    def forgetful(conn):
        d = cols(g=["a", "b"], n=[3, 9], mean=[1.0, 2.0])
        d["suppressed"], d["suppressed_why"] = np.zeros(2, dtype=bool), np.array([None, None], dtype=object)
        return d

    with pytest.raises(DisclosureError):
        forgetful(None)


def test_threshold_setting_never_below_three():
    assert _parse({"INDBLIK_MIN_N": "7"}).min_n == 7
    with pytest.raises(SettingsError, match="aldrig være under 3"):
        _parse({"INDBLIK_MIN_N": "2"})
    with pytest.raises(SettingsError, match="helt tal"):
        _parse({"INDBLIK_MIN_N": "fem"})
