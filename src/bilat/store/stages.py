"""The cooperation map's newest events, kept at write time: ``pair_sector_stages``.

The pair page's cooperation map shows, per sector and cooperation stage
(``vocab.stage``), the newest ``MAP_IDS`` events of the pair (by day, then id). Computed,
it ranks every sector-event of the pair in SQL (``pair_sector_events``, the stage as a
``CASE``, a window per sector and stage): 66 ms for the busiest pair of the 1M-event
store. ``pair_sector_stages`` holds just those newest events per pair, sector and
stage; the write transaction keeps it (``Staged``), so the all-time map is one short
index range.

A pair's sector-events are only ever added (an event's type, modality and day never
change once stored, and its sectors only grow), so keeping the newest is exact: the
transaction reads the kept rows of the keys it adds to, and inserts the new rows that
are among the newest ``MAP_IDS`` and deletes the kept ones they push out.

The stage of a row is ``vocab.stage`` of its event when stored; migration 0008 fills
the table with the same rule written as SQL. A change to ``vocab.STAGE_OF_TYPE`` or
``STAGE_OF_MODALITY`` needs a migration that fills it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, delete, select, tuple_
from sqlalchemy.orm import Session

from bilat.store.models import PairSectorStageRow
from bilat.vocab import stage

#: Event ids kept per pair, sector and stage: what the cooperation map shows.
MAP_IDS = 10
#: Keys per query when reading the kept rows.
CHUNK = 200
#: (country_a, country_b, sector, stage)
Key = tuple[str, str, str, str]
#: ``pair_sector_stages``' columns: the key's, then the event's day and id.
COLUMNS = ("country_a", "country_b", "sector", "stage", "day", "world_event_id")


def _chunks(items: list[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Staged:
    """The sector-events of pairs one write transaction adds; ``write`` keeps the newest
    ``MAP_IDS`` of each pair, sector and stage in ``pair_sector_stages``."""

    def __init__(self) -> None:
        #: key → the (day, world event id) added
        self._added: dict[Key, list[tuple[str, int]]] = {}

    def add(self, a: str, b: str, sector: str, type_: str, modality: str, day: str,
            world_event_id: int) -> None:
        """A new ``pair_sector_events`` row (its event's type, modality and day)."""
        st = stage(type_, modality)
        if st is not None:
            self._added.setdefault((a, b, sector, str(st)), []).append((day, world_event_id))

    def write(self, session: Session) -> None:
        """Insert the added rows that are among the newest of their key; delete the kept
        rows they push out."""
        if not self._added:
            return
        conn = session.connection()
        t = PairSectorStageRow.__table__
        keys = sorted(self._added)
        kept: dict[Key, list[tuple[str, int]]] = {}
        key_cols = tuple_(t.c.country_a, t.c.country_b, t.c.sector, t.c.stage)
        for chunk in _chunks(keys):
            for a, b, sector, st, day, wid in conn.execute(
                    select(t.c.country_a, t.c.country_b, t.c.sector, t.c.stage, t.c.day,
                           t.c.world_event_id).where(key_cols.in_(chunk))):
                kept.setdefault((a, b, sector, st), []).append((day, wid))
        inserts, deletes = [], []
        for key in keys:
            old = kept.get(key, [])
            newest = set(sorted([*old, *self._added[key]], reverse=True)[:MAP_IDS])
            inserts += [dict(zip(COLUMNS, (*key, d, i), strict=True))
                        for d, i in self._added[key] if (d, i) in newest]
            deletes += [{f"k_{c}": v for c, v in zip(COLUMNS, (*key, d, i), strict=True)}
                        for d, i in old if (d, i) not in newest]
        self._added.clear()
        if deletes:
            conn.execute(delete(t).where(*(t.c[c] == bindparam(f"k_{c}") for c in COLUMNS)),
                         deletes)
        if inserts:
            conn.execute(t.insert(), inserts)


def read(session: Session, a: str, b: str) -> list[tuple[str, str, int]]:
    """The pair's (sector, stage, world event id), by sector and stage, newest first.
    A Core query on the session's connection: the busiest pair has about 4,000 rows, and
    the ORM's handling of them took twice the query's time."""
    t = PairSectorStageRow.__table__
    return [tuple(r) for r in session.connection().execute(
        select(t.c.sector, t.c.stage, t.c.world_event_id)
        .where(t.c.country_a == a, t.c.country_b == b)
        .order_by(t.c.sector, t.c.stage, t.c.day.desc(), t.c.world_event_id.desc()))]
