"""Danish first, English second: the shared labels, and `tr` for sentence templates."""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("Indblik", "Indblik"),
    "tagline": ("Børne- og ungeområdet: trivsel, overgange og effekt",
                "Children and youth: wellbeing, transitions and effect"),
    "demo_banner": ("Demodata — syntetiske tal. Ingen rigtige børn, skoler eller resultater.",
                    "Demo data — synthetic figures. No real children, schools or results."),
    "filters": ("Filtre", "Filters"),
    "kommune": ("Kommune", "Municipality"),
    "distrikt": ("Distrikt", "District"),
    "institution": ("Institution", "Institution"),
    "skoleaar": ("Skoleår", "School year"),
    "klassetrin": ("Klassetrin", "Grade"),
    "koen": ("Køn", "Gender"),
    "tilbudsform": ("Tilbudsform", "Provision"),
    "all": ("Alle", "All"),
    "dreng": ("Drenge", "Boys"),
    "pige": ("Piger", "Girls"),
    "almen": ("Almen", "General"),
    "special": ("Alle specialtilbud", "All special provision"),
    "specialklasse": ("Specialklasse", "Special class"),
    "specialskole": ("Specialskole", "Special school"),
    "dagbehandling": ("Dagbehandling", "Day treatment"),
    "mellemform": ("Mellemform", "Intermediate form"),
    "specialdagtilbud": ("Specialdagtilbud", "Special day care"),
    "role": ("Rolle (adgang)", "Role (access)"),
    "language": ("Sprog", "Language"),
    "reset": ("Nulstil filtre", "Reset filters"),
    "link_hint": ("Adressen i browseren gemmer filtrene — kopiér den for at dele visningen.",
                  "The browser address keeps the filters — copy it to share this view."),
    "page_overblik": ("Overblik", "Overview"),
    "page_trivsel": ("Trivsel", "Wellbeing"),
    "page_overgange": ("Overgange", "Transitions"),
    "page_effekt": ("Effekt", "Effect"),
    "page_pejlemaerker": ("Pejlemærker", "Targets"),
    "page_udforsk": ("Udforsk", "Explore"),
    "page_data": ("Data", "Data"),
    "page_moede": ("Mødetilstand", "Meeting mode"),
    "definition": ("Definition", "Definition"),
    "no_data": ("Der er ingen besvarelser i det valgte udsnit. Udvid filtrene (fx skoleår eller klassetrin).",
                "There are no answers in the selected population. Widen the filters (e.g. school year or grade)."),
    "db_retry": ("Prøv igen", "Try again"),
}


def label(key: str, lang: str = "da") -> str:
    da, en = LABELS[key]
    return da if lang == "da" else en


def tr(lang: str, da: str, en: str, **kwargs) -> str:
    """Pick the language's template and fill it."""
    return (da if lang == "da" else en).format(**kwargs)
