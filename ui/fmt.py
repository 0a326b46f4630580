"""Numbers, dates and labels in the reader's language, through babel (CLDR): Danish "4,02", "12.345",
"77,4 %", "5. september 2025"; English "4.02", "12,345", "77.4%", "5 September 2025".

Every number on a page goes through here (headlines, tables, chart labels); charts take the same
separators from the theme (`ui.theme`), and each measure's decimals are declared once in
`ui.measures`.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import textwrap

from babel.dates import format_date
from babel.numbers import format_decimal

from queries.filters import school_year_label

LOCALES = {"da": "da_DK", "en": "en_GB"}
MINUS = "\u2212"  # a true minus sign for signed changes


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def num(x, decimals: int = 2, lang: str = "da") -> str:
    """4.0234 -> '4,02'; 12345 -> '12.345' (Danish) or '4.02' / '12,345' (English); missing -> '–'."""
    if _missing(x):
        return "–"
    return _formatted(round(float(x), decimals) + 0.0, decimals, lang)  # + 0.0: no "-0,00"


@functools.lru_cache(maxsize=16384)
def _formatted(x: float, decimals: int, lang: str) -> str:
    """babel's text for a rounded number, remembered: a page shows the same few hundred numbers to every viewer,
    and babel takes ~0.1 ms for each (a tenth of a cached Effekt view's CPU before)."""
    return format_decimal(x, format=_pattern(decimals), locale=LOCALES[lang], decimal_quantization=True)


def signed(x, decimals: int = 2, lang: str = "da") -> str:
    """+0,05 / −0,12 / ±0,00 (a true minus sign)."""
    if _missing(x):
        return "–"
    r = round(float(x), decimals)
    return ("+" if r > 0 else MINUS if r < 0 else "±") + num(abs(r), decimals, lang)


def pct(x, decimals: int = 1, lang: str = "da") -> str:
    """0.051 -> '5,1 %' (Danish puts a space before %) / '5.1%'."""
    if _missing(x):
        return "–"
    return num(100 * float(x), decimals, lang) + (" %" if lang == "da" else "%")


def integer(x, lang: str = "da") -> str:
    return num(x, 0, lang)


def school_year(year: int) -> str:
    """2023 -> '2023/24' (the same in both languages)."""
    return school_year_label(int(year))


def date(d, lang: str = "da") -> str:
    """datetime.date(2025, 9, 5) -> '5. september 2025' / '5 September 2025'."""
    return format_date(d, "d. MMMM y" if lang == "da" else "d MMMM y", locale=LOCALES[lang])


def day_month(month: int, day: int, lang: str = "da") -> str:
    """(9, 5) -> '5. september' / '5 September' (a count date, with babel's month names)."""
    return format_date(dt.date(2000, month, day), "d. MMMM" if lang == "da" else "d MMMM", locale=LOCALES[lang])  # 2000: 29 Feb exists


def years(t, lang: str = "da") -> str:
    """A number of years: '2 år' / '1 year' / '2 years'."""
    text = integer(t, lang)
    return f"{text} år" if lang == "da" else f"{text} year" + ("" if text == "1" else "s")


def grade(k: int, lang: str = "da") -> str:
    return f"{int(k)}. klasse" if lang == "da" else f"grade {int(k)}"


def reason(min_n: int, lang: str, why: str | None) -> str:
    """Why a figure is not shown: 'small' -> 'færre end 5', 'protect' -> 'beskytter en lille gruppe'
    (hidden so that another, small group cannot be worked out); '' without a reason."""
    if why == "small":
        return f"færre end {min_n}" if lang == "da" else f"fewer than {min_n}"
    if why == "protect":
        return "beskytter en lille gruppe" if lang == "da" else "protects a small group"
    return ""


def suppressed(min_n: int, lang: str = "da", why: str | None = None) -> str:
    """What stands where a figure is not shown: 'ikke vist (færre end 5)', 'ikke vist (beskytter en
    lille gruppe)', or 'ikke vist' without a reason."""
    text = "ikke vist" if lang == "da" else "not shown"
    because = reason(min_n, lang, why if isinstance(why, str) else None)
    return f"{text} ({because})" if because else text


def lines(text: str, width: int) -> str:
    """Break `text` between words into lines of at most `width` characters, joined for Plotly (<br>).
    A word longer than the width keeps its own line."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)


def listing(items: list[str], lang: str) -> str:
    """'a, b og c' / 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" og " if lang == "da" else " and ") + items[-1]
