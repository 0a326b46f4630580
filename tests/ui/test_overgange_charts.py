"""Overgange's charts and headlines on small hand-made frames (the columns of queries.overgange): a
chart with nothing to show is None (the section says so in a sentence), English is English in the
hover texts too, and a share reads the same in the headline, the hover and the axis."""
import numpy as np
import pandas as pd

from queries.funnel import Funnel
from ui import fmt
from ui.overgange import charts, definitions, headlines as h
from ui.view import View

DA, EN = View("da"), View("en")
NAN = np.nan


def _trend(hidden: bool = False) -> pd.DataFrame:
    # 2025: 65 of 84 ordinary (the page test's all-municipality figure); hidden: every figure NaN
    v = [NAN] * 7 if hidden else [84.0, 19.0, 65.0, 65 / 84, 0.67, 0.85, 19 / 84]
    return pd.DataFrame([[2025, *v, hidden, "small" if hidden else None, 0.944]], columns=[
        "school_year", "n", "segregated", "almen", "inklusionsgrad", "ci_low", "ci_high", "segregeringsgrad",
        "suppressed", "suppressed_why", "landstal"])


def _km(times=(0, 1, 2), hidden=()) -> pd.DataFrame:
    rows = [[t, NAN, NAN, NAN, NAN, NAN, True, "small"] if t in hidden
            else [t, 10.0, 10.0, 0.1 * t, 0.0, 0.2 * t, False, None] for t in times]
    return pd.DataFrame(rows, columns=["time", "at_risk", "entered", "back", "back_low", "back_high", "suppressed",
                                       "suppressed_why"])


def _hidden(columns: list[str], keys: dict) -> pd.DataFrame:
    """One hidden row: its keys, NaN in every figure, suppressed."""
    return pd.DataFrame([{**{c: NAN for c in columns}, **keys, "suppressed": True, "suppressed_why": "small"}])


def test_nothing_to_show_is_none():
    split = _hidden(["n", "segregated", "almen", "inklusionsgrad", "ci_low", "ci_high"], dict(key=1.0, label="Nord"))
    links = _hidden(["n"], dict(from_form="almen", to_form="specialklasse"))
    ta = _hidden(["n", "count", "rate", "ci_low", "ci_high"], dict(school_year=2024, measure="tilgang"))
    by_form = _hidden(["n", "median", "followed", "back_1", "back_2", "back_3"], dict(entry_form="mellemform"))
    start = _hidden(["n", "special", "almen", "from_dagtilbud", "share", "ci_low", "ci_high"], dict(school_year=2025))
    points = _hidden(["n", "count", "rate", "lower95", "upper95", "lower998", "upper998"],
                     dict(institution_id=2, institution="Beta Skole", position=None))
    assert charts.inklusion_trend(_trend(hidden=True), DA) is None
    assert charts.inklusion_split(split, "distrikt", _trend(), DA) is None
    assert charts.sankey(links, 2024, DA) is None
    assert charts.tilgang_afgang(ta, DA) is None
    assert charts.return_curve(_km(hidden=(1, 2)), DA) is None  # the start alone is no curve
    assert charts.return_by_form(by_form, DA) is None
    assert charts.school_start(start, DA) is None
    assert charts.sending_funnel(Funnel(points, pd.DataFrame(columns=["n"]), NAN), DA) is None
    # the hidden groups are then named under the sentence (the chart would have named them on its axis)
    assert h.split_hidden(split, "distrikt", DA) == ["Nord"]
    assert h.hidden_forms(by_form, EN) == ["Intermediate form"]


def test_inklusionsgrad_reads_the_same_in_headline_hover_and_axis():
    assert h.inklusion(_trend(), DA).startswith("Inklusionsgraden er 77,4 % i 2025/26 (n=84): 22,6 %")
    assert h.inklusion(_trend(), EN).startswith("The inclusion rate is 77.4% in 2025/26 (n=84): 22.6%")
    fig = charts.inklusion_trend(_trend(), EN)
    line = fig.data[1]
    assert line.y[0] == 77.4  # 65/84 drawn in percent, to the one decimal the page shows (no more leaves the server)
    assert line.hovertemplate.startswith("%{x}: %{y:,.1f}% (95% CI %{customdata[1]:,.1f}%")
    assert fig.layout.yaxis.ticksuffix == "%" and fig.layout.template.layout.separators == ".,"
    assert charts.inklusion_trend(_trend(), DA).layout.template.layout.separators == ",."


def test_return_curve_is_english_in_the_hover_too():
    km = _km(times=(0, 1, 2))
    fig = charts.return_curve(km, EN)
    curve = fig.data[-1]
    assert curve.hovertemplate == "after %{customdata[1]}: %{y:,.0f}% (followed: %{customdata[0]:,.0f})<extra></extra>"
    assert [c[1] for c in curve.customdata] == ["0 years", "1 year", "2 years"]
    assert list(fig.layout.xaxis.ticktext) == ["0", "1<br>n=10", "2<br>n=10"]
    da = charts.return_curve(km, DA).data[-1]
    assert da.hovertemplate.startswith("efter %{customdata[1]}: %{y:,.0f} % (fulgt:")
    assert h.return_curve(km, DA) == ("Af de 10 børn, der kom i specialtilbud, var 10 % efter 1 år og 20 % efter 2 år "
                                      "tilbage i en almenklasse. Længere tid kan ikke opgøres: for få børn fulgt.")
    assert h.return_curve(km, EN).startswith("Of the 10 children who entered special provision, the share back in an "
                                             "ordinary class was 10% after 1 year and 20% after 2 years.")


def test_return_curve_hidden_start_says_too_few_entered():
    assert h.return_curve(_km(hidden=(0, 1, 2)), DA) == "Tilbagevenden vises ikke: færre end 5 børn kom i specialtilbud."


def test_tilgang_afgang_when_one_is_hidden():
    ta = pd.DataFrame([[2024, "afgang", NAN, NAN, NAN, NAN, NAN, True, "small"],
                       [2024, "tilgang", 39.0, 6.0, 6 / 39, 0.07, 0.3, False, None]],
                      columns=["school_year", "measure", "n", "count", "rate", "ci_low", "ci_high", "suppressed",
                               "suppressed_why"])
    assert h.tilgang_afgang(ta, DA) == "I 2024/25 var tilgangen 15,4 % (6 af 39); afgangen vises ikke (færre end 5)."
    assert h.tilgang_afgang(ta, EN) == "In 2024/25, entries were 15.4% (6 of 39); returns are not shown (fewer than 5)."
    assert h.flows(ta, 2024, DA) == ("Fra 2023/24 til 2024/25 gik 6 elever fra almenklasse til et specialtilbud, "
                                     "og færre end 5 kom tilbage.")
    fig = charts.tilgang_afgang(ta, EN)
    assert list(fig.layout.xaxis.ticktext) == ["2024/25<br>returns not shown (fewer than 5)"]


def test_count_date_in_the_definitions():
    assert fmt.day_month(9, 5, "da") == "5. september" and fmt.day_month(9, 5, "en") == "5 September"
    assert "tælledagen (5. september)" in definitions.INKLUSION.text(DA, d=fmt.day_month(9, 5, "da"))
    assert "count date (1 February)" in definitions.FUNNEL.text(EN, d=fmt.day_month(2, 1, "en"))


def test_form_names():
    assert h.form_name("ind", DA) == "Ind i kommunen" and h.form_name("ud", EN) == "Out of the municipality"
    assert h.form_name("specialklasse", EN) == "Special class"


def test_the_national_figure_is_a_dashed_line_in_percent_and_absent_without_one():
    line = [t for t in charts.inklusion_trend(_trend(), DA).data if t.name == "Landstal"]
    assert len(line) == 1 and list(line[0].y) == [94.4] and line[0].line.dash == "dash"  # 0,944 read as 94,4 %
    assert not [t for t in charts.inklusion_trend(_trend().assign(landstal=NAN), DA).data if t.name == "Landstal"]
