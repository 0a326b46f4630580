"""Mødetilstand in AppTest on the hand-made fixture: a chart goes from its page into a new meeting, the meeting
lists it and presents it full screen — the slide redrawn by the page's own code, with its footer."""
import sqlalchemy as sa

from data import schema as s


def _add_first_chart(at, meeting: str):
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
    listed = [m for m in at.markdown if m.value.startswith("**1. ")]
    assert listed and listed[0].value == f"**1. {headline}**"  # the slide, drawn anew: the page's headline
    at.button(key="moede_start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert headline in shown  # the finding, large, as the headline of the slide
    assert "Høje-Taastrup (169)" in shown and "1 / 1" in shown and "DEMODATA" not in shown  # the footer
    assert len(at.get("plotly_chart")) == 1
    assert not at.title  # no page chrome: only the slide
    at.button(key="moede_black").click().run()
    assert any("moede-black" in h.proto.body for h in at.get("html"))
    at.button(key="moede_end").click().run()
    assert at.title[0].value == "Mødetilstand"
