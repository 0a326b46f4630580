"""Users, roles and the audit log (data.access keeps them, queries.access turns a login into a scope) on SQLite
and PostgreSQL; every test rolls back."""
import datetime as dt

import pytest
import sqlalchemy as sa

from data import schema as s
from data import access as store
from data.access import AccessError, User
from queries import access
from tests.fixture_data import ALFA, BETA, GAMMA


def test_a_login_gets_the_role_and_scope_saved_for_it(tx):
    store.save(tx, User("Anna.Berg@Billund.dk", "leder", 530, frozenset({ALFA, BETA}), "Anna Berg"), by="it@billund.dk")
    scope = access.scope_for(tx, ["ANNA.BERG@billund.dk"])  # e-mail addresses compare without case
    assert (scope.role, scope.municipality_kode, scope.own) == ("leder", 530, frozenset({ALFA, BETA}))
    assert scope.label == "Leder · Alfa Skole, Beta Skole"
    # the first of the login's identities that is known wins; an unknown login has no role
    store.save(tx, User("00000000-aaaa-bbbb-cccc-000000000001", "udvalg", 530), by="it")
    assert access.scope_for(tx, ["nobody@x.dk", "00000000-aaaa-bbbb-cccc-000000000001"]).role == "udvalg"
    assert access.scope_for(tx, ["nobody@x.dk"]) is None
    assert access.scope_for(tx, []) is None


def test_changing_a_user_replaces_its_role_and_institutions(tx):
    store.save(tx, User("anna@billund.dk", "leder", 530, frozenset({ALFA})), by="it")
    store.save(tx, User("anna@billund.dk", "forvaltning", 530), by="chef")
    scope = access.scope_for(tx, ["anna@billund.dk"])
    assert (scope.role, scope.own) == ("forvaltning", frozenset())
    row = store.users(tx).set_index("subject").loc["anna@billund.dk"]
    assert (row["role"], row["kommune"], row["institutions"], row["changed_by"]) == ("forvaltning", "Billund", "", "chef")
    store.remove(tx, "ANNA@billund.dk", by="chef")
    assert access.scope_for(tx, ["anna@billund.dk"]) is None
    assert tx.execute(sa.select(sa.func.count()).select_from(s.app_user_institution)).scalar() == 0


@pytest.mark.parametrize("user, words", [
    (User("ikke en adresse", "leder", 530, frozenset({ALFA})), "ikke en adresse"),
    (User("a@b.dk", "rektor", 530), "rektor"),
    (User("a@b.dk", "leder", 530), "mindst én institution"),
    (User("a@b.dk", "leder", 530, frozenset({GAMMA})), "ikke i kommune 530"),
    (User("a@b.dk", "leder", 530, frozenset({999})), "999 findes ikke"),
    (User("a@b.dk", "udvalg", None), "skal have en kommune"),
    (User("a@b.dk", "forvaltning", 999), "999 findes ikke"),
    (User("a@b.dk", "forvaltning", 530, frozenset({ALFA})), "Kun en leder"),
])
def test_a_bad_user_is_refused_in_danish_and_nothing_is_written(tx, user, words):
    before = tx.execute(sa.select(sa.func.count()).select_from(s.app_user)).scalar()
    with pytest.raises(AccessError, match=words):
        store.save(tx, user, by="it")
    assert tx.execute(sa.select(sa.func.count()).select_from(s.app_user)).scalar() == before


def test_the_audit_log_keeps_who_what_and_where_but_no_figure_and_forgets_old_rows(tx):
    store.record(tx, "anna@billund.dk", "Leder · Alfa Skole", "side", "trivsel", "kommune=530&aar=2024-2025")
    store.record(tx, "anna@billund.dk", "Leder · Alfa Skole", "eksport", "trivsel", "kommune=530", "trivsel_social.csv")
    tx.execute(s.audit_event.insert().values(at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400),
                                             actor="old@x.dk", role="r", event="side", page="overblik"))
    log = store.audit_log(tx)
    assert list(log["event"][:2]) == ["eksport", "side"]  # newest first
    assert log.iloc[0][["page", "selection", "detail"]].tolist() == ["trivsel", "kommune=530", "trivsel_social.csv"]
    assert store.prune(tx, 365) == 1
    assert set(store.audit_log(tx)["actor"]) == {"anna@billund.dk"}
    with pytest.raises(ValueError):
        store.record(tx, "a", "r", "kigget")


def test_real_data_are_told_from_made_up_data(tx):
    assert not access.holds_real_data(tx)  # the fixture: one batch of kind "test"
    tx.execute(s.import_batch.insert().values(kind="trivsel", file_name="trivsel_2025.csv", sha256="1" * 64, rows=10,
                                              imported_by="it", imported_at=dt.datetime.now(dt.timezone.utc), outcome="ok"))
    assert access.holds_real_data(tx)
    tx.execute(s.import_batch.delete())  # children and no batch saying where they came from: treated as real
    assert access.holds_real_data(tx)


def test_the_demo_roles_cover_every_kind(tx):
    roles = access.demo_roles(tx)
    kinds = {r.role for r in roles}
    assert kinds == {"admin", "forvaltning", "leder", "udvalg"}
    alfa = next(r for r in roles if r.label == "Skoleleder: Alfa Skole")
    assert (alfa.municipality_kode, alfa.own) == (530, frozenset({ALFA}))


def test_saved_views_are_one_s_own_and_the_shared_ones_and_only_the_owner_deletes(tx):
    mine = store.save_view(tx, "anna@billund.dk", "Mine piger", "trivsel", "kommune=530&koen=pige", False)
    store.save_view(tx, "bo@billund.dk", "Udvalget maj", "overgange", "kommune=530", True)
    store.save_view(tx, "bo@billund.dk", "Kladde", "effekt", "kommune=530", False)
    assert list(store.views(tx, "anna@billund.dk")["name"]) == ["Mine piger", "Udvalget maj"]  # own first, then shared
    assert store.save_view(tx, "anna@billund.dk", "Mine piger", "trivsel", "kommune=530", False) == mine  # same name: updated
    with pytest.raises(AccessError, match="Kun den, der gemte visningen"):
        store.delete_view(tx, mine, "bo@billund.dk")
    store.delete_view(tx, mine, "anna@billund.dk")
    assert list(store.views(tx, "anna@billund.dk")["name"]) == ["Udvalget maj"]
    with pytest.raises(AccessError, match="Giv visningen et navn"):
        store.save_view(tx, "anna@billund.dk", "  ", "trivsel", "", False)
