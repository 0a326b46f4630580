"""The effect kinds: interventions, participations (forløb), measurements and goals.

Natural keys: an intervention by (kommunekode, navn); a participation by (intervention, barn_id,
startdato); a measurement by (participation, instrument, tidspunkt, informant, dato); a goal by
(participation, beskrivelse). A file refers to what an earlier file brought in; a reference that is
not in the database is a problem (it would break integrity)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.importer.kinds import Parsed
from data.importer.read import Problem
from data.importer.validate import lookup
from data.importer.write import Work, inst_ids, records, split


def instruments(conn: sa.Connection) -> dict[str, tuple[float, float]]:
    """Instrument code -> (min, max); the built-in catalogue when the table is still empty."""
    rows = conn.execute(sa.select(s.instrument.c.code, s.instrument.c.min_score, s.instrument.c.max_score)).all()
    if rows:
        return {c: (lo, hi) for c, lo, hi in rows}
    from data.demo.content import INSTRUMENTS_EFFECT
    return {r["code"]: (r["min_score"], r["max_score"]) for r in INSTRUMENTS_EFFECT}


def ensure_instruments(conn: sa.Connection, _batch=None) -> None:
    """Put the built-in catalogue of effect instruments in an empty instrument table."""
    if conn.execute(sa.select(sa.func.count()).select_from(s.instrument)).scalar() == 0:
        from data.demo.content import INSTRUMENTS_EFFECT
        conn.execute(s.instrument.insert(), INSTRUMENTS_EFFECT)


def _code_known(p: Parsed, file: str, column: str, known) -> None:
    for idx, v in zip(p.frame.index, p.frame[column]):
        if v is not None and v not in known:
            p.problems.append(Problem(file, int(idx), column, v, f"instrumentet kendes ikke (kendte: {', '.join(sorted(known))})"))


def interventions(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    muns = {k for (k,) in conn.execute(sa.select(s.municipality.c.kode))}
    for idx, k in zip(f.index, f["kommunekode"]):
        if not pd.isna(k) and int(k) not in muns:
            p.problems.append(Problem(file, int(idx), "kommunekode", str(k), "kommunen findes ikke i databasen"))
    _code_known(p, file, "effektmaal", instruments(conn))
    has_inst = f["institutionsnummer"].notna()
    f["institution_id"] = None
    if has_inst.any():
        f.loc[has_inst, "institution_id"] = lookup(conn, inst_ids(conn), file, f[has_inst], ["institutionsnummer"],
                                                   "institutionen", p.problems)
    incoming = records(f, {"kommunekode": "municipality_kode", "navn": "name", "metode": "method",
                           "institution_id": "institution_id", "effektmaal": "instrument_code"})
    i = s.intervention
    existing = conn.execute(sa.select(i.c.id, i.c.municipality_kode, i.c.name, i.c.method, i.c.institution_id,
                                      i.c.instrument_code)).all()
    work = split(Work(table=i), incoming, ["municipality_kode", "name"], ["method", "institution_id",
                                                                          "instrument_code"], existing)
    work.before.append(ensure_instruments)
    if work.updates:
        work.refresh.add("effekt")
    return work


def _interventions(conn) -> sa.Select:
    i = s.intervention
    return sa.select(i.c.municipality_kode, i.c.name, i.c.id)


def _participation_ids(conn, p: Parsed, file: str) -> pd.Series:
    f = p.frame
    f["intervention_id"] = lookup(conn, _interventions(conn), file, f, ["kommunekode", "indsats"], "indsatsen",
                                  p.problems)
    pa_ = s.participation
    sel = (sa.select(pa_.c.intervention_id, pa_.c.child_id, pa_.c.start_date, sa.func.min(pa_.c.id))
           .group_by(pa_.c.intervention_id, pa_.c.child_id, pa_.c.start_date))
    ok = f["intervention_id"].notna()
    ids = pd.Series(None, index=f.index, dtype=object)
    if ok.any():
        ids[ok] = lookup(conn, sel, file, f[ok], ["intervention_id", "barn_id", "startdato"], "forløbet (indsats, "
                         "barn_id, startdato)", p.problems)
    return ids


def participations(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    f["intervention_id"] = lookup(conn, _interventions(conn), file, f, ["kommunekode", "indsats"], "indsatsen",
                                  p.problems)
    f["child_id"] = lookup(conn, sa.select(s.child.c.id, s.child.c.id), file, f, ["barn_id"], "barnet", p.problems)
    incoming = records(f, {"intervention_id": "intervention_id", "child_id": "child_id", "startdato": "start_date",
                           "slutdato": "end_date"})
    pa_ = s.participation
    existing = conn.execute(sa.select(pa_.c.id, pa_.c.intervention_id, pa_.c.child_id, pa_.c.start_date,
                                      pa_.c.end_date)).all()
    work = split(Work(table=pa_), incoming, ["intervention_id", "child_id", "start_date"], ["end_date"], existing)
    keys = np.random.default_rng().integers(0, s.RECORD_KEY_SPACE, len(work.new))
    for r, k in zip(work.new, keys):
        r["record_key"] = int(k)  # a new forløb's fixed random key (the cell-key method); kept on re-import
    if work.new or work.updates:
        work.refresh.add("effekt")
    return work


def measurements(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    ranges = instruments(conn)
    _code_known(p, file, "instrument", ranges)
    for idx, code, score in zip(f.index, f["instrument"], f["score"]):
        if code in ranges and not pd.isna(score) and not ranges[code][0] <= score <= ranges[code][1]:
            lo, hi = ranges[code]
            p.problems.append(Problem(file, int(idx), "score", f"{score:g}".replace(".", ","),
                                      f"ligger uden for {code}s skala ({lo:g}-{hi:g})"))
    f["participation_id"] = _participation_ids(conn, p, file)
    incoming = records(f, {"participation_id": "participation_id", "instrument": "instrument_code",
                           "tidspunkt": "timepoint", "informant": "informant", "dato": "measured_on",
                           "score": "score"})
    m = s.measurement
    existing = conn.execute(sa.select(m.c.id, m.c.participation_id, m.c.instrument_code, m.c.timepoint,
                                      m.c.informant, m.c.measured_on, m.c.score)).all()
    work = split(Work(table=m), incoming, ["participation_id", "instrument_code", "timepoint", "informant",
                                           "measured_on"], ["score"], existing)
    work.before.append(ensure_instruments)
    if work.new or work.updates:
        work.refresh.add("effekt")
    return work


def goals(conn: sa.Connection, p: Parsed, file: str) -> Work:
    f = p.frame
    f["participation_id"] = _participation_ids(conn, p, file)
    f["vaegt"] = f["vaegt"].fillna(1.0)
    incoming = records(f, {"participation_id": "participation_id", "beskrivelse": "description", "vaegt": "weight",
                           "gas": "gas_score", "udfald": "outcome"})
    g = s.goal
    existing = conn.execute(sa.select(g.c.id, g.c.participation_id, g.c.description, g.c.weight, g.c.gas_score,
                                      g.c.outcome)).all()
    work = split(Work(table=g), incoming, ["participation_id", "description"], ["weight", "gas_score", "outcome"],
                 existing)
    if work.new or work.updates:
        work.refresh.add("effekt")
    return work
