"""JSON Lines and JSON documents: one article per record.

JSON Lines are streamed line by line, so a file of any size is read in bounded memory;
each bad line is set aside on its own (``path:17``) and the rest are still read. A
``.json`` document is one article object or a list of them, parsed whole.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from bilat.errors import EmptyInput, IngestError, InvalidEncoding, MalformedJson
from bilat.ingest.decode import (
    MAX_JSON_DOCUMENT_BYTES,
    UTF8_BOM,
    check_size,
    decode_bytes,
)
from bilat.ingest.records import (
    article_from_record,
    from_records,
    json_type_name,
    peek_id,
    set_aside,
)
from bilat.record import Article, SetAside

# A JSON string escape for a UTF-16 surrogate; only lines holding one need the deep check.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"number {literal[:20]} is out of range")
    return value


def loads(text: str) -> object:
    """json.loads without NaN/Infinity; huge numbers and deep nesting raise ValueError."""
    try:
        return json.loads(text, parse_constant=_no_constants, parse_float=_finite)
    except RecursionError as exc:
        raise ValueError("nests JSON too deeply to parse") from exc


def _json_problem(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # some of json's messages end in "at" already ("Invalid control character at")
        msg = exc.msg.removesuffix(" at")
        return f"{msg} at line {exc.lineno}, column {exc.colno}"
    return str(exc).split(";")[0]


def _parse_line(raw: bytes, source: str) -> Article:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEncoding(
            f"{source} is not valid UTF-8 (bad byte 0x{raw[exc.start]:02x} at column "
            f"{exc.start + 1}); re-encode the file as UTF-8 or fix this line",
            source=source,
        ) from exc
    try:
        record = loads(line)
    except ValueError as exc:
        raise MalformedJson(
            f"{source} is not valid JSON ({_json_problem(exc)}); fix the line or remove it",
            source=source,
        ) from exc
    return article_from_record(
        record, source, check_surrogates=_SURROGATE_ESCAPE.search(raw) is not None
    )


def iter_jsonl(
    lines: Iterable[bytes | IngestError], source: str
) -> Iterator[Article | SetAside]:
    """Articles and set-asides from JSON Lines, given as byte lines (newlines kept or not).

    Blank lines are skipped; a source with no record at all is set aside as empty. An
    IngestError in place of a line (an oversize line from :func:`read_lines`) is set
    aside under that line's number.
    """
    seen = False
    for lineno, raw in enumerate(lines, start=1):
        where = f"{source}:{lineno}"
        if isinstance(raw, IngestError):
            seen = True
            yield set_aside(raw, where)
            continue
        if lineno == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM):]
        if not raw.strip():
            continue
        seen = True
        try:
            yield _parse_line(raw, where)
        except IngestError as err:
            yield set_aside(err, where, _peek_id_safe(raw))
    if not seen:
        err = EmptyInput(
            f"{source} holds no JSON records; give one JSON object per line",
            source=source,
        )
        yield set_aside(err, source)


def _peek_id_safe(raw: bytes) -> str | None:
    """The id of a record that failed after parsing (e.g. no text), if there is one."""
    try:
        return peek_id(loads(raw.decode("utf-8")))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors too
        return None


def read_lines(stream: BinaryIO, source: str, limit: int) -> Iterator[bytes | IngestError]:
    """Byte lines of a binary stream, each at most ``limit`` bytes.

    A longer line is not held in memory: it is skipped to its end and yielded as an
    InputTooLarge error in its place, so line numbers stay right.
    """
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                chunk = stream.readline(1024 * 1024)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            try:
                check_size(size, f"{source}:{lineno}", limit)
            except IngestError as err:
                yield err
            continue
        yield line


def iter_json_document(data: bytes, source: str) -> Iterator[Article | SetAside]:
    """Articles from a .json document: one article object or a list of them.

    A document that turns out to be JSON Lines (several objects, one per line) is read
    as JSON Lines.
    """
    try:
        text = decode_bytes(data, source, limit=MAX_JSON_DOCUMENT_BYTES)
        try:
            doc = loads(text)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data" and \
                    text.lstrip().startswith("{"):
                yield from iter_jsonl(data.splitlines(), source)
                return
            raise MalformedJson(
                f"{source} is not valid JSON ({_json_problem(exc)}); fix the file",
                source=source,
            ) from exc
    except IngestError as err:
        yield set_aside(err, source)
        return
    if isinstance(doc, dict):
        yield from from_records([doc], source, where=lambda _i: source)
    elif isinstance(doc, list):
        yield from from_records(doc, source)
        if not doc:
            yield set_aside(
                EmptyInput(f"{source} is an empty JSON list; give at least one article "
                           "object", source=source),
                source,
            )
    else:
        yield set_aside(
            MalformedJson(
                f"{source} holds {json_type_name(doc)}, not an article object or a list of "
                "them; give {\"text\": ...} or [{\"text\": ...}, ...]",
                source=source,
            ),
            source,
        )
