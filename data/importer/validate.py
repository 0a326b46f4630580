"""A frame of strings -> a typed frame validated whole (pandera, lazy), plus helpers the kinds share:
canonical values for comparing a file with the database, and the diff by natural key."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pandera.pandas as pa

from data.importer.kinds import CHILD_ID_NAMES, Kind, Parsed, failures, looks_like, parse_column
from data.importer.read import Problem

CUBE = {"indikator", "skoleår"}


def validate(kind: Kind, text: pd.DataFrame, file: str, extra: dict | None = None,
             extra_parse: dict[str, str] | None = None) -> Parsed:
    """Check the header, parse every known column, validate the typed frame with the kind's schema
    (plus `extra` columns such as the survey's items, parsed as `extra_parse` says)."""
    out = Parsed(pd.DataFrame(index=text.index))
    cols = list(text.columns)
    missing = [c.name for c in kind.specs if c.required and c.name not in cols]
    if missing:
        other = looks_like(cols, kind.name)
        if other:
            from data.importer.kinds import KINDS
            out.problems.append(Problem(file, 1, None, None,
                                        f"filen ligner en fil med {KINDS[other].title_da.lower()} ('{other}'), "
                                        f"ikke {kind.title_da.lower()} ('{kind.name}'); vælg den rigtige slags"))
            return out
        for c in missing:
            out.problems.append(Problem(file, 1, c, None, "kolonnen mangler i overskriften"))
        return out
    known = {c.name for c in kind.specs} | set(extra_parse or {})
    for c in cols:
        if kind.anonymous and c.replace(" ", "_") in CHILD_ID_NAMES:
            out.problems.append(Problem(file, 1, c, None, "en fil med anonyme data må ikke have en kolonne med "
                                                          "barnets id, CPR-nummer eller navn"))
        elif c not in known:
            out.warnings.append(f"Kolonnen '{c}' kendes ikke og springes over.")
    if out.problems:
        return out
    bad_rows: set[int] = set()
    for spec in kind.specs:
        if spec.name in text:
            values, problems = parse_column(text[spec.name], spec.type, file, spec.name)
            out.frame[spec.name] = values
            out.problems += problems
            bad_rows |= {p.row for p in problems}
    for name, type_ in (extra_parse or {}).items():
        values, problems = parse_column(text[name], type_, file, name)
        out.frame[name] = values
        out.problems += problems
        bad_rows |= {p.row for p in problems}
    for spec in kind.specs:
        if spec.name not in out.frame:
            dtype = {"int": "Int64", "year": "Int64", "number": "Float64"}.get(spec.type, object)
            out.frame[spec.name] = pd.Series([None] * len(text), index=text.index, dtype=dtype)
    checked = out.frame.drop(index=list(bad_rows)) if bad_rows else out.frame
    try:
        kind.schema(extra).validate(checked, lazy=True)
    except pa.errors.SchemaErrors as err:
        out.problems += failures(err, text, file, kind.key)
    out.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return out


def canon(v) -> str:
    """One text for a value from a file or a database row, so both compare equal when they are."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float):
        return repr(round(v, 9)) if not v.is_integer() else str(int(v))
    if hasattr(v, "item"):
        return canon(v.item())
    return str(v)


def diff(existing: list[tuple], incoming: list[tuple], n_key: int) -> tuple[list[int], list[tuple[int, int]], int]:
    """Compare rows (key values first, then values) with the database's (id first, then key, then values).

    Returns (indices of new incoming rows, [(incoming index, database id) of changed rows], unchanged)."""
    have = {}
    for row in existing:
        k = tuple(canon(v) for v in row[1:1 + n_key])
        have.setdefault(k, (row[0], tuple(canon(v) for v in row[1 + n_key:])))
    new, changed, same = [], [], 0
    for i, row in enumerate(incoming):
        k = tuple(canon(v) for v in row[:n_key])
        if k not in have:
            new.append(i)
            continue
        db_id, values = have[k]
        if values == tuple(canon(v) for v in row[n_key:]):
            same += 1
        else:
            changed.append((i, db_id))
    return new, changed, same


def lookup(conn, select, file: str, frame: pd.DataFrame, columns: list[str], what: str,
           problems: list[Problem], key_of=None) -> pd.Series:
    """Map file values to database ids through `select` (key columns..., id); a problem for each row
    whose value is not in the database. `key_of(row)` makes the key from a frame row (default: the
    columns' values)."""
    table = {tuple(canon(v) for v in r[:-1]): r[-1] for r in conn.execute(select)}
    ids = []
    for idx, row in zip(frame.index, frame[columns].itertuples(index=False, name=None)):
        k = tuple(canon(v) for v in (key_of(row) if key_of else row))
        found = table.get(k)
        if found is None and all(x != "" for x in k):
            col = columns[0] if len(columns) == 1 else None
            shown = " / ".join(k)
            problems.append(Problem(file, int(idx), col, shown if col else None, f"{what} findes ikke i databasen"
                                    + ("" if col else f" ({shown})")))
        ids.append(found)
    return pd.Series(ids, index=frame.index, dtype=object)
