"""The shared caches are keyed by the filters, the role's scope and the view (ui.cache's own key text): a result
built for one role or selection must never be served to another, and equal ones must share it."""
import pytest

from queries.filters import Filters, Scope
from ui import cache
from ui.view import View

built: list[tuple] = []


def _builder(*args):
    built.append(args)
    return len(built)


@pytest.fixture(autouse=True)
def empty(monkeypatch, sqlite_fixture_url):
    monkeypatch.setenv("INDBLIK_DATABASE_URL", sqlite_fixture_url)
    built.clear()
    cache.changed()
    yield
    cache.changed()


LEADER = Scope(label="Leder", institution_ids=frozenset({1, 2, 3}), municipality_kode=169, role="leder", own=frozenset({2}))


@pytest.mark.parametrize("other", [
    Scope(label="Leder", institution_ids=frozenset({1, 2, 4}), municipality_kode=169, role="leder", own=frozenset({2})),
    Scope(label="Leder", institution_ids=frozenset({1, 2, 3}), municipality_kode=169, role="leder", own=frozenset({3})),
    Scope(label="Leder", institution_ids=frozenset({1, 2, 3}), municipality_kode=167, role="leder", own=frozenset({2})),
    Scope(label="Leder", institution_ids=None, municipality_kode=169, role="leder", own=frozenset({2})),
    Scope(label="Leder", institution_ids=frozenset({1, 2, 3}), municipality_kode=169, role="udvalg", own=frozenset({2})),
])
def test_another_scope_is_built_anew(other):
    f, view = Filters(kommune=169), View()
    assert cache.drawn(_builder, f, LEADER, view) == 1
    assert cache.drawn(_builder, f, other, view) == 2
    assert cache.drawn(_builder, f, LEADER, view) == 1  # and the first is still the first


@pytest.mark.parametrize("other", [Filters(kommune=167), Filters(kommune=169, years=(2021, 2022)),
                                   Filters(kommune=169, gender="Pige"), Filters()])
def test_other_filters_or_view_are_built_anew(other):
    f = Filters(kommune=169, years=(2021, 2023))
    assert cache.drawn(_builder, f, LEADER, View()) == 1
    assert cache.drawn(_builder, other, LEADER, View()) == 2
    assert cache.drawn(_builder, f, LEADER, View(lang="en")) == 3
    assert cache.drawn(_builder, f, LEADER, View(projector=True)) == 4
    assert cache.drawn(_builder, f, LEADER, View(min_n=10)) == 5


def test_equal_values_share_one_result_however_their_sets_were_built():
    a = Scope(label="Leder", institution_ids=frozenset([1, 9, 17]), role="leder", own=frozenset({2}))
    b = Scope(label="Leder", institution_ids=frozenset([17, 9, 1]), role="leder", own=frozenset({2}))
    assert list(a.institution_ids) != list(b.institution_ids)  # equal sets, iterated in another order
    assert cache.drawn(_builder, Filters(kommune=169), a, View()) == cache.drawn(_builder, Filters(kommune=169), b, View())
    assert len(built) == 1


def test_a_query_result_is_keyed_the_same_way():
    def counted(conn, filters, scope):
        built.append((filters, scope))
        return len(built)
    counted.__qualname__ = "test_cache_keys.counted"
    assert cache.run(counted, Filters(kommune=169), LEADER) == 1
    assert cache.run(counted, Filters(kommune=169), LEADER) == 1
    assert cache.run(counted, Filters(kommune=169), Scope()) == 2


def test_an_argument_that_is_not_plain_is_keyed_by_its_content():
    import numpy as np  # a frame or an array: Streamlit's own hashing keys it, not ui.cache's text
    f = Filters(kommune=169)
    assert cache.drawn(_builder, f, np.array([1, 2])) == 1
    assert cache.drawn(_builder, f, np.array([1, 2])) == 1
    assert cache.drawn(_builder, f, np.array([1, 3])) == 2
    assert cache.drawn(_builder, f, (1, 2)) == 3  # the same values as plain ones: another key, never another's result


def test_a_number_and_its_text_are_different_keys():
    assert cache.drawn(_builder, 1) == 1
    assert cache.drawn(_builder, "1") == 2
    assert cache.drawn(_builder, 1.5) == 3
