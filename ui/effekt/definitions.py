"""Effekt's definitions, one click away from the chart each explains (Danish, English); {k} is the
suppression threshold in force. Every definition ends with who counts (POPULATION)."""
from __future__ import annotations

import pandas as pd

from ui.effekt.headlines import cutoff_rule
from ui.measures import POINTS, RELIABILITY
from ui.section import Definition
from ui.view import View


POPULATION = Definition(
    "**Hvem tæller med.** Enheden er et *forløb* (et barns deltagelse i en indsats). Et forløb hører til det "
    "skoleår, det startede i (skoleåret starter 1. august). Organisationsfiltre og adgang gælder indsatsens "
    "institution, når indsatsen drives af én institution (fx en mellemform), og ellers den institution, barnet gik "
    "i på tælledagen det skoleår; klassetrin og tilbudsform kommer derfra, køn fra barnet. Måleinstrumentet er "
    "indsatsens primære måleinstrument; GAS viser indsatser med GAS-scorede mål. Før- og eftermålingen er gennemsnittet "
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
    "En **deltagelse** (i fagsproget et *forløb*) er ét barns tid i én indsats; et barn kan have flere. "
    "**Startet** = deltagelser i udsnittet. **Målt før/efter** = forløb med en før- hhv. eftermåling (GAS: mål sat / "
    "mål scoret). Alle forløb uden eftermåling vises: **stadig i gang** (ingen slutdato) og **frafald** "
    "(afsluttet uden eftermåling). Frafald i % = frafald / afsluttede forløb. Børn, der falder fra, har ofte haft "
    "det sværest; et stort frafald kan derfor få før/efter-ændringen til at se bedre ud, end den er for alle børn i "
    "indsatsen (se udgangspunkt og frafald nedenfor). Målt efter, stadig i gang "
    "og frafald giver tilsammen antallet startet: er et af dem under {k}, vises det ikke, og heller ikke det mindste "
    "af de to andre, så det ikke kan regnes ud (»ikke vist«). Andre antal under {k} vises som »færre end {k}«.",
    "A **participation** (in Danish practice a *forløb*) is one child's time in one intervention; a child can have "
    "several. **Started** = participations in the selection. **Measured before/after** = forløb with a before or after score (GAS: "
    "goals set / goals scored). Every forløb without an after score is shown: **still running** (no end date) and "
    "**attrition** (ended without an after score). Attrition % = attrition / ended forløb. Children who drop out "
    "have often struggled most, so high attrition can make the before/after change look better than it is for all "
    "children in the intervention (see starting point and attrition below). Measured after, still "
    "running and attrition add up to the number started: if one of them is under {k}, it is not shown, nor is the "
    "smaller of the other two, so it cannot be worked out (\"not shown\"). Other numbers under {k} are shown as "
    "\"fewer than {k}\".",
) + POPULATION
CHANGE_LIMITS = Definition(
    "Før/efter-ændringen er ikke indsatsens effekt: der er ingen sammenligningsgruppe, børn der kommer i en indsats, "
    "fordi de scorer dårligt, scorer ofte bedre næste gang uanset indsatsen (regression mod middelværdien), og kun "
    "børn målt både før og efter indgår.",
    "The before/after change is not the intervention's effect: there is no comparison group, children who enter an "
    "intervention because they score badly often score better next time regardless of it (regression to the mean), "
    "and only children measured both before and after are included.",
)
CHANGE = Definition(
    "Kun forløb med både før- og eftermåling. **Ændring** = efter minus før i instrumentets point med et 95 %-"
    "konfidensinterval (parret t-interval). **Standardiseret før/efter-ændring** = den gennemsnitlige ændring delt "
    "med gennemsnittet af før- og efter-spredningen, d_av = (gennemsnit efter − gennemsnit før) / ((SD før + SD "
    "efter)/2) (Lakens 2013, ligning 10), ganget med småstikprøvekorrektionen J = 1 − 3/(4(n − 1) − 1) (Hedges & "
    "Olkin 1985): Hedges' g_av for parrede målinger. 95 %-KI: g ± 1,96·J·√((1/n + d_av²/(2n))·2(1 − r)), hvor r er "
    "korrelationen mellem før og efter (Borenstein m.fl. 2009, ligning 4.28). Standardiseres i stedet med "
    "spredningen af børnenes egne ændringer, d_z = gennemsnitlig ændring / SD(ændringer), bliver tallet et andet: "
    "ved ens spredninger før og efter er d_z = d_av / √(2(1 − r)), altså større end d_av, når r er over 0,5, og "
    "mindre, når r er under. Retningen er vendt, så **positiv altid er bedre**: lavere SDQ er bedre, højere ORS og "
    "Signs of Safety-skalering er bedre.\n\n"
    "**Hvad tallet ikke viser.** Det er en ændring, ikke indsatsens effekt. (1) Der er ingen sammenligningsgruppe, så "
    "ændringen rummer også det, der ville være sket uden indsatsen (udvikling, tid, andre tilbud). (2) Børn kommer "
    "ofte i en indsats, fordi de scorer dårligt, og en gruppe udvalgt på en dårlig måling scorer i gennemsnit bedre "
    "næste gang alene på grund af tilfældige udsving og måleusikkerhed (regression mod middelværdien) — se, hvor "
    "mange der startede på den kliniske side af grænsen. (3) Kun børn målt både før og efter indgår; falder børn med "
    "et dårligere udgangspunkt fra, ser ændringen bedre ud, end den er for alle børn i indsatsen — se "
    "sammenligningen af dem der faldt fra og dem der gennemførte. Tallet kan derfor ikke sammenlignes med tal fra "
    "undersøgelser med en kontrolgruppe.",
    "Only forløb measured before and after. **Change** = after minus before in the instrument's points with a 95% "
    "confidence interval (paired t). **Standardised before/after change** = the mean change divided by the average "
    "of the before and after SDs, d_av = (mean after − mean before) / ((SD before + SD after)/2) (Lakens 2013, "
    "equation 10), times the small-sample correction J = 1 − 3/(4(n − 1) − 1) (Hedges & Olkin 1985): Hedges' g_av "
    "for paired measurements. 95% CI: g ± 1.96·J·√((1/n + d_av²/(2n))·2(1 − r)), where r is the correlation of "
    "before and after (Borenstein et al. 2009, equation 4.28). Standardising by the SD of the children's own "
    "changes instead, d_z = mean change / SD(changes), gives a different number: with equal SDs before and after, "
    "d_z = d_av / √(2(1 − r)), larger than d_av when r is above 0.5 and smaller when it is below. The sign is turned "
    "so that **positive is always better**: lower SDQ is better, higher ORS and Signs of Safety scaling are "
    "better.\n\n"
    "**What the figure does not show.** It is a change, not the intervention's effect. (1) There is no comparison "
    "group, so the change includes what would have happened without the intervention (development, time, other "
    "support). (2) Children often enter an intervention because they score badly, and a group chosen on a bad "
    "score scores better on average next time through chance variation and measurement error alone (regression to "
    "the mean) — see how many started on the clinical side of the cut-off. (3) Only children measured before and "
    "after are included; if children with a worse starting point drop out, the change looks better than it is for "
    "all children in the intervention — see the comparison of those who dropped out and those who completed. The "
    "figure therefore cannot be compared with figures from studies with a control group.",
) + POPULATION
_BASELINE = Definition(
    "**Startede på den kliniske side** = forløb, hvis førmåling lå på den kliniske side af instrumentets grænse "
    "({rule}; {note}), ud af alle forløb med en førmåling — også dem, der siden faldt fra eller stadig er i gang. "
    "95 %-KI efter Wilson. Børn kommer ofte i en indsats, netop fordi de scorer dårligt. En gruppe, der er udvalgt på "
    "en dårlig måling, scorer i gennemsnit bedre ved næste måling også uden nogen indsats, fordi en del af den dårlige "
    "score var tilfældigt udsving og måleusikkerhed (regression mod middelværdien). Jo større andelen er, jo større en "
    "del af en gennemsnitlig forbedring kan skyldes det; uden en sammenligningsgruppe kan den del ikke skilles fra "
    "indsatsens. Er antallet på en af siderne under {k}, vises andelen ikke.",
    "**Started on the clinical side** = forløb whose before score was on the clinical side of the instrument's "
    "cut-off ({rule}; {note}), of all forløb with a before score — including those who later dropped out or are "
    "still running. 95% CI after Wilson. Children often enter an intervention precisely because they score badly. A "
    "group chosen on a bad score scores better on average at the next measurement even without any intervention, "
    "because part of the bad score was chance variation and measurement error (regression to the mean). The larger "
    "the share, the larger the part of an average improvement that can be due to this; without a comparison group "
    "that part cannot be told apart from the intervention's. If the number on either side is under {k}, the share "
    "is not shown.",
)
_BASELINE_NO_CUTOFF = Definition(
    "Instrumentet har ingen klinisk grænse, så andelen, der startede på den kliniske side, kan ikke vises. Regression "
    "mod middelværdien kan stadig gøre en del af en gennemsnitlig forbedring: børn kommer ofte i en indsats, fordi de "
    "scorer dårligt, og scorer så i gennemsnit bedre næste gang også uden indsatsen.",
    "The instrument has no clinical cut-off, so the share who started on the clinical side cannot be shown. "
    "Regression to the mean can still make up part of an average improvement: children often enter an intervention "
    "because they score badly, and then score better on average next time even without it.",
)
ATTRITION = Definition(
    "**Gennemførte** = forløb målt både før og efter. **Faldt fra** = forløb med en førmåling, der er afsluttet uden "
    "eftermåling. Prikken er forskellen i gennemsnitlig førmåling, faldt fra minus gennemførte, i instrumentets "
    "point med et 95 %-KI efter Welch (grupperne må have forskellig spredning); tabellen viser hver gruppes "
    "gennemsnit med 95 %-KI (t-fordeling). Forskellen kaldes større end tilfældig variation, når p < 0,05 (intervallet "
    "rummer ikke 0). Startede de, der faldt fra, med et dårligere udgangspunkt, er frafaldet skævt, og "
    "før/efter-ændringen, der kun bygger på dem der gennemførte, siger mindre om alle børn i indsatsen. Forløb, der "
    "stadig er i gang, indgår ikke. Grupper med færre end {k} forløb vises ikke, og de frafaldnes udgangspunkt heller "
    "ikke, når antallet der faldt fra er skjult.",
    "**Completed** = forløb measured before and after. **Dropped out** = forløb with a before score that ended "
    "without an after score. The dot is the difference in mean before score, dropped out minus completed, in the "
    "instrument's points with a 95% CI after Welch (the groups may differ in spread); the table shows each group's "
    "mean with a 95% CI (t distribution). The difference is called larger than chance variation at p < 0.05 (the "
    "interval does not contain 0). If those who dropped out started from a worse point, attrition is selective, and "
    "the before/after change, which rests on those who completed only, says less about all children in the "
    "intervention. Forløb still running are not included. Groups of fewer than {k} forløb are not shown, nor is the "
    "dropouts' starting point when the number who dropped out is hidden.",
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
    "Et mål vurderes på én af to skalaer, som vises hver for sig og aldrig lægges sammen. **GAS** (Goal Attainment "
    "Scaling, Kiresuk & Sherman 1968; niveauerne som hos Turner-Stokes 2009): hvert mål scores ved forløbets "
    "afslutning som +2 *meget mere end forventet*, +1 *noget mere end forventet*, 0 *forventet niveau*, −1 *noget "
    "mindre end forventet* — typisk udgangsniveauet, hvor barnet stod, da målet blev sat — eller −2 *meget mindre end "
    "forventet*. En score på −1 betyder altså typisk, at barnet står, hvor det startede, ikke at målet er »delvist "
    "opnået«. **Forventet niveau eller bedre** = 0, +1 eller +2. En GAS-score er ikke en før- og eftermåling: den "
    "siger, hvor målet endte i forhold til det forventede. **Mål uden GAS-score** er vurderet i udfaldsfeltet som "
    "*opnået*, *delvist opnået* eller *ikke opnået* og vises i deres egen figur. Andelene er af de vurderede mål på "
    "skalaen. Er antallet af mål på et niveau, eller resten, under {k}, vises andelen ikke; grupper med færre end {k} "
    "børn vises ikke.",
    "A goal is rated on one of two scales, shown apart and never added together. **GAS** (Goal Attainment Scaling, "
    "Kiresuk & Sherman 1968; the levels as in Turner-Stokes 2009): each goal is scored at the end of the forløb as "
    "+2 *much more than expected*, +1 *somewhat more than expected*, 0 *expected level*, −1 *somewhat less than "
    "expected* — usually the baseline, where the child stood when the goal was set — or −2 *much less than "
    "expected*. A score of −1 thus usually means the child is where it started, not that the goal was \"partly "
    "achieved\". **Expected level or better** = 0, +1 or +2. A GAS score is not a before and after measurement: it "
    "says where the goal ended relative to what was expected. **Goals without a GAS score** are rated in the "
    "outcome field as *achieved*, *partly achieved* or *not achieved* and are shown in their own chart. Shares are "
    "of the rated goals on the scale. If the goals at a level, or the rest, are fewer than {k}, the share is not "
    "shown; groups of fewer than {k} children are not shown.",
) + POPULATION
GAS_T = Definition(
    "**GAS T-score** (Kiresuk & Sherman 1968): T = 50 + 10·Σwx / √(0,7·Σw² + 0,3·(Σw)²) pr. forløb (ρ = 0,3), hvor x "
    "er målets GAS-score (−2 til +2) og w dets vægt; gennemsnit med 95 %-KI. **T = 50 betyder forventet niveau (0) "
    "i gennemsnit**; over 50 er over forventet niveau, under 50 under. Står alle mål stadig på det typiske "
    "udgangsniveau (−1, noget mindre end forventet), er T under 50 (40 med ét mål). Hvert barns mål er sat "
    "individuelt, så T sammenligner målopfyldelse, ikke børnenes udgangspunkt, og den er ikke en før/efter-måling. "
    "Grupper med færre end {k} børn med GAS-scorede mål vises ikke.",
    "**GAS T-score** (Kiresuk & Sherman 1968): T = 50 + 10·Σwx / √(0.7·Σw² + 0.3·(Σw)²) per forløb (ρ = 0.3), where "
    "x is the goal's GAS score (−2 to +2) and w its weight; mean with 95% CI. **T = 50 means the expected level (0) "
    "on average**; above 50 is above the expected level, below 50 below. If every goal is still at the usual "
    "baseline (−1, somewhat less than expected), T is below 50 (40 with one goal). Each child's goals are set "
    "individually, so T compares goal attainment, not the children's starting points, and it is not a before/after "
    "measurement. Groups of fewer than {k} children with GAS-scored goals are not shown.",
) + POPULATION
COHORTS = Definition(
    "Forløbene grupperet efter det skoleår, de startede i (kohorte). Linjen er den gennemsnitlige forbedring i point "
    "(GAS: T-score) med 95 %-KI; grå er alle indsatser med samme måleinstrument. Overskriften sammenligner første og "
    "sidste viste kohorte med Welchs t-test. Nyere kohorter har færre afsluttede forløb. Årgange med færre end {k} "
    "børn vises ikke.",
    "Forløb grouped by the school year they started (cohort). The line is the mean improvement in points (GAS: "
    "T-score) with a 95% CI; grey is all interventions with the same instrument. The headline compares the first "
    "and last cohort shown with Welch's t test. Recent cohorts have fewer finished forløb. Years with fewer than "
    "{k} children are not shown.",
) + POPULATION
COMPARE = Definition(
    "Den gennemsnitlige forbedring i point (GAS: T-score) i to grupper med 95 %-KI. **Kommunens gennemsnit** er alle "
    "øvrige forløb med samme måleinstrument i udsnittet (uden den valgte indsats, så grupperne er uafhængige). Forskellen "
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


def baseline(instruments: pd.DataFrame, code: str, view: View) -> str:
    """The definition of the share who started on the clinical side, with the instrument's cut-off filled in.
    instruments: queries.effekt.instruments."""
    ins = instruments[instruments["code"] == code].iloc[0]
    if pd.isna(ins["cutoff"]):
        return (_BASELINE_NO_CUTOFF + POPULATION).text(view)
    return (_BASELINE + POPULATION).text(view, rule=cutoff_rule(ins, view), note=ins["cutoff_note"] or "")
