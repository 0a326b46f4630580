"""The files to take away (ui.export): what they say about themselves, and numbers Danish Excel reads."""
import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from ui.export import Context, Table, file_name, slug, to_csv, to_excel
from ui.view import View

WHERE = Context(selection="Høje-Taastrup (169) · 2020/21–2025/26 · 4. kl.–6. kl. · Piger", role="Forvaltning · Høje-Taastrup",
                data="seneste trivselsmåling 2025/26", demo=False)
TABLE = Table("Social trivsel pr. skoleår", pd.DataFrame({
    "Skoleår": ["2024/25", "2025/26"], "n": np.array([6469.0, np.nan]), "Gennemsnit": [3.96, np.nan],
    "Vist": ["ja", "ikke vist (færre end 6)"]}), "trivsel_social")


def test_the_file_name_says_what_it_holds():
    assert file_name(TABLE, WHERE, "xlsx") == "trivsel_social_hoeje-taastrup_2020-2025_4-kl-6-kl_piger.xlsx"
    assert slug("Ærø Skole (492)") == "aeroe-skole"


def test_the_csv_opens_in_danish_excel_with_the_facts_above_the_table():
    raw = to_csv(TABLE, WHERE, View())
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    head, body = raw.decode("utf-8-sig").split("\n\n", 1)
    facts = dict(line.split(";", 1) for line in head.splitlines())
    assert facts["Indblik"] == "Social trivsel pr. skoleår" and facts["Udsnit"] == WHERE.selection
    assert facts["Rolle"] == "Forvaltning · Høje-Taastrup" and "færre end 5" in facts["Små grupper"]
    assert "Demodata" not in facts  # real data carry no demo mark
    assert body.splitlines() == ["Skoleår;n;Gennemsnit;Vist", "2024/25;6469;3,96;ja",  # n as a whole number, decimal comma
                                 "2025/26;;;ikke vist (færre end 6)"]  # a hidden figure is empty, said in words


def test_the_workbook_has_a_front_sheet_and_numbers_as_numbers():
    book = load_workbook(io.BytesIO(to_excel(TABLE, Context(**{**WHERE.__dict__, "demo": True}), View())))
    assert book.sheetnames == ["Om", "Tal"]
    front = {r[0]: r[1] for r in book["Om"].values}
    assert front["Udsnit"] == WHERE.selection and front["Demodata"].startswith("Syntetiske tal")
    rows = list(book["Tal"].values)
    assert rows[0] == ("Skoleår", "n", "Gennemsnit", "Vist")
    assert rows[1] == ("2024/25", 6469, 3.96, "ja") and isinstance(rows[1][1], int)
    assert rows[2] == ("2025/26", None, None, "ikke vist (færre end 6)")


def test_a_chart_s_picture_carries_its_headline_the_selection_the_source_and_the_demo_mark():
    import plotly.graph_objects as go
    from PIL import Image

    from tests.conftest import require_chromium
    from ui.export import Picture, framed, to_png
    require_chromium()  # kaleido draws in Debian's chromium (README); under CI=true a missing browser fails
    fig = go.Figure(go.Scatter(x=["2024/25", "2025/26"], y=[3.9, 3.96]))
    picture = Picture(fig, "Social trivsel er 3,96 i 2025/26 (n=13).", "trivsel_social")
    demo = Context(**{**WHERE.__dict__, "demo": True})
    layout = framed(picture, demo, View()).layout
    assert layout.title.text == "Social trivsel er 3,96 i 2025/26 (n=13)."
    sub = layout.title.subtitle.text.replace("<br>", " ")
    assert WHERE.selection in sub and "Kilde: Indblik, seneste trivselsmåling 2025/26" in sub and "DEMODATA" in sub
    assert "DEMODATA" not in framed(picture, WHERE, View()).layout.title.subtitle.text
    png = to_png(picture, demo, View())  # drawn by kaleido in Debian's chromium
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1800, int((500 + 120) * 1.5))
