"""Bytes to text: the checks every input passes before a reader sees it.

Each check raises a coded :class:`~bilat.errors.IngestError`; the caller turns it into
a :class:`~bilat.record.SetAside`. The order is deliberate: size, then emptiness, then
binary, then UTF-8, so a PNG named ``.txt`` is reported as binary (E004) rather than as
a text in some unknown encoding (E005).
"""

from __future__ import annotations

from bilat.errors import BinaryInput, EmptyInput, InputTooLarge, InvalidEncoding

# The largest single article (a .txt or .html file, one JSON Lines line, stdin text) we
# read. The longest article in the two shipped corpora is about 20 KB and the largest
# news page we have seen is under 3 MB; 20 MB leaves room for pages with inlined assets
# while keeping one runaway input from exhausting memory.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024

# A .json document is parsed whole (JSON Lines are streamed), so it gets its own,
# larger limit: enough for some tens of thousands of articles in one list.
MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024

# Share of C0 control bytes (other than tab, newlines, vertical tab and form feed) above
# which an input is taken for binary. Text in the Reuters-21578 and Kremlin corpora and
# the seed article has none; compressed and image formats have well over 10%, and most
# of them also carry NUL bytes, which are rejected outright.
MAX_CONTROL_SHARE = 0.10

# Only the head of a file is sniffed for binary content, as `file(1)` and git do.
SNIFF_BYTES = 8192

UTF8_BOM = b"\xef\xbb\xbf"

_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c")
_CONTROL_BYTES = frozenset(range(32)) - _TEXT_CONTROLS | {0x7F}


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` (the head of an input) is binary rather than text."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return controls / len(head) > MAX_CONTROL_SHARE


def check_size(size: int, source: str, limit: int = MAX_ARTICLE_BYTES) -> None:
    if size > limit:
        raise InputTooLarge(
            f"{source} is {size:,} bytes, over the limit of {limit:,} bytes; "
            "split it into smaller files (one article per file, or JSON Lines)",
            source=source,
        )


def decode_bytes(data: bytes, source: str, *, limit: int = MAX_ARTICLE_BYTES) -> str:
    """Decode one input's bytes as UTF-8 after the size, empty and binary checks.

    A leading UTF-8 byte order mark is dropped; nothing else in the text is changed.
    """
    check_size(len(data), source, limit)
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if not data.strip():
        raise EmptyInput(
            f"{source} is empty; give a file that holds the article's text", source=source
        )
    if looks_binary(data):
        raise BinaryInput(
            f"{source} looks binary (it holds NUL or control bytes), not text; "
            "give a UTF-8 text, JSON Lines or HTML file",
            source=source,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEncoding(
            f"{source} is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); convert it to UTF-8, e.g. `iconv -f cp1252 -t utf-8`",
            source=source,
        ) from exc
    if not text.strip():
        raise EmptyInput(
            f"{source} holds only whitespace; give a file that holds the article's text",
            source=source,
        )
    return text
