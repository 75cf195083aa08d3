"""The fetcher's limits: size cut, redirects, schemes, timeouts, 304; and its address
policy: internal addresses only on a listed feed's origin (issue 14, 1), one deadline
for the whole fetch, response headers included (issue 14, 5)."""

from __future__ import annotations

import gzip

import httpx
import pytest

from bilat.errors import AddressNotAllowed, PageFetchError
from bilat.watch import Fetcher, Limits
from bilat.watch.fetch import check_url, internal, origin, trim_partial_utf8

from .conftest import TEST_LIMITS, Resp, slow_header_server

PUBLIC = "93.184.216.34"


@pytest.fixture
def fetcher():
    """A fetcher for the limits tests, whose server is on 127.0.0.1."""
    with Fetcher(TEST_LIMITS, trust_env=False, allow_private=True) as f:
        yield f


def test_fetch_cuts_a_streamed_body_at_the_limit(site, fetcher):
    site.add("/big", Resp(body=lambda: (b"a" * 50_000 for _ in range(100))))
    got = fetcher.get(site.url("/big"), error=PageFetchError)
    assert got.truncated and len(got.body) == TEST_LIMITS.max_bytes


def test_fetch_cuts_a_decompressed_body_at_the_limit():
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 KB on the wire, 5 MB decoded

    def handler(request):
        return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

    with Fetcher(TEST_LIMITS, transport=httpx.MockTransport(handler),
                 resolve=lambda host, port: [PUBLIC]) as f:
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
                                 "data:text/html,hi", "http://", "http://x" + "/a" * 1200])
def test_fetch_refuses_what_is_not_http(fetcher, url):
    with pytest.raises(AddressNotAllowed, match=r"^\[BL-E106\] "):
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
    with Fetcher(Limits(read=1.0, total=0.5), trust_env=False, allow_private=True) as f, \
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


# -- the address policy (issue 14, 1) ----------------------------------------------------


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("172.16.0.1", "private"), ("169.254.169.254", "link-local"), ("100.64.0.1", "not global"),
    ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"), ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("2002:7f00:1::", "loopback"), ("::", "unspecified"),
    (PUBLIC, None), ("2606:2800:220:1:248:1893:25c8:1946", None),
])
def test_internal_addresses_are_named(address, kind):
    assert internal(address) == kind


def test_an_internal_address_is_refused_before_any_request(site):
    site.add("/secret", Resp(body=b"<p>internal</p>"))
    with Fetcher(TEST_LIMITS, trust_env=False) as f, \
            pytest.raises(AddressNotAllowed, match="a loopback address, and not on the origin"):
        f.get(site.url("/secret"), error=PageFetchError)
    assert site.hits["/secret"] == 0


def test_a_listed_feeds_origin_is_fetched_but_a_redirect_elsewhere_is_not(site):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    other_hits = []

    class Other(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            other_hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        elsewhere = f"http://127.0.0.1:{other.server_address[1]}/admin"
        site.add("/page", Resp(body=b"<p>ok</p>"))
        site.add("/jump", Resp(302, headers={"Location": elsewhere}))
        trusted = {origin(site.url("/feed.xml"))}
        with Fetcher(TEST_LIMITS, trust_env=False) as f:
            assert f.get(site.url("/page"), error=PageFetchError, trusted=trusted).body == \
                b"<p>ok</p>"
            with pytest.raises(AddressNotAllowed, match="redirected from"):
                f.get(site.url("/jump"), error=PageFetchError, trusted=trusted)
        assert other_hits == []
        with Fetcher(TEST_LIMITS, trust_env=False, allow_private=True) as f:
            assert f.get(site.url("/jump"), error=PageFetchError).status == 200
        assert other_hits == ["/admin"]
    finally:
        other.shutdown()
        other.server_close()


def test_a_host_with_any_internal_address_is_refused():
    def handler(request):  # pragma: no cover - must not be reached
        raise AssertionError("no request may be sent")

    with Fetcher(TEST_LIMITS, transport=httpx.MockTransport(handler),
                 resolve=lambda host, port: [PUBLIC, "10.0.0.7"]) as f, \
            pytest.raises(AddressNotAllowed, match="is at 10.0.0.7, a private address"):
        f.get("http://news.example/a", error=PageFetchError)


def test_the_request_goes_to_the_address_that_was_checked():
    """No DNS-rebinding gap: a second, different answer is never asked for or used."""
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    seen = []

    def handler(request):
        seen.append((request.url.host, request.headers["host"],
                     request.extensions.get("sni_hostname")))
        return httpx.Response(200, content=b"<p>public</p>")

    with Fetcher(TEST_LIMITS, transport=httpx.MockTransport(handler),
                 resolve=lambda host, port: next(answers)) as f:
        got = f.get("https://news.example:8443/a?b=1", error=PageFetchError)
    assert got.url == "https://news.example:8443/a?b=1"
    assert seen == [(PUBLIC, "news.example:8443", "news.example")]


# -- one deadline per fetch, headers included (issue 14, 5) --------------------------------


def test_slow_response_headers_hit_the_total_deadline():
    import time

    listener, stop = slow_header_server(0.2)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
    try:
        with Fetcher(Limits(read=5.0, total=1.0), trust_env=False, allow_private=True) as f:
            started = time.monotonic()
            with pytest.raises(PageFetchError, match=r"took over 1 s \(response headers"):
                f.get(url, error=PageFetchError)
            assert time.monotonic() - started < 3.0
    finally:
        stop.set()
        listener.close()
