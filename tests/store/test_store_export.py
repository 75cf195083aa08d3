"""Exporting the store: articles as JSON Lines, events as CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bilat.errors import UsageError
from bilat.record import Article, Event, Evidence
from bilat.store import Store

from ._articles import seed_article

AWKWARD = 'He said, "yes;\nand no".'


def test_export_jsonl_one_article_per_line(store: Store) -> None:
    stored = [seed_article("b"), Article(id="a", text="Short one.", date="2023-01-02")]
    for a in stored:
        store.save(a)
    out = io.StringIO()
    assert store.export("jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [stored[1].to_dict(), stored[0].to_dict()]
    assert [Article.from_dict(json.loads(line)) for line in lines] == [stored[1], stored[0]]


def test_export_csv_one_row_per_event(store: Store) -> None:
    store.save(seed_article())
    store.save(Article(id="q", text=AWKWARD, date="2024-01-05", events=[
        Event("v1", "AGREE", actor_countries=["UZB", "KAZ"], recipient_countries=["AZE"],
              modality="future", confidence=0.25, evidence=[Evidence(0, len(AWKWARD))]),
    ]))
    out = io.StringIO()
    assert store.export("csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == ["article_id", "article_title", "date", "type", "mode",
                             "modality", "actor_countries", "actors", "recipient_countries",
                             "recipients", "sectors", "confidence", "cameo", "evidence_text"]
    assert rows[0] == {
        "article_id": "q", "article_title": "", "date": "2024-01-05", "type": "AGREE",
        "mode": "", "modality": "future", "actor_countries": "UZB;KAZ", "actors": "",
        "recipient_countries": "AZE", "recipients": "", "sectors": "", "confidence": "0.25",
        "cameo": "", "evidence_text": AWKWARD,
    }
    assert rows[1]["article_id"] == "azernews-1"
    # who acted and in which article, by name: not only local ids and country codes
    assert (rows[1]["actors"], rows[1]["recipients"]) == (
        "Samad Bashirli", "Uzeltexsanoat;Uzbekistan")
    assert rows[1]["article_title"] == seed_article().title
    assert rows[1]["sectors"] == "C27;C26"
    assert rows[1]["evidence_text"] == "Samad Bashirli met with a delegation from Uzbekistan"


def test_export_empty_store(store: Store) -> None:
    out = io.StringIO()
    assert store.export("jsonl", out) == 0 and out.getvalue() == ""
    assert store.export("csv", out) == 0
    assert out.getvalue().splitlines() == [
        "article_id,article_title,date,type,mode,modality,actor_countries,actors,"
        "recipient_countries,recipients,sectors,confidence,cameo,evidence_text"]


def test_export_unknown_format_is_usage_error(store: Store) -> None:
    out = io.StringIO()
    with pytest.raises(UsageError, match=r"\[BL-E070\] unknown export format 'xml'; use one of"):
        store.export("xml", out)
    assert out.getvalue() == ""
