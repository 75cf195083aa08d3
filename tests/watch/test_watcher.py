"""The watcher end to end against the local server: stored once, never refetched,
conditional GET, back-off, give-up, bozo feeds, fallbacks, restart."""

from __future__ import annotations

import pytest

from bilat.store import Store
from bilat.watch import Watcher
from bilat.watch.state import WatchState

from .conftest import (
    TEST_POLICY,
    Resp,
    http_date,
    item_states,
    page_html,
    rss,
    sample_records,
    serve_pages,
    set_aside_rows,
)


@pytest.fixture(scope="module")
def records():
    return sample_records()


def test_watch_stores_new_items_once(site, store, make_watcher, records):
    items = serve_pages(site, records[:3])
    feed = site.add("/feed.xml", Resp(body=rss(items), content_type="application/rss+xml"))
    w = make_watcher([feed])

    first = w.poll_once()
    assert (first.feeds, first.new_items, first.stored, first.set_aside) == (1, 3, 3, 0)
    assert not first.failed and first.errors == []
    assert store.counts()["articles"] == 3
    stored = store.get(store.articles().__next__().id)
    assert stored is not None and stored.extra["feed"] == feed

    # the feed is fetched again (no validators), its items are not
    second = w.poll_once()
    assert (second.feeds, second.new_items, second.stored) == (1, 0, 0)
    assert site.hits["/feed.xml"] == 2
    assert site.page_hits() == 3
    assert store.counts()["articles"] == 3

    # a new item in the feed: only it is fetched
    more = serve_pages(site, records[3:4])
    site.add("/feed.xml", Resp(body=rss(more + items), content_type="application/rss+xml"))
    third = w.poll_once()
    assert (third.new_items, third.stored) == (1, 1)
    assert site.page_hits() == 4
    assert all(n == 1 for p, n in site.hits.items() if p.startswith("/news/"))
    assert store.counts()["articles"] == 4


def test_watch_metadata_from_page_and_feed(site, store, make_watcher, records):
    rec = records[0]
    [item] = serve_pages(site, [rec])
    feed = site.add("/feed.xml", Resp(body=rss([item], title="Kremlin news")))
    make_watcher([feed]).poll_once()
    [article] = list(store.articles())
    assert article.title == rec["title"]
    assert article.date == rec["date"][:10]
    assert article.url == item["link"]
    assert "Putin" in article.text and "Copyright" not in article.text
    assert article.events, "the pipeline ran"


def test_watch_etag_second_poll_gets_304_and_fetches_nothing(site, store, make_watcher,
                                                             records):
    items = serve_pages(site, records[:2])
    feed = site.add("/feed.xml", Resp(body=rss(items), etag='"v1"',
                                      content_type="application/atom+xml"))
    w = make_watcher([feed])
    assert w.poll_once().stored == 2
    second = w.poll_once()
    assert (second.not_modified, second.new_items, second.stored) == (1, 0, 0)
    assert site.requests[-1] == ("/feed.xml", site.requests[-1][1])
    assert site.requests[-1][1]["if-none-match"] == '"v1"'
    assert site.page_hits() == 2


def test_watch_last_modified_is_sent_back(site, make_watcher, records):
    stamp = http_date(1_650_000_000)
    feed = site.add("/feed.xml", Resp(body=rss(serve_pages(site, records[:1])),
                                      last_modified=stamp))
    w = make_watcher([feed])
    w.poll_once()
    assert w.poll_once().not_modified == 1
    assert site.requests[-1][1]["if-modified-since"] == stamp


def test_watch_page_failures_retry_with_backoff_then_set_aside(site, store, make_watcher,
                                                               clock, records):
    good = serve_pages(site, records[:1])
    site.add("/news/gone", Resp(404, b"<html>gone</html>"))
    site.add("/news/broken", Resp(500, b"<html>oops</html>"))
    site.add("/news/slow", Resp(body=b"<html>late</html>", delay=1.0))
    site.add("/news/loop-a", Resp(302, headers={"Location": "/news/loop-b"}))
    site.add("/news/loop-b", Resp(302, headers={"Location": "/news/loop-a"}))
    bad = ["/news/gone", "/news/broken", "/news/slow", "/news/loop-a"]
    feed = site.add("/feed.xml", Resp(body=rss(good + [{"link": site.url(p)} for p in bad])))
    w = make_watcher([feed])

    first = w.poll_once()
    assert (first.stored, first.retry_later, first.set_aside) == (1, 4, 0)
    assert first.failed
    codes = sorted(e[1:8] for e in first.errors)
    assert codes == ["BL-E103"] * 4
    assert any("HTTP 404" in e for e in first.errors)
    assert any("HTTP 500" in e for e in first.errors)
    assert any("timed out" in e for e in first.errors)
    assert any("loop" in e for e in first.errors)
    assert all("not fetched again for 60 s" in e for e in first.errors)

    # not due yet: nothing is fetched
    hits = sum(site.hits[p] for p in bad)
    clock.advance(30)
    assert w.poll_once().retry_later == 0
    assert sum(site.hits[p] for p in bad) == hits

    # due after the first back-off (60 s); the second waits twice as long
    clock.advance(31)
    second = w.poll_once()
    assert second.retry_later == 4
    assert all("failure 2 of 3; not fetched again for 120 s" in e for e in second.errors)
    clock.advance(60)
    assert w.poll_once().retry_later == 0
    clock.advance(60)
    third = w.poll_once()
    assert (third.retry_later, third.set_aside) == (0, 4)
    assert all("given up" in e for e in third.errors)
    assert set_aside_rows(store) == sorted((site.url(p), "BL-E103") for p in bad)
    assert item_states(store)[site.url("/news/gone")] == "set_aside"

    # given up for good: never fetched again
    hits = dict(site.hits)
    clock.advance(10_000)
    w.poll_once()
    assert all(site.hits[p] == hits[p] for p in bad)


def test_watch_page_that_recovers_is_stored(site, store, make_watcher, clock, records):
    rec = records[0]
    calls = []

    def flaky(headers):
        calls.append(1)
        return Resp(503, b"busy") if len(calls) == 1 else Resp(body=page_html(rec))

    url = site.add("/news/flaky", flaky)
    feed = site.add("/feed.xml", Resp(body=rss([{"link": url}])))
    w = make_watcher([feed])
    assert w.poll_once().retry_later == 1
    clock.advance(TEST_POLICY.base)
    assert w.poll_once().stored == 1
    assert len(calls) == 2
    assert set_aside_rows(store) == []


def test_watch_feed_failure_backs_off_and_is_reported(site, store, make_watcher, clock):
    feed = site.add("/feed.xml", Resp(500, b"down"))
    w = make_watcher([feed, site.url("/missing.xml")])
    first = w.poll_once()
    assert (first.feeds, first.feed_failures) == (2, 2)
    assert sorted(e[1:8] for e in first.errors) == ["BL-E101", "BL-E101"]
    assert set_aside_rows(store) == []  # not yet: one failure may be a blip

    clock.advance(59)
    assert w.poll_once().feeds == 0  # backing off
    assert site.hits["/feed.xml"] == 1

    clock.advance(1)
    second = w.poll_once()
    assert second.feed_failures == 2
    assert "not polled again for 120 s" in second.errors[0]
    assert set_aside_rows(store) == sorted([(feed, "BL-E101"),
                                            (site.url("/missing.xml"), "BL-E101")])

    # the feed comes back: polled when due, failures forgotten
    site.add("/feed.xml", Resp(body=rss([])))
    clock.advance(120)
    third = w.poll_once()
    assert third.feeds == 2 and third.feed_failures == 1
    assert WatchState(store.engine).feed(feed).failures == 0


def test_watch_truncated_feed_keeps_the_items_before_the_cut(site, store, make_watcher,
                                                             records):
    items = serve_pages(site, records[:3])
    body = rss(items)
    cut = body[:body.index(items[2]["link"].encode()) + 10]  # inside the third item
    feed = site.add("/feed.xml", Resp(body=cut, etag='"t1"'))
    w = make_watcher([feed])
    report = w.poll_once()
    assert report.feed_failures == 0
    assert report.stored >= 2
    # a broken body's validators are not kept: the next poll gets the whole feed
    assert WatchState(store.engine).feed(feed).etag is None
    site.add("/feed.xml", Resp(body=body, etag='"t2"'))
    w.poll_once()
    assert store.counts()["articles"] == 3
    assert WatchState(store.engine).feed(feed).etag == '"t2"'


def test_watch_html_instead_of_a_feed_is_not_a_feed(site, make_watcher, records):
    feed = site.add("/feed.xml", Resp(body=b"<html><body><p>Welcome</p></body></html>"))
    report = make_watcher([feed]).poll_once()
    assert report.feed_failures == 1
    assert report.errors[0].startswith("[BL-E102]")


def test_watch_non_html_page_falls_back_to_the_feed_text(site, store, make_watcher, records):
    rec = records[1]
    pdf = site.add("/news/report.pdf", Resp(body=b"%PDF-1.4 binary",
                                            content_type="application/pdf"))
    bare = site.add("/news/image.png", Resp(body=b"\x89PNG....", content_type="image/png"))
    feed = site.add("/feed.xml", Resp(body=rss([
        {"link": pdf, "title": rec["title"], "summary": f"<p>{rec['text']}</p>"},
        {"link": bare, "title": "A picture"},
    ])))
    report = make_watcher([feed]).poll_once()
    assert (report.stored, report.set_aside, report.retry_later) == (1, 1, 0)
    [article] = list(store.articles())
    assert article.extra["text_from"] == "feed"
    assert "application/pdf" in article.extra["page_problem"]
    assert article.title == rec["title"] and article.date == "2022-06-13"
    assert set_aside_rows(store) == [(bare, "BL-E104")]


def test_watch_page_without_main_text_falls_back_to_the_feed_text(site, store, make_watcher,
                                                                 records):
    rec = records[2]
    empty = site.add("/news/empty", Resp(body=b"<html><body><nav><a href='/'>Home</a></nav>"
                                              b"</body></html>"))
    feed = site.add("/feed.xml", Resp(body=rss([{"link": empty, "summary": rec["text"]}])))
    assert make_watcher([feed]).poll_once().stored == 1
    [article] = list(store.articles())
    assert article.extra["text_from"] == "feed" and "no main text" in article.extra["page_problem"]


def test_watch_huge_page_is_cut_at_the_limit(site, store, make_watcher, records):
    rec = records[3]
    head = page_html(rec)[:-len(b"</body></html>")]

    def huge():
        yield head
        for _ in range(200):  # 200 x 64 KB = 12.8 MB, far over the 200 KB test limit
            yield b"<p>" + b"x" * 65_000 + b"</p>\n"

    url = site.add("/news/huge", Resp(body=huge))
    feed = site.add("/feed.xml", Resp(body=rss([{"link": url}])))
    report = make_watcher([feed]).poll_once()
    assert report.stored == 1
    [article] = list(store.articles())
    assert article.extra["page_truncated"] is True
    assert len(article.text) < 250_000


def test_watch_restart_after_interruption_loses_and_duplicates_nothing(
        site, db_url, make_watcher, records):
    items = serve_pages(site, records[:6])
    feed = site.add("/feed.xml", Resp(body=rss(items), etag='"r1"'))

    class Crash(Exception):
        pass

    class CrashingStore(Store):
        """Dies (like a killed process) when asked to store the third article."""

        saves = 0

        def add(self, article):
            CrashingStore.saves += 1
            if CrashingStore.saves == 3:
                raise Crash
            return super().add(article)

    with CrashingStore(db_url) as crashing:
        with pytest.raises(Crash):
            make_watcher([feed], on=crashing).poll_once()
        assert crashing.counts()["articles"] == 2
        before = {a.url for a in crashing.articles()}

    with Store(db_url) as store:
        again = make_watcher([feed], on=store).poll_once()
        # the feed answers 304 (its items were queued with its ETag), yet nothing is lost
        assert again.not_modified == 1
        assert again.stored == 4
        assert store.counts()["articles"] == 6
        assert set(item_states(store).values()) == {"stored"}
        # a page stored before the crash is not fetched again; one fetched but not
        # stored (all in the batch in hand) is fetched once more
        for it in items:
            path = it["link"].removeprefix(site.base)
            assert site.hits[path] == (1 if it["link"] in before else 2), path
        third = make_watcher([feed], on=store).poll_once()
        assert (third.stored, third.duplicates) == (0, 0)


def test_watch_stop_event_leaves_the_rest_queued(site, store, make_watcher, records):
    import threading

    items = serve_pages(site, records[:4])
    feed = site.add("/feed.xml", Resp(body=rss(items)))
    stop = threading.Event()
    w = make_watcher([feed])
    real_add = store.add

    def add_then_stop(article):
        stop.set()
        return real_add(article)

    store.add = add_then_stop
    first = w.poll_once(stop)
    assert first.stored == 1 and first.pending == 3
    store.add = real_add
    second = make_watcher([feed]).poll_once()
    assert second.stored == 3 and second.pending == 0
    assert site.page_hits() <= 4 + 3  # the batch in hand may be fetched again, never more
    assert store.counts()["articles"] == 4


def test_watch_same_item_in_two_feeds_is_fetched_once(site, store, make_watcher, records):
    items = serve_pages(site, records[:2])
    a = site.add("/a.xml", Resp(body=rss(items)))
    b = site.add("/b.xml", Resp(body=rss(items[::-1])))
    report = make_watcher([a, b]).poll_once()
    assert (report.new_items, report.stored) == (2, 2)
    assert site.page_hits() == 2


def test_watch_redirect_to_another_scheme_is_refused(site, make_watcher):
    url = site.add("/news/ftp", Resp(301, headers={"Location": "ftp://127.0.0.1/x"}))
    feed = site.add("/feed.xml", Resp(body=rss([{"link": url}])))
    report = make_watcher([feed]).poll_once()
    # refused for good: retrying would be refused again
    assert (report.retry_later, report.set_aside) == (0, 1)
    assert report.errors[0].startswith("[BL-E106] ftp://127.0.0.1/x (redirected from ")
    assert "only http and https" in report.errors[0]


def test_watcher_is_usable_from_python_with_defaults(store: Store, pipeline):
    w = Watcher([], store, pipeline=pipeline)
    try:
        report = w.poll_once()
    finally:
        w.close()
    assert report.line().startswith("round 1: 0 feeds polled")



def test_watch_run_survives_a_database_failure(site, store, make_watcher, records):
    import threading

    from bilat.errors import WatchStateError

    feed = site.add("/feed.xml", Resp(body=rss(serve_pages(site, records[:1]))))
    w = make_watcher([feed])
    real_due = w.state.due
    calls = []

    def due(now, limit=None):
        calls.append(now)
        if len(calls) == 1:
            raise WatchStateError("cannot read the pending items in sqlite://: disk I/O error")
        return real_due(now, limit)

    w.state.due = due
    stop = threading.Event()
    reports = []

    def on_round(r):
        reports.append(r)
        if len(reports) == 2:
            stop.set()

    w.run(interval=0.01, stop=stop, on_round=on_round)
    assert reports[0].aborted and reports[0].failed
    assert reports[0].errors[0].startswith("[BL-E105] cannot read the pending items")
    assert reports[1].stored == 1 and not reports[1].failed
