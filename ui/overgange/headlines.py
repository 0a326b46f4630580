"""Headline sentences and definitions for the Overgange page (Danish first, English second). The
headlines read the query frames; they never compute statistics."""
from __future__ import annotations

import pandas as pd

from ui import fmt
from ui.i18n import tr
from ui.overgange_charts import form_name, split_names


def _year(y) -> str:
    return fmt.school_year(int(y))


def _count(value, suppressed: bool, lang: str, k: int) -> str:
    return tr(lang, "færre end {k}", "fewer than {k}", k=k) if suppressed else fmt.integer(value, lang)


# --- headlines -------------------------------------------------------------------------------
def inklusion(df: pd.DataFrame, lang: str, k: int) -> str:
    """'Inklusionsgraden er 76,6 % i 2025/26 (n=77): 23,4 % går i et specialtilbud. Landstallet er 94,4 %.'"""
    if df.empty:
        return tr(lang, "Ingen elever i udsnittet.", "No pupils in this selection.")
    last = df.sort_values("school_year").iloc[-1]
    year = _year(last["school_year"])
    if last["suppressed"]:
        return tr(lang, "Inklusionsgraden i {y} vises ikke: for få elever i udsnittet (under {k}).",
                  "The inclusion rate in {y} is not shown: too few pupils in this selection (under {k}).", y=year, k=k)
    text = tr(lang, "Inklusionsgraden er {v} i {y} (n={n}): {s} af eleverne går i et specialtilbud.",
              "The inclusion rate is {v} in {y} (n={n}): {s} of pupils are in special provision.",
              v=fmt.pct(last["inklusionsgrad"], 1, lang), y=year, n=fmt.integer(last["n"], lang),
              s=fmt.pct(last["segregeringsgrad"], 1, lang))
    if pd.notna(last.get("landstal")):
        text += tr(lang, " Landstallet er {l}.", " The national figure is {l}.", l=fmt.pct(last["landstal"], 1, lang))
    return text


def split(df: pd.DataFrame, dim: str, year: int, lang: str) -> str:
    names = split_names(df, dim, lang)
    shown = [(nm, r) for nm, r in zip(names, df.itertuples()) if not r.suppressed and r.key == r.key and r.key is not None]
    if len(shown) < 2:
        return tr(lang, "For få grupper med nok elever til en sammenligning i {y}.",
                  "Too few groups with enough pupils to compare in {y}.", y=_year(year))
    lo = min(shown, key=lambda p: p[1].inklusionsgrad)
    hi = max(shown, key=lambda p: p[1].inklusionsgrad)
    return tr(lang, "I {y} er inklusionsgraden lavest for {lo} ({lv}) og højest for {hi} ({hv}).",
              "In {y} the inclusion rate is lowest for {lo} ({lv}) and highest for {hi} ({hv}).", y=_year(year),
              lo=lo[0], lv=fmt.pct(lo[1].inklusionsgrad, 1, lang), hi=hi[0], hv=fmt.pct(hi[1].inklusionsgrad, 1, lang))


def no_school(df: pd.DataFrame, dim: str, lang: str, k: int) -> str:
    """Caption for the pupils without an ordinary school (left out of the split chart)."""
    if dim not in ("institution", "distrikt"):
        return ""
    rows = df[df["key"].isna()]
    if rows.empty:
        return ""
    r = rows.iloc[0]
    return tr(lang, "Ikke med i figuren: {n} elever i specialtilbud uden en almenskole i kommunen (startede i specialtilbud eller flyttede til).",
              "Not in the chart: {n} pupils in special provision without an ordinary school in the municipality (started school in special provision or moved in).",
              n=_count(r["n"], bool(r["suppressed"]), lang, k))


def flows(ta: pd.DataFrame, year: int, lang: str, k: int) -> str:
    """Tilgang and afgang of the chosen pair of years, from queries.overgange.tilgang_afgang."""
    rows = ta[ta["school_year"] == year].set_index("measure")
    if rows.empty:
        return tr(lang, "Ingen elever at følge fra {p} til {y}.", "No pupils to follow from {p} to {y}.",
                  p=_year(year - 1), y=_year(year))
    t, a = rows.loc["tilgang"], rows.loc["afgang"]
    return tr(lang, "Fra {p} til {y} gik {t} elever fra almenklasse til et specialtilbud, og {a} kom tilbage.",
              "From {p} to {y}, {t} pupils moved from an ordinary class to special provision, and {a} came back.",
              p=_year(year - 1), y=_year(year), t=_count(t["count"], t["suppressed"], lang, k),
              a=_count(a["count"], a["suppressed"], lang, k))


def tilgang_afgang(df: pd.DataFrame, lang: str, k: int) -> str:
    if df.empty:
        return tr(lang, "Ingen overgange i udsnittet.", "No transitions in this selection.")
    year = int(df["school_year"].max())
    rows = df[df["school_year"] == year].set_index("measure")
    parts = []
    for m, da, en in (("tilgang", "tilgangen", "entries"), ("afgang", "afgangen", "returns")):
        r = rows.loc[m]
        if r["suppressed"]:
            parts.append(tr(lang, "{w} vises ikke (n<{k})", "{w} are not shown (n<{k})", w=da if lang == "da" else en, k=k))
        else:
            parts.append(tr(lang, "{w} {v} ({c} af {n})", "{w} {v} ({c} of {n})", w=da if lang == "da" else en,
                            v=fmt.pct(r["rate"], 1, lang), c=fmt.integer(r["count"], lang), n=fmt.integer(r["n"], lang)))
    return tr(lang, "I {y} var {a}, og {b}.", "In {y}, {a}, and {b}.", y=_year(year), a=parts[0], b=parts[1])


def return_curve(km: pd.DataFrame, lang: str, k: int) -> str:
    """'Af de 10 børn, der kom i specialtilbud, var 10 % tilbage i en almenklasse efter 1 år; ...'"""
    if km.empty:
        return tr(lang, "Ingen børn kom i specialtilbud i udsnittet.", "No children entered special provision in this selection.")
    entered = int(km["entered"].iloc[0])
    if entered < k:
        return tr(lang, "Tilbagevenden vises ikke: færre end {k} børn kom i specialtilbud.",
                  "Return is not shown: fewer than {k} children entered special provision.", k=k)
    shown = []
    for t in (1, 2, 3):
        row = km[km["time"] == t]
        if row.empty or bool(row["suppressed"].iloc[0]):
            break
        shown.append(tr(lang, "{v} efter {t} år", "{v} after {t} years", v=fmt.pct(row["back"].iloc[0], 0, lang), t=t))
    if not shown:
        return tr(lang, "Af de {n} børn, der kom i specialtilbud, er for få fulgt et helt år til at opgøre tilbagevenden.",
                  "Of the {n} children who entered special provision, too few were followed a whole year to tell.",
                  n=fmt.integer(entered, lang))
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + tr(lang, " og ", " and ") + shown[-1]
    text = tr(lang, "Af de {n} børn, der kom i specialtilbud, var {p} tilbage i en almenklasse.",
              "Of the {n} children who entered special provision, {p} were back in an ordinary class.",
              n=fmt.integer(entered, lang), p=listed)
    if len(shown) < 3:
        text += tr(lang, " Længere tid kan ikke opgøres: for få børn fulgt.", " Longer times cannot be told: too few followed.")
    return text


def return_by_form(df: pd.DataFrame, lang: str) -> str:
    shown = df[~df["suppressed"]]
    if shown.empty:
        return tr(lang, "Tiden i specialtilbud pr. tilbudsform kan ikke vises: for få børn.",
                  "Time in special provision per form cannot be shown: too few children.")
    reached = shown[shown["median"].notna()]
    if reached.empty:
        longest = int(shown["followed"].max())
        return tr(lang, "Under halvdelen kommer tilbage i almenklasse inden for {f} år, uanset tilbudsform: mediantiden i specialtilbud er længere end opfølgningen.",
                  "Fewer than half return to an ordinary class within {f} years in every form: the median time in special provision is longer than the follow-up.",
                  f=longest)
    best = reached.loc[reached["median"].idxmin()]
    return tr(lang, "Kortest mediantid i specialtilbud har {f}: halvdelen er tilbage i almenklasse efter {m} år.",
              "The shortest median time in special provision is in {f}: half are back in an ordinary class after {m} years.",
              f=form_name(best["entry_form"], lang).lower() if lang == "da" else form_name(best["entry_form"], lang),
              m=fmt.integer(best["median"], lang))


def school_start(df: pd.DataFrame, lang: str, k: int) -> str:
    if df.empty:
        return tr(lang, "Ingen elever i 0. klasse i udsnittet.", "No pupils in grade 0 in this selection.")
    last = df.sort_values("school_year").iloc[-1]
    year = _year(last["school_year"])
    if last["suppressed"]:
        return tr(lang, "Skolestarten i {y} vises ikke: for få børn (under {k}).",
                  "School start in {y} is not shown: too few children (under {k}).", y=year, k=k)
    text = tr(lang, "I {y} startede {p} af børnene i 0. klasse i et specialtilbud ({s} af {n}).",
              "In {y}, {p} of children started grade 0 in special provision ({s} of {n}).", y=year,
              p=fmt.pct(last["share"], 1, lang), s=fmt.integer(last["special"], lang), n=fmt.integer(last["n"], lang))
    if last["special"] > 0 and pd.isna(last["from_dagtilbud"]):
        text += tr(lang, " Hvor mange af dem der kom direkte fra et almindeligt dagtilbud, vises ikke (n<{k}).",
                   " How many of them came directly from an ordinary day-care is not shown (n<{k}).", k=k)
    elif last["special"] > 0:
        text += tr(lang, " {d} af dem kom direkte fra et almindeligt dagtilbud.",
                   " {d} of them came directly from an ordinary day-care.", d=fmt.integer(last["from_dagtilbud"], lang))
    return text


def funnel(points: pd.DataFrame, centre: float, years: str, lang: str) -> str:
    shown = points[~points["suppressed"]]
    if shown.empty or centre != centre:
        return tr(lang, "Skolerne kan ikke sammenlignes her: for få elever eller overgange.",
                  "Schools cannot be compared here: too few pupils or transitions.")
    above = int(shown["position"].isin(["above_95", "above_998"]).sum())
    below = int(shown["position"].isin(["below_95", "below_998"]).sum())
    return tr(lang, "{y}: {a} af {t} skoler sender flere elever i specialtilbud, end tilfældigheder forklarer, og {b} sender færre (samlet {c}).",
              "{y}: {a} of {t} schools send more pupils to special provision than chance explains, and {b} send fewer (overall {c}).",
              y=years, a=above, t=len(shown), b=below, c=fmt.pct(centre, 1, lang))


# --- definitions -----------------------------------------------------------------------------
_COMMON = (
    "**Elever** er børn i en skole på tælledagen ({d}) i skoleåret. **Specialtilbud** er mellemform, specialklasse, "
    "specialskole og dagbehandling; mellemform regnes her som specialtilbud. **Diskretionering:** tal fra færre end "
    "{k} børn vises som »ikke vist (n<{k})« — det gælder også antal børn i et specialtilbud eller i en overgang, og "
    "står kun ét tal skjult i en sum, skjules også det næstmindste.",
    "**Pupils** are children at a school on the count date ({d}) of the school year. **Special provision** is "
    "mellemform, special class, special school and day treatment; mellemform counts as special provision here. "
    "**Suppression:** figures from fewer than {k} children are shown as \"not shown (n<{k})\" — also counts of "
    "children in special provision or in a transition; if only one figure of a sum is hidden, the next smallest is too.",
)
INKLUSION = (
    "**Inklusionsgrad** = andelen af eleverne, der undervises i en almenklasse på tælledagen; "
    "**segregeringsgrad** = 1 − inklusionsgrad. n er antal elever. Båndet er et 95 %-konfidensinterval (Wilson). "
    "**Landstal** er den nationale inklusionsgrad samme skoleår. Filteret *tilbudsform* bruges ikke her, fordi målet "
    "netop er fordelingen på tilbudsformer.\n\n" + _COMMON[0],
    "**Inclusion rate** = share of pupils taught in an ordinary class on the count date; **segregation rate** = 1 − "
    "inclusion rate. n is the number of pupils. The band is a 95% confidence interval (Wilson). **National** is the "
    "national inclusion rate of the same year. The *provision* filter is not used here, as the measure is the "
    "distribution over forms.\n\n" + _COMMON[1],
)
SPLIT = (
    "Inklusionsgraden i det valgte skoleår pr. gruppe med 95 %-konfidensinterval. En elev i specialtilbud tælles "
    "med ved den almenskole (og det distrikt), eleven sidst gik i i kommunen — så en skoles tal også rummer de "
    "elever, den har sendt i specialtilbud. »Ingen almenskole« er elever, der startede i specialtilbud eller flyttede "
    "til kommunen direkte i et specialtilbud.\n\n" + _COMMON[0],
    "The inclusion rate in the chosen year per group with a 95% confidence interval. A pupil in special provision "
    "counts at the ordinary school (and district) it last attended in the municipality, so a school's figure includes "
    "the pupils it sent to special provision. \"No ordinary school\": pupils who started school in special provision "
    "or moved in directly into special provision.\n\n" + _COMMON[1],
)
FLOWS = (
    "**Strømme**: hvor eleverne i 1.-9. klasse i år var på tælledagen sidste år, og hvor sidste års elever er i år. "
    "»Ind i kommunen« er elever, der ikke gik i skole i kommunen sidste år (tilflyttere, eller et år uden "
    "skoleplacering); »ud af kommunen« er sidste års elever, der ikke går i skole i kommunen i år. Klassetrin "
    "beregnes ud fra fødselsåret. Strømme med færre end {k} børn tegnes ikke og står under figuren.\n\n"
    "**Tilgang** (som i FLIS) = elever i almenklasse sidste år, der i år er i et specialtilbud, i procent af sidste "
    "års elever i almenklasse. **Afgang** = elever i specialtilbud sidste år, der i år er i almenklasse, i procent af "
    "sidste års elever i specialtilbud. 95 %-konfidensintervaller (Wilson).\n\n" + _COMMON[0],
    "**Flows**: where this year's pupils in grades 1-9 were on last year's count date, and where last year's pupils "
    "are now. \"Into the municipality\": not at school in the municipality last year (moved in, or a year without a "
    "school placement); \"out of the municipality\": last year's pupils not at school in the municipality this year. "
    "Grades come from the birth year. Flows from fewer than {k} children are not drawn and are listed below.\n\n"
    "**Entries** (tilgang, as in FLIS) = pupils in an ordinary class last year who are in special provision this "
    "year, as a share of last year's ordinary pupils. **Returns** (afgang) = pupils in special provision last year who "
    "are in an ordinary class this year, as a share of last year's pupils in special provision. 95% Wilson "
    "intervals.\n\n" + _COMMON[1],
)
RETURN = (
    "**Tilbagevenden** følger de børn, der kom i specialtilbud (tilgang) i de valgte skoleår, fra tælledag til "
    "tælledag, til de igen er i en almenklasse. Kaplan-Meier-estimatet tager højde for dem, der ikke kan følges "
    "hele vejen (*censurering*): de flytter fra kommunen, har et år uden skoleplacering, er stadig i specialtilbud "
    "ved seneste tælledag eller er gået ud af 9. klasse. Båndet er et 95 %-konfidensinterval (log(−log), Greenwood). "
    "n under hvert år er antal børn, der stadig blev fulgt; punkter med færre end {k} fulgt vises ikke.\n\n"
    "**Mediantid** pr. tilbudsform (den form barnet startede i) er det antal år, hvorefter halvdelen er tilbage i "
    "almenklasse; »over X år« betyder, at under halvdelen er kommet tilbage inden for opfølgningen.\n\n" + _COMMON[0],
    "**Return** follows the children who entered special provision (entries) in the chosen years, from count date to "
    "count date, until they are in an ordinary class again. The Kaplan-Meier estimate allows for children who cannot "
    "be followed all the way (*censoring*): they leave the municipality, have a year without a school placement, are "
    "still in special provision on the latest count date, or have finished grade 9. The band is a 95% confidence "
    "interval (log(−log), Greenwood). n under each year is the number still followed; points with fewer than {k} "
    "followed are not shown.\n\n**Median time** per form (the form entered) is the number of years after which half "
    "are back in an ordinary class; \"over X years\" means fewer than half came back within the follow-up.\n\n"
    + _COMMON[1],
)
START = (
    "**Skolestart i specialtilbud** = andelen af eleverne i 0. klasse på tælledagen, der går i et specialtilbud, med "
    "95 %-konfidensinterval (Wilson). »Direkte fra et almindeligt dagtilbud« = barnet var i et almindeligt dagtilbud "
    "(ikke et specialdagtilbud) på tælledagen året før.\n\n" + _COMMON[0],
    "**School start in special provision** = share of grade-0 pupils on the count date who are in special provision, "
    "with a 95% Wilson interval. \"Directly from an ordinary day-care\" = the child was in an ordinary day-care (not "
    "a special day-care) on the count date a year before.\n\n" + _COMMON[1],
)
FUNNEL = (
    "**Tragtdiagram** (Spiegelhalter 2005) i stedet for en rangliste: hvert punkt er en almenskole med dens andel af "
    "elever i almenklasse, der året efter var i et specialtilbud (tilgang), lagt sammen over de valgte skoleår, mod "
    "antal elevår (n). Tragten viser, hvor meget andelen kan svinge af tilfældigheder alene omkring den samlede "
    "andel: 95 %-grænser (stiplet) og 99,8 %-grænser (prikket). Kun skoler over grænserne (markeret med navn) sender "
    "flere, end tilfældet forklarer.\n\n" + _COMMON[0],
    "**Funnel plot** (Spiegelhalter 2005) instead of a ranking: each point is an ordinary school with the share of its "
    "ordinary pupils who were in special provision the following year (entries), pooled over the chosen years, "
    "against pupil-years (n). The funnel shows how far a share can vary by chance alone around the overall share: 95% "
    "(dashed) and 99.8% (dotted) limits. Only schools above the limits (labelled) send more than chance explains.\n\n"
    + _COMMON[1],
)


def explain(definition: tuple[str, str], lang: str, k: int, count_date: tuple[int, int]) -> str:
    month, day = count_date
    d = f"{day}. {fmt.MONTHS_DA[month - 1]}" if lang == "da" else f"{day} {['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1]}"
    return tr(lang, *definition, k=k, d=d)
