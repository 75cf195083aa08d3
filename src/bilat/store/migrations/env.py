"""Alembic's environment for bilat's store.

Two ways in:

- ``bilat.store.migrate`` (what ``Store`` uses) hands over an open connection in
  ``config.attributes["connection"]``; this file then neither creates an engine nor
  touches logging, which belongs to the host application.
- Alembic's command line with ``src/bilat/store/alembic.ini``: the URL comes from
  ``-x url=...``, else the settings' ``db`` (``$BILAT_DB``, ``bilat.toml``, else
  ``sqlite:///bilat.db``).
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine

from bilat.config import Settings
from bilat.store import fulltext
from bilat.store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return (context.get_x_argument(as_dictionary=True).get("url")
            or Settings.load().db)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # the full-text tables, columns and indexes are kept by the database (0006)
        include_name=lambda name, type_, parents: not fulltext.kept_by_database(
            name, type_, parents),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)
    engine = create_engine(_url())
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
