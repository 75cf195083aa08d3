"""Every input format bilat reads: one reader per kind, in one registry.

    kind     extensions        on stdin, first byte   module
    text     .txt .text        anything else          text.py (the title rule)
    jsonl    .jsonl .ndjson    {                      jsonl.py (streamed line by line)
    json     .json             [                      jsonl.py (a document, parsed whole)
    html     .html .htm        <                      html.py (trafilatura)
    parquet  .parquet .pq      (not read from stdin)  parquet.py (needs bilat[batch])

``sources`` finds the inputs (paths, directories, globs, stdin) and hands each to the
reader :func:`for_path` or :func:`sniff` picks. Records already parsed (a POST body,
Parquet rows) go through :func:`from_records`. A reader never raises for a bad input:
it yields a :class:`~bilat.record.SetAside` with the input's code.

Adding a format: a module with a function of one of the three shapes below, and one
line in ``READERS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bilat.errors import IngestError
from bilat.ingest import html, jsonl, parquet, text
from bilat.ingest.decode import MAX_JSON_DOCUMENT_BYTES
from bilat.ingest.records import from_records
from bilat.record import Article, SetAside

Result = Article | SetAside


@dataclass(frozen=True)
class Reader:
    """One input format. Exactly one of ``read``, ``lines`` and ``file`` is set."""

    kind: str
    extensions: tuple[str, ...]
    #: The whole input, read into memory: ``(data, source,
    #: article_id)``, the id being the file's stem, or None on standard input.
    read: Callable[[bytes, str, str | None], Iterator[Result]] | None = None
    #: Streamed: the input's byte lines (an IngestError in place of a line too long).
    lines: Callable[[Iterable[bytes | IngestError], str], Iterator[Result]] | None = None
    #: A file the reader opens itself (a binary container such as Parquet).
    file: Callable[[str], Iterator[Result]] | None = None
    #: The most bytes of one input (one line, when streamed); None: ``MAX_ARTICLE_BYTES``.
    limit: int | None = None
    #: The first non-blank byte that marks this kind on standard input.
    first: bytes | None = None


def _json_document(data: bytes, source: str, _article_id: str | None) -> Iterator[Result]:
    return jsonl.iter_json_document(data, source)


READERS: tuple[Reader, ...] = (
    Reader("text", (".txt", ".text"), read=text.read),
    Reader("jsonl", (".jsonl", ".ndjson"), lines=jsonl.iter_jsonl, first=b"{"),
    Reader("json", (".json",), read=_json_document, limit=MAX_JSON_DOCUMENT_BYTES, first=b"["),
    Reader("html", (".html", ".htm"), read=html.read, first=b"<"),
    Reader("parquet", (".parquet", ".pq"), file=parquet.read_file),
)
#: The default on standard input, when no reader's first byte matches.
_PLAIN = READERS[0]
_BY_EXTENSION = {ext: r for r in READERS for ext in r.extensions}
#: The extensions bilat reads, for messages: ".txt .text .jsonl …".
SUPPORTED = " ".join(_BY_EXTENSION)


def for_path(path: str) -> Reader | None:
    """The reader of a file, by its extension (any case); None if bilat reads none."""
    return _BY_EXTENSION.get(os.path.splitext(path)[1].lower())


def sniff(first: bytes) -> Reader:
    """The reader of standard input whose first non-blank byte is ``first``; plain text
    when it is no reader's mark."""
    return next((r for r in READERS if r.first is not None and r.first == first), _PLAIN)


__all__ = ["READERS", "SUPPORTED", "Reader", "for_path", "from_records", "sniff"]
