"""``bilat ingest`` into a new SQLite store against ``bilat extract`` of the same file.

    .venv/bin/python bench/ingest/bench_ingest.py [--repeats 3] [--input FILE]
        [--baseline-src DIR] [--db-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--pg-db bilat_bench_ingest]

Each repeat runs, as whole processes, one after the other: ``bilat extract FILE``
(stdout to a file) and ``bilat ingest FILE`` into a new SQLite store, and, with
``--baseline-src`` (another checkout's ``src``, e.g. the main branch's), that code's
``bilat ingest`` too. Then, in this process, the store work alone: the extracted
articles stored one by one (``Store.add``, the old path) and through
``service.save_stream`` (what ``bilat ingest`` does now) into new stores, which are
compared table by table (they must be identical); with ``--db-url`` (an admin URL to a
PostgreSQL server) the same on PostgreSQL, in a database created and dropped here.

Prints each repeat and the medians; the ratios are taken within each repeat (the
machine is shared, absolute times move from one minute to the next) and their median
reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BILAT_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpora" / "kremlin-presidentua-2021-2022" / "articles.jsonl"
PG_DB = "bilat_bench_ingest"
BILAT = "import sys; from bilat.cli import main; sys.argv[0] = 'bilat'; sys.exit(main())"


def _run(src: Path, args: list[str], stdout: Any = subprocess.DEVNULL) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", BILAT, *args], env=env, stdout=stdout,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def _store_work(extracted: Path, url_a: str, url_b: str) -> tuple[float, float, int]:
    """Seconds to store the extracted articles one by one, then with ``save_stream``;
    the rows stored. Raises if the two stores differ."""
    from bilat import service
    from bilat.record import Article
    from bilat.store import Store
    from bilat.store.contents import contents

    with extracted.open(encoding="utf-8") as f:
        articles = [Article.from_dict(json.loads(line)) for line in f]
    with Store(url_a) as store:
        t = time.perf_counter()
        for a in articles:
            store.add(a)
        one_by_one = time.perf_counter() - t
    with Store(url_b) as store:
        t = time.perf_counter()
        for _ in service.save_stream(store, articles):
            pass
        batched = time.perf_counter() - t
    a_rows, b_rows = contents(url_a), contents(url_b)
    differ = [t for t in a_rows if a_rows[t] != b_rows[t]]
    if differ:
        raise SystemExit(f"the stores differ in {', '.join(differ)}")
    return one_by_one, batched, sum(len(r) for r in a_rows.values())


def _pg_urls(admin_url: str, db: str = PG_DB) -> tuple[str, str, Any]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    names = (db + "_a", db + "_b")

    def recreate(drop_only: bool = False) -> None:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                if not drop_only:
                    conn.execute(text(f"CREATE DATABASE {name}"))

    recreate()
    base = make_url(admin_url)
    a, b = (base.set(database=n).render_as_string(hide_password=False) for n in names)
    return a, b, recreate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--input", type=Path, default=CORPUS)
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="another checkout's src: its `bilat ingest` is timed too")
    ap.add_argument("--db-url", default=None,
                    help="admin URL of a PostgreSQL server: measure the store work there too")
    ap.add_argument("--pg-db", default=PG_DB,
                    help="names of the two databases created there: this with _a and _b")
    args = ap.parse_args()
    src = ROOT / "src"
    sys.path.insert(0, str(src))
    tmp = Path(tempfile.mkdtemp(prefix="bilat-ingest-"))
    extracted = tmp / "extracted.jsonl"
    rows: list[dict[str, float]] = []
    for i in range(args.repeats):
        r: dict[str, float] = {}
        with extracted.open("w", encoding="utf-8") as out:
            r["extract"] = _run(src, ["extract", str(args.input)], stdout=out)
        db = tmp / f"ingest-{i}.db"
        r["ingest"] = _run(src, ["ingest", str(args.input), "--db", f"sqlite:///{db}"])
        if args.baseline_src is not None:
            r["baseline ingest"] = _run(args.baseline_src.resolve(), [
                "ingest", str(args.input), "--db", f"sqlite:///{tmp / f'baseline-{i}.db'}"])
        n = sum(1 for _ in extracted.open(encoding="utf-8"))
        a, b = tmp / f"a-{i}.db", tmp / f"b-{i}.db"
        r["store one by one"], r["store batched"], stored = _store_work(
            extracted, f"sqlite:///{a}", f"sqlite:///{b}")
        if args.db_url:
            url_a, url_b, recreate = _pg_urls(args.db_url, args.pg_db)
            try:
                r["pg one by one"], r["pg batched"], _ = _store_work(extracted, url_a, url_b)
            finally:
                recreate(drop_only=True)
        rows.append(r)
        print(f"repeat {i + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in r.items())
              + f"; ingest / extract {r['ingest'] / r['extract']:.2f}x", flush=True)
    print(f"\n{n} articles ({args.input.name}), {stored:,} rows stored; medians of "
          f"{args.repeats}, load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| measure | median s | per article ms | articles/s |")
    print("|---|---:|---:|---:|")
    for key in rows[0]:
        s = statistics.median(r[key] for r in rows)
        print(f"| {key} | {s:.1f} | {1000 * s / n:.0f} | {n / s:.1f} |")
    ratio = statistics.median(r["ingest"] / r["extract"] for r in rows)
    print(f"\ningest / extract: {ratio:.2f}x (median of the repeats' ratios)")
    if args.baseline_src is not None:
        base = statistics.median(r["baseline ingest"] / r["extract"] for r in rows)
        print(f"baseline ingest / extract: {base:.2f}x")
    store = statistics.median(r["store batched"] / r["store one by one"] for r in rows)
    print(f"store work, batched / one by one (SQLite): {store:.2f}x; identical stores")
    if args.db_url:
        pg = statistics.median(r["pg batched"] / r["pg one by one"] for r in rows)
        print(f"store work, batched / one by one (PostgreSQL): {pg:.2f}x; identical stores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
