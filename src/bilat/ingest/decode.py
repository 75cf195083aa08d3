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
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# An input without a byte order mark is taken for UTF-16 when over this share of the
# bytes at even (or odd) offsets of its head are NUL and over this share of the others
# are ASCII text: text in a Latin script has a NUL as every other byte and letters
# between them; binary formats have no such pattern.
UTF16_NUL_SHARE = 0.6

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


def wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``data`` (the head of an input) is text in one of them:
    it starts with that byte order mark, or (UTF-16 without one) every other byte is NUL.
    None otherwise."""
    if data.startswith(UTF32_BOMS):
        return "UTF-32"
    if data.startswith(UTF16_BOMS):
        return "UTF-16"
    head = data[:SNIFF_BYTES]
    if len(head) >= 8:
        for start in (0, 1):
            half = head[start::2]
            other = head[1 - start::2]
            ascii_text = sum(1 for b in other if 0x20 <= b < 0x7F or b in _TEXT_CONTROLS)
            if half.count(0) / len(half) > UTF16_NUL_SHARE and \
                    ascii_text / len(other) > UTF16_NUL_SHARE:
                return "UTF-16"
    return None


def wide_encoding_error(source: str, encoding: str) -> InvalidEncoding:
    return InvalidEncoding(
        f"{source} is {encoding} text, not UTF-8; convert it to UTF-8, e.g. "
        f"`iconv -f {encoding} -t UTF-8 in.txt > out.txt`",
        source=source,
    )


def check_size(size: int, source: str, limit: int = MAX_ARTICLE_BYTES) -> None:
    if size > limit:
        raise InputTooLarge(
            f"{source} is {size:,} bytes, over the limit of {limit:,} bytes; "
            "split it into smaller files (one article per file, or JSON Lines)",
            source=source,
        )


def decode_bytes(data: bytes, source: str, *, limit: int = MAX_ARTICLE_BYTES,
                 encoding: str = "utf-8") -> str:
    """Decode one input's bytes after the size, empty and binary checks: as UTF-8, or as
    ``encoding`` when the input's server named one (an HTML page's ``Content-Type``).

    A leading UTF-8 byte order mark is dropped; nothing else in the text is changed.
    Text in UTF-16 with a byte order mark (what Windows calls "Unicode") is decoded as
    such; UTF-16 without one, and UTF-32, are set aside with a hint to convert them.
    """
    check_size(len(data), source, limit)
    if data.startswith(UTF8_BOM):
        data, encoding = data[len(UTF8_BOM):], "utf-8"
    wide = wide_encoding(data)
    if wide == "UTF-16" and data.startswith(UTF16_BOMS):
        try:
            data, encoding = data.decode("utf-16").encode("utf-8"), "utf-8"
        except UnicodeError as exc:
            raise InvalidEncoding(
                f"{source} starts like UTF-16 text but is not valid UTF-16 ({exc.reason} at "
                f"byte {exc.start}); convert it to UTF-8", source=source) from exc
    elif wide is not None:
        raise wide_encoding_error(source, wide)
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
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = ("convert it to UTF-8, e.g. `iconv -f cp1252 -t utf-8`"
                if encoding == "utf-8" else "convert it to UTF-8")
        raise InvalidEncoding(
            f"{source} is not valid {'UTF-8' if encoding == 'utf-8' else encoding} (bad byte "
            f"0x{data[exc.start]:02x} at offset {exc.start}); {hint}",
            source=source,
        ) from exc
    if not text.strip():
        raise EmptyInput(
            f"{source} holds only whitespace; give a file that holds the article's text",
            source=source,
        )
    return text
