from ui.coming import coming
from ui.shell import current

coming("Data", [
    "Import af trivselsmåling, placeringer, indsatser og landstal fra CSV/Excel, valideret samlet og skrevet i én transaktion.",
    "Tydelige danske fejl med fil, række og kolonne; samme fil to gange ændrer intet.",
    "Log over alle indlæsninger (fil, sha256, rækker, hvem, hvornår, udfald).",
], [
    "Import of survey, placements, interventions and national figures from CSV/Excel, validated whole, written in one transaction.",
    "Clear Danish errors naming file, row and column; the same file twice changes nothing.",
    "Log of every load (file, sha256, rows, who, when, outcome).",
], current().view)
