"""Overgange queries against the hand-made placements (tests/fixture_overgange.py), on SQLite and
PostgreSQL. Every expected figure is worked out by hand from the episodes in the fixture.

Pupils on the count date (5 September), by municipality (530 Billund / 169 Høje-Taastrup):
  2022  530: Alfa 28 (1001, 1002, 1004, S20, E5), Beta 8 (1003, 1005, B6); all ordinary.  169: Gamma 8.
  2023  530: Alfa 25 (S20, E5), Beta 6 (B6) ordinary; specialklasse 1001, specialskole 1002,
        mellemform 1004 (overlap: the later start wins), dagbehandling 1005 -> 31 + 4 = 35.
        1003 has no placement (skips a year); 1006's only episode covers no count date.  169: Gamma 8.
  2024  530: Alfa 22 (1001 back, S20, 1008 moved in), Beta 8 (1003 back, B6, 1007) ordinary;
        specialklasse E5, specialskole 1002 + 1005, mellemform 1004 -> 30 + 8 = 38.
        169: Gamma 6 ordinary, Delta 1009 -> 7.
  2025  530: Alfa 51 (1001, S20, 1008, SA29), Beta 8; specialklasse E5 + SD6 = 11, specialskole
        1005 + SS5 = 6, mellemform 1004 -> 59 + 18 = 77.  169: Gamma 6, Delta 1009 -> 7.
"""
import math

import numpy as np
import pandas as pd
import pytest

from queries import overgange as q
from queries.filters import Filters, Scope
from tests.helpers import row
from tests import fixture_overgange as fo
from tests.fixture_overgange import ALFA, BETA, GAMMA

ALL = Scope()
F = Filters()
B530 = Filters(kommune=530)




def wilson(k, n, z=1.959964):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_inklusion_trend_by_hand(conn):
    df = q.inklusion_trend(conn, B530, ALL)
    assert list(df["school_year"]) == [2022, 2023, 2024, 2025]
    r22, r23, r24, r25 = (row(df, school_year=y) for y in (2022, 2023, 2024, 2025))
    assert r22["n"] == 36 and r22["inklusionsgrad"] == pytest.approx(1.0)
    # 2023: 4 segregated pupils (1-4 children in special provision): suppressed, not 0
    assert r23["suppressed"] and pd.isna(r23["inklusionsgrad"]) and pd.isna(r23["n"]) and pd.isna(r23["segregated"])
    # 2024: 30 of 38 ordinary = 0.789474; 8 segregated
    assert r24["n"] == 38 and r24["segregated"] == 8 and r24["inklusionsgrad"] == pytest.approx(30 / 38)
    lo, hi = wilson(30, 38)
    assert (r24["ci_low"], r24["ci_high"]) == pytest.approx((lo, hi), abs=1e-6)
    # 2025: 59 of 77 = 0.766234; segregeringsgrad 18/77
    assert r25["n"] == 77 and r25["inklusionsgrad"] == pytest.approx(59 / 77)
    assert r25["segregeringsgrad"] == pytest.approx(18 / 77)
    assert r25["landstal"] == pytest.approx(0.944) and r22["landstal"] == pytest.approx(0.95)
    assert df["school_year"].dtype.kind == "i" and df["n"].dtype.kind == "f"


def test_inklusion_all_municipalities_and_scope(conn):
    # all: 2025 530's 77 + 169's 7 = 84, ordinary 59 + 6 = 65
    r = row(q.inklusion_trend(conn, F, ALL), school_year=2025)
    assert r["n"] == 84 and r["inklusionsgrad"] == pytest.approx(65 / 84)
    # Alfa's leader: pupils at Alfa + pupils Alfa sent to special provision (ref school Alfa):
    # 2025: Alfa 51 + E5 (ref Alfa) + 1004 (ref Alfa) = 57, segregated 6 -> but 6 >= 5 so shown: 51/57
    alfa = Scope(label="Alfa", institution_ids=frozenset({ALFA}))
    r = row(q.inklusion_trend(conn, F, alfa), school_year=2025)
    assert r["n"] == 57 and r["segregated"] == 6 and r["inklusionsgrad"] == pytest.approx(51 / 57)
    # a kommune filter outside the scope gives nothing
    assert q.inklusion_trend(conn, Filters(kommune=169), alfa).empty


def test_inklusion_split(conn):
    inst = q.inklusion_split(conn, F, ALL, "institution", 2025).set_index("label")
    # no ordinary school: SD6 + SS5 started school in special provision -> 11, all segregated
    assert inst.loc["", "n"] == 11 and inst.loc["", "inklusionsgrad"] == 0
    assert inst.loc["Alfa Skole", "n"] == 57 and inst.loc["Alfa Skole", "inklusionsgrad"] == pytest.approx(51 / 57)
    # Beta: 8 ordinary + 1005 (ref Beta) = 9, 1 segregated -> suppressed; Gamma: 6 + 1009 = 7, 1 -> suppressed
    assert inst.loc["Beta Skole", "suppressed"] and inst.loc["Gamma Skole", "suppressed"]
    grade = q.inklusion_split(conn, F, ALL, "klassetrin", 2025).set_index("key")
    # 0. klasse: SA29 + SD6 + SS5 = 40, 11 segregated; 4. klasse: S20 + E5 + 1007 = 26, 5 segregated
    assert grade.loc[0, "n"] == 40 and grade.loc[0, "inklusionsgrad"] == pytest.approx(29 / 40)
    assert grade.loc[4, "n"] == 26 and grade.loc[4, "inklusionsgrad"] == pytest.approx(21 / 26)
    # 5. klasse: 1001, 1002? no (left) -> 1001, 1004 (mellemform), 1008, 1009 (Delta) + G6 = 10, 2 segregated: hidden
    assert grade.loc[5, "suppressed"]
    gender = q.inklusion_split(conn, F, ALL, "koen", 2025).set_index("key")
    # boys 2025: 1001, 1003, 1004, 1008, 1009, S10, B3, E3, G3, SA15, SD4, SS3 = 46; segregated 1004, 1009, E3, SD4, SS3 = 12
    assert gender.loc["dreng", "n"] == 46 and gender.loc["dreng", "segregated"] == 12
    assert gender.loc["pige", "n"] == 38 and gender.loc["pige", "segregated"] == 7


def test_flows_2024_by_hand(conn):
    df = q.flows(conn, B530, ALL, 2024)
    links = {(r.from_form, r.to_form): (r.n, r.suppressed) for r in df.itertuples()}
    # S20 + B6 stay ordinary; E5 ordinary -> specialklasse (tilgang); 1001 back (afgang);
    # 1002 specialskole stays, 1004 mellemform stays, 1005 dagbehandling -> specialskole;
    # 1003 (back after a gap year), 1007 and 1008 (moved in from Høje-Taastrup) come 'ind'
    assert links[("almen", "almen")] == (26, False)
    assert links[("almen", "specialklasse")] == (5, False)
    assert set(links) == {("almen", "almen"), ("almen", "specialklasse"), ("specialklasse", "almen"),
                          ("specialskole", "specialskole"), ("mellemform", "mellemform"),
                          ("dagbehandling", "specialskole"), ("ind", "almen")}
    for key in [("specialklasse", "almen"), ("ind", "almen"), ("dagbehandling", "specialskole")]:
        assert links[key][1] and pd.isna(links[key][0])  # 1 or 3 children: hidden, not 0


def test_flows_out_of_municipality_and_skipped_year(conn):
    # 169 in 2024: G6 stay, 1008 leaves for Billund ('ud'), 1009 Gamma -> Delta (specialskole)
    df = q.flows(conn, Filters(kommune=169), ALL, 2024)
    assert set(zip(df["from_form"], df["to_form"])) == {("almen", "almen"), ("almen", "ud"), ("almen", "specialskole")}
    assert row(df, from_form="almen", to_form="almen")["n"] == 6
    # 530 in 2023: 1003 (gap year) goes 'ud'; nobody comes in
    d23 = q.flows(conn, B530, ALL, 2023)
    assert ("almen", "ud") in set(zip(d23["from_form"], d23["to_form"]))
    assert "ind" not in set(d23["from_form"])
    # 2025: 1002 left on 31.12.2024 -> specialskole -> ud
    d25 = q.flows(conn, B530, ALL, 2025)
    assert ("specialskole", "ud") in set(zip(d25["from_form"], d25["to_form"]))
    assert row(d25, from_form="almen", to_form="almen")["n"] == 30


def test_tilgang_afgang_by_hand(conn):
    df = q.tilgang_afgang(conn, B530, ALL)
    t = df[df["measure"] == "tilgang"].set_index("school_year")
    a = df[df["measure"] == "afgang"].set_index("school_year")
    # 2023: 1001, 1002, 1004, 1005 = 4 of 36 ordinary -> fewer than 5 children: hidden
    assert t.loc[2023, "suppressed"] and pd.isna(t.loc[2023, "rate"])
    # 2024: E5 of 31 ordinary last year (S20, E5, B6) = 0.16129
    assert t.loc[2024, "count"] == 5 and t.loc[2024, "n"] == 31 and t.loc[2024, "rate"] == pytest.approx(5 / 31)
    # 2025: none of 30 ordinary last year
    assert t.loc[2025, "count"] == 0 and t.loc[2025, "n"] == 30 and not t.loc[2025, "suppressed"]
    # afgang 2024: 1001 of 4 segregated -> hidden; 2025: 0 of 8 (E5, 1002, 1005, 1004)
    assert a.loc[2024, "suppressed"]
    assert a.loc[2025, "count"] == 0 and a.loc[2025, "n"] == 8


# entries: 2023 1001 (back after 1 year), 1002 (censored at 1: left), 1004 and 1005 (censored at 2:
# still in special in 2025), 2024 E5 (censored at 1), 1009 (censored at 1) -> 10 children
FIXTURE_LIFE = {"duration": np.array([1, 1, 2]), "returned": np.array([1, 0, 0]), "n": np.array([1, 7, 2]),
                "_key": np.zeros(3, dtype=object)}


def test_return_curve_by_hand(conn):
    km = q.return_curve(conn, F, ALL).set_index("time")
    assert km.loc[0, "entered"] == 10 and km.loc[0, "back"] == 0
    assert pd.isna(km.loc[1, "events"]) and pd.isna(km.loc[1, "censored"])  # a hidden point hides its counts too
    # t=1: 10 at risk, 1 back: one child is a small group, so the point is hidden (else 10 × 0,1 gives 1)
    assert km.loc[1, "suppressed"] and pd.isna(km.loc[1, "back"])
    assert km.loc[2, "suppressed"] and pd.isna(km.loc[2, "back"])  # t=2: 2 at risk (<5)


def test_return_curve_shows_a_reviewer_its_events_and_censorings(conn, unsuppressed):
    # t=1: 10 followed, 1001 back, 7 no longer followed (1002 left, E5 and 1009 at the last data year);
    # t=2: 1004 and 1005 followed, none back, both censored (still in special provision in 2025)
    km = q.return_curve(conn, F, ALL).set_index("time")
    assert list(km["at_risk"]) == [10, 10, 2] and list(km["events"]) == [0, 1, 0]
    assert list(km["censored"]) == [0, 7, 2]


def test_return_curve_maths_on_the_fixtures_life_table():
    # the same 10 entries as a life table (record keys 0: unperturbed): t=1: 10 at risk, 1 back ->
    # S = 9/10; log(-log) CI: Greenwood 1/(10*9) = 0.011111; log S = ln 0.9 = -0.105361;
    # se2 = 0.105409/0.105361 = 1.000457; exp(1.959964*1.000457) = 7.104; S lower = 0.9^7.104 = 0.47301,
    # S upper = 0.9^(1/7.104) = 0.98528 -> back 0.01472 .. 0.52699
    entered, km, returned = q._life_table(FIXTURE_LIFE)
    km = km.set_index("time")
    assert entered == 10 and km.loc[1, "at_risk"] == 10 and 1 - km.loc[1, "survival"] == pytest.approx(0.1)
    # the same written out to full precision: c = exp(z·√(1/90)/|ln 0.9|), S^c and S^(1/c)
    c = math.exp(1.959964 * math.sqrt(1 / 90) / abs(math.log(0.9)))
    assert 1 - km.loc[1, "upper"] == pytest.approx(1 - 0.9 ** (1 / c), rel=1e-6)  # 0.01472
    assert 1 - km.loc[1, "lower"] == pytest.approx(1 - 0.9 ** c, rel=1e-6)        # 0.52699
    assert list(returned) == [0, 1, 1] and km.loc[2, "at_risk"] == 2


def test_return_filters(conn):
    # entry year 2024 only: E5 + 1009, nobody back at t=1 -> back 0
    km = q.return_curve(conn, F, ALL, 2024).set_index("time")
    assert km.loc[0, "entered"] == 6 and km.loc[1, "back"] == 0 and km.loc[1, "at_risk"] == 6
    # specialklasse entered: 1001 (back at 1) + E5 -> t=1: 6 at risk, 1 back: a small group, hidden
    sk = q.return_curve(conn, Filters(tilbudsform="specialklasse"), ALL).set_index("time")
    assert sk.loc[0, "entered"] == 6 and sk.loc[1, "suppressed"] and pd.isna(sk.loc[1, "back"])
    # Beta's leader: only 1005 (sent by Beta) -> 1 child: nothing shown
    beta = q.return_curve(conn, F, Scope(label="Beta", institution_ids=frozenset({BETA})))
    assert beta["suppressed"].all()


def test_return_by_form(conn):
    df = q.return_by_form(conn, F, ALL).set_index("entry_form")
    # specialklasse: 6 entered; back after 1 year is 1 of 6, a small group: hidden (as on the curve);
    # nobody at risk at 2 -> NaN; median not reached; no point of the curve can be shown: followed 0
    assert df.loc["specialklasse", "n"] == 6 and pd.isna(df.loc["specialklasse", "back_1"])
    assert pd.isna(df.loc["specialklasse", "back_2"]) and pd.isna(df.loc["specialklasse", "median"])
    assert df.loc["specialklasse", "followed"] == 0
    # mellemform 1, specialskole 2 (1002, 1009), dagbehandling 1: all hidden
    assert df.loc[["mellemform", "specialskole", "dagbehandling"], "suppressed"].all()


def test_school_start_by_hand(conn):
    df = q.school_start(conn, B530, ALL)
    # only 2025 has 0. klasse pupils: SA29 ordinary, SD6 specialklasse, SS5 specialskole -> 11 of 40
    assert list(df["school_year"]) == [2025]
    r = df.iloc[0]
    assert r["n"] == 40 and r["special"] == 11 and r["share"] == pytest.approx(11 / 40)
    # SD6 were in the ordinary Solsikken on 5.9.2024; SS5 in the Specialbørnehaven
    assert r["from_dagtilbud"] == 6
    # girls only: SA14 + SD2 + SS2 = 18, special 4 (<5) -> hidden
    g = q.school_start(conn, Filters(kommune=530, gender="pige"), ALL).iloc[0]
    assert g["suppressed"] and pd.isna(g["share"])
    # a grade filter without 0. klasse gives no school start at all
    assert q.school_start(conn, Filters(grades=(1, 10)), ALL).empty


def _binom_cdf(r: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(0, r + 1)) if r >= 0 else 0.0


def _exact_limit(n: int, p0: float, tail: float) -> float:
    """Spiegelhalter (2005) A.1.1, written out: the smallest r with F(r) >= tail, interpolated below."""
    r = next(r for r in range(n + 1) if _binom_cdf(r, n, p0) >= tail)
    f, f_below = _binom_cdf(r, n, p0), _binom_cdf(r - 1, n, p0)
    return (r - (f - tail) / (f - f_below)) / n


def test_sending_funnel_counts_children_once_with_exact_limits(conn):
    fu = q.sending_funnel(conn, F, ALL)
    pts = fu.points.set_index("institution_id")
    # Alfa: children in an ordinary class there on a count date 2022-2024 (and in 1.-9. klasse the year
    # after): 1001, 1002, 1004, S20, E5, 1008 = 29 children (75 pupil-years); sent: 1001, 1002, 1004
    # (2023) and E5 (2024) = 8
    assert pts.loc[ALFA, "n"] == 29 and pts.loc[ALFA, "count"] == 8 and pts.loc[ALFA, "rate"] == pytest.approx(8 / 29)
    # Beta: 1003, 1005, B6, 1007 = 9 with 1 (1005); Gamma: 1008, 1009, G6 = 8 with 1 (1009): hidden
    assert pts.loc[BETA, "suppressed"] and pts.loc[GAMMA, "suppressed"]
    # centre 10 of 29 + 9 + 8 = 46 (1008 counts at both of its schools)
    assert fu.centre == pytest.approx(10 / 46) and pts.loc[ALFA, "centre"] == pytest.approx(10 / 46)
    assert pts.loc[ALFA, "spread"] == pytest.approx(math.sqrt(10 / 46 * 36 / 46))
    # exact binomial limits at n = 29 around 10/46 (tails Φ(∓1.959964))
    tail = 0.5 * math.erfc(1.959964 / math.sqrt(2))
    assert pts.loc[ALFA, "lower95"] == pytest.approx(_exact_limit(29, 10 / 46, tail), abs=1e-6)
    assert pts.loc[ALFA, "upper95"] == pytest.approx(_exact_limit(29, 10 / 46, 1 - tail), abs=1e-6)
    assert pts.loc[ALFA, "position"] == "within" and pd.isna(pts.loc[ALFA, "outlier"])
    # exact two-sided p-value: twice the upper tail P(X >= 8), X ~ Bin(29, 10/46); one school: q = p
    p = 2 * (1 - _binom_cdf(7, 29, 10 / 46))
    assert pts.loc[ALFA, "p_value"] == pytest.approx(p) and pts.loc[ALFA, "q_value"] == pytest.approx(p)
    # Billund alone: Beta hidden, so Alfa is hidden too (complementary)
    b = q.sending_funnel(conn, B530, ALL).points
    assert b["suppressed"].all()


def test_no_snapshot_child_is_nowhere(conn):
    # 1006's only episode (1.10.2022-30.6.2023) covers no count date: 2023 Alfa has exactly S20 + E5
    # 2023: Alfa 25 + 1001, 1002, 1004 sent from Alfa = 28 with 3 segregated -> hidden, not 25/28
    assert row(q.inklusion_split(conn, F, ALL, "institution", 2023), label="Alfa Skole")["suppressed"]
    split = q.inklusion_split(conn, F, ALL, "institution", 2022).set_index("label")
    # 2022: Alfa 28 (1001, 1002, 1004, S20, E5) — 1006 not counted
    assert split.loc["Alfa Skole", "n"] == 28


def test_years_and_dtypes(conn):
    assert q.transition_years(conn, F, ALL) == [2023, 2024, 2025]
    assert q.transition_years(conn, Filters(years=(2024, 2024)), ALL) == [2024]
    df = q.tilgang_afgang(conn, F, ALL)
    assert df["school_year"].dtype == np.int64
    assert q.flows(conn, F, ALL, 2030).empty


def test_afgang_for_one_school_counts_every_child_it_has_in_special_provision(conn, unsuppressed):
    # Alfa's children in special provision (last ordinary school Alfa): 2023 1001 (specialklasse),
    # 1002 (specialskole), 1004 (mellemform); 1001 came back in 2024 -> afgang 2024 = 1 of 3.
    # 2024: E5 (specialklasse), 1002 (specialskole, leaves the municipality), 1004 -> 0 of 7 in 2025.
    # (Counted on this year's or last year's school alone, only the child who came back was in the
    # denominator: 1 of 1 = 100 %.)
    a = q.tilgang_afgang(conn, Filters(institution=ALFA), ALL)
    a = a[a["measure"] == "afgang"].set_index("school_year")
    assert a.loc[2024, "n"] == 3 and a.loc[2024, "count"] == 1 and a.loc[2024, "rate"] == pytest.approx(1 / 3)
    assert a.loc[2025, "n"] == 7 and a.loc[2025, "count"] == 0
    # tilgang for Alfa: its ordinary pupils last year; 2024: E5 of S20 + E5 = 25 (1001 was in special)
    t = q.tilgang_afgang(conn, Filters(institution=ALFA), ALL)
    t = t[t["measure"] == "tilgang"].set_index("school_year")
    assert t.loc[2024, "n"] == 25 and t.loc[2024, "count"] == 5
    # Beta: 1005 (dagbehandling 2023, specialskole 2024) belongs to Beta and never came back
    b = q.tilgang_afgang(conn, Filters(institution=BETA), ALL)
    b = b[b["measure"] == "afgang"].set_index("school_year")
    assert b.loc[2024, "n"] == 1 and b.loc[2024, "count"] == 0


def test_a_split_by_school_lists_only_the_filtered_schools(conn, unsuppressed):
    # Specialskolen Billund in 2025: SS5 (never in an ordinary class: counted under no school) and 1005,
    # whose home school is Beta. Filtered to the special school, Beta must not appear as one of its
    # schools (before, the row of 1005 was listed as "Beta Skole", with an inklusionsgrad of 0 %).
    split = q.inklusion_split(conn, Filters(institution=fo.SPSK), ALL, "institution", 2025)
    assert list(split["label"]) == [""] and list(split["n"]) == [5]
    # filtered to Beta, 1005 counts at Beta: B6 + 1003 + 1007 ordinary, 1005 segregated
    beta = q.inklusion_split(conn, Filters(institution=BETA), ALL, "institution", 2025)
    assert list(beta["label"]) == ["Beta Skole"] and list(beta["n"]) == [9] and list(beta["segregated"]) == [1]
