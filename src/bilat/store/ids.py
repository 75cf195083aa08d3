"""Integer ids for new rows, taken in blocks inside the write transaction.

A row whose id the database gives must be inserted alone for the ORM to read the id
back (SQLite), or with ``RETURNING`` sorted back onto the objects. A row that has its
id already goes in with the others of its table in one multi-row INSERT. ``reserve``
gives ``n`` ids for a table, the same ones the database would have given the rows
inserted one by one in that order:

- SQLite: ``max(id) + 1 … max(id) + n``. The tables have no ``AUTOINCREMENT``, so
  SQLite gives a new row ``max(rowid) + 1`` too; the transaction holds the write lock
  from its first statement, so nobody inserts in between.
- PostgreSQL: ``nextval`` of the column's own sequence ``n`` times in one query, so
  the sequence stays the one authority (a writer that does not take the store's lock
  still never gets the same id).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session


def reserve(session: Session, table: Table, n: int) -> list[int]:
    """``n`` new ids for ``table``'s ``id`` column, ascending (see the module's docstring)."""
    if n <= 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        got = conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                 "FROM generate_series(1, :n)"), {"t": table.name, "n": n}).scalars()
        return sorted(got)
    top = conn.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(top + 1, top + 1 + n))


def assign(session: Session, rows: list[Any]) -> None:
    """Give each of ``rows`` (new ORM rows of one mapped class, in insertion order) its
    id from ``reserve``."""
    if not rows:
        return
    table = type(rows[0]).__table__
    for row, i in zip(rows, reserve(session, table, len(rows)), strict=True):
        row.id = i
