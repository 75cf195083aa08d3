"""Fixtures for the hardening tests: a small SQLite store loaded from data/sample/ (plus
one hostile article), and the API over it.

The store is built once per session with the session's pipeline, so the API tests,
the schemathesis run and the escaping tests share one load (a few seconds).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilat.api import create_app
from bilat.config import Settings
from bilat.record import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
TOKEN = "hardening-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

#: Markup and XML breakers that must come back out as text, never as markup.
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> ]]> & "\' </title>'
HOSTILE_ID = "hostile-<b>id</b>"
HOSTILE_TEXT = (
    "Japan and China signed an agreement on trade in Tokyo on Monday. "
    f"{HOSTILE} The two countries agreed to expand cooperation in energy. "
    "Japanese Prime Minister met Chinese President Xi Jinping in Beijing.\n\n"
    f"Officials said {HOSTILE} trade between Japan and China grew by 5 percent."
)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, pipeline) -> str:
    from bilat.pipeline import read
    from bilat.record import SetAside
    from bilat.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('hardening') / 'sample.db'}"
    hostile = Article(id=HOSTILE_ID, text=HOSTILE_TEXT, title=f"Talks {HOSTILE}",
                      date="2022-06-13", source=HOSTILE, url="javascript:alert(1)")
    with Store(url) as store:
        items = list(pipeline.process_many([*read([str(SAMPLE)]), hostile]))
        for item in items:
            if isinstance(item, SetAside):
                store.set_aside(item)
            else:
                store.add(item)
    return url


@pytest.fixture(scope="session")
def sample_app(sample_db: str):
    app = create_app(sample_db, Settings(api_token=TOKEN, api_max_body=200_000))
    yield app
    app.state.store.close()


@pytest.fixture
def client(sample_app) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a 500 must show as the response the user gets.
    # Not a context manager: the lifespan would close the session's store.
    yield TestClient(sample_app, raise_server_exceptions=False)
