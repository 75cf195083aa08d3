"""Feed lists and feed bodies: which feeds to poll, and which items a feed lists."""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import feedparser  # type: ignore[import-untyped]  # ships no type hints

from bilat.errors import FeedListError, NotAFeed
from bilat.watch.fetch import MAX_URL_CHARS, Fetched, check_url
from bilat.watch.state import Item

logger = logging.getLogger(__name__)


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs in ``path``: one a line; blank lines and ``#`` comments skipped.

    Every bad line is reported at once in one FeedListError; duplicates are dropped.
    """
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError as exc:
        raise FeedListError(f"feed list {p} does not exist; give a file with one feed URL "
                            "a line", source=str(p)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedListError(f"feed list {p} cannot be read ({exc}); give a UTF-8 text file "
                            "with one feed URL a line", source=str(p)) from exc
    urls: list[str] = []
    problems: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        url = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not url:
            continue
        problem = check_url(url)
        if problem is not None:
            problems.append(f"line {n}: {url!r} {problem}")
        elif url not in urls:
            urls.append(url)
    if problems:
        raise FeedListError(f"feed list {p}: " + "; ".join(problems)
                            + "; fix these lines or comment them out with #", source=str(p))
    if not urls:
        raise FeedListError(f"feed list {p} holds no feed URL; add one a line", source=str(p))
    return urls


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: list[Item]
    #: feedparser's complaint when the body is not well-formed; the items found are kept.
    problem: str | None


#: An entity declaration in a feed's prolog. Only one whose value is a single character
#: reference (``<!ENTITY nbsp "&#160;">``, the one use seen in real feeds) is kept.
_ENTITY_DECL = re.compile(rb"<!ENTITY\b[^>]*>", re.I)
_CHAR_ENTITY = re.compile(rb"""<!ENTITY\s+\w+\s+(["'])&#x?[0-9a-fA-F]{1,6};\1\s*>""", re.I)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def defuse_entities(body: bytes) -> bytes:
    """``body`` without the entity declarations that could expand it.

    A DTD may declare entities that expand to other entities (billion laughs) or one
    long entity referenced many times (quadratic blow-up). expat refuses the first and
    caps amplification, but feedparser then re-reads the body with its lenient parser,
    which expands every entity feedparser judged "safe" (any value without ``&``) as
    often as it is referenced: 10 KB times 10,000 references is 100 MB of text from a
    40 KB feed. So only single-character entities survive; the others become undefined
    and stay in the text as written (``&lol;``), which costs nothing.
    """
    start = _FIRST_ELEMENT.search(body)
    head_end = start.start() if start else len(body)
    head = body[:head_end]
    if b"<!ENTITY" not in head.upper():
        return body

    def keep(m: re.Match[bytes]) -> bytes:
        return m.group(0) if _CHAR_ENTITY.fullmatch(m.group(0)) else b""

    cleaned = _ENTITY_DECL.sub(keep, head)
    logger.info("feed declares entities; dropped %d bytes of declarations",
                len(head) - len(cleaned))
    return cleaned + body[head_end:]


def parse_feed(feed_url: str, resp: Fetched) -> ParsedFeed:
    """The items of an RSS or Atom body. Raises NotAFeed when it holds no feed at all.

    A body that is not well-formed (feedparser's "bozo": truncated XML, bad entities)
    still gives the items its lenient parser found.
    """
    # a BytesIO, not bytes: feedparser treats a str or bytes argument that names a file
    # or URL as one, and would open it
    parsed: Any = feedparser.parse(io.BytesIO(defuse_entities(resp.body)), response_headers={
        "content-type": resp.headers.get("content-type", "application/xml"),
        "content-location": resp.url,
    })
    problem = None
    exc = parsed.get("bozo_exception")
    # A feed served as text/html, or in another charset than its header says, parses
    # fine: feedparser flags it, but it is no reason to distrust the body.
    if parsed.get("bozo") and not isinstance(exc, feedparser.ThingsNobodyCaresAboutButMe):
        problem = f"{type(exc).__name__}: {exc}" if exc is not None else "not well-formed"
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(f"feed {feed_url} is not RSS or Atom ({problem or 'no feed element'}, "
                       f"content type {resp.content_type or 'none'}); check the URL",
                       source=feed_url)
    title = _clean(parsed.feed.get("title"))
    items: list[Item] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        url, refused = _entry_url(entry, resp.url, feed_url)
        if url in seen:
            continue
        seen.add(url)
        items.append(Item(
            url=url, feed_url=feed_url, title=_clean(entry.get("title")),
            published=entry.get("published") or entry.get("updated") or None,
            summary=_entry_text(entry), guid=entry.get("id") or None, feed_title=title,
            refused=refused,
        ))
    return ParsedFeed(title, items, problem)


def _entry_url(entry: Any, base: str, feed_url: str) -> tuple[str, str | None]:
    """The item's page URL, and None; or, when it has no link that may be fetched, a key
    for it (its link, shortened if need be) and why it is refused."""
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links") or []
                   if link.get("rel", "alternate") == "alternate"]
    guid = entry.get("id")
    if guid and entry.get("guidislink", True):
        candidates.append(guid)
    first: tuple[str, str] | None = None
    for raw in candidates:
        if not raw or not isinstance(raw, str):
            continue
        url = urldefrag(urljoin(base, raw.strip())).url
        problem = check_url(url)
        if problem is None:
            return url, None
        first = first or (url, problem)
    name = repr(_clean(entry.get("title")) or guid or "untitled")[:120]
    if first is None:
        key = f"{feed_url}#no-link-{_digest(guid, entry.get('title'), _entry_text(entry))}"
        return key, f"the item {name} of feed {feed_url} has no link; nothing to fetch"
    url, problem = first
    if len(url) > MAX_URL_CHARS // 2:
        url = f"{url[:MAX_URL_CHARS // 2]}#sha1-{_digest(url)}"
    return url, f"the item {name} of feed {feed_url} links to {url[:200]!r}, which {problem}"


def _digest(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8",
                                                               "surrogatepass")).hexdigest()[:16]


def _entry_text(entry: Any) -> str | None:
    """The fullest text the feed gives for an item: its content, else its summary."""
    values = [c.get("value") for c in entry.get("content") or []]
    values.append(entry.get("summary"))
    best = max((html_to_text(v) for v in values if isinstance(v, str)), key=len, default="")
    return best or None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "tr", "table", "blockquote", "section", "article", "pre", "hr"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's summary), one paragraph a line."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
