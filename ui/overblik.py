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
