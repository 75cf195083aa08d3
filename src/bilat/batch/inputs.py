"""The inputs of a batch run, cut into numbered partitions.

JSON Lines (and every other kind ``bilat extract`` reads) go through
``bilat.pipeline.read``, so an input gives exactly the articles and set-asides it gives
``bilat extract``. Parquet files (``.parquet``, or a directory holding them: a dataset)
are read a row group at a time; each row is one input record with the JSON Lines
fields (``id, title, date, text, url, source`` and any others), checked by the same
reader as a JSON line, so a bad row is set aside as ``file.parquet:17``.

Partitions are consecutive runs of ``size`` items (articles and set-asides) in input
order. A partition's digest covers its items and bilat's version, so a rerun over the
same inputs finds the same partitions and recognises those already done.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import glob
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, cast

from bilat import __version__
from bilat.errors import UnreadableInput
from bilat.pipeline import read, read_stream
from bilat.record import Article, SetAside

PARQUET_EXTENSIONS = (".parquet", ".pq")
#: Parquet rows read at a time; bounded memory for any file size.
PARQUET_BATCH_ROWS = 1024


@dataclass
class Partition:
    index: int
    #: ``["article", Article.to_dict()]`` or ``["set_aside", SetAside.to_dict()]``: plain
    #: data, cheap to ship to a worker process on another machine.
    items: list[list[Any]]
    digest: str

    @property
    def articles(self) -> int:
        return sum(1 for kind, _ in self.items if kind == "article")


def encode(item: Article | SetAside) -> list[Any]:
    if isinstance(item, SetAside):
        return ["set_aside", item.to_dict()]
    return ["article", item.to_dict()]


def decode(pair: list[Any]) -> Article | SetAside:
    kind, d = pair
    if kind == "set_aside":
        return SetAside(**d)
    return Article.from_dict(d)


def partitions(paths: list[str], size: int) -> Iterator[Partition]:
    items = (encode(item) for item in read_items(paths))
    index = 0
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        h = hashlib.sha256(__version__.encode())
        h.update(json.dumps(chunk, ensure_ascii=False, sort_keys=True,
                            separators=(",", ":")).encode("utf-8", "surrogatepass"))
        yield Partition(index, chunk, h.hexdigest())
        index += 1


def read_items(paths: list[str]) -> Iterator[Article | SetAside]:
    """Articles and set-asides from every path, in order (see the module's docstring)."""
    for given in paths:
        parquet = _parquet_files(given)
        if parquet is None:
            yield from read([given])
        else:
            for path in parquet:
                yield from read_parquet(path)


def _parquet_files(given: str) -> list[str] | None:
    """The Parquet files ``given`` names, or None if it names something else."""
    if given == "-":
        return None
    if os.path.isdir(given):
        found = sorted(str(p) for p in Path(given).rglob("*")
                       if p.suffix.lower() in PARQUET_EXTENSIONS
                       and not any(part.startswith((".", "_")) for part in
                                   p.relative_to(given).parts))
        return found or None
    if os.path.splitext(given)[1].lower() in PARQUET_EXTENSIONS:
        return [given]
    if set("*?[") & set(given) and not os.path.exists(given):
        matches = sorted(glob.glob(given, recursive=True))
        if matches and all(os.path.splitext(m)[1].lower() in PARQUET_EXTENSIONS
                           for m in matches):
            return matches
    return None


def read_parquet(path: str) -> Iterator[Article | SetAside]:
    """One Parquet file's rows as articles, each checked like a JSON line."""
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        pf = pq.ParquetFile(path)
        batches = pf.iter_batches(batch_size=PARQUET_BATCH_ROWS)
        first = next(batches, None)
    except (OSError, pa.ArrowException) as e:
        err = UnreadableInput(f"{path} cannot be read as Parquet ({e}); check the file",
                              source=path)
        yield SetAside(path, err.code, str(err))
        return

    def lines() -> Iterator[bytes]:
        batch = first
        while batch is not None:
            for row in batch.to_pylist():
                yield (json.dumps(row, ensure_ascii=False, default=_json_value)
                       + "\n").encode("utf-8", "surrogatepass")
            batch = next(batches, None)

    yield from read_stream(cast(BinaryIO, _LineReader(lines())), path)


def _json_value(value: Any) -> Any:
    """Parquet values JSON has no type for: dates and times as ISO text, and so on."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    return str(value)


class _LineReader:
    """A binary stream (``read``/``readline``) over an iterator of byte lines."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = lines
        self._pending = b""

    def read(self, n: int = -1) -> bytes:
        if n == 0:
            return b""
        out = self._pending + b"".join(self._lines) if n < 0 else self.readline(n)
        self._pending = b""
        return out

    def readline(self, limit: int = -1) -> bytes:
        if not self._pending:
            self._pending = next(self._lines, b"")
        if limit < 0 or len(self._pending) <= limit:
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:limit], self._pending[limit:]
        return out
