"""Whole shared corpora go through without a single set-aside."""

from __future__ import annotations

import re

import pytest

from bilat.record import Article
from tests.conftest import shared_path

from ._helpers import run


@pytest.mark.parametrize(("name", "count"), [
    ("kremlin-presidentua-2021-2022", 300),
    ("reuters21578", 1712),
])
def test_read_corpus_all_articles(name, count):
    path = shared_path("corpora", name, "articles.jsonl")
    got = run(path)
    assert len(got) == count
    assert all(isinstance(a, Article) for a in got)
    assert len({a.id for a in got}) == count
    assert all(a.text.strip() for a in got)
    # nine Reuters stories (UNPROC corrections) have an empty <TITLE>: None, not ""
    assert sum(a.title is None for a in got) == (9 if name == "reuters21578" else 0)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date) for a in got)
    assert all("datetime" in a.extra for a in got)


def test_read_corpus_kremlin_keeps_source_and_url():
    path = shared_path("corpora", "kremlin-presidentua-2021-2022", "articles.jsonl")
    first = run(path)[0]
    assert first.id == "kremlin-66992"
    assert first.source == "President of Russia (en.kremlin.ru)"
    assert first.url == "http://en.kremlin.ru/events/president/news/66992"
    assert first.date == "2021-10-25" and first.extra["datetime"] == "2021-10-25T12:00"
    assert first.extra["licence"] == "CC BY 4.0"
