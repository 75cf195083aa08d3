"""watch: poll RSS/Atom feeds and store each new item's article.

    from bilat.store import Store
    from bilat.watch import Watcher, read_feed_list

    with Store("sqlite:///bilat.db") as store, Watcher(read_feed_list("feeds.txt"), store) as w:
        report = w.poll_once()      # one round; w.run(interval, stop) loops
        print(report.line())

The watcher's memory (feeds' validators and back-off, every item URL seen) is in the
``watch_feeds`` and ``watch_items`` tables of the store's database (:mod:`.state`);
network I/O is in :mod:`.fetch`, feed lists and bodies in :mod:`.feeds`.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from bilat.watch.feeds import read_feed_list
from bilat.watch.fetch import Fetcher, Limits
from bilat.watch.state import WatchState
from bilat.watch.watcher import DEFAULT_INTERVAL, RetryPolicy, RoundReport, Watcher

__all__ = ["DEFAULT_INTERVAL", "Fetcher", "Limits", "RetryPolicy", "RoundReport",
           "WatchState", "Watcher", "read_feed_list", "stop_on_signals"]


@contextmanager
def stop_on_signals(stop: threading.Event | None = None) -> Iterator[threading.Event]:
    """An event set by the first SIGINT or SIGTERM, for ``Watcher.run``; a second signal
    interrupts at once (KeyboardInterrupt). Handlers are restored on exit; main thread only.
    """
    event = stop or threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if event.is_set():
            raise KeyboardInterrupt
        event.set()

    wanted = (signal.SIGINT, signal.SIGTERM)
    old = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield event
    finally:
        for s, h in old.items():
            signal.signal(s, h)
