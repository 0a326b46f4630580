from ui.coming import coming
from ui.shell import current

coming("Pejlemærker", [
    "Hvert pejlemærke med mål, retning og den faktiske værdi beregnet fra data (aldrig indtastet).",
    "Status til Børne- og Skoleudvalgets årlige opfølgning i maj.",
], [
    "Each target with its goal, direction and the actual value computed from data (never typed in).",
    "Status for the committee's yearly follow-up in May.",
], current().view)
