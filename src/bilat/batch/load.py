"""Load a batch output into the store, as ``bilat ingest`` would have stored it.

Each partition's rows are rebuilt into the articles the pipeline produced
(``tables.rows_to_items``) and handed to ``service.save_many`` in input order, a batch of
``BATCH_SIZE`` per transaction, so the store
resolves them across articles (entities, events, near-duplicates) exactly as it does for
``bilat ingest``; set-asides are recorded by ``service.save``. The store skips what it holds
already, so loading twice stores once, and an interrupted load resumes by loading again.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat import service
from bilat.batch.output import read_manifest, read_partition
from bilat.batch.tables import rows_to_items
from bilat.record import Article, SetAside

if TYPE_CHECKING:
    from bilat.store.prepare import Prepared

logger = logging.getLogger(__name__)

OnLoaded = Callable[[int, int], None]
#: Articles per ``Store.save_many`` transaction.
BATCH_SIZE = 200


@dataclass
class LoadResult:
    db: str
    articles: int = 0
    #: Articles newly stored; the others were stored already (the same text).
    stored: int = 0
    #: Of those, the articles stored under a new id because their id held another text.
    renamed: int = 0
    #: Rows of the batch output read and loaded (all six tables).
    rows: int = 0
    set_aside: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def load(out: str | Path, db: str | None = None, *, store: Any = None,
         on_loaded: OnLoaded | None = None, batch_size: int = BATCH_SIZE) -> LoadResult:
    """Store every article and set-aside of the batch output ``out``.

    ``store``: an open ``Store`` (else one is opened on ``db``). ``on_loaded(articles,
    rows)`` is called for each partition once its articles are stored. Articles are
    stored ``batch_size`` at a time with ``Store.save_many`` (one transaction, bulk
    inserts, the same resolution as one ``save`` after another); a batch the store
    refuses is stored again one article at a time, and an article the store refuses
    (BL-E051) is set aside in the store with that code, and the load goes on.
    """
    from bilat.store import Store

    manifest = read_manifest(out)
    own = store is None
    st = Store(db) if own else store
    result = LoadResult(st.safe_url)
    start = time.perf_counter()
    pending: list[Prepared | Article] = []
    #: Partitions read whose articles are not all stored yet: (articles, rows).
    waiting: list[tuple[int, int]] = []

    def flush() -> None:
        _store_batch(st, pending, result)
        pending.clear()
        for articles, rows in waiting:
            result.articles += articles
            result.rows += rows
            if on_loaded is not None:
                on_loaded(articles, rows)
        waiting.clear()

    try:
        # a transaction's worth of partitions read ahead, and one more
        depth = -(-batch_size // max(1, manifest.get("partition_size") or 1)) + 1
        for rows, items in _read_ahead(out, [p["index"] for p in manifest["partitions"]],
                                       depth, st):
            articles = 0
            for item in items:
                if isinstance(item, SetAside):
                    service.save(st, item)
                    result.set_aside[item.code] += 1
                    continue
                articles += 1
                pending.append(item)
            waiting.append((articles, rows))
            if len(pending) >= batch_size:
                flush()
        flush()
        result.seconds = time.perf_counter() - start
        result.counts = st.counts()
    finally:
        if own:
            st.close()
    return result


def _read(out: str | Path, index: int, st: Any
          ) -> tuple[int, list[Prepared | Article | SetAside]]:
    """Partition ``index``: its rows counted, and its items rebuilt, the articles
    prepared for storing (``bilat.store.prepare``; signed unless ``st`` holds their
    text already, as when a load is run again: asked from this thread when it sees
    the store's database)."""
    tables = read_partition(out, index)
    items = list(rows_to_items(tables))
    held = (st.stored_texts([i.content_hash for i in items if isinstance(i, Article)])
            if st.threads_share else set())
    return (sum(len(r) for r in tables.values()),
            [_prepared(i, i.content_hash not in held) if isinstance(i, Article) else i
             for i in items])


def _prepared(article: Article, sign: bool = True) -> Prepared | Article:
    """``article`` prepared; as it is if the store cannot take it (``save_many`` then
    refuses the batch, and the article is set aside alone, as without preparing)."""
    from bilat.errors import StoreWriteError
    from bilat.store.prepare import prepare

    try:
        return prepare(article, sign=sign)
    except StoreWriteError:
        return article


def _read_ahead(out: str | Path, indexes: list[int], depth: int, st: Any
                ) -> Iterator[tuple[int, list[Prepared | Article | SetAside]]]:
    """``_read`` of each partition in order, up to ``depth`` partitions read ahead in a
    thread while the caller stores: storing waits on the database (with the GIL
    released) for much of its time, and reading and preparing need no lock of the
    store."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bilat-load-read") as pool:
        ahead: deque[Future[tuple[int, list[Prepared | Article | SetAside]]]] = deque()
        todo = iter(indexes)
        for index in islice(todo, depth):
            ahead.append(pool.submit(_read, out, index, st))
        while ahead:
            part = ahead.popleft().result()
            for index in islice(todo, 1):
                ahead.append(pool.submit(_read, out, index, st))
            yield part


def _store_batch(st: Any, articles: list[Prepared | Article], result: LoadResult) -> None:
    """Store ``articles`` in one transaction; if the store refuses it, one by one."""
    for saved in service.save_many(st, articles):
        if isinstance(saved, SetAside):
            logger.warning("%s", saved.message)
            result.set_aside[saved.code] += 1
            continue
        result.stored += saved.stored
        result.renamed += saved.renamed_from is not None
