"""The watch tables on SQLite and PostgreSQL (the server of the store tests, when up)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from bilat.store import Store
from bilat.watch.state import PENDING, SET_ASIDE, STORED, Item, WatchState

from .conftest import Resp, rss, sample_records, serve_pages

PG_URL = os.environ.get("BILAT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state.db'}"
        return
    admin = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with admin.begin() as conn:
            schema = f"bilat_watch_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as e:  # noqa: BLE001 - any failure to connect means: no PostgreSQL
        admin.dispose()
        reason = f"PostgreSQL at {PG_URL} is unreachable ({str(e).splitlines()[0]})"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield make_url(PG_URL).update_query_dict(
            {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def any_store(any_db) -> Iterator[Store]:
    with Store(any_db) as s:
        yield s


def test_state_tables_are_prefixed_and_beside_the_store(any_store):
    WatchState(any_store.engine)
    WatchState(any_store.engine)  # creating twice is harmless
    tables = set(inspect(any_store.engine).get_table_names())
    assert {"watch_feeds", "watch_items", "articles"} <= tables


def test_state_queues_an_item_once_with_the_feed_validators(any_store):
    st = WatchState(any_store.engine)
    f = "http://f.test/rss"
    a, b, c = (Item(f"http://f.test/{x}", f, title=x) for x in "abc")
    assert st.record_poll(f, [a, b], 10.0, etag='"1"', last_modified=None, title="F") == [
        a.url, b.url]
    assert st.record_poll(f, [a, c], 11.0, etag='"2"', last_modified="Mon", title="F") == [c.url]
    feed = st.feed(f)
    assert (feed.etag, feed.last_modified, feed.failures) == ('"2"', "Mon", 0)
    assert [i.url for i in st.due(20.0)] == [a.url, b.url, c.url]
    assert st.due(20.0)[0].feed_title == "F"
    assert st.due(10.5) == [i for i in st.due(20.0) if i.url != c.url]


def test_state_failures_and_done(any_store):
    st = WatchState(any_store.engine)
    f = "http://f.test/rss"
    assert st.record_feed_failure(f, 100.0, "[BL-E101] down", lambda n: 60.0 * n) == (1, 160.0)
    assert st.record_feed_failure(f, 200.0, "[BL-E101] down", lambda n: 60.0 * n) == (2, 320.0)
    st.record_poll(f, [Item("http://f.test/a", f), Item("http://f.test/b", f)], 300.0,
                   etag=None, last_modified=None, title=None)
    assert st.feed(f).failures == 0
    st.record_item_failure("http://f.test/a", 300.0, "[BL-E103] 500", 400.0)
    st.mark_done("http://f.test/b", 301.0, STORED, article_id="url-x")
    assert st.due(350.0) == []
    [item] = st.due(400.0)
    assert (item.url, item.failures) == ("http://f.test/a", 1)
    assert st.next_due() == 400.0
    st.mark_done(item.url, 401.0, SET_ASIDE, error="[BL-E103] 500")
    assert st.counts() == {PENDING: 0, STORED: 1, SET_ASIDE: 1}


def test_state_watcher_end_to_end_on_both_backends(site, any_store, make_watcher):
    items = serve_pages(site, sample_records()[:2])
    feed = site.add("/feed.xml", Resp(body=rss(items), etag='"p"'))
    assert make_watcher([feed], on=any_store).poll_once().stored == 2
    again = make_watcher([feed], on=any_store).poll_once()
    assert (again.not_modified, again.stored) == (1, 0)
    assert any_store.counts()["articles"] == 2 and site.page_hits() == 2
