"""Saving articles: lossless round trips, once per article, all or nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from bilat.errors import StoreError, StoreWriteError
from bilat.record import Article, Entity, Event, SetAside
from bilat.store import Store
from bilat.store.models import ArticleRow, SetAsideRow

from ._articles import SEED_TEXT, articles, made_unique, seed_article

EMPTY = {"articles": 0, "entities": 0, "events": 0, "figures": 0, "relations": 0,
         "set_aside": 0}


def test_save_get_round_trip(store: Store) -> None:
    article = seed_article()
    assert store.save(article) is True
    assert store.has(article.id)
    got = store.get(article.id)
    assert got is not None
    assert got.to_dict() == article.to_dict()
    assert got == article
    assert store.counts() == {"articles": 1, "entities": 4, "events": 1, "figures": 1,
                              "relations": 2, "set_aside": 0}


def test_save_keeps_the_record_verbatim(store: Store) -> None:
    article = seed_article()
    store.save(article)
    with store.engine.connect() as conn:
        record = conn.scalar(select(ArticleRow.record).where(ArticleRow.id == article.id))
        content_hash = conn.scalar(select(ArticleRow.content_hash))
    assert record == article.to_dict()
    assert content_hash == article.content_hash


def test_save_minimal_article(store: Store) -> None:
    article = Article(id="bare", text="Nothing found here.")
    assert store.save(article)
    got = store.get("bare")
    assert got is not None and got.to_dict() == article.to_dict()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles)
def test_save_get_round_trip_any_article(store: Store, article: Article) -> None:
    article = made_unique(article)
    assert store.save(article)
    got = store.get(article.id)
    assert got is not None
    assert got.to_dict() == article.to_dict()


def test_get_missing_is_none(store: Store) -> None:
    assert store.get("nope") is None
    assert not store.has("nope")


def test_articles_iterates_every_article_in_id_order(store: Store) -> None:
    stored = [seed_article(f"a{i}", text=f"{SEED_TEXT} ({i})") for i in (3, 1, 2)]
    for a in stored:
        store.save(a)
    assert [a.to_dict() for a in store.articles()] == [
        a.to_dict() for a in sorted(stored, key=lambda a: a.id)]


def test_articles_pages_through_many(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bilat.store.db.PAGE_SIZE", 2)
    for i in range(5):
        store.save(Article(id=f"p{i}", text=f"text {i}"))
    assert [a.id for a in store.articles()] == [f"p{i}" for i in range(5)]


def test_save_same_article_twice_stores_it_once(store: Store) -> None:
    article = seed_article()
    assert store.save(article) is True
    assert store.save(article) is False
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1


def test_save_same_content_under_another_id_is_refused(store: Store) -> None:
    article = seed_article("first")
    store.save(article)
    again = replace(seed_article("second"), title="Another title")
    assert again.content_hash == article.content_hash
    assert store.save(again) is False
    assert not store.has("second")
    assert store.counts()["articles"] == 1


def test_save_same_content_with_other_whitespace_is_refused(store: Store) -> None:
    store.save(Article(id="a", text="Baku and  Tashkent\nsigned."))
    assert store.save(Article(id="b", text="Baku and Tashkent signed. ")) is False


def test_save_same_id_other_content_is_stored_under_a_new_id(store: Store) -> None:
    # issue 14 (6): it was dropped without a word (False, nothing set aside)
    store.save(seed_article("same"))
    other = Article(id="same", text="Something else entirely.")
    saved = store.add(other)
    suffix = other.content_hash[:8]
    assert (saved.stored, saved.article_id, saved.renamed_from) == (
        True, f"same~{suffix}", "same")
    got = store.get("same")
    assert got is not None and got.text == seed_article().text
    renamed = store.get(f"same~{suffix}")
    assert renamed is not None and renamed.text == other.text
    assert renamed.extra["id_given"] == "same"
    # the same text again is recognised, under either id, and a batch does the same
    assert store.add(other).stored is False
    assert store.save_many([other]) == [store.add(other)]
    third = Article(id="same", text="A third text under that id.")
    (batch,) = store.save_many([third])
    assert (batch.stored, batch.article_id) == (True, f"same~{third.content_hash[:8]}")
    assert store.counts()["articles"] == 3


def test_save_long_renamed_id_stays_within_the_bound(store: Store) -> None:
    from bilat.record import MAX_ID_CHARS

    long_id = "x" * MAX_ID_CHARS
    store.save(Article(id=long_id, text="First text."))
    saved = store.add(Article(id=long_id, text="Second text."))
    assert saved.stored and len(saved.article_id) == MAX_ID_CHARS
    assert saved.article_id.startswith("x" * 150)


@pytest.mark.parametrize(("change", "words"), [
    ({"text": "Baku\x00Tashkent"}, "NUL"),
    ({"title": "\udc80"}, "surrogate"),
    ({"extra": {"score": float("nan")}}, "extra.score"),
    ({"extra": {1: "one"}}, "non-string key"),
    ({"extra": {"when": object()}}, "not JSON"),
    ({"entities": [Entity("e1", "A", "country"), Entity("e1", "B", "country")]}, "two entities"),
    ({"events": [Event("v1", "AID", confidence=float("inf"))]}, "events[0].confidence"),
])
def test_save_refuses_what_a_backend_cannot_hold(store: Store, change: dict, words: str) -> None:
    article = replace(Article(id="bad", text="Baku and Tashkent."), **change)
    with pytest.raises(StoreWriteError) as err:
        store.save(article)
    assert err.value.code == "BL-E051"
    assert isinstance(err.value, StoreError)
    assert words in str(err.value) and "'bad'" in str(err.value)
    assert store.counts() == EMPTY


def test_save_failing_midway_stores_nothing(store: Store) -> None:
    # The article row goes in first; the entity without a name then breaks NOT NULL.
    article = Article(id="half", text="Baku.", entities=[Entity("e1", None, "person")])  # type: ignore[arg-type]
    with pytest.raises(StoreWriteError, match=r"\[BL-E051\] article 'half' could not be stored"):
        store.save(article)
    assert store.counts() == EMPTY
    assert store.save(Article(id="half", text="Baku."))  # nothing left behind to collide with


def test_set_aside_once_per_source_and_code(store: Store) -> None:
    store.set_aside(SetAside("data/a.txt", "BL-E003", "data/a.txt is empty"))
    store.set_aside(SetAside("data/a.txt", "BL-E003", "data/a.txt is empty, again"))
    store.set_aside(SetAside("data/a.txt", "BL-E004", "binary", article_id="x1"))
    store.set_aside(SetAside("data/b.txt", "BL-E003", "empty"))
    assert store.counts()["set_aside"] == 3
    with store.engine.connect() as conn:
        rows = conn.execute(select(SetAsideRow.source, SetAsideRow.code, SetAsideRow.message,
                                   SetAsideRow.article_id).order_by(SetAsideRow.id)).all()
    assert [tuple(r) for r in rows] == [
        ("data/a.txt", "BL-E003", "data/a.txt is empty", None),
        ("data/a.txt", "BL-E004", "binary", "x1"),
        ("data/b.txt", "BL-E003", "empty", None),
    ]


def test_set_aside_keeps_inputs_a_database_cannot_hold(store: Store) -> None:
    store.set_aside(SetAside("bad\x00name.txt", "BL-E004", "bytes \udcff\x00 here"))
    with store.engine.connect() as conn:
        row = conn.execute(select(SetAsideRow.source, SetAsideRow.message)).one()
    assert tuple(row) == ("bad\\x00name.txt", "bytes \\udcff\\x00 here")
