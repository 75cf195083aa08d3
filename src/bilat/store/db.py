"""``Store``: articles in and out of SQLite or PostgreSQL.

    store = Store()                       # Settings.db: $BILAT_DB, else sqlite:///bilat.db
    store.save(article)                   # False if its text is stored already (any id)
    store.events(pair=("AZE", "UZB"), since="2024-01")

Opening a store creates it if needed (``create=False`` refuses a store that does not
exist, for commands that only read) and migrates its schema to the newest revision
(Alembic, the same migrations on both backends), in one transaction that holds the
store's schema lock, so an interrupted creation leaves nothing and two processes
opening a new store create it once. Every write is one transaction that holds the
write lock from its first statement (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory
lock), so what it checks (already stored? a near-duplicate?) is still true when it
writes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from alembic.util import CommandError
from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    create_engine,
    event,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import selectinload, sessionmaker

from bilat.config import DEFAULT_DB, Settings
from bilat.errors import BilatError, NoSuchStore, StoreError, StoreWriteError, UsageError
from bilat.record import MAX_ID_CHARS, Article, SetAside
from bilat.store import bulk, crossref, dedup, locks, migrate, version
from bilat.store.among import among
from bilat.store.ids import reserve as reserve_ids
from bilat.store.models import (
    ArticleRow,
    Base,
    EntityRow,
    EventCountryRow,
    EventRow,
    FigureRow,
    MinhashBandRow,
    RelationRow,
    SetAsideRow,
)
from bilat.store.prepare import Prepared, prepare
from bilat.store.queries import (
    DEFAULT_LIMIT,
    Filters,
    ReadApi,
    check_limit,
    decode_cursor,
    encode_cursor,
)
from bilat.store.rows import (
    ARTICLE_LOAD,
    NewArticle,
    article_from_row,
    check_storable,
    event_from_row,
    own_rows,
)
from bilat.store.series import SeriesApi

logger = logging.getLogger(__name__)

DEFAULT_URL = DEFAULT_DB
URL_HELP = ("give e.g. sqlite:///bilat.db or postgresql+psycopg://user@host:5432/dbname "
            "(in $BILAT_DB or as the store URL)")
EXPORT_FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ("article_id", "article_title", "date", "type", "mode", "modality",
               "actor_countries", "actors", "recipient_countries", "recipients", "sectors",
               "confidence", "cameo", "evidence_text")
#: SQLite waits this long for another writer's lock before failing; batch workers
#: sharing one file write short transactions (~5 ms per article), so ten seconds is ample.
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Rows fetched per round trip when streaming articles and events.
PAGE_SIZE = 500
#: Stored articles sharing an LSH band with a new one that are compared with it; more
#: means a text so generic it shares bands with everything, and the first are enough.
MAX_DUPLICATE_CANDIDATES = 200
#: Key of the PostgreSQL advisory lock held by each save, so that concurrent writers
#: resolve entities and events one after the other and never create one event twice.
#: "bilat-sv" in ASCII.
_PG_SAVE_LOCK_KEY = 0x62696C61742D7376 & 0x7FFFFFFFFFFFFFFF
#: The longest ``source`` a set-aside row keeps whole (a path, a URL, ``file.jsonl:17``).
#: Longer ones keep their start and a digest of the whole, so the (source, code) index
#: stays within PostgreSQL's 2,704-byte row limit and each source keeps its own row.
MAX_SOURCE_CHARS = 500
#: Hex digits of the content hash appended to an id taken by another text
#: (``report`` → ``report~3f2a9c1b``); more only if that is taken too.
RENAME_DIGITS = (8, 16, 64)


@dataclass(frozen=True)
class Saved:
    """What ``Store.add`` did with an article."""

    article_id: str
    #: False when the article's text (under its id or another) was already stored.
    stored: bool
    #: The canonical article this one repeats: the stored one with the same text (not
    #: stored again), or a near-duplicate (stored, adding nothing across articles).
    duplicate_of: str | None = None
    #: The id the article came with, when another text was stored under it already:
    #: the article was then stored under ``article_id`` = that id + ``~`` + the first
    #: hex digits of its content hash (``report~3f2a9c1b``), so both are kept.
    renamed_from: str | None = None

class Store(ReadApi, SeriesApi):
    """The articles bilat has extracted, in one SQLite or PostgreSQL database."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        """Open the store at ``url`` (else ``Settings.db``: $BILAT_DB, bilat.toml or
        ``sqlite:///bilat.db``), creating it
        if it does not exist, unless ``create`` is False: then a missing store raises
        ``NoSuchStore`` (BL-E052) and nothing is created (commands that only read)."""
        raw = url or Settings.load().db
        self.url = _parse_url(raw)
        #: The URL with its password masked, for messages and logs.
        self.safe_url = self.url.render_as_string(hide_password=True)
        if not create:
            self._check_sqlite_file()
        self.engine = _create_engine(self.url, self.safe_url)
        try:
            self._migrate(create)
        except BaseException:
            self.engine.dispose()
            raise
        #: The engine the store reads and writes through: each commit that wrote bumps the
        #: store's version (``bilat.store.version``).
        self._tracked = version.tracked(self.engine)
        self._sessions = sessionmaker(self._tracked, expire_on_commit=False)
        #: Sessions whose transactions hold the write lock from their first statement.
        self._write_sessions = sessionmaker(locks.writer(self._tracked),
                                            expire_on_commit=False)

    def _no_store(self, why: str) -> NoSuchStore:
        return NoSuchStore(
            f"there is no bilat store at {self.safe_url} ({why}); check --db or $BILAT_DB, "
            f"or create the store first with `bilat ingest FILES --db {self.safe_url}`",
            source=self.safe_url)

    def _check_sqlite_file(self) -> None:
        """For ``create=False``: a SQLite file must exist before the engine touches it
        (connecting creates it)."""
        if self.url.get_backend_name() != "sqlite" or _in_memory(self.url):
            return
        path = self.url.database or ""
        if path.startswith("file:"):  # a URI filename (?uri=true)
            path = path[5:].split("?", 1)[0]
        if not os.path.exists(path):
            raise self._no_store(f"the file {path} does not exist")

    def _migrate(self, create: bool) -> None:
        try:
            with self.engine.connect():
                pass
        except SQLAlchemyError as e:
            hint = ("check that its directory exists and that bilat may write there"
                    if self.engine.dialect.name == "sqlite" else
                    "check that the server is running and that the URL, user and database "
                    "are right")
            raise StoreError(f"cannot open database {self.safe_url}: {_first_line(e)}; {hint}",
                             source=self.safe_url) from e
        try:
            migrate.upgrade(self.engine, create=create)
        except migrate.NoStore as e:
            raise self._no_store("the database holds no bilat tables") from e
        except migrate.NotAStore as e:
            raise StoreError(
                f"database {self.safe_url} holds bilat tables with rows ({e}) but no schema "
                f"revision, so bilat cannot tell what they are; give another database, or "
                f"export what you need from it and drop those tables", source=self.safe_url
            ) from e
        except SQLAlchemyError as e:
            raise StoreError(
                f"cannot migrate database {self.safe_url} to the current schema: "
                f"{_first_line(e)}; check that the user may create tables, and that the "
                f"database is bilat's and not newer than this version of bilat",
                source=self.safe_url) from e
        except CommandError as e:  # e.g. the database is at a revision this code lacks
            raise StoreError(
                f"cannot migrate database {self.safe_url}: {e}; is it from a newer bilat?",
                source=self.safe_url) from e

    def __repr__(self) -> str:
        return f"Store({self.safe_url!r})"

    def version(self) -> int:
        """A number that every committed write to the store (from any process) raises."""
        return version.read(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ------------------------------------------------------------------

    def save(self, article: Article) -> bool:
        """Store ``article`` and everything in it, in one transaction.

        Returns False, storing nothing, if the same text (by content hash) is already
        stored, under this id or another. Raises ``StoreWriteError`` if it cannot be
        stored. A near-duplicate of a stored article is stored (True) with
        ``duplicate_of`` set; an article whose id another text holds is stored under a
        new id (``add`` says which).
        """
        return self.add(article).stored

    def add(self, article: Article) -> Saved:
        """Store ``article`` and resolve it across articles, in one transaction.

        In that transaction: the article's rows; its MinHash bands; and, unless it is a
        near-duplicate of a stored article, its links to world entities, world events
        and the figure index (``crossref``). An interrupted save leaves nothing behind,
        so ingesting again resumes exactly where the interruption was. The transaction
        holds the write lock from its first statement, so two writers never both take
        the same reissue for new.

        The same text already stored (whatever its id) is not stored again. An id that
        another text holds already is not overwritten: the article is stored under the
        id ``<id>~<first 8 hex digits of its content hash>`` and ``Saved.renamed_from``
        is its own id.
        """
        record = article.to_dict()
        check_storable(record)
        content_hash = article.content_hash
        sig = dedup.signature(article.text)
        now = _now()
        try:
            with self._write_sessions.begin() as session:
                self._lock_writers(session)
                stored, repeat_of, id_taken = self._existing(session, article.id, content_hash)
                if stored:
                    logger.debug("article %s is already stored", article.id)
                    return Saved(article.id, False, repeat_of)
                renamed_from = None
                if id_taken:
                    renamed_from = self._rename(session, record, content_hash, set())
                duplicate_of = self._near_duplicate(session, sig)
                row = NewArticle(record, content_hash, now, sig, duplicate_of)
                bands = [] if sig is None else [
                    {"band": b, "bucket": k, "article_id": row.id} for b, k in dedup.bands(sig)]
                _insert_new(session, [row], bands)
                if duplicate_of is None:
                    crossref.link(session, row, now)
                else:
                    logger.info("article %s is a near-duplicate of %s", row.id, duplicate_of)
        except IntegrityError as e:
            # Another writer (one that does not take the lock) may have stored it since.
            with self._sessions() as session:
                stored, repeat_of, _ = self._existing(session, article.id, content_hash)
                if stored:
                    return Saved(article.id, False, repeat_of)
            raise self._write_error(article.id, e) from e
        except SQLAlchemyError as e:
            raise self._write_error(article.id, e) from e
        return Saved(record["id"], True, duplicate_of, renamed_from)

    def _lock_writers(self, session: Any) -> None:
        """PostgreSQL: wait for the other writers (SQLite's write lock is held already)."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SAVE_LOCK_KEY})

    def save_many(self, articles: Sequence[Article | Prepared]) -> list[Saved]:
        """Store ``articles`` in order, in ONE transaction; what ``add`` does for each.

        The result is the same as ``[self.add(a) for a in articles]`` (same rows, same
        world entities and events), but the articles' own rows go in with bulk inserts
        (one flush: multi-row ``INSERT … RETURNING``) and the batch pays for one
        transaction and one resolution lock. Cross-article resolution (``crossref``)
        then runs for each canonical article in input order, in that transaction.

        All or nothing: if any article cannot be stored, nothing of the batch is, and
        ``StoreWriteError`` is raised (naming the article when it is known), so the
        caller can fall back to ``add`` one by one to find and set aside that article.

        ``articles`` may be ``Prepared`` (``bilat.store.prepare``): their records, hashes
        and signatures are not worked out again.
        """
        if not articles:
            return []
        prepared = [a if isinstance(a, Prepared) else prepare(a, sign=False)
                    for a in articles]
        now = _now()
        first_id = prepared[0].article.id
        results: list[Saved] = []
        try:
            with self._write_sessions.begin() as session:
                self._lock_writers(session)
                # What is stored already: by id, and by content hash (→ its canonical id).
                by_id: set[str] = set()
                #: content hash → (id, duplicate_of) of the row holding that text
                by_hash: dict[str, tuple[str, str | None]] = {}
                ids = sorted({p.article.id for p in prepared})
                hashes = sorted({p.content_hash for p in prepared})
                for cond in among(session, ArticleRow.id, ids):
                    by_id.update(session.scalars(select(ArticleRow.id).where(cond)))
                for cond in among(session, ArticleRow.content_hash, hashes):
                    for aid, dup, h in session.execute(
                            select(ArticleRow.id, ArticleRow.duplicate_of,
                                   ArticleRow.content_hash).where(cond)):
                        by_hash[h] = (aid, dup)
                # The stored articles sharing a band with the batch's, read at once.
                sigs = {p.content_hash: p.signature if p.signed
                        else dedup.signature(p.article.text)
                        for p in prepared if p.content_hash not in by_hash}
                stored = _Stored.read(session, [s for s in sigs.values() if s is not None])
                # The batch's articles stored so far, for near-duplicates within it.
                batch_bands: dict[tuple[int, int], list[str]] = {}
                batch_sigs: dict[str, tuple[bytes, str | None]] = {}
                rows: list[NewArticle] = []
                bands: list[dict[str, Any]] = []
                for p in prepared:
                    article, content_hash = p.article, p.content_hash
                    if content_hash in by_hash:
                        logger.debug("article %s is already stored", article.id)
                        aid, dup = by_hash[content_hash]
                        results.append(Saved(article.id, False,
                                             _repeat_of(article.id, aid, dup)))
                        continue
                    renamed_from = None
                    record = dict(p.record)  # a renaming changes it, not the caller's
                    if article.id in by_id:
                        renamed_from = self._rename(session, record, content_hash, by_id)
                    article_id = record["id"]
                    sig = sigs[content_hash]
                    sig_bands = dedup.bands(sig) if sig is not None else []
                    duplicate_of = self._near_duplicate(session, sig, stored, batch_bands,
                                                        batch_sigs)
                    row = NewArticle(record, content_hash, now, sig, duplicate_of)
                    rows.append(row)
                    by_id.add(article_id)
                    by_hash[content_hash] = (article_id, duplicate_of)
                    if sig is not None:
                        batch_sigs[article_id] = (sig, duplicate_of)
                        for bk in sig_bands:
                            batch_bands.setdefault(bk, []).append(article_id)
                            bands.append({"band": bk[0], "bucket": bk[1],
                                          "article_id": article_id})
                    if duplicate_of is not None:
                        logger.info("article %s is a near-duplicate of %s", article_id,
                                    duplicate_of)
                    results.append(Saved(article_id, True, duplicate_of, renamed_from))
                _insert_new(session, rows, bands)
                crossref.link_many(session, [r for r in rows if r.duplicate_of is None], now)
        except IntegrityError as e:
            raise self._write_error(first_id, e, batch=len(articles)) from e
        except SQLAlchemyError as e:
            raise self._write_error(first_id, e, batch=len(articles)) from e
        return results

    def _existing(self, session: Any, article_id: str,
                  content_hash: str) -> tuple[bool, str | None, bool]:
        """What the store holds for an article: whether its text is stored (under its id
        or another), the canonical article that stored text repeats (None when it is
        stored under this very id), and whether its id is taken (by any text)."""
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.duplicate_of, ArticleRow.content_hash)
            .where(or_(ArticleRow.id == article_id, ArticleRow.content_hash == content_hash))
        ).all()
        same = [(aid, dup) for aid, dup, h in rows if h == content_hash]
        repeat_of = _repeat_of(article_id, *same[0]) if same else None
        return bool(same), repeat_of, any(aid == article_id for aid, _, _ in rows)

    def _rename(self, session: Any, record: dict[str, Any], content_hash: str,
                taken: set[str]) -> str:
        """Give ``record``, whose id another text holds, the id ``<id>~<hash digits>``
        (noting the given id in ``extra["id_given"]``); returns the given id. The id is
        cut so that the new one has at most ``MAX_ID_CHARS`` characters too."""
        given = record["id"]
        for n in RENAME_DIGITS:
            candidate = f"{given[:MAX_ID_CHARS - 1 - n]}~{content_hash[:n]}"
            if candidate not in taken and session.scalar(
                    select(ArticleRow.id).where(ArticleRow.id == candidate)) is None:
                record["id"] = candidate
                record["extra"] = {**record["extra"], "id_given": given}
                logger.info("id %s holds another text; storing this one as %s", given,
                            candidate)
                return given
        raise StoreWriteError(  # pragma: no cover - three digests of one text all taken
            f"article {given!r}: its id and every renamed id are taken; give it an id "
            f"of its own", source=given)

    def holds(self, article: Article) -> bool:
        """Whether ``article``'s text is stored (under its id or another): storing it
        again would store nothing. An id taken by another text does not count."""
        with self._sessions() as session:
            return self._existing(session, article.id, article.content_hash)[0]

    @property
    def threads_share(self) -> bool:
        """Whether every thread sees the same database (all but an in-memory SQLite
        store, which is one database per thread)."""
        return self.url.get_backend_name() != "sqlite" or not _in_memory(self.url)

    def stored_texts(self, hashes: Sequence[str]) -> set[str]:
        """Which of the content ``hashes`` the store holds: a read, taking no lock (a
        text stored a moment later is not among them). From another thread than the
        one writing only if ``threads_share``."""
        with self._sessions() as session:
            return {h for cond in among(session, ArticleRow.content_hash, sorted(set(hashes)))
                    for h in session.scalars(select(ArticleRow.content_hash).where(cond))}

    def _near_duplicate(self, session: Any, sig: bytes | None,
                        stored: _Stored | None = None,
                        batch_bands: dict[tuple[int, int], list[str]] | None = None,
                        batch_sigs: dict[str, tuple[bytes, str | None]] | None = None,
                        ) -> str | None:
        """The canonical stored article ``sig`` nearly repeats, if any.

        ``stored``: the stored articles sharing a band with any article of the batch
        (read at once, ``_Stored.read``); without it they are read for ``sig`` alone.
        ``batch_bands``/``batch_sigs``: articles of the same ``save_many`` batch stored
        before this one but whose bands are not in the table yet.
        """
        if sig is None:
            return None
        bands = dedup.bands(sig)
        if stored is None:
            stored = _Stored.read(session, [sig])
        ids = sorted({a for bk in bands for a in stored.bands.get(bk, ())})
        ids = ids[:MAX_DUPLICATE_CANDIDATES]
        candidates: list[tuple[str, str | None, bytes | None]] = [
            (a, *stored.sigs[a]) for a in ids]
        if batch_bands:
            mine = list(dict.fromkeys(a for bk in bands for a in batch_bands.get(bk, ())))
            assert batch_sigs is not None
            room = max(0, MAX_DUPLICATE_CANDIDATES - len(ids))
            candidates += [(a, batch_sigs[a][1], batch_sigs[a][0]) for a in mine[:room]]
        best: tuple[float, str] | None = None
        for aid, dup, other in candidates:
            score = dedup.similarity(sig, other) if other else 0.0
            if score >= dedup.NEAR_DUPLICATE_JACCARD and (best is None or score > best[0]):
                best = (score, dup or aid)
        return best[1] if best else None

    def _write_error(self, article_id: str, e: SQLAlchemyError,
                     batch: int = 0) -> BilatError:
        if batch:
            return StoreWriteError(
                f"a batch of {batch} articles (from {article_id!r}) could not be stored in "
                f"{self.safe_url}: {_first_line(e)}; nothing of it was written",
                source=article_id)
        return StoreWriteError(
            f"article {article_id!r} could not be stored in {self.safe_url}: {_first_line(e)}; "
            f"nothing of it was written", source=article_id)

    def set_aside(self, item: SetAside) -> bool:
        """Record an input that could not be processed; once per (source, code).

        Never refuses an item for what it holds: NUL characters and lone surrogates,
        which a database cannot hold, are written as backslash escapes, and a source
        over ``MAX_SOURCE_CHARS`` (an over-long id or path) keeps its start and a digest.
        Never fails a run for the record either: if the row still cannot be written, the
        failure is logged and False returned (the caller has reported the item anyway).
        Raises ``StoreError`` only when the database itself does not answer.
        """
        values = {
            "source": _bounded(_clean(item.source), MAX_SOURCE_CHARS),
            "code": _clean(item.code)[:20],
            "message": _clean(item.message),
            "article_id": None if item.article_id is None
            else _bounded(_clean(item.article_id), MAX_SOURCE_CHARS),
            "at": _now(),
        }
        dialect = self.engine.dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert(SetAsideRow).values(**values).on_conflict_do_nothing(
            index_elements=["source", "code"])
        try:
            with self._tracked.begin() as conn:
                conn.execute(stmt)
        except SQLAlchemyError as e:
            self._check_answering(e)
            logger.error("could not record the set-aside %s (%s) in %s: %s", values["source"],
                         item.code, self.safe_url, _first_line(e))
            return False
        return True

    def _check_answering(self, cause: SQLAlchemyError) -> None:
        """Raise StoreError if the database does not answer (after ``cause`` failed)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as e:
            raise StoreError(f"the store {self.safe_url} does not answer ({_first_line(cause)}); "
                             f"check that the database is up and the disk not full, then run "
                             f"again: what was stored is kept", source=self.safe_url) from e

    # -- reading ------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        with self._sessions() as session:
            stmt = select(ArticleRow.id).where(ArticleRow.id == article_id)
            return session.scalar(stmt) is not None

    def get(self, article_id: str) -> Article | None:
        """The stored article, rebuilt from the tables; None if there is none with that id."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id, options=ARTICLE_LOAD)
            return None if row is None else article_from_row(row)

    def articles(self) -> Iterator[Article]:
        """Every stored article, in id order, read a page at a time."""
        last: str | None = None
        while True:
            stmt = select(ArticleRow).order_by(ArticleRow.id).limit(PAGE_SIZE).options(
                *ARTICLE_LOAD)
            if last is not None:
                stmt = stmt.where(ArticleRow.id > last)
            with self._sessions() as session:
                page = [article_from_row(row) for row in session.scalars(stmt)]
            yield from page
            if len(page) < PAGE_SIZE:
                return
            last = page[-1].id

    def events(
        self,
        pair: tuple[str, str] | None = None,
        type: str | None = None,  # shadows the builtin, but it is the interface's name
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        limit: int | None = None,
        *,
        modality: str | None = None,
        filters: Filters | None = None,
    ) -> list[dict[str, Any]]:
        """Event mentions, one per article that reports the event (``event_page`` lists
        the events across articles), each as ``Event.to_dict()`` plus its article's context.

        Added keys: ``article_id``, ``article_title``, ``article_date``,
        ``evidence_text`` (the text of the first evidence span, None without one), and
        ``actor_names`` and ``recipient_names`` (the names of ``actors`` and
        ``recipients``, the entities of the article).

        - ``pair=(A, B)``: events whose actor and recipient countries include both A
          and B, in either direction.
        - ``country``: events that involve that country.
        - ``since``/``until``: ISO dates, inclusive, compared with the event's date or,
          without one, its article's. A shorter date covers its whole period:
          ``until="2024-05"`` includes 2024-05-31. Events with no date at all match
          neither.

        - ``modality``: asserted, future, potential or negated.
        - ``filters``: the lists' ``queries.Filters`` (checked as the API checks them)
          instead of the keywords; ``sector``, ``q`` and the location filters select
          events across articles only, and are refused here.

        Ordered by that date (undated last), then article id, then position in the article.
        """
        if filters is not None:
            f = _mention_filters(filters)
            pair, type, since, until = f.pair, f.type, f.since, f.until
            country, modality = f.country, f.modality
        return list(self._events(_event_query(pair, type, since, until, country, limit,
                                              modality)))

    def mention_page(self, filters: Filters | None = None, limit: int = DEFAULT_LIMIT,
                     cursor: str | None = None) -> dict[str, Any]:
        """Event mentions, one per article that reports the event, newest first (undated
        last), as ``events`` gives them: ``{"items": [...], "next_cursor": ...}``.
        ``event_page`` lists the events across articles."""
        f = _mention_filters(filters or Filters())
        check_limit(limit)
        after = decode_cursor("mentions", cursor)
        day = func.coalesce(EventRow.day, "")
        stmt = (_event_query(f.pair, f.type, f.since, f.until, f.country, limit + 1,
                             f.modality)
                .order_by(None).order_by(day.desc(), EventRow.id.desc()))
        if after is not None:
            stmt = stmt.where(or_(day < after[0], and_(day == after[0], EventRow.id < after[1])))
        rows = list(self._event_rows(stmt))
        more = len(rows) > limit
        last = rows[limit - 1][0] if more else None
        return {"items": [d for _, d in rows[:limit]],
                "next_cursor": encode_cursor("mentions", (last.day or "", last.id))
                if last is not None else None}

    def _events(self, stmt: Select[Any]) -> Iterator[dict[str, Any]]:
        for _, d in self._event_rows(stmt):
            yield d

    def _event_rows(self, stmt: Select[Any]) -> Iterator[tuple[EventRow, dict[str, Any]]]:
        """(row, mention as ``events`` gives it) for each event row ``stmt`` selects."""
        with self._sessions() as session:
            result = session.execute(stmt.execution_options(yield_per=PAGE_SIZE))
            for page in result.partitions():
                names = _entity_names(session, {row.article_id for row, *_ in page})
                for row, title, article_date, evidence_text in page:
                    d = event_from_row(row).to_dict()
                    here = names.get(row.article_id, {})
                    d.update(article_id=row.article_id, article_title=title,
                             article_date=article_date, evidence_text=evidence_text,
                             actor_names=[here[e] for e in d["actors"] if e in here],
                             recipient_names=[here[e] for e in d["recipients"] if e in here])
                    yield row, d

    def counts(self) -> dict[str, int]:
        """Rows per kind: articles, entities, events, figures, relations, set_aside."""
        tables = {"articles": ArticleRow, "entities": EntityRow, "events": EventRow,
                  "figures": FigureRow, "relations": RelationRow, "set_aside": SetAsideRow}
        with self._sessions() as session:
            return {name: session.scalar(select(func.count()).select_from(model)) or 0
                    for name, model in tables.items()}

    # -- export -------------------------------------------------------------------

    def export(self, fmt: str, out: TextIO) -> int:
        """Write every article (``jsonl``) or every event (``csv``) to ``out``; returns rows.

        ``jsonl`` writes one ``Article.to_dict()`` per line. ``csv`` writes a header
        (``CSV_COLUMNS``), then one row per event in ``events()`` order, with its
        article's id and title and the names of its actors and recipients; list fields
        are joined with ";" and ``date`` is the event's date or, without one, its
        article's. Open a file for CSV with ``newline=""``.
        """
        if fmt == "jsonl":
            n = 0
            for article in self.articles():
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            return n
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CSV_COLUMNS)
            n = 0
            for ev in self._events(_event_query(None, None, None, None, None, None)):
                writer.writerow([
                    ev["article_id"], ev["article_title"], ev["date"] or ev["article_date"],
                    ev["type"], ev["mode"], ev["modality"], ";".join(ev["actor_countries"]),
                    ";".join(ev["actor_names"]), ";".join(ev["recipient_countries"]),
                    ";".join(ev["recipient_names"]), ";".join(ev["sectors"]),
                    ev["confidence"], ev["cameo"], ev["evidence_text"],
                ])
                n += 1
            return n
        raise UsageError(
            f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")



@dataclass
class _Stored:
    """The stored articles that share an LSH band with some signatures: what
    ``Store._near_duplicate`` compares them with."""

    #: (band, bucket) → the stored articles with that band, by id
    bands: dict[tuple[int, int], list[str]]
    #: article id → (the article it near-duplicates, its signature)
    sigs: dict[str, tuple[str | None, bytes | None]]

    @classmethod
    def read(cls, session: Any, sigs: Sequence[bytes]) -> _Stored:
        """The rows of the buckets of ``sigs``' bands, then of the articles found
        (``among``: one query each on PostgreSQL, one per 500 values on SQLite)."""
        wanted = {bk for sig in sigs for bk in dedup.bands(sig)}
        bands: dict[tuple[int, int], list[str]] = {}
        m = MinhashBandRow.__table__.c
        for cond in among(session, m.bucket, sorted({k for _, k in wanted})):
            for band, bucket, aid in session.execute(
                    select(m.band, m.bucket, m.article_id).where(cond)):
                if (band, bucket) in wanted:
                    bands.setdefault((band, bucket), []).append(aid)
        found: dict[str, tuple[str | None, bytes | None]] = {}
        a = ArticleRow.__table__.c
        for cond in among(session, a.id, sorted({i for ids in bands.values() for i in ids})):
            for aid, dup, minhash in session.execute(
                    select(a.id, a.duplicate_of, a.minhash).where(cond)):
                found[aid] = (dup, minhash)
        return cls(bands, found)


def _insert_new(session: Any, articles: list[NewArticle],
                bands: list[dict[str, Any]]) -> None:
    """Insert the articles' own rows and their MinHash bands (``bulk``). The rows get
    their ids first, a block per table (``ids.reserve``), in the order the ORM would
    have inserted them: article after article, each in position order."""
    for part in ("entities", "events", "figures", "relations"):
        rows = [r for a in articles for r in getattr(a, part)]
        table = Base.metadata.tables[part]
        for row, i in zip(rows, reserve_ids(session, table, len(rows)), strict=True):
            row.id = i
    conn = session.connection()
    for name, rows in own_rows(articles).items():
        bulk.insert_rows(conn, Base.metadata.tables[name], rows)
    bulk.insert_rows(conn, MinhashBandRow.__table__, bands)


def _mention_filters(filters: Filters) -> Filters:
    """The lists' filters checked for mentions: those that only select events across
    articles (sector, text, place) are refused."""
    f = filters.checked()
    across_only = [n for n in ("sector", "q", "location", "country_of_location")
                   if getattr(f, n) is not None]
    if across_only:
        raise UsageError(f"{', '.join(across_only)}: only events across articles can be "
                         "filtered so, not mentions; leave it out or list events across "
                         "articles (bilat events --across, /api/events)")
    return f


def _event_query(
    pair: tuple[str, str] | None, type_: str | None, since: str | None, until: str | None,
    country: str | None, limit: int | None, modality: str | None = None,
) -> Select[Any]:
    first_evidence = case(
        (EventRow.evidence_start.is_(None), null()),
        (or_(EventRow.evidence_start < 0, EventRow.evidence_end <= EventRow.evidence_start),
         literal("")),
        else_=func.substr(ArticleRow.text, EventRow.evidence_start + 1,
                          EventRow.evidence_end - EventRow.evidence_start),
    )
    stmt = (
        select(EventRow, ArticleRow.title, ArticleRow.date, first_evidence)
        .join(ArticleRow, EventRow.article_id == ArticleRow.id)
        .options(selectinload(EventRow.countries))
        .order_by(EventRow.day.asc().nulls_last(), EventRow.article_id, EventRow.position)
    )
    conditions: list[ColumnElement[bool]] = []
    if pair is not None:
        if isinstance(pair, str) or len(pair) != 2:
            raise UsageError(f"pair must be two country codes such as ('AZE', 'UZB'), "
                             f"not {pair!r}")
        conditions += [_involves(pair[0]), _involves(pair[1])]
    if country is not None:
        conditions.append(_involves(country))
    if type_ is not None:
        conditions.append(EventRow.type == type_)
    if modality is not None:
        conditions.append(EventRow.modality == modality)
    if since is not None:
        conditions.append(EventRow.day >= since)
    if until is not None:
        # Compare at the precision given, so "2024-05" takes in all of May.
        conditions.append(func.substr(EventRow.day, 1, len(until)) <= until)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    if limit is not None:
        if limit < 0:
            raise UsageError(f"limit must be 0 or more, not {limit}")
        stmt = stmt.limit(limit)
    return stmt


def _repeat_of(article_id: str, stored_id: str, duplicate_of: str | None) -> str | None:
    """The canonical article that an article's text, stored as ``stored_id``, repeats:
    None when it is stored under its own id."""
    return None if stored_id == article_id else (duplicate_of or stored_id)


def _entity_names(session: Any, article_ids: set[str]) -> dict[str, dict[str, str]]:
    """article id → local entity id → name, for the given articles."""
    out: dict[str, dict[str, str]] = {}
    for cond in among(session, EntityRow.article_id, sorted(article_ids)):
        for aid, local, name in session.execute(
                select(EntityRow.article_id, EntityRow.local_id, EntityRow.name).where(cond)):
            out.setdefault(aid, {})[local] = name
    return out


def _involves(country: str) -> ColumnElement[bool]:
    return exists().where(EventCountryRow.event_id == EventRow.id,
                          EventCountryRow.country == country)


def _parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError as e:
        raise StoreError(f"database URL {raw!r} is not valid; {URL_HELP}", source=raw) from e
    # postgres:// (as many hosts write it) and postgresql:// mean the driver bilat's
    # 'postgres' extra installs, whatever SQLAlchemy's default driver is.
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _create_engine(url: URL, safe_url: str) -> Engine:
    try:
        engine = create_engine(url)
    except NoSuchModuleError as e:
        raise StoreError(f"database URL {safe_url} names an unknown database or driver "
                         f"{url.drivername!r}; {URL_HELP}", source=safe_url) from e
    except ImportError as e:
        raise StoreError(
            f"the driver for {safe_url} is not installed ({e}); for PostgreSQL install "
            f"bilat's 'postgres' extra and use postgresql+psycopg://…", source=safe_url) from e
    except (ArgumentError, TypeError, ValueError) as e:
        raise StoreError(f"database URL {safe_url} is not usable ({e}); {URL_HELP}",
                         source=safe_url) from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(wal=not _in_memory(url)))
        locks.sqlite_transactions(engine)
    elif engine.dialect.name != "postgresql":
        engine.dispose()
        raise StoreError(f"database {safe_url} is {engine.dialect.name}; bilat stores in "
                         f"SQLite or PostgreSQL; {URL_HELP}", source=safe_url)
    return engine


def _in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _sqlite_pragmas(*, wal: bool) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if wal:
                _journal_in_wal(cursor)
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()
    return on_connect


def _journal_in_wal(cursor: Any) -> None:
    """Put the file in WAL mode (once: the mode persists in the file). SQLite answers
    "database is locked" at once, without its busy handler, when another process converts
    the same new file at that moment, so this retries until the busy timeout."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def _first_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None) or e
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _bounded(s: str, limit: int) -> str:
    """``s``, or its start and a digest of the whole when it is longer than ``limit``."""
    if len(s) <= limit:
        return s
    digest = hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]
    return f"{s[:limit - 40]}… ({len(s):,} characters, sha256 {digest})"


def _clean(s: str) -> str:
    """``s`` without what a database cannot hold (NUL, lone surrogates), as escapes."""
    s = s.replace("\x00", "\\x00")
    return s.encode("utf-8", "backslashreplace").decode("utf-8")


def _now() -> datetime:
    return datetime.now(UTC)
