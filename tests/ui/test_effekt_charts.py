"""Effekt charts stay readable from the back of the room: on the projector every row is tall enough
for its label's lines at the projector's font size, so the labels of neighbouring rows never overlap."""
import pandas as pd
import pytest

from ui.effekt import charts
from ui.view import View

LONG = "LØFT i overgangen fra special- til almenklasse, Høje-Taastrup"  # wraps over two lines


def _change(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"level": ["indsats"] * rows + ["alle"],
                         "name": [f"{LONG} {i}" for i in range(rows)] + ["Alle"],
                         "n": 40.0, "mean_pre": 16.5, "mean_post": 13.5, "g": 0.5, "g_low": 0.2, "g_high": 0.8,
                         "suppressed": False})


@pytest.mark.parametrize("projector, font", [(False, 15), (True, 26)])
def test_forest_rows_fit_three_lines_of_labels(projector, font):
    fig = charts.forest(_change(12), View(projector=projector))
    labels = [y for trace in fig.data for y in trace.y]
    assert max(label.count("<br>") + 1 for label in labels) == 3  # name over two lines, n under it
    assert fig.layout.template.layout.font.size == font
    # Plotly spreads the rows evenly over the plot area; three lines of text at 1.2 line spacing need
    # 3 × 1.2 × font pixels, and the plot area is the figure less its margins, axis title and ticks
    # (less than 260 px at either size)
    per_row = (fig.layout.height - 260) / len(labels)
    assert per_row >= 3 * 1.2 * font


def test_share_bars_never_write_a_share_too_narrow_to_read_on_the_projector():
    df = pd.DataFrame({"level": ["indsats"], "name": ["A"], "n": [40.0], "n_clinical_pre": [20.0], "crossed": [0.5],
                       "improved": [0.07], "unchanged": [0.90], "worsened": [0.03], "suppressed": [False]})
    screen, projector = charts.reliable(df, View()), charts.reliable(df, View(projector=True))
    assert [t.text[0] for t in screen.data] == ["7 %", "90 %", ""]
    assert [t.text[0] for t in projector.data] == ["", "90 %", ""]
    assert all(t.textangle == 0 for t in projector.data)  # level, never turned on its side


def test_overview_writes_a_count_only_where_its_bar_has_room():
    df = pd.DataFrame({"level": ["indsats"] * 2, "name": ["A", "B"], "n_started": [100.0, 60.0],
                       "n_before": [95.0, 58.0], "n_after": [80.0, 50.0], "n_ongoing": [1.0, 6.0],
                       "n_dropout": [19.0, 4.0], "suppressed": [False, False]})
    screen = charts.overview(df, View())
    # rows are drawn bottom-up (B, A); the axis runs to 100 started: 4 on screen, 10 on the projector
    assert [list(t.text) for t in screen.data] == [["50", "80"], ["6", ""], ["4", "19"]]
    projector = charts.overview(df, View(projector=True))
    assert [list(t.text) for t in projector.data] == [["50", "80"], ["", ""], ["", "19"]]


def test_a_bar_with_hidden_parts_is_filled_to_100_with_a_marked_not_shown_piece():
    # goals: A shows 77 % achieved and hides the rest (a small 'not achieved' and its complement);
    # B shows all three parts; C is hidden whole (its label says why)
    df = pd.DataFrame({"level": ["indsats"] * 3, "name": ["A", "B", "C"], "n": [40.0, 50.0, None],
                       "n_children": [40.0, 50.0, None], "n_goals": [90.0, 100.0, None],
                       "opnaaet": [0.77, 0.60, None], "delvist": [None, 0.30, None], "ikke": [None, 0.10, None],
                       "suppressed": [False, False, True], "suppressed_why": [None, None, "small"]})
    fig = charts.goal_bars(df, View())
    rest = fig.data[-1]
    assert rest.name == "Ikke vist (lille gruppe)"
    # drawn bottom-up (C, B, A): nothing for C (hidden whole), nothing for B (complete), 100 - 77 for A
    assert pd.isna(rest.x[0]) and pd.isna(rest.x[1]) and rest.x[2] == pytest.approx(23)
    assert rest.base[2] == pytest.approx(77)  # from the end of the shown 77 %
    # a bar with every part shown gets no such piece at all
    assert len(charts.goal_bars(df.iloc[[1]], View()).data) == 3


def test_a_count_bar_with_hidden_parts_is_filled_to_its_shown_total():
    # A: 98 started, 67 measured after; still running (small) and attrition (its complement) hidden
    df = pd.DataFrame({"level": ["indsats"], "name": ["A"], "n_started": [98.0], "n_before": [92.0],
                       "n_after": [67.0], "n_ongoing": [None], "n_dropout": [None], "suppressed": [False]})
    rest = charts.overview(df, View()).data[-1]
    assert rest.name == "Ikke vist (lille gruppe)" and list(rest.x) == [31.0]  # 98 - 67
    assert list(rest.base) == [67.0]  # drawn after the shown part, not over it
