"""Overgange's definitions, one click away from the chart each explains (Danish, English); {k} is the
suppression threshold in force and {d} the count date (`ui.fmt.day_month`)."""
from __future__ import annotations

from ui.section import Definition


COMMON = Definition(
    "**Elever** er børn i en skole på tælledagen ({d}) i skoleåret. **Specialtilbud** er mellemform, specialklasse, "
    "specialskole og dagbehandling; mellemform regnes her som specialtilbud. **Diskretionering:** tal fra færre end "
    "{k} børn vises som »ikke vist (færre end {k})« — det gælder også antal børn i et specialtilbud eller i en overgang, og "
    "står kun ét tal skjult i en sum, skjules også det næstmindste."
    " Alle tal er justeret en smule (cellenøglemetoden), så en lille gruppe ikke kan regnes ud ved at trække to visninger fra hinanden; derfor kan delene afvige lidt fra totalen.",
    "**Pupils** are children at a school on the count date ({d}) of the school year. **Special provision** is "
    "mellemform, special class, special school and day treatment; mellemform counts as special provision here. "
    "**Suppression:** figures from fewer than {k} children are shown as \"not shown (fewer than {k})\" — also counts of "
    "children in special provision or in a transition; if only one figure of a sum is hidden, the next smallest is "
    "too. All figures are slightly adjusted (the cell-key method), so that a small group cannot be worked out by subtracting two views; parts may therefore differ a little from the total.",
)
INKLUSION = Definition(
    "**Inklusionsgrad** = andelen af eleverne, der undervises i en almenklasse på tælledagen; "
    "**segregeringsgrad** = 1 − inklusionsgrad. n er antal elever. Båndet er et 95 %-konfidensinterval (Wilson). "
    "**Landstal** er den nationale inklusionsgrad samme skoleår. Filteret *tilbudsform* bruges ikke her, fordi målet "
    "netop er fordelingen på tilbudsformer.",
    "**Inclusion rate** = share of pupils taught in an ordinary class on the count date; **segregation rate** = 1 − "
    "inclusion rate. n is the number of pupils. The band is a 95% confidence interval (Wilson). **National** is the "
    "national inclusion rate of the same year. The *provision* filter is not used here, as the measure is the "
    "distribution over forms.",
) + COMMON
SPLIT = Definition(
    "Inklusionsgraden i det valgte skoleår pr. gruppe med 95 %-konfidensinterval. En elev i specialtilbud tælles "
    "med ved den almenskole (og det distrikt), eleven sidst gik i i kommunen — så en skoles tal også rummer de "
    "elever, den har sendt i specialtilbud. »Ingen almenskole« er elever, der startede i specialtilbud eller flyttede "
    "til kommunen direkte i et specialtilbud.",
    "The inclusion rate in the chosen year per group with a 95% confidence interval. A pupil in special provision "
    "counts at the ordinary school (and district) it last attended in the municipality, so a school's figure includes "
    "the pupils it sent to special provision. \"No ordinary school\": pupils who started school in special provision "
    "or moved in directly into special provision.",
) + COMMON
FLOWS = Definition(
    "**Strømme**: hvor eleverne i 1.-9. klasse i år var på tælledagen sidste år, og hvor sidste års elever er i år. "
    "»Ind i kommunen« er elever, der ikke gik i skole i kommunen sidste år (tilflyttere, eller et år uden "
    "skoleplacering); »ud af kommunen« er sidste års elever, der ikke går i skole i kommunen i år. Klassetrin "
    "beregnes ud fra fødselsåret. Strømme med færre end {k} børn tegnes ikke og står under figuren.\n\n"
    "**Tilgang** (som i FLIS) = elever i almenklasse sidste år, der i år er i et specialtilbud, i procent af sidste "
    "års elever i almenklasse. **Afgang** = elever i specialtilbud sidste år, der i år er i almenklasse, i procent af "
    "sidste års elever i specialtilbud. 95 %-konfidensintervaller (Wilson). Vælges en skole eller et distrikt, "
    "tæller et barn for den almenskole, det hørte til sidste år: sin egen skole, eller — for et barn i "
    "specialtilbud — den seneste almenskole i kommunen, det gik på (barnets eget specialtilbud, hvis det aldrig "
    "har gået i almenklasse i kommunen). En skoles afgang er altså andelen af skolens børn i specialtilbud, der "
    "kom tilbage til en almenklasse — på skolen eller en anden.",
    "**Flows**: where this year's pupils in grades 1-9 were on last year's count date, and where last year's pupils "
    "are now. \"Into the municipality\": not at school in the municipality last year (moved in, or a year without a "
    "school placement); \"out of the municipality\": last year's pupils not at school in the municipality this year. "
    "Grades come from the birth year. Flows from fewer than {k} children are not drawn and are listed below.\n\n"
    "**Entries** (tilgang, as in FLIS) = pupils in an ordinary class last year who are in special provision this "
    "year, as a share of last year's ordinary pupils. **Returns** (afgang) = pupils in special provision last year who "
    "are in an ordinary class this year, as a share of last year's pupils in special provision. 95% Wilson "
    "intervals. When a school or district is chosen, a child counts for the ordinary school it belonged to last "
    "year: its own school or, for a child in special provision, the last ordinary school it attended in the "
    "municipality (its own special provision if it never attended an ordinary class there). A school's returns "
    "are thus the share of its children in special provision who came back to an ordinary class, at the school or "
    "another.",
) + COMMON
RETURN = Definition(
    "**Tilbagevenden** følger de børn, der kom i specialtilbud (tilgang) i de valgte skoleår, fra tælledag til "
    "tælledag, til de igen er i en almenklasse. Kaplan-Meier-estimatet tager højde for dem, der ikke kan følges "
    "hele vejen (*censurering*): de flytter fra kommunen, har et år uden skoleplacering, er stadig i specialtilbud "
    "ved seneste tælledag eller er gået ud af 9. klasse. Båndet er et 95 %-konfidensinterval (log(−log), Greenwood). "
    "n under hvert år er antal børn, der stadig blev fulgt; punkter med færre end {k} fulgt vises ikke.\n\n"
    "**Mediantid** pr. tilbudsform (den form barnet startede i) er det antal år, hvorefter halvdelen er tilbage i "
    "almenklasse; »over X år« betyder, at under halvdelen er kommet tilbage inden for opfølgningen.",
    "**Return** follows the children who entered special provision (entries) in the chosen years, from count date to "
    "count date, until they are in an ordinary class again. The Kaplan-Meier estimate allows for children who cannot "
    "be followed all the way (*censoring*): they leave the municipality, have a year without a school placement, are "
    "still in special provision on the latest count date, or have finished grade 9. The band is a 95% confidence "
    "interval (log(−log), Greenwood). n under each year is the number still followed; points with fewer than {k} "
    "followed are not shown.\n\n**Median time** per form (the form entered) is the number of years after which half "
    "are back in an ordinary class; \"over X years\" means fewer than half came back within the follow-up.",
) + COMMON
START = Definition(
    "**Skolestart i specialtilbud** = andelen af eleverne i 0. klasse på tælledagen, der går i et specialtilbud, med "
    "95 %-konfidensinterval (Wilson). »Direkte fra et almindeligt dagtilbud« = barnet var i et almindeligt dagtilbud "
    "(ikke et specialdagtilbud) på tælledagen året før.",
    "**School start in special provision** = share of grade-0 pupils on the count date who are in special provision, "
    "with a 95% Wilson interval. \"Directly from an ordinary day-care\" = the child was in an ordinary day-care (not "
    "a special day-care) on the count date a year before.",
) + COMMON
FUNNEL = Definition(
    "**Tragtdiagram** (Spiegelhalter 2005) i stedet for en rangliste: hvert punkt er en almenskole med andelen af "
    "dens børn, der i de valgte skoleår kom fra en almenklasse på skolen i et specialtilbud (tilgang), mod antal "
    "børn (n). Hvert barn tæller én gang pr. skole, uanset hvor mange år det gik der. Tragten viser, hvor meget "
    "andelen kan svinge af tilfældigheder alene omkring den samlede andel: 95 %-grænser (stiplet) og 99,8 %-grænser "
    "(prikket), beregnet eksakt fra binomialfordelingen, så de også holder for små skoler og små andele. Med mange "
    "skoler på én gang ligger nogle uden for grænserne af tilfældigheder alene; derfor farves og nævnes kun de "
    "skoler, der sender flere eller færre, end tilfældigheder kan forklare, når der er taget højde for, at alle "
    "sammenlignes på én gang (højst 5 % falske fund blandt de nævnte: Benjamini-Hochberg). En skole vises ikke, når "
    "færre end {k} børn eller færre end {k} (men mindst ét) børn sendt i specialtilbud ligger bag dens tal, og står "
    "der kun én sådan, skjules også den næstmindste.",
    "**Funnel plot** (Spiegelhalter 2005) instead of a ranking: each point is an ordinary school with the share of its "
    "children who went from an ordinary class at the school to special provision in the chosen years (entries), "
    "against the number of children (n). Each child counts once per school, however many years it attended. The "
    "funnel shows how far a share can vary by chance alone around the overall share: 95% (dashed) and 99.8% (dotted) "
    "limits, exact from the binomial distribution, so they hold for small schools and small shares too. With many "
    "schools at once, some lie outside the limits by chance alone; so only schools that send more or fewer than "
    "chance can explain, allowing for all being compared at once (at most 5% false findings among those named: "
    "Benjamini-Hochberg), are coloured and named under the chart. A school is not shown when its figure rests on "
    "fewer than {k} children or on fewer than {k} (but at least one) children sent to special provision; if only "
    "one is hidden, the next smallest is hidden too.",
) + COMMON
