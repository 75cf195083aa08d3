"""The batch runner: partitions of the inputs through the pipeline, on one process or a
Dask cluster, into Parquet tables (see ``output`` for the layout).

    from bilat.batch import run
    result = run(["articles.jsonl"], "out/", engine="dask", workers=2)

- ``engine="local"``: partitions one after the other in this process; no Dask needed.
- ``engine="dask"``: partitions as tasks on a ``distributed`` cluster; with no
  ``scheduler`` a ``LocalCluster`` of ``workers`` processes with one thread each is
  started here. Each worker loads the spaCy model once (``worker.pipeline``).

Both write the same files. A task whose worker dies is redone by the scheduler on
another worker; since a partition's files are written atomically under fixed names
and its marker last, a redone partition replaces, never adds. A rerun into the same
``out`` skips every partition whose marker names the same input digest (resume).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilat import __version__
from bilat.batch.inputs import Partition, partitions
from bilat.batch.output import (
    FORMAT,
    MANIFEST,
    existing_indexes,
    read_marker,
    remove_partition,
    remove_temporaries,
    write_json,
)
from bilat.batch.tables import SCHEMAS, TABLES
from bilat.batch.worker import process_partition
from bilat.errors import BatchError, BilatError, UsageError

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
#: Items per partition. Equal to the pipeline's nlp.pipe batch (32), so a partition is one
#: spaCy batch; small enough that the last partitions of a run leave little idle tail
#: (measured on Reuters, 1712 articles, 2 workers: 32 gave the best wall time of 32/64/128)
#: and that a lost worker loses little work.
PARTITION_SIZE = 32
#: Partitions queued per worker thread; the driver reads inputs only this far ahead.
QUEUED_PER_THREAD = 2
#: Times the scheduler may lose a worker while it runs one partition before giving up
#: on it (distributed's ``allowed-failures``).
ALLOWED_FAILURES = 3

OnPartition = Callable[[dict[str, Any], bool], None]


@dataclass
class BatchResult:
    out: Path
    partitions: int = 0
    #: Partitions already complete from an earlier run, not processed again.
    reused: int = 0
    articles: int = 0
    set_aside: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    #: CPU seconds spent in the pipeline on the partitions processed in this run.
    cpu_seconds: float = 0.0
    markers: list[dict[str, Any]] = field(default_factory=list)

    def add(self, marker: dict[str, Any], reused: bool) -> None:
        self.partitions += 1
        self.reused += reused
        self.articles += marker["articles"]
        self.set_aside.update(marker["set_aside"])
        self.rows.update(marker["rows"])
        if not reused:
            self.cpu_seconds += marker["cpu_seconds"]
        self.markers.append(marker)


def run(
    paths: list[str],
    out: str | os.PathLike[str],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    on_partition: OnPartition | None = None,
) -> BatchResult:
    """Process ``paths`` into the batch output ``out``; see the module's docstring.

    ``on_partition(marker, reused)`` is called as each partition completes (or is found
    complete), with its marker: ``articles``, ``rows``, ``set_aside`` codes, timing.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine == "local" and (scheduler is not None or workers is not None):
        raise UsageError("--scheduler and --workers apply to --engine dask; "
                         "drop them or add --engine dask")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    if partition_size < 1:
        raise UsageError(f"the partition size must be 1 or more, not {partition_size}")
    root = Path(out).resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BatchError(f"cannot create the output directory {root} ({e.strerror or e}); "
                         f"check the path and its permissions", source=str(root)) from e
    manifest: dict[str, Any] = {
        "format": FORMAT, "complete": False, "bilat": __version__, "inputs": list(paths),
        "partition_size": partition_size, "engine": engine,
    }
    write_json(root / MANIFEST, manifest)
    result = BatchResult(root)
    start = time.perf_counter()

    def done(marker: dict[str, Any], reused: bool) -> None:
        result.add(marker, reused)
        if on_partition is not None:
            on_partition(marker, reused)

    parts = partitions(paths, partition_size)
    if engine == "local":
        _run_local(parts, root, done)
    else:
        _run_dask(parts, root, done, scheduler, workers)
    result.seconds = time.perf_counter() - start
    result.markers.sort(key=lambda m: m["index"])
    for stale in existing_indexes(root) - {m["index"] for m in result.markers}:
        remove_partition(root, stale)  # left by an earlier run over longer inputs
    remove_temporaries(root)
    manifest.update(
        complete=True,
        partitions=[{k: m[k] for k in ("index", "digest", "items", "articles", "rows",
                                       "set_aside")} for m in result.markers],
        articles=result.articles, rows=dict(result.rows),
        set_aside=dict(sorted(result.set_aside.items())),
        schemas={t: SCHEMAS[t].to_string(show_schema_metadata=False) for t in TABLES},
    )
    write_json(root / MANIFEST, manifest)
    return result


def _reusable(root: Path, part: Partition) -> dict[str, Any] | None:
    marker = read_marker(root, part.index)
    if marker is not None and marker.get("digest") == part.digest:
        return marker
    return None


def _run_local(parts: Iterator[Partition], root: Path,
               done: Callable[[dict[str, Any], bool], None]) -> None:
    for part in parts:
        marker = _reusable(root, part)
        if marker is not None:
            done(marker, True)
            continue
        done(process_partition(part, str(root)), False)


def _run_dask(parts: Iterator[Partition], root: Path,
              done: Callable[[dict[str, Any], bool], None],
              scheduler: str | None, workers: int | None) -> None:
    import dask
    from distributed import Client, LocalCluster

    quiet = logging.getLogger("distributed")
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # distributed logs every connection at INFO; keep its warnings, not its chatter
        quiet.setLevel(max(quiet.getEffectiveLevel(), logging.WARNING))
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        if scheduler is None:
            n = workers or os.cpu_count() or 1
            cluster: Any = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
        else:
            cluster = None
        try:
            try:
                client = Client(cluster if cluster is not None else scheduler, timeout="30s")
            except (OSError, TimeoutError, ValueError) as e:
                raise BatchError(f"cannot connect to the Dask scheduler {scheduler} ({e}); "
                                 f"check the address (tcp://host:8786) and that it is "
                                 f"running", source=scheduler) from e
            with client:
                _submit_all(client, parts, root, done)
        finally:
            if cluster is not None:
                cluster.close()


def _submit_all(client: Any, parts: Iterator[Partition], root: Path,
                done: Callable[[dict[str, Any], bool], None]) -> None:
    from distributed import as_completed

    run_id = uuid.uuid4().hex[:8]
    threads = max(1, sum(client.nthreads().values()))
    limit = QUEUED_PER_THREAD * threads
    queue = as_completed()
    index_of: dict[str, int] = {}

    def feed(k: int) -> None:
        """Submit up to ``k`` more partitions, passing over those already complete."""
        while k > 0:
            part = next(parts, None)
            if part is None:
                return
            marker = _reusable(root, part)
            if marker is not None:
                done(marker, True)
                continue
            fut = client.submit(process_partition, part, str(root), retries=1,
                                key=f"bilat-partition-{part.index:05d}-{run_id}")
            index_of[fut.key] = part.index
            queue.add(fut)
            k -= 1

    feed(limit)
    for fut in queue:
        try:
            marker = fut.result()
        except BilatError:
            raise
        except Exception as e:  # noqa: BLE001 - the task's error, re-raised coded
            index = index_of.get(fut.key)
            raise BatchError(f"partition {index} failed ({type(e).__name__}: {e}); the "
                             f"partitions done so far are kept: run the same command again "
                             f"to resume", source=str(index)) from e
        finally:
            fut.release()
        done(marker, False)
        feed(1)
