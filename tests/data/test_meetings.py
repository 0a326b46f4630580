"""Meetings in the database (data.meetings), on SQLite and PostgreSQL: a meeting round-trips with its slides in
order, titles and notes; only its owner changes it; a private meeting is not opened by another reader; a refused
change says why in Danish and writes nothing."""
import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from data import meetings as m
from data import schema as s
from data.errors import InputError

MAY = dt.date(2026, 5, 12)


def _slide(tx, meeting_id, owner, kind, headline, **more):
    return m.add_slide(tx, meeting_id, owner, kind=kind, page=kind.split(".")[0], params="kommune=530",
                       choices={"code": "social_trivsel"}, headline=headline, scope="Billund (forvaltning)", **more)


def test_a_meeting_round_trips_with_its_slides_in_order(tx):
    mid = m.create(tx, "anna@billund.dk", "Børne- og Skoleudvalget maj", MAY, "Børne- og Skoleudvalget", shared=True)
    table = pd.DataFrame({"Skoleår": ["2024/25", "2025/26"], "n": [40, None], "Gennemsnit": [3.96, None]})
    first = _slide(tx, mid, "anna@billund.dk", "trivsel.trend", "Social trivsel er 3,96", table=table, note="Nævn 2019")
    second = _slide(tx, mid, "anna@billund.dk", "overgange.inklusion", "Inklusionsgraden er 76,6 %")
    third = _slide(tx, mid, "anna@billund.dk", "effekt.answer", "Børnene blev 4,3 point bedre")
    m.move_slide(tx, third, "anna@billund.dk", -1)
    m.edit_slide(tx, second, "anna@billund.dk", "Inklusion i Billund", "Spørg til 2023")
    meeting, slides = m.opened(tx, mid, "bo@billund.dk")  # shared: another reader opens it
    assert (meeting["name"], meeting["meeting_date"], meeting["subtitle"]) == ("Børne- og Skoleudvalget maj", MAY,
                                                                             "Børne- og Skoleudvalget")
    assert list(slides["id"]) == [first, third, second]
    assert list(slides["position"]) == [1, 2, 3]
    row = slides.set_index("id").loc[second]
    assert (row["title"], row["note"], row["saved_headline"]) == ("Inklusion i Billund", "Spørg til 2023",
                                                                  "Inklusionsgraden er 76,6 %")
    one = slides.set_index("id").loc[first]
    assert one["note"] == "Nævn 2019" and one["choices"] == '{"code": "social_trivsel"}' and one["params"] == "kommune=530"
    back = m.saved_table(one["saved_table"])
    assert list(back.columns) == ["Skoleår", "n", "Gennemsnit"] and back["Gennemsnit"].iloc[0] == 3.96
    assert pd.isna(back["n"].iloc[1])
    m.remove_slide(tx, third, "anna@billund.dk")
    assert list(m.opened(tx, mid, "anna@billund.dk")[1]["id"]) == [first, second]


def test_only_the_owner_changes_a_meeting_and_a_private_one_stays_private(tx):
    mid = m.create(tx, "anna@billund.dk", "Forberedelse", MAY, shared=False)
    sid = _slide(tx, mid, "anna@billund.dk", "trivsel.trend", "Social trivsel er 3,96")
    for change in (lambda: _slide(tx, mid, "bo@billund.dk", "trivsel.bands", "x"),
                   lambda: m.edit_slide(tx, sid, "bo@billund.dk", "Min titel", None),
                   lambda: m.move_slide(tx, sid, "bo@billund.dk", 1),
                   lambda: m.remove_slide(tx, sid, "bo@billund.dk"), lambda: m.delete(tx, mid, "bo@billund.dk")):
        with pytest.raises(InputError, match="Kun den, der oprettede mødet"):
            change()
    with pytest.raises(InputError, match="findes ikke, eller det er ikke delt med dig"):
        m.opened(tx, mid, "bo@billund.dk")
    assert m.meetings(tx, "bo@billund.dk").empty and list(m.meetings(tx, "anna@billund.dk")["name"]) == ["Forberedelse"]
    m.delete(tx, mid, "anna@billund.dk")
    assert tx.execute(sa.select(sa.func.count()).select_from(s.meeting_slide)).scalar() == 0


@pytest.mark.parametrize("name, words", [("", "Giv mødet et navn"), ("x" * 121, "Navnet har 121 tegn; der må højst være 120"),
                                         ("Maj", "har allerede et møde, der hedder »Maj«")])
def test_a_refused_meeting_says_why_and_writes_nothing(tx, name, words):
    m.create(tx, "anna@billund.dk", "Maj", MAY)
    with pytest.raises(InputError, match=words):
        m.create(tx, "anna@billund.dk", name, MAY)
    assert tx.execute(sa.select(sa.func.count()).select_from(s.meeting)).scalar() == 1
