"""Danish number and date formatting: decimal comma, dot as thousands separator, "2023/24"."""
from __future__ import annotations

import math
import textwrap

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
             "oktober", "november", "december")
SUPPRESSED_DA = "ikke vist (n<{min_n})"
SUPPRESSED_EN = "not shown (n<{min_n})"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x, decimals: int = 2, lang: str = "da") -> str:
    """4.0234 -> '4,02'; 12345 -> '12.345' (Danish) or '12,345' / '4.02' (English)."""
    if _missing(x):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def signed(x, decimals: int = 2, lang: str = "da") -> str:
    """+0,05 / −0,12 (true minus sign)."""
    if _missing(x):
        return "–"
    return ("+" if x > 0 else "−" if x < 0 else "±") + num(abs(x), decimals, lang)


def pct(x, decimals: int = 1, lang: str = "da") -> str:
    """0.051 -> '5,1 %' (Danish puts a space before %) / '5.1%'."""
    if _missing(x):
        return "–"
    return num(100 * x, decimals, lang) + (" %" if lang == "da" else "%")


def integer(x, lang: str = "da") -> str:
    return num(x, 0, lang)


def school_year(year: int) -> str:
    """2023 -> '2023/24'."""
    return f"{year}/{(year + 1) % 100:02d}"


def date_da(d) -> str:
    """datetime.date(2025, 9, 5) -> '5. september 2025'."""
    return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"


def grade(k: int, lang: str = "da") -> str:
    return f"{k}. klasse" if lang == "da" else f"grade {k}"


def suppressed(min_n: int, lang: str = "da") -> str:
    return (SUPPRESSED_DA if lang == "da" else SUPPRESSED_EN).format(min_n=min_n)


def lines(text: str, width: int) -> str:
    """Break `text` between words into lines of at most `width` characters, joined for Plotly (<br>).
    A word longer than the width keeps its own line."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)
