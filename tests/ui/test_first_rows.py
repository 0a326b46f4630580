"""A long list is cut to its ten largest parts (by size, never by result), with the totals kept and a
switch that says how many there are in all."""
import pandas as pd
import streamlit as st

from ui.section import first_rows


def _frame(parts: int) -> pd.DataFrame:
    rows = [dict(level="indsats", name=f"I{i}", n=i, g=-i) for i in range(1, parts + 1)]
    return pd.DataFrame(rows + [dict(level="metode", name="M", n=99, g=0), dict(level="alle", name="Alle", n=100, g=0)])


def test_the_ten_largest_and_the_totals_and_a_switch():
    shown, more = first_rows(_frame(12), "t_cut")
    assert list(shown.loc[shown["level"] == "indsats", "name"]) == [f"I{i}" for i in range(3, 13)]  # by n, in order
    assert {"M", "Alle"} <= set(shown["name"]) and more.total == 12
    st.session_state["t_cut"] = True  # the reader asked for all
    shown, _ = first_rows(_frame(12), "t_cut")
    assert len(shown) == 14
    del st.session_state["t_cut"]


def test_a_short_list_is_left_alone():
    shown, more = first_rows(_frame(10), "t_short")
    assert len(shown) == 12 and more is None
