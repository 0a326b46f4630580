"""The shell around every page: navigation, database readiness, demo banner, role (scope), language,
projector view and the filter bar, whose state lives in session state and in the URL.

The filter bar is drawn from the dimension declarations (queries.filters.DIMENSIONS): one loop makes
every widget, reads the link that opened the session and keeps the URL in step, so a dimension is
added there and nowhere here. (Streamlit 1.67's `bind="query-params"` was tried and not used for the
filters: a bound select box puts its *display label* in the URL — "Billund (530)", "Piger"/"Girls",
"5. kl."/"grade 5" — so a link would change with the language and break when a school is renamed,
names need not be unique, and an unknown value is dropped without a word. The declaration keeps
stable codes in the link — ?kommune=530&koen=pige&trin=4-9 — and says when a link names a filter
that does not exist.)

Streamlit starts a server in its legacy multipage mode because `pages/` sits beside app.py, and in
that mode the first request of a server process that is a deep link (/trivsel) runs the page file by
itself. The navigation is therefore the first thing the shell does (which leaves the legacy mode for
good and shows our own menu at once), and `current()` — what a page calls first — answers such a bare
run by doing the same and rerunning the app on that page.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlparse

from contextvars import ContextVar
from dataclasses import dataclass, replace

import streamlit as st
import streamlit.components.v1 as components

from data import db
from data.config import SettingsError, settings
from queries.access import has_demo_data
from queries.kpis import freshness
from queries.filters import DIMENSIONS, Dimension, Filters, Option, Scope
from ui import access, crossfilter, export, views
from ui.cache import current_url, run
from ui.i18n import label
from ui.view import View

ALL = "alle"  # the "all" choice in a filter box (None would show as an empty box)


@dataclass(frozen=True)
class Context:
    """What a page works from: the chosen filters, the role's scope, and how the reader sees it."""

    filters: Filters
    scope: Scope
    view: View
    actor: str = "lokal demo"  # who is logged in (e-mail or subject): what a write is signed with
    selection: str = ""  # what is shown, in words: "Billund · Nord · 2020/21–2025/26 · Piger" (every page, every export)
    source: export.Context | None = None  # what every file taken away says about where it comes from


_CONTEXT: ContextVar[Context | None] = ContextVar("indblik_context", default=None)

PAGES = [  # (file, url path, label key, icon, built)
    ("pages/overblik.py", "overblik", "page_overblik", ":material/dashboard:", True),
    ("pages/trivsel.py", "trivsel", "page_trivsel", ":material/mood:", True),
    ("pages/overgange.py", "overgange", "page_overgange", ":material/swap_horiz:", True),
    ("pages/effekt.py", "effekt", "page_effekt", ":material/trending_up:", True),
    ("pages/pejlemaerker.py", "pejlemaerker", "page_pejlemaerker", ":material/flag:", True),
    ("pages/udforsk.py", "udforsk", "page_udforsk", ":material/pivot_table_chart:", True),
    ("pages/data.py", "data", "page_data", ":material/database:", True),
    ("pages/moede.py", "moede", "page_moede", ":material/co_present:", True),
]
# A key figure's label wraps onto a second line instead of being cut ("Støtte og inspi…" at 1280 px)
BASE_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricLabel"] { height: auto !important; min-height: 1.5rem; }
</style>"""
PROJECTOR_CSS = """<style>
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.35rem; }
[data-testid="stMain"] [data-testid="stTable"] th, [data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.35rem; }
[data-testid="stMain"] h1 { font-size: 3.2rem; }
[data-testid="stMain"] h3 { font-size: 2.1rem; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 3.4rem; line-height: 1.2; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.1rem; }
</style>"""


# The meeting's presentation (pages/moede.py): the slide is the whole screen — no header, toolbar, sidebar or
# menu, no page padding; the demo mark and the selection go into each slide's footer instead of the banners.
PRESENTING = "_presenting"
PRESENT_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], #MainMenu, footer
{ display: none !important; }
[data-testid="stMain"] .block-container, [data-testid="stMainBlockContainer"]
{ padding: 1.2rem 2.5rem 0.6rem 2.5rem !important; max-width: 100% !important; }
.stApp { background: #ffffff; }
</style>"""


# --- the app -----------------------------------------------------------------------------------
def main() -> None:
    """The whole app: config, navigation, database, role and filters, then the chosen page."""
    lang = language()
    projector_link = st.query_params.get("projektor") == "1"  # a projector link opens without the sidebar
    st.set_page_config(page_title="Indblik", page_icon=":material/insights:", layout="wide",
                       initial_sidebar_state="collapsed" if projector_link else "expanded")
    page = navigation(lang)
    unknown_page(lang)
    ensure_database(lang)
    with st.sidebar:
        lang = st.segmented_control("Sprog / Language", ["da", "en"], key="lang",
                                    format_func=lambda v: "Dansk" if v == "da" else "English") or "da"
    pages = {url: path for path, url, *_ in PAGES} | {"": PAGES[0][0]}
    who = access.identify(lang, pages)  # the login (or the local demo mode's role picker); stops when no one may see
    views.opened(pages)
    ctx = replace(sidebar(lang, who.scope), actor=who.actor)
    demo = run(has_demo_data)
    ctx = replace(ctx, source=export.Context(selection=ctx.selection, role=ctx.scope.label, demo=demo,
                                             data=export.data_line(run(freshness, ctx.filters, ctx.scope), ctx.view)))
    if st.session_state.get(PRESENTING) and page.url_path == "moede":  # a slide fills the screen: no chrome
        st.html(PRESENT_CSS)
    else:
        banners = [label("demo_banner", lang)] * demo + [label("local_banner", lang)] * who.local
        if banners:
            st.warning("  \n".join(banners), icon=":material/science:")
        dropped = st.session_state.get("_dropped")
        if dropped and dropped[1] == ctx.filters:  # until the reader changes the filters
            st.warning(dropped[0], icon=":material/link_off:")
        st.caption(f":material/filter_alt: **{label('selection', lang)}:** {ctx.selection}")
        crossfilter.chips(ctx.view)
    selection = urlencode(link_params(ctx.filters, replace(ctx.view, lang="da", projector=False)))
    access.audit_view(page.url_path or "overblik", selection)
    views.sidebar(ctx.actor, page.url_path or "overblik", urlencode(link_params(ctx.filters, ctx.view)), ctx.view)
    token = _CONTEXT.set(ctx)
    try:
        page.run()
    finally:
        _CONTEXT.reset(token)


def current() -> Context:
    """What a page calls first: the context the shell set up for this run.

    When Streamlit ran the page file by itself (its legacy pages/ mode: the first request of a
    server process was a link straight to this page, or AppTest ran it so), the shell has not run. Then
    run the whole app here — its navigation leaves that mode for good and runs this same page — and stop
    this bare run. (Not a rerun: that would drop what the reader just did, e.g. the click on a button.)"""
    ctx = _CONTEXT.get()
    if ctx is None:
        main()
        st.stop()
    return ctx


def language() -> str:
    """'da' or 'en': the language switch, first taken from the link (?lang=en)."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "da"
    return st.session_state["lang"] or "da"


def navigation(lang: str):
    """The product's own navigation, at the top: the built pages, then those still to come."""
    pages = {"": [], label("coming", lang): []}
    for i, (path, url, key, icon, built) in enumerate(PAGES):
        pages["" if built else label("coming", lang)].append(
            st.Page(path, url_path=url, title=label(key, lang), icon=icon, default=(i == 0)))
    return st.navigation(pages, position="top")


# closes Streamlit's own "Page not found" box (the page says it in the reader's language instead)
_CLOSE_ENGLISH_NOTICE = """<script>
let tries = 0;
function close() {
  const button = window.parent.document.querySelector('[data-testid="stDialog"] button[aria-label="Close"]');
  if (button) { button.click(); } else if (tries++ < 50) { setTimeout(close, 100); }
}
close();
</script>"""


def unknown_page(lang: str) -> None:
    """A link to a page that does not exist opens the first page; Streamlit says so in an English box.
    Say it in the reader's language instead (and hide that box)."""
    path = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    if path and path not in {url for _, url, *_ in PAGES}:
        st.warning(label("page_not_found", lang).format(page=path), icon=":material/link_off:")
        components.html(_CLOSE_ENGLISH_NOTICE, height=0)


# --- the database ------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def _prepared(url: str, _progress=None) -> db.Status:
    return db.prepare(url, progress=_progress)


def ensure_database(lang: str) -> None:
    """Stop the page with a clear Danish message (and a retry) unless the database is ready; on the
    first start of the embedded default, show how far building the demo database has come."""
    url = current_url()
    try:
        settings()
    except SettingsError as exc:
        st.error(f"**Indstillingen er forkert.** {exc}")
        st.stop()
    slot = st.empty()

    def progress(text: str, share: float) -> None:
        slot.progress(share, text=f"Første start: opretter demodatabasen (omkring 15 sekunder) — {text} …")

    try:
        status = _prepared(url, progress)
    except Exception as exc:  # noqa: BLE001 - any failure must become a message, never a traceback
        _prepared.clear()
        status = db.Status(db.State.UNREACHABLE, detail=str(exc).splitlines()[0][:200])
    slot.empty()
    if status.ok:
        return
    _prepared.clear()
    headline, todo = db.message_da(status, url)
    st.error(f"**{headline}** {todo}")
    if st.button(label("db_retry", lang), type="primary"):
        st.rerun()
    st.stop()


# --- the sidebar: role, language, filters ---------------------------------------------------------
def sidebar(lang: str, scope: Scope) -> Context:
    """Draw the filter bar (its choices: what the role's scope may see) and the projector switch;
    return the current context."""
    ss = st.session_state
    with st.sidebar:
        st.header(label("filters", lang))
        filters, selection = filter_bar(lang, scope)
        st.button(label("reset", lang), on_click=_reset)
        if "projector" not in ss:
            ss["projector"] = st.query_params.get("projektor") == "1"
        projector = st.toggle("Projektorvisning (stor skrift)" if lang == "da" else "Projector view (large type)",
                              key="projector",
                              help=("Større skrift i figurer og tekst, til møder på storskærm." if lang == "da"
                                    else "Larger type in charts and text, for meetings on a big screen."))
        st.caption(label("link_hint", lang))
    view = View(lang=lang, min_n=settings().min_n, projector=projector)
    _write_url(filters, view)
    st.html(BASE_CSS)
    if projector:
        st.html(PROJECTOR_CSS)
    return Context(filters=filters, scope=scope, view=view, selection=selection)


def filter_bar(lang: str, scope: Scope) -> tuple[Filters, str]:
    """One widget per dimension, in order (a district list depends on the municipality chosen above
    it), and the selection in words. On a new session the values come from the link; a value the link
    names that does not exist (or lies outside the role's access: the same words, so a link never tells
    which) falls back to "alle" with a notice naming it, kept above the page until the filters change."""
    ss = st.session_state
    seeding = not ss.get("_seeded")
    unknown: list[str] = []
    chosen: dict = {}
    words: list[str] = []
    org_said = False
    for dim in DIMENSIONS:
        options = run(dim.options, Filters(**chosen), scope)
        raw = st.query_params.get(dim.param) if seeding else None
        if raw is not None and dim.decode(raw, options) is None:
            unknown.append(f"{dim.param}={raw}")
        chosen[dim.name] = (_range if dim.range else _one)(dim, options, lang, raw)
        # an organisation level the role's rows are all in is said even when not chosen (not a leder's own
        # school: its rows are the municipality's)
        area = run(dim.options, Filters(**chosen), replace(scope, role="forvaltning", own=frozenset())) if dim.org else options
        said = _in_words(dim, area, chosen[dim.name], lang)
        words += said
        org_said = org_said or (dim.org and bool(said))
    ss["_seeded"] = True
    filters = Filters(**chosen)
    if unknown:
        ss["_dropped"] = (("Linket nævner et filter, der ikke findes eller ligger uden for din adgang: {p}. Det er sat til "
                           "»Alle«." if lang == "da" else "The link names a filter that does not exist or lies outside "
                           "your access: {p}. It is set to “All”.").format(p=", ".join(unknown)), filters)
    if not org_said:
        words.insert(0, label("all_area", lang))
    return filters, " · ".join(words)


def _in_words(dim: Dimension, options: list[Option], value, lang: str) -> list[str]:
    """A value as the selection line says it ('Nord', '2020/21–2025/26', 'Piger'): a chosen one; an
    organisation level the role has only one of (a municipality's administration: its municipality);
    a range whose whole is not known in advance (the school years: every figure depends on them)."""
    names = {o.value: o.label(lang) for o in options}
    if dim.range:
        if value is None and (dim.full is not None or not options):
            return []
        lo, hi = value if value is not None else (options[0].value, options[-1].value)
        return [names[lo] if lo == hi else f"{names[lo]}–{names[hi]}"]
    if value is None:
        return [options[0].label(lang)] if dim.org and len(options) == 1 else []
    return [names.get(value, str(value))]


def _one(dim: Dimension, options: list[Option], lang: str, raw: str | None):
    key, values = f"f_{dim.name}", [ALL] + [o.value for o in options]
    ss = st.session_state
    if raw is not None:
        value = dim.decode(raw, options)
        ss[key] = ALL if value is None else value
    if ss.get(key) not in values:  # e.g. a district of another municipality
        ss[key] = ALL
    names = {o.value: o.label(lang) for o in options}
    st.selectbox(dim.text(lang), values, key=key, format_func=lambda v: label("all", lang) if v == ALL else names[v])
    return None if ss[key] == ALL else ss[key]


def _range(dim: Dimension, options: list[Option], lang: str, raw: str | None):
    """Two boxes, from and to; a 'to' before the 'from' is swapped rather than refused. The whole
    range is no filter (None)."""
    if not options:
        return None
    ss, values = st.session_state, [o.value for o in options]
    lo_key, hi_key = f"f_{dim.name}_fra", f"f_{dim.name}_til"
    if raw is not None:
        ss[lo_key], ss[hi_key] = dim.decode(raw, options) or (values[0], values[-1])
    for key, default in ((lo_key, values[0]), (hi_key, values[-1])):
        if ss.get(key) not in values:
            ss[key] = default
    if ss[lo_key] > ss[hi_key]:
        ss[lo_key], ss[hi_key] = ss[hi_key], ss[lo_key]
    names = {o.value: o.label(lang) for o in options}
    left, right = st.columns(2)
    left.selectbox(f"{dim.text(lang)} — {'fra' if lang == 'da' else 'from'}", values, key=lo_key, format_func=names.get)
    right.selectbox("til" if lang == "da" else "to", values, key=hi_key, format_func=names.get)
    chosen = (ss[lo_key], ss[hi_key])
    return None if chosen == (values[0], values[-1]) else chosen


def selection_of(params: dict[str, str], scope: Scope, lang: str) -> tuple[Filters, str, list[str]]:
    """A saved link's parameters as the filter bar would read them for this role, without its widgets: the
    filters, the selection in words, and the parameters dropped (gone, or outside the role: one wording)."""
    chosen: dict = {}
    words: list[str] = []
    dropped: list[str] = []
    org_said = False
    for dim in DIMENSIONS:
        options = run(dim.options, Filters(**chosen), scope)
        raw = params.get(dim.param)
        value = dim.decode(raw, options) if raw is not None else None
        if raw is not None and value is None:
            dropped.append(f"{dim.param}={raw}")
        if dim.range and value is not None and options and value == (options[0].value, options[-1].value):
            value = None
        chosen[dim.name] = value
        area = run(dim.options, Filters(**chosen), replace(scope, role="forvaltning", own=frozenset())) if dim.org else options
        said = _in_words(dim, area, value, lang)
        words += said
        org_said = org_said or (dim.org and bool(said))
    if not org_said:
        words.insert(0, label("all_area", lang))
    return Filters(**chosen), " · ".join(words), dropped


def link_params(filters: Filters, view: View) -> dict[str, str]:
    """The link's parameters for a selection: one per chosen dimension, and lang/projektor."""
    target = {d.param: d.encode(v) for d in DIMENSIONS if (v := getattr(filters, d.name)) is not None}
    if view.lang == "en":
        target["lang"] = "en"
    if view.projector:
        target["projektor"] = "1"
    return target


def link(page_url: str, filters: Filters, view: View) -> str:
    """A link that opens `page_url` ('trivsel') on this selection, e.g. 'trivsel?kommune=530&inst=12'."""
    return f"{page_url}?{urlencode(link_params(filters, view))}" if link_params(filters, view) else page_url


def _write_url(filters: Filters, view: View) -> None:
    """Keep the link in step with what is chosen: one parameter per chosen dimension, and lang/projektor."""
    target = link_params(filters, view)
    if {k: st.query_params.get(k) for k in st.query_params} != target:
        st.query_params.from_dict(target)


def _reset() -> None:
    for key in [k for k in st.session_state if str(k).startswith("f_")] + ["_seeded"]:
        del st.session_state[key]
    st.query_params.clear()
