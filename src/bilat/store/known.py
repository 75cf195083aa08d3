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
- ``prefetch_observations`` reads the figure observations a batch's figures may be
  filed under, or be measured against, or be the base of (``bilat.store.series``);
  ``observations`` and ``based_on`` then answer from memory;
- rows that are only ever inserted (links, aliases, members, index rows: ``insert``)
  are kept as plain values and written by ``finish``, one ``executemany`` per table,
  after the world entities, events and observations they point at;
- rollup increments (``count``) are summed and written once, with one multi-row
  upsert per table, by ``finish`` before the transaction commits.

A ``Known`` lives in ``session.info`` for one transaction: every write holds the store's
write lock from its first statement, so nobody else changes these tables meanwhile. Its
queries do not flush the session first: what the transaction added to what they read is
noted here before it is pending (and a row is read whole before anything is added to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from sqlalchemy import bindparam, inspect, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bilat.store import bulk
from bilat.store.among import among
from bilat.store.ids import Blocks
from bilat.store.located import Placed
from bilat.store.models import (
    EntityAliasRow,
    EventEntityRow,
    FigureObservationRow,
    WorldEntityRow,
    WorldEventRow,
)
from bilat.store.stages import Staged

_INFO_KEY = "bilat_known"
#: Values bound per ``IN (…)`` list: well under SQLite's 32,766 and PostgreSQL's 65,535.
CHUNK = 500
#: The cross-article rows a transaction creates with ids from ``Blocks`` and changes
#: in memory until ``finish`` inserts them.
_WORLD_ROWS = (WorldEntityRow, WorldEventRow, FigureObservationRow)
#: World-event lookups per query (each binds six values).
EVENT_TERMS = 100
#: World events of the same type, countries and modality (``WorldEventRow.country_key``).
Group = tuple[str, str, str]
#: Figure observations of one series and period key, whatever their unit:
#: (metric, label, country_key, direction, kind, period_key).
ObsKey = tuple[str, str, str, str, str, str]
#: A series whatever its kind and unit, and a period key: (metric, label, country_key,
#: direction, period_key); the observations measured against a period are found by it.
BaseKey = tuple[str, str, str, str, str]


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
        #: figure observations read or created, by id
        self._observations: dict[int, FigureObservationRow] = {}
        #: ObsKey → the observations read or created with it, by id
        self._by_obs_key: dict[ObsKey, dict[int, FigureObservationRow]] = {}
        #: BaseKey (with the base's period key) → the observations measured against it
        self._by_base_key: dict[BaseKey, dict[int, FigureObservationRow]] = {}
        #: (metric, country_key, period key) whose observations (by period or base) are read
        self._obs_read: set[tuple[str, str, str]] = set()
        #: observation id → the base observation id it is given (written by ``finish``)
        self._bases: dict[int, int] = {}
        #: table → rows to insert, in the order they were made
        self._inserts: dict[Any, list[dict[str, Any]]] = {}
        #: ids for the world entities and events this transaction creates
        self.ids = Blocks()
        #: the world events whose place group may change (``pair_places``)
        self.places = Placed()
        #: the pairs' new sector-events, for the cooperation map (``pair_sector_stages``)
        self.stages = Staged()

    # -- entity aliases and world entities ---------------------------------------------

    def prefetch(self, session: Session, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the aliases of every (kind, key) in ``wanted`` and, whole, the world
        entities they name: one query per kind, then one for the entities (``among``:
        on SQLite one per ``CHUNK`` values)."""
        by_kind: dict[str, set[str]] = {}
        for kind, key in wanted:
            if (kind, key) not in self._by_key:
                by_kind.setdefault(kind, set()).add(key)
        if by_kind:
            with session.no_autoflush:
                self._prefetch(session, by_kind)

    def _prefetch(self, session: Session, by_kind: dict[str, set[str]]) -> None:
        ids: set[int] = set()
        for kind, ks in by_kind.items():
            for k in ks:
                self._by_key.setdefault((kind, k), set())
            for cond in among(session, EntityAliasRow.key, sorted(ks)):
                for entity_id, key, country in session.execute(
                        select(EntityAliasRow.entity_id, EntityAliasRow.key,
                               EntityAliasRow.country)
                        .where(EntityAliasRow.kind == kind, cond)):
                    self._by_key[(kind, key)].add((entity_id, country))
                    ids.add(entity_id)
        self._read_entities(session, ids)

    def _read_entities(self, session: Session, ids: Iterable[int]) -> None:
        todo = sorted(i for i in ids if i not in self._of_entity)
        if todo:
            with session.no_autoflush:
                self._read(session, todo)

    def _read(self, session: Session, todo: list[int]) -> None:
        for i in todo:
            self._of_entity[i] = set()
        for cond in among(session, EntityAliasRow.entity_id, todo):
            for entity_id, kind, key, country in session.execute(
                    select(EntityAliasRow.entity_id, EntityAliasRow.kind, EntityAliasRow.key,
                           EntityAliasRow.country).where(cond)):
                self._of_entity[entity_id].add((kind, key, country))
                self._by_key.setdefault((kind, key), set()).add((entity_id, country))
        for cond in among(session, WorldEntityRow.id, todo):
            for row in session.scalars(select(WorldEntityRow).where(cond)):
                self._entities[row.id] = row

    def candidates(self, session: Session, kind: str, ks: set[str],
                   country: str | None) -> list[tuple[int, str]]:
        """(world entity id, its alias's country) for the aliases of kind ``kind`` with a
        key in ``ks`` and, if ``country``, that country or none."""
        if any((kind, k) not in self._by_key for k in ks):
            self.prefetch(session, ((kind, k) for k in ks))
        return sorted({(i, c) for k in ks for i, c in self._by_key[(kind, k)]
                       if not country or c in ("", country)})

    def entity(self, session: Session, entity_id: int) -> WorldEntityRow | None:
        if entity_id not in self._entities:
            self._read_entities(session, [entity_id])
        return self._entities.get(entity_id)

    def keys_of(self, session: Session, entity_id: int, kind: str, country: str) -> set[str]:
        """The keys of ``entity_id``'s aliases of that kind and country."""
        if entity_id not in self._of_entity:
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
        world event dated by its month only). ``EVENT_TERMS`` lookups per query, each a
        row of values the table is joined with (``_events_matching``)."""
        terms = []
        for group, lo, hi, month in wanted:
            spans, months = self._event_spans.setdefault(group, (set(), set()))
            self._events.setdefault(group, {})
            if (lo, hi) not in spans or month not in months:
                spans.add((lo, hi))
                months.add(month)
                terms.append((*group, lo, hi, month))
        if not terms:
            return
        with session.no_autoflush:
            for chunk in _chunks(terms, EVENT_TERMS):
                params = {f"{name}{i}": value for i, term in enumerate(chunk)
                          for name, value in zip(_TERM_NAMES, term, strict=True)}
                stmt = select(WorldEventRow).from_statement(_events_matching(len(chunk)))
                for row in session.scalars(stmt, params):
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
        self.places.created(row)

    # -- figure observations ---------------------------------------------------------------

    def prefetch_observations(self, session: Session,
                              wanted: Iterable[tuple[str, str, str]]) -> None:
        """Read every observation of a (metric, country_key, period key) in ``wanted``
        whose own period or base period has that key: one query per ``CHUNK``
        metrics, country keys and period keys (what it reads beyond is kept too, and
        harmless: lookups filter)."""
        todo = sorted(set(wanted) - self._obs_read)
        if not todo:
            return
        self._obs_read.update(todo)
        o = FigureObservationRow
        metrics = sorted({m for m, _, _ in todo})
        with session.no_autoflush:
            for countries in _chunks(sorted({c for _, c, _ in todo})):
                for keys in _chunks(sorted({k for _, _, k in todo})):
                    for row in session.scalars(select(o).where(
                            o.metric.in_(metrics), o.country_key.in_(countries),
                            or_(o.period_key.in_(keys), o.base_key.in_(keys)))):
                        if row.id not in self._observations:
                            self._note_observation(row)

    def _note_observation(self, row: FigureObservationRow) -> None:
        self._observations[row.id] = row
        self._by_obs_key.setdefault(_obs_key(row, row.kind, row.period_key), {})[row.id] = row
        if row.base_key is not None:
            self.based_on_key(row)

    def observations(self, session: Session, key: ObsKey) -> list[FigureObservationRow]:
        """The observations of ``key`` (any unit), by id: stored and created here."""
        metric, _, country_key, _, _, period_key = key
        self.prefetch_observations(session, [(metric, country_key, period_key)])
        found = self._by_obs_key.get(key, {})
        return [found[i] for i in sorted(found)]

    def based_on(self, session: Session, key: BaseKey) -> list[FigureObservationRow]:
        """The observations of the series ``key[:4]`` measured against the period
        ``key[4]``, by id."""
        metric, _, country_key, _, period_key = key
        self.prefetch_observations(session, [(metric, country_key, period_key)])
        found = self._by_base_key.get(key, {})
        return [found[i] for i in sorted(found)]

    def created_observation(self, row: FigureObservationRow) -> None:
        """An observation this transaction created (it has its id; it may be pending)."""
        self._note_observation(row)

    def based_on_key(self, row: FigureObservationRow) -> None:
        """``row``'s base period (``base_key``) is set: find it by it."""
        assert row.base_key is not None
        self._by_base_key.setdefault(_obs_key(row, row.base_key), {})[row.id] = row

    def base_id(self, row: FigureObservationRow) -> int | None:
        """``row.base_id`` as this transaction leaves it."""
        return self._bases.get(row.id, row.base_id)

    def set_base(self, row: FigureObservationRow, base_id: int) -> None:
        """Give ``row`` its base observation. Written by ``finish``, after the flush: the
        base may be a new observation inserted after ``row``, or ``row`` updated before
        the base is inserted."""
        self._bases[row.id] = base_id

    # -- rows only inserted ------------------------------------------------------------------

    def insert(self, model: Any, **values: Any) -> None:
        """A row of ``model`` to insert when the transaction ``finish``es."""
        self._inserts.setdefault(model.__table__, []).append(values)

    # -- the end of the transaction's resolution ---------------------------------------------

    def finish(self, session: Session) -> None:
        """Write what is kept: give back the unused ids; insert the new world entities,
        events and observations as they are now (``bulk``: they have their ids and
        nothing points at them yet), then flush what changed in those read; insert the
        rows kept by ``insert``, the observations' bases and the rollups (``pair_places``
        and ``pair_sector_stages`` too: ``located.Placed``, ``stages.Staged``)."""
        self.ids.give_back(session)
        conn = session.connection()
        new: dict[Any, list[Any]] = {}
        for obj in session.new:
            if isinstance(obj, _WORLD_ROWS):
                new.setdefault(type(obj), []).append(obj)
        for model in _WORLD_ROWS:
            rows = sorted(new.get(model, ()), key=lambda r: r.id)
            columns = [(p.key, p.columns[0].name) for p in inspect(model).column_attrs]
            bulk.insert_rows(conn, model.__table__,
                             [{name: getattr(r, key) for key, name in columns} for r in rows])
            for r in rows:
                session.expunge(r)
        session.flush()
        for table, rows in self._inserts.items():
            bulk.insert_rows(conn, table, rows)
        self._inserts.clear()
        if self._bases:
            o = FigureObservationRow.__table__
            conn.execute(update(o).where(o.c.id == bindparam("oid"))
                         .values(base_id=bindparam("bid")),
                         [{"oid": i, "bid": b} for i, b in self._bases.items()])
            self._bases.clear()
        self.write_rollups(session)
        self.places.write(session)
        self.stages.write(session)

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
        """Write the summed increments: one upsert per table, ``executemany`` over its
        rows in the order they were first counted."""
        if not self._rollups:
            return
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        by_model: dict[Any, tuple[list[str], list[dict[str, Any]]]] = {}
        for (model, _), (key, values, n) in self._rollups.items():
            by_model.setdefault(model, (list(key), []))[1].append({**key, **values, "events": n})
        self._rollups.clear()
        conn = session.connection()
        for model, (key_columns, rows) in by_model.items():
            table = model.__table__
            stmt = insert(table)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=key_columns,
                set_={"events": table.c.events + stmt.excluded.events}), rows)


def _obs_key(row: FigureObservationRow, *rest: str) -> Any:
    return (row.metric, row.label, row.country_key, row.direction, *rest)


#: A world-event lookup's values: type, country key, modality, first and last day, month.
_TERM_NAMES = ("t", "c", "m", "lo", "hi", "mo")


@cache
def _events_matching(n: int) -> Any:
    """The world events matching any of ``n`` lookups (parameters ``t0 … mo{n-1}``):
    the table joined with the lookups as rows, ``UNION ALL`` of one-row ``SELECT``s (the
    same SQL on both backends; parameters only, so built once per ``n``)."""
    table = WorldEventRow.__table__
    lookups = " UNION ALL ".join(
        "SELECT " + ", ".join(f":{name}{i} AS {name}" for name in _TERM_NAMES)
        for i in range(n))
    columns = ", ".join(f"w.{c.name}" for c in table.columns)
    sql = (f"SELECT {columns} FROM {table.name} AS w JOIN ({lookups}) AS v "
           f"ON w.type = v.t AND w.country_key = v.c AND w.modality = v.m "
           f"AND (w.day >= v.lo AND w.day <= v.hi OR w.day = v.mo)")
    return text(sql).columns(*table.columns)


@contextmanager
def kept(session: Session) -> Iterator[Known]:
    """A new ``Known`` for ``session``'s transaction, found by ``known`` until the block
    ends, which ``finish``es it. Inside another ``kept`` block: that block's ``Known``
    (which its block finishes)."""
    if _INFO_KEY in session.info:
        yield session.info[_INFO_KEY]
        return
    session.info[_INFO_KEY] = found = Known()
    try:
        yield found
        found.finish(session)
    finally:
        session.info.pop(_INFO_KEY, None)


def known(session: Session) -> Known:
    """The ``Known`` of ``session``'s transaction (``kept``)."""
    return session.info[_INFO_KEY]  # type: ignore[no-any-return]
