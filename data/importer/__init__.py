"""Importing files into Indblik (issue #14): one validated, all-or-nothing load per file.

    plan = check(conn, "placeringer", "placeringer.csv", content)      # writes nothing
    plan = load(engine, "placeringer", "placeringer.csv", content, actor="anna@kommune.dk")

A file is read (:mod:`.read`), validated whole (:mod:`.kinds`, pandera), compared with the database
by natural key and — unless it has problems or it is a dry run — written in ONE transaction with
the refresh of the summary tables the pages read and an ``import_batch`` row. A refused file
raises :class:`ImportRefused` (an InputError) after an 'afvist' row is recorded in a short
transaction of its own; the data tables stay exactly as they were. Re-importing the same file
changes nothing ('uændret'). Two loads never interleave: PostgreSQL takes an advisory lock, SQLite
starts the write with BEGIN IMMEDIATE. Formats: docs/import.md.
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data import schema as s
from data.errors import InputError
from data.importer import effekt, survey, write
from data.importer.kinds import KINDS, Kind
from data.importer.read import Problem, Unreadable, read_frame
from data.importer.validate import CUBE, validate

__all__ = ["KINDS", "Kind", "Problem", "Plan", "ImportRefused", "check", "load", "history", "template"]

LOCK_KEY = 1_400_014  # pg_advisory_xact_lock: one import at a time (issue #14)
Progress = Callable[[float, str], None]

HANDLERS = {"institutioner": write.institutions, "boern": write.children, "placeringer": write.placements,
            "landstal": write.benchmarks, "pejlemaerker": write.targets, "indsatser": effekt.interventions,
            "deltagelser": effekt.participations, "maalinger": effekt.measurements, "maal": effekt.goals}


@dataclass
class Plan:
    """What a file holds and what loading it would do (or did)."""

    kind: str
    file_name: str
    sha256: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    already_imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, written: bool) -> str:
        """The one-line Danish summary of the command line."""
        n = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731
        tail = "skrevet" if written else "prøvekørsel, intet skrevet"
        if written and not (self.added or self.changed):
            tail = "uændret, intet skrevet"
        return (f"{self.kind}: {n(self.rows)} rækker, {n(self.added)} nye, {n(self.changed)} ændrede, "
                f"{n(self.unchanged)} uændrede — {tail}")


class ImportRefused(InputError):
    """A file with problems: nothing was written (but an 'afvist' import_batch row). `.plan` lists them."""

    def __init__(self, plan: Plan):
        self.plan = plan
        first = "; ".join(p.text() for p in plan.problems[:3])
        more = f" (og {len(plan.problems) - 3} fejl mere)" if len(plan.problems) > 3 else ""
        super().__init__(f"Filen er afvist, intet er skrevet: {first}{more}")


def _max_mb() -> int:
    from data.config import settings
    return settings().import_max_mb


def _prepare(conn: sa.Connection, kind: str, file_name: str, content: bytes):
    plan = Plan(kind, file_name, hashlib.sha256(content).hexdigest())
    if kind not in KINDS:
        plan.problems.append(Problem(file_name, None, None, kind, f"er ikke en slags fil; vælg en af "
                                                                  f"{', '.join(KINDS)}"))
        return plan, None
    try:
        text, problems = read_frame(content, file_name, _max_mb())
    except Unreadable as exc:
        plan.problems.append(exc.problem)
        return plan, None
    plan.rows = len(text)
    if kind == "landstal" and CUBE <= set(text.columns):
        text = write.from_cube(text, conn)
    if kind == "trivsel":
        parsed, data = survey.parse(conn, text, file_name)
    else:
        parsed, data = validate(KINDS[kind], text, file_name), None
    parsed.problems = problems + parsed.problems
    work = None
    if not parsed.problems:
        work = survey.compare(conn, data) if kind == "trivsel" else HANDLERS[kind](conn, parsed, file_name)
    plan.problems, plan.warnings = parsed.problems, parsed.warnings
    if plan.problems:
        return plan, None
    plan.added, plan.changed, plan.unchanged = work.added, work.changed, work.unchanged
    ib = s.import_batch
    plan.already_imported = conn.execute(sa.select(sa.func.count()).where(
        ib.c.kind == kind, ib.c.sha256 == plan.sha256, ib.c.outcome.in_(("ok", "uændret")))).scalar() > 0
    if plan.already_imported and (plan.added or plan.changed):
        plan.warnings.append("Den samme fil er indlæst før, men data er ændret siden; den indlæses igen.")
    return plan, work


def check(conn: sa.Connection, kind: str, file_name: str, content: bytes) -> Plan:
    """Read, validate and compare with the database; writes nothing."""
    return _prepare(conn, kind, file_name, content)[0]


def _batch(conn: sa.Connection, plan: Plan, actor: str, outcome: str, message: str | None) -> int:
    return int(conn.execute(s.import_batch.insert().values(
        kind=plan.kind, file_name=plan.file_name[:260], sha256=plan.sha256, rows=plan.rows, imported_by=actor,
        imported_at=write.today(), outcome=outcome, message=message).returning(s.import_batch.c.id)).scalar_one())


def _lock(conn: sa.Connection) -> None:
    """Begin the write transaction so that no other import runs at the same time."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")


def load(engine: sa.Engine, kind: str, file_name: str, content: bytes, actor: str, dry_run: bool = False,
         progress: Progress | None = None) -> Plan:
    """Check, then (unless a dry run) write everything in ONE transaction; raise ImportRefused on problems."""
    step = progress or (lambda fraction, text: None)
    step(0.0, "Læser og kontrollerer filen")
    with engine.connect() as conn:
        conn.begin()
        _lock(conn)
        plan, work = _prepare(conn, kind, file_name, content)
        if plan.problems:
            conn.rollback()
        elif dry_run:
            conn.rollback()
            step(1.0, "Prøvekørsel: intet skrevet")
            return plan
        else:
            step(0.3, "Skriver")
            nothing = not (plan.added or plan.changed)
            batch_id = _batch(conn, plan, actor, "uændret" if nothing else "ok",
                              "; ".join(plan.warnings)[:2000] or None)
            if not nothing:
                if work.custom:
                    work.custom(conn, batch_id, actor, step)
                else:
                    write.upsert(conn, work, batch_id)
                step(0.8, "Opdaterer opsummeringstabeller")
                write.refresh(conn, work)
            conn.commit()
            step(1.0, "Færdig")
            return plan
    with engine.begin() as conn:
        message = "\n".join(p.text() for p in plan.problems[:20])
        if len(plan.problems) > 20:
            message += f"\nog {len(plan.problems) - 20} fejl mere"
        _batch(conn, plan, actor, "afvist", message)
    raise ImportRefused(plan)


def history(conn: sa.Connection, limit: int = 100) -> pd.DataFrame:
    """The newest import_batch rows first: id, slags, fil, sha256, rækker, af, tidspunkt, udfald, besked."""
    ib = s.import_batch
    rows = conn.execute(sa.select(ib.c.id, ib.c.kind, ib.c.file_name, ib.c.sha256, ib.c.rows, ib.c.imported_by,
                                  ib.c.imported_at, ib.c.outcome, ib.c.message)
                        .order_by(ib.c.imported_at.desc(), ib.c.id.desc()).limit(limit)).all()
    return pd.DataFrame(rows, columns=["id", "slags", "fil", "sha256", "rækker", "af", "tidspunkt", "udfald", "besked"])


def template(kind: str, fmt: str = "csv") -> bytes:
    """A template: the header and two example rows; CSV with ';' and a BOM (Excel opens it), or XLSX."""
    k = KINDS[kind]
    header = [c.name for c in k.specs]
    rows = [[c.examples[i] for c in k.specs] for i in (0, 1)]
    if kind == "trivsel":
        header += [f"spm_{i}" for i in range(1, 41)]
        rows = [r + [str(1 + (i + j) % 5) for i in range(40)] for j, r in enumerate(rows)]
    if fmt == "csv":
        lines = [";".join(header)] + [";".join(r) for r in rows]
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt != "xlsx":
        raise ValueError(f"ukendt format: {fmt}")
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = k.name
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
