"""Numbers as a Danish and an English reader expect them, worked out by hand (ui.fmt remembers babel's
texts: the same number in the other language or with other decimals must not come back from memory)."""
import math

from ui import fmt


def test_danish_and_english_separators_for_the_same_number():
    assert fmt.num(12345.678, 2) == "12.345,68"
    assert fmt.num(12345.678, 2, "en") == "12,345.68"
    assert fmt.num(12345.678, 0) == "12.346"
    assert fmt.num(12345.678, 2) == "12.345,68"  # asked again: the same text


def test_percent_signs_and_missing_values():
    assert fmt.pct(0.051) == "5,1 %"
    assert fmt.pct(0.051, lang="en") == "5.1%"
    assert fmt.signed(-0.123) == "\u22120,12" and fmt.signed(0.001) == "±0,00" and fmt.signed(0.05) == "+0,05"
    assert fmt.num(-0.001, 2) == "0,00"  # no "-0,00"
    assert fmt.num(None) == fmt.num(math.nan) == "–"
    assert fmt.integer(7) == "7" and fmt.years(1, "en") == "1 year" and fmt.years(2) == "2 år"
