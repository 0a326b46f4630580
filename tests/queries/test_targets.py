"""Pejlemærker are added, changed and retired with their history kept; bad input gets a Danish error
naming the field and changes nothing (SQLite and PostgreSQL; every test rolls back)."""
import pytest
import sqlalchemy as sa

from data import schema as s
from queries import targets as t
from queries import pejlemaerker as q
from queries.filters import Filters, Scope

GOOD = t.Target(municipality_kode=530, area="skole", kpi_code="inklusionsgrad", title="Flere i almenklasse",
                school_year=2025, target_value=0.75, direction="higher")


def _rows(conn):
    return conn.execute(sa.select(s.target.c.id, s.target.c.target_value, s.target.c.retired_at, s.target.c.replaces_id)
                        .order_by(s.target.c.id)).all()


def test_add_change_retire_keep_the_history(tx):
    first = t.add(tx, GOOD, by="admin@kommune.dk")
    # Billund 2025: 59 of 77 ordinary = 76,6 % (tests/queries/test_overgange.py); interval 66,1-84,7 % (Wilson)
    # contains 75 %: "på vej"
    status = q.status(tx, Filters(), Scope(), 530).set_index("id")
    assert status.loc[first, "value"] == pytest.approx(59 / 77) and status.loc[first, "status"] == "paa_vej"
    second = t.change(tx, first, t.Target(**{**GOOD.__dict__, "target_value": 0.60}), by="admin@kommune.dk")
    # 60 % lies below the whole interval: reached
    assert q.status(tx, Filters(), Scope(), 530).set_index("id").loc[second, "status"] == "naaet"
    rows = _rows(tx)
    assert [r.id for r in rows] == [first, second] and rows[0].retired_at is not None and rows[1].replaces_id == first
    t.retire(tx, second, by="admin@kommune.dk")
    assert q.in_force(tx, 530).empty and len(_rows(tx)) == 2  # nothing deleted
    with pytest.raises(t.TargetError, match="allerede trukket tilbage"):
        t.retire(tx, second, by="admin@kommune.dk")


@pytest.mark.parametrize("field, value, message", [
    ("kpi_code", "trivsel_ukendt", "Nøgletal: koden »trivsel_ukendt« findes ikke i nøgletalskataloget."),
    ("target_value", 1.5, "Mål: 1.5 ligger uden for nøgletallets skala (0-1) for Inklusionsgrad."),
    ("school_year", 2030, "Skoleår: 2030/31 har ingen data i databasen (data dækker 2020/21-2025/26)."),
    ("area", "gymnasium", "Område: »gymnasium« er ikke et område"),
    ("municipality_kode", 999, "Kommune: kommunekoden 999 findes ikke."),
])
def test_bad_input_is_refused_in_danish_and_changes_nothing(tx, field, value, message):
    before = _rows(tx)
    with pytest.raises(t.TargetError) as err:
        t.add(tx, t.Target(**{**GOOD.__dict__, field: value}), by="admin@kommune.dk")
    assert str(err.value).startswith(message)
    assert _rows(tx) == before
