"""Effekt's tables for the screen: Danish column names, each figure as the headline and the chart show
it (ui.measures), hidden groups and counts said in words."""
from __future__ import annotations

import numpy as np
import pandas as pd

from queries.effekt import GAS
from ui import fmt
from ui import tables as shared
from ui.effekt.names import cohort, method_name, row_name
from ui.headlines import count
from ui.measures import COUNT, EFFECT, PART, POINTS
from ui.view import View

_CLINICAL = ("clinical_before", "clinical_before_low", "clinical_before_high")
PARTS = ("n_after", "n_ongoing", "n_dropout")  # add up to n_started: one may be hidden as another's complement


def methods(overview: pd.DataFrame, view: View, code: str | None = None) -> pd.DataFrame:
    """Per method and in all: started, measured before/after (GAS, `code`: goals set, GAS-scored), running,
    attrition (queries.effekt.overview). A count hidden on a shown row reads "færre end 5", or "ikke vist
    (n<5)" where it may be a complement."""
    hid = fmt.suppressed(view.min_n, view.lang)
    gas = code == GAS
    columns = ((view.tr("Startet", "Started"), "n_started"),
               (view.tr("Mål sat", "Goals set") if gas else view.tr("Målt før", "Measured before"), "n_before"),
               (view.tr("GAS-scoret", "GAS-scored") if gas else view.tr("Målt efter", "Measured after"), "n_after"),
               (view.tr("I gang", "Running"), "n_ongoing"), (view.tr("Frafald", "Attrition"), "n_dropout"))

    def cell(r, col):
        if r["suppressed"]:
            return fmt.suppressed(view.min_n, view.lang, r["suppressed_why"])
        if col in PARTS and pd.isna(r[col]):
            return hid
        return count(r[col], view)

    out = []
    for _, r in overview[overview["level"].isin(["metode", "alle"])].iterrows():
        out.append({view.tr("Metode", "Method"): method_name(r["name"]) if r["level"] == "metode" else view.tr("Alle", "All"),
                    **{label: cell(r, col) for label, col in columns},
                    view.tr("Frafald i %", "Attrition %"): cell(r, "n_dropout") if pd.isna(r["n_dropout"])
                    else PART.text(r["dropout_share"], view.lang)})
    return pd.DataFrame(out)


def change(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention and in all: n, mean before, mean after, change (95% CI), the standardised
    before/after change g_av (95% CI) (queries.effekt.change); a hidden row says why."""
    out = []
    for _, r in df.iterrows():
        shown = not r["suppressed"]
        out.append({
            view.tr("Indsats", "Intervention"): row_name(r, view),
            "n": COUNT.text(r["n"], view.lang) if shown else fmt.suppressed(view.min_n, view.lang, r["suppressed_why"]),
            view.tr("Før", "Before"): POINTS.text(r["mean_pre"], view.lang) if shown else "",
            view.tr("Efter", "After"): POINTS.text(r["mean_post"], view.lang) if shown else "",
            view.tr("Ændring (95 %-KI)", "Change (95% CI)"):
                _ci(*(POINTS.signed(r[c], view.lang) for c in ("change", "change_low", "change_high")), view)
                if shown else "",
            view.tr("Standardiseret før/efter-ændring g_av, bedre > 0 (95 %-KI)",
                    "Standardised before/after change g_av, better > 0 (95% CI)"): _ci(
                *(EFFECT.signed(r[c], view.lang) for c in ("g", "g_low", "g_high")), view) if shown else "",
            # how sure: beyond chance, with every intervention judged at once (the query's Benjamini-Hochberg)
            view.tr("Mere end tilfældigt?", "Beyond chance?"): "" if not shown else {
                "better": view.tr("Ja, bedre", "Yes, better"), "worse": view.tr("Ja, dårligere", "Yes, worse")}.get(
                r["beyond_noise"], view.tr("Nej", "No"))})
    return pd.DataFrame(out)


def attrition(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention and in all: completed and dropped out (each: mean before score with 95% CI, n) and
    the difference with Welch's 95% CI (queries.effekt.overview); a hidden figure says why."""
    def group(n, mean, low, high) -> str:
        if pd.isna(n):
            return fmt.suppressed(view.min_n, view.lang)
        if n == 0:
            return view.tr("ingen", "none")
        if pd.isna(mean):
            return f"n={count(n, view)}"
        return view.tr("{m} ({a} til {b}), n={n}", "{m} ({a} to {b}), n={n}", m=POINTS.text(mean, view.lang),
                       a=POINTS.text(low, view.lang), b=POINTS.text(high, view.lang), n=count(n, view))

    out = []
    for _, r in df[df["level"] != "metode"].iterrows():
        shown = not r["suppressed"]
        hidden = "" if shown else fmt.suppressed(view.min_n, view.lang, r["suppressed_why"])
        dropped = r["n_dropout_pre"] if pd.notna(r["n_dropout"]) else np.nan  # hidden with the dropouts
        out.append({
            view.tr("Indsats", "Intervention"): row_name(r, view),
            view.tr("Gennemførte: førmåling (95 %-KI)", "Completed: before score (95% CI)"): group(
                r["n_paired"], r["baseline_paired"], r["baseline_paired_low"], r["baseline_paired_high"]) if shown else hidden,
            view.tr("Faldt fra: førmåling (95 %-KI)", "Dropped out: before score (95% CI)"): group(
                dropped, r["baseline_dropout"], r["baseline_dropout_low"], r["baseline_dropout_high"]) if shown else "",
            view.tr("Forskel, faldt fra − gennemførte (95 %-KI)", "Difference, dropped out − completed (95% CI)"):
                _ci(*(POINTS.signed(r[c], view.lang) for c in ("baseline_diff", "baseline_diff_low", "baseline_diff_high")),
                    view) if shown and pd.notna(r["baseline_diff"]) else ""})
    return pd.DataFrame(out)


def _ci(value: str, low: str, high: str, view: View) -> str:
    return view.tr("{v} ({a} til {b})", "{v} ({a} to {b})", v=value, a=low, b=high)


# --- the detail tabs' charts as tables to take away (ui.export): each chart's rows, figures as it rounds them --
def _named(df: pd.DataFrame, view: View) -> dict:
    return {view.tr("Indsats", "Intervention"): [row_name(r, view) for _, r in df.iterrows()]}


def baseline(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention and in all: measured before, of whom on the concerning side of the cut-off, the share (95% CI)."""
    return pd.DataFrame({**_named(df, view), view.tr("Målt før", "Measured before"): shared.count(df, "n_before"),
                         view.tr("Startede over grænsen", "Started beyond the cut-off"): shared.count(df, "n_clinical_before"),
                         **shared.with_interval(df, view.tr("Andel", "Share"), _CLINICAL, PART, view)})


def reliable(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention (and method, and in all): measured before and after, the shares reliably improved,
    unchanged and worsened, and the share that crossed the clinical cut-off (95% CI)."""
    return pd.DataFrame({**_named(df, view), view.tr("Målt før og efter", "Measured before and after"): shared.count(df, "n"),
                         **{view.tr(da, en) + " (%)": shared.figure(df, c, PART) for c, da, en in (
                             ("improved", "Pålideligt forbedret", "Reliably improved"), ("unchanged", "Uændret", "Unchanged"),
                             ("worsened", "Pålideligt forværret", "Reliably worsened"))},
                         **shared.with_interval(df, view.tr("Krydsede grænsen", "Crossed the cut-off"),
                                                ("crossed", "crossed_low", "crossed_high"), PART, view)})


def goals(df: pd.DataFrame, view: View, levels) -> pd.DataFrame:
    """Per intervention and in all: GAS-scored goals and their shares per level (`levels`: ui.effekt.charts.
    GAS_LEVELS), and the goals rated in the outcome field and their shares achieved / partly / not."""
    return pd.DataFrame({**_named(df, view), view.tr("GAS-scorede mål", "GAS-scored goals"): shared.count(df, "n_gas_goals"),
                         **{view.tr(da, en) + " (%)": shared.figure(df, c, PART) for c, da, en, _ in levels},
                         view.tr("Vurderede mål uden GAS", "Rated goals without GAS"): shared.count(df, "n_outcome_goals"),
                         **{view.tr(da, en) + " (%)": shared.figure(df, c, PART) for c, da, en in (
                             ("opnaaet", "Opnået", "Achieved"), ("delvist", "Delvist opnået", "Partly achieved"),
                             ("ikke", "Ikke opnået", "Not achieved"))},
                         view.tr("Vist", "Shown"): shared.why(df, view)})


def gas(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Per intervention and in all: children with GAS scores, the mean GAS T-score (95% CI); hidden on its own
    threshold (the query's gas_suppressed)."""
    own = df.assign(suppressed=df["gas_suppressed"], suppressed_why=df["gas_suppressed_why"])
    return pd.DataFrame({**_named(df, view), view.tr("GAS-scorede mål", "GAS-scored goals"): shared.count(own, "n_gas"),
                         **shared.with_interval(own, "GAS T-score", ("gas_t", "gas_t_low", "gas_t_high"), POINTS, view)})


def outcome(df: pd.DataFrame, title: str, names: list[str], unit: str, view: View) -> pd.DataFrame:
    """The mean outcome (`unit`: the chart's axis title) with its 95% CI per row (queries.effekt cohorts and
    compare): `title` the column of the rows' `names`."""
    return pd.DataFrame({title: names, view.tr("Målt før og efter", "Measured before and after"): shared.count(df, "n"),
                         **shared.with_interval(df, unit, ("mean", "ci_low", "ci_high"), POINTS, view)})


def cohorts(df: pd.DataFrame, iv: int, name: str, unit: str, view: View) -> pd.DataFrame:
    """Per start year: the outcome for all interventions and, with one chosen (`iv`, named `name`), for it."""
    parts = [(cohort(df, 0), view.tr("Alle indsatser", "All interventions"))] + ([(cohort(df, iv), name)] if iv else [])
    frames = [outcome(rows, view.tr("Skoleår deltagelsen startede", "School year the participation started"),
                      [fmt.school_year(y) for y in rows["start_year"]], unit, view)
              .assign(**{view.tr("Indsats", "Intervention"): who}) for rows, who in parts]
    out = pd.concat(frames, ignore_index=True)
    return out[[out.columns[-1], *out.columns[:-1]]]
