"""Full-text search: one query syntax (websearch) on SQLite FTS5 and PostgreSQL, stems,
phrases, alternatives and exclusions, ranked results with highlighted snippets, and
indexes kept in step with the rows."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from bilat.store import Store, fulltext, migrate
from bilat.store.queries import Filters
from tests.store._reports import ev, report
from tests.store.conftest import _pg_schema_url

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


#: Articles that all match "cotton tariffs", stored oldest first: (id, day, title).
_TITLED = [("b1", "2024-01-10", "Cotton tariffs raised"),
           ("b4", "2024-02-01", "Tariffs on cotton"), ("b2", "2024-03-01", "Cotton exports fall"),
           ("b5", "2024-04-01", "New tariff list"), ("b3", "2024-05-01", "Weekly round-up")]


@pytest.fixture
def titled(store: Store) -> Store:
    for article_id, day, title in _TITLED:
        body = f"{title}. Uzbekistan raised cotton tariffs on goods from Tajikistan."
        store.save(report(article_id, body, day, title=title))
    return store


def test_search_orders_articles_by_terms_in_title_then_newest(titled: Store) -> None:
    def order(q: str) -> list[str]:
        return [a["id"] for a in titled.search(q, 10)["articles"]]

    # both words in the title, then one ("tariff" by its stem), then none; newest first
    assert order("cotton tariffs") == ["b4", "b1", "b5", "b2", "b3"]
    # a phrase counts where its words stand together ("Tariffs on cotton" does not hold
    # it); an exclusion does not count
    assert order('"cotton tariffs"') == ["b1", "b3", "b5", "b2", "b4"]
    assert order("tariffs -wheat") == ["b5", "b4", "b1", "b3", "b2"]
    assert order("cotton tariffs")[:2] == [a["id"] for a in titled.search(
        "cotton tariffs", 2)["articles"]]


def test_search_ranks_only_the_newest_matches(titled: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fulltext, "MAX_RANKED", 2)
    assert [a["id"] for a in titled.search("cotton tariffs", 10)["articles"]] == ["b5", "b3"]


def test_search_orders_events_by_mentions_then_newest(store: Store) -> None:
    # three reports (in different words: not duplicates) of one event, then two events
    # of one report each, the one stored first the newer
    for article_id, said, day, country in [
            ("c1", "Reuters reported", "2024-01-05", "KAZ"),
            ("c2", "The ministry in Tashkent said", "2024-01-05", "KAZ"),
            ("c3", "Officials said", "2024-03-09", "KGZ"),
            ("c4", "State television reported", "2024-02-11", "TJK"),
            ("c5", "A government statement said", "2024-01-05", "KAZ")]:
        body = f"{said}: Uzbekistan signed a wheat memorandum with {country} on {day}."
        store.save(report(article_id, body, day, ev("v1", "SUPPORT", ["UZB"], [country], body,
                                                    "signed a wheat memorandum", date=day)))
    found = store.search("wheat memorandum", 10)["events"]
    assert [(e["mention_count"], e["date"]) for e in found] == [
        (3, "2024-01-05"), (1, "2024-03-09"), (1, "2024-02-11")]


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
        found = store.search("tomato banned", 10)
        assert [a["id"] for a in found["articles"]] == ["old"]
        assert [e["type"] for e in found["events"]] == ["SANCTION"]


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


#: Words of the generated reports: a few common, most rarer, so that queries match many,
#: some or no reports, with ties in rank and in day.
_WORDS = ("talks trade minister tariffs border wheat cotton solar pipeline embassy "
          "sanctions drought railway visa loan summit").split()


@pytest.fixture
def pg_reports(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A PostgreSQL store of 60 generated reports on 36 days of 12 months (a few without a
    date, one with only a year)."""
    for url in _pg_schema_url(request):
        rng = random.Random(7)
        with Store(url) as store:
            for i in range(60):
                words = [rng.choice(_WORDS[:4] if rng.random() < 0.5 else _WORDS)
                         for _ in range(rng.randint(6, 30))]
                body = "Uzbekistan and Azerbaijan " + " ".join(words) + "."
                day = None if i % 17 == 0 else f"2024-{1 + i % 12:02d}-{1 + i % 3:02d}"
                day = "2023" if i == 30 else day
                store.save(report(f"r{i:02d}", body, day,
                                  ev("v1", "SUPPORT", ["AZE"], ["UZB"], body,
                                     "Uzbekistan and Azerbaijan"),
                                  title=" ".join(words[:3])))
            yield store


def _narrow_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.engine.connect() as conn:
        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(r) for r in conn.execute(text(sql)))
        return {
            "article_search": rows("SELECT id, day, search::text FROM article_search"),
            "articles": rows(
                "SELECT id, day, (search || array_to_tsvector(ARRAY[' ' || left(day, 7)]))"
                "::text FROM articles"),
            "world_event_search": rows("SELECT id, search::text FROM world_event_search"),
            "world_events": rows(
                "SELECT id, (search || array_to_tsvector(ARRAY[' ' || (id / 8192)::text]))"
                "::text FROM world_events")}


@pytest.mark.postgres
def test_search_narrow_tables_follow_the_rows(pg_reports: Store) -> None:
    # PostgreSQL ranks from narrow tables (migration 0007) that the database keeps in
    # step with articles and world events (their tsvector and its period), through saves,
    # updates and deletes
    store = pg_reports

    def same() -> None:
        got = _narrow_rows(store)
        assert got["article_search"] == got["articles"]
        assert got["world_event_search"] == got["world_events"]
        assert got["articles"] and got["world_events"]

    same()
    with store._tracked.begin() as conn:
        conn.execute(text("UPDATE articles SET text = 'Kazakh wheat exports rose.', "
                          "day = '2023-01-01' WHERE id = 'r05'"))
        conn.execute(text("UPDATE world_events SET search_text = 'drought relief' "
                          "WHERE id = (SELECT min(id) FROM world_events)"))
    same()
    with store._tracked.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id IN ('r05', 'r11')"))
        conn.execute(text("DELETE FROM world_events WHERE id = (SELECT max(id) FROM "
                          "world_events)"))
    same()


def _ranked_from_wide_tables(session: Session, kind: str, q: str,
                              limit: int) -> list[tuple[object, str]]:
    """``fulltext.ranked`` on PostgreSQL in one statement over the kind's own table, as
    before migration 0007: the newest ``MAX_RANKED`` matches, ordered by their score
    (articles: the query's terms in the title, its lexemes of weight A; events: their
    mentions), then newest."""
    table = "articles" if kind == "articles" else "world_events"
    column = "text" if kind == "articles" else "search_text"
    newest = "day DESC, id DESC" if kind == "articles" else "id DESC"
    terms = {f"t{i}": f'"{t}"' for i, t in enumerate(fulltext.title_terms(q))}
    score = " + ".join(f"(ts_filter(search, '{{a}}') @@ websearch_to_tsquery('english', :{t}))"
                       f"::int" for t in terms) if kind == "articles" else "n_mentions"
    opts = (f"StartSel={fulltext.MARK_START}, StopSel={fulltext.MARK_END}, "
            f"MaxWords={fulltext.SNIPPET_WORDS}, MinWords={fulltext.SNIPPET_WORDS // 2}, "
            f"MaxFragments=2, FragmentDelimiter=\" … \"")
    sql = text(
        f"SELECT r.id, ts_headline('english', t.{column}, r.query, :opts) "
        f"FROM (SELECT * FROM (SELECT id, day, query, {score} AS score "
        f"                     FROM {table}, websearch_to_tsquery('english', :q) AS query "
        f"                     WHERE search @@ query ORDER BY {newest} LIMIT :cap) AS c "
        f"      ORDER BY score DESC, day DESC, id DESC LIMIT :n) AS r "
        f"JOIN {table} AS t ON t.id = r.id ORDER BY r.score DESC, r.day DESC, r.id DESC")
    rows = session.execute(sql, {"q": q, "n": limit, "opts": opts, **terms,
                                 "cap": fulltext.MAX_RANKED}).all()
    return [(r[0], r[1] or "") for r in rows]


@pytest.mark.postgres
@pytest.mark.parametrize(("cap", "first", "block"), [
    (1000, 4000, 8192), (7, 4000, 8192), (1000, 5, 8192), (7, 3, 8192), (7, 3, 3),
    (40, 10, 5), (3, 1, 2)])
def test_search_ranked_same_from_narrow_and_wide_tables(
        pg_reports: Store, monkeypatch: pytest.MonkeyPatch, cap: int, first: int,
        block: int) -> None:
    # the same matches, order and snippets as read from the wide tables before 0007,
    # also when only the newest few matches are ranked (ties in day broken by id) and
    # when they are found over several windows of periods (few rows read first, small
    # blocks of events)
    monkeypatch.setattr(fulltext, "MAX_RANKED", cap)
    monkeypatch.setattr(fulltext, "FIRST_ROWS", first)
    if block != fulltext.EVENT_BLOCK:
        monkeypatch.setattr(fulltext, "EVENT_BLOCK", block)
        with pg_reports._tracked.begin() as conn:  # the events' periods for that block
            conn.execute(text("UPDATE world_event_search SET search = w.search || "
                              "array_to_tsvector(ARRAY[' ' || (w.id / :b)::text]) "
                              "FROM world_events AS w WHERE w.id = world_event_search.id"),
                         {"b": block})
    queries = ["talks", "minister tariffs", "trade border talks", '"trade minister"',
               "solar or railway", "talks -minister", "uzbekistan", "nothing-like-this"]
    with pg_reports._sessions() as session:
        for kind in ("articles", "events"):
            for q in queries:
                assert fulltext.ranked(session, kind, q, 20) == \
                    _ranked_from_wide_tables(session, kind, q, 20), (kind, q)
        assert len(fulltext.ranked(session, "articles", "uzbekistan", 20)) == min(cap, 20)
