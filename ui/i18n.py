"""Danish first, English second: the shell's labels, and `tr` for sentence templates. The names of
the filter dimensions and their choices are declared with the dimensions (queries.filters)."""
from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "tagline": ("Børne- og ungeområdet: trivsel, overgange og effekt",
                "Children and youth: wellbeing, transitions and effect"),
    "demo_banner": ("Demodata — syntetiske tal. Ingen rigtige børn, skoler eller resultater.",
                    "Demo data — synthetic figures. No real children, schools or results."),
    "local_banner": ("Lokal demotilstand uden login: rollen vælges frit i sidepanelet (kun til demodata).",
                     "Local demo mode without login: the role is picked freely in the sidebar (demo data only)."),
    "filters": ("Filtre", "Filters"),
    "selection": ("Udsnit", "Selection"),
    "all_area": ("Alle kommuner", "All municipalities"),
    "all": ("Alle", "All"),
    "role": ("Rolle (adgang)", "Role (access)"),
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
    "coming": ("Kommer snart", "Coming soon"),
    "page_not_found": ("Siden »{page}« findes ikke. Her er Overblik; vælg en side i menuen øverst.",
                       "The page \"{page}\" does not exist. This is the Overview; choose a page in the menu at the top."),
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
