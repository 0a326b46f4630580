"""The app's PostgreSQL sessions plan for SSD: random_page_cost 1.1 (data.config, data.db.get_engine), kept across the
pool's rollbacks, switched off with an empty INDBLIK_PG_RANDOM_PAGE_COST, and refused in Danish when it is not a
number. With the default 4, PostgreSQL read the whole forloeb_summary for one municipality (README, Drift og
skalering)."""
import pytest
import sqlalchemy as sa

from data.config import SettingsError, settings
from data.db import get_engine
from tests.conftest import PG_URL, unavailable


@pytest.fixture()
def pg_url(monkeypatch):
    if not PG_URL:
        unavailable("PostgreSQL", "INDBLIK_TEST_POSTGRES_URL er ikke sat")
    settings.cache_clear()  # the settings are read afresh with each test's environment
    yield PG_URL
    settings.cache_clear()


def _cost(engine) -> str:
    with engine.connect() as conn:
        value = conn.execute(sa.text("SHOW random_page_cost")).scalar()
        conn.rollback()  # what the pool does when a connection is returned
    return value


def test_the_app_plans_for_ssd_on_every_connection(pg_url, monkeypatch):
    monkeypatch.delenv("INDBLIK_PG_RANDOM_PAGE_COST", raising=False)
    engine = get_engine.__wrapped__(pg_url)
    try:
        assert _cost(engine) == "1.1"
        assert _cost(engine) == "1.1"  # the same pooled connection, after the rollback
    finally:
        engine.dispose()


def test_an_empty_setting_leaves_the_server_s_own(pg_url, monkeypatch):
    monkeypatch.setenv("INDBLIK_PG_RANDOM_PAGE_COST", "")
    admin = sa.create_engine(pg_url)
    engine = get_engine.__wrapped__(pg_url)
    try:
        with admin.connect() as conn:
            server = conn.execute(sa.text("SHOW random_page_cost")).scalar()
        assert _cost(engine) == server
    finally:
        engine.dispose()
        admin.dispose()


def test_a_setting_that_is_no_number_is_refused_in_danish(pg_url, monkeypatch):
    monkeypatch.setenv("INDBLIK_PG_RANDOM_PAGE_COST", "hurtig")
    with pytest.raises(SettingsError, match="INDBLIK_PG_RANDOM_PAGE_COST skal være et tal over 0"):
        get_engine.__wrapped__(pg_url)
