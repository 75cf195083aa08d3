"""Reads are kept per store version: ETags, 304s, Cache-Control, and every write (from
this process or another) changing them."""

from __future__ import annotations

from bilat.api.cache import ReadCache
from bilat.record import SetAside
from bilat.store import Store
from tests.api.test_api_read import _fill
from tests.store._reports import ev, report

T9 = "Azerbaijan's Deputy Minister Samad Bashirli met Uzbek officials again in Tashkent."


def _new_event(store, article_id: str) -> None:
    store.save(report(article_id, T9, "2024-08-01",
                      ev("v1", "CONSULT", ["AZE"], ["UZB"], T9, "Samad Bashirli met Uzbek")))


def _cache(app) -> ReadCache:
    stack = app.middleware_stack  # built by the first request
    while not isinstance(stack, ReadCache):
        stack = stack.app
    return stack


def test_reads_carry_an_etag_and_no_cache(client, store) -> None:
    _fill(store)
    for path in ("/api/pairs/AZE/UZB", "/api/events?country=AZE", "/api/countries/AZE",
                 "/api/network", "/api/search?q=Baku", "/pairs/AZE/UZB"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert resp.headers["cache-control"] == "no-cache", path
        assert resp.headers["etag"].startswith('"'), path
    feed = client.get("/feeds/pairs/AZE/UZB.atom")
    assert feed.headers["cache-control"] == "public, max-age=300"
    assert "etag" in feed.headers


def test_if_none_match_answers_304_until_a_write(client, store) -> None:
    _fill(store)
    first = client.get("/api/pairs/AZE/UZB")
    etag = first.headers["etag"]
    again = client.get("/api/pairs/AZE/UZB", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/api/pairs/AZE/UZB", headers={"If-None-Match": '"other"'}
                      ).status_code == 200
    _new_event(store, "a9")
    after = client.get("/api/pairs/AZE/UZB", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert after.json()["totals"]["events"] == first.json()["totals"]["events"] + 1


def test_cached_answer_is_the_computed_one(client, app, store) -> None:
    _fill(store)
    computed = client.get("/api/pairs/AZE/UZB?since=2024-01")
    cache = _cache(app)
    assert len(cache.entries) == 1
    kept = client.get("/api/pairs/AZE/UZB?since=2024-01")
    assert kept.content == computed.content
    assert kept.headers["content-type"] == computed.headers["content-type"]
    assert kept.headers["etag"] == computed.headers["etag"]
    assert len(cache.entries) == 1
    client.get("/api/pairs/AZE/UZB?since=2024-02")  # another query: another entry
    assert len(cache.entries) == 2


def test_refusals_are_not_kept(client, app) -> None:
    resp = client.get("/api/events/notanumber")
    assert resp.status_code == 404 and "etag" not in resp.headers
    assert resp.headers["cache-control"] == "no-store"
    assert not _cache(app).entries


def test_write_from_another_process_changes_the_answer(client, app, store) -> None:
    _fill(store)
    before = client.get("/api/pairs/AZE/UZB")
    other = Store(str(store.url.render_as_string(hide_password=False)))
    try:
        v = other.version()
        _new_event(other, "b1")
        assert store.version() > v
    finally:
        other.close()
    after = client.get("/api/pairs/AZE/UZB")
    assert after.headers["etag"] != before.headers["etag"]
    assert after.json()["totals"]["events"] == before.json()["totals"]["events"] + 1


def test_every_write_bumps_the_version_and_reads_do_not(store) -> None:
    v0 = store.version()
    store.events()
    list(store.articles())
    assert store.version() == v0
    store.set_aside(SetAside("s1", "BL-E001", "empty", "s1"))
    v1 = store.version()
    assert v1 > v0
    _fill(store)
    assert store.version() > v1


def test_cache_keeps_the_most_recent_answers_within_its_bounds(client, app, store,
                                                               monkeypatch) -> None:
    import bilat.api.cache as cache_module

    _fill(store)
    one = len(client.get("/api/pairs/AZE/UZB?since=2024-01").content)
    cache = _cache(app)
    monkeypatch.setattr(cache_module, "MAX_BYTES", 2 * one + one // 2)  # room for two
    for since in ("2024-02", "2024-03", "2024-04"):
        client.get(f"/api/pairs/AZE/UZB?since={since}")
    assert cache.size == sum(len(v[2]) for v in cache.entries.values())
    assert cache.size <= cache_module.MAX_BYTES
    assert [k[3] for k in cache.entries] == [b"since=2024-03", b"since=2024-04"]
