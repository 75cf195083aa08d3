"""The API's promises: security headers on every response, article text escaped in every
format (JSON, Atom, error pages), bounded parameters and bodies, problem JSON for every
refusal, read-only without a token."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from bilat.api.app import MAX_QUERY_CHARS, MAX_URL_CHARS
from tests.hardening.conftest import AUTH, HOSTILE, HOSTILE_ID

ATOM = "{http://www.w3.org/2005/Atom}"

#: One URL per kind of response the server gives.
RESPONSES = [
    ("/api/events?limit=2", 200, "application/json"),
    ("/api/articles", 200, "application/json"),
    ("/api/pairs/CHN/JPN", 200, "application/json"),
    ("/openapi.json", 200, "application/json"),
    ("/feeds/pairs/CHN/JPN.atom", 200, "application/atom+xml"),
    ("/", 200, "text/html"),
    ("/pairs/AZE/UZB", 200, "text/html"),
    ("/articles/" + quote(HOSTILE_ID, safe=""), 200, "text/html"),
    ("/static/bilat.css", 200, "text/css"),
    ("/docs", 200, "text/html"),
    ("/api/events?type=NOPE", 400, "application/problem+json"),
    ("/api/articles/nope", 404, "application/problem+json"),
    ("/no/such/route", 404, "application/problem+json"),
    ("/pairs/x/y", 404, "text/html"),
    ("/api/events?q=" + "a" * (MAX_URL_CHARS + 1), 414, "application/problem+json"),
]


@pytest.mark.parametrize(("url", "status", "ctype"), RESPONSES)
def test_security_headers_on_every_response(client, url, status, ctype) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith(ctype)
    h = r.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "same-origin"
    assert "camera=()" in h["permissions-policy"]
    assert h["x-frame-options"] in ("DENY", "SAMEORIGIN")
    csp = h["content-security-policy"]
    assert "frame-ancestors" in csp and "object-src 'none'" in csp or "default-src 'none'" in csp
    assert "cache-control" in h
    assert "strict-transport-security" not in h  # documented only: we serve http locally
    if ctype == "text/html" and url != "/docs":
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    if url.startswith("/api/") or status >= 400 and ctype.startswith("application/"):
        # a read is kept and revalidated by its ETag (bilat.api.cache); a refusal never
        assert h["cache-control"] == ("no-cache" if status == 200 else "no-store")
        assert ("etag" in h) == (status == 200)
        assert h["content-security-policy"].startswith("default-src 'none'")


def test_post_is_refused_without_a_token(client) -> None:
    r = client.post("/api/articles", json={"text": "Japan and China met."})
    assert r.status_code == 401 and r.json()["code"] == "BL-E082"
    r = client.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer no"})
    assert r.status_code == 403 and r.json()["code"] == "BL-E083"
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 405


def test_article_json_is_json_with_the_text_as_data(client) -> None:
    r = client.get("/api/articles/" + quote(HOSTILE_ID, safe=""))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    record = json.loads(r.text)
    assert HOSTILE in record["title"]
    # repair may space the tags apart; what matters is that they are there as text
    assert "<script>" in record["text"] and "onerror=alert(1)>" in record["text"]
    # every string came out as the JSON string it went in as
    assert record["source"] == HOSTILE and record["id"] == HOSTILE_ID


def test_atom_feed_escapes_article_text(client) -> None:
    for url in ("/feeds/pairs/CHN/JPN.atom", "/feeds/search.atom?q=" + quote(HOSTILE)):
        r = client.get(url)
        assert r.status_code == 200
        root = ET.fromstring(r.content)  # well-formed: nothing broke out of its element
        tags = {el.tag for el in root.iter()}
        assert all(t.startswith(ATOM) for t in tags), tags
        assert "script" not in {t.removeprefix(ATOM) for t in tags}
    texts = "".join(el.text or "" for el in ET.fromstring(
        client.get("/feeds/search.atom?q=" + quote("<script>")).content).iter())
    assert "<script>" in texts  # the query is text in the feed's title, not markup


def test_error_pages_escape_what_came_in(client) -> None:
    r = client.get("/pairs/" + quote("<svg onload=alert(1)>", safe="") + "/UZB")
    assert r.status_code == 404 and "<svg" not in r.text
    assert "&lt;svg onload=alert(1)&gt;" in r.text
    r = client.get("/articles/" + quote("<img src=x onerror=alert(1)>", safe=""))
    assert r.status_code == 404 and "<img src=x" not in r.text
    r = client.get("/api/articles/" + quote("<script>alert(1)</script>", safe=""))
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "BL-E081" and "<script>" in r.json()["detail"]


def test_article_page_escapes_text_title_and_url(client) -> None:
    r = client.get("/articles/" + quote(HOSTILE_ID, safe=""))
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "onerror=alert(1)>" not in r.text
    assert "javascript:" not in r.text  # the article's javascript: URL is not linked
    assert "&lt;script&gt;" in r.text


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/events?q=" + "a" * (MAX_QUERY_CHARS + 1), 400, "BL-E080"),
    ("/api/search?q=" + "a" * (MAX_QUERY_CHARS + 1), 400, "BL-E080"),
    ("/feeds/search.atom?q=" + "a" * (MAX_QUERY_CHARS + 1), 400, "BL-E080"),
    ("/api/articles?q=" + "a" * (MAX_URL_CHARS + 10), 414, "BL-E085"),
    ("/api/events?limit=100000000000000000000000000000", 400, "BL-E080"),
    ("/api/events?limit=-1", 400, "BL-E080"),
    ("/api/search?q=x&limit=101", 400, "BL-E080"),
    ("/api/network?min_events=100000000000000000000000", 400, "BL-E080"),
    ("/api/events?country=" + "A" * 101, 400, "BL-E080"),
    ("/api/events?cursor=" + "A" * 301, 400, "BL-E080"),
    ("/api/events?cursor=bm90IGEgY3Vyc29y", 400, "BL-E080"),
    ("/api/events/99999999999999999999999", 404, "BL-E081"),
    ("/api/entities/%00", 404, "BL-E081"),
    ("/api/events?q=%00%ff%fe", 200, None),
    ("/api/events?since=9999-99-99", 400, "BL-E080"),
    ("/api/pairs/" + "A" * 101 + "/UZB", 400, "BL-E080"),
])
def test_parameters_are_bounded(client, url, status, code) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text[:300]
    if code:
        body = r.json()
        assert r.headers["content-type"] == "application/problem+json"
        assert body["code"] == code and body["status"] == status and "Traceback" not in r.text


HOSTILE_BODIES = [
    (b"[" * 100_000 + b"]" * 100_000, 400, "too deeply"),
    (b'{"text": "Japan and China met.", "n": 1' + b"0" * 5000 + b"}", 400, "not JSON"),
    (b'{"text": "Japan and China met.", "n": 1e99999}', 400, "out of range"),
    (b'{"text": "Japan and China met.", "n": NaN}', 400, "not JSON"),
    (b'{"text": "\xff\xfe not utf-8"}', 400, "not JSON"),
    (b'{"text": "x"}' + b" " * 300_000, 413, "limit"),
    (b'[' + b','.join([b'{"text": "t"}'] * 101) + b']', 400, "over the limit"),
]


@pytest.mark.parametrize(("body", "status", "words"), HOSTILE_BODIES)
def test_hostile_post_bodies_are_refused_with_problem_json(client, body, status, words) -> None:
    r = client.post("/api/articles", content=body,
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"] == "application/problem+json"
    assert words in r.json()["detail"]


def test_post_with_nul_and_surrogates_is_accounted_for(client) -> None:
    body = [
        {"id": "nul-1", "text": "Japan and China held talks.\u0000 They agreed on trade."},
        {"id": "sur-1", "text": "Japan and China held talks \ud800 on trade."},
        {"id": "script-1", "title": "<script>alert(1)</script>",
         "text": "Japan and China held talks in Tokyo on trade and investment."},
    ]
    r = client.post("/api/articles", content=json.dumps(body).encode(),
                    headers={**AUTH, "content-type": "application/json"})
    assert r.status_code in (200, 201), r.text[:300]
    out = r.json()
    accounted = set(out["stored"]) | set(out["duplicates"]) | {s["id"] for s in out["set_aside"]}
    assert accounted == {"nul-1", "sur-1", "script-1"}
    assert all(s["code"].startswith("BL-E") for s in out["set_aside"])
    stored = client.get("/api/articles/script-1").json()
    assert stored["title"] == "<script>alert(1)</script>"  # kept as data, escaped on output
