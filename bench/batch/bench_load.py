"""``bilat load`` into PostgreSQL: articles per second for the batch output of both corpora.

    .venv/bin/python bench/batch/bench_load.py [--repeats 3] [--out DIR]
        [--admin postgresql+psycopg://postgres@127.0.0.1:5432/test] [--db bilat_bench]
        [--baseline-src DIR]

Makes the batch output of Reuters + Kremlin (Dask, 2 workers; or reuses ``--out``),
then for each repeat creates a fresh database ``--db``, loads the output with
``bilat.batch.load`` (the code behind ``bilat load``) in a process of its own and times
it; the second load into the same database (everything already stored) is timed too.
With ``--baseline-src`` (another checkout's ``src``), that code's load into a fresh
database is timed in the same repeat (before this code's in every other repeat, after
it in the others), and the two stores are compared table by table
(the bench stops if they differ). Drops the database at the end. Medians are reported,
and the median of each repeat's ratio (the machine is shared: absolute times move from
one minute to the next).
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

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BILAT_SHARED") or ROOT.parent / "shared")
CORPORA = [SHARED / "corpora" / "reuters21578" / "articles.jsonl",
           SHARED / "corpora" / "kremlin-presidentua-2021-2022" / "articles.jsonl"]
DB = "bilat_bench"
#: One load in a process of its own: prints the ``LoadResult`` as JSON.
LOAD = ("import json, sys; from bilat.batch import load; r = load(sys.argv[1], sys.argv[2]); "
        "print(json.dumps({'articles': r.articles, 'stored': r.stored, 'rows': r.rows, "
        "'seconds': r.seconds, 'counts': r.counts}))")


def _recreate(admin_url: str, names: list[str], drop_only: bool = False) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            if not drop_only:
                conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()


def _load(src: Path, out: Path, url: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", LOAD, str(out), url], env=env, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--admin", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--db", default=DB, help="name of the database created for the load")
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="another checkout's src: its load is timed too, stores compared")
    args = ap.parse_args()
    src = ROOT / "src"
    sys.path.insert(0, str(src))
    from bilat.batch import run
    from bilat.store.contents import contents

    out = args.out or Path(tempfile.mkdtemp(prefix="bilat-load-")) / "out"
    if not (out / "manifest.json").exists():
        t = time.perf_counter()
        r = run([str(p) for p in CORPORA], out, engine="dask", workers=2)
        print(f"batch output: {r.articles} articles in {time.perf_counter() - t:.0f} s -> {out}")
    names = [args.db] + ([args.db + "_baseline"] if args.baseline_src else [])
    url, *base_url = (make_url(args.admin).set(database=n).render_as_string(hide_password=False)
                      for n in names)
    rows: list[dict[str, float]] = []
    first: dict[str, Any] = {}
    try:
        for i in range(args.repeats):
            _recreate(args.admin, names)
            # every other repeat loads the baseline first, so that what favours one place
            # in the order (the first load after both databases are made) falls on both
            c = (_load(args.baseline_src.resolve(), out, base_url[0])
                 if args.baseline_src is not None and i % 2 else None)
            a = _load(src, out, url)
            b = _load(src, out, url)
            first = first or a
            r = {"load": a["seconds"], "again": b["seconds"]}
            line = (f"repeat {i + 1}: {a['stored']} of {a['articles']} articles stored in "
                    f"{a['seconds']:.1f} s ({a['articles'] / a['seconds']:.1f} articles/s); "
                    f"again: {b['stored']} stored in {b['seconds']:.1f} s")
            if args.baseline_src is not None:
                c = c or _load(args.baseline_src.resolve(), out, base_url[0])
                r["baseline load"] = c["seconds"]
                line += (f"; baseline: {c['seconds']:.1f} s "
                         f"({c['articles'] / c['seconds']:.1f} articles/s)")
                mine, theirs = contents(url), contents(base_url[0])
                differ = [t for t in mine if mine[t] != theirs[t]]
                if differ:
                    raise SystemExit(f"the stores differ in {', '.join(differ)}")
                line += "; stores identical"
            rows.append(r)
            print(line, flush=True)
    finally:
        _recreate(args.admin, names, drop_only=True)
    n = first["articles"]
    print(f"\n{n} articles, {first['rows']} rows of batch output; store after load: "
          f"{first['counts']}; load average {os.getloadavg()[0]:.1f} at the end")
    print("| load | median s | articles/s |")
    print("|---|---:|---:|")
    labels = {"load": "into an empty database", "again": "again (all stored already)",
              "baseline load": "the baseline, into an empty database"}
    for key in rows[0]:
        s = statistics.median(r[key] for r in rows)
        print(f"| {labels[key]} | {s:.1f} | {n / s:.1f} |")
    if args.baseline_src is not None:
        ratio = statistics.median(r["baseline load"] / r["load"] for r in rows)
        print(f"\narticles/s against the baseline: {ratio:.2f}x (median of the repeats' "
              f"ratios); identical stores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
