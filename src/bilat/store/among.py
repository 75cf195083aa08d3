"""Conditions for the rows whose column holds one of many values.

Storing a batch asks for the rows that hold any of hundreds of keys (article ids,
content hashes, LSH buckets, alias keys, world entity ids). An ``IN`` list binds one
parameter per value: SQLAlchemy renders, and psycopg rewrites (in Python), a statement
of 500 placeholders each time, whose text changes with the count so that neither can
cache it, and PostgreSQL parses and plans it anew. On PostgreSQL the values go as one
array instead (``column = ANY(:values)``, which a B-tree index answers as it does
``IN``): one short statement, one query. SQLite has no arrays: ``IN`` lists of at most
``CHUNK`` values there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

#: Values per ``IN`` list where there are no arrays.
CHUNK = 500


def among(session: Any, column: Any, values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """Conditions that together select the rows whose ``column`` is one of ``values``,
    one query each: one on PostgreSQL, one per ``CHUNK`` values elsewhere; none for no
    values. ``session``: the Session (or Connection) the queries run on."""
    if not values:
        return
    if session.get_bind().dialect.name == "postgresql":
        yield column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        return
    for i in range(0, len(values), CHUNK):
        yield column.in_(values[i:i + CHUNK])
