"""Shared fixtures: the hand-made database on SQLite and on PostgreSQL.

PostgreSQL comes from INDBLIK_TEST_POSTGRES_URL. Without it, or when it cannot be reached, the
PostgreSQL variants skip — except under CI=true, where that is a failure.
"""
from __future__ import annotations

import contextlib
import os
import uuid

import pytest
import sqlalchemy as sa

from data.db import migrate
from tests import fixture_data, fixture_effekt, fixture_overgange

FIXTURES = (fixture_data, fixture_overgange, fixture_effekt)

CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("INDBLIK_TEST_POSTGRES_URL")


def unavailable(what: str, why: str) -> None:
    """A database or browser the suite needs is missing: a failure under CI=true, else a skip that
    names what is missing (so a developer without PostgreSQL can still run the rest)."""
    if CI:
        pytest.fail(f"CI=true, men {what} mangler: {why}. Under CI må ingen test springes over.")
    pytest.skip(f"{what} mangler: {why}")


def require_chromium() -> None:
    from tests.browser.server import CHROMIUM
    if not os.path.exists(CHROMIUM):
        unavailable("Debians chromium", "installér pakken chromium (apt-get install chromium)")


def load_fixtures(conn, keys=None) -> None:
    """The hand-made data; record keys 0 (unperturbed) unless `keys` (a numpy Generator) draws them."""
    for module in FIXTURES:
        module.load(conn, keys)


def _postgres_engine(schema: str) -> sa.Engine:
    if not PG_URL:
        unavailable("PostgreSQL", "INDBLIK_TEST_POSTGRES_URL er ikke sat")
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as exc:
        unavailable("PostgreSQL", f"{PG_URL} kan ikke nås ({exc.orig})")
    finally:
        admin.dispose()
    return sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})


def _drop_pg_schema(schema: str) -> None:
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@contextlib.contextmanager
def fresh_database(kind: str, tmp_path_factory):
    """An empty database of `kind` ('sqlite' | 'postgresql'): a new SQLite file, or a new PostgreSQL
    schema (dropped afterwards)."""
    if kind == "sqlite":
        engine, schema = sa.create_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"), None
    else:
        schema = f"indblik_test_{uuid.uuid4().hex[:10]}"
        engine = _postgres_engine(schema)
    try:
        yield engine
    finally:
        engine.dispose()
        if schema:
            _drop_pg_schema(schema)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    """A migrated database holding tests/fixture_data.py, on each database kind."""
    with fresh_database(request.param, tmp_path_factory) as eng:
        migrate(eng)
        with eng.begin() as conn:
            load_fixtures(conn)
        yield eng


@pytest.fixture()
def conn(engine):
    with engine.connect() as c:
        yield c


@pytest.fixture()
def tx(conn):
    """A connection in a transaction that is rolled back after the test (for tests that write)."""
    trans = conn.begin()
    yield conn
    trans.rollback()


@pytest.fixture()
def threshold(monkeypatch):
    """Set the suppression threshold of every domain (INDBLIK_MIN_N and INDBLIK_MIN_N_TRIVSEL) for one
    test: `threshold(3)`."""
    from data.config import settings

    def set_threshold(k: int) -> None:
        monkeypatch.setenv("INDBLIK_MIN_N", str(k))
        monkeypatch.setenv("INDBLIK_MIN_N_TRIVSEL", str(k))
        settings.cache_clear()
    yield set_threshold
    settings.cache_clear()  # before monkeypatch restores the environment: the next call reads it afresh


@pytest.fixture()
def unsuppressed(monkeypatch):
    """Suppression off (a threshold of 1, which no setting allows): for checking the maths of figures
    that the hand-made fixture's groups are too small to show. Never for a privacy test."""
    from data.config import Settings
    from queries import privacy
    monkeypatch.setattr(privacy, "settings", lambda: Settings(min_n=1, min_n_trivsel=1))


def sqlite_file(tmp_path_factory, name: str, *loaders) -> str:
    """The URL of a new migrated SQLite file holding the hand-made data and whatever `loaders` add."""
    url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'fixture.db'}"
    eng = sa.create_engine(url)
    migrate(eng)
    with eng.begin() as c:
        load_fixtures(c)
        for load in loaders:
            load(c)
    eng.dispose()
    return url


@pytest.fixture(scope="session")
def sqlite_fixture_url(tmp_path_factory) -> str:
    """A SQLite file with the hand-made data, for page tests (AppTest)."""
    return sqlite_file(tmp_path_factory, "app")
