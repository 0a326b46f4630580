from ui.coming import coming
from ui.shell import current

coming("Udforsk", [
    "Vælg et nøgletal og fordel det på en eller to dimensioner (kommune, distrikt, institution, skoleår, klassetrin, køn, tilbudsform).",
    "Eksport til Excel og CSV, med diskretionering som på de øvrige sider.",
], [
    "Pick a KPI and pivot it by one or two dimensions.",
    "Export to Excel and CSV, with the same suppression as the other pages.",
], current().view)
