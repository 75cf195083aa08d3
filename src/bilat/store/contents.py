"""What two stores are compared by: every row of every table, sorted, without the clock
columns (when a row was written) and the store's version (which counts commits). Two ways
of storing the same articles (one by one, batched, another release) must give the same."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine

from bilat.store.models import Base

CLOCK = frozenset({"ingested_at", "updated_at", "at"})


def contents(store: Engine | str) -> dict[str, list[tuple[str, ...]]]:
    """Each table's rows as tuples of ``repr`` of their values, sorted; ``store`` is an
    engine, or a database URL (opened for this and closed)."""
    engine = create_engine(store) if isinstance(store, str) else store
    try:
        out = {}
        with engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                if table.name == "store_version":
                    continue
                cols = [c for c in table.columns if c.name not in CLOCK]
                out[table.name] = sorted(tuple(repr(v) for v in r)
                                         for r in conn.execute(select(*cols)))
        return out
    finally:
        if engine is not store:
            engine.dispose()
