"""The wellbeing survey: a wide file of anonymous respondents (one row each, one column per item).

The unit is a round (instrument, school year, municipality): a round whose respondents and answers
differ from the database's is replaced whole (responses, answers and scores), a round that equals
them is left as it is. Scores and summaries come from :func:`data.derived.refresh_survey` for the
affected school years, as for the demo data. Answers must lie within the item's options
(1 .. n_options); an empty cell is not answered. Each respondent gets a fixed random record key.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
import sqlalchemy as sa

from data import schema as s
from data.demo.bulk import bulk_insert, reset_sequences
from data.importer.kinds import KINDS, Parsed, failures
from data.importer.read import Problem
from data.importer.validate import validate
from data.importer.write import Work, inst_ids
from data.importer.validate import lookup

ITEM = re.compile(r"^spm_(\d+)$")
CHUNK = 1_000_000


@dataclass
class Instrument:
    code: str
    grades: tuple[int, int]
    n_options: int
    items: dict[int, int]  # item_no -> survey_item.id


def catalogue(conn: sa.Connection) -> tuple[dict[str, Instrument], bool]:
    """The survey instruments and their items; the built-in national catalogue when the tables are
    empty (then the second value is True and the load writes it first)."""
    ins = conn.execute(sa.select(s.survey_instrument.c.code, s.survey_instrument.c.grade_from,
                                 s.survey_instrument.c.grade_to, s.survey_instrument.c.n_options)).all()
    items = conn.execute(sa.select(s.survey_item.c.instrument_code, s.survey_item.c.item_no, s.survey_item.c.id)).all()
    builtin = not ins
    if builtin:
        from data.demo.surveys import survey_meta
        meta_ins, _, meta_items = survey_meta()
        ins = [(r["code"], r["grade_from"], r["grade_to"], r["n_options"]) for r in meta_ins]
        items = [(r["instrument_code"], r["item_no"], r["id"]) for r in meta_items]
    out = {c: Instrument(c, (lo, hi), n, {}) for c, lo, hi, n in ins}
    for code, no, item_id in items:
        out[code].items[int(no)] = int(item_id)
    return out, builtin


def ensure_catalogue(conn: sa.Connection) -> None:
    if conn.execute(sa.select(sa.func.count()).select_from(s.survey_instrument)).scalar() == 0:
        from data.demo.surveys import survey_meta
        instruments, indicators, items = survey_meta()
        conn.execute(s.survey_instrument.insert(), instruments)
        conn.execute(s.survey_indicator.insert(), indicators)
        conn.execute(s.survey_item.insert(), items)


@dataclass
class Round:
    instrument: str
    school_year: int
    municipality_kode: int
    rows: np.ndarray  # positions in the frame
    round_id: int | None = None
    state: str = "new"  # new | changed | unchanged


@dataclass
class SurveyData:
    instruments: dict[str, Instrument]
    builtin: bool
    frame: pd.DataFrame
    answers: np.ndarray  # respondents x max item no, int16, 0 = not answered
    rounds: list[Round] = field(default_factory=list)


def parse(conn: sa.Connection, text: pd.DataFrame, file: str) -> tuple[Parsed, SurveyData | None]:
    kind = KINDS["trivsel"]
    instruments, builtin = catalogue(conn)
    max_no = max((max(i.items) for i in instruments.values() if i.items), default=0)
    item_cols = {c: int(ITEM.match(c).group(1)) for c in text.columns if ITEM.match(c)}
    p = validate(kind, text, file, extra_parse={c: "int" for c in item_cols})
    for c, no in item_cols.items():
        if not 1 <= no <= max_no:
            p.problems.append(Problem(file, 1, c, None, f"spørgsmål {no} findes ikke (spørgsmålene er spm_1-spm_{max_no})"))
    if not item_cols and not p.problems:
        p.problems.append(Problem(file, 1, None, None, "filen har ingen spørgsmålskolonner (spm_1, spm_2, …)"))
    if p.problems:
        return p, None
    f = p.frame
    f["tilbudsform"] = f["tilbudsform"].fillna("almen")
    # the instrument of each row: given, or the one whose grades cover the klassetrin
    by_grade = {g: code for code, i in instruments.items() for g in range(i.grades[0], i.grades[1] + 1)}
    given = f["instrument"]
    f["instrument"] = [g if g is not None else by_grade.get(int(k)) for g, k in zip(given, f["klassetrin"])]
    for idx, g, code, k in zip(f.index, given, f["instrument"], f["klassetrin"]):
        ins = instruments.get(code)
        if g is not None and ins is None:
            p.problems.append(Problem(file, int(idx), "instrument", g, f"er ikke {' eller '.join(instruments)}"))
        elif ins is None:
            p.problems.append(Problem(file, int(idx), "klassetrin", str(k), "ingen trivselsmåling dækker klassetrinnet"))
        elif not ins.grades[0] <= k <= ins.grades[1]:
            p.problems.append(Problem(file, int(idx), "klassetrin", str(k),
                                      f"{code} er for {ins.grades[0]}.-{ins.grades[1]}. klasse"))
    # answers within each instrument's options, with pandera per instrument
    for code, ins in instruments.items():
        part = f[f["instrument"] == code]
        if part.empty:
            continue
        cols = {c: pa.Column(checks=pa.Check.in_range(1, ins.n_options,
                                                      error=f"er ikke en af svarmulighederne 1-{ins.n_options}"),
                             nullable=True)
                for c, no in item_cols.items() if no in ins.items}
        cols |= {c: pa.Column(checks=pa.Check(lambda v: v.isna(), error=f"spørgsmålet findes ikke i {code}; "
                                              "feltet skal være tomt"), nullable=True)
                 for c, no in item_cols.items() if no not in ins.items}
        try:
            pa.DataFrameSchema(cols).validate(part[list(cols)], lazy=True)
        except pa.errors.SchemaErrors as err:
            p.problems += failures(err, text, file, kind.key)
    inst = s.institution
    f["institution_id"] = lookup(conn, inst_ids(conn), file, f, ["institutionsnummer"], "institutionen", p.problems)
    mun = dict(conn.execute(sa.select(inst.c.id, inst.c.municipality_kode)).all())
    f["municipality_kode"] = [mun.get(i) for i in f["institution_id"]]
    if p.problems:
        p.problems.sort(key=lambda x: (x.row or 0, x.column or ""))
        return p, None
    answers = np.zeros((len(f), max_no), dtype=np.int16)
    for c, no in item_cols.items():
        answers[:, no - 1] = f[c].fillna(0).to_numpy(dtype=np.int16)
    data = SurveyData(instruments, builtin, f, answers)
    groups = f.groupby(["instrument", "skoleaar", "municipality_kode"], sort=True).indices
    for (code, year, kode), pos in groups.items():
        data.rounds.append(Round(code, int(year), int(kode), np.asarray(pos)))
    return p, data


GENDER = {"dreng": 0, "pige": 1}
FORM = {f: i for i, f in enumerate(s.PROVISION_FORMS)}


def _digest(inst: np.ndarray, grade: np.ndarray, gender: np.ndarray, form: np.ndarray, answers: np.ndarray) -> str:
    """A fingerprint of a round's respondents, whatever their order."""
    m = np.column_stack([inst, grade, gender, form, answers]).astype(np.int64)
    if len(m):
        m = m[np.lexsort(m.T[::-1])]
    return hashlib.sha256(np.ascontiguousarray(m).tobytes() + str(m.shape).encode()).hexdigest()


def compare(conn: sa.Connection, data: SurveyData) -> Work:
    """Which rounds are new, changed or unchanged; counts of respondents for the plan."""
    r_, resp, ans, item = s.survey_round, s.survey_response, s.survey_answer, s.survey_item
    existing = {(c, int(y), int(k)): i for i, c, y, k in conn.execute(
        sa.select(r_.c.id, r_.c.instrument_code, r_.c.school_year, r_.c.municipality_kode))}
    f = data.frame
    work = Work(table=s.survey_response)
    added = changed = 0
    for rd in data.rounds:
        rd.round_id = existing.get((rd.instrument, rd.school_year, rd.municipality_kode))
        ins = data.instruments[rd.instrument]
        width = max(ins.items)
        if rd.round_id is not None:
            rows = conn.execute(sa.select(resp.c.id, resp.c.institution_id, resp.c.klassetrin, resp.c.gender,
                                          resp.c.provision_form).where(resp.c.round_id == rd.round_id)
                                .order_by(resp.c.id)).all()
            pos = {r[0]: i for i, r in enumerate(rows)}
            db_answers = np.zeros((len(rows), width), dtype=np.int16)
            for rid, no, value in conn.execute(sa.select(ans.c.response_id, item.c.item_no, ans.c.value)
                                               .join(item, item.c.id == ans.c.item_id)
                                               .join(resp, resp.c.id == ans.c.response_id)
                                               .where(resp.c.round_id == rd.round_id)):
                db_answers[pos[rid], no - 1] = value
            old = _digest(np.array([r[1] for r in rows]), np.array([r[2] for r in rows]),
                          np.array([GENDER[r[3]] for r in rows]), np.array([FORM[r[4]] for r in rows]), db_answers)
            sub = f.iloc[rd.rows]
            new = _digest(sub["institution_id"].to_numpy(dtype=np.int64), sub["klassetrin"].to_numpy(dtype=np.int64),
                          sub["koen"].map(GENDER).to_numpy(), sub["tilbudsform"].map(FORM).to_numpy(),
                          data.answers[rd.rows, :width])
            rd.state = "unchanged" if old == new else "changed"
        if rd.state == "new":
            added += len(rd.rows)
        elif rd.state == "changed":
            changed += len(rd.rows)
        else:
            work.unchanged += len(rd.rows)
    work.new = [None] * added        # counts only: the survey writes through `custom`
    work.updates = [None] * changed
    work.school_years = {rd.school_year for rd in data.rounds if rd.state != "unchanged"}
    if work.school_years:
        work.refresh.add("survey")

    def write(conn, batch_id, _actor, progress):
        _write(conn, data, batch_id, progress)
    work.custom = write
    return work


def _write(conn: sa.Connection, data: SurveyData, batch_id: int, progress) -> None:
    if data.builtin:
        ensure_catalogue(conn)
    r_, resp, ans, score = s.survey_round, s.survey_response, s.survey_answer, s.survey_score
    todo = [rd for rd in data.rounds if rd.state != "unchanged"]
    replaced = [rd.round_id for rd in todo if rd.round_id is not None]
    if replaced:
        ids = sa.select(resp.c.id).where(resp.c.round_id.in_(replaced))
        conn.execute(score.delete().where(score.c.response_id.in_(ids)))
        conn.execute(ans.delete().where(ans.c.response_id.in_(ids)))
        conn.execute(resp.delete().where(resp.c.round_id.in_(replaced)))
        conn.execute(r_.update().where(r_.c.id.in_(replaced)).values(import_batch_id=batch_id))
    for rd in todo:
        if rd.round_id is None:
            rd.round_id = int(conn.execute(r_.insert().values(
                instrument_code=rd.instrument, school_year=rd.school_year, municipality_kode=rd.municipality_kode,
                import_batch_id=batch_id).returning(r_.c.id)).scalar_one())
    pos = np.concatenate([rd.rows for rd in todo]) if todo else np.array([], dtype=np.int64)
    round_ids = np.concatenate([np.full(len(rd.rows), rd.round_id) for rd in todo]) if todo else pos
    first = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(resp.c.id), 0))).scalar()) + 1
    f = data.frame.iloc[pos]
    response_ids = np.arange(first, first + len(pos))
    bulk_insert(conn, resp, ["id", "round_id", "school_year", "institution_id", "klassetrin", "gender",
                             "provision_form", "record_key"],
                dict(id=response_ids, round_id=round_ids, school_year=f["skoleaar"].to_numpy(dtype=np.int64),
                     institution_id=f["institution_id"].to_numpy(dtype=np.int64),
                     klassetrin=f["klassetrin"].to_numpy(dtype=np.int64), gender=f["koen"].to_numpy(dtype=object),
                     provision_form=f["tilbudsform"].to_numpy(dtype=object),
                     record_key=np.random.default_rng().integers(0, s.RECORD_KEY_SPACE, len(pos))))
    progress(0.45, "Besvarelser skrevet")
    # answers: item id per (instrument, item no); item-major, as the demo writes them
    item_id = np.zeros((len(pos), data.answers.shape[1]), dtype=np.int64)
    codes = f["instrument"].to_numpy(dtype=object)
    for code, ins in data.instruments.items():
        rows = np.flatnonzero(codes == code)
        for no, iid in ins.items.items():
            if no <= item_id.shape[1]:
                item_id[rows, no - 1] = iid
    values = data.answers[pos]
    ii, rr = np.nonzero((values > 0).T)
    total = len(ii)
    for start in range(0, total, CHUNK):
        sl = slice(start, start + CHUNK)
        bulk_insert(conn, ans, ["item_id", "response_id", "value"],
                    dict(item_id=item_id[rr[sl], ii[sl]], response_id=response_ids[rr[sl]],
                         value=values[rr[sl], ii[sl]].astype(np.int64)))
        progress(0.45 + 0.35 * min(1.0, (start + CHUNK) / max(total, 1)), "Svar skrevet")
    reset_sequences(conn)
