"""Querying events across articles: pair, country, type and date filters, order."""

from __future__ import annotations

import pytest

from bilat.errors import UsageError
from bilat.record import Article
from bilat.store import Store

from ._articles import event

MAY = ("Azerbaijan and Uzbekistan met in Baku. They agreed to meet again. "
       "Russia banned Turkish tomatoes.")
MARCH = "Azerbaijan traded with Kazakhstan. Presidents of Azerbaijan and Uzbekistan talked."
UNDATED = "Uzbekistan's minister visited Azerbaijan."


def _articles() -> list[Article]:
    return [
        Article(id="may", text=MAY, title="May talks", date="2024-05-14", events=[
            event("v1", "CONSULT", ["AZE"], ["UZB"], MAY, "Azerbaijan and Uzbekistan met"),
            event("v2", "AGREE", ["UZB"], ["AZE"], MAY, "They agreed to meet again",
                  date="2024-06-01"),
            event("v3", "SANCTION", ["RUS"], ["TUR"], MAY, "Russia banned Turkish tomatoes"),
        ]),
        Article(id="march", text=MARCH, title="March trade", date="2024-03-01", events=[
            event("v1", "COOPERATE", ["AZE"], ["KAZ"], MARCH, "Azerbaijan traded"),
            event("v2", "CONSULT", ["AZE", "UZB"], [], MARCH, None),
        ]),
        Article(id="undated", text=UNDATED, events=[
            event("v1", "CONSULT", ["UZB"], ["AZE"], UNDATED, "visited Azerbaijan"),
        ]),
    ]


@pytest.fixture
def filled(store: Store) -> Store:
    for a in _articles():
        assert store.save(a)
    return store


def keys(events: list[dict]) -> list[str]:
    return [f"{e['article_id']}/{e['id']}" for e in events]


def test_events_all_ordered_by_date_then_article(filled: Store) -> None:
    # Dates: march 03-01 (both), may 05-14 (v1, v3), may/v2 06-01, undated last.
    assert keys(filled.events()) == [
        "march/v1", "march/v2", "may/v1", "may/v3", "may/v2", "undated/v1"]


def test_events_carry_their_article_and_evidence(filled: Store) -> None:
    first = filled.events(type="SANCTION")[0]
    assert first["article_id"] == "may"
    assert first["article_title"] == "May talks"
    assert first["article_date"] == "2024-05-14"
    assert first["evidence_text"] == "Russia banned Turkish tomatoes"
    expected = _articles()[0].events[2].to_dict()
    assert {k: first[k] for k in expected} == expected
    no_evidence = filled.events(pair=("AZE", "UZB"), since="2024-03", until="2024-03")
    assert keys(no_evidence) == ["march/v2"]
    assert no_evidence[0]["evidence_text"] is None


@pytest.mark.parametrize("pair", [("AZE", "UZB"), ("UZB", "AZE")])
def test_events_pair_matches_either_direction(filled: Store, pair: tuple[str, str]) -> None:
    assert keys(filled.events(pair=pair)) == ["march/v2", "may/v1", "may/v2", "undated/v1"]


def test_events_pair_with_no_events(filled: Store) -> None:
    assert filled.events(pair=("AZE", "TUR")) == []


def test_events_by_country(filled: Store) -> None:
    assert keys(filled.events(country="KAZ")) == ["march/v1"]
    assert keys(filled.events(country="TUR")) == ["may/v3"]


def test_events_by_type(filled: Store) -> None:
    assert keys(filled.events(type="CONSULT")) == ["march/v2", "may/v1", "undated/v1"]
    assert keys(filled.events(type="CONSULT", pair=("AZE", "UZB"), limit=1)) == ["march/v2"]


def test_events_since_uses_event_date_else_article_date(filled: Store) -> None:
    assert keys(filled.events(since="2024-05-15")) == ["may/v2"]
    assert keys(filled.events(since="2024-05")) == ["may/v1", "may/v3", "may/v2"]


def test_events_until_is_inclusive_at_its_precision(filled: Store) -> None:
    assert keys(filled.events(until="2024-05")) == ["march/v1", "march/v2", "may/v1", "may/v3"]
    assert keys(filled.events(until="2024-05-14")) == keys(filled.events(until="2024-05"))
    assert keys(filled.events(until="2024-05-13")) == ["march/v1", "march/v2"]
    assert keys(filled.events(since="2024-06", until="2024-06-30")) == ["may/v2"]


def test_events_limit(filled: Store) -> None:
    assert keys(filled.events(limit=2)) == ["march/v1", "march/v2"]
    assert filled.events(limit=0) == []


@pytest.mark.parametrize("kwargs", [{"pair": ("AZE",)}, {"pair": "AZE"}, {"limit": -1}])
def test_events_bad_arguments_are_usage_errors(filled: Store, kwargs: dict) -> None:
    with pytest.raises(UsageError) as err:
        filled.events(**kwargs)
    assert err.value.code == "BL-E070"


def test_events_on_empty_store(store: Store) -> None:
    assert store.events(pair=("AZE", "UZB")) == []


def test_events_take_the_lists_filters(filled: Store) -> None:
    from bilat.store.queries import Filters

    f = Filters(pair=("uzb", "aze"), type="consult", since="2024-05")
    assert keys(filled.events(filters=f)) == keys(
        filled.events(pair=("AZE", "UZB"), type="CONSULT", since="2024-05"))
    assert keys(filled.events(filters=Filters(modality="future"))) == []
    assert len(filled.events(filters=Filters(modality="asserted"))) == 6


def test_events_refuse_filters_of_events_across_articles(filled: Store) -> None:
    from bilat.store.queries import Filters

    with pytest.raises(UsageError, match="sector"):
        filled.events(filters=Filters(sector="C"))
    with pytest.raises(UsageError, match="unknown modality"):
        filled.events(filters=Filters(modality="maybe"))
