"""The institutions outside a funnel's 95 % limits are named in words under the chart (not piled on
it), furthest out first — by the same rule on Trivsel and Overgange."""
import pandas as pd

from ui.headlines import funnel_outliers
from ui.measures import MEAN, SHARE
from ui.view import View

DA, EN = View("da"), View("en")


def _points():
    return pd.DataFrame({
        "institution": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
        "rate": [0.028, 0.020, 0.024, 0.001, 0.011, 0.030],
        "mean": [4.4, 4.2, 4.3, 3.2, 3.9, 4.5],
        "n": [300, 150, 90, 200, 120, 3],
        "position": ["above_998", "above_95", "above_95", "below_95", "within", "above_998"],
        "suppressed": [False, False, False, False, False, True],
    })


def test_everything_beyond_the_95_limit_is_named_furthest_out_first():
    # above 95 % or 99,8 %: highest share first; Zeta (n=3) is suppressed and never named
    assert funnel_outliers(_points(), "rate", SHARE, DA) == (
        "**Over 95 %-grænsen:** Alfa (2,8 %; n=300), Gamma (2,4 %; n=90), Beta (2,0 %; n=150). "
        "**Under 95 %-grænsen:** Delta (0,1 %; n=200).")
    assert funnel_outliers(_points(), "mean", MEAN, EN) == (
        "**Above the 95% limit:** Alfa (4.40; n=300), Gamma (4.30; n=90), Beta (4.20; n=150). "
        "**Below the 95% limit:** Delta (3.20; n=200).")


def test_only_beyond_the_998_limit_when_asked_and_a_sentence_when_none():
    assert funnel_outliers(_points(), "mean", MEAN, DA, limit=99.8) == "**Over 99,8 %-grænsen:** Alfa (4,40; n=300)."
    none = _points().assign(position="within")
    assert funnel_outliers(none, "rate", SHARE, DA) == "Ingen institution ligger uden for 95 %-grænserne."
    # no institution shown: no sentence claiming none lies outside (the headline says why none is shown)
    assert funnel_outliers(_points().assign(suppressed=True), "rate", SHARE, DA) == ""
