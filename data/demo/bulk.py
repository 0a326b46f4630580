"""Bulk loading of columnar or row data: psycopg COPY on PostgreSQL, executemany on SQLite."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import sqlalchemy as sa

from data import schema as s

BATCH = 50_000


def _column_lists(table: sa.Table, columns: list[str], data, for_driver: bool) -> list[list]:
    """Columnar data (mapping column -> array/list) as Python lists; dates as ISO text for the
    raw SQLite driver, as datetime.date otherwise; NaT/NaN -> None."""
    out = []
    for col in columns:
        arr = data[col]
        if isinstance(arr, np.ndarray):
            if arr.dtype.kind == "M":
                if for_driver:
                    txt = np.datetime_as_string(arr.astype("datetime64[D]"), unit="D").astype(object)
                    txt[np.isnat(arr)] = None
                    out.append(txt.tolist())
                else:
                    out.append(arr.astype("datetime64[D]").astype(object).tolist())
            elif arr.dtype.kind == "f" and isinstance(table.c[col].type, sa.Integer):
                obj = arr.astype(object)
                obj[np.isnan(arr)] = None
                out.append([None if v is None else int(v) for v in obj.tolist()])
            elif arr.dtype.kind == "f":
                obj = arr.astype(object)
                obj[np.isnan(arr)] = None
                out.append(obj.tolist())
            else:
                out.append(arr.tolist())
        else:
            out.append(list(arr))
    return out


def bulk_insert(conn: sa.Connection, table: sa.Table, columns: list[str],
                rows: Mapping[str, Iterable] | Iterable[tuple], batch: int = BATCH) -> int:
    """Insert many rows natively and return how many.

    `rows` is either columnar (a mapping column -> numpy array or list, all of equal length) or
    an iterable of tuples in `columns` order. PostgreSQL: psycopg COPY. SQLite: the driver's
    executemany in batches of `batch` (no per-row SQLAlchemy processing). Other dialects:
    ``conn.execute(table.insert(), list_of_dicts)`` in batches.
    """
    dialect = conn.dialect.name
    if isinstance(rows, Mapping):
        total = len(rows[columns[0]]) if columns else 0
        tuples: Iterable[tuple] = _columnar_rows(table, columns, rows, dialect == "sqlite", batch)
    else:
        tuples = list(rows)
        total = len(tuples)
    if total == 0:
        return 0
    if dialect == "postgresql":
        raw = conn.connection.driver_connection
        cols = ", ".join(columns)
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as cp:
            for row in tuples:
                cp.write_row(row)
        return total
    if dialect == "sqlite":
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        it = iter(tuples)
        while True:
            chunk = list(_take(it, batch))
            if not chunk:
                break
            conn.exec_driver_sql(sql, chunk)
        return total
    it = iter(tuples)
    while True:
        chunk = [dict(zip(columns, row)) for row in _take(it, batch)]
        if not chunk:
            break
        conn.execute(table.insert(), chunk)
    return total


def _columnar_rows(table: sa.Table, columns: list[str], data: Mapping, for_driver: bool, batch: int):
    """The rows of columnar data, converted to Python values `batch` rows at a time: the whole answer table as
    Python lists would be ~300 MB at demo scale (the first start's peak RSS was 599 MB)."""
    for lo in range(0, len(data[columns[0]]), batch):
        part = {c: data[c][lo:lo + batch] for c in columns}
        yield from zip(*_column_lists(table, columns, part, for_driver))


def _take(it, n):
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return


def reset_sequences(conn: sa.Connection) -> None:
    """After explicit ids on PostgreSQL, move each serial sequence past max(id)."""
    if conn.dialect.name != "postgresql":
        return
    for table in s.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and isinstance(table.c.id.type, sa.Integer):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)")
