"""Mødetilstand in AppTest on the hand-made fixture: a chart goes from its page into a new meeting, the meeting
lists it and presents it full screen — the slide redrawn by the page's own code, with its footer."""
import pytest
import sqlalchemy as sa

from data import schema as s
from tests.helpers import forget_meetings


@pytest.fixture(autouse=True)
def no_meetings_left(sqlite_fixture_url):
    """The fixture database is shared by the page tests: the meetings made here go again afterwards."""
    yield
    forget_meetings(sqlite_fixture_url)


def _add_first_chart(at, meeting: str):
    """'Tilføj til møde' under the page's first chart, into a new meeting called `meeting`."""
    assert not any(b.label == "Møde" for b in at.selectbox)  # the meetings are read only when the dialog opens
    next(b for b in at.button if b.label == "Tilføj til møde").click().run()
    which = next(b for b in at.selectbox if b.label == "Møde")
    if which.value != 0:
        which.set_value(0).run()  # "Nyt møde …"
    name = next(t for t in at.text_input if t.label == "Mødets navn")
    name.set_value(meeting)
    at.button(key=name.key.removesuffix("_name") + "_add").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_chart_goes_into_a_meeting_and_is_presented(app, sqlite_fixture_url):
    at = app("trivsel", kommune="169")
    headline = at.subheader[0].value
    _add_first_chart(at, "Udvalget maj")
    with sa.create_engine(sqlite_fixture_url).connect() as c:
        rows = c.execute(sa.select(s.meeting_slide.c.kind, s.meeting_slide.c.params, s.meeting_slide.c.saved_headline)
                         .join(s.meeting).where(s.meeting.c.name == "Udvalget maj")).all()
    assert [(r.kind, r.params) for r in rows] == [("trivsel.trend", "kommune=169")]
    at.switch_page("pages/moede.py").run()
    _choose(at, sqlite_fixture_url, "Udvalget maj")
    listed = [m for m in at.markdown if m.value.startswith("**1. ")]
    assert listed and listed[0].value == f"**1. {headline}**"  # the slide, drawn anew: the page's headline
    at.button(key="moede_start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert headline in shown  # the finding, large, as the headline of the slide
    assert "Høje-Taastrup (169)" in shown and "1 / 1" in shown and "DEMODATA" not in shown  # the footer
    assert [c.key for c in at.get("plotly_chart")] == ["moede_chart_hd_0", "moede_chart_sd_0"]  # for 1080 and 720 lines
    assert not at.title  # no page chrome: only the slide
    at.button(key="moede_black").click().run()
    assert any("moede-black" in h.proto.body for h in at.get("html"))
    at.button(key="moede_end").click().run()
    assert at.title[0].value == "Mødetilstand"


def _choose(at, url: str, name: str) -> None:
    with sa.create_engine(url).connect() as c:
        mid = c.execute(sa.select(s.meeting.c.id).where(s.meeting.c.name == name)).scalar_one()
    at.selectbox(key="moede_chosen").set_value(mid).run()


def test_the_meeting_papers_hold_every_slide_with_its_selection(app, downloads, sqlite_fixture_url):
    import io

    from pptx import Presentation
    from pypdf import PdfReader
    at = app("trivsel", kommune="169")
    trend = at.subheader[0].value
    _add_first_chart(at, "Udvalget juni")
    assert not any(b.label == "Møde" for b in at.selectbox)  # added: the dialog has closed
    at.switch_page("pages/overgange.py").run()
    next(b for b in at.button if b.label == "Tilføj til møde").click().run()
    which = next(b for b in at.selectbox if b.label == "Møde")
    assert which.value != 0  # the reader has a meeting now: the dialog offers it first, not "Nyt møde"
    assert "Udvalget juni" in which.format_func(which.value)
    next(b for b in at.button if b.label == "Tilføj").click().run()
    inklusion = at.subheader[0].value
    at.switch_page("pages/moede.py").run()
    _choose(at, sqlite_fixture_url, "Udvalget juni")
    pdf = next(raw for name, raw in downloads.raw.items() if name.endswith(".pdf"))
    assert next(n for n in downloads.raw if n.endswith(".pdf")).startswith("moede_udvalget-juni_")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 3  # the title page and the two slides
    for page, headline in zip(pages[1:], (trend, inklusion)):
        text = " ".join(page.extract_text().split())
        assert " ".join(headline.split()) in text and "Høje-Taastrup (169)" in text
        assert len(page.images) == 1
    deck = Presentation(io.BytesIO(next(raw for name, raw in downloads.raw.items() if name.endswith(".pptx"))))
    titles = [s.shapes.title.text for s in deck.slides][1:]
    assert titles == [trend, inklusion]
