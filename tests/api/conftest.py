"""Fixtures for the API tests: an app over an empty store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bilat.api import create_app
from bilat.config import Settings
from tests.store.conftest import db_url, pg_admin  # noqa: F401 - the same two backends

TOKEN = "s3cret-token"


@pytest.fixture
def app(db_url: str):  # noqa: F811
    application = create_app(db_url, Settings(api_token=TOKEN, api_max_body=20_000))
    yield application
    application.state.store.close()


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    yield TestClient(app)


@pytest.fixture
def store(app):
    return app.state.store
