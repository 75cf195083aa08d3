"""Fixtures for the watch tests: a local HTTP server on 127.0.0.1 that serves feeds and
pages (good and broken ones) and counts requests, pages made from the shipped Kremlin
and president.gov.ua sample, a store, a fake clock and a watcher factory.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bilat.store import Store
from bilat.watch import Fetcher, Limits, RetryPolicy, Watcher

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "kremlin-presidentua-sample.jsonl"

#: Limits for tests: small enough that "huge" and "slow" cost little time.
TEST_LIMITS = Limits(max_bytes=200_000, max_redirects=5, connect=2.0, read=0.4, total=5.0)
#: Back-off for tests, in fake-clock seconds.
TEST_POLICY = RetryPolicy(base=60.0, factor=2.0, cap=600.0, page_attempts=3,
                          feed_report_after=2)


@dataclass
class Resp:
    """What the server answers for one path."""

    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    #: seconds to wait before answering
    delay: float = 0.0
    #: answer 304 to a matching If-None-Match
    etag: str | None = None
    #: answer 304 to a matching If-Modified-Since
    last_modified: str | None = None


class Site:
    """The routes of the test server and what it saw."""

    def __init__(self) -> None:
        self.routes: dict[str, Resp | Callable[[dict[str, str]], Resp]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, resp: Resp | Callable[[dict[str, str]], Resp]) -> str:
        self.routes[path] = resp
        return self.url(path)

    def page_hits(self) -> int:
        return sum(n for p, n in self.hits.items() if p.startswith("/news/"))


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            headers = {k.lower(): v for k, v in self.headers.items()}
            with site.lock:
                site.hits[self.path] += 1
                site.requests.append((self.path, headers))
            route = site.routes.get(self.path)
            if route is None:
                resp = Resp(404, b"<html><body>not found</body></html>")
            elif callable(route):
                resp = route(headers)
            else:
                resp = route
            try:
                self._answer(resp, headers)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                pass  # the client gave up (timeout, size limit): what the tests want

        def _answer(self, resp: Resp, headers: dict[str, str]) -> None:
            if resp.delay:
                time.sleep(resp.delay)
            not_modified = (
                (resp.etag is not None and headers.get("if-none-match") == resp.etag)
                or (resp.last_modified is not None
                    and headers.get("if-modified-since") == resp.last_modified))
            self.send_response(304 if not_modified else resp.status)
            if resp.etag:
                self.send_header("ETag", resp.etag)
            if resp.last_modified:
                self.send_header("Last-Modified", resp.last_modified)
            for k, v in resp.headers.items():
                self.send_header(k, v)
            if not_modified:
                self.end_headers()
                return
            self.send_header("Content-Type", resp.content_type)
            if isinstance(resp.body, bytes):
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                self.wfile.write(resp.body)
                return
            self.end_headers()  # HTTP/1.0: the body ends when the connection closes
            for chunk in resp.body():
                self.wfile.write(chunk)

    return Handler


def _serve() -> Iterator[Site]:
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    yield from _serve()


@pytest.fixture
def other_site() -> Iterator[Site]:
    """A second server on 127.0.0.1, on another port: another origin than ``site``."""
    yield from _serve()


def slow_header_server(byte_every: float) -> tuple[Any, threading.Event]:
    """A server that sends its status line, then one header byte every ``byte_every``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    for byte in b"X-Slow: " + b"a" * 200:
                        if stop.wait(byte_every):
                            return
                        conn.sendall(bytes([byte]))
                except OSError:
                    continue

    threading.Thread(target=serve, daemon=True).start()
    return listener, stop


# -- content ----------------------------------------------------------------------------


def sample_records() -> list[dict[str, Any]]:
    with SAMPLE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def page_html(rec: dict[str, Any], canonical: str | None = None) -> bytes:
    """A news page for one sample record: navigation, the article, a footer."""
    sentences = rec["text"].replace(". ", ".\n").splitlines()
    paras = ["".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    title = html.escape(rec["title"])
    canon = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{rec['date'][:10]}">
<meta property="og:site_name" content="Test Site">{canon}</head>
<body><header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<footer><p>Copyright Test Site. All rights reserved.</p></footer></body></html>""".encode()


def rss(items: list[dict[str, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 body; each item a dict with link and optional title, summary, date."""
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
           f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
           f"<description>test</description>"]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{html.escape(it.get('title', 'untitled'))}</title>")
        out.append(f"<link>{html.escape(it['link'])}</link>")
        if "summary" in it:
            out.append(f"<description>{html.escape(it['summary'])}</description>")
        out.append(f"<pubDate>{it.get('date', 'Mon, 13 Jun 2022 10:00:00 GMT')}</pubDate>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def http_date(t: float) -> str:
    return formatdate(t, usegmt=True)


def serve_pages(site: Site, records: list[dict[str, Any]], prefix: str = "/news/",
                canonical: bool = True) -> list[dict[str, str]]:
    """Serve one page per record; return the feed items that link to them."""
    items = []
    for rec in records:
        path = f"{prefix}{rec['id']}"
        url = site.url(path)
        site.add(path, Resp(body=page_html(rec, url if canonical else None)))
        items.append({"link": url, "title": rec["title"]})
    return items


# -- watcher --------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand (UNIX seconds)."""

    def __init__(self, t: float = 1_700_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'watch.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


@pytest.fixture
def make_watcher(store: Store, pipeline, clock: Clock) -> Iterator[Callable[..., Watcher]]:
    made: list[Watcher] = []

    def _make(feeds: list[str], *, on: Store | None = None, **kw: Any) -> Watcher:
        kw.setdefault("fetcher", Fetcher(TEST_LIMITS, trust_env=False))
        kw.setdefault("policy", TEST_POLICY)
        kw.setdefault("clock", clock)
        w = Watcher(feeds, on or store, pipeline=pipeline, **kw)
        made.append(w)
        return w

    yield _make
    for w in made:
        w.fetcher.close()


def set_aside_rows(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            text("SELECT source, code FROM set_aside ORDER BY source, code"))]


def item_states(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(text("SELECT url, state FROM watch_items")).all())
