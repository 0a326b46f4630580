"""Mødetilstand, before the meeting: choose or create a meeting (or the ready-made yearly follow-up on the
targets), order its slides, give them a title and a speaker note, see which figures have changed since a slide
was added (and, for the one who added it, the figures as saved), present it, and take it away as PDF or PowerPoint."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import plotly.io as pio
import streamlit as st

from data import meetings as store
from queries import pejlemaerker as pq
from queries.filters import Filters
from ui import moede
from ui.access import download
from ui.export import slug
from ui.cache import fresh, kept, run
from ui.section import table
from ui.shell import PRESENTING
from ui.slides import kinds
from ui.view import View

CHOSEN = "moede_chosen"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _start(meeting_id: int) -> None:
    st.session_state[CHOSEN] = meeting_id
    st.session_state[PRESENTING] = True
    st.session_state[moede.SLIDE] = 0


def yearly(conn, owner: str, kommune: int, name: str, scope, scope_label: str) -> int:
    """'Årlig opfølgning på pejlemærker': a meeting with one slide per target in force for `kommune`, newest
    school year first and by area, each the target's status over the key figure's years (ui.pejlemaerker)."""
    from ui.pejlemaerker import target
    rows = pq.status(conn, Filters(kommune=kommune), scope, kommune)
    if rows.empty:
        from data.errors import InputError
        raise InputError("Kommunen har ingen gældende pejlemærker at følge op på.")
    meeting_id = store.create(conn, owner, name, dt.date.today(), "Børne- og Skoleudvalget")
    for r in rows.sort_values(["school_year", "area", "id"], ascending=[False, True, True]).itertuples():
        shown = target(Filters(kommune=kommune), scope, View(), kommune=int(kommune), target_id=int(r.id))
        if shown is None:
            continue
        store.add_slide(conn, meeting_id, owner, kind="pejlemaerker.target", page="pejlemaerker",
                        params=f"kommune={kommune}", choices=shown.choices, headline=shown.headline, scope=scope_label,
                        table=shown.table.frame if shown.table is not None else None,
                        figure_json=shown.figure.to_json() if shown.figure is not None else None)
    return meeting_id


def choose(ctx) -> int | None:
    """The meeting to work on: one of the reader's own or a shared one, a new one, or the yearly follow-up."""
    view = ctx.view
    listed = fresh(store.meetings, ctx.actor)
    names = {int(r.id): f"{r.name} · {r.meeting_date:%d.%m.%Y}" + ("" if r.owner == ctx.actor else view.tr(
        " (delt af {o})", " (shared by {o})", o=r.owner)) for r in listed.itertuples()}
    chosen = None
    if names:
        if st.session_state.get(CHOSEN) not in names:
            st.session_state.pop(CHOSEN, None)
        chosen = st.selectbox(view.tr("Møde", "Meeting"), list(names), format_func=names.get, key=CHOSEN)
    else:
        st.info(view.tr("Du har ingen møder endnu. Opret et her, eller brug »Tilføj til møde« under en graf på de andre sider.",
                        "You have no meetings yet. Create one here, or use “Add to meeting” under a chart on the other pages."))
    left, right = st.columns(2)
    with left.expander(view.tr("Nyt møde", "New meeting"), icon=":material/add:"):
        with st.form("moede_new", border=False):
            name = st.text_input(view.tr("Navn", "Name"), placeholder=view.tr("fx Børne- og Skoleudvalget maj",
                                                                               "e.g. Committee, May"))
            when = st.date_input(view.tr("Dato", "Date"), value=dt.date.today(), format="DD.MM.YYYY")
            subtitle = st.text_input(view.tr("Undertitel", "Subtitle"), value="Børne- og Skoleudvalget")
            shared = st.checkbox(view.tr("Del med kolleger", "Share with colleagues"), value=True)
            if st.form_submit_button(view.tr("Opret", "Create")) and kept(store.create, ctx.actor, name, when, subtitle, shared):
                st.rerun()
    with right.expander(view.tr("Årlig opfølgning på pejlemærker", "Yearly follow-up on targets"), icon=":material/flag:"):
        kommuner = dict(run(pq.municipalities_with_targets, ctx.filters, ctx.scope))
        if not kommuner:
            st.caption(view.tr("Ingen pejlemærker i din rolle.", "No targets in your role."))
        else:
            kode = st.selectbox(view.tr("Kommune", "Municipality"), list(kommuner), format_func=kommuner.get,
                                key="moede_yearly_kommune")
            name = view.tr("Årlig opfølgning på pejlemærker {y} — {k}", "Yearly follow-up on targets {y} — {k}",
                           y=dt.date.today().year, k=kommuner[kode])
            if st.button(view.tr("Opret mødet", "Create the meeting"), key="moede_yearly"):
                if kept(yearly, ctx.actor, int(kode), name, ctx.scope, ctx.scope.label):
                    st.rerun()
    return chosen


def _slide_row(row, at: int, meeting: dict, ctx, mine: bool) -> None:
    view = ctx.view
    drawn = moede.draw(row, ctx.scope, view)
    kind = kinds().get(row["kind"])
    with st.container(border=True):
        head, buttons = st.columns([6, 2])
        head.markdown(f"**{at}. {drawn.title}**")
        head.caption(" · ".join([view.tr(*kind.title) if kind else row["kind"], drawn.selection]))
        if drawn.changed:
            head.warning(view.tr("Tallene er ændret, siden sliden blev tilføjet {d}.", "The figures have changed since the "
                                 "slide was added on {d}.", d=f"{row['saved_at']:%d.%m.%Y}"), icon=":material/update:")
        if drawn.dropped:
            head.warning(view.tr("Udeladt fra udsnittet (findes ikke eller ligger uden for din adgang): {p}",
                                 "Left out of the selection (does not exist or lies outside your access): {p}",
                                 p=", ".join(drawn.dropped)), icon=":material/link_off:")
        if mine:
            up, down, gone = buttons.columns(3)
            if up.button("↑", key=f"moede_up_{row['id']}", help=view.tr("Flyt op", "Move up")) and \
                    kept(store.move_slide, int(row["id"]), ctx.actor, -1):
                st.rerun()
            if down.button("↓", key=f"moede_down_{row['id']}", help=view.tr("Flyt ned", "Move down")) and \
                    kept(store.move_slide, int(row["id"]), ctx.actor, 1):
                st.rerun()
            if gone.button("✕", key=f"moede_rm_{row['id']}", help=view.tr("Fjern", "Remove")) and \
                    kept(store.remove_slide, int(row["id"]), ctx.actor):
                st.rerun()
            with st.expander(view.tr("Overskrift og note", "Title and note")):
                with st.form(f"moede_edit_{row['id']}", border=False):
                    title = st.text_input(view.tr("Egen overskrift (tom: fundet, som data giver det)",
                                                  "Own headline (empty: the finding as the data give it)"),
                                          value=row["title"] or "")
                    note = st.text_area(view.tr("Note til den, der præsenterer", "Speaker note"), value=row["note"] or "")
                    if st.form_submit_button(view.tr("Gem", "Save")) and kept(store.edit_slide, int(row["id"]),
                                                                              ctx.actor, title, note):
                        st.rerun()
        # the figures as saved: for the one who saved them, in the role they had then — never for a narrower role
        if mine and row["saved_scope"] == ctx.scope.label and (row["saved_figure"] or row["saved_table"]):
            if st.toggle(view.tr("Vis som gemt", "Show as saved"), key=f"moede_saved_{row['id']}"):
                st.markdown(f"*{row['saved_headline']}*")
                if row["saved_figure"]:
                    st.plotly_chart(pio.from_json(row["saved_figure"]), theme=None, width="stretch",
                                    key=f"moede_saved_fig_{row['id']}")
                frame = store.saved_table(row["saved_table"])
                if frame is not None:
                    table(frame, view)


def editor(meeting: dict, slides, ctx) -> None:
    view, mine = ctx.view, meeting["owner"] == ctx.actor
    st.subheader(f"{meeting['name']} · {meeting['meeting_date']:%d.%m.%Y}")
    if meeting["subtitle"]:
        st.caption(meeting["subtitle"])
    if slides.empty:
        st.info(view.tr("Mødet har ingen slides endnu. Brug »Tilføj til møde« under en graf på Trivsel, Overgange, "
                        "Effekt, Udforsk eller Pejlemærker.", "The meeting has no slides yet. Use “Add to meeting” under "
                        "a chart on Trivsel, Overgange, Effekt, Udforsk or Pejlemærker."))
    else:
        cols = st.columns([1.3, 1.3, 1.6, 3])
        cols[0].button(view.tr("Præsentér", "Present"), type="primary", icon=":material/slideshow:", key="moede_start",
                       on_click=_start, args=(int(meeting["id"]),))
        stem = moede_report_name(meeting)
        with cols[1]:
            download(view.tr("Hent som PDF", "Download as PDF"), lambda: report(meeting, slides, ctx, "pdf"),
                     f"{stem}.pdf", "application/pdf", key="moede_pdf", icon=":material/picture_as_pdf:")
        with cols[2]:
            download(view.tr("Hent som PowerPoint", "Download as PowerPoint"), lambda: report(meeting, slides, ctx, "pptx"),
                     f"{stem}.pptx", PPTX, key="moede_pptx", icon=":material/slideshow:")
        for at, (_, row) in enumerate(slides.iterrows(), start=1):
            _slide_row(row, at, meeting, ctx, mine)
    if mine and st.button(view.tr("Slet mødet", "Delete the meeting"), key="moede_delete", icon=":material/delete:"):
        if kept(store.delete, int(meeting["id"]), ctx.actor):
            st.session_state.pop(CHOSEN, None)
            st.rerun()


def moede_report_name(meeting: dict) -> str:
    """'moede_udvalget-maj_2026-05-12': what the file holds and when."""
    return f"moede_{slug(meeting['name'])[:60]}_{meeting['meeting_date']:%Y-%m-%d}"


def report(meeting: dict, slides, ctx, fmt: str) -> bytes:
    """The meeting as PDF or PowerPoint: each slide drawn now (as on the projector) and rendered with kaleido."""
    from ui import report as paper
    view = ctx.view
    pages = []
    for _, row in slides.iterrows():
        drawn = moede.draw(row, ctx.scope, replace(view, projector=True))
        fig = moede.for_slide(drawn.shown.figure if drawn.shown is not None else None, height=720)
        image = moede.picture(fig) if fig is not None else None
        extra = moede.footer_text(drawn, 0, 0, view, row["saved_at"])[2:-1]
        pages.append(paper.Page(headline=drawn.title, image=image, selection=drawn.selection,
                                source=" · ".join([drawn.source, *[e for e in extra if "DEMO" not in e]]),
                                note=row["note"] or "", demo=drawn.demo))
    subtitle = " · ".join(p for p in (meeting["subtitle"], f"{meeting['meeting_date']:%d.%m.%Y}") if p)
    build = paper.pdf if fmt == "pdf" else paper.pptx
    return build(meeting["name"], subtitle, pages, lang=view.lang)
