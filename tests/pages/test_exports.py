"""The files a page offers are its tables, opened again: the same rows and figures as on screen, under a
name that says what they hold, with the selection inside (ui.export; the hand-made fixture)."""
import io

import pandas as pd
from openpyxl import load_workbook


def sheet(raw: bytes) -> pd.DataFrame:
    rows = list(load_workbook(io.BytesIO(raw))["Tal"].values)
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_effekt_s_table_is_the_file(app, downloads):
    at = app("effekt", kommune="530")
    name = "effekt_sdq_total_deltagelser_billund_nord_2020-2025.xlsx"  # Billund has one district, Nord
    assert name in downloads.raw, sorted(downloads.raw)
    got = sheet(downloads.raw[name]).fillna("")
    screen = next(d.value for d in at.dataframe if list(d.value.columns) == list(got.columns)).fillna("")
    pd.testing.assert_frame_equal(got.astype(str), screen.reset_index(drop=True).astype(str))
    front = {r[0]: r[1] for r in load_workbook(io.BytesIO(downloads.raw[name]))["Om"].values}
    assert front["Udsnit"] == "Billund (530) · Nord · 2020/21–2025/26"


def test_trivsel_s_trend_file_holds_what_the_chart_shows(app, downloads):
    at = app("trivsel", kommune="169")
    text = downloads.text["trivsel_social_trivsel_hoeje-taastrup_syd_2020-2025.csv"]
    head, body = text.split("\n\n", 1)
    frame = pd.read_csv(io.StringIO(body), sep=";", decimal=",", dtype={"Skoleår": str})
    # Høje-Taastrup 2025/26: Gamma 8 + Delta 5 = 13 answers, mean 3,96 as on the page's key figure
    row = frame.set_index("Skoleår").loc["2025/26"]
    assert row["n"] == 13 and row["Gennemsnit"] == 3.96
    assert {m.label: m.value for m in at.metric}["Social trivsel"] == "3,96"
    assert "Udsnit;Høje-Taastrup (169) · Syd · 2020/21–2025/26" in head


def test_every_chart_offers_its_picture(app, downloads):
    app("overgange", kommune="530")
    pictures = sorted(n for n in downloads.raw if n.endswith(".png"))
    assert "overgange_inklusionsgrad_billund_nord_2020-2025.png" in pictures
    assert len(pictures) >= 5  # inklusionsgrad, its split, tilgang/afgang, return, school start ...


def test_the_secondary_charts_offer_their_figures_too(app, downloads):
    app("overgange", kommune="530")
    # school start 2025/26 (tests/pages/test_overgange.py): 11 of 40 started in special provision = 27,5 %, 6 of
    # them from an ordinary day care
    start = downloads.text["overgange_skolestart_billund_nord_2020-2025.csv"].split("\n\n", 1)[1]
    assert "2025/26;40;11;6;27,5;" in start
    assert "overgange_tilbage_billund_nord_2020-2025.csv" in downloads.text
    app("trivsel", kommune="530")
    names = set(downloads.text)
    assert {"trivsel_social_trivsel_intervaller_billund_nord_2020-2025.xlsx", "trivsel_2025_klassetrin_billund_nord_2020-2025.xlsx",
            "trivsel_2025_koen_billund_nord_2020-2025.xlsx"} <= names, sorted(names)
