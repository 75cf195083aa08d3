"""Pair-page and event-list latency of the API over a generated store of N events.

    .venv/bin/python bench/store/run.py --backend sqlite --events 1000000
    .venv/bin/python bench/store/run.py --backend postgres --events 1000000 [--drop]

Generates the store with ``generate.py`` (or reuses it when it already holds N world
events; ``--regenerate`` forces a new one), then times requests in-process through
FastAPI's ``TestClient`` (the whole app: routing, validation, the store's queries and
JSON encoding) after one warm-up pass, and prints a markdown table of p50/p95/p99:

- ``GET /api/pairs/{a}/{b}`` over busy (the 10 busiest pairs), medium (ranks 100-400)
  and rare (pairs with 2-10 events) pairs, taken in turn;
- ``GET /api/pairs/{a}/{b}/figures`` (the pair page's figure series) over the same pairs,
  the two requests of a pair page one after the other, and
  ``GET /api/countries/{c}/figures`` for the busiest countries;
- ``GET /api/events`` with ``pair``+``type``+``since``/``until``, with
  ``country``+``type``+``sector``+``since``/``until``, and a later page of each (the
  third, through ``next_cursor``).

``--explain`` prints the plan of every SQL statement one busy pair page and one
filtered list run (``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on
SQLite), with each statement's own time.

SQLite stores go to ``--dir`` (default /tmp); PostgreSQL ones to the database
``bilat_bench_<N>`` (or ``--pg-db``) on the server of ``--admin``, created if missing,
dropped with ``--drop``.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from bench.store.generate import Generator  # noqa: E402
from bench.store.load import load  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PAIR_P95_MS = 100
LIST_P95_MS = 50
TYPES = ["CONSULT", "COOPERATE", "AGREE", "ACCUSE", "SUPPORT"]
LATER_LIMIT = 10
PG_DB_HELP = ("the PostgreSQL store's database (default bilat_bench_<N>); load.py empties "
              "only databases named bilat_bench*")
SECTORS = ["C", "C13", "D35", "H49", "K64", "A01", "B06", "C24", "F42", "J61"]


def store_url(args: argparse.Namespace) -> str:
    if args.backend == "sqlite":
        return f"sqlite:///{Path(args.dir) / f'bilat-bench-{args.events}.db'}"
    name = getattr(args, "pg_db", None) or f"bilat_bench_{args.events}"
    return make_url(args.admin).set(database=name).render_as_string(hide_password=False)


def _admin(args: argparse.Namespace, sql: str) -> None:
    engine = create_engine(args.admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _world_events(url: str) -> int:
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM world_events")).scalar_one()
        engine.dispose()
        return int(n)
    except Exception:  # noqa: BLE001 - no database or no table yet: generate
        return -1


def ensure_store(args: argparse.Namespace) -> str:
    url = store_url(args)
    if args.backend == "postgres":
        name = make_url(url).database
        engine = create_engine(args.admin)
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": name}).first()
        engine.dispose()
        if not exists:
            _admin(args, f"CREATE DATABASE {name}")
    if args.regenerate or _world_events(url) != args.events:
        t = time.perf_counter()
        counts = load(url, Generator(args.events))
        print(f"generated {args.events:,} events ({sum(counts.values()):,} rows: "
              + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()))
              + f") in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return url


def sample_pairs(url: str) -> dict[str, list[tuple[str, str, int]]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT country_a, country_b, count(*) AS n FROM event_pairs "
            "GROUP BY country_a, country_b ORDER BY n DESC, country_a, country_b")).all()
    engine.dispose()
    rng = random.Random(7)
    rare = [tuple(r) for r in rows if 2 <= r[2] <= 10]
    return {"busy": [tuple(r) for r in rows[:10]],
            "medium": rng.sample([tuple(r) for r in rows[100:400]], 20),
            "rare": rng.sample(rare, min(20, len(rare)))}


def _stats(ms: list[float]) -> tuple[float, float, float]:
    a = np.array(ms)
    return (float(np.percentile(a, 50)), float(np.percentile(a, 95)),
            float(np.percentile(a, 99)))


def _time(client: Any, paths: list[str], n: int) -> list[float]:
    for p in paths:  # warm-up
        r = client.get(p)
        if r.status_code != 200:
            raise SystemExit(f"GET {p} answered {r.status_code}: {r.text[:300]}")
    out = []
    for i in range(n):
        p = paths[i % len(paths)]
        t = time.perf_counter()
        r = client.get(p)
        out.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"GET {p} answered {r.status_code}: {r.text[:300]}")
    return out


def list_paths(client: Any, pairs: dict[str, list[tuple[str, str, int]]],
               countries: list[str]) -> dict[str, list[str]]:
    rng = random.Random(11)
    by_pair, by_country = [], []
    for kind in ("busy", "medium"):
        for a, b, _ in pairs[kind]:
            y = rng.randint(2016, 2022)
            by_pair.append(f"/api/events?pair={a},{b}&type={rng.choice(TYPES)}"
                           f"&since={y}-01-01&until={y + 1}-12-31")
    for c in countries:
        y = rng.randint(2016, 2022)
        by_country.append(f"/api/events?country={c}&type={rng.choice(TYPES)}"
                          f"&sector={rng.choice(SECTORS)}&since={y}-01-01&until={y + 1}-12-31")

    def later(paths: list[str]) -> list[str]:
        # pages of 10, so that middling filters have a third page too
        out = []
        for p in paths:
            p = p + f"&limit={LATER_LIMIT}"
            cursor = None
            for _ in range(2):
                page = client.get(p + (f"&cursor={cursor}" if cursor else "")).json()
                cursor = page["next_cursor"]
                if cursor is None:
                    break
            if cursor:
                out.append(p + f"&cursor={cursor}")
        return out

    return {"events: pair+type+dates, page 1": by_pair,
            "events: pair+type+dates, page 3": later(by_pair),
            "events: country+type+sector+dates, page 1": by_country,
            "events: country+type+sector+dates, page 3": later(by_country)}


def explain(store: Any, client: Any, path: str) -> None:
    engine = store.engine
    pg = engine.dialect.name == "postgresql"
    captured: list[tuple[str, Any, float]] = []

    def before(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
               executemany: bool) -> None:
        conn.info["t"] = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
              executemany: bool) -> None:
        captured.append((statement, params, (time.perf_counter() - conn.info["t"]) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    print(f"\n#### {path}\n")
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, params, ms in captured:
            print(f"```sql\n-- {ms:.1f} ms\n{statement}\n-- params: {params}\n```\n```")
            prefix = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " if pg else "EXPLAIN QUERY PLAN "
            cur.execute(prefix + statement, params)
            for row in cur.fetchall():
                print(row[0] if pg else f"{'  ' * 0}{row[-1]}")
            print("```")
    finally:
        raw.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="timed requests per endpoint")
    ap.add_argument("--dir", default="/tmp", help="directory of SQLite stores")
    ap.add_argument("--admin", default=ADMIN, help="PostgreSQL URL to create databases with")
    ap.add_argument("--pg-db", help=PG_DB_HELP)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--explain", action="store_true")
    ap.add_argument("--drop", action="store_true", help="drop the PostgreSQL database after")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)

    from fastapi.testclient import TestClient

    from bilat.api import create_app
    from bilat.config import Settings

    url = ensure_store(args)
    pairs = sample_pairs(url)
    app = create_app(url, Settings())
    store = app.state.store
    rows: list[tuple[str, int, float, float, float, int]] = []
    try:
        with TestClient(app) as client:
            pair_paths = {k: [f"/api/pairs/{a}/{b}" for a, b, _ in v] for k, v in pairs.items()}
            mixed = [p for trio in zip(pair_paths["busy"] * 2, pair_paths["medium"],
                                       pair_paths["rare"], strict=False) for p in trio]
            ms_all = _time(client, mixed, args.requests)
            rows.append(("pairs: busy/medium/rare in turn", len(ms_all), *_stats(ms_all),
                         PAIR_P95_MS))
            for kind, paths in pair_paths.items():
                ms = _time(client, paths, max(200, args.requests // 3 * 2))
                rows.append((f"pairs: {kind} ({min(n for *_, n in pairs[kind])}-"
                             f"{max(n for *_, n in pairs[kind])} events)", len(ms), *_stats(ms),
                             PAIR_P95_MS))
            # the pair page's figure series, fetched beside the summary
            series_paths = [p + "/figures" for p in mixed]
            ms = _time(client, series_paths, args.requests)
            rows.append(("pair figures: busy/medium/rare in turn", len(ms), *_stats(ms),
                         PAIR_P95_MS))
            ms = _time(client, [p + "/figures" for p in pair_paths["busy"]],
                       max(200, args.requests // 3 * 2))
            rows.append(("pair figures: busy", len(ms), *_stats(ms), PAIR_P95_MS))
            # summary then series, one after the other: the page's two requests at worst
            # (the browser sends them at once)
            both = []
            for i in range(args.requests):
                p = mixed[i % len(mixed)]
                t = time.perf_counter()
                for q in (p, p + "/figures"):
                    if client.get(q).status_code != 200:
                        raise SystemExit(f"GET {q} failed")
                both.append((time.perf_counter() - t) * 1000)
            rows.append(("pair page: summary + figures in turn", len(both), *_stats(both),
                         PAIR_P95_MS))
            countries = [c for c, in _top_countries(url)]
            ms = _time(client, [f"/api/countries/{c}/figures" for c in countries],
                       max(100, args.requests // 3))
            rows.append((f"country figures ({len(countries)} busiest countries)", len(ms),
                         *_stats(ms), PAIR_P95_MS))
            for name, paths in list_paths(client, pairs, countries).items():
                if not paths:
                    raise SystemExit(f"no request for {name!r}: no filter has that many pages")
                name += f" ({len(paths)} filters)"
                ms = _time(client, paths, args.requests)
                rows.append((name, len(ms), *_stats(ms), LIST_P95_MS))
            if args.explain:
                busy = pairs["busy"][0]
                explain(store, client, f"/api/pairs/{busy[0]}/{busy[1]}")
                explain(store, client, f"/api/events?pair={busy[0]},{busy[1]}&type=CONSULT"
                                       f"&since=2020-01-01&until=2021-06-30")
                explain(store, client, f"/api/events?country={countries[0]}&type=AGREE"
                                       f"&sector=C&since=2019-01-01&until=2020-12-31")
    finally:
        store.close()
    print(f"\n{args.backend}, {args.events:,} events ({store.engine.dialect.name} "
          f"{'.'.join(map(str, store.engine.dialect.server_version_info or ()))})\n")
    print("| request | n | p50 ms | p95 ms | p99 ms | p95 target | met |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, n, p50, p95, p99, target in rows:
        print(f"| {name} | {n} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {target} | "
              f"{'yes' if p95 <= target else '**no**'} |")
    if args.drop and args.backend == "postgres":
        _admin(args, f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")
    return 0


def _top_countries(url: str) -> list[tuple[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT country FROM world_event_countries GROUP BY country "
            "ORDER BY count(*) DESC LIMIT 40")).all()
    engine.dispose()
    # the busiest 10 and 30 further down, so lists mix big and middling countries
    return [tuple(r) for r in rows[:10]] + [tuple(r) for r in rows[10:40]]


if __name__ == "__main__":
    sys.exit(main())
