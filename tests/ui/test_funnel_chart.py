"""The funnel's legend explains every marker colour: institutions within noise in one colour, those
that differ beyond noise (the query's `outlier`, either side) in another, each its own legend entry."""
import pandas as pd

from ui.figures import funnel
from ui.measures import SHARE
from ui.theme import OUTLIER, PALETTE
from ui.view import View


def test_both_colours_have_a_legend_entry_and_both_sides_are_coloured():
    points = pd.DataFrame({"institution": ["A", "B", "C", "D"], "n": [100, 200, 150, 5],
                           "rate": [0.10, 0.01, 0.04, 0.5], "outlier": ["above", "below", None, None],
                           "suppressed": [False, False, False, True]})
    curve = pd.DataFrame({"n": [2, 200], "lower95": [0, 0.02], "upper95": [0.2, 0.06],
                          "lower998": [0, 0.01], "upper998": [0.3, 0.08]})
    fig = funnel(points, curve, 0.04, "rate", SHARE, "Samlet andel 4,0 %", "Skole", View("da"))
    markers = {t.name: t for t in fig.data if t.mode == "markers"}
    assert set(markers) == {"Skole", "Afviger mere end tilfældigt"}
    assert markers["Skole"].marker.color == PALETTE[0] and list(markers["Skole"].customdata[:, 0]) == ["C"]
    assert markers["Afviger mere end tilfældigt"].marker.color == OUTLIER
    assert sorted(markers["Afviger mere end tilfældigt"].customdata[:, 0]) == ["A", "B"]  # above and below
    assert "Samlet andel 4,0 %" in [t.name for t in fig.data]  # the centre is named in the legend
