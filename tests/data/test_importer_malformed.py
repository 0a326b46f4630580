"""Malformed files, property-tested with hypothesis, on SQLite and PostgreSQL: whatever is wrong with a
file (wrong encoding, a missing column, text in a number column, a duplicated key, injection-like or
CPR-like values, a truncated last row, garbage bytes), the import is refused with a clear Danish
problem naming the row and column where there is one — and every data table is exactly as before
(a dump of all tables but the import history and the audit log, before and after)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import schema as s
from data.db import migrate
from data.importer import ImportRefused, load
from tests.conftest import fresh_database

HEADER = ["barn_id", "institutionsnummer", "tilbudsform", "startdato", "slutdato"]
VALID = [["1", "280101", "almen", "01-08-2020", ""], ["2", "280101", "almen", "2020-08-01", "30-06-2023"],
         ["2", "280102", "specialskole", "01-08-2023", ""], ["3", "280101", "almen", "01.10.2023", ""]]
NUMBER_COLUMNS = {"barn_id": 0}
INJECTION = ["'; DROP TABLE child; --", "1 OR 1=1", "1); DELETE FROM placement; --", "=cmd|' /C calc'!A0",
             "<script>alert(1)</script>", "${jndi:ldap://x}", "1e9999", "NaN", "-1", "０１"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as eng:
        migrate(eng)
        inst = ("institutionsnummer;navn;kommunekode;kommune;distrikt;type;tilbud;specialform\n"
                "280101;Nordskolen;530;Billund;;skole;almen;\n280102;Åskolen;530;;;skole;special;specialskole\n")
        load(eng, "institutioner", "i.csv", inst.encode(), actor="t")
        load(eng, "boern", "b.csv", b"barn_id;foedselsaar;koen\n1;2014;dreng\n2;2014;pige\n3;2015;pige\n", actor="t")
        load(eng, "placeringer", "p.csv", text(VALID[:2]).encode(), actor="t")
        yield eng


def text(rows, sep=";", header=HEADER) -> str:
    return "\r\n".join(sep.join(r) for r in [header] + rows) + "\r\n"


def dump(engine) -> dict:
    with engine.connect() as c:
        return {t.name: sorted(tuple(map(repr, r)) for r in c.execute(sa.select(t)))
                for t in s.metadata.sorted_tables if t.name not in ("import_batch", "audit_event")}


@st.composite
def malformed(draw):
    """(file bytes, the row and column a problem must name, or None where the file as a whole is bad)."""
    rows = [list(r) for r in VALID]
    sep = draw(st.sampled_from([";", ","]))
    how = draw(st.sampled_from(["encoding", "missing", "number", "duplicate", "injection", "cpr", "truncated",
                                "garbage", "date", "choice"]))
    r = draw(st.integers(0, len(rows) - 1))
    if how == "encoding":  # UTF-16 (what Excel's "Unicode text" writes), or Latin-1 bytes after a UTF-8 BOM
        enc = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32"]))
        return text(rows, sep).encode(enc), None
    if how == "missing":
        col = draw(st.sampled_from(HEADER[:4]))
        i = HEADER.index(col)
        header = [h for h in HEADER if h != col]
        return text([x[:i] + x[i + 1:] for x in rows], sep, header).encode(), (1, col)
    if how == "number":
        rows[r][0] = draw(st.text(alphabet="abcæøå xyz!?", min_size=1, max_size=8).filter(str.strip))
        return text(rows, sep).encode(), (r + 2, "barn_id")
    if how == "duplicate":
        rows.insert(r + 1, list(rows[r]))
        return text(rows, sep).encode(), (r + 2, None)
    if how == "injection":
        rows[r][draw(st.sampled_from([0, 2, 3]))] = draw(st.sampled_from(INJECTION)).replace(sep, " ")
        return text(rows, sep).encode(), (r + 2, None)
    if how == "cpr":
        day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
        cpr = f"{day:02d}{month:02d}{draw(st.integers(0, 99)):02d}{draw(st.sampled_from(['-', '']))}" \
              f"{draw(st.integers(0, 9999)):04d}"
        c = draw(st.integers(0, len(HEADER) - 1))
        rows[r][c] = cpr if c else cpr.replace("-", "")
        return text(rows, sep).encode(), (r + 2, HEADER[c])
    if how == "truncated":  # cut inside the last row: fewer fields, or a cut-off value
        data = text(rows, sep).rstrip("\r\n")
        last = data.rfind("\n") + 1
        cut = draw(st.integers(last + 1, len(data) - 3))
        return data[:cut].encode(), (len(rows) + 1, None)
    if how == "garbage":
        junk = draw(st.binary(min_size=4, max_size=40).filter(lambda b: any(x < 9 or 13 < x < 32 for x in b)))
        return text(rows, sep).encode() + junk, None
    if how == "date":
        rows[r][3] = draw(st.sampled_from(["31-02-2024", "2024-13-01", "1/8", "i går", "01-08-24", "2024/25"]))
        return text(rows, sep).encode(), (r + 2, "startdato")
    rows[r][2] = draw(st.sampled_from(["Almen", "special", "specialklase", "x"]))
    return text(rows, sep).encode(), (r + 2, "tilbudsform")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=malformed())
def test_a_malformed_file_is_refused_and_changes_nothing(engine, case):
    content, where = case
    before = dump(engine)
    with pytest.raises(ImportRefused) as exc:
        load(engine, "placeringer", "fil.csv", content, actor="hypothesis")
    assert dump(engine) == before
    problems = exc.value.plan.problems
    assert problems and all(p.file == "fil.csv" and p.message for p in problems)
    assert all(p.text().startswith("fil.csv") for p in problems)
    if where is not None:
        row, column = where
        assert any(p.row == row and (column is None or p.column == column) for p in problems), \
            [p.text() for p in problems]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sep=st.sampled_from([";", ","]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       crlf=st.booleans())
def test_the_same_file_twice_changes_nothing(engine, sep, encoding, crlf):
    content = text(VALID[:2], sep).encode(encoding)
    content = content if crlf else content.replace(b"\r\n", b"\n")
    before = dump(engine)
    plan = load(engine, "placeringer", "igen.csv", content, actor="hypothesis")
    assert (plan.added, plan.changed, plan.unchanged) == (0, 0, 2)
    assert dump(engine) == before
