"""Answers to reads, kept per store version: the in-process response cache, ETags, 304s.

Every GET (and HEAD) outside the static assets and the API's own docs is a function of
the store's contents, the path, the query and the Host (feeds build their links from
it). So the answer is kept under (store version, host, path, query) and its ETag is a
hash of the same, with bilat's version: a write anywhere (any process, any worker)
bumps the store's version (``bilat.store.version``) and so changes every key and every
ETag at once; nothing is ever invalidated by hand. A request whose ``If-None-Match``
holds the current ETag is answered 304 without being computed, cached here or not.
Only 200 answers of at most ``MAX_BODY`` bytes are kept, the most recently used of
them up to ``MAX_ENTRIES`` answers and ``MAX_BYTES`` bytes, in each server process.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat import __version__

logger = logging.getLogger(__name__)

#: Answers kept per process. A pair page's JSON is some 20-60 KB.
MAX_ENTRIES = 512
#: Bytes of answers kept per process, so the cache never holds more than this much
#: memory whatever the answers' sizes (issue 15: a server's RSS stays under 500 MB).
MAX_BYTES = 32 << 20
#: Larger answers (a long article's record, a big page of events) are not kept.
MAX_BODY = 1 << 20
#: Paths whose answers do not come from the store, or are cached elsewhere.
UNCACHED_PREFIXES = ("/static/", "/docs", "/redoc", "/openapi.json")


def cache_control(path: str) -> str:
    """A feed reader may reuse a feed for five minutes; everything else is revalidated
    (with its ETag) before each use, as any write may change it."""
    return "public, max-age=300" if path.startswith("/feeds/") else "no-cache"


class ReadCache:
    """ASGI middleware: cached answers and ETags for the reads (see the module)."""

    def __init__(self, app: ASGIApp, version: Callable[[], int],
                 max_entries: int = MAX_ENTRIES) -> None:
        self.app = app
        self.version = version
        self.max_entries = max_entries
        self.size = 0  # bytes of the bodies kept
        self.entries: OrderedDict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]],
                                                         bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or path.startswith(UNCACHED_PREFIXES)):
            await self.app(scope, receive, send)
            return
        try:
            version = await run_in_threadpool(self.version)
        except Exception:  # noqa: BLE001 - the route itself answers the store's failure
            logger.debug("store version unreadable; answering uncached", exc_info=True)
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        key = (version, headers.get("host", ""), path, scope.get("query_string", b""))
        etag = _etag(key)
        control = cache_control(path)
        if etag in _tags(headers.get("if-none-match", "")):
            await _answer(send, 304, [], b"", etag, control)
            return
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            status, kept, body = hit
            await _answer(send, status, kept, body, etag, control)
            return
        await self._compute(scope, receive, send, key, etag, control)

    async def _compute(self, scope: Scope, receive: Receive, send: Send,
                       key: tuple[Any, ...], etag: str, control: str) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:
                    await send(message)
                return
            if start.get("status") != 200:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            kept = [(k, v) for k, v in start.get("headers", [])
                    if k.lower() not in (b"content-length", b"etag", b"cache-control")]
            if len(body) <= MAX_BODY:
                self._keep(key, kept, body)
            await _answer(send, 200, kept, body, etag, control)

        await self.app(scope, receive, capture)


    def _keep(self, key: tuple[Any, ...], headers: list[tuple[bytes, bytes]],
              body: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.entries[key] = (200, headers, body)
        self.size += len(body)
        while self.entries and (len(self.entries) > self.max_entries
                                or self.size > MAX_BYTES):
            _key, (_status, _headers, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)


def _etag(key: tuple[Any, ...]) -> str:
    h = hashlib.blake2b(repr((__version__, *key)).encode(), digest_size=12)
    return f'"{h.hexdigest()}"'


def _tags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared as strong)."""
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes,
                  etag: str, control: str) -> None:
    out = list(headers)
    out += [(b"etag", etag.encode()), (b"cache-control", control.encode())]
    if status != 304:
        out.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": body if status != 304 else b""})
