"""The real pipeline on data/sample (16 Kremlin releases and the reference article),
stored and served: the Azerbaijan–Uzbekistan pair page shows the meeting, the signed
memoranda and the rising trade turnover."""

from __future__ import annotations

import pytest

from bilat.record import Article
from tests.conftest import ROOT

_cache: dict[str, list[Article]] = {}


@pytest.fixture
def sample_articles(pipeline) -> list[Article]:
    if "items" not in _cache:
        from bilat.pipeline import read

        items = list(pipeline.process_many(read([str(ROOT / "data" / "sample")])))
        _cache["items"] = [a for a in items if isinstance(a, Article)]
    return _cache["items"]


def test_sample_pair_page(client, store, sample_articles) -> None:
    assert len(sample_articles) == 17
    assert all(store.save(a) for a in sample_articles)
    page = client.get("/api/pairs/AZE/UZB").json()
    types = {e["type"] for e in page["latest"]} | {m["type"] for m in page["events_by_month"]}
    assert {"CONSULT", "SUPPORT"} <= types
    assert any(f["metric"] == "trade_turnover" and f["change"] == "increase"
               for f in page["figures"])
    # ingesting the sample again changes nothing
    before = client.get("/api/events?limit=500").json()["items"]
    assert not any(store.save(a) for a in sample_articles)
    assert client.get("/api/events?limit=500").json()["items"] == before
