"""Every page through AppTest on the hand-made fixture, asserting on what a user sees."""
import json

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data import schema as s
from queries import filters
from queries.filters import SURVEY, Dimension, Filters, Option, Scope, where
from tests.helpers import texts
from tests.pages.conftest import APP

PAGES = ["overblik", "trivsel", "overgange", "effekt", "pejlemaerker", "udforsk", "data", "moede"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_banner_and_title(app, page):
    at = app(page)
    assert at.title, "page has no title"
    # the fixture is not demo data: no demo banner
    assert not any("Demodata" in w.value for w in at.warning)


def test_trivsel_shows_hand_computed_figures(app, threshold):
    threshold(5)  # the figures below were worked out with 5; the survey's own default (6) is tested below
    at = app("trivsel")
    metrics = {m.label: m.value for m in at.metric}
    # social 2025: 83/22 = 3,77; støtte 2025: 62/21 = 2,95 (see tests/queries/test_trivsel.py)
    assert metrics == {"Social trivsel": "3,77", "Støtte og inspiration": "2,95"}
    assert "n = 22" in [c.value for c in at.caption]  # n under each figure
    heads = [s.value for s in at.subheader]
    assert "Social trivsel er 3,77 i 2025/26, faldet 0,52 fra 2024/25 — mere end den statistiske usikkerhed." in heads
    # bands: 6/22 = 27 % in 4,1-5,0; the 2 pupils in 1,0-2,0 are a small group, not shown
    assert ("27 % af eleverne ligger i det højeste interval (4,1-5,0) for Social trivsel i 2025/26; det laveste vises "
            "ikke, for at beskytte en lille gruppe elever.") in heads
    # funnel: Beta (n=3) and, complementary, Delta are hidden and named with why
    assert any("Ikke vist: Beta Skole (færre end 5), Delta Specialskole (beskytter en lille gruppe)" in c.value
               for c in at.caption)
    # Gamma (36/8 = 4,50) lies above its 95 % limit: all 22 respondents have mean 83/22 = 3,7727 and SD
    # √((332 − 83²/22)/21) = 0,9478, so z = 0,7273/(0,9478/√8) = 2,170, p = 0,030; Alfa (4,0, n=6): z = 0,587,
    # p = 0,557. Two institutions compared at once (Benjamini-Hochberg): Gamma's q = 2 · 0,030 = 0,060 > 0,05,
    # so neither differs beyond noise — the headline counts and the list names by that one rule
    assert "I 2025/26 ligger 0 af 2 institutioner højere og 0 lavere end gennemsnittet" in texts(at)
    assert "Ingen institution afviger mere, end tilfældigheder kan forklare." in texts(at)
    assert "Social trivsel er lavest i 5. klasse (3,50) og højest i 6. klasse (3,96)." in heads
    assert len(at.get("plotly_chart")) >= 5


def test_filters_come_from_the_link_and_stay(app):
    at = app("trivsel", kommune="169")
    # Høje-Taastrup: Gamma + Delta = 51,5/13 = 3,96
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,96"
    # the filter stays when the user moves to another page
    at.switch_page("pages/overblik.py")
    at.run()
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,96"
    assert at.query_params["kommune"] in ("169", ["169"])  # and the link still carries it


def test_small_group_is_shown_as_suppressed(app):
    at = app("trivsel", inst="2")  # Beta Skole: 3 respondents
    values = [m.value for m in at.metric]
    assert values and all(v == "–" for v in values)  # a dash in each box, the reason under it
    # the wellbeing survey's threshold is the ministry's (nothing from 5 or fewer pupils): "færre end 6"
    assert [c.value for c in at.caption].count("Ikke vist (færre end 6)") == len(values)
    assert "3,00" not in texts(at) and "2,50" not in texts(at)
    # nothing is shown, so nothing claims that no institution lies outside the limits
    assert not any("ligger uden for" in t for t in texts(at))
    # Beta's pupils did answer: "too few", never "no answers in this selection"
    assert not any("ingen besvarelser" in i.value for i in at.info)


def test_english_is_second_language(app):
    at = app("trivsel", lang="en")
    assert at.title[0].value == "Wellbeing"
    assert "Social well-being is 3.77 in 2025/26, down 0.52 from 2024/25 — beyond statistical uncertainty." in [
        s.value for s in at.subheader]
    assert {m.label: m.value for m in at.metric}["Social well-being"] == "3.77"
    assert at.sidebar.selectbox(key="f_kommune").label == "Municipality"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["template"]["layout"]["separators"] == ".,"  # 3.77 on the axis too, not 3,77
    hovers = " ".join(str(tr.get("hovertemplate", "")) for tr in spec["data"])
    assert "95% CI" in hovers and "KI" not in hovers


def test_the_meeting_page_says_how_to_begin(app):
    at = app("moede")
    assert at.title[0].value == "Mødetilstand"
    assert "Du har ingen møder endnu" in texts(at)  # and how to make one, with no made-up figures
    assert not at.metric and not at.get("plotly_chart")


def test_overblik_shows_the_key_figures_with_their_change_and_reference(app):
    at = app("overblik")
    tiles = {m.label: m for m in at.metric}
    # the same hand-computed figures as the pages: social trivsel 83/22 = 3,77, støtte 62/21 = 2,95;
    # inklusionsgrad 65 of 84 = 77,4 %, Landstal 1 − 0,056 = 94,4 %; against 2024 (36 of 45) p = 0,73: unchanged
    assert tiles["Social trivsel"].value == "3,77" and tiles["Støtte og inspiration"].value == "2,95"
    assert tiles["Inklusionsgrad"].value == "77,4 %" and not tiles["Inklusionsgrad"].delta  # no arrow: noise
    captions = [c.value for c in at.caption]
    assert "2025/26 · n=84 · landstal 94,4 % · uændret" in captions
    # every tile has its definition one hover away, and the page says how new the data are
    assert all(m.help for m in at.metric) and any(c.startswith("Data: seneste trivselsmåling 2025/26") for c in captions)
    # an arrow only where the change is beyond noise with all tiles judged at once: the five tested changes
    # have p = 0,00061 (new per 1.000), 0,0141 (tilgang), 0,0233 (social trivsel −0,52), 0,605, 0,731;
    # Benjamini-Hochberg: q = 0,0030, 0,0354, 0,0388, 0,731, 0,731 -> three arrows, social trivsel's among them
    assert tiles["Social trivsel"].delta == "−0,52" and tiles["Tilgang til specialtilbud"].delta
    assert not tiles["Støtte og inspiration"].delta
    assert "3 af 13 nøgletal har ændret sig mere fra året før, end tilfældigheder kan forklare" in texts(at)
    # per school, nothing beyond noise in the fixture (Gamma's social trivsel: 4,50 both years, p = 1): said so
    assert any(m.value.startswith("Ingen skole har ændret sig fra sidste år mere, end tilfældigheder kan forklare")
               for m in at.markdown)
    assert len(at.metric) == 13
    # the page mixes domains: it names both thresholds
    assert any("grupper med færre end 5 (i trivselsmålingen 6) vises ikke" in c for c in captions)


def test_overblik_says_when_a_key_figure_cannot_be_shown(app):
    at = app("overblik", inst="4")  # Delta Specialskole: 5 respondents, under the survey's 6
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Social trivsel"] == "–"
    assert "ikke vist: for få i udsnittet" in [c.value for c in at.caption]


def _run_with_url(monkeypatch, url) -> AppTest:
    monkeypatch.setenv("INDBLIK_DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, "a database problem must be a message, not a traceback"
    return at


def test_unreachable_database_is_a_clear_message(monkeypatch):
    at = _run_with_url(monkeypatch, "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "Databasen kan ikke nås." in at.error[0].value
    assert at.button[0].label == "Prøv igen"
    assert not at.metric


def test_unknown_schema_version_is_refused(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    eng = sa.create_engine(url)
    with eng.begin() as c:
        c.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        c.execute(sa.text("INSERT INTO alembic_version VALUES ('9999_future')"))
    at = _run_with_url(monkeypatch, url)
    assert "skemaversion kendes ikke" in at.error[0].value and "9999_future" in at.error[0].value
    with eng.connect() as c:  # refused means untouched
        assert c.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"


def test_empty_database_says_what_to_do(monkeypatch, tmp_path):
    at = _run_with_url(monkeypatch, f"sqlite:///{tmp_path / 'empty.db'}")
    assert "Databasen er tom." in at.error[0].value and "python -m data.migrate" in at.error[0].value


def test_deep_link_on_a_fresh_server(app):
    """The very first request of a server is a link straight to /trivsel (Streamlit runs the page file
    by itself then): the shell still runs, with the filters of the link."""
    at = app("trivsel", kommune="169")
    assert at.title[0].value == "Trivsel"
    assert at.sidebar.selectbox(key="f_kommune").value == 169  # the filter bar is there, set from the link
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,96"  # Høje-Taastrup, from the link


def test_a_link_with_unknown_filters_falls_back_to_all_and_says_so(app):
    at = app("trivsel", kommune="999", trin="x-y", koen="pige")
    notice = [w.value for w in at.warning if "Linket nævner" in w.value]
    assert len(notice) == 1 and "kommune=999" in notice[0] and "trin=x-y" in notice[0]  # above the page, not a toast
    assert at.sidebar.selectbox(key="f_kommune").value == "alle"
    # what is shown, in words, at the top of the page: the valid part of the link (the fixture's school years:
    # placements 2020-2025, surveys 2024-2025)
    assert any(c.value.endswith("**Udsnit:** Alle kommuner · 2020/21–2025/26 · Piger") for c in at.caption)
    at.sidebar.selectbox(key="f_kommune").set_value(530).run()  # the reader moves on: the notice goes
    assert not [w for w in at.warning if "Linket nævner" in w.value]
    # (Billund has one district in the fixture, so all its rows are Nord's: said too)
    assert any(c.value.endswith("**Udsnit:** Billund (530) · Nord · 2020/21–2025/26 · Piger") for c in at.caption)
    at.sidebar.selectbox(key="f_kommune").set_value("alle").run()
    # girls in all municipalities 2025 (the valid part of the link): Alfa 3+4+3.5, Beta 3+2.5, Gamma 4×5,
    # Delta 4+3 -> 43/11 = 3,91
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,91"
    assert dict(at.query_params) == {"koen": ["pige"]} or at.query_params["koen"] in ("pige", ["pige"])


@pytest.fixture()
def extra_dimension(monkeypatch):
    """A filter dimension declared only here: the provision form of the survey, called "prov"."""
    dim = Dimension("provision", "prov", ("Tilbud (test)", "Provision (test)"), "provision",
                    lambda conn, f, scope: [Option("almen", "Almen", "General"),
                                            Option("specialskole", "Specialskole", "Special school")])
    monkeypatch.setitem(SURVEY.columns, "provision", s.survey_summary.c.provision_form)
    filters.DIMENSIONS.append(dim)
    yield dim
    filters.DIMENSIONS.remove(dim)


def test_a_dimension_declared_in_one_place_reaches_widgets_link_and_queries(app, extra_dimension, threshold):
    # the WHERE clause, from the declaration and the source's column
    sql = " ".join(str(c) for c in where(Filters(provision="specialskole"), Scope(), SURVEY))
    assert "survey_summary.provision_form" in sql
    # the widget, its label and the link: Delta is the special school; its 2025 social mean is 15,5/5 = 3,10
    # (5 respondents: shown under the general threshold 5, hidden under the survey's default 6)
    threshold(5)
    at = app("trivsel", prov="specialskole")
    box = at.sidebar.selectbox(key="f_provision")
    assert box.label == "Tilbud (test)" and box.value == "specialskole"
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,10"
    assert at.query_params["prov"] in ("specialskole", ["specialskole"])
    assert app("trivsel", prov="almen", lang="en").sidebar.selectbox(key="f_provision").label == "Provision (test)"


def test_projector_view_from_the_link_uses_large_type(app):
    normal = app("trivsel")
    big = app("trivsel", projektor="1")
    size = lambda at: json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["template"]["layout"]["font"]["size"]  # noqa: E731
    assert size(normal) == 15 and size(big) == 26  # ui/theme.py BASE_FONT_SIZE / PROJECTOR_FONT_SIZE
    assert big.toggle(key="projector").value is True


def test_udforsk_splits_a_key_figure_and_offers_its_file(app, downloads):
    """Social trivsel 2025/26 by gender, all municipalities: girls 43/11 = 3,91, boys 40/11 = 3,64
    (tests/queries/test_explore.py); n = 11 each, so the intervals overlap."""
    at = app("udforsk")
    assert at.subheader[0].value.startswith("Social trivsel er")  # over the school years by default
    at.multiselect(key="udforsk_dims").set_value(["gender"]).run()
    assert at.subheader[0].value == ("Social trivsel i 2025/26 er lavest for Drenge (3,64) og højest for Piger (3,91); "
                                     "deres 95 %-intervaller overlapper, så forskellen kan være tilfældig.")
    screen = at.dataframe[0].value.set_index("Køn")
    assert screen.loc["Piger", "Social trivsel"] == "3,91" and screen.loc["Piger", "n"] == "11"
    name = "udforsk_trivsel_social_gender_2025_alle-kommuner_2020-2025.csv"
    assert name in downloads.text, sorted(downloads.text)
    assert "Piger;2025/26;11;3,91" in downloads.text[name]


def test_udforsk_splits_an_effekt_key_figure_by_intervention(app):
    """Pålideligt forbedret by intervention (tests/fixture_effekt.py): the newest start year with a shown figure is
    2021/22, where LØFT over tid's five children improved 1-5 points, none beyond 7,19: 0 % of 5. Intervention
    cannot be combined with another split: the page says so instead of showing an empty chart."""
    at = app("udforsk")
    at.selectbox(key="udforsk_kpi").set_value("effekt_andel_forbedret").run()
    at.multiselect(key="udforsk_dims").set_value(["indsats"]).run()
    assert at.selectbox(key="udforsk_year").value == 2021
    assert at.subheader[0].value == ("Pålideligt forbedret (SDQ) i 2021/22 kan kun vises for LØFT over tid: 0,0 % (n=5); "
                                     "de andre grupper er for små.")
    screen = at.dataframe[0].value.set_index("Indsats")
    assert screen.loc["LØFT over tid", "n"] == "5"
    at.multiselect(key="udforsk_dims").set_value(["indsats", "gender"]).run()
    assert any("Indsats og metode kan kun vælges alene" in i.value for i in at.info)
