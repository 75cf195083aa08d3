"""Scaling of ``bilat batch`` on Dask: 1 worker against 2 on the Reuters corpus.

    .venv/bin/python bench/batch/bench_scaling.py [--repeats 3] [--workers 1 2]

Each run is a whole ``bilat.batch.run(engine="dask")`` from a cold start: the local
cluster starts, each worker loads the spaCy model once, the corpus is processed and
written as Parquet. Runs alternate between worker counts so machine noise hits all
alike; medians are reported, with the speed-up against 1 worker. Memory: the peak RSS
of each worker process (sampled every 0.2 s), the largest over the runs. CPU: the
CPU-seconds the pipeline spent per article inside the workers (from the partition
markers; model loading excluded), and the wall core-seconds per article.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BILAT_SHARED") or ROOT.parent / "shared")
REUTERS = SHARED / "corpora" / "reuters21578" / "articles.jsonl"


class RssSampler(threading.Thread):
    """Peak RSS of every worker process: the children of this one (LocalCluster runs the
    nannies in this process), leaving out multiprocessing's resource tracker."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            for worker in me.children(recursive=True):
                try:
                    if "resource_tracker" in " ".join(worker.cmdline()):
                        continue
                    rss = worker.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[worker.pid] = max(self.peaks.get(worker.pid, 0), rss)
            time.sleep(0.2)


def one_run(corpus: Path, workers: int, partition_size: int) -> dict:
    from bilat.batch import run

    out = Path(tempfile.mkdtemp(prefix="bilat-scaling-"))
    sampler = RssSampler()
    sampler.start()
    t = time.perf_counter()
    cpu0 = time.process_time()
    try:
        result = run([str(corpus)], out, engine="dask", workers=workers,
                     partition_size=partition_size)
    finally:
        sampler.stop.set()
        sampler.join()
        shutil.rmtree(out, ignore_errors=True)
    wall = time.perf_counter() - t
    return {"wall": wall, "articles": result.articles, "cpu": result.cpu_seconds,
            "driver_cpu": time.process_time() - cpu0,
            "rss_mb": [round(v / 2**20) for v in sampler.peaks.values()]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--partition-size", type=int, default=32)
    ap.add_argument("--corpus", type=Path, default=REUTERS)
    args = ap.parse_args()

    runs: dict[int, list[dict]] = {n: [] for n in args.workers}
    for i in range(args.repeats):
        for n in args.workers:
            r = one_run(args.corpus, n, args.partition_size)
            runs[n].append(r)
            print(f"repeat {i + 1}, {n} worker(s): {r['wall']:.1f} s, {r['articles']} articles, "
                  f"worker CPU {r['cpu']:.1f} s, driver CPU {r['driver_cpu']:.1f} s, "
                  f"worker peak RSS {r['rss_mb']} MB", flush=True)
    base = statistics.median(r["wall"] for r in runs[args.workers[0]])
    print(f"\ncorpus {args.corpus.name} ({runs[args.workers[0]][0]['articles']} articles), "
          f"partition size {args.partition_size}, {os.cpu_count()} cores")
    print("| workers | median wall s | articles/s | speed-up | worker CPU-s/article "
          "| wall core-s/article | peak RSS per worker MB |")
    print("|---|---|---|---|---|---|---|")
    for n, rs in runs.items():
        wall = statistics.median(r["wall"] for r in rs)
        arts = rs[0]["articles"]
        cpu = statistics.median(r["cpu"] for r in rs) / arts
        rss = max(max(r["rss_mb"], default=0) for r in rs)
        print(f"| {n} | {wall:.1f} | {arts / wall:.1f} | {base / wall:.2f} | {cpu:.4f} "
              f"| {wall * n / arts:.4f} | {rss} |")
    print("(walls: " + "; ".join(f"{n}: {[round(r['wall'], 1) for r in rs]}"
                                 for n, rs in runs.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
