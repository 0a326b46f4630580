"""Sections drawn once and shared between sessions (ui.cache.drawn, @slide(shared=True)) show exactly what a
fresh build shows: the second viewer of a link gets the first one's figures, byte for byte, and after a data
change (ui.cache.changed) they are built again."""
import pytest

from ui import cache


def specs(at) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["trivsel", "overgange", "effekt"])
def test_a_second_viewer_sees_the_same_figures_as_a_fresh_build(app, page):
    cache.changed()
    first = app(page, kommune="530")
    second = app(page, kommune="530")  # another session: served from the shared sections
    cache.changed()
    fresh = app(page, kommune="530")  # built again from the database
    assert specs(first), "the page shows charts"
    assert specs(second) == specs(first) == specs(fresh)
    assert [s.value for s in second.subheader] == [s.value for s in fresh.subheader]


def test_a_shared_section_is_built_again_for_each_state_of_its_show_all_switch():
    """A shared slide that cuts a long list (ui.section.first_rows) keys its shared figure by the switch: the viewer
    who asked for all rows gets them, though another viewer of the same link was given the ten largest."""
    import pandas as pd
    import streamlit as st

    from queries.filters import Filters, Scope
    from ui.section import first_rows
    from ui.slides import SLIDES, Shown, slide
    from ui.view import View
    rows = pd.DataFrame([dict(level="indsats", n=i) for i in range(1, 13)] + [dict(level="alle", n=78)])
    built = []

    @slide("test.switch", "effekt", ("Prøve", "Test"), shared=True, switches=("test_all",))
    def kind(f, scope, view, code: str) -> Shown:
        shown, _ = first_rows(rows, "test_all")
        built.append(len(shown))
        return Shown(f"{len(shown)} rækker", None)
    try:
        cache.changed()
        again = lambda: kind(Filters(), Scope(), View(), code="sdq_total").headline  # noqa: E731
        assert again() == "11 rækker"  # the ten largest and the total
        st.session_state["test_all"] = True
        assert again() == "13 rækker"
        st.session_state["test_all"] = False
        assert again() == "11 rækker" and built == [11, 13]  # the third from the shared cache
    finally:
        SLIDES.pop("test.switch", None)
        st.session_state.pop("test_all", None)
        cache.changed()
