"""Indblik in headless Chromium (Debian's chromium), served once by `streamlit run` for this module.

Marked `browser`: `make test-fast` leaves these out; `make test` runs them. Under CI=true a missing
browser is a failure, not a skip. The first test must stay first: it is the server's first request.
"""
import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, PAGES, running_app, wait_for_page
from tests.conftest import require_chromium

pytestmark = pytest.mark.browser

TITLES = {"": "Overblik", "trivsel": "Trivsel", "overgange": "Overgange", "effekt": "Effekt",
          "pejlemaerker": "Pejlemærker", "udforsk": "Udforsk", "data": "Data", "moede": "Mødetilstand"}


@pytest.fixture(scope="module")
def base(sqlite_fixture_url):
    with running_app(sqlite_fixture_url) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    yield page
    page.close()


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def test_a_deep_link_as_the_servers_first_request_opens_that_page(base, page):
    page.goto(f"{base}/trivsel?kommune=169")
    wait_for_page(page)
    assert page.locator("h1").first.inner_text() == "Trivsel"
    assert "Social trivsel er 3,96 i 2025/26" in main_text(page)  # Høje-Taastrup, from the link
    nav = page.locator("[data-testid='stTopNavLink']")  # the product's own navigation, Danish labels
    assert [nav.nth(i).inner_text().split("\n")[-1] for i in range(nav.count())][:4] == [
        "Overblik", "Trivsel", "Overgange", "Effekt"]  # (each link starts with its icon's name)
    assert page.get_by_text("Page not found").count() == 0


def test_every_page_loads_without_an_exception(base, page):
    for name in PAGES:
        page.goto(f"{base}/{name}")
        wait_for_page(page)
        assert page.locator("[data-testid='stException']").count() == 0, f"exception box on /{name}"
        assert page.get_by_text("Page not found").count() == 0, f"/{name} is not a page"
        assert page.locator("h1").first.inner_text() == TITLES[name]


def test_filters_survive_navigation_by_menu(base, page):
    page.goto(f"{base}/trivsel?kommune=169")
    wait_for_page(page)
    page.locator("[data-testid='stTopNavLink']", has_text="Overblik").click()
    wait_for_page(page)
    assert "kommune=169" in page.url
    # Høje-Taastrup's social trivsel (Gamma + Delta = 51,5/13 = 3,96) on Overblik's tile
    tile = page.locator("[data-testid='stMetric']", has_text="Social trivsel")
    assert "3,96" in tile.inner_text()


def test_overgange_draws_its_charts(base, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 4000})
    page.goto(f"{base}/overgange?kommune=530")
    wait_for_page(page)
    page.wait_for_selector(".js-plotly-plot .sankey", timeout=60_000)
    body = page.inner_text("body")
    page.close()
    assert "Inklusionsgraden er 76,6 % i 2025/26 (n=77)" in body  # 59/77, see the query tests
    assert "Traceback" not in body and "Error" not in body


def test_a_link_to_a_page_that_does_not_exist_says_so_in_danish_and_leaves_the_app_usable(base, page):
    page.goto(f"{base}/findes-ikke")
    wait_for_page(page)
    page.wait_for_timeout(1500)  # Streamlit's own box opens, then the page closes it
    assert "Siden »findes-ikke« findes ikke. Her er Overblik" in main_text(page)
    assert page.query_selector("[data-testid=stDialog] [role=dialog]") is None  # no English "Page not found"
    page.get_by_role("link", name="Trivsel").first.click()  # not blocked by a hidden modal
    page.wait_for_url("**/trivsel")
    wait_for_page(page)
    assert "findes ikke" not in main_text(page)


def test_the_administrator_saves_a_target_and_a_bad_one_is_refused_in_danish(browser, tmp_path_factory):
    from tests.conftest import sqlite_file
    url = sqlite_file(tmp_path_factory, "admin")  # a database of its own: this test writes
    with running_app(url) as base:
        page = browser.new_page(viewport={"width": 1600, "height": 2400})
        page.goto(f"{base}/pejlemaerker?kommune=530")
        wait_for_page(page)
        page.locator("[data-testid=stSelectbox]").filter(has_text="Rolle").click()
        page.keyboard.type("Administrator")
        page.keyboard.press("Enter")
        page.get_by_text("Rediger pejlemærker").click()
        page.get_by_role("textbox", name="Pejlemærke").fill("Flere i almenklasse")
        # the first key figure offered is social trivsel (1-5): 0,9 is outside its scale
        page.get_by_role("spinbutton", name="Mål (andele som 0-1)").fill("0.9")
        page.get_by_role("button", name="Gem").click()
        page.get_by_text("ligger uden for nøgletallets skala (1-5)").wait_for(timeout=15000)
        page.get_by_role("spinbutton", name="Mål (andele som 0-1)").fill("3.2")
        page.get_by_role("button", name="Gem").click()
        page.get_by_text("Gemt.").wait_for(timeout=15000)
        # Billund's social trivsel 2025/26 is 3,50 (t-interval 2,76-4,24) against 3,20: on the way
        assert "Social trivsel 2025/26: 3,50" in main_text(page) and "mod målet 3,20 — på vej" in main_text(page)
        page.close()


def test_a_download_is_written_to_the_audit_log_with_its_page_and_selection(browser, tmp_path_factory):
    import sqlalchemy as sa

    from data import schema as s
    from tests.conftest import sqlite_file
    url = sqlite_file(tmp_path_factory, "audit")  # a database of its own: this test reads the log
    with running_app(url) as base:
        page = browser.new_page(viewport={"width": 1600, "height": 2400})
        page.goto(f"{base}/trivsel?kommune=530")
        wait_for_page(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Hent som CSV").first.click()
        name = download.value.suggested_filename
        page.wait_for_timeout(1500)  # the click's rerun writes the row
        page.close()
    engine = sa.create_engine(url)
    with engine.connect() as c:
        rows = c.execute(sa.select(s.audit_event.c.event, s.audit_event.c.page, s.audit_event.c.selection,
                                   s.audit_event.c.detail).order_by(s.audit_event.c.id)).all()
    engine.dispose()
    assert ("side", "trivsel", "kommune=530", None) in rows  # the page view, once
    assert ("eksport", "trivsel", "kommune=530", name) in rows and name.endswith(".csv")


def test_a_login_through_an_oidc_provider_gives_the_role_stored_for_it(browser, tmp_path_factory):
    """Streamlit's real login (st.login, Authlib, the identity cookie) against a stand-in OIDC provider:
    the role and scope come from app_user, never from a menu; a login without a role is told so."""
    from data import access
    from tests.conftest import sqlite_file
    from tests.fixture_data import ALFA
    from tests.browser.oidc_stub import running_provider, secrets_toml

    def anna(conn):
        access.save(conn, access.User("anna@billund.dk", "leder", 530, frozenset({ALFA}), "Anna Berg"), by="test")
    url = sqlite_file(tmp_path_factory, "login", anna)
    with running_provider() as provider, running_app(url, secrets=lambda port: secrets_toml(provider, port)) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/trivsel?kommune=530")
        wait_for_page(page)
        assert "Social trivsel" not in main_text(page)  # nothing before the login
        provider.next_login = {"sub": "9f1c-anna", "email": "Anna@Billund.dk", "name": "Anna Berg"}
        page.get_by_role("button", name="Log ind med Microsoft (kommunens konto)").click()
        page.get_by_text("Logget ind som").wait_for(timeout=30000)
        wait_for_page(page)
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert "Anna Berg" in sidebar and "Leder · Alfa Skole" in sidebar
        # back on the link opened before the login (Streamlit's login itself returns to the front page)
        page.wait_for_function("() => location.pathname.endsWith('/trivsel')", timeout=30000)
        wait_for_page(page)
        assert page.locator("h1").first.inner_text() == "Trivsel" and "kommune=530" in page.url
        assert "Social trivsel er 3,50 i 2025/26" in main_text(page)  # Billund: Alfa 6 + Beta 3 answers
        assert "Rolle (adgang)" not in sidebar  # no role picker: the role is the login's
        assert "Lokal demotilstand" not in main_text(page)
        page.get_by_role("button", name="Log ud").click()
        page.get_by_role("button", name="Log ind med Microsoft (kommunens konto)").wait_for(timeout=30000)
        page.close()

        stranger = browser.new_page(viewport={"width": 1280, "height": 900})
        stranger.goto(base)
        wait_for_page(stranger)
        provider.next_login = {"sub": "77-x", "email": "stranger@billund.dk", "name": "Ukendt"}
        stranger.get_by_role("button", name="Log ind med Microsoft (kommunens konto)").click()
        stranger.get_by_text("Ingen adgang").first.wait_for(timeout=30000)
        assert "stranger@billund.dk" in main_text(stranger)
        stranger.close()


def test_a_click_on_a_group_narrows_the_filter_and_the_chip_undoes_it(base, page):
    page.set_viewport_size({"width": 1600, "height": 2000})
    page.goto(f"{base}/overgange?kommune=530")
    wait_for_page(page)
    page.wait_for_selector(".js-plotly-plot >> nth=1", timeout=30000)
    page.wait_for_timeout(1000)  # the charts draw after the run
    dots = page.locator(".js-plotly-plot").nth(1).locator(".scatterlayer .point")  # the split by district
    assert dots.count() == 1  # Billund has one district in the fixture: Nord
    dots.first.click(force=True)
    page.wait_for_function("() => location.search.includes('distrikt=1')", timeout=30000)
    wait_for_page(page)
    chip = page.get_by_role("button", name="Fra klik: Distrikt: Nord")
    assert chip.count() == 1 and "Udsnit: Billund (530) · Nord" in main_text(page)
    chip.click()
    page.wait_for_function("() => !location.search.includes('distrikt')", timeout=30000)
    wait_for_page(page)
    assert page.get_by_role("button", name="Fra klik: Distrikt: Nord").count() == 0


def test_a_click_on_an_intervention_shows_its_detail_and_the_chip_undoes_it(base, page):
    page.set_viewport_size({"width": 1600, "height": 2000})
    page.goto(f"{base}/effekt?kommune=530")
    wait_for_page(page)
    page.wait_for_selector(".js-plotly-plot >> nth=0", timeout=30000)
    page.wait_for_timeout(1000)
    forest = page.locator(".js-plotly-plot").nth(0)  # the answer: one dot per intervention, the total a diamond
    forest.locator(".scatterlayer .trace").nth(0).locator(".point").first.click(force=True)
    chip = page.get_by_role("button", name="Fra klik: Detaljer for:")
    chip.wait_for(timeout=30000)
    wait_for_page(page)
    name = chip.inner_text().split("Detaljer for:")[1].replace("✕", "").strip()
    assert name and name != "Alle indsatser"
    # the detail below now shows that intervention: its name in the choice "Vis detaljer for"
    focus = page.get_by_role("combobox", name="Vis detaljer for")
    assert focus.input_value() == name
    chip.click()
    page.wait_for_timeout(500)
    wait_for_page(page)
    assert page.get_by_role("button", name="Fra klik: Detaljer for:").count() == 0
    assert focus.input_value() == "Alle indsatser"


def test_an_effekt_tab_is_drawn_when_it_is_opened(base, page):
    """Only the open detail tab is drawn (a meeting's viewers are sent one, not six): a click on another tab
    reruns the page and shows that tab's figures, here Billund's goals (tests/pages/test_effekt.py)."""
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{base}/effekt?kommune=530")
    wait_for_page(page)
    assert "GAS-scorede mål" not in main_text(page)
    page.get_by_role("tab", name="Mål").click()
    page.get_by_text("Af de 11 GAS-scorede mål", exact=False).first.wait_for(timeout=30000)
    assert page.get_by_role("tab", name="Mål").get_attribute("aria-selected") == "true"


def wait_for_run(page) -> None:
    """Until the run a key started has finished (no title to wait for on a slide)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(500)


SMALLEST_TEXT = """() => { let min = 1e9, where = '';
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!own.length) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) { min = size; where = own[0].textContent.trim().slice(0, 40); } }
  return [min, where]; }"""


@pytest.fixture()
def no_meetings_left(sqlite_fixture_url):
    """The fixture database is shared with the page tests: the meeting made here goes again afterwards."""
    yield
    from tests.helpers import forget_meetings
    forget_meetings(sqlite_fixture_url)


def test_a_meeting_is_built_from_the_pages_and_presented_in_large_type(base, page, tmp_path, no_meetings_left):
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{base}/trivsel?kommune=169")
    wait_for_page(page)
    for i in range(3):  # the trend, the bands and the institutions' funnel go into a new meeting
        page.get_by_role("button", name="Tilføj til møde").nth(i).click()
        pop = page.locator("[data-testid=stDialog] [role=dialog]")
        pop.wait_for(timeout=30000)
        if i == 0:
            pop.get_by_role("combobox").first.click()
            page.get_by_role("option", name="Nyt møde …").click()
            pop.get_by_label("Mødets navn").fill("Browsermødet")
        else:
            pop.get_by_role("combobox").first.click()
            page.get_by_role("option").filter(has_text="Browsermødet").first.click()
        pop.get_by_role("button", name="Tilføj", exact=True).click()
        page.get_by_text("Tilføjet til mødet.").first.wait_for(timeout=30000)
        page.keyboard.press("Escape")
        wait_for_page(page)
    page.goto(f"{base}/moede")
    wait_for_page(page)
    page.get_by_role("combobox", name="Møde").click()
    page.get_by_role("option").filter(has_text="Browsermødet").first.click()
    wait_for_page(page)
    assert page.locator("[data-testid='stMain']").get_by_text("3. ", exact=False).count() >= 1
    page.get_by_role("button", name="Præsentér").click()
    for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720}):
        page.set_viewport_size(size)
        for k in range(3):
            footer = page.locator("[data-testid=moede-footer]")
            footer.wait_for(timeout=60000)
            page.wait_for_timeout(2500)  # the chart draws after the run (the funnel of two schools has none)
            assert f"{k + 1} / 3" in footer.inner_text()
            assert page.locator("header[data-testid='stHeader']").is_hidden()  # no Streamlit chrome
            assert page.locator("[data-testid='stSidebar']").is_hidden()
            smallest, where = page.evaluate(SMALLEST_TEXT)
            assert smallest >= 24, (size, k, where, smallest)
            page.screenshot(path=str(tmp_path / f"moede_{size['width']}_{k + 1}.png"))  # looked at by hand
            before = footer.inner_text()
            if k < 2:
                page.keyboard.press("ArrowRight")
                page.wait_for_function("(b) => { const f = document.querySelector('[data-testid=moede-footer]'); "
                                       "return f && f.innerText !== b; }",
                                       arg=before, timeout=60000)
                wait_for_run(page)
        for back in ("2 / 3", "1 / 3"):  # and back again, one key at a time (a key pressed mid-run is dropped)
            page.keyboard.press("ArrowLeft")
            page.wait_for_function("(t) => { const f = document.querySelector('[data-testid=moede-footer]'); "
                                   "return f && f.innerText.includes(t); }", arg=back, timeout=60000)
            wait_for_run(page)


@pytest.fixture()
def own_base(tmp_path_factory):
    """An app on its own copy of the fixture: the import writes to it."""
    from tests.conftest import sqlite_file
    with running_app(sqlite_file(tmp_path_factory, "import")) as url:
        yield url


def test_an_administrator_checks_a_file_before_it_is_written_and_then_imports_it(own_base, page, tmp_path):
    base = own_base
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{base}/data")
    wait_for_page(page)
    page.get_by_role("combobox", name="Rolle (adgang)").click()
    page.get_by_role("option").filter(has_text="Administrator").first.click()
    wait_for_page(page)
    page.get_by_role("tab", name="Import").click()
    page.get_by_role("combobox", name="Hvad indlæser du?").click()
    page.get_by_role("option", name="Landstal og kommunetal").click()
    wait_for_page(page)
    bad = tmp_path / "landstal_fejl.csv"  # Windows-1252, semicolons, a school year that is no school year
    bad.write_bytes("type;maal;skoleaar;kommunekode;vaerdi;kilde\nlandstal;social_trivsel;2024/26;;3,9;Ministeriet\n"
                    .encode("cp1252"))
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("Filen kan ikke indlæses").wait_for(timeout=60000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(tmp_path / "import_refused.png"))
    panel = page.locator("[role=tabpanel]:visible")
    assert panel.locator("[data-testid='stDataFrame']").count() >= 1  # the problems, each with its row and column
    good = tmp_path / "landstal.csv"
    good.write_bytes("type;maal;skoleaar;kommunekode;vaerdi;kilde\nlandstal;social_trivsel;2019/20;;3,87;Ministeriet\n"
                     .encode("utf-8-sig"))
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("1 nye", exact=False).wait_for(timeout=60000)  # what it would do, before anything is written
    page.get_by_role("button", name="Indlæs 1 række").click()
    page.get_by_text("Indlæst:", exact=False).wait_for(timeout=60000)
    wait_for_page(page)
    assert "landstal.csv" in page.locator("[data-testid='stMain']").inner_text()  # in the history
    page.screenshot(path=str(tmp_path / "import_done.png"))
