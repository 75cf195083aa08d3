"""How the store's writers and schema changes take their locks, on SQLite and PostgreSQL.

SQLite: Python's ``sqlite3`` (pysqlite) begins a transaction by itself only before an
``INSERT``, ``UPDATE`` or ``DELETE``, so a store's ``CREATE TABLE``s ran outside any
transaction: a process killed while creating a store left tables and an empty
``alembic_version`` behind, and two processes creating one store at once both made
tables. :func:`sqlite_transactions` leaves transactions to SQLAlchemy instead and begins
each one itself: ``BEGIN`` (deferred) for readers, ``BEGIN IMMEDIATE`` on an engine
from :func:`writer`, which takes the database's write lock at once (waiting up to the
busy timeout for another writer) rather than at the first write. A writer that first
reads (is this article stored? is it a near-duplicate?) then writes can therefore not
act on what another writer changed in between.

PostgreSQL: DDL is transactional already; writers and migrations take advisory locks
(``pg_advisory_xact_lock``) at the start of their transactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, event, text

#: The execution option that makes a SQLite transaction ``BEGIN IMMEDIATE``.
_IMMEDIATE = "bilat_sqlite_immediate"

#: Key of the PostgreSQL advisory lock held while the schema changes, so that workers
#: opening the same fresh database at once migrate it one after the other.
#: Any constant works; this one is "bilat" in ASCII.
PG_SCHEMA_LOCK_KEY = 0x62696C6174


def sqlite_transactions(engine: Engine) -> None:
    """Begin every transaction on the SQLite ``engine`` explicitly (see the module)."""

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """``engine`` for transactions that write: on SQLite they hold the write lock from
    their first statement. The same pool and listeners; nothing changes on PostgreSQL."""
    return engine.execution_options(**{_IMMEDIATE: True})


@contextmanager
def schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the right to change the schema: the
    SQLite write lock, or a PostgreSQL advisory lock. Commits on exit, rolls back on error.
    """
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_SCHEMA_LOCK_KEY})
        yield conn
