"""Datakvalitet: which figures a leader can trust — the newest data per domain, response rates, overlapping
placements, values out of range, missing values and the rows per year (queries.quality), for the
municipalities the role sees. Every table can be taken away as Excel or CSV."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from queries import quality as q
from queries import quality_rates as qr
from ui import fmt
from ui.cache import run
from ui.section import section
from ui.view import View


def _pct(share, view: View) -> str:
    return "" if pd.isna(share) else fmt.pct(share, 0, view.lang)


def latest(df: pd.DataFrame, view: View) -> pd.DataFrame:
    return pd.DataFrame({view.tr("Område", "Domain"): df["domain"], view.tr("Hvad", "What"): df["measure"],
                         view.tr("Kommune", "Municipality"): df["municipality"], view.tr("Nyeste", "Newest"): df["shown"]})


def rates(df: pd.DataFrame, view: View) -> pd.DataFrame:
    hidden = fmt.suppressed(view.within("trivsel").min_n, view.lang)
    return pd.DataFrame({
        view.tr("Måling", "Survey"): df["instrument"], view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in df["school_year"]],
        view.tr("Kommune", "Municipality"): df["municipality"],
        view.tr("Elever", "Pupils"): [hidden if s else fmt.integer(v, view.lang) for s, v in zip(df["suppressed"], df["pupils"])],
        view.tr("Besvarelser", "Responses"): [hidden if s else fmt.integer(v, view.lang)
                                              for s, v in zip(df["suppressed"], df["respondents"])],
        view.tr("Svarprocent", "Response rate"): ["" if s else _pct(v, view) for s, v in zip(df["suppressed"], df["response_rate"])],
        view.tr("Lav (under 70 %)", "Low (under 70%)"): ["" if s else view.tr("ja", "yes") if low else ""
                                                         for s, low in zip(df["suppressed"], df["low"])]})


def overlaps(df: pd.DataFrame, view: View) -> pd.DataFrame:
    return pd.DataFrame({view.tr("Kommune", "Municipality"): df["municipality"],
                         view.tr("Skoleår", "School year"): [fmt.school_year(y) for y in df["school_year"]],
                         view.tr("Børn med overlappende placeringer", "Children with overlapping placements"): df["children"]})


def wrong(df: pd.DataFrame, view: View) -> pd.DataFrame:
    df = df[df["rows"] > 0]
    return pd.DataFrame({view.tr("Kontrol", "Check"): df["check"], view.tr("Kommune", "Municipality"): df["municipality"],
                         view.tr("Antal", "Count"): df["rows"], view.tr("Enhed", "Unit"): df["unit"]})


def missing(df: pd.DataFrame, view: View) -> pd.DataFrame:
    df = df[df["rows_missing"] > 0]
    return pd.DataFrame({view.tr("Tabel", "Table"): df["table"], view.tr("Felt", "Field"): df["column"],
                         view.tr("Kommune", "Municipality"): df["municipality"],
                         view.tr("Mangler", "Missing"): df["rows_missing"], view.tr("Rækker", "Rows"): df["rows_total"],
                         view.tr("Andel", "Share"): [_pct(v, view) for v in df["share"]]})


def counts(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Rows per table and municipality (rows) and school year (columns): a year without rows stands out."""
    if df.empty:
        return pd.DataFrame()
    wide = df.assign(year=[fmt.school_year(y) for y in df["school_year"]]).pivot_table(
        index=["table", "municipality"], columns="year", values="rows", aggfunc="sum", fill_value=0, sort=False)
    wide = wide[sorted(wide.columns)].reset_index()
    return wide.rename(columns={"table": view.tr("Tabel", "Table"), "municipality": view.tr("Kommune", "Municipality")})


def show(f, scope, view: View) -> None:
    """The data-quality view for the filters' municipalities within the role."""
    st.caption(view.tr("Hvilke tal kan man stole på? Nyeste data, svarprocenter og fejl i data for de kommuner, din rolle "
                       "ser. Tællingerne er af poster i registrene, ikke af børn i små grupper.",
                       "Which figures can you trust? The newest data, response rates and errors in the data for the "
                       "municipalities your role sees. The counts are of records in the registers, not of children in "
                       "small groups."))
    st.subheader(view.tr("Kort fortalt", "In short"))
    st.markdown("\n".join(f"- {line}" for line in run(qr.summary, f, scope)))
    section(view, view.tr("Nyeste data", "Newest data"), rows=latest(run(q.latest_dates, f, scope), view),
            name="datakvalitet_nyeste")
    r = run(qr.response_rates, f, scope)
    low = int(r.loc[~r["suppressed"], "low"].sum())
    section(view, view.tr("Svarprocent i trivselsmålingen: {n} af {t} runder under 70 %",
                          "Wellbeing survey response rate: {n} of {t} rounds under 70%", n=low, t=int((~r["suppressed"]).sum())),
            rows=rates(r, view), name="datakvalitet_svarprocent",
            definition=view.tr("Svarprocent = besvarelser / elever på de klassetrin, målingen gælder, på tælledagen. Under "
                               "70 % kan de, der ikke svarede, trække gennemsnittet skævt.", "Response rate = responses / "
                               "pupils in the survey's grades on the count date. Under 70%, those who did not answer can "
                               "bias the mean."))
    o = run(q.overlapping_placements, f, scope)
    section(view, view.tr("Overlappende placeringer: {n} børn i alt", "Overlapping placements: {n} children in all",
                          n=fmt.integer(o["children"].sum(), view.lang)), rows=overlaps(o, view),
            name="datakvalitet_overlap")
    w = run(q.out_of_range, f, scope)
    section(view, view.tr("Værdier uden for det mulige: {n}", "Values out of range: {n}",
                          n=fmt.integer(w["rows"].sum(), view.lang)), rows=wrong(w, view), name="datakvalitet_udenfor")
    m = run(q.missing_values, f, scope)
    section(view, view.tr("Manglende værdier: {n} felter", "Missing values: {n} fields",
                          n=fmt.integer(int((m["rows_missing"] > 0).sum()), view.lang)), rows=missing(m, view),
            name="datakvalitet_mangler")
    section(view, view.tr("Rækker pr. skoleår", "Rows per school year"), rows=counts(run(q.row_counts, f, scope), view),
            name="datakvalitet_raekker")
