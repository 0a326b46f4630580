"""Pejlemærker for the screen and the committee's papers: status words, one sentence per target, the table
with Danish headers, and the Excel and CSV files. Reads queries.pejlemaerker.status; computes nothing."""
from __future__ import annotations


import pandas as pd

from queries import kpis
from queries import pejlemaerker as q
from queries.explore import YEARS, split as explore_split
from queries.filters import Filters
from queries.kpis import CATALOGUE
from stats.targets import NO_DATA, NOT_REACHED, ON_THE_WAY, REACHED
from ui import fmt
from ui.measures import BY_UNIT, Measure
from ui.section import Definition
from ui.cache import run
from ui.export import Table
from ui.slides import Shown, slide
from ui.theme import INK
from ui.udforsk import chart
from ui.view import View

WORDS = {REACHED: ("Nået", "Reached"), ON_THE_WAY: ("På vej", "On the way"), NOT_REACHED: ("Ikke nået", "Not reached"),
         NO_DATA: ("Ingen data", "No data")}
AREA_NAMES = {"dagtilbud": ("Dagtilbud", "Day-care"), "skole": ("Skole", "School"), "bfo": ("BFO", "After-school"),
              "klub": ("Klub", "Youth club"), "social": ("Socialområdet", "Social services")}
RULE = Definition(
    "**Status** tager højde for usikkerheden i det faktiske tal (95 %-konfidensintervallet): **Nået**, når hele "
    "intervallet ligger på målet eller på den gode side af det. **Ikke nået**, når hele intervallet ligger på den "
    "forkerte side, og tallet ikke har bevæget sig mod målet siden året før. **På vej** ellers: målet ligger inden for "
    "usikkerheden, eller tallet er under målet, men tættere på end året før. **Ingen data**, når der ikke er et tal for "
    "året: det er ikke målt endnu, gruppen er for lille til at blive vist, eller nøgletallet har ingen beregning i "
    "Indblik. Det faktiske tal beregnes altid af data, aldrig tastet ind.",
    "**Status** allows for the uncertainty of the actual value (its 95% confidence interval): **Reached** when the whole "
    "interval is at or on the good side of the target. **Not reached** when the whole interval is on the wrong side and "
    "the value has not moved towards the target since the year before. **On the way** otherwise: the target lies within "
    "the uncertainty, or the value is short of it but closer than the year before. **No data** when there is no value "
    "for the year: not measured yet, too small a group to show, or no calculation for the key figure in Indblik. The "
    "actual value is always computed from the data, never typed in.")


def measure(code: str) -> Measure:
    kpi = CATALOGUE.get(code)
    return BY_UNIT[kpi.unit] if kpi else BY_UNIT["share"]


def kpi_page(code: str) -> str:
    """The domain whose suppression threshold a KPI's figures follow ('trivsel' has its own)."""
    return CATALOGUE[code].page if code in CATALOGUE else ""


def kpi_name(code: str, view: View) -> str:
    kpi = CATALOGUE.get(code)
    return kpi.text(view.lang) if kpi else view.tr("{c} (ingen beregning)", "{c} (no calculation)", c=code)


def summary(rows: pd.DataFrame, year: int, view: View) -> str:
    """'Af 7 pejlemærker for 2025/26 er 1 nået, 3 på vej, 2 ikke nået og 1 uden data.'"""
    if rows.empty:
        return view.tr("Ingen pejlemærker for {y} i udvalget.", "No targets for {y} in the selection.",
                       y=fmt.school_year(year))
    n = rows["status"].value_counts()
    return view.tr("Af {t} pejlemærker for {y} er {a} nået, {b} på vej, {c} ikke nået og {d} uden data.",
                   "Of {t} targets for {y}, {a} are reached, {b} on the way, {c} not reached and {d} without data.",
                   t=len(rows), y=fmt.school_year(year), a=n.get(REACHED, 0), b=n.get(ON_THE_WAY, 0),
                   c=n.get(NOT_REACHED, 0), d=n.get(NO_DATA, 0))


def sentence(r: pd.Series, view: View) -> str:
    """One plain sentence per target: the value, its interval and n, the target, the status and why."""
    m, name, year = measure(r["kpi_code"]), kpi_name(r["kpi_code"], view), fmt.school_year(r["school_year"])
    goal = m.text(r["target_value"], view.lang)
    if r["status"] == NO_DATA:
        return view.tr("**{k}** {y}: målet er {g}; ingen data for året.", "**{k}** {y}: the target is {g}; no data for "
                       "the year.", k=name, y=year, g=goal)
    value = view.tr("{v} (95 %-KI {lo}-{hi}, n={n})", "{v} (95% CI {lo}-{hi}, n={n})", v=m.text(r["value"], view.lang),
                    lo=m.text(r["ci_low"], view.lang), hi=m.text(r["ci_high"], view.lang), n=fmt.integer(r["n"], view.lang))
    why = {REACHED: view.tr("nået: hele usikkerhedsintervallet ligger på målet eller bedre",
                            "reached: the whole interval is at the target or better"),
           NOT_REACHED: view.tr("ikke nået, og tallet har ikke bevæget sig mod målet siden året før",
                                "not reached, and the value has not moved towards the target since the year before"),
           ON_THE_WAY: view.tr("på vej: målet ligger inden for usikkerheden", "on the way: the target is within the "
                               "uncertainty") if r["ci_low"] <= r["target_value"] <= r["ci_high"] else
           view.tr("på vej: ikke nået endnu, men tættere på end året før ({p})", "on the way: not reached yet, but closer "
                   "than the year before ({p})", p=m.text(r["previous"], view.lang))}[r["status"]]
    return view.tr("**{k}** {y}: {v} mod målet {g} — {w}.", "**{k}** {y}: {v} against the target {g} — {w}.", k=name,
                   y=year, v=value, g=goal, w=why)


def trend(r: pd.Series, view: View) -> str:
    """Whether the value moved towards the target since the year before ('mod målet'), away from it, or
    stood still; '' without both values."""
    if pd.isna(r["value"]) or pd.isna(r["previous"]):
        return ""
    towards = (r["value"] - r["previous"]) * (1 if r["direction"] == "higher" else -1)
    if towards > 0:
        return view.tr("mod målet", "towards the target")
    return view.tr("væk fra målet", "away from the target") if towards < 0 else view.tr("uændret", "unchanged")


def table(rows: pd.DataFrame, view: View) -> pd.DataFrame:
    """The targets as the screen and the files show them: Danish headers, figures formatted, a hidden or
    missing value said in words."""
    out = []
    for _, r in rows.iterrows():
        m = measure(r["kpi_code"])
        has = r["status"] != NO_DATA
        out.append({"Status": view.tr(*WORDS[r["status"]]),  # first: what a committee reads first, never scrolled away
                    view.tr("Nøgletal", "Key figure"): kpi_name(r["kpi_code"], view),
                    view.tr("Skoleår", "School year"): fmt.school_year(r["school_year"]),
                    view.tr("Mål", "Target value"): m.text(r["target_value"], view.lang),
                    view.tr("Faktisk", "Actual"): m.text(r["value"], view.lang) if has else fmt.suppressed(
                        view.within(kpi_page(r["kpi_code"])).min_n, view.lang, "small") if r["hidden"] else view.tr(
                        "ingen data", "no data"),
                    view.tr("95 %-KI", "95% CI"): f"{m.text(r['ci_low'], view.lang)}-{m.text(r['ci_high'], view.lang)}"
                    if has else "",
                    "n": fmt.integer(r["n"], view.lang) if has else "",
                    view.tr("Året før", "Year before"): m.text(r["previous"], view.lang) if pd.notna(r["previous"]) else "",
                    view.tr("Udvikling", "Trend"): trend(r, view),
                    view.tr("Område", "Area"): view.tr(*AREA_NAMES.get(r["area"], (r["area"], r["area"]))),
                    view.tr("Pejlemærke", "Target"): r["title"]})
    return pd.DataFrame(out)


# --- a target as a slide (ui.slides): the year's sentence over the key figure's years, the target drawn in --------
@slide("pejlemaerker.target", "pejlemaerker", ("Pejlemærke", "Target"))
def target(f, scope, view: View, kommune: int, target_id: int) -> Shown | None:
    """One target of `kommune` in force: its status sentence as the headline, and the key figure for the
    municipality over the school years (ui.udforsk's chart) with the target as a dashed line."""
    rows = run(q.status, f, scope, kommune)
    rows = rows[rows["id"] == target_id]
    if rows.empty:  # retired since, or outside the reader's role
        return None
    r = rows.iloc[0]
    headline = sentence(r, view).replace("**", "")
    kpi = CATALOGUE.get(r["kpi_code"])
    if kpi is None:
        return Shown(headline, None)
    df = run(explore_split, Filters(kommune=kommune), scope, kpi.code, (YEARS,), None)
    landstal = {y: v for (c, y), v in run(kpis.landstal, f, scope).items() if c == kpi.benchmark} if kpi.benchmark else None
    fig = chart(df, kpi, (YEARS,), view, landstal)
    m = measure(kpi.code)
    if fig is not None:
        fig.add_hline(y=float(m.plot(pd.Series([r["target_value"]])).iloc[0]), line=dict(color=INK, width=3, dash="dash"),
                      annotation_text=view.tr("Mål {y}: {v}", "Target {y}: {v}", y=fmt.school_year(r["school_year"]),
                                              v=m.text(r["target_value"], view.lang)),
                      annotation_position="top left")
    return Shown(headline, fig, Table(view.tr("Pejlemærke: {t}", "Target: {t}", t=r["title"]), table(rows, view),
                                      f"pejlemaerke_{kpi.code}_{r['school_year']}"))
