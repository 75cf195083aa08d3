"""Rows inserted in bulk, in the write transaction: PostgreSQL ``COPY``, SQLite
``executemany``.

A write that stores a batch of articles inserts tens of thousands of rows that nothing
reads back before the commit: the articles' own rows and the rows that only link them
across articles. Built as ORM objects and flushed, each row cost the unit of work's
bookkeeping, and on PostgreSQL one statement in a pipeline; here they go in as plain
values: ``COPY … FROM STDIN`` on PostgreSQL (one stream per table), one ``executemany``
of a compiled ``INSERT`` on SQLite. The rows are the same as the ORM would insert:

- a ``None`` in a column with a server default takes that default (the ORM leaves such
  a column out of its ``INSERT``);
- a JSON column holds the JSON of its value, ``None`` as JSON ``null``, as SQLAlchemy's
  ``JSON`` type writes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.exc import DBAPIError

from bilat.store import version


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of column name → value) into ``table``, in order."""
    for same in _same_keys(rows):
        if conn.dialect.name == "postgresql":
            _copy(conn, table, same)
        else:
            defaults = _server_defaults(table)
            if any(row[c] is None for c in defaults.keys() & same[0].keys() for row in same):
                same = [_with_defaults(row, defaults) for row in same]
            conn.execute(insert(table), same)


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    defaults = _server_defaults(table)
    json_columns = _json_columns(table)
    convert = [(i, json_columns.get(c), defaults.get(c)) for i, c in enumerate(columns)
               if c in json_columns or c in defaults]
    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    version.wrote(conn)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                values = list(row.values())
                for i, to_json, default in convert:
                    if to_json:
                        values[i] = json.dumps(values[i])
                    elif values[i] is None:
                        values[i] = default
                copy.write_row(values)
    except conn.dialect.loaded_dbapi.Error as e:
        # as SQLAlchemy raises a driver's error (IntegrityError for a duplicate key …)
        raise DBAPIError.instance(statement, None, e,
                                  conn.dialect.loaded_dbapi.Error) from e
    finally:
        cursor.close()


def _same_keys(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in runs with the same columns in the same order."""
    run: list[dict[str, Any]] = []
    for row in rows:
        if run and list(row) != list(run[0]):
            yield run
            run = []
        run.append(row)
    if run:
        yield run


def _with_defaults(row: dict[str, Any], defaults: dict[str, str]) -> dict[str, Any]:
    return {c: defaults[c] if v is None and c in defaults else v for c, v in row.items()}


@cache
def _server_defaults(table: Table) -> dict[str, str]:
    """Column name → its server default, for the columns that have a literal one."""
    out = {}
    for c in table.columns:
        arg = getattr(c.server_default, "arg", None)
        if isinstance(arg, str):
            out[c.name] = arg
    return out


@cache
def _json_columns(table: Table) -> dict[str, bool]:
    return {c.name: True for c in table.columns if isinstance(c.type, JSON)}
