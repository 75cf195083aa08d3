"""What the watcher remembers between polls and across restarts, in two ``watch_`` tables.

``watch_feeds``: one row per feed URL: its HTTP validators (ETag, Last-Modified) for the
conditional GET, its consecutive failures and when it may be polled next.

``watch_items``: one row per item URL ever seen in a feed. ``state`` is ``pending``
until the article is stored (``stored``) or given up (``set_aside``); a URL with a row
is never queued again, so a page is never fetched again once it is done. A pending
item keeps what its feed said of it (title, date, summary: the fallback text), its
failures and its next attempt time.

The tables live in the store's database but belong to ``bilat.watch`` alone; they are
created with ``metadata.create_all`` (not the store's migrations) and can be dropped to
forget every feed. Times are UNIX seconds (floats), from the watcher's clock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from bilat.errors import WatchStateError
from bilat.store.locks import schema_lock, writer

logger = logging.getLogger(__name__)

PENDING, STORED, SET_ASIDE = "pending", "stored", "set_aside"

metadata = MetaData()

feeds_table = Table(
    "watch_feeds", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("title", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False, default=0.0),
    Column("last_polled_at", Float),
    Column("last_ok_at", Float),
    Column("last_error", Text),
)

items_table = Table(
    "watch_items", metadata,
    Column("url", Text, primary_key=True),
    Column("feed_url", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("title", Text),
    Column("published", Text),
    Column("summary", Text),
    Column("guid", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),
    Column("first_seen_at", Float, nullable=False),
    Column("done_at", Float),
    Column("article_id", Text),
    Column("last_error", Text),
    Index("ix_watch_items_due", "state", "next_attempt_at"),
)


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    failures: int
    next_attempt_at: float


@dataclass(frozen=True)
class Item:
    """An item a feed listed: its page URL and what the feed said of it."""

    url: str
    feed_url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    guid: str | None = None
    feed_title: str | None = None
    failures: int = 0
    #: Why the item is not fetched at all (no link, not http(s), too long), if so: it is
    #: recorded as set aside the first time its feed lists it.
    refused: str | None = None


class WatchState:
    """The two ``watch_`` tables in ``engine``'s database; created if missing."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        try:
            # under the schema lock, so two watchers starting at once create them once
            with schema_lock(engine) as conn:
                metadata.create_all(conn)
        except SQLAlchemyError as exc:
            raise WatchStateError(
                f"cannot create the watch tables in {_safe(engine)}: {_first_line(exc)}; "
                "check that bilat may create tables there") from exc

    @contextmanager
    def _tx(self, what: str, *, write: bool = True) -> Iterator[Connection]:
        try:
            # a writer's transaction holds the write lock from its start: what it reads (a
            # feed's failures) is still true when it writes, whoever else writes the file
            with (writer(self.engine) if write else self.engine).begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise WatchStateError(f"cannot {what} in {_safe(self.engine)}: {_first_line(exc)}; "
                                  "nothing of it was written; the next round retries") from exc

    # -- feeds ------------------------------------------------------------------------

    def feed(self, url: str) -> FeedState | None:
        with self._tx("read the state of a feed", write=False) as conn:
            row = conn.execute(select(feeds_table).where(feeds_table.c.url == url)).first()
        if row is None:
            return None
        return FeedState(row.url, row.etag, row.last_modified, row.failures, row.next_attempt_at)

    def record_poll(self, url: str, items: Iterable[Item], now: float, *, etag: str | None,
                    last_modified: str | None, title: str | None) -> list[str]:
        """Queue the items not seen before and note a good poll, in one transaction.

        Returns the URLs of the items seen for the first time. The validators are stored
        with the items they cover, so a crash cannot leave a 304 hiding items that were
        never queued. A refused item is recorded as set aside at once.
        """
        new: list[str] = []
        with self._tx(f"record a poll of {url}") as conn:
            for item in items:
                stmt = _insert(conn, items_table).values(
                    url=item.url, feed_url=url, state=SET_ASIDE if item.refused else PENDING,
                    title=item.title, published=item.published, summary=item.summary,
                    guid=item.guid, failures=0, next_attempt_at=now, first_seen_at=now,
                    done_at=now if item.refused else None, last_error=item.refused,
                ).on_conflict_do_nothing(index_elements=["url"]).returning(items_table.c.url)
                # RETURNING, not rowcount: with psycopg the rowcount here is -1
                if conn.execute(stmt).first() is not None:
                    new.append(item.url)
            self._upsert_feed(conn, url, etag=etag, last_modified=last_modified, title=title,
                              failures=0, next_attempt_at=0.0, last_polled_at=now,
                              last_ok_at=now, last_error=None)
        return new

    def record_not_modified(self, url: str, now: float) -> None:
        with self._tx(f"record a poll of {url}") as conn:
            self._upsert_feed(conn, url, failures=0, next_attempt_at=0.0, last_polled_at=now,
                              last_ok_at=now, last_error=None)

    def record_feed_failure(self, url: str, now: float, error: str,
                            delay: Any) -> tuple[int, float]:
        """Count one more failure; ``delay(failures)`` gives the back-off. Returns both."""
        with self._tx(f"record a failure of {url}") as conn:
            failures = (conn.scalar(select(feeds_table.c.failures)
                                    .where(feeds_table.c.url == url)) or 0) + 1
            at = now + delay(failures)
            self._upsert_feed(conn, url, failures=failures, next_attempt_at=at,
                              last_polled_at=now, last_error=error)
        return failures, at

    def _upsert_feed(self, conn: Connection, url: str, **values: Any) -> None:
        stmt = _insert(conn, feeds_table).values(url=url, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=values))

    # -- items ------------------------------------------------------------------------

    def due(self, now: float, limit: int | None = None) -> list[Item]:
        """Pending items whose next attempt is due, oldest first."""
        t = items_table
        stmt = (select(t, feeds_table.c.title.label("feed_title"))
                .join(feeds_table, feeds_table.c.url == t.c.feed_url, isouter=True)
                .where(t.c.state == PENDING, t.c.next_attempt_at <= now)
                .order_by(t.c.first_seen_at, t.c.url).limit(limit))
        with self._tx("read the pending items", write=False) as conn:
            rows = conn.execute(stmt).all()
        return [Item(r.url, r.feed_url, r.title, r.published, r.summary, r.guid,
                     r.feed_title, r.failures) for r in rows]

    def mark_done(self, url: str, now: float, state: str, *, article_id: str | None = None,
                  error: str | None = None) -> None:
        with self._tx(f"record {url} as {state}") as conn:
            conn.execute(update(items_table).where(items_table.c.url == url).values(
                state=state, done_at=now, article_id=article_id, last_error=error))

    def record_item_failure(self, url: str, now: float, error: str, next_at: float) -> None:
        with self._tx(f"record a failure of {url}") as conn:
            conn.execute(update(items_table).where(items_table.c.url == url).values(
                failures=items_table.c.failures + 1, next_attempt_at=next_at,
                last_error=error))

    def counts(self) -> dict[str, int]:
        """Items per state."""
        with self._tx("count the items", write=False) as conn:
            rows = conn.execute(select(items_table.c.state, func.count())
                                .group_by(items_table.c.state)).all()
        return {PENDING: 0, STORED: 0, SET_ASIDE: 0, **{s: n for s, n in rows}}

    def next_due(self) -> float | None:
        """When the earliest pending item is due, if any."""
        with self._tx("read the pending items", write=False) as conn:
            return conn.scalar(select(func.min(items_table.c.next_attempt_at))
                               .where(items_table.c.state == PENDING))


def _insert(conn: Connection, table: Table) -> Any:
    return (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


def _safe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _first_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__
