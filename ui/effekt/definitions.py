"""Effekt's definitions, one click away from the chart each explains (Danish, English); {k} is the
suppression threshold in force. Every definition ends with who counts (POPULATION)."""
from __future__ import annotations

import pandas as pd

from ui.measures import POINTS, RELIABILITY
from ui.section import Definition
from ui.view import View


POPULATION = Definition(
    "**Hvem tæller med.** Enheden er et *forløb* (et barns deltagelse i en indsats). Et forløb hører til det "
    "skoleår, det startede i (skoleåret starter 1. august). Organisationsfiltre og adgang gælder indsatsens "
    "institution, når indsatsen drives af én institution (fx en mellemform), og ellers den institution, barnet gik "
    "i på tælledagen det skoleår; klassetrin og tilbudsform kommer derfra, køn fra barnet. Effektmålet er "
    "indsatsens primære effektmål; GAS viser indsatser med GAS-scorede mål. Før- og eftermålingen er gennemsnittet "
    "af forløbets målinger på tidspunktet (flere informanter lægges sammen); opfølgning indgår ikke. "
    "**Diskretionering:** grupper med færre end {k} børn vises som »ikke vist (færre end {k})«, og står kun én sådan "
    "gruppe skjult, skjules også den næstmindste. Alle tal er justeret en smule (cellenøglemetoden), så en lille gruppe ikke kan regnes ud ved at trække to visninger fra hinanden; derfor kan delene afvige lidt fra totalen.",
    "**Who counts.** The unit is a *forløb* (a child's course in an intervention), placed in the school year it "
    "started (school years start 1 August). Organisation filters and access apply to the intervention's "
    "institution when one institution runs it (e.g. a mellemform unit), otherwise to the institution the child "
    "attended on that year's count date; grade and provision come from there, gender from the child. The "
    "instrument is the intervention's primary outcome; GAS shows interventions with GAS-scored goals. Before and "
    "after are the means of the forløb's measurements at that time point (informants averaged); follow-up is not "
    "used. **Suppression:** groups of fewer than {k} children are shown as \"not shown (fewer than {k})\", and if only one "
    "group is hidden, the next smallest is hidden too. All figures are slightly adjusted (the cell-key method), so that a small group cannot be worked out by subtracting two views; parts may therefore differ a little from the total.",
)
OVERVIEW = Definition(
    "**Startet** = forløb i udsnittet. **Målt før/efter** = forløb med en før- hhv. eftermåling (GAS: mål sat / "
    "mål scoret). Alle forløb uden eftermåling vises: **stadig i gang** (ingen slutdato) og **frafald** "
    "(afsluttet uden eftermåling). Frafald i % = frafald / afsluttede forløb. Børn, der falder fra, har ofte haft "
    "det sværest; et stort frafald kan derfor få effekten til at se bedre ud, end den er. Målt efter, stadig i gang "
    "og frafald giver tilsammen antallet startet: er et af dem under {k}, vises det ikke, og heller ikke det mindste "
    "af de to andre, så det ikke kan regnes ud (»ikke vist«). Andre antal under {k} vises som »færre end {k}«.",
    "**Started** = forløb in the selection. **Measured before/after** = forløb with a before or after score (GAS: "
    "goals set / goals scored). Every forløb without an after score is shown: **still running** (no end date) and "
    "**attrition** (ended without an after score). Attrition % = attrition / ended forløb. Children who drop out "
    "have often struggled most, so high attrition can make an effect look better than it is. Measured after, still "
    "running and attrition add up to the number started: if one of them is under {k}, it is not shown, nor is the "
    "smaller of the other two, so it cannot be worked out (\"not shown\"). Other numbers under {k} are shown as "
    "\"fewer than {k}\".",
) + POPULATION
CHANGE = Definition(
    "Kun forløb med både før- og eftermåling. **Ændring** = efter minus før i instrumentets point med et 95 %-"
    "konfidensinterval (parret t-interval). **Hedges' g** (g_av, Lakens 2013) = gennemsnitlig ændring delt med "
    "gennemsnittet af før- og efter-spredningen, korrigeret for små grupper (Hedges & Olkin 1985), med 95 %-KI "
    "efter Borenstein m.fl. (2009). Retningen er vendt, så **positiv altid er bedre**: lavere SDQ er bedre, højere "
    "ORS og Signs of Safety-skalering er bedre. Tommelfingerregel: g ≈ 0,2 lille, 0,5 middel, 0,8 stor. En før-"
    "eftermåling uden kontrolgruppe viser ændring, ikke nødvendigvis effekt af indsatsen.",
    "Only forløb measured before and after. **Change** = after minus before in the instrument's points with a 95% "
    "confidence interval (paired t). **Hedges' g** (g_av, Lakens 2013) = mean change divided by the average of the "
    "before and after SDs, corrected for small samples (Hedges & Olkin 1985), with a 95% CI after Borenstein et al. "
    "(2009). The sign is turned so that **positive is always better**: lower SDQ is better, higher ORS and Signs of "
    "Safety scaling are better. Rule of thumb: g ≈ 0.2 small, 0.5 medium, 0.8 large. A before-after design "
    "without a control group shows change, not necessarily the intervention's effect.",
) + POPULATION
_RELIABLE = Definition(
    "**Pålidelig ændring** (Jacobson & Truax 1991): en ændring er større end målefejlen, når den er mindst "
    "1,96 · √2 · SD · √(1 − reliabilitet) = **{t} point** (SD {sd}, reliabilitet {r}). Mindre ændringer kaldes "
    "uændrede.",
    "**Reliable change** (Jacobson & Truax 1991): a change exceeds measurement error when it is at least "
    "1.96 · √2 · SD · √(1 − reliability) = **{t} points** (SD {sd}, reliability {r}). Smaller changes count as "
    "unchanged.",
)
_CUTOFF = Definition(
    "**Klinisk grænse** {c} ({note}): andelen, der startede på den kliniske side og endte på den gode side, ud af "
    "dem der startede på den kliniske side. Startede færre end {k} på den kliniske side, vises andelen ikke.",
    "**Clinical cut-off** {c} ({note}): the share who started on the clinical side and ended on the good side, of "
    "those who started on the clinical side. If fewer than {k} started on the clinical side, the share is not shown.",
)
_NO_CUTOFF = Definition("Instrumentet har ingen klinisk grænse.", "The instrument has no clinical cut-off.")
_SMALL = Definition("Grupper med færre end {k} børn vises ikke.", "Groups of fewer than {k} children are not shown.")
GOALS = Definition(
    "Andel af de vurderede mål, der blev **opnået**, **delvist** opnået eller **ikke** opnået. GAS-scorede mål "
    "tæller som opnået ved 0 eller mere, delvist ved −1 og ikke ved −2. Grupper med færre end {k} børn vises ikke.",
    "Share of rated goals **achieved**, **partly** achieved or **not** achieved. GAS-scored goals count as achieved "
    "at 0 or more, partly at −1 and not at −2. Groups of fewer than {k} children are not shown.",
) + POPULATION
GAS_T = Definition(
    "**GAS T-score** (Kiresuk & Sherman 1968): T = 50 + 10·Σwx / √(0,7·Σw² + 0,3·(Σw)²) pr. forløb (ρ = 0,3), "
    "gennemsnit med 95 %-KI. T = 50 betyder, at målene i gennemsnit blev nået som forventet; hvert barns mål er sat "
    "individuelt, så T sammenligner målopfyldelse, ikke børnenes udgangspunkt. Grupper med færre end {k} børn med "
    "GAS-scorede mål vises ikke.",
    "**GAS T-score** (Kiresuk & Sherman 1968): T = 50 + 10·Σwx / √(0.7·Σw² + 0.3·(Σw)²) per forløb (ρ = 0.3), "
    "mean with 95% CI. T = 50 means goals were met as expected on average; each child's goals are set "
    "individually, so T compares goal attainment, not the children's starting points. Groups of fewer than {k} "
    "children with GAS-scored goals are not shown.",
) + POPULATION
COHORTS = Definition(
    "Forløbene grupperet efter det skoleår, de startede i (kohorte). Linjen er den gennemsnitlige forbedring i point "
    "(GAS: T-score) med 95 %-KI; grå er alle indsatser med samme effektmål. Overskriften sammenligner første og "
    "sidste viste kohorte med Welchs t-test. Nyere kohorter har færre afsluttede forløb. Årgange med færre end {k} "
    "børn vises ikke.",
    "Forløb grouped by the school year they started (cohort). The line is the mean improvement in points (GAS: "
    "T-score) with a 95% CI; grey is all interventions with the same instrument. The headline compares the first "
    "and last cohort shown with Welch's t test. Recent cohorts have fewer finished forløb. Years with fewer than "
    "{k} children are not shown.",
) + POPULATION
COMPARE = Definition(
    "Den gennemsnitlige forbedring i point (GAS: T-score) i to grupper med 95 %-KI. **Kommunens gennemsnit** er alle "
    "øvrige forløb med samme effektmål i udsnittet (uden den valgte indsats, så grupperne er uafhængige). Forskellen "
    "testes med Welchs t-test; den kaldes større end den statistiske usikkerhed ved p < 0,05. Grupperne er ikke "
    "tilfældigt fordelt: forskelle kan skyldes, hvilke børn indsatserne når. Grupper med færre end {k} børn vises "
    "ikke.",
    "Mean improvement in points (GAS: T-score) in two groups with 95% CIs. **The municipality's average** is every "
    "other forløb with the same instrument in the selection (without the chosen intervention, so the groups are "
    "independent). The difference is tested with Welch's t test and called beyond statistical uncertainty at "
    "p < 0.05. Groups are not randomised: differences may reflect which children an intervention reaches. Groups "
    "of fewer than {k} children are not shown.",
) + POPULATION


def reliable(instruments: pd.DataFrame, code: str, view: View) -> str:
    """The reliable-change definition with the instrument's threshold, reliability and cut-off filled in.
    instruments: queries.effekt.instruments."""
    ins = instruments[instruments["code"] == code].iloc[0]
    has_cut = pd.notna(ins["cutoff"])
    definition = _RELIABLE + (_CUTOFF if has_cut else _NO_CUTOFF) + _SMALL + POPULATION
    return definition.text(view, t=POINTS.text(ins["rci_threshold"], view.lang),
                           sd=POINTS.text(ins["reference_sd"], view.lang),
                           r=RELIABILITY.text(ins["reliability"], view.lang),
                           c=POINTS.text(ins["cutoff"], view.lang) if has_cut else "", note=ins["cutoff_note"] or "")
