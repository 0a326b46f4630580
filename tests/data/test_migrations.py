"""Migrations build exactly the schema the code declares, and an upgrade of a database that
already holds rows fills the derived tables it creates (on SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from data import derived, schema as s
from data.db import alembic_config, migrate
from tests.conftest import PG_URL, _drop_pg_schema, _postgres_engine, load_fixtures


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request, tmp_path):
    """An empty database of each kind, dropped afterwards."""
    if request.param == "sqlite":
        eng = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
        yield eng
        eng.dispose()
        return
    schema = f"indblik_mig_{tmp_path.name[-8:].lower().replace('-', '_')}"
    eng = _postgres_engine(schema)
    yield eng
    eng.dispose()
    if PG_URL:
        _drop_pg_schema(schema)


def _downgrade(engine: sa.Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _rows(conn, table) -> list[tuple]:
    return sorted((tuple(r) for r in conn.execute(sa.select(table)).all()), key=repr)


def _count(conn, table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_head_matches_the_declared_schema(fresh):
    migrate(fresh)
    with fresh.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), s.metadata)
    assert diff == []


def test_upgrade_fills_the_derived_tables_from_rows_already_there(fresh):
    migrate(fresh)
    with fresh.begin() as conn:
        load_fixtures(conn)
        derived.refresh_overgange(conn)  # the Effekt fixture adds 2020 snapshots after the Overgange one
        pupils = _rows(conn, s.pupil_summary)
        items = _rows(conn, s.survey_item_summary)
    assert len(pupils) > 40 and len(items) > 40
    _downgrade(fresh, "0001")  # as a database made before the Overgange and Effekt summaries
    migrate(fresh)
    with fresh.connect() as conn:
        without_keys = lambda rows: [r[:-1] for r in rows]  # noqa: E731 - key_sum is the last column
        assert without_keys(_rows(conn, s.pupil_summary)) == without_keys(pupils)
        assert without_keys(_rows(conn, s.survey_item_summary)) == without_keys(items)  # 0012 fills it
        # 0006 gave the children random record keys; the summary's key sums are theirs, year by year
        keys = dict(conn.execute(sa.select(s.child.c.id, s.child.c.record_key)).all())
        assert all(0 <= k < 2 ** 31 for k in keys.values()) and len(set(keys.values())) > len(keys) // 2
        snap, inst = s.placement_snapshot, s.institution
        pupils_2025 = conn.execute(sa.select(snap.c.child_id).join(inst, inst.c.id == snap.c.institution_id)
                                   .where(snap.c.school_year == 2025, inst.c.kind == "skole")).scalars().all()
        p = s.pupil_summary.c
        assert conn.execute(sa.select(sa.func.sum(p.key_sum)).where(p.school_year == 2025)).scalar() == sum(
            keys[c] for c in pupils_2025)
        assert _count(conn, s.forloeb_summary) == 7 + 4 + 5 + 10  # the forløb of tests/fixture_effekt.py
        f = s.forloeb_summary.c
        row = conn.execute(sa.select(f.pre, f.post, f.n_pre, f.n_post, f.n_goals, f.n_gas, f.sw, f.swx, f.gas,
                                     f.institution_id, f.start_year, f.klassetrin)
                           .where(f.child_id == 9001)).one()
        # child 9001 in LØFT Nord: SDQ 20 -> 12; goals GAS 2, 1, 1 (weight 1); school Alfa (id 1), 5. klasse 2020
        assert tuple(row) == (20.0, 12.0, 1, 1, 3, 3, 3.0, 4.0, True, 1, 2020, 5)
