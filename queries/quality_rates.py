"""Datakvalitet, part two: survey response rates and the leader's summary (queries.quality has the rest,
and its docstring the privacy decision).

Response rates are a `@query`: respondents and pupils are populations the Trivsel and Overgange pages
show under the cell-key method, so they are perturbed here too — pupils exactly as Overgange perturbs
the same children (the same cell gives the same figure however it is reached), respondents under the
wellbeing threshold — and a round too small to show is hidden.
"""
from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from data import schema as s
from queries.columns import fetch
from queries.contract import Count, Guard, Result, lookup, query
from queries.filters import Filters, Scope, school_year_label
from queries.quality import (_inst, _names, _rd, _sr, latest_dates, missing_values, municipalities, out_of_range,
                             overlapping_placements)

# The ministry publishes svarprocent per school; results from a round answered by fewer than about 70 % of
# the pupils may not represent those who did not answer (non-response bias), so below it a leader should
# read the round's figures with care.
LOW_RESPONSE = 0.7


# --- 5. response rates ------------------------------------------------------------------------
RATES = Result(keys=("instrument_code", "instrument", "school_year", "municipality_kode", "municipality"),
               counts=(Count("respondents", key="_r_key"),), domain="trivsel",
               guards=(Guard(n="pupils", counts=("respondents", "_nonrespondents"), values=("response_rate", "low")),))
_PUPIL_NOISE = Result(keys=(), counts=(Count("pupils", key="_p_key"),))  # Overgange's own threshold and noise


@query(RATES)
def response_rates(conn: sa.Connection, filters: Filters, scope: Scope):
    """Per survey round (instrument, school year, municipality): respondents (responses in the round),
    pupils (children at a school in the instrument's grades on the count date, counted as Overgange
    counts a municipality's pupils: at its schools, or from its ordinary schools in special provision),
    response_rate (respondents / pupils, 0-1; above 1 when the count date misses pupils), low
    (response_rate below LOW_RESPONSE), suppressed (the round too small to show: fewer than the
    wellbeing threshold of pupils or respondents, or of pupils who did not answer; no pupils at all).

    Both counts are perturbed by the cell-key method first, pupils exactly as on the Overgange page
    (the same children give the same figure), respondents as on the Trivsel page."""
    kommuner = municipalities(conn, filters, scope)
    pup, ins = s.pupil_summary, s.survey_instrument
    resp = (sa.select(_sr.c.round_id, sa.func.count().label("n"), sa.func.sum(_sr.c.record_key).label("k"))
            .group_by(_sr.c.round_id).subquery("resp"))
    own, ref = _inst.alias("own"), _inst.alias("ref")
    pupils = (sa.select(sa.func.sum(pup.c.n), sa.func.sum(pup.c.key_sum))
              .select_from(pup.join(own, own.c.id == pup.c.institution_id)
                           .outerjoin(ref, ref.c.id == pup.c.ref_institution_id))
              .where(pup.c.school_year == _rd.c.school_year, pup.c.klassetrin.between(ins.c.grade_from, ins.c.grade_to),
                     sa.or_(own.c.municipality_kode == _rd.c.municipality_kode,
                            ref.c.municipality_kode == _rd.c.municipality_kode)))
    q = (sa.select(_rd.c.instrument_code, ins.c.name, _rd.c.school_year, _rd.c.municipality_kode,
                   sa.func.coalesce(resp.c.n, 0), resp.c.k,
                   pupils.with_only_columns(sa.func.coalesce(sa.func.sum(pup.c.n), 0)).scalar_subquery(),
                   pupils.with_only_columns(sa.func.sum(pup.c.key_sum)).scalar_subquery())
         .join_from(_rd, ins, ins.c.code == _rd.c.instrument_code).outerjoin(resp, resp.c.round_id == _rd.c.id)
         .where(_rd.c.municipality_kode.in_(list(kommuner)))
         .order_by(_rd.c.municipality_kode, _rd.c.instrument_code, _rd.c.school_year))
    d = fetch(conn, q, ["instrument_code", "instrument", "school_year", "municipality_kode", "respondents", "_r_key",
                        "pupils", "_p_key"], ints=("school_year", "municipality_kode", "respondents", "pupils"))
    d["municipality"] = np.array(_names(kommuner, d["municipality_kode"]), dtype=object)
    d = RATES.perturb(_PUPIL_NOISE.perturb(d))
    d["_nonrespondents"] = np.maximum(0, d["pupils"] - d["respondents"])
    with np.errstate(divide="ignore", invalid="ignore"):
        d["response_rate"] = np.where(d["pupils"] > 0, d["respondents"] / d["pupils"], np.nan)
    d["low"] = d["response_rate"] < LOW_RESPONSE
    return RATES.protect(d)


# --- summary ------------------------------------------------------------------------------------
def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


ONE = {"målinger": "måling", "trivselsscorer": "trivselsscore", "børn": "barn", "placeringer": "placering"}


@lookup
def summary(conn: sa.Connection, filters: Filters, scope: Scope) -> list[str]:
    """The few Danish sentences a leader reads first: the newest survey and how many rounds had a low
    response rate, the children with overlapping placements in the newest school year that has any,
    every check with records out of range, every expected column with missing values — or that
    everything seems to hang together."""
    out, problems = [], False
    rates = response_rates(conn, filters, scope)
    shown = rates[~rates["suppressed"]]
    latest = latest_dates(conn, filters, scope)
    survey = latest.loc[latest["measure"] == "nyeste trivselsmåling", "school_year"].dropna()
    if len(survey):
        text = f"Trivsel: nyeste måling {school_year_label(int(survey.max()))}"
        low = int(shown["low"].sum())
        problems |= low > 0
        text += f"; svarprocent under {_pct(LOW_RESPONSE)} i {low} af {len(shown)} runder" if len(shown) else ""
        hidden = int(rates["suppressed"].sum())
        out.append(text + (f" ({hidden} runder for små til at vise svarprocenten)" if hidden else ""))
    overlaps = overlapping_placements(conn, filters, scope)
    if len(overlaps):
        year = int(overlaps["school_year"].max())
        n = int(overlaps.loc[overlaps["school_year"] == year, "children"].sum())
        out.append(f"Overgange: {n} {'barn' if n == 1 else 'børn'} med overlappende placeringer i "
                   f"{school_year_label(year)}")
        problems = True
    wrong = out_of_range(conn, filters, scope).groupby(["check", "unit"], sort=False)["rows"].sum()
    for (check, unit), n in wrong[wrong > 0].items():
        out.append(f"{check}: {n} {ONE.get(unit, unit) if n == 1 else unit}")
        problems = True
    missing = missing_values(conn, filters, scope).groupby(["table", "column"], sort=False)[
        ["rows_missing", "rows_total"]].sum()
    for (table, column), r in missing[missing["rows_missing"] > 0].iterrows():
        out.append(f"{table}: {column} mangler i {r.rows_missing} af {r.rows_total} ({_pct(r.rows_missing / r.rows_total)})")
        problems = True
    if not problems:
        out.append("Alt ser ud til at hænge sammen")
    return out
