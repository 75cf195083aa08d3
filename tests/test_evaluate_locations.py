"""The event-location scorer (bilat.evaluate.articles.location_match): when a predicted
place is the place the annotation gives."""

from __future__ import annotations

from bilat.evaluate.articles import location_match


def _loc(name: str, country: str | None, kind: str) -> dict:
    return {"name": name, "country": country, "kind": kind}


def test_a_name_written_longer_or_shorter_is_the_same_place():
    assert location_match(_loc("Navoi", "UZB", "region"), _loc("Navoi Region", "UZB", "region"))
    assert not location_match(_loc("Navoi", "UZB", "region"), _loc("Navoi", "KAZ", "region"))


def test_a_venue_is_the_city_the_guidelines_name_it_by():
    """"in the Kremlin" is annotated "Moscow" when the text names Moscow (GUIDELINES.md)."""
    assert location_match(_loc("Moscow", "RUS", "venue"), _loc("Kremlin", "RUS", "venue"))
    assert location_match(_loc("Moscow", "RUS", "venue"),
                          _loc("Sheremetyevo Airport", "RUS", "venue"))
    assert not location_match(_loc("Moscow", "RUS", "venue"),
                              _loc("Bocharov Ruchei", "RUS", "venue"))  # in Sochi
    assert not location_match(_loc("Moscow", "RUS", "city"), _loc("Sochi", "RUS", "city"))
