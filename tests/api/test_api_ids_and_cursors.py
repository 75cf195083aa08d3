"""Ids of any script and length up to the bound page and link correctly; longer ones are
set aside without costing the other articles of a request.

Issue 14 (7): the articles' cursor held the id, so a 230-character id made a cursor the
server itself refused (400) and a 10,000-character one a URL over the limit (414); an id
with a newline was not found (404) in the API and the dashboard.
Issue 14 (3): on PostgreSQL an id of ~3,000 characters could not be stored and recording
its set-aside failed too, so ``POST /api/articles`` lost the request's other articles (503).
"""

from __future__ import annotations

from urllib.parse import quote

from bilat.record import MAX_ID_CHARS, Article
from bilat.store.queries import MAX_CURSOR_CHARS

from .conftest import TOKEN
from .test_api_write import LONG, fake  # noqa: F401 - the fixture, used by name

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ODD_IDS = [
    "𝔸" * MAX_ID_CHARS,  # 4 bytes each in UTF-8, 12 characters each as a JSON escape
    "a" * MAX_ID_CHARS,
    "line one\nline two",
    "tab\there / and slash?&#",
    "plain",
]


def test_every_article_is_paged_once_with_short_cursors(client, store) -> None:
    for i, article_id in enumerate(ODD_IDS):
        assert store.save(Article(id=article_id, text=f"Article number {i} of the test.",
                                  date="2024-05-14"))
    seen, cursor = [], None
    for _ in range(len(ODD_IDS) + 1):
        params = {"limit": 1} if cursor is None else {"limit": 1, "cursor": cursor}
        resp = client.get("/api/articles", params=params)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(cursor) <= MAX_CURSOR_CHARS
    assert sorted(seen) == sorted(ODD_IDS)


def test_article_with_a_newline_in_its_id_is_found(client, store) -> None:
    for article_id in ODD_IDS:
        store.save(Article(id=article_id, text=f"The text of {article_id[:20]}."))
    for article_id in ODD_IDS:
        path = quote(article_id, safe="")
        resp = client.get(f"/api/articles/{path}")
        assert resp.status_code == 200, (article_id, resp.text)
        assert resp.json()["id"] == article_id
        page = client.get(f"/articles/{path}")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_a_foreign_or_stale_cursor_is_refused_with_a_code(client, store) -> None:
    from bilat.store.queries import encode_cursor

    store.save(Article(id="a", text="One article."))
    for cursor in (encode_cursor("articles", ("2024-05-14", "0" * 64)),
                   encode_cursor("articles", ("2024-05-14", "not a hash")),
                   encode_cursor("events", ("2024-05-14", 3))):
        resp = client.get("/api/articles", params={"cursor": cursor})
        assert resp.status_code == 400 and resp.json()["code"] == "BL-E080"


def test_post_sets_aside_an_over_long_id_and_stores_the_rest(client, fake, store) -> None:
    body = [{"id": "x" * 3000, "text": LONG}, {"id": "ok", "text": LONG + " Twice."}]
    resp = client.post("/api/articles", json=body, headers=AUTH)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["stored"] == ["ok"]
    [aside] = out["set_aside"]
    assert aside["code"] == "BL-E011" and "3,000 characters" in aside["message"]
    assert store.counts()["set_aside"] == 1


def test_post_of_a_text_whose_id_is_taken_stores_it_under_a_new_id(client, fake) -> None:
    first = client.post("/api/articles", json={"id": "same", "text": LONG}, headers=AUTH)
    assert first.json()["stored"] == ["same"]
    second = client.post("/api/articles", json={"id": "same", "text": "Another text: " + LONG},
                         headers=AUTH).json()
    [new_id] = second["stored"]
    assert new_id.startswith("same~") and second["renamed"] == {"same": new_id}
    assert client.get(f"/api/articles/{quote(new_id)}").json()["extra"]["id_given"] == "same"
