"""Trivsel's definitions, one click away from the chart each explains (Danish, English); {k} is the
suppression threshold in force."""
from ui.section import Definition

TREND = Definition(
    "**Indikatorer.** Trivselsmålingen for 4.-9. klasse har 40 spørgsmål med svar fra 1 til 5, hvor 5 er "
    "bedst. En elevs indikatorscore er gennemsnittet af elevens svar på indikatorens spørgsmål og tælles "
    "kun, når eleven har besvaret mindst halvdelen af dem (et svar uden for 1-5, fx »ved ikke«, tæller som "
    "ubesvaret). Gennemsnit og intervaller holdes inden for skalaen 1-5. Figuren viser gennemsnittet af elevernes scorer "
    "med et 95 %-konfidensinterval (t-fordeling) og antallet af elever med en score (n).\n\n"
    "**Ændring.** Ændringen fra året før er testet med Welchs t-test; den kaldes *uændret*, når den er "
    "inden for den statistiske usikkerhed. Da alle indikatorers ændringer vises på én gang, er grænsen justeret "
    "for de mange sammenligninger (Benjamini-Hochberg: højst 5 % falske fund blandt dem, der kaldes en "
    "ændring). Testen behandler årene som uafhængige stikprøver; "
    "da svarene er anonyme, kan de samme elever ikke følges.\n\n"
    "**Landstal** er den nationale reference for samme skoleår. **Diskretionering:** grupper med færre end "
    "{k} besvarelser vises som »ikke vist (færre end {k})«. Alle tal er justeret en smule (cellenøglemetoden), så en lille gruppe ikke kan regnes ud ved at trække to visninger fra hinanden; derfor kan delene afvige lidt fra totalen.",
    "**Indicators.** The grade 4-9 survey has 40 questions answered 1-5, 5 best. A pupil's indicator score "
    "is the mean of their answers to the indicator's questions, counted only when at least half were "
    "answered (an answer outside 1-5, such as \"don't know\", counts as unanswered). Means and intervals stay "
    "within the 1-5 scale. The chart shows the mean score with a 95% confidence interval (t distribution) and the "
    "number of pupils with a score (n).\n\n**Change** from the previous year is tested with Welch's t test "
    "and called *unchanged* when within statistical uncertainty; as every indicator's changes are shown at once, "
    "the limit allows for the many comparisons (Benjamini-Hochberg: at most 5% false findings among those called "
    "a change). Years are treated as "
    "independent samples because answers are anonymous.\n\n**National** is the national reference for the "
    "same year. **Suppression:** groups with fewer than {k} answers are shown as \"not shown (fewer than {k})\". All figures are slightly adjusted (the cell-key method), so that a small group cannot be worked out by subtracting two views; parts may therefore differ a little from the total.",
)
BANDS = Definition(
    "Elevernes indikatorscorer fordelt i de offentliggjorte intervaller 1,0-2,0, 2,1-3,0, 3,1-4,0 og "
    "4,1-5,0 (scoren afrundet til én decimal). Andele af eleverne med en score det år; n står ved året.",
    "Pupils' indicator scores in the published bands 1.0-2.0, 2.1-3.0, 3.1-4.0 and 4.1-5.0 (score rounded "
    "to one decimal). Shares of pupils with a score that year; n is shown by the year.",
)
FUNNEL = Definition(
    "**Tragtdiagram** (Spiegelhalter 2005): hver institution er et punkt med sit gennemsnit og sit antal "
    "besvarelser. Tragten viser, hvor meget gennemsnittet kan svinge af tilfældigheder alene omkring det "
    "samlede gennemsnit: 95 %-grænser (stiplet) og 99,8 %-grænser (prikket). Små institutioner svinger "
    "mere. Med mange institutioner på én gang ligger nogle uden for 95 %-grænserne af tilfældigheder alene; derfor "
    "farves og nævnes kun de institutioner, der afviger mere, end tilfældigheder kan forklare, når der er taget "
    "højde for, at alle sammenlignes på én gang (højst 5 % falske fund blandt de nævnte: Benjamini-Hochberg). "
    "En rangliste ville få tilfældige forskelle til at ligne reelle. Institutioner med færre end "
    "{k} besvarelser vises ikke, og står der kun én sådan, skjules også den næstmindste, så den ikke kan "
    "regnes ud fra totalen.",
    "**Funnel plot** (Spiegelhalter 2005): each institution is a point with its mean and number of answers. "
    "The funnel shows how far a mean can vary by chance alone around the overall mean: 95% (dashed) and "
    "99.8% (dotted) limits. With many institutions at once, some lie outside the 95% limits by chance alone; so only "
    "institutions that differ more than chance can explain, allowing for all being compared at once (at most 5% "
    "false findings among those named: Benjamini-Hochberg), are coloured and named under the chart. "
    "Institutions with fewer than {k} answers are not shown; if only one is hidden, the next smallest is "
    "hidden too, so it cannot be worked out from the total.",
)
HEATMAP = Definition(
    "Gennemsnit pr. klassetrin og indikator i det valgte skoleår, med n i hver celle. Mørkere er højere "
    "trivsel. Celler med færre end {k} besvarelser vises ikke.",
    "Mean per grade and indicator in the chosen school year, with n in each cell. Darker is higher. Cells "
    "with fewer than {k} answers are not shown.",
)
GENDER = Definition(
    "Gennemsnit for drenge og piger med 95 %-konfidensintervaller. Forskellen (piger minus drenge) testes "
    "med Welchs t-test, justeret for at alle indikatorer sammenlignes på én gang (Benjamini-Hochberg); kun "
    "forskelle uden for den statistiske usikkerhed omtales i overskriften.",
    "Means for boys and girls with 95% confidence intervals. The difference (girls minus boys) is tested "
    "with Welch's t test, allowing for all indicators being compared at once (Benjamini-Hochberg); only "
    "differences beyond statistical uncertainty are named in the headline.",
)
ITEM = Definition(
    "Svarfordelingen på ét spørgsmål pr. skoleår, fra dårligste til bedste svar. 0.-3. klasse svarer på "
    "20 spørgsmål med tre svarmuligheder, som rapporteres pr. spørgsmål. Manglende svar tæller ikke med. Et svar, "
    "som færre end {k} har givet, vises ikke — og så heller ikke det næstmindste svar det år, så det ikke kan regnes "
    "ud fra de andre.",
    "Answers to one question per school year, from worst to best. Grades 0-3 answer 20 questions with three "
    "options, reported per question. Missing answers are not counted. An answer given by fewer than {k} is not "
    "shown — nor then the next smallest answer that year, so it cannot be worked out from the others.",
)
