"""Process, then store or set aside: the one way articles get into the store.

Every entry point that stores articles calls this module: ``bilat ingest`` (``cli``),
``POST /api/articles`` (``api.app``), the feed watcher (``watch.watcher``) and the batch
loader (``batch.load``). Each adds only its own reporting around it.

    items ─► Pipeline.process_many ─► save ─► Store.add ─► Saved
                                          └─► StoreWriteError ─► SetAside, recorded

An article the store refuses (``StoreWriteError``, BL-E051) is turned into a
``SetAside`` with that code and recorded in the store's ``set_aside`` table here, and
nowhere else; one refused article never stops a run. A set-aside that comes from an
earlier stage (a reader, the pipeline) is recorded the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from bilat.config import Settings
from bilat.errors import StoreWriteError
from bilat.record import Article, SetAside

if TYPE_CHECKING:
    from bilat.pipeline import Pipeline
    from bilat.store import Store
    from bilat.store.db import Saved
    from bilat.store.prepare import Prepared

logger = logging.getLogger(__name__)
T = TypeVar("T")

def save(store: Store, item: Article | SetAside, *, source: str | None = None
         ) -> Saved | SetAside:
    """Store a processed article, or record a set-aside; what became of it.

    An article the store refuses is set aside with the error's code and message (and
    recorded). ``source`` names the input in the set-aside instead of the article's id
    (the watcher names the feed item's URL).
    """
    if isinstance(item, SetAside):
        aside = item if source is None else replace(item, source=source)
        store.set_aside(aside)
        return aside
    try:
        return store.add(item)
    except StoreWriteError as exc:  # this record cannot be stored; the others can
        aside = SetAside(source or item.id, exc.code, str(exc), item.id)
        store.set_aside(aside)  # raises StoreError only when the store is down
        return aside


def save_many(store: Store, articles: Sequence[Article | Prepared]
              ) -> list[Saved | SetAside]:
    """Store ``articles`` in one transaction (``Store.save_many``; some may be
    ``Prepared``); if the store refuses the batch, store them one at a time with
    :func:`save`, so only the article at fault is set aside. What became of each, in
    order."""
    if not articles:
        return []
    try:
        return list(store.save_many(articles))
    except StoreWriteError as e:
        logger.info("%s; storing the batch one article at a time", e)
    return [save(store, a if isinstance(a, Article) else a.article) for a in articles]


def save_stream(store: Store, items: Iterable[Article | SetAside | T], *,
                batch_size: int = Settings.store_batch
                ) -> Iterator[tuple[Article | SetAside | T, Saved | SetAside | None]]:
    """Store the articles of ``items``, ``batch_size`` per transaction (``save_many``),
    and record its set-asides; each item and what became of it, in input order, as
    each batch is stored. Anything else in ``items`` (a caller's marker for an article
    it skipped) is passed through in its place with None.

    The store ends as with ``save`` for one item after another: a set-aside is
    recorded after the articles before it are stored.
    """
    pending: list[Article] = []

    def flush() -> Iterator[tuple[Article, Saved | SetAside]]:
        yield from zip(list(pending), save_many(store, pending))
        pending.clear()

    for item in items:
        if isinstance(item, Article):
            pending.append(item)
            if len(pending) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        yield item, save(store, item) if isinstance(item, SetAside) else None
    yield from flush()


def ingest(store: Store, pipeline: Pipeline, items: Iterable[Article | SetAside], *,
           sources: Sequence[str] | None = None, lock: AbstractContextManager[Any] | None = None
           ) -> Iterator[tuple[Article | SetAside, Saved | SetAside]]:
    """Process ``items`` (what a reader yields) and store each result: the processed
    article (or the set-aside) and what became of it, in input order.

    ``sources``: the name each input is set aside under, in input order (default: its
    id); the pipeline yields one result per input, in order. ``lock``: held while the
    pipeline runs (spaCy is not thread-safe), not while storing; all items are then
    processed before the first is stored. Without it, each result is stored as it comes.
    """
    processed: Iterable[Article | SetAside]
    if lock is None:
        processed = pipeline.process_many(items)
    else:
        with lock:
            processed = list(pipeline.process_many(items))
    for n, item in enumerate(processed):
        yield item, save(store, item, source=sources[n] if sources else None)


__all__ = ["ingest", "save", "save_many", "save_stream"]
