"""The shell around every page: database readiness, demo banner, role (scope), language and the
global filter bar, whose state lives in session state and is mirrored in the URL query string."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from data import db
from data.config import SettingsError, settings
from data.schema import SPECIAL_FORMS
from queries import organisation as org
from queries.filters import SPECIAL, Filters, Scope
from ui import fmt
from ui.cache import current_url, run
from ui.i18n import label, tr

GRADES = (0, 10)
ALL = "alle"  # the "all" choice in a filter box (None would show as an empty box)


@dataclass(frozen=True)
class Context:
    filters: Filters
    scope: Scope
    lang: str
    min_n: int
    projector: bool = False


@st.cache_resource(show_spinner=False)
def _prepared(url: str) -> db.Status:
    return db.prepare(url)


def ensure_database() -> None:
    """Stop the page with a clear Danish message (and a retry) unless the database is ready."""
    url = current_url()
    try:
        settings()
    except SettingsError as exc:
        st.error(f"**Indstillingen er forkert.** {exc}")
        st.stop()
    try:
        with st.spinner("Gør databasen klar — første start opretter demodata (ca. et halvt minut) …"):
            status = _prepared(url)
    except Exception as exc:  # noqa: BLE001 - any failure must become a message, never a traceback
        _prepared.clear()
        status = db.Status(db.State.UNREACHABLE, detail=str(exc).splitlines()[0][:200])
    if status.ok:
        return
    _prepared.clear()
    headline, todo = db.message_da(status, url)
    st.error(f"**{headline}** {todo}")
    if st.button(label("db_retry"), type="primary"):
        st.rerun()
    st.stop()


# --- URL <-> session state ----------------------------------------------------------------
PROJECTOR_CSS = """<style>
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.35rem; }
[data-testid="stMain"] [data-testid="stTable"] th, [data-testid="stMain"] [data-testid="stTable"] td { font-size: 1.35rem; }
[data-testid="stMain"] h1 { font-size: 3.2rem; }
[data-testid="stMain"] h3 { font-size: 2.1rem; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 3.4rem; line-height: 1.2; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.1rem; }
</style>"""
_FILTER_KEYS = ("f_kommune", "f_distrikt", "f_inst", "f_koen", "f_form", "f_aar_fra", "f_aar_til", "f_trin_fra",
                "f_trin_til")
_URL_KEYS = {"kommune": "f_kommune", "distrikt": "f_distrikt", "inst": "f_inst", "koen": "f_koen",
             "form": "f_form", "aar": "f_aar", "trin": "f_trin", "lang": "lang",
             "projektor": "projector"}


def _int_or_none(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _range(v, default):
    try:
        lo, hi = (int(x) for x in str(v).split("-"))
        return (min(lo, hi), max(lo, hi))
    except ValueError:
        return default


def _seed_from_url(years: list[int]) -> None:
    """On a new session, take the filters from the link that opened it."""
    if st.session_state.get("_seeded"):
        return
    qp = st.query_params
    st.session_state["_seeded"] = True
    st.session_state["lang"] = "en" if qp.get("lang") == "en" else "da"
    st.session_state["projector"] = qp.get("projektor") == "1"
    for key, param in (("f_kommune", "kommune"), ("f_distrikt", "distrikt"), ("f_inst", "inst")):
        value = _int_or_none(qp.get(param))
        st.session_state[key] = ALL if value is None else value
    st.session_state["f_koen"] = qp.get("koen") if qp.get("koen") in ("dreng", "pige") else ALL
    st.session_state["f_form"] = qp.get("form") if qp.get("form") in ("almen", SPECIAL, *SPECIAL_FORMS) else ALL
    default_years = (years[0], years[-1]) if years else (2016, 2025)
    lo, hi = _range(qp.get("aar"), default_years)
    st.session_state["f_aar_fra"], st.session_state["f_aar_til"] = max(lo, default_years[0]), min(hi, default_years[1])
    st.session_state["f_trin_fra"], st.session_state["f_trin_til"] = _range(qp.get("trin"), GRADES)


def _write_url() -> None:
    ss = st.session_state
    wanted = {
        "kommune": _chosen("f_kommune"), "distrikt": _chosen("f_distrikt"), "inst": _chosen("f_inst"),
        "koen": _chosen("f_koen"), "form": _chosen("f_form"),
        "aar": f"{ss['f_aar_fra']}-{ss['f_aar_til']}" if ss.get("f_aar_fra") is not None else None,
        "trin": (f"{ss['f_trin_fra']}-{ss['f_trin_til']}"
                 if (ss.get("f_trin_fra"), ss.get("f_trin_til")) not in (GRADES, (None, None)) else None),
        "lang": "en" if ss.get("lang") == "en" else None,
        "projektor": "1" if ss.get("projector") else None,
    }
    current = {k: st.query_params.get(k) for k in _URL_KEYS}
    target = {k: str(v) for k, v in wanted.items() if v is not None}
    if {k: v for k, v in current.items() if v is not None} != target:
        st.query_params.from_dict(target)


_SAVED = "_filters_saved"


def _save(key: str) -> None:
    st.session_state.setdefault(_SAVED, {})[key] = st.session_state.get(key)


def _keep(key: str) -> dict:
    """Widget kwargs that keep the value in a copy of our own, outside Streamlit's widget state.

    Streamlit drops a widget's value when its identity changes (it does when a server's first
    request was a deep link into pages/ and the next run goes through st.navigation); the copy
    is put back before the widgets are drawn, so the filters survive that and every page switch."""
    return {"key": key, "on_change": _save, "args": (key,)}


def _restore() -> None:
    for key, value in st.session_state.get(_SAVED, {}).items():
        st.session_state[key] = value


def _save_all() -> None:
    for key in _FILTER_KEYS + ("lang", "role", "projector"):
        if key in st.session_state:
            _save(key)


def _reset() -> None:
    for key in _FILTER_KEYS + ("_seeded", _SAVED):
        st.session_state.pop(key, None)
    st.query_params.clear()


def _valid(key: str, options: list) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = ALL


def _chosen(key: str):
    value = st.session_state.get(key, ALL)
    return None if value == ALL else value


def _range_boxes(title: str, key: str, options: list[int], fmt_one, lang: str) -> None:
    """Two boxes, from and to; a 'to' before the 'from' is swapped rather than refused."""
    ss = st.session_state
    for end, default in (("fra", options[0]), ("til", options[-1])):
        if ss.get(f"{key}_{end}") not in options:
            ss[f"{key}_{end}"] = default
    if ss[f"{key}_fra"] > ss[f"{key}_til"]:
        ss[f"{key}_fra"], ss[f"{key}_til"] = ss[f"{key}_til"], ss[f"{key}_fra"]
    left, right = st.columns(2)
    left.selectbox(f"{title} — {tr(lang, 'fra', 'from')}", options, **_keep(f"{key}_fra"), format_func=fmt_one)
    right.selectbox(tr(lang, "til", "to"), options, **_keep(f"{key}_til"), format_func=fmt_one)


def sidebar() -> Context:
    """Draw role, language and the filter bar in the sidebar; return the current context."""
    years = run(org.data_years)
    _seed_from_url(years)
    _restore()
    ss = st.session_state
    with st.sidebar:
        lang = st.segmented_control("Sprog / Language", ["da", "en"], **_keep("lang"),
                                    format_func=lambda v: "Dansk" if v == "da" else "English") or "da"
        roles = run(org.roles)
        role_labels = [r.label for r in roles]
        if ss.get("role") not in role_labels:
            ss["role"] = role_labels[0]
        role = st.selectbox(label("role", lang), role_labels, **_keep("role"),
                            help=tr(lang, "Demo: vælg hvilken rolle du ser som. Adgangen håndhæves i forespørgslerne.",
                                    "Demo: choose the role you view as. Access is enforced in the queries."))
        scope = roles[role_labels.index(role)]

        st.header(label("filters", lang))
        kommuner = run(org.municipalities, scope)
        k_opts = [ALL] + [int(k) for k in kommuner["kode"]]
        _valid("f_kommune", k_opts)
        k_names = dict(zip(kommuner["kode"], kommuner["name"]))
        st.selectbox(label("kommune", lang), k_opts, **_keep("f_kommune"),
                     format_func=lambda v: label("all", lang) if v == ALL else f"{k_names[v]} ({v})")
        distrikter = run(org.districts, _chosen("f_kommune"), scope)
        d_opts = [ALL] + [int(d) for d in distrikter["id"]]
        _valid("f_distrikt", d_opts)
        d_names = dict(zip(distrikter["id"], distrikter["name"]))
        st.selectbox(label("distrikt", lang), d_opts, **_keep("f_distrikt"),
                     format_func=lambda v: label("all", lang) if v == ALL else d_names[v])
        insts = run(org.institutions, Filters(kommune=_chosen("f_kommune"), distrikt=_chosen("f_distrikt")), scope)
        i_opts = [ALL] + [int(i) for i in insts["id"]]
        _valid("f_inst", i_opts)
        i_names = dict(zip(insts["id"], insts["name"]))
        st.selectbox(label("institution", lang), i_opts, **_keep("f_inst"),
                     format_func=lambda v: label("all", lang) if v == ALL else i_names[v])
        if years:
            _range_boxes(label("skoleaar", lang), "f_aar", years, fmt.school_year, lang)
        _range_boxes(label("klassetrin", lang), "f_trin", list(range(GRADES[0], GRADES[1] + 1)),
                     lambda g: f"{g}. kl." if lang == "da" else f"grade {g}", lang)
        st.selectbox(label("koen", lang), [ALL, "dreng", "pige"], **_keep("f_koen"),
                     format_func=lambda v: label("all", lang) if v == ALL else label(v, lang))
        st.selectbox(label("tilbudsform", lang), [ALL, "almen", SPECIAL, *SPECIAL_FORMS], **_keep("f_form"),
                     format_func=lambda v: label("all", lang) if v == ALL else label(v, lang))
        st.button(label("reset", lang), on_click=_reset)
        st.toggle(tr(lang, "Projektorvisning (stor skrift)", "Projector view (large type)"), **_keep("projector"),
                  help=tr(lang, "Større skrift i figurer og tekst, til møder på storskærm.",
                          "Larger type in charts and text, for meetings on a big screen."))
        st.caption(label("link_hint", lang))
    _save_all()
    _write_url()
    aar = (ss.get("f_aar_fra"), ss.get("f_aar_til"))
    filters = Filters(kommune=_chosen("f_kommune"), distrikt=_chosen("f_distrikt"), institution=_chosen("f_inst"),
                      year_from=aar[0], year_to=aar[1], grade_from=ss["f_trin_fra"], grade_to=ss["f_trin_til"],
                      gender=_chosen("f_koen"), tilbudsform=_chosen("f_form"))
    projector = bool(ss.get("projector"))
    if projector:
        st.html(PROJECTOR_CSS)
    return Context(filters=filters, scope=scope, lang=lang, min_n=settings().min_n, projector=projector)


def demo_banner(lang: str) -> None:
    if run(org.has_demo_data):
        st.warning(label("demo_banner", lang), icon=":material/science:")


PAGES = [  # (file, url path, label key, icon)
    ("pages/overblik.py", "overblik", "page_overblik", ":material/dashboard:"),
    ("pages/trivsel.py", "trivsel", "page_trivsel", ":material/mood:"),
    ("pages/overgange.py", "overgange", "page_overgange", ":material/swap_horiz:"),
    ("pages/effekt.py", "effekt", "page_effekt", ":material/trending_up:"),
    ("pages/pejlemaerker.py", "pejlemaerker", "page_pejlemaerker", ":material/flag:"),
    ("pages/udforsk.py", "udforsk", "page_udforsk", ":material/pivot_table_chart:"),
    ("pages/data.py", "data", "page_data", ":material/database:"),
    ("pages/moede.py", "moede", "page_moede", ":material/co_present:"),
]


def main() -> None:
    """The whole app: config, database, role and filters, navigation, then the chosen page."""
    projector_link = st.query_params.get("projektor") == "1"  # a projector link opens without the sidebar
    st.set_page_config(page_title="Indblik", page_icon=":material/insights:", layout="wide",
                       initial_sidebar_state="collapsed" if projector_link else "expanded")
    ensure_database()
    ctx = sidebar()
    st.session_state["_ctx"] = ctx
    page = st.navigation([
        st.Page(path, url_path=url, title=label(key, ctx.lang), icon=icon, default=(i == 0))
        for i, (path, url, key, icon) in enumerate(PAGES)
    ])
    demo_banner(ctx.lang)
    st.session_state["_shell_run"] = True
    try:
        page.run()
    finally:
        st.session_state["_shell_run"] = False


def current() -> Context:
    """What a page calls first: the context main() set up for this run.

    Streamlit runs a file in pages/ directly when the very first request of a server process is a
    deep link (its legacy pages/ mode, left as soon as st.navigation is called). Then the shell
    has not run: run it now, which shows the same page inside it, and stop the outer run.
    """
    if not st.session_state.get("_shell_run"):
        main()
        st.stop()
    return st.session_state["_ctx"]
