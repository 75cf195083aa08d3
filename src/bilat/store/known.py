"""What one write transaction knows of the cross-article tables, read in bulk.

Cross-article resolution (``crossref``) asks, for every mention, which world entities
share a key, which keys a world entity has, which entities a world event already counts,
and adds one to a rollup row. Asked of the database one mention at a time, that was
about 96 statements per article (and an ORM flush before each query). ``Known`` answers
from memory instead:

- ``prefetch`` reads, for a whole batch of articles, the aliases of every key its
  entities have (one query per entity kind), then every alias and the row of each
  world entity found (one query each per 500 ids);
- ``prefetch_events`` reads the world events every event of the batch may be matched
  to (its type, countries and modality, a day in its window), one query per
  ``EVENT_TERMS`` lookups; ``event_candidates`` then answers from memory;
- whatever the transaction adds (aliases, world entities, world events, event members)
  is noted as it is added, so the answers stay those the database would give; the new
  world entities and events get their ids from ``ids.Blocks`` (``ids``) and may still
  be pending;
- rollup increments (``count``) are summed and written once, with one multi-row
  upsert per table, by ``write_rollups`` before the transaction commits.

A ``Known`` lives in ``session.info`` for one transaction: every write holds the store's
write lock from its first statement, so nobody else changes these tables meanwhile. Its
queries do not flush the session first: what the transaction added to what they read is
noted here before it is pending (and a row is read whole before anything is added to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bilat.store.ids import Blocks
from bilat.store.models import EntityAliasRow, EventEntityRow, WorldEntityRow, WorldEventRow

_INFO_KEY = "bilat_known"
#: Values bound per ``IN (…)`` list: well under SQLite's 32,766 and PostgreSQL's 65,535.
CHUNK = 500
#: Rows per multi-row upsert statement (each row binds about six values).
UPSERT_ROWS = 1000
#: World-event lookups OR-ed into one query (each binds five values).
EVENT_TERMS = 100
#: World events of the same type, countries and modality (``WorldEventRow.country_key``).
Group = tuple[str, str, str]


def _chunks(items: list[Any], n: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Known:
    """The entity aliases, world entities, event members and rollup increments one
    transaction has read or written (see the module's docstring)."""

    def __init__(self) -> None:
        #: (kind, key) → {(world entity id, country)} for every key looked up
        self._by_key: dict[tuple[str, str], set[tuple[int, str]]] = {}
        #: world entity id → all its aliases (kind, key, country), for entities read whole
        self._of_entity: dict[int, set[tuple[str, str, str]]] = {}
        #: world entities read or created, held here so the identity map keeps them
        self._entities: dict[int, WorldEntityRow] = {}
        #: world event id → the world entities it counts, for events read or created
        self._members: dict[int, set[int]] = {}
        #: (model, key columns' values) → [key, values of a new row, increments]
        self._rollups: dict[tuple[Any, tuple[Any, ...]], list[Any]] = {}
        #: group → its world events read or created, by id
        self._events: dict[Group, dict[int, WorldEventRow]] = {}
        #: group → the day spans (lo, hi) and months whose world events are all read
        self._event_spans: dict[Group, tuple[set[tuple[str, str]], set[str]]] = {}
        #: ids for the world entities and events this transaction creates
        self.ids = Blocks()

    # -- entity aliases and world entities ---------------------------------------------

    def prefetch(self, session: Session, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the aliases of every (kind, key) in ``wanted`` and, whole, the world
        entities they name: one query per kind (per ``CHUNK`` keys), then per
        ``CHUNK`` entities."""
        with session.no_autoflush:
            self._prefetch(session, wanted)

    def _prefetch(self, session: Session, wanted: Iterable[tuple[str, str]]) -> None:
        by_kind: dict[str, set[str]] = {}
        for kind, key in wanted:
            if (kind, key) not in self._by_key:
                by_kind.setdefault(kind, set()).add(key)
        ids: set[int] = set()
        for kind, ks in by_kind.items():
            for chunk in _chunks(sorted(ks)):
                for k in chunk:
                    self._by_key.setdefault((kind, k), set())
                for entity_id, key, country in session.execute(
                        select(EntityAliasRow.entity_id, EntityAliasRow.key,
                               EntityAliasRow.country)
                        .where(EntityAliasRow.kind == kind, EntityAliasRow.key.in_(chunk))):
                    self._by_key[(kind, key)].add((entity_id, country))
                    ids.add(entity_id)
        self._read_entities(session, ids)

    def _read_entities(self, session: Session, ids: Iterable[int]) -> None:
        todo = sorted(i for i in ids if i not in self._of_entity)
        with session.no_autoflush:
            self._read(session, todo)

    def _read(self, session: Session, todo: list[int]) -> None:
        for chunk in _chunks(todo):
            for i in chunk:
                self._of_entity[i] = set()
            for entity_id, kind, key, country in session.execute(
                    select(EntityAliasRow.entity_id, EntityAliasRow.kind, EntityAliasRow.key,
                           EntityAliasRow.country).where(EntityAliasRow.entity_id.in_(chunk))):
                self._of_entity[entity_id].add((kind, key, country))
                self._by_key.setdefault((kind, key), set()).add((entity_id, country))
            for row in session.scalars(select(WorldEntityRow)
                                       .where(WorldEntityRow.id.in_(chunk))):
                self._entities[row.id] = row

    def candidates(self, session: Session, kind: str, ks: set[str],
                   country: str | None) -> list[tuple[int, str]]:
        """(world entity id, its alias's country) for the aliases of kind ``kind`` with a
        key in ``ks`` and, if ``country``, that country or none."""
        self.prefetch(session, ((kind, k) for k in ks))
        return sorted({(i, c) for k in ks for i, c in self._by_key[(kind, k)]
                       if not country or c in ("", country)})

    def entity(self, session: Session, entity_id: int) -> WorldEntityRow | None:
        if entity_id not in self._entities:
            self._read_entities(session, [entity_id])
        return self._entities.get(entity_id)

    def keys_of(self, session: Session, entity_id: int, kind: str, country: str) -> set[str]:
        """The keys of ``entity_id``'s aliases of that kind and country."""
        self._read_entities(session, [entity_id])
        return {k for kd, k, c in self._of_entity[entity_id] if kd == kind and c == country}

    def initials_of(self, session: Session, entity_id: int) -> set[str]:
        """First letters of the stored full names of a person ("" if only a surname is
        known)."""
        self._read_entities(session, [entity_id])
        out = set()
        for _, k, _ in self._of_entity[entity_id]:
            if not k.startswith("~"):
                parts = k.split()
                out.add(parts[0][:1] if len(parts) > 1 else "")
        return out

    def created(self, row: WorldEntityRow) -> None:
        """A world entity this transaction created (it has its id; it may be pending)."""
        self._entities[row.id] = row
        self._of_entity[row.id] = set()

    def add(self, kind: str, key: str, country: str, entity_id: int) -> None:
        """An alias this transaction added."""
        self._by_key.setdefault((kind, key), set()).add((entity_id, country))
        self._of_entity.setdefault(entity_id, set()).add((kind, key, country))

    # -- world events' members ------------------------------------------------------------

    def members(self, session: Session, world_event_id: int) -> set[int]:
        """The world entities the world event counts (the live set: add to it)."""
        if world_event_id not in self._members:
            with session.no_autoflush:
                self._members[world_event_id] = set(session.scalars(
                    select(EventEntityRow.world_entity_id)
                    .where(EventEntityRow.world_event_id == world_event_id)))
        return self._members[world_event_id]

    # -- world events' candidates ---------------------------------------------------------

    def prefetch_events(self, session: Session,
                        wanted: Iterable[tuple[Group, str, str, str]]) -> None:
        """Read the world events every (group, lo, hi, month) in ``wanted`` may match:
        those of the group with a day from ``lo`` to ``hi`` or equal to ``month`` (a
        world event dated by its month only). ``EVENT_TERMS`` lookups per query."""
        terms = []
        for group, lo, hi, month in wanted:
            spans, months = self._event_spans.setdefault(group, (set(), set()))
            self._events.setdefault(group, {})
            if (lo, hi) not in spans:
                spans.add((lo, hi))
                terms.append(and_(*_in_group(group), WorldEventRow.day >= lo,
                                  WorldEventRow.day <= hi))
            if month not in months:
                months.add(month)
                terms.append(and_(*_in_group(group), WorldEventRow.day == month))
        with session.no_autoflush:
            for chunk in _chunks(terms, EVENT_TERMS):
                for row in session.scalars(select(WorldEventRow).where(or_(*chunk))):
                    self._events[(row.type, row.country_key, row.modality)][row.id] = row

    def event_candidates(self, session: Session, group: Group, lo: str, hi: str,
                         month: str, limit: int) -> list[WorldEventRow]:
        """The first ``limit`` world events by id of ``group`` with a day from ``lo`` to
        ``hi`` or equal to ``month``: what the store holds and what this transaction
        created (``created_event``)."""
        self.prefetch_events(session, [(group, lo, hi, month)])
        found = sorted((r for r in self._events[group].values()
                        if lo <= r.day <= hi or r.day == month), key=lambda r: r.id)
        return found[:limit]

    def created_event(self, row: WorldEventRow) -> None:
        """A world event this transaction created (it has its id; it counts no entity)."""
        self._events.setdefault((row.type, row.country_key, row.modality), {})[row.id] = row
        self._members[row.id] = set()

    # -- rollups ---------------------------------------------------------------------------

    def count(self, model: Any, key: dict[str, Any], **values: Any) -> None:
        """Add one to the rollup row ``key`` of ``model`` (created with ``values`` if
        new) when the transaction writes its rollups."""
        slot = self._rollups.get((model, tuple(key.values())))
        if slot is None:
            self._rollups[(model, tuple(key.values()))] = [key, values, 1]
        else:
            slot[2] += 1

    def write_rollups(self, session: Session) -> None:
        """Write the summed increments: one multi-row upsert per table (per
        ``UPSERT_ROWS`` rows), in the order the rows were first counted."""
        if not self._rollups:
            return
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        by_model: dict[Any, tuple[list[str], list[dict[str, Any]]]] = {}
        for (model, _), (key, values, n) in self._rollups.items():
            by_model.setdefault(model, (list(key), []))[1].append({**key, **values, "events": n})
        self._rollups.clear()
        for model, (key_columns, rows) in by_model.items():
            for chunk in _chunks(rows, UPSERT_ROWS):
                stmt = insert(model).values(chunk)
                session.execute(stmt.on_conflict_do_update(
                    index_elements=key_columns,
                    set_={"events": model.events + stmt.excluded.events}))


def _in_group(group: Group) -> tuple[Any, ...]:
    type_, country_key, modality = group
    return (WorldEventRow.type == type_, WorldEventRow.country_key == country_key,
            WorldEventRow.modality == modality)


@contextmanager
def kept(session: Session) -> Iterator[Known]:
    """A new ``Known`` for ``session``'s transaction, found by ``known`` until the block
    ends."""
    session.info[_INFO_KEY] = found = Known()
    try:
        yield found
    finally:
        session.info.pop(_INFO_KEY, None)


def known(session: Session) -> Known:
    """The ``Known`` of ``session``'s transaction (``kept``)."""
    return session.info[_INFO_KEY]  # type: ignore[no-any-return]
