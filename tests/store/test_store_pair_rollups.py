"""The pair page's rollups of migration 0008 against the queries they replace, after
saves one by one and in batches:

- ``pair_places`` (``bilat.store.located``): the same groups, counts, greatest days and
  ids as ``queries._located`` computes from ``event_pairs`` and ``world_events``, as
  reports create events with places and move them to a more specific place or mode;
- ``pair_sector_stages`` (``bilat.store.stages``): the same newest events per sector and
  stage as ``queries._staged`` ranks from ``pair_sector_events``, past ``MAP_IDS``.
"""

from __future__ import annotations

import random
from dataclasses import replace

from sqlalchemy import func, select

from bilat.store import Store, located, migrate, queries, stages
from bilat.store.models import (
    EventPairRow,
    PairPlaceRow,
    PairSectorEventRow,
    PairSectorStageRow,
)
from tests.store._reports import ev, report


def _at(name: str, country: str | None, gid: int | None, kind: str = "city",
        source: str = "sentence") -> dict:
    return {"name": name, "country": country, "geonames_id": gid, "lat": 41.3, "lon": 69.2,
            "kind": kind, "source": source}


#: Places a report may give, from the least to the most specific for one event.
PLACES = [
    None,
    _at("Uzbekistan", "UZB", 1512440, kind="country"),
    _at("Tashkent", "UZB", 1512569, source="dateline"),
    _at("Tashkent", "UZB", 1512569),
    _at("Guba", "AZE", None),
    _at("Congress Hall", None, None, kind="venue"),
]
COUNTRIES = ["AZE", "KAZ", "TUR", "UZB"]
MODES = [None, "visit", "phone", "multilateral"]


def _computed(store: Store, a: str, b: str) -> list[tuple]:
    p = EventPairRow
    with store._sessions() as session:
        return queries._located(session, p, [p.country_a == a, p.country_b == b],
                                p.world_event_id).rows


def _kept(store: Store, a: str, b: str) -> list[tuple]:
    with store._sessions() as session:
        return located.read(session, a, b)


def _pairs(store: Store) -> list[tuple[str, str]]:
    with store._sessions() as session:
        return sorted(set(session.execute(select(EventPairRow.country_a,
                                                 EventPairRow.country_b)).all()))


def _table(store: Store, model) -> list[tuple]:
    with store._sessions() as session:
        return sorted(tuple(r) for r in session.execute(select(model.__table__)).all())


def _assert_kept_as_computed(store: Store) -> None:
    pairs = _pairs(store)
    assert pairs
    for a, b in pairs:
        assert _kept(store, a, b) == _computed(store, a, b), (a, b)


def _report(rng: random.Random, n: int):
    text = f"In report {n}, ministers of the two countries met for talks."
    parties = rng.sample(COUNTRIES, rng.choice([2, 2, 2, 3]))
    event = ev("v1", rng.choice(["CONSULT", "CONSULT", "AGREE"]), parties[:1], parties[1:],
               text, "met for talks")
    event = replace(event, location=rng.choice(PLACES), mode=rng.choice(MODES))
    return report(f"r{n}", text, f"2024-05-{rng.randint(10, 13):02d}", event)


def test_pair_places_kept_as_computed_through_merges(store: Store, monkeypatch) -> None:
    recounted = []
    recount = located.Placed._recount
    monkeypatch.setattr(located.Placed, "_recount",
                        lambda self, conn, insert, g: recounted.append(g) or recount(
                            self, conn, insert, g))
    rng = random.Random(16)
    n = 0
    for _ in range(30):  # one article per transaction
        n += 1
        store.save(_report(rng, n))
    _assert_kept_as_computed(store)
    for _ in range(6):  # batches: events created and moved in one transaction
        batch = []
        for _ in range(8):
            n += 1
            batch.append(_report(rng, n))
        store.save_many(batch)
        _assert_kept_as_computed(store)
    # reports moved events out of groups (otherwise this test proves little)
    assert len(recounted) > 5


def test_an_event_leaving_its_group_takes_its_latest_day_and_id(store: Store) -> None:
    def meeting(article_id: str, day: str, place: dict) -> None:
        text = f"Azerbaijani and Uzbek ministers met for talks ({article_id})."
        event = ev("v1", "CONSULT", ["AZE"], ["UZB"], text, "met for talks")
        store.save(report(article_id, text, day, replace(event, location=place)))

    meeting("a", "2024-05-01", PLACES[1])
    meeting("b", "2024-05-20", PLACES[1])
    before = _kept(store, "AZE", "UZB")
    assert [(r[1], r[7], r[8]) for r in before] == [("uzbekistan", 2, "2024-05-20")]
    # a city for the later meeting: it leaves the country's group
    meeting("c", "2024-05-20", PLACES[3])
    after = _kept(store, "AZE", "UZB")
    assert [(r[1], r[7], r[8]) for r in after] == [("uzbekistan", 1, "2024-05-01"),
                                                   ("tashkent", 1, "2024-05-20")]
    assert after == _computed(store, "AZE", "UZB")


def test_pair_page_places_from_the_rollup_equal_the_computed(store: Store) -> None:
    rng = random.Random(7)
    store.save_many([_report(rng, n) for n in range(40)])
    for a, b in _pairs(store):
        page = store.pair_summary(a, b)
        p = EventPairRow
        with store._sessions() as session:
            computed = queries._located(session, p, [p.country_a == a, p.country_b == b],
                                        p.world_event_id)
            computed = queries._with_locations(session, computed.rows)
        assert page["places"] == queries._places(computed)
        assert page["meeting_places"] == queries._meeting_places(computed, {a, b})


# -- the cooperation map's newest events ------------------------------------------------

SECTORS = ["C27", "C"]
STAGED = ["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "ASSAULT"]
OBJECTS = ["pipeline", "railway", "grain", "vaccine", "bridge", "satellite", "textile"]


def _sector_report(rng: random.Random, n: int):
    thing = rng.choice(OBJECTS)
    text = f"In report {n}, the two governments signed a {thing} accord."
    parties = rng.choice([["AZE", "KAZ"]] * 4 + [["KAZ", "AZE", "TUR"]])
    event = ev("v1", rng.choice(STAGED), parties[:1], parties[1:], text,
               f"signed a {thing} accord",
               modality=rng.choice(["asserted", "asserted", "future", "potential", "negated"]),
               sectors=rng.sample(SECTORS, rng.choice([1, 1, 2])))
    return report(f"s{n}", text, f"2024-{rng.randint(3, 6):02d}-{rng.randint(1, 28):02d}",
                  event)


def _staged_computed(store: Store, a: str, b: str, cap: int | None = stages.MAP_IDS
                     ) -> list[tuple]:
    ps = PairSectorEventRow
    with store._sessions() as session:
        return queries._staged(session, [ps.country_a == a, ps.country_b == b], cap)


def _staged_kept(store: Store, a: str, b: str) -> list[tuple]:
    with store._sessions() as session:
        return stages.read(session, a, b)


def test_pair_sector_stages_keep_the_newest_as_ranked(store: Store) -> None:
    rng = random.Random(5)
    n = 0
    for _ in range(25):
        n += 1
        store.save(_sector_report(rng, n))
    for _ in range(8):
        store.save_many([_sector_report(rng, n + i) for i in range(1, 16)])
        n += 15
        for a, b in _pairs(store):
            assert _staged_kept(store, a, b) == _staged_computed(store, a, b), (a, b)
    # some sector and stage of a pair had more events than the map keeps
    t = PairSectorStageRow
    with store._sessions() as session:
        fullest = session.scalar(select(func.count()).select_from(t).group_by(
            t.country_a, t.country_b, t.sector, t.stage).order_by(func.count().desc()).limit(1))
    assert fullest == stages.MAP_IDS
    assert sum(len(_staged_kept(store, a, b)) for a, b in _pairs(store)) < sum(
        len(_staged_computed(store, a, b, cap=None)) for a, b in _pairs(store))
    page = store.pair_summary("AZE", "KAZ")
    assert page["cooperation_map"] == queries._cooperation_map(
        _staged_computed(store, "AZE", "KAZ"))
    assert page["cooperation_map"]


def test_migration_0008_fills_the_rollups_for_stored_events(store: Store) -> None:
    rng = random.Random(3)
    store.save_many([_report(rng, n) for n in range(30)])
    store.save_many([_sector_report(rng, n) for n in range(60)])
    kept = {m: _table(store, m) for m in (PairPlaceRow, PairSectorStageRow)}
    assert all(kept.values())
    migrate.downgrade(store.engine, "0007")
    migrate.upgrade(store.engine)
    assert {m: _table(store, m) for m in kept} == kept
