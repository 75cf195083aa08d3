"""Benchmark: the pair page's JSON under concurrent clients, against the same server's
static-file throughput in the same run.

A `bilat serve` process (uvicorn, --workers N, default 1) is started on the store; an
asyncio/httpx closed-loop load generator runs C clients (default 8), each sending its
next request when the last is answered, for --seconds, alternating the static file
(`/static/bilat.css`, the baseline) and the pair page (`/api/pairs/RUS/UKR`), --repeats
rounds each. Reported: medians over the rounds of requests per second, p50 and p99
latency, errors (non-2xx or transport failures), and the ratio pair / static.

The store: --db URL, or the 300 presidential releases `bilat ingest`ed into a temporary
SQLite file first (takes a minute or two).

    .venv/bin/python bench/api/bench_api.py [--db sqlite:///pres.db] [--clients 8]
        [--seconds 8] [--repeats 3] [--workers 1] [--path /api/pairs/RUS/UKR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "serve"))

# the same load generator
from bench_serve import busiest_pair, peak_rss_mb, step, wait_up  # noqa: E402

SHARED = Path(os.environ.get("BILAT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "kremlin-presidentua-2021-2022" / "articles.jsonl"
STATIC = "/static/bilat.css"
P99_BUDGET_MS = 250.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="the store's URL (default: ingest the 300 releases)")
    ap.add_argument("--path", default="/api/pairs/RUS/UKR",
                    help="the path to time; 'busiest': the pair page of the store's "
                         "busiest pair")
    ap.add_argument("--fresh", action="store_true",
                    help="also time the path with every request computed (a query "
                         "parameter the route ignores, different each time, so that the "
                         "response cache never answers)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--port", type=int, default=8766)
    args = ap.parse_args()
    bilat = [sys.executable, "-m", "bilat.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db
        if url is None:
            url = f"sqlite:///{tmp}/releases.db"
            t = time.perf_counter()
            subprocess.run(bilat + ["ingest", str(CORPUS), "--db", url, "--no-progress"],
                           check=True, stdout=subprocess.DEVNULL)
            print(f"ingested {CORPUS.name} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        if args.path == "busiest":
            args.path = "/api/pairs/{}/{}".format(*busiest_pair(url))
        base = f"http://127.0.0.1:{args.port}"
        proc = subprocess.Popen(bilat + ["serve", "--db", url, "--host", "127.0.0.1",
                                         "--port", str(args.port),
                                         "--workers", str(args.workers)],
                                stderr=subprocess.DEVNULL)
        try:
            wait_up(base, proc)
            fresh = args.path + " (every request computed)"
            runs: dict[str, list[dict[str, float]]] = {STATIC: [], args.path: []}
            if args.fresh:
                runs[fresh] = []
            for _ in range(args.repeats):
                for path in runs:
                    runs[path].append(asyncio.run(step(
                        base, args.path if path == fresh else path, args.clients,
                        args.seconds, fresh=path == fresh)))
            peak = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(30)

    print(f"{args.clients} clients, {args.seconds:g} s per run, median of {args.repeats} "
          f"runs, {args.workers} worker(s); {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}")
    print("| path | req/s | p50 ms | p95 ms | p99 ms | errors | requests |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    med: dict[str, dict[str, float]] = {}
    for path, rs in runs.items():
        med[path] = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        m = med[path]
        print(f"| {path} | {m['rps']:.0f} | {m['p50']:.1f} | {m['p95']:.1f} | "
              f"{m['p99']:.1f} | {sum(r['errors'] for r in rs):.0f} | "
              f"{sum(r['requests'] for r in rs):.0f} |")
    ratio = med[args.path]["rps"] / med[STATIC]["rps"]
    print(f"\n{args.path} / static file: {ratio:.2f}× (target ≥ 0.5×, p99 ≤ "
          f"{P99_BUDGET_MS:.0f} ms, no errors)")
    if args.fresh:
        m = med[args.path + " (every request computed)"]
        print(f"every request computed / static file: {m['rps'] / med[STATIC]['rps']:.2f}×")
    print(f"peak RSS of bilat serve (VmHWM, largest of its processes): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
