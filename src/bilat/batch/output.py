"""The layout of a batch output directory, written atomically and read back.

    DIR/manifest.json                 what was run, the partitions, their row counts
    DIR/<table>/part-00003.parquet    one file per partition per table (tables.TABLES)
    DIR/_partitions/part-00003.json   written last: the partition is complete

Every file is written under a hidden temporary name in its final folder and renamed,
so a reader (or a worker killed mid-write) never leaves or sees half a file. A
partition counts as done only when its marker exists and names the digest of the same
input; a rerun skips those and redoes the rest. Names starting with ``.`` or ``_`` are
ignored by Parquet dataset readers, so ``pyarrow.dataset.dataset(DIR / "events")`` reads
exactly the finished parts.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from bilat.batch.tables import SCHEMAS, TABLES, rows_to_items
from bilat.errors import BatchOutputError
from bilat.record import Article, SetAside

FORMAT = "bilat-batch/1"
MANIFEST = "manifest.json"
MARKERS = "_partitions"


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def table_path(out: Path, table: str, index: int) -> Path:
    return out / table / f"{part_name(index)}.parquet"


def marker_path(out: Path, index: int) -> Path:
    return out / MARKERS / f"{part_name(index)}.json"


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def write_atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic_table(path: Path, table: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(path: Path, obj: Any) -> None:
    write_atomic_bytes(path, (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode())


def read_marker(out: Path, index: int) -> dict[str, Any] | None:
    """The marker of a complete partition, or None if the partition is not complete."""
    path = marker_path(out, index)
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    if not all(table_path(out, t, index).exists() for t in TABLES):
        return None
    return marker


def remove_partition(out: Path, index: int) -> None:
    marker_path(out, index).unlink(missing_ok=True)
    for t in TABLES:
        table_path(out, t, index).unlink(missing_ok=True)


def existing_indexes(out: Path) -> set[int]:
    """Partition numbers with any file in ``out`` (finished or not)."""
    found: set[int] = set()
    for folder in [MARKERS, *TABLES]:
        for p in (out / folder).glob("part-*.*"):
            try:
                found.add(int(p.name[5:10]))
            except ValueError:
                continue
    return found


def remove_temporaries(out: Path) -> None:
    """Leftovers of writers that died mid-write."""
    for folder in [MARKERS, *TABLES]:
        for p in (out / folder).glob(".part-*.tmp"):
            p.unlink(missing_ok=True)


def read_manifest(out: str | Path) -> dict[str, Any]:
    """The manifest of a complete batch output; BL-E091 if there is none."""
    path = Path(out) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise BatchOutputError(f"{out} has no {MANIFEST}, so it is not a batch output; give "
                               f"the --out directory of `bilat batch`", source=str(out)) from e
    except (OSError, json.JSONDecodeError) as e:
        raise BatchOutputError(f"{path} cannot be read ({e}); run `bilat batch` again with "
                               f"the same --out to rewrite it", source=str(path)) from e
    if manifest.get("format") != FORMAT:
        raise BatchOutputError(f"{path} is in format {manifest.get('format')!r}, not {FORMAT}; "
                               f"run `bilat batch` again with this version", source=str(path))
    if not manifest.get("complete"):
        raise BatchOutputError(f"the batch run into {out} did not finish; run the same "
                               f"`bilat batch` command again to complete it", source=str(out))
    return manifest


def read_partition(out: str | Path, index: int) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of one partition."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for t in TABLES:
        path = table_path(Path(out), t, index)
        try:
            tables[t] = pq.read_table(path, schema=SCHEMAS[t]).to_pylist()
        except (OSError, pa.ArrowException) as e:
            raise BatchOutputError(f"{path} cannot be read ({e}); run `bilat batch` again "
                                   f"with the same --out to redo it", source=str(path)) from e
    return tables


def read_output(out: str | Path) -> Iterator[Article | SetAside]:
    """Every processed article and set-aside of a batch output, in input order."""
    manifest = read_manifest(out)
    for part in manifest["partitions"]:
        yield from rows_to_items(read_partition(out, part["index"]))
