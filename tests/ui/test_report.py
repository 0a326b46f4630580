"""The meeting's papers (ui.report): a 10-slide meeting as PDF and as PowerPoint, read back — pages and slides,
headlines, the selection and source on every page, the page numbers, pictures, notes and the demo mark."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from ui.report import Page, file_name, pdf, pptx

TITLE = "Årlig opfølgning"
SUBTITLE = "Børne- og Skoleudvalget · 12. maj 2026"
SOURCE = "Kilde: Indblik, seneste trivselsmåling 2025/26, seneste placering 15. januar 2026"
PLACES = ["Nord", "Syd", "Øst", "Vest", "Grindsted", "Vorbasse", "Hejnsvig", "Sønderskov", "Ålholm", "Æblehaven"]
DEMO = {2, 5, 9}  # the slides (1-based) on demo data


def flat(text: str) -> str:
    """Whitespace and line breaks as single spaces (the PDF breaks a long headline over lines)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def png() -> bytes:
    """One chart drawn as the app draws it for the papers: ui.export's kaleido path in Debian's chromium."""
    import plotly.graph_objects as go

    from tests.conftest import require_chromium
    from ui.export import Context, Picture, to_png
    from ui.view import View
    require_chromium()
    fig = go.Figure(go.Bar(x=["2024/25", "2025/26"], y=[3.9, 3.96]))
    where = Context(selection="Billund (530)", role="Forvaltning", data="seneste trivselsmåling 2025/26", demo=False)
    return to_png(Picture(fig, "Social trivsel er 3,96 i 2025/26.", "trivsel_social"), where, View())


@pytest.fixture(scope="module")
def pages(png) -> list[Page]:
    return [Page(headline=f"Slide {k}: social trivsel i 4.–6. klasse i {place} steg med 0,2 point — "
                          f"andelen med ≥ 4,1 er steget, mistrivsel faldt med −3 %.",
                 image=png, selection=f"Billund (530) · {place} · 2020/21–2025/26 · piger", source=SOURCE,
                 note=f"Sig: {place} er et eksempel på en skole, der har arbejdet med fællesskab (slide {k}).",
                 demo=k in DEMO)
            for k, place in enumerate(PLACES, start=1)]


@pytest.fixture(scope="module")
def papers(pages) -> tuple[PdfReader, object]:
    return PdfReader(io.BytesIO(pdf(TITLE, SUBTITLE, pages))), Presentation(io.BytesIO(pptx(TITLE, SUBTITLE, pages)))


def test_the_file_name_says_what_meeting_and_when():
    assert file_name("Årlig opfølgning", dt.date(2026, 5, 12), "pdf") == "moede_aarlig-opfoelgning_2026-05-12.pdf"
    assert file_name("Ærø – status", dt.date(2026, 1, 2), "pptx") == "moede_aeroe-status_2026-01-02.pptx"


def test_the_pdf_is_a4_landscape_with_a_title_page_and_one_page_a_slide(papers):
    reader, _ = papers
    assert len(reader.pages) == 11
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)
    front = flat(reader.pages[0].extract_text())
    assert TITLE in front and SUBTITLE in front and "10 dias" in front and "Side 1 af 11" in front
    assert "DEMODATA — syntetiske tal" in front  # some slides are on demo data
    assert reader.metadata.title == TITLE


def test_each_pdf_page_says_its_headline_selection_source_and_number_and_demo_only_on_demo_data(papers, pages):
    reader, _ = papers
    for k, page in enumerate(pages, start=2):
        text = flat(reader.pages[k - 1].extract_text())
        assert flat(page.headline) in text, k
        assert page.selection in text and "2020/21–2025/26" in text, k
        assert SOURCE in text and f"Side {k} af 11" in text, k
        assert page.note in text, k
        assert ("DEMODATA — syntetiske tal" in text) == page.demo, k


def test_each_pdf_slide_page_holds_its_chart_once(papers, png):
    from PIL import Image

    reader, _ = papers
    assert len(reader.pages[0].images) == 0
    size = Image.open(io.BytesIO(png)).size
    for number in range(1, 11):
        images = reader.pages[number].images
        assert len(images) == 1, number
        assert images[0].image.size == size  # the caller's pixels, not drawn again


def test_the_pptx_is_16_9_with_a_title_slide_and_one_slide_a_page(papers):
    _, deck = papers
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    assert len(deck.slides) == 11
    front = deck.slides[0]
    assert front.shapes.title.text == TITLE
    assert SUBTITLE in front.placeholders[1].text_frame.text and "10 dias" in front.placeholders[1].text_frame.text


def test_each_slide_is_titled_by_its_headline_with_the_chart_the_footer_and_the_note(papers, pages, png):
    from PIL import Image

    _, deck = papers
    width, height = Image.open(io.BytesIO(png)).size
    for slide, page in zip(list(deck.slides)[1:], pages, strict=True):
        assert slide.shapes.title.text == page.headline  # PowerPoint's outline shows it
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        pic = pictures[0]
        assert abs(pic.width / pic.height - width / height) < 0.01  # aspect ratio kept
        assert pic.left >= 0 and pic.top >= slide.shapes.title.top + slide.shapes.title.height
        assert pic.left + pic.width <= deck.slide_width and pic.top + pic.height <= deck.slide_height
        footers = [s for s in slide.shapes if s.has_text_frame and not s.is_placeholder]
        assert len(footers) == 1
        foot = footers[0].text_frame.text
        assert page.selection in foot and SOURCE in foot
        assert ("DEMODATA — syntetiske tal" in foot) == page.demo
        assert pic.top + pic.height <= footers[0].top
        assert slide.notes_slide.notes_text_frame.text == page.note


def test_in_english_the_pages_are_numbered_in_english(pages):
    reader = PdfReader(io.BytesIO(pdf("Annual review", "Children and Schools Committee · 12 May 2026", pages[:10],
                                      lang="en")))
    assert "Page 1 of 11" in reader.pages[0].extract_text() and "10 slides" in reader.pages[0].extract_text()
    second = flat(reader.pages[1].extract_text())
    assert "Page 2 of 11" in second and "Side" not in second
    assert "DEMO DATA — synthetic figures" in flat(reader.pages[2].extract_text())


def test_a_very_long_headline_wraps_and_stays_on_the_page_with_its_chart(png):
    words = ("Andelen af elever i 4.–6. klasse med høj social trivsel (≥ 4,1) steg fra 2020/21 til 2025/26 på "
             "alle skoler i Nord, mest på Grindsted Skole og Vorbasse Skole, mens mistrivslen faldt med −3 "
             "procentpoint — men forskellen mellem piger og drenge er den samme som før, og den skal vi tale om.")
    headline = (words + " Det gælder også Hejnsvig Skole og Sønderskovskolen.")[:294] + " slut."
    assert len(headline) == 300
    page = Page(headline, png, "Billund (530) · Nord · 2020/21–2025/26 · piger", SOURCE, note="Kort note.")
    reader = PdfReader(io.BytesIO(pdf(TITLE, SUBTITLE, [page])))
    assert len(reader.pages) == 2  # nothing spilt onto a page of its own
    text = reader.pages[1].extract_text()
    assert flat(headline) in flat(text) and "\n" in text.split("slut.")[0]  # all there, over several lines
    assert len(reader.pages[1].images) == 1 and "Side 2 af 2" in text and "Kort note." in text
    slide = list(Presentation(io.BytesIO(pptx(TITLE, SUBTITLE, [page]))).slides)[1]
    title = slide.shapes.title
    assert title.text == headline and title.text_frame.word_wrap
    picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert picture.top >= title.top + title.height and picture.height > 2 * 914400  # still a readable chart


def test_a_text_slide_has_no_picture_and_says_everything_else():
    page = Page("Dagsorden: trivsel, overgange og effekt — og hvad vi gør nu.", None,
                "Billund (530) · 2020/21–2025/26", SOURCE, demo=True)
    reader = PdfReader(io.BytesIO(pdf(TITLE, SUBTITLE, [page])))
    text = flat(reader.pages[1].extract_text())
    assert page.headline in text and page.selection in text and "DEMODATA — syntetiske tal" in text
    assert len(reader.pages[1].images) == 0
    slide = list(Presentation(io.BytesIO(pptx(TITLE, SUBTITLE, [page]))).slides)[1]
    assert slide.shapes.title.text == page.headline and not slide.has_notes_slide
    assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_the_same_meeting_gives_the_same_bytes(pages, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1778544000")  # 12 May 2026
    assert pdf(TITLE, SUBTITLE, pages[:3]) == pdf(TITLE, SUBTITLE, pages[:3])
    assert pptx(TITLE, SUBTITLE, pages[:3]) == pptx(TITLE, SUBTITLE, pages[:3])
    assert PdfReader(io.BytesIO(pdf(TITLE, SUBTITLE, pages[:1]))).metadata.creation_date.year == 2026


def test_the_font_has_every_sign_the_app_prints():
    from importlib.resources import files

    from fontTools.ttLib import TTFont
    for name in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf"):
        cmap = TTFont(str(files("reportlab") / "fonts" / name)).getBestCmap()
        assert [c for c in "æøåÆØÅéÉ–—−·≥≤±×…«»“”²³°" if ord(c) not in cmap] == [], name
