"""Benchmark of the Overgange page's queries: the app path (summary tables, aggregated in SQL) against
the naive path (pull the pupils' snapshot rows into pandas and aggregate there), in one run.

    python -m bench.overgange [URL ...]

Default: the demo database (data/indblik.db, upgraded to the current schema first) and, when it
exists, the national-scale SQLite file of bench.national (/tmp/indblik_national.db). The page total
is the sum of the app path's queries (what one uncached page view runs).

The naive path reads every child's snapshot row (with its institution and birth year), works out
pupils, transitions between consecutive years and entries into special provision in pandas with
the definitions of queries/overgange.py, filters them there with the case's filters, and finishes
with the same formulas (Wilson intervals from stats.means, funnel limits, a Kaplan-Meier estimate
written out from the individual durations). The harness checks that it gives the figures the app
shows before it times anything.
"""
from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import sqlalchemy as sa
from scipy import stats as sps

from bench.harness import Case, Same, compare, naive_filter, with_centre
from data.config import DEFAULT_URL
from data.db import migrate
from queries import overgange as q
from queries.filters import Filters, Scope
from queries.privacy import min_n
from stats.funnel import Z95, Z998, funnel_position
from stats.means import proportion_ci

F, ALL = Filters(), Scope()
NATIONAL = "/tmp/indblik_national.db"
SEGREGATED = list(q.SEGREGATED)


def _latest(conn) -> int:
    return max(q.transition_years(conn, F, ALL))


def _kommune(conn) -> int:
    return conn.execute(sa.text("SELECT min(kode) FROM municipality")).scalar()


# --- naive: raw rows into pandas ------------------------------------------------------------------
def _snapshots(conn) -> pd.DataFrame:
    """Every child's snapshot row with its institution's kind, municipality and name and the child's
    birth year, into pandas."""
    snap, inst, child = (sa.table(n, *(sa.column(c) for c in cols)) for n, cols in (
        ("placement_snapshot", ("school_year", "child_id", "institution_id", "provision_form", "klassetrin", "gender")),
        ("institution", ("id", "name", "kind", "municipality_kode")), ("child", ("id", "birth_year"))))
    qq = (sa.select(snap.c.school_year, snap.c.child_id, snap.c.institution_id, snap.c.provision_form, snap.c.klassetrin,
                    snap.c.gender, inst.c.kind, inst.c.name.label("institution"), inst.c.municipality_kode,
                    child.c.birth_year)
          .select_from(snap.join(inst, inst.c.id == snap.c.institution_id).join(child, child.c.id == snap.c.child_id)))
    return pd.read_sql(qq, conn)


def _pupils(conn) -> tuple[pd.DataFrame, set[int]]:
    """Pupils (snapshot rows at a school) with their grade from the birth year, and the snapshot years."""
    df = _snapshots(conn)
    years = set(df["school_year"].tolist())
    df = df[df["kind"] == "skole"].copy()
    df["grade"] = df["school_year"] - df["birth_year"] - 6
    return df, years


def _transitions(pupils: pd.DataFrame, years: set[int]) -> pd.DataFrame:
    """One row per transition: pupils in 1.-9. klasse this year (school_year) compared with last year in
    the same municipality — 'ind' when not a pupil of the municipality last year, 'ud' when not this year."""
    key = ["child_id", "municipality_kode", "school_year"]
    p = pupils[[*key, "institution_id", "provision_form", "gender", "grade"]]
    now = p[p["school_year"].isin(years) & (p["school_year"] - 1).isin(years)]
    before = p[(p["school_year"] + 1).isin(years)].assign(school_year=lambda d: d["school_year"] + 1)
    before = before[(before["grade"] + 1).between(1, 9)]
    left = before.merge(now[[*key, "institution_id", "provision_form"]], on=key, how="left", suffixes=("_0", "_1"))
    left = pd.DataFrame({"school_year": left["school_year"], "municipality_kode": left["municipality_kode"],
                         "from_institution_id": left["institution_id_0"], "to_institution_id": left["institution_id_1"],
                         "from_form": left["provision_form_0"], "to_form": left["provision_form_1"].fillna(q.UD),
                         "klassetrin": left["grade"] + 1, "gender": left["gender"], "child_id": left["child_id"]})
    new = now[now["grade"].between(1, 9)].merge(before[key], on=key, how="left", indicator=True)
    new = new[new["_merge"] == "left_only"]
    new = pd.DataFrame({"school_year": new["school_year"], "municipality_kode": new["municipality_kode"],
                        "from_institution_id": np.nan, "to_institution_id": new["institution_id"],
                        "from_form": q.IND, "to_form": new["provision_form"], "klassetrin": new["grade"],
                        "gender": new["gender"], "child_id": new["child_id"]})
    return pd.concat([left, new], ignore_index=True)


def _filter(df: pd.DataFrame, filters: Filters, **cols) -> pd.DataFrame:
    """The Overgange filters in pandas: the municipality of the rows' schools (a pupil's own and its
    ordinary school, a transition's two schools, are all in one municipality), year, grade, gender;
    tilbudsform does not filter a measure that is a distribution over forms (as in the app)."""
    return naive_filter(df, filters, **{"kommune": "municipality_kode", "years": "school_year",
                                        "grades": "klassetrin", "gender": "gender", "tilbudsform": None, **cols})


def _wilson(out: pd.DataFrame, k: str, n: str, name: str) -> pd.DataFrame:
    out[name], out["ci_low"], out["ci_high"] = proportion_ci(out[k].to_numpy(dtype="float64"),
                                                             out[n].to_numpy(dtype="float64"))
    return out


# --- naive paths ------------------------------------------------------------------------------------
def naive_trend(conn, filters: Filters) -> pd.DataFrame:
    """Per year: pupils, segregated, almen, inklusionsgrad with its Wilson interval, segregeringsgrad."""
    pupils, _ = _pupils(conn)
    df = _filter(pupils, filters)
    out = (df.assign(seg=df["provision_form"] != "almen").groupby("school_year")
           .agg(n=("seg", "size"), segregated=("seg", "sum")).reset_index())
    out["almen"] = out["n"] - out["segregated"]
    out = _wilson(out, "almen", "n", "inklusionsgrad")
    out["segregeringsgrad"] = 1 - out["inklusionsgrad"]
    return out


def naive_flows(conn, filters: Filters, year: int) -> pd.DataFrame:
    """Children per (last year's form | ind) -> (this year's form | ud) in the year."""
    t = _filter(_transitions(*_pupils(conn)), filters.in_year(year))
    return t.groupby(["from_form", "to_form"]).size().rename("n").reset_index()


def naive_tilgang_afgang(conn, filters: Filters) -> pd.DataFrame:
    """Per year: tilgang (ordinary last year -> segregated) and afgang (segregated -> ordinary), with
    their bases, rates and Wilson intervals."""
    t = _filter(_transitions(*_pupils(conn)), filters)
    almen, seg_from, seg_to = t["from_form"] == "almen", t["from_form"].isin(SEGREGATED), t["to_form"].isin(SEGREGATED)
    flags = pd.DataFrame({"school_year": t["school_year"], "n_t": almen, "k_t": almen & seg_to,
                          "n_a": seg_from, "k_a": seg_from & (t["to_form"] == "almen")})
    wide = flags.groupby("school_year").sum().reset_index()
    out = pd.concat([wide.assign(measure=m, n=wide[f"n_{s}"], count=wide[f"k_{s}"])
                     for m, s in (("afgang", "a"), ("tilgang", "t"))], ignore_index=True)
    return _wilson(out, "count", "n", "rate")


def _entries(pupils: pd.DataFrame) -> pd.DataFrame:
    """Children entering special provision (ordinary last year in the municipality, segregated this
    year, 1.-9. klasse): entry year, form, grade, gender, duration in special provision and whether
    they came back to an ordinary class (else censored: left, a year without a placement, the last
    data year, or past 9. klasse)."""
    grp = ["child_id", "municipality_kode"]
    sp = pupils[pupils["provision_form"] != "almen"].sort_values([*grp, "school_year"])
    sp = sp.assign(run=sp["school_year"] - sp.groupby(grp).cumcount())  # consecutive years share a run
    years = sp.groupby([*grp, "run"])["school_year"]
    sp = sp.assign(first=years.transform("min"), last=years.transform("max"))
    e = sp[sp["school_year"] == sp["first"]]
    last_year = pupils[[*grp, "school_year", "provision_form"]].assign(school_year=lambda d: d["school_year"] + 1)
    e = e.merge(last_year.rename(columns={"provision_form": "form_before"}), on=[*grp, "school_year"])
    e = e[(e["form_before"] == "almen") & e["grade"].between(1, 9)]
    seen = pupils[[*grp, "school_year"]].rename(columns={"school_year": "after"}).assign(back=True)
    e = e.assign(after=e["last"] + 1).merge(seen, on=[*grp, "after"], how="left")
    cap = e["school_year"] + 9 - e["grade"]
    returned = (e["last"] < cap) & e["back"].notna()
    duration = np.where(returned, e["last"] + 1 - e["school_year"], np.minimum(e["last"], cap) - e["school_year"])
    return pd.DataFrame({"school_year": e["school_year"], "municipality_kode": e["municipality_kode"],
                         "entry_form": e["provision_form"], "klassetrin": e["grade"], "gender": e["gender"],
                         "duration": duration, "returned": returned.to_numpy()})


def naive_return(conn, filters: Filters) -> pd.DataFrame:
    """Kaplan-Meier of the return to an ordinary class, from the individual entries: time, at_risk,
    entered, back = 1 - S(t) with Greenwood's variance on the log(-log) scale."""
    e = _filter(_entries(_pupils(conn)[0]), filters, tilbudsform="entry_form")
    entered = len(e)
    e = e[e["duration"] >= 1]
    if e.empty:  # nobody followed a whole year: no curve (as in the app)
        return pd.DataFrame(columns=["time", "at_risk", "entered", "back", "back_low", "back_high"])
    dur, ret = e["duration"].to_numpy(), e["returned"].to_numpy()
    times = np.unique(dur)
    at_risk = len(dur) - np.searchsorted(np.sort(dur), times)  # still followed just before t
    events = np.array([(ret & (dur == t)).sum() for t in times], dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        surv = np.cumprod(1 - events / at_risk)
        se = np.sqrt(np.cumsum(np.where(events > 0, events / (at_risk * (at_risk - events)), 0.0))) / np.abs(np.log(surv))
        z = sps.norm.ppf(0.975)
        lower, upper = surv ** np.exp(z * se), surv ** np.exp(-z * se)
    lower = np.where(surv == 1, 1.0, np.where(surv == 0, np.nan, lower))
    upper = np.where(surv == 1, 1.0, np.where(surv == 0, np.nan, upper))
    surv, lower, upper = np.r_[1.0, surv], np.r_[1.0, lower], np.r_[1.0, upper]
    return pd.DataFrame({"time": np.r_[0, times], "at_risk": np.r_[entered, at_risk], "entered": entered,
                         "back": 1 - surv, "back_low": 1 - upper, "back_high": 1 - lower})


def _exact_limits(p0: float, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Spiegelhalter (2005) A.1.1 written out with scipy's binomial: the tail quantile r, interpolated below."""
    out = []
    for tail in (sps.norm.cdf(-z), sps.norm.cdf(z)):
        r = sps.binom.ppf(tail, n, p0)
        f, f_below = sps.binom.cdf(r, n, p0), sps.binom.cdf(r - 1, n, p0)
        out.append(np.clip((r - np.where(f > f_below, (f - tail) / (f - f_below), 0.0)) / n, 0, 1))
    return out[0], out[1]


def naive_funnel(conn, filters: Filters) -> pd.DataFrame:
    """Per ordinary school (last year's): its children (each once, over the filtered years) and those of
    them in special provision the next year at least once, the rate, exact binomial funnel limits around
    the overall rate, position; the centre on every row (NaN when the population or its count is under
    the threshold)."""
    pupils, years = _pupils(conn)
    t = _filter(_transitions(pupils, years), filters)
    t = t[t["from_form"] == "almen"]
    per_child = (t.assign(sent=t["to_form"].isin(SEGREGATED)).groupby(["from_institution_id", "child_id"])["sent"]
                 .max().reset_index())
    out = (per_child.groupby("from_institution_id").agg(n=("sent", "size"), count=("sent", "sum")).reset_index()
           .rename(columns={"from_institution_id": "institution_id"}))
    names = pupils[["institution_id", "institution"]].drop_duplicates()
    out = out.merge(names, on="institution_id")
    n, count, k = out["n"].sum(), out["count"].sum(), min_n()
    centre = count / n if n >= k and not 0 < count < k else np.nan
    out["rate"] = out["count"] / out["n"]
    for z, lo, hi in ((Z95, "lower95", "upper95"), (Z998, "lower998", "upper998")):
        out[lo], out[hi] = _exact_limits(centre, out["n"].to_numpy(dtype="float64"), z)
    out["position"] = funnel_position(out["rate"].to_numpy(), *(out[c].to_numpy() for c in
                                                                ("lower95", "upper95", "lower998", "upper998")))
    out["centre"] = centre
    return out


_RATE = ("ci_low", "ci_high")
TREND = Same(keys=("school_year",), exact=("n", "segregated", "almen"),
             close=("inklusionsgrad", *_RATE, "segregeringsgrad"))  # landstal: a national reference, not compared

CASES = [
    Case("transition_years", lambda c: q.transition_years(c, F, ALL)),
    Case("inklusion_trend", lambda c: q.inklusion_trend(c, F, ALL), lambda c: naive_trend(c, F), TREND),
    Case("inklusion_split (distrikt)", lambda c: q.inklusion_split(c, F, ALL, "distrikt", _latest(c))),
    Case("tilgang_afgang", lambda c: q.tilgang_afgang(c, F, ALL), lambda c: naive_tilgang_afgang(c, F),
         Same(keys=("school_year", "measure"), exact=("n", "count"), close=("rate", *_RATE))),
    Case("flows (Sankey)", lambda c: q.flows(c, F, ALL, _latest(c)), lambda c: naive_flows(c, F, _latest(c)),
         Same(keys=("from_form", "to_form"), exact=("n",))),
    Case("return_curve (Kaplan-Meier)", lambda c: q.return_curve(c, F, ALL), lambda c: naive_return(c, F),
         Same(keys=("time",), exact=("at_risk", "entered"), close=("back", "back_low", "back_high"), cells=("entered",))),
    Case("return_by_form", lambda c: q.return_by_form(c, F, ALL)),
    Case("school_start", lambda c: q.school_start(c, F, ALL)),
    Case("sending_funnel", lambda c: q.sending_funnel(c, F, ALL), lambda c: naive_funnel(c, F),
         Same(keys=("institution_id",), exact=("institution", "n", "count", "position"),
              close=("rate", "lower95", "upper95", "lower998", "upper998", "centre"), view=with_centre)),
    Case("inklusion_trend, one kommune", lambda c: q.inklusion_trend(c, Filters(kommune=_kommune(c)), ALL),
         lambda c: naive_trend(c, Filters(kommune=_kommune(c))), TREND),
]


def main(argv: list[str]) -> int:
    urls = argv or [DEFAULT_URL] + ([f"sqlite:///{NATIONAL}"] if os.path.exists(NATIONAL) else [])
    for url in urls:
        migrate(sa.create_engine(url))  # the summary tables exist and are filled (no-op when current)
        compare(url, CASES, repeat=7, naive_repeat=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
