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


@dataclass(frozen=True)
class Context:
    filters: Filters
    scope: Scope
    lang: str
    min_n: int


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
_URL_KEYS = {"kommune": "f_kommune", "distrikt": "f_distrikt", "inst": "f_inst", "koen": "f_koen",
             "form": "f_form", "aar": "f_aar", "trin": "f_trin", "lang": "lang"}


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
    st.session_state["f_kommune"] = _int_or_none(qp.get("kommune"))
    st.session_state["f_distrikt"] = _int_or_none(qp.get("distrikt"))
    st.session_state["f_inst"] = _int_or_none(qp.get("inst"))
    st.session_state["f_koen"] = qp.get("koen") if qp.get("koen") in ("dreng", "pige") else None
    st.session_state["f_form"] = qp.get("form") if qp.get("form") in ("almen", SPECIAL, *SPECIAL_FORMS) else None
    default_years = (years[0], years[-1]) if years else (2016, 2025)
    lo, hi = _range(qp.get("aar"), default_years)
    st.session_state["f_aar"] = (max(lo, default_years[0]), min(hi, default_years[1]))
    st.session_state["f_trin"] = _range(qp.get("trin"), GRADES)


def _write_url() -> None:
    ss = st.session_state
    wanted = {
        "kommune": ss.get("f_kommune"), "distrikt": ss.get("f_distrikt"), "inst": ss.get("f_inst"),
        "koen": ss.get("f_koen"), "form": ss.get("f_form"),
        "aar": "{}-{}".format(*ss["f_aar"]) if ss.get("f_aar") else None,
        "trin": "{}-{}".format(*ss["f_trin"]) if ss.get("f_trin") and tuple(ss["f_trin"]) != GRADES else None,
        "lang": "en" if ss.get("lang") == "en" else None,
    }
    current = {k: st.query_params.get(k) for k in _URL_KEYS}
    target = {k: str(v) for k, v in wanted.items() if v is not None}
    if {k: v for k, v in current.items() if v is not None} != target:
        st.query_params.from_dict(target)


def _reset() -> None:
    for key in ("f_kommune", "f_distrikt", "f_inst", "f_koen", "f_form", "f_aar", "f_trin", "_seeded"):
        st.session_state.pop(key, None)
    st.query_params.clear()


def _valid(key: str, options: list) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = None


def sidebar() -> Context:
    """Draw role, language and the filter bar in the sidebar; return the current context."""
    years = run(org.data_years)
    _seed_from_url(years)
    ss = st.session_state
    with st.sidebar:
        lang = st.segmented_control(label("language"), ["da", "en"], key="lang",
                                    format_func=lambda v: "Dansk" if v == "da" else "English") or "da"
        roles = run(org.roles)
        role_labels = [r.label for r in roles]
        if ss.get("role") not in role_labels:
            ss["role"] = role_labels[0]
        role = st.selectbox(label("role", lang), role_labels, key="role",
                            help=tr(lang, "Demo: vælg hvilken rolle du ser som. Adgangen håndhæves i forespørgslerne.",
                                    "Demo: choose the role you view as. Access is enforced in the queries."))
        scope = roles[role_labels.index(role)]

        st.header(label("filters", lang))
        kommuner = run(org.municipalities, scope)
        k_opts = [None] + [int(k) for k in kommuner["kode"]]
        _valid("f_kommune", k_opts)
        k_names = dict(zip(kommuner["kode"], kommuner["name"]))
        st.selectbox(label("kommune", lang), k_opts, key="f_kommune",
                     format_func=lambda v: label("all", lang) if v is None else f"{k_names[v]} ({v})")
        distrikter = run(org.districts, ss["f_kommune"], scope)
        d_opts = [None] + [int(d) for d in distrikter["id"]]
        _valid("f_distrikt", d_opts)
        d_names = dict(zip(distrikter["id"], distrikter["name"]))
        st.selectbox(label("distrikt", lang), d_opts, key="f_distrikt",
                     format_func=lambda v: label("all", lang) if v is None else d_names[v])
        insts = run(org.institutions, Filters(kommune=ss["f_kommune"], distrikt=ss["f_distrikt"]), scope)
        i_opts = [None] + [int(i) for i in insts["id"]]
        _valid("f_inst", i_opts)
        i_names = dict(zip(insts["id"], insts["name"]))
        st.selectbox(label("institution", lang), i_opts, key="f_inst",
                     format_func=lambda v: label("all", lang) if v is None else i_names[v])
        if len(years) >= 2:
            lo, hi = ss.get("f_aar", (years[0], years[-1]))
            ss["f_aar"] = (min(max(lo, years[0]), years[-1]), max(min(hi, years[-1]), years[0]))
            st.select_slider(label("skoleaar", lang), options=years, key="f_aar", format_func=fmt.school_year)
        st.slider(label("klassetrin", lang), GRADES[0], GRADES[1], key="f_trin")
        st.selectbox(label("koen", lang), [None, "dreng", "pige"], key="f_koen",
                     format_func=lambda v: label("all", lang) if v is None else label(v, lang))
        st.selectbox(label("tilbudsform", lang), [None, "almen", SPECIAL, *SPECIAL_FORMS], key="f_form",
                     format_func=lambda v: label("all", lang) if v is None else label(v, lang))
        st.button(label("reset", lang), on_click=_reset)
        st.caption(label("link_hint", lang))
    _write_url()
    aar = ss.get("f_aar") or ((years[0], years[-1]) if years else (None, None))
    filters = Filters(kommune=ss["f_kommune"], distrikt=ss["f_distrikt"], institution=ss["f_inst"],
                      year_from=aar[0], year_to=aar[1], grade_from=ss["f_trin"][0], grade_to=ss["f_trin"][1],
                      gender=ss["f_koen"], tilbudsform=ss["f_form"])
    return Context(filters=filters, scope=scope, lang=lang, min_n=settings().min_n)


def demo_banner(lang: str) -> None:
    if run(org.has_demo_data):
        st.warning(label("demo_banner", lang), icon=":material/science:")


def context() -> Context:
    """What a page calls first: the context set up by app.py for this run."""
    return st.session_state["_ctx"]
