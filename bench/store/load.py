"""Bulk-load generated rows into a fresh store: COPY on PostgreSQL, executemany on SQLite.

The schema comes from the store's own migrations (``Store(url)`` migrates a new
database to head). The pair rollups (``pair_months``, ``pair_entities``,
``pair_sector_events``, ``pair_places``, ``pair_sector_stages``), which ``crossref``
keeps at save time, are filled from the loaded link tables with the backfill SQL of
migrations 0003 and 0008, and on PostgreSQL the narrow search tables, which triggers
keep (off during the load), with that of 0007. Secondary indexes are dropped for the load and rebuilt after it,
foreign keys are not checked row by row (the generator writes consistent ids, and
``validate.py`` checks them), then statistics are gathered (``ANALYZE``; on
PostgreSQL ``VACUUM ANALYZE``, which also sets the visibility map that index-only
scans need) and PostgreSQL's id sequences are moved past the loaded ids, so later
``Store.add`` calls work on the generated store.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

import bilat.store
from bilat.store import Store

logger = logging.getLogger("bench.store.load")

#: SQLite rows per transaction.
SQLITE_TX_ROWS = 500_000
SQLITE_TS = "2025-01-02 03:04:05.000000"
PG_TS = "2025-01-02 03:04:05+00"
#: Tables with an auto-incrementing ``id`` (their sequences are set after a PG load).
ID_TABLES = ("entities", "events", "figures", "relations", "set_aside", "world_entities",
             "figure_observations",
             "world_events")


#: The migrations whose backfill SQL fills the rollups from the loaded tables.
ROLLUP_MIGRATIONS = ("0003_pair_rollups.py", "0008_pair_page_rollups.py")
#: On PostgreSQL also the narrow search tables, which triggers fill on ``Store.add`` and
#: which the load, copying with triggers off, fills from the loaded rows.
PG_MIGRATIONS = ("0007_narrow_search.py", *ROLLUP_MIGRATIONS)


def _rollups(names: tuple[str, ...] = ROLLUP_MIGRATIONS) -> tuple[str, ...]:
    """The SQL that fills the pair rollups from the link tables (the ``BACKFILL`` of
    ``names``, in order)."""
    import importlib.util

    out: list[str] = []
    for name in names:
        path = Path(bilat.store.__file__).parent / "migrations" / "versions" / name
        spec = importlib.util.spec_from_file_location(f"bilat_migration_{name[:4]}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out += module.BACKFILL
    return tuple(out)


def is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def pg_conninfo(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


def load(url: str, generator: Any) -> dict[str, int]:
    """Empty the store at ``url``, load ``generator``'s rows; rows per table."""
    t0 = time.perf_counter()
    pg = is_postgres(url)
    generator.ingested = PG_TS if pg else SQLITE_TS
    if pg:
        _pg_reset(url)
    else:
        path = Path(make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    Store(url).close()  # the migrations create the schema
    counts = (_pg_load if pg else _sqlite_load)(url, generator)
    logger.info("loaded %s rows in %.0f s", f"{sum(counts.values()):,}", time.perf_counter() - t0)
    return counts


# -- PostgreSQL ------------------------------------------------------------------------


def _pg_reset(url: str) -> None:
    import psycopg

    name = make_url(url).database or ""
    if not name.startswith("bilat_bench"):
        raise SystemExit(f"refusing to empty database {name!r}: the benchmark only loads "
                         f"into databases named bilat_bench*")
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _pg_load(url: str, generator: Any) -> dict[str, int]:
    import psycopg

    counts: dict[str, int] = {}
    with psycopg.connect(pg_conninfo(url)) as conn:
        indexes = conn.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)").fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute("SET session_replication_role = replica")  # no FK triggers
        t = time.perf_counter()
        cur = conn.cursor()
        from bench.store.generate import TABLES

        for table, rows in generator.rows():
            cols = ", ".join(f'"{c}"' for c in TABLES[table])
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            counts[table] = counts.get(table, 0) + len(rows)
        for sql in _rollups(PG_MIGRATIONS):
            conn.execute(sql)
        conn.commit()
        logger.info("copied and rolled up in %.0f s; rebuilding %d indexes",
                    time.perf_counter() - t, len(indexes))
        t = time.perf_counter()
        conn.execute("SET maintenance_work_mem = '1GB'")
        for _, ddl in indexes:
            conn.execute(ddl)
        for table in ID_TABLES:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)")
        conn.commit()
        logger.info("indexes in %.0f s", time.perf_counter() - t)
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn:
        t = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        logger.info("VACUUM ANALYZE in %.0f s", time.perf_counter() - t)
    return counts


# -- SQLite ----------------------------------------------------------------------------


def _sqlite_load(url: str, generator: Any) -> dict[str, int]:
    from bench.store.generate import TABLES

    conn = sqlite3.connect(make_url(url).database or "", isolation_level=None)
    counts: dict[str, int] = {}
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA cache_size = -1000000")
        indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                               "AND sql IS NOT NULL").fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        t = time.perf_counter()
        conn.execute("BEGIN")
        in_tx = 0
        for table, rows in generator.rows():
            cols = TABLES[table]
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                             f"({', '.join('?' * len(cols))})", rows)
            counts[table] = counts.get(table, 0) + len(rows)
            in_tx += len(rows)
            if in_tx >= SQLITE_TX_ROWS:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                in_tx = 0
        for sql in _rollups():
            conn.execute(sql)
        conn.execute("COMMIT")
        logger.info("inserted and rolled up in %.0f s; rebuilding %d indexes",
                    time.perf_counter() - t, len(indexes))
        t = time.perf_counter()
        for _, ddl in indexes:
            conn.execute(ddl)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA journal_mode = WAL")
        logger.info("indexes and ANALYZE in %.0f s", time.perf_counter() - t)
    finally:
        conn.close()
    return counts
