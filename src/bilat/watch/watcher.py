"""The watcher: poll feeds, fetch new items' pages, process and store them.

One round (:meth:`Watcher.poll_once`):

1. the feeds that are due are fetched, ``CONCURRENCY`` at a time, each with a
   conditional GET (its stored ETag and Last-Modified); a 304 costs nothing more. The
   items not seen before are queued in ``watch_items`` together with the feed's new
   validators, in one transaction; an item that cannot be fetched at all (no link, not
   http(s)) is set aside there and then;
2. the queued items that are due have their pages fetched, ``CONCURRENCY`` at a time,
   and read (trafilatura, through ``bilat.ingest.html``, in the charset the server
   names); a page without main text, or not HTML, falls back to the text the feed gave
   for the item;
3. the articles go through the pipeline in batches; each is stored and its item
   marked done right after, so an interruption loses at most the item in hand,
   which stays queued and is fetched again next time.

Every fetch has one deadline (``Limits.total``), so a slow host costs one worker that
long and never holds up the other feeds. A page is fetched at an internal address only
on the origin of a listed feed, or with ``allow_private`` (``bilat.watch.fetch``).

A feed or page that fails is retried with exponential back-off (:class:`RetryPolicy`);
it never stops the round. A page is given up after ``page_attempts`` failures and set
aside in the store's ``set_aside`` table; a feed is never given up, but is recorded
there once it has failed ``feed_report_after`` times in a row.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from bilat import service
from bilat.errors import (
    AddressNotAllowed,
    BilatError,
    FeedFetchError,
    IngestError,
    NoUsableText,
    PageFetchError,
    StoreError,
    WatchError,
    WatchStateError,
)
from bilat.ingest.html import MIN_MAIN_TEXT_CHARS, article_from_html
from bilat.ingest.records import id_from_url, normalise_date
from bilat.record import Article, SetAside
from bilat.watch.feeds import ParsedFeed, parse_feed
from bilat.watch.fetch import Fetched, Fetcher, origin, trim_partial_utf8
from bilat.watch.state import SET_ASIDE, STORED, Item, WatchState

if TYPE_CHECKING:
    from bilat.pipeline import Pipeline
    from bilat.store import Store
    from bilat.store.db import Saved

logger = logging.getLogger(__name__)

#: Media types read as web pages; anything else falls back to the feed's text.
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
#: Default seconds between rounds: most news feeds update a few times an hour.
DEFAULT_INTERVAL = 900.0
#: Pages fetched before a pipeline batch runs. Small, so an article is stored soon after
#: it is fetched and an interruption wastes little; spaCy's batching gains little above 8.
FETCH_BATCH = 8
#: Feeds, and pages, fetched at once. Enough that a few slow hosts (each cut at
#: ``Limits.total``) do not hold up the rest; few enough to be polite to one site.
CONCURRENCY = 4

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: the n-th consecutive failure waits ``base * factor**(n-1)``
    seconds, at most ``cap``. A minute first, then 2, 4, 8 … up to 6 hours: a site down
    for a day is asked about a dozen times, and a blip costs a minute.
    """

    base: float = 60.0
    factor: float = 2.0
    cap: float = 6 * 3600.0
    #: A page is set aside (and never fetched again) after this many failed attempts.
    page_attempts: int = 5
    #: A feed is written to the set_aside table after this many failures in a row.
    feed_report_after: int = 3

    def delay(self, failures: int) -> float:
        return float(min(self.cap, self.base * self.factor ** max(0, failures - 1)))


@dataclass
class RoundReport:
    """What one round did; ``line()`` is the progress line the CLI prints."""

    round: int = 0
    feeds: int = 0
    not_modified: int = 0
    feed_failures: int = 0
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    set_aside: int = 0
    retry_later: int = 0
    pending: int = 0
    seconds: float = 0.0
    #: True when the round stopped early because the database failed.
    aborted: bool = False
    #: The coded message of every failure in the round, in order.
    errors: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        """Articles processed (stored or found already stored)."""
        return self.stored + self.duplicates

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def failed(self) -> bool:
        return bool(self.feed_failures or self.set_aside or self.retry_later or self.aborted)

    def line(self) -> str:
        return (f"round {self.round}: {self.feeds} feeds polled ({self.not_modified} not "
                f"modified, {self.feed_failures} failed), {self.new_items} new items, "
                f"{self.stored} stored, {self.duplicates} already stored, {self.set_aside} "
                f"set aside, {self.retry_later} to retry, {self.pending} pending; "
                f"{self.articles} articles in {self.seconds:.1f} s ({self.rate:.2f}/s)")


class Watcher:
    """Polls ``feeds`` and stores their new items in ``store``.

    ``pipeline`` is created on first use when not given (loading spaCy takes a second
    or two); ``fetcher`` defaults to a :class:`Fetcher` with default limits; ``clock``
    gives UNIX seconds and exists so tests can move time forward.
    """

    def __init__(self, feeds: list[str], store: Store, *, pipeline: Pipeline | None = None,
                 fetcher: Fetcher | None = None, policy: RetryPolicy | None = None,
                 clock: Callable[[], float] = time.time, allow_private: bool = False,
                 concurrency: int = CONCURRENCY) -> None:
        self.feeds = list(feeds)
        self.store = store
        self.state = WatchState(store.engine)
        self._pipeline = pipeline
        self._own_fetcher = fetcher is None
        #: ``allow_private`` is for the fetcher made here; a given one has its own.
        self.fetcher = fetcher or Fetcher(allow_private=allow_private)
        #: The listed feeds' origins, where internal addresses are fetched.
        self.trusted = frozenset(o for o in map(origin, self.feeds) if o is not None)
        self.policy = policy or RetryPolicy()
        self.clock = clock
        self.concurrency = concurrency
        self.rounds = 0

    def close(self) -> None:
        if self._own_fetcher:
            self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from bilat.config import Settings
            from bilat.pipeline import Pipeline

            self._pipeline = Pipeline(batch_size=Settings.load().batch_size)
        return self._pipeline

    # -- rounds -----------------------------------------------------------------------

    def run(self, interval: float = DEFAULT_INTERVAL, stop: threading.Event | None = None,
            on_round: Callable[[RoundReport], None] | None = None) -> None:
        """Poll every ``interval`` seconds until ``stop`` is set."""
        stop = stop or threading.Event()
        while not stop.is_set():
            started = time.monotonic()
            try:
                report = self.poll_once(stop)
            except (StoreError, WatchStateError) as exc:
                # the database is away (a server restart, a full disk): every write so
                # far is committed, what is left stays queued; try again next round
                logger.info("%s", exc)  # on_round reports it
                report = RoundReport(round=self.rounds, aborted=True, errors=[
                    f"{exc}; this round stopped there, the next one carries on"])
            if on_round is not None:
                on_round(report)
            stop.wait(max(0.0, interval - (time.monotonic() - started)))

    def poll_once(self, stop: threading.Event | None = None) -> RoundReport:
        """One round: poll the due feeds, then fetch, process and store the due items.

        Returns when done or soon after ``stop`` is set; what is left stays queued.
        """
        self.rounds += 1
        report = RoundReport(round=self.rounds)
        started = time.monotonic()
        stopped = stop.is_set if stop is not None else (lambda: False)
        self._poll_feeds(report, stopped)
        due = self.state.due(self.clock())
        for start in range(0, len(due), FETCH_BATCH):
            if stopped():
                break
            self._items(due[start:start + FETCH_BATCH], report, stopped)
        report.pending = self.state.counts()["pending"]
        report.seconds = time.monotonic() - started
        return report

    # -- feeds ------------------------------------------------------------------------

    def _poll_feeds(self, report: RoundReport, stopped: Callable[[], bool]) -> None:
        """Fetch the due feeds (``concurrency`` at a time), then record each in turn."""
        now = self.clock()
        due: list[tuple[str, dict[str, str]]] = []
        for url in self.feeds:
            known = self.state.feed(url)
            if known is not None and known.next_attempt_at > now:
                logger.debug("feed %s is backing off until %s", url, known.next_attempt_at)
                continue
            headers = {}
            if known is not None and known.etag:
                headers["If-None-Match"] = known.etag
            if known is not None and known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
            due.append((url, headers))
        fetched = self._at_once([lambda u=url, h=headers: self._fetch_feed(u, h)
                                 for url, headers in due], stopped)
        report.feeds += len(fetched)
        for (url, _), got in zip(due, fetched, strict=False):
            if isinstance(got, WatchError):
                self._feed_failed(url, got, now, report)
            elif isinstance(got, BaseException):
                raise got
            else:
                self._feed_polled(url, *got, now, report)

    def _fetch_feed(self, url: str, headers: dict[str, str]) -> tuple[Fetched, ParsedFeed | None]:
        """Network and parsing only (run in a worker thread): the response and its items."""
        resp = self.fetcher.get(url, error=FeedFetchError, headers=headers,
                                trusted=self.trusted)
        return resp, (None if resp.status == 304 else parse_feed(url, resp))

    def _feed_polled(self, url: str, resp: Fetched, parsed: ParsedFeed | None, now: float,
                     report: RoundReport) -> None:
        if parsed is None:
            self.state.record_not_modified(url, now)
            report.not_modified += 1
            return
        # Validators are kept only for a whole, well-formed body: after a cut or broken
        # one, the next poll must get the feed again rather than a 304.
        whole = parsed.problem is None and not resp.truncated
        if not whole:
            logger.info("feed %s is not well-formed (%s%s); %d items read from it", url,
                        parsed.problem or "cut at the size limit",
                        "" if not resp.truncated else ", cut at the size limit",
                        len(parsed.items))
        new = set(self.state.record_poll(
            url, parsed.items, now, title=parsed.title,
            etag=resp.headers.get("etag") if whole else None,
            last_modified=resp.headers.get("last-modified") if whole else None))
        report.new_items += len(new)
        for item in parsed.items:
            if item.refused is not None and item.url in new:
                self._report_aside(SetAside(item.url, AddressNotAllowed.code,
                                            str(AddressNotAllowed(item.refused))), report)

    def _feed_failed(self, url: str, exc: BilatError, now: float,
                     report: RoundReport) -> None:
        failures, at = self.state.record_feed_failure(url, now, str(exc), self.policy.delay)
        report.feed_failures += 1
        wait = at - now
        err = type(exc)(f"{exc.message} (failure {failures}; not polled again for "
                        f"{wait:.0f} s)", source=url)
        report.errors.append(str(err))
        logger.info("%s", err)
        if failures >= self.policy.feed_report_after:
            self.store.set_aside(SetAside(url, exc.code, str(err)))

    def _at_once(self, calls: list[Callable[[], T]],
                 stopped: Callable[[], bool]) -> list[T | BaseException]:
        """Run ``calls`` on up to ``concurrency`` threads; their results (or the
        exception each raised) in order. Calls not started when ``stopped()`` are
        dropped, and the list is cut there."""
        if not calls:
            return []
        results: list[T | BaseException] = []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(calls)),
                                thread_name_prefix="bilat-fetch") as pool:
            futures: list[Future[T]] = []
            for call in calls:
                futures.append(pool.submit(call))
            for future in futures:
                if stopped() and not future.running() and future.cancel():
                    break
                try:
                    results.append(future.result())
                except Exception as exc:  # noqa: BLE001 - handed back to the caller
                    results.append(exc)
            for future in futures:
                future.cancel()
        return results

    # -- items ------------------------------------------------------------------------

    def _items(self, items: list[Item], report: RoundReport,
               stopped: Callable[[], bool]) -> None:
        ready: list[tuple[Item, Article]] = []
        pages = self._at_once([lambda i=item: self.fetcher.get(
            i.url, error=PageFetchError, trusted=self.trusted) for item in items], stopped)
        for item, page in zip(items, pages, strict=False):
            try:
                if isinstance(page, BaseException):
                    raise page
                ready.append((item, self._article(item, page)))
            except PageFetchError as exc:
                self._item_failed(item, exc, report)
            except WatchError as exc:  # no usable text, an address refused: retrying
                self._give_up(item, exc, report)  # would not change it
        if not ready:
            return
        results = service.ingest(self.store, self.pipeline, [a for _, a in ready],
                                 sources=[item.url for item, _ in ready])
        for (item, _), (_, saved) in zip(ready, results, strict=True):
            self._done(item, saved, report)
            if stopped():
                break

    def _done(self, item: Item, saved: Saved | SetAside, report: RoundReport) -> None:
        """Count what the service did with the item's article and mark the item done."""
        if isinstance(saved, SetAside):  # recorded in the store already
            self._give_up(item, saved, report, recorded=True)
            return
        if saved.stored:
            report.stored += 1
        else:
            report.duplicates += 1
        self.state.mark_done(item.url, self.clock(), STORED, article_id=saved.article_id)

    def _item_failed(self, item: Item, exc: BilatError, report: RoundReport) -> None:
        failures = item.failures + 1
        if failures >= self.policy.page_attempts:
            err = type(exc)(f"{exc.message} (failure {failures} of {self.policy.page_attempts};"
                            " given up)", source=item.url)
            self._give_up(item, err, report)
            return
        now = self.clock()
        delay = self.policy.delay(failures)
        err = type(exc)(f"{exc.message} (failure {failures} of {self.policy.page_attempts}; "
                        f"not fetched again for {delay:.0f} s)", source=item.url)
        self.state.record_item_failure(item.url, now, str(err), now + delay)
        report.retry_later += 1
        report.errors.append(str(err))
        logger.info("%s", err)

    def _give_up(self, item: Item, why: BilatError | SetAside, report: RoundReport, *,
                 recorded: bool = False) -> None:
        if isinstance(why, SetAside):
            aside = SetAside(item.url, why.code, why.message, why.article_id)
        else:
            aside = SetAside(item.url, why.code, str(why))
        self._report_aside(aside, report, recorded=recorded)
        self.state.mark_done(item.url, self.clock(), SET_ASIDE, article_id=aside.article_id,
                             error=aside.message)

    def _report_aside(self, aside: SetAside, report: RoundReport, *,
                      recorded: bool = False) -> None:
        report.errors.append(aside.message)
        if not recorded:
            service.save(self.store, aside)
        report.set_aside += 1
        logger.info("%s", aside.message)

    # -- pages ------------------------------------------------------------------------

    def _article(self, item: Item, page: Fetched) -> Article:
        """The item's article: its page's main text, else the feed's text for it."""
        why = self._page_problem(page)
        if why is None:
            utf8 = (page.charset or "utf-8").lower() in ("utf-8", "utf8")
            body = trim_partial_utf8(page.body) if page.truncated and utf8 else page.body
            try:
                article = article_from_html(body, item.url, id_from_url(item.url),
                                            charset=page.charset)
            except IngestError as exc:
                why = exc.message
            else:
                return self._with_feed_metadata(article, item, page)
        if item.summary and len(item.summary.strip()) >= MIN_MAIN_TEXT_CHARS:
            logger.info("%s: %s; using the feed's text for it", item.url, why)
            article = Article(id=id_from_url(item.url), text=item.summary, url=item.url,
                              extra={"text_from": "feed", "page_problem": why})
            return self._with_feed_metadata(article, item, page)
        raise NoUsableText(f"{item.url}: {why}, and its feed item {item.feed_url} gives no "
                           "text either; nothing to read", source=item.url)

    @staticmethod
    def _page_problem(page: Fetched) -> str | None:
        if page.content_type not in HTML_TYPES:
            return f"the page is {page.content_type}, not HTML"
        if not page.body.strip():
            return "the page is empty"
        return None

    @staticmethod
    def _with_feed_metadata(article: Article, item: Item, page: Fetched) -> Article:
        """Fill what the page did not say from the feed; note where it came from."""
        if not article.title and item.title:
            article.title = item.title
        if not article.date and item.published:
            article.date, date_extra = normalise_date(item.published)
            for k, v in date_extra.items():
                article.extra.setdefault(k, v)
        article.source = article.source or item.feed_title
        article.url = article.url or page.url or item.url
        article.extra["feed"] = item.feed_url
        if item.url != article.url:
            article.extra["feed_item_url"] = item.url
        if page.truncated:
            article.extra["page_truncated"] = True
        return article
