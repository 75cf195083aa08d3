"""bilat load: the batch output stored as ``bilat ingest`` stores it; twice stores once."""

from __future__ import annotations

import pytest

from bilat.batch import load, run
from bilat.batch.output import read_manifest, read_partition
from bilat.batch.tables import rows_to_items
from bilat.errors import BatchOutputError
from bilat.record import SetAside
from bilat.store import Store
from bilat.store.contents import contents


@pytest.fixture()
def batch_out(input_jsonl, tmp_path):
    out = tmp_path / "out"
    run([str(input_jsonl)], out, engine="local", partition_size=3)
    return out


def test_load_into_sqlite_twice_stores_once(pipeline, input_jsonl, batch_out, tmp_path):
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    first = load(batch_out, url)
    assert (first.articles, first.stored) == (8, 8)
    assert first.set_aside == {"BL-E006": 1, "BL-E007": 1}
    assert first.rows == sum(first.counts[t] for t in ("articles", "entities", "events",
                                                         "figures", "relations", "set_aside"))
    second = load(batch_out, url)
    assert (second.articles, second.stored) == (8, 0)
    assert second.counts == first.counts

    # the same as ingesting the same input
    from bilat.pipeline import read

    with Store(f"sqlite:///{tmp_path / 'ingest.db'}") as store:
        for item in pipeline.process_many(read([str(input_jsonl)])):
            if isinstance(item, SetAside):
                store.set_aside(item)
            else:
                store.save(item)
        assert store.counts() == first.counts
        ingested = [a.to_dict() for a in store.articles()]
    with Store(url) as store:
        assert [a.to_dict() for a in store.articles()] == ingested


def test_load_in_small_transactions_stores_the_same(batch_out, tmp_path):
    # partitions are read ahead of the storing (2 here: one transaction's and one more);
    # what is stored, and the order partitions are reported in, do not change
    whole = load(batch_out, f"sqlite:///{tmp_path / 'whole.db'}")
    reported: list[tuple[int, int]] = []
    small = load(batch_out, f"sqlite:///{tmp_path / 'small.db'}", batch_size=2,
                 on_loaded=lambda articles, rows: reported.append((articles, rows)))
    assert contents(f"sqlite:///{tmp_path / 'whole.db'}") == contents(
        f"sqlite:///{tmp_path / 'small.db'}")
    assert (small.articles, small.stored, small.rows) == (whole.articles, whole.stored,
                                                          whole.rows)
    per_partition = [(sum(not isinstance(i, SetAside) for i in rows_to_items(t)),
                      sum(len(r) for r in t.values()))
                     for t in (read_partition(batch_out, p["index"])
                               for p in read_manifest(batch_out)["partitions"])]
    assert reported == per_partition


def test_load_refuses_an_unfinished_output(batch_out, tmp_path):
    manifest = batch_out / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"complete": true', '"complete": false'))
    with pytest.raises(BatchOutputError, match="did not finish"):
        load(batch_out, f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(BatchOutputError, match="not a batch output"):
        load(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")


def test_load_sets_aside_an_article_it_could_not_prepare(batch_out, tmp_path, monkeypatch):
    # articles are prepared for storing as they are read; one the store cannot take is
    # left unprepared, its batch refused, and it alone set aside (BL-E051)
    import sys

    from bilat.record import Article
    from bilat.store.prepare import Prepared

    loading = sys.modules["bilat.batch.load"]  # the module (``bilat.batch.load`` is load())
    bad = Article(id="bad", text="A NUL \x00 here.")
    assert loading._prepared(bad) is bad
    assert isinstance(loading._prepared(Article(id="ok", text="Talks held.")), Prepared)
    real = loading.rows_to_items
    calls = []

    def with_bad(tables):
        calls.append(1)
        items = list(real(tables))
        return items + [bad] if len(calls) == 1 else items

    monkeypatch.setattr(loading, "rows_to_items", with_bad)
    whole = load(batch_out, f"sqlite:///{tmp_path / 'bad.db'}")
    assert whole.set_aside["BL-E051"] == 1
    assert (whole.articles, whole.stored) == (9, 8)


def test_load_again_signs_no_stored_text(batch_out, tmp_path, monkeypatch):
    # the reading thread asks which texts are stored before it prepares them: loading
    # again works out no MinHash signature
    from bilat.store import dedup

    url = f"sqlite:///{tmp_path / 'again.db'}"
    first = load(batch_out, url)
    real, signed = dedup.signature, []

    def counted(text):
        signed.append(text)
        return real(text)

    monkeypatch.setattr(dedup, "signature", counted)
    again = load(batch_out, url)
    assert (again.stored, signed) == (0, [])
    assert again.counts == first.counts
    with Store(url) as store:
        hashes = [a.content_hash for a in store.articles()]
        assert store.stored_texts(hashes + ["0" * 64]) == set(hashes)
        assert store.stored_texts([]) == set()


def test_load_into_an_in_memory_store(batch_out):
    # an in-memory SQLite store is one database per thread: the reading thread does
    # not ask it what it holds, and the load stores everything, once
    with Store("sqlite://") as store:
        assert not store.threads_share
        first = load(batch_out, store=store)
        again = load(batch_out, store=store)
    assert (first.stored, again.stored) == (8, 0)
