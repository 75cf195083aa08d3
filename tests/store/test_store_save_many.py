"""``Store.save_many``: one transaction, bulk inserts, the same store as ``add`` one by one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat.errors import StoreWriteError
from bilat.record import Article, Entity, Figure
from bilat.store import Store
from bilat.store.contents import contents
from bilat.store.prepare import Prepared, prepare

from ._articles import seed_article, span
from ._reports import ev, org, person, report
from .conftest import _pg_schema_url
from .test_store_crossref import BAKU, ENERGY, TASHKENT, WIRE, _wire

#: Columns set from the clock, which differ between any two saves.


@pytest.fixture
def other_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
    else:
        yield from _pg_schema_url(request)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (clock columns and the store's version left out), sorted."""
    return contents(store.engine)


def corpus() -> list[Article]:
    """Articles that resolve into one another: shared events, entities, near-duplicates."""
    text = BAKU + " " + ENERGY
    aliyev = "Ilham Aliyev"
    a_text = f"{aliyev} said " + BAKU
    corrected = WIRE.replace("Monday", "Monday (corrects day)") + " Reuters."
    return [
        seed_article(),
        report("a", a_text, "2024-05-14",
               ev("v1", "SUPPORT", ["AZE"], ["UZB"], a_text, "signed a memorandum",
                  sectors=["C13"], people=["e1"]),
               entities=[person("e1", aliyev, "AZE", a_text, title="President"),
                         org("e2", "Akfa Group", "UZB")]),
        report("b", TASHKENT, "2024-05-15",
               ev("v1", "SUPPORT", ["UZB"], ["AZE"], TASHKENT, "inked a memorandum",
                  sectors=["C13"]),
               entities=[Entity("e1", "Aliyev", "person", "AZE", "GOV"),
                         org("e2", "Akfa", "UZB")]),
        report("c", text, "2024-05-14",
               ev("v1", "SUPPORT", ["AZE"], ["UZB"], text, BAKU),
               ev("v2", "SUPPORT", ["AZE"], ["UZB"], text, ENERGY),
               figures=[Figure("trade", ["AZE", "UZB"], value=1.0,
                               evidence=span(text, "renewable energy"))]),
        _wire("orig", WIRE),
        _wire("corr", corrected),
        _wire("copy2", corrected + " Via AP."),
        _wire("other-id", WIRE),  # same text as "orig": not stored
        _wire("orig", WIRE + " Again."),  # same id as "orig", another text: a new id
        report("d", "Nothing here.", None),
    ]


def test_save_many_equals_add_one_by_one(store: Store, other_url: str) -> None:
    articles = corpus()
    with Store(other_url) as one_by_one:
        expected = [one_by_one.add(a) for a in articles]
        want = dump(one_by_one)
    got = store.save_many(articles)
    assert got == expected
    assert [s.stored for s in got] == [True] * 7 + [False, True, True]
    assert got[5].duplicate_of == "orig" and got[7].duplicate_of == "orig"
    assert got[8].renamed_from == "orig" and got[8].article_id.startswith("orig~")
    assert got[8].duplicate_of == "orig"  # a near-duplicate of the text it was kept from
    assert dump(store) == want


def test_save_many_in_batches_equals_one_by_one(store: Store, other_url: str) -> None:
    """Batches after batches (a batch resolving against what earlier ones stored)."""
    articles = corpus()
    with Store(other_url) as one_by_one:
        for a in articles:
            one_by_one.save(a)
        want = dump(one_by_one)
    for i in range(0, len(articles), 3):
        store.save_many(articles[i:i + 3])
    assert dump(store) == want


def test_save_many_twice_stores_once(store: Store) -> None:
    articles = corpus()
    store.save_many(articles)
    before = dump(store)
    again = store.save_many(articles)
    assert not any(s.stored for s in again)
    assert again == [store.add(a) for a in articles]  # what add says of a stored article
    assert dump(store) == before
    # and save after save_many, one by one
    assert not any(store.save(a) for a in articles)
    assert dump(store) == before


def test_save_many_duplicates_within_a_batch(store: Store) -> None:
    a = seed_article()
    saved = store.save_many([a, a, seed_article("copy-of-seed")])
    assert [(s.stored, s.duplicate_of) for s in saved] == [
        (True, None), (False, None), (False, "azernews-1")]
    assert store.counts()["articles"] == 1


def test_save_many_is_all_or_nothing(store: Store) -> None:
    bad = Article(id="bad", text="A NUL \x00 here.")
    with pytest.raises(StoreWriteError, match="'bad'"):
        store.save_many([seed_article(), bad])
    assert store.counts()["articles"] == 0
    assert store.save_many([]) == []


def test_save_many_of_prepared_articles_equals_one_by_one(store: Store, other_url: str) -> None:
    """Articles prepared beforehand (``bilat load`` prepares them while it reads), some
    signed and some not, mixed with plain ones: the same store and the same answers."""
    articles = corpus()
    with Store(other_url) as one_by_one:
        expected = [one_by_one.add(a) for a in articles]
        want = dump(one_by_one)
    items = [prepare(a, sign=i % 3 != 1) if i % 3 else a for i, a in enumerate(articles)]
    assert store.save_many(items) == expected
    assert dump(store) == want
    # a renaming changed the record stored, not the prepared one
    renamed = items[8]
    assert isinstance(renamed, Prepared) and renamed.record["id"] == "orig"
    assert store.save_many(items) == [store.add(a) for a in articles]
    assert dump(store) == want


def test_prepare_refuses_what_the_store_refuses() -> None:
    with pytest.raises(StoreWriteError, match="'bad'"):
        prepare(Article(id="bad", text="A NUL \x00 here."))
    p = prepare(seed_article())
    assert p.signed and p.signature is not None and p.content_hash == seed_article().content_hash
    assert not prepare(seed_article(), sign=False).signed
