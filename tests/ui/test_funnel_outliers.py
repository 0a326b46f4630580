"""The schools outside a funnel's limits are named in words under the chart (not piled on it)."""
import pandas as pd

from ui.headlines import funnel_outliers


def _points():
    return pd.DataFrame({
        "institution": ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"],
        "rate": [0.028, 0.020, 0.024, 0.001, 0.011, 0.030],
        "mean": [4.4, 4.2, 4.3, 3.2, 3.9, 4.5],
        "n": [300, 150, 90, 200, 120, 3],
        "position": ["above_998", "above_95", "above_95", "below_95", "within", "above_998"],
        "suppressed": [False, False, False, False, False, True],
    })


def test_overgange_names_everything_beyond_the_95_limit_furthest_out_first():
    text = funnel_outliers(_points(), "da", limit=95, value="rate", show=lambda v: f"{v * 100:.1f} %".replace(".", ","))
    # above 95 % or 99,8 %: highest share first; Zeta (n=3) is suppressed and never named
    assert text == ("**Over 95 %-grænsen:** Alfa (2,8 %; n=300), Gamma (2,4 %; n=90), Beta (2,0 %; n=150). "
                    "**Under 95 %-grænsen:** Delta (0,1 %; n=200).")


def test_trivsel_names_only_beyond_the_998_limit():
    assert funnel_outliers(_points(), "da") == "**Over 99,8 %-grænsen:** Alfa (4,40; n=300)."
    assert funnel_outliers(_points(), "en") == "**Above the 99.8% limit:** Alfa (4.40; n=300)."
    none = _points().assign(position="within")
    assert funnel_outliers(none, "da", limit=95, value="rate") == "Ingen institution ligger uden for 95 %-grænserne."
