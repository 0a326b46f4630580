"""From a file's bytes to a frame of strings, and Danish cell values to Python values.

Nothing here raises on bad input: every unreadable file or cell becomes a :class:`Problem` naming the
file, the row as a user sees it in Excel (the header is row 1), the column and the value.

- the size limit comes first (INDBLIK_IMPORT_MAX_MB), before anything is decoded;
- XLSX (a ZIP file) is read with openpyxl, the first sheet; anything else is text: UTF-8 with or
  without BOM, else Windows-1252; a text that still holds control characters is not a CSV file;
- the separator is ';' or ',', whichever the header line has more of;
- every cell is searched for values that look like CPR numbers (ddmmyy-xxxx, or ten digits whose
  first six are a plausible date); such a value is never echoed back, only masked.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Problem:
    """One thing wrong with a file; `text()` is the Danish one-liner a user reads."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def text(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"række {self.row}")
        if self.column is not None:
            parts.append(f"kolonne '{self.column}'")
        head = ", ".join(parts)
        value = f"'{_short(str(self.value))}' " if self.value is not None else ""
        return f"{head}: {value}{self.message}"


def _short(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ").replace("\r", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Unreadable(Exception):
    """The file as a whole cannot be read; carries the Problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


# --- CPR -----------------------------------------------------------------------------------------
CPR = re.compile(r"(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d-?\d{4}(?!\d)")


def looks_like_cpr(text: str) -> bool:
    return CPR.search(text) is not None


def mask(value: str) -> str:
    """A value with every digit hidden (never echo what may be a CPR number)."""
    return re.sub(r"\d", "x", _short(value, 20))


def cpr_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """A problem for every cell that holds a CPR-like value (value masked), header cells included."""
    out = [Problem(file, 1, None, mask(c), "ligner et CPR-nummer; filer må kun have pseudonyme id'er")
           for c in frame.columns if CPR.search(str(c))]
    for col in frame.columns:
        values = frame[col]
        hits = values.str.contains(CPR, na=False)
        for idx in np.flatnonzero(hits.to_numpy()):
            out.append(Problem(file, int(frame.index[idx]), str(col), mask(values.iloc[idx]),
                               "ligner et CPR-nummer; filer må kun have pseudonyme id'er"))
    return out


# --- bytes -> frame of strings ----------------------------------------------------------------------
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode(content: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; refuse binary or garbled text."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = CONTROL.search(text)
        if bad is None:
            return text
        if encoding == "cp1252" or "\x00" in text:
            break
    line = content[: content.find(b"\x00") if b"\x00" in content else 0].count(b"\n") + 1
    raise Unreadable(Problem(file, line if b"\x00" in content else None, None, None,
                             "filen kan ikke læses som tekst i UTF-8 eller Windows-1252 (den er måske binær, "
                             "UTF-16 eller beskadiget); gem den som CSV (UTF-8) eller XLSX"))


def read_frame(content: bytes, file: str, max_mb: int) -> tuple[pd.DataFrame, list[Problem]]:
    """The file as a frame of stripped strings (index = the row number in the file, header = 1),
    with problems for ragged rows. Raises Unreadable for a file that cannot be read at all."""
    size_mb = len(content) / 1024 / 1024
    if size_mb > max_mb:
        raise Unreadable(Problem(file, None, None, None,
                                 f"Filen er {size_mb:.0f} MB; grænsen er {max_mb} MB (INDBLIK_IMPORT_MAX_MB)."))
    if not content.strip():
        raise Unreadable(Problem(file, None, None, None, "filen er tom"))
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content, file)
    text = decode(content, file)
    frame, problems = _read_csv(text, file)
    if looks_like_cpr(text):  # one pass over the text; cell by cell only when it finds something
        problems += cpr_problems(frame, file)
    return frame, problems


def _read_csv(text: str, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") >= header.count(",") else ","
    problems: list[Problem] = []
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                            skip_blank_lines=False, engine="c")
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise Unreadable(Problem(file, int(m.group(2)), None, None,
                                     f"rækken har {m.group(3)} felter, men overskriften har {m.group(1)} "
                                     f"(er skilletegnet '{sep}' brugt inde i en værdi uden anførselstegn?)")) from None
        raise Unreadable(Problem(file, None, None, None, f"filen kan ikke læses som CSV ({exc})")) from None
    except (pd.errors.EmptyDataError, ValueError) as exc:
        raise Unreadable(Problem(file, None, None, None, f"filen kan ikke læses som CSV ({exc})")) from None
    frame.index = np.arange(2, len(frame) + 2)
    counts = _field_counts(text, sep)[1:len(frame) + 1]
    blank = (frame == "").all(axis=1).to_numpy()
    for i in np.flatnonzero((counts < frame.shape[1]) & ~blank):
        problems.append(Problem(file, int(frame.index[i]), None, None,
                                f"rækken har {counts[i]} felter, men overskriften har {frame.shape[1]} "
                                "(er filen afkortet?)"))
    frame = frame[~blank]
    return _tidy(frame, file, problems)


def _field_counts(text: str, sep: str) -> np.ndarray:
    """Fields per record (header first): counted separators when the text has no quotes, else csv."""
    if '"' not in text:
        lines = text.split("\n")
        if lines and lines[-1].strip() == "":
            lines.pop()
        return np.array([line.count(sep) + 1 for line in lines])
    import csv
    return np.array([len(r) or 1 for r in csv.reader(io.StringIO(text), delimiter=sep)])


def _read_xlsx(content: bytes, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise Unreadable(Problem(file, None, None, None, f"filen kan ikke læses som XLSX ({type(exc).__name__})")) from None
    rows = [[_xlsx_cell(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    if not rows:
        raise Unreadable(Problem(file, None, None, None, "regnearket er tomt"))
    width = len(rows[0])
    while width and rows[0][width - 1] == "":
        width -= 1
    frame = pd.DataFrame([(r + [""] * width)[:width] for r in rows[1:]], columns=rows[0][:width], dtype=object)
    frame.index = np.arange(2, len(frame) + 2)
    frame = frame[~(frame == "").all(axis=1)].astype(str)
    frame, problems = _tidy(frame, file, [])
    return frame, problems + cpr_problems(frame, file)


def _xlsx_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nej"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v).replace(".", ",")
    return str(v).strip()


def _tidy(frame: pd.DataFrame, file: str, problems: list[Problem]) -> tuple[pd.DataFrame, list[Problem]]:
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    seen: set[str] = set()
    for c in frame.columns:
        if c in seen:
            raise Unreadable(Problem(file, 1, c, None, "kolonnen står to gange i overskriften"))
        seen.add(c)
    frame = frame.apply(lambda col: col.str.strip())
    return frame, problems


# --- cells -> values ----------------------------------------------------------------------------
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$", re.ASCII)  # ASCII: no full-width or Arabic digits
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$", re.ASCII)


def number(text: str) -> float | None:
    """A Danish number: '87,5', '2.351' (thousands), '1.234,5', '87,5 %' (= 0.875), '-3', '3.85'
    (a decimal point when the dot cannot be a thousands separator). None when unreadable."""
    t = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    percent = t.endswith("%")
    t = t.rstrip("%")
    if "," in t:
        whole, _, frac = t.partition(",")
        if "," in frac or not re.fullmatch(r"[0-9]+", frac):
            return None
        if "." in whole:
            if not _THOUSANDS.match(whole):
                return None
            whole = whole.replace(".", "")
        t = f"{whole}.{frac}"
    elif _THOUSANDS.match(t):
        t = t.replace(".", "")
    if not _NUMBER.match(t):
        return None
    value = float(t)
    return value / 100 if percent else value


def integer(text: str) -> int | None:
    value = number(text)
    if value is None or "%" in text or not float(value).is_integer():
        return None
    return int(value)


_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T[\d:]+)?$", re.ASCII)


def date(text: str) -> dt.date | None:
    """dd-mm-yyyy (also with '.' or '/') or ISO yyyy-mm-dd."""
    m = _DMY.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.ASCII)


def school_year(text: str) -> int | None:
    """'2024/25', '2024/2025' or '2024-25' -> 2024 (the start year); a bare '2024' is the start year."""
    t = text.strip()
    if re.fullmatch(r"[0-9]{4}", t):
        return int(t)
    m = _YEAR.match(t)
    if not m:
        return None
    start, end = int(m.group(1)), m.group(2)
    follows = int(end) == start + 1 if len(end) == 4 else int(end) == (start + 1) % 100
    return start if follows else None
