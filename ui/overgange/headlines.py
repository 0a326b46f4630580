"""Overgange's headline sentences (one per chart), and the names of forms and groups that both the
headlines and the charts use (Danish first). They read the frames of queries.overgange; they never
compute statistics."""
from __future__ import annotations

import pandas as pd

from queries.filters import FORM_LABELS, GENDER_LABELS, Scope, dimension
from queries.funnel import Funnel
from ui import fmt, headlines
from ui.measures import COUNT, PART, SHARE
from ui.view import View

# The share of children back in an ordinary class (return curve, return by form): a Kaplan-Meier
# estimate from few children, so whole percent (the curve's hover, its labels and the headline agree).
BACK = PART
MOVED = {"ind": ("Ind i kommunen", "Into the municipality"), "ud": ("Ud af kommunen", "Out of the municipality")}
NO_SCHOOL = ("Ingen almenskole", "No ordinary school")


# --- names ---------------------------------------------------------------------------------------
def form_name(form: str, view: View) -> str:
    """A provision form (or 'ind' / 'ud' of a flow) in the reader's language."""
    da, en = MOVED.get(form) or FORM_LABELS[form]
    return view.tr(da, en)


def dimensions(view: View, scope: Scope) -> dict[str, str]:
    """The splits of the inklusionsgrad (queries.overgange.SPLITS) that the role may see, and their names,
    for the switch (an udvalg sees no single school, a leder no district)."""
    dims = {"distrikt": dimension("distrikt").text(view.lang), "institution": view.tr("Skole", "School"),
            "klassetrin": dimension("grades").text(view.lang), "koen": dimension("gender").text(view.lang)}
    return {k: v for k, v in dims.items() if k not in ("distrikt", "institution") or scope.shows(k)}


def split_names(parts: pd.DataFrame, dim: str, view: View) -> list[str]:
    """The names of the groups of queries.overgange.inklusion_split, in its order."""

    def name(key, text) -> str:
        if dim == "klassetrin":
            return fmt.grade(int(key), view.lang)
        if dim == "koen":
            return view.tr(*GENDER_LABELS[key]) if key in GENDER_LABELS else str(key)
        return text if isinstance(text, str) and text else view.tr(*NO_SCHOOL)
    return [name(key, text) for key, text in zip(parts["key"], parts["label"])]


def _has_school(parts: pd.DataFrame, dim: str) -> pd.Series:
    """Rows that are a group of the chart: all but the pupils without an ordinary school (key NaN)."""
    return parts["key"].notna() if dim in ("institution", "distrikt") else pd.Series(True, index=parts.index)


def school_groups(parts: pd.DataFrame, dim: str) -> pd.DataFrame:
    """The groups the split chart draws (without 'no ordinary school', 0 % by definition)."""
    return parts[_has_school(parts, dim)]


def split_hidden(parts: pd.DataFrame, dim: str, view: View) -> list[str]:
    """The names of the hidden groups of the split when no group is shown (the chart, which names
    them on its axis, is then not drawn)."""
    groups = school_groups(parts, dim)
    hidden = [n for n, s in zip(split_names(groups, dim, view), groups["suppressed"]) if s]
    return hidden if len(hidden) == len(groups) else []


def hidden_forms(by_form: pd.DataFrame, view: View) -> list[str]:
    """The forms entered that are not shown, when none is (otherwise the chart names them)."""
    hidden = [form_name(x, view) for x, s in zip(by_form["entry_form"], by_form["suppressed"]) if s]
    return hidden if len(hidden) == len(by_form) else []


def flow_name(from_form: str, to_form: str, view: View) -> str:
    return f"{form_name(from_form, view)} → {form_name(to_form, view)}"


def hidden_flows(links: pd.DataFrame, view: View) -> list[str]:
    """The flows of the Sankey that are not drawn, each with why: 'Ind i kommunen → Almen (færre end 5)'."""
    named = links.assign(flow=[flow_name(a, b, view) for a, b in zip(links["from_form"], links["to_form"])])
    return headlines.hidden_names(named, "flow", view)


def pair(year: int) -> str:
    """A transition's pair of school years: '2023/24 → 2024/25'."""
    return f"{fmt.school_year(year - 1)} → {fmt.school_year(year)}"


def entry_years(year: int, view: View) -> str:
    """A choice of entry year; 0 is all the chosen years."""
    return view.tr("alle valgte skoleår", "all chosen school years") if year == 0 else fmt.school_year(year)


def latest_year(trend: pd.DataFrame) -> int:
    """The newest school year of the inklusion trend (the year the split shows)."""
    return int(trend["school_year"].max())


# --- 1. inklusionsgrad --------------------------------------------------------------------------
def inklusion(trend: pd.DataFrame, view: View) -> str:
    """'Inklusionsgraden er 76,6 % i 2025/26 (n=77): 23,4 % af eleverne går i et specialtilbud. Landstallet …'"""
    if trend.empty:
        return view.tr("Ingen elever i udsnittet.", "No pupils in this selection.")
    last = trend.sort_values("school_year").iloc[-1]
    year = fmt.school_year(last["school_year"])
    if last["suppressed"]:
        return view.tr("Inklusionsgraden i {y} vises ikke: for få elever i udsnittet (under {k}).",
                       "The inclusion rate in {y} is not shown: too few pupils in this selection (under {k}).",
                       y=year, k=view.min_n)
    text = view.tr("Inklusionsgraden er {v} i {y} (n={n}): {s} af eleverne går i et specialtilbud.",
                   "The inclusion rate is {v} in {y} (n={n}): {s} of pupils are in special provision.",
                   v=SHARE.text(last["inklusionsgrad"], view.lang), y=year, n=COUNT.text(last["n"], view.lang),
                   s=SHARE.text(last["segregeringsgrad"], view.lang))
    if pd.notna(last["landstal"]):
        text += view.tr(" Landstallet er {l}.", " The national figure is {l}.",
                        l=SHARE.text(last["landstal"], view.lang))
    return text


def split(parts: pd.DataFrame, dim: str, year: int, view: View) -> str:
    """'I 2025/26 er inklusionsgraden lavest for Drenge (73,9 %) og højest for Piger (81,6 %).'"""
    groups = school_groups(parts, dim)
    shown = [(name, rate) for name, rate, hidden in zip(split_names(groups, dim, view), groups["inklusionsgrad"],
                                                        groups["suppressed"]) if not hidden]
    if len(shown) < 2:
        return view.tr("For få grupper med nok elever til en sammenligning i {y}.",
                       "Too few groups with enough pupils to compare in {y}.", y=fmt.school_year(year))
    lo, hi = min(shown, key=lambda p: p[1]), max(shown, key=lambda p: p[1])
    if SHARE.text(lo[1], view.lang) == SHARE.text(hi[1], view.lang):
        return view.tr("I {y} er inklusionsgraden {v} i alle grupper, der vises.",
                       "In {y} the inclusion rate is {v} in every group shown.", y=fmt.school_year(year),
                       v=SHARE.text(lo[1], view.lang))
    return view.tr("I {y} er inklusionsgraden lavest for {lo} ({lv}) og højest for {hi} ({hv}).",
                   "In {y} the inclusion rate is lowest for {lo} ({lv}) and highest for {hi} ({hv}).",
                   y=fmt.school_year(year), lo=lo[0], lv=SHARE.text(lo[1], view.lang), hi=hi[0],
                   hv=SHARE.text(hi[1], view.lang))


def no_school(parts: pd.DataFrame, dim: str, view: View) -> str | None:
    """The note on the pupils without an ordinary school (left out of the split by school or district)."""
    rows = parts[~_has_school(parts, dim)]
    if rows.empty:
        return None
    r = rows.iloc[0]
    if r["suppressed"]:  # possibly hidden only to protect another group: no "fewer than" here
        return view.tr("Ikke med i figuren: elever i specialtilbud uden en almenskole i kommunen (startede i specialtilbud eller flyttede til); antallet vises ikke.",
                       "Not in the chart: pupils in special provision without an ordinary school in the municipality (started school in special provision or moved in); their number is not shown.")
    return view.tr("Ikke med i figuren: {n} elever i specialtilbud uden en almenskole i kommunen (startede i specialtilbud eller flyttede til).",
                   "Not in the chart: {n} pupils in special provision without an ordinary school in the municipality (started school in special provision or moved in).",
                   n=COUNT.text(r["n"], view.lang))


# --- 2. flows -----------------------------------------------------------------------------------
def flows(ta: pd.DataFrame, year: int, view: View, links: pd.DataFrame | None = None) -> str:
    """Tilgang and afgang of the chosen pair of years, as counts of children. Without them (a special
    provision has no children of its own in an ordinary class), what the Sankey's `links` can say."""
    rows = ta[ta["school_year"] == year].set_index("measure")
    if not {"tilgang", "afgang"} <= set(rows.index):
        p, y = fmt.school_year(year - 1), fmt.school_year(year)
        if links is not None and len(links) and links["suppressed"].astype(bool).all():
            return view.tr("Strømmene fra {p} til {y} vises ikke: hver af dem har færre end {k} børn.",
                           "The flows from {p} to {y} are not shown: each has fewer than {k} children.",
                           p=p, y=y, k=view.min_n)
        if links is not None and len(links):
            return view.tr("Strømmene fra {p} til {y}: tilgang og afgang tælles for almenskolerne, som børnene hører til.",
                           "The flows from {p} to {y}: entries and returns are counted for the ordinary schools the "
                           "children belong to.", p=p, y=y)
        return view.tr("Ingen elever at følge fra {p} til {y}.", "No pupils to follow from {p} to {y}.", p=p, y=y)
    t, a = rows.loc["tilgang"], rows.loc["afgang"]
    return view.tr("Fra {p} til {y} gik {t} elever fra almenklasse til et specialtilbud, og {a} kom tilbage.",
                   "From {p} to {y}, {t} pupils moved from an ordinary class to special provision, and {a} came back.",
                   p=fmt.school_year(year - 1), y=fmt.school_year(year), t=headlines.count(t["count"], view),
                   a=headlines.count(a["count"], view))


def stayed(links: pd.DataFrame, view: View) -> str | None:
    """The flow the Sankey leaves out, in words: the pupils who stayed in an ordinary class."""
    rows = links[(links["from_form"] == "almen") & (links["to_form"] == "almen")]
    if rows.empty or bool(rows["suppressed"].iloc[0]):
        return None
    return view.tr("Ikke tegnet, så skiftene kan ses: {n} elever gik i almenklasse begge år.",
                   "Not drawn, so the moves can be seen: {n} pupils were in an ordinary class both years.",
                   n=COUNT.text(rows["n"].iloc[0], view.lang))


def tilgang_afgang(ta: pd.DataFrame, view: View) -> str:
    """'I 2025/26 var tilgangen 0,0 % (0 af 36), og afgangen 0,0 % (0 af 9).' (the newest year)"""
    if ta.empty:
        return view.tr("Ingen overgange i udsnittet.", "No transitions in this selection.")
    year = int(ta["school_year"].max())
    rows = ta[ta["school_year"] == year].set_index("measure")
    words = {"tilgang": view.tr("tilgangen", "entries"), "afgang": view.tr("afgangen", "returns")}
    shown = [view.tr("{w} {v} ({c} af {n})", "{w} were {v} ({c} of {n})", w=words[m],
                     v=SHARE.text(rows.loc[m, "rate"], view.lang), c=COUNT.text(rows.loc[m, "count"], view.lang),
                     n=COUNT.text(rows.loc[m, "n"], view.lang)) for m in words if not rows.loc[m, "suppressed"]]
    hidden = [words[m] for m in words if rows.loc[m, "suppressed"]]
    y = fmt.school_year(year)
    if len(shown) == 2:
        return view.tr("I {y} var {a}, og {b}.", "In {y}, {a} and {b}.", y=y, a=shown[0], b=shown[1])
    if len(shown) == 1:
        return view.tr("I {y} var {a}; {h} vises ikke (færre end {k}).", "In {y}, {a}; {h} are not shown (fewer than {k}).",
                       y=y, a=shown[0], h=hidden[0], k=view.min_n)
    return view.tr("Tilgangen og afgangen i {y} vises ikke (færre end {k}).",
                   "Entries and returns in {y} are not shown (fewer than {k}).", y=y, k=view.min_n)


# --- 3. return ----------------------------------------------------------------------------------
def return_curve(km: pd.DataFrame, view: View) -> str:
    """'Af de 10 børn, der kom i specialtilbud, var 10 % efter 1 år tilbage i en almenklasse. ...'"""
    if km.empty:
        return view.tr("Ingen børn kom i specialtilbud i udsnittet.",
                       "No children entered special provision in this selection.")
    km = km.sort_values("time")
    start = km.iloc[0]  # time 0: every child who entered (hidden, and `entered` NaN, when they are too few)
    if start["suppressed"] or pd.isna(start["entered"]):
        return view.tr("Tilbagevenden vises ikke: færre end {k} børn kom i specialtilbud.",
                       "Return is not shown: fewer than {k} children entered special provision.", k=view.min_n)
    shown = []
    for t in (1, 2, 3):
        row = km[km["time"] == t]
        if row.empty or bool(row["suppressed"].iloc[0]):
            break
        shown.append(view.tr("{v} efter {t}", "{v} after {t}", v=BACK.text(row["back"].iloc[0], view.lang),
                             t=fmt.years(t, view.lang)))
    entered = COUNT.text(start["entered"], view.lang)
    if not shown:
        return view.tr("Af de {n} børn, der kom i specialtilbud, kan tilbagevenden efter et år ikke vises: for få er "
                       "fulgt så længe, eller de, der er kommet tilbage, er en lille gruppe.",
                       "Of the {n} children who entered special provision, return after a year cannot be shown: too "
                       "few were followed that long, or those back are a small group.", n=entered)
    text = view.tr("Af de {n} børn, der kom i specialtilbud, var {p} tilbage i en almenklasse.",
                   "Of the {n} children who entered special provision, the share back in an ordinary class was {p}.",
                   n=entered, p=fmt.listing(shown, view.lang))
    if len(shown) < 3:
        text += view.tr(" Længere tid kan ikke opgøres: for få børn fulgt.",
                        " Longer times cannot be told: too few followed.")
    return text


def return_by_form(by_form: pd.DataFrame, view: View) -> str:
    shown = by_form[~by_form["suppressed"]]
    if shown.empty:
        return view.tr("Tiden i specialtilbud pr. tilbudsform kan ikke vises: for få børn.",
                       "Time in special provision per form cannot be shown: too few children.")
    reached = shown[shown["median"].notna()]
    if reached.empty and not (shown["followed"] > 0).any():
        return view.tr("Tiden i specialtilbud pr. tilbudsform kan ikke vises: for få børn er fulgt et helt år, eller "
                       "de, der er kommet tilbage, er en lille gruppe.",
                       "Time in special provision per form cannot be shown: too few children were followed a whole "
                       "year, or those back are a small group.")
    if reached.empty:
        return view.tr("Under halvdelen kommer tilbage i almenklasse inden for {f}, uanset tilbudsform: mediantiden i specialtilbud er længere end opfølgningen.",
                       "Fewer than half return to an ordinary class within {f} in every form: the median time in special provision is longer than the follow-up.",
                       f=fmt.years(shown["followed"].max(), view.lang))
    best = reached.loc[reached["median"].idxmin()]
    name = form_name(best["entry_form"], view)
    return view.tr("Kortest mediantid i specialtilbud har {f}: halvdelen er tilbage i almenklasse efter {m}.",
                   "The shortest median time in special provision is in {f}: half are back in an ordinary class after {m}.",
                   f=name.lower() if view.lang == "da" else name, m=fmt.years(best["median"], view.lang))


# --- 4. school start ----------------------------------------------------------------------------
def school_start(start: pd.DataFrame, view: View) -> str:
    if start.empty:
        return view.tr("Ingen elever i 0. klasse i udsnittet.", "No pupils in grade 0 in this selection.")
    last = start.sort_values("school_year").iloc[-1]
    year = fmt.school_year(last["school_year"])
    if last["suppressed"]:
        return view.tr("Skolestarten i {y} vises ikke: for få børn (under {k}).",
                       "School start in {y} is not shown: too few children (under {k}).", y=year, k=view.min_n)
    text = view.tr("I {y} startede {p} af børnene i 0. klasse i et specialtilbud ({s} af {n}).",
                   "In {y}, {p} of children started grade 0 in special provision ({s} of {n}).", y=year,
                   p=SHARE.text(last["share"], view.lang), s=COUNT.text(last["special"], view.lang),
                   n=COUNT.text(last["n"], view.lang))
    if last["special"] > 0 and pd.isna(last["from_dagtilbud"]):
        text += view.tr(" Hvor mange af dem der kom direkte fra et almindeligt dagtilbud, vises ikke (færre end {k}).",
                        " How many of them came directly from an ordinary day-care is not shown (fewer than {k}).", k=view.min_n)
    elif last["special"] > 0:
        text += view.tr(" {d} af dem kom direkte fra et almindeligt dagtilbud.",
                        " {d} of them came directly from an ordinary day-care.",
                        d=COUNT.text(last["from_dagtilbud"], view.lang))
    return text


# --- 5. which schools send ----------------------------------------------------------------------
def funnel(f: Funnel, years: list[int], view: View) -> str:
    """years: the transition years (queries.overgange.transition_years) the funnel pools."""
    above, below, total = headlines.outside(f.points)
    if not total or f.centre != f.centre:
        return view.tr("Skolerne kan ikke sammenlignes her: for få elever eller overgange.",
                       "Schools cannot be compared here: too few pupils or transitions.")
    span = f"{fmt.school_year(min(years) - 1)}-{fmt.school_year(max(years))}" if years else ""
    if total == 1:
        one = headlines.one_against_centre(f, "rate", SHARE, view, ("den samlede andel", "the overall share"))
        if one:
            return f"{span}: {one}"
        return view.tr("{y}: kun én skole vises, så der er intet at sammenligne med ud over den samlede andel {c}.",
                       "{y}: only one school is shown, so there is nothing to compare beyond the overall share {c}.",
                       y=span, c=SHARE.text(f.centre, view.lang))
    return view.tr("{y}: {a} af {t} skoler sender flere elever i specialtilbud, end tilfældigheder forklarer, og {b} sender færre (samlet {c}).",
                   "{y}: {a} of {t} schools send more pupils to special provision than chance explains, and {b} send fewer (overall {c}).",
                   y=span, a=above, t=total, b=below, c=SHARE.text(f.centre, view.lang))


def funnel_outliers(f: Funnel, view: View) -> str | None:
    """The schools that send more or fewer than chance explains, named under the funnel (None when
    there is no funnel)."""
    if headlines.outside(f.points)[2] == 0 or f.centre != f.centre:
        return None
    return headlines.funnel_outliers(f.points, "rate", SHARE, view)
