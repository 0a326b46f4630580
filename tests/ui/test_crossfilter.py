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
