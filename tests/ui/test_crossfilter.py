"""A click on a funnel's point narrows to that institution: the points are found trace by trace as the
funnel draws them (within the limits in one colour, outside in another)."""
import numpy as np
import pandas as pd

from ui.figures import funnel, funnel_narrow
from ui.measures import MEAN
from ui.view import View

POINTS = pd.DataFrame({"institution_id": [1, 2, 3, 4], "institution": ["Alfa", "Beta", "Gamma", "Delta"],
                       "n": [40, 3, 60, 50], "mean": [3.9, np.nan, 4.4, 3.7], "suppressed": [False, True, False, False],
                       "outlier": [None, None, "above", None]})
CURVE = pd.DataFrame({"n": [5, 100], "lower95": [3.0, 3.7], "upper95": [4.6, 3.9], "lower998": [2.8, 3.6],
                      "upper998": [4.8, 4.0]})


def test_each_drawn_point_is_its_institution():
    fig = funnel(POINTS, CURVE, 3.9, "mean", MEAN, "Gennemsnit", "Institution", View())
    narrow = funnel_narrow(POINTS)
    for curve, trace in enumerate(fig.data):
        for i, name in enumerate(trace.customdata[:, 0] if trace.customdata is not None else []):
            value, chip = narrow.point(curve, i)
            assert chip == name and value == POINTS.set_index("institution").loc[name, "institution_id"]
    assert narrow.point(5, 0) == (1, "Alfa") and narrow.point(6, 0) == (3, "Gamma")  # Gamma: outside, its own colour
    assert narrow.point(0, 0) is None  # a limit line is no institution
    assert all(narrow.point(c, i) != (2, "Beta") for c in (5, 6) for i in range(3))  # hidden: not drawn, not clickable


# --- Effekt: a click on an intervention's row shows its detail; a click on a start year narrows the years ---
def _effekt_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "level": ["alle", "metode", "indsats", "indsats"], "intervention_id": [np.nan, np.nan, 100.0, 103.0],
        "name": ["Alle indsatser", "løft", "LØFT Nord", "LØFT over tid"], "method": [None, "løft", "løft", "løft"],
        "n": [15, 15, 5, 10], "n_children": [15, 15, 5, 10], "suppressed": [False, False, False, False],
        "suppressed_why": [None] * 4, "g": [1.8, 1.8, 0.9, 2.1], "g_low": [1.0, 1.0, -0.2, 1.2],
        "g_high": [2.6, 2.6, 2.0, 3.0], "mean_pre": [20.0, 20.0, 18.0, 21.0], "mean_post": [16.0, 16.0, 15.0, 14.0]})


def _plain(label: str) -> str:
    return label.split("<br>")[0].replace("<b>", "").replace("</b>", "")


def test_each_drawn_row_of_the_forest_is_its_intervention():
    from ui.effekt import charts
    from ui.effekt.names import narrow
    df, view = _effekt_rows(), View()
    fig = charts.forest(df, view)
    picked = narrow(charts.drawn(df, "forest"), view, split_total=True)
    for curve in (0, 1):  # the interventions (and the method), then the total's diamond
        for i, label in enumerate(fig.data[curve].y):
            focus, name = picked.point(curve, i)
            assert _plain(label) == name
    assert picked.point(0, [_plain(y) for y in fig.data[0].y].index("LØFT over tid")) == ("indsats:103", "LØFT over tid")
    assert picked.point(1, 0) == ("alle", "Alle indsatser") and picked.point(0, 99) is None


def test_a_click_sets_the_page_s_own_choice_with_a_chip_that_undoes_it(monkeypatch):
    from types import SimpleNamespace

    from ui import crossfilter
    from ui.effekt.names import narrow
    followed = []
    state = {"effekt_focus": "alle", "narrow_effekt_answer": SimpleNamespace(
        selection={"points": [{"curve_number": 0, "point_index": 0}]})}
    monkeypatch.setattr(crossfilter, "st", SimpleNamespace(session_state=state))
    rows = _effekt_rows().iloc[::-1]  # drawn bottom-up: LØFT over tid first
    crossfilter._clicked("narrow_effekt_answer", narrow(rows, View(), split_total=True, then=lambda: followed.append(1)),
                         View())
    assert state["effekt_focus"] == "indsats:103" and followed == [1]
    assert [c[0] for c in state[crossfilter.CHIPS]] == ["Detaljer for: LØFT over tid"]
    crossfilter._undo(0)
    assert state["effekt_focus"] == "alle" and state[crossfilter.CHIPS] == []


def test_a_click_on_a_cohort_year_narrows_the_years():
    from ui.effekt.charts import cohorts, cohorts_narrow
    df = pd.DataFrame({"level": ["alle", "alle", "indsats", "indsats"], "intervention_id": [0, 0, 103, 103],
                       "name": ["Alle", "Alle", "LØFT over tid", "LØFT over tid"], "start_year": [2021, 2022, 2021, 2022],
                       "n": [8, 9, 5, 5], "mean": [3.0, 5.0, 3.0, 7.0], "ci_low": [1.0, 3.0, 1.0, 5.0],
                       "ci_high": [5.0, 7.0, 5.0, 9.0], "suppressed": [False] * 4, "suppressed_why": [None] * 4})
    fig = cohorts(df, 103, "LØFT over tid", "sdq_total", View())
    picked = cohorts_narrow(df, 103, View())
    assert picked.dim == "years" and not picked.widget
    for curve in (0, 1):  # the grey line of all interventions and the chosen one's
        assert [picked.point(curve, i) for i in range(2)] == [(2021, "2021/22"), (2022, "2022/23")]
        assert list(fig.data[curve].x) == ["2021/22", "2022/23"]
