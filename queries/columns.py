"""Small query results as NumPy columns, made into one DataFrame at the end (queries.contract).

A page's results are a few dozen rows; on frames that small each pandas operation costs more than
the arithmetic, so the query functions fetch rows into NumPy columns, finish them there and build
their DataFrame once (bench/: the Effekt page went from ~190 ms to ~70 ms this way).
"""
from __future__ import annotations

import numpy as np
import sqlalchemy as sa

Cols = dict[str, np.ndarray]


def fetch(conn: sa.Connection, stmt, names: list[str], *, ints=(), floats=()) -> Cols:
    """Run `stmt` and return its columns under `names`: those in `ints` as int64 (NULL -> 0), those in
    `floats` as float64 (NULL -> NaN; PostgreSQL's Decimal -> float), the rest as object arrays."""
    rows = conn.execute(stmt).all()
    raw = dict(zip(names, zip(*rows))) if rows else dict.fromkeys(names, ())
    out: Cols = {}
    for name in names:
        if name in ints:
            out[name] = np.nan_to_num(np.array(raw[name], dtype="float64")).astype("int64")
        elif name in floats:
            out[name] = np.array(raw[name], dtype="float64")
        else:
            out[name] = np.array(raw[name], dtype=object)
    return out


def take(d: Cols, index) -> Cols:
    """The rows `index` (positions or a boolean mask) of every column."""
    return {k: v[index] for k, v in d.items()}


def order(*keys) -> np.ndarray:
    """Positions that sort the rows by `keys` (first key first), stable, like DataFrame.sort_values."""
    return np.array(sorted(range(len(keys[0])), key=lambda i: tuple(k[i] for k in keys)), dtype="int64")


def split_detail(d: Cols, dim: str) -> Cols:
    """The detail columns of a split's rows (queries.contract.Result.detail): `_institution` / `_district` hold the
    group's id where the split is by institution / distrikt (those rows are about one unit), else NaN."""
    no_unit = np.full(len(d["key"]), np.nan)
    d["_institution"] = np.asarray(d["key"], dtype="float64") if dim == "institution" else no_unit
    d["_district"] = np.asarray(d["key"], dtype="float64") if dim == "distrikt" else no_unit
    return d
