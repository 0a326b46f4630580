"""The importer's guarantees (issue #14), on SQLite and PostgreSQL: Danish formats, refusals that write
nothing but an 'afvist' history row, idempotent re-imports, dry runs, templates, the command line, and
two concurrent imports that do not interleave."""
from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from data import schema as s
from data.db import migrate
from data.importer import KINDS, ImportRefused, check, load, template
from data.importer.__main__ import main
from tests.conftest import fresh_database

INST = "institutionsnummer;navn;kommunekode;kommune;distrikt;type;tilbud;specialform\n"
ITEMS = ";".join(f"spm_{i}" for i in range(1, 41))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as eng:
        migrate(eng)
        load(eng, "institutioner", "org.csv", (INST + "280101;Nordskolen;530;Billund;;skole;almen;\n").encode(),
             actor="test")
        load(eng, "boern", "b.csv", b"barn_id;foedselsaar;koen\n1;2014;dreng\n2;2015;pige\n", actor="test")
        yield eng


def dump(engine) -> dict:
    """Every data table's rows (not the import history or the audit log)."""
    out = {}
    with engine.connect() as c:
        for t in s.metadata.sorted_tables:
            if t.name not in ("import_batch", "audit_event"):
                out[t.name] = sorted(tuple(map(repr, r)) for r in c.execute(sa.select(t)))
    return out


def refused(engine, kind, content, name="fil.csv"):
    before = dump(engine)
    with pytest.raises(ImportRefused) as exc:
        load(engine, kind, name, content, actor="test")
    assert dump(engine) == before
    return exc.value.plan.problems


def test_windows_1252_semicolons_and_danish_names(engine):
    content = (INST + "280201;Ærøskolen på Øen;530;;Syd;skole;almen;\n").encode("cp1252")
    plan = load(engine, "institutioner", "cp1252.csv", content, actor="test")
    assert plan.added == 1
    with engine.connect() as c:
        assert c.execute(sa.select(s.institution.c.name).where(s.institution.c.institutionsnummer == "280201")
                         ).scalar() == "Ærøskolen på Øen"


def test_comma_separated_xlsx_and_the_templates_are_read_alike(engine):
    for kind in KINDS:
        for fmt in ("csv", "xlsx"):
            assert template(kind, fmt)[:3] in (b"\xef\xbb\xbf", b"PK\x03")
    text = template("boern", "csv").decode("utf-8-sig").splitlines()
    assert text == ["barn_id;foedselsaar;koen", "1001;2014;dreng", "1002;2015;pige"]
    with engine.connect() as c:
        csv_plan = check(c, "boern", "t.csv", b"barn_id,foedselsaar,koen\n1001,2014,dreng\n1002,2015,pige\n")
        xlsx_plan = check(c, "boern", "t.xlsx", template("boern", "xlsx"))
    assert (csv_plan.ok, csv_plan.added, xlsx_plan.ok, xlsx_plan.added) == (True, 2, True, 2)


def test_the_same_file_twice_changes_nothing(engine):
    content = b"barn_id;foedselsaar;koen\n7;2016;pige\n"
    assert load(engine, "boern", "syv.csv", content, actor="test").added == 1
    before = dump(engine)
    plan = load(engine, "boern", "syv.csv", content, actor="test")
    assert (plan.added, plan.changed, plan.unchanged, plan.already_imported) == (0, 0, 1, True)
    assert dump(engine) == before
    with engine.connect() as c:
        assert c.execute(sa.select(s.import_batch.c.outcome).order_by(s.import_batch.c.id.desc())).first()[0] \
            == "uændret"


def test_a_dry_run_counts_and_writes_nothing(engine):
    before = dump(engine)
    with engine.connect() as c:
        n = c.execute(sa.select(sa.func.count()).select_from(s.import_batch)).scalar()
    plan = load(engine, "boern", "ny.csv", b"barn_id;foedselsaar;koen\n8;2016;pige\n1;2014;pige\n", actor="t",
                dry_run=True)
    assert (plan.added, plan.changed) == (1, 1)
    assert dump(engine) == before
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(s.import_batch)).scalar() == n


def test_a_refusal_is_recorded_as_afvist_with_the_first_problems(engine):
    problems = refused(engine, "boern", b"barn_id;foedselsaar;koen\n9;2016;x\n9;20x6;pige\n")
    texts = [p.text() for p in problems]
    assert "fil.csv, række 2, kolonne 'koen': 'x' er ikke 'dreng' eller 'pige'" in texts
    assert "fil.csv, række 3, kolonne 'foedselsaar': '20x6' er ikke et helt tal" in texts
    with engine.connect() as c:
        outcome, message = c.execute(sa.select(s.import_batch.c.outcome, s.import_batch.c.message)
                                     .order_by(s.import_batch.c.id.desc())).first()
    assert outcome == "afvist" and "'x' er ikke 'dreng' eller 'pige'" in message


def test_a_file_over_the_size_limit_is_refused(engine, monkeypatch):
    from data.config import settings
    monkeypatch.setenv("INDBLIK_IMPORT_MAX_MB", "1")
    settings.cache_clear()
    try:
        problems = refused(engine, "boern", b"barn_id;foedselsaar;koen\n" + b"10;2016;pige\n" * 200_000)
    finally:
        monkeypatch.delenv("INDBLIK_IMPORT_MAX_MB")
        settings.cache_clear()
    assert problems[0].message == "Filen er 2 MB; grænsen er 1 MB (INDBLIK_IMPORT_MAX_MB)."


def test_a_file_of_another_kind_is_named(engine):
    problems = refused(engine, "institutioner", b"barn_id;institutionsnummer;tilbudsform;startdato\n1;280101;almen;"
                                                b"01-08-2020\n")
    assert [p.message for p in problems] == [
        "filen ligner en fil med placeringer ('placeringer'), ikke institutioner ('institutioner'); vælg den rigtige "
        "slags"]


def test_cpr_numbers_are_refused_anywhere_and_never_echoed(engine):
    problems = refused(engine, "institutioner", (INST + "280301;Skole 010190-1234;530;;;skole;almen;\n"
                                                 "280302;Skole;530;;0101901234;skole;almen;\n").encode())
    assert [(p.row, p.column) for p in problems] == [(2, "navn"), (3, "distrikt")]
    assert all("ligner et CPR-nummer" in p.text() and "1234" not in p.text() for p in problems)
    # ten digits that are no date (day 45) are no CPR number
    with engine.connect() as c:
        assert check(c, "boern", "f.csv", b"barn_id;foedselsaar;koen\n4513901234;2014;pige\n").problems[0].message \
            == "skal ligge mellem 1 og 2.147.483.647"


def test_a_survey_file_never_carries_a_child_id(engine):
    content = f"besvarelse;barn_id;institutionsnummer;skoleaar;klassetrin;koen;{ITEMS}\n".encode()
    problems = refused(engine, "trivsel", content + b"1;1;280101;2024/25;5;dreng;" + b"4;" * 39 + b"4\n")
    assert [(p.row, p.column) for p in problems] == [(1, "barn_id")]


def test_answers_outside_the_options_are_refused(engine):
    head = f"besvarelse;institutionsnummer;skoleaar;klassetrin;koen;{ITEMS}\n".encode()
    row = b"1;280101;2024/25;5;dreng;6;" + b"4;" * 38 + b"4\n"          # 6 on a 1-5 scale
    small = b"2;280101;2024/25;2;pige;4" + b";" * 39 + b"\n"             # 0.-3. klasse answer 1-3
    problems = refused(engine, "trivsel", head + row + small)
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (2, "spm_1", "6", "er ikke en af svarmulighederne 1-5"),
        (3, "spm_1", "4", "er ikke en af svarmulighederne 1-3")]


def test_cli_summary_exit_codes_and_help(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"  # the command line opens its own engine from a URL
    eng = sa.create_engine(url)
    migrate(eng)
    eng.dispose()
    good = tmp_path / "boern.csv"
    good.write_bytes(b"barn_id;foedselsaar;koen\n20;2016;pige\n21;2016;dreng\n")
    assert main(["boern", str(good), "--database-url", url, "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == "boern: 2 rækker, 2 nye, 0 ændrede, 0 uændrede — prøvekørsel, intet skrevet"
    assert main(["boern", str(good), "--database-url", url, "--af", "it@billund.dk"]) == 0
    assert capsys.readouterr().out.strip() == "boern: 2 rækker, 2 nye, 0 ændrede, 0 uændrede — skrevet"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"barn_id;foedselsaar;koen\n" + b"x;2016;pige\n" * 60)
    assert main(["boern", str(bad), "--database-url", url]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Filen er afvist; intet er skrevet (60 fejl):"
    assert err[1] == "bad.csv, række 2, kolonne 'barn_id': 'x' er ikke et helt tal"
    assert len(err) == 52 and err[-1] == "og 10 fejl mere"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(k in out for k in KINDS) and "Trivselsmåling (besvarelser)" in out


def test_two_concurrent_imports_do_not_interleave(engine):
    events: list[tuple[str, str, float]] = []

    def run(name: str, nr: str, pause: float):
        def progress(fraction, text):
            events.append((name, text, time.perf_counter()))
            if text == "Skriver":
                time.sleep(pause)  # hold the write transaction open a while
        load(engine, "institutioner", f"{name}.csv", (INST + f"{nr};Skole {name};530;;;skole;almen;\n").encode(),
             actor=name, progress=progress)

    a = threading.Thread(target=run, args=("a", "280401", 0.6))
    b = threading.Thread(target=run, args=("b", "280402", 0.0))
    a.start()
    time.sleep(0.2)
    b.start()
    a.join()
    b.join()
    span = {n: [t for name, text, t in events if name == n and text in ("Skriver", "Færdig")] for n in "ab"}
    first, second = sorted(span.values())
    assert len(first) == len(second) == 2 and first[1] <= second[0]  # one write transaction after the other
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).where(s.institution.c.institutionsnummer.in_(
            ["280401", "280402"]))).scalar() == 2
