"""``bilat.store.bulk``: rows inserted as values (PostgreSQL ``COPY``, SQLite
``executemany``) are the rows the ORM inserts, and a refused row raises what SQLAlchemy
raises, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilat.store import Store, bulk
from bilat.store.models import WorldEntityRow


def _entity(i: int) -> dict:
    # title_day has a server default; names is a JSON column: both given None
    return {"id": i, "kind": "person", "name": "A. Person", "country": None, "sector": None,
            "title": None, "title_day": None, "names": None, "n_articles": 1,
            "n_mentions": 2, "first_day": "2024-05-01", "last_day": "2024-05-02"}


def _raw(store: Store, i: int) -> tuple:
    with store.engine.connect() as conn:
        return tuple(conn.execute(text(
            "SELECT title_day, names IS NULL, country IS NULL, n_mentions "
            "FROM world_entities WHERE id = :i"), {"i": i}).one())


def test_bulk_rows_are_the_rows_the_orm_inserts(store: Store) -> None:
    with Session(store.engine) as session, session.begin():
        session.add(WorldEntityRow(**_entity(1)))
    with Session(store.engine) as session, session.begin():
        bulk.insert_rows(session.connection(), WorldEntityRow.__table__, [_entity(2)])
    # the server default for None, JSON null (not SQL NULL) for None, NULL elsewhere
    assert _raw(store, 2) == _raw(store, 1) == ("", False, True, 2)
    with Session(store.engine) as session:
        a, b = session.scalars(select(WorldEntityRow).order_by(WorldEntityRow.id))
        assert (b.title_day, b.names, b.country) == (a.title_day, a.names, a.country)


def test_bulk_duplicate_key_raises_integrity_error(store: Store) -> None:
    with pytest.raises(IntegrityError):
        with Session(store.engine) as session, session.begin():
            bulk.insert_rows(session.connection(), WorldEntityRow.__table__,
                             [_entity(1), _entity(1)])
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM world_entities")).scalar() == 0
