"""The institutions that differ beyond noise (after the false discovery rate is controlled: the
query's `outlier`) are named in words under the funnel (not piled on it), furthest out first — by
the same rule on Trivsel and Overgange, and the headline counts by it too."""
import pandas as pd

from ui.headlines import funnel_outliers, outside
from ui.measures import MEAN, SHARE
from ui.view import View

DA, EN = View("da"), View("en")


def _points():
    # Gamma lies outside its 95 % limit, but after Benjamini-Hochberg over the six it is within noise
    return pd.DataFrame({
        "institution": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
        "rate": [0.028, 0.020, 0.024, 0.001, 0.011, 0.030],
        "mean": [4.4, 4.2, 4.3, 3.2, 3.9, 4.5],
        "n": [300, 150, 90, 200, 120, 3],
        "position": ["above_998", "above_95", "above_95", "below_95", "within", "above_998"],
        "outlier": ["above", "above", None, "below", None, None],
        "suppressed": [False, False, False, False, False, True],
    })


def test_the_outliers_are_named_furthest_out_first_and_counted_by_the_same_rule():
    # highest share first; Gamma (outside 95 % but not beyond noise after BH) and Zeta (suppressed) never named
    assert funnel_outliers(_points(), "rate", SHARE, DA) == (
        "**Højere end tilfældigt:** Alfa (2,8 %; n=300), Beta (2,0 %; n=150). "
        "**Lavere end tilfældigt:** Delta (0,1 %; n=200).")
    assert funnel_outliers(_points(), "mean", MEAN, EN) == (
        "**Higher than chance:** Alfa (4.40; n=300), Beta (4.20; n=150). "
        "**Lower than chance:** Delta (3.20; n=200).")
    assert outside(_points()) == (2, 1, 5)


def test_a_sentence_when_none_and_nothing_when_nothing_is_shown():
    none = _points().assign(outlier=None)
    assert funnel_outliers(none, "rate", SHARE, DA) == "Ingen institution afviger mere, end tilfældigheder kan forklare."
    # no institution shown: no sentence claiming none differs (the headline says why none is shown)
    assert funnel_outliers(_points().assign(suppressed=True), "rate", SHARE, DA) == ""
