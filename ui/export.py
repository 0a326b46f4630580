"""Files to take away: a table as CSV and as Excel, each saying what it holds — the selection, the role, the
data's date, the suppression rule and, on demo data, that the figures are made up — under a file name
that says it too (`trivsel_social-trivsel_billund_2020-2025_piger.xlsx`).

The table is the one the page shows (or, for a chart, its figures as the screen rounds them), so a file
never holds a value the screen hid nor a row outside the role's scope: both come from the query layer.
CSV: semicolon, decimal comma, UTF-8 with BOM (Danish Excel opens it as columns), the facts above the
table. Excel: a front sheet "Om" with the facts, a data sheet with bold headers and fitted columns.
Every download is written to the audit log (ui.access.download).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import access, fmt
from ui.view import View

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """A table to take away: its title ('Social trivsel pr. skoleår'), the frame (headers in the reader's
    language; numbers as numbers rounded as on screen, or as the screen's text), a short name for the
    file ('trivsel_social-trivsel') and further facts for the front (label, text), e.g. the definition."""

    title: str
    frame: pd.DataFrame
    name: str
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Context:
    """What every file says about where it comes from (ui.shell fills it for the page)."""

    selection: str
    role: str
    data: str
    demo: bool


def facts(table: Table, where: Context, view: View) -> list[tuple[str, str]]:
    """The lines above the table and on the front sheet."""
    out = [("Indblik", table.title), (view.tr("Udsnit", "Selection"), where.selection),
           (view.tr("Rolle", "Role"), where.role), (view.tr("Data", "Data"), where.data),
           (view.tr("Små grupper", "Small groups"), view.tr(
               "Tallene er justeret en smule for at beskytte små grupper; grupper med færre end {k} vises ikke "
               "(»ikke vist«).", "The figures are slightly adjusted to protect small groups; groups of fewer than {k} "
               "are not shown (\"not shown\").", k=view.min_n)),
           (view.tr("Hentet", "Downloaded"), dt.datetime.now().strftime("%d-%m-%Y %H:%M"))]
    if where.demo:
        out.insert(1, (view.tr("Demodata", "Demo data"), view.tr("Syntetiske tal. Ingen rigtige børn, skoler eller "
                                                                   "resultater.", "Synthetic figures. No real children, "
                                                                   "schools or results.")))
    return out + list(table.facts)


def slug(text: str) -> str:
    """'Høje-Taastrup (169)' -> 'hoeje-taastrup'; '2020/21–2025/26' -> '2020-2025'."""
    text = re.sub(r"\s*\(\d+\)", "", text).replace("–", "-")
    text = re.sub(r"(\d{4})/\d{2}", r"\1", text)
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_name(table: Table, where: Context, ext: str) -> str:
    """What the file holds, in its name: the table's name and the selection's words."""
    parts = [re.sub(r"[^a-z0-9_-]+", "-", table.name.lower()), *(slug(p) for p in where.selection.split(" · "))]
    return "_".join(p for p in parts if p)[:150] + f".{ext}"


def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers as integers (n as 6469, never 6469,0); booleans as ja/nej are the caller's."""
    out = frame.copy()
    for c in out.columns:
        v = out[c]
        if pd.api.types.is_float_dtype(v) and np.all(np.isnan(v) | (v == np.round(v))):
            out[c] = v.astype("Int64")
    return out


def to_csv(table: Table, where: Context, view: View) -> bytes:
    """The facts, an empty line, then the table: semicolon, decimal comma in Danish, UTF-8 with BOM."""
    sep, decimal = (";", ",") if view.lang == "da" else (",", ".")
    head = pd.DataFrame(facts(table, where, view)).to_csv(sep=sep, index=False, header=False)
    body = _numbers(table.frame).to_csv(sep=sep, decimal=decimal, index=False)
    return (head + "\n" + body).encode("utf-8-sig")


def to_excel(table: Table, where: Context, view: View) -> bytes:
    """A workbook: the front sheet "Om" with the facts, then the table with bold headers and fitted columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    about = wb.active
    about.title = view.tr("Om", "About")
    for label, text in facts(table, where, view):
        about.append([label, text])
    about["B1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 18, 110
    for row in about.iter_rows():
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet = wb.create_sheet(view.tr("Tal", "Figures"))
    frame = _numbers(table.frame)
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in frame.itertuples(index=False):
        sheet.append([None if (v is pd.NA or (isinstance(v, float) and np.isnan(v))) else
                      (int(v) if isinstance(v, np.integer) else float(v) if isinstance(v, np.floating) else v)
                      for v in values])
    for i, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(500)])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def buttons(table: Table | None, where: Context, view: View, key: str, picture: Picture | None = None):
    """'Hent som Excel', 'Hent som CSV' (with a table) and 'Hent som billede' (with a chart) in one row;
    each file built when it is asked for, and logged. Returns the row (for "Tilføj til møde" after them).
    One horizontal container, not four columns: a page has ten such rows, and each column was a message of its
    own for every viewer."""
    row = st.container(horizontal=True, gap="small")
    with row:
        if table is not None:
            access.download(view.tr("Hent som Excel", "Download as Excel"), lambda: to_excel(table, where, view),
                            file_name(table, where, "xlsx"), XLSX, key=f"{key}_xlsx", icon=":material/download:")
            access.download(view.tr("Hent som CSV", "Download as CSV"), lambda: to_csv(table, where, view),
                            file_name(table, where, "csv"), "text/csv", key=f"{key}_csv", icon=":material/download:")
        if picture is not None:
            access.download(view.tr("Hent som billede (PNG)", "Download as image (PNG)"),
                            lambda: to_png(picture, where, view),
                            file_name(Table(picture.headline, pd.DataFrame(), picture.name), where, "png"), "image/png",
                            key=f"{key}_png", icon=":material/image:")
    return row


# --- a chart as a picture for the meeting papers -------------------------------------------------------
@dataclass(frozen=True)
class Picture:
    """A chart to take away as an image: the figure as the page draws it, its headline, a short name."""

    figure: go.Figure
    headline: str
    name: str


@st.cache_resource(show_spinner=False)
def _renderer() -> bool:
    """One browser for every static export of this server (kaleido finds Debian's chromium by itself)."""
    import kaleido
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    return True


def framed(picture: Picture, where: Context, view: View) -> go.Figure:
    """The figure as it goes into the image: the headline above it, and under the headline the selection,
    the source with the data's date and — on demo data — that the figures are made up."""
    fig = go.Figure(picture.figure)
    source = [where.selection, view.tr("Kilde: Indblik, {d}", "Source: Indblik, {d}", d=where.data)]
    if where.demo:
        source.append(view.tr("DEMODATA — syntetiske tal", "DEMO DATA — synthetic figures"))
    top = (fig.layout.margin.t or 60) + 120
    fig.update_layout(title=dict(text=fmt.lines(picture.headline, 95), x=0.01, xanchor="left", y=1, yanchor="top",
                                 pad=dict(t=24), yref="container",
                                 font=dict(size=24),
                                 subtitle=dict(text=fmt.lines(" · ".join(source), 150), font=dict(size=15))),
                      margin=dict(t=top), paper_bgcolor="white")
    return fig


def to_png(picture: Picture, where: Context, view: View) -> bytes:
    """The framed chart as a PNG, 1600 pixels wide (twice the screen's detail at 800)."""
    import warnings

    _renderer()
    fig = framed(picture, where, view)
    height = int((fig.layout.height or 500) + 120)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plotly notes that a running kaleido server ignores per-call options
        return fig.to_image(format="png", width=1200, height=height, scale=1.5)


def data_line(fresh: dict, view: View) -> str:
    """'seneste trivselsmåling 2025/26, seneste placering 15. januar 2026' (queries.kpis.freshness)."""
    return view.tr("seneste trivselsmåling {s}, seneste placering {p}", "latest wellbeing survey {s}, latest placement {p}",
                   s=fmt.school_year(fresh["survey"]) if fresh.get("survey") else "–",
                   p=fmt.date(fresh["placement"], view.lang) if fresh.get("placement") else "–")
