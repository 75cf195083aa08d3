"""HTTP GET with the limits a feed watcher needs: only http(s), bounded redirects,
timeouts, a size cap on the streamed body.

All network I/O of ``bilat.watch`` goes through :class:`Fetcher`, so tests can give it
an ``httpx`` mock transport or point it at a local server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bilat import __version__
from bilat.errors import BilatError

logger = logging.getLogger(__name__)

USER_AGENT = f"bilat/{__version__} (feed watcher; +https://github.com/bilat)"
SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Limits:
    """How much one GET may cost.

    ``max_bytes``: the body is read in chunks and cut at this size (after content
    decoding, so a gzip bomb is cut too). The largest news page we have seen is under
    3 MB with inlined assets; feeds of a few hundred items stay under 1 MB.
    ``connect``/``read``: httpx's per-operation timeouts; ``total``: a deadline for the
    whole transfer, so a server trickling one byte per second is cut too.
    """

    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    connect: float = 10.0
    read: float = 20.0
    total: float = 60.0


@dataclass(frozen=True)
class Fetched:
    """One response: the URL it finally came from, its status, headers and body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes
    #: True when the body was cut at ``Limits.max_bytes``.
    truncated: bool = False

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ("" when none was sent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def check_url(url: str) -> str | None:
    """What is wrong with ``url`` as a feed or page address, or None if nothing."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        return f"has the scheme {parts.scheme or '(none)'!r}; only http and https are fetched"
    if not parts.hostname:
        return "has no host"
    return None


class Fetcher:
    """GETs one URL at a time with :class:`Limits`; raises ``error`` (a coded WatchError
    such as FeedFetchError or PageFetchError) for whatever goes wrong."""

    def __init__(self, limits: Limits | None = None, *,
                 transport: httpx.BaseTransport | None = None, trust_env: bool = True) -> None:
        self.limits = limits or Limits()
        self.client = httpx.Client(
            follow_redirects=False,  # followed here, so every hop's scheme is checked
            timeout=httpx.Timeout(self.limits.read, connect=self.limits.connect),
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=trust_env,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, error: type[BilatError],
            headers: Mapping[str, str] | None = None) -> Fetched:
        """The response to GET ``url``; 2xx and 304 are returned, all else raises ``error``."""
        seen = [url]
        current = url
        while True:
            problem = check_url(current)
            if problem is not None:
                via = f" (redirected from {url})" if current != url else ""
                raise error(f"{current}{via} {problem}", source=url)
            try:
                got = self._one(current, headers, error, url)
            except httpx.TimeoutException as exc:
                raise error(f"{current} timed out ({type(exc).__name__})",
                            source=url) from exc
            except httpx.HTTPError as exc:
                raise error(f"{current} could not be fetched: {exc or type(exc).__name__}",
                            source=url) from exc
            if isinstance(got, Fetched):
                return got
            target = urljoin(current, got)
            if target in seen:
                raise error(f"{url} redirects in a loop ({' -> '.join([*seen, target])}); "
                            "check the URL", source=url)
            if len(seen) > self.limits.max_redirects:
                raise error(f"{url} redirects more than {self.limits.max_redirects} times; "
                            "check the URL", source=url)
            seen.append(target)
            current = target

    def _one(self, url: str, headers: Mapping[str, str] | None, error: type[BilatError],
             asked: str) -> Fetched | str:
        """The response, or where it redirects to."""
        deadline = time.monotonic() + self.limits.total
        with self.client.stream("GET", url, headers=dict(headers or {})) as r:
            if r.status_code in _REDIRECTS and "location" in r.headers:
                return r.headers["location"]
            if r.status_code == 304:
                return Fetched(str(r.url), 304, r.headers, b"")
            if not 200 <= r.status_code < 300:
                raise error(f"{url} answered HTTP {r.status_code} {r.reason_phrase}",
                            source=asked)
            chunks: list[bytes] = []
            size = 0
            truncated = False
            for chunk in r.iter_bytes():
                if time.monotonic() > deadline:
                    raise error(f"{url} took over {self.limits.total:g} s to download",
                                source=asked)
                room = self.limits.max_bytes - size
                if len(chunk) >= room:
                    chunks.append(chunk[:room])
                    size += room
                    # a body exactly at the limit counts as cut: nothing tells them apart
                    truncated = True
                    break
                chunks.append(chunk)
                size += len(chunk)
            if truncated:
                logger.info("%s is over %d bytes; cut there", url, self.limits.max_bytes)
            return Fetched(str(r.url), r.status_code, r.headers, b"".join(chunks), truncated)


def trim_partial_utf8(data: bytes) -> bytes:
    """``data`` without an incomplete UTF-8 sequence at its end (as a cut body may have)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return data  # ASCII: nothing is open
        if byte >= 0xC0:  # the lead byte of the last sequence
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data[:-back] if back < need else data
    return data
