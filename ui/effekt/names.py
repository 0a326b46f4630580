"""Effekt's names and the choices the page offers: instruments, interventions, methods as proper names,
and the detail (an intervention or a method) the reader chooses. Danish first."""
from __future__ import annotations

import pandas as pd

from queries.effekt import GAS, ORDER
from ui.crossfilter import Narrow
from ui.view import View

INSTRUMENT_LABELS = {"sdq_total": ("SDQ samlede vanskeligheder", "SDQ total difficulties"),
                     "ors": ("ORS", "ORS"), "sos_skala": ("Signs of Safety-skalering", "Signs of Safety scaling"),
                     GAS: ("GAS (målopfyldelse)", "GAS (goal attainment)")}


# --- names and choices ---------------------------------------------------------------------------
def instrument_label(code: str, view: View) -> str:
    da, en = INSTRUMENT_LABELS.get(code, (code, code))
    return view.tr(da, en)


def codes(instruments: pd.DataFrame) -> list[str]:
    """The instruments the page offers, in its order. instruments: queries.effekt.instruments."""
    present = set(instruments["code"])
    return [c for c in ORDER if c in present]


def interventions(overview: pd.DataFrame) -> dict[int, str]:
    """Intervention id -> name, by name: the interventions of queries.effekt.overview (shown or not)."""
    rows = overview[overview["level"] == "indsats"].sort_values("name")
    return dict(zip(rows["intervention_id"].astype(int), rows["name"]))


def cohort_choices(names: dict[int, str], view: View) -> dict[int, str]:
    """The choices of the Over time box: all interventions (0), then each one."""
    return {0: view.tr("Alle indsatser", "All interventions"), **names}


def compare_choices(names: dict[int, str], a: int, view: View) -> dict[int, str]:
    """What `a` can be compared with: the rest of the municipality (0), or another intervention."""
    return {0: view.tr("De øvrige deltagelser i udsnittet", "The other participations in the selection"),
            **{i: n for i, n in names.items() if i != a}}


def method_name(method: str) -> str:
    """A method as a proper name: 'forældrekursus' -> 'Forældrekursus' ('LØFT', 'PPR-sparring' as they are)."""
    return method[:1].upper() + method[1:] if isinstance(method, str) else method


def row_name(row: pd.Series, view: View) -> str:
    """A row's name in the reader's language (the query names the total in Danish), methods as proper names."""
    if row["level"] == "alle":
        return view.tr("Alle indsatser", "All interventions")
    return method_name(str(row["name"])) if row["level"] == "metode" else str(row["name"])


# --- the detail the reader chooses ---------------------------------------------------------------
ALL = "alle"


def focus_choices(overview: pd.DataFrame, view: View) -> dict[str, str]:
    """What the reader can look at in detail: all interventions, a method, or one intervention (by
    name). Keys: 'alle', 'metode:<method>', 'indsats:<id>'. overview: queries.effekt.overview."""
    methods = sorted(overview.loc[overview["level"] == "metode", "name"].dropna().unique(), key=str.lower)
    ivs = overview[overview["level"] == "indsats"].sort_values("name")
    return {ALL: view.tr("Alle indsatser", "All interventions"),
            **{f"metode:{m}": view.tr("Metode: {m}", "Method: {m}", m=method_name(m)) for m in methods},
            **{f"indsats:{int(i)}": n for i, n in zip(ivs["intervention_id"], ivs["name"])}}


def focus_rows(df: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The rows of an Effekt frame (level, intervention_id, method) for the chosen detail: every row for
    all interventions; a method's interventions (and the method's own row where the frame has one); one
    intervention. The total ('alle') stays in every choice, as the yardstick."""
    if focus == ALL:
        return df
    kind, _, value = focus.partition(":")
    total = df["level"] == "alle"
    if kind == "metode":
        return df[total | (df["method"] == value) | ((df["level"] == "metode") & (df["name"] == value))]
    return df[total | ((df["level"] == "indsats") & (df["intervention_id"] == float(value)))]


def focus_intervention(focus: str) -> int:
    """The intervention id of a focus on one intervention, else 0."""
    kind, _, value = focus.partition(":")
    return int(value) if kind == "indsats" else 0


def cohort(df: pd.DataFrame, iv: int) -> pd.DataFrame:
    """The rows of queries.effekt.cohorts for intervention `iv`, or for all interventions (iv 0)."""
    return df[df["intervention_id"] == iv] if iv else df[df["level"] == "alle"]


def focus_key(row: pd.Series) -> str:
    """The detail choice (focus_choices' key) a row of an Effekt frame stands for."""
    if row["level"] == "alle":
        return ALL
    return f"metode:{row['name']}" if row["level"] == "metode" else f"indsats:{int(row['intervention_id'])}"


def narrow(rows: pd.DataFrame, view: View, traces: int = 1, split_total: bool = False,
           then=None) -> Narrow | None:
    """A chart of one row per intervention (`rows` in the order the chart draws them) as the page's detail
    choice: a click on a row shows that intervention's detail (ui.crossfilter). Its `traces` all draw every
    row (stacked bars), or — `split_total` — trace 0 the interventions and trace 1 the total (ui.effekt.charts'
    dots)."""
    if rows.empty:
        return None
    parts = [rows[rows["level"] != "alle"], rows[rows["level"] == "alle"]] if split_total else [rows] * traces

    def curve(c: int, part: pd.DataFrame) -> tuple:
        records = part[["level", "name", "intervention_id"]].to_dict("records")
        return c, tuple(focus_key(r) for r in records), tuple(row_name(r, view) for r in records)
    (c0, values, names), *more = [curve(c, part) for c, part in enumerate(parts)]
    return Narrow("indsats", values, names, curve=c0, more=tuple(more), widget="effekt_focus",
                  label=("Detaljer for", "Details for"), then=then)
