"""Full-text search: one query syntax (websearch) on SQLite FTS5 and PostgreSQL, stems,
phrases, alternatives and exclusions, ranked results with highlighted snippets, and
indexes kept in step with the rows."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bilat.store import Store, fulltext, migrate
from bilat.store.queries import Filters
from tests.store._reports import ev, report

T1 = ("Azerbaijan and Uzbekistan signed a memorandum on the textile industry in Baku. "
      "The ministers discussed cotton exports.")
T2 = "Russia banned Turkish tomatoes after a dispute over phytosanitary rules."
T3 = "Uzbekistan and Azerbaijan plan an agreement on solar power plants near Tashkent."


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(report("a1", T1, "2024-05-14",
                      ev("v1", "SUPPORT", ["AZE"], ["UZB"], T1, "signed a memorandum"),
                      title="Textile memorandum"))
    store.save(report("a2", T2, "2024-06-02",
                      ev("v1", "SANCTION", ["RUS"], ["TUR"], T2, "Russia banned Turkish"),
                      title="Tomato ban"))
    store.save(report("a3", T3, "2024-07-01",
                      ev("v1", "AGREE", ["UZB"], ["AZE"], T3, "plan an agreement"),
                      title="Solar plans"))
    return store


def _articles(store: Store, q: str) -> list[str]:
    return sorted(a["id"] for a in store.article_page(Filters(q=q), 50)["items"])


@pytest.mark.parametrize(("q", "expected"), [
    ("tomato", ["a2"]),                       # the stem finds "tomatoes"
    ("Uzbekistan Azerbaijan", ["a1", "a3"]),  # every word
    ("uzbekistan solar", ["a3"]),
    ('"power plants"', ["a3"]),               # a phrase
    ('"plants power"', []),
    ("tomatoes or textile", ["a1", "a2"]),
    ("uzbekistan -solar", ["a1"]),            # an exclusion
    ("memorandum", ["a1"]),                   # the title counts too
    ("nothing-like-this", []),
])
def test_search_syntax_same_on_both_backends(filled: Store, q: str,
                                             expected: list[str]) -> None:
    assert _articles(filled, q) == expected


def test_search_events_by_their_text(filled: Store) -> None:
    types = [e["type"] for e in filled.event_page(Filters(q="banned"), 50)["items"]]
    assert types == ["SANCTION"]


def test_search_ranks_and_highlights(filled: Store) -> None:
    found = filled.search("solar agreement", 10)
    assert [a["id"] for a in found["articles"]] == ["a3"]
    snip = found["articles"][0]["snippet"]
    marked = [snip["text"][s:e].lower() for s, e in snip["highlights"]]
    assert "solar" in marked and "agreement" in marked
    assert fulltext.MARK_START not in snip["text"]
    assert [e["type"] for e in found["events"]] == ["AGREE"]
    assert found["events"][0]["snippet"]["highlights"]


def test_search_only_exclusions_match_nothing(filled: Store) -> None:
    assert _articles(filled, "-tomato") == []
    assert filled.search("-tomato", 10) == {"events": [], "articles": []}


def test_search_index_follows_updates_and_deletes(filled: Store) -> None:
    with filled._tracked.begin() as conn:
        conn.execute(text("UPDATE articles SET text = 'Kazakh wheat exports rose.' "
                          "WHERE id = 'a2'"))
    assert _articles(filled, "phytosanitary") == []
    assert _articles(filled, "wheat") == ["a2"]
    with filled._tracked.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = 'a2'"))
    assert _articles(filled, "wheat") == []


def test_migration_indexes_rows_stored_before(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(report("old", T2, "2024-06-02",
                          ev("v1", "SANCTION", ["RUS"], ["TUR"], T2, "Russia banned")))
        migrate.downgrade(store.engine, "0005")
        migrate.upgrade(store.engine)
        assert _articles(store, "tomato") == ["old"]
        assert [e["type"] for e in store.event_page(Filters(q="banned"), 10)["items"]] == [
            "SANCTION"]


@pytest.mark.parametrize(("q", "fts"), [
    ("tomato", '(("tomato"))'),
    ("a b", '(("a" AND "b"))'),
    ('"power plant" or solar', '(("power plant") OR ("solar"))'),
    ("uzbek -solar", '(("uzbek")) NOT "solar"'),
    ('say "hi', '(("say" AND "hi"))'),
    ("-only", None),
    ("or", None),
    ("U.S. tariffs", '(("U S" AND "tariffs"))'),
])
def test_fts5_query_translates_websearch_syntax(q: str, fts: str | None) -> None:
    assert fulltext.fts5_query(q) == fts


@pytest.mark.parametrize(("few", "many"), [(0, 0), (0, 10_000), (10_000, 10_000)])
def test_search_filter_pages_same_whichever_way_sqlite_applies_it(
        filled: Store, monkeypatch: pytest.MonkeyPatch, few: int, many: int) -> None:
    # SQLite applies q by the list of matching ids, by walking the index against the
    # list of all matches, or by testing each row walked in FTS5 (fulltext.matching):
    # the same pages, page after page, with and without other filters
    for i, day in enumerate(["2024-08-01", "2024-08-01", "2024-08-02", "2024-09-10"]):
        filled.save(report(f"b{i}", T1, day,
                           ev("v1", "SUPPORT", ["AZE"], ["UZB"], T1, "signed a memorandum")))

    def pages(**kw: object) -> list[list[object]]:
        out = []
        for f in (Filters(**kw), Filters(**kw, pair=("AZE", "UZB"))):
            for page in (filled.event_page, filled.article_page):
                cursor, items = None, []
                while True:
                    got = page(f, 2, cursor)
                    items += [x["id"] for x in got["items"]]
                    cursor = got["next_cursor"]
                    if cursor is None:
                        break
                out.append(items)
        return out

    queries = ["memorandum", "uzbekistan -solar", "tomatoes or textile", "nothing-like-this"]
    expected = {q: pages(q=q) for q in queries}
    monkeypatch.setattr(fulltext, "FEW_MATCHES", few)
    monkeypatch.setattr(fulltext, "MANY_MATCHES", many)
    assert {q: pages(q=q) for q in queries} == expected
    assert expected["memorandum"][0]  # found something
