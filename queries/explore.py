"""Udforsk: any KPI of the catalogue (queries.kpis) split by one or two filter dimensions.

Each cell is the KPI's own series for the filters narrowed to that cell's group
(`filters.with_(distrikt=3)`, `filters.with_(grades=(5, 5))`), so the result contract's perturbation,
suppression and the role's scope come with every cell exactly as on the KPI's page — a group the role
may not see one by one is not among the choices (its option list is the role's), and a filter past the
role reads nothing (queries.contract). Its only SQL lists which groups have rows at all (`present`), so
groups without any are not asked for. The same group reached through two views gets the same figure
(the cell-key method), so comparing the splits gives nothing away that one view does not.

A split has one row per group (and per school year when the years are a dimension): key, label, key2,
label2, school_year, n, value, ci_low, ci_high, suppressed. Groups without any row in the filtered
population are left out.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries.contract import lookup
from queries.filters import (FORLOEB, PUPILS, SURVEY, Filters, Option, Scope, dimension, school_year_label,
                             where)
from queries import grouped
from queries import trivsel as qt
from queries import effekt as qe
from queries.kpis import CATALOGUE, EFFEKT, effekt_split, per_1000
from stats.means import proportion_ci

YEARS = "years"
COLUMNS = ["key", "label", "key2", "label2", "school_year", "n", "value", "ci_low", "ci_high", "suppressed"]


# An Effekt key figure's own groups: each intervention (indsats), and each method (metode) where the Effekt page's
# query has method totals (attrition, queries.effekt.overview) — the rows that query gives, in the role's scope
EFFEKT_GROUPS = {"indsats": ("Indsats", "Intervention"), "metode": ("Metode", "Method")}
_EFFEKT_METHODS = ("dropout",)


def splits(code: str, scope: Scope) -> list[str]:
    """The dimensions a KPI can be split by that the role may see group by group (school years first)."""
    level = {"distrikt": "distrikt", "institution": "institution"}
    kpi = CATALOGUE[code]
    own = [] if not kpi.effekt else ["indsats", *(["metode"] if kpi.effekt in _EFFEKT_METHODS else [])]
    return [d for d in (YEARS, *(s for s in kpi.splits if s != YEARS))
            if d not in level or scope.shows(level[d])] + own


def _effekt_groups(conn, filters: Filters, scope: Scope, kpi, dim: str, year: int) -> list[dict]:
    """An Effekt key figure per intervention or method in start year `year`: the pick (queries.kpis.EFFEKT) of each
    row at that level of the Effekt page's own query — its suppression and complementary suppression included."""
    query, _, code, pick = EFFEKT[kpi.effekt]
    got = query(conn, filters.in_year(year), scope, code)
    rows = []
    for r in got[got["level"] == dim].itertuples(index=False):
        n, count, hidden = pick(pd.Series(r._asdict()))
        value, low, high = (float(np.ravel(v)[0]) for v in proportion_ci(np.array([count], dtype="float64"),
                                                                         np.array([n], dtype="float64")))
        key = int(r.intervention_id) if dim == "indsats" else r.method
        rows.append(dict(key=key, label=r.name, label_en=r.name, key2=None, label2="", label2_en="", school_year=year,
                         n=n, value=value, ci_low=low, ci_high=high, suppressed=hidden))
    return sorted(rows, key=lambda r: str(r["label"]))


# the table each page's key figures are counted from: a group without a row there has no figure to show
SOURCES = {"trivsel": SURVEY, "overgange": PUPILS, "effekt": FORLOEB}


@lookup
def present(conn: sa.Connection, filters: Filters, scope: Scope, page: str, dim: str) -> set | None:
    """The values of `dim` that have rows in the page's source within the filters (None: not known, e.g. a
    dimension the source does not have). Only to skip groups that cannot have a figure."""
    source, d = SOURCES[page], dimension(dim)
    clauses = where(filters.with_(**{dim: None}), scope, source)
    if d.org:
        inst = s.institution
        parts = [sa.select(inst.c[d.column]).select_from(c.table.join(inst, inst.c.id == c)).where(*clauses)
                 for c in source.institution]
        q = sa.union(*parts)
    else:
        column = source.columns.get(d.column)
        if column is None or not isinstance(column, sa.Column):
            return None
        q = sa.select(column).where(*clauses).distinct()
    return {v for (v,) in conn.execute(q) if v is not None}


def groups(conn: sa.Connection, filters: Filters, scope: Scope, dim: str, page: str | None = None) -> list[Option]:
    """The groups of a dimension within the other filters (a range dimension: each of its values); with the
    key figure's `page`, only those with rows to count."""
    d = dimension(dim)
    options = d.options(conn, filters.with_(**{dim: None}), scope)
    found = present(conn, filters, scope, page, dim) if page in SOURCES else None
    if found is not None:
        options = [o for o in options if o.value in found]
    chosen = getattr(filters, dim)
    if d.range and chosen is not None:
        options = [o for o in options if chosen[0] <= o.value <= chosen[1]]
    elif chosen is not None:
        options = [o for o in options if o.value == chosen]
    return options


def _narrow(filters: Filters, dim: str, value) -> Filters:
    return filters.with_(**{dim: (value, value) if dimension(dim).range else value})


def split(conn: sa.Connection, filters: Filters, scope: Scope, code: str, dims: tuple[str, ...],
          year: int | None = None) -> pd.DataFrame:
    """The KPI `code` per group of `dims` (none, one or two of `splits`), in school year `year` (None: the
    newest with a shown figure) — or in every school year where YEARS is one of the dimensions."""
    kpi, memo = CATALOGUE[code], {}
    others = [d for d in dims if d != YEARS]
    if year is None and YEARS not in dims:
        whole = kpi.series(conn, filters, scope, memo)
        shown = whole.loc[~whole["suppressed"], "school_year"]
        year = int(shown.max()) if len(shown) else (int(whole["school_year"].max()) if len(whole) else None)
    if YEARS not in dims and year is not None:  # one school year: read only that year (a tenth of the rows)
        filters = filters.in_year(year)
    if any(d in EFFEKT_GROUPS for d in dims):  # alone: an intervention is no filter to narrow the others by
        return _frame(_effekt_groups(conn, filters, scope, kpi, dims[0], year) if len(dims) == 1 and year else [])
    levels = [groups(conn, filters, scope, d, kpi.page) for d in others]
    if year is not None and len(dims) == 1:
        got = _grouped(conn, filters, scope, kpi, dims[0], year)
        if got is not None:
            return _frame(_one_statement(got, year, levels[0]))
    rows = []
    for combo in itertools.product(*levels):
        narrowed = filters
        for d, option in zip(others, combo):
            narrowed = _narrow(narrowed, d, option.value)
        series = kpi.series(conn, narrowed, scope, memo)
        if YEARS not in dims:
            series = series[series["school_year"] == year]
        labels = [(o.value, o.da, o.en) for o in combo]
        first, second = (labels + [(None, "", "")] * 2)[:2]
        for r in series.itertuples():
            year_key = (int(r.school_year), school_year_label(int(r.school_year)), school_year_label(int(r.school_year)))
            a, b = (year_key, first) if dims and dims[0] == YEARS else (first, year_key if YEARS in dims[1:] else second)
            rows.append(dict(key=a[0], label=a[1], label_en=a[2], key2=b[0], label2=b[1], label2_en=b[2],
                             school_year=int(r.school_year), n=r.n, value=r.value, ci_low=r.ci_low, ci_high=r.ci_high,
                             suppressed=bool(r.suppressed)))
    return _frame(rows)


def _grouped(conn, filters: Filters, scope: Scope, kpi, dim: str, year: int) -> pd.DataFrame | None:
    """Every group's figure in one statement where the KPI's query has such a split (a wellbeing indicator:
    queries.trivsel.indicator_split; the inklusionsgrad: queries.grouped.inklusion_by; an Effekt KPI:
    queries.kpis.effekt_split; back within two years: queries.grouped.return_by), indexed by the group's
    key with n, value, ci_low, ci_high, suppressed — the rows the per-group series would give. None: no such split."""
    if kpi.indicator and dim in qt.SPLIT_BY:
        got = qt.indicator_split(conn, filters, scope, dim, year)
        got = got[got["indicator_code"] == kpi.indicator]
        return got.assign(value=got["mean"]).set_index("key")
    if kpi.code in ("inklusionsgrad", "segregeringsgrad") and dim in grouped.SPLIT_BY:
        got = grouped.inklusion_by(conn, filters, scope, dim, year)
        if kpi.code == "inklusionsgrad":
            return got.assign(value=got["inklusionsgrad"]).set_index("key")
        return got.assign(value=got["segregeringsgrad"], ci_low=1 - got["ci_high"], ci_high=1 - got["ci_low"]).set_index("key")
    if kpi.code == "nye_special_pr_1000" and dim in grouped.MOVED_BY and dim in grouped.SPLIT_BY:
        moved = grouped.tilgang_afgang_by(conn, filters, scope, dim, year)
        t = moved[moved["measure"] == "tilgang"].set_index("key")
        pupils = grouped.inklusion_by(conn, filters, scope, dim, year).set_index("key")
        keys = [k for k in t.index if k in pupils.index]
        hidden = t.loc[keys, "suppressed"].to_numpy(dtype=bool) | pupils.loc[keys, "suppressed"].to_numpy(dtype=bool)
        return pd.DataFrame(per_1000(t.loc[keys, "count"].to_numpy(dtype="float64"),
                                     pupils.loc[keys, "n"].to_numpy(dtype="float64"), hidden), index=pd.Index(keys))
    if kpi.effekt and dim in qe.SPLIT_BY:
        return effekt_split(conn, filters, scope, kpi.effekt, dim, year)
    if kpi.code == "tilbagefoersel_2aar" and dim in grouped.RETURN_BY:
        got = grouped.return_by(conn, filters, scope, dim, year)
        return got.assign(n=got["entered"], value=got["back"], ci_low=got["back_low"], ci_high=got["back_high"]).set_index("key")
    if kpi.code in ("tilgang", "afgang") and dim in grouped.MOVED_BY:
        got = grouped.tilgang_afgang_by(conn, filters, scope, dim, year)
        got = got[got["measure"] == kpi.code]
        return got.assign(value=got["rate"]).set_index("key")
    return None


def _one_statement(got: pd.DataFrame, year: int, options: list[Option]) -> list[dict]:
    """The rows of a one-statement split (_grouped) for the same groups, in the same order, as the per-group path."""
    rows = []
    for o in options:
        if o.value not in got.index:
            continue
        r = got.loc[o.value]
        rows.append(dict(key=o.value, label=o.da, label_en=o.en, key2=None, label2="", label2_en="", school_year=year,
                         n=r["n"], value=r["value"], ci_low=r["ci_low"], ci_high=r["ci_high"],
                         suppressed=bool(r["suppressed"])))
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=[*COLUMNS, "label_en", "label2_en"])
    for c in ("n", "value", "ci_low", "ci_high"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    out["suppressed"] = out["suppressed"].astype(bool)
    out.loc[out["suppressed"], ["n", "value", "ci_low", "ci_high"]] = np.nan
    return out.reset_index(drop=True)
