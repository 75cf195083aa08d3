"""The store's version: a counter (``store_version``, migration 0006) that every
committed write adds one to, in the write's own transaction.

Every statement that changes rows (``INSERT``, ``UPDATE``, ``DELETE``) on the store's
tracked engine (``tracked``) marks its connection; when that connection commits, the
counter is bumped on the same DBAPI connection just before the commit, so the new
version becomes visible exactly with the rows it stands for, from whichever process or
API worker wrote them. Readers
(``Store.version``) compare it with the version their cached answers were made at.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text

_WROTE = "bilat_wrote"
_WRITES = ("insert", "update", "delete")
BUMP = "UPDATE store_version SET version = version + 1 WHERE id = 1"
READ = text("SELECT version FROM store_version WHERE id = 1")


def tracked(engine: Engine) -> Engine:
    """``engine`` (the same pool and listeners) whose transactions that wrote bump the
    version as they commit. Migrations run on ``engine`` itself, untracked: the counter
    does not exist before 0006 (nor after a downgrade)."""
    engine = engine.execution_options(bilat_tracked=True)

    @event.listens_for(engine, "before_cursor_execute")
    def _note(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip()[:6].lower() in _WRITES and statement != BUMP:
            conn.info[_WROTE] = True

    @event.listens_for(engine, "commit")
    def _bump(conn: Connection) -> None:
        if conn.info.pop(_WROTE, False):
            # the DBAPI cursor, inside the transaction about to commit: SQLAlchemy's
            # own execute is not for use while it commits
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(BUMP)
            finally:
                cursor.close()

    @event.listens_for(engine, "rollback")
    def _forget(conn: Connection) -> None:
        conn.info.pop(_WROTE, None)

    return engine


def wrote(conn: Connection) -> None:
    """Note that ``conn`` wrote rows other than through a statement (PostgreSQL ``COPY``),
    so that its commit bumps the version too."""
    conn.info[_WROTE] = True


def read(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(READ).scalar_one())
