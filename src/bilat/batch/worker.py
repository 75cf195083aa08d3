"""What runs on a worker: one partition in, six Parquet files and a marker out.

The pipeline (and its spaCy model, the costly part) is created on a worker process's
first partition and kept for every later one: ``pipeline()`` is the worker-level
cache, the same under Dask (one process per worker) and in-process (``--engine local``).
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bilat.batch.inputs import Partition, decode
from bilat.batch.output import marker_path, table_path, write_atomic_table, write_json
from bilat.batch.tables import TABLES, items_to_tables
from bilat.config import Settings
from bilat.pipeline import Pipeline

logger = logging.getLogger(__name__)

_PIPELINE: Pipeline | None = None


def pipeline() -> Pipeline:
    """This process's pipeline, loaded on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        t = time.perf_counter()
        _PIPELINE = Pipeline(batch_size=Settings.load().batch_size)
        logger.info("pipeline loaded in process %d in %.1f s", os.getpid(),
                    time.perf_counter() - t)
    return _PIPELINE


def process_partition(part: Partition, out: str) -> dict[str, Any]:
    """Process one partition and write it; returns its marker (counts, digest, timing).

    Idempotent: run twice (a task redone after its worker was lost), it writes the
    same files under the same names, each replaced atomically.
    """
    pipe = pipeline()  # outside the timing: loaded once per worker, not per partition
    start = time.perf_counter()
    cpu = time.process_time()
    items = list(pipe.process_many(decode(p) for p in part.items))
    tables = items_to_tables(part.index, items)
    root = Path(out)
    for name in TABLES:
        write_atomic_table(table_path(root, name, part.index), tables[name])
    codes = Counter(t["code"] for t in tables["set_aside"].select(["code"]).to_pylist())
    marker = {
        "index": part.index,
        "digest": part.digest,
        "items": len(items),
        "articles": tables["articles"].num_rows,
        "rows": {name: tables[name].num_rows for name in TABLES},
        "set_aside": dict(sorted(codes.items())),
        "seconds": round(time.perf_counter() - start, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "pid": os.getpid(),
    }
    write_json(marker_path(root, part.index), marker)
    return marker
