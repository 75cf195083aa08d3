"""Parquet: one article per row, read a row group at a time (needs ``bilat[batch]``).

Each row is one input record with the JSON Lines fields (``id, title, date, text, url,
source`` and any others), checked by the same code as a JSON line
(:func:`~bilat.ingest.records.from_records`), so a bad row is set aside as
``file.parquet:17`` (rows numbered from 1, as lines are).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from collections.abc import Iterator
from typing import Any

from bilat.errors import EmptyInput, MalformedJson, UnreadableInput
from bilat.ingest.records import from_records, set_aside
from bilat.record import Article, SetAside

#: Parquet rows read at a time; bounded memory for any file size.
PARQUET_BATCH_ROWS = 1024


def read_file(path: str) -> Iterator[Article | SetAside]:
    """The Parquet reader (``readers.READERS``): one file's rows as articles."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as e:
        yield set_aside(UnreadableInput(f"{path} is Parquet, which needs pyarrow ({e}); "
                                        "install bilat[batch]", source=path), path)
        return
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH_ROWS)
        first = next(batches, None)
    except (OSError, pa.ArrowException) as e:
        yield set_aside(UnreadableInput(f"{path} cannot be read as Parquet ({e}); check the "
                                        "file", source=path), path)
        return
    rows = 0
    batch = first
    while batch is not None:
        for row in batch.to_pylist():
            rows += 1
            where = f"{path}:{rows}"
            try:
                record = _plain(row, where)
            except MalformedJson as err:
                yield set_aside(err, where)
                continue
            yield from from_records([record], path, where=lambda _i, w=where: w)
        batch = next(batches, None)
    if not rows:
        yield set_aside(EmptyInput(f"{path} holds no JSON records; give one JSON object per "
                                   "line", source=path), path)


def _plain(value: Any, where: str) -> Any:
    """A Parquet value as the JSON reader would give it: dates and times as ISO text,
    decimals as floats, bytes as UTF-8 text (else base64), anything else unknown as text.
    NaN and infinities are refused (MalformedJson) as in a JSON line."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MalformedJson(f"{where} is not valid JSON ({value} is not a JSON number); "
                                "fix the line or remove it", source=where)
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v, where) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, where) for v in value]
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
