"""The meeting's papers: the slides of a meeting as a PDF (A4 landscape, one slide a page) and as a PowerPoint
(16:9, the headline as each slide's title, the chart as a picture, the note as speaker notes).

Nothing is drawn twice: a chart comes in as the PNG that ui.export's kaleido path rendered (Plotly's static
export with the system's Chromium); this module only places pictures and text. Every word on a page is real,
extractable text: the headline, the selection, the source with the data's date, the page number and — on demo
data — the demo mark.

Font of the PDF (fpdf2 embeds a subset of a Unicode TrueType font; its core fonts are Latin-1 only and would
turn "–", "−" and "≥" into "?"). CI installs only Debian's `chromium`, which *recommends* fonts-liberation (not
installed with --no-install-recommends) and depends on fontconfig-config, whose font is any one of several
alternatives (DejaVu, Vera, Liberation, FreeFont, URW, ...): no font file at a known path is guaranteed. So the
font comes from a pinned Python package: ReportLab bundles Bitstream Vera (regular, bold, italic), the font
DejaVu Sans grew out of and identical to it in the Latin range. Checked with fontTools: it has æøåÆØÅ, "–",
"—", "−", "·", "≥", "≤", "±", "×", "…", "«»", "“”", "½", "²", "°", "€", i.e. every character of the app's
headlines, selections and sources. It lacks arrows and Greek; "→" and "✕" are written as "->" and "×", any
other missing glyph is reported by fpdf2's warning (never swapped for a core font). Matplotlib ships full
DejaVu too but is four times the download for two files.

Deterministic: the same pages give the same bytes. The one date inside (the PDF's CreationDate, the PPTX's
created/modified and its zip entries' times) is SOURCE_DATE_EPOCH when set (the reproducible-builds
convention), else the time of writing.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import os
import zipfile
from dataclasses import dataclass
from importlib.resources import files

from PIL import Image

from ui import theme
from ui.export import slug


@dataclass(frozen=True)
class Page:
    """One slide as it goes into the papers."""

    headline: str        # the finding, one plain Danish sentence (may be long: wrapped, never cut)
    image: bytes | None  # PNG of the chart, themed and rendered by the caller (e.g. 1600x900); None: a text slide
    selection: str       # 'Billund (530) · Nord · 2020/21–2025/26 · piger'
    source: str          # 'Kilde: Indblik, seneste trivselsmåling 2025/26, seneste placering 15. januar 2026'
    note: str = ""       # the speaker note (PPTX notes; in the PDF under the chart in small type)
    demo: bool = False   # demo data: the demo mark on the page, clearly visible


WORDS = {"da": {"page": "Side {k} af {n}", "slides": "{n} dias", "demo": "DEMODATA — syntetiske tal"},
         "en": {"page": "Page {k} of {n}", "slides": "{n} slides", "demo": "DEMO DATA — synthetic figures"}}


def file_name(title: str, when: dt.date, ext: str) -> str:
    """'Årlig opfølgning', 12 May 2026, 'pdf' -> 'moede_aarlig-opfoelgning_2026-05-12.pdf'."""
    return "_".join(p for p in ("moede", slug(title)[:80].strip("-"), when.isoformat()) if p) + f".{ext}"


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["da"])


def _stamp() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible output), else now; in UTC, whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.replace(microsecond=0)


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as im:  # reads the header only
        return im.size


def _fit(size: tuple[int, int], width: float, height: float) -> tuple[float, float]:
    """The largest (w, h) inside width x height with the picture's aspect ratio."""
    scale = min(width / size[0], height / size[1])
    return size[0] * scale, size[1] * scale


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


# --- PDF (fpdf2) ---------------------------------------------------------------------------------------
FAMILY = "Vera"
W, H, M = 297.0, 210.0, 14.0   # A4 landscape and its margin, in mm
BOTTOM = H - 9.0               # the baseline of the footer's last line
PT = 25.4 / 72                 # one point in mm
_PLAIN = str.maketrans({"→": "->", "✕": "×"})  # the few signs of the app that Vera has not


def _lh(size: float) -> float:
    """The line height in mm of type of `size` points."""
    return 1.25 * size * PT


def _document(title: str, lang: str):
    from fpdf import FPDF

    doc = FPDF(orientation="L", unit="mm", format="A4")
    fonts = files("reportlab") / "fonts"
    for style, name in (("", "Vera.ttf"), ("B", "VeraBd.ttf"), ("I", "VeraIt.ttf")):
        doc.add_font(FAMILY, style, str(fonts / name))
    doc.set_auto_page_break(False)
    doc.set_margins(M, M, M)
    doc.set_title(title.translate(_PLAIN))
    doc.set_lang(lang)
    doc.set_creator("Indblik")
    doc.set_creation_date(_stamp())
    return doc


def _lines(doc, text: str, width: float, size: float, style: str = "") -> list[str]:
    doc.set_font(FAMILY, style, size)
    return doc.multi_cell(width, _lh(size), text.translate(_PLAIN), dry_run=True, output="LINES", align="L")


def _write(doc, x: float, y: float, width: float, text: str, size: float, style: str = "",
           colour: str = theme.INK, align: str = "L") -> float:
    """Text wrapped at `width` from (x, y); returns the y under it."""
    doc.set_font(FAMILY, style, size)
    doc.set_text_color(*_rgb(colour))
    doc.set_xy(x, y)
    doc.multi_cell(width, _lh(size), text.translate(_PLAIN), align=align, new_x="LMARGIN", new_y="NEXT")
    return doc.get_y()


def _footer(doc, texts: list[str], number: str, demo: str | None) -> float:
    """The selection and the source (left), the page number (right), the demo mark in bold red under them;
    drawn up from the bottom. Returns the y of the rule above it."""
    left = W - 2 * M - 42
    size = 9.0
    height = sum(len(_lines(doc, t, left, size)) for t in texts) * _lh(size) + (_lh(11) if demo else 0)
    top = BOTTOM - height
    doc.set_draw_color(*_rgb(theme.LIGHT_GREY))
    doc.set_line_width(0.3)
    doc.line(M, top - 2.5, W - M, top - 2.5)
    y = top
    for text in texts:
        y = _write(doc, M, y, left, text, size, colour=theme.AXIS)
    if demo:
        _write(doc, M, y, left, demo, 11, "B", theme.BAD)
    doc.set_font(FAMILY, "", size)
    doc.set_text_color(*_rgb(theme.AXIS))
    doc.set_xy(W - M - 40, top)
    doc.cell(40, _lh(size), number, align="R")
    return top - 2.5


def _headline(doc, text: str, y: float) -> float:
    """The headline in large bold type, wrapped over the page's width; the type shrinks (never the text) so a
    long headline leaves room for the chart. Returns the y under it."""
    for size in (22.0, 19.0, 16.0, 14.0):
        if len(_lines(doc, text, W - 2 * M, size, "B")) * _lh(size) <= 52:
            break
    return _write(doc, M, y, W - 2 * M, text, size, "B")


def _note_lines(doc, note: str, width: float) -> tuple[list[str], float]:
    """The note's lines and type size: small, smaller when long, and at most 8 lines (the whole note is in the
    PowerPoint's speaker notes)."""
    size = 9.0
    lines = _lines(doc, note, width, size, "I")
    if len(lines) > 6:
        size = 7.5
        lines = _lines(doc, note, width, size, "I")
    if len(lines) > 8:
        lines = lines[:7] + [lines[7].rstrip()[:-2].rstrip() + " …"]
    return lines, size


def _title_page(doc, title: str, subtitle: str, count: int, number: str, words: dict, demo: bool) -> None:
    doc.add_page()
    y = _write(doc, M + 10, 62, W - 2 * M - 20, title, 32, "B")
    y = _write(doc, M + 10, y + 5, W - 2 * M - 20, subtitle, 18, colour=theme.AXIS)
    y = _write(doc, M + 10, y + 4, W - 2 * M - 20, words["slides"].format(n=count), 13, colour=theme.GREY)
    if demo:
        _write(doc, M + 10, y + 8, W - 2 * M - 20, words["demo"], 16, "B", theme.BAD)
    _footer(doc, [], number, None)


def _slide_page(doc, page: Page, number: str, words: dict) -> None:
    doc.add_page()
    y = _headline(doc, page.headline, M) + 4
    floor = _footer(doc, [page.selection, page.source], number, words["demo"] if page.demo else None) - 4
    note, note_size = _note_lines(doc, page.note, W - 2 * M) if page.note else ([], 9.0)
    note_h = len(note) * _lh(note_size) + (3 if note else 0)
    if page.image is not None:
        w, h = _fit(_size(page.image), W - 2 * M, max(20.0, floor - y - note_h))
        doc.image(io.BytesIO(page.image), x=(W - w) / 2, y=y, w=w, h=h)
        y += h + 3
    if note:
        _write(doc, M, y, W - 2 * M, "\n".join(note), note_size, "I", theme.GREY)


def pdf(title: str, subtitle: str, pages: list[Page], lang: str = "da") -> bytes:
    """The meeting as a PDF: a title page, then one page per slide; "Side k af n" on every page."""
    words = _words(lang)
    doc = _document(title, lang)
    total = len(pages) + 1
    number = (lambda k: words["page"].format(k=k, n=total))
    _title_page(doc, title, subtitle, len(pages), number(1), words, any(p.demo for p in pages))
    for k, page in enumerate(pages, start=2):
        _slide_page(doc, page, number(k), words)
    return bytes(doc.output())


# --- PowerPoint (python-pptx) ---------------------------------------------------------------------------
SW, SH = 12192000, 6858000     # 16:9, 13.333 x 7.5 in, in EMU
EMU = 914400                   # per inch
MARGIN = int(0.5 * EMU)


def _language(lang: str):
    from pptx.enum.lang import MSO_LANGUAGE_ID
    return MSO_LANGUAGE_ID.DANISH if lang == "da" else MSO_LANGUAGE_ID.ENGLISH_UK


def _paragraph(frame, text: str, size: float, lang: str, *, bold: bool = False, colour: str = theme.INK,
               first: bool = False) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    para = frame.paragraphs[0] if first else frame.add_paragraph()
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = RGBColor(*_rgb(colour))
    run.font.language_id = _language(lang)


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def _box(shape, top_anchor: bool = True) -> object:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP if top_anchor else MSO_ANCHOR.MIDDLE
    return frame


def _headline_size(text: str) -> tuple[int, int]:
    """Type size (pt) and box height (EMU) of a headline across the slide: 28 pt, smaller when long; the
    height from the lines that size needs (about half an em a character, rounded up)."""
    size = 28 if len(text) <= 90 else 24 if len(text) <= 180 else 20
    per_line = (SW - 2 * MARGIN) / EMU * 72 / (0.5 * size)
    lines = max(1, math.ceil(len(text) * 1.05 / per_line))
    return size, int((lines * 1.2 * size / 72 + 0.2) * EMU)


def _title_slide(prs, title: str, subtitle: str, count: int, words: dict, lang: str, demo: bool) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    head, sub = slide.placeholders[0], slide.placeholders[1]
    _place(head, MARGIN * 2, int(1.9 * EMU), SW - 4 * MARGIN, int(1.6 * EMU))
    _paragraph(_box(head, False), title, 40, lang, bold=True, first=True)
    _place(sub, MARGIN * 2, int(3.6 * EMU), SW - 4 * MARGIN, int(2.2 * EMU))
    frame = _box(sub)
    _paragraph(frame, subtitle, 22, lang, colour=theme.AXIS, first=True)
    _paragraph(frame, words["slides"].format(n=count), 16, lang, colour=theme.GREY)
    if demo:
        _paragraph(frame, words["demo"], 20, lang, bold=True, colour=theme.BAD)


def _slide(prs, page: Page, words: dict, lang: str) -> None:
    from pptx.enum.text import PP_ALIGN

    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only: the headline shows in the outline
    size, height = _headline_size(page.headline)
    _place(slide.shapes.title, MARGIN, int(0.3 * EMU), SW - 2 * MARGIN, height)
    frame = _box(slide.shapes.title)
    _paragraph(frame, page.headline, size, lang, bold=True, first=True)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    foot_h = int((0.62 + (0.3 if page.demo else 0)) * EMU)
    foot_top = SH - int(0.25 * EMU) - foot_h
    foot = slide.shapes.add_textbox(MARGIN, foot_top, SW - 2 * MARGIN, foot_h)
    foot.name = "Kilde"
    frame = _box(foot)
    frame.margin_top = frame.margin_bottom = 0
    _paragraph(frame, page.selection, 11, lang, colour=theme.AXIS, first=True)
    _paragraph(frame, page.source, 11, lang, colour=theme.AXIS)
    if page.demo:
        _paragraph(frame, words["demo"], 14, lang, bold=True, colour=theme.BAD)
    if page.image is not None:
        top = int(0.3 * EMU) + height + int(0.1 * EMU)
        w, h = _fit(_size(page.image), SW - 2 * MARGIN, foot_top - int(0.1 * EMU) - top)
        slide.shapes.add_picture(io.BytesIO(page.image), int((SW - w) / 2), top, int(w), int(h))
    if page.note:
        slide.notes_slide.notes_text_frame.text = page.note


def _reproducible(data: bytes, when: dt.datetime) -> bytes:
    """The package again with every entry's time set to `when` (zipfile stamps the time of writing)."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def pptx(title: str, subtitle: str, pages: list[Page], lang: str = "da") -> bytes:
    """The meeting as a PowerPoint (16:9): a title slide, then per page a slide titled with its headline, the
    chart as a picture, the selection and source in a footer box, and the note as the speaker notes."""
    from pptx import Presentation

    words = _words(lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SW, SH
    when = _stamp()
    core = prs.core_properties
    core.title, core.author, core.last_modified_by = title, "Indblik", "Indblik"
    core.language, core.comments = "da-DK" if lang == "da" else "en-GB", ""
    core.created = core.modified = when.replace(tzinfo=None)
    core.revision = 1
    _title_slide(prs, title, subtitle, len(pages), words, lang, any(p.demo for p in pages))
    for page in pages:
        _slide(prs, page, words, lang)
    buf = io.BytesIO()
    prs.save(buf)
    return _reproducible(buf.getvalue(), when)
