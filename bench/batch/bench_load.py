"""``bilat load`` into PostgreSQL: rows per second for the batch output of both corpora.

    .venv/bin/python bench/batch/bench_load.py [--repeats 3] [--out DIR]
        [--admin postgresql+psycopg://postgres@127.0.0.1:5432/test]

Makes the batch output of Reuters + Kremlin (Dask, 2 workers; or reuses ``--out``),
then for each repeat creates a fresh database ``bilat_bench``, loads the output with
``bilat.batch.load`` (the code behind ``bilat load``) and times it; the second load into
the same database (everything already stored) is timed too. Drops the database at the
end. Medians are reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT.parent / "shared" / "corpora" / "reuters21578" / "articles.jsonl",
           ROOT.parent / "shared" / "corpora" / "kremlin-presidentua-2021-2022" / "articles.jsonl"]
DB = "bilat_bench"


def _recreate(admin_url: str, drop_only: bool = False) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"))
        if not drop_only:
            conn.execute(text(f"CREATE DATABASE {DB}"))
    admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--admin", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()

    from bilat.batch import load, run

    out = args.out or Path(tempfile.mkdtemp(prefix="bilat-load-")) / "out"
    if not (out / "manifest.json").exists():
        t = time.perf_counter()
        r = run([str(p) for p in CORPORA], out, engine="dask", workers=2)
        print(f"batch output: {r.articles} articles in {time.perf_counter() - t:.0f} s -> {out}")
    url = make_url(args.admin).set(database=DB).render_as_string(hide_password=False)
    firsts, seconds = [], []
    try:
        for i in range(args.repeats):
            _recreate(args.admin)
            a = load(out, url)
            b = load(out, url)
            firsts.append(a)
            seconds.append(b)
            print(f"repeat {i + 1}: {a.rows} rows, {a.stored} articles stored in "
                  f"{a.seconds:.1f} s ({a.rows_per_second:.0f} rows/s, "
                  f"{a.articles / a.seconds:.1f} articles/s); again: {b.stored} stored in "
                  f"{b.seconds:.1f} s ({b.rows_per_second:.0f} rows/s)", flush=True)
    finally:
        _recreate(args.admin, drop_only=True)
    a = firsts[0]
    print(f"\n{a.articles} articles, {a.rows} rows of batch output; store after load: {a.counts}")
    print("| load | median s | rows/s | articles/s |")
    print("|---|---|---|---|")
    for name, rs in (("into an empty database", firsts), ("again (all stored already)", seconds)):
        s = statistics.median(r.seconds for r in rs)
        print(f"| {name} | {s:.1f} | {a.rows / s:.0f} | {a.articles / s:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
