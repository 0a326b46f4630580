"""Data-quality queries (queries.quality) against tests/fixture_quality.py on SQLite and PostgreSQL. Every
expected count is worked out by hand from the rows listed in that module's docstring."""
import datetime as dt

import pandas as pd
import pytest

from data.db import migrate
from queries import quality as q
from queries import quality_rates as qr
from queries.filters import Filters, Scope
from tests import fixture_quality as fq
from tests.conftest import fresh_database
from tests.helpers import row

ALL, F = Scope(), Filters()
LEDER_530 = Scope(label="Leder Alfa", role="leder", municipality_kode=530, own=frozenset({fq.ALFA}))
FORVALTNING_169 = Scope(label="Forvaltning HT", municipality_kode=169)
UDVALG_530 = Scope(label="Udvalg Billund", role="udvalg", municipality_kode=530)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory):
    with fresh_database(request.param, tmp_path_factory) as engine:
        migrate(engine)
        with engine.begin() as c:
            fq.load(c)
        with engine.connect() as c:
            yield c


def counts(df, *keys, value):
    return {tuple(None if pd.isna(v) else v for v in k): int(n)
            for k, n in zip(df[list(keys)].itertuples(index=False), df[value])}


def test_row_counts_by_hand(db):
    df = q.row_counts(db, F, ALL)
    assert list(df.columns) == ["table", "municipality_kode", "municipality", "school_year", "rows"]
    assert counts(df, "table", "municipality_kode", "school_year", value="rows") == {
        ("Trivselsbesvarelser", 169, 2025): 12, ("Trivselsbesvarelser", 530, 2024): 9,
        ("Trivselsbesvarelser", 530, 2025): 5,
        # placements by start year: 530 2020 = children 1-4, 6-10, 30; 2023 = 5; 2024 = the second of 1-4; 2025 = 11
        ("Placeringer", 169, 2019): 9, ("Placeringer", 169, 2024): 1, ("Placeringer", 169, 2025): 1,
        ("Placeringer", 530, 2020): 10, ("Placeringer", 530, 2023): 1, ("Placeringer", 530, 2024): 4,
        ("Placeringer", 530, 2025): 1,
        ("Indsatsforløb", 169, 2025): 1, ("Indsatsforløb", 530, 2024): 3,  # 2025-02-01 is still 2024/25
        ("Målinger", 169, 2025): 3, ("Målinger", 530, 2024): 4,
        ("Mål", 169, 2025): 1, ("Mål", 530, 2024): 2,
        ("Landstal og kommunetal", None, 2024): 1, ("Landstal og kommunetal", None, 2025): 1,
        ("Landstal og kommunetal", 530, 2025): 1}
    assert row(df, table="Placeringer", school_year=2019)["municipality"] == "Høje-Taastrup"
    assert set(df.loc[df["municipality_kode"].isna(), "municipality"]) == {"Hele landet"}
    assert df["school_year"].dtype.kind == "i" and df["rows"].dtype.kind == "i"


def test_missing_values_by_hand(db):
    df = q.missing_values(db, F, ALL)
    assert list(df.columns) == ["table", "column", "municipality_kode", "municipality", "rows_missing", "rows_total",
                                "share"]
    got = {(t, c.split(" ")[0], k): (m, n) for t, c, k, m, n in
           df[["table", "column", "municipality_kode", "rows_missing", "rows_total"]].itertuples(index=False)}
    assert got == {
        # open but not the child's newest: 530 children 1 and 30 (its Gamma placement is newer); 169 child 28
        ("Placeringer", "slutdato", 530): (2, 16), ("Placeringer", "slutdato", 169): (1, 11),
        ("Trivselsbesvarelser", "køn", 530): (0, 14), ("Trivselsbesvarelser", "køn", 169): (0, 12),
        ("Målinger", "informant", 530): (1, 4), ("Målinger", "informant", 169): (1, 3),
        ("Mål", "GAS-score", 530): (1, 2), ("Mål", "GAS-score", 169): (0, 1),
        ("Indsatser", "effektmål", 530): (1, 2), ("Indsatser", "effektmål", 169): (0, 1),
        ("Institutioner", "institutionsnummer", 530): (1, 3), ("Institutioner", "institutionsnummer", 169): (0, 1),
        ("Institutioner", "distrikt", 530): (1, 3), ("Institutioner", "distrikt", 169): (1, 1)}
    assert row(df, table="Placeringer", municipality_kode=530)["share"] == pytest.approx(2 / 16)


def test_out_of_range_by_hand(db):
    df = q.out_of_range(db, F, ALL)
    assert list(df.columns) == ["check", "unit", "municipality_kode", "municipality", "rows"]
    got = {(c.split(" ")[0] + " " + c.split(" ")[-1], k): n for c, k, n in
           df[["check", "municipality_kode", "rows"]].itertuples(index=False)}
    assert got == {
        ("Måling skala", 530): 1, ("Måling skala", 169): 1,                 # 45 and -1 on SDQ 0-40
        ("Trivselsscore svarskalaen", 530): 1, ("Trivselsscore svarskalaen", 169): 1,  # 6.0 and 0.0 on 1-5
        ("Fødselsår skolen", 530): 1, ("Fødselsår skolen", 169): 0,         # child 5, once for two years
        ("Placering starter", 530): 0, ("Placering starter", 169): 0,       # the schema's CHECK forbids it
        ("Indsatsforløb starter", 530): 1, ("Indsatsforløb starter", 169): 0,
        ("Måling forløb", 530): 1, ("Måling forløb", 169): 1}               # 123 days before; 137 after the end
    assert not any(c in df.columns for c in ("child_id", "id", "example"))


def test_overlapping_placements_by_hand(db):
    df = q.overlapping_placements(db, F, ALL)
    assert list(df.columns) == ["municipality_kode", "municipality", "school_year", "children"]
    # 530 2024/25: children 1, 3 and 30 (not 4: a handover on one day); 169: child 30 (its Gamma
    # placement) in 2024/25 and child 28 in 2025/26
    assert counts(df, "municipality_kode", "school_year", value="children") == {
        (530, 2024): 3, (169, 2024): 1, (169, 2025): 1}


def test_response_rates_by_hand(db, unsuppressed):
    df = qr.response_rates(db, F, ALL)
    assert list(df.columns) == ["instrument_code", "instrument", "school_year", "municipality_kode", "municipality",
                                "pupils", "respondents", "response_rate", "low", "suppressed", "suppressed_why"]
    r1 = row(df, instrument_code="trivsel_4_9", school_year=2024, municipality_kode=530)
    r2 = row(df, instrument_code="trivsel_4_9", school_year=2025, municipality_kode=530)
    r3 = row(df, instrument_code="trivsel_4_9", school_year=2025, municipality_kode=169)
    assert (r1["respondents"], r1["pupils"], r1["response_rate"], r1["low"]) == (9, 10, pytest.approx(0.9), False)
    assert (r2["respondents"], r2["pupils"], r2["response_rate"], r2["low"]) == (5, 10, pytest.approx(0.5), True)
    assert (r3["respondents"], r3["pupils"], r3["response_rate"], r3["low"]) == (8, 10, pytest.approx(0.8), False)
    r4 = row(df, instrument_code="trivsel_0_3")  # 4 respondents, no pupils in 0.-3. klasse: nothing to show
    assert r4["suppressed"] and pd.isna(r4["pupils"]) and pd.isna(r4["response_rate"])
    assert qr.LOW_RESPONSE == 0.7


def test_small_rounds_are_hidden_at_the_wellbeing_threshold(db):
    df = qr.response_rates(db, F, ALL)
    # threshold 6: 5 respondents (R2), 1 and 2 pupils who did not answer (R1, R3): all hidden
    assert df["suppressed"].all() and df["respondents"].isna().all() and not df["low"].any()


def test_latest_dates_by_hand(db):
    df = q.latest_dates(db, F, ALL)
    assert list(df.columns) == ["domain", "measure", "municipality_kode", "municipality", "school_year", "date", "shown"]

    def at(measure, kode=None):
        sel = df[(df["measure"] == measure) & (df["municipality_kode"].isna() if kode is None
                                               else df["municipality_kode"] == kode)]
        assert len(sel) == 1, (measure, kode, df)
        r = sel.iloc[0]
        return int(r["school_year"]) if not pd.isna(r["school_year"]) else r["date"].date()

    assert at("nyeste trivselsmåling", 530) == 2025 and at("nyeste trivselsmåling", 169) == 2025
    assert at("nyeste placeringsstart", 530) == dt.date(2025, 8, 1)
    assert at("nyeste placeringsstart", 169) == dt.date(2025, 9, 1)
    assert at("nyeste placeringsslut", 530) == dt.date(2025, 1, 31)
    assert not ((df["measure"] == "nyeste placeringsslut") & (df["municipality_kode"] == 169)).any()  # none ended
    assert at("nyeste tælledag", 530) == dt.date(2025, 9, 5) == at("nyeste tælledag", 169)
    assert at("nyeste måling", 530) == dt.date(2025, 3, 1) and at("nyeste måling", 169) == dt.date(2026, 7, 15)
    assert at("nyeste forløbsstart", 530) == dt.date(2025, 2, 1)
    assert at("nyeste landstal og kommunetal") == 2025 and at("nyeste landstal og kommunetal", 530) == 2025
    assert at("nyeste indlæsning: trivsel") == dt.date(2026, 1, 10)  # the rejected file of February does not count
    assert at("nyeste indlæsning: placeringer") == dt.date(2025, 10, 1)
    assert at("udtræksdato") == dt.date(2026, 7, 15)
    assert row(df, measure="nyeste tælledag", municipality_kode=530)["shown"] == "5. september 2025"
    assert row(df, measure="nyeste trivselsmåling", municipality_kode=169)["shown"] == "2025/26"


def test_summary_sentences(db, unsuppressed):
    text = qr.summary(db, Filters(kommune=530), ALL)
    assert text[0] == "Trivsel: nyeste måling 2025/26; svarprocent under 70 % i 1 af 2 runder"
    assert "Overgange: 3 børn med overlappende placeringer i 2024/25" in text
    assert "Måling uden for instrumentets skala: 1 måling" in text
    assert "Institutioner: distrikt mangler i 1 af 3 (33 %)" in text
    assert "Alt ser ud til at hænge sammen" not in text


def test_summary_when_nothing_is_wrong(tmp_path_factory):
    with fresh_database("sqlite", tmp_path_factory) as engine:
        migrate(engine)
        with engine.connect() as c:
            assert qr.summary(c, F, ALL) == ["Alt ser ud til at hænge sammen"]


FUNCTIONS = [q.row_counts, q.missing_values, q.out_of_range, q.overlapping_placements, q.latest_dates]


@pytest.mark.parametrize("scope", [LEDER_530, UDVALG_530, FORVALTNING_169], ids=lambda s: s.label)
def test_a_scope_never_sees_another_municipality(db, scope, unsuppressed):
    mine = scope.municipality_kode
    for fn in [*FUNCTIONS, qr.response_rates]:
        df = fn(db, F, scope)
        assert len(df), fn.__name__
        kode = df["municipality_kode"].dropna().astype(int)
        assert set(kode) == {mine}, (fn.__name__, scope.label, set(kode))
        assert not set(df["municipality"]) - {"Billund" if mine == 530 else "Høje-Taastrup", "Hele landet"}
        # a filter naming another municipality gives nothing of it
        other = fn(db, Filters(kommune=169 if mine == 530 else 530), scope)
        assert other["municipality_kode"].dropna().empty, (fn.__name__, other)


def test_a_filter_past_the_role_gives_no_rows(db):
    for fn in [*FUNCTIONS, qr.response_rates]:
        assert fn(db, Filters(institution=fq.BETA), LEDER_530).empty, fn.__name__
        assert fn(db, Filters(institution=fq.ALFA), UDVALG_530).empty, fn.__name__
        assert fn(db, Filters(institution=fq.ALFA), FORVALTNING_169).empty, fn.__name__  # a school of another one
    assert qr.summary(db, Filters(institution=fq.BETA), LEDER_530) == ["Alt ser ud til at hænge sammen"]


def test_the_chosen_municipality_narrows_an_administration_of_all(db):
    df = q.overlapping_placements(db, Filters(kommune=169), ALL)
    assert counts(df, "municipality_kode", "school_year", value="children") == {(169, 2024): 1, (169, 2025): 1}
