from ui.coming import coming
from ui.shell import current

coming("Mødetilstand", [
    "Præsentation til udvalgsmøder: 16:9, stor skrift, høj kontrast, ét budskab pr. slide med en overskrift i klart sprog.",
    "Rapportfil til mødesagen.",
], [
    "Presentation for committee meetings: 16:9, large type, high contrast, one message per slide.",
    "A report file for the meeting papers.",
], current().view)
