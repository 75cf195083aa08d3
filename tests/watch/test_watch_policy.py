"""What the watcher fetches, and how long it may take (issue 14, 1, 5 and 8).

1. A feed item linking to another port on 127.0.0.1, or a redirect there, was fetched
   and its text stored and served; ``file:``, ``data:`` and ``javascript:`` links were
   skipped without a word. Now: an internal address only on a listed feed's origin (or
   with ``allow_private``), everything else set aside with BL-E106.
5. A feed sending a header byte every few seconds held ``watch --once`` for minutes and
   every other feed with it. Now: one deadline per fetch, feeds polled concurrently.
8. A page the server calls windows-1251 was refused as not UTF-8.
"""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.watch import Fetcher, Limits

from .conftest import (
    TEST_LIMITS,
    Resp,
    page_html,
    rss,
    sample_records,
    serve_pages,
    set_aside_rows,
    slow_header_server,
)

SECRET = b"<html><body><article><p>" + b"Internal admin page with secrets. " * 5 + \
    b"</p></article></body></html>"


@pytest.fixture(scope="module")
def records():
    return sample_records()


def _feed_with_hostile_links(site, other_site, records):
    other_site.add("/admin", Resp(body=SECRET))
    site.add("/news/jump", Resp(302, headers={"Location": other_site.url("/admin")}))
    items = serve_pages(site, records[:1]) + [
        {"link": other_site.url("/admin"), "title": "Elsewhere"},
        {"link": site.url("/news/jump"), "title": "Jump"},
        {"link": "file:///etc/passwd", "title": "File"},
        {"link": "data:text/html,<p>hi</p>", "title": "Data"},
        {"link": "javascript:alert(1)", "title": "Script"},
    ]
    return site.add("/feed.xml", Resp(body=rss(items)))


def test_watch_fetches_internal_addresses_only_on_a_listed_feeds_origin(
        site, other_site, store, make_watcher, records):
    feed = _feed_with_hostile_links(site, other_site, records)
    report = make_watcher([feed]).poll_once()
    assert (report.stored, report.set_aside, report.retry_later) == (1, 5, 0)
    assert other_site.hits["/admin"] == 0
    rows = set_aside_rows(store)
    assert [code for _, code in rows] == ["BL-E106"] * 5
    sources = {source for source, _ in rows}
    assert {other_site.url("/admin"), site.url("/news/jump"), "javascript:alert(1)"} <= sources
    assert {s.split(":")[0] for s in sources} == {"http", "file", "data", "javascript"}
    assert all("Internal admin page" not in a.text for a in store.articles())
    errors = " ".join(report.errors)
    assert "a loopback address, and not on the origin of a listed feed" in errors
    assert "--allow-private" in errors
    # the next round says nothing more of them: they are recorded as set aside
    assert make_watcher([feed]).poll_once().set_aside == 0


def test_watch_allow_private_fetches_them(site, other_site, store, make_watcher, records):
    feed = _feed_with_hostile_links(site, other_site, records)
    fetcher = Fetcher(TEST_LIMITS, trust_env=False, allow_private=True)
    report = make_watcher([feed], fetcher=fetcher).poll_once()
    # the page elsewhere and the redirect to it are fetched; the three schemes never are
    assert (report.stored, report.duplicates, report.set_aside) == (2, 1, 3)
    assert other_site.hits["/admin"] == 2


def test_cli_watch_allow_private_flag_and_setting(site, other_site, tmp_path, records,
                                                 monkeypatch):
    feed = _feed_with_hostile_links(site, other_site, records)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(feed + "\n")
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'a.db'}"
    res = runner.invoke(app, ["watch", str(feeds), "--db", db, "--once"])
    assert res.exit_code == 1 and "[BL-E106]" in res.stderr
    assert other_site.hits["/admin"] == 0
    res = runner.invoke(app, ["watch", str(feeds), "--db", f"sqlite:///{tmp_path / 'b.db'}",
                              "--once", "--allow-private"])
    assert other_site.hits["/admin"] == 2, res.stderr
    monkeypatch.setenv("BILAT_WATCH_ALLOW_PRIVATE", "true")
    runner.invoke(app, ["watch", str(feeds), "--db", f"sqlite:///{tmp_path / 'c.db'}",
                        "--once"])
    assert other_site.hits["/admin"] == 4


def test_a_slow_feed_holds_up_neither_the_round_nor_the_other_feeds(
        site, store, make_watcher, records):
    listener, stop = slow_header_server(0.5)
    slow = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    good = site.add("/feed.xml", Resp(body=rss(serve_pages(site, records[:3]))))
    fetcher = Fetcher(Limits(max_bytes=200_000, connect=2.0, read=5.0, total=1.5),
                      trust_env=False)
    try:
        started = time.monotonic()
        report = make_watcher([slow, good], fetcher=fetcher).poll_once()
        took = time.monotonic() - started
    finally:
        stop.set()
        listener.close()
    assert report.feed_failures == 1 and report.stored == 3
    assert "took over 1.5 s (response headers included)" in report.errors[0]
    assert took < 30, took  # the pipeline's time; the slow feed costs 1.5 s at most


def test_a_page_in_the_charset_its_server_names_is_read(site, store, make_watcher, records):
    rec = dict(records[0])
    rec["text"] = rec["text"] + " Путин и Токаев обсудили торговлю."
    body = page_html(rec).replace(b'<meta charset="utf-8">', b"")
    site.add("/news/cp1251", Resp(body=body.decode("utf-8").encode("cp1251"),
                                  content_type="text/html; charset=windows-1251"))
    feed = site.add("/feed.xml", Resp(body=rss([{"link": site.url("/news/cp1251")}])))
    report = make_watcher([feed]).poll_once()
    assert report.stored == 1, report.errors
    (article,) = store.articles()
    assert "Путин и Токаев" in article.text
