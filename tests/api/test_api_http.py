"""HTTP details (issue 14, 9 and 13): HEAD and OPTIONS, ``Allow``, a client hanging up
mid-POST, feeds that vary by Host and link to the article page, HTML 404s for browsers.
"""

from __future__ import annotations

import asyncio
import logging
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from bilat.record import Article, Event, Evidence

from .conftest import TOKEN

ATOM = "{http://www.w3.org/2005/Atom}"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
TEXT = "Azerbaijan and Uzbekistan signed an agreement on textile cooperation in Baku."


@pytest.mark.parametrize("path", ["/", "/api/events", "/pairs/AZE/UZB", "/openapi.json",
                                  "/static/bilat.css", "/feeds/countries/AZE.atom"])
def test_head_answers_as_get_without_a_body(client, path) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_options_names_every_method_of_the_path(client) -> None:
    resp = client.options("/api/articles")
    assert resp.status_code == 204
    assert resp.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.options("/api/events").headers["allow"] == "GET, HEAD, OPTIONS"
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_method_not_allowed_names_every_allowed_method(client) -> None:
    resp = client.put("/api/articles", json={})
    assert resp.status_code == 405
    assert resp.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert resp.json()["code"] == "BL-E080"
    assert "PUT is not allowed on /api/articles" in resp.json()["detail"]


def test_a_client_hanging_up_mid_post_logs_no_traceback(app, caplog) -> None:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/articles",
             "raw_path": b"/api/articles", "query_string": b"", "root_path": "",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(b"authorization", f"Bearer {TOKEN}".encode()),
                         (b"content-type", b"application/json"),
                         (b"content-length", b"1000")]}
    incoming = [{"type": "http.request", "body": b'[{"text": "Half a bo', "more_body": True},
                {"type": "http.disconnect"}]
    sent: list[dict] = []

    async def receive() -> dict:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    with caplog.at_level(logging.DEBUG):
        asyncio.run(app(scope, receive, send))
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR], [
        r.getMessage() for r in caplog.records]
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 400


def _store_event(store) -> Article:
    article = Article(id="talks/1", text=TEXT, date="2024-05-14", title="Talks in Baku",
                      events=[Event("v1", "AGREE", actor_countries=["AZE"],
                                    recipient_countries=["UZB"], evidence=[Evidence(0, 60)])])
    assert store.save(article)
    return article


def test_feed_entries_link_to_the_article_page_and_vary_by_host(client, store) -> None:
    _store_event(store)
    resp = client.get("/feeds/pairs/AZE/UZB.atom")
    assert resp.status_code == 200
    assert resp.headers["vary"] == "Host"
    entry = ET.fromstring(resp.content).find(f"{ATOM}entry")
    assert entry is not None
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    page = links["alternate"]
    assert page.get("type") == "text/html"
    assert urlsplit(page.get("href")).path == "/articles/talks%2F1"
    assert urlsplit(page.get("href")).query == "highlight=0-60"
    assert client.get(urlsplit(page.get("href")).path + "?highlight=0-60").status_code == 200
    assert links["related"].get("type") == "application/json"


@pytest.mark.parametrize("path", ["/no/such/page", "/pairs", "/countries/AZE/extra"])
def test_a_mistyped_page_is_an_html_404_for_browsers(client, path) -> None:
    resp = client.get(path, headers=BROWSER)
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert "Page not found" in resp.text and "urn:bilat:error" not in resp.text
    # a program gets problem JSON, and so does anything under /api/
    assert client.get(path).headers["content-type"] == "application/problem+json"
    api = client.get("/api/nothing", headers=BROWSER)
    assert api.status_code == 404
    assert api.headers["content-type"] == "application/problem+json"
