"""Run the store's Alembic migrations from code.

Alembic is configured here rather than from ``alembic.ini``, with the script
location found next to this file, so migrating works wherever the package is
installed (editable or not) and from whatever directory bilat runs.

A migration runs in one transaction that holds the schema lock (``locks.schema_lock``),
on SQLite too: a process killed while creating a store leaves an empty file that the
next one creates afresh, and of two processes creating a store at once the second
waits and finds it made. A store left half-made by a bilat without that lock (tables
but no revision, every table empty) is cleared and created again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, literal, select

from bilat.store.locks import schema_lock
from bilat.store.models import Base

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


class NoStore(Exception):
    """The database holds no bilat store, and the caller asked not to create one."""


class NotAStore(Exception):
    """The database holds bilat's tables with rows in them but no schema revision."""


def alembic_config() -> Config:
    cfg = Config()
    # Config values go through ConfigParser interpolation: escape any "%" in the path.
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    """The revision the code expects the database to be at."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", *, create: bool = True) -> None:
    """Migrate the database up to ``revision``, in one transaction holding the schema lock.

    ``create=False``: raise ``NoStore`` instead of creating a store in a database that
    holds none. Raises ``NotAStore`` for bilat tables with rows but no revision.
    """
    _run(engine, "upgrade", revision, create)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (``"base"`` drops every table)."""
    _run(engine, "downgrade", revision, True)


def _clear_interrupted_creation(conn: Connection, create: bool) -> None:
    """Before the first migration: no store (``NoStore`` unless ``create``), or the empty
    tables of a creation that was interrupted before bilat took the schema lock, dropped."""
    if MigrationContext.configure(conn).get_current_revision() is not None:
        return
    present = set(inspect(conn).get_table_names())
    ours = [t for t in reversed(Base.metadata.sorted_tables) if t.name in present]
    if not create:
        raise NoStore()
    if not ours:
        return
    filled = [t.name for t in ours
              if conn.execute(select(literal(1)).select_from(t).limit(1)).first() is not None]
    if filled:
        raise NotAStore(", ".join(sorted(filled)))
    logger.warning("%s holds the empty tables of an interrupted creation; creating it again",
                   conn.engine.url.render_as_string())
    for table in ours:
        table.drop(conn)
    if VERSION_TABLE in present:
        conn.exec_driver_sql(f"DROP TABLE {VERSION_TABLE}")


def _run(engine: Engine, direction: str, revision: str, create: bool) -> None:
    cfg = alembic_config()
    if direction == "upgrade" and revision == "head" and \
            current_revision(engine) == ScriptDirectory.from_config(cfg).get_current_head():
        return  # the usual case: nothing to do, and no lock to wait for
    with schema_lock(engine) as conn:
        if direction == "upgrade":
            _clear_interrupted_creation(conn, create)
        cfg.attributes["connection"] = conn
        logger.debug("migrating %s %s to %s", engine.url.render_as_string(), direction, revision)
        if direction == "upgrade":
            command.upgrade(cfg, revision)
        else:
            command.downgrade(cfg, revision)
