"""Benchmark: full-text search latency on a generated store, on SQLite and PostgreSQL,
against the substring scan (LIKE) that `q=` was before, in the same run.

The store is bench/store's generated one (``bench/store/run.py``'s ``ensure_store``:
reused when it holds --events world events, else generated, which for 1M events takes
about a quarter of an hour per backend). Queries are words of the stored events' own
text (so they find something): one-word queries, and three-word queries (three words
of one event's text). Timed in-process, each query once per round after one warm-up
round, --repeats rounds; reported per backend and kind: p50 and p95 in ms (medians over
the rounds) of

- ``Store.search(q, 20)``: what ``GET /api/search`` does (ranked events and articles,
  with highlighted snippets);
- ``Store.event_page(Filters(q=q), 20)``: the events list filtered by ``q``;
- the old filter, the same two lists by ``LIKE '%q%'`` over the same text (baseline;
  at most --baseline-queries queries, as each is a full scan).

With ``--baseline-src`` (another checkout's ``src``), that code's ``Store.search`` is
timed too, in a process of its own on the same store, its rounds alternating with this
code's (warmed up the same way), and reported in a row of its own with the ratios of
this code's p50 and p95 to it.

    .venv/bin/python bench/search/bench_search.py [--events 100000]
        [--backend sqlite postgres] [--queries 50] [--repeats 3] [--baseline-src DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.store.run import ADMIN, PG_DB_HELP, ensure_store  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bilat.store import Store  # noqa: E402
from bilat.store.queries import Filters  # noqa: E402

P95_BUDGET_MS = 100.0
_WORD = re.compile(r"[a-z]{4,}")
_COMMON = frozenset("that this with from have were said will their they been about which "
                    "also would there other more into over after".split())


def queries(store: Store, n: int, seed: int = 15) -> dict[str, list[str]]:
    """``n`` one-word and ``n`` three-word queries taken from stored events' text."""
    rng = random.Random(seed)
    with store.engine.connect() as conn:
        texts = [r[0] for r in conn.execute(text(
            "SELECT search_text FROM world_events WHERE id % 97 = 0 ORDER BY id LIMIT 5000"))]
    words = [[w for w in _WORD.findall(t) if w not in _COMMON] for t in texts]
    words = [ws for ws in words if len(set(ws)) >= 3]
    one = [rng.choice(rng.choice(words)) for _ in range(n)]
    three = [" ".join(rng.sample(sorted(set(ws)), 3)) for ws in rng.sample(words, n)]
    return {"1 word": one, "3 words": three}


def like(store: Store, q: str) -> None:
    """The filter as it was: events and articles whose text contains ``q``."""
    op = "ILIKE" if store.engine.dialect.name == "postgresql" else "LIKE"
    p = f"%{q}%"
    with store.engine.connect() as conn:
        conn.execute(text("SELECT id FROM world_events WHERE search_text LIKE :p "
                          "ORDER BY day DESC, id DESC LIMIT 20"), {"p": p}).all()
        conn.execute(text(f"SELECT id FROM articles WHERE title {op} :p OR text {op} :p "
                          "ORDER BY day DESC, id DESC LIMIT 20"), {"p": p}).all()


def timed(fn: Any, qs: list[str]) -> list[float]:
    out = []
    for q in qs:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(ms: list[float], p: int) -> float:
    return statistics.quantiles(ms, n=100)[p - 1] if len(ms) > 1 else ms[0]


def serve_rounds(url: str) -> int:
    """The baseline's side of --baseline-src: for each line of stdin (a JSON list of
    queries), time ``Store.search(q, 20)`` for each and print their times (a JSON list)."""
    store = Store(url, create=False)
    try:
        for line in sys.stdin:
            qs = json.loads(line)
            print(json.dumps(timed(lambda q: store.search(q, 20), qs)), flush=True)
    finally:
        store.close()
    return 0


class Baseline:
    """Another checkout's ``Store.search`` on the same store, in a process of its own."""

    def __init__(self, src: Path, url: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(src.resolve())}
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve-rounds", url],
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)

    def timed(self, qs: list[str]) -> list[float]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(qs) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def main() -> int:
    if sys.argv[1:2] == ["--serve-rounds"]:
        return serve_rounds(sys.argv[2])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--backend", nargs="+", choices=["sqlite", "postgres"],
                    default=["sqlite", "postgres"])
    ap.add_argument("--queries", type=int, default=50, help="queries of each kind")
    ap.add_argument("--baseline-queries", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", default="/tmp", help="directory of SQLite stores")
    ap.add_argument("--admin", default=ADMIN)
    ap.add_argument("--pg-db", help=PG_DB_HELP)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="another checkout's src: its Store.search timed in the same rounds")
    args = ap.parse_args()

    print(f"{args.events:,} events; {args.queries} queries of each kind, p50/p95 ms "
          f"(medians of {args.repeats} rounds); load {os.getloadavg()[0]:.2f}")
    print("| backend | queries | search p50 | search p95 | events?q= p50 | events?q= p95 "
          "| LIKE p50 | LIKE p95 | LIKE p50 / search p50 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for backend in args.backend:
        url = ensure_store(argparse.Namespace(**{**vars(args), "backend": backend}))
        store = Store(url, create=False)
        base = Baseline(args.baseline_src, url) if args.baseline_src else None
        try:
            for kind, qs in queries(store, args.queries).items():
                few = qs[:args.baseline_queries]
                fns = {"search": lambda q, s=store: s.search(q, 20),
                       "events": lambda q, s=store: s.event_page(Filters(q=q), 20),
                       "like": lambda q, s=store: like(s, q)}
                for name, fn in fns.items():  # warm-up round
                    timed(fn, few if name == "like" else qs)
                if base:
                    base.timed(qs)
                rounds: dict[str, list[tuple[float, float]]] = {k: [] for k in fns}
                base_rounds: list[tuple[float, float]] = []
                for _ in range(args.repeats):
                    for name, fn in fns.items():
                        ms = timed(fn, few if name == "like" else qs)
                        rounds[name].append((pct(ms, 50), pct(ms, 95)))
                    if base:
                        ms = base.timed(qs)
                        base_rounds.append((pct(ms, 50), pct(ms, 95)))
                med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
                       for k, v in rounds.items()}
                worst = max(worst, med["search"][1], med["events"][1])
                print(f"| {backend} | {kind} | {med['search'][0]:.1f} | {med['search'][1]:.1f} "
                      f"| {med['events'][0]:.1f} | {med['events'][1]:.1f} | {med['like'][0]:.1f} "
                      f"| {med['like'][1]:.1f} | {med['like'][0] / med['search'][0]:.2f}× |")
                if base_rounds:
                    b50 = statistics.median(r[0] for r in base_rounds)
                    b95 = statistics.median(r[1] for r in base_rounds)
                    print(f"| {backend} (baseline) | {kind} | {b50:.1f} | {b95:.1f} | | | | "
                          f"| this / baseline: p50 {med['search'][0] / b50:.2f}×, "
                          f"p95 {med['search'][1] / b95:.2f}× |")
        finally:
            if base:
                base.close()
            store.close()
    print(f"\nworst p95: {worst:.1f} ms (target ≤ {P95_BUDGET_MS:.0f} ms); "
          f"load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
