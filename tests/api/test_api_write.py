"""POST /api/articles: bearer token, body limits, pipeline, duplicates."""

from __future__ import annotations

import pytest

from bilat.api import app as api_app
from bilat.config import Settings
from bilat.record import Article, SetAside

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LONG = ("Kazakhstan and Uzbekistan signed an agreement on water sharing in Astana on Monday, "
        "officials said, adding that the accord covers the Syr Darya basin and will be "
        "reviewed every five years by a joint commission of both governments.")


class FakePipeline:
    """Stands in for the NLP pipeline: articles pass through, an EMPTY text is set aside."""

    def process_many(self, items):
        for item in items:
            if isinstance(item, Article) and item.text.strip() == "EMPTY":
                yield SetAside(item.id, "BL-E040", "[BL-E040] nothing to extract", item.id)
            else:
                yield item


@pytest.fixture
def fake(app):
    app.state.pipeline_factory = FakePipeline
    return app


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "BL-E082"),
    ({"Authorization": "Basic abc"}, 401, "BL-E082"),
    ({"Authorization": "Bearer wrong"}, 403, "BL-E083"),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403, "BL-E083"),
])
def test_post_needs_the_token(client, fake, headers, status, code) -> None:
    resp = client.post("/api/articles", json={"text": LONG}, headers=headers)
    assert resp.status_code == status
    assert resp.json()["code"] == code
    assert resp.headers["content-type"] == "application/problem+json"
    if status == 401:
        assert resp.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/articles").json()["items"] == []


def test_token_is_compared_in_constant_time(client, fake, monkeypatch) -> None:
    calls = []
    real = api_app.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api_app.hmac, "compare_digest", spy)
    client.post("/api/articles", json={"text": LONG}, headers={"Authorization": "Bearer x"})
    assert calls == [(b"x", TOKEN.encode())]


def test_post_refused_when_no_token_is_configured(db_url) -> None:
    from fastapi.testclient import TestClient

    from bilat.api import create_app

    app = create_app(db_url, Settings(api_token=None))
    try:
        resp = TestClient(app).post("/api/articles", json={"text": LONG}, headers=AUTH)
        assert resp.status_code == 403 and "disabled" in resp.json()["detail"]
    finally:
        app.state.store.close()


def test_post_stores_articles_and_reports_duplicates(client, fake) -> None:
    body = [{"id": "w1", "title": "Water", "date": "2024-03-04", "text": LONG},
            {"id": "w2", "text": LONG + " Corrected."},
            {"id": "w3", "text": "EMPTY"}]
    resp = client.post("/api/articles", json=body, headers=AUTH)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["stored"] == ["w1", "w2"]
    assert out["duplicates"] == ["w2"] and out["duplicate_of"] == {"w2": "w1"}
    assert [s["id"] for s in out["set_aside"]] == ["w3"]
    again = client.post("/api/articles", json=body[0], headers=AUTH)
    assert again.status_code == 200
    assert again.json()["stored"] == [] and again.json()["duplicates"] == ["w1"]
    listed = {a["id"]: a["duplicate_of"] for a in client.get("/api/articles").json()["items"]}
    assert listed == {"w1": None, "w2": "w1"}


@pytest.mark.parametrize(("body", "words"), [
    (b"not json", "not JSON"),
    (b"[]", "empty list"),
    (b'{"title": "no text"}', "has no text"),
    (b'[1, 2]', "not an object"),
])
def test_post_bad_body_is_problem_json(client, fake, body, words) -> None:
    resp = client.post("/api/articles", content=body, headers={**AUTH,
                                                               "Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json()["code"] == "BL-E080" and words in resp.json()["detail"]


def test_post_body_size_is_limited(client, fake) -> None:
    resp = client.post("/api/articles", json={"text": "x" * 30_000}, headers=AUTH)
    assert resp.status_code == 413 and resp.json()["code"] == "BL-E084"


def test_reads_need_no_token(client) -> None:
    assert client.get("/api/events").status_code == 200
