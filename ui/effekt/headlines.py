"""Effekt's headline sentences (one per chart), Danish first: participation, change, starting point,
attrition, reliable change, over time and compared (goals: ui.effekt.goals; names and choices:
ui.effekt.names). They read the frames of queries.effekt; they never compute statistics."""
from __future__ import annotations

import pandas as pd

from queries.effekt import GAS
from ui import fmt
from ui.effekt.names import cohort, instrument_label
from ui.headlines import count, of_shown
from ui.measures import COUNT, EFFECT, PART, POINTS
from ui.view import View


def _total(df: pd.DataFrame, view: View, none_da: str, none_en: str):
    """(the 'alle' row, None), or (None, the sentence to say instead): `none_da`/`none_en` when the
    selection has no such row, that the figures are hidden when the row is."""
    rows = df[df["level"] == "alle"]
    if rows.empty:
        return None, view.tr(none_da, none_en)
    if rows.iloc[0]["suppressed"]:
        return None, view.tr("Tallene for udsnittet vises ikke: færre end {k} børn.",
                             "The figures for this selection are not shown: fewer than {k} children.", k=view.min_n)
    return rows.iloc[0], None


# --- headlines -----------------------------------------------------------------------------------
def overview(df: pd.DataFrame, view: View, code: str | None = None) -> str:
    """'17 forløb er startet, og 15 er målt både før og efter. 1 afsluttede forløb (6 %) mangler …'; for
    GAS (code), which is not measured before and after, the forløb with GAS-scored goals."""
    t, instead = _total(df, view, "Ingen deltagelser i udsnittet.",
                        "No participations in this selection.")
    if instead:
        return instead
    gas = code == GAS
    text = (view.tr("{s} deltagelser er startet, og i {p} er målene sat og GAS-scoret.",
                    "{s} participations started, and {p} had goals set and GAS-scored.", s=count(t["n_started"], view),
                    p=count(t["n_paired"], view)) if gas else
            view.tr("{s} deltagelser er startet, og {p} er målt både før og efter.",
                    "{s} participations started, and {p} were measured before and after.",
                    s=count(t["n_started"], view), p=count(t["n_paired"], view)))
    dropout = (view.tr("{d} afsluttede deltagelser ({pct}) har intet GAS-scoret mål (faldt fra)",
                       "{d} ended participations ({pct}) have no GAS-scored goal (dropped out)", d=COUNT.text(t["n_dropout"], view.lang),
                       pct=PART.text(t["dropout_share"], view.lang)) if gas else
               view.tr("{d} afsluttede deltagelser ({pct}) mangler en eftermåling (faldt fra)",
                       "{d} ended participations ({pct}) lack an after measurement (dropped out)",
                       d=COUNT.text(t["n_dropout"], view.lang), pct=PART.text(t["dropout_share"], view.lang)))
    ongoing = COUNT.text(t["n_ongoing"], view.lang)
    few = view.tr("færre end {k} deltagelser i mindst én af grupperne.",
                  "fewer than {k} participations in at least one of the groups.", k=view.min_n)
    # hidden as a small group of 1-4 or as the complement of one: either way, a group is that small
    hidden_dropout, hidden_ongoing = pd.isna(t["n_dropout"]), pd.isna(t["n_ongoing"])
    if hidden_dropout and hidden_ongoing:
        rest = view.tr("Hvor mange der faldt fra eller stadig er i gang, vises ikke: {few}",
                       "How many dropped out or are still running is not shown: {few}", few=few)
    elif hidden_dropout:
        rest = view.tr("{o} er stadig i gang; hvor mange der faldt fra, vises ikke: {few}",
                       "{o} are still running; how many dropped out is not shown: {few}", o=ongoing, few=few)
    elif hidden_ongoing:
        rest = view.tr("{d}; hvor mange der stadig er i gang, vises ikke: {few}",
                       "{d}; how many are still running is not shown: {few}", d=dropout, few=few)
    else:
        rest = view.tr("{d}, og {o} er stadig i gang.", "{d}, and {o} are still running.", d=dropout, o=ongoing)
    return f"{text} {rest}"


def size_word(g: float, view: View) -> str:
    """A standardised change in plain words (Cohen 1988's rule of thumb on |g|: 0,2 small, 0,5 medium,
    0,8 large)."""
    a = abs(g)
    if a >= 0.8:
        return view.tr("stor", "large")
    if a >= 0.5:
        return view.tr("mellemstor", "medium")
    if a >= 0.2:
        return view.tr("lille", "small")
    return view.tr("meget lille", "very small")


def change(df: pd.DataFrame, code: str, view: View) -> str:
    """'Børnene blev i gennemsnit 4,3 point bedre på SDQ … — en stor ændring (standardiseret 0,89). 3 af de 12
    viste indsatser forbedrer …' df: queries.effekt.change (beyond_noise: Benjamini-Hochberg over the
    interventions)."""
    t, instead = _total(df, view, "Ingen børn er målt både før og efter i udsnittet.",
                        "No children were measured before and after here.")
    if instead:
        return instead
    ivs = df[(df["level"] == "indsats") & ~df["suppressed"]]
    better, worse = int((ivs["beyond_noise"] == "better").sum()), int((ivs["beyond_noise"] == "worse").sum())
    name, g = instrument_label(code, view), EFFECT.signed(t["g"], view.lang)
    if t["improvement_low"] > 0:
        first = view.tr("Børnene blev i gennemsnit {x} point bedre på {i} — en {w} ændring (standardiseret {g}).",
                        "On average children improved {x} points on {i} — a {w} change (standardised {g}).",
                        x=POINTS.text(t["improvement"], view.lang), i=name, g=g, w=size_word(t["g"], view))
    elif t["improvement_high"] < 0:
        first = view.tr("Børnene blev i gennemsnit {x} point dårligere på {i} — en {w} ændring (standardiseret {g}).",
                        "On average children got {x} points worse on {i} — a {w} change (standardised {g}).",
                        x=POINTS.text(-t["improvement"], view.lang), i=name, g=g, w=size_word(t["g"], view))
    else:
        first = view.tr("Samlet er ændringen på {i} inden for den statistiske usikkerhed.",
                        "Overall, the change on {i} is within statistical uncertainty.", i=name)
    if ivs.empty:
        return first + " " + view.tr("Ingen enkelt indsats har børn nok til at blive vist.",
                                     "No single intervention has enough children to be shown.")
    shown = of_shown(len(ivs), view, ("indsats", "indsatser"), ("intervention", "interventions"))
    if len(ivs) == 1:
        verdict = (view.tr("forbedrer", "improves") if better else view.tr("forværrer", "worsens") if worse else None)
        rest = (view.tr("{s} {v} børnenes målinger mere, end tilfældigheder kan forklare.",
                        "{s} {v} the children's scores more than chance can explain.", s=shown.capitalize(), v=verdict)
                if verdict else
                view.tr("For {s} kan ændringen ikke skelnes fra tilfældig variation.",
                        "For {s}, the change cannot be told apart from chance variation.", s=shown))
        return f"{first} {rest}"
    return first + " " + view.tr(
        "{b} af {s} forbedrer børnenes målinger mere, end tilfældigheder kan forklare, og {w} forværrer dem "
        "(når alle indsatser vurderes på én gang).",
        "{b} of {s} improve the children's scores more than chance can explain, and {w} worsen them (with all "
        "interventions judged at once).", b=better, s=shown, w=worse)


def _instrument(instruments: pd.DataFrame, code: str) -> pd.Series:
    return instruments[instruments["code"] == code].iloc[0]


def higher_is_better(instruments: pd.DataFrame, code: str) -> bool:
    """Whether a higher score is better on instrument `code` (ORS) or worse (SDQ). instruments: queries.effekt.instruments."""
    return bool(_instrument(instruments, code)["higher_is_better"])


def cutoff_rule(ins: pd.Series, view: View) -> str:
    """The clinical side of an instrument's cut-off in words: '17 point eller mere' (lower is better, SDQ) or
    'under 25 point' (higher is better, ORS). ins: a row of queries.effekt.instruments with a cut-off."""
    c = POINTS.text(ins["cutoff"], view.lang)
    if ins["higher_is_better"]:
        return view.tr("under {c} point", "below {c} points", c=c)
    return view.tr("{c} point eller mere", "{c} points or more", c=c)


def baseline(df: pd.DataFrame, instruments: pd.DataFrame, code: str, view: View) -> str:
    """'14 af de 17 børn, der blev målt før, startede over grænsen for SDQ … (17 point eller mere): …'
    df: queries.effekt.overview; instruments: queries.effekt.instruments."""
    name, ins = instrument_label(code, view), _instrument(instruments, code)
    if pd.isna(ins["cutoff"]):
        return view.tr("{i} har ingen klinisk grænse, så det kan ikke vises, hvor mange der startede på den kliniske "
                       "side.", "{i} has no clinical cut-off, so how many started on the clinical side cannot be shown.",
                       i=name)
    t, instead = _total(df, view, "Ingen deltagelser i udsnittet.", "No participations in this selection.")
    if instead:
        return instead
    side = view.tr("under", "below") if ins["higher_is_better"] else view.tr("over", "above")
    if pd.isna(t["clinical_before"]):
        return view.tr("Hvor mange af de {y} børn målt før, der startede {s} grænsen for {i}, vises ikke, for at "
                       "beskytte en lille gruppe.",
                       "How many of the {y} children measured before started {s} the cut-off for {i} is not shown, "
                       "to protect a small group.", y=count(t["n_before"], view), s=side, i=name)
    return view.tr("{x} af de {y} børn, der blev målt før ({p}), startede {s} grænsen for {i} ({rule}): en del af "
                   "deres forbedring kan være regression mod middelværdien.",
                   "{x} of the {y} children measured before ({p}) started {s} the cut-off for {i} ({rule}): part of "
                   "their improvement may be regression to the mean.",
                   x=COUNT.text(t["n_clinical_before"], view.lang), y=COUNT.text(t["n_before"], view.lang),
                   p=PART.text(t["clinical_before"], view.lang), s=side, i=name, rule=cutoff_rule(ins, view))


def attrition(df: pd.DataFrame, instruments: pd.DataFrame, code: str, view: View) -> str:
    """'De der faldt fra (n=5), startede i gennemsnit 9,4 point lavere på ORS — et dårligere udgangspunkt — end
    dem der gennemførte (n=7); forskellen er større end tilfældig variation.' df: queries.effekt.overview."""
    t, instead = _total(df, view, "Ingen deltagelser i udsnittet.", "No participations in this selection.")
    if instead:
        return instead
    if t["n_dropout"] == 0:
        return view.tr("Ingen er faldet fra, så frafald kan ikke skævvride før/efter-ændringen.",
                       "No one dropped out, so attrition cannot bias the before/after change.")
    if pd.isna(t["n_dropout"]) or pd.isna(t["n_dropout_pre"]) or pd.isna(t["baseline_dropout"]):
        return view.tr("Udgangspunktet for de der faldt fra vises ikke: færre end {k} deltagelser, eller for at beskytte en "
                       "lille gruppe. Om frafaldet er skævt, kan derfor ikke ses her.",
                       "The starting point of those who dropped out is not shown: fewer than {k} participations, or to protect "
                       "a small group. Whether attrition is selective cannot be seen here.", k=view.min_n)
    if t["n_dropout_pre"] == 0:
        return view.tr("De der faldt fra, har ingen førmåling, så deres udgangspunkt kan ikke sammenlignes.",
                       "Those who dropped out have no before score, so their starting point cannot be compared.")
    if pd.isna(t["baseline_diff"]):
        return view.tr("De der faldt fra, startede i gennemsnit på {b} point mod {a} for dem der gennemførte; for få "
                       "til at sige, om forskellen er større end tilfældig variation.",
                       "Those who dropped out started at {b} points on average against {a} for those who completed; "
                       "too few to tell whether the difference is larger than chance variation.",
                       b=POINTS.text(t["baseline_dropout"], view.lang), a=POINTS.text(t["baseline_paired"], view.lang))
    diff, hib = float(t["baseline_diff"]), bool(_instrument(instruments, code)["higher_is_better"])
    way = view.tr("højere", "higher") if diff > 0 else view.tr("lavere", "lower")
    worse = (diff < 0) if hib else (diff > 0)
    start = view.tr("et dårligere udgangspunkt", "a worse starting point") if worse else view.tr(
        "et bedre udgangspunkt", "a better starting point")
    verdict = (view.tr("forskellen er større end tilfældig variation", "the difference is larger than chance variation")
               if t["baseline_beyond_noise"] else
               view.tr("forskellen er ikke større end tilfældig variation",
                       "the difference is not larger than chance variation"))
    return view.tr("De der faldt fra (n={nd}), startede i gennemsnit {d} point {w} på {i} — {s} — end dem der "
                   "gennemførte (n={np}); {v} (95 %-KI {lo} til {hi}).",
                   "Those who dropped out (n={nd}) started on average {d} points {w} on {i} — {s} — than those who "
                   "completed (n={np}); {v} (95% CI {lo} to {hi}).",
                   nd=COUNT.text(t["n_dropout_pre"], view.lang), np=COUNT.text(t["n_paired"], view.lang),
                   d=POINTS.text(abs(diff), view.lang), w=way, i=instrument_label(code, view), s=start, v=verdict,
                   lo=POINTS.signed(t["baseline_diff_low"], view.lang), hi=POINTS.signed(t["baseline_diff_high"], view.lang))


def reliable(df: pd.DataFrame, view: View) -> str:
    t, instead = _total(df, view, "Ingen er målt både før og efter i udsnittet.",
                        "No one was measured before and after here.")
    if instead:
        return instead
    if pd.notna(t["improved"]) and pd.notna(t["worsened"]):
        text = view.tr("{i} af børnene forbedrede sig pålideligt, {w} blev pålideligt dårligere; resten er uændrede "
                       "inden for målefejlen.",
                       "{i} of children improved reliably, {w} got reliably worse; the rest are unchanged within "
                       "measurement error.", i=PART.text(t["improved"], view.lang), w=PART.text(t["worsened"], view.lang))
    elif pd.notna(t["unchanged"]):
        text = view.tr("{u} af børnene er uændrede inden for målefejlen; hvor mange der blev pålideligt bedre eller "
                       "dårligere, vises ikke, for at beskytte en lille gruppe.",
                       "{u} of children are unchanged within measurement error; how many got reliably better or worse "
                       "is not shown, to protect a small group.", u=PART.text(t["unchanged"], view.lang))
    else:
        text = view.tr("Hvor mange der blev pålideligt bedre eller dårligere, vises ikke, for at beskytte en lille gruppe.",
                       "How many got reliably better or worse is not shown, to protect a small group.")
    if pd.isna(t["cutoff"]):
        return text
    if pd.isna(t["n_clinical_pre"]):
        cut = view.tr("Færre end {k} startede på den bekymrende side af grænsen, så hvor mange af dem der endte på den "
                      "gode side, vises ikke.",
                      "Fewer than {k} started on the concerning side of the cut-off, so how many of them ended on the "
                      "good side is not shown.", k=view.min_n)
    elif t["n_clinical_pre"] == 0:
        cut = view.tr("Ingen startede på den bekymrende side af grænsen.",
                      "No one started on the concerning side of the cut-off.")
    elif pd.isna(t["crossed"]):
        cut = view.tr("Hvor mange af de {n}, der startede på den bekymrende side af grænsen, der endte på den gode side, "
                      "vises ikke, for at beskytte en lille gruppe.",
                      "How many of the {n} who started on the concerning side of the cut-off ended on the good side is "
                      "not shown, to protect a small group.", n=COUNT.text(t["n_clinical_pre"], view.lang))
    else:
        cut = view.tr("{c} af de {n}, der startede på den bekymrende side af grænsen, endte på den gode side.",
                      "{c} of the {n} who started on the concerning side of the cut-off ended on the good side.",
                      c=PART.text(t["crossed"], view.lang), n=COUNT.text(t["n_clinical_pre"], view.lang))
    return f"{text} {cut}"


def cohorts(df: pd.DataFrame, iv: int, name: str, code: str, view: View) -> str:
    """The outcome of the first and the last shown cohort of intervention `iv` (0: all), and whether
    the change between them is beyond noise. df: queries.effekt.cohorts."""
    rows = cohort(df, iv)
    shown = rows[~rows["suppressed"]]
    if shown.empty or pd.isna(shown["trend_diff"].iloc[0]):
        return view.tr("For få deltagelser pr. år til at følge {name} over tid.",
                       "Too few participations per year to follow {name} over time.",
                       name=name if iv else view.tr("alle indsatser", "all interventions"))
    r = shown.iloc[0]
    first = shown.loc[shown["start_year"] == r["first_year"], "mean"].iloc[0]
    last = shown.loc[shown["start_year"] == r["last_year"], "mean"].iloc[0]
    what = view.tr("GAS T-scoren", "the GAS T-score") if code == GAS else view.tr("forbedringen", "the improvement")
    if not r["trend_beyond_noise"]:
        verdict = view.tr("forskellen er inden for den statistiske usikkerhed.",
                          "the difference is within statistical uncertainty.")
    elif r["trend_diff"] > 0:
        verdict = view.tr("en fremgang ud over den statistiske usikkerhed.", "a gain beyond statistical uncertainty.")
    else:
        verdict = view.tr("en tilbagegang ud over den statistiske usikkerhed.",
                          "a decline beyond statistical uncertainty.")
    return view.tr("{name}: {what} var {a} for deltagelser startet i {y1} og {b} i {y2} — {v}",
                   "{name}: {what} was {a} for participations started in {y1} and {b} in {y2} — {v}", name=name, what=what,
                   a=POINTS.text(first, view.lang), b=POINTS.text(last, view.lang),
                   y1=fmt.school_year(r["first_year"]), y2=fmt.school_year(r["last_year"]), v=verdict)


def compare(df: pd.DataFrame, name_a: str, name_b: str, code: str, view: View) -> str:
    """Intervention a against b (queries.effekt.compare); b without an intervention is the rest of the
    municipality."""
    a, b = df.iloc[0], df.iloc[1]
    if pd.isna(b["intervention_id"]):
        name_b = view.tr("de øvrige deltagelser i udsnittet", "the other participations in the selection")
    if a["suppressed"] or b["suppressed"]:
        return view.tr("{a} og {b} kan ikke sammenlignes: færre end {k} børn i mindst én af grupperne.",
                       "{a} and {b} cannot be compared: fewer than {k} children in at least one group.",
                       a=name_a, b=name_b, k=view.min_n)
    x, y = POINTS.text(a["mean"], view.lang), POINTS.text(b["mean"], view.lang)
    d = POINTS.signed(a["diff"], view.lang)
    if x == y or round(float(a["diff"]), 1) == 0:  # one decimal more, so the figures read as they should
        x, y = (fmt.num(v, 2, view.lang) for v in (a["mean"], b["mean"]))
        d = fmt.signed(a["diff"], 2, view.lang)
    if code == GAS:
        head = view.tr("{a} har GAS T-score {x} mod {y} i {b}", "{a} has GAS T-score {x} against {y} in {b}",
                       a=name_a, b=name_b, x=x, y=y)
    else:
        head = view.tr("{a} forbedrer {i} med {x} point mod {y} i {b}",
                       "{a} improves {i} by {x} points against {y} in {b}",
                       a=name_a, b=name_b, i=instrument_label(code, view), x=x, y=y)
    if a["beyond_noise"]:
        return head + view.tr(": en forskel på {d}, der er større end den statistiske usikkerhed.",
                              ": a difference of {d} that is beyond statistical uncertainty.", d=d)
    return head + view.tr(". Forskellen ({d}) er inden for den statistiske usikkerhed — ingen sikker forskel.",
                          ". The difference ({d}) is within statistical uncertainty — no clear difference.", d=d)
