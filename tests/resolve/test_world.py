"""Across articles: which world event a mention reports, and what it adds to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilat.resolve import world


@dataclass
class _World:
    id: int
    day: str
    sectors: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    actor_countries: list[str] = field(default_factory=lambda: ["AZE"])
    recipient_countries: list[str] = field(default_factory=lambda: ["UZB"])
    context: list[str] = field(default_factory=list)
    mode: str | None = None
    date: str | None = None
    cameo: str | None = None
    confidence: float | None = 0.5


@dataclass
class _Mention:
    context: list[str] = field(default_factory=list)
    mode: str | None = None
    date: str | None = None
    cameo: str | None = None
    confidence: float | None = 0.5


def test_world_object_words_name_what_an_agreement_is_about():
    assert world.object_words(
        "signed a memorandum of understanding on cooperation in the textile industry") == {
        "texti", "indus"}
    assert world.object_words("signed a gas supply agreement") == {"gas", "suppl"}
    assert world.object_words("the two sides signed several agreements") == set()


def test_world_window_is_days_for_asserted_and_a_month_for_future():
    assert world.window("2024-05-10", "asserted") == ("2024-05-08", "2024-05-12")
    assert world.window("2024-05-10", "future") == ("2024-05", "2024-05~")
    assert world.window("2024-05", "asserted") == ("2024-05", "2024-05~")
    assert world.window("2024", "asserted") is None


def test_world_choose_prefers_the_nearest_date():
    far, near = _World(1, "2024-05-08"), _World(2, "2024-05-10")
    assert world.choose([far, near], "CONSULT", "2024-05-10", [], set(), set()) is near


def test_world_choose_refuses_disjoint_sectors_but_not_for_consult():
    c = _World(1, "2024-05-10", sectors=["C13"])
    assert world.choose([c], "AGREE", "2024-05-10", ["D35"], set(), set()) is None
    assert world.choose([c], "CONSULT", "2024-05-10", ["D35"], set(), set()) is c


def test_world_choose_refuses_other_named_objects_and_used_events():
    c = _World(1, "2024-05-10", objects=["texti"])
    assert world.choose([c], "AGREE", "2024-05-10", [], {"energ"}, set()) is None
    assert world.choose([c], "AGREE", "2024-05-10", [], {"texti"}, {1}) is None


def test_world_merge_adds_countries_mode_and_confidence():
    w = _World(1, "2024-05-10", mode="visit")
    world.merge(w, _Mention(mode="phone", confidence=0.9, cameo="040"), ["AZE", "TUR"],
                ["UZB"], {"gas"})
    assert w.actor_countries == ["AZE", "TUR"] and w.recipient_countries == ["UZB"]
    assert (w.mode, w.cameo, w.objects) == ("phone", "040", ["gas"])
    assert w.confidence == world.CONFIDENCE_CAP
