"""Pejlemærker through AppTest on the hand-made fixture with four of Billund's targets for 2025/26,
and the committee's files opened again. Every status is worked out by hand:

- inklusionsgrad, target 60 % (higher): 59 of 77 ordinary = 76,6 %, Wilson 66,1-84,7 %: all above -> nået;
- trivsel_social, target 4,05 (higher): Billund's 9 respondents (Alfa 6, Beta 3) mean 31,5/9 = 3,50, SD 0,968,
  t-interval 2,76-4,24 contains 4,05 -> på vej;
- segregeringsgrad, target 5 % (lower): 18 of 77 = 23,4 %, interval 15,3-33,9 % all above, and up from
  8 of 38 = 21,1 % in 2024 -> ikke nået;
- specialdagtilbud_andel: no calculation in Indblik -> ingen data.
"""
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from data import schema as s
from queries import pejlemaerker as q
from queries.filters import Filters, Scope
from tests.conftest import sqlite_file
from tests.helpers import subheaders
from tests.pages.conftest import opener
from ui.export import Context, Table, file_name, to_csv, to_excel
from ui.pejlemaerker import table
from ui.view import View

TARGETS = [("skole", "inklusionsgrad", "Flere i almenklasse", 0.60, "higher"),
           ("skole", "trivsel_social", "Eleverne trives socialt", 4.05, "higher"),
           ("skole", "segregeringsgrad", "Færre i specialtilbud", 0.05, "lower"),
           ("dagtilbud", "specialdagtilbud_andel", "Færre i specialdagtilbud", 0.01, "lower")]


def _load_targets(conn):
    conn.execute(s.target.insert(), [dict(municipality_kode=530, area=a, kpi_code=k, title=t, target_value=v, direction=d,
                                          school_year=2025) for a, k, t, v, d in TARGETS])
    # 2024/25: Billund's 5 respondents (Alfa) are under the survey's threshold of 6 -> hidden, said so
    conn.execute(s.target.insert(), [dict(municipality_kode=530, area="skole", kpi_code="trivsel_social",
                                          title="Eleverne trives socialt", target_value=4.0, direction="higher",
                                          school_year=2024)])


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return sqlite_file(tmp_path_factory, "targets", _load_targets)


@pytest.fixture()
def app(url, monkeypatch):
    open_page = opener(url, monkeypatch)
    return lambda **query: open_page("pejlemaerker", **query)


def test_status_by_hand_on_the_page(app):
    at = app(kommune="530")
    assert "Af 4 pejlemærker for 2025/26 er 1 nået, 1 på vej, 1 ikke nået og 1 uden data." in subheaders(at)
    shown = at.dataframe[0].value.set_index("Nøgletal")
    assert shown.loc["Inklusionsgrad", "Faktisk"] == "76,6 %" and shown.loc["Inklusionsgrad", "Status"] == "Nået"
    assert shown.loc["Social trivsel", "Faktisk"] == "3,50" and shown.loc["Social trivsel", "Status"] == "På vej"
    assert shown.loc["Segregeringsgrad", "Året før"] == "21,1 %" and shown.loc["Segregeringsgrad", "Status"] == "Ikke nået"
    assert shown.loc["Segregeringsgrad", "Udvikling"] == "væk fra målet"  # 21,1 % -> 23,4 %, lower is better
    assert shown.loc["specialdagtilbud_andel (ingen beregning)", "Status"] == "Ingen data"
    assert not at.get("form")  # only the administrator edits


def test_only_the_administrator_sees_the_forms_even_where_there_are_no_targets_yet(app):
    at = app(kommune="169")  # Høje-Taastrup has no targets: the other roles are told so
    assert any(i.value == "Der er ingen pejlemærker for det, din rolle kan se." for i in at.info) and not at.get("form")
    role = next(r for r in at.selectbox(key="role").options if r.startswith("Administrator"))
    at.selectbox(key="role").set_value(role).run()
    assert len(at.get("form")) == 2  # add or replace, and retire (saving is tested in Chromium and in data/)


def test_the_committee_files_open_again_with_danish_headers(url):
    import sqlalchemy as sa
    with sa.create_engine(url).connect() as conn:
        rows = q.status(conn, Filters(), Scope(), 530)
    t = Table("Pejlemærker — Billund (530)", table(rows, View()), "pejlemaerker", (("Status", "reglen"),))
    where = Context(selection="Billund (530) · alle områder og skoleår", role="Forvaltning", data="seneste 2025/26", demo=True)
    assert file_name(t, where, "xlsx") == "pejlemaerker_billund_alle-omraader-og-skoleaar.xlsx"
    workbook = load_workbook(io.BytesIO(to_excel(t, where, View())))
    assert workbook.sheetnames == ["Om", "Tal"]
    front = {r[0]: r[1] for r in workbook["Om"].values}
    assert front["Indblik"] == "Pejlemærker — Billund (530)" and front["Udsnit"] == "Billund (530) · alle områder og skoleår"
    assert front["Demodata"].startswith("Syntetiske tal") and front["Status"] == "reglen" and "færre end 5" in front["Små grupper"]
    sheet = list(workbook["Tal"].values)
    assert sheet[0] == ("Status", "Nøgletal", "Skoleår", "Mål", "Faktisk", "95 %-KI", "n", "Året før", "Udvikling",
                        "Område", "Pejlemærke")
    assert ("Nået", "Inklusionsgrad", "2025/26", "60,0 %", "76,6 %") == sheet[[r[1] for r in sheet].index("Inklusionsgrad")][:5]
    hidden = sheet[[(r[1], r[2]) for r in sheet].index(("Social trivsel", "2024/25"))]
    assert hidden[0] == "Ingen data" and hidden[4] == "ikke vist (færre end 6)"
    text = to_csv(t, where, View())
    assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Danish Excel reads the æøå
    head, body = text.decode("utf-8-sig").split("\n\n", 1)  # the facts, an empty line, the table
    lines = dict(line.split(";", 1) for line in head.splitlines())
    assert lines["Udsnit"] == "Billund (530) · alle områder og skoleår" and lines["Demodata"].startswith("Syntetiske")
    frame = pd.read_csv(io.StringIO(body), sep=";", dtype=str)
    assert frame.set_index(["Nøgletal", "Skoleår"]).loc[("Social trivsel", "2025/26"), "Faktisk"] == "3,50"  # decimal comma
