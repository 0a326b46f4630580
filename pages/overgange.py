from ui.coming import coming
from ui.shell import context

coming("Overgange", [
    "Inklusionsgrad og segregeringsgrad pr. skoleår på tælledagen, med n og landstal.",
    "Strømme mellem almen- og specialtilbud (Sankey) og FLIS-lignende tilgang og afgang.",
    "Tilbageføring: andelen tilbage i almen klasse efter 1, 2 og 3 år (Kaplan-Meier).",
    "Skolestart i specialtilbud, og institutioner sammenlignet i et tragtdiagram.",
], [
    "Inclusion and segregation rate per school year on the count date, with n and national figures.",
    "Flows between general and special provision (Sankey) and FLIS-style entries and returns.",
    "Return: share back in an ordinary class after 1, 2 and 3 years (Kaplan-Meier).",
    "School start in special provision, and institutions compared in a funnel plot.",
], context().lang)
