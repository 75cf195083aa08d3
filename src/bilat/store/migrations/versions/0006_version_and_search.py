"""The store's version, and full-text search over articles and world events.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``store_version`` holds one row (``id`` 1). ``bilat.store.version`` adds one to it in
the transaction of every write, so readers (the API's response cache and its ETags) can
tell in one indexed read whether anything changed since they last looked, whichever
process wrote.

Full-text search (``bilat.store.fulltext``): on PostgreSQL, ``articles.search`` (title
and text) and ``world_events.search`` (their ``search_text``) are ``tsvector`` columns
the database generates from the text (``english`` configuration), each with a GIN
index. On SQLite, ``articles_fts`` and ``world_events_fts`` are FTS5 tables over those
columns (porter stemmer, diacritics removed) that hold no copy of the text (external
content, keyed by rowid) and that triggers keep in step with every insert, update and
delete; rows stored before are indexed here. An SQLite ``VACUUM`` may renumber the
implicit rowids of ``articles``; rebuild its index after one with
``INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')``; so must a later migration
that rebuilds either table on SQLite (batch mode), after creating its triggers again.
Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, key column, FTS table, indexed columns, the tsvector expression on PostgreSQL)
#: An article's text is indexed up to its first 500,000 characters: a tsvector holds at
#: most 1 MB, and an article may have 1,000,000 characters (pipeline.MAX_CHARS).
FULLTEXT = (
    ("articles", "rowid", "articles_fts", ("title", "text"),
     "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
     "setweight(to_tsvector('english', left(coalesce(text, ''), 500000)), 'B')"),
    ("world_events", "id", "world_events_fts", ("search_text",),
     "to_tsvector('english', coalesce(search_text, ''))"),
)


def upgrade() -> None:
    table = op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, key, fts, columns, vector in FULLTEXT:
        if postgres:
            op.execute(f"ALTER TABLE {name} ADD COLUMN search tsvector "
                       f"GENERATED ALWAYS AS ({vector}) STORED")
            op.execute(f"CREATE INDEX ix_{name}_search ON {name} USING gin (search)")
            continue
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{name}', "
                   f"content_rowid='{key}', tokenize='porter unicode61 remove_diacritics 2')")
        add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, {new});"
        drop = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});"
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {name} BEGIN {add} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {name} BEGIN {drop} END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {name} "
                   f"BEGIN {drop} {add} END")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, _key, fts, _columns, _vector in FULLTEXT:
        if postgres:
            op.execute(f"DROP INDEX ix_{name}_search")
            op.execute(f"ALTER TABLE {name} DROP COLUMN search")
            continue
        for what in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER {fts}_{what}")
        op.execute(f"DROP TABLE {fts}")
    op.drop_table("store_version")
