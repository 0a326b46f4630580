"""Udforsk's headline when only one group of a split can be shown: it says so, instead of calling the one group
both the lowest and the highest (as it did for "Tilbage inden 2 år" by municipality on the demo)."""
import numpy as np
import pandas as pd

from queries.kpis import CATALOGUE
from ui.udforsk import chart, headline
from ui.view import View


def _split() -> pd.DataFrame:
    return pd.DataFrame([dict(key=151, label="Ballerup (151)", label_en="Ballerup (151)", key2=None, label2="", label2_en="",
                              school_year=2023, n=np.nan, value=np.nan, ci_low=np.nan, ci_high=np.nan, suppressed=True),
                         dict(key=657, label="Herning (657)", label_en="Herning (657)", key2=None, label2="", label2_en="",
                              school_year=2023, n=37.0, value=0.0, ci_low=np.nan, ci_high=np.nan, suppressed=False)])


def test_one_shown_group_is_not_compared_with_itself():
    kpi = CATALOGUE["tilbagefoersel_2aar"]
    assert headline(_split(), kpi, ("kommune",), 2023, View()) == (
        "Tilbage i almenklasse inden for 2 år i 2023/24 kan kun vises for Herning (657): 0,0 % (n=37); de andre grupper "
        "er for små.")


def test_a_share_axis_never_goes_below_zero():
    fig = chart(_split(), CATALOGUE["tilbagefoersel_2aar"], ("kommune",), View())
    assert fig.layout.xaxis.rangemode == "nonnegative"


def test_groups_that_all_show_the_same_value_are_not_ranked():
    two = pd.concat([_split(), _split().assign(key=169, label="Høje-Taastrup (169)", n=12.0)], ignore_index=True)
    assert headline(two, CATALOGUE["tilbagefoersel_2aar"], ("kommune",), 2023, View()) == (
        "Tilbage i almenklasse inden for 2 år i 2023/24 er 0,0 % i alle 2 viste grupper.")
