"""Sections drawn once and shared between sessions (ui.cache.drawn, @slide(shared=True)) show exactly what a
fresh build shows: the second viewer of a link gets the first one's figures, byte for byte, and after a data
change (ui.cache.changed) they are built again."""
import pytest

from ui import cache


def specs(at) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["trivsel", "overgange"])
def test_a_second_viewer_sees_the_same_figures_as_a_fresh_build(app, page):
    cache.changed()
    first = app(page, kommune="530")
    second = app(page, kommune="530")  # another session: served from the shared sections
    cache.changed()
    fresh = app(page, kommune="530")  # built again from the database
    assert specs(first), "the page shows charts"
    assert specs(second) == specs(first) == specs(fresh)
    assert [s.value for s in second.subheader] == [s.value for s in fresh.subheader]
