"""A funnel that shows one institution against a wider population (a leder's own school against the
municipality) says where it lies; one that shows the whole population has nothing to compare."""
import pandas as pd

from queries.funnel import Funnel
from ui.headlines import one_against_centre
from ui.measures import MEAN, SHARE
from ui.view import View


def funnel(mean: float, outlier: str | None, centre: float, value: str = "mean") -> Funnel:
    points = pd.DataFrame({"institution": ["Alfa Skole"], value: [mean], "suppressed": [False], "outlier": [outlier]})
    return Funnel(points=points, curve=pd.DataFrame(), centre=centre)


def test_one_school_against_the_municipality_is_placed_as_the_query_judged_it():
    view = View()
    assert one_against_centre(funnel(3.98, None, 4.04), "mean", MEAN, view) == \
        "Alfa Skole ligger på 3,98 og kan ikke skelnes fra gennemsnittet 4,04."
    assert one_against_centre(funnel(4.61, "above", 4.04), "mean", MEAN, view) == \
        "Alfa Skole ligger på 4,61 højere end gennemsnittet 4,04, end tilfældigheder kan forklare."
    assert one_against_centre(funnel(0.012, "below", 0.031, "rate"), "rate", SHARE, View(lang="en"),
                              ("den samlede andel", "the overall share")) == \
        "Alfa Skole is at 1.2% lower than the overall share 3.1% than chance can explain."


def test_the_whole_population_in_one_school_has_nothing_to_compare():
    assert one_against_centre(funnel(4.0, None, 4.0), "mean", MEAN, View()) is None
    two = funnel(3.9, None, 4.0)
    two.points.loc[1] = ["Beta Skole", 4.1, False, None]
    assert one_against_centre(two, "mean", MEAN, View()) is None
