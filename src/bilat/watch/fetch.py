"""HTTP GET with the limits a feed watcher needs: only http(s), no internal addresses
unless allowed, bounded redirects, one deadline for the whole fetch, a size cap on the
streamed body.

All network I/O of ``bilat.watch`` goes through :class:`Fetcher`, so tests can give it
an ``httpx`` mock transport (and a ``resolve`` function) or point it at a local server.

The address policy (docs/security.md, "Feeds and pages"): a feed item links wherever its
author likes, so before every hop (the first request and each redirect) the host is
resolved and every address checked. An address that is loopback, private, link-local,
shared, multicast, reserved or unspecified (IPv4 or IPv6, IPv4-mapped and 6to4 forms
included) is fetched only when the URL has the origin (scheme, host, port) of a feed the
operator listed, or when the operator allows private addresses (``allow_private``);
otherwise the fetch raises ``AddressNotAllowed`` (BL-E106). The request then goes to the
address that was checked (the URL's host is kept in ``Host`` and for TLS), so a second,
different DNS answer (DNS rebinding) cannot send it elsewhere.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from bilat import __version__
from bilat.errors import AddressNotAllowed, BilatError

logger = logging.getLogger(__name__)

USER_AGENT = f"bilat/{__version__} (feed watcher; +https://github.com/bilat)"
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECTS = (301, 302, 303, 307, 308)
#: The longest feed or page URL fetched. Browsers and servers cope with 2,000 at least;
#: longer ones are set aside (they would not fit a PostgreSQL index either).
MAX_URL_CHARS = 2000

#: ``(scheme, host, port)``: the origin of a URL, as browsers compare them.
Origin = tuple[str, str, int]
#: ``resolve(host, port)`` -> the host's addresses, as strings.
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Limits:
    """How much one GET may cost.

    ``max_bytes``: the body is read in chunks and cut at this size (after content
    decoding, so a gzip bomb is cut too). The largest news page we have seen is under
    3 MB with inlined assets; feeds of a few hundred items stay under 1 MB.
    ``connect``/``read``: httpx's per-operation timeouts; ``total``: one deadline for
    the whole fetch, name resolution, redirects and response headers included, so a
    server sending one byte every few seconds is cut too.
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

    @property
    def charset(self) -> str | None:
        """The charset the ``Content-Type`` header names, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


def check_url(url: str) -> str | None:
    """What is wrong with ``url`` as a feed or page address, or None if nothing."""
    if len(url) > MAX_URL_CHARS:
        return f"is {len(url):,} characters long, over the {MAX_URL_CHARS:,} a URL may have"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        return f"has the scheme {parts.scheme or '(none)'!r}; only http and https are fetched"
    if not parts.hostname:
        return "has no host"
    return None


def origin(url: str) -> Origin | None:
    """The origin of an http(s) URL (default ports filled in), None for anything else."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if scheme not in SCHEMES or not parts.hostname or port is None:
        return None
    return scheme, parts.hostname.lower(), port


def internal(address: str) -> str | None:
    """Why ``address`` is not a public unicast address ("loopback", "private" …), or None."""
    ip: Any = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return internal(str(embedded))
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if not ip.is_global:  # shared address space (100.64/10) and the like
        return "not global"
    return None


def system_resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (every one, in the resolver's order)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Fetcher:
    """GETs one URL at a time with :class:`Limits`; raises ``error`` (a coded WatchError
    such as FeedFetchError or PageFetchError) for whatever goes wrong, and
    ``AddressNotAllowed`` for an address the policy refuses (see the module).

    ``allow_private``: fetch internal addresses too (the operator's choice).
    ``resolve``: the name resolver, for tests (default: the system's).
    """

    def __init__(self, limits: Limits | None = None, *,
                 transport: httpx.BaseTransport | None = None, trust_env: bool = True,
                 allow_private: bool = False, resolve: Resolver | None = None) -> None:
        self.limits = limits or Limits()
        self.allow_private = allow_private
        self._resolve = resolve or system_resolve
        self.client = httpx.Client(
            follow_redirects=False,  # followed here, so every hop is checked
            timeout=httpx.Timeout(self.limits.read, connect=self.limits.connect),
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            trust_env=trust_env,
            # a new connection per request: the deadline watchdog needs its socket
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, error: type[BilatError],
            headers: Mapping[str, str] | None = None,
            trusted: Collection[Origin] = ()) -> Fetched:
        """The response to GET ``url``; 2xx and 304 are returned, all else raises.

        ``trusted``: the origins of the feeds the operator listed, where internal
        addresses are fetched. The whole fetch, redirects included, has
        ``Limits.total`` seconds.
        """
        deadline = time.monotonic() + self.limits.total
        seen = [url]
        current = url
        while True:
            problem = check_url(current)
            if problem is not None:
                via = f" (redirected from {url})" if current != url else ""
                raise AddressNotAllowed(f"{current}{via} {problem}; it is not fetched",
                                        source=url)
            try:
                got = self._hop(current, url, headers, error, trusted, deadline)
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

    # -- one hop -------------------------------------------------------------------------

    def _hop(self, url: str, asked: str, headers: Mapping[str, str] | None,
             error: type[BilatError], trusted: Collection[Origin],
             deadline: float) -> Fetched | str:
        """One request: the response, or where it redirects to."""
        parts = urlsplit(url)
        target, extra, extensions = url, dict(headers or {}), {}
        if not self.allow_private and origin(url) not in trusted:
            address = self._public_address(parts, asked, error, deadline)
            target, extra["Host"], extensions = _pinned(parts, address)
        return self._request(target, url, asked, extra, extensions, error, deadline)

    def _public_address(self, parts: SplitResult, asked: str, error: type[BilatError],
                        deadline: float) -> str:
        """The address to connect to for ``parts``' host; AddressNotAllowed if any of
        the host's addresses is internal."""
        host = parts.hostname or ""
        port = parts.port or DEFAULT_PORTS[parts.scheme.lower()]
        url = parts.geturl()
        try:
            addresses = _within(lambda: self._resolve(host, port), _left(deadline))
        except TimeoutError as exc:
            raise error(f"{url}: resolving {host} took over {self.limits.total:g} s",
                        source=asked) from exc
        except (OSError, UnicodeError) as exc:
            raise error(f"{url}: the host {host} cannot be resolved ({exc})",
                        source=asked) from exc
        if not addresses:
            raise error(f"{url}: the host {host} has no address", source=asked)
        for address in addresses:
            why = internal(address)
            if why is not None:
                via = "" if url == asked else f" (redirected from {asked})"
                raise AddressNotAllowed(
                    f"{url}{via} is at {address}, a {why} address, and not on the origin "
                    f"of a listed feed; it is not fetched. If that host is yours, list a "
                    f"feed on it, or run bilat watch with --allow-private (setting "
                    f"watch_allow_private)", source=asked)
        return addresses[0]

    def _request(self, target: str, url: str, asked: str, headers: dict[str, str],
                 extensions: dict[str, Any], error: type[BilatError],
                 deadline: float) -> Fetched | str:
        left = _left(deadline)
        if left <= 0:
            raise error(f"{url} took over {self.limits.total:g} s", source=asked)
        watchdog = _Watchdog(left)
        extensions["trace"] = watchdog.trace
        timeout = httpx.Timeout(min(self.limits.read, left), connect=min(self.limits.connect,
                                                                          left))
        try:
            with watchdog, self.client.stream("GET", target, headers=headers, timeout=timeout,
                                              extensions=extensions) as r:
                return self._response(r, url, asked, error, deadline)
        except (httpx.HTTPError, OSError) as exc:
            if watchdog.expired.is_set():
                raise error(f"{url} took over {self.limits.total:g} s (response headers "
                            f"included)", source=asked) from exc
            raise

    def _response(self, r: httpx.Response, url: str, asked: str, error: type[BilatError],
                  deadline: float) -> Fetched | str:
        if r.status_code in _REDIRECTS and "location" in r.headers:
            return r.headers["location"]
        if r.status_code == 304:
            return Fetched(url, 304, r.headers, b"")
        if not 200 <= r.status_code < 300:
            raise error(f"{url} answered HTTP {r.status_code} {r.reason_phrase}", source=asked)
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
        if not truncated and time.monotonic() > deadline:
            # the watchdog closed the socket: a body that ends with the connection
            # (HTTP/1.0) would otherwise look complete
            raise error(f"{url} took over {self.limits.total:g} s to download", source=asked)
        if truncated:
            logger.info("%s is over %d bytes; cut there", url, self.limits.max_bytes)
        return Fetched(url, r.status_code, r.headers, b"".join(chunks), truncated)


def _left(deadline: float) -> float:
    return deadline - time.monotonic()


def _pinned(parts: SplitResult, address: str) -> tuple[str, str, dict[str, Any]]:
    """``parts`` with its host replaced by ``address``; the Host header; and, for https,
    the TLS server name (so the certificate is checked against the real host)."""
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    port = f":{parts.port}" if parts.port else ""
    target = parts._replace(netloc=f"{literal}{port}").geturl()
    shown = f"[{host}]" if ":" in host else host
    extensions = {"sni_hostname": host} if parts.scheme.lower() == "https" else {}
    return target, f"{shown}{port}", extensions


def _within(call: Callable[[], list[str]], seconds: float) -> list[str]:
    """``call()`` in a helper thread, given up (TimeoutError) after ``seconds``: the
    system resolver has no timeout of its own."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            result.append(exc)

    worker = threading.Thread(target=run, daemon=True, name="bilat-resolve")
    worker.start()
    worker.join(max(0.0, seconds))
    if not result:
        raise TimeoutError("name resolution")
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


class _Watchdog:
    """Closes a request's socket when its deadline passes, whatever it is waiting for
    (httpx's timeouts are per read, so a byte every few seconds never trips them)."""

    def __init__(self, seconds: float) -> None:
        self.expired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: note each socket as it is connected."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                if self.expired.is_set():
                    self._expire()

    def _expire(self) -> None:
        self.expired.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # closed already

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


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
