"""Meetings and their slides in the database (data.schema_meeting): create, list, open, add a slide, give it a
title and a note, move it, remove it. Only the owner changes a meeting; a shared one anyone may open (and sees
it in their own role). A refused change raises InputError with a Danish message and writes nothing."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import sqlalchemy as sa

from data.errors import InputError
from data.schema_meeting import meeting, meeting_slide

MEETING_COLUMNS = ["id", "owner", "name", "meeting_date", "subtitle", "shared", "changed_at"]
SLIDE_COLUMNS = ["id", "position", "kind", "page", "params", "choices", "title", "note", "saved_headline",
                 "saved_table", "saved_figure", "saved_scope", "saved_at"]
MAX_SLIDES = 60


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _text(value: str | None, what: str, limit: int) -> str | None:
    """`value` stripped (None when empty); InputError when longer than `limit` ('Navnet har 130 tegn …')."""
    value = (value or "").strip()
    if len(value) > limit:
        raise InputError(f"{what} har {len(value)} tegn; der må højst være {limit}.")
    return value or None


def create(conn: sa.Connection, owner: str, name: str, when: dt.date, subtitle: str | None = None,
           shared: bool = True) -> int:
    """A new, empty meeting. InputError for an empty or too long name, or a name the owner already uses."""
    name = _text(name, "Navnet", 120)
    if not name:
        raise InputError("Giv mødet et navn.")
    subtitle = _text(subtitle, "Undertitlen", 200)
    if not isinstance(when, dt.date):
        raise InputError("Mødet skal have en dato.")
    if conn.execute(sa.select(meeting.c.id).where(meeting.c.owner == owner, meeting.c.name == name)).first():
        raise InputError(f"Du har allerede et møde, der hedder »{name}«. Vælg et andet navn.")
    now = _now()
    return int(conn.execute(meeting.insert().values(owner=owner, name=name, meeting_date=when, subtitle=subtitle,
                                                    shared=bool(shared), created_at=now, changed_at=now)
                            .returning(meeting.c.id)).scalar_one())


def meetings(conn: sa.Connection, owner: str) -> pd.DataFrame:
    """The meetings a user may open: its own (newest date first), then those others have shared."""
    q = (sa.select(*(meeting.c[c] for c in MEETING_COLUMNS)).where(sa.or_(meeting.c.owner == owner, meeting.c.shared))
         .order_by(meeting.c.owner != owner, meeting.c.meeting_date.desc(), meeting.c.name))
    return pd.DataFrame(conn.execute(q).all(), columns=MEETING_COLUMNS)


def opened(conn: sa.Connection, meeting_id: int, reader: str) -> tuple[dict, pd.DataFrame]:
    """A meeting (its row as a dict) and its slides in order, for its owner or, when shared, anyone.
    InputError when it does not exist or is someone else's own (the same words: a link tells nothing)."""
    row = conn.execute(sa.select(*(meeting.c[c] for c in MEETING_COLUMNS)).where(meeting.c.id == meeting_id)).first()
    if row is None or (row.owner != reader and not row.shared):
        raise InputError("Mødet findes ikke, eller det er ikke delt med dig.")
    q = (sa.select(*(meeting_slide.c[c] for c in SLIDE_COLUMNS)).where(meeting_slide.c.meeting_id == meeting_id)
         .order_by(meeting_slide.c.position, meeting_slide.c.id))
    return dict(row._mapping), pd.DataFrame(conn.execute(q).all(), columns=SLIDE_COLUMNS)


def _own(conn: sa.Connection, meeting_id: int, owner: str) -> None:
    found = conn.execute(sa.select(meeting.c.owner).where(meeting.c.id == meeting_id)).scalar_one_or_none()
    if found != owner:
        raise InputError("Kun den, der oprettede mødet, kan ændre det.")
    conn.execute(meeting.update().where(meeting.c.id == meeting_id).values(changed_at=_now()))


def _slide_meeting(conn: sa.Connection, slide_id: int) -> int:
    found = conn.execute(sa.select(meeting_slide.c.meeting_id).where(meeting_slide.c.id == slide_id)).scalar_one_or_none()
    if found is None:
        raise InputError("Sliden findes ikke længere.")
    return int(found)


def add_slide(conn: sa.Connection, meeting_id: int, owner: str, *, kind: str, page: str, params: str, choices: dict,
              headline: str, scope: str, table: pd.DataFrame | None = None, figure_json: str | None = None,
              title: str | None = None, note: str | None = None) -> int:
    """A chart as the meeting's last slide: its recipe and what it shows now (headline, figures, chart)."""
    _own(conn, meeting_id, owner)
    count = conn.execute(sa.select(sa.func.count()).where(meeting_slide.c.meeting_id == meeting_id)).scalar_one()
    if count >= MAX_SLIDES:
        raise InputError(f"Et møde kan højst have {MAX_SLIDES} slides.")
    choices_text = json.dumps(choices, ensure_ascii=False, sort_keys=True)
    if len(params) > 500 or len(choices_text) > 500:
        raise InputError("Slidens udsnit er for langt til at blive gemt (højst 500 tegn).")
    last = conn.execute(sa.select(sa.func.max(meeting_slide.c.position))
                        .where(meeting_slide.c.meeting_id == meeting_id)).scalar_one()
    return int(conn.execute(meeting_slide.insert().values(
        meeting_id=meeting_id, position=(last or 0) + 1, kind=kind, page=page, params=params, choices=choices_text,
        title=_text(title, "Overskriften", 300), note=_text(note, "Noten", 4000), saved_headline=headline,
        saved_table=None if table is None else table.to_json(orient="split", force_ascii=False, index=False),
        saved_figure=figure_json, saved_scope=scope, saved_at=_now())
        .returning(meeting_slide.c.id)).scalar_one())


def edit_slide(conn: sa.Connection, slide_id: int, owner: str, title: str | None, note: str | None) -> None:
    """A slide's own headline (empty: the finding as the data give it) and its speaker note."""
    _own(conn, _slide_meeting(conn, slide_id), owner)
    conn.execute(meeting_slide.update().where(meeting_slide.c.id == slide_id)
                 .values(title=_text(title, "Overskriften", 300), note=_text(note, "Noten", 4000)))


def move_slide(conn: sa.Connection, slide_id: int, owner: str, step: int) -> None:
    """Move a slide `step` places (−1 earlier, +1 later); at either end it stays."""
    meeting_id = _slide_meeting(conn, slide_id)
    _own(conn, meeting_id, owner)
    ids = list(conn.execute(sa.select(meeting_slide.c.id).where(meeting_slide.c.meeting_id == meeting_id)
                            .order_by(meeting_slide.c.position, meeting_slide.c.id)).scalars())
    i = ids.index(slide_id)
    j = min(max(i + step, 0), len(ids) - 1)
    ids.insert(j, ids.pop(i))
    for position, sid in enumerate(ids, start=1):
        conn.execute(meeting_slide.update().where(meeting_slide.c.id == sid).values(position=position))


def remove_slide(conn: sa.Connection, slide_id: int, owner: str) -> None:
    _own(conn, _slide_meeting(conn, slide_id), owner)
    conn.execute(meeting_slide.delete().where(meeting_slide.c.id == slide_id))


def delete(conn: sa.Connection, meeting_id: int, owner: str) -> None:
    """Delete one of the user's own meetings with its slides."""
    _own(conn, meeting_id, owner)
    conn.execute(meeting_slide.delete().where(meeting_slide.c.meeting_id == meeting_id))
    conn.execute(meeting.delete().where(meeting.c.id == meeting_id))


def saved_table(text: str | None) -> pd.DataFrame | None:
    """A slide's figures as saved (add_slide's JSON) as a frame again."""
    if not text:
        return None
    raw = json.loads(text)
    return pd.DataFrame(raw["data"], columns=raw["columns"])
