"""The resolve stage: one event per real event within an article."""

from __future__ import annotations

from bilat.record import Event, Evidence
from bilat.resolve import CONFIDENCE_CAP, MODE_PRIORITY, merge_events, mode_rank
from bilat.vocab import ConsultMode


def _ev(id_: str, type_: str = "CONSULT", actors=("AZE",), recipients=("UZB",), *,
        mode: str | None = None, modality: str = "asserted", confidence: float = 0.5,
        start: int = 0) -> Event:
    return Event(id=id_, type=type_, mode=mode, modality=modality,
                 actor_countries=list(actors), recipient_countries=list(recipients),
                 confidence=confidence, evidence=[Evidence(start, start + 5)])


def test_resolve_mode_priority_is_the_vocabulary_order():
    assert MODE_PRIORITY == tuple(m.value for m in ConsultMode)
    assert mode_rank("phone") < mode_rank("visit") < mode_rank(None) == len(MODE_PRIORITY)


def test_resolve_merges_mentions_of_one_event():
    out = merge_events([_ev("a", start=0), _ev("b", start=50)])
    assert len(out) == 1 and out[0].id == "v1"
    assert [e.start for e in out[0].evidence] == [0, 50]
    assert out[0].confidence > 0.5


def test_resolve_keeps_the_higher_priority_mode():
    out = merge_events([_ev("a", mode="visit"), _ev("b", mode="phone", start=9)])
    assert out[0].mode == "phone"


def test_resolve_confidence_is_capped():
    out = merge_events([_ev(str(i), confidence=0.95, start=i * 10) for i in range(5)])
    assert out[0].confidence == CONFIDENCE_CAP


def test_resolve_different_modalities_stay_apart():
    out = merge_events([_ev("a"), _ev("b", modality="future", start=20)])
    assert [e.modality for e in out] == ["asserted", "future"]


def test_resolve_one_country_mention_joins_its_unique_fuller_event():
    out = merge_events([_ev("a", recipients=(), start=30), _ev("b", start=0)],
                       pair=("AZE", "UZB"))
    assert len(out) == 1 and out[0].countries == {"AZE", "UZB"}
    assert [e.start for e in out[0].evidence] == [0, 30]


def test_resolve_drops_a_lone_one_country_cooperation_in_a_two_country_text():
    out = merge_events([_ev("a", recipients=())], pair=("AZE", "UZB"))
    assert out == []


def test_resolve_a_merged_party_joins_the_side_of_its_country():
    """"Uzbekistan met Azerbaijan" and "SOCAR and Uzbekneftegaz met": SOCAR is on
    Azerbaijan's side of the merged meeting, Uzbekneftegaz on Uzbekistan's."""
    first = _ev("a", actors=("UZB",), recipients=("AZE",))
    first.actors, first.recipients = ["e1"], ["e2"]
    second = _ev("b", actors=("AZE", "UZB"), recipients=(), start=50)
    second.actors = ["e3", "e4"]
    country_of = {"e1": "UZB", "e2": "AZE", "e3": "AZE", "e4": "UZB"}
    (out,) = merge_events([first, second], country_of=country_of)
    assert (out.actors, out.recipients) == (["e1", "e4"], ["e2", "e3"])
    assert (out.actor_countries, out.recipient_countries) == (["UZB"], ["AZE"])


def test_resolve_a_phone_call_has_no_place_from_a_sentence():
    """"Putin spoke by phone with Bennett" merged with "following up on the talks held in
    Sochi": the place is the earlier meeting's, and a call has none of its own."""
    call = _ev("a", mode="phone")
    talks = _ev("b", start=50)
    talks.location = {"name": "Sochi", "country": "RUS", "kind": "city", "source": "sentence"}
    (out,) = merge_events([call, talks])
    assert out.mode == "phone" and out.location is None
    lone = _ev("c")
    lone.location = {"name": "Sochi", "country": "RUS", "kind": "city", "source": "sentence"}
    assert merge_events([lone])[0].location is not None
