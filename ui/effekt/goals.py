"""Effekt's headlines on goals: the GAS levels, the outcome field (two scales, never merged) and the GAS
T-score per intervention. They read queries.effekt.goals; they never compute statistics."""
from __future__ import annotations

import pandas as pd

from ui.effekt.headlines import _total
from ui.headlines import count
from ui.measures import COUNT, PART, POINTS
from ui.view import View


def goal_scales(df: pd.DataFrame) -> tuple[bool, bool]:
    """(GAS-scored goals, goals rated with the outcome field): whether the selection has goals on each
    scale (a count above 0, or hidden) — the page draws each scale by itself, never merged.
    df: queries.effekt.goals."""
    def has(col: str) -> bool:
        return bool(((df[col] > 0) | (df[col].isna() & ~df["suppressed"])).any())
    return has("n_gas_goals"), has("n_outcome_goals")


def goals(df: pd.DataFrame, view: View) -> str:
    """The GAS-scored goals: the share at the expected level or better, and the T-score in all.
    df: queries.effekt.goals."""
    t, instead = _total(df, view, "Ingen vurderede mål i udsnittet.",
                        "No rated goals in this selection.")
    if instead:
        return instead
    if t["n_gas_goals"] == 0:
        return view.tr("Ingen af målene i udsnittet er GAS-scoret; målene er vurderet som opnået, delvist opnået eller "
                       "ikke opnået.", "None of the goals in this selection is GAS-scored; the goals are rated "
                       "achieved, partly achieved or not achieved.")
    if pd.isna(t["n_gas_goals"]):
        text = view.tr("Antallet af GAS-scorede mål vises ikke, for at beskytte en lille gruppe.",
                       "The number of GAS-scored goals is not shown, to protect a small group.")
    elif pd.notna(t["gas_expected"]) and pd.notna(t["gas_minus1"]):
        text = view.tr("{e} af de {g} GAS-scorede mål endte på forventet niveau eller bedre; {m} står på noget mindre "
                       "end forventet (−1), typisk udgangsniveauet.",
                       "{e} of the {g} GAS-scored goals ended at the expected level or better; {m} are at somewhat "
                       "less than expected (−1), usually the baseline.",
                       e=PART.text(t["gas_expected"], view.lang), g=COUNT.text(t["n_gas_goals"], view.lang),
                       m=PART.text(t["gas_minus1"], view.lang))
    elif pd.notna(t["gas_expected"]):
        text = view.tr("{e} af de {g} GAS-scorede mål endte på forventet niveau eller bedre.",
                       "{e} of the {g} GAS-scored goals ended at the expected level or better.",
                       e=PART.text(t["gas_expected"], view.lang), g=COUNT.text(t["n_gas_goals"], view.lang))
    else:
        text = view.tr("Af de {g} GAS-scorede mål vises andelene ikke, for at beskytte en lille gruppe.",
                       "Of the {g} GAS-scored goals, the shares are not shown, to protect a small group.",
                       g=COUNT.text(t["n_gas_goals"], view.lang))
    if pd.notna(t["gas_t"]):
        text += " " + view.tr("Samlet målopfyldelse (GAS T-score) {t}; 50 er forventet niveau i gennemsnit.",
                              "Overall goal attainment (GAS T-score) {t}; 50 is the expected level on average.",
                              t=POINTS.text(t["gas_t"], view.lang))
    elif t["gas_suppressed"]:
        text += " " + view.tr("GAS T-scoren vises ikke: færre end {k} børn har GAS-scorede mål.",
                              "The GAS T-score is not shown: fewer than {k} children have GAS-scored goals.",
                              k=view.min_n)
    return text


def outcome_goals(df: pd.DataFrame, view: View) -> str:
    """The goals rated with the outcome field (no GAS score): achieved and partly achieved.
    df: queries.effekt.goals."""
    t, instead = _total(df, view, "Ingen vurderede mål i udsnittet.", "No rated goals in this selection.")
    if instead:
        return instead
    g = count(t["n_outcome_goals"], view)
    if pd.notna(t["opnaaet"]) and pd.notna(t["delvist"]):
        return view.tr("Af de {g} mål uden GAS-score blev {a} vurderet opnået og {p} delvist opnået.",
                       "Of the {g} goals without a GAS score, {a} were rated achieved and {p} partly achieved.",
                       g=g, a=PART.text(t["opnaaet"], view.lang), p=PART.text(t["delvist"], view.lang))
    if pd.notna(t["opnaaet"]):
        return view.tr("Af de {g} mål uden GAS-score blev {a} vurderet opnået; de øvrige andele vises ikke, for at "
                       "beskytte en lille gruppe.",
                       "Of the {g} goals without a GAS score, {a} were rated achieved; the other shares are not shown, "
                       "to protect a small group.", g=g, a=PART.text(t["opnaaet"], view.lang))
    return view.tr("Af de {g} mål uden GAS-score vises andelene ikke, for at beskytte en lille gruppe.",
                   "Of the {g} goals without a GAS score, the shares are not shown, to protect a small group.", g=g)


def gas_scored(df: pd.DataFrame) -> bool:
    """Whether queries.effekt.goals shows a GAS T-score anywhere (then the page draws them)."""
    return bool(df["gas_t"].notna().any())


def gas(df: pd.DataFrame, view: View) -> str:
    """How many interventions' GAS T-scores lie above or below 50 beyond statistical uncertainty."""
    ivs = df[(df["level"] == "indsats") & df["gas_t"].notna()]
    if ivs.empty:
        return view.tr("GAS T-scoren kan ikke vises pr. indsats: færre end {k} børn med GAS-scorede mål.",
                       "The GAS T-score cannot be shown per intervention: fewer than {k} children with GAS-scored "
                       "goals.",
                       k=view.min_n)
    above, below = int((ivs["gas_beyond"] == "above").sum()), int((ivs["gas_beyond"] == "below").sum())
    if len(ivs) == 1:
        where = (view.tr("over", "above") if above else view.tr("under", "below") if below else None)
        return (view.tr("Målopfyldelse (GAS T-score): den viste indsats ligger {w} 50 (forventet niveau i gennemsnit) ud "
                        "over den statistiske usikkerhed.", "Goal attainment (GAS T-score): the intervention shown lies "
                        "{w} 50 (the expected level on average) beyond statistical uncertainty.", w=where) if where else
                view.tr("Målopfyldelse (GAS T-score): den viste indsats kan ikke skelnes fra 50 (forventet niveau i "
                        "gennemsnit).", "Goal attainment (GAS T-score): the intervention shown cannot be told apart "
                        "from 50 (the expected level on average)."))
    return view.tr("Målopfyldelse (GAS T-score) pr. indsats: {a} af de {n} viste indsatser ligger over 50 (over "
                   "forventet niveau i gennemsnit) ud over den statistiske usikkerhed, når alle vurderes på én gang, "
                   "{b} under.",
                   "Goal attainment (GAS T-score) per intervention: {a} of the {n} interventions shown lie above 50 "
                   "(above the expected level on average) beyond statistical uncertainty, with all judged at once, "
                   "{b} below.",
                   a=above, n=len(ivs), b=below)
