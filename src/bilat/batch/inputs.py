"""The inputs of a batch run, cut into numbered partitions.

JSON Lines (and every other kind ``bilat extract`` reads) go through
``bilat.pipeline.read``, so an input gives exactly the articles and set-asides it gives
``bilat extract``. Parquet files (``.parquet``, or a directory holding them: a dataset)
are read by the Parquet reader (``bilat.ingest.parquet``), a row group at a time; each
row is one input record with the JSON Lines fields, checked as a JSON line is, so a bad
row is set aside as ``file.parquet:17``. A directory of them is read as one dataset.

Partitions are consecutive runs of ``size`` items (articles and set-asides) in input
order. A partition's digest covers its items and bilat's version, so a rerun over the
same inputs finds the same partitions and recognises those already done.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from bilat import __version__
from bilat.ingest import readers
from bilat.pipeline import read
from bilat.record import Article, SetAside

PARQUET_EXTENSIONS = next(r.extensions for r in readers.READERS if r.kind == "parquet")


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
        yield from read(_parquet_files(given) or [given])


def _parquet_files(given: str) -> list[str] | None:
    """The Parquet files ``given`` names (a dataset: a directory of them, skipping
    ``_``- and ``.``-prefixed parts), or None if it names something else."""
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
