"""Deterministic synthetic demo data for Indblik (five municipalities, school years 2016/17-2025/26).

`generate(conn, seed, scale)` fills an EMPTY, migrated database through the caller's connection
and transaction and returns the number of rows per table. The same seed and scale always give
the same database. Everything is synthetic: no real children, no names, no CPR numbers.

    python -m data.demo [--database-url URL] [--scale X] [--seed N]

What is modelled (see the README of the brief in DESIGN.md):
- organisation: municipalities, 4 districts each, 10-20 ordinary schools (1-2 small ones), every
  special form, dagtilbud, SFO/BFO, klubber and an ungdomsskole;
- children born 1998-2025 and their placement episodes: dagtilbud from about age 1, school from
  the August they turn 6 until 9. klasse, moves into and out of the municipality, a few gap
  years, entry into special provision (mostly 1.-6. klasse, boys about twice as often, varying by
  municipality and school, rising over the years), returns to almen and escalation between forms;
- the trivselsmåling for 0.-3. and 4.-9. klasse, answered by ~85% of the pupils on the count date
  (anonymous: no child id), with national-level indicator means and realistic differences;
- interventions with participations, before/after/follow-up measurements and GAS goals;
- pejlemærker, national benchmarks (synthetic) and one import_batch row.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

import numpy as np
import sqlalchemy as sa

from data import schema as s
from data.demo import content
from data.demo.bulk import bulk_insert, reset_sequences
from data.demo.common import COVERS_FROM, DEFAULT_SEED, IMPORTED_AT
from data.demo.interventions import interventions
from data.demo.organisation import Org
from data.demo.placements import children, simulate
from data.demo.surveys import survey_meta, surveys
from data.demo.targets import benchmarks, targets

__all__ = ["generate", "bulk_insert", "DEFAULT_SEED"]

Progress = Callable[[str, float], None]  # (what is being done, in Danish; the share done, 0-1)


def generate(conn: sa.Connection, seed: int = DEFAULT_SEED, scale: float = 1.0, progress: Progress | None = None) -> dict:
    """Fill an empty, migrated database with synthetic demo data; return rows per table.

    Runs inside the caller's transaction (nothing is committed here) and finishes with
    :func:`data.derived.refresh_all`, so the derived tables are in step with the raw rows.
    `progress(text, share)` is told what is being done (the shares are measured durations at demo scale).
    """
    step = progress or (lambda text, share: None)
    if scale <= 0:
        raise ValueError("scale skal være større end 0")
    if conn.execute(sa.select(sa.func.count()).select_from(s.municipality)).scalar():
        raise RuntimeError("Databasen er ikke tom: demodata kan kun indlæses i en tom database.")
    rng = np.random.default_rng(seed)
    keys = np.random.default_rng([seed, 31])  # record keys from a stream of their own: the data stay as they were

    def record_keys(n: int) -> np.ndarray:
        """Fixed random record keys in [0, 2^31) for the cell-key method (queries.privacy)."""
        return keys.integers(0, s.RECORD_KEY_SPACE, n)
    counts: dict[str, int] = {}

    def put(table: sa.Table, rows, columns: list[str] | None = None):
        if isinstance(rows, Mapping):
            cols = columns or list(rows)
        else:
            rows = list(rows)
            cols = columns or (list(rows[0]) if rows else [])
            rows = [tuple(r[c] for c in cols) for r in rows]
        counts[table.name] = counts.get(table.name, 0) + bulk_insert(conn, table, cols, rows)

    step("Kommuner, skoler og dagtilbud", 0.0)
    org = Org(rng)
    put(s.municipality, [dict(kode=k, name=v[0]) for k, v in content.MUNICIPALITIES.items()])
    put(s.district, org.districts)
    put(s.institution, [{k: r[k] for k in ("id", "institutionsnummer", "name", "municipality_kode", "district_id",
                                           "kind", "provision", "special_form")} for r in org.inst])

    ch = children(rng, org, scale)
    put(s.child, dict(id=np.arange(1, ch["n"] + 1), birth_year=ch["by"],
                      gender=np.where(ch["girl"], "pige", "dreng"), record_key=record_keys(ch["n"])))

    step("Børn og deres placeringer gennem dagtilbud og skole", 0.02)
    pl, info = simulate(rng, org, ch, scale)

    batch_id = 1
    put(s.import_batch, [dict(id=batch_id, kind="demo", file_name="data.demo (syntetisk)",
                              sha256=hashlib.sha256(f"data.demo seed={seed} scale={scale}".encode()).hexdigest(),
                              rows=0, imported_by="data.demo", imported_at=IMPORTED_AT, outcome="ok",
                              covers_from=COVERS_FROM,
                              message=f"{content.SOURCE_NOTE}. Seed {seed}, skala {scale}.")])

    instruments, indicators, items = survey_meta()
    put(s.survey_instrument, instruments)
    put(s.survey_indicator, indicators)
    put(s.survey_item, items)
    step("Trivselsmålinger: svar fra hver elev", 0.06)
    rounds, resp, ans = surveys(rng, org, ch, info, batch_id)
    put(s.survey_round, rounds)
    resp["record_key"] = record_keys(len(resp["id"]))
    put(s.survey_response, resp, ["id", "round_id", "school_year", "institution_id", "klassetrin", "gender",
                                  "provision_form", "record_key"])
    put(s.survey_answer, ans, ["item_id", "response_id", "value"])
    put(s.benchmark, benchmarks(rng, batch_id))

    put(s.placement, dict(id=np.arange(1, len(pl["child"]) + 1), child_id=pl["child"] + 1,
                          institution_id=pl["inst"], provision_form=pl["form"],
                          start_date=pl["start"], end_date=pl["end"]),
        ["id", "child_id", "institution_id", "provision_form", "start_date", "end_date"])

    step("Indsatser, målinger og mål", 0.57)
    put(s.instrument, content.INSTRUMENTS_EFFECT)
    intv, parts, meas, goals = interventions(rng, org, ch, info, scale)
    put(s.intervention, intv)
    put(s.participation, [dict(p, record_key=int(k)) for p, k in zip(parts, record_keys(len(parts)))])
    put(s.measurement, meas)
    put(s.goal, goals)
    put(s.target, targets())

    total = sum(counts.values())
    conn.execute(s.import_batch.update().where(s.import_batch.c.id == batch_id).values(rows=total))
    reset_sequences(conn)

    from data import derived
    step("Opsummeringstabeller til siderne", 0.61)
    derived.refresh_all(conn)
    step("Færdig", 1.0)
    for table in (s.survey_score, s.survey_summary, s.survey_item_summary, s.placement_snapshot, s.pupil_summary,
                  s.transition_summary, s.return_summary, s.school_start_summary, s.sending_child, s.forloeb_summary,
                  s.sending_school_summary, s.survey_year_summary, s.moved_summary, s.pupil_year_summary,
                  s.survey_item_year_summary):
        counts[table.name] = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
    return counts

