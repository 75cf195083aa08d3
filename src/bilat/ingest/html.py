"""HTML pages: main text and metadata through trafilatura, boilerplate removed."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator

from bilat.errors import IngestError, InvalidEncoding, NoMainText
from bilat.ingest.decode import UTF8_BOM, decode_bytes
from bilat.ingest.records import checked_id, id_from_text, id_from_url, normalise_date, set_aside
from bilat.record import Article, SetAside

logger = logging.getLogger(__name__)

# Below this many characters of main text a page is taken to have none. trafilatura
# falls back to whatever text a page has, so a page of navigation links alone yields
# "Home " rather than nothing; the shortest real item in our corpora (a Reuters brief,
# headline only) has 38 characters.
MIN_MAIN_TEXT_CHARS = 25

# Only a charset declared in the first bytes of a page counts, as browsers do.
_CHARSET_SNIFF_BYTES = 2048
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)

# Metadata trafilatura finds that has no Article field; kept in Article.extra when set.
_EXTRA_FIELDS = ("author", "description", "hostname", "categories", "tags",
                 "language", "image", "pagetype", "license")


def read(data: bytes, source: str, article_id: str | None) -> Iterator[Article | SetAside]:
    """The HTML reader (``readers.READERS``): one article, or the page set aside.

    The id is the page's canonical URL's, else ``article_id``, else (standard input)
    ``stdin-`` and the first 12 hex digits of the SHA-256 of the page's text.
    """
    try:
        fallback = article_id or id_from_text(
            data.removeprefix(UTF8_BOM).decode("utf-8", "replace"), prefix="stdin-", length=12)
        yield checked_id(article_from_html(data, source, fallback_id=fallback), source)
    except IngestError as err:
        yield set_aside(err, source)


def _decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """A page's text, in the charset a browser would take: a byte order mark's, else the
    one the server named (``charset``, from HTTP), else UTF-8, else the one the page
    declares in a ``<meta>``."""
    if charset:
        return decode_bytes(data, source, encoding=_codec(charset, source, "is served as"))
    try:
        return decode_bytes(data, source)
    except InvalidEncoding:
        match = _DECLARED_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
        if match is None:
            raise
        codec = _codec(match.group(1).decode("ascii", "replace"), source, "declares")
        if codec == "utf-8":
            raise
        return decode_bytes(data, source, encoding=codec)


def _codec(name: str, source: str, how: str) -> str:
    """Python's name for the charset ``name``; InvalidEncoding if it has none."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InvalidEncoding(
            f"{source} {how} the unknown charset {name!r}; convert it to UTF-8",
            source=source,
        ) from None


def article_from_html(data: bytes, source: str, fallback_id: str,
                      charset: str | None = None) -> Article:
    """One article from a page's bytes. Raises IngestError.

    The id is derived from the page's canonical URL when it has one, else it is
    ``fallback_id`` (the file name stem). ``charset``: the one the server named in its
    ``Content-Type`` header, which wins over a ``<meta>`` in the page, as in a browser.
    """
    import trafilatura  # imported when a page is read: it takes 0.2 s, text inputs need none

    page = _decode_html(data, source, charset)
    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=True
        )
    # trafilatura and lxml raise a range of exception types on pathological markup;
    # whatever the cause, the page has no main text we can use.
    except Exception as exc:  # noqa: BLE001
        logger.debug("trafilatura failed on %s", source, exc_info=True)
        raise NoMainText(
            f"{source}: the HTML could not be parsed ({type(exc).__name__}); "
            "check that it is a complete web page",
            source=source,
        ) from exc
    text = (doc.text or "") if doc is not None else ""
    if len(text.strip()) < MIN_MAIN_TEXT_CHARS:
        raise NoMainText(
            f"{source} has no main text (only navigation or boilerplate was found); "
            "give the article's page, not an index or an empty page",
            source=source,
        )
    title = (doc.title or "").strip() or None
    # trafilatura puts the headline at the top of the text too; it belongs in title only.
    if title:
        first, sep, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest
    url = (doc.url or "").strip() or None
    date, date_extra = normalise_date(doc.date)
    extra = {
        name: value for name in _EXTRA_FIELDS
        if (value := getattr(doc, name, None)) not in (None, "", [])
    }
    extra.update(date_extra)
    return Article(
        id=id_from_url(url) if url else fallback_id,
        text=text,
        title=title,
        date=date,
        source=(doc.sitename or "").strip() or None,
        url=url,
        extra=extra,
    )
