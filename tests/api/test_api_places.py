"""Event locations through the API: the place filters, the map's marks and "where they
meet" on the pair and country pages (issue 16)."""

from __future__ import annotations

from dataclasses import replace

from bilat.lexicon.places import country_place
from tests.store._reports import ev, report

T1 = "Azerbaijani and Uzbek ministers met in Tashkent. They signed a memorandum there."
T2 = "Aliyev and Mirziyoyev met in Guba and signed a roadmap."
T3 = "Azerbaijan and Uzbekistan met Turkey in Samarkand at a summit of Turkic states."
T4 = "Azerbaijani and Uzbek officials met in Istanbul."
T5 = "Uzbek troops fired on Azerbaijani positions."


def _at(name: str, country: str, gid: int | None, lat: float, lon: float,
        kind: str = "city", source: str = "sentence") -> dict:
    return {"name": name, "country": country, "geonames_id": gid, "lat": lat, "lon": lon,
            "kind": kind, "source": source}


TASHKENT = _at("Tashkent", "UZB", 1512569, 41.26465, 69.21627)
GUBA = _at("Guba", "AZE", 585221, 41.36108, 48.51341)
SAMARKAND = _at("Samarkand", "UZB", 1216265, 39.65456, 66.96445)
ISTANBUL = _at("Istanbul", "TUR", 745044, 41.01384, 28.94966)


def _fill(store) -> None:
    store.save(report("p1", T1, "2024-05-14",
                      replace(ev("v1", "CONSULT", ["AZE"], ["UZB"], T1, "met in Tashkent"),
                              location=TASHKENT),
                      replace(ev("v2", "SUPPORT", ["AZE"], ["UZB"], T1, "signed a memorandum"),
                              location=TASHKENT)))
    store.save(report("p2", T2, "2024-06-02",
                      replace(ev("v1", "CONSULT", ["AZE", "UZB"], [], T2, "met in Guba"),
                              location=GUBA)))
    store.save(report("p3", T3, "2024-07-01",
                      replace(ev("v1", "CONSULT", ["AZE", "UZB"], ["TUR"], T3,
                                 "met Turkey in Samarkand"), location=SAMARKAND,
                              mode="multilateral")))
    store.save(report("p4", T4, "2024-08-01",
                      replace(ev("v1", "CONSULT", ["AZE"], ["UZB"], T4, "met in Istanbul"),
                              location=ISTANBUL)))
    store.save(report("p5", T5, "2024-09-01",
                      ev("v1", "ASSAULT", ["UZB"], ["AZE"], T5, "fired on")))


def _types(client, query: str) -> list[tuple[str, str | None]]:
    r = client.get("/api/events?" + query)
    assert r.status_code == 200, r.text
    return sorted((e["type"], (e["location"] or {}).get("name")) for e in r.json()["items"])


def test_events_carry_their_location(client, store) -> None:
    _fill(store)
    events = client.get("/api/events?pair=AZE,UZB").json()["items"]
    by_type = {(e["type"], e["date"]): e["location"] for e in events}
    assert by_type[("CONSULT", "2024-05-14")] == TASHKENT
    assert by_type[("ASSAULT", "2024-09-01")] is None


def test_location_filters(client, store) -> None:
    _fill(store)
    assert _types(client, "location=Tashkent") == [("CONSULT", "Tashkent"),
                                                   ("SUPPORT", "Tashkent")]
    # another spelling of the same place, through the gazetteer's GeoNames ids
    assert _types(client, "location=Quba") == [("CONSULT", "Guba")]
    assert _types(client, "location=585221") == [("CONSULT", "Guba")]
    assert _types(client, "country_of_location=UZB&type=CONSULT") == [
        ("CONSULT", "Samarkand"), ("CONSULT", "Tashkent")]
    assert _types(client, "pair=AZE,UZB&country_of_location=TUR") == [("CONSULT", "Istanbul")]
    assert _types(client, "country=AZE&location=Paris") == []
    r = client.get("/api/events?country_of_location=XXX")
    assert r.status_code == 400 and "country_of_location" in r.json()["detail"]


def test_pair_page_map_and_meeting_places(client, store) -> None:
    _fill(store)
    page = client.get("/api/pairs/AZE/UZB").json()
    marks = {m["name"]: m for m in page["places"]}
    assert set(marks) == {"Tashkent", "Guba", "Samarkand", "Istanbul"}
    assert marks["Tashkent"]["events"] == 2 and marks["Tashkent"]["cooperation"] == 2
    assert (marks["Guba"]["lat"], marks["Guba"]["lon"]) == (41.36108, 48.51341)
    assert marks["Guba"]["id"] == "585221"
    settings = {(r["setting"], r["place"]): r["meetings"] for r in page["meeting_places"]}
    assert settings == {("host", "Tashkent"): 1, ("host", "Guba"): 1,
                        ("neutral", "Istanbul"): 1, ("multilateral", "Samarkand"): 1}


def test_country_page_map_and_meeting_places(client, store) -> None:
    _fill(store)
    page = client.get("/api/countries/AZE").json()
    assert {m["name"] for m in page["places"]} == {"Tashkent", "Guba", "Samarkand", "Istanbul"}
    settings = {(r["setting"], r["place"]) for r in page["meeting_places"]}
    assert settings == {("host", "Guba"), ("abroad", "Tashkent"), ("abroad", "Istanbul"),
                        ("multilateral", "Samarkand")}


def test_world_event_keeps_the_most_specific_location(client, store) -> None:
    """Two reports of one meeting: a country from one, the city from the other."""
    text = "Azerbaijani and Uzbek ministers met."
    store.save(report("r1", text, "2024-10-01",
                      replace(ev("v1", "CONSULT", ["AZE"], ["UZB"], text, "met"),
                              location=country_place("UZB").location("Uzbekistan"))))
    other = "In a separate report, Tashkent hosted talks between the two governments."
    store.save(report("r2", other, "2024-10-01",
                      replace(ev("v1", "CONSULT", ["AZE"], ["UZB"], other, "hosted talks"),
                              location=TASHKENT)))
    events = client.get("/api/events?pair=AZE,UZB").json()["items"]
    assert len(events) == 1 and events[0]["mention_count"] == 2
    assert events[0]["location"] == TASHKENT
