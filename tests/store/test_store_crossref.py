"""Across articles: one event per real-world event, one entity per real entity, and
near-duplicates, re-ingests and interrupted ingests that add nothing twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bilat.record import Article, Figure
from bilat.store import Store, crossref
from bilat.store.models import (
    EventMentionRow,
    EventPairRow,
    FigureCountryRow,
    MinhashBandRow,
    WorldEntityRow,
    WorldEventRow,
)

from ._articles import span
from ._reports import ev, org, person, report

BAKU = ("Azerbaijan and Uzbekistan signed a memorandum of understanding on cooperation in "
        "the textile industry in Baku on Tuesday.")
TASHKENT = ("Uzbek and Azerbaijani officials on Wednesday inked a memorandum on the textile "
            "industry, the ministry in Tashkent said.")
ENERGY = ("Azerbaijan and Uzbekistan also signed an agreement on renewable energy and power "
          "grids in Baku on Tuesday.")


def count(store: Store, model: type) -> int:
    with store._sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_same_event_in_two_articles_is_one_event_with_two_mentions(store: Store) -> None:
    assert store.save(report("a", BAKU, "2024-05-14", ev(
        "v1", "SUPPORT", ["AZE"], ["UZB"], BAKU, "signed a memorandum", sectors=["C13"])))
    assert store.save(report("b", TASHKENT, "2024-05-15", ev(
        "v1", "SUPPORT", ["UZB"], ["AZE"], TASHKENT, "inked a memorandum", sectors=["C13"])))
    page = store.event_page()
    assert len(page["items"]) == 1
    event = page["items"][0]
    assert event["mention_count"] == 2
    assert [m["article_id"] for m in event["mentions"]] == ["a", "b"]
    assert event["mentions"][1]["evidence"][0]["text"] == "inked a memorandum"
    assert event["date"] == "2024-05-14"
    assert count(store, EventPairRow) == 1


def test_two_agreements_signed_the_same_day_stay_two_events(store: Store) -> None:
    text = BAKU + " " + ENERGY
    assert store.save(report("a", text, "2024-05-14",
                             ev("v1", "SUPPORT", ["AZE"], ["UZB"], text, BAKU),
                             ev("v2", "SUPPORT", ["AZE"], ["UZB"], text, ENERGY)))
    # another report of each: each joins its own event
    assert store.save(report("b", TASHKENT, "2024-05-15", ev(
        "v1", "SUPPORT", ["UZB"], ["AZE"], TASHKENT, TASHKENT)))
    other = "Baku and Tashkent agreed on renewable energy cooperation, signing an agreement on " \
            "renewable energy."
    assert store.save(report("c", other, "2024-05-14", ev(
        "v1", "SUPPORT", ["AZE"], ["UZB"], other, "signing an agreement on renewable energy")))
    events = store.event_page()["items"]
    assert len(events) == 2
    by_articles = sorted(sorted(m["article_id"] for m in e["mentions"]) for e in events)
    assert by_articles == [["a", "b"], ["a", "c"]]


def test_agreements_in_different_sectors_stay_apart(store: Store) -> None:
    a = "Kazakhstan and Uzbekistan signed a deal in Astana."
    b = "Kazakhstan and Uzbekistan signed a deal in Tashkent."
    store.save(report("a", a, "2024-05-14", ev("v1", "SUPPORT", ["KAZ"], ["UZB"], a, a,
                                                sectors=["D"])))
    store.save(report("b", b, "2024-05-14", ev("v1", "SUPPORT", ["KAZ"], ["UZB"], b, b,
                                                sectors=["A01"])))
    assert len(store.event_page()["items"]) == 2


def test_meetings_merge_whatever_they_discussed(store: Store) -> None:
    a = "The presidents of Kazakhstan and Uzbekistan met in Astana to discuss energy."
    b = "Uzbekistan's leader held talks with Kazakhstan's president about farming."
    store.save(report("a", a, "2024-05-14", ev("v1", "CONSULT", ["KAZ"], ["UZB"], a, a,
                                                sectors=["D"])))
    store.save(report("b", b, "2024-05-16", ev("v1", "CONSULT", ["UZB"], ["KAZ"], b, b,
                                                sectors=["A01"])))
    [event] = store.event_page()["items"]
    assert sorted(event["sectors"]) == ["A01", "D"]


@pytest.mark.parametrize(("second", "modality", "merged"), [
    ("2024-05-16", "asserted", True),     # within ±2 days
    ("2024-05-17", "asserted", False),    # three days later: another meeting
    ("2024-05-30", "future", True),       # planned: the same month suffices
    ("2024-06-01", "future", False),
])
def test_event_date_window(store: Store, second: str, modality: str, merged: bool) -> None:
    a = "Turkey and Georgia will hold talks."
    b = "Georgian and Turkish ministers to hold talks."
    store.save(report("a", a, "2024-05-14", ev("v1", "CONSULT", ["TUR"], ["GEO"], a, a,
                                                modality=modality)))
    store.save(report("b", b, second, ev("v1", "CONSULT", ["GEO"], ["TUR"], b, b,
                                          modality=modality)))
    assert len(store.event_page()["items"]) == (1 if merged else 2)


def test_different_parties_or_types_never_merge(store: Store) -> None:
    a = "Turkey and Georgia held talks."
    store.save(report("a", a, "2024-05-14", ev("v1", "CONSULT", ["TUR"], ["GEO"], a, a)))
    store.save(report("b", a + " (b)", "2024-05-14",
                      ev("v1", "CONSULT", ["TUR"], ["ARM"], a, a)))
    store.save(report("c", a + " (c)", "2024-05-14",
                      ev("v1", "AGREE", ["TUR"], ["GEO"], a, a)))
    assert len(store.event_page()["items"]) == 3


def test_entities_resolve_across_spellings_and_keep_titles(store: Store) -> None:
    t1 = "President Volodymyr Zelenskyy met AKFA executives."
    t2 = "Zelensky thanked Akfa Group for the donation."
    t3 = "Volodymyr Zelensky, then a comedian, spoke at the Akfa Group forum."
    store.save(report("a", t1, "2024-01-10",
                      entities=[person("e1", "Volodymyr Zelenskyy", "UKR", t1, "President"),
                                org("e2", "AKFA", "UZB")]))
    store.save(report("b", t2, "2024-02-10",
                      entities=[person("e1", "Zelensky", "UKR", t2),
                                org("e2", "Akfa Group", "UZB")]))
    store.save(report("c", t3, "2018-02-10",
                      entities=[person("e1", "Volodymyr Zelensky", "UKR", t3, "comedian"),
                                org("e2", "Akfa Group", None)]))
    people = store.entity_page(kind="person")["items"]
    assert len(people) == 1
    zelensky = people[0]
    assert zelensky["articles"] == 3
    assert zelensky["title"] == "President"  # the latest dated title
    assert set(zelensky["aliases"]) | {zelensky["name"]} == {
        "Volodymyr Zelenskyy", "Zelensky", "Volodymyr Zelensky"}
    detail = store.world_entity(int(zelensky["id"]))
    assert detail is not None
    assert [t["title"] for t in detail["titles"]] == ["comedian", "President"]
    orgs = store.entity_page(kind="organization")["items"]
    assert len(orgs) == 1 and orgs[0]["articles"] == 3


def test_entities_that_only_look_alike_stay_apart(store: Store) -> None:
    t = "Vladimir Putin met Viktor Orban and Peter Orban."
    store.save(report("a", t, "2024-01-10", entities=[
        person("e1", "Vladimir Putin", "RUS", t), person("e2", "Viktor Orban", "HUN", t),
        person("e3", "Peter Orban", "HUN", t)]))
    t2 = "Orban spoke."  # ambiguous surname: a new entity rather than a wrong merge
    store.save(report("b", t2, "2024-01-11", entities=[person("e1", "Orban", "HUN", t2)]))
    assert len(store.entity_page(kind="person")["items"]) == 4


def test_keys_fold_transliterations() -> None:
    assert crossref.keys("person", "Zelenskyy", "UKR")[0] == crossref.keys(
        "person", "Zelenskiy", "UKR")[0]
    assert crossref.keys("organization", "AKFA", None)[0] == crossref.keys(
        "organization", "Akfa Group LLC", None)[0] - {"~ag"}


WIRE = ("Kazakhstan and Uzbekistan signed an agreement on water sharing in Astana on Monday, "
        "officials said, adding that the accord covers the Syr Darya basin and will be "
        "reviewed every five years by a joint commission of both governments.")


def _wire(article_id: str, text: str) -> Article:
    needle = "signed an agreement on water sharing"
    return report(article_id, text, "2024-03-04",
                  ev("v1", "SUPPORT", ["KAZ"], ["UZB"], text, needle, sectors=["E36"]),
                  figures=[Figure("other", ["KAZ", "UZB"], value=5.0,
                                  evidence=span(text, "every five years"))])


def test_near_duplicate_is_stored_but_adds_nothing(store: Store) -> None:
    assert store.add(_wire("orig", WIRE)).duplicate_of is None
    before = (count(store, WorldEventRow), count(store, EventMentionRow),
              count(store, FigureCountryRow), count(store, WorldEntityRow))
    corrected = WIRE.replace("Monday", "Monday (corrects day)") + " Reuters."
    saved = store.add(_wire("corr", corrected))
    assert saved.stored and saved.duplicate_of == "orig"
    # a copy of the copy points at the original
    assert store.add(_wire("copy2", corrected + " Via AP.")).duplicate_of == "orig"
    after = (count(store, WorldEventRow), count(store, EventMentionRow),
             count(store, FigureCountryRow), count(store, WorldEntityRow))
    assert after == before
    [event] = store.event_page()["items"]
    assert event["mention_count"] == 1
    assert len(store.figure_page()["items"]) == 1
    assert store.article_record("corr")["duplicate_of"] == "orig"  # type: ignore[index]


def test_exact_copy_under_another_id_is_refused(store: Store) -> None:
    assert store.save(_wire("orig", WIRE))
    saved = store.add(_wire("other-id", WIRE))
    assert not saved.stored and saved.duplicate_of == "orig"


def test_near_duplicates_found_across_store_instances(db_url: str) -> None:
    with Store(db_url) as first:
        first.save(_wire("orig", WIRE))
    with Store(db_url) as second:  # a new run: the LSH index is in the database
        assert second.add(_wire("corr", WIRE + " Updated.")).duplicate_of == "orig"
        assert count(second, MinhashBandRow) == 2 * 25


def test_different_stories_are_not_duplicates(store: Store) -> None:
    store.save(_wire("orig", WIRE))
    other = ("Kazakhstan and Uzbekistan signed an agreement on railway transit in Tashkent on "
             "Friday, creating a freight corridor to China that both governments hope will "
             "double container traffic within three years.")
    assert store.add(report("other", other, "2024-03-04")).duplicate_of is None


def _articles() -> list[Article]:
    return [report(f"r{i}", f"Report {i}: " + BAKU, "2024-05-14", ev(
        "v1", "SUPPORT", ["AZE"], ["UZB"], f"Report {i}: " + BAKU, "signed a memorandum"),
        entities=[person("e1", "Samad Bashirli", "AZE", "")]) for i in range(4)]


def _snapshot(store: Store) -> tuple[int, ...]:
    return (*store.counts().values(), count(store, WorldEventRow), count(store, EventMentionRow),
            count(store, WorldEntityRow), count(store, MinhashBandRow))


def test_reingest_is_idempotent(store: Store) -> None:
    for a in _articles():
        store.save(a)
    once = _snapshot(store)
    assert [store.save(a) for a in _articles()] == [False] * 4
    assert _snapshot(store) == once


def test_interrupted_ingest_resumes_without_loss_or_duplicates(
        store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    articles = _articles()
    real = crossref.link_events
    calls = {"n": 0}

    def crash_on_third(*args, **kwargs):  # the process dies mid-save of article 3
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(crossref, "link_events", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        for a in articles:
            store.save(a)
    assert store.counts()["articles"] == 2
    assert count(store, EventMentionRow) == 2  # nothing of article 3 is left behind
    monkeypatch.setattr(crossref, "link_events", real)
    assert [store.save(a) for a in articles] == [False, False, True, True]
    [event] = store.event_page()["items"]
    assert event["mention_count"] == 4
    assert len({m["article_id"] for m in store.world_event(int(event["id"]))["mentions"]}) == 4
