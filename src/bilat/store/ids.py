"""Integer ids for new rows, taken in blocks inside the write transaction.

A row whose id the database gives must be inserted alone for the ORM to read the id
back (SQLite), or with ``RETURNING`` sorted back onto the objects. A row that has its
id already goes in with the others of its table in bulk (``bulk``), and the rows that
point at it can be made before it is inserted. ``reserve`` gives ``n`` ids for a table,
the same ones the database would have given the rows inserted one by one in that order:

- SQLite: ``max(id) + 1 … max(id) + n``. The tables have no ``AUTOINCREMENT``, so
  SQLite gives a new row ``max(rowid) + 1`` too; the transaction holds the write lock
  from its first statement, so nobody inserts in between.
- PostgreSQL: ``nextval`` of the column's own sequence ``n`` times in one query, so
  the sequence stays the one authority (a writer that does not take the store's lock
  still never gets the same id).
"""

from __future__ import annotations

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


#: Ids taken from a PostgreSQL sequence at a time for rows made one after another.
BLOCK = 256


class Blocks:
    """Ids for the rows one transaction creates one after another (world entities and
    events), so each can be added to the session with its id and go in with the other
    new rows of its table, instead of being inserted alone for its id.

    SQLite: counted up from ``max(id)``, read once per table. PostgreSQL: taken from the
    sequence ``BLOCK`` at a time; ``give_back`` sets the sequence back to the last id
    handed out, so the ids are those the rows inserted one by one would have had.
    """

    def __init__(self) -> None:
        self._free: dict[str, list[int]] = {}
        self._last: dict[str, int] = {}

    def next(self, session: Session, table: Table) -> int:
        """A new id for ``table``: one more than the last handed out."""
        free = self._free.setdefault(table.name, [])
        if not free:
            last = self._last.get(table.name)
            if last is not None and session.connection().dialect.name != "postgresql":
                # The rows given ids may not be inserted yet: count on from the last.
                free.extend(range(last + BLOCK, last, -1))
            else:
                free.extend(reversed(reserve(session, table, BLOCK)))
        self._last[table.name] = i = free.pop()
        return i

    def give_back(self, session: Session) -> None:
        """Return the ids taken but not handed out (PostgreSQL; SQLite takes none)."""
        conn = session.connection()
        for name, free in self._free.items():
            if free and conn.dialect.name == "postgresql":
                conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"),
                             {"t": name, "v": self._last[name]})
            free.clear()
