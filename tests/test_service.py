"""The service: process, then store or set aside, the same for every entry point."""

from __future__ import annotations

import pytest

from bilat import service
from bilat.errors import StoreWriteError
from bilat.record import Article, SetAside
from bilat.store import Store


@pytest.fixture
def store(tmp_path, monkeypatch):
    real_add = Store.add

    def add(self, article):
        if article.id == "refused":
            raise StoreWriteError(f"article {article.id!r} could not be stored; test refusal",
                                  source=article.id)
        return real_add(self, article)

    monkeypatch.setattr(Store, "add", add)
    with Store(f"sqlite:///{tmp_path / 's.db'}") as st:
        yield st


def test_service_save_stores_an_article(store):
    saved = service.save(store, Article(id="a", text="Japan and China held talks."))
    assert not isinstance(saved, SetAside) and saved.stored and store.has("a")


def test_service_save_sets_aside_a_refused_article_and_records_it(store):
    saved = service.save(store, Article(id="refused", text="Japan and China held talks."))
    assert isinstance(saved, SetAside)
    assert (saved.source, saved.code, saved.article_id) == ("refused", "BL-E051", "refused")
    assert store.counts()["set_aside"] == 1


def test_service_save_records_a_set_aside_under_the_source_given(store):
    aside = SetAside("x.jsonl:3", "BL-E005", "bad line")
    saved = service.save(store, aside, source="http://example.org/item")
    assert saved == SetAside("http://example.org/item", "BL-E005", "bad line")
    assert store.counts()["set_aside"] == 1


def test_service_save_many_falls_back_to_one_by_one_when_refused(store, monkeypatch):
    def refuse(_articles):
        raise StoreWriteError("a batch could not be stored; test refusal")

    monkeypatch.setattr(store, "save_many", refuse)
    out = service.save_many(store, [Article(id="ok", text="Japan and China held talks."),
                                    Article(id="refused", text="Peru and Chile met.")])
    assert [isinstance(s, SetAside) for s in out] == [False, True]
    assert store.has("ok") and store.counts()["set_aside"] == 1


def test_service_ingest_yields_each_processed_item_with_its_outcome(store):
    class Passthrough:
        def process_many(self, items):
            yield from items

    items = [Article(id="a", text="Japan and China held talks."),
             SetAside("in.jsonl:2", "BL-E003", "no text")]
    out = list(service.ingest(store, Passthrough(), items, sources=["u1", "u2"]))
    assert [p for p, _ in out] == items
    assert out[1][1].source == "u2" and store.counts()["set_aside"] == 1


def test_service_ingest_holds_the_lock_while_processing_only(store):
    import threading

    lock = threading.Lock()

    class Checking:
        def process_many(self, items):
            assert lock.locked()
            yield from items

    real_add = Store.add

    def add(self, article):
        assert not lock.locked()
        return real_add(self, article)

    store.add = add.__get__(store)
    out = list(service.ingest(store, Checking(), [Article(id="a", text="Japan and China met.")],
                              lock=lock))
    assert out[0][1].stored
