"""The read endpoints: lists with filters and keyset pages, the aggregate pages, feeds,
and problem JSON for bad input."""

from __future__ import annotations

import feedparser
import pytest

from bilat.record import Figure
from tests.store._articles import span
from tests.store._reports import ev, org, person, report

T1 = ("Azerbaijan's Deputy Minister Samad Bashirli met Uzbek officials in Baku. They signed "
      "a memorandum on the textile industry.")
T2 = "Russia banned Turkish tomatoes. Trade turnover between Azerbaijan and Uzbekistan grew."
T3 = "Uzbekistan and Azerbaijan plan an agreement on solar power plants."


def _fill(store) -> None:
    store.save(report("a1", T1, "2024-05-14",
                      ev("v1", "CONSULT", ["AZE"], ["UZB"], T1, "Samad Bashirli met Uzbek",
                         sectors=["C13"], people=["e1"]),
                      ev("v2", "SUPPORT", ["AZE"], ["UZB"], T1, "signed a memorandum",
                         sectors=["C13"], people=["e2"]),
                      entities=[person("e1", "Samad Bashirli", "AZE", T1, "Deputy Minister"),
                                org("e2", "Uzeltexsanoat", "UZB")],
                      title="Baku talks"))
    store.save(report("a2", T2, "2024-06-02",
                      ev("v1", "SANCTION", ["RUS"], ["TUR"], T2, "Russia banned",
                         sectors=["A01"]),
                      figures=[Figure("trade_turnover", ["AZE", "UZB"], change="increase",
                                      evidence=span(T2, "Trade turnover"))],
                      title="Tomato ban"))
    store.save(report("a3", T3, "2024-07-01",
                      ev("v1", "AGREE", ["UZB"], ["AZE"], T3, "plan an agreement",
                         sectors=["D35"], modality="future"), title="Solar plans"))


@pytest.fixture
def filled(store):
    _fill(store)
    return store


def ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [item["id"] for item in resp.json()["items"]]


def test_openapi_lists_every_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/entities",
              "/api/entities/{entity_id}", "/api/events", "/api/events/{event_id}",
              "/api/figures", "/api/pairs/{a}/{b}", "/api/countries/{country}", "/api/network",
              "/api/search", "/feeds/pairs/{a}/{b}.atom", "/feeds/countries/{country}.atom",
              "/feeds/search.atom"):
        assert p in paths


def test_articles_list_and_detail(client, filled) -> None:
    r = client.get("/api/articles")
    assert [a["id"] for a in r.json()["items"]] == ["a3", "a2", "a1"]
    assert r.json()["items"][0] == {"id": "a3", "title": "Solar plans", "date": "2024-07-01",
                                    "source": "test", "url": None, "duplicate_of": None}
    assert ids(client.get("/api/articles?pair=AZE,UZB&since=2024-06")) == ["a3"]
    assert ids(client.get("/api/articles?q=tomatoes")) == ["a2"]
    detail = client.get("/api/articles/a1").json()
    assert detail["duplicate_of"] is None and len(detail["events"]) == 2
    assert client.get("/api/articles/nope").json()["code"] == "BL-E081"


def test_events_filters(client, filled) -> None:
    def types(query: str) -> list[str]:
        resp = client.get("/api/events" + query)
        assert resp.status_code == 200, resp.text
        return [e["type"] for e in resp.json()["items"]]

    assert types("") == ["AGREE", "SANCTION", "SUPPORT", "CONSULT"]
    assert types("?pair=UZB,AZE") == ["AGREE", "SUPPORT", "CONSULT"]
    assert types("?country=tur") == ["SANCTION"]
    assert types("?type=consult") == ["CONSULT"]
    assert types("?sector=C") == ["SUPPORT", "CONSULT"]          # section matches divisions
    assert types("?sector=D35&pair=AZE,UZB") == ["AGREE"]
    assert types("?modality=future") == ["AGREE"]
    assert types("?since=2024-06&until=2024-06") == ["SANCTION"]
    assert types("?until=2024-05-14") == ["SUPPORT", "CONSULT"]
    assert types("?q=MEMORANDUM") == ["SUPPORT"]
    assert types("?country=AZE&type=SUPPORT&sector=C13&q=signed%20memorandums") == ["SUPPORT"]
    event = client.get("/api/events?type=CONSULT").json()["items"][0]
    assert event["quad_class"] == "verbal_cooperation"
    assert event["mentions"][0]["evidence"][0]["text"] == "Samad Bashirli met Uzbek"
    assert event["mentions"][0]["article_title"] == "Baku talks"
    assert client.get(f"/api/events/{event['id']}").json()["id"] == event["id"]
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events/abc").json()["code"] == "BL-E081"


def test_events_pages_walk_every_event_once(client, store) -> None:
    import datetime as dt

    for i in range(23):
        # three events a day (different types, so never merged): the id breaks ties
        day = (dt.date(2024, 1, 1) + dt.timedelta(days=5 * (i // 3))).isoformat()
        text = f"Report {i}: Kazakhstan and Kyrgyzstan met."
        store.save(report(f"k{i:02d}", text, day, ev(
            "v1", ["CONSULT", "AGREE", "SUPPORT"][i % 3], ["KAZ"], ["KGZ"], text, text)))
    for query, n in (("", 23), ("pair=KAZ,KGZ&", 23), ("country=KGZ&", 23),
                     ("type=CONSULT&", 8), ("pair=KGZ,KAZ&type=AGREE&", 8)):
        seen: list[str] = []
        cursor = None
        while True:
            url = f"/api/events?{query}limit=4" + (f"&cursor={cursor}" if cursor else "")
            body = client.get(url).json()
            assert len(body["items"]) <= 4
            seen += [e["id"] for e in body["items"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        full = [e["id"] for e in client.get(f"/api/events?{query}limit=500").json()["items"]]
        assert seen == full
        assert len(set(seen)) == len(seen) == n


def test_pages_of_articles_and_entities(client, store) -> None:
    for i in range(7):
        text = f"Item {i}: Armenia and Georgia talked."
        store.save(report(f"g{i}", text, f"2024-01-{10 + i}",
                          entities=[org("e1", f"Company {i}", "ARM")]))
    for path in ("/api/articles", "/api/entities"):
        seen, cursor = [], None
        while True:
            body = client.get(f"{path}?limit=3" + (f"&cursor={cursor}" if cursor else "")).json()
            seen += [x["id"] for x in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) == 7


def test_entities(client, filled) -> None:
    items = client.get("/api/entities?kind=person").json()["items"]
    assert [(e["name"], e["country"], e["title"], e["articles"]) for e in items] == [
        ("Samad Bashirli", "AZE", "Deputy Minister", 1)]
    detail = client.get(f"/api/entities/{items[0]['id']}").json()
    assert [e["type"] for e in detail["events"]] == ["CONSULT"]
    assert ids(client.get("/api/entities?q=uzeltex"))
    assert client.get("/api/entities?kind=robot").status_code == 400


def test_figures(client, filled) -> None:
    body = client.get("/api/figures?pair=UZB,AZE").json()
    [fig] = body["items"]
    assert fig["metric"] == "trade_turnover" and fig["evidence"]["text"] == "Trade turnover"
    assert fig["date"] == "2024-06-02" and fig["article_id"] == "a2"
    assert ids(client.get("/api/figures?country=RUS")) == []
    assert ids(client.get("/api/figures?metric=exports")) == []
    assert client.get("/api/figures?metric=gold").status_code == 400


def test_pair_page(client, filled) -> None:
    page = client.get("/api/pairs/UZB/AZE").json()
    assert page["pair"] == ["UZB", "AZE"]
    assert page["names"] == {"UZB": "Uzbekistan", "AZE": "Azerbaijan"}
    assert page["totals"]["events"] == 3 and page["totals"]["cooperation"] == 3
    assert page["events_by_month"] == [
        {"month": "2024-05", "type": "CONSULT", "count": 1},
        {"month": "2024-05", "type": "SUPPORT", "count": 1},
        {"month": "2024-07", "type": "AGREE", "count": 1}]
    assert {s["code"]: s["count"] for s in page["sectors"]} == {"C13": 2, "D35": 1}
    assert [p["name"] for p in page["people"]] == ["Samad Bashirli"]
    assert [o["name"] for o in page["organizations"]] == ["Uzeltexsanoat"]
    assert [f["metric"] for f in page["figures"]] == ["trade_turnover"]
    assert [e["type"] for e in page["latest"]] == ["AGREE", "SUPPORT", "CONSULT"]
    cmap = {c["sector"]: c for c in page["cooperation_map"]}
    assert cmap["C13"]["stage"] == "signed"
    assert len(cmap["C13"]["stages"]["discussed"]) == 1
    assert cmap["D35"]["stage"] == "agreed"
    assert client.get("/api/pairs/AZE/UZB?since=2024-07").json()["totals"]["events"] == 1


def test_country_page_and_network(client, filled) -> None:
    page = client.get("/api/countries/AZE").json()
    assert page["name"] == "Azerbaijan"
    assert page["partners"] == [{"country": "UZB", "name": "Uzbekistan", "events": 3,
                                 "cooperation": 3, "conflict": 0, "score": 1.0}]
    rus = client.get("/api/countries/RUS").json()
    assert rus["partners"][0]["score"] == -1.0
    net = client.get("/api/network").json()
    assert {(e["a"], e["b"], e["events"]) for e in net["edges"]} == {
        ("AZE", "UZB", 3), ("RUS", "TUR", 1)}
    assert {n["id"] for n in net["nodes"]} == {"AZE", "UZB", "RUS", "TUR"}
    assert client.get("/api/network?sector=A").json()["edges"] == [
        {"a": "RUS", "b": "TUR", "events": 1, "cooperation": 0, "conflict": 1}]


def test_search(client, filled) -> None:
    body = client.get("/api/search?q=solar").json()
    assert [e["type"] for e in body["events"]] == ["AGREE"]
    assert [a["id"] for a in body["articles"]] == ["a3"]
    snippet = body["articles"][0]["snippet"]
    assert [snippet["text"][s:e] for s, e in snippet["highlights"]] == ["solar"]
    assert body["events"][0]["snippet"]["highlights"]
    assert client.get("/api/search?q=%20").status_code == 400


def test_atom_feeds(client, filled) -> None:
    resp = client.get("/feeds/pairs/AZE/UZB.atom")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(resp.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title.split(":")[0] for e in feed.entries] == [
        "AGREE (future)", "SUPPORT", "CONSULT"]
    assert feed.entries[0].updated.startswith("2024-07-01")
    feed = feedparser.parse(client.get("/feeds/countries/TUR.atom").content)
    assert len(feed.entries) == 1 and "Russia" in feed.entries[0].title
    feed = feedparser.parse(client.get("/feeds/search.atom?q=tomato").content)
    assert [e.title for e in feed.entries] == ["SANCTION: Russia → Türkiye"]
    assert client.get("/feeds/countries/XXX.atom").status_code == 400


def test_feed_escapes_text(client, store) -> None:
    text = "Iran & Iraq <signed> a \"deal\" on oil\x0b."
    store.save(report("x", text, "2024-01-01", ev("v1", "SUPPORT", ["IRN"], ["IRQ"], text, text)))
    feed = feedparser.parse(client.get("/feeds/pairs/IRN/IRQ.atom").content)
    assert not feed.bozo
    assert "Iran & Iraq <signed>" in feed.entries[0].summary


@pytest.mark.parametrize(("url", "words"), [
    ("/api/events?country=XXX", "unknown country"),
    ("/api/events?pair=AZE", "two country codes"),
    ("/api/events?since=2024-13-01", "is not a date"),
    ("/api/events?until=yesterday", "is not a date"),
    ("/api/events?type=HUG", "unknown event type"),
    ("/api/events?sector=Z99", "unknown sector"),
    ("/api/events?modality=maybe", "unknown modality"),
    ("/api/events?limit=501", "limit must be between 1 and 500"),
    ("/api/events?limit=0", "limit must be between 1 and 500"),
    ("/api/events?limit=ten", "limit"),
    ("/api/events?cursor=garbage", "cursor"),
    ("/api/pairs/AZE/XXX", "unknown country"),
    ("/api/countries/12", "unknown country"),
])
def test_bad_input_is_problem_json(client, url: str, words: str) -> None:
    resp = client.get(url)
    assert resp.status_code == 400
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["code"] == "BL-E080" and body["status"] == 400 and body["title"]
    assert words in body["detail"]


def test_cursor_of_another_list_is_refused(client, store) -> None:
    for i in range(3):
        store.save(report(f"z{i}", f"Text {i}", f"2024-01-0{i + 1}"))
    cursor = client.get("/api/articles?limit=1").json()["next_cursor"]
    assert client.get(f"/api/events?cursor={cursor}").status_code == 400


def test_events_list_mentions_per_article(client, filled, store) -> None:
    """``list=mentions``: the mentions as ``bilat events`` lists them, newest first, paged."""
    def mentions(query: str) -> list[dict]:
        resp = client.get("/api/events?list=mentions" + query)
        assert resp.status_code == 200, resp.text
        return resp.json()["items"]

    every = mentions("&limit=500")
    assert every and all("article_id" in m and "evidence_text" in m for m in every)
    assert sorted((m["article_id"], m["type"]) for m in every) == sorted(
        (m["article_id"], m["type"]) for m in store.events())
    days = [m["date"] or m["article_date"] or "" for m in every]
    assert days == sorted(days, reverse=True)
    assert {m["type"] for m in mentions("&type=CONSULT")} == {"CONSULT"}
    assert all({"AZE", "UZB"} <= set(m["actor_countries"] + m["recipient_countries"])
               for m in mentions("&pair=UZB,AZE"))
    seen, cursor = [], None
    while True:
        body = client.get("/api/events?list=mentions&limit=1"
                          + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [(m["article_id"], m["id"]) for m in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [(m["article_id"], m["id"]) for m in every]
    refused = client.get("/api/events?list=mentions&sector=C")
    assert refused.status_code == 400 and "across articles" in refused.json()["detail"]
    assert client.get("/api/events?list=nope").status_code in (400, 422)
