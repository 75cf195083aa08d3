"""Narrow search tables on PostgreSQL: what ranked search reads, apart from the wide rows.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

``bilat.store.fulltext.ranked`` finds the newest matches of a query and ranks them. On
PostgreSQL it read them from ``articles`` (1.5 GB of heap on the 1M-event bench store,
far more than the buffer cache) and ``world_events``: a word matching 1-5 % of the rows
cost 100-450 ms, whichever plan was taken, in reads of rows that were not among the
newest matches (docs/performance.md, Search).

``article_search`` holds what that step needs and nothing else: the article's ``id``,
its ``day`` and its ``search`` tsvector with one more lexeme, its period (a space, then
the day's first 7 characters: its month; no query can name a word with a space), with a
GIN index, a ``(day, id)`` index and its primary key. ``world_event_search`` does the
same for ``world_events``: ``id`` and ``search``, the period being the block of 8,192
ids. Ranked search asks the GIN index for a query's matches in a few periods at a time,
newest first, so it reads only the rows of the periods it needs (``fulltext``'s
``_newest_postgresql``); the extra lexeme changes no match and no rank (``ts_rank``
looks only at the query's lexemes).

The database keeps both tables in step with their rows: a trigger on every insert
(``COPY`` included), every update of a column the copy depends on, and every delete, in
the same transaction. Rows stored before are copied here: 47 s on the 1M-event store
(958,286 articles, 1,000,000 world events; load 4.2-4.7), 0.9 GB more for the articles
and 0.3 GB for the events.

SQLite needs nothing: its FTS5 tables (0006) are already apart from the rows.
Written by hand, like 0006.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (wide table, narrow table, columns copied besides ``search``, ordering index columns,
#: the wide table's columns whose update changes a copied value, the row's period)
#: ``{r}`` in a period stands for the row (``NEW.`` in the trigger); ``bilat.store.fulltext``
#: reads the periods the same way (``_periods``, ``EVENT_BLOCK``).
NARROW = (
    ("articles", "article_search", ("id", "day"), ("day", "id"),
     ("id", "title", "text", "day"), "left({r}day, 7)"),
    ("world_events", "world_event_search", ("id",), None, ("id", "search_text"),
     "({r}id / 8192)::text"),
)
#: For building the GIN indexes of existing rows.
BUILD_MEMORY = "256MB"


def _search(row: str, period: str) -> str:
    """The narrow table's ``search``: the row's, and its period as a lexeme that no query
    can name (a space, then the period: the parser never makes a word with a space)."""
    return (f"{row}search || array_to_tsvector(ARRAY[' ' || "
            f"coalesce({period.format(r=row)}, '')])")


#: Fills the narrow tables from the wide ones (PostgreSQL; also run by bench/store's bulk
#: load, which copies rows with triggers off).
BACKFILL = tuple(f"INSERT INTO {narrow} ({', '.join(columns)}, search) "
                 f"SELECT {', '.join(columns)}, {_search('', period)} FROM {wide}"
                 for wide, narrow, columns, _ordering, _watched, period in NARROW)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
    for (wide, narrow, columns, ordering, watched, period), fill in zip(
            NARROW, BACKFILL, strict=True):
        cols = ", ".join(columns)
        # the columns' types are the wide table's (a plain tsvector, not generated)
        op.execute(f"CREATE TABLE {narrow} AS SELECT {cols}, search FROM {wide} WITH NO DATA")
        op.execute(fill)
        op.execute(f"ALTER TABLE {narrow} ADD CONSTRAINT pk_{narrow} PRIMARY KEY (id)")
        op.execute(f"CREATE INDEX ix_{narrow}_search ON {narrow} USING gin (search)")
        if ordering:
            op.execute(f"CREATE INDEX ix_{narrow}_{'_'.join(ordering)} "
                       f"ON {narrow} ({', '.join(ordering)})")
        new = ", ".join(f"NEW.{c}" for c in columns)
        sets = ", ".join(f"{c} = NEW.{c}" for c in columns)
        op.execute(f"""
            CREATE FUNCTION {narrow}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO {narrow} ({cols}, search)
                    VALUES ({new}, {_search('NEW.', period)});
                ELSIF TG_OP = 'UPDATE' THEN
                    UPDATE {narrow} SET {sets}, search = {_search('NEW.', period)}
                    WHERE id = OLD.id;
                ELSE
                    DELETE FROM {narrow} WHERE id = OLD.id;
                END IF;
                RETURN NULL;
            END $$""")
        op.execute(f"CREATE TRIGGER {narrow}_sync AFTER INSERT OR DELETE OR UPDATE OF "
                   f"{', '.join(watched)} ON {wide} FOR EACH ROW "
                   f"EXECUTE FUNCTION {narrow}_sync()")
        op.execute(f"ANALYZE {narrow}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for wide, narrow, _columns, _ordering, _watched, _period in NARROW:
        op.execute(f"DROP TRIGGER {narrow}_sync ON {wide}")
        op.execute(f"DROP FUNCTION {narrow}_sync()")
        op.execute(f"DROP TABLE {narrow}")
