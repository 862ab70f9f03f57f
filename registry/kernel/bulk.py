"""Fast multi-row writes for imports and the demo.

SQLAlchemy's per-row parameter processing costs more than the database itself at
tens of thousands of rows, so this module converts whole columns at once to the
values each backend stores, and hands them to the driver in one call: COPY on
PostgreSQL, ``executemany`` on SQLite.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table, Time, text
from sqlalchemy.orm import Session

# How SQLAlchemy's SQLite dialect stores dates and times (it parses them back).
_SQLITE_FORMATS = {
    Date: "%Y-%m-%d",
    DateTime: "%Y-%m-%d %H:%M:%S.%f",
    Time: "%H:%M:%S.%f",
}


def _temporal(values: pd.Series, kind) -> list:
    if kind is Time:
        return [None if v is None or v is pd.NA else v.strftime(_SQLITE_FORMATS[Time])
                for v in values.astype(object).where(values.notna(), None)]  # fmt: skip
    stamps = pd.to_datetime(values)
    formatted = stamps.dt.strftime(_SQLITE_FORMATS[kind])
    return formatted.astype(object).where(stamps.notna(), None).tolist()


def _column_values(values: pd.Series, column) -> list:
    """One column as plain Python values (None for missing) in storage form."""
    kind = type(column.type)
    for temporal in (Date, DateTime, Time):
        if issubclass(kind, temporal):
            return _temporal(values, temporal)
    present = values.notna()
    if issubclass(kind, Boolean):
        values = values.astype(object).map(bool)
    elif issubclass(kind, Integer):
        values = values.astype("Int64").astype(object)
    elif issubclass(kind, Float):
        values = values.astype("float64").astype(object)
    elif pd.api.types.is_string_dtype(values.dtype):
        values = values.astype(object)
    else:
        values = values.astype(object).map(str, na_action="ignore")
    return values.where(present, None).tolist()


def write_frame(session: Session, table: Table, frame: pd.DataFrame) -> None:
    """Insert every row of ``frame`` (columns named like the table's) in this
    transaction. Columns the frame lacks get the database default (NULL or the
    autoincrement id).
    """
    if frame.empty:
        return
    columns = [c for c in table.columns if c.name in frame.columns]
    data = [_column_values(frame[c.name], c) for c in columns]
    rows = list(zip(*data, strict=True))
    names = ", ".join(f'"{c.name}"' for c in columns)
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if connection.dialect.name == "postgresql":
        statement = f'COPY "{table.name}" ({names}) FROM STDIN'
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    cursor = raw.cursor()
    try:
        cursor.executemany(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows
        )
    finally:
        cursor.close()


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids for ``count`` new rows of ``table``, safe against concurrent writers.

    PostgreSQL hands them out from the table's sequence. SQLite has one writer at a
    time: a write first takes the database's write lock, then the ids after the
    largest stored one are free until this transaction ends.
    """
    if count == 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        rows = connection.execute(
            text(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"count": count},
        )
        return sorted(value for (value,) in rows)
    connection.execute(
        text("INSERT OR REPLACE INTO dataset_info (key, value) VALUES (:k, :v)"),
        {"k": "last_bulk_write", "v": datetime.now().isoformat(timespec="seconds")},
    )
    largest = connection.execute(text(f'SELECT MAX(id) FROM "{table.name}"')).scalar()
    first = (largest or 0) + 1
    return list(range(first, first + count))
