"""The attacks of tests/privacy/test_differencing.py, and a measurement of what they recover.

    python -m tests.privacy.attacks [DATABASE_URL]     # default: the demo database data/indblik.db

prints, for the demo data, how many small groups each attack reaches and how far off the attacker
is with and without the cell-key perturbation, and how far the perturbation moves the figures of a
municipality (the largest change in a shown mean and share) — the figures docs/privacy.md states.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from queries import contract, effekt, overgange, trivsel
from queries.filters import Filters, Scope

ALL = Scope()
SMALL = range(1, 5)


@dataclass
class Recovered:
    """What the attacks recovered: per hidden small group, the true and the recovered count, and for
    groups with a score the true mean, the recovered mean and the naive guess (the surrounding mean)."""

    counts: list[tuple[float, float]] = field(default_factory=list)
    means: list[tuple[float, float, float]] = field(default_factory=list)

    def count(self, true: float, recovered: float) -> None:
        self.counts.append((true, recovered))

    def mean(self, true: float, recovered: float, guess: float) -> None:
        self.means.append((true, recovered, guess))


# --- the truth, from the raw rows ------------------------------------------------------------------
def _scores(conn) -> pd.DataFrame:
    r, sc = s.survey_response, s.survey_score
    return pd.read_sql(sa.select(r.c.institution_id, r.c.school_year, r.c.klassetrin, r.c.gender, sc.c.indicator_code,
                                 sc.c.score).join_from(sc, r, r.c.id == sc.c.response_id), conn)


# --- the attacks -----------------------------------------------------------------------------------
def _by(df: pd.DataFrame, *keys) -> dict:
    shown = df[~df["suppressed"].astype(bool)]
    return {tuple(k): r for k, r in zip(shown[list(keys)].itertuples(index=False), shown.itertuples())}


def attack_school_minus_boys(conn, out: Recovered, schools: list[int], truth: pd.DataFrame) -> None:
    """Trivsel: a school's indicator per year minus the same school's boys = its girls."""
    for inst in schools:
        every = _by(trivsel.indicator_trend(conn, Filters(institution=inst), ALL), "indicator_code", "school_year")
        boys = _by(trivsel.indicator_trend(conn, Filters(institution=inst, gender="dreng"), ALL),
                   "indicator_code", "school_year")
        girls = truth[(truth["institution_id"] == inst) & (truth["gender"] == "pige")]
        for (code, year), g in girls.groupby(["indicator_code", "school_year"])["score"]:
            if len(g) not in SMALL or (code, year) not in every or (code, year) not in boys:
                continue
            a, b = every[(code, year)], boys[(code, year)]
            n = a.n - b.n
            out.count(len(g), n)
            if n > 0:
                out.mean(g.mean(), (a.mean * a.n - b.mean * b.n) / n, a.mean)


def attack_grade_range(conn, out: Recovered, schools: list[int], truth: pd.DataFrame) -> None:
    """Trivsel: a school's grades 4-9 minus grades 4-8 = its 9. klasse."""
    for inst in schools:
        wide = _by(trivsel.indicator_trend(conn, Filters(institution=inst, grades=(4, 9)), ALL), "indicator_code",
                   "school_year")
        short = _by(trivsel.indicator_trend(conn, Filters(institution=inst, grades=(4, 8)), ALL), "indicator_code",
                    "school_year")
        ninth = truth[(truth["institution_id"] == inst) & (truth["klassetrin"] == 9)]
        for (code, year), g in ninth.groupby(["indicator_code", "school_year"])["score"]:
            if len(g) not in SMALL or (code, year) not in wide or (code, year) not in short:
                continue
            a, b = wide[(code, year)], short[(code, year)]
            n = a.n - b.n
            out.count(len(g), n)
            if n > 0:
                out.mean(g.mean(), (a.mean * a.n - b.mean * b.n) / n, a.mean)


def attack_sending_years(conn, out: Recovered) -> None:
    """Overgange: the sending funnel over 2017-2025 minus 2017-2024 = each school's children sent in 2025."""
    a = _by(overgange.sending_funnel(conn, Filters(years=(2017, 2025)), ALL).points, "institution_id")
    b = _by(overgange.sending_funnel(conn, Filters(years=(2017, 2024)), ALL).points, "institution_id")
    for inst, k in _sent_in(conn, 2025).items():
        if k in SMALL and (inst,) in a and (inst,) in b:
            out.count(k, a[(inst,)].count - b[(inst,)].count)


def _sent_in(conn, year: int) -> dict[int, int]:
    """Per ordinary school: its pupils last year who are in special provision this year (raw snapshots)."""
    snap, inst = s.placement_snapshot, s.institution
    df = pd.read_sql(sa.select(snap.c.child_id, snap.c.school_year, snap.c.institution_id, snap.c.provision_form,
                               inst.c.municipality_kode, inst.c.kind).join_from(snap, inst, inst.c.id == snap.c.institution_id)
                     .where(snap.c.school_year.in_([year - 1, year])), conn)
    df = df[df["kind"] == "skole"]
    before, now = df[df["school_year"] == year - 1], df[df["school_year"] == year]
    both = before.merge(now, on=["child_id", "municipality_kode"], suffixes=("_0", "_1"))
    grade = pd.read_sql(sa.select(s.child.c.id, s.child.c.birth_year), conn).set_index("id")["birth_year"]
    both = both[(year - both["child_id"].map(grade) - 6).between(1, 9)]
    sent = both[(both["provision_form_0"] == "almen") & (both["provision_form_1"] != "almen")]
    return sent.groupby("institution_id_0").size().to_dict()


def attack_girls_tilgang(conn, out: Recovered, kommuner: list[int]) -> None:
    """Overgange: tilgang and afgang counts of a municipality minus its boys = its girls."""
    for kode in kommuner:
        every = _by(overgange.tilgang_afgang(conn, Filters(kommune=kode), ALL), "school_year", "measure")
        boys = _by(overgange.tilgang_afgang(conn, Filters(kommune=kode, gender="dreng"), ALL), "school_year", "measure")
        for (year, measure), true in _girls_moved(conn, kode).items():
            if true in SMALL and (year, measure) in every and (year, measure) in boys:
                out.count(true, every[(year, measure)].count - boys[(year, measure)].count)


def _girls_moved(conn, kode: int) -> dict:
    tr = s.transition_summary  # counts of children per transition, read here without the app's query
    df = pd.read_sql(sa.select(tr.c.school_year, tr.c.from_form, tr.c.to_form, tr.c.gender, tr.c.n)
                     .where(tr.c.municipality_kode == kode, tr.c.gender == "pige"), conn)
    seg = df["to_form"].isin(overgange.SEGREGATED)
    t = df[(df["from_form"] == "almen") & seg].groupby("school_year")["n"].sum()
    a = df[df["from_form"].isin(overgange.SEGREGATED) & (df["to_form"] == "almen")].groupby("school_year")["n"].sum()
    return {**{(y, "tilgang"): int(v) for y, v in t.items()}, **{(y, "afgang"): int(v) for y, v in a.items()}}


def attack_compare_vs_overview(conn, out: Recovered, kommuner: list[int]) -> None:
    """Effekt: the total minus the interventions shown minus those "Sammenlign" shows = a hidden one."""
    for kode in kommuner:
        f = Filters(kommune=kode)
        change = effekt.change(conn, f, ALL, "sdq_total")
        total = change[change["level"] == "alle"]
        if total.empty or total["suppressed"].iloc[0]:
            continue
        ivs = change[change["level"] == "indsats"]
        small = ivs[ivs["suppressed_why"] == "small"]
        if len(small) != 1:  # one hidden for its size: the others hidden to protect it
            continue
        n, sum_y = total["n"].iloc[0], total["improvement"].iloc[0] * total["n"].iloc[0]
        for r in ivs[~ivs["suppressed"]].itertuples():
            n, sum_y = n - r.n, sum_y - r.improvement * r.n
        for r in ivs[ivs["suppressed_why"] == "protect"].itertuples():
            c = effekt.compare(conn, f, ALL, "sdq_total", int(r.intervention_id))
            if c["suppressed"].any():
                break
            n, sum_y = n - c["n"].iloc[0], sum_y - c["mean"].iloc[0] * c["n"].iloc[0]
        else:
            true = _improvements(conn, int(small["intervention_id"].iloc[0]))
            if len(true) in SMALL:
                out.count(len(true), n)


def _improvements(conn, iv: int) -> pd.Series:
    f = s.forloeb_summary
    df = pd.read_sql(sa.select(f.c.pre, f.c.post).where(f.c.intervention_id == iv, f.c.pre.is_not(None),
                                                        f.c.post.is_not(None)), conn)
    return df["pre"] - df["post"]


def attack_return_step(conn, out: Recovered, kommuner: list[int]) -> None:
    """Overgange: children still followed × the step of the return curve = the children who returned."""
    for kode in kommuner:
        km = overgange.return_curve(conn, Filters(kommune=kode), ALL).sort_values("time")
        shown = km[~km["suppressed"].astype(bool)]
        surv = 1 - shown["back"].to_numpy()
        for i in range(1, len(shown)):
            t = int(shown["time"].iloc[i])
            if int(shown["time"].iloc[i - 1]) != t - 1:
                continue
            true = _returned(conn, kode, t)
            if true in SMALL:
                out.count(true, shown["at_risk"].iloc[i] * (1 - surv[i] / surv[i - 1]))


def _returned(conn, kode: int, t: int) -> int:
    ret = s.return_summary
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.sum(ret.c.n), 0))
                            .where(ret.c.municipality_kode == kode, ret.c.duration == t, ret.c.returned == 1)).scalar())


def run_attacks(engine) -> Recovered:
    out = Recovered()
    with engine.connect() as conn:
        truth = _scores(conn)
        inst = s.institution
        schools = [int(i) for (i,) in conn.execute(sa.select(inst.c.id).where(inst.c.kind == "skole"))]
        kommuner = [int(k) for (k,) in conn.execute(sa.select(s.municipality.c.kode))]
        attack_school_minus_boys(conn, out, schools, truth)
        attack_grade_range(conn, out, schools, truth)
        attack_sending_years(conn, out)
        attack_girls_tilgang(conn, out, kommuner)
        attack_compare_vs_overview(conn, out, kommuner)
        attack_return_step(conn, out, kommuner)
    return out




# --- the measurement -------------------------------------------------------------------------------
class _Unperturbed:
    """The cell-key method switched off while inside (the app as it was before it)."""

    def __enter__(self):
        self.saved = contract.count_noise, contract.magnitude_noise
        contract.count_noise = lambda counts, keys, threshold: np.zeros(len(counts), dtype="int64")
        contract.magnitude_noise = lambda keys, salt: np.zeros(len(keys))

    def __exit__(self, *exc):
        contract.count_noise, contract.magnitude_noise = self.saved


def municipality_movement(engine) -> dict[str, float]:
    """The largest change the perturbation makes in a municipality's shown figures: a wellbeing mean
    (points), the inklusionsgrad and the tilgang/afgang rates (percentage points), per year."""
    queries = {"trivsel mean (points)": (trivsel.indicator_trend, "mean", ("indicator_code", "school_year"), 1),
               "inklusionsgrad (pp)": (overgange.inklusion_trend, "inklusionsgrad", ("school_year",), 100),
               "tilgang/afgang rate (pp)": (overgange.tilgang_afgang, "rate", ("school_year", "measure"), 100)}
    out = dict.fromkeys(queries, 0.0)
    with engine.connect() as conn:
        for kode in [int(k) for (k,) in conn.execute(sa.select(s.municipality.c.kode))]:
            for label, (fn, col, keys, unit) in queries.items():
                with _Unperturbed():
                    exact = fn(conn, Filters(kommune=kode), ALL).set_index(list(keys))[col]
                shown = fn(conn, Filters(kommune=kode), ALL).set_index(list(keys))[col]
                out[label] = max(out[label], float(np.nanmax(np.abs(shown - exact.reindex(shown.index))) * unit))
    return out


def summary(out: Recovered) -> str:
    c, m = np.array(out.counts), np.array(out.means)
    err = np.abs(c[:, 1] - c[:, 0])
    merr = np.abs(m[:, 1] - m[:, 0])
    beats = np.mean(merr < np.abs(m[:, 2] - m[:, 0]))
    return (f"{len(c)} small groups' counts: exact {np.mean(err < 0.5):.0%}, off by {err.mean():.2f} on average; "
            f"{len(m)} small groups' means: off by {merr.mean():.2f} points on average, closer than the plain guess "
            f"in {beats:.0%}")


def main(argv: list[str]) -> int:
    from data.config import DEFAULT_URL
    from data.db import prepare
    url = argv[0] if argv else DEFAULT_URL
    if url == DEFAULT_URL:
        prepare(url)
    engine = sa.create_engine(url)
    with _Unperturbed():
        print("without the cell-key method:", summary(run_attacks(engine)))
    print("with it:                    ", summary(run_attacks(engine)))
    for label, value in municipality_movement(engine).items():
        print(f"largest change in a municipality's {label}: {value:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
