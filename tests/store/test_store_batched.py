"""Real extracted articles stored one by one, in batches and through ``save_stream``:
the same store, row for row, on both backends. The articles are the demo's sample of
presidential releases (``data/sample``, CC BY 4.0), extracted once per test session: they
share people, organisations, countries and events, so storing them resolves many
mentions into the same world entities and events."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bilat import service
from bilat.record import Article, SetAside
from bilat.store import Store

from .test_store_save_many import dump, other_url  # noqa: F401 (a fixture)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "kremlin-presidentua-sample.jsonl"


@cache
def _extracted() -> tuple[dict, ...]:
    from bilat.pipeline import Pipeline, read

    return tuple(a.to_dict() for a in Pipeline().process_many(read([str(SAMPLE)]))
                 if isinstance(a, Article))


def releases() -> list[Article]:
    """Fresh copies each time: storing fills in ids."""
    return [Article.from_dict(d) for d in _extracted()]


def test_batches_store_what_one_by_one_stores(store: Store, other_url: str) -> None:  # noqa: F811
    articles = releases()
    with Store(other_url) as one_by_one:
        expected = [one_by_one.add(a) for a in articles]
        want = dump(one_by_one)
    assert sum(len(rows) for rows in want.values()) > 1000
    got = []
    for i in range(0, len(articles) - 1, 7):
        got += store.save_many(articles[i:min(i + 7, len(articles) - 1)])
    # After the batches, one more alone: the ids taken in blocks and not used were
    # given back (PostgreSQL's sequences), so it gets the ids it gets one by one.
    got.append(store.add(articles[-1]))
    assert got == expected
    assert dump(store) == want


def test_save_stream_stores_what_save_stores(store: Store, other_url: str) -> None:  # noqa: F811
    articles = releases()[:20]
    aside = SetAside("broken.jsonl:3", "BL-E010", "not JSON")
    items: list[Article | SetAside | str] = [*articles[:9], aside, "skipped", *articles[9:],
                                             articles[0]]
    with Store(other_url) as one_by_one:
        expected = [service.save(one_by_one, i) if not isinstance(i, str) else None
                    for i in items]
        want = dump(one_by_one)
    got = list(service.save_stream(store, items, batch_size=4))
    assert [item for item, _ in got] == items
    assert [saved for _, saved in got] == expected
    assert dump(store) == want
