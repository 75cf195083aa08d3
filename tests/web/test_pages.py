"""The dashboard's server side: routes, escaping, feeds, highlights; no browser needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilat.web import HighlightError, parse_highlight, segments
from tests.web.conftest import HOSTILE_ID

WEB = Path(__file__).resolve().parents[2] / "src" / "bilat" / "web"
REFERENCE_ID = "azernews-azerbaijan-uzbekistan"


@pytest.fixture(scope="module")
def client(app):
    # No ``with``: the app's lifespan would close the store the browser tests still serve.
    return TestClient(app)


def test_parse_highlight_sorts_and_merges_spans():
    assert parse_highlight("134-448, 0-132,100-140") == [(0, 448)]
    assert parse_highlight("5-9,0-2") == [(0, 2), (5, 9)]
    assert parse_highlight(None) == [] and parse_highlight("") == []


@pytest.mark.parametrize("bad", ["a-b", "5", "9-5", "3-3", "-1-4", "1-2;3-4"])
def test_parse_highlight_rejects_malformed_spans(bad):
    with pytest.raises(HighlightError, match="BL-E070"):
        parse_highlight(bad)


def test_segments_marks_spans_and_clips_past_the_end():
    parts = segments("abcdefgh", [(1, 3), (6, 50)])
    assert [(p.text, p.mark) for p in parts] == [("a", None), ("bc", 1), ("def", None),
                                                  ("gh", 2)]
    assert "".join(p.text for p in segments("abc", [(10, 20)])) == "abc"


def test_article_page_marks_evidence(client):
    r = client.get(f"/articles/{REFERENCE_ID}", params={"highlight": "134-448"})
    assert r.status_code == 200
    marks = re.findall(r'<mark id="hl-(\d+)">(.*?)</mark>', r.text, re.S)
    assert len(marks) == 1 and "in a meeting with Mirziyod Yunusov" in marks[0][1]


def test_article_page_escapes_everything_from_the_article(client):
    r = client.get(f"/articles/{HOSTILE_ID}")
    assert r.status_code == 200
    assert "<script>window" not in r.text and "<img src=x" not in r.text
    assert "<svg onload" not in r.text and "<b>Evil</b>" not in r.text
    assert "&lt;script&gt;window.__bilatXss" in r.text
    assert "javascript:" not in r.text  # the article's javascript: URL is not linked
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_article_page_shows_figure_values_with_scale_words(client):
    # the sample's Kremlin meeting: "Last year it amounted to $25 billion and exceeded $12
    # billion in the first t[hree months]": people read "$25 bn", not "25000000000.0 USD"
    r = client.get("/articles/kremlin-68670")
    assert r.status_code == 200
    figures = r.text[r.text.index('id="afig-h"'):]
    assert "$25 bn" in figures and "$12 bn" in figures
    assert not re.search(r"\d{7,}|\d\.0 USD|USD \d", figures)


def test_article_page_refuses_a_bad_highlight(client):
    r = client.get(f"/articles/{REFERENCE_ID}", params={"highlight": "x-1"})
    assert r.status_code == 400 and "BL-E070" in r.text


def test_article_page_answers_404_for_an_unknown_article(client):
    assert client.get("/articles/no-such-article").status_code == 404


@pytest.mark.parametrize("path, feed", [
    ("/pairs/AZE/UZB", "/feeds/pairs/AZE/UZB.atom"),
    ("/countries/AZE", "/feeds/countries/AZE.atom"),
    ("/search?q=gas%20%26%20oil", "/feeds/search.atom?q=gas%20%26%20oil"),
])
def test_pages_link_their_atom_feed(client, path, feed):
    r = client.get(path)
    assert r.status_code == 200
    escaped = feed.replace("&", "&amp;")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" '
                     rf'href="{re.escape(escaped)}">', r.text)
    assert re.search(rf'<a class="feed-link" href="{re.escape(escaped)}"[^>]*>.*?Atom feed</a>',
                     r.text, re.S)


def test_search_page_escapes_the_query(client):
    r = client.get("/search", params={"q": '"><script>window.x=1</script>'})
    assert r.status_code == 200 and "<script>window.x" not in r.text


def test_country_codes_are_checked_and_upper_cased(client):
    assert client.get("/pairs/AZ1/UZB").status_code == 404
    assert client.get("/countries/<x>").status_code == 404
    r = client.get("/pairs/aze/uzb", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/pairs/AZE/UZB"


def test_static_files_are_served(client):
    for name in ("bilat.css", "common.js", "overview.js", "pair.js", "country.js", "search.js"):
        assert client.get(f"/static/{name}").status_code == 200


def test_assets_load_nothing_from_another_origin():
    """Offline: no CDN, no external font, no remote URL in any template or asset."""
    allowed = {"http://www.w3.org/2000/svg"}
    for path in list(WEB.glob("templates/*.html")) + list(WEB.glob("static/*")):
        for url in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", path.read_text()):
            assert url in allowed, f"{path.name} refers to {url}"


def test_scripts_never_write_html():
    """Data reaches the page as text: no innerHTML, outerHTML, insertAdjacentHTML or write."""
    for path in WEB.glob("static/*.js"):
        code = path.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{path.name} uses {sink}"
