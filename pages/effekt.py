from ui.coming import coming
from ui.shell import context

coming("Effekt", [
    "Overblik over indsatser: startet, målt før, målt efter og frafald.",
    "Ændring før-efter med 95 %-konfidensinterval og effektstørrelse (Hedges' g) i et forest-plot.",
    "Pålidelig ændring (Jacobson-Truax) og andel, der krydser den kliniske grænse.",
    "Mål: opnået/delvist/ikke og GAS T-score; kohorter over tid; sammenligning af indsatser.",
], [
    "Overview of interventions: started, measured before, measured after, and attrition.",
    "Pre-post change with 95% CI and effect size (Hedges' g) in a forest plot.",
    "Reliable change (Jacobson-Truax) and share crossing the clinical cut-off.",
    "Goals: achieved/partly/not and GAS T-score; cohorts over time; comparing interventions.",
], context().lang)
