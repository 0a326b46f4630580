"""Udforsk's one-statement splits on the demo data (a third of its size, with its random record keys), on SQLite
and PostgreSQL: every group's figure equals the key figure's own series for the filters narrowed to that group.
The hand-made fixture has too few children per group for most figures to be shown; here most are, so a group
counted twice, or a child counted for the wrong group, changes a shown figure."""
import pytest

from data.db import create_demo
from queries import explore
from queries.filters import Filters, Scope
from queries.kpis import CATALOGUE
from tests.conftest import fresh_database

ALL = Scope()
ONE_STATEMENT = ["trivsel_social", "inklusionsgrad", "tilgang", "nye_special_pr_1000", "tilbagefoersel_2aar",
                 "effekt_andel_forbedret", "gas_maal_opnaaet", "frafald"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as engine:
        create_demo(engine, scale=0.3)
        with engine.connect() as conn:
            yield conn


@pytest.mark.parametrize("dim", ["kommune", "distrikt", "institution", "gender", "grades"])
@pytest.mark.parametrize("code", ONE_STATEMENT)
def test_every_group_is_its_own_series(demo, threshold, code, dim):
    threshold(3)  # the lowest allowed: more groups shown, so more to compare
    kpi = CATALOGUE[code]
    got = explore.split(demo, Filters(), ALL, code, (dim,)).set_index("key")
    assert len(got) > 0
    year = int(got["school_year"].iloc[0])
    shown = 0
    for o in explore.groups(demo, Filters().in_year(year), ALL, dim, kpi.page):
        one = Filters(**{dim: (o.value, o.value) if dim == "grades" else o.value}).in_year(year)
        series = kpi.series(demo, one, ALL).set_index("school_year")
        if year not in series.index:
            assert o.value not in got.index, o.da
            continue
        own, row = series.loc[year], got.loc[o.value]
        assert bool(row["suppressed"]) == bool(own["suppressed"]), o.da
        shown += not own["suppressed"]
        for c in ("n", "value", "ci_low", "ci_high"):
            assert row[c] == pytest.approx(own[c], rel=1e-12, nan_ok=True), (o.da, c)
    if CATALOGUE[code].page != "effekt" or dim in ("kommune", "gender"):  # the demo's forløb are few per school
        assert shown > 0, "a check that shows nothing compares nothing"
