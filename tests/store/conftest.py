"""Fixtures for the store tests: every store test runs on SQLite and on PostgreSQL.

PostgreSQL: the server named by ``$BILAT_TEST_PG_URL``, by default
``postgresql+psycopg://postgres@127.0.0.1:5432/test`` (trust auth). Each test gets
a schema of its own (``bilat_test_<random>``, selected with ``search_path`` in the
URL, so ``Store`` sees an empty database) that is dropped afterwards. When the
server is unreachable the PostgreSQL tests skip with the reason, or fail when
``$CI`` is set, so CI cannot pass without them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bilat.store import Store

PG_URL = os.environ.get("BILAT_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An engine on the PostgreSQL test database, for creating and dropping schemas."""
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as e:  # any failure to connect means: no PostgreSQL here
        engine.dispose()
        reason = (f"PostgreSQL at {PG_URL} is unreachable ({str(e).splitlines()[0]}); "
                  f"start it or set BILAT_TEST_PG_URL")
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    yield engine
    engine.dispose()


def _pg_schema_url(request: pytest.FixtureRequest) -> Iterator[str]:
    admin: Engine = request.getfixturevalue("pg_admin")
    schema = f"bilat_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bilat.db'}"
    else:
        yield from _pg_schema_url(request)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()
