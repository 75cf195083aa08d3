"""The fetcher's limits: size cut, redirects, schemes, timeouts, 304."""

from __future__ import annotations

import gzip

import httpx
import pytest

from bilat.errors import PageFetchError
from bilat.watch import Fetcher, Limits
from bilat.watch.fetch import check_url, trim_partial_utf8

from .conftest import TEST_LIMITS, Resp


@pytest.fixture
def fetcher():
    with Fetcher(TEST_LIMITS, trust_env=False) as f:
        yield f


def test_fetch_cuts_a_streamed_body_at_the_limit(site, fetcher):
    site.add("/big", Resp(body=lambda: (b"a" * 50_000 for _ in range(100))))
    got = fetcher.get(site.url("/big"), error=PageFetchError)
    assert got.truncated and len(got.body) == TEST_LIMITS.max_bytes


def test_fetch_cuts_a_decompressed_body_at_the_limit():
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 KB on the wire, 5 MB decoded

    def handler(request):
        return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

    with Fetcher(TEST_LIMITS, transport=httpx.MockTransport(handler)) as f:
        got = f.get("http://example.test/bomb", error=PageFetchError)
    assert got.truncated and len(got.body) == TEST_LIMITS.max_bytes


def test_fetch_a_body_under_the_limit_is_whole(site, fetcher):
    site.add("/small", Resp(body=b"<p>hello</p>"))
    got = fetcher.get(site.url("/small"), error=PageFetchError)
    assert (got.status, got.body, got.truncated, got.content_type) == (
        200, b"<p>hello</p>", False, "text/html")


def test_fetch_follows_up_to_the_redirect_limit(site, fetcher):
    for i in range(5):
        site.add(f"/r{i}", Resp(302, headers={"Location": f"/r{i + 1}"}))
    site.add("/r5", Resp(body=b"end"))
    got = fetcher.get(site.url("/r0"), error=PageFetchError)
    assert got.body == b"end" and got.url == site.url("/r5")
    site.add("/r5", Resp(302, headers={"Location": "/r6"}))
    with pytest.raises(PageFetchError, match="redirects more than 5 times"):
        fetcher.get(site.url("/r0"), error=PageFetchError)


def test_fetch_redirect_loop_is_reported(site, fetcher):
    site.add("/a", Resp(301, headers={"Location": "/b"}))
    site.add("/b", Resp(301, headers={"Location": "/a"}))
    with pytest.raises(PageFetchError, match=r"^\[BL-E103\] .*redirects in a loop"):
        fetcher.get(site.url("/a"), error=PageFetchError)
    assert site.hits["/a"] == 1 and site.hits["/b"] == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:x",
                                 "http://"])
def test_fetch_refuses_what_is_not_http(fetcher, url):
    with pytest.raises(PageFetchError):
        fetcher.get(url, error=PageFetchError)
    assert check_url(url) is not None


def test_fetch_slow_server_times_out(site, fetcher):
    site.add("/slow", Resp(body=b"late", delay=1.0))
    with pytest.raises(PageFetchError, match="timed out"):
        fetcher.get(site.url("/slow"), error=PageFetchError)


def test_fetch_trickling_server_hits_the_total_deadline(site):
    import time

    def trickle():
        for _ in range(20):
            time.sleep(0.1)
            yield b"x" * 10

    site.add("/trickle", Resp(body=trickle))
    with Fetcher(Limits(read=1.0, total=0.5), trust_env=False) as f, \
            pytest.raises(PageFetchError, match="took over 0.5 s"):
        f.get(site.url("/trickle"), error=PageFetchError)


def test_fetch_304_is_returned_with_no_body(site, fetcher):
    site.add("/feed", Resp(body=b"<rss/>", etag='"x"'))
    got = fetcher.get(site.url("/feed"), error=PageFetchError, headers={"If-None-Match": '"x"'})
    assert (got.status, got.body) == (304, b"")


@pytest.mark.parametrize("status", [404, 410, 429, 500, 503])
def test_fetch_error_status_raises_the_given_error(site, fetcher, status):
    site.add("/x", Resp(status, b"no"))
    with pytest.raises(PageFetchError, match=f"HTTP {status}"):
        fetcher.get(site.url("/x"), error=PageFetchError)


def test_fetch_connection_refused_raises(fetcher):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PageFetchError, match="could not be fetched"):
        fetcher.get(f"http://127.0.0.1:{port}/", error=PageFetchError)


@pytest.mark.parametrize("text", ["abc", "dé", "日本", "😀x😀", ""])
def test_trim_partial_utf8_drops_only_a_cut_character(text):
    data = text.encode()
    assert trim_partial_utf8(data) == data
    for k in range(1, len(data)):
        cut = data[:-k]
        trimmed = trim_partial_utf8(cut)
        trimmed.decode("utf-8")  # never raises
        assert cut.startswith(trimmed) and len(cut) - len(trimmed) < 4
