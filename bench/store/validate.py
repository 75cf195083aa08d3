"""Prove the generator writes what ``Store.add`` would: re-save and compare every table.

    .venv/bin/python bench/store/validate.py [--events 3000] [--days 60]

Generates a small store (its events packed into ``--days`` days, so that busy pairs
have many same-type events close together, where ``crossref`` would merge them if
the generator got it wrong), reads its articles back with ``Store.articles()`` (id
order is the generator's save order), stores each one in a fresh SQLite store with
``Store.add`` (the real save: rows, near-duplicate check, ``crossref.link``), and
compares the two stores table by table, ids included. Only timestamps
(``ingested_at``, ``updated_at``) and the MinHash columns the generator leaves empty
(``articles.minhash``, ``minhash_bands``) are left out. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.store.generate import ROLLUPS, TABLES, Generator  # noqa: E402
from bench.store.load import load  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from bilat.resolve import world as across  # noqa: E402
from bilat.store import Store  # noqa: E402

SKIP = {"ingested_at", "updated_at", "minhash"}
JSON_COLUMNS = {"edits", "extra", "record", "mentions", "aliases", "context", "sectors",
                "actors", "recipients", "evidence", "countries", "names", "actor_countries",
                "recipient_countries", "objects", "reported", "recent_sources"}


def _rows(url: str, table: str) -> list[tuple[object, ...]]:
    cols = [c for c in {**TABLES, **ROLLUPS}[table] if c not in SKIP]
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {', '.join(cols)} FROM {table} "
                                 f"ORDER BY {', '.join(cols[:4])}")).all()
    engine.dispose()
    out = []
    for r in rows:
        out.append(tuple(json.loads(v) if c in JSON_COLUMNS and isinstance(v, str) else v
                         for c, v in zip(cols, r, strict=True)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--days", type=int, default=60)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="bilat-validate-"))
    generated, saved = f"sqlite:///{tmp / 'generated.db'}", f"sqlite:///{tmp / 'saved.db'}"
    gen = Generator(args.events, days=args.days)
    load(generated, gen)
    t = time.perf_counter()
    n = dups = 0
    with Store(generated) as src, Store(saved) as dst:
        for article in src.articles():
            result = dst.add(article)
            n += 1
            dups += result.duplicate_of is not None
            # the evidence of each event gives exactly the object the generator recorded
            if n % 10 == 0:
                for ev in article.events:
                    span = ev.evidence[0]
                    words = across.object_words(article.text[span.start:span.end])
                    if len(words) != 1:
                        print(f"article {article.id} {ev.id}: objects {words}")
                        return 1
    print(f"re-saved {n} articles through Store.add in {time.perf_counter() - t:.0f} s "
          f"({dups} near-duplicates)")
    bad = 0
    for table in [*TABLES, *ROLLUPS]:
        a, b = _rows(generated, table), _rows(saved, table)
        same = a == b
        print(f"{table:24s} {len(a):8d} generated {len(b):8d} saved  "
              f"{'same' if same else 'DIFFERENT'}")
        if not same:
            bad += 1
            for x, y in zip(a, b, strict=False):
                if x != y:
                    print(f"  first difference:\n    generated {x}\n    saved     {y}")
                    break
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
