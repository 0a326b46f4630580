"""bench.generate is deterministic: the same seed gives the same rows, on SQLite twice and on PostgreSQL."""
import sqlalchemy as sa

from bench.generate import build
from tests.conftest import fresh_database

SUMS = {"child": ("birth_year", "record_key"), "placement": ("institution_id",), "survey_response": ("record_key",),
        "survey_answer": ("value",), "survey_score": ("score",), "survey_summary": ("n", "sum_x", "key_sum"),
        "participation": ("record_key",), "measurement": ("score",), "goal": ("gas_score",),
        "placement_snapshot": ("institution_id",), "forloeb_summary": ("*",), "benchmark": ("value",)}


def fingerprint(engine: sa.Engine) -> dict:
    out = {}
    with engine.connect() as conn:
        for table, cols in SUMS.items():
            out[table] = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for c in cols:
                if c != "*":
                    v = conn.exec_driver_sql(f"SELECT sum({c}) FROM {table}").scalar()
                    out[f"{table}.{c}"] = round(float(v), 6) if v is not None else None
    return out


def test_demo_generation_is_deterministic(tmp_path_factory):
    seen = []
    for kind in ("sqlite", "sqlite", "postgresql"):
        with fresh_database(kind, tmp_path_factory) as engine:
            build(engine, "demo", fraction=0.005, seed=11)
            seen.append(fingerprint(engine))
    assert seen[0]["survey_answer"] > 0 and seen[0]["participation"] > 0 and seen[0]["placement"] > 0
    assert seen[0] == seen[1]
    assert seen[0] == seen[2]  # the same rows on PostgreSQL
