"""Engine, migrations and the start-up check of the database.

`check(engine)` tells what state the database is in without changing it; `prepare(url)` is what
the app calls on start: it creates and fills the embedded SQLite default on first start, upgrades
it when the code is newer, and otherwise says in Danish what is wrong and what to do.
"""
from __future__ import annotations

import enum
import functools
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from data.config import DEFAULT_URL, database_url, settings

ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "data" / "migrations"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


# The pool, bounded: a Streamlit server runs every session's script in its own thread, and 100 viewers at
# once must not mean 100 connections. Queries are cached (ui.cache), and a cached query is computed once
# however many sessions ask for it, so a handful of connections serves a meeting (bench.load: at most 8 open
# with 100 sessions on an empty cache); a session that finds them all busy waits up to POOL_TIMEOUT seconds.
POOL_SIZE = 4        # connections kept open
MAX_OVERFLOW = 4     # more opened under load and closed again when returned
POOL_TIMEOUT = 60    # seconds a query waits for a free connection before it fails
# SQLite's page cache is per connection: 16 MiB each, so at most 8 x 16 MiB (the operating system's file
# cache holds the database file as well). It was 64 MiB: 8 connections could then take 512 MiB.
SQLITE_CACHE_KIB = 16384
# PostgreSQL plans for spinning disks by default (random_page_cost 4): it then reads all of forloeb_summary or
# survey_summary rather than one municipality's rows through their indexes. 1.1 is the usual value for SSD;
# Indblik sets it for its own sessions only (data.config: INDBLIK_PG_RANDOM_PAGE_COST, empty: the server's own).
# Measured on the full national data, one municipality: Effekt 660-714 -> 265-305 ms, Trivsel 213-233 -> 99-125
# ms, Overblik 541-583 -> 334-350 ms; the whole country is unchanged (README, Drift og skalering).


@functools.cache
def get_engine(url: str | None = None) -> sa.Engine:
    """One pooled engine per URL, with at most POOL_SIZE + MAX_OVERFLOW connections. SQLite gets foreign keys
    on, WAL, a busy timeout and a bounded page cache; PostgreSQL a liveness check on checkout (pool_pre_ping:
    a database restart costs one retry, not an error page), connections renewed after 30 minutes, and the
    planner's random_page_cost for SSD (data.config, INDBLIK_PG_RANDOM_PAGE_COST)."""
    url = url or database_url()
    pool = dict(pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW, pool_timeout=POOL_TIMEOUT)
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = sa.create_engine(url, connect_args={"timeout": 30}, **({} if memory else pool))

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - exercised by every SQLite test
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            cur.close()

        return engine
    engine = sa.create_engine(url, pool_pre_ping=True, pool_recycle=1800, **pool)
    cost = settings().pg_random_page_cost
    if cost is not None:
        @sa.event.listens_for(engine, "connect")
        def _planner(dbapi_conn, _record):  # a session setting: kept once set outside a transaction
            autocommit = dbapi_conn.autocommit
            dbapi_conn.autocommit = True
            with dbapi_conn.cursor() as cur:
                cur.execute(f"SET random_page_cost = {cost}")
            dbapi_conn.autocommit = autocommit
    return engine


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` with Alembic and fill the derived tables the applied
    migrations created (data.derived.FILLED_AFTER), all in one transaction.

    Migrations create derived tables empty; they are filled here, from the raw rows already in the
    database, by this release's refresh code, which matches the schema once the upgrade is done."""
    from data.derived import FILLED_AFTER

    cfg = alembic_config()
    with engine.begin() as conn:
        before = MigrationContext.configure(conn).get_current_revision()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        after = MigrationContext.configure(conn).get_current_revision()
        if before is None or after == before:
            return  # a new database has no rows to derive from
        applied = {r.revision for r in ScriptDirectory.from_config(cfg).iterate_revisions(after, before)}
        for rev, refresh in FILLED_AFTER.items():
            if rev in applied:
                refresh(conn)


class State(enum.Enum):
    READY = "ready"
    UNREACHABLE = "unreachable"
    EMPTY = "empty"              # no Indblik tables at all
    OUTDATED = "outdated"        # an older revision this code knows: upgrade
    UNKNOWN_VERSION = "unknown"  # a revision this code does not know: refuse
    NO_DATA = "no_data"          # schema fine, but no municipality yet


@dataclass(frozen=True)
class Status:
    state: State
    revision: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state is State.READY


def check(engine: sa.Engine) -> Status:
    """Look at the database without changing it."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current is None:
                return Status(State.EMPTY)
            if current not in known_revisions():
                return Status(State.UNKNOWN_VERSION, current)
            if current != head_revision():
                return Status(State.OUTDATED, current)
            from data.schema import municipality
            if conn.execute(sa.select(sa.func.count()).select_from(municipality)).scalar() == 0:
                return Status(State.NO_DATA, current)
            return Status(State.READY, current)
    except sa.exc.OperationalError as exc:
        return Status(State.UNREACHABLE, detail=str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc))
    except sa.exc.DBAPIError as exc:
        return Status(State.UNREACHABLE, detail=str(exc).splitlines()[0])


def is_embedded_default(url: str) -> bool:
    return url == DEFAULT_URL


def create_demo(engine: sa.Engine, scale: float = 1.0, seed: int | None = None, progress=None) -> dict:
    """Migrate and fill an empty database with the synthetic demo data, in one transaction.
    `progress(text, share)` is told what is being done (data.demo.generate)."""
    from data import demo

    migrate(engine)
    with engine.begin() as conn:
        counts = demo.generate(conn, scale=scale, progress=progress, **({"seed": seed} if seed is not None else {}))
    analyze(engine)
    return counts


def analyze(engine: sa.Engine) -> None:
    """Refresh the planner's statistics after a large load (both databases plan better with them).

    On PostgreSQL also VACUUM, so the covering indexes can be read without visiting the table
    (index-only scans need the visibility map); VACUUM cannot run inside a transaction."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def prepare(url: str | None = None, progress=None) -> Status:
    """Start-up: make the embedded default ready by itself; report anything else honestly.
    `progress(text, share)` follows the building of the demo database on a first start."""
    url = url or database_url()
    engine = get_engine(url)
    status = check(engine)
    if is_embedded_default(url):
        if status.state is State.EMPTY or status.state is State.NO_DATA:
            started = time.perf_counter()
            create_demo(engine, progress=progress)
            return Status(State.READY, head_revision(), f"Demodata oprettet på {time.perf_counter() - started:.0f} s")
        if status.state is State.OUTDATED:
            migrate(engine)
            return check(engine)
    return status


def message_da(status: Status, url: str) -> tuple[str, str]:
    """(headline, what to do) in Danish for a database that is not ready."""
    safe_url = sa.make_url(url).render_as_string(hide_password=True)
    match status.state:
        case State.UNREACHABLE:
            return ("Databasen kan ikke nås.",
                    f"Indblik kunne ikke forbinde til `{safe_url}` ({status.detail}). "
                    "Tjek at databaseserveren kører, og at INDBLIK_DATABASE_URL er rigtig. Prøv så igen.")
        case State.EMPTY:
            return ("Databasen er tom.",
                    f"`{safe_url}` har ingen Indblik-tabeller. Opret dem med "
                    "`python -m data.migrate`, og indlæs data (eller demodata med `python -m data.demo`).")
        case State.NO_DATA:
            return ("Databasen har ingen data endnu.",
                    "Tabellerne findes, men der er ingen kommuner. Indlæs data på siden Data, "
                    "eller demodata med `python -m data.demo`.")
        case State.OUTDATED:
            return ("Databasen har en ældre skemaversion.",
                    f"Version {status.revision} skal opgraderes til {head_revision()}: kør `python -m data.migrate`.")
        case State.UNKNOWN_VERSION:
            return ("Databasens skemaversion kendes ikke.",
                    f"Databasen har version '{status.revision}', som denne udgave af Indblik ikke kender "
                    f"(nyeste kendte er {head_revision()}). Indblik ændrer intet i den. Opdatér Indblik, "
                    "eller peg INDBLIK_DATABASE_URL på den rigtige database.")
    return ("Databasen er klar.", "")
