"""Where inputs come from: paths, directories, globs and stdin, each to its reader.

Nothing here raises for a bad input. Every failure becomes a SetAside with its code,
so a run over many inputs always continues, and every input named by the caller shows
up in the output as articles or set-asides.
"""

from __future__ import annotations

import glob
import io
import itertools
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from bilat.errors import (
    BinaryInput,
    EmptyInput,
    IngestError,
    MissingPath,
    UnknownExtension,
    UnreadableInput,
)
from bilat.ingest import readers
from bilat.ingest.decode import (
    MAX_ARTICLE_BYTES,
    SNIFF_BYTES,
    UTF8_BOM,
    check_size,
    looks_binary,
    wide_encoding,
    wide_encoding_error,
)
from bilat.ingest.jsonl import read_lines
from bilat.ingest.readers import SUPPORTED
from bilat.ingest.records import set_aside
from bilat.record import Article, SetAside

logger = logging.getLogger(__name__)

Result = Article | SetAside

_GLOB_CHARS = frozenset("*?[")


def read_inputs(paths: list[str]) -> Iterator[Result]:
    """Articles and set-asides from files, directories and glob patterns, lazily.

    ``"-"`` reads standard input. Directories are walked recursively in sorted order,
    skipping hidden entries (``.git``, ``.DS_Store``); a file of an unsupported type
    found there, or by a glob, is set aside (BL-E002) like one named on its own, so it
    is counted and recorded rather than lost. A glob expands sorted.
    """
    for given in paths:
        if given == "-":
            yield from read_stdin(sys.stdin)
            continue
        yield from _read_path(given)


def _read_path(given: str) -> Iterator[Result]:
    if os.path.isdir(given):
        yield from _read_directory(given)
    elif os.path.lexists(given):
        yield from _read_file(given)
    elif _GLOB_CHARS & set(given):
        yield from _read_glob(given)
    else:
        yield set_aside(
            MissingPath(f"{given} does not exist; check the path", source=given), given
        )


def _read_glob(pattern: str) -> Iterator[Result]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield set_aside(
            MissingPath(f"the pattern {pattern} matches no files; check the pattern",
                        source=pattern),
            pattern,
        )
        return
    for match in matches:
        if os.path.isdir(match):
            yield from _read_directory(match)
        else:
            yield from _read_file(match)


def _walk(root: str) -> Iterator[str | IngestError]:
    """Files under ``root``, depth first in name order, hidden entries skipped.

    A folder's files and subfolders are sorted together by name, so the order is that
    of ``sorted()`` over the relative paths' parts, whatever the file system returns.
    """
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _unreadable(exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield _unreadable(exc)
            continue
        if is_dir:
            yield from _walk(entry.path)
        else:
            yield entry.path


def _unreadable(exc: OSError) -> IngestError:
    where = exc.filename or "?"
    return UnreadableInput(
        f"{where} cannot be read ({exc.strerror or exc}); check its permissions",
        source=str(where),
    )


def _read_directory(root: str) -> Iterator[Result]:
    found = False
    for item in _walk(root):
        found = True
        if isinstance(item, IngestError):
            yield set_aside(item, item.source or root)
        else:
            yield from _read_file(item)
    if not found:
        yield set_aside(
            EmptyInput(
                f"the directory {root} holds no files (hidden ones are not read); give "
                f"a directory of articles ({SUPPORTED}); check the path",
                source=root,
            ),
            root,
        )


def _read_file(path: str) -> Iterator[Result]:
    reader = readers.for_path(path)
    if reader is None:
        ext = os.path.splitext(path)[1] or "(none)"
        yield set_aside(
            UnknownExtension(
                f"{path} has the extension {ext}, which bilat cannot read; "
                f"supported: {SUPPORTED}",
                source=path,
            ),
            path,
        )
        return
    try:
        if reader.file is not None:
            yield from reader.file(path)
            return
        if reader.lines is not None:
            yield from _read_lines_file(path, reader)
            return
        data = _read_bytes(path, reader.limit or MAX_ARTICLE_BYTES)
    except IngestError as err:
        yield set_aside(err, path)
        return
    assert reader.read is not None  # one of file, lines and read is set
    yield from reader.read(data, path, Path(path).stem)


def _read_bytes(path: str, limit: int) -> bytes:
    """A file's bytes, refusing one over ``limit`` before reading it."""
    try:
        with open(path, "rb") as f:
            check_size(os.fstat(f.fileno()).st_size, path, limit)
            data = f.read(limit + 1)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise MissingPath(f"{path} does not exist (a broken link?); check the path",
                              source=path) from exc
        raise _unreadable(exc) from exc
    check_size(len(data), path, limit)
    return data


def _read_lines_file(path: str, reader: readers.Reader) -> Iterator[Result]:
    try:
        f = open(path, "rb")
    except FileNotFoundError as exc:
        raise MissingPath(f"{path} does not exist (a broken link?); check the path",
                          source=path) from exc
    except OSError as exc:
        raise _unreadable(exc) from exc
    with f:
        try:
            head = f.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        except OSError as exc:
            raise _unreadable(exc) from exc
        wide = wide_encoding(head)
        if wide is not None:
            raise wide_encoding_error(path, wide)
        if looks_binary(head.removeprefix(UTF8_BOM)):
            raise BinaryInput(
                f"{path} looks binary (it holds NUL or control bytes), not JSON Lines; "
                "give a UTF-8 file with one JSON object per line",
                source=path,
            )
        try:
            assert reader.lines is not None
            yield from reader.lines(read_lines(f, path, reader.limit or MAX_ARTICLE_BYTES), path)
        except OSError as exc:
            raise _unreadable(exc) from exc


# --- stdin -----------------------------------------------------------------------------

def read_stdin(stream: TextIO | BinaryIO, name: str = "-") -> Iterator[Result]:
    """Articles and set-asides from a stream, by sniffing its content.

    The first non-blank character decides: ``{`` is JSON Lines, ``[`` a JSON list,
    ``<`` an HTML page; anything else is one plain-text article with the id
    ``stdin-`` + the first 12 hex digits of the SHA-256 of its text.
    """
    lines = _byte_lines(stream)
    skipped: list[bytes] = []
    skipped_bytes = 0
    first = b""
    try:
        for line in lines:
            stripped = (line if skipped else line.removeprefix(UTF8_BOM)).lstrip()
            skipped.append(line)
            skipped_bytes += len(line)
            if stripped:
                first = stripped[:1]
                break
            if skipped_bytes > MAX_ARTICLE_BYTES:
                break
    except OSError as exc:
        yield set_aside(_unreadable_stream(exc, name), name)
        return
    reader = readers.sniff(first)
    if reader.lines is not None:
        rest = read_lines(_ChainReader(skipped, lines), name, reader.limit or MAX_ARTICLE_BYTES)
        yield from reader.lines(_catch_stream_errors(rest, name), name)
        return
    try:
        data = _read_all(skipped, lines, name, reader.limit or MAX_ARTICLE_BYTES)
    except IngestError as err:
        yield set_aside(err, name)
        return
    assert reader.read is not None  # a reader that stdin can pick reads bytes
    yield from reader.read(data, name, None)


def _byte_lines(stream: TextIO | BinaryIO) -> Iterator[bytes]:
    """The stream's lines as bytes, whether it is a text or a binary stream."""
    buffer = getattr(stream, "buffer", None)
    if isinstance(buffer, io.BufferedIOBase | io.RawIOBase):
        stream = buffer
    probe = stream.read(0)
    if isinstance(probe, str):
        # A text stream has been decoded already; encode back so one code path checks
        # everything. Lone surrogates survive as invalid UTF-8 and are reported as E005.
        return (line.encode("utf-8", "surrogatepass") for line in stream)
    return _binary_lines(stream)  # type: ignore[arg-type]


def _binary_lines(stream: BinaryIO) -> Iterator[bytes]:
    while True:
        line = stream.readline(1024 * 1024)
        if not line:
            return
        yield line


class _ChainReader:
    """A ``readline``-able view of buffered lines followed by the rest of a stream."""

    def __init__(self, head: list[bytes], rest: Iterator[bytes]) -> None:
        self._chunks = itertools.chain(head, rest)
        self._pending = b""

    def readline(self, limit: int = -1) -> bytes:
        out = bytearray()
        while limit < 0 or len(out) < limit:
            if not self._pending:
                self._pending = next(self._chunks, b"")
                if not self._pending:
                    break
            want = len(self._pending) if limit < 0 else limit - len(out)
            newline = self._pending.find(b"\n", 0, want)
            cut = newline + 1 if newline >= 0 else min(want, len(self._pending))
            out += self._pending[:cut]
            self._pending = self._pending[cut:]
            if newline >= 0:
                break
        return bytes(out)


def _catch_stream_errors(
    lines: Iterable[bytes | IngestError], name: str
) -> Iterator[bytes | IngestError]:
    try:
        yield from lines
    except OSError as exc:
        yield _unreadable_stream(exc, name)


def _unreadable_stream(exc: OSError, name: str) -> IngestError:
    return UnreadableInput(f"{name} could not be read ({exc}); check the pipe or file",
                           source=name)


def _read_all(head: list[bytes], rest: Iterator[bytes], name: str, limit: int) -> bytes:
    out = bytearray().join(head)
    try:
        for line in rest:
            out += line
            if len(out) > limit:
                # Drain nothing more: the input is refused whole.
                check_size(len(out), name, limit)
    except OSError as exc:
        raise _unreadable_stream(exc, name) from exc
    check_size(len(out), name, limit)
    return bytes(out)
