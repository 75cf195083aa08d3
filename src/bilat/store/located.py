"""Where a pair's events happened, counted at write time: the ``pair_places`` rollup.

The pair page's map and "where they meet" (``queries._places``, ``_meeting_places``)
count the pair's located world events per *place group*: the place (GeoNames id,
folded name, country) and the event's quad class, type, mode and parties, with the
greatest day and the greatest id of each group (the id names the location record
shown). Computed, that joins every event of the pair to its wide ``world_events`` row:
100 ms for the busiest pair of the 1M-event store. ``pair_places`` holds the same
numbers per pair and group, kept in the write transaction (``Placed``), so the page
reads one short index range.

A group's members change when a world event is created with a location, and when a
further report gives it a more specific location or a mode of higher priority (the
event then leaves one group for another). ``Placed`` notes each world event's group
as the transaction first saw it, and when the transaction ends compares it with the
group the event has now: a group that gained events only is added to (counts summed,
greatest day and id kept); a group that lost one is counted again from
``world_events`` (its greatest day or id may have left), on the index
``(location_name_key, type, country_key)`` of migration 0008, which reads only the
events of its place, type and parties (on the index of the event lookups, the busiest
pair's meetings, 13,352 events, took 40-50 ms on the 1M SQLite store). The numbers are then those of the computed
grouping (``group_columns``), which tests compare.

A key that may be missing is stored as ``NO_GEONAMES_ID`` or ``""`` (a primary key holds
no NULL); the computed grouping folds missing values the same way, and ``unfolded``
gives them back as None.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bilat.store.models import NO_GEONAMES_ID, PairPlaceRow, WorldEventRow

#: A place group as stored: (geonames_id, name_key, location_country, quad_class, type,
#: mode, country_key), missing values folded.
Group = tuple[int, str, str, str, str, str, str]
#: ``pair_places``' columns of a group, in ``Group``'s order.
GROUP_COLUMNS = ("geonames_id", "name_key", "location_country", "quad_class", "type", "mode",
                 "country_key")


def group_columns(w: Any = WorldEventRow) -> tuple[Any, ...]:
    """The SQL expressions of a world event's group, over ``w`` (``WorldEventRow`` or an
    alias of it), in ``Group``'s order."""
    return (func.coalesce(w.location_geonames_id, NO_GEONAMES_ID), w.location_name_key,
            func.coalesce(w.location_country, ""), func.coalesce(w.quad_class, ""), w.type,
            func.coalesce(w.mode, ""), w.country_key)


def group_of(w: WorldEventRow) -> Group | None:
    """The group of the world event ``w`` as it is now; None when it has no location."""
    if w.location_name_key is None:
        return None
    gid = w.location_geonames_id
    return (NO_GEONAMES_ID if gid is None else gid, w.location_name_key,
            w.location_country or "", w.quad_class or "", w.type, w.mode or "",
            w.country_key)


def unfolded(group: tuple[Any, ...]) -> tuple[Any, ...]:
    """A group (and whatever follows it in the row) with its missing values as None."""
    gid, name_key, country, quad, type_, mode, key, *rest = group
    return (None if gid == NO_GEONAMES_ID else gid, name_key, country or None, quad or None,
            type_, mode or None, key, *rest)


def pairs(country_key: str) -> list[tuple[str, str]]:
    """The unordered country pairs, ``a < b``, of a sorted ``country_key``."""
    cs = country_key.split()
    return [(a, b) for i, a in enumerate(cs) for b in cs[i + 1:]]


class Placed:
    """The world events one write transaction created or changed, each with the group it
    had when the transaction first saw it; ``write`` brings ``pair_places`` in step."""

    def __init__(self) -> None:
        #: world event id → (the row, its group when first seen; None if none or new)
        self._seen: dict[int, tuple[WorldEventRow, Group | None]] = {}

    def created(self, w: WorldEventRow) -> None:
        """A world event this transaction created (it has its id)."""
        self._seen[w.id] = (w, None)

    def changing(self, w: WorldEventRow) -> None:
        """A stored world event this transaction is about to change (its location or
        mode): call before the change."""
        if w.id not in self._seen:
            self._seen[w.id] = (w, group_of(w))

    def write(self, session: Session) -> None:
        """Add to the groups that gained events, count again those that lost one; after
        the world events are flushed."""
        if not self._seen:
            return
        gained: dict[Group, tuple[int, str, int]] = {}
        lost: set[Group] = set()
        for w, before in self._seen.values():
            after = group_of(w)
            if after == before:
                continue
            if before is not None:
                lost.add(before)
            if after is not None:
                n, day, last = gained.get(after, (0, "", 0))
                gained[after] = (n + 1, max(day, w.day), max(last, w.id))
        self._seen.clear()
        conn = session.connection()
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        table = PairPlaceRow.__table__
        added = [_row(a, b, g, *counts) for g, counts in gained.items() if g not in lost
                 for a, b in pairs(g[-1])]
        if added:
            stmt = insert(table)
            greatest = func.greatest if conn.dialect.name == "postgresql" else func.max
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[c.name for c in table.primary_key.columns],
                set_={"events": table.c.events + stmt.excluded.events,
                      "last_day": greatest(table.c.last_day, stmt.excluded.last_day),
                      "last_id": greatest(table.c.last_id, stmt.excluded.last_id)}), added)
        for g in sorted(lost):
            self._recount(conn, insert, g)

    def _recount(self, conn: Any, insert: Any, g: Group) -> None:
        """Count the group ``g`` again from ``world_events`` and store it for each pair."""
        w = WorldEventRow
        n, day, last = conn.execute(
            select(func.count(), func.max(w.day), func.max(w.id))
            .where(*(col == value for col, value in zip(group_columns(), g, strict=True)))
        ).one()
        table = PairPlaceRow.__table__
        keys = [{"country_a": a, "country_b": b, **dict(zip(GROUP_COLUMNS, g, strict=True))}
                for a, b in pairs(g[-1])]
        if not n:
            for key in keys:
                conn.execute(delete(table).where(*(table.c[c] == v for c, v in key.items())))
            return
        stmt = insert(table)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[c.name for c in table.primary_key.columns],
            set_={"events": stmt.excluded.events, "last_day": stmt.excluded.last_day,
                  "last_id": stmt.excluded.last_id}),
            [{**key, "events": n, "last_day": day, "last_id": last} for key in keys])


def _row(a: str, b: str, g: Group, n: int, day: str, last: int) -> dict[str, Any]:
    return {"country_a": a, "country_b": b, **dict(zip(GROUP_COLUMNS, g, strict=True)),
            "events": n, "last_day": day, "last_id": last}


def read(session: Session, a: str, b: str) -> list[tuple[Any, ...]]:
    """The pair's groups with their counts, greatest day and id, as
    ``queries._located`` computes them (missing values None), in ``Group``'s order."""
    p = PairPlaceRow.__table__
    rows = session.connection().execute(
        select(*(p.c[c] for c in GROUP_COLUMNS), p.c.events, p.c.last_day, p.c.last_id)
        .where(p.c.country_a == a, p.c.country_b == b)).all()
    return [unfolded(tuple(r)) for r in sorted(rows)]
