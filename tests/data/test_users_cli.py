"""`python -m data.users`: the administrator's command for users and roles (the Data page's twin)."""
import pytest
import sqlalchemy as sa

from data import schema as s
from data.users import main
from tests.conftest import sqlite_file
from tests.fixture_data import ALFA


@pytest.fixture()
def url(tmp_path_factory):
    return sqlite_file(tmp_path_factory, "users")


def test_add_change_list_and_remove(url, capsys):
    # Alfa Skole's institutionsnummer is 530001 (tests/fixture_data.py)
    assert main(["--database-url", url, "--af", "it@billund.dk", "add", "Anna@Billund.dk", "--rolle", "leder",
                 "--kommune", "530", "--institution", "530001", "--navn", "Anna Berg"]) == 0
    assert capsys.readouterr().out.strip() == "Gemt: Leder · Alfa Skole (anna@billund.dk)."
    engine = sa.create_engine(url)
    with engine.connect() as c:
        assert c.execute(sa.select(s.app_user_institution.c.institution_id)).scalars().all() == [ALFA]
        assert c.execute(sa.select(s.app_user.c.created_by)).scalar() == "it@billund.dk"
    assert main(["--database-url", url, "list"]) == 0
    listed = capsys.readouterr().out
    assert "anna@billund.dk" in listed and "Anna Berg" in listed and "Alfa Skole" in listed
    assert main(["--database-url", url, "remove", "anna@billund.dk"]) == 0
    assert "har ikke længere adgang" in capsys.readouterr().out
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(s.app_user)).scalar() == 0
    engine.dispose()


@pytest.mark.parametrize("args, words", [
    (["add", "a@b.dk", "--rolle", "leder", "--kommune", "530", "--institution", "999999"], "»999999«"),
    (["add", "a@b.dk", "--rolle", "udvalg"], "skal have en kommune"),
    (["remove", "nobody@b.dk"], "ingen bruger med login »nobody@b.dk«"),
])
def test_a_refused_change_exits_2_with_a_danish_message_and_writes_nothing(url, capsys, args, words):
    assert main(["--database-url", url, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Intet ændret:") and words in err
    engine = sa.create_engine(url)
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(s.app_user)).scalar() == 0
    engine.dispose()
