"""Overblik's tiles: a row of queries.kpis.tiles in, a Card out — the KPI's newest value, n and year,
the change from the year before (as an arrow only where it is beyond noise), the years as a sparkline,
the Landstal or the target beside it, and the page that explains it. Nothing here computes statistics."""
from __future__ import annotations

import pandas as pd

from queries.kpis import CATALOGUE
from ui import fmt
from ui.measures import BY_UNIT
from ui.section import Card
from ui.view import View

PAGES = {"trivsel": ("pages/trivsel.py", "Trivsel", "Wellbeing"), "overgange": ("pages/overgange.py", "Overgange",
                                                                                "Transitions"),
         "effekt": ("pages/effekt.py", "Effekt", "Effect")}


def tile(row: pd.Series, view: View) -> Card:
    kpi = CATALOGUE[row["code"]]
    measure = BY_UNIT[kpi.unit]
    page, da, en = PAGES[kpi.page]
    link = (page, view.tr("Se {p}", "See {p}", p=view.tr(da, en)))
    help_text = view.tr(*kpi.definition)
    if pd.isna(row["value"]):
        return Card(kpi.text(view.lang), "–", help=help_text, link=link,
                    caption=view.tr("ikke vist: for få i udsnittet", "not shown: too few in the selection"))
    parts = [fmt.school_year(row["school_year"]), f"n={fmt.integer(row['n'], view.lang)}"]
    if pd.notna(row["target"]):
        parts.append(view.tr("mål {v}", "target {v}", v=measure.text(row["target"], view.lang)))
    elif pd.notna(row["landstal"]):
        parts.append(view.tr("landstal {v}", "national {v}", v=measure.text(row["landstal"], view.lang)))
    if pd.isna(row["change_p"]):
        parts.append(view.tr("ingen sammenligning med året før", "no comparison with the year before"))
    elif not row["beyond_noise"]:
        parts.append(view.tr("uændret", "unchanged"))
    delta = measure.signed(row["change"], view.lang) if row["beyond_noise"] else None
    return Card(kpi.text(view.lang), measure.text(row["value"], view.lang), delta, help=help_text,
                caption=" · ".join(parts), trend=tuple(measure.plot(list(row["values"]))), link=link,
                delta_color="normal" if kpi.better == "higher" else "inverse")


def news_line(row: pd.Series, filters, view: View) -> str:
    """'Ro og orden på Specialskolen Åstedet steg fra 3,09 i 2024/25 til 4,18 i 2025/26. [Se Trivsel for …](link)'"""
    from ui.shell import link  # the link codec lives with the filter bar

    kpi = CATALOGUE[row["code"]]
    measure = BY_UNIT[kpi.unit]
    page_file, da, en = PAGES[kpi.page]
    way = view.tr("steg", "rose") if row["change"] > 0 else view.tr("faldt", "fell")
    target = link(page_file.removeprefix("pages/").removesuffix(".py"), filters.with_(institution=int(row["institution_id"])),
                  view)
    return view.tr("{k} på {i} {w} fra {a} i {y0} til {b} i {y1}. [Se {p} for {i}]({u})",
                   "{k} at {i} {w} from {a} in {y0} to {b} in {y1}. [See {p} for {i}]({u})",
                   k=kpi.text(view.lang), i=row["institution"], w=way, a=measure.text(row["value_prev"], view.lang),
                   b=measure.text(row["value"], view.lang), y0=fmt.school_year(row["school_year"] - 1),
                   y1=fmt.school_year(row["school_year"]), p=view.tr(da, en), u=target)
